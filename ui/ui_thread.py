"""The one way worker threads hand results to the UI: `UiThread.post` and `UiThread.wrap`.

Jobs, the player, the live session and model loading all call back from their own threads,
and Qt widgets may only be touched from the UI thread. Every worker in `ui` goes through this
one helper instead of each adapter declaring its own signals: a queued signal carries the call
itself, so it runs on the thread the `UiThread` object lives on, in the order it was posted.

The connection is always queued, even when posting from the UI thread, so a result never runs
inside the code that posted it: it arrives from the event loop, after the poster has unwound.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import ParamSpec

from PySide6.QtCore import QObject, Qt, Signal

P = ParamSpec("P")


class UiThread(QObject):
    """Runs posted calls on the thread this object was made on (make it on the UI thread)."""

    _posted = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._posted.connect(self._run, Qt.ConnectionType.QueuedConnection)

    def post(self, action: Callable[[], object]) -> None:
        """Run `action` on the UI thread soon; safe to call from any thread."""
        # Once the window (and so this object) is gone there is nobody left to tell.
        with contextlib.suppress(RuntimeError):
            self._posted.emit(action)

    def wrap(self, callback: Callable[P, object]) -> Callable[P, None]:
        """`callback` as a function any thread may call; each call runs on the UI thread."""

        def posted(*args: P.args, **kwargs: P.kwargs) -> None:
            self.post(lambda: callback(*args, **kwargs))

        return posted

    def _run(self, action: Callable[[], object]) -> None:
        action()
