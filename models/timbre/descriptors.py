"""Named timbre descriptors as directions in the timbre space, fitted to measured features.

For every trained instrument two features are measured on its training notes' control frames:
brightness (log2 of the harmonic spectral centroid in multiples of the fundamental) and attack
time (seconds from the onset until the note's power first reaches half its peak, on a log
scale). Each feature is regressed on the instrument vectors in the prior's whitened
coordinates; the unit direction of steepest increase, mapped back through the prior's Cholesky
factor, is the descriptor's direction (a step of 1 is one prior standard deviation). The fit's
R^2 is stored with it, so the engine and the card can say how well the model supports it.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
import torch

from engine.sound.synth import FRAME_RATE_HZ, LAYOUT, unit_to_amplitude
from models.timbre.data import NoteSet

Vector = npt.NDArray[np.float64]


def note_features(
    controls: npt.NDArray[np.float32], duration_seconds: float
) -> tuple[float, float]:
    """(brightness, log attack seconds) of one melodic note's control frames (F, C)."""
    harmonics = unit_to_amplitude(controls[:, LAYOUT.harmonics]).astype(np.float64) ** 2
    noise = unit_to_amplitude(controls[:, LAYOUT.noise]).astype(np.float64) ** 2
    held = max(2, round(duration_seconds * FRAME_RATE_HZ))
    spectrum = harmonics[:held].sum(axis=0)  # (K,)
    numbers = np.arange(1, len(spectrum) + 1)
    if spectrum.sum() <= 0.0:  # no harmonic energy while held (a silent render): no brightness
        brightness = float("nan")
    else:
        brightness = float(np.log2((spectrum * numbers).sum() / spectrum.sum()))
    power = harmonics.sum(axis=1) + noise.sum(axis=1)  # (F,)
    attack_frames = int(np.argmax(power >= 0.5 * power.max()))
    return brightness, float(np.log((attack_frames + 0.5) / FRAME_RATE_HZ))


def instrument_features(notes: NoteSet) -> dict[int, tuple[float, float]]:
    """Mean (brightness, log attack) per melodic program over its notes."""
    features: dict[int, list[tuple[float, float]]] = {}
    controls = notes.controls.numpy()
    for index, program in enumerate(notes.program.tolist()):
        if program < 128:
            duration = float(notes.duration[index])
            features.setdefault(program, []).append(note_features(controls[index], duration))
    means = {p: np.nanmean(values, axis=0) for p, values in features.items()}
    return {p: (float(mean[0]), float(mean[1])) for p, mean in means.items()}


def descriptor_directions(
    vectors: dict[int, Vector], cholesky: torch.Tensor, notes: NoteSet
) -> dict[str, Any]:
    """{"brighter": {"direction": [...], "r2": ...}, "darker": ..., attack pair} from `notes`."""
    features = instrument_features(notes)
    programs = sorted(set(vectors) & set(features))
    lower = cholesky.numpy()
    matrix = np.stack([vectors[p] for p in programs])  # (I, D)
    whitened = np.linalg.solve(lower, (matrix - matrix.mean(axis=0)).T).T  # (I, D)
    design = np.hstack([whitened, np.ones((len(programs), 1))])
    result: dict[str, Any] = {}
    for column, (up, down) in enumerate(
        (("brighter", "darker"), ("softer_attack", "harder_attack"))
    ):
        target = np.array([features[p][column] for p in programs])
        weights, *_ = np.linalg.lstsq(design, target, rcond=None)
        fitted = design @ weights
        r2 = 1.0 - np.sum((target - fitted) ** 2) / max(
            np.sum((target - target.mean()) ** 2), 1e-12
        )
        unit = weights[:-1] / max(np.linalg.norm(weights[:-1]), 1e-12)
        direction = lower @ unit  # back to timbre-vector coordinates
        for name, sign in ((up, 1.0), (down, -1.0)):
            result[name] = {
                "direction": [round(float(v), 6) for v in sign * direction],
                "r2": round(float(r2), 4),
            }
    return result
