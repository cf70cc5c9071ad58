"""The form benchmark's measures on songs built note by note, and on a real corpus tune."""

from __future__ import annotations

import dataclasses

import pytest

from benchmarks.song_form_measures import (
    drum_repeat_bars,
    phrase_repeats,
    section_energy,
)
from engine.song.sections import new_section
from engine.song.song import PPQ, Note, Song, Track

BAR = 4 * PPQ


def phrase(first_bar: int, pitches: list[int], velocity: int = 80) -> list[Note]:
    """One note per beat, the pitches cycled, over four bars from `first_bar`."""
    return [
        Note((first_bar + bar) * BAR + beat * PPQ, pitches[(bar * 4 + beat) % len(pitches)],
             PPQ, velocity)
        for bar in range(4)
        for beat in range(4)
    ]  # fmt: skip


def test_a_phrase_played_again_counts_as_a_repeat_and_a_new_one_does_not() -> None:
    a, b = [60, 62, 64, 65, 67], [72, 71, 69, 67, 65, 64, 62]
    song = Song(
        bar_count=12, tracks=(Track("lead", notes=(*phrase(0, a), *phrase(4, b), *phrase(8, a))),)
    )
    ratio = phrase_repeats(song)
    assert ratio is not None
    assert (ratio.hits, ratio.total) == (1, 3)


def test_a_varied_last_bar_still_repeats_but_a_transposed_phrase_does_not() -> None:
    a = [60, 62, 64, 65, 67]
    varied = [n for n in phrase(4, a) if n.start_tick < 7 * BAR] + [Note(7 * BAR, 48, BAR, 80)]
    transposed = [dataclasses.replace(n, pitch=n.pitch + 5) for n in phrase(8, a)]
    song = Song(bar_count=12, tracks=(Track("lead", notes=(*phrase(0, a), *varied, *transposed)),))
    ratio = phrase_repeats(song)
    assert ratio is not None
    assert (ratio.hits, ratio.total) == (1, 3)


def test_a_steady_drum_groove_repeats_and_silence_is_not_measured() -> None:
    groove = [Note(bar * BAR + beat * PPQ, 36 if beat % 2 == 0 else 38, 60, 100)
              for bar in range(4) for beat in range(4)]  # fmt: skip
    drums = Track("drums", is_drum=True, notes=tuple(groove))
    ratio = drum_repeat_bars(Song(bar_count=4, tracks=(drums,)))
    assert ratio is not None
    assert (ratio.hits, ratio.total) == (3, 4)
    assert drum_repeat_bars(Song(bar_count=4, tracks=(Track("lead"),))) is None
    played = [dataclasses.replace(n, start_tick=n.start_tick + (7 if n.start_tick % 960 else 0))
              for n in groove]  # fmt: skip
    loose = drum_repeat_bars(
        Song(bar_count=4, tracks=(Track("d", is_drum=True, notes=tuple(played)),))
    )
    assert loose is not None
    assert loose.hits == 3  # a few ticks off the grid is still the same groove


def test_section_energy_tells_a_loud_full_chorus_from_a_thin_verse() -> None:
    pitches = [60, 64, 67]
    verse = phrase(0, pitches, velocity=60)
    chorus = phrase(4, pitches, velocity=100) + [
        Note(n.start_tick + PPQ // 2, n.pitch + 12, PPQ // 2, 100) for n in phrase(4, pitches)
    ]
    bass = [Note(bar * BAR, 36, BAR, 90) for bar in range(4, 8)]
    song = Song(
        bar_count=8,
        tracks=(
            Track("lead", notes=tuple(sorted(verse + chorus))),
            Track("bass", notes=tuple(bass)),
        ),
        sections=(new_section(0, 4, "verse"), new_section(4, 4, "chorus")),
    )
    energy = section_energy(song)
    assert energy["verse"].tracks == 1
    assert energy["chorus"].tracks == 2
    assert energy["verse"].velocity == 60
    assert energy["chorus"].velocity > 90
    assert energy["chorus"].density == pytest.approx((8 + 1) / 2)
    assert energy["verse"].density == 4
    assert energy["chorus 1"].bars == 4
