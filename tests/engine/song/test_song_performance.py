"""The Song's performance data: controllers, program changes in time and texts, validated
with named fields like every other value, kept through the edits that move bars and through
project files (schema 5), and the bar count of a far tick found without building the grid."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from engine.project.project_file import (
    SCHEMA_VERSION,
    load_project,
    save_project,
    song_from_dict,
    song_to_dict,
)
from engine.song.edit_checks import LockedCellError
from engine.song.edits import clear_cells, set_bar_count, set_locked, update_track
from engine.song.song import (
    PPQ,
    ControlEvent,
    Note,
    ProgramChange,
    Song,
    SongError,
    SongText,
    TimeSignatureChange,
    Track,
    bar_grid,
    bars_to_cover,
)
from engine.song.span_edits import clear_cell_controls, select

BAR = 4 * PPQ


def performed() -> Song:
    """Two bars of piano with pedal, bend, modulation and an instrument change, and words."""
    piano = Track(
        "Piano",
        0,
        notes=(Note(0, 60, PPQ, 90), Note(BAR, 62, PPQ, 90), Note(2 * BAR, 64, PPQ, 90)),
        controls=(
            ControlEvent(0, "cc", 100, 7),
            ControlEvent(PPQ, "sustain", 127),
            ControlEvent(BAR + PPQ, "pitch_bend", 4000),
            ControlEvent(BAR + 2 * PPQ, "cc", 30, 1),
            ControlEvent(2 * BAR + PPQ, "sustain", 0),
            ControlEvent(2 * BAR + PPQ, "pitch_bend", 0),
        ),
        program_changes=(ProgramChange(BAR, 6),),
    )
    texts = (
        SongText(0, "copyright", "(c) me"),
        SongText(BAR, "lyric", "la"),
        SongText(2 * BAR, "marker", "End"),
    )
    return Song(title="P", bar_count=3, tracks=(piano,), texts=texts)


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: ControlEvent(0, "pitch_bend", 8192), r"pitch bend value must be .* -8192 to 8191"),
        (lambda: ControlEvent(0, "sustain", 128), r"sustain value must be an integer from 0 to"),
        (lambda: ControlEvent(0, "cc", 1, 64), r"controller 64 is kind 'sustain', not 'cc'"),
        (lambda: ControlEvent(0, "cc", 1, 11), r"controller 11 is kind 'expression'"),
        (lambda: ControlEvent(0, "expression", 1, 3), r"only a 'cc' control has a number"),
        (lambda: ControlEvent(0, "wah", 1), r"control kind must be one of"),  # type: ignore[arg-type]
        (lambda: ControlEvent(-1, "sustain", 1), r"tick must be an integer from 0"),
        (lambda: ProgramChange(0, 128), r"program must be an integer from 0 to 127"),
        (lambda: SongText(0, "poem", "x"), r"text kind must be one of"),  # type: ignore[arg-type]
        (
            lambda: Track("t", program_changes=(ProgramChange(5, 1), ProgramChange(5, 2))),
            r"program_changes must be in order of tick with at most one change per tick",
        ),
        (
            lambda: Track("t", controls=(Note(0, 60, 1, 1),)),  # type: ignore[arg-type]
            r"controls must all be ControlEvent values",
        ),
        (
            lambda: Song(
                bar_count=1, tracks=(Track("t", controls=(ControlEvent(BAR + 1, "sustain", 0),)),)
            ),
            r"control or program change at tick 1921",
        ),
        (
            lambda: Song(bar_count=1, texts=(SongText(BAR + 1, "lyric", "x"),)),
            r"a lyric lies at tick 1921, after the song's end",
        ),
    ],
)
def test_performance_values_are_validated(build: Any, message: str) -> None:
    with pytest.raises(SongError, match=message):
        build()


def test_controls_sort_by_tick_and_keep_their_order_within_a_tick() -> None:
    rpn = (
        ControlEvent(9, "cc", 0, 101),
        ControlEvent(9, "cc", 0, 100),
        ControlEvent(9, "cc", 12, 6),
    )
    track = Track("t", controls=(ControlEvent(20, "sustain", 0), *rpn))
    assert track.controls == (*rpn, ControlEvent(20, "sustain", 0))
    assert Track("t", 5, program_changes=(ProgramChange(10, 7),)).program_at(9) == 5
    assert Track("t", 5, program_changes=(ProgramChange(10, 7),)).program_at(10) == 7


@pytest.mark.parametrize("end_tick", [0, 1, 1440, 1441, 5000, 123_456, 2**31 - 1])
def test_bars_to_cover_matches_the_grid_under_many_meters(end_tick: int) -> None:
    meters = [TimeSignatureChange(i * 1000, 3 + i % 5, (4, 8, 16)[i % 3]) for i in range(300)]
    bars = bars_to_cover(meters, end_tick)
    if bars < 5000:  # the grid itself is only built where it is small
        grid = bar_grid(meters, bars)
        assert grid[-1] >= end_tick
        assert bars == 1 or bar_grid(meters, bars - 1)[-1] < end_tick


def test_a_far_tick_under_a_tiny_meter_is_counted_not_built() -> None:
    assert bars_to_cover([TimeSignatureChange(0, 1, 64)], 2**31 - 1) == 71_582_789


def test_project_file_round_trips_performance_and_says_schema_5(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    save_project(performed(), path)
    assert load_project(path) == performed()
    data = json.loads(path.read_text("utf-8"))
    assert data["schema_version"] == SCHEMA_VERSION == 5
    assert data["tracks"][0]["program_changes"] == [[BAR, 6]]
    assert data["tracks"][0]["controls"][:2] == [[0, "cc", 100, 7], [PPQ, "sustain", 127, 0]]
    assert data["texts"][1] == [BAR, "lyric", "la"]


def test_a_song_without_performance_saves_without_the_new_fields() -> None:
    data = song_to_dict(Song(tracks=(Track("a", notes=(Note(0, 60, 1, 1),)),)))
    assert "texts" not in data
    assert {"controls", "program_changes"}.isdisjoint(data["tracks"][0])


@pytest.mark.parametrize("version", [1, 2, 3, 4])
def test_older_schemas_still_open(version: int) -> None:
    data = song_to_dict(Song(tracks=(Track("a", notes=(Note(0, 60, 1, 1),)),)))
    data["schema_version"] = version
    assert song_from_dict(data).tracks[0].controls == ()


@pytest.mark.parametrize(
    ("path", "row", "message"),
    [
        ("controls", [0, "sustain", 200, 0], r"tracks\[0\]\.controls\[0\]: sustain value must"),
        ("controls", [0, "sustain"], r"tracks\[0\]\.controls\[0\] must be \[tick, kind, value"),
        ("program_changes", [0, -1], r"tracks\[0\]\.program_changes\[0\]: program must be"),
        ("texts", [0, "lyric", 5], r"texts\[0\]: text must be text"),
    ],
)
def test_a_bad_performance_row_names_its_field(path: str, row: list[Any], message: str) -> None:
    data = song_to_dict(performed())
    if path == "texts":
        data["texts"] = [row]
    else:
        data["tracks"][0][path] = [row]
    with pytest.raises(SongError, match=message):
        song_from_dict(data)


# Edits -----------------------------------------------------------------------------------------


def test_selecting_bars_carries_the_state_in_force_and_closes_it() -> None:
    part = select(performed(), bars=(1, 1))
    (track,) = part.tracks
    assert track.program == 6  # the instrument sounding in bar 2
    assert track.controls == (
        ControlEvent(0, "cc", 100, 7),  # the volume set before, carried to the start
        ControlEvent(0, "sustain", 127),  # the pedal held down into the bar
        ControlEvent(PPQ, "pitch_bend", 4000),
        ControlEvent(2 * PPQ, "cc", 30, 1),
        ControlEvent(BAR, "sustain", 0),  # and let go at the selection's end: nothing stuck
        ControlEvent(BAR, "pitch_bend", 0),
    )
    assert part.texts == (SongText(0, "copyright", "(c) me"), SongText(0, "lyric", "la"))


def test_selecting_everything_is_the_identity_on_performance() -> None:
    assert select(performed()) == performed()


def test_shrinking_the_grid_drops_what_lies_past_the_end() -> None:
    song = performed()
    track = song.tracks[0]
    song = Song(
        bar_count=3,
        tracks=(
            Track(
                "Piano",
                0,
                notes=track.notes[:2],
                controls=track.controls,
                program_changes=track.program_changes,
            ),
        ),
        texts=song.texts,
    )
    shorter = set_bar_count(song, 2)
    assert shorter.tracks[0].controls == track.controls[:4]
    assert [t.kind for t in shorter.texts] == ["copyright", "lyric", "marker"]  # on the end


def test_clearing_a_cell_takes_its_performance_and_restores_what_follows() -> None:
    cleared = clear_cells(performed(), [(0, 1)])
    (track,) = cleared.tracks
    assert [n.pitch for n in track.notes] == [60, 64]
    assert track.controls == (
        ControlEvent(0, "cc", 100, 7),
        ControlEvent(PPQ, "sustain", 127),  # pressed in bar 1: still held into bar 3
        ControlEvent(BAR + 2 * PPQ, "cc", 30, 1),  # setup and modulation controllers stay
        ControlEvent(2 * BAR, "pitch_bend", 4000),  # the bend bar 3 started with, restored
        ControlEvent(2 * BAR + PPQ, "sustain", 0),
        ControlEvent(2 * BAR + PPQ, "pitch_bend", 0),
    )


def test_a_regenerated_cell_loses_only_its_bend() -> None:
    cleared = clear_cell_controls(performed(), [(0, 1)], ("pitch_bend",))
    kinds = [(c.tick, c.kind) for c in cleared.tracks[0].controls]
    assert (BAR + PPQ, "pitch_bend") not in kinds
    assert (PPQ, "sustain") in kinds


def test_locked_cells_keep_their_controllers() -> None:
    locked = set_locked(performed(), [(0, 1)])
    with pytest.raises(LockedCellError, match=r"bar 2 of track 1 is locked"):
        clear_cells(locked, [(0, 1)])
    with pytest.raises(SongError, match=r"use the note and lock edits to change \['controls'\]"):
        update_track(locked, 0, controls=())
