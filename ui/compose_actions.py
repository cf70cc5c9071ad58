"""The composing operations as the window runs them: from the selection and the inspector to a
request, off the UI thread through `JobRunner`, and back into the document as a take.

The composer keeps editing while a job runs, so a job notes what it read when it starts and
hands its result to `Document.finish_job`, which lands it around whatever was edited meanwhile
(or keeps it as a take and says why it could not): a result never reverts an edit.

The request is carried out by the same front door as `tessera-cli`'s
(`engine.studio.use_cases.Studio.compose_job`), with the window's shared models; the model loads on
first use, inside the first job, so the window opens at once.

Every press is a new idea: an operation runs with the seed the inspector shows (so a seed the
composer types is used by the next press) and, once it has started, the inspector draws a new
seed for the press after it. Pressing Regenerate or Nudge twice therefore gives two different
results, two takes each recording the seed it used (so either can be made again), and two undo
steps. Re-roll (Ctrl+R) keeps its own meaning: the last operation again from the song it
started on, with the next seed: another version of the last result instead of a change on top
of it (for Continue or Add Track, a different continuation or part rather than a second one).
Flip (T) swaps between the last two takes, as a take restore that keeps locked cells.
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
from engine.song.gm import GM_PROGRAM_NAMES, InstrumentError, instrument_from_name
from engine.song.song import Cell, Song
from engine.studio.outcomes import Composed
from engine.studio.take_flip import TakeFlipError
from engine.studio.use_cases import Studio
from ui.engine_words import engine_text, track_name
from ui.i18n import translate
from ui.jobs import JobRunner
from ui.panels.inspector import Inspector
from ui.panels.words import instrument_label, operation_name


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
        self._running_label: str | None = None
        """The label the running job was started with (a re-roll names itself), if any."""

    # --- operations without the model --------------------------------------------------------

    def set_locked(self, locked: bool) -> None:
        cells = self.document.selection
        if not cells:
            self.message.emit(translate("ComposeActions", "Select cells to lock or unlock first"))
            return
        self.studio.set_locked(cells, locked)

    # --- operations with the model -----------------------------------------------------------

    def regenerate(self) -> None:
        """A new idea for the selected cells: a take with a seed of its own (see the module)."""
        if cells := self._cells_or_say(
            translate("ComposeActions", "Select the cells to regenerate first")
        ):
            self._start(Regenerate(cells, self._controls()))

    def nudge(self) -> None:
        """The selected cells moved a little in the inspector's direction, with a new seed."""
        if cells := self._cells_or_say(
            translate("ComposeActions", "Select the cells to nudge first")
        ):
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
        """The last operation again, from the song it started on, with the next seed (every
        started operation has already drawn a new one)."""
        if self._last is None:
            self.message.emit(
                translate("ComposeActions", "Nothing to re-roll yet: run an operation first")
            )
            return
        label = translate("ComposeActions", "{0} (re-roll)").format(self._last.label)
        self._run(self._last.request, self._last.base, label)

    def flip_takes(self) -> None:
        """Swap the song between the newest take and the one before it; locked cells stay."""
        try:
            number, kept = self.document.flip_takes()
        except TakeFlipError:
            self.message.emit(
                translate(
                    "ComposeActions",
                    "Flipping needs two takes: press R or N to make another idea first",
                )
            )
            return
        if kept:
            text = translate("ComposeActions", "Flipped to take {0}; locked cells kept as they are")
        else:
            text = translate("ComposeActions", "Flipped to take {0}")
        self.message.emit(text.format(number))

    # --- running -----------------------------------------------------------------------------

    def _cells_or_say(self, hint: str) -> tuple[Cell, ...]:
        """The selected cells, or none after saying `hint` (what to select first)."""
        cells = self.document.selection
        if not cells:
            self.message.emit(hint)
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
        """Start the request as a job with the inspector's seed, then draw the next press's
        seed; the job's label, or None when another job is running (the seed then stays)."""
        seed = self.inspector.seed.value()
        job = self.studio.compose_job(request, seed, label=label, base=base, track_names=track_name)
        cancelled = translate("ComposeActions", "Cancelled")
        if not self.jobs.start(
            job, self._done, self.failed.emit, lambda: self.message.emit(cancelled)
        ):
            busy = translate("ComposeActions", "Still busy with {0}: wait or cancel it first")
            self.message.emit(busy.format(self.jobs.label))
            return None
        self.inspector.next_seed()
        self._running_label = label
        return engine_text(job.label).removesuffix("…")

    def _done(self, composed: Composed) -> None:
        """Say how it went and, when it landed, how many cells it changed (marked in the grid;
        a regenerate can write a cell's notes again as they were, so this can be fewer than
        the cells asked for)."""
        said = composed_text(composed, self._running_label)
        if not composed.applied:
            self.message.emit(said)
            return
        count = len(self.document.changed_cells)
        changed = translate("ComposeActions", "%n cell(s) changed", None, count)
        self.message.emit(f"{said} · {changed}")


DRUM_KIT_CHOICE = "Drum kit (GM drums, channel 10)"
"""The Add Track list's first entry in English (`drum_kit_choice` is what the list shows)."""
DEFAULT_PROGRAM = 42
"""Cello: the instrument the Add Track list starts on."""


def drum_kit_choice() -> str:
    """The Add Track list's drum-kit entry, in the user's language."""
    return translate("AddTrack", "Drum kit (GM drums, channel 10)")


def instrument_choices() -> tuple[list[str], int]:
    """The Add Track list (the drum kit, then '1: Acoustic Grand Piano' to '128: Gunshot',
    numbered from 1 as the Track panel numbers them) and the row it starts on (Cello)."""
    programs = [instrument_label(program) for program in range(len(GM_PROGRAM_NAMES))]
    return [drum_kit_choice(), *programs], 1 + DEFAULT_PROGRAM


def instrument_choice(text: str) -> tuple[int, bool]:
    """(program, is_drum) for an Add Track choice: a listed '43: Cello' or a typed number, both
    counted from 1 (General MIDI's own numbering, as the Track panel shows it), the drum kit, or
    a typed name that `engine.song.gm.instrument_from_name` knows ('drums', 'rhodes', '二胡')."""
    if text in (DRUM_KIT_CHOICE, drum_kit_choice()):
        return 0, True
    number, colon, _ = text.replace("：", ":").partition(":")  # a Chinese label's colon too
    shown = number if colon else text
    if shown.strip().isdigit():
        if not 1 <= int(shown) <= len(GM_PROGRAM_NAMES):
            raise InstrumentError(
                translate(
                    "AddTrack",
                    "Instrument numbers run from 1 to 128, got {0}: pick one from the list",
                ).format(int(shown))
            )
        return int(shown) - 1, False
    return instrument_from_name(text)


def flip_action_text() -> str:
    """The menu text of the action that flips between the last two takes (key T)."""
    return translate("ComposeActions", "&Flip Between Last Two Takes")


def run_safely(action: Callable[[], object], report: Callable[[str], None]) -> None:
    """Run a menu action; a TesseraError (for example a bad control) becomes a message."""
    try:
        action()
    except TesseraError as err:
        report(engine_text(err))


def composed_text(composed: Composed, label: str | None = None) -> str:
    """How a composing request went, in the composer's language: "Regenerate: done (seed 5)";
    the engine's `Composed.message` says the same in English for the command line. A note on
    why a result was kept as a take only comes from the engine (translated by `engine_text`).
    `label`, already in the composer's language ("Regenerate (re-roll)"), names the operation
    instead."""
    what = label or operation_name(composed.request.operation)
    if not composed.applied:
        text = translate("ComposeActions", "{what} (seed {seed}): {note}")
        return text.format(what=what, seed=composed.seed, note=engine_text(composed.note))
    if composed.note:
        text = translate(
            "ComposeActions", "{what}: done (seed {seed}), but the song changed meanwhile: {note}"
        )
        done = text.format(what=what, seed=composed.seed, note=engine_text(composed.note))
    else:
        done = translate("ComposeActions", "{what}: done (seed {seed})").format(
            what=what, seed=composed.seed
        )
    kept = composed.locked_kept
    if kept:
        done += "; " + translate("ComposeActions", "%n locked cell(s) left as they are", None, kept)
    return done
