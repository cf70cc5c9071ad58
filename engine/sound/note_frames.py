"""From a note's sampled control frames to its audio: the sustain stretched to the note's
length, then synthesized (`engine.sound.synth`). No model is needed here, so a render can turn
one batch of frames into audio on a helper thread while the timbre model
(`engine.sound.timbre`) samples the next batch (`engine.sound.note_cache`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from engine.sound.synth import FRAME_RATE_HZ, OUTPUT_RATE_HZ, Audio, Frames, controls_to_audio

if TYPE_CHECKING:
    from engine.sound.timbre import NoteSpec

__all__ = ["ATTACK_FRAMES", "SampledNote", "stretch_sustain"]

ATTACK_FRAMES = 15
"""Frames (0.3 s) kept as they are when a long note's sustain is stretched."""


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
        """The note's mono float32 audio: its sustain stretched to the note's length, then
        synthesized (numpy only: safe on any thread)."""
        note = self.note
        stretched = stretch_sustain(self.frames, self.generated_seconds, note.duration_seconds)
        return controls_to_audio(
            stretched,
            note.pitch,
            is_drum=note.is_drum,
            noise_seed=self.noise_seed,
            sample_rate_hz=sample_rate_hz,
        )


def stretch_sustain(frames: Frames, generated_seconds: float, wanted_seconds: float) -> Frames:
    """Lengthen a note's held part: the attack stays, the sustain is resampled, release follows."""
    held = round(generated_seconds * FRAME_RATE_HZ)
    wanted = round(wanted_seconds * FRAME_RATE_HZ)
    if wanted <= held or held <= ATTACK_FRAMES + 1:
        return frames
    sustain = frames[ATTACK_FRAMES:held]  # (S, C)
    positions = np.linspace(0, len(sustain) - 1, wanted - ATTACK_FRAMES)
    index = positions.astype(np.int64)
    upper = np.minimum(index + 1, len(sustain) - 1)
    weight = (positions - index)[:, None].astype(np.float32)
    stretched = sustain[index] * (1 - weight) + sustain[upper] * weight
    return np.concatenate([frames[:ATTACK_FRAMES], stretched, frames[held:]]).astype(np.float32)
