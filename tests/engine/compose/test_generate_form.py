"""New songs written by form with the real model: "pop song, 2 minutes" end to end, repeats
that return exactly or varied, choruses that build, and the old forms of letters."""

from __future__ import annotations

import statistics
from pathlib import Path

import mido
import numpy as np
import pytest

from engine.compose.midi_model import MidiModel
from engine.compose.operations import apply, rewritten_bars
from engine.compose.prompt import read_prompt
from engine.compose.requests import Generate
from engine.project.midi.writer import export_midi
from engine.song.song import Song
from engine.song.theory import key_tonic

POP_ROLES = ["intro", "verse", "chorus", "verse", "chorus", "bridge", "chorus", "outro"]


@pytest.fixture(scope="module")
def pop_song(midi_model: MidiModel) -> Song:
    """'pop song, 2 minutes' read, fitted and written (the one long song of these tests)."""
    request = read_prompt("pop song, 2 minutes").request()
    assert (request.preset, request.seconds) == ("pop", 120.0)
    return apply(midi_model, None, request, seed=11)


def _cells(song: Song, bars: range) -> list[list[tuple[int, int, int, int]]]:
    """Each track's notes in `bars`, as (offset from the first bar, pitch, length, velocity)."""
    start = song.bar_start_ticks[bars[0]]
    return [
        [
            (n.start_tick - start, n.pitch, n.duration_ticks, n.velocity)
            for bar in bars
            for n in song.notes_in_bar(track, bar)
        ]
        for track in range(len(song.tracks))
    ]


def test_two_minutes_of_pop_has_the_form_and_lasts_exactly(pop_song: Song, tmp_path: Path) -> None:
    assert [s.role for s in pop_song.sections] == POP_ROLES
    assert [s.name for s in pop_song.sections][1:5] == [
        "Verse 1",
        "Chorus 1",
        "Verse 2",
        "Chorus 2",
    ]
    assert pop_song.tick_to_seconds(pop_song.end_tick) == pytest.approx(120.0, abs=5e-4)
    path = tmp_path / "pop.mid"
    export_midi(pop_song, path)
    assert mido.MidiFile(str(path)).length == pytest.approx(120.0, abs=1e-3)  # another reader
    lead = pop_song.tracks[0].notes
    last = max(lead, key=lambda n: n.start_tick)
    assert last.end_tick == pop_song.end_tick  # held to the very end
    assert last.pitch % 12 == key_tonic(pop_song.key_signatures[0])  # on the tonic


def test_the_choruses_return_and_build(pop_song: Song) -> None:
    choruses = [s for s in pop_song.sections if s.role == "chorus"]
    first = _cells(pop_song, range(choruses[0].first_bar, choruses[0].last_bar))
    for later in choruses[1:]:
        # the same notes but for the last bar, written again as a second ending
        assert _cells(pop_song, range(later.first_bar, later.last_bar)) == first
    levels = [s.level for s in choruses]
    assert levels[0] < levels[1] < levels[2]
    verses = [s for s in pop_song.sections if s.role == "verse"]
    assert _cells(pop_song, range(verses[1].first_bar, verses[1].last_bar)) == _cells(
        pop_song, range(verses[0].first_bar, verses[0].last_bar)
    )


def _measure(song: Song, role: str) -> tuple[float, float, float]:
    """(notes per bar, mean velocity, tracks playing per bar) over the sections of a role."""
    bars = [b for s in song.sections if s.role == role for b in s.bar_range]
    tracks = range(len(song.tracks))
    notes = [n for b in bars for t in tracks for n in song.notes_in_bar(t, b)]
    playing = [sum(bool(song.notes_in_bar(t, b)) for t in tracks) for b in bars]
    return (
        len(notes) / len(bars),
        statistics.mean(n.velocity for n in notes),
        statistics.mean(playing),
    )


def test_the_chorus_is_denser_and_louder_than_the_verse_and_the_intro_has_no_drums(
    pop_song: Song,
) -> None:
    verse, chorus, intro = (_measure(pop_song, role) for role in ("verse", "chorus", "intro"))
    assert chorus[0] > 1.15 * verse[0]
    assert chorus[1] > verse[1] + 10
    drums = next(i for i, t in enumerate(pop_song.tracks) if t.is_drum)
    assert not any(pop_song.notes_in_bar(drums, b) for b in pop_song.sections[0].bar_range)
    # Every part plays through the verse; the lead may rest a bar where it enters.
    assert intro[2] < verse[2] >= len(pop_song.tracks) - 0.25


def test_variation_rewrites_a_share_of_a_repeat() -> None:
    rng = np.random.default_rng(1)
    assert rewritten_bars(8, 0.0, rng) == {7}
    assert len(rewritten_bars(8, 0.5, rng)) == 4
    assert 7 in rewritten_bars(8, 0.5, rng)
    assert rewritten_bars(8, 1.0, rng) == set(range(8))
    with pytest.raises(Exception, match="variation 2 must be from 0"):
        rewritten_bars(8, 2.0, rng)


def test_a_varied_repeat_is_written_again(midi_model: MidiModel) -> None:
    request = Generate("pop", form="verse:2 chorus:2 verse:2 chorus:2", variation=1.0)
    song = apply(midi_model, None, request, seed=4)
    assert [s.name for s in song.sections] == ["Verse 1", "Chorus 1", "Verse 2", "Chorus 2"]
    first, second = _cells(song, range(0, 1)), _cells(song, range(4, 5))
    assert first != second  # not only the last bar: the whole verse is new
    exact = apply(midi_model, None, Generate("pop", form="verse:2 chorus:2 verse:2 chorus:2"), 4)
    assert _cells(exact, range(0, 1)) == _cells(exact, range(4, 5))


def test_a_form_of_letters_still_plans_strains(midi_model: MidiModel) -> None:
    song = apply(midi_model, None, Generate("reel", bars=8, form="AB"), seed=2)
    assert [(s.name, s.role, s.bars) for s in song.sections] == [
        ("A", "strain", 4),
        ("B", "strain", 4),
    ]


def test_a_short_song_fitted_to_thirty_seconds(midi_model: MidiModel) -> None:
    song = apply(midi_model, None, Generate("folk-tune", seconds=30, form="A:4 B:4"), seed=3)
    assert song.tick_to_seconds(song.end_tick) == pytest.approx(30.0, abs=1e-6)
    assert [s.name for s in song.sections][:2] == ["A", "B"]
    assert 90 <= song.tempos[0].tempo_bpm <= 132
