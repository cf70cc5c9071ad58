"""Shot changes: found in the picture, then added, moved or deleted by the user.

A cut is where one shot ends and the next begins: the frame-to-frame distance between colour
histograms jumps (half the summed absolute difference of two normalised histograms, 0 for
the same colours, 1 for none shared). A jump is a cut when it stands well above the distances
around it (`LOCAL_FACTOR` times their median, so a busy hand-held shot does not cut on every
frame) and above `MIN_DISTANCE`, and is the largest within `MIN_GAP_S` (a flash makes one cut,
not two). `Cuts` is a plain value: the user's changes are pure functions returning a new one.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from engine.video.probe import VideoError
from engine.words import QT_TRANSLATE_NOOP

MIN_DISTANCE = 0.25
"""The least histogram distance that may be a cut (0-1)."""
LOCAL_FACTOR = 4.0
LOCAL_WINDOW_S = 1.0
MIN_GAP_S = 0.3
NEAR_S = 0.5
"""How near a time must be to a cut for `--no-cut` or a move to pick it."""


@dataclass(frozen=True)
class Cuts:
    """Cut times in seconds, ascending, each inside (0, duration)."""

    times: tuple[float, ...]
    duration_s: float

    def __post_init__(self) -> None:
        if list(self.times) != sorted(self.times):
            raise VideoError(QT_TRANSLATE_NOOP("VideoCuts", "cut times must be in order"))

    def between(self, start: float, end: float) -> int:
        """How many cuts fall in [start, end)."""
        return bisect.bisect_left(self.times, end) - bisect.bisect_left(self.times, start)

    def text(self) -> str:
        return " ".join(f"{time:.3f}" for time in self.times) or "(none)"


def add_cut(cuts: Cuts, time: float) -> Cuts:
    """`cuts` with one at `time` (kept once if one is already within a frame of it)."""
    if not 0.0 < time < cuts.duration_s:
        raise VideoError(
            QT_TRANSLATE_NOOP(
                "VideoCuts",
                "a cut at {time:g} s is outside the video (0-{duration_s:.3f} s): give "
                "a time inside it",
            ).format(time=time, duration_s=cuts.duration_s)
        )
    if any(abs(time - known) < 1e-3 for known in cuts.times):
        return cuts
    return Cuts(tuple(sorted((*cuts.times, time))), cuts.duration_s)


def nearest_cut(cuts: Cuts, time: float, within: float = NEAR_S) -> int:
    """The index of the cut nearest `time`; a VideoError when none is within `within` s."""
    if cuts.times:
        index = min(range(len(cuts.times)), key=lambda i: abs(cuts.times[i] - time))
        if abs(cuts.times[index] - time) <= within:
            return index
    raise VideoError(
        QT_TRANSLATE_NOOP(
            "VideoCuts", "there is no cut within {within:g} s of {time:g} s: the cuts are at {text}"
        ).format(within=within, time=time, text=cuts.text())
    )


def delete_cut(cuts: Cuts, time: float) -> Cuts:
    """`cuts` without the one nearest `time`."""
    index = nearest_cut(cuts, time)
    return Cuts(cuts.times[:index] + cuts.times[index + 1 :], cuts.duration_s)


def move_cut(cuts: Cuts, time: float, to: float) -> Cuts:
    """`cuts` with the one nearest `time` moved to `to`."""
    return add_cut(delete_cut(cuts, time), to)


def edited(cuts: Cuts, added: Iterable[float] = (), removed: Iterable[float] = ()) -> Cuts:
    """The user's changes: each time in `removed` deletes its nearest cut, then each time in
    `added` adds one."""
    for time in removed:
        cuts = delete_cut(cuts, time)
    for time in added:
        cuts = add_cut(cuts, time)
    return cuts


def histogram_distances(histograms: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """Distance of each frame's histogram from the frame before (0 for the first)."""
    out = np.zeros(len(histograms), dtype=np.float32)
    if len(histograms) > 1:
        out[1:] = 0.5 * np.abs(np.diff(histograms, axis=0)).sum(axis=1)
    return out


def detect_cuts(
    distances: npt.NDArray[np.float32], times: Sequence[float], fps: float, duration_s: float
) -> Cuts:
    """The cuts among frame distances (see the module's notes); a cut's time is the first
    frame of the new shot."""
    half = max(round(LOCAL_WINDOW_S * fps / 2), 2)
    gap = max(round(MIN_GAP_S * fps), 1)
    found: list[int] = []
    for index in range(1, len(distances)):
        value = float(distances[index])
        if value < MIN_DISTANCE:
            continue
        low, high = max(1, index - half), min(len(distances), index + half + 1)
        around = np.concatenate([distances[low:index], distances[index + 1 : high]])
        local = float(np.median(around)) if len(around) else 0.0
        if value < LOCAL_FACTOR * local:
            continue
        if found and index - found[-1] < gap:
            if value > distances[found[-1]]:
                found[-1] = index
            continue
        found.append(index)
    return Cuts(tuple(float(times[i]) for i in found if 0 < times[i] < duration_s), duration_s)
