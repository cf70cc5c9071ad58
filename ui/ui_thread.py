"""The one way worker threads hand results to the UI: `UiThread.post` and `UiThread.wrap`.

Jobs, the player, the live session and model loading all call back from their own threads,
and Qt widgets may only be touched from the UI thread. Every worker in `ui` goes through this
one helper instead of each adapter declaring its own signals: a queued signal carries the call
itself, so it runs on the UI thread, in the order it was posted.

Workers never touch a Qt object that the UI thread may delete. They emit on one mailbox that
lives as long as the application, and they hold a `UiThread` only weakly: whether its owner is
still there is asked on the UI thread, where windows are deleted, so a worker finishing after
its window closed is simply not heard (and never deletes, or races the deletion of, a window).

The connection is always queued, even when posting from the UI thread, so a result never runs
inside the code that posted it: it arrives from the event loop, after the poster has unwound.
"""

from __future__ import annotations

import contextlib
import weakref
from collections.abc import Callable
from typing import ParamSpec

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal

P = ParamSpec("P")


class _Mailbox(QObject):
    """Carries posted calls to the application's thread; one per application, never deleted
    before it."""

    posted = Signal(object)

    def __init__(self, app: QCoreApplication) -> None:
        on_app_thread = QThread.currentThread() is app.thread()
        super().__init__(app if on_app_thread else None)
        if not on_app_thread:  # made by a worker first: pushed to the UI thread, where it runs
            self.moveToThread(app.thread())
        self.posted.connect(self._run, Qt.ConnectionType.QueuedConnection)

    def _run(self, action: Callable[[], object]) -> None:
        action()


_mailboxes: dict[int, _Mailbox] = {}


def _mailbox() -> _Mailbox:
    """The application's mailbox, made on first use (by a worker, it is moved to the UI thread)."""
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("UiThread needs a QApplication: make one before any window")
    mailbox = _mailboxes.get(id(app))
    if mailbox is None or not shiboken6.isValid(mailbox):
        mailbox = _mailboxes[id(app)] = _Mailbox(app)
    return mailbox


def ui_poster() -> Callable[[Callable[[], object]], None]:
    """A function any thread may call to run an action on the UI thread; it holds nothing but
    the application's mailbox."""
    mailbox = _mailbox()

    def post(action: Callable[[], object]) -> None:
        with contextlib.suppress(RuntimeError):  # the application itself is gone
            mailbox.posted.emit(action)

    return post


class UiThread(QObject):
    """Posts calls to the UI thread on behalf of its parent (make it there); calls posted once
    it is deleted (its window closed) are dropped."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._mailbox = _mailbox()
        self._alive = _Liveness(self)

    def post(self, action: Callable[[], object]) -> None:
        """Run `action` on the UI thread soon; safe to call from any thread."""
        _send(self._mailbox, self._alive, action)

    def wrap(self, callback: Callable[P, object]) -> Callable[P, None]:
        """`callback` as a function any thread may call; each call runs on the UI thread. The
        function holds this object only weakly, so a worker keeping it never keeps (or
        deletes) the window."""
        mailbox, alive = self._mailbox, self._alive

        def posted(*args: P.args, **kwargs: P.kwargs) -> None:
            _send(mailbox, alive, lambda: callback(*args, **kwargs))

        return posted


class _Liveness:
    """Whether a `UiThread` still stands, asked only on the UI thread."""

    def __init__(self, owner: UiThread) -> None:
        self._owner = weakref.ref(owner)

    def __call__(self) -> bool:
        owner = self._owner()
        return owner is not None and shiboken6.isValid(owner)


def _send(mailbox: _Mailbox, alive: _Liveness, action: Callable[[], object]) -> None:
    def run_if_alive() -> None:
        if alive():
            action()

    with contextlib.suppress(RuntimeError):  # the application itself is gone
        mailbox.posted.emit(run_if_alive)


def relay(owner: QObject, method: str) -> Callable[..., None]:
    """A callback for an engine thread: each call runs `owner.<method>(*args)` on the UI thread
    (made on the UI thread). It holds `owner` only weakly, so a thread that keeps it (a player
    keeps its callbacks) never keeps, or destroys, a window's object; once `owner` is gone the
    calls are dropped."""
    post, alive = ui_poster(), weakref.ref(owner)

    def call(*args: object) -> None:
        def on_ui_thread() -> None:
            target = alive()
            if target is not None and shiboken6.isValid(target):
                getattr(target, method)(*args)

        post(on_ui_thread)

    return call
