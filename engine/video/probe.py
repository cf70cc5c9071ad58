"""Open a video and say what it holds: length, frame rate, size and whether it has sound.

Every way a file can fail to be a video (missing, not a video, cut short, no picture) becomes
one `VideoError` naming the file and what to do, never a decoder's traceback.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from engine.errors import TesseraError
from engine.video.pyav import av
from engine.words import QT_TRANSLATE_NOOP

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
        f"cannot read the video {path.name}: {why}; choose an mp4, mov, mkv or webm file "
        "that plays in a video player"
    )


def open_video(path: str | os.PathLike[str]) -> av.container.InputContainer:
    """The video opened for reading, or a VideoError that says why not."""
    where = Path(path)
    if not where.exists():
        raise VideoError(
            QT_TRANSLATE_NOOP(
                "VideoProbe", "cannot read the video {name}: there is no such file ({where})"
            ).format(name=where.name, where=where)
        )
    if not where.is_file():
        raise unreadable(where, "it is not a regular file")
    try:
        container = av.open(str(where), mode="r")
    except (av.FFmpegError, OSError, ValueError) as err:
        raise unreadable(where, f"it is not a video FFmpeg knows ({_reason(err)})") from err
    if not container.streams.video:
        container.close()
        raise unreadable(where, "it holds no picture (no video stream)")
    return container


def probe(path: str | os.PathLike[str]) -> VideoInfo:
    """What the video at `path` holds; its length is the picture's (the last frame's end)."""
    where = Path(path)
    with open_video(where) as container:
        stream = container.streams.video[0]
        rate = stream.average_rate or stream.guessed_rate or Fraction(25)
        duration = _duration(container, stream)
        if duration is None or duration <= 0:
            raise unreadable(where, "its length is unknown or zero (is it cut short?)")
        codec = stream.codec_context.name if stream.codec_context else "unknown"
        return VideoInfo(
            where,
            duration,
            float(rate),
            int(stream.codec_context.width),
            int(stream.codec_context.height),
            bool(container.streams.audio),
            codec,
        )


def _duration(
    container: av.container.InputContainer, stream: av.video.stream.VideoStream
) -> float | None:
    """The picture's length from the headers (the analysis measures it from the frames)."""
    if stream.duration is not None and stream.time_base is not None:
        return float(stream.duration * stream.time_base)
    if container.duration is not None:
        return float(container.duration) / av.time_base
    return None


def _reason(err: BaseException) -> str:
    """FFmpeg's words for what went wrong, without its error number and the path."""
    if isinstance(err, av.FFmpegError) and err.strerror:
        return str(err.strerror).strip()[:120]
    text = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
    return text[:120]
