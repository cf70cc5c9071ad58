"""Run engine work off the UI thread, with progress and cancel, and hand results back as signals.

The engine's long operations are plain functions that take a `progress(done, total)` callback
(see `engine.cell_writer.Progress`). `JobRunner` runs one at a time on Qt's thread pool; its
callback reports progress through a queued signal and raises `JobCancelledError` once the user has
pressed cancel, which unwinds the engine at its next step. Results, errors and cancellations
arrive on the UI thread, so slots may touch widgets.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from engine.errors import TesseraError

Work = Callable[[Callable[[int, int], None]], Any]


class JobCancelledError(TesseraError):
    """Raised inside a job's progress callback once the user has cancelled it."""


class _Relay(QObject):
    """Lives on the UI thread; the worker emits through it so slots run there."""

    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str, str)
    cancelled = Signal()


class _Runnable(QRunnable):
    def __init__(self, work: Work, relay: _Relay, cancel: threading.Event) -> None:
        super().__init__()
        self.work, self.relay, self.cancel = work, relay, cancel

    def _progress(self, done: int, total: int) -> None:
        if self.cancel.is_set():
            raise JobCancelledError("cancelled")
        self.relay.progress.emit(done, total)

    def run(self) -> None:
        try:
            result = self.work(self._progress)
        except JobCancelledError:
            self.relay.cancelled.emit()
        except TesseraError as err:
            self.relay.failed.emit(str(err), "")
        except Exception as err:
            self.relay.failed.emit(f"{type(err).__name__}: {err}", traceback.format_exc())
        else:
            self.relay.finished.emit(result)


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
        self._cancel = threading.Event()
        self._relay: _Relay | None = None
        self.label = ""

    @property
    def busy(self) -> bool:
        return self._relay is not None

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
        self._cancel = threading.Event()
        relay = _Relay(self)
        relay.progress.connect(self.progress)
        relay.finished.connect(lambda result: self._end(lambda: on_done(result)))
        relay.failed.connect(lambda text, trace: self._end(lambda: on_error(text, trace)))
        relay.cancelled.connect(lambda: self._end(on_cancel or (lambda: None)))
        self._relay = relay
        self.label = label
        self.started.emit(label)
        self.pool.start(_Runnable(work, relay, self._cancel))
        return True

    def cancel(self) -> None:
        """Ask the running job to stop at its next step."""
        self._cancel.set()

    def wait(self, timeout_ms: int = 60_000) -> bool:
        """Block until the pool is idle (for tests and for closing the window)."""
        return self.pool.waitForDone(timeout_ms)

    def _end(self, then: Callable[[], None]) -> None:
        relay, self._relay = self._relay, None
        if relay is not None:
            relay.deleteLater()
        self.ended.emit()
        then()
