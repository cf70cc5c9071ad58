"""Build the timbre model's drum table (`engine.sound.drum_table`): every drum key of the training
grid rendered at each training velocity by FluidSynth from the same SoundFont as the net's
training notes, its envelope read as the training analysis reads it
(`audio_to_controls(..., drum_envelope=True)`), written to models/timbre/drum_envelopes.npz.

    python -m build_scripts.timbre.drum_table      # a few seconds; needs fluidsynth
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import numpy.typing as npt

from build_scripts.timbre import DRUM_KEYS, VELOCITIES, WINDOW_FRAMES, note_grid, soundfont_path
from build_scripts.timbre.analysis import audio_to_controls
from build_scripts.timbre.render import render_notes
from engine.sound.drum_envelope import BANDS, ENVELOPE_STEPS
from engine.sound.drum_table import TABLE_NAME
from engine.sound.synth import LAYOUT

TABLE_PATH = Path(__file__).resolve().parents[2] / "models" / "timbre" / TABLE_NAME


def drum_envelopes() -> npt.NDArray[np.float16]:
    """(keys, velocities, frames, channels) of the drum grid's renders, in control units."""
    drums = [note for note in note_grid() if note.is_drum]
    audio = render_notes(drums)
    envelopes = np.full(
        (len(DRUM_KEYS), len(VELOCITIES), WINDOW_FRAMES, ENVELOPE_STEPS * BANDS),
        -1.0,
        dtype=np.float32,
    )
    for clip, note in zip(audio, drums, strict=True):
        frames = audio_to_controls(
            clip, note.pitch, WINDOW_FRAMES, is_drum=True, drum_envelope=True
        )
        row = envelopes[DRUM_KEYS.index(note.pitch), VELOCITIES.index(note.velocity)]
        row[:] = frames[:, LAYOUT.drum_envelope]
    return envelopes.astype(np.float16)


def build(path: Path = TABLE_PATH) -> None:
    soundfont = hashlib.sha256(soundfont_path().read_bytes()).hexdigest()
    np.savez_compressed(
        path,
        keys=np.array(DRUM_KEYS, dtype=np.int16),
        velocities=np.array(VELOCITIES, dtype=np.int16),
        envelopes=drum_envelopes(),
        soundfont_sha256=np.array(soundfont),
    )
    print(f"{len(DRUM_KEYS)} drum keys x {len(VELOCITIES)} velocities -> {path}")


if __name__ == "__main__":
    build()
