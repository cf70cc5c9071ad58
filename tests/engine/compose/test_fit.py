"""Fitting a new song to a length: the form and tempo chosen, the exactness, and the refusals."""

from __future__ import annotations

import pytest

from engine.compose.controls import ComposeError
from engine.compose.fit import fit_length, song_seconds, song_shape
from engine.compose.forms import STYLE_FORMS, form_bars, form_text, parse_form
from engine.compose.presets import PRESETS
from engine.compose.requests import Generate

POP_USUAL = "intro:4 verse:8 chorus:8 verse:8 chorus:8 bridge:8 chorus:8 outro:4"


def test_two_minutes_of_pop_is_the_usual_form_at_the_bands_tempo() -> None:
    fit = fit_length(120, "pop", (4, 4), PRESETS["pop"].tempo_bpm)
    assert form_text(fit.form) == POP_USUAL
    assert fit.bars == 56
    assert fit.tempo_bpm == pytest.approx(112.0)
    assert song_seconds(fit.bars, (4, 4), fit.tempo_bpm) == pytest.approx(120.0, abs=1e-9)


@pytest.mark.parametrize("style", ["pop", "folk", "blues", "jazz", "house", "ballad", "lofi"])
def test_every_length_that_fits_lasts_exactly_that_within_the_range(style: str) -> None:
    low, high = STYLE_FORMS[style].tempo_range
    fitted, refused = 0, []
    for seconds in (15, 29.5, 45, 60, 75.25, 90, 120, 150, 180, 240, 300, 600):
        try:
            fit = fit_length(seconds, style, (4, 4), (low + high) / 2)
        except ComposeError as err:
            refused.append(str(err))
            continue
        fitted += 1
        assert low <= fit.tempo_bpm <= high
        assert song_seconds(fit.bars, (4, 4), fit.tempo_bpm) == pytest.approx(seconds, abs=1e-6)
    assert fitted >= 6, style
    assert all("ask for" in reason or "widen" in reason for reason in refused)


def test_a_short_or_long_request_picks_a_shorter_or_longer_form() -> None:
    short = fit_length(30, "pop", (4, 4), 112)
    long = fit_length(240, "pop", (4, 4), 112)
    assert form_bars(short.form) < 56 < form_bars(long.form)
    assert next(p.role for p in long.form) == "intro"
    assert long.form[-1].role == "outro"
    blues = fit_length(180, "blues", (4, 4), 96)
    assert {p.bars for p in blues.form if p.role == "chorus"} == {12}


def test_a_tempo_range_is_kept_and_a_meter_counts() -> None:
    fit = fit_length(120, "pop", (4, 4), 112, tempo_range=(125.0, 130.0))
    assert 125 <= fit.tempo_bpm <= 130
    waltz = fit_length(60, "folk", (3, 4), 116)
    assert song_seconds(waltz.bars, (3, 4), waltz.tempo_bpm) == pytest.approx(60.0)


def test_a_form_given_is_kept_and_only_played_through_again() -> None:
    form = parse_form("verse:8 chorus:8")
    fit = fit_length(120, "pop", (4, 4), 112, form=form)
    assert len(fit.form) % 2 == 0
    assert fit.form == form * (len(fit.form) // 2)


@pytest.mark.parametrize(
    ("seconds", "tempo_range", "form", "says"),
    [
        (2, None, None, "2 s is too short: .* ask for at least 30 s, a faster tempo range"),
        (1800, None, None, "1800 s is too long: .* ask for at most 1301 s, or a slower tempo"),
        (120, (200.0, 210.0), "verse:8 chorus:8", "would need .* BPM; widen the tempo range"),
        (0.5, None, None, "ask for 1 s to 60 minutes"),
        (float("nan"), None, None, "cannot be written"),
        (120, (130.0, 90.0), None, "should be slowest-fastest"),
    ],
)
def test_impossible_lengths_are_refused_with_the_reason_and_the_fix(
    seconds: float, tempo_range: tuple[float, float] | None, form: str | None, says: str
) -> None:
    with pytest.raises(ComposeError, match=says):
        fit_length(
            seconds,
            "pop",
            (4, 4),
            112,
            tempo_range=tempo_range,
            form=None if form is None else parse_form(form),
        )


def test_a_requests_shape_from_seconds_a_form_or_bars() -> None:
    pop = PRESETS["pop"]
    fitted = song_shape(Generate("pop", seconds=120), pop, "pop")
    assert (fitted.bars, fitted.tempo_bpm) == (56, 112.0)
    aimed = song_shape(Generate("pop", seconds=120, tempo_bpm=128), pop, "pop")
    assert (aimed.bars, aimed.tempo_bpm) == (64, 128.0)  # one more chorus, at the tempo asked
    lettered = song_shape(Generate("jazz", seconds=60, form="AABA"), PRESETS["jazz"], "jazz")
    assert lettered.form is not None
    assert {p.bars for p in lettered.form} == {8}
    by_form = song_shape(Generate("pop", form="verse chorus"), pop, "pop")
    assert (by_form.bars, by_form.tempo_bpm) == (16, pop.tempo_bpm)
    old = song_shape(Generate("pop", bars=12, form="AB"), pop, "pop")
    assert (old.bars, old.form, old.letters) == (12, None, "AB")


@pytest.mark.parametrize(
    ("request_", "says"),
    [
        (Generate("pop", seconds=120, bars=8), "leave out bars 8"),
        (Generate("pop", tempo_range=(90.0, 120.0)), "give seconds too"),
        (Generate("pop", form="verse:8 chorus:8", bars=8), "has 16 bars, not the 8 asked"),
        (Generate("pop", variation=1.5), "variation 1.5 must be from 0"),
        (Generate("pop", seconds=60, form="-"), "cannot be fitted: give a form"),
        (Generate("pop", form="verse vrse"), "'vrse' is not a section"),
    ],
)
def test_a_request_that_cannot_be_shaped_says_why(request_: Generate, says: str) -> None:
    with pytest.raises(ComposeError, match=says):
        song_shape(request_, PRESETS["pop"], "pop")
