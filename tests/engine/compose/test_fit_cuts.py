"""Fitting a song to a video's cuts: section boundaries exactly on the cuts used, the song
exactly the video's length, tempos inside the style's range where one fits, a tempo change
only where a section starts, long shots split into phrases, roles from the picture's energy,
a video without cuts fitted by the style's own forms, and a too-short video refused."""

from __future__ import annotations

import math

import pytest

from engine.compose.controls import ComposeError
from engine.compose.fit import song_seconds
from engine.compose.fit_cuts import CutFit, fit_cuts
from engine.compose.forms import STYLE_FORMS

FLAT = 0.5


def flat(_start: float, _end: float) -> float:
    return FLAT


def _seconds(fit: CutFit) -> float:
    return sum(song_seconds(s.bars, fit.meter, s.tempo_bpm) for s in fit.sections)


def _starts(fit: CutFit) -> list[float]:
    at, out = 0.0, []
    for section in fit.sections:
        out.append(at)
        at += song_seconds(section.bars, fit.meter, section.tempo_bpm)
    return out[1:]


def test_cuts_a_steady_tempo_can_reach_are_all_hit_at_one_tempo() -> None:
    bar = 3.0  # 80 BPM in 4/4
    cuts = (4 * bar, 12 * bar, 16 * bar)
    fit = fit_cuts(24 * bar, cuts, "lofi", (4, 4), 80.0, energy=flat)
    assert fit.hit_cuts == cuts
    assert {round(s.tempo_bpm, 6) for s in fit.sections} == {80.0}
    assert len(fit.tempo_changes()) == 1
    assert _seconds(fit) == pytest.approx(24 * bar, abs=1e-9)
    for cut in cuts:
        assert min(abs(start - cut) for start in _starts(fit)) < 1e-9


def test_uneven_cuts_are_hit_exactly_by_changing_tempo_where_sections_start() -> None:
    cuts = (10.3, 21.7, 29.9)
    fit = fit_cuts(40.0, cuts, "pop", (4, 4), 112.0, energy=flat)
    low, high = STYLE_FORMS["pop"].tempo_range
    assert fit.hit_cuts == cuts
    assert _seconds(fit) == pytest.approx(40.0, abs=1e-9)
    for cut in cuts:
        assert min(abs(start - cut) for start in _starts(fit)) < 1e-9
    assert all(low <= s.tempo_bpm <= high for s in fit.sections)
    assert len(fit.tempo_changes()) > 1


def test_a_long_shot_is_played_as_phrases_and_energy_chooses_the_roles() -> None:
    def energy(start: float, _end: float) -> float:
        return 0.85 if start >= 60.0 else 0.4

    fit = fit_cuts(90.0, (60.0,), "pop", (4, 4), 112.0, energy=energy)
    assert max(s.bars for s in fit.sections) <= 16
    assert _seconds(fit) == pytest.approx(90.0, abs=1e-9)
    after = [s for s in fit.sections if s.start_s >= 60.0 - 1e-9]
    assert after
    assert all((s.role, s.energy) == ("chorus", 0.85) for s in after)
    before = [s.role for s in fit.sections if s.start_s < 60.0 - 1e-9]
    assert "verse" in before
    assert "chorus" not in before


def test_a_video_without_cuts_takes_the_styles_own_form() -> None:
    fit = fit_cuts(120.0, (), "pop", (4, 4), 112.0, energy=flat)
    assert fit.form == "intro:4 verse:8 chorus:8 verse:8 chorus:8 bridge:8 chorus:8 outro:4"
    assert _seconds(fit) == pytest.approx(120.0, abs=1e-9)


def test_a_video_shorter_than_a_bar_is_refused_saying_how_long_it_must_be() -> None:
    with pytest.raises(ComposeError, match=r"at least 2\.5 s"):
        fit_cuts(1.0, (), "lofi", (4, 4), 80.0, energy=flat)


def test_a_short_video_still_lasts_exactly_its_length() -> None:
    fit = fit_cuts(7.0, (2.0, 5.0), "lofi", (4, 4), 80.0, energy=flat)
    assert _seconds(fit) == pytest.approx(7.0, abs=1e-9)
    assert all(math.isfinite(s.tempo_bpm) for s in fit.sections)
