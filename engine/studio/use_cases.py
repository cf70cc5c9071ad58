"""The front door: each thing a composer does with a project, written once for `tessera-cli` and
the window.

A `Studio` is an open `Document` (the song, its undo history and takes, its file, see
`engine.studio.document`) with the shared `Models`. Its use cases:

- files: `open`, `new`, `save` (a project with its takes), `export` (MIDI of the song or a
  selection), `write` (a project or a MIDI file, chosen by the name), `summary`;
- composing: `compose_job` / `compose` carry out a request (`engine.compose.requests`) on the
  song and record the result as a take and one undo step; `set_style` and `set_locked` are edits;
- takes: `takes`, `restore_take`;
- sound: `render_job` / `render` write the song, or some tracks and bars, to a WAV, FLAC, MP3
  or OGG file, with one percentage for the notes and the file (`render_progress`);
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

import contextlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from engine.compose import operations
from engine.compose.requests import (
    Generate,
    Nudge,
    Regenerate,
    Request,
    SectionRequest,
)
from engine.compose.section_ops import locked_cells_kept
from engine.live.music import LiveSettings
from engine.live.ports import Message, MidiPorts
from engine.live.rig import open_rig
from engine.live.session import EventCallback
from engine.live.synth import LiveSynth, open_live_synth
from engine.originality.check import CorpusIndex, OriginalityError, WorkInfo, check
from engine.originality.index import index_from_songs
from engine.project.song_files import open_song
from engine.song.edits import set_locked, set_style
from engine.song.song import Cell, Song
from engine.song.styles import style_named
from engine.song.summary import song_summary
from engine.song.takes import Take, take_at
from engine.sound.audio_files import write_blocks
from engine.sound.playback import StreamFactory
from engine.sound.render import SongMix, audio_file_subtype, render_blocks
from engine.studio.document import Document
from engine.studio.models import Models
from engine.studio.outcomes import (
    CLI_RECOVERY_DIR,
    Checked,
    Clip,
    Composed,
    Heard,
    Job,
    LivePlay,
    Progress,
    R,
    Rendered,
    RestoredTake,
    Selection,
    StudioError,
    Transcribed,
)
from engine.studio.render_progress import ExportProgress
from engine.studio.request_names import describe_request, lock_label, seeded
from engine.studio.session import ProjectSession
from engine.studio.track_names import TrackNamer, name_new_tracks
from engine.transcribe.to_song import grid_ticks, place_clip
from engine.words import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from engine.transcribe.notes import TranscribedNote


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

    def save(self, path: str | os.PathLike[str] | None = None, *, overwrite: bool = False) -> None:
        """Save the project with its takes, to `path` or where it was opened or last saved.
        A project changed on disk since it was opened raises `FileChangedError` unless
        `overwrite`."""
        self.document.save(path, overwrite=overwrite)

    def holding(
        self, *paths: str | os.PathLike[str] | None, on_wait: Callable[[Path], None] | None = None
    ) -> contextlib.AbstractContextManager[None]:
        """Lock these projects (None and MIDI files are skipped) for a command's whole open,
        change and save, so two commands on one project take turns instead of one losing the
        other's change; `on_wait` hears of a project another program holds."""
        chosen = [p for p in paths if p is not None]
        return self.document.session.holding(chosen, on_wait)

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
                QT_TRANSLATE_NOOP(
                    "UseCases",
                    "{name} is a MIDI file, which cannot hold locks: write a project "
                    "instead, such as song.json",
                ).format(name=target.name)
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
        label = style_named(style).label if style else QT_TRANSLATE_NOOP("UseCases", "none")
        said = QT_TRANSLATE_NOOP("UseCases", "Set style to {style}").format(style=label)
        self.document.apply_edit(set_style(song, style), said)
        return True

    def set_locked(self, cells: Iterable[Cell], locked: bool) -> None:
        """Lock or unlock cells as one undo step (no take: nothing was written)."""
        chosen = tuple(cells)
        self.document.apply_edit(
            set_locked(self.song, chosen, locked),
            lock_label(locked, len(chosen)),
        )

    # --- composing --------------------------------------------------------------------------

    def compose_job(
        self,
        request: Request,
        seed: int,
        *,
        label: str | None = None,
        base: Song | Literal["current"] | None = "current",
        track_names: TrackNamer | None = None,
    ) -> Job[Song, Composed]:
        """A request carried out from `base` (the current song, or none for a new song; a
        re-roll passes the song the first try started from) with `seed`, then recorded as a
        take and one undo step. The model loads in `work` if it is not loaded yet. The tracks
        a new song or an Add Track creates are named by `track_names` (see `track_names`)."""
        if isinstance(base, str):
            base = None if isinstance(request, Generate) else self.song
        label = label or describe_request(request)
        locked = 0
        if isinstance(request, Regenerate | Nudge) and base is not None:
            _free, held = operations.split_locked(base, request.cells)  # checks the cells exist
            locked = len(held)
        elif isinstance(request, SectionRequest) and base is not None:
            locked = locked_cells_kept(base, request)
        start = self.document.begin_job(base)
        models = self.models
        read = base

        def work(progress: Progress | None) -> Song:
            model = models.midi() if operations.needs_model(request) else None
            return operations.apply(model, read, request, seed, progress)

        def finish(result: Song) -> Composed:
            result = name_new_tracks(request, read, result, track_names)
            finished = self.document.finish_job(start, result, seeded(label, seed), request, seed)
            return Composed(request, seed, label, finished.applied, finished.note, locked)

        return Job(QT_TRANSLATE_NOOP("UseCases", "{label}…").format(label=label), work, finish)

    def compose(self, request: Request, seed: int, progress: Progress | None = None) -> Composed:
        return self.compose_job(request, seed).run(progress)

    # --- takes ------------------------------------------------------------------------------

    @property
    def takes(self) -> tuple[Take, ...]:
        """Every composing result kept with the project, oldest first (take 1 first)."""
        return self.document.session.takes

    def restore_take(self, number: int) -> RestoredTake:
        """Make take `number` (from 1) the current song, as one undo step; a cell locked in
        the current song keeps its notes and lock (the result names those kept)."""
        take = take_at(self.takes, number)
        note = self.document.restore_take(number)
        return RestoredTake(number, take, note)

    # --- sound ------------------------------------------------------------------------------

    def render_job(
        self, path: str | os.PathLike[str], selection: Selection | None = None
    ) -> Job[Rendered, Rendered]:
        """The song (or a selection) rendered through its timbres into a 44.1 kHz stereo WAV,
        FLAC, MP3 or OGG file. A wrong name is refused before any work; the file is only written
        once the whole render is done, so a cancelled or failed one leaves an earlier file as it
        was."""
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
            # One percentage for the notes and the file written block by block.
            staged = ExportProgress(progress, SongMix(song, renderer, chosen).end_bound_samples)
            blocks = render_blocks(song, renderer, chosen, staged.notes)
            written = write_blocks(target, staged.blocks(blocks))
            staged.finished()
            return Rendered(target, written.seconds, written.peak_dbfs, renderer.misses - before)

        rendering = QT_TRANSLATE_NOOP("UseCases", "Rendering {name}…").format(name=target.name)
        return Job(rendering, work, _same)

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
            raise StudioError(
                QT_TRANSLATE_NOOP("UseCases", "choose an audio file or record a clip first")
            )
        song = self.song
        start = self.document.begin_job(song)
        models = self.models

        def work(progress: Progress | None) -> Heard:
            return _hear(clip, song, models, progress)

        def finish(heard: Heard) -> Transcribed:
            label = QT_TRANSLATE_NOOP("UseCases", "Add {name} from audio").format(name=clip.name)
            finished = self.document.finish_job(start, heard.song, label)
            return Transcribed(heard, finished.applied, finished.note)

        listening = QT_TRANSLATE_NOOP("UseCases", "Listening to {name}…").format(name=clip.name)
        return Job(listening, work, finish)

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
            raise StudioError(
                QT_TRANSLATE_NOOP(
                    "UseCases", "hearing your keys needs the Tessera synth as the output"
                )
            )
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


def reference_index(folder: Path) -> CorpusIndex:
    """An index of every .mid/.midi/.json song in a folder (not recursive), to check against."""
    if not folder.is_dir():
        raise OriginalityError(
            QT_TRANSLATE_NOOP(
                "UseCases", "{folder} is not a folder: give a folder of .mid or .json songs"
            ).format(folder=folder)
        )
    songs = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() in (".mid", ".midi", ".json"):
            song, _ = open_song(str(path))  # only regular files are read: a pipe never hangs it
            info = WorkInfo(path.name, song.title, "(your reference)", str(folder), "your own file")
            songs.append((info, song))
    if not songs:
        raise OriginalityError(
            QT_TRANSLATE_NOOP(
                "UseCases", "{folder} holds no .mid or .json songs to check against"
            ).format(folder=folder)
        )
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


def _same(result: R) -> R:
    return result


__all__ = ["Studio", "describe_request", "reference_index"]
