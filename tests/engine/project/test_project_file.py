"""Project files: JSON round trip, strict loading with named fields, atomic writes."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from engine.project.project_file import (
    MODES_SCHEMA_VERSION,
    NEWEST_SCHEMA_VERSION,
    SCHEMA_VERSION,
    ProjectFileError,
    load_project,
    save_project,
    song_from_dict,
    song_to_dict,
)
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
)


def _song() -> Song:
    lead = Track(
        "Lead — Ünïcode",
        program=73,
        notes=(Note(0, 72, 240, 100), Note(480, 74, 480, 90)),
        locked_bars=frozenset({1}),
        timbre=TimbreRef(kind="generated", seed=7, vector=(0.25, -1.5) * 12),
    )
    drums = Track("Drums", is_drum=True, notes=(Note(0, 36, 60, 120),))
    return Song(
        title="Test",
        bar_count=3,
        tracks=(lead, drums),
        tempos=(TempoChange(0, 96.5), TempoChange(3 * PPQ, 120)),
        time_signatures=(TimeSignatureChange(0, 3, 4), TimeSignatureChange(6 * PPQ, 7, 8)),
        key_signatures=(KeySignatureChange(0, -3, "minor"),),
    )


def test_save_then_load_gives_the_same_song(tmp_path: Path) -> None:
    path = tmp_path / "song.json"
    save_project(_song(), path)
    assert load_project(path) == _song()
    assert json.loads(path.read_text("utf-8"))["schema_version"] == SCHEMA_VERSION


def test_a_key_in_a_church_mode_is_saved_and_loaded_as_it_is(tmp_path: Path) -> None:
    """A project keeps E dorian, which a MIDI file cannot (it says D major), as schema version
    8, so an older Tessera refuses it by its version rather than by the mode; a song in major
    or minor still saves as before."""
    path = tmp_path / "dorian.json"
    song = dataclasses.replace(_song(), key_signatures=(KeySignatureChange(0, 2, "dorian"),))
    save_project(song, path)
    assert load_project(path).key_signatures[0].name == "E dorian"
    assert json.loads(path.read_text("utf-8"))["schema_version"] == MODES_SCHEMA_VERSION
    save_project(_song(), path)
    assert json.loads(path.read_text("utf-8"))["schema_version"] == SCHEMA_VERSION


def _broken(change: Any) -> dict[str, Any]:
    data = song_to_dict(_song())
    change(data)
    return data


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d.update(schema_version=NEWEST_SCHEMA_VERSION + 1),
            rf"schema_version {NEWEST_SCHEMA_VERSION + 1} was written by a newer "
            r"Tessera.*update Tessera",
        ),
        (lambda d: d.pop("format"), r"not a Tessera project"),
        (lambda d: d.pop("bar_count"), r"^bar_count is missing$"),
        (
            lambda d: d["tracks"][0]["notes"][1].__setitem__(1, 130),
            r"tracks\[0\]\.notes\[1\]\.pitch must be an integer from 0 to 127, got 130",
        ),
        (lambda d: d["tracks"][1].pop("program"), r"tracks\[1\]\.program is missing"),
        (
            lambda d: d["tracks"][0].update(colour="red"),
            r"tracks\[0\]\.colour is not a field this version knows",
        ),
        (
            lambda d: d["tempos"][0].update(tempo_bpm="fast"),
            r"tempos\[0\]\.tempo_bpm must be an integer or a number, got text",
        ),
        (
            lambda d: d["time_signatures"][1].update(denominator=6),
            r"time_signatures\[1\]: denominator must be one of",
        ),
        (lambda d: d["tracks"][0].update(is_drum=1), r"tracks\[0\]\.is_drum must be true or false"),
        (lambda d: d.update(ppq=96), r"ppq must be 480, got 96"),
        (lambda d: d["tracks"][0].update(locked_bars=[5]), r"locks bar 5, but the song has only 3"),
    ],
)
def test_loading_bad_data_names_the_field(change: Any, message: str) -> None:
    with pytest.raises(SongError, match=message):
        song_from_dict(_broken(change))


def test_load_reports_file_name_for_damaged_json(tmp_path: Path) -> None:
    path = tmp_path / "half.json"
    full = json.dumps(song_to_dict(_song()))
    path.write_text(full[: len(full) // 2], "utf-8")
    with pytest.raises(ProjectFileError, match=r"half\.json is not a readable Tessera project"):
        load_project(path)
    with pytest.raises(ProjectFileError, match=r"cannot open missing\.json"):
        load_project(tmp_path / "missing.json")
    (tmp_path / "list.json").write_text("[1, 2]", "utf-8")
    with pytest.raises(ProjectFileError, match=r"list\.json: the file must be a JSON object"):
        load_project(tmp_path / "list.json")


def test_a_failed_save_keeps_the_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "song.json"
    save_project(_song(), path)
    before = path.read_bytes()

    def crash(*_: object, **__: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("engine.atomic_write.os.fsync", crash)
    with pytest.raises(ProjectFileError, match=r"cannot save .* No space left on device"):
        save_project(Song(title="new"), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["song.json"]


def test_save_into_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ProjectFileError, match=r"cannot save the project to .*nowhere"):
        save_project(_song(), tmp_path / "nowhere" / "song.json")
