"""How busy the picture is over time, 0 (still) to 1 (fast cutting, much motion).

Two things make a picture feel energetic: how often it cuts and how much moves. The curve
mixes the cut rate (cuts per second over `RATE_WINDOW_S`, full at `FULL_CUT_RATE`) with the
motion (mean absolute change of grey levels between frames, full at `FULL_MOTION`), sampled
every `STEP_S`, smoothed, and kept within `FLOOR`-`CEILING` so music never stops dead or
shouts all through. The user may redraw it: `from_points` makes a curve of their own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

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
