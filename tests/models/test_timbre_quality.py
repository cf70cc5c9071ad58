"""The shipped timbre model's notes checked by an independent pitch tracker (basic-pitch's ONNX
network) and against the SoundFont's own renders (multi-resolution spectral distance)."""

from __future__ import annotations

import numpy as np
import pytest

from build_scripts.timbre import NoteSpec
from build_scripts.timbre.render import render_notes
from engine.sound.synth import ANALYSIS_RATE_HZ
from engine.sound.timbre import TimbreModel, from_gm, generate
from engine.transcribe.transcriber import MODEL_RATE_HZ
from models.timbre.metrics import spectral_distance
from models.timbre.pitch import PitchTracker


@pytest.fixture(scope="module")
def model() -> TimbreModel:
    return TimbreModel(threads=1)


def test_generated_notes_are_in_tune(model: TimbreModel) -> None:
    tracker = PitchTracker()
    errors_cents = []
    for seed, pitch in enumerate((41, 50, 57, 64, 71, 79, 86)):
        for ref in (
            from_gm(model.space, (0, 24, 40, 56, 73)[seed % 5]),
            generate(model.space, seed),
        ):
            audio = model.render_note(ref, pitch, 90, 1.0, sample_rate_hz=MODEL_RATE_HZ)
            errors_cents.append(100 * abs(tracker.note_pitch(audio, 1.0) - pitch))
    assert np.mean(np.asarray(errors_cents) <= 50) >= 0.9


def test_generated_notes_are_closer_to_their_instrument_than_to_another(
    model: TimbreModel,
) -> None:
    """A held-out pitch of a trained instrument: the model's flute is nearer the SoundFont's
    flute than the model's trumpet is, and the reverse."""
    notes = [NoteSpec(73, 70, 80, 2.0, "test_pitch"), NoteSpec(56, 63, 80, 2.0, "test_pitch")]
    references = [render_notes([note])[0] for note in notes]
    generated = [
        [
            model.render_note(from_gm(model.space, program), note.pitch, 80, 2.0,
                              sample_rate_hz=ANALYSIS_RATE_HZ)
            for program in (73, 56)
        ]
        for note in notes
    ]  # fmt: skip
    for index, reference in enumerate(references):
        own = spectral_distance(reference, generated[index][index])
        other = spectral_distance(reference, generated[index][1 - index])
        assert own < other
