"""The samplers (engine.sound.sampler): converging to a case whose exact answer is known, and,
on the shipped timbre model, the default four DPM-Solver++(2M) steps landing as close to the
exact frames as the ten DDIM steps the card was measured with, close to those ten steps' own
frames, and deterministic."""

from __future__ import annotations

import dataclasses

import numpy as np
import numpy.typing as npt
import pytest

from engine.song.song import TimbreRef
from engine.sound.note_frames import SampledNote
from engine.sound.sampler import (
    Sampler,
    alpha_sigma,
    ddim_sample,
    dpm_solver_2m_sample,
    power_times,
)
from engine.sound.timbre import (
    DEFAULT_SAMPLER,
    DEFAULT_STEPS,
    DRUM_KIT,
    NoteSpec,
    TimbreModel,
    from_gm,
    generate,
)

SPREAD = 0.5
"""The toy data's standard deviation: x0 ~ N(0, SPREAD^2) in every channel."""


def _gaussian_denoiser(x: npt.NDArray[np.float32], t: float) -> npt.NDArray[np.float32]:
    """The exact x0 estimate (posterior mean) for Gaussian data of spread SPREAD, whose
    probability-flow ODE carries the noise z at t = 1 to exactly SPREAD * z at t = 0."""
    alpha, sigma = alpha_sigma(t)
    gain = alpha * SPREAD**2 / (alpha**2 * SPREAD**2 + sigma**2)
    return (gain * x.astype(np.float64)).astype(np.float32)


def _toy_error(sampler: Sampler, steps: int) -> float:
    noise = np.linspace(-1.5, 1.5, 31)[None, :, None]  # (1, 31, 1), inside the clip range
    return float(np.abs(sampler(_gaussian_denoiser, noise, steps) - SPREAD * noise).max())


def test_the_samplers_converge_to_the_exact_answer_dpm_solver_far_faster() -> None:
    ddim = {steps: _toy_error(ddim_sample, steps) for steps in (4, 8, 16, 64)}
    dpm = {steps: _toy_error(dpm_solver_2m_sample, steps) for steps in (4, 8, 16, 64)}
    assert ddim[16] == pytest.approx(ddim[8] / 2, rel=0.1)  # first order: halves as steps double
    assert dpm[4] < ddim[8]
    assert dpm[8] < ddim[8] / 4
    assert dpm[64] < 1e-3 < ddim[64] / 10
    assert np.array_equal(
        dpm_solver_2m_sample(_gaussian_denoiser, np.ones((1, 4, 1)), 1),
        ddim_sample(_gaussian_denoiser, np.ones((1, 4, 1)), 1),
    )  # a single first-order step is DDIM's


def test_the_times_run_from_pure_noise_to_clean_crowding_at_the_clean_end() -> None:
    times = power_times(4)
    assert times[0] == 1.0
    assert times[-1] == 0.0
    assert np.all(np.diff(times) < 0)
    assert np.all(np.diff(times, 2) > 0)  # ever smaller steps towards t = 0
    assert np.allclose(power_times(4, 1.0), np.linspace(1.0, 0.0, 5))


NOTES = (
    NoteSpec(TimbreRef(), 60, 90, 0.5, program=0),  # piano
    NoteSpec(TimbreRef(), 55, 70, 2.0, program=48),  # string ensemble, held
    NoteSpec(TimbreRef(), 79, 100, 0.25, program=73),  # flute, short
    NoteSpec(TimbreRef(), 36, 110, 1.0, program=33),  # fingered bass
    NoteSpec(TimbreRef(), 38, 100, 0.5, is_drum=True),  # snare
)


def _frames(
    model: TimbreModel, notes: list[NoteSpec], sampler: Sampler, steps: int
) -> npt.NDArray[np.float32]:
    sampled: list[SampledNote] = model.sample_notes(notes, steps=steps, sampler=sampler)
    return np.stack([note.frames for note in sampled])  # (notes, F, C)


def _gap(a: npt.NDArray[np.float32], b: npt.NDArray[np.float32]) -> float:
    """Mean over notes of the RMS difference in control units (1 unit is 50 dB)."""
    return float(np.sqrt(((a - b) ** 2).mean(axis=(1, 2))).mean())


@pytest.fixture(scope="module")
def real_notes(timbre_model: TimbreModel) -> list[NoteSpec]:
    return [*NOTES, NoteSpec(generate(timbre_model.space, 7), 64, 80, 1.0)]


def test_four_dpm_solver_steps_are_as_close_to_the_exact_frames_as_ten_ddim_steps(
    timbre_model: TimbreModel, real_notes: list[NoteSpec]
) -> None:
    assert DEFAULT_SAMPLER is dpm_solver_2m_sample
    assert DEFAULT_STEPS == 4
    exact = _frames(timbre_model, real_notes, dpm_solver_2m_sample, 40)
    assert _gap(_frames(timbre_model, real_notes, ddim_sample, 200), exact) < 0.004  # converged
    ten_ddim = _frames(timbre_model, real_notes, ddim_sample, 10)
    four = _frames(timbre_model, real_notes, DEFAULT_SAMPLER, DEFAULT_STEPS)
    four_ddim = _frames(timbre_model, real_notes, ddim_sample, 4)
    assert _gap(four, exact) <= 1.05 * _gap(ten_ddim, exact)
    assert _gap(four_ddim, exact) > 1.3 * _gap(four, exact)  # the second order is what does it
    # Closer to the ten DDIM steps' frames than the same notes drawn from another seed are:
    # what a note sounds like does not change, only the error of the old sampler goes.
    reseeded = [
        dataclasses.replace(note, ref=from_gm(timbre_model.space, note.program, seed=1))
        if not note.is_drum
        else dataclasses.replace(note, ref=from_gm(timbre_model.space, DRUM_KIT, seed=1))
        for note in real_notes[:-1]
    ] + [dataclasses.replace(real_notes[-1], ref=generate(timbre_model.space, 8))]
    other_seed = _frames(timbre_model, reseeded, ddim_sample, 10)
    assert _gap(four, ten_ddim) < 0.015  # 0.75 dB RMS
    assert _gap(four, ten_ddim) < 0.5 * _gap(other_seed, ten_ddim)


def test_the_default_sampler_is_deterministic_and_batch_blind(
    timbre_model: TimbreModel, real_notes: list[NoteSpec]
) -> None:
    first = _frames(timbre_model, real_notes, DEFAULT_SAMPLER, DEFAULT_STEPS)
    assert np.array_equal(first, _frames(timbre_model, real_notes, DEFAULT_SAMPLER, DEFAULT_STEPS))
    alone = _frames(timbre_model, real_notes[1:2], DEFAULT_SAMPLER, DEFAULT_STEPS)
    assert np.allclose(alone[0], first[1], atol=1e-4)  # up to float rounding in the batch
    audio = timbre_model.render_note(TimbreRef(), 60, 90, 0.5)
    assert np.array_equal(audio, timbre_model.render_note(TimbreRef(), 60, 90, 0.5))
    assert not np.array_equal(
        audio, timbre_model.render_note(TimbreRef(), 60, 90, 0.5, steps=10, sampler=ddim_sample)
    )
