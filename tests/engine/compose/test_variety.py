"""A melody is pulled against landing on one pitch more than its share of its recent onsets
(`engine.compose.variety`), off the strong beats."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from benchmarks.musicality_measures import commonest_pitch
from engine.compose import decode, variety
from engine.compose.decode import _is_played_top, _varies_its_pitches
from engine.compose.midi_model import MidiModel
from engine.compose.operations import Generate, apply
from engine.song.song import PPQ, Note, Song, Track


def test_a_pitch_over_its_share_of_the_recent_onsets_is_pulled_against() -> None:
    # C holds 12 of the last 24 onsets (50%): 10 nats per unit of share beyond 25%.
    line = [60, 62] * 12 + [64]
    penalty = variety.overuse_penalty(line)
    assert penalty is not None
    recent = line[-variety.OVERUSE_WINDOW :]
    c_share = recent.count(60) / len(recent)
    assert penalty[60] == pytest.approx(-variety.OVERUSE_SLOPE * (c_share - variety.OVERUSE_SHARE))
    assert penalty[62] < 0  # D too holds 11 of 24
    assert penalty[64] == 0.0  # E holds 1
    assert np.count_nonzero(penalty) == 2
    # The note just played is pulled against as well: sounded again, it is one more onset.
    repeated = variety.overuse_penalty([62, 64] * 6 + [60] * 12)
    assert repeated is not None
    assert repeated[60] < 0


def test_a_varied_or_short_line_pays_nothing() -> None:
    assert variety.overuse_penalty(list(range(60, 84))) is None  # 24 pitches, one onset each
    assert variety.overuse_penalty([60] * (variety.OVERUSE_MIN_ONSETS - 1)) is None
    # A quarter of the onsets is free: six of 24.
    assert variety.overuse_penalty([60] * 6 + list(range(62, 80))) is None


def test_recent_tops_reads_each_onsets_top_pitch_before_the_bar() -> None:
    notes = [
        Note(0, 60, PPQ, 80),
        Note(0, 67, PPQ, 80),  # a chord: its top is the line
        Note(PPQ, 62, PPQ, 80),
        Note(2 * PPQ, 64, PPQ, 80),
        Note(4 * PPQ, 65, PPQ, 80),  # the bar being written
    ]
    assert variety.recent_tops(notes, 4 * PPQ) == (67, 62, 64)
    assert variety.recent_tops(notes, 4 * PPQ, count=2) == (62, 64)
    assert variety.recent_tops(notes, 0) == ()


def test_the_melody_varies_its_pitches_but_a_choirs_soprano_and_the_bass_do_not() -> None:
    drums = Track("Drums", 0, is_drum=True)
    band = Song(bar_count=1, tracks=(drums, Track("Lead", 80), Track("Bass", 33)))
    assert _varies_its_pitches(band, 1, ())
    assert not _varies_its_pitches(band, 2, ())  # the bass
    assert not _varies_its_pitches(band, 0, ())  # the drums
    choir = Song(bar_count=1, tracks=tuple(Track(str(i), 52) for i in range(4)))
    assert not _varies_its_pitches(choir, 0, range(4))
    quartet = dataclasses.replace(choir, tracks=tuple(Track(str(i), 40) for i in range(4)))
    assert _varies_its_pitches(quartet, 0, range(4))


def _commonest_share(model: MidiModel, preset: str, seeds: range) -> float:
    shares = []
    for seed in seeds:
        ratio = commonest_pitch(apply(model, None, Generate(preset, bars=8), seed))
        assert ratio is not None
        shares.append(ratio.hits / ratio.total)
    return float(np.mean(shares))


def test_new_leads_land_on_their_commonest_pitch_less_often(
    midi_model: MidiModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Held-out reels put 21% of their onsets on their commonest pitch; new reels put 32-35%
    # there without the pull (30 songs), new blues leads 48% (10 songs).
    with_pull = {p: _commonest_share(midi_model, p, range(3)) for p in ("reel", "blues")}
    monkeypatch.setattr(variety, "OVERUSE_SLOPE", 0.0)
    without = {p: _commonest_share(midi_model, p, range(3)) for p in ("reel", "blues")}
    for preset, share in with_pull.items():
        assert share < without[preset] - 0.02, (preset, share, without[preset])


def test_a_quartets_first_violin_is_pulled_harder_and_on_the_strong_beats() -> None:
    quartet = Song(bar_count=1, tracks=tuple(Track(str(i), 40 + min(i, 2)) for i in range(4)))
    assert _is_played_top(quartet, 0, range(4))
    assert not _is_played_top(quartet, 1, range(4))  # an inner part
    choir = Song(bar_count=1, tracks=tuple(Track(str(i), 52) for i in range(4)))
    assert not _is_played_top(choir, 0, range(4))  # a choir's soprano is not pulled at all
    band = Song(bar_count=1, tracks=(Track("Lead", 80), Track("Bass", 33)))
    assert not _is_played_top(band, 0, ())  # a band's lead keeps the tune's share
    piano = Song(bar_count=1, tracks=(Track("Right hand", 0), Track("Left hand", 0)))
    assert not _is_played_top(piano, 0, range(2))  # nor does a piano's right hand
    # Six of 24 onsets (25%) cost a tune's line nothing, and a quartet's top voice 1 nat.
    line = [60] * 6 + list(range(62, 80))
    assert variety.overuse_penalty(line) is None
    played = variety.overuse_penalty(line, variety.PLAYED_TOP_SHARE)
    assert played is not None
    expected = -variety.OVERUSE_SLOPE * (0.25 - variety.PLAYED_TOP_SHARE)
    assert played[60] == pytest.approx(expected)


def test_new_quartets_first_violins_land_on_their_commonest_pitch_less_often(
    midi_model: MidiModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The training quartets' first violins: a median 17% of their onsets on their commonest
    # pitch; new ones 29% with a tune's pull (30 songs), 24% with the quartet's.
    seeds = range(4)
    with_pull = _commonest_share(midi_model, "string-quartet", seeds)
    monkeypatch.setattr(decode, "_is_played_top", lambda song, track, ensemble: False)
    as_a_tune = _commonest_share(midi_model, "string-quartet", seeds)
    assert with_pull < as_a_tune - 0.02, (with_pull, as_a_tune)
