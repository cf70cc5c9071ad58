"""The master limiter every render and player ends with: nothing ever clips."""

from __future__ import annotations

import numpy as np

from engine.sound.audio_files import SAMPLE_RATE_HZ, StereoAudio

CEILING = 10 ** (-1.0 / 20)
"""The limiter's ceiling, -1 dBFS: headroom for the rounding of a 24-bit file or a player's
resampling."""
RELEASE_DB_PER_SECOND = 60.0
"""How fast the limiter lets go after a peak: 6 dB in 0.1 s."""


class Limiter:
    """A master peak limiter that never lets a sample past `ceiling`, block by block.

    Attack is instant (the gain at a sample is already low enough for that sample) and the gain
    recovers at `release_db_per_second`: a peak-hold in decibels with a linear fall. Written by
    hand because none of the project's libraries has one; it is vectorised so a block costs a
    few numpy passes: the reduction at sample i is the largest of (needed[k] - (i - k) * rate)
    over k <= i, which is a running maximum of needed[k] + k * rate, minus i * rate.
    """

    def __init__(
        self,
        sample_rate_hz: int = SAMPLE_RATE_HZ,
        ceiling: float = CEILING,
        release_db_per_second: float = RELEASE_DB_PER_SECOND,
    ) -> None:
        self.ceiling = ceiling
        self._rate = release_db_per_second / sample_rate_hz
        self._reduction_db = 0.0

    def reset(self) -> None:
        self._reduction_db = 0.0

    def process(self, block: StereoAudio) -> StereoAudio:
        """Limit `block` in place (and return it); the state carries to the next block."""
        if not len(block):
            return block
        peak = np.abs(block).max(axis=1)
        if self._reduction_db == 0.0 and peak.max() <= self.ceiling:
            return block  # nothing to do, and nothing held from an earlier peak
        peak = peak.astype(np.float64)
        needed = 20 * np.log10(np.maximum(peak, 1e-12) / self.ceiling)
        steps = np.arange(len(block), dtype=np.float64) * self._rate
        held = np.maximum.accumulate(needed + steps) - steps
        carried = self._reduction_db - steps - self._rate
        reduction = np.maximum(np.maximum(held, carried), 0.0)
        if reduction.any():
            block *= (10 ** (-reduction / 20)).astype(np.float32)[:, None]
            # float32 rounding can leave a peak a hair above the ceiling
            np.clip(block, -self.ceiling, self.ceiling, out=block)
        self._reduction_db = float(reduction[-1])
        return block
