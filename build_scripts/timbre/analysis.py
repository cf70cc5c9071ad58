"""Audio of one note -> control frames (harmonic amplitudes and noise band levels), in numpy.

The inverse of `engine.sound.synth`: the pitch is known (the note was rendered at that MIDI
pitch), so each harmonic's amplitude is read with a windowed DFT at exactly k times the
fundamental, one frame every 1/FRAME_RATE_HZ seconds, centred on the frame's time. The window
spans four periods (clamped to 11.6..92.9 ms): long enough that neighbouring
harmonics do not leak into each other, short enough to follow the attack of high notes. The
noise level of a band is what is left of the band's power once the harmonics' own spectral
peaks are subtracted, as the amplitude of white noise with that power density, read only in
the valleys between harmonics where a band has any (`valley_bins`). The contour (how far the
fundamental bends from the note's pitch, in cents) is read from how far each harmonic's phase
moves over a short lag (`pitch_contour`), and kept as a slow bend and a vibrato's depth and rate
(`contour_controls`). Drums are all noise; asked, their frames also carry the hit's envelope
every 5 ms in a low and a high band where a pitched note's first harmonics would be
(`engine.sound.drum_envelope`).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from engine.sound.drum_envelope import difference_to_unit, read_envelope
from engine.sound.onset import harmonic_window_samples
from engine.sound.synth import (
    ANALYSIS_RATE_HZ,
    CONTOUR_FRAMES,
    CONTOUR_SPAN_CENTS,
    FLOOR_DB,
    FRAME_RATE_HZ,
    HARMONIC_COUNT,
    LAYOUT,
    Audio,
    Frames,
    amplitude_to_unit,
    bend_to_unit,
    depth_to_unit,
    drum_reference_db,
    midi_to_hz,
    noise_band_edges_hz,
    rate_to_unit,
    silent_frames,
)

HOP = ANALYSIS_RATE_HZ // FRAME_RATE_HZ
SCALE = ANALYSIS_RATE_HZ // 22_050
"""Window sizes below were chosen at 22.05 kHz; at 44.1 kHz they take twice the samples."""
NOISE_FFT_SIZE = 1024 * SCALE
"""The noise analysis's shortest window (46 ms); lower notes get longer ones
(`noise_window_size`)."""
MAX_NOISE_FFT_SIZE = 4096 * SCALE
NOISE_WINDOW_PERIODS = 8
"""Periods in the noise analysis window: the Hann window's main lobe (two bins each side) then
spans a quarter of the way to the neighbouring harmonics, leaving valleys between them."""
VALLEY_SHARE = 0.25
"""A bin is in a valley if it is at least this share of f0 from the nearest harmonic..."""
VALLEY_MIN_BINS = 2.5
"""...and at least this many bins (outside the window's main lobe)."""
MEDIAN_MIN_BINS = 3
"""A band read from fewer bins than this takes their mean: a median of one or two is no
steadier than a mean, and the ln 2 scaling holds for many bins."""


def window_size(pitch: float) -> int:
    """Samples in the harmonic analysis window: four periods, even, within its bounds (the
    engine inverts this window to place a note's onset: `engine.sound.onset`)."""
    return harmonic_window_samples(midi_to_hz(pitch), ANALYSIS_RATE_HZ)


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


CONTOUR_LAG_SECONDS = 0.01
"""The longest lag over which the contour reads a harmonic's phase move (10 ms)..."""
CONTOUR_MAX_CYCLES = 6.0
"""...and the most cycles a harmonic used may turn in it: a bend of 50 cents (the contour's
reach) then moves its phase by 0.18 of a cycle, well short of the half cycle where the reading
would wrap. High notes take a shorter lag; only their low harmonics are read."""
CONTOUR_QUIET = 1e-6
"""Frames whose harmonics hold under this share of the note's strongest frame's power read no
bend (0 cents): their phases are noise."""


def pitch_contour(
    audio: npt.NDArray[np.float64], pitch: float, frame_count: int
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.bool_]]:
    """(frames,) the fundamental's bend from `pitch` in cents (0 where nothing is heard), and
    (frames,) whether the frame's harmonics are loud enough to read it.

    Each harmonic's phase is read in two windows a short lag apart, centred on the frame; how
    much further it turned than k times the nominal pitch would turn it is its frequency's
    offset, and the frame's bend is the offsets' mean weighted by the harmonics' power.
    Written here because the pitch is known: a pitch tracker (pYIN, basic-pitch) searches the
    whole range and reads a vibrato of 15 cents no better than its own 10-20 cent grid; the
    phase of known harmonics reads it to a cent."""
    f0_hz = midi_to_hz(pitch)
    lag = max(1, int(min(CONTOUR_LAG_SECONDS, CONTOUR_MAX_CYCLES / f0_hz) * ANALYSIS_RATE_HZ))
    harmonics_hz = f0_hz * np.arange(1, HARMONIC_COUNT + 1)
    harmonics_hz = harmonics_hz[harmonics_hz * lag / ANALYSIS_RATE_HZ <= CONTOUR_MAX_CYCLES]
    size = window_size(pitch)
    window = np.hanning(size)
    n = np.arange(size) - size / 2
    basis = np.exp(-2j * np.pi * np.outer(n, harmonics_hz) / ANALYSIS_RATE_HZ)  # (size, K)
    half = lag // 2
    earlier = np.concatenate([np.zeros(half), audio])  # each frame centred half a lag before
    later = np.concatenate([audio[lag - half :], np.zeros(lag - half)])  # ...and after
    first = (_frames_of(earlier, frame_count, size) * window) @ basis  # (F, K)
    second = (_frames_of(later, frame_count, size) * window) @ basis
    nominal = 2 * np.pi * harmonics_hz * lag / ANALYSIS_RATE_HZ  # radians each turns at pitch
    beyond = np.angle(second * np.conj(first) * np.exp(-1j * nominal))  # (F, K), wrapped
    ratio = 1.0 + beyond / nominal
    # A harmonic read more than twice the contour's reach off is noise, not the note: left out.
    plausible = np.abs(np.log2(np.maximum(ratio, 1e-9))) * 1200 <= 2 * CONTOUR_SPAN_CENTS
    cents = np.where(plausible, 1200 * np.log2(np.where(plausible, ratio, 1.0)), 0.0)
    power = np.minimum(np.abs(first), np.abs(second)) ** 2 * plausible
    total = power.sum(axis=1)
    bend = (cents * power).sum(axis=1) / np.maximum(total, 1e-300)
    heard = total > CONTOUR_QUIET * max(float(total.max()), 1e-300)
    contour: npt.NDArray[np.float64] = np.where(heard, bend, 0.0)
    return contour, heard


NO_VIBRATO_CENTS = 2.0
"""A swing under this is no vibrato: its rate is read as the middle of the range (6 Hz), so
the model learns one value there rather than the rate of noise."""


def _heard_mean(
    values: npt.NDArray[np.float64], heard: npt.NDArray[np.bool_]
) -> npt.NDArray[np.float64]:
    """Each frame's mean of `values` over the heard frames of the `CONTOUR_FRAMES`
    around it (0 where none is heard)."""
    kernel = np.ones(CONTOUR_FRAMES)
    total = np.convolve(values * heard, kernel, mode="same")
    count = np.convolve(heard.astype(np.float64), kernel, mode="same")
    mean: npt.NDArray[np.float64] = np.where(count > 0, total / np.maximum(count, 1.0), 0.0)
    return mean


def contour_controls(
    cents: npt.NDArray[np.float64], heard: npt.NDArray[np.bool_]
) -> npt.NDArray[np.float32]:
    """(frames, CONTOUR_CHANNELS) control units from a contour read frame by frame: the bend
    (its mean over a vibrato's swing), the vibrato's depth (the swing of what is left, from its
    power: a sine of depth d has mean square d^2 / 2) and rate (the turning of its analytic
    signal's phase, in swings a second)."""
    bend = _heard_mean(cents, heard)
    swing = np.where(heard, cents - bend, 0.0)
    depth = np.sqrt(2.0 * _heard_mean(swing**2, heard))
    spectrum = np.fft.fft(swing)
    spectrum[1 : (len(swing) + 1) // 2] *= 2.0  # the analytic signal: no negative frequencies
    spectrum[len(swing) // 2 + 1 :] = 0.0
    turning = np.diff(np.unwrap(np.angle(np.fft.ifft(spectrum))), prepend=0.0)
    rate = _heard_mean(turning * FRAME_RATE_HZ / (2 * np.pi), heard)
    rate = np.where(heard & (depth >= NO_VIBRATO_CENTS), rate, 6.0)
    controls = np.stack(
        [bend_to_unit(bend), depth_to_unit(np.where(heard, depth, 0.0)), rate_to_unit(rate)],
        axis=1,
    )
    return controls.astype(np.float32)


def noise_window_size(pitch: float | None) -> int:
    """Samples in the noise analysis window: `NOISE_WINDOW_PERIODS` periods as a power of two,
    within `NOISE_FFT_SIZE`..`MAX_NOISE_FFT_SIZE` (drums, with no pitch: the shortest)."""
    if pitch is None:
        return NOISE_FFT_SIZE
    periods = NOISE_WINDOW_PERIODS * ANALYSIS_RATE_HZ / midi_to_hz(pitch)
    return int(np.clip(2 ** np.ceil(np.log2(periods)), NOISE_FFT_SIZE, MAX_NOISE_FFT_SIZE))


def valley_bins(bins_hz: npt.NDArray[np.float64], f0_hz: float, size: int) -> npt.NDArray[np.bool_]:
    """Which bins lie between harmonics, away from every harmonic's main lobe.

    Why only there: a real note's partials are never exactly at k times the nominal pitch
    (stretched piano strings, detuned sample layers, slow vibrato), so subtracting ideal peaks
    leaves some of each partial beside it. Counted as noise, that residue filled the whole
    band: resynthesised notes had 13 dB more noise between harmonics than the SoundFont's."""
    ratio = bins_hz / f0_hz
    distance_hz = np.abs(ratio - np.maximum(np.round(ratio), 1.0)) * f0_hz
    in_bins = distance_hz * size / ANALYSIS_RATE_HZ
    valleys: npt.NDArray[np.bool_] = (distance_hz >= VALLEY_SHARE * f0_hz) & (
        in_bins >= VALLEY_MIN_BINS
    )
    return valleys


def noise_levels(
    audio: npt.NDArray[np.float64],
    pitch: float,
    frame_count: int,
    harmonics: npt.NDArray[np.float64] | None,
) -> npt.NDArray[np.float64]:
    """(frames, NOISE_BAND_COUNT) amplitude of white noise with each band's residual power:
    over the band's valley bins where it has any, over all its bins where not; for a pitched
    note the median of those bins' powers over ln 2, for a drum (no harmonics) their mean.

    Why the median: what is left of a partial beside its subtracted peak (a partial a little
    off its nominal frequency, a decaying or swelling one, whose line is broadened) lands in a
    few valley bins tens of dB over the floor, and a mean took them for noise. White noise's
    power in a bin is exponentially distributed, its median ln 2 of its mean, so the median
    over ln 2 reads the same noise and ignores the few bins that hold a partial's residue.
    Every fourth GM program analysed and resynthesized (`python -m benchmarks.sound_reference
    --resynthesis`): the median mel distance to FluidSynth 4.0 -> 3.0 dB, the noise between
    harmonics within 6 dB of FluidSynth's for 24 -> 25 of 32."""
    size = noise_window_size(None if harmonics is None else pitch)
    window = np.hanning(size)
    power = np.abs(np.fft.rfft(_frames_of(audio, frame_count, size) * window)) ** 2
    bins_hz = np.fft.rfftfreq(size, 1.0 / ANALYSIS_RATE_HZ).astype(np.float64)
    edges = noise_band_edges_hz()
    band = np.clip(np.searchsorted(edges, bins_hz, side="right") - 1, 0, len(edges) - 2)
    counted = np.ones(len(bins_hz), dtype=bool)
    if harmonics is not None:
        # A sine of amplitude a puts (a/2)^2 |W(f - fk)|^2 into the power spectrum; W is the
        # Hann window's transform, evaluated at each bin's offset from each harmonic.
        f0_hz = midi_to_hz(pitch)
        harmonics_hz = f0_hz * np.arange(1, HARMONIC_COUNT + 1)
        offsets = (bins_hz[None, :] - harmonics_hz[:, None]) * size / ANALYSIS_RATE_HZ
        kernel = np.abs(_hann_transform(offsets, size)) ** 2  # (K, bins)
        power = np.maximum(power - (harmonics / 2.0) ** 2 @ kernel, 0.0)
        valleys = valley_bins(bins_hz, f0_hz, size)
        has_valleys = np.bincount(band[valleys], minlength=len(edges) - 1) > 0
        counted = valleys | ~has_valleys[band]
    # White noise of variance s^2 has expected power s^2 * sum(w^2) in every bin.
    density = power / np.sum(window**2)
    if harmonics is None:
        members = np.eye(len(edges) - 1)[band] * counted[:, None]  # (bins, bands) one-hot
        mean_density = density @ members / np.maximum(members.sum(axis=0), 1.0)  # (F, bands)
        return np.sqrt(mean_density)  # type: ignore[no-any-return]
    levels = np.zeros((len(density), len(edges) - 1))
    for index in range(len(edges) - 1):
        chosen = density[:, (band == index) & counted]
        if chosen.shape[1] >= MEDIAN_MIN_BINS:
            levels[:, index] = np.median(chosen, axis=1) / np.log(2.0)
        elif chosen.shape[1]:
            levels[:, index] = chosen.mean(axis=1)
    return np.sqrt(levels)


def _hann_transform(offset_bins: npt.NDArray[np.float64], size: int) -> npt.NDArray[np.float64]:
    """The DFT of a length-`size` Hann window at fractional bin offsets (its peak is size/2)."""

    def dirichlet(x: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        return size * np.sinc(x)

    return 0.5 * dirichlet(offset_bins) + 0.25 * (
        dirichlet(offset_bins - 1) + dirichlet(offset_bins + 1)
    )


def audio_to_controls(
    audio: Audio, pitch: float, frame_count: int, *, is_drum: bool, drum_envelope: bool = False
) -> Frames:
    """Control frames (frames, CHANNEL_COUNT) in control units for audio at ANALYSIS_RATE_HZ:
    silent levels and no bend where nothing is read (a drum's harmonics and contour). With
    `drum_envelope`, a drum's first harmonic channels hold its envelope
    (`engine.sound.drum_envelope`): the benchmark's resynthesis reads hits so; the training
    data does not, for no model trained on it has learned it yet (`models/timbre/README.md`)."""
    audio64 = np.asarray(audio, dtype=np.float64)
    frames = silent_frames(frame_count)
    harmonics = None if is_drum else harmonic_amplitudes(audio64, pitch, frame_count)
    if harmonics is not None:
        frames[:, LAYOUT.harmonics] = amplitude_to_unit(harmonics)
        frames[:, LAYOUT.contour] = contour_controls(*pitch_contour(audio64, pitch, frame_count))
    frames[:, LAYOUT.noise] = amplitude_to_unit(
        noise_levels(audio64, pitch, frame_count, harmonics)
    )
    if harmonics is None and drum_envelope:
        # Where the noise frames are silent the envelope has nothing to shape: no difference
        # (the hit's tail would otherwise ask for the most lift over silence).
        envelope = np.maximum(read_envelope(audio64, frame_count, HOP, ANALYSIS_RATE_HZ), FLOOR_DB)
        reference = np.maximum(drum_reference_db(frames), FLOOR_DB)
        frames[:, LAYOUT.drum_envelope] = difference_to_unit(envelope - reference)
    return frames
