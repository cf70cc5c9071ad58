"""Run engine work off the UI thread, with progress and cancel, and hand results back as signals.

The engine's long operations are plain functions that take a `progress(done, total)` callback
(see `engine.compose.cell_writer.Progress`); the front door's use cases come as a
`engine.studio.use_cases.Job` (`start` runs its `work` here and its `finish` on the UI thread).
`JobRunner` runs one at a time on Qt's thread pool; its callback reports progress through
`ui.ui_thread.UiThread` and raises `JobCancelledError` once the user has pressed cancel, which
unwinds the engine at its next step. Results, errors and cancellations arrive on the UI thread
the same way (the runner's own signals are emitted from there too), so callbacks may touch
widgets.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from engine.errors import TesseraError
from engine.studio.outcomes import Job
from ui.ui_thread import UiThread

Work = Callable[[Callable[[int, int], None]], Any]
R = TypeVar("R")
Out = TypeVar("Out")


class JobCancelledError(TesseraError):
    """Raised inside a job's progress callback once the user has cancelled it."""


@dataclass(frozen=True)
class _Outcome:
    """How a job ended: "done" with a result, "failed" with (text, traceback), or "cancelled"."""

    kind: Literal["done", "failed", "cancelled"]
    result: Any = None
    text: str = ""
    trace: str = ""


class _Runnable(QRunnable):
    """Runs `work` on a pool thread; `progress` and `finish` are safe to call from it."""

    def __init__(
        self,
        work: Work,
        cancel: threading.Event,
        progress: Callable[[int, int], None],
        finish: Callable[[_Outcome], None],
    ) -> None:
        super().__init__()
        self.work, self.cancel, self.progress, self.finish = work, cancel, progress, finish

    def _progress(self, done: int, total: int) -> None:
        if self.cancel.is_set():
            raise JobCancelledError("cancelled")
        self.progress(done, total)

    def run(self) -> None:
        try:
            result = self.work(self._progress)
        except JobCancelledError:
            self.finish(_Outcome("cancelled"))
        except TesseraError as err:
            self.finish(_Outcome("failed", text=str(err)))
        except Exception as err:
            text = f"{type(err).__name__}: {err}"
            self.finish(_Outcome("failed", text=text, trace=traceback.format_exc()))
        else:
            self.finish(_Outcome("done", result))


class JobRunner(QObject):
    """One background job at a time. `started(label)`, `progress(done, total)` and `ended()`
    drive the status bar; each job's own outcome goes to the callbacks given to `run`."""

    started = Signal(str)
    progress = Signal(int, int)
    ended = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.ui = UiThread(self)
        self._cancel = threading.Event()
        self._running = False
        self.label = ""

    @property
    def busy(self) -> bool:
        return self._running

    def run(
        self,
        label: str,
        work: Work,
        on_done: Callable[[Any], None],
        on_error: Callable[[str, str], None],
        on_cancel: Callable[[], None] | None = None,
    ) -> bool:
        """Start `work` unless a job is running (then False: the caller tells the user)."""
        if self.busy:
            return False
        cancel = self._cancel = threading.Event()
        self._running = True
        self.label = label

        def progress(done: int, total: int) -> None:
            if cancel is self._cancel and self._running:  # not a late word from an ended job
                self.progress.emit(done, total)

        def finish(outcome: _Outcome) -> None:
            self._running = False
            self.ended.emit()
            if outcome.kind == "done":
                on_done(outcome.result)
            elif outcome.kind == "failed":
                on_error(outcome.text, outcome.trace)
            elif on_cancel is not None:
                on_cancel()

        self.started.emit(label)
        self.pool.start(_Runnable(work, cancel, self.ui.wrap(progress), self.ui.wrap(finish)))
        return True

    def start(
        self,
        job: Job[R, Out],
        on_done: Callable[[Out], None],
        on_error: Callable[[str, str], None],
        on_cancel: Callable[[], None] | None = None,
    ) -> bool:
        """Run a front-door job: its `work` here, its `finish` on the UI thread, whose outcome
        goes to `on_done` (an error in `finish` goes to `on_error` too). False when busy."""

        def finish(result: R) -> None:
            try:
                outcome = job.finish(result)
            except TesseraError as err:
                on_error(str(err), "")
                return
            on_done(outcome)

        return self.run(job.label, job.work, finish, on_error, on_cancel)

    def cancel(self) -> None:
        """Ask the running job to stop at its next step."""
        self._cancel.set()

    def wait(self, timeout_ms: int = 60_000) -> bool:
        """Block until the pool is idle (for tests and for closing the window)."""
        return self.pool.waitForDone(timeout_ms)
