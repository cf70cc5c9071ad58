"""The Song document: validation with named fields, the bar grid, the tempo map."""

from __future__ import annotations

import dataclasses

import pytest

from engine.song.song import (
    PPQ,
    KeySignatureChange,
    Note,
    Song,
    SongError,
    TempoChange,
    TimbreRef,
    TimeSignatureChange,
    Track,
    bars_to_cover,
)


def test_notes_sort_canonically_so_equal_music_compares_equal() -> None:
    a = Note(start_tick=480, pitch=60, duration_ticks=240, velocity=90)
    b = Note(start_tick=0, pitch=64, duration_ticks=240, velocity=90)
    assert Track("x", notes=(a, b)) == Track("x", notes=(b, a))
    assert Track("x", notes=(a, b)).notes == (b, a)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"pitch": 128}, r"pitch must be an integer from 0 to 127, got 128"),
        ({"velocity": 0}, r"velocity must be an integer from 1 to 127, got 0"),
        ({"duration_ticks": 0}, r"duration_ticks must be an integer from 1"),
        ({"start_tick": -1}, r"start_tick must be an integer from 0"),
        ({"pitch": 60.5}, r"pitch must be an integer .* got 60.5"),
        ({"pitch": True}, r"pitch must be an integer"),
    ],
)
def test_note_rejects_out_of_range_values_naming_the_field(
    changes: dict[str, object], message: str
) -> None:
    fields: dict[str, object] = {"start_tick": 0, "pitch": 60, "duration_ticks": 1, "velocity": 1}
    with pytest.raises(SongError, match=message):
        Note(**{**fields, **changes})  # type: ignore[arg-type]


def test_map_entries_validate_their_ranges() -> None:
    with pytest.raises(SongError, match=r"tempo_bpm must be from 4 to 1000, got 0"):
        TempoChange(0, 0)
    with pytest.raises(SongError, match=r"denominator must be one of"):
        TimeSignatureChange(0, 3, 5)
    with pytest.raises(SongError, match=r"sharps_flats must be an integer from -7 to 7"):
        KeySignatureChange(0, 8)
    with pytest.raises(SongError, match=r"mode must be one of major, minor, dorian"):
        KeySignatureChange(0, 0, "locrian")  # type: ignore[arg-type]
    with pytest.raises(SongError, match=r"program must be an integer from 0 to 127"):
        Track("x", program=128)
    with pytest.raises(SongError, match=r"needs both a seed and a vector"):
        TimbreRef(kind="generated")


def test_bar_grid_follows_meter_changes_and_a_change_mid_bar_cuts_the_bar() -> None:
    three_four = 3 * PPQ
    seven_eight = 7 * PPQ // 2
    meters = (
        TimeSignatureChange(0, 3, 4),
        TimeSignatureChange(2 * three_four, 7, 8),
        TimeSignatureChange(2 * three_four + seven_eight + 100, 4, 4),  # mid-bar
    )
    song = Song(bar_count=5, time_signatures=meters)
    starts = [0, three_four, 2 * three_four, 2 * three_four + seven_eight]
    cut = 2 * three_four + seven_eight + 100
    assert song.bar_start_ticks == (*starts, cut, cut + 4 * PPQ)
    assert song.bar_at_tick(three_four - 1) == 0
    assert song.bar_at_tick(three_four) == 1
    assert song.time_signature_at(cut + 1).numerator == 4
    assert bars_to_cover(meters, cut + 1) == 5
    assert bars_to_cover(meters, cut) == 4


def test_song_rejects_notes_and_locks_outside_the_grid() -> None:
    note = Note(start_tick=4 * PPQ - 10, pitch=60, duration_ticks=20, velocity=80)
    with pytest.raises(SongError, match=r"ending at tick 1930, after the song's last bar"):
        Song(bar_count=1, tracks=(Track("lead", notes=(note,)),))
    with pytest.raises(SongError, match=r"locks bar 3, but the song has only 2 bars"):
        Song(bar_count=2, tracks=(Track("lead", locked_bars=frozenset({3})),))
    with pytest.raises(SongError, match=r"tempos must start with a tempo at tick 0"):
        Song(tempos=(TempoChange(10, 100),))
    with pytest.raises(SongError, match=r"tempos must be in order of tick"):
        Song(tempos=(TempoChange(0, 100), TempoChange(0, 90)))
    with pytest.raises(SongError, match=r"at or after the song's end"):
        Song(bar_count=1, tempos=(TempoChange(0, 100), TempoChange(4 * PPQ, 90)))


def test_tick_to_seconds_integrates_the_tempo_map() -> None:
    song = Song(bar_count=4, tempos=(TempoChange(0, 120), TempoChange(4 * PPQ, 60)))
    assert song.tick_to_seconds(4 * PPQ) == pytest.approx(2.0)
    assert song.tick_to_seconds(6 * PPQ) == pytest.approx(4.0)
    assert song.duration_seconds == pytest.approx(2.0 + 12 * 1.0)


def test_notes_in_bar_returns_the_cell() -> None:
    notes = tuple(
        Note(start_tick=tick, pitch=60, duration_ticks=10, velocity=80)
        for tick in (0, 4 * PPQ - 1, 4 * PPQ, 9 * PPQ)
    )
    song = Song(bar_count=3, tracks=(Track("a", notes=notes),))
    assert song.notes_in_bar(0, 0) == notes[:2]
    assert song.notes_in_bar(0, 1) == notes[2:3]
    assert song.notes_in_bar(0, 2) == notes[3:]


def test_songs_are_immutable() -> None:
    song = Song()
    with pytest.raises(dataclasses.FrozenInstanceError):
        song.title = "changed"  # type: ignore[misc]


def test_key_names_follow_the_signature() -> None:
    assert KeySignatureChange(0, 3, "minor").name == "F# minor"
    assert KeySignatureChange(0, -2, "major").name == "Bb major"
    assert KeySignatureChange(0, -7, "major").name == "Cb major"


@pytest.mark.parametrize("tick", [0, 1, 479, 480, 1919, 1920, 1921, 2400, 9000])
def test_seconds_to_tick_inverts_tick_to_seconds(tick: int) -> None:
    song = Song(bar_count=8, tempos=(TempoChange(0, 120), TempoChange(1920, 61.5)))
    assert song.seconds_to_tick(song.tick_to_seconds(tick)) == pytest.approx(tick)
    assert song.seconds_to_tick(2.0 + 0.5) == pytest.approx(1920 + 0.5 * 61.5 / 60 * PPQ)
