"""The timbre model's drum path for a hit's shape inside its frames: each General MIDI drum key's
envelope (`engine.sound.drum_envelope`), fitted per key and velocity from the training renders
of that key, and written into the drum frames the net samples.

Why a table: nets trained to write the envelope themselves wrote one within-frame shape for
every key, a few dB under the hit's noise frames, and left the drums further from FluidSynth
than the shipped model (`models/timbre/README.md`, "Tried after version 6"). A hit's envelope
is a property of the key and how hard it is struck, the very thing the issue asks a drum path to
learn "from its own renders (key, velocity)"; the simplest model of it is the renders' own,
kept per key at each training velocity and interpolated between them. The net still writes
the hit's frames (its noise bands, its level, a generated or nudged kit's colour); the table
gives only the shape that the 40 ms frames smooth away, as a difference from them.

Measured with `python -m benchmarks.sound_reference --programs 0 --speed-bars 0`, the shipped
net with and without the table in the same hour: drum decays within 30 % of FluidSynth's 39 ->
42 of 47 (side stick 1.74x -> within, maracas 1.37x -> within, low bongo 1.43x -> within, open
triangle 1.31x -> within; the short guiro 1.45x where it was within), centroids 46 -> 47, the
median drum distance 5.1 dB either way (the mean 5.64 -> 5.71). The claves stay 2x long: the
net's own frames ring on under the table's cut.

The table (`models/timbre/drum_envelopes.npz`) is built by `python -m
build_scripts.timbre.drum_table` from the same SoundFont and renderer as the net's training
notes, and a test rebuilds it.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from engine.runtime.cards import ModelLoadError
from engine.words import QT_TRANSLATE_NOOP

TABLE_NAME = "drum_envelopes.npz"


@dataclass(frozen=True)
class DrumTable:
    """Envelopes (keys, velocities, frames, 8 channels) in control units, by key and velocity."""

    keys: tuple[int, ...]
    velocities: tuple[int, ...]
    envelopes: npt.NDArray[np.float32]

    @classmethod
    def load(cls, path: Path) -> DrumTable:
        with np.load(path) as data:
            return cls(
                tuple(int(k) for k in data["keys"]),
                tuple(int(v) for v in data["velocities"]),
                np.asarray(data["envelopes"], dtype=np.float32),
            )

    def envelope(self, key: int, velocity: int, frames: int) -> npt.NDArray[np.float32] | None:
        """The key's envelope for `frames` frames at `velocity`, interpolated linearly between
        the two nearest training velocities (held at the ends); None for a key not in the
        table (the synthesizer then plays the frames' own noise)."""
        if key not in self.keys:
            return None
        rows = self.envelopes[self.keys.index(key)]
        position = np.interp(velocity, self.velocities, np.arange(len(self.velocities)))
        below = min(int(position), len(self.velocities) - 1)
        above = min(below + 1, len(self.velocities) - 1)
        weight = position - below
        blended = (1.0 - weight) * rows[below] + weight * rows[above]
        out = np.full((frames, rows.shape[2]), -1.0, dtype=np.float32)
        count = min(frames, rows.shape[1])
        out[:count] = blended[:count]
        return out


def load_table(folder: Path) -> DrumTable | None:
    """The model folder's drum table, or None where it ships none; ModelLoadError naming the
    file and the fix where it cannot be read."""
    path = folder / TABLE_NAME
    if not path.is_file():
        return None
    try:
        table = DrumTable.load(path)
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as err:
        raise ModelLoadError(
            QT_TRANSLATE_NOOP(
                "Timbre",
                "the drum table {path} cannot be read ({err}): reinstall Tessera, or rebuild "
                "it with python -m build_scripts.timbre.drum_table",
            ).format(path=path, err=err)
        ) from err
    if table.envelopes.shape[:2] != (len(table.keys), len(table.velocities)):
        raise ModelLoadError(
            QT_TRANSLATE_NOOP(
                "Timbre",
                "the drum table {path} does not match its keys and velocities: reinstall "
                "Tessera, or rebuild it with python -m build_scripts.timbre.drum_table",
            ).format(path=path)
        )
    return table
