"""The samplers (engine.sound.sampler): each converging to what it aims at in a case whose
answer is known, DPM-Solver++(2M) at second order; and, on the shipped timbre model, the
default four DPM-Solver++(2M) steps giving what the ten DDIM steps the card and the README's
tables were measured with give (far closer to them than four DDIM steps or another seed's
notes come), deterministically."""

from __future__ import annotations

import dataclasses

import numpy as np
import numpy.typing as npt
import pytest

from engine.song.song import TimbreRef
from engine.sound.note_frames import SampledNote
from engine.sound.sampler import (
    LAST_TIME,
    Sampler,
    alpha_sigma,
    ddim_sample,
    dpm_solver_2m_sample,
    solver_times,
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
TOY_NOISE = np.linspace(-1.5, 1.5, 31)[None, :, None]  # (1, 31, 1), kept inside the clip range


def _gaussian_denoiser(x: npt.NDArray[np.float32], t: float) -> npt.NDArray[np.float32]:
    """The exact x0 estimate (posterior mean) for Gaussian data of spread SPREAD, whose
    probability-flow ODE carries the noise z at t = 1 to x_t = sqrt(alpha^2 SPREAD^2 +
    sigma^2) z: SPREAD * z at t = 0."""
    alpha, sigma = alpha_sigma(t)
    gain = alpha * SPREAD**2 / (alpha**2 * SPREAD**2 + sigma**2)
    return (gain * x.astype(np.float64)).astype(np.float32)


def _toy_path(t: float) -> npt.NDArray[np.float32]:
    """Where the toy's exact path is at time t."""
    alpha, sigma = alpha_sigma(t)
    return (float(np.sqrt(alpha**2 * SPREAD**2 + sigma**2)) * TOY_NOISE).astype(np.float32)


def _toy_error(sampler: Sampler, steps: int) -> float:
    """How far a sampler lands from what it aims at: DDIM at the end of the exact path;
    DPM-Solver++(2M) at the clean estimate made at LAST_TIME on it."""
    aim = _toy_path(1.0) * SPREAD  # the path's end, SPREAD * noise
    if sampler is dpm_solver_2m_sample:
        aim = _gaussian_denoiser(_toy_path(LAST_TIME), LAST_TIME)
    return float(np.abs(sampler(_gaussian_denoiser, TOY_NOISE, steps) - aim).max())


def test_each_sampler_converges_to_its_aim_dpm_solver_at_second_order() -> None:
    ddim = {steps: _toy_error(ddim_sample, steps) for steps in (4, 8, 16, 64)}
    dpm = {steps: _toy_error(dpm_solver_2m_sample, steps) for steps in (4, 8, 16, 64)}
    assert ddim[16] == pytest.approx(ddim[8] / 2, rel=0.1)  # first order: halves as steps double
    assert ddim[4] / ddim[64] < 16
    assert dpm[4] / dpm[64] > 16**2 / 2  # second order: a quarter as steps double
    assert dpm[64] < 1e-3
    assert np.array_equal(
        dpm_solver_2m_sample(_gaussian_denoiser, TOY_NOISE, 1),
        ddim_sample(_gaussian_denoiser, TOY_NOISE, 1),
    )  # a single first-order step is DDIM's


def test_the_times_fall_evenly_to_the_last_estimate_then_to_zero() -> None:
    assert np.isclose(LAST_TIME, 1 / 10)  # where ten DDIM steps make their last estimate
    assert np.allclose(solver_times(4), [1.0, 0.7, 0.4, 0.1, 0.0])
    assert np.array_equal(solver_times(1), [1.0, 0.0])


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


def test_four_dpm_solver_steps_give_what_ten_ddim_steps_give_on_real_notes(
    timbre_model: TimbreModel, real_notes: list[NoteSpec]
) -> None:
    assert DEFAULT_SAMPLER is dpm_solver_2m_sample
    assert DEFAULT_STEPS == 4
    ten_ddim = _frames(timbre_model, real_notes, ddim_sample, 10)
    four = _frames(timbre_model, real_notes, DEFAULT_SAMPLER, DEFAULT_STEPS)
    four_ddim = _frames(timbre_model, real_notes, ddim_sample, 4)
    assert _gap(four, ten_ddim) < 0.01  # 0.5 dB RMS
    assert _gap(four_ddim, ten_ddim) > 2 * _gap(four, ten_ddim)  # the second order does it
    # Closer to the ten DDIM steps' frames than the same notes drawn from another seed are:
    # what a note sounds like does not change, only the steps it takes.
    reseeded = [
        dataclasses.replace(note, ref=from_gm(timbre_model.space, note.program, seed=1))
        if not note.is_drum
        else dataclasses.replace(note, ref=from_gm(timbre_model.space, DRUM_KIT, seed=1))
        for note in real_notes[:-1]
    ] + [dataclasses.replace(real_notes[-1], ref=generate(timbre_model.space, 8))]
    other_seed = _frames(timbre_model, reseeded, ddim_sample, 10)
    assert _gap(four, ten_ddim) < 0.25 * _gap(other_seed, ten_ddim)


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
