"""Where Qt Multimedia's objects live: the thread that runs the application's events.

A job thread that made its own `QMediaPlayer` could hang inside the player's constructor while
the window's thread ran its event loop (about 1 run in 4 of the whole suite), so no player,
sink, recorder or input is ever made, called or deleted on a job thread. `QtThread.call` runs a
function on the application's thread and waits for its result; `post` runs one there without
waiting. On the application's own thread (the command line, which has no other) both simply
call it. The waiting job thread holds no lock Qt needs: it waits on a Python event, which lets
the interpreter go, so the application's thread is always free to run Python slots.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QThread

from engine.video.probe import VideoError
from engine.words import QT_TRANSLATE_NOOP
from ui.ui_thread import ui_poster

R = TypeVar("R")
CALL_LIMIT_S = 60.0
"""A call the application's thread has not run in this long means its events are not being
run (a modal wait on this very job, or the application quitting): an error, not a hang."""


class QtThread:
    """Runs calls on the application's thread for whoever made it (see the module's notes)."""

    def __init__(self) -> None:
        app = QCoreApplication.instance()
        if app is None:
            raise RuntimeError("Qt Multimedia needs an application object: make one first")
        self.thread = app.thread()
        self.here = self.on_it()
        """Made on the application's own thread: waiting for Qt's news there means running its
        events (see `ui.video.qt_playback`)."""
        self._post = ui_poster()

    def on_it(self) -> bool:
        """Whether the caller is on the application's thread (asked at each call: a generator
        made on a job thread may be closed on another)."""
        return QThread.currentThread() is self.thread

    def call(self, action: Callable[[], R]) -> R:
        """`action()` run on the application's thread; its exception is raised here."""
        if self.on_it():
            return action()
        done = threading.Event()
        outcome: list[R] = []
        failure: list[BaseException] = []

        def run() -> None:
            try:
                outcome.append(action())
            except BaseException as err:  # handed back to the caller's thread, raised there
                failure.append(err)
            finally:
                done.set()

        self._post(run)
        if not done.wait(CALL_LIMIT_S):
            raise VideoError(
                QT_TRANSLATE_NOOP(
                    "VideoProbe",
                    "the application did not answer for {seconds:.0f} s while reading or "
                    "writing a video; try again once it is idle",
                ).format(seconds=CALL_LIMIT_S)
            )
        if failure:
            raise failure[0]
        return outcome[0]

    def post(self, action: Callable[[], object]) -> None:
        """Run `action()` on the application's thread soon (at once when already there)."""
        if self.on_it():
            action()
        else:
            self._post(action)
