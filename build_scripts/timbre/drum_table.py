"""Build the timbre model's drum table (`engine.sound.drum_table`): every drum key of the training
grid rendered at each training velocity by FluidSynth from the same SoundFont as the net's
training notes, its two bands' levels read every 5 ms (`engine.sound.drum_envelope.
read_envelope`) against the loudest its own noise frames read them (as the training analysis
reads a hit, `audio_to_controls`), written to models/timbre/drum_envelopes.npz.

    python -m build_scripts.timbre.drum_table      # a few seconds; needs fluidsynth
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import numpy.typing as npt

from build_scripts.timbre import DRUM_KEYS, VELOCITIES, WINDOW_FRAMES, note_grid, soundfont_path
from build_scripts.timbre.analysis import HOP, audio_to_controls
from build_scripts.timbre.render import render_notes
from engine.sound.drum_envelope import BANDS, ENVELOPE_STEPS, SILENT_DB, read_envelope
from engine.sound.drum_table import TABLE_NAME
from engine.sound.synth import ANALYSIS_RATE_HZ, FLOOR_DB, Audio, drum_reference_db

TABLE_PATH = Path(__file__).resolve().parents[2] / "models" / "timbre" / TABLE_NAME


def hit_levels(clip: Audio, pitch: int) -> npt.NDArray[np.float64]:
    """(frames, 8): a rendered hit's band levels at every envelope point, in dB from the loudest
    each band's own analysed noise frames read (`DrumTable.levels`); `SILENT_DB` where the hit
    has died under the analysis floor, so a quiet hit's tail asks for silence rather than for
    the floor's level over its peak (-30 dB for claves struck softly)."""
    audio = np.asarray(clip, dtype=np.float64)
    frames = audio_to_controls(clip, pitch, WINDOW_FRAMES, is_drum=True)
    envelope = read_envelope(audio, WINDOW_FRAMES, HOP, ANALYSIS_RATE_HZ)
    reference = np.maximum(drum_reference_db(frames), FLOOR_DB)
    levels = np.full_like(envelope, SILENT_DB)
    for band in range(BANDS):
        span = slice(band * ENVELOPE_STEPS, (band + 1) * ENVELOPE_STEPS)
        heard = envelope[:, span] > FLOOR_DB
        levels[:, span][heard] = envelope[:, span][heard] - reference[:, span].max()
    return levels


def drum_levels() -> npt.NDArray[np.float16]:
    """(keys, velocities, frames, channels) of the drum grid's renders (`hit_levels`)."""
    drums = [note for note in note_grid() if note.is_drum]
    audio = render_notes(drums)
    levels = np.full(
        (len(DRUM_KEYS), len(VELOCITIES), WINDOW_FRAMES, ENVELOPE_STEPS * BANDS),
        FLOOR_DB,
        dtype=np.float32,
    )
    for clip, note in zip(audio, drums, strict=True):
        levels[DRUM_KEYS.index(note.pitch), VELOCITIES.index(note.velocity)] = hit_levels(
            clip, note.pitch
        )
    return levels.astype(np.float16)


def build(path: Path = TABLE_PATH) -> None:
    soundfont = hashlib.sha256(soundfont_path().read_bytes()).hexdigest()
    np.savez_compressed(
        path,
        keys=np.array(DRUM_KEYS, dtype=np.int16),
        velocities=np.array(VELOCITIES, dtype=np.int16),
        levels=drum_levels(),
        soundfont_sha256=np.array(soundfont),
    )
    print(f"{len(DRUM_KEYS)} drum keys x {len(VELOCITIES)} velocities -> {path}")


if __name__ == "__main__":
    build()
