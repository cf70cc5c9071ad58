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
gives the shape the 40 ms frames smooth away.

The table holds FluidSynth's hit itself, every 5 ms, in dB from the loudest its own noise frames
read it, and a hit is played as that shape moved to the net's frames' loudest (`envelope`). The
first table held the shape as a difference from FluidSynth's frames, added to the net's: where
the net's frames rang on longer than FluidSynth's, the hit rang on with them (the claves 2.0x
FluidSynth's decay, the short guiro 1.45x, cabasa 1.31x).

Measured with `python -m benchmarks.sound_reference --programs 0 --speed-bars 0`, the shipped
net with each table in the same hour: drum decays within 30 % of FluidSynth's 42 -> 45 of 47
(39 with no table; claves 2.04x -> 1.07x, short guiro 1.45x -> 1.11x, cabasa 1.31x -> 1.25x,
the short whistle 0.59x -> 0.98x; the mute cuica 1.34x where it was within), centroids 47 of 47
either way, the mean drum distance 5.71 -> 5.65 dB, the median 5.1 -> 5.2. The two still out, the
long whistle (1.38x) and the mute cuica, sound as long as their key is held, and the net's hit
is always its 0.5 s training length: the table's release rates (`DrumTable.release_rates`) now
turn such a hit down from its note-off, as FluidSynth does (46 of 47 decays within 30 %).
A wider span for the differences (40 dB rather than `DIFFERENCE_SPAN_DB`'s 20) changed no decay.

The table (`models/timbre/drum_envelopes.npz`) is built by `python -m
build_scripts.timbre.drum_table` from the same SoundFont and renderer as the net's training
notes, and a test rebuilds it.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt

from engine.runtime.cards import ModelLoadError
from engine.sound.drum_envelope import BANDS, ENVELOPE_STEPS, difference_to_unit
from engine.sound.synth import FLOOR_DB
from engine.words import QT_TRANSLATE_NOOP

TABLE_NAME = "drum_envelopes.npz"


@dataclass(frozen=True)
class DrumTable:
    """Each key's hit as FluidSynth plays it at each training velocity: the level of its two
    bands at every envelope point (`engine.sound.drum_envelope`), in dB from the loudest its
    own 40 ms noise frames read that band, (keys, velocities, frames, 8)."""

    keys: tuple[int, ...]
    velocities: tuple[int, ...]
    levels: npt.NDArray[np.float32]
    release_rates: dict[int, float] = field(default_factory=dict)
    """How fast each key is turned down after its note-off, in dB a second, as FluidSynth's
    SoundFont release does (`build_scripts.timbre.drum_table.release_rates`); a key not here
    rings as struck, whatever its note's length. The net's hit is always its 0.5 s training
    length, so without this a long whistle held for an eighth note sounded for 0.5 s (1.38x
    FluidSynth's decay) and a mute cuica as long as a half-second one (1.34x)."""

    @classmethod
    def load(cls, path: Path) -> DrumTable:
        with np.load(path) as data:
            rates = (
                dict(
                    zip(
                        data["release_keys"].tolist(),
                        data["release_db_per_second"].tolist(),
                        strict=True,
                    )
                )
                if "release_keys" in data
                else {}
            )
            return cls(
                tuple(int(k) for k in data["keys"]),
                tuple(int(v) for v in data["velocities"]),
                np.asarray(data["levels"], dtype=np.float32),
                {int(k): float(v) for k, v in rates.items()},
            )

    def shape(self, key: int, velocity: int) -> npt.NDArray[np.float32] | None:
        """The key's levels (frames, 8) at `velocity`, interpolated linearly in dB between the
        two nearest training velocities (held at the ends); None for a key not in the table
        (the synthesizer then plays the frames' own noise)."""
        if key not in self.keys:
            return None
        rows = self.levels[self.keys.index(key)]
        position = np.interp(velocity, self.velocities, np.arange(len(self.velocities)))
        below = min(int(position), len(self.velocities) - 1)
        above = min(below + 1, len(self.velocities) - 1)
        weight = position - below
        blended: npt.NDArray[np.float32] = (1.0 - weight) * rows[below] + weight * rows[above]
        return blended

    def envelope(
        self, key: int, velocity: int, reference_db: npt.NDArray[np.float64]
    ) -> npt.NDArray[np.float32] | None:
        """The envelope channels (control units) for a hit whose noise frames read
        `reference_db` (`engine.sound.synth.drum_reference_db`): FluidSynth's hit, moved by
        as much as the net's frames are louder or softer than FluidSynth's at their loudest,
        band by band, as a difference from what the net's frames read. So the hit dies as
        FluidSynth's does however long the net's own frames ring, while the net keeps its
        level and its colour. Past the table's frames, and wherever the frames are silent,
        the net's frames stand as they are. None for a key not in the table."""
        levels = self.shape(key, velocity)
        if levels is None:
            return None
        frames = len(reference_db)
        reference = np.maximum(reference_db, FLOOR_DB)
        count = min(frames, len(levels))
        difference = np.zeros((frames, levels.shape[1]))
        for band in range(BANDS):
            span = slice(band * ENVELOPE_STEPS, (band + 1) * ENVELOPE_STEPS)
            loudest = reference[:, span].max()
            target = loudest + levels[:count, span]
            difference[:count, span] = target - reference[:count, span]
        difference[reference <= FLOOR_DB] = 0.0
        return difference_to_unit(difference)


def released(
    audio: npt.NDArray[np.float32], held_samples: int, db_per_second: float, rate_hz: int
) -> npt.NDArray[np.float32]:
    """A hit's audio turned down from its note-off (`held_samples` in) at `db_per_second`, the
    way a SoundFont's release adds to a sample's own decay; as it is where the note is held
    to its end. Written by hand: one exponential gain, which no library needs to give."""
    if held_samples >= len(audio):
        return audio
    after = np.arange(len(audio) - held_samples, dtype=np.float64) / rate_hz
    gain = 10.0 ** (-db_per_second * after / 20.0)
    out = audio.copy()
    out[held_samples:] *= gain.astype(np.float32)
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
    if table.levels.shape[:2] != (len(table.keys), len(table.velocities)):
        raise ModelLoadError(
            QT_TRANSLATE_NOOP(
                "Timbre",
                "the drum table {path} does not match its keys and velocities: reinstall "
                "Tessera, or rebuild it with python -m build_scripts.timbre.drum_table",
            ).format(path=path)
        )
    return table
