"""Deterministic samplers for the timbre denoiser: a model that estimates the clean frames x0 of
noisy frames x_t = alpha x0 + sigma noise on the cosine schedule (alpha = cos(pi t / 2),
sigma = sin(pi t / 2), t from 1, pure noise, to 0).

Both follow the same probability-flow ODE from the same noise; they differ in how many steps
they need to follow it closely, and in where they stop:

- `ddim_sample`: DDIM (eta = 0), first order, equal steps in t. Ten steps were the engine's
  setting until the solver below (the card keeps their figures as "metrics_ddim_10_steps").
- `dpm_solver_2m_sample`: DPM-Solver++(2M) (Lu et al. 2022, "DPM-Solver++: Fast Solver for
  Guided Sampling of Diffusion Probabilistic Models", algorithm 2), second order: each step
  reuses the previous step's x0 estimate to correct for x0 changing along the path, which DDIM
  takes as constant over a step. A single first order step is exactly a DDIM step.

Where the last estimate is made decides how a note sounds, not only how exact it is: DDIM's
last step jumps from t = 1 / steps straight to the model's clean estimate there, a slightly
smoothed one (at t = 0.1 with ten steps, the setting the timbre model's card and the README's
sound tables were measured with). `dpm_solver_2m_sample` keeps that ending: equal steps from
t = 1 down to `LAST_TIME`, then the estimate made there. Four of its steps land 0.005 control
units RMS (0.25 dB) from ten DDIM steps' frames, where four DDIM steps land 0.014 away and the
same note from another seed 0.05 (tests/engine/sound/test_sampler.py). Followed down to t = 0
instead, four steps came nearer the exact path's end than ten DDIM steps, but sounded a little
less like FluidSynth than they (median timbre distance 8.6 dB against 8.4; now 8.4 both).

Every x0 estimate is clipped to the control range [-1, 1] before it is used, as DDIM here always
did. No randomness after the initial noise: the same noise gives the same frames.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

import numpy as np
import numpy.typing as npt

from engine.errors import TesseraError
from engine.words import QT_TRANSLATE_NOOP

Frames = npt.NDArray[np.float32]
Denoise = Callable[[Frames, float], Frames]
"""`denoise(x, t)`: the clean estimate x0 (B, F, C) of noisy frames x (B, F, C) at time t."""
Sampler = Callable[[Denoise, npt.NDArray[np.float64], int], Frames]
"""`sampler(denoise, noise, steps)`: clean frames (B, F, C) from initial noise (B, F, C)."""

LAST_TIME = 0.1
"""Where `dpm_solver_2m_sample` makes its last estimate: where ten DDIM steps make theirs."""


class SamplerError(TesseraError, ValueError):
    """A sampler asked for fewer than one step."""


def _check_steps(steps: int) -> None:
    if steps < 1:
        raise SamplerError(
            QT_TRANSLATE_NOOP("Timbre", "the sampler needs at least one step, got {steps}").format(
                steps=steps
            )
        )


def alpha_sigma(t: float) -> tuple[float, float]:
    """The cosine schedule's signal and noise scales at time t in [0, 1]."""
    return float(np.cos(0.5 * np.pi * t)), float(np.sin(0.5 * np.pi * t))


def solver_times(steps: int) -> npt.NDArray[np.float64]:
    """`steps + 1` times: `steps` equal ones from 1 to `LAST_TIME`, then 0."""
    return np.append(np.linspace(1.0, LAST_TIME, steps), 0.0)


def ddim_sample(denoise: Denoise, noise: npt.NDArray[np.float64], steps: int) -> Frames:
    """Deterministic DDIM (eta = 0) on the cosine schedule, for a model that estimates x0.

    `denoise(x, t)` returns the clean estimate x0 of x at time t; from t = 1 (pure noise) to
    t = 0 in `steps` equal steps, each clips x0 to the control range, recovers the noise
    eps = (x - alpha x0) / sigma that goes with it, and re-noises x0 to the next, smaller time.
    """
    _check_steps(steps)
    times = np.linspace(1.0, 0.0, steps + 1)
    x = noise.astype(np.float32)
    clean = x
    for now, after in itertools.pairwise(times):
        alpha, sigma = np.cos(0.5 * np.pi * now), np.sin(0.5 * np.pi * now)
        clean = np.clip(denoise(x, float(now)), -1.0, 1.0)
        eps = (x - alpha * clean) / sigma
        x = (np.cos(0.5 * np.pi * after) * clean + np.sin(0.5 * np.pi * after) * eps).astype(
            np.float32
        )
    return clean.astype(np.float32)


def _log_snr(t: float) -> float:
    """lambda = log(alpha / sigma); finite at t = 1 (alpha is 6e-17 in float64)."""
    alpha, sigma = alpha_sigma(t)
    return float(np.log(alpha) - np.log(sigma))


def dpm_solver_2m_sample(denoise: Denoise, noise: npt.NDArray[np.float64], steps: int) -> Frames:
    """DPM-Solver++(2M) on the cosine schedule over `solver_times(steps)`.

    With lambda = log(alpha / sigma) and h the step in lambda, a step from time s to t is
    x_t = (sigma_t / sigma_s) x_s - alpha_t (exp(-h) - 1) D, where D is the clipped x0 estimate
    at s (first order: DDIM) or, from the second step on, that estimate extrapolated along
    lambda from the previous one, D = (1 + 1/(2r)) x0_s - 1/(2r) x0_prev with r = h_prev / h.
    The last step, to t = 0 where lambda is infinite, returns the last clipped estimate (made
    at `LAST_TIME`), as DDIM does.
    """
    _check_steps(steps)
    times = solver_times(steps)
    x = noise.astype(np.float32)
    previous: tuple[Frames, float] | None = None  # (x0 estimate, step in lambda that followed)
    clean = x
    for now, after in itertools.pairwise(times):
        clean = np.clip(denoise(x, float(now)), -1.0, 1.0)
        if after <= 0.0:
            break
        alpha_after, sigma_after = alpha_sigma(float(after))
        step = _log_snr(float(after)) - _log_snr(float(now))  # h > 0
        estimate = clean
        if previous is not None:
            half_ratio = 0.5 * step / previous[1]  # 1 / (2 r)
            estimate = (1.0 + half_ratio) * clean - half_ratio * previous[0]
        _, sigma_now = alpha_sigma(float(now))
        x = (sigma_after / sigma_now * x - alpha_after * np.expm1(-step) * estimate).astype(
            np.float32
        )
        previous = (clean, step)
    return clean.astype(np.float32)


SAMPLERS: dict[str, Sampler] = {"dpm++2m": dpm_solver_2m_sample, "ddim": ddim_sample}
"""The samplers by name (benchmarks and tools choose one by it)."""
