"""Whether the model or the Markov chain lies closer to the held-out human works on a row, beyond
what the draw of songs explains.

The tables give one pooled figure per column, and on many rows the model and the chain differ
from the human figure by a point or two: chorale steps 79% and 78% against Bach's 78% (30
songs each, 17 chorales). Which of them is "closer" then depends on which 30 songs were drawn:
another model seed moved the chorale figure to 77%. So each row also gets a bootstrap verdict.

Every column's songs are drawn again with replacement (independently per column: the model's,
the human works and the chain's songs are three samples), the pooled figure recomputed, and
`gap = |model - human| - |Markov - human|` taken per draw. The verdict is "model" when the
upper end of the gap's central `CONFIDENCE` interval is below zero (the model is closer in
nearly every redraw), "Markov" when its lower end is above zero, and "tie" otherwise.

Redrawing works says how far the figure could move only when there are several works to redraw:
two held-out quartets give three possible human figures, and their violas lie at 63.1 and 66.2
(first 16 bars) where the 49 training quartets' violas average 60.1 with a spread of 3.2
semitones. So a row whose human column has fewer than `MIN_HUMAN_WORKS` works gets the verdict
"few works": the gap is shown, no winner is named.

The infill rows compare the model with copying the bar before on the same held-out cells, so
there the cells are redrawn in pairs (`better_than_copy`): a cell that is hard for one is hard
for the other, and only the difference between them is at stake.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

from benchmarks.musicality_measures import Ratio

Winner = Literal["model", "Markov", "copy", "tie", "few works"]
DRAWS = 2000
CONFIDENCE = 0.9
"""The central share of the redrawn gaps that must lie on one side of zero for a verdict."""
SEED = 20261205
"""The redraws are seeded, so a rerun prints the same verdicts."""
MIN_HUMAN_WORKS = 5
"""Fewer held-out works with a figure than this, and no winner is named (`Closeness.winner`)."""


@dataclass(frozen=True)
class Closeness:
    """How much nearer the human figure the model lies than the Markov chain (or the held-out
    cell than a copy of the bar before): the pooled figures' gap (negative: the model is
    nearer) and its interval over redrawn songs or cells, in the row's own unit (a share as a
    fraction, a rate per move, semitones)."""

    gap: float
    low: float
    high: float
    winner: Winner


def _pooled_draws(ratios: Sequence[Ratio], picks: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
    """The pooled figure (all hits over all totals) of each redraw: `picks` (draws, songs)
    holds the indices of the songs drawn; NaN where a redraw counted nothing."""
    hits = np.array([r.hits for r in ratios], dtype=np.float64)[picks].sum(axis=1)
    totals = np.array([r.total for r in ratios], dtype=np.float64)[picks].sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        pooled: npt.NDArray[np.float64] = np.where(totals > 0, hits / totals, np.nan)
    return pooled


def _redraws(count: int, rng: np.random.Generator, draws: int) -> npt.NDArray[np.int64]:
    """`draws` redraws with replacement of `count` songs or cells."""
    return rng.integers(0, count, size=(draws, count))


def _interval(gaps: npt.NDArray[np.float64]) -> tuple[float, float]:
    """The central `CONFIDENCE` interval of the redrawn gaps (those that counted anything)."""
    tail = (1.0 - CONFIDENCE) / 2
    low, high = np.quantile(gaps[np.isfinite(gaps)], [tail, 1.0 - tail])
    return float(low), float(high)


def _pooled(ratios: Sequence[Ratio]) -> float:
    total = sum(r.total for r in ratios)
    return sum(r.hits for r in ratios) / total


def closer_than_markov(
    model: Sequence[Ratio | None],
    human: Sequence[Ratio | None],
    markov: Sequence[Ratio | None],
    *,
    draws: int = DRAWS,
    seed: int = SEED,
) -> Closeness | None:
    """The verdict for one row from each column's per-song ratios (None where a song had
    nothing to count); None when a column has nothing to count at all."""
    columns = [
        [r for r in songs if r is not None and r.total > 0] for songs in (model, human, markov)
    ]
    if not all(columns):
        return None
    mine, theirs, chain = columns
    target = _pooled(theirs)
    gap = abs(_pooled(mine) - target) - abs(_pooled(chain) - target)
    rng = np.random.default_rng(seed)
    redrawn_human = _pooled_draws(theirs, _redraws(len(theirs), rng, draws))
    low, high = _interval(
        np.abs(_pooled_draws(mine, _redraws(len(mine), rng, draws)) - redrawn_human)
        - np.abs(_pooled_draws(chain, _redraws(len(chain), rng, draws)) - redrawn_human)
    )
    winner: Winner = "model" if high < 0 else "Markov" if low > 0 else "tie"
    if len(theirs) < MIN_HUMAN_WORKS:
        winner = "few works"
    return Closeness(gap, low, high, winner)


def show_closeness(closeness: Closeness | None, scale: float) -> str:
    """The table cell: who is nearer the human works, and the gap's interval in the row's
    displayed unit (`scale`: 100 for shares and rates per 100, 1 for semitones)."""
    if closeness is None:
        return "—"
    low, high = closeness.low * scale, closeness.high * scale
    places = 1 if scale > 1 else 2  # points and rates per 100; semitones and 0-1 overlaps
    return f"{closeness.winner} ({low:+.{places}f} to {high:+.{places}f})"


def better_than_copy(
    written: Sequence[Ratio | None],
    copied: Sequence[Ratio | None],
    *,
    draws: int = DRAWS,
    seed: int = SEED,
) -> Closeness | None:
    """The verdict for one infill row (higher is better) from each cell's ratio for the model's
    bar and for the copied bar, in the same order: `gap = copy - model`, negative where the
    model's bars are nearer the held-out ones. None when either has nothing to count."""
    pairs = [(m, c) for m, c in zip(written, copied, strict=True) if m is not None or c is not None]
    mine = [m if m is not None else Ratio(0.0, 0.0) for m, _ in pairs]
    theirs = [c if c is not None else Ratio(0.0, 0.0) for _, c in pairs]
    if not sum(r.total for r in mine) or not sum(r.total for r in theirs):
        return None
    gap = _pooled(theirs) - _pooled(mine)
    picks = _redraws(len(pairs), np.random.default_rng(seed), draws)  # a cell's two bars together
    low, high = _interval(_pooled_draws(theirs, picks) - _pooled_draws(mine, picks))
    winner: Winner = "model" if high < 0 else "copy" if low > 0 else "tie"
    return Closeness(gap, low, high, winner)
