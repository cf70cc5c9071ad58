"""Lengths of time and forms in a prompt: "pop song, 2 minutes", "1:30", "两分钟", "AABA"."""

from __future__ import annotations

import pytest

from engine.compose.controls import ComposeError
from engine.compose.durations import find_durations, seconds_from_text
from engine.compose.prompt import read_prompt

LENGTHS = [
    ("pop song, 2 minutes", 120.0, "'2 minutes'"),
    ("30 s of house", 30.0, "'30 s'"),
    ("a 90 seconds ballad", 90.0, "'90 seconds'"),
    ("blues, 1:30", 90.0, "'1:30'"),
    ("流行歌曲一分半", 90.0, "'一分半'"),
    ("两分钟的摇滚", 120.0, "'两分钟'"),
    ("30秒的钢琴曲", 30.0, "'30秒'"),
    ("3 min lo-fi", 180.0, "'3 min'"),
    ("jazz, 2 min 30 s", 150.0, "'2 min 30 s'"),
    ("a two minute reel", 120.0, "'two minute'"),
    ("1分30秒 古筝", 90.0, "'1分30秒'"),
    ("三十秒", 30.0, "'三十秒'"),
]


@pytest.mark.parametrize(("text", "seconds", "words"), LENGTHS)
def test_a_length_of_time_is_read_and_shown(text: str, seconds: float, words: str) -> None:
    reading = read_prompt(text)
    assert reading.seconds == seconds
    assert reading.sources["seconds"] == words
    assert any(line.startswith("length ") and words in line for line in reading.explain())
    assert reading.request().seconds == seconds
    assert not reading.ignored


def test_two_minutes_of_pop_asks_for_the_pop_band_fitted() -> None:
    reading = read_prompt("pop song, 2 minutes")
    assert reading.explain() == [
        "preset pop from 'pop song'",
        "length 120 s (2:00) from '2 minutes'",
    ]
    request = reading.request()
    assert (request.preset, request.seconds, request.bars, request.form) == (
        "pop",
        120.0,
        None,
        None,
    )


def test_a_length_in_time_overrides_a_length_word_in_bars() -> None:
    reading = read_prompt("a short pop song, 2 minutes")
    assert reading.bars is None
    assert "bars" not in reading.sources
    assert read_prompt("a short pop song").bars == 8  # without a time, 'short' still counts


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("a jazz standard in AABA form", "AABA"),
        ("fiddle tune aabb", "AABB"),
        ("pop: verse chorus verse chorus bridge chorus", "verse chorus verse chorus bridge chorus"),
        ("intro, verse and chorus", "intro verse chorus"),
    ],
)
def test_a_form_is_read(text: str, form: str) -> None:
    reading = read_prompt(text)
    assert reading.form == form
    assert reading.request().form == form


def test_words_that_only_look_like_lengths_are_not_lengths() -> None:
    assert read_prompt("80s rock").seconds is None  # a decade
    assert read_prompt("play it as a song").seconds is None
    assert read_prompt("in 3/4 at 90 bpm").seconds is None
    assert find_durations("a verse and a chorus") == []


def test_a_length_field_is_read_whole() -> None:
    assert seconds_from_text(" 120 ") == 120.0
    assert seconds_from_text("1:30") == 90.0
    assert seconds_from_text("2 min") == 120.0
    assert seconds_from_text("两分钟") == 120.0
    for bad in ("x", "2 parsecs", "1:30 and more", ""):
        with pytest.raises(ComposeError, match="is not a length of time: write seconds"):
            seconds_from_text(bad)
