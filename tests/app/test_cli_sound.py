"""`tessera-cli sound` and `render --sound` on real project files, with the real renderer:
the choice is saved per track and undone by choosing again; a render with the standard set
leaves the project as it was."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest
import soundfile

from app.cli import main
from benchmarks.tunes import d_major_tune
from engine.project.project_file import load_project, save_project
from engine.song.edits import update_track
from engine.song.song import TIMBRE_DIMENSION, Song, TimbreRef
from engine.sound.render import NoteRenderer, render
from engine.studio.models import Models

LOCKED = TimbreRef("generated", 5, (0.2,) * TIMBRE_DIMENSION)


def _tune() -> Song:
    return update_track(d_major_tune(), 1, timbre=LOCKED)


def test_sound_sets_the_chosen_tracks_and_tessera_brings_the_lock_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "tune.json"
    save_project(_tune(), path)
    assert main(["sound", str(path), "--tracks", "2", "--standard"]) == 0
    assert "1 track(s) now play the standard General MIDI set" in capsys.readouterr().out
    song = load_project(path)
    assert song.tracks[0].timbre == TimbreRef()
    assert song.tracks[1].timbre == LOCKED.standard()
    assert main(["sound", str(path), "--tessera"]) == 0
    assert load_project(path) == _tune()
    assert path.read_text(encoding="utf-8").count('"schema_version":5') == 1


def test_sound_writes_to_output_and_leaves_the_source(tmp_path: Path) -> None:
    source, copy = tmp_path / "tune.json", tmp_path / "standard.json"
    save_project(_tune(), source)
    before = source.read_bytes()
    assert main(["sound", str(source), "--standard", "-o", str(copy)]) == 0
    assert source.read_bytes() == before
    assert all(track.timbre.is_standard for track in load_project(copy).tracks)


def test_sound_refuses_a_track_the_song_lacks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "tune.json"
    save_project(_tune(), path)
    before = path.read_bytes()
    assert main(["sound", str(path), "--tracks", "3", "--standard"]) == 1
    assert "track" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_render_with_the_standard_set_leaves_the_project(
    tmp_path: Path, renderer: NoteRenderer
) -> None:
    path, wav = tmp_path / "tune.json", tmp_path / "tune.wav"
    save_project(_tune(), path)
    before = path.read_bytes()
    models = Models(renderer=lambda: renderer)
    assert main(["render", str(path), str(wav), "--sound", "standard"], models) == 0
    assert path.read_bytes() == before
    written, _ = soundfile.read(wav, dtype="float32")
    standard = dataclasses.replace(
        _tune(),
        tracks=tuple(dataclasses.replace(t, timbre=t.timbre.standard()) for t in _tune().tracks),
    )
    expected = render(standard, renderer)
    assert written.shape == expected.shape
    assert np.abs(written - expected).max() < 1e-4  # 24-bit rounding
    assert np.abs(written).max() > 0.05
