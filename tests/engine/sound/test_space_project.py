"""A track's own width and reverb send in the project file: saved in its `mix` object only
when set, so songs without them save (and hash) byte for byte as before; checked on load."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from engine.project.project_file import (
    ProjectFileError,
    load_project,
    save_project,
    song_from_dict,
    song_to_dict,
)
from engine.song.song import PPQ, Note, Song, SongError, Track


def _song(*tracks: Track) -> Song:
    return Song(title="Space", bar_count=1, tracks=tracks)


def test_width_and_send_round_trip_and_are_absent_until_set(tmp_path: Path) -> None:
    plain = Track("Violin", 40, notes=(Note(0, 67, PPQ, 90),))
    spaced = dataclasses.replace(plain, name="Viola", program=41, width=0.25, reverb_send_db=-9)
    only_send = dataclasses.replace(plain, name="Cello", program=42, reverb_send_db=-60.0)
    song = _song(plain, spaced, only_send)
    save_project(song, tmp_path / "space.json")
    saved = json.loads((tmp_path / "space.json").read_text(encoding="utf-8"))
    tracks = saved["tracks"]
    assert "mix" not in tracks[0]
    assert tracks[1]["mix"] == {
        "gain_db": 0.0,
        "pan": 0.0,
        "muted": False,
        "solo": False,
        "width": 0.25,
        "reverb_send_db": -9.0,
    }
    assert "width" not in tracks[2]["mix"]
    assert tracks[2]["mix"]["reverb_send_db"] == -60.0
    assert load_project(tmp_path / "space.json") == song
    unset = _song(plain)
    assert song_to_dict(unset) == song_to_dict(_song(dataclasses.replace(plain, width=None)))


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("width", 1.5, r"tracks\[0\]\.mix\.width must be a number from 0 to 1, got 1\.5"),
        ("width", "wide", r"tracks\[0\]\.mix\.width must be .*number.*got"),
        ("reverb_send_db", -61, r"tracks\[0\]\.mix\.reverb_send_db must be a number from -60"),
        ("reverb_send_db", 7, r"tracks\[0\]\.mix\.reverb_send_db must be a number .* 6, got 7"),
    ],
)
def test_a_bad_width_or_send_names_its_field(field: str, value: object, message: str) -> None:
    data = song_to_dict(_song(Track("Pad", 89, gain_db=-3.0)))
    data["tracks"][0]["mix"][field] = value
    with pytest.raises((SongError, ProjectFileError), match=message):
        song_from_dict(data)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"width": -0.1}, r"^width must be a number from 0 to 1, got -0\.1$"),
        ({"width": float("nan")}, r"^width must be a number from 0 to 1, got nan$"),
        ({"reverb_send_db": float("-inf")}, r"^reverb_send_db must be a number .* got -inf$"),
    ],
)
def test_a_track_refuses_a_bad_width_or_send(changes: dict[str, float], message: str) -> None:
    with pytest.raises(SongError, match=message):
        Track("Pad", 89, **changes)  # type: ignore[arg-type]
