"""Typed selections: 1-based in, 0-based out, clear errors outside the song."""

from __future__ import annotations

import pytest

from engine.song.selection import SelectionError, parse_indices, parse_span


def test_spans_and_lists() -> None:
    assert parse_span("5-8", "bars", 8) == (4, 7)
    assert parse_span(" 3 ", "bars", 8) == (2, 2)
    assert parse_indices("2,3,5-7,3", "tracks", 9) == [1, 2, 4, 5, 6]


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("0", r"bars '0' is outside 1-8"),
        ("5-9", r"outside 1-8: the song has 8 bars"),
        ("6-5", r"outside 1-8"),
        ("x", r"bars 'x' is not understood"),
        ("", r"is not understood"),
    ],
)
def test_bad_spans_say_what_is_wrong(spec: str, message: str) -> None:
    with pytest.raises(SelectionError, match=message):
        parse_span(spec, "bars", 8)
