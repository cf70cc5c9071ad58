"""How busy the picture is over time, 0 (still) to 1 (fast cutting, much motion).

Two things make a picture feel energetic: how often it cuts and how much moves. The curve
mixes the cut rate (cuts per second over `RATE_WINDOW_S`, full at `FULL_CUT_RATE`) with the
motion (mean absolute change of grey levels between frames, full at `FULL_MOTION`), sampled
every `STEP_S`, smoothed, and kept within `FLOOR`-`CEILING` so music never stops dead or
shouts all through. The user may redraw it: `from_points` makes a curve of their own from
typed points, and `painted` draws a stroke of the mouse into one (the window's energy lane).
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from engine.atomic_write import write_atomically
from engine.video.cuts import Cuts
from engine.video.probe import VideoError
from engine.words import QT_TRANSLATE_NOOP

STEP_S = 0.5
RATE_WINDOW_S = 4.0
FULL_CUT_RATE = 1.0
FULL_MOTION = 0.03
FLOOR, CEILING = 0.2, 0.9


@dataclass(frozen=True)
class EnergyCurve:
    """Energy values (0-1) at times (seconds, ascending); linear between them."""

    times: tuple[float, ...]
    values: tuple[float, ...]

    def at(self, time: float) -> float:
        return float(np.interp(time, self.times, self.values))

    def mean(self, start: float, end: float) -> float:
        """The curve's mean over [start, end]."""
        if end <= start:
            return self.at(start)
        grid = np.linspace(start, end, max(int((end - start) / 0.1), 2))
        return float(np.mean(np.interp(grid, self.times, self.values)))

    def text(self) -> str:
        return " ".join(f"{t:g}={v:.2f}" for t, v in zip(self.times, self.values, strict=True))

    @property
    def points(self) -> tuple[tuple[float, float], ...]:
        """(time, energy) pairs, as `from_points` takes them."""
        return tuple(zip(self.times, self.values, strict=True))


def on_grid(curve: EnergyCurve, grid: EnergyCurve) -> EnergyCurve:
    """`curve` sampled at `grid`'s times (a few typed points become one value per step, so
    a stroke can change any step of it)."""
    if curve.times == grid.times:
        return curve
    return EnergyCurve(grid.times, tuple(round(curve.at(t), 3) for t in grid.times))


def painted(
    curve: EnergyCurve, start: tuple[float, float], end: tuple[float, float]
) -> EnergyCurve:
    """The curve with a stroke drawn in from `start` to `end` (time, energy): each point
    between the two times takes the stroke's value there, and a stroke narrower than one step
    sets the point nearest its end, so a click sets one point and a fast drag leaves no gaps."""
    (t0, v0), (t1, v1) = sorted((start, end))
    times = np.asarray(curve.times)
    inside = (times >= t0) & (times <= t1)
    if not inside.any():
        inside = np.zeros(len(times), dtype=bool)
        inside[int(np.argmin(np.abs(times - end[0])))] = True
    stroke = np.interp(times, [t0, t1], [v0, v1]) if t1 > t0 else np.full(len(times), end[1])
    values = np.where(inside, np.clip(stroke, 0.0, 1.0), curve.values)
    return EnergyCurve(curve.times, tuple(round(float(v), 3) for v in values))


def from_points(points: Sequence[tuple[float, float]]) -> EnergyCurve:
    """A curve the user drew: (time, energy) points, energy 0-1, times not repeated."""
    if not points:
        raise VideoError(
            QT_TRANSLATE_NOOP(
                "VideoEnergy", "an energy curve needs at least one point such as 0=0.5"
            )
        )
    ordered = sorted(points)
    for time, value in ordered:
        if not 0.0 <= value <= 1.0 or time < 0:
            raise VideoError(
                QT_TRANSLATE_NOOP(
                    "VideoEnergy",
                    "energy point {time:g}={value:g}: the time must be 0 or more seconds "
                    "and the energy 0-1",
                ).format(time=time, value=value)
            )
    times = [t for t, _ in ordered]
    if len(set(times)) != len(times):
        raise VideoError(QT_TRANSLATE_NOOP("VideoEnergy", "an energy curve gives each time once"))
    return EnergyCurve(tuple(times), tuple(v for _, v in ordered))


def picture_energy(
    motion: npt.NDArray[np.float32], times: Sequence[float], cuts: Cuts
) -> EnergyCurve:
    """The energy curve from each frame's motion (its change from the frame before, 0-1, a
    cut's frame excluded) and the cuts."""
    duration = cuts.duration_s
    grid = np.arange(0.0, duration + STEP_S / 2, STEP_S)
    frame_times = np.asarray(times, dtype=np.float64)
    values = []
    for time in grid:
        low, high = time - RATE_WINDOW_S / 2, time + RATE_WINDOW_S / 2
        span = min(high, duration) - max(low, 0.0)
        rate = cuts.between(max(low, 0.0), min(high, duration)) / max(span, STEP_S)
        chosen = (frame_times >= time - STEP_S) & (frame_times < time + STEP_S)
        moving = float(np.median(motion[chosen])) if chosen.any() else 0.0
        level = 0.5 * min(rate / FULL_CUT_RATE, 1.0) + 0.5 * min(moving / FULL_MOTION, 1.0)
        values.append(FLOOR + (CEILING - FLOOR) * level)
    smooth = np.convolve(np.pad(values, 1, mode="edge"), np.ones(3) / 3, mode="valid")
    return EnergyCurve(tuple(float(t) for t in grid), tuple(round(float(v), 3) for v in smooth))


SCORE_FILE_FORMAT = "tessera-video-score"
SCORE_FILE_VERSION = 1
MAX_SCORE_FILE_BYTES = 4_000_000
"""A score file holds a video's cuts and curve: a few kilobytes even for hours of picture."""


@dataclass(frozen=True)
class VideoScoreFile:
    """What a scored video's project keeps beside it (`score_file_for`): the video, the
    style and seed its music was written with, the cuts the user settled on, and the energy
    curve they drew (None: the picture's own)."""

    video: Path
    style: str
    seed: int
    cuts: tuple[float, ...]
    drawn: EnergyCurve | None


def score_file_for(project: str | os.PathLike[str]) -> Path:
    """Where a project's video score is kept: 'clip.song.json' keeps 'clip.song.video.json'.
    A separate file, so a project opens the same with or without it, in any Tessera."""
    path = Path(project)
    return path.with_name(path.stem + ".video.json")


def save_score_file(project: str | os.PathLike[str], score: VideoScoreFile) -> Path:
    target = score_file_for(project)
    data = {
        "format": SCORE_FILE_FORMAT,
        "version": SCORE_FILE_VERSION,
        "video": str(score.video.absolute()),
        "style": score.style,
        "seed": score.seed,
        "cuts_s": list(score.cuts),
        "energy": None if score.drawn is None else [list(p) for p in score.drawn.points],
    }
    text = json.dumps(data, indent=1) + "\n"
    write_atomically(target, lambda handle: handle.write(text.encode("utf-8")))
    return target


def load_score_file(project: str | os.PathLike[str]) -> VideoScoreFile | None:
    """The project's video score, or None when it has none; a damaged one is a VideoError
    that names the file and the field. A relative video path is taken from the project's
    folder (the file is written with an absolute one)."""
    path = score_file_for(project)
    if not path.is_file():
        return None
    if path.stat().st_size > MAX_SCORE_FILE_BYTES:
        raise VideoError(
            QT_TRANSLATE_NOOP(
                "VideoScore", "{name} is over {most} bytes: not a video score"
            ).format(name=path.name, most=MAX_SCORE_FILE_BYTES)
        )
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("format") != SCORE_FILE_FORMAT:
            raise ValueError(f"'format' should be {SCORE_FILE_FORMAT!r}")
        if data.get("version") != SCORE_FILE_VERSION:
            raise ValueError(
                f"'version' should be {SCORE_FILE_VERSION}, got {data.get('version')!r}"
            )
        video, style, seed = data["video"], data["style"], data["seed"]
        if not isinstance(video, str) or not isinstance(style, str) or type(seed) is not int:
            raise ValueError("'video' and 'style' should be text and 'seed' a whole number")
        cuts = tuple(float(t) for t in data["cuts_s"])
        energy = data["energy"]
        drawn = None if energy is None else from_points([(float(t), float(v)) for t, v in energy])
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, VideoError) as err:
        raise VideoError(
            QT_TRANSLATE_NOOP(
                "VideoScore",
                "{name} is not a readable video score ({error}): delete it to open the project "
                "without its video",
            ).format(name=path.name, error=err)
        ) from err
    return VideoScoreFile(path.parent / video, style, seed, cuts, drawn)
