"""Run engine work off the UI thread, with progress and cancel, and hand results back as signals.

The engine's long operations are plain functions that take a `progress(done, total)` callback
(see `engine.compose.cell_writer.Progress`); the front door's use cases come as a
`engine.studio.use_cases.Job` (`start` runs its `work` here and its `finish` on the UI thread).
`JobRunner` runs one at a time on a thread of its own; its callback reports progress to the UI
thread and raises `JobCancelledError` once the user has pressed cancel, which unwinds the
engine at its next step. Results, errors and cancellations arrive on the UI thread the same
way (the runner's own signals are emitted from there too), so callbacks may touch widgets.
`progress_text` says how far a job is in the status bar: "Exporting audio… 42%", or that a job
gives no percentage.

Lifetimes: a job's thread holds no Qt object and nothing that owns one. It reaches the UI
thread only through `ui.ui_thread.ui_poster` with a weak reference to its runner, and it lets
go of its `work` before it reports, while the runner keeps its own reference until the report
arrives. So the last reference to a runner, its callbacks or its window is always dropped on
the UI thread: a job that ends after its runner (or window) is gone is not heard, and never
destroys a UI object from its own thread. (On a Qt thread pool it did, on a loaded machine:
the pool thread, trailing its own report, held the runner's last reference through the job's
callbacks, and so destroyed the runner and its pool from inside that pool.)
"""

from __future__ import annotations

import itertools
import threading
import time
import traceback
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Signal

from engine.errors import TesseraError
from engine.studio.outcomes import Job
from engine.words import message_of
from ui.engine_words import engine_text
from ui.i18n import translate
from ui.ui_thread import ui_poster

Work = Callable[[Callable[[int, int], None]], Any]
R = TypeVar("R")
Out = TypeVar("Out")
_job_numbers = itertools.count(1)
_running_threads: weakref.WeakSet[threading.Thread] = weakref.WeakSet()
"""Every job thread started and not yet collected, so the app can wait for them as it quits."""


def wait_for_jobs(timeout_s: float) -> bool:
    """Ask every running job to stop and wait up to `timeout_s` for their threads: True when
    none is left. Called as the app quits, because a daemon thread killed while it is inside
    native code (a model still loading through onnxruntime) aborts the whole process."""
    deadline = time.monotonic() + timeout_s
    for thread in list(_running_threads):
        thread.join(max(0.0, deadline - time.monotonic()))
    return not any(thread.is_alive() for thread in list(_running_threads))


def progress_percent(done: int, total: int) -> int | None:
    """How far a job is, 0-100 (never past 100, never back below 0), or None when its total is
    not known."""
    if total <= 0:
        return None
    return max(0, min(100, 100 * done // total))


def progress_text(label: str, done: int, total: int) -> str:
    """The status line for a running job: its label with a percentage ("Exporting audio… 42%"),
    or, while no total is known, its label saying it has no percentage."""
    percent = progress_percent(done, total)
    if percent is None:
        return translate("Jobs", "{label} (no percentage yet)").format(label=label)
    return translate("Jobs", "{label} {percent}%").format(label=label, percent=percent)


class JobCancelledError(TesseraError):
    """Raised inside a job's progress callback once the user has cancelled it."""


@dataclass(frozen=True)
class _Outcome:
    """How a job ended: "done" with a result, "failed" with (text, traceback), or "cancelled"."""

    kind: Literal["done", "failed", "cancelled"]
    result: Any = None
    text: str = ""
    trace: str = ""


Message = _Outcome | tuple[int, int]
"""What a job's thread reports: its progress (done, total), then once how it ended."""


@dataclass
class _Job:
    """What the UI thread keeps of a running job: its callbacks, and its work until it ends
    (so the work's closures are let go here, not on the job's thread)."""

    number: int
    work: Work
    cancel: threading.Event
    on_done: Callable[[Any], None]
    on_error: Callable[[str, str], None]
    on_cancel: Callable[[], None] | None
    thread: threading.Thread | None = None


def _run_job(
    holding: list[Work], cancel: threading.Event, report: Callable[[Message], None]
) -> None:
    """A job's thread: run the work held in `holding` (taken out, so that once it is let go
    only the UI thread holds it), reporting progress until `cancel` is set, then the outcome."""
    work = holding.pop()

    def progress(done: int, total: int) -> None:
        if cancel.is_set():
            raise JobCancelledError("cancelled")
        report((done, total))

    try:
        outcome = _Outcome("done", work(progress))
    except JobCancelledError:
        outcome = _Outcome("cancelled")
    except TesseraError as err:
        outcome = _Outcome("failed", text=message_of(err))
    except Exception as err:
        text = f"{type(err).__name__}: {err}"
        outcome = _Outcome("failed", text=text, trace=traceback.format_exc())
    del work  # before the report: the UI thread lets go of it last
    report(outcome)


def _deliver(runner: weakref.ref[JobRunner], number: int, message: Message) -> None:
    """On the UI thread: hand a job's report to its runner, unless the runner is gone."""
    alive = runner()
    if alive is not None and shiboken6.isValid(alive):
        alive._receive(number, message)


class JobRunner(QObject):
    """One background job at a time. `started(label)`, `progress(done, total)` and `ended()`
    drive the status bar; each job's own outcome goes to the callbacks given to `run`."""

    started = Signal(str)
    progress = Signal(int, int)
    ended = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._post = ui_poster()
        self._job: _Job | None = None
        self.label = ""

    @property
    def busy(self) -> bool:
        return self._job is not None

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
        number = next(_job_numbers)
        job = _Job(number, work, threading.Event(), on_done, on_error, on_cancel)
        self._job, self.label = job, label
        post, runner = self._post, weakref.ref(self)

        def report(message: Message) -> None:  # on the job's thread: holds nothing of the UI
            post(lambda: _deliver(runner, number, message))

        job.thread = threading.Thread(
            target=_run_job,
            args=([work], job.cancel, report),
            name=f"tessera-job-{number}",
            daemon=True,
        )
        self.started.emit(label)
        _running_threads.add(job.thread)
        job.thread.start()
        return True

    def _receive(self, number: int, message: Message) -> None:
        """A report from the job numbered `number` (a late word from an ended job is dropped)."""
        job = self._job
        if job is None or job.number != number:
            return
        if not isinstance(message, _Outcome):
            self.progress.emit(*message)
            return
        self._job = None
        self.ended.emit()
        if message.kind == "done":
            job.on_done(message.result)
        elif message.kind == "failed":
            job.on_error(engine_text(message.text), message.trace)
        elif job.on_cancel is not None:
            job.on_cancel()

    def start(
        self,
        job: Job[R, Out],
        on_done: Callable[[Out], None],
        on_error: Callable[[str, str], None],
        on_cancel: Callable[[], None] | None = None,
        label: str | None = None,
    ) -> bool:
        """Run a front-door job: its `work` here, its `finish` on the UI thread, whose outcome
        goes to `on_done` (an error in `finish` goes to `on_error` too). False when busy.
        `label` (in the user's language) stands for the job's own in the status bar."""

        def finish(result: R) -> None:
            try:
                outcome = job.finish(result)
            except TesseraError as err:
                on_error(engine_text(err), "")
                return
            on_done(outcome)

        return self.run(label or engine_text(job.label), job.work, finish, on_error, on_cancel)

    def cancel(self) -> None:
        """Ask the running job to stop at its next step."""
        if self._job is not None:
            self._job.cancel.set()

    def wait(self, timeout_ms: int = 60_000) -> bool:
        """Block until the job's thread has ended (for tests and for closing the window); its
        outcome still arrives through the event loop."""
        job = self._job
        if job is None or job.thread is None:
            return True
        job.thread.join(timeout_ms / 1000)
        return not job.thread.is_alive()
