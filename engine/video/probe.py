"""Open a video and say what it holds: length, frame rate, size and whether it has sound.

Every way a file can fail to be a video (missing, not a video, cut short, no picture) becomes
one `VideoError` naming the file and what to do, never a decoder's traceback.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from engine.errors import TesseraError
from engine.words import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from engine.video.backend import VideoBackend

VIDEO_SUFFIXES = (".mp4", ".mov", ".mkv", ".webm", ".m4v")
"""The video files Tessera opens (others FFmpeg reads are tried too, but these are offered)."""


class VideoError(TesseraError):
    """A video that cannot be read or written, with what to do about it."""


@dataclass(frozen=True)
class VideoInfo:
    """What a video holds."""

    path: Path
    duration_s: float
    fps: float
    width: int
    height: int
    has_audio: bool
    codec: str

    def summary(self) -> str:
        sound = "with sound" if self.has_audio else "no sound"
        return (
            f"{self.path.name}: {self.duration_s:.3f} s, {self.width}x{self.height}, "
            f"{self.fps:.3g} frames/s, {self.codec}, {sound}"
        )


def unreadable(path: Path, why: str) -> VideoError:
    """The one error for a video that cannot be read: which file, what was seen, what to do."""
    return VideoError(
        QT_TRANSLATE_NOOP(
            "VideoProbe",
            "cannot read the video {name}: {why}; choose an mp4, mov, mkv or webm file "
            "that plays in a video player",
        ).format(name=path.name, why=why)
    )


def checked_file(path: str | os.PathLike[str]) -> Path:
    """`path` when it names a regular file, or the VideoError that says it does not."""
    where = Path(path)
    if not where.exists():
        raise VideoError(
            QT_TRANSLATE_NOOP(
                "VideoProbe", "cannot read the video {name}: there is no such file ({where})"
            ).format(name=where.name, where=where)
        )
    if not where.is_file():
        raise unreadable(where, QT_TRANSLATE_NOOP("VideoProbe", "it is not a regular file"))
    return where


def probe(path: str | os.PathLike[str], backend: VideoBackend | None = None) -> VideoInfo:
    """What the video at `path` holds, read by `backend` (PyAV when none is given); its
    length is the picture's as the headers say it (the analysis measures it from the frames)."""
    from engine.video.backend import chosen

    return chosen(backend).probe(checked_file(path))
