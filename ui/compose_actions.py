"""The composing operations as the window runs them: from the selection and the inspector to a
request, off the UI thread through `JobRunner`, and back into the document as a take.

The composer keeps editing while a job runs, so a job notes what it read when it starts and
hands its result to `Document.finish_job`, which lands it around whatever was edited meanwhile
(or keeps it as a take and says why it could not): a result never reverts an edit.

The request is carried out by the same front door as `tessera-cli`'s
(`engine.studio.use_cases.Studio.compose_job`), with the window's shared models; the model loads on
first use, inside the first job, so the window opens at once. Re-roll runs the last operation
again on the song it started from, with a new seed; both results stay in the takes, and undo
goes back to the previous one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from engine.compose.operations import (
    AddTrack,
    Continue,
    Controls,
    Generate,
    Nudge,
    Regenerate,
    Request,
)
from engine.compose.requests import SectionRequest
from engine.errors import TesseraError
from engine.song.gm import instrument_from_name
from engine.song.song import Cell, Song
from engine.studio.outcomes import Composed
from engine.studio.use_cases import Studio
from ui.jobs import JobRunner
from ui.panels.inspector import Inspector


@dataclass(frozen=True)
class _Last:
    request: Request
    base: Song | None
    label: str


class ComposeActions(QObject):
    """Carries out operations on the document's song and selection through the front door
    (`Studio.compose_job`, as `tessera-cli` does); the document tells the views what changed."""

    message = Signal(str)
    failed = Signal(str, str)

    def __init__(
        self,
        studio: Studio,
        inspector: Inspector,
        jobs: JobRunner,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.studio = studio
        self.document = studio.document
        self.inspector, self.jobs = inspector, jobs
        self._last: _Last | None = None

    # --- operations without the model --------------------------------------------------------

    def set_locked(self, locked: bool) -> None:
        cells = self.document.selection
        if not cells:
            self.message.emit("select cells to lock or unlock first")
            return
        self.studio.set_locked(cells, locked)

    # --- operations with the model -----------------------------------------------------------

    def regenerate(self) -> None:
        if cells := self._cells_or_say("regenerate"):
            self._start(Regenerate(cells, self._controls()))

    def nudge(self) -> None:
        if cells := self._cells_or_say("nudge"):
            direction, strength = self.inspector.nudge_direction(), self.inspector.nudge_strength()
            self._start(Nudge(cells, direction, strength, self._controls()))

    def add_track(self, program: int, name: str | None = None, is_drum: bool = False) -> None:
        self._start(AddTrack(program, name, self._controls(), is_drum=is_drum))

    def continue_song(self, bars: int) -> None:
        self._start(Continue(bars, None, self._controls()))

    def generate(self, request: Generate) -> None:
        self._start(request)

    def compose_section(self, request: SectionRequest) -> None:
        """A section operation (regenerate, vary, copy to, make it a ...): a job, a take and one
        undo step, as every other operation."""
        self._start(request)

    @property
    def last_request(self) -> Request | None:
        """The request most recently started (what Re-roll would run again)."""
        return self._last.request if self._last is not None else None

    def reroll(self) -> None:
        """The last operation again, from the song it started on, with a new seed."""
        if self._last is None:
            self.message.emit("nothing to re-roll yet: run an operation first")
            return
        self.inspector.next_seed()
        self._run(self._last.request, self._last.base, self._last.label + " (re-roll)")

    # --- running -----------------------------------------------------------------------------

    def _cells_or_say(self, what: str) -> tuple[Cell, ...]:
        cells = self.document.selection
        if not cells:
            self.message.emit(f"select the cells to {what} first")
        return cells

    def _controls(self) -> Controls:
        return self.inspector.controls()

    def controls(self) -> Controls:
        """The inspector's controls, as an operation started now would use them."""
        return self._controls()

    def _start(self, request: Request) -> None:
        base = None if isinstance(request, Generate) else self.document.song
        job = self._run(request, base, None)
        if job is not None:
            self._last = _Last(request, base, job)

    def _run(self, request: Request, base: Song | None, label: str | None) -> str | None:
        """Start the request as a job; its label, or None when another job is running."""
        seed = self.inspector.seed.value()
        job = self.studio.compose_job(request, seed, label=label, base=base)
        if not self.jobs.start(
            job, self._done, self.failed.emit, lambda: self.message.emit("cancelled")
        ):
            self.message.emit(f"still busy with {self.jobs.label}: wait or cancel it first")
            return None
        return job.label.removesuffix("…")

    def _done(self, composed: Composed) -> None:
        self.message.emit(composed.message)


DRUM_KIT_CHOICE = "Drum kit (GM drums, channel 10)"
"""The Add Track list's first entry; the others are '42: Cello' and so on."""


def instrument_choice(text: str) -> tuple[int, bool]:
    """(program, is_drum) for an Add Track choice: a listed '42: Cello', the drum kit, or a typed
    name that `engine.song.gm.instrument_from_name` knows ('drums', 'rhodes', '二胡', '41')."""
    if text == DRUM_KIT_CHOICE:
        return 0, True
    number, colon, _ = text.partition(":")
    if colon and number.strip().isdigit():
        return instrument_from_name(number)
    return instrument_from_name(text)


def run_safely(action: Callable[[], object], report: Callable[[str], None]) -> None:
    """Run a menu action; a TesseraError (for example a bad control) becomes a message."""
    try:
        action()
    except TesseraError as err:
        report(str(err))
