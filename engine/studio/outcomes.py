"""What the front door's use cases (`engine.studio.use_cases`) take and give back: a `Job` (the slow
part and how its result lands), a `Selection` of tracks and bars, a `Clip` to transcribe, and the
results (`Composed`, `Rendered`, `Checked`, `Heard`, `Transcribed`, `LivePlay`), each able to say
what happened in a line the CLI prints and the window shows.
"""

from __future__ import annotations

import dataclasses
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

import numpy as np
import numpy.typing as npt

from engine.compose import operations
from engine.compose.requests import Request
from engine.errors import TesseraError
from engine.live.music import add_recording
from engine.live.rig import LiveRig
from engine.live.session import LiveSession
from engine.live.synth import LiveSynth
from engine.originality.check import Report
from engine.song.selection import parse_indices, parse_span
from engine.song.song import Cell, Song
from engine.song.takes import Take
from engine.song.theory import NOTE_NAMES
from engine.sound.render import (
    RenderSelection,
)
from engine.transcribe.to_song import GRIDS
from engine.words import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    pass

Progress = Callable[[int, int], None]
"""(done, total): how far a job is; a job's runner may raise from it to cancel the job."""
R = TypeVar("R")
Out = TypeVar("Out")
FloatArray = npt.NDArray[np.float32]
QUANTISE_GRIDS: tuple[str, ...] = tuple(GRIDS)
"""The grids a clip's notes snap to, by name ('1/16', '1/8t', 'off', ...)."""
CLI_RECOVERY_DIR = Path(tempfile.gettempdir()) / "tessera-cli-recovery"
"""Where a command-line session would keep recovery copies (it never autosaves)."""


class StudioError(TesseraError):
    """A use case asked for something the project cannot do; the message says what to do."""


@dataclass(frozen=True)
class Job(Generic[R, Out]):
    """A slow use case: `work` on any thread, then `finish` where the document lives."""

    label: str
    """What the status line says while it runs, e.g. 'Regenerate 4…'."""
    work: Callable[[Progress | None], R]
    finish: Callable[[R], Out]

    def run(self, progress: Progress | None = None) -> Out:
        """Both halves on this thread (the command line's way)."""
        return self.finish(self.work(progress))


@dataclass(frozen=True)
class RestoredTake:
    """A take made the current song; `note` names the locked cells kept ('' for none)."""

    number: int
    take: Take
    note: str = ""

    @property
    def message(self) -> str:
        text = QT_TRANSLATE_NOOP("Outcomes", "restored take {number} ({take})").format(
            number=self.number, take=self.take.describe()
        )
        if not self.note:
            return text
        return QT_TRANSLATE_NOOP("Outcomes", "{text}; {note}").format(text=text, note=self.note)


@dataclass(frozen=True)
class Selection:
    """Some tracks and/or a range of bars, 0-based; None means all of them."""

    tracks: tuple[int, ...] | None = None
    bars: tuple[int, int] | None = None
    """(first, last), inclusive."""

    @classmethod
    def from_text(cls, song: Song, tracks: str | None, bars: str | None) -> Selection:
        """'1,3' or '2-4' (1-based tracks) and '5-8' (1-based bars); None or '' for all."""
        return cls(
            tuple(parse_indices(tracks, "tracks", len(song.tracks))) if tracks else None,
            parse_span(bars, "bars", song.bar_count) if bars else None,
        )

    @property
    def everything(self) -> bool:
        return self.tracks is None and self.bars is None

    def cells(self, song: Song) -> tuple[Cell, ...]:
        return operations.cells_of(song, self.tracks, self.bars)

    def for_render(self) -> RenderSelection:
        first, last = self.bars if self.bars is not None else (0, None)
        return RenderSelection(self.tracks, first, None if last is None else last + 1)


@dataclass(frozen=True)
class Composed:
    """What became of a composing request: applied (perhaps around edits made meanwhile), or
    kept as a take only, with why."""

    request: Request
    seed: int
    label: str
    """What was done, e.g. 'Regenerate 4' (the undo step adds the seed)."""
    applied: bool
    note: str = ""
    locked_kept: int = 0
    """Locked cells of the selection left as they are."""

    @property
    def message(self) -> str:
        if not self.applied:
            return QT_TRANSLATE_NOOP("Outcomes", "{label} (seed {seed}) was {note}").format(
                label=self.label, seed=self.seed, note=self.note
            )
        if self.note:
            done = QT_TRANSLATE_NOOP(
                "Outcomes", "{label}: done (seed {seed}), but the song changed meanwhile: {note}"
            ).format(label=self.label, seed=self.seed, note=self.note)
        else:
            done = QT_TRANSLATE_NOOP("Outcomes", "{label}: done (seed {seed})").format(
                label=self.label, seed=self.seed
            )
        if not self.locked_kept:
            return done
        return QT_TRANSLATE_NOOP(
            "Outcomes", "{done}; {count} locked cell(s) left as they are"
        ).format(done=done, count=self.locked_kept)


@dataclass(frozen=True)
class Rendered:
    """An audio file written: how long, how loud, and how many notes had to be rendered."""

    path: Path
    seconds: float
    peak_dbfs: float | None
    """None for silence."""
    notes_rendered: int

    def summary(self) -> str:
        if self.peak_dbfs is None:
            peak = QT_TRANSLATE_NOOP("Outcomes", "silent")
        else:
            peak = QT_TRANSLATE_NOOP("Outcomes", "{peak:.1f} dBFS").format(peak=self.peak_dbfs)
        return QT_TRANSLATE_NOOP(
            "Outcomes", "{seconds:.1f} s, peak {peak}, {notes} distinct notes rendered"
        ).format(seconds=self.seconds, peak=peak, notes=self.notes_rendered)


@dataclass(frozen=True)
class Checked:
    """The originality report, and the one against the user's own references if asked."""

    report: Report
    references: Report | None = None
    reference_count: int = 0

    @property
    def flagged(self) -> bool:
        return bool(self.report.flagged) or bool(self.references and self.references.flagged)


@dataclass(frozen=True)
class Clip:
    """An audio clip to hear as notes (a file, or recorded samples at `rate`), and how to place
    them: the new track's name and program, the grid, and the model's thresholds."""

    name: str
    path: Path | None = None
    audio: FloatArray | None = None
    rate: int = 0
    monophonic: bool = False
    program: int = 0
    quantise: str = "1/16"
    tempo_bpm: float | None = None
    """A new song's tempo (None: estimated from the notes); a song with music keeps its own."""
    keep_lead_in: bool = False
    onset_threshold: float = 0.7
    frame_threshold: float = 0.2
    min_note_seconds: float = 0.05


@dataclass(frozen=True)
class Heard:
    """A clip's notes placed on the song the job read (the slow half of transcribing)."""

    song: Song
    notes: int
    lowest: int
    highest: int
    seconds: float
    estimated_tempo: float | None


@dataclass(frozen=True)
class Transcribed:
    """A clip added as a locked track (the last one), or refused because the song changed."""

    heard: Heard
    applied: bool
    note: str = ""

    @property
    def track(self) -> int:
        """The new track's index."""
        return len(self.heard.song.tracks) - 1

    def describe_heard(self) -> str:
        heard = self.heard
        return QT_TRANSLATE_NOOP(
            "Outcomes", "heard {notes} notes, {lowest} to {highest}, in {seconds:.1f} s of audio"
        ).format(
            notes=heard.notes,
            lowest=_pitch_name(heard.lowest),
            highest=_pitch_name(heard.highest),
            seconds=heard.seconds,
        )


@dataclass(frozen=True)
class LivePlay:
    """Live play running: the rig (keyboard, session, output port) and the Tessera synth when
    the answers sound through it."""

    rig: LiveRig
    synth: LiveSynth | None = None

    @property
    def session(self) -> LiveSession:
        return self.rig.session

    def close(self) -> None:
        """Stop the session (silencing every note), close the ports and the synth."""
        try:
            self.rig.close()
        finally:
            if self.synth is not None:
                self.synth.close()

    def added_to(self, song: Song, at_bar: int, named: Callable[[str], str] | None = None) -> Song:
        """`song` with what was played and answered as new tracks from `at_bar` on, each
        named by `named` from the engine's English name (the window's language), if given."""
        recording = self.session.recording()
        if named is not None:
            recording = dataclasses.replace(
                recording,
                tracks=tuple(dataclasses.replace(t, name=named(t.name)) for t in recording.tracks),
            )
        return add_recording(song, recording, at_bar)


def _pitch_name(pitch: int) -> str:
    return f"{NOTE_NAMES[pitch % 12]}{pitch // 12 - 1}"
