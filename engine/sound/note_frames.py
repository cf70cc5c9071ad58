"""From a note's sampled control frames to its audio: the frames shaped to the note's length
(`engine.sound.note_shape`: sustain held past the model's window, release after the real
note-off and run down to silence), synthesized (`engine.sound.synth`), and the audio ended once
its release is `RELEASE_END_DB` under its peak. No model is needed here, so a render can turn
one batch of frames into audio on a helper thread while the timbre model
(`engine.sound.timbre`) samples the next batch (`engine.sound.note_cache`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from engine.sound.note_shape import RELEASE_END_DB, apply_decay, shape_frames
from engine.sound.synth import FRAME_RATE_HZ, OUTPUT_RATE_HZ, Audio, Frames, controls_to_audio

if TYPE_CHECKING:
    from engine.sound.timbre import NoteSpec

__all__ = ["ATTACK_FRAMES", "END_FADE_SECONDS", "SampledNote", "end_tail"]

ATTACK_FRAMES = 15
"""Frames (0.3 s) never repeated when a long note's sustain is continued."""
LEVEL_SECONDS = 0.005
"""The RMS window of the level that decides where a note ends (5 ms: a click still shows)."""
END_MARGIN_DB = 3.0
"""How far over `RELEASE_END_DB` a tail may rise again and still end where it first fell under."""
END_FADE_SECONDS = 0.05
"""The fade after the release falls under `RELEASE_END_DB`: the note then stops (a fade, not
a step, so it never clicks; short, so no faint tail lingers)."""


@dataclass(frozen=True, slots=True)
class SampledNote:
    """A resolved note and the control frames the model generated for it
    (`generated_seconds` long, at most the model's window)."""

    note: NoteSpec
    frames: Frames
    generated_seconds: float
    noise_seed: int
    """The seed of the note's noise: its timbre's seed, as every note of the timbre has."""

    def audio(self, sample_rate_hz: int = OUTPUT_RATE_HZ) -> Audio:
        """The note's mono float32 audio: its frames shaped to the note's length, synthesized,
        and ended after its release (numpy only: safe on any thread)."""
        note = self.note
        shaped, decay = shape_frames(
            self.frames,
            self.generated_seconds,
            note.duration_seconds,
            note.pitch,
            frame_rate_hz=FRAME_RATE_HZ,
            attack=ATTACK_FRAMES,
            is_drum=note.is_drum,
        )
        audio = controls_to_audio(
            shaped,
            note.pitch,
            is_drum=note.is_drum,
            noise_seed=self.noise_seed,
            sample_rate_hz=sample_rate_hz,
        )
        if decay is not None:
            audio = apply_decay(audio, decay, sample_rate_hz // FRAME_RATE_HZ)
        return end_tail(audio, sample_rate_hz)


def end_tail(audio: Audio, sample_rate_hz: int) -> Audio:
    """The audio up to where its release falls under `RELEASE_END_DB` re the loudest 5 ms (by
    RMS, in 5 ms blocks) for good, then an `END_FADE_SECONDS` fade to zero, and nothing after:
    below that level a release is over (RT60), and its remains would linger as a faint tail.
    "For good": the first block under it after the last one more than `END_MARGIN_DB` over
    it, so a tail hovering at the level (within what 5 ms blocks can tell) ends there."""
    block = max(1, round(LEVEL_SECONDS * sample_rate_hz))
    count = len(audio) // block
    if count == 0:
        return audio
    blocks = audio[: count * block].reshape(count, block)
    power = np.einsum("ij,ij->i", blocks, blocks)  # (blocks,) float32: a level to 0.1 dB
    if power.max() == 0.0:
        return audio[:0]
    level = 10.0 * np.log10(np.maximum(power / _loudest_window(audio, block), 1e-30))
    above = np.flatnonzero(level > RELEASE_END_DB + END_MARGIN_DB)
    after = int(above[-1]) + 1 if len(above) else 0
    under = np.flatnonzero(level[after:] <= RELEASE_END_DB)
    fade = round(END_FADE_SECONDS * sample_rate_hz)
    if not len(under) or (after + int(under[0])) * block + fade >= len(audio):
        return audio
    end = (after + int(under[0])) * block
    out = audio[: end + fade].copy()
    out[end:] *= 0.5 + 0.5 * np.cos(np.linspace(0.0, np.pi, fade, dtype=np.float32))
    return out


def _loudest_window(audio: Audio, window: int) -> float:
    """The largest sum of squares over `window` samples, the window moved a fifth of itself at
    a time. The loudest block of the fixed grid `end_tail` reads levels on can miss part of a
    short attack, and a release measured against it ended up to a few tenths of a dB above
    `RELEASE_END_DB` re the note's true peak (timbre v5's shamisen: -59.96 dB)."""
    squares = np.concatenate(([0.0], np.cumsum(np.square(audio, dtype=np.float64))))
    starts = np.arange(0, len(audio) - window + 1, max(1, window // 5))
    return float(np.max(squares[starts + window] - squares[starts]))
