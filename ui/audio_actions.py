"""The window's sound actions: Mute/Solo from the track headers, Export Audio, Audio to Notes,
and one-thing-at-a-time between a timbre audition and the song. A mixin like
`ui.project_files`, so the main window stays about layout and wiring; it relies on the window's
`document`, `jobs`, `audio`, `transport`, `apply_edit`, `say` and `show_error`.
"""

from __future__ import annotations

from pathlib import Path
from typing import cast

from PySide6.QtWidgets import QFileDialog, QWidget

from engine.song.edits import update_track
from engine.song.song import Song
from engine.studio.document import Document
from ui.audio_export import AUDIO_FILTER, export_audio
from ui.audio_import import AudioToNotesDialog, ClipRequest, ClipResult, transcribe_job
from ui.jobs import JobRunner
from ui.panels.transport import AudioEngine, TransportBar


class AudioActions:
    """Sound actions for a window that owns a document, a job runner and an AudioEngine."""

    document: Document
    jobs: JobRunner
    audio: AudioEngine
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

    def audio_to_notes(self, request: ClipRequest) -> None:
        """Transcribe a clip in the background and add it as a locked track (one undo step),
        beside whatever the composer edited while it listened."""
        song = self.document.song
        start = self.document.begin_job(song)

        def done(result: ClipResult) -> None:
            label = f"Add {request.name} from audio"
            finished = self.document.finish_job(start, result.song, label)
            if not finished.applied:
                self.say(f"{label} was {finished.note}")
                return
            added = self.document.song
            track = len(added.tracks) - 1
            self.document.set_selection((track, bar) for bar in range(added.bar_count))
            tempo = (
                f", tempo {result.estimated_tempo:g} BPM (estimated)"
                if result.estimated_tempo
                else ""
            )
            self.say(
                f"heard {result.notes} notes{tempo}: track {track + 1} is locked; "
                "Add Track (Ctrl+T) writes a part around it"
            )

        work = transcribe_job(request, song)
        if not self.jobs.run(f"Listening to {request.name}", work, done, self.show_error):
            self.say(f"still busy with {self.jobs.label}: wait or cancel it first")

    def choose_and_export_audio(self) -> None:
        path, _ = QFileDialog.getSaveFileName(cast(QWidget, self), "Export Audio", "", AUDIO_FILTER)
        if path:
            self.export_audio_to(path)

    def export_audio_to(self, path: str | Path) -> None:
        """Render the song to a WAV or FLAC file in the background."""
        if not export_audio(
            self.jobs, self.audio, self.document.song, path, done=self.say, failed=self.show_error
        ):
            self.say(f"still busy with {self.jobs.label}: wait or cancel it first")
