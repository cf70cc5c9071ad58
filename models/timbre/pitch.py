"""Offline pitch checking with basic-pitch's ONNX model, run by onnxruntime.

basic-pitch (Spotify, Apache-2.0) ships its trained network as nmp.onnx inside its PyPI wheel,
so nothing is downloaded at run time. Install it with `pip install --no-deps basic-pitch` (its
declared dependencies pull in TensorFlow, which this use does not need). The network takes 2 s
windows (43,844 samples at 22.05 kHz) and returns, among others, a pitch "contour"
posteriorgram: 172 frames x 264 bins, three bins per semitone from A0 (MIDI 21). A note's pitch
here is the posterior-weighted mean bin around the strongest bin of the frames where the key is
held (averaged over time), so it resolves fractions of a semitone.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import numpy.typing as npt
import onnxruntime as ort

from engine.timbre_synth import ANALYSIS_RATE_HZ

WINDOW_SAMPLES = 43_844
FRAMES_PER_SECOND = ANALYSIS_RATE_HZ / 256
LOWEST_MIDI = 21
BINS_PER_SEMITONE = 3
CALIBRATION_BINS = 1.0
"""The network's contour reads one bin (a third of a semitone) sharp: exact sine and sawtooth
tones from MIDI 40 to 90 all came out 0.29-0.42 semitones high (the tests check this), so the
estimate subtracts one bin."""


def model_path() -> Path:
    spec = importlib.util.find_spec("basic_pitch")
    if spec is None or spec.origin is None:
        raise FileNotFoundError(
            "basic-pitch is not installed: pip install --no-deps basic-pitch (its ONNX model "
            "is the pitch tracker used to check generated notes)"
        )
    return Path(spec.origin).parent / "saved_models" / "icassp_2022" / "nmp.onnx"


class PitchTracker:
    def __init__(self, threads: int = 1) -> None:
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        self.session = ort.InferenceSession(
            str(model_path()), options, providers=["CPUExecutionProvider"]
        )
        self.input_name = self.session.get_inputs()[0].name
        contour = [o.name for o in self.session.get_outputs() if o.shape[-1] == 264]
        self.contour_name = contour[0]

    def contour(self, audio: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
        """(frames, 264) pitch posteriors of the first 2 s of audio at 22.05 kHz."""
        window = np.zeros(WINDOW_SAMPLES, dtype=np.float32)
        window[: min(len(audio), WINDOW_SAMPLES)] = audio[:WINDOW_SAMPLES]
        outputs = self.session.run([self.contour_name], {self.input_name: window[None, :, None]})
        return outputs[0][0]  # type: ignore[no-any-return]

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
