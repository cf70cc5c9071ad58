"""The measures behind `benchmarks.sound_reference`: how far one render is from another, and
the shape of a note (noise between harmonics, attack, release, vibrato), in plain numpy.

Every measure takes mono float audio at `RATE` and is relative (dB re the loudest part, ratios,
cents), so renders at different levels compare without calibration.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from models.timbre.metrics import magnitudes, spectral_centroid_hz

Audio = npt.NDArray[np.float32]
RATE = 44_100
MEL_BANDS = 64
MEL_FFT = 2048
MEL_LOW_HZ, MEL_HIGH_HZ = 30.0, 16_000.0
FLOOR_DB = 80.0
"""The mel spectrogram is floored this far below its loudest cell: quieter is inaudible."""
ENVELOPE_HOP = 44
"""Envelope frames are 1 ms apart, fine enough for a 5 ms attack."""
ENVELOPE_WINDOW = 220
"""A 5 ms RMS window: smooth over one period down to 200 Hz, short enough for a click."""
MIN_ATTACK_SECONDS = 0.005
"""Attacks shorter than the envelope window cannot be told apart: they count as this long."""
SILENCE_DB = -80.0
"""A tail is over once the envelope stays below this, re the note's peak."""
EPSILON = 1e-12


def _db(power: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    return 10.0 * np.log10(np.maximum(power, EPSILON))


def _mel_filters() -> npt.NDArray[np.float64]:
    """(bands, bins) triangular filters evenly spaced on the mel scale (HTK formula)."""

    def mel(hz: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        return 2595.0 * np.log10(1.0 + hz / 700.0)

    edges_mel = np.linspace(mel(np.array(MEL_LOW_HZ)), mel(np.array(MEL_HIGH_HZ)), MEL_BANDS + 2)
    edges = 700.0 * (10 ** (edges_mel / 2595.0) - 1.0)
    bins = np.fft.rfftfreq(MEL_FFT, 1.0 / RATE)
    low, centre, high = edges[:-2, None], edges[1:-1, None], edges[2:, None]
    rising = (bins - low) / (centre - low)
    falling = (high - bins) / (high - centre)
    filters: npt.NDArray[np.float64] = np.maximum(0.0, np.minimum(rising, falling))
    return filters


_MEL = _mel_filters()


def loudness_matched(audio: Audio) -> Audio:
    """The audio scaled to unit RMS (silence stays silence)."""
    rms = float(np.sqrt(np.mean(np.square(audio, dtype=np.float64)))) if len(audio) else 0.0
    return (audio / rms).astype(np.float32) if rms > 0 else audio


def mel_db(audio: Audio) -> npt.NDArray[np.float64]:
    """(frames, bands) mel power spectrogram in dB, floored `FLOOR_DB` below its loudest cell."""
    power = magnitudes(audio, MEL_FFT) ** 2 @ _MEL.T
    level = _db(power)
    floored: npt.NDArray[np.float64] = np.maximum(level, level.max() - FLOOR_DB)
    return floored


def mel_distance_db(reference: Audio, candidate: Audio) -> float:
    """Mean absolute difference of the floored mel spectrograms in dB, after matching RMS,
    over the cells where either is above its floor (silence both agree on is not credit).
    Both are cut to the shorter."""
    length = min(len(reference), len(candidate))
    ref = mel_db(loudness_matched(reference[:length]))
    cand = mel_db(loudness_matched(candidate[:length]))
    audible = (ref > ref.min()) | (cand > cand.min())
    if not audible.any():
        return 0.0
    return float(np.mean(np.abs(ref - cand)[audible]))


def envelope_db(audio: Audio) -> npt.NDArray[np.float64]:
    """RMS level per 1 ms step (5 ms windows) in dB re the loudest step."""
    padded = np.pad(np.asarray(audio, dtype=np.float64), (0, ENVELOPE_WINDOW))
    squares = np.concatenate(([0.0], np.cumsum(padded**2)))
    starts = np.arange(0, len(audio), ENVELOPE_HOP)
    power = (squares[starts + ENVELOPE_WINDOW] - squares[starts]) / ENVELOPE_WINDOW
    level = _db(power)
    return level - level.max() if len(level) else level


def _seconds(steps: int | np.integer) -> float:
    return float(steps) * ENVELOPE_HOP / RATE


def attack_seconds(audio: Audio) -> float:
    """Time from 10 % to 90 % of the peak amplitude envelope (at least `MIN_ATTACK_SECONDS`)."""
    level = envelope_db(audio)
    peak = int(np.argmax(level))
    rising = level[: peak + 1]
    start = int(np.argmax(rising >= 20 * np.log10(0.1)))
    end = int(np.argmax(rising >= 20 * np.log10(0.9)))
    return max(MIN_ATTACK_SECONDS, _seconds(end - start))


def decay_seconds(audio: Audio, drop_db: float = 30.0) -> float:
    """Time from the envelope's peak until it last stays below peak - `drop_db`."""
    level = envelope_db(audio)
    peak = int(np.argmax(level))
    above = np.flatnonzero(level[peak:] > -drop_db)
    return _seconds(above[-1] + 1) if len(above) else 0.0


@dataclass(frozen=True)
class Release:
    """How a note ends after its note-off: seconds to fall 60 dB below the note's peak, the
    level (dB re peak) where the sound stops (a cut-off if above -60 dB), and how long it
    lingers between -60 dB and silence (-80 dB)."""

    to_minus_60_seconds: float
    end_level_db: float
    tail_seconds: float

    @property
    def complete(self) -> bool:
        """No cut-off above -60 dB and no tail below it longer than 0.1 s."""
        return self.end_level_db <= -60.0 and self.tail_seconds <= 0.1


def release(audio: Audio, note_off_seconds: float) -> Release:
    """The release of the note that ends at `note_off_seconds` and is the only sound in `audio`."""
    level = envelope_db(audio)
    off = min(len(level) - 1, round(note_off_seconds * RATE / ENVELOPE_HOP))
    after = level[off:]
    audible = np.flatnonzero(after > SILENCE_DB)
    if not len(audible):
        return Release(0.0, SILENCE_DB, 0.0)
    last = int(audible[-1])
    # Where the sound stops: the loudest of its last 10 ms (a cut smeared by the window).
    end_level = float(np.max(after[max(0, last - 10) : last + 1]))
    loud = np.flatnonzero(after > -60.0)
    to_60 = _seconds(loud[-1] + 1) if len(loud) else 0.0
    tail = max(0.0, _seconds(last + 1) - to_60)
    return Release(to_60, end_level, tail)


def noise_between_harmonics_db(audio: Audio, f0_hz: float, top_hz: float = 8_000.0) -> float:
    """Energy midway between harmonic peaks relative to the peaks, in dB (lower is cleaner):
    a long Hann spectrum of the held part; for each harmonic below `top_hz`, the peak within
    ±25 % of f0 of it and the mean power from 0.35 to 0.65 of the way to the next one."""
    size = 1 << int(np.ceil(np.log2(max(len(audio), 2))))
    window = np.hanning(len(audio))
    power = np.abs(np.fft.rfft(np.asarray(audio, dtype=np.float64) * window, size)) ** 2
    hz_per_bin = RATE / size
    peaks, valleys = [], []
    harmonic = 1
    while (harmonic + 1) * f0_hz < min(top_hz, RATE / 2):
        centre = harmonic * f0_hz / hz_per_bin
        near = power[
            int(centre - 0.25 * f0_hz / hz_per_bin) : int(centre + 0.25 * f0_hz / hz_per_bin) + 1
        ]
        between = power[
            int(centre + 0.35 * f0_hz / hz_per_bin) : int(centre + 0.65 * f0_hz / hz_per_bin) + 1
        ]
        if len(near) and len(between):
            peaks.append(float(near.max()))
            valleys.append(float(between.mean()))
        harmonic += 1
    if not peaks:
        return float("nan")
    return float(_db(np.array(sum(valleys))) - _db(np.array(sum(peaks))))


def vibrato_cents(audio: Audio, f0_hz: float) -> float:
    """Vibrato depth: half the 5th-95th percentile spread, in cents, of the pitch track of the
    strongest of the first three harmonics (STFT peak with parabolic interpolation, 93 ms
    frames every 23 ms)."""
    size = 4096
    spectra = magnitudes(audio, size)[2:-2]
    if len(spectra) < 4:
        return float("nan")
    hz_per_bin = RATE / size
    strongest = max(
        (1, 2, 3), key=lambda k: float(spectra[:, round(k * f0_hz / hz_per_bin)].mean())
    )
    target = strongest * f0_hz
    low, high = int(target * 2 ** (-1 / 12) / hz_per_bin), int(target * 2 ** (1 / 12) / hz_per_bin)
    band = np.log(spectra[:, low : high + 2] + EPSILON)
    top = np.clip(np.argmax(band[:, :-1], axis=1), 1, band.shape[1] - 2)
    rows = np.arange(len(band))
    left, mid, right = band[rows, top - 1], band[rows, top], band[rows, top + 1]
    shift = (
        0.5
        * (left - right)
        / np.where(left - 2 * mid + right == 0, -EPSILON, left - 2 * mid + right)
    )
    hz = (low + top + np.clip(shift, -0.5, 0.5)) * hz_per_bin
    sounding = np.exp(band.max(axis=1)) > 1e-3 * float(np.exp(band.max()))
    if sounding.sum() < 4:
        return float("nan")
    cents = 1200 * np.log2(hz[sounding] / target)
    return float((np.percentile(cents, 95) - np.percentile(cents, 5)) / 2)


def centroid_hz(audio: Audio) -> float:
    """Power-weighted mean frequency of the whole sound."""
    return spectral_centroid_hz(audio, RATE)


def stereo_correlation(stereo: npt.NDArray[np.float32]) -> float:
    """Pearson correlation of the left and right channels (1: mono, 0: unrelated)."""
    left = np.asarray(stereo[:, 0], dtype=np.float64)
    right = np.asarray(stereo[:, 1], dtype=np.float64)
    return float(np.corrcoef(left, right)[0, 1])
