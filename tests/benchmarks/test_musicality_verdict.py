"""The bootstrap verdict on whether the model or the Markov chain lies nearer the human works:
clear cases either way, a gap the draw of songs explains, and the figures it is built from."""

from __future__ import annotations

import pytest

from benchmarks.musicality_measures import Ratio
from benchmarks.musicality_verdict import better_than_copy, closer_than_markov, show_closeness


def shares(*percent: int, moves: int = 100) -> list[Ratio | None]:
    """One song per value: `percent` of its `moves` counted."""
    return [Ratio(p * moves / 100, moves) for p in percent]


HUMAN = shares(55, 57, 58, 60, 56, 59, 57, 58, 56, 60)


@pytest.mark.parametrize(
    ("model", "markov", "winner", "gap"),
    [
        (
            shares(56, 58, 57, 59, 58, 57, 56, 58, 59, 57),  # 57.5%
            shares(30, 32, 29, 35, 31, 33, 30, 28, 34, 31),  # 31.3%
            "model",
            abs(0.575 - 0.576) - abs(0.313 - 0.576),
        ),
        (
            shares(80, 82, 79, 85, 81, 83, 80, 78, 84, 81),  # 81.3%
            shares(57, 56, 58, 57, 59, 58, 56, 57, 58, 57),  # 57.3%
            "Markov",
            abs(0.813 - 0.576) - abs(0.573 - 0.576),
        ),
    ],
)
def test_the_set_much_nearer_the_human_works_wins(
    model: list[Ratio | None], markov: list[Ratio | None], winner: str, gap: float
) -> None:
    found = closer_than_markov(model, HUMAN, markov)
    assert found is not None
    assert found.winner == winner
    assert found.gap == pytest.approx(gap)
    assert found.low <= found.gap <= found.high
    assert (found.high < 0) if winner == "model" else (found.low > 0)


def test_a_point_either_side_of_the_human_figure_is_a_tie() -> None:
    """Model 59%, chain 58%, human 57.6%: the chain is a point nearer on these songs, but
    songs that spread 10 points apart cannot tell the two apart."""
    model = shares(54, 64, 59, 62, 55, 60, 58, 63, 56, 59)
    markov = shares(53, 63, 58, 61, 54, 59, 57, 62, 55, 58)
    found = closer_than_markov(model, HUMAN, markov)
    assert found is not None
    assert found.gap > 0  # the chain's pooled figure is nearer...
    assert found.winner == "tie"  # ...but not beyond the draw of songs
    assert found.low < 0 < found.high


def test_songs_with_nothing_to_count_are_left_out_and_an_empty_column_has_no_verdict() -> None:
    model = [*shares(58, 57), None, Ratio(0, 0)]
    assert closer_than_markov(model, HUMAN, shares(30, 31)) is not None
    assert closer_than_markov(model, [None, Ratio(0, 0)], shares(30, 31)) is None
    assert closer_than_markov([], HUMAN, shares(30, 31)) is None


def test_the_verdict_is_the_same_on_a_rerun_and_shown_in_the_rows_unit() -> None:
    model = shares(56, 58, 57, 59, 58)
    markov = shares(30, 32, 29, 35, 31)
    first = closer_than_markov(model, HUMAN, markov)
    assert first == closer_than_markov(model, HUMAN, markov)
    assert first is not None
    cell = show_closeness(first, 100.0)
    assert cell.startswith("model (")
    assert f"{100 * first.low:+.1f} to {100 * first.high:+.1f}" in cell
    assert show_closeness(None, 100.0) == "—"
    assert show_closeness(first, 1.0).endswith(f"{first.low:+.2f} to {first.high:+.2f})")


def test_two_human_works_name_no_winner() -> None:
    """Two held-out quartets cannot say where quartets lie: the gap is given, no winner."""
    model = shares(56, 58, 57, 59, 58, 57, 56, 58, 59, 57)
    markov = shares(30, 32, 29, 35, 31, 33, 30, 28, 34, 31)
    found = closer_than_markov(model, shares(55, 60), markov)
    assert found is not None
    assert found.winner == "few works"
    assert found.gap < 0
    assert show_closeness(found, 100.0).startswith("few works (")


def test_infill_against_copying_redraws_the_cells_in_pairs() -> None:
    """On 40 cells the model's bar shares 0.5 of its pitch classes with the held-out bar and
    the copy 0.3: the model wins. Give the copy the model's own figures but one cell, and the
    one cell is no verdict: a tie."""
    written: list[Ratio | None] = [Ratio(0.5, 1.0)] * 40
    copied: list[Ratio | None] = [Ratio(0.3, 1.0)] * 39 + [None]
    found = better_than_copy(written, copied)
    assert found is not None
    assert found.winner == "model"
    assert found.gap == pytest.approx(0.3 - 0.5)
    assert found.high < 0
    nearly = [Ratio(0.5, 1.0)] * 39 + [Ratio(1.0, 1.0)]
    found = better_than_copy(written, nearly)
    assert found is not None
    assert found.winner == "tie"
    assert found.gap > 0
    assert better_than_copy([None, None], [None, None]) is None


def test_a_copy_that_fits_better_on_most_cells_wins() -> None:
    written = [Ratio(0.0, 1.0)] * 30 + [Ratio(1.0, 1.0)] * 10
    copied = [Ratio(1.0, 1.0)] * 30 + [Ratio(0.0, 1.0)] * 10
    found = better_than_copy(written, copied)
    assert found is not None
    assert found.winner == "copy"
    assert found.gap == pytest.approx(0.75 - 0.25)
