"""Timbres remember which timbre model made them, and opening a project says which of its
tracks play a timbre made by another model than the one installed (each model learns its own
space, so such a timbre sounds different now)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from engine.project.project_file import load_project, save_project
from engine.song.song import Song, SongError, TimbreRef, Track
from engine.sound.timbre import TimbreModel
from engine.sound.timbre_space import describe, from_gm, generate, interpolate, nudge
from engine.sound.timbre_version import installed_version, made_elsewhere_warnings
from engine.studio.session import ProjectSession


@pytest.fixture(scope="module")
def model() -> TimbreModel:
    return TimbreModel(threads=1)


def test_every_timbre_made_is_stamped_with_the_installed_models_version(model: TimbreModel) -> None:
    version = installed_version()
    assert version is not None
    assert version == model.card["version"]
    violin = from_gm(model.space, 40, seed=3)
    made = [
        violin,
        generate(model.space, 7),
        nudge(model.space, violin, 0.5, 11),
        describe(model.space, violin, "brighter", 0.5),
    ]
    assert [ref.model for ref in made] == [version] * 4
    older = dataclasses.replace(violin, model=version - 1)
    assert interpolate(older, violin, 0.5).model == version - 1  # the first timbre's, as its seed
    # The standard sound set keeps the timbre to come back to, with its version.
    assert violin.standard().tessera() == violin


def test_the_version_is_saved_only_when_known(tmp_path: Path, model: TimbreModel) -> None:
    stamped = from_gm(model.space, 40, seed=3)
    unstamped = dataclasses.replace(stamped, model=None)
    song = Song(bar_count=1, tracks=(Track("a", timbre=stamped), Track("b", timbre=unstamped)))
    path = tmp_path / "song.json"
    save_project(song, path)
    timbres = [track["timbre"] for track in json.loads(path.read_text())["tracks"]]
    assert timbres[0]["model"] == stamped.model
    assert "model" not in timbres[1]  # a project from before v3 saves exactly as it did
    assert [t.timbre for t in load_project(path).tracks] == [stamped, unstamped]


def test_a_timbre_names_a_model_only_with_a_vector() -> None:
    with pytest.raises(SongError, match="only a timbre with a vector names the model"):
        TimbreRef(model=3)
    with pytest.raises(SongError, match="timbre model"):
        TimbreRef("generated", 1, (0.0,) * 24, model=0)


def test_opening_a_project_says_which_timbres_another_model_made(
    tmp_path: Path, model: TimbreModel
) -> None:
    version = installed_version()
    assert version is not None
    here = from_gm(model.space, 40, seed=3)
    tracks = (
        Track("Violin", program=40, timbre=here),
        Track("Viola", program=41, timbre=dataclasses.replace(here, model=version - 1)),
        Track("Cello", program=42, timbre=dataclasses.replace(here, model=None)),
        Track("Bass", program=32),  # the model's own General MIDI sound: nothing to say
        Track("Pad", program=89, timbre=dataclasses.replace(here, model=None).standard()),
    )
    path = tmp_path / "quartet.json"
    save_project(Song(bar_count=1, tracks=tracks), path)
    warnings = ProjectSession(tmp_path / "recovery").open(path)
    assert len(warnings) == 2
    assert warnings[0].startswith(
        f"track 2 (Viola): its generated timbre was made with timbre model v{version - 1}"
    )
    assert f"this Tessera has timbre model v{version}" in warnings[0]
    assert warnings[1].startswith(
        "track 3 (Cello): its generated timbre was made with an earlier timbre model"
    )
    assert made_elsewhere_warnings(Song(bar_count=1, tracks=tracks), None) == []
