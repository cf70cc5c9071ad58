"""Audio of one note -> control frames (harmonic amplitudes and noise band levels), in numpy.

The inverse of `engine.sound.synth`: the pitch is known (the note was rendered at that MIDI
pitch), so each harmonic's amplitude is read with a windowed DFT at exactly k times the
fundamental, one frame every 1/FRAME_RATE_HZ seconds, centred on the frame's time. The window
spans four periods (clamped to 256..2048 samples at 22.05 kHz): long enough that neighbouring
harmonics do not leak into each other, short enough to follow the attack of high notes. The
noise level of a band is what is left of the band's power once the harmonics' own spectral
peaks are subtracted, as the amplitude of white noise with that power density. Drums are all
noise.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from engine.sound.synth import (
    ANALYSIS_RATE_HZ,
    CHANNEL_COUNT,
    FRAME_RATE_HZ,
    HARMONIC_COUNT,
    LAYOUT,
    Audio,
    Frames,
    amplitude_to_unit,
    midi_to_hz,
    noise_band_edges_hz,
)

HOP = ANALYSIS_RATE_HZ // FRAME_RATE_HZ
NOISE_FFT_SIZE = 1024


def window_size(pitch: float) -> int:
    """Samples in the harmonic analysis window: four periods, even, within 256..2048."""
    periods = 4.0 * ANALYSIS_RATE_HZ / midi_to_hz(pitch)
    return int(np.clip(round(periods / 2) * 2, 256, 2048))


def _frames_of(
    audio: npt.NDArray[np.float64], frame_count: int, size: int
) -> npt.NDArray[np.float64]:
    """(frames, size) slices centred on i * HOP, zero-padded outside the audio."""
    padded = np.zeros(len(audio) + 2 * size + frame_count * HOP)
    padded[size : size + len(audio)] = audio
    starts = size + np.arange(frame_count) * HOP - size // 2
    frames: npt.NDArray[np.float64] = padded[starts[:, None] + np.arange(size)]
    return frames


def harmonic_amplitudes(
    audio: npt.NDArray[np.float64], pitch: float, frame_count: int
) -> npt.NDArray[np.float64]:
    """(frames, HARMONIC_COUNT) linear sine amplitudes; zero above the Nyquist frequency."""
    size = window_size(pitch)
    window = np.hanning(size)
    f0 = midi_to_hz(pitch)
    harmonics_hz = f0 * np.arange(1, HARMONIC_COUNT + 1)
    n = np.arange(size) - size / 2
    basis = np.exp(-2j * np.pi * np.outer(n, harmonics_hz) / ANALYSIS_RATE_HZ)  # (size, K)
    spectrum = (_frames_of(audio, frame_count, size) * window) @ basis  # (F, K)
    amplitudes = 2.0 * np.abs(spectrum) / window.sum()
    return amplitudes * (harmonics_hz < ANALYSIS_RATE_HZ / 2)  # type: ignore[no-any-return]


def noise_levels(
    audio: npt.NDArray[np.float64],
    pitch: float,
    frame_count: int,
    harmonics: npt.NDArray[np.float64] | None,
) -> npt.NDArray[np.float64]:
    """(frames, NOISE_BAND_COUNT) amplitude of white noise with each band's residual power."""
    window = np.hanning(NOISE_FFT_SIZE)
    power = np.abs(np.fft.rfft(_frames_of(audio, frame_count, NOISE_FFT_SIZE) * window)) ** 2
    bins_hz = np.fft.rfftfreq(NOISE_FFT_SIZE, 1.0 / ANALYSIS_RATE_HZ)
    if harmonics is not None:
        # A sine of amplitude a puts (a/2)^2 |W(f - fk)|^2 into the power spectrum; W is the
        # Hann window's transform, evaluated at each bin's offset from each harmonic.
        harmonics_hz = midi_to_hz(pitch) * np.arange(1, HARMONIC_COUNT + 1)
        offsets = (bins_hz[None, :] - harmonics_hz[:, None]) * NOISE_FFT_SIZE / ANALYSIS_RATE_HZ
        kernel = np.abs(_hann_transform(offsets, NOISE_FFT_SIZE)) ** 2  # (K, bins)
        power = np.maximum(power - (harmonics / 2.0) ** 2 @ kernel, 0.0)
    # White noise of variance s^2 has expected power s^2 * sum(w^2) in every bin.
    density = power / np.sum(window**2)
    edges = noise_band_edges_hz()
    band = np.clip(np.searchsorted(edges, bins_hz, side="right") - 1, 0, len(edges) - 2)
    members = np.eye(len(edges) - 1)[band]  # (bins, bands) one-hot
    mean_density = density @ members / np.maximum(members.sum(axis=0), 1.0)  # (F, bands)
    return np.sqrt(mean_density)  # type: ignore[no-any-return]


def _hann_transform(offset_bins: npt.NDArray[np.float64], size: int) -> npt.NDArray[np.float64]:
    """The DFT of a length-`size` Hann window at fractional bin offsets (its peak is size/2)."""

    def dirichlet(x: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        return size * np.sinc(x)

    return 0.5 * dirichlet(offset_bins) + 0.25 * (
        dirichlet(offset_bins - 1) + dirichlet(offset_bins + 1)
    )


def audio_to_controls(audio: Audio, pitch: float, frame_count: int, *, is_drum: bool) -> Frames:
    """Control frames (frames, CHANNEL_COUNT) in control units for audio at ANALYSIS_RATE_HZ."""
    audio64 = np.asarray(audio, dtype=np.float64)
    frames = np.full((frame_count, CHANNEL_COUNT), -1.0, dtype=np.float32)
    harmonics = None if is_drum else harmonic_amplitudes(audio64, pitch, frame_count)
    if harmonics is not None:
        frames[:, LAYOUT.harmonics] = amplitude_to_unit(harmonics)
    frames[:, LAYOUT.noise] = amplitude_to_unit(
        noise_levels(audio64, pitch, frame_count, harmonics)
    )
    return frames
