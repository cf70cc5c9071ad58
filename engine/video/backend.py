"""What reads and writes a video, chosen by the caller: the engine never picks a decoder itself.

Two backends exist. PyAV (`engine.video.pyav_backend`, the optional `video` extra) copies the
picture packet for packet when it muxes a soundtrack in, but its wheel bundles GPL encoders,
so it is never installed by default. Qt Multimedia (`ui.video.qt_media`, part of PySide6's
LGPL add-ons and its LGPL-only FFmpeg) comes with every install; it decodes for analysis and
re-encodes the picture (MPEG-4 at a very high quality) when it writes the scored copy. The
engine never imports Qt, so the app hands a backend to `engine.video` and
`engine.studio.scoring`; without one they use PyAV, which says how to add it when missing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from engine.video.probe import VideoInfo


class DecodedFrame(Protocol):
    """One decoded picture, converted only when asked (most frames are only seen small)."""

    @property
    def time_s(self) -> float | None:
        """When the frame is shown, from the start of the stream; None when unknown."""

    def rgb(self, width: int, height: int) -> npt.NDArray[np.uint8]:
        """The picture scaled to `width` x `height`, as (height, width, 3) pixels."""


class VideoBackend(Protocol):
    """Reads a video's facts and frames, and writes a copy with a new soundtrack."""

    @property
    def name(self) -> str:
        """A short name for messages and the benchmark ('pyav', 'qt')."""

    @property
    def copies_picture(self) -> bool:
        """True when the scored copy's picture is the original's packets, untouched."""

    def probe(self, path: Path) -> VideoInfo:
        """The video's length, size, frame rate and sound; a VideoError when unreadable."""

    def frames(self, path: Path) -> Iterator[DecodedFrame]:
        """Every frame in order. A VideoError when none can be decoded; a file cut short
        ends early instead (what was decoded is the video)."""

    def output_path(self, target: Path) -> Path:
        """Where a copy asked for at `target` is written (a container it cannot write, such
        as webm for Qt, is swapped for one it can)."""

    def audio_rate(self, target: Path) -> int:
        """The soundtrack's sample rate in the copy at `target`."""

    def write(
        self, source: Path, partial: Path, audio: npt.NDArray[np.float32], duration_s: float
    ) -> None:
        """Write `partial`: `source`'s picture with `audio` (stereo float32 at
        `audio_rate(partial)`, exactly `duration_s` long) as its only sound."""


def default_backend() -> VideoBackend:
    """PyAV, imported only when a video is first touched (it says how to add it if missing)."""
    from engine.video.pyav_backend import PyAVBackend

    return PyAVBackend()


def chosen(backend: VideoBackend | None) -> VideoBackend:
    """`backend`, or the default when the caller gave none."""
    return backend if backend is not None else default_backend()
