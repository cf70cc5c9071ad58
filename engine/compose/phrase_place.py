"""The bars that stand at the same place of a part's other phrases: what a cell's note count
follows where the part repeats its phrases' shape.

Why: a cell regenerated between two written bars of its track, with no bar of a repeated
phrase to echo (`engine.compose.phrase_parallel`), was steered to the median count of the bars
beside it (`engine.compose.context.with_context_counts`). In a fiddle tune those bars are the
wrong guide where the cell closes a phrase: a jig's cadence bar holds two or three notes
between bars of six. Over the held-out cells with no parallel bar, the median count of the bars
at the same place of the tune's other phrases (every fourth or eighth bar) was within one note
of the held-out bar's in 51 of 62 jig cells and 60-68 of 96 reel cells, the bars beside it in
32 and 49. A string quartet is not built so: there the bars beside a cell were the better guide
(250 of 377 against 208-215).

So the part's own written bars decide, leave-one-out: each of its bars is predicted from the
bars beside it and from the bars at its place in a phrase of four and of eight, and the place
is used for the cell only where it predicts the part's other bars clearly better
(`CLEARLY_BETTER`). With that choice the cells above came within one note of the held-out
bar in 45 of 62 (jigs), 63 of 96 (reels) and 249 of 377 (quartets). Only written bars are read,
never the cell, and only bars of the cell's own section energy (a chorus is not a verse).
"""

from __future__ import annotations

import bisect
import statistics
from collections.abc import Callable, Collection, Mapping, Sequence

from engine.compose.energy import bar_level
from engine.song.song import Cell, Note, Song

PHRASE_LENGTHS = (4, 8)
"""The phrase lengths, in bars, whose places are tried."""
CLEARLY_BETTER = 0.1
"""How much larger a share of the part's bars the place must predict within one note than the
bars beside them do, for the place to be used (0.05 and 0.15 chose within a cell or two of the
same over the held-out fiddle tunes, reels and quartets)."""
NEAR = 1
"""Notes a prediction may miss by and still count as right."""

Counts = Mapping[int, int]
Predictor = Callable[[int], int | None]


def same_place_bars(
    song: Song, cell: Cell, pending: Collection[Cell]
) -> list[tuple[int, Sequence[Note]]]:
    """The written bars (index, notes) of the cell's track at its place in a phrase of the
    length that predicts the track's other bars clearly better than their neighbours do; none
    where no length does (then the bars beside the cell are the guide)."""
    track, bar = cell
    level = bar_level(song, bar)
    written = {
        other: notes
        for other in range(song.bar_count)
        if other != bar
        and (track, other) not in pending
        and bar_level(song, other) == level
        and (notes := song.notes_in_bar(track, other))
    }
    counts = {other: len(notes) for other, notes in written.items()}
    beside = _share_predicted(counts, lambda other: _median(counts, (other - 1, other + 1), 2))
    best: tuple[float, list[int]] | None = None
    for length in PHRASE_LENGTHS:
        place = [other for other in counts if (other - bar) % length == 0]
        if not place:
            continue
        share = _share_predicted(counts, _at_place(counts, length))
        if share >= beside + CLEARLY_BETTER and (best is None or share > best[0]):
            best = (share, place)
    return [] if best is None else [(other, written[other]) for other in best[1]]


def _at_place(counts: Counts, length: int) -> Predictor:
    """A bar's count from the median of the other bars at its place in phrases of `length`
    (sorted once per place, so the whole song costs n log n, not n squared)."""
    places: dict[int, list[int]] = {}
    for bar, count in counts.items():
        places.setdefault(bar % length, []).append(count)
    for values in places.values():
        values.sort()

    def predict(bar: int) -> int | None:
        values = places.get(bar % length, [])
        left = len(values) - (bar in counts)
        if left < 1:
            return None
        if bar not in counts:
            return round(statistics.median(values))
        skip = bisect.bisect_left(values, counts[bar])  # one bar of that count left out

        def kept(index: int) -> int:
            return values[index if index < skip else index + 1]

        return round((kept((left - 1) // 2) + kept(left // 2)) / 2)

    return predict


def _median(counts: Counts, bars: Sequence[int], least: int) -> int | None:
    """The rounded median count of those `bars` that are written; None with fewer than
    `least` of them."""
    known = [counts[bar] for bar in bars if bar in counts]
    return round(statistics.median(known)) if len(known) >= least else None


def _share_predicted(counts: Counts, predict: Predictor) -> float:
    """The share of the bars that `predict` gives a count for that it gets within `NEAR`."""
    right = tried = 0
    for bar, count in counts.items():
        guess = predict(bar)
        if guess is not None:
            tried += 1
            right += abs(guess - count) <= NEAR
    return right / tried if tried else 0.0
