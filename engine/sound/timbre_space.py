"""The timbre space and the operations on timbres, each a pure function returning a new
`TimbreRef` (see engine.song.song: a vector in the model's timbre space and a seed). Loaded with
the model (`engine.sound.timbre.TimbreModel.space`); nothing here needs onnxruntime.

- `generate(space, seed)`: a new vector drawn from the prior (a Gaussian fitted to the
  trained instruments' vectors).
- `from_gm(space, program)`: a General MIDI instrument's learned vector. Instruments the model
  never heard (held out; up to timbre model v8, the sound effects 120-127) get the mean vector
  of their GM family, or the prior's mean where it heard none of the family.
- `nudge(space, ref, strength, direction_seed)`: a move of `strength` (0..1) times
  `NUDGE_SCALE` prior standard deviations in a seeded random direction; 0 is the same timbre.
- `interpolate(a, b, fraction)`: a straight line between two vectors, keeping a's seed.
- `describe(space, ref, name, strength)`: a move along a named descriptor ("brighter",
  "darker", "softer_attack", "harder_attack"), fitted to measured features (see the card).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from engine.errors import TesseraError
from engine.song.song import TimbreRef
from engine.words import QT_TRANSLATE_NOOP

DRUM_KIT = 128
"""The drum kit's row in the timbre space (GM drums are not a program)."""
NUDGE_SCALE = 1.0
"""Prior standard deviations moved by a nudge of strength 1."""
DESCRIBE_SCALE = 1.5
"""Prior standard deviations moved by a descriptor step of strength 1."""


class TimbreError(TesseraError):
    """A timbre operation with impossible arguments (unknown descriptor, bad strength)."""


@dataclass(frozen=True)
class TimbreSpace:
    """The timbre space shipped with the model: instrument vectors, prior, descriptors."""

    instruments: dict[int, tuple[float, ...]]
    prior_mean: npt.NDArray[np.float64]
    prior_cholesky: npt.NDArray[np.float64]
    descriptors: dict[str, npt.NDArray[np.float64]]
    descriptor_r2: dict[str, float]
    model_version: int | None = None
    """The version of the model this space belongs to (its card's), stamped on every timbre
    made here (`TimbreRef.model`); None for a space read without its card."""

    @property
    def dimension(self) -> int:
        return len(self.prior_mean)

    def check(self) -> None:
        """ValueError unless every vector and matrix has the space's dimension and is finite."""
        size = self.dimension
        parts = [self.prior_mean, self.prior_cholesky, *self.descriptors.values()]
        parts += [np.asarray(v) for v in self.instruments.values()]
        shapes_ok = (
            1 <= size <= 1024
            and self.prior_cholesky.shape == (size, size)
            and all(len(v) == size for v in self.instruments.values())
            and all(d.shape == (size,) for d in self.descriptors.values())
        )
        if not shapes_ok or not all(np.isfinite(part).all() for part in parts):
            raise ValueError(
                QT_TRANSLATE_NOOP(
                    "Timbre", "its vectors are not all finite and of dimension {size}"
                ).format(size=size)
            )

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> TimbreSpace:
        return cls(
            instruments={int(k): tuple(float(x) for x in v) for k, v in raw["instruments"].items()},
            prior_mean=np.asarray(raw["prior"]["mean"], dtype=np.float64),
            prior_cholesky=np.asarray(raw["prior"]["cholesky"], dtype=np.float64),
            descriptors={
                name: np.asarray(entry["direction"], dtype=np.float64)
                for name, entry in raw["descriptors"].items()
            },
            descriptor_r2={name: float(e["r2"]) for name, e in raw["descriptors"].items()},
        )


def _check_strength(strength: float) -> float:
    if not 0.0 <= strength <= 1.0:
        raise TimbreError(
            QT_TRANSLATE_NOOP("Timbre", "strength must be from 0 to 1, got {strength}").format(
                strength=strength
            )
        )
    return float(strength)


def _ref(vector: npt.ArrayLike, seed: int, model: int | None) -> TimbreRef:
    values = tuple(float(x) for x in np.ravel(vector))
    return TimbreRef(kind="generated", seed=seed, vector=values, model=model)


def generate(space: TimbreSpace, seed: int) -> TimbreRef:
    """A new timbre: a vector drawn from the prior with `seed`, which is also its noise seed."""
    normal = np.random.default_rng(seed).standard_normal(space.dimension)
    return _ref(space.prior_mean + space.prior_cholesky @ normal, seed, space.model_version)


def from_gm(space: TimbreSpace, program: int, seed: int = 0) -> TimbreRef:
    """A GM program's timbre (DRUM_KIT for the drums); unheard programs get their family mean."""
    if program in space.instruments:
        return _ref(space.instruments[program], seed, space.model_version)
    if not 0 <= program < 128:
        raise TimbreError(
            QT_TRANSLATE_NOOP(
                "Timbre", "program must be 0-127 or {drum_kit} (drums), got {program}"
            ).format(drum_kit=DRUM_KIT, program=program)
        )
    family = [v for p, v in space.instruments.items() if p // 8 == program // 8 and p < 128]
    mean = np.mean(family, axis=0) if family else space.prior_mean
    return _ref(mean, seed, space.model_version)


def nudge(space: TimbreSpace, ref: TimbreRef, strength: float, direction_seed: int) -> TimbreRef:
    """A timbre `strength` (0..1) of the way along a seeded random direction; 0 changes nothing."""
    seed, strength = seed_of(ref), _check_strength(strength)
    unit = np.random.default_rng(direction_seed).standard_normal(space.dimension)
    unit /= np.linalg.norm(unit)
    step = NUDGE_SCALE * strength * (space.prior_cholesky @ unit)
    return _ref(np.asarray(ref.vector) + step, seed, space.model_version)


def interpolate(a: TimbreRef, b: TimbreRef, fraction: float) -> TimbreRef:
    """The timbre `fraction` (0..1) of the way from a to b, with a's seed and model version
    (so 0 is exactly a)."""
    seed, fraction = seed_of(a), _check_strength(fraction)
    if len(a.vector) != len(b.vector):
        raise TimbreError(
            QT_TRANSLATE_NOOP(
                "Timbre", "cannot mix timbres of {vector_count} and {vector_count_2} dimensions"
            ).format(vector_count=len(a.vector), vector_count_2=len(b.vector))
        )
    mixed = (1 - fraction) * np.asarray(a.vector) + fraction * np.asarray(b.vector)
    return _ref(mixed, seed, a.model)


def describe(space: TimbreSpace, ref: TimbreRef, name: str, strength: float) -> TimbreRef:
    """Move along a named descriptor, e.g. "brighter", by `strength` (0..1)."""
    if name not in space.descriptors:
        raise TimbreError(
            QT_TRANSLATE_NOOP(
                "Timbre", "unknown descriptor {name!r}: choose from {descriptors}"
            ).format(name=name, descriptors=sorted(space.descriptors))
        )
    seed = seed_of(ref)
    step = DESCRIBE_SCALE * _check_strength(strength) * space.descriptors[name]
    return _ref(np.asarray(ref.vector) + step, seed, space.model_version)


def seed_of(ref: TimbreRef) -> int:
    if ref.kind != "generated" or ref.seed is None:
        raise TimbreError(
            QT_TRANSLATE_NOOP("Timbre", "resolve a GM timbre with from_gm before changing it")
        )
    return ref.seed
