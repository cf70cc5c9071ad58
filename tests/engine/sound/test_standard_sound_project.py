"""A track's choice of the standard sound set in project files: it round-trips, only a project
that uses it is written as schema version 6, and every other project saves exactly as before."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.project.project_file import (
    NEWEST_SCHEMA_VERSION,
    SCHEMA_VERSION,
    STANDARD_SOUND_SCHEMA_VERSION,
    ProjectFileError,
    load_project,
    load_project_with_takes,
    save_project,
    song_to_dict,
)
from engine.song.edits import update_track
from engine.song.song import TIMBRE_DIMENSION, Note, Song, TimbreRef, Track
from engine.song.takes import Take

LOCKED = TimbreRef("generated", 11, tuple(0.1 * i for i in range(TIMBRE_DIMENSION)))


def _song() -> Song:
    lead = Track("Lead", program=73, notes=(Note(0, 72, 240, 100),), timbre=LOCKED)
    drums = Track("Drums", is_drum=True, notes=(Note(0, 36, 60, 120),))
    return Song(title="Choice", bar_count=1, tracks=(lead, drums))


def test_a_standard_track_round_trips_keeping_its_tessera_timbre(tmp_path: Path) -> None:
    song = update_track(_song(), 0, timbre=LOCKED.standard())
    song = update_track(song, 1, timbre=TimbreRef().standard())
    path = tmp_path / "song.json"
    save_project(song, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["schema_version"] == STANDARD_SOUND_SCHEMA_VERSION == 6
    assert [t["timbre"]["kind"] for t in data["tracks"]] == ["soundfont", "soundfont"]
    loaded = load_project(path)
    assert loaded == song
    assert loaded.tracks[0].timbre.tessera() == LOCKED  # switching back restores the lock
    assert loaded.tracks[1].timbre.tessera() == TimbreRef()


def test_a_project_without_the_standard_set_saves_as_before(tmp_path: Path) -> None:
    data = song_to_dict(_song())
    assert data["schema_version"] == SCHEMA_VERSION == 5
    assert data["tracks"][0]["timbre"] == {
        "kind": "generated",
        "seed": 11,
        "vector": list(LOCKED.vector),
    }
    assert data["tracks"][1]["timbre"] == {"kind": "gm", "seed": None, "vector": []}
    back = update_track(update_track(_song(), 0, timbre=LOCKED.standard()), 0, timbre=LOCKED)
    assert song_to_dict(back) == data


def test_a_take_with_the_standard_set_makes_the_file_version_6(tmp_path: Path) -> None:
    standard = update_track(_song(), 1, timbre=TimbreRef().standard())
    take = Take(operation="generate", request={}, seed=1, song=standard)
    path = tmp_path / "takes.json"
    save_project(_song(), path, (take,))
    assert json.loads(path.read_text(encoding="utf-8"))["schema_version"] == 6
    song, takes = load_project_with_takes(path)
    assert song == _song()
    assert takes[0].song.tracks[1].timbre.is_standard


def test_a_newer_file_and_a_bad_kind_are_refused_naming_the_field(tmp_path: Path) -> None:
    data = song_to_dict(_song())
    data["schema_version"] = NEWEST_SCHEMA_VERSION + 1
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(
        ProjectFileError,
        match=rf"schema_version {NEWEST_SCHEMA_VERSION + 1} .* reads up to {NEWEST_SCHEMA_VERSION}",
    ):
        load_project(newer)
    data["schema_version"] = 6
    data["tracks"][1]["timbre"]["kind"] = "sf2"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(
        ProjectFileError, match=r"tracks\[1\]\.timbre.*'gm', 'generated' or 'soundfont'"
    ):
        load_project(bad)
