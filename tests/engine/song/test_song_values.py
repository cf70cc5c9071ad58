"""What a Song and a Take may hold: only values every file can store, so what exists saves.

A lone surrogate ('\\ud800') is a Python string but has no UTF-8 form: a Song holding one could
never be saved, autosaved or exported, so no constructor accepts one, whatever made it (a
project file, the command line's --title, a MIDI import, the app).
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from engine.song.song import (
    TIMBRE_DIMENSION,
    Note,
    Song,
    SongError,
    SongText,
    TimbreRef,
    Track,
    check_text,
    shown,
)
from engine.song.takes import MAX_REQUEST_DEPTH, Take

CARD = Path(__file__).parents[3] / "models" / "timbre" / "card.json"
VECTOR = (0.5,) * TIMBRE_DIMENSION


@pytest.mark.parametrize("text", ["\ud800", "ok\udfff", "argv \udcff"])
def test_no_song_part_holds_a_lone_surrogate(text: str) -> None:
    with pytest.raises(SongError, match=r"^title holds a lone surrogate .* retype the text$"):
        Song(title=text)
    with pytest.raises(SongError, match=r"^track name holds a lone surrogate"):
        Track(text)
    with pytest.raises(SongError, match=r"^text holds a lone surrogate"):
        SongText(0, "lyric", text)


def test_the_surrogate_is_shown_and_placed() -> None:
    with pytest.raises(SongError, match=r"lone surrogate '\\udcff' at character 4,"):
        check_text("title", "abc\udcffdef")


@pytest.mark.parametrize("text", ["", "Lead 笛", "emoji 🎻", "\x00 control \n", "\ufffd"])
def test_any_real_text_is_kept(text: str) -> None:
    assert Song(title=text, tracks=(Track(text),), texts=(SongText(0, "text", text),)).title == text


def test_the_timbre_vector_length_is_the_models() -> None:
    card = json.loads(CARD.read_text("utf-8"))
    assert card["architecture"]["timbre_dim"] == TIMBRE_DIMENSION


@pytest.mark.parametrize(
    ("vector", "message"),
    [
        ((0.5, 0.5), r"timbre vector must hold 24 numbers \(or none\), got 2"),
        ((0.5,) * 25, r"got 25"),
        ((math.nan,) * 24, r"timbre vector\[0\] must be a number from -1000 to 1000, got nan"),
        ((*VECTOR[:-1], math.inf), r"timbre vector\[23\] must be a number .* got inf"),
        ((*VECTOR[:-1], 1e6), r"timbre vector\[23\] must be a number .* got 1000000.0"),
        (("loud", *VECTOR[1:]), r"timbre vector\[0\] must be a number .* got 'loud'"),
        ((True, *VECTOR[1:]), r"timbre vector\[0\] must be a number"),
    ],
)
def test_a_timbre_vector_the_model_cannot_render_is_refused(
    vector: tuple[object, ...], message: str
) -> None:
    with pytest.raises(SongError, match=message):
        TimbreRef("generated", 1, vector)  # type: ignore[arg-type]


def test_a_timbre_keeps_numbers_as_floats_and_seeds_in_range() -> None:
    assert TimbreRef("generated", 3, (1,) * TIMBRE_DIMENSION).vector == (1.0,) * 24
    assert TimbreRef().vector == ()
    with pytest.raises(SongError, match=r"timbre seed must be an integer from 0 to"):
        TimbreRef("generated", -1, VECTOR)


def test_locked_bars_of_the_wrong_kind_are_a_song_error() -> None:
    with pytest.raises(SongError, match=r"locked bars must be bar numbers, got \[\[1\]\]"):
        Track("x", locked_bars=[[1]])  # type: ignore[arg-type]
    with pytest.raises(SongError, match=r"locked bar must be an integer from 0 to 99999, got -1"):
        Track("x", locked_bars=frozenset({-1}))


def test_a_refused_value_is_quoted_short() -> None:
    assert shown(10**5000) == "an integer of 16610 bits"
    assert shown(list(range(1000))) == "a list of 1000 items"
    assert shown("x" * 1000) == "'" + "x" * 36 + "..."
    assert shown(130) == "130"
    with pytest.raises(SongError, match=r"^pitch must be an integer from 0 to 127, got an integer"):
        Note(0, 10**5000, 1, 1)


def _take(**fields: object) -> Take:
    values: dict[str, object] = {
        "operation": "regenerate",
        "request": {"operation": "regenerate", "cells": [[0, 1]]},
        "seed": 5,
        "song": Song(),
    }
    return Take(**{**values, **fields})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"song": {}}, r"a take's song must be a Song, got \{\}"),
        ({"request": []}, r"take request must be a JSON object, got \[\]"),
        ({"request": {"cells": 3}}, r"request\.cells must be a list, got 3"),
        ({"request": {"title": "\ud800"}}, r"request\.title holds a lone surrogate"),
        ({"request": {"\ud800": 1}}, r"a key of request holds a lone surrogate"),
        ({"request": {1: 1}}, r"request has a key that is not text: 1"),
        ({"request": {"x": math.nan}}, r"request\.x must be a finite number, got nan"),
        ({"request": {"x": 2**70}}, r"request\.x must be an integer from"),
        ({"request": {"x": {1, 2}}}, r"request\.x must be a JSON value, got \{1, 2\}"),
        ({"seed": -1}, r"take seed must be an integer from 0"),
        ({"seed": "5"}, r"take seed must be an integer"),
        ({"operation": None}, r"take operation must be text, got None"),
    ],
)
def test_a_take_holds_only_what_a_project_can_store(
    fields: dict[str, object], message: str
) -> None:
    with pytest.raises(SongError, match=message):
        _take(**fields)


def test_a_request_nested_too_deep_is_refused_without_recursion() -> None:
    deep: object = 1
    for _ in range(MAX_REQUEST_DEPTH):
        deep = [deep]
    _take(request={"cells": [], "x": deep[0]})  # type: ignore[index]
    for _ in range(100_000):  # far past Python's recursion limit: the check walks a stack
        deep = [deep]
    with pytest.raises(SongError, match=rf"nests deeper than {MAX_REQUEST_DEPTH} levels"):
        _take(request={"x": deep})


def test_a_take_from_the_app_is_accepted_and_described() -> None:
    take = _take()
    assert take.describe() == "regenerate (seed 5): 1 cells"
