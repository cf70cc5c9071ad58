"""One pass over a video's picture: its true length, cuts, energy curve and thumbnails.

Frames are decoded once (by the caller's backend, `engine.video.backend`) and scaled down
(`ANALYSIS_SIZE`) before anything looks at
them, so a 4K video costs little more than a small one to analyse. Each frame gives a colour
histogram (for the cuts), a grey picture (for the motion) and, once per `THUMB_STEP_S`, a
thumbnail for the timeline strip.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt

from engine.video.backend import DecodedFrame, VideoBackend, chosen
from engine.video.cuts import Cuts, detect_cuts, histogram_distances
from engine.video.energy import EnergyCurve, picture_energy
from engine.video.probe import VideoInfo, probe, unreadable

ANALYSIS_SIZE = (64, 36)
THUMB_SIZE = (96, 54)
THUMB_STEP_S = 1.0
BINS = 16
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Thumbnail:
    time_s: float
    rgb: npt.NDArray[np.uint8] = field(repr=False)
    """(height, width, 3) pixels."""


@dataclass(frozen=True)
class Analysis:
    """What the picture says to the music."""

    info: VideoInfo
    duration_s: float
    """The picture's length: the last frame's end."""
    cuts: Cuts
    energy: EnergyCurve
    thumbnails: tuple[Thumbnail, ...]
    frames: int

    def lines(self) -> list[str]:
        return [
            self.info.summary(),
            f"length {self.duration_s:.3f} s ({self.frames} frames)",
            f"cuts ({len(self.cuts.times)}): {self.cuts.text()}",
            f"energy: {self.energy.text()}",
        ]


def analyse(
    path: str | os.PathLike[str],
    progress: Progress | None = None,
    backend: VideoBackend | None = None,
) -> Analysis:
    """Decode the video once and measure it (see the module's notes); a VideoError when it
    cannot be read, or is cut short before any frame."""
    reader = chosen(backend)
    info = probe(path, reader)
    histograms: list[npt.NDArray[np.float32]] = []
    greys: list[npt.NDArray[np.float32]] = []
    times: list[float] = []
    thumbs: list[Thumbnail] = []
    expected = max(int(info.duration_s * info.fps), 1)
    for frame in reader.frames(info.path):
        time = frame.time_s if frame.time_s is not None else len(times) / info.fps
        small = frame.rgb(*ANALYSIS_SIZE)
        histograms.append(_histogram(small))
        greys.append(small.mean(axis=2, dtype=np.float32) / 255.0)
        times.append(time)
        if not thumbs or time - thumbs[-1].time_s >= THUMB_STEP_S - 1e-6:
            thumbs.append(Thumbnail(time, _thumb(frame)))
        if progress is not None and len(times) % 50 == 0:
            progress(min(len(times), expected), expected)
    if not times:
        raise unreadable(Path(path), "no frame of its picture could be decoded (cut short?)")
    start = times[0]
    times = [t - start for t in times]
    step = (times[-1] / (len(times) - 1)) if len(times) > 1 else 1.0 / info.fps
    duration = times[-1] + (1.0 / info.fps if info.fps > 0 else step)
    distances = histogram_distances(np.stack(histograms))
    cuts = detect_cuts(distances, times, info.fps, duration)
    motion = _motion(greys, distances)
    energy = picture_energy(motion, times, cuts)
    if progress is not None:
        progress(expected, expected)
    return Analysis(info, duration, cuts, energy, tuple(thumbs), len(times))


def _histogram(rgb: npt.NDArray[np.uint8]) -> npt.NDArray[np.float32]:
    """Three channel histograms of `BINS` bins each, each summing to 1/3."""
    pixels = rgb.reshape(-1, 3) // (256 // BINS)
    counts = np.concatenate(
        [np.bincount(pixels[:, channel], minlength=BINS) for channel in range(3)]
    ).astype(np.float32)
    normalised: npt.NDArray[np.float32] = counts / counts.sum()
    return normalised


def _motion(
    greys: list[npt.NDArray[np.float32]], distances: npt.NDArray[np.float32]
) -> npt.NDArray[np.float32]:
    out = np.zeros(len(greys), dtype=np.float32)
    for index in range(1, len(greys)):
        out[index] = float(np.mean(np.abs(greys[index] - greys[index - 1])))
    out[distances > 0.25] = 0.0  # a cut is not motion
    return out


def _thumb(frame: DecodedFrame) -> npt.NDArray[np.uint8]:
    return np.ascontiguousarray(frame.rgb(*THUMB_SIZE), dtype=np.uint8)
