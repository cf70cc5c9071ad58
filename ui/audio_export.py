"""File → Export Audio: render the song through its timbres to WAV or FLAC, as a job.

The render runs on the job thread with progress and Cancel (the note renderer reports each
batch of notes); the file is only written once the whole render is done, so a cancelled or
failed export leaves any earlier file as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from engine.song.song import Song
from engine.sound.render import SAMPLE_RATE_HZ, audio_file_subtype, render, write_audio
from ui.jobs import JobRunner
from ui.panels.transport import AudioEngine

AUDIO_FILTER = "WAV audio (*.wav);;FLAC audio (*.flac)"


def export_audio(
    jobs: JobRunner,
    audio: AudioEngine,
    song: Song,
    path: str | Path,
    *,
    done: Callable[[str], None],
    failed: Callable[[str, str], None],
) -> bool:
    """Start the export job (False when another job is running); `done` gets a message."""
    target = Path(path)
    audio_file_subtype(target)  # a wrong name is refused before any work

    def work(progress: Callable[[int, int], None]) -> str:
        samples = render(song, audio.load_now(), progress=progress)
        write_audio(target, samples)
        return f"exported {target.name}: {len(samples) / SAMPLE_RATE_HZ:.1f} s of audio"

    return jobs.run(f"Rendering {target.name}", work, done, failed)
