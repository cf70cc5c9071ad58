"""The limits on what is typed for a new song: length, tempo, meter, title and free text."""

from __future__ import annotations

import dataclasses
import math

import pytest

from engine.compose.control_text import (
    MAX_NEW_SONG_BARS,
    ControlError,
    check_new_song,
    generate_from_text,
    meter_from_text,
    text_from_user,
)
from engine.compose.requests import Generate


@pytest.mark.parametrize(
    ("fields", "field", "says"),
    [
        ({"bars": 0}, "bars", "bars 0 must be from 1 to 512"),
        ({"bars": MAX_NEW_SONG_BARS + 1}, "bars", "from 1 to 512"),
        ({"bars": -3}, "bars", "from 1 to 512"),
        ({"tempo_bpm": math.nan}, "tempo_bpm", "tempo nan must be from 4 to 1000 BPM"),
        ({"tempo_bpm": math.inf}, "tempo_bpm", "tempo inf must be"),
        ({"tempo_bpm": 3.9}, "tempo_bpm", "from 4 to 1000"),
        ({"meter": (0, 4)}, "meter", "numerator must be"),
        ({"meter": (3, 5)}, "meter", "denominator must be one of"),
        ({"title": "a\udcffb"}, "title", "character 2 is not text"),
        ({"title": "x" * 201}, "title", "201 characters is too long"),
        ({"style": "polka"}, "style", "unknown style 'polka'"),
    ],
)
def test_a_new_song_out_of_range_names_the_field(
    fields: dict[str, object], field: str, says: str
) -> None:
    request = dataclasses.replace(Generate("pop"), **fields)  # type: ignore[arg-type]
    with pytest.raises(ControlError, match=says) as raised:
        check_new_song(request)
    assert raised.value.field == field


def test_a_new_song_in_range_is_unchanged() -> None:
    request = Generate("pop", bars=512, meter=(7, 8), tempo_bpm=4.0, title="二胡 " * 40)
    assert check_new_song(request) is request
    assert check_new_song(dataclasses.replace(request, style="none")) is not None


def test_zero_bars_no_longer_means_the_presets_length() -> None:
    with pytest.raises(ControlError, match="bars 0 must be from 1"):
        generate_from_text("pop", bars=0)
    assert generate_from_text("pop", bars=None).bars is None


@pytest.mark.parametrize(
    ("typed", "says"), [("99999999/4", "too large"), ("3/3", "denominator"), ("65/4", "numerator")]
)
def test_a_meter_a_song_cannot_have_is_refused_when_typed(typed: str, says: str) -> None:
    with pytest.raises(ControlError, match=says):
        meter_from_text(typed)


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("\udce4", "character 1 is not text"),
        ("one\ntwo", "control character '\\\\n'"),
        ("tab\there", "control character"),
        ("x" * 41, "41 characters is too long: write at most 40"),
    ],
)
def test_text_that_cannot_be_saved_or_shown_is_refused(typed: str, says: str) -> None:
    with pytest.raises(ControlError, match=says) as raised:
        text_from_user("name", typed, 40)
    assert str(raised.value).startswith("name: ")


def test_unicode_text_is_kept_as_typed() -> None:
    for typed in ("二胡之歌", "Café del Mar", "🎻 suite", "", "x" * 40):
        assert text_from_user("name", typed, 40) == typed
