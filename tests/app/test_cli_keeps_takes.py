"""Rewriting a project in place keeps its takes: `convert song.json song.json` and the
README's `transcribe clip.wav song.json --into song.json`."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile

from app.cli import main
from benchmarks.transcription import render_fluidsynth
from benchmarks.tunes import d_major_tune
from engine.project.project_file import load_project_with_takes, save_project
from engine.song.edits import select, set_locked
from engine.song.takes import Take
from engine.studio.models import Models
from engine.transcribe.transcriber import NoteModel

RATE = 22_050


def _project_with_takes(path: Path) -> tuple[Take, ...]:
    song = d_major_tune()
    takes = (
        Take("regenerate", {"operation": "regenerate", "cells": [[1, 2]]}, 4, song),
        Take("lock", {"operation": "lock", "cells": [[0, 0]]}, 0, set_locked(song, [(0, 0)])),
    )
    save_project(song, path, takes)
    return takes


def test_convert_a_project_onto_itself_keeps_its_takes(tmp_path: Path) -> None:
    path = tmp_path / "song.json"
    takes = _project_with_takes(path)
    assert main(["convert", str(path), str(path)]) == 0
    assert load_project_with_takes(path) == (d_major_tune(), takes)


def test_transcribe_into_a_project_keeps_its_takes(
    tmp_path: Path, note_model: NoteModel, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "song.json"
    takes = _project_with_takes(path)
    clip = tmp_path / "clip.wav"
    melody = select(d_major_tune(), [0], (0, 3))
    soundfile.write(clip, render_fluidsynth(melody, RATE).astype(np.float32), RATE)
    models = Models(notes=lambda: note_model)
    args = ["transcribe", str(clip), str(path), "--into", str(path), "--monophonic"]
    assert main(args, models) == 0, capsys.readouterr().err
    song, kept = load_project_with_takes(path)
    assert kept == takes
    assert len(song.tracks) == len(d_major_tune().tracks) + 1
    assert song.tracks[:-1] == d_major_tune().tracks
