"""Build the timbre model's drum table (`engine.sound.drum_table`): every drum key of the training
grid rendered at each training velocity by FluidSynth from the same SoundFont as the net's
training notes, its two bands' levels read every 5 ms (`engine.sound.drum_envelope.
read_envelope`) against the loudest its own noise frames read them (as the training analysis
reads a hit, `audio_to_controls`), written to models/timbre/drum_envelopes.npz; with how fast
each key is turned down after its note-off (`release_rates`).

    python -m build_scripts.timbre.drum_table      # a few seconds; needs fluidsynth
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import numpy.typing as npt

from build_scripts.timbre import (
    DRUM_DURATION_SECONDS,
    DRUM_KEYS,
    DRUM_PROGRAM,
    VELOCITIES,
    WINDOW_FRAMES,
    NoteSpec,
    note_grid,
    soundfont_path,
)
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


SHORT_HIT_SECONDS = 0.125
"""The shorter of the two lengths each key is played at, to hear what its note-off does."""
FIT_SECONDS = 0.2
"""How long after the note-off the two renders are compared."""
HEARD_DB = -60.0
"""Levels (re the hit's peak) the comparison keeps to: under it, the floor would fake a gap."""


def _level_db(audio: Audio, step: int) -> npt.NDArray[np.float64]:
    """RMS level in dB of every `step` samples, re the loudest."""
    blocks = np.asarray(audio, dtype=np.float64)[: len(audio) // step * step].reshape(-1, step)
    level = 10.0 * np.log10(np.maximum((blocks**2).mean(axis=1), 1e-20))
    relative: npt.NDArray[np.float64] = level - float(level.max())
    return relative


def release_rates(velocity: int = VELOCITIES[1]) -> dict[int, float]:
    """How fast each key's sound is turned down after its note-off, in dB a second: played for
    `DRUM_DURATION_SECONDS` and for `SHORT_HIT_SECONDS`, the short note's level falls under the
    long one's from its note-off on by the SoundFont's release, which adds to the sample's own
    decay at a steady rate in dB; the rate is the slope of that gap over `FIT_SECONDS` (a
    least-squares line through the note-off, where both are over `HEARD_DB`). FluidR3's long
    whistle is held while its key is down (about 950 dB a second after it: gone in 60 ms); its
    cuicas, cowbell and tambourine fade at 15-50 dB a second; a key whose short note has
    already died by its note-off has none."""
    step = round(0.005 * ANALYSIS_RATE_HZ)
    levels = {}
    for seconds in (DRUM_DURATION_SECONDS, SHORT_HIT_SECONDS):
        notes = [NoteSpec(DRUM_PROGRAM, key, velocity, seconds, "train") for key in DRUM_KEYS]
        levels[seconds] = [_level_db(clip, step) for clip in render_notes(notes)]
    off = round(SHORT_HIT_SECONDS * ANALYSIS_RATE_HZ / step)
    span = slice(off, off + round(FIT_SECONDS * ANALYSIS_RATE_HZ / step))
    rates = {}
    for key, long, short in zip(
        DRUM_KEYS, levels[DRUM_DURATION_SECONDS], levels[SHORT_HIT_SECONDS], strict=True
    ):
        heard = (long[span] > HEARD_DB) & (short[span] > HEARD_DB)
        if heard.sum() < 2:
            continue
        after = np.arange(len(heard))[heard] * step / ANALYSIS_RATE_HZ
        gap = (long[span] - short[span])[heard]
        rate = float(after @ gap / (after @ after))
        if rate > 0.0:
            rates[key] = rate
    return rates


def build(path: Path = TABLE_PATH) -> None:
    soundfont = hashlib.sha256(soundfont_path().read_bytes()).hexdigest()
    rates = release_rates()
    np.savez_compressed(
        path,
        keys=np.array(DRUM_KEYS, dtype=np.int16),
        velocities=np.array(VELOCITIES, dtype=np.int16),
        levels=drum_levels(),
        release_keys=np.array(list(rates), dtype=np.int16),
        release_db_per_second=np.array(list(rates.values()), dtype=np.float32),
        soundfont_sha256=np.array(soundfont),
    )
    print(f"{len(DRUM_KEYS)} drum keys x {len(VELOCITIES)} velocities -> {path}")
    print("release after the note-off, dB a second:", {k: round(v) for k, v in rates.items()})


if __name__ == "__main__":
    build()
