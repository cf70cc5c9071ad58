"""Timbre operations with the shipped model (onnxruntime, no torch): determinism, lock through
a saved project, nudge, interpolation, descriptors, long and drum notes, card checks."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from engine.project.project_file import load_project, save_project
from engine.runtime.cards import card_hash_line, write_card
from engine.song.edits import update_track
from engine.song.song import Song, TimbreRef, Track
from engine.sound.sampler import SamplerError, ddim_sample, dpm_solver_2m_sample
from engine.sound.synth import OUTPUT_RATE_HZ
from engine.sound.timbre import (
    DEFAULT_MODEL_DIR,
    DRUM_KIT,
    TimbreError,
    TimbreModel,
    TimbreModelError,
    describe,
    from_gm,
    generate,
    interpolate,
    nudge,
)

STEPS = 6


def spectral_gap(a: np.ndarray, b: np.ndarray) -> float:
    """Mean absolute log-spectrum difference of two notes (a small stand-in for the eval's)."""
    length = min(len(a), len(b))
    spectra = [np.log(np.abs(np.fft.rfft(x[:length])) + 1e-4) for x in (a, b)]
    return float(np.mean(np.abs(spectra[0] - spectra[1])))


def note(
    timbre_model: TimbreModel, ref: TimbreRef, pitch: int = 60, duration: float = 1.0
) -> np.ndarray:
    return timbre_model.render_note(ref, pitch, 90, duration, steps=STEPS)


def test_a_generated_timbre_is_reproduced_exactly_and_seeds_differ(
    timbre_model: TimbreModel,
) -> None:
    ref = generate(timbre_model.space, 11)
    assert ref == generate(timbre_model.space, 11)
    assert ref.kind == "generated"
    assert ref.seed == 11
    assert len(ref.vector) == timbre_model.space.dimension
    audio = note(timbre_model, ref)
    assert audio.dtype == np.float32
    assert np.isfinite(audio).all()
    assert np.abs(audio).max() > 1e-3
    assert np.array_equal(audio, note(timbre_model, ref))
    assert not np.array_equal(audio, note(timbre_model, generate(timbre_model.space, 12)))


def test_a_locked_timbre_survives_a_saved_project_bit_for_bit(
    timbre_model: TimbreModel, tmp_path: Path
) -> None:
    ref = nudge(timbre_model.space, from_gm(timbre_model.space, 40, seed=5), 0.3, direction_seed=2)
    song = update_track(Song(tracks=(Track("strings", program=40),)), 0, timbre=ref)
    save_project(song, tmp_path / "song.json")
    loaded = load_project(tmp_path / "song.json").tracks[0].timbre
    assert loaded == ref
    assert np.array_equal(note(timbre_model, loaded), note(timbre_model, ref))


def test_nudge_zero_is_identical_and_distance_grows_with_strength(
    timbre_model: TimbreModel,
) -> None:
    start = from_gm(timbre_model.space, 0, seed=1)
    original = note(timbre_model, start)
    assert nudge(timbre_model.space, start, 0.0, direction_seed=4) == start
    assert np.array_equal(
        note(timbre_model, nudge(timbre_model.space, start, 0.0, direction_seed=4)), original
    )
    gaps = {
        strength: np.mean(
            [
                spectral_gap(
                    original, note(timbre_model, nudge(timbre_model.space, start, strength, d))
                )
                for d in range(3)
            ]
        )
        for strength in (0.1, 1.0)
    }
    assert 0 < gaps[0.1] < gaps[1.0]


def test_interpolation_ends_at_its_endpoints(timbre_model: TimbreModel) -> None:
    a, b = from_gm(timbre_model.space, 0, seed=3), from_gm(timbre_model.space, 73, seed=9)
    assert interpolate(a, b, 0.0) == a
    assert interpolate(a, b, 1.0).vector == pytest.approx(b.vector)
    assert interpolate(a, b, 1.0).seed == a.seed
    halfway = np.asarray(interpolate(a, b, 0.5).vector)
    assert halfway == pytest.approx((np.asarray(a.vector) + np.asarray(b.vector)) / 2)


def test_descriptors_move_the_vector_and_unknown_names_are_refused(
    timbre_model: TimbreModel,
) -> None:
    start = from_gm(timbre_model.space, 19, seed=0)
    assert set(timbre_model.space.descriptors) == {
        "brighter",
        "darker",
        "softer_attack",
        "harder_attack",
    }
    brighter = np.asarray(describe(timbre_model.space, start, "brighter", 1.0).vector)
    darker = np.asarray(describe(timbre_model.space, start, "darker", 1.0).vector)
    assert brighter - np.asarray(start.vector) == pytest.approx(np.asarray(start.vector) - darker)
    assert describe(timbre_model.space, start, "brighter", 0.0) == start
    with pytest.raises(TimbreError, match="unknown descriptor 'shinier'"):
        describe(timbre_model.space, start, "shinier", 0.5)
    with pytest.raises(TimbreError, match="strength must be from 0 to 1"):
        nudge(timbre_model.space, start, 1.5, direction_seed=0)


def test_gm_refs_resolve_to_their_program_and_unheard_programs_to_their_family(
    timbre_model: TimbreModel,
) -> None:
    space = timbre_model.space
    assert from_gm(space, 0).vector == pytest.approx(space.instruments[0])
    # Every General MIDI instrument is trained since model v4 (v3 never heard the cello), and
    # the sound effects since v9...
    assert set(range(128)) | {128} == set(space.instruments)
    assert from_gm(space, 42).vector == pytest.approx(space.instruments[42])
    # ...and a space that has not heard one gives it its family's mean.
    unheard = {p: v for p, v in space.instruments.items() if p != 42}
    without_cello = dataclasses.replace(space, instruments=unheard)
    strings = [space.instruments[p] for p in (40, 41, 43, 44, 45, 46, 47)]
    assert from_gm(without_cello, 42).vector == pytest.approx(np.mean(strings, axis=0))
    plain = timbre_model.render_note(TimbreRef(), 48, 90, 0.5, program=42, steps=STEPS)
    assert np.array_equal(plain, note(timbre_model, from_gm(space, 42), 48, 0.5))
    with pytest.raises(TimbreError, match="program must be 0-127"):
        from_gm(timbre_model.space, 200)
    with pytest.raises(TimbreError, match="resolve a GM timbre"):
        nudge(timbre_model.space, TimbreRef(), 0.5, direction_seed=0)


def test_new_timbres_are_drawn_among_the_melodic_instruments(timbre_model: TimbreModel) -> None:
    """The prior that `generate` draws from is fitted to the melodic instruments' vectors only:
    not the kit's, nor the sound effects' (a seashore is no instrument to play a part on)."""
    space = timbre_model.space
    melodic = np.array([space.instruments[p] for p in range(120)])
    assert space.prior_mean == pytest.approx(melodic.mean(axis=0), abs=1e-5)
    everything = np.array(list(space.instruments.values()))
    assert not np.allclose(everything.mean(axis=0), melodic.mean(axis=0), atol=1e-3)


def test_long_notes_are_stretched_and_drums_render_from_noise(timbre_model: TimbreModel) -> None:
    ref = from_gm(timbre_model.space, 48, seed=2)
    long = note(timbre_model, ref, 55, 5.0)
    # Held 5 s, then its release: at least the model's own, at most one window long.
    release = timbre_model.frames / 50 - timbre_model.max_duration_seconds
    assert (
        (5.0 + release) * OUTPUT_RATE_HZ
        <= len(long)
        <= (5.0 + timbre_model.frames / 50) * OUTPUT_RATE_HZ
    )
    held = long[: 5 * OUTPUT_RATE_HZ]
    assert np.sqrt(np.mean(held[-OUTPUT_RATE_HZ:] ** 2)) > 0.05 * np.sqrt(np.mean(held**2))
    kit = from_gm(timbre_model.space, DRUM_KIT, seed=0)
    snare = timbre_model.render_note(kit, 38, 100, 3.0, is_drum=True, steps=STEPS)
    assert np.isfinite(snare).all()
    assert np.abs(snare).max() > 1e-3
    assert np.array_equal(
        snare, timbre_model.render_note(kit, 38, 100, 0.1, is_drum=True, steps=STEPS)
    )


def test_notes_from_the_model_start_and_end_at_silence(timbre_model: TimbreModel) -> None:
    for program in (0, 56, 80):
        audio = note(timbre_model, from_gm(timbre_model.space, program), 60, 0.5)
        peak = np.abs(audio).max()
        assert abs(audio[0]) < 1e-3 * peak
        assert abs(audio[-1]) < 1e-3 * peak


def test_bad_notes_are_refused(timbre_model: TimbreModel) -> None:
    ref = generate(timbre_model.space, 0)
    with pytest.raises(TimbreError, match="pitch 0-127"):
        timbre_model.render_note(ref, 130, 90, 1.0)
    with pytest.raises(TimbreError, match="duration above 0"):
        timbre_model.render_note(ref, 60, 90, 0.0)
    with pytest.raises(TimbreError, match="at most 120 s, got 60, 90, 3600"):
        timbre_model.render_note(ref, 60, 90, 3600.0)  # would ask for ~16 GB at once
    for sampler in (ddim_sample, dpm_solver_2m_sample):
        with pytest.raises(SamplerError, match="at least one step"):
            sampler(lambda x, t: x, np.zeros((4, 4)), 0)


def _copy_model(tmp_path: Path) -> Path:
    folder = tmp_path / "timbre"
    folder.mkdir(parents=True)
    for name in ("card.json", "card.sha256", "model.onnx", "space.json"):
        shutil.copy(DEFAULT_MODEL_DIR / name, folder / name)
    return folder


def test_a_damaged_or_mismatched_model_is_refused(tmp_path: Path) -> None:
    folder = _copy_model(tmp_path)
    card = json.loads((folder / "card.json").read_text())
    card["controls"]["harmonics"] = 32
    write_card(folder, card)  # exported that way: the card matches its hash
    with pytest.raises(TimbreModelError, match="trained for controls"):
        TimbreModel(folder)
    (folder / "card.json").write_text("{not json")
    with pytest.raises(TimbreModelError, match=r"card\.json does not match card\.sha256"):
        TimbreModel(folder)
    (folder / "card.sha256").write_text(card_hash_line(b"{not json"))
    with pytest.raises(TimbreModelError, match=r"card\.json is not valid JSON"):
        TimbreModel(folder)
    with pytest.raises(TimbreModelError, match=r"no model card at .*card\.json: reinstall Tessera"):
        TimbreModel(tmp_path / "missing")
    folder = _copy_model(tmp_path / "again")
    (folder / "space.json").write_text("{}")
    with pytest.raises(TimbreModelError, match=r"space\.json does not match its card"):
        TimbreModel(folder)
