"""The window's sound actions: Mute/Solo from the track headers, Export Audio, Audio to Notes,
and one-thing-at-a-time between a timbre audition and the song. A mixin like
`ui.project_files`, so the main window stays about layout and wiring; it relies on the window's
`studio`, `document`, `jobs`, `transport`, `apply_edit`, `say` and `show_error`.

Export Audio and Audio to Notes are the front door's (`Studio.render_job`,
`Studio.transcribe_job`, as `tessera-cli render` and `transcribe` run them) on the window's
`JobRunner`, with progress and Cancel. An export's file is only written once the whole render
is done, so a cancelled or failed one leaves any earlier file as it was.
"""

from __future__ import annotations

from pathlib import Path
from typing import cast

from PySide6.QtWidgets import QFileDialog, QWidget

from engine.song.edits import update_track
from engine.song.song import Song
from engine.studio.document import Document
from engine.studio.outcomes import Clip, Rendered, Transcribed
from engine.studio.use_cases import Studio
from ui.audio_import import AudioToNotesDialog
from ui.jobs import JobRunner
from ui.panels.transport import TransportBar

AUDIO_FILTER = "WAV audio (*.wav);;FLAC audio (*.flac)"


class AudioActions:
    """Sound actions for a window that owns a studio (its document), a job runner and a
    transport."""

    studio: Studio
    document: Document
    jobs: JobRunner
    transport: TransportBar

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
        self.apply_edit(song, f"{verb if on else 'Un' + verb.lower()} {current.name}")

    def choose_audio_to_notes(self) -> None:
        dialog = AudioToNotesDialog(parent=cast(QWidget, self))
        if dialog.exec() == AudioToNotesDialog.DialogCode.Accepted:
            self.audio_to_notes(dialog.request())

    def audio_to_notes(self, clip: Clip) -> None:
        """Transcribe a clip in the background and add it as a locked track (one undo step),
        beside whatever the composer edited while it listened."""
        if not self.jobs.start(self.studio.transcribe_job(clip), self._heard, self.show_error):
            self.say(f"still busy with {self.jobs.label}: wait or cancel it first")

    def _heard(self, done: Transcribed) -> None:
        if not done.applied:
            self.say(f"Add {done.heard.song.tracks[-1].name} from audio was {done.note}")
            return
        added = self.document.song
        track = len(added.tracks) - 1
        self.document.set_selection((track, bar) for bar in range(added.bar_count))
        tempo = done.heard.estimated_tempo
        estimated = f", tempo {tempo:g} BPM (estimated)" if tempo else ""
        self.say(
            f"heard {done.heard.notes} notes{estimated}: track {track + 1} is locked; "
            "Add Track (Ctrl+T) writes a part around it"
        )

    def choose_and_export_audio(self) -> None:
        path, _ = QFileDialog.getSaveFileName(cast(QWidget, self), "Export Audio", "", AUDIO_FILTER)
        if path:
            self.export_audio_to(path)

    def export_audio_to(self, path: str | Path) -> None:
        """Render the song to a WAV or FLAC file in the background (a wrong name is refused
        before any work)."""
        if not self.jobs.start(self.studio.render_job(path), self._exported, self.show_error):
            self.say(f"still busy with {self.jobs.label}: wait or cancel it first")

    def _exported(self, rendered: Rendered) -> None:
        self.say(f"exported {rendered.path.name}: {rendered.summary()}")
