"""One percentage for a whole audio export.

An export has two stages: the model renders every note the song needs (the note cache reports
that, often in one step), then the mix is made, limited and encoded block by block (MP3 takes
about a second a minute of music). Reported alone, the first stage said 100% before the file was
half written, and said nothing at all when the notes were already cached. `ExportProgress`
reports both as one count of `STEPS`: the notes up to `NOTES_SHARE` of it, the blocks written
the rest, and the whole only once the file is complete. Each report is also where a cancelled
job stops, so Cancel works while the file is being written too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

import numpy as np
import numpy.typing as npt

Progress = Callable[[int, int], None]
Block = TypeVar("Block", bound=npt.NDArray[np.float32])

STEPS = 1000
"""The count reported against: fine enough for a percentage, few enough reports to be cheap."""
NOTES_SHARE = 0.7
"""The part of an export the notes take: the model's work outweighs mixing and encoding."""


class ExportProgress:
    """Turns the two stages' reports into one rising count out of `STEPS`."""

    def __init__(self, progress: Progress | None, total_frames: int) -> None:
        self._progress = progress
        self._total_frames = max(1, total_frames)
        self._reported = -1

    def notes(self, done: int, total: int) -> None:
        """The note renderer's report: `done` of `total` notes rendered."""
        if total > 0:
            self._report(int(NOTES_SHARE * STEPS * min(done, total) / total))

    def blocks(self, blocks: Iterable[Block]) -> Iterator[Block]:
        """Pass the blocks through, reporting the frames written so far (the last step waits
        for `finished`: the file is not complete when the last block has gone by)."""
        frames = 0
        for block in blocks:
            yield block
            frames += len(block)
            share = min(1.0, frames / self._total_frames)
            step = int(STEPS * (NOTES_SHARE + (1 - NOTES_SHARE) * share))
            self._report(min(STEPS - 1, step))

    def finished(self) -> None:
        """The file is written: report the whole."""
        self._report(STEPS)

    def _report(self, step: int) -> None:
        if self._progress is not None and step > self._reported:
            self._reported = step
            self._progress(step, STEPS)
