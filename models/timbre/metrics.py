"""Audio quality measures for the timbre model: multi-resolution spectral distance, centroid.

The multi-resolution STFT distance is the usual sum, over several FFT sizes, of the spectral
convergence (relative Frobenius error of magnitudes) and the mean absolute difference of log
magnitudes; it compares how two notes sound without caring about phase. Written in numpy, as a
few lines, rather than pulling in an audio library for it.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

FFT_SIZES = (256, 512, 1024, 2048)


def magnitudes(audio: npt.NDArray[np.float32], size: int) -> npt.NDArray[np.float64]:
    """(frames, bins) STFT magnitudes with a Hann window and a quarter-window hop."""
    hop = size // 4
    padded = np.pad(np.asarray(audio, dtype=np.float64), (size // 2, size // 2))
    count = max(1, 1 + (len(padded) - size) // hop)
    frames = padded[np.arange(count)[:, None] * hop + np.arange(size)]
    return np.abs(np.fft.rfft(frames * np.hanning(size), axis=1))


def spectral_distance(
    reference: npt.NDArray[np.float32], candidate: npt.NDArray[np.float32]
) -> float:
    """Multi-resolution STFT distance (0 for identical audio); both are cut to the shorter."""
    length = min(len(reference), len(candidate))
    total = 0.0
    for size in FFT_SIZES:
        ref = magnitudes(reference[:length], size)
        cand = magnitudes(candidate[:length], size)
        convergence = float(np.linalg.norm(ref - cand)) / max(float(np.linalg.norm(ref)), 1e-9)
        log_error = np.mean(np.abs(np.log(ref + 1e-5) - np.log(cand + 1e-5)))
        total += float(convergence + log_error)
    return total / len(FFT_SIZES)


def spectral_centroid_hz(audio: npt.NDArray[np.float32], sample_rate_hz: int) -> float:
    """Power-weighted mean frequency of the whole note."""
    power = magnitudes(audio, 2048).sum(axis=0) ** 2
    freqs = np.fft.rfftfreq(2048, 1.0 / sample_rate_hz)
    return float((power * freqs).sum() / max(power.sum(), 1e-20))
