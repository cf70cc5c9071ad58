"""The front door: each thing a composer does with a project, written once for `tessera-cli` and
the window.

A `Studio` is an open `Document` (the song, its undo history and takes, its file, see
`engine.studio.document`) with the shared `Models`. Its use cases:

- files: `open`, `new`, `save` (a project with its takes), `export` (MIDI of the song or a
  selection), `write` (a project or a MIDI file, chosen by the name), `summary`;
- composing: `compose_job` / `compose` carry out a request (`engine.compose.requests`) on the
  song and record the result as a take and one undo step; `set_style` and `set_locked` are edits;
- takes: `takes`, `restore_take`;
- sound: `render_job` / `render` write the song, or some tracks and bars, to a WAV or FLAC file;
- checks: `check_job` / `check` compare the song, or some cells, with the training corpus and,
  if asked, a folder of the user's own songs;
- audio to notes: `transcribe_job` / `transcribe` add a clip's notes as a locked track;
- live play: `start_live` connects a keyboard, the model and an output (a MIDI port or the
  Tessera synth on the shared note renderer); `LivePlay.added_to` puts what was played into a
  song.

The slow ones come as a `Job`: `work(progress)` does the slow part and may run on any thread (it
reads what it needs when the job is made, and leaves the document alone), and `finish(result)`
lands the result on the document, on the thread that owns it, and returns what became of it. The
window runs `work` on its job runner and `finish` back on the UI thread while the composer goes
on editing (a composing result is carried over those edits, see `Document.finish_job`); the CLI
calls the plain method, which does both at once. What the text given by a user means (controls,
meter, key) is read by `engine.compose.control_text`; which tracks and bars, by `Selection`.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Generic, Literal, TypeVar

import numpy as np
import numpy.typing as npt

from engine.compose import operations
from engine.compose.requests import AddTrack, Continue, Generate, Lock, Nudge, Regenerate, Request
from engine.errors import TesseraError
from engine.live.music import LiveSettings, add_recording
from engine.live.ports import Message, MidiPorts
from engine.live.rig import LiveRig, open_rig
from engine.live.session import EventCallback, LiveSession
from engine.live.synth import LiveSynth, open_live_synth
from engine.originality.check import CorpusIndex, OriginalityError, Report, WorkInfo, check
from engine.originality.index import index_from_songs
from engine.project.song_files import open_song
from engine.song.edits import set_locked, set_style
from engine.song.selection import parse_indices, parse_span
from engine.song.song import Cell, Song
from engine.song.styles import style_named
from engine.song.summary import song_summary
from engine.song.takes import Take, take_at
from engine.song.theory import NOTE_NAMES
from engine.sound.playback import StreamFactory
from engine.sound.render import (
    SAMPLE_RATE_HZ,
    RenderSelection,
    audio_file_subtype,
    render,
    write_audio,
)
from engine.studio.document import Document
from engine.studio.models import Models
from engine.studio.session import ProjectSession
from engine.transcribe.to_song import GRIDS, grid_ticks, place_clip

if TYPE_CHECKING:
    from engine.transcribe.notes import TranscribedNote

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
        kept = f"; {self.locked_kept} locked cell(s) left as they are" if self.locked_kept else ""
        if not self.applied:
            return f"{self.label} (seed {self.seed}) was {self.note}"
        if self.note:
            return (
                f"{self.label}: done (seed {self.seed}), but the song changed meanwhile: "
                f"{self.note}{kept}"
            )
        return f"{self.label}: done (seed {self.seed}){kept}"


@dataclass(frozen=True)
class Rendered:
    """An audio file written: how long, how loud, and how many notes had to be rendered."""

    path: Path
    seconds: float
    peak_dbfs: float | None
    """None for silence."""
    notes_rendered: int

    def summary(self) -> str:
        peak = f"{self.peak_dbfs:.1f} dBFS" if self.peak_dbfs is not None else "silent"
        return f"{self.seconds:.1f} s, peak {peak}, {self.notes_rendered} distinct notes rendered"


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
        return (
            f"heard {heard.notes} notes, {_pitch_name(heard.lowest)} to "
            f"{_pitch_name(heard.highest)}, in {heard.seconds:.1f} s of audio"
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

    def added_to(self, song: Song, at_bar: int) -> Song:
        """`song` with what was played and answered as new tracks from `at_bar` on."""
        return add_recording(song, self.session.recording(), at_bar)


class Studio:
    """The open project and the models, with every use case the CLI and the window share."""

    def __init__(self, document: Document, models: Models) -> None:
        self.document = document
        self.models = models

    @classmethod
    def headless(cls, models: Models | None = None) -> Studio:
        """A studio without a window (the command line): an empty song until `open`."""
        return cls(Document(ProjectSession(CLI_RECOVERY_DIR)), models or Models())

    @property
    def song(self) -> Song:
        return self.document.song

    # --- files ------------------------------------------------------------------------------

    def open(self, path: str | os.PathLike[str]) -> list[str]:
        """Open a project or MIDI file; returns import warnings. The song stays on error."""
        return self.document.open(path)

    def new(self, song: Song) -> None:
        self.document.new(song)

    def save(self, path: str | os.PathLike[str] | None = None) -> None:
        """Save the project with its takes, to `path` or where it was opened or last saved."""
        self.document.save(path)

    def export(self, path: str | os.PathLike[str], selection: Selection | None = None) -> list[str]:
        """Write the song, or a selection, as MIDI (or a project without takes), leaving the
        project as it is; returns warnings."""
        chosen = selection or Selection()
        tracks = list(chosen.tracks) if chosen.tracks is not None else None
        return self.document.session.export(path, tracks, chosen.bars)

    def write(self, path: str | os.PathLike[str], *, keep_locks: bool = False) -> list[str]:
        """Save to a project (.json, with takes and locks) or export a MIDI file, by the name;
        with `keep_locks`, a MIDI file (which cannot hold them) is refused."""
        target = Path(path)
        if target.suffix.lower() == ".json":
            self.save(target)
            return []
        if keep_locks:
            raise StudioError(
                f"{target.name} is a MIDI file, which cannot hold locks: write a project "
                "instead, such as song.json"
            )
        return self.export(target)

    def summary(self) -> list[str]:
        """Title, length, tempo, meter, key and each track, one line each."""
        return song_summary(self.song)

    # --- edits ------------------------------------------------------------------------------

    def set_style(self, style: str | None) -> bool:
        """Set the style the model writes in (None: none), as one undo step; False when it
        was already that style. An unknown name raises, listing the styles."""
        song = self.song
        if style == song.style:
            return False
        label = style_named(style).label if style else "none"
        self.document.apply_edit(set_style(song, style), f"Set style to {label}")
        return True

    def set_locked(self, cells: Iterable[Cell], locked: bool) -> None:
        """Lock or unlock cells as one undo step (no take: nothing was written)."""
        chosen = tuple(cells)
        self.document.apply_edit(
            set_locked(self.song, chosen, locked),
            f"{'Lock' if locked else 'Unlock'} {len(chosen)} cell(s)",
        )

    # --- composing --------------------------------------------------------------------------

    def compose_job(
        self,
        request: Request,
        seed: int,
        *,
        label: str | None = None,
        base: Song | Literal["current"] | None = "current",
    ) -> Job[Song, Composed]:
        """A request carried out from `base` (the current song, or none for a new song; a
        re-roll passes the song the first try started from) with `seed`, then recorded as a
        take and one undo step. The model loads in `work` if it is not loaded yet."""
        if isinstance(base, str):
            base = None if isinstance(request, Generate) else self.song
        label = label or describe_request(request)
        locked = 0
        if isinstance(request, Regenerate | Nudge) and base is not None:
            _free, held = operations.split_locked(base, request.cells)  # checks the cells exist
            locked = len(held)
        start = self.document.begin_job(base)
        models = self.models
        read = base

        def work(progress: Progress | None) -> Song:
            model = None if isinstance(request, Lock) else models.midi()
            return operations.apply(model, read, request, seed, progress)

        def finish(result: Song) -> Composed:
            finished = self.document.finish_job(
                start, result, f"{label} (seed {seed})", request, seed
            )
            return Composed(request, seed, label, finished.applied, finished.note, locked)

        return Job(f"{label}…", work, finish)

    def compose(self, request: Request, seed: int, progress: Progress | None = None) -> Composed:
        return self.compose_job(request, seed).run(progress)

    # --- takes ------------------------------------------------------------------------------

    @property
    def takes(self) -> tuple[Take, ...]:
        """Every composing result kept with the project, oldest first (take 1 first)."""
        return self.document.session.takes

    def restore_take(self, number: int) -> Take:
        """Make take `number` (from 1) the current song, as one undo step."""
        take = take_at(self.takes, number)
        self.document.restore_take(number)
        return take

    # --- sound ------------------------------------------------------------------------------

    def render_job(
        self, path: str | os.PathLike[str], selection: Selection | None = None
    ) -> Job[Rendered, Rendered]:
        """The song (or a selection) rendered through its timbres into a 44.1 kHz stereo WAV
        or FLAC file. A wrong name is refused before any work; the file is only written once
        the whole render is done, so a cancelled or failed one leaves an earlier file as it was."""
        target = Path(path)
        audio_file_subtype(target)
        song = self.song
        chosen = selection.for_render() if selection is not None else None
        if chosen is not None:
            chosen.check(song)
        models = self.models

        def work(progress: Progress | None) -> Rendered:
            renderer = models.renderer()
            before = renderer.misses
            samples = render(song, renderer, chosen, progress)
            write_audio(target, samples)
            peak = float(np.abs(samples).max(initial=0.0))
            return Rendered(
                target,
                len(samples) / SAMPLE_RATE_HZ,
                20 * float(np.log10(peak)) if peak > 0 else None,
                renderer.misses - before,
            )

        return Job(f"Rendering {target.name}…", work, _same)

    def render(
        self,
        path: str | os.PathLike[str],
        selection: Selection | None = None,
        progress: Progress | None = None,
    ) -> Rendered:
        return self.render_job(path, selection).run(progress)

    # --- checks -----------------------------------------------------------------------------

    def check_job(
        self,
        cells: Iterable[Cell] | None = None,
        *,
        similarity: bool = True,
        against: str | os.PathLike[str] | None = None,
    ) -> Job[Checked, Checked]:
        """Which passages of the song (or the cells) match training works, and, with
        `against`, songs in that folder of the user's own. The first check reads the index."""
        song = self.song
        chosen = list(cells) if cells is not None else None
        folder = Path(against) if against is not None else None

        def work(_progress: Progress | None) -> Checked:
            report = check(song, chosen or None, similarity=similarity)
            if folder is None:
                return Checked(report)
            references = reference_index(folder)
            mine = check(song, chosen or None, index=references, similarity=similarity)
            return Checked(report, mine, len(references.works))

        return Job("Checking originality…", work, _same)

    def check(
        self,
        cells: Iterable[Cell] | None = None,
        *,
        similarity: bool = True,
        against: str | os.PathLike[str] | None = None,
    ) -> Checked:
        return self.check_job(cells, similarity=similarity, against=against).run()

    # --- audio to notes ---------------------------------------------------------------------

    def transcribe_job(self, clip: Clip) -> Job[Heard, Transcribed]:
        """The clip's notes as a new track with every bar locked, so the model builds around
        it: onto the current song when it has music (at its tempo map), else as a new song at
        the clip's tempo. One undo step; edits made meanwhile stay."""
        grid_ticks(clip.quantise)  # a bad grid fails before the clip is read
        if clip.path is None and clip.audio is None:
            raise StudioError("choose an audio file or record a clip first")
        song = self.song
        start = self.document.begin_job(song)
        models = self.models

        def work(progress: Progress | None) -> Heard:
            return _hear(clip, song, models, progress)

        def finish(heard: Heard) -> Transcribed:
            label = f"Add {clip.name} from audio"
            finished = self.document.finish_job(start, heard.song, label)
            return Transcribed(heard, finished.applied, finished.note)

        return Job(f"Listening to {clip.name}…", work, finish)

    def transcribe(self, clip: Clip, progress: Progress | None = None) -> Transcribed:
        return self.transcribe_job(clip).run(progress)

    # --- live play --------------------------------------------------------------------------

    def start_live(
        self,
        ports: MidiPorts,
        settings: LiveSettings,
        keyboard: str,
        output: str | None,
        *,
        hear_keys: bool = False,
        virtual: bool = False,
        on_event: EventCallback | None = None,
        synth: Callable[[LiveSettings], LiveSynth] | None = None,
        stream_factory: StreamFactory | None = None,
    ) -> LivePlay:
        """Play the `keyboard` port with the model answering on `output`: a MIDI output port's
        name, or None for the Tessera synth (made by `synth`, by default on the shared note
        renderer and `stream_factory`'s sound card), which also sounds the keys with
        `hear_keys`. The synth's errors reach `on_event` as ("error", text). `virtual`
        creates the ports."""
        model = self.models.midi()
        if output is not None and hear_keys:
            raise StudioError("hearing your keys needs the Tessera synth as the output")
        played: LiveSynth | None = None
        send: str | Callable[[Message], None] | None = output
        if output is None:
            if synth is not None:
                played = synth(settings)
            else:
                played = open_live_synth(
                    settings, self.models.renderer(), stream_factory=stream_factory
                )
            if on_event is not None:
                report = on_event
                played.on_error = lambda text: report("error", text)
            send = played.send
        assert send is not None
        try:
            rig = open_rig(
                ports,
                model,
                settings,
                keyboard,
                send,
                virtual=virtual,
                on_event=on_event,
                echo=played.send if played is not None and hear_keys else None,
            )
        except BaseException:
            if played is not None:
                played.close()
            raise
        return LivePlay(rig, played)


def describe_request(request: Request) -> str:
    """A request as the undo list and the status line name it, e.g. 'Regenerate 4'."""
    if isinstance(request, Regenerate):
        return f"Regenerate {len(request.cells)}"
    if isinstance(request, Nudge):
        return f"Nudge {request.direction} {request.strength:.2f}"
    if isinstance(request, AddTrack):
        return "Add drum kit" if request.is_drum else "Add track"
    if isinstance(request, Continue):
        return f"Continue {request.bars} bars"
    if isinstance(request, Generate):
        return f"New {request.preset}"
    return f"{'Lock' if request.locked else 'Unlock'} {len(request.cells)} cell(s)"


def reference_index(folder: Path) -> CorpusIndex:
    """An index of every .mid/.midi/.json song in a folder (not recursive), to check against."""
    if not folder.is_dir():
        raise OriginalityError(f"{folder} is not a folder: give a folder of .mid or .json songs")
    songs = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() in (".mid", ".midi", ".json"):
            song, _ = open_song(str(path))
            info = WorkInfo(path.name, song.title, "(your reference)", str(folder), "your own file")
            songs.append((info, song))
    if not songs:
        raise OriginalityError(f"{folder} holds no .mid or .json songs to check against")
    return index_from_songs(songs)


def _hear(clip: Clip, song: Song, models: Models, progress: Progress | None) -> Heard:
    """Read the clip, run the audio-to-notes model and place the notes on `song`."""
    from engine.transcribe.transcriber import load_clip, transcribe  # soundfile, soxr: on use

    if clip.path is not None:
        audio, rate = load_clip(clip.path)
    else:
        assert clip.audio is not None  # checked when the job was made
        audio, rate = clip.audio, clip.rate
    notes: list[TranscribedNote] = transcribe(
        audio,
        rate,
        onset_threshold=clip.onset_threshold,
        frame_threshold=clip.frame_threshold,
        min_note_seconds=clip.min_note_seconds,
        monophonic=clip.monophonic,
        model=models.notes(),
        progress=progress,
    )
    placed, estimated = place_clip(  # no notes: an error saying what to try
        notes,
        song,
        name=clip.name,
        program=clip.program,
        quantise=clip.quantise,
        tempo_bpm=clip.tempo_bpm,
        keep_lead_in=clip.keep_lead_in,
    )
    pitches = [note.pitch for note in notes]
    return Heard(placed, len(notes), min(pitches), max(pitches), len(audio) / rate, estimated)


def _pitch_name(pitch: int) -> str:
    return f"{NOTE_NAMES[pitch % 12]}{pitch // 12 - 1}"


def _same(result: R) -> R:
    return result


__all__ = [
    "QUANTISE_GRIDS",
    "Checked",
    "Clip",
    "Composed",
    "Heard",
    "Job",
    "LivePlay",
    "Progress",
    "Rendered",
    "Selection",
    "Studio",
    "StudioError",
    "Transcribed",
    "describe_request",
    "reference_index",
]
