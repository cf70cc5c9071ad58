"""The timbre data's provenance and the offline checks' instruments: the manifest against the
installed SoundFont and the grid, and the pitch tracker's calibration on exact tones."""

from __future__ import annotations

import hashlib
import itertools
import json

import numpy as np
import pytest

from build_scripts.timbre import (
    DRUM_PROGRAM,
    HELD_OUT_PROGRAMS,
    MANIFEST_PATH,
    PROGRAMS,
    SoundFontMissingError,
    note_grid,
    soundfont_path,
)
from build_scripts.timbre.build import items_sha256
from engine.sound.synth import midi_to_hz
from engine.transcribe.transcriber import MODEL_RATE_HZ
from models.timbre.pitch import PitchTracker


def test_manifest_matches_the_installed_soundfont_and_the_grid() -> None:
    manifest = json.loads(MANIFEST_PATH.read_text(encoding="utf-8"))
    source = manifest["source"]
    assert source["licence"] == "MIT"
    assert "I hereby release Fluid under the MIT license" in source["notice"]
    assert source["sha256"] == hashlib.sha256(soundfont_path().read_bytes()).hexdigest()
    grid = note_grid()
    assert manifest["items"]["sha256"] == items_sha256(grid)
    assert manifest["items"]["count"] == len(grid) == 18537
    assert manifest["grid"]["held_out_programs"] == list(HELD_OUT_PROGRAMS) == []


def test_every_instrument_is_trained_and_held_out_pitches_are_interior() -> None:
    """Since timbre model v4 no instrument is held out (one held out is one the app plays
    badly); each holds out interior pitches, which the validation loss is measured on."""
    grid = note_grid()
    train = {(n.program, n.pitch) for n in grid if n.split == "train"}
    held_pitch = {(n.program, n.pitch) for n in grid if n.split == "test_pitch"}
    assert not train & held_pitch
    assert {program for program, _ in train} == set(range(128)) | {DRUM_PROGRAM}
    assert {n.split for n in grid} == {"train", "test_pitch"}
    for program in PROGRAMS:
        pitches = sorted(p for q, p in train if q == program)
        assert len(pitches) >= 14  # timpani's narrow range holds 14 of its 18; most 20 of 24
        assert max(b - a for a, b in itertools.pairwise(pitches)) <= 6  # v3: up to 12
    for program, pitch in held_pitch:  # interpolation, not extrapolation
        pitches = [p for q, p in train if q == program]
        assert min(pitches) < pitch < max(pitches)


def test_a_missing_soundfont_names_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TESSERA_SOUNDFONT", "/nonexistent/FluidR3_GM.sf2")
    with pytest.raises(SoundFontMissingError, match="apt-get install fluid-soundfont-gm"):
        soundfont_path()


@pytest.mark.parametrize("pitch", [40.0, 52.5, 60.0, 69.0, 81.0, 90.0])
def test_the_pitch_tracker_reads_exact_tones_within_ten_cents(pitch: float) -> None:
    tracker = PitchTracker()
    time_s = np.arange(2 * MODEL_RATE_HZ) / MODEL_RATE_HZ  # basic-pitch's own rate
    f0 = midi_to_hz(pitch)
    sine = 0.1 * np.sin(2 * np.pi * f0 * time_s)
    saw = sum(
        0.1 / k * np.sin(2 * np.pi * k * f0 * time_s)
        for k in range(1, 10)
        if k * f0 < MODEL_RATE_HZ / 2
    )
    for tone in (sine, saw):
        heard = tracker.note_pitch(np.asarray(tone, dtype=np.float32), 2.0)
        assert abs(heard - pitch) < 0.10
