"""The window's sound actions: Mute/Solo from the track headers, Export Audio, Audio to Notes,
and one-thing-at-a-time between a timbre audition and the song. A mixin like
`ui.project_files`, so the main window stays about layout and wiring; it relies on the window's
`studio`, `document`, `jobs`, `transport`, `apply_edit`, `say` and `show_error`.

Export Audio and Audio to Notes are the front door's (`Studio.render_job`,
`Studio.transcribe_job`, as `tessera-cli render` and `transcribe` run them) on the window's
`JobRunner`, with a percentage and Cancel. An export's file is only written once the whole
render is done, so a cancelled or failed one leaves any earlier file as it was. Export Audio
offers WAV, FLAC, MP3 and OGG, opens in the folder last exported to, suggests the song's title
as the name and the format last chosen (`ui.folders`).
"""

from __future__ import annotations

from pathlib import Path
from typing import cast

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QWidget

from engine.errors import TesseraError
from engine.song.edits import update_track
from engine.song.song import Song
from engine.studio.document import Document
from engine.studio.outcomes import Clip, Rendered, Transcribed
from engine.studio.use_cases import Studio
from ui.audio_import import AudioToNotesDialog
from ui.engine_words import engine_text
from ui.folders import FileKind, remember_folder, suffix_of_filter, suggested_path, with_suffix
from ui.i18n import translate
from ui.jobs import JobRunner
from ui.panels.transport import TransportBar

AUDIO_SUFFIXES = (".wav", ".flac", ".mp3", ".ogg")
"""What Export Audio writes, in the order offered (`engine.sound.audio_files.AUDIO_SUFFIXES`)."""
FORMAT_KEY = "export/audio-format"
"""The settings key of the audio format last exported."""


def audio_filters() -> list[str]:
    """Export Audio's file types, one per format, in `AUDIO_SUFFIXES` order."""
    return [
        translate("AudioActions", "WAV audio, lossless (*.wav)"),
        translate("AudioActions", "FLAC audio, lossless and smaller (*.flac)"),
        translate("AudioActions", "MP3 audio, to share (*.mp3)"),
        translate("AudioActions", "OGG Vorbis audio, to share (*.ogg)"),
    ]


def last_audio_suffix(settings: QSettings) -> str:
    """The format last exported (WAV the first time)."""
    stored = str(settings.value(FORMAT_KEY, AUDIO_SUFFIXES[0]))
    return stored if stored in AUDIO_SUFFIXES else AUDIO_SUFFIXES[0]


class AudioActions:
    """Sound actions for a window that owns a studio (its document), a job runner and a
    transport."""

    studio: Studio
    document: Document
    jobs: JobRunner
    transport: TransportBar
    settings: QSettings

    def apply_edit(self, song: Song, label: str) -> None:
        raise NotImplementedError

    def say(self, text: str) -> None:
        raise NotImplementedError

    def show_error(self, text: str, trace: str) -> None:
        raise NotImplementedError

    def _audition_started(self, on: bool) -> None:
        """One thing sounds at a time: a timbre audition stops the song."""
        if on:
            self.transport.stop()

    def _toggle_track(self, track: int, flag: str, verb: str) -> None:
        """A header's Mute or Solo button: flip the flag as one undoable edit."""
        current = self.document.song.tracks[track]
        on = not getattr(current, flag)
        song = update_track(self.document.song, track, **{flag: on})
        labels = {  # literal texts, so the translation tools find each one
            ("muted", True): translate("AudioActions", "Mute {name}"),
            ("muted", False): translate("AudioActions", "Unmute {name}"),
            ("solo", True): translate("AudioActions", "Solo {name}"),
            ("solo", False): translate("AudioActions", "Unsolo {name}"),
        }
        label = labels[(flag, on)]
        self.apply_edit(song, label.format(name=current.name))

    def _busy(self) -> None:
        text = translate("AudioActions", "still busy with {job}: wait or cancel it first")
        self.say(text.format(job=self.jobs.label))

    def choose_audio_to_notes(self) -> None:
        dialog = AudioToNotesDialog(parent=cast(QWidget, self), settings=self.settings)
        if dialog.exec() == AudioToNotesDialog.DialogCode.Accepted:
            self.audio_to_notes(dialog.request())

    def audio_to_notes(self, clip: Clip) -> None:
        """Transcribe a clip in the background and add it as a locked track (one undo step),
        beside whatever the composer edited while it listened."""
        label = translate("AudioActions", "Turning {name} into notes…").format(name=clip.name)
        job = self.studio.transcribe_job(clip)
        if not self.jobs.start(job, self._heard, self.show_error, label=label):
            self._busy()

    def _heard(self, done: Transcribed) -> None:
        if not done.applied:
            text = translate("AudioActions", "Add {name} from audio was {outcome}")
            self.say(
                text.format(name=done.heard.song.tracks[-1].name, outcome=engine_text(done.note))
            )
            return
        added = self.document.song
        track = len(added.tracks) - 1
        self.document.set_selection((track, bar) for bar in range(added.bar_count))
        tempo = done.heard.estimated_tempo
        if tempo:
            text = translate(
                "AudioActions",
                "heard {notes} notes, tempo {tempo} BPM (estimated): track {track} is locked; "
                "Add Track (Ctrl+T) writes a part around it",
            )
        else:
            text = translate(
                "AudioActions",
                "heard {notes} notes: track {track} is locked; "
                "Add Track (Ctrl+T) writes a part around it",
            )
        self.say(text.format(notes=done.heard.notes, tempo=f"{tempo or 0:g}", track=track + 1))

    def choose_and_export_audio(self) -> None:
        """Ask where to export the song's audio: the folder last exported to, the song's title
        as the name, the format last chosen."""
        suffix = last_audio_suffix(self.settings)
        filters = audio_filters()
        start = suggested_path(
            self.settings,
            FileKind.AUDIO_EXPORT,
            self.document.song.title,
            suffix,
            self.document.session.path,
        )
        path, chosen = QFileDialog.getSaveFileName(
            cast(QWidget, self),
            translate("AudioActions", "Export Audio"),
            start,
            ";;".join(filters),
            filters[AUDIO_SUFFIXES.index(suffix)],
        )
        if path:
            path = with_suffix(
                path, AUDIO_SUFFIXES, suffix_of_filter(chosen, AUDIO_SUFFIXES, suffix)
            )
            remember_folder(self.settings, FileKind.AUDIO_EXPORT, path)
            self.settings.setValue(FORMAT_KEY, Path(path).suffix.lower())
            self.export_audio_to(path)

    def export_audio_to(self, path: str | Path) -> None:
        """Render the song to a WAV, FLAC, MP3 or OGG file in the background (a wrong name is
        refused before any work)."""
        try:
            job = self.studio.render_job(path)
        except TesseraError as err:
            text = translate("AudioActions", "Cannot export audio: {error}")
            self.show_error(text.format(error=engine_text(err)), "")
            return
        label = translate("AudioActions", "Exporting audio…")
        if not self.jobs.start(job, self._exported, self.show_error, label=label):
            self._busy()

    def _exported(self, rendered: Rendered) -> None:
        text = translate("AudioActions", "exported {name}: {summary}")
        self.say(text.format(name=rendered.path.name, summary=engine_text(rendered.summary())))
