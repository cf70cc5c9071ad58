"""Offline pitch checking with basic-pitch's ONNX model, run by the engine's `NoteModel`.

basic-pitch (Spotify, Apache-2.0) ships its trained network as nmp.onnx inside its PyPI wheel,
so nothing is downloaded at run time; `engine.transcribe.transcriber` finds, checks and runs it with
onnxruntime (the same model turns audio clips into notes), and this module only reads its pitch
"contour" posteriorgram for one 2 s window (43,844 samples at 22.05 kHz): 172 frames x 264
bins, three bins per semitone from A0 (MIDI 21). A note's pitch here is the posterior-weighted
mean bin around the strongest bin of the frames where the key is held (averaged over time), so
it resolves fractions of a semitone.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from engine.transcribe.transcriber import MODEL_RATE_HZ, NoteModel, model_path

__all__ = ["PitchTracker", "model_path"]

FRAMES_PER_SECOND = MODEL_RATE_HZ / 256
LOWEST_MIDI = 21
BINS_PER_SEMITONE = 3
CALIBRATION_BINS = 1.0
"""The network's contour reads one bin (a third of a semitone) sharp: exact sine and sawtooth
tones from MIDI 40 to 90 all came out 0.29-0.42 semitones high (the tests check this), so the
estimate subtracts one bin."""


class PitchTracker:
    def __init__(self, threads: int = 1) -> None:
        self.model = NoteModel(threads=threads)

    def contour(self, audio: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
        """(frames, 264) pitch posteriors of the first 2 s of audio at 22.05 kHz."""
        window = np.zeros(self.model.window_samples, dtype=np.float32)
        window[: min(len(audio), len(window))] = audio[: len(window)]
        contour: npt.NDArray[np.float32] = self.model.run_windows(window[None]).contour[0]
        return contour

    def note_pitch(self, audio: npt.NDArray[np.float32], held_seconds: float) -> float:
        """Estimated MIDI pitch (fractional) of a note starting at sample 0, held that long."""
        posteriors = self.contour(audio)
        first = int(0.05 * FRAMES_PER_SECOND)
        last = max(first + 1, int(min(held_seconds, 1.9) * FRAMES_PER_SECOND))
        profile = posteriors[first:last].mean(axis=0)  # (264,)
        peak = int(np.argmax(profile))
        low, high = max(0, peak - 2), min(len(profile), peak + 3)
        weights = profile[low:high]
        centre = float((np.arange(low, high) * weights).sum() / max(weights.sum(), 1e-9))
        return LOWEST_MIDI + (centre - CALIBRATION_BINS) / BINS_PER_SEMITONE
