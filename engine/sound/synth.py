"""Note synthesis from control frames: harmonics plus filtered noise, in numpy.

A note's sound is described by control frames at `FRAME_RATE_HZ` (see `ControlLayout`): per
frame, the amplitude of each of the first `HARMONIC_COUNT` harmonics of the note's fundamental,
the level of filtered noise in `NOISE_BAND_COUNT` mel-spaced bands, and the fundamental's
contour: a slow bend from the note's pitch, and a vibrato's depth and rate. Levels are stored as
"control units", decibels mapped to [-1, 1] (`db_to_unit`), the contour likewise
(`bend_to_unit`, `depth_to_unit`, `rate_to_unit`), which is what the timbre model generates.
`controls_to_audio` turns frames into float32 audio at any sample rate from `MIN_SAMPLE_RATE_HZ`
up (the band above a lower rate's Nyquist frequency is left out).

Why this is written by hand rather than taken from a library: no maintained numpy DDSP synth
exists (DDSP itself needs TensorFlow), and two choices below make it several times faster than
the textbook sum of sines, which the 100 ms per-note budget needs:

- Harmonics. Each frame's harmonic spectrum is one period of a waveform: an inverse FFT turns
  every frame into a wavetable, and the audio reads the tables with a phase accumulator whose
  step follows the contour (the bend, and a sine swinging at the vibrato's rate and depth),
  crossfading between neighbouring frames. The cost is a
  few operations per sample whatever the number of harmonics; harmonics above the Nyquist
  frequency are left out of the tables, so nothing aliases.
- Noise. Seeded white noise is filtered frame by frame in the frequency domain (square-root
  Hann windows at 50% overlap, whose product sums to one), the band levels interpolated over
  the bins.

- Drums. A drum hit is all noise; where its frames carry the hit's envelope (its level every
  5 ms in a low and a high band, `engine.sound.drum_envelope`), each band of its noise is
  gained to follow it, so a hit dies as fast as it did in the SoundFont rather than over the
  40 ms the noise windows take.

The model knows the spectrum up to `ANALYSIS_RATE_HZ / 2`, the Nyquist frequency of the
SoundFont renders it learns from: 44.1 kHz since timbre model v2, the mixer's own rate, so
cymbals and hi-hats keep their air above 11 kHz (v1 learned from 22.05 kHz renders). Every
note starts from silence and ends in silence: a short raised-cosine fade at each end, so there
are no clicks.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from engine.errors import TesseraError
from engine.sound import drum_envelope
from engine.sound.allocator import settle_allocator
from engine.sound.onset import Onset, find_onset, gate_before_onset, sharpen_fade
from engine.words import QT_TRANSLATE_NOOP

Audio = npt.NDArray[np.float32]
Frames = npt.NDArray[np.float32]

ANALYSIS_RATE_HZ = 44_100
"""Sample rate of the SoundFont renders the model learned from; its band ends at half this."""
MIN_SAMPLE_RATE_HZ = 8_000
"""The lowest rate notes are synthesized at (tests and pitch checks use 22.05 kHz)."""
OUTPUT_RATE_HZ = 44_100
"""Default synthesis rate: the rate the mixer works at."""
FRAME_RATE_HZ = 50
"""Control frames per second (a 20 ms hop)."""
HARMONIC_COUNT = 64
NOISE_BAND_COUNT = 32
CONTOUR_CHANNELS = 3
"""The fundamental's contour (timbre model v6 on; v5's frames had none, so its notes held one
pitch: FluidSynth's strings move 12.6 cents, its ensembles 15.9, v5's 1.1 and 0.3): its slow
bend from the note's pitch, and its vibrato's depth and rate.

Why a depth and a rate rather than the bend frame by frame: a vibrato's phase is a coin toss
from note to note, so a denoiser asked for the bend itself learns its mean, none, and four
sampler steps left the starting noise in its place (a version trained so for 3,250 steps
warbled +-10 cents at random on a bass guitar, and swung a violin 8 cents where FluidSynth's
swings 18). Depth and rate, like the levels, are the same at every playing of a note."""
CHANNEL_COUNT = HARMONIC_COUNT + NOISE_BAND_COUNT + CONTOUR_CHANNELS
CONTOUR_SPAN_CENTS = 50.0
"""The bend's reach either side of the note's pitch (control unit 1), and the deepest vibrato
(its swing either side): a violinist's vibrato swings 5-20 cents either way; wider bends are
glides, which a note of one pitch does not hold."""
CONTOUR_FRAMES = 9
"""Frames the contour is read over (180 ms, one swing of a 5.5 Hz vibrato): the analysis
averages the bend, depth and rate over them, so they change slowly by construction."""
SLOWEST_VIBRATO_HZ = 3.0
FASTEST_VIBRATO_HZ = 9.0
"""The vibrato rates the contour holds (control units -1 and 1); players swing at 4.5-7 Hz."""
FLOOR_DB = -100.0
"""The quietest level a control can hold; -1 in control units."""
WAVETABLE_SIZE = 2048
FADE_IN_SECONDS = 0.003
FADE_OUT_SECONDS = 0.04
KEPT_NOISE_FRAMES = 256
"""Notes up to this many frames (5.1 s; the timbre model's window is 128) keep their timbre's
windowed noise between notes (`_seeded_white_spectra`)."""
KEPT_NOISE_STEP = 128
"""Kept noise is drawn in lengths of this many frames (the timbre model's window)."""


settle_allocator()  # before the first note (engine.sound.allocator says why)


class SynthError(TesseraError, ValueError):
    """Control frames or a sample rate that the synthesizer cannot render."""


@dataclass(frozen=True)
class ControlLayout:
    """How channels are laid out in a frame: harmonics first, then noise bands."""

    harmonic_count: int = HARMONIC_COUNT
    noise_band_count: int = NOISE_BAND_COUNT

    @property
    def harmonics(self) -> slice:
        return slice(0, self.harmonic_count)

    @property
    def noise(self) -> slice:
        return slice(self.harmonic_count, self.harmonic_count + self.noise_band_count)

    @property
    def drum_envelope(self) -> slice:
        """A drum hit's envelope (`engine.sound.drum_envelope`: its level every 5 ms in a
        low and a high band, as its difference from what the frame's noise bands say): the
        first harmonic channels, which a drum does not use, so every note's frames have one
        layout. All at -1: no envelope (timbre model v6), the noise played as it is."""
        return slice(0, drum_envelope.ENVELOPE_STEPS * drum_envelope.BANDS)

    @property
    def levels(self) -> slice:
        """Every channel that holds a level in dB (harmonics and noise), not the contour."""
        return slice(0, self.harmonic_count + self.noise_band_count)

    @property
    def contour(self) -> slice:
        """The contour's channels: bend, vibrato depth, vibrato rate."""
        start = self.harmonic_count + self.noise_band_count
        return slice(start, start + CONTOUR_CHANNELS)

    @property
    def bend(self) -> int:
        """The fundamental's slow bend from the note's pitch (`bend_to_unit`)."""
        return self.harmonic_count + self.noise_band_count

    @property
    def vibrato_depth(self) -> int:
        """How far the vibrato swings either side of the bend (`depth_to_unit`)."""
        return self.bend + 1

    @property
    def vibrato_rate(self) -> int:
        """How often the vibrato swings, a second (`rate_to_unit`)."""
        return self.bend + 2


LAYOUT = ControlLayout()


def midi_to_hz(pitch: float) -> float:
    return float(440.0 * 2.0 ** ((pitch - 69.0) / 12.0))


def hz_to_mel(hz: npt.ArrayLike) -> npt.NDArray[np.float64]:
    return 2595.0 * np.log10(1.0 + np.asarray(hz, dtype=np.float64) / 700.0)


def mel_to_hz(mel: npt.ArrayLike) -> npt.NDArray[np.float64]:
    return 700.0 * (10.0 ** (np.asarray(mel, dtype=np.float64) / 2595.0) - 1.0)


def noise_band_edges_hz() -> npt.NDArray[np.float64]:
    """`NOISE_BAND_COUNT + 1` band edges, mel-spaced from 0 Hz to the analysis Nyquist."""
    return mel_to_hz(np.linspace(0.0, hz_to_mel(ANALYSIS_RATE_HZ / 2), NOISE_BAND_COUNT + 1))


def noise_band_centres_hz() -> npt.NDArray[np.float64]:
    edges = noise_band_edges_hz()
    return 0.5 * (edges[:-1] + edges[1:])


def db_to_unit(level_db: npt.ArrayLike) -> Frames:
    """Decibels (FLOOR_DB..0) to control units (-1..1)."""
    level = np.clip(np.asarray(level_db, dtype=np.float64), FLOOR_DB, 0.0)
    return (level / -FLOOR_DB * 2.0 + 1.0).astype(np.float32)


def unit_to_amplitude(unit: npt.ArrayLike) -> Frames:
    """Control units to linear amplitude; the floor (-1) is exact silence."""
    unit = np.clip(np.asarray(unit, dtype=np.float64), -1.0, 1.0)
    amplitude = 10.0 ** ((unit - 1.0) / 2.0 * -FLOOR_DB / 20.0)
    return np.where(unit <= -1.0 + 1e-6, 0.0, amplitude).astype(np.float32)


def amplitude_to_unit(amplitude: npt.ArrayLike) -> Frames:
    amplitude = np.maximum(np.asarray(amplitude, dtype=np.float64), 1e-12)
    return db_to_unit(20.0 * np.log10(amplitude))


def _to_unit(value: npt.ArrayLike, low: float, high: float) -> Frames:
    unit = (np.asarray(value, dtype=np.float64) - low) / (high - low) * 2.0 - 1.0
    return np.clip(unit, -1.0, 1.0).astype(np.float32)


def _from_unit(unit: npt.ArrayLike, low: float, high: float) -> npt.NDArray[np.float64]:
    clipped = np.clip(np.asarray(unit, dtype=np.float64), -1.0, 1.0)
    return low + (clipped + 1.0) / 2.0 * (high - low)


def bend_to_unit(cents: npt.ArrayLike) -> Frames:
    """A bend in cents to control units (+-`CONTOUR_SPAN_CENTS` to +-1, clipped)."""
    return _to_unit(cents, -CONTOUR_SPAN_CENTS, CONTOUR_SPAN_CENTS)


def unit_to_bend(unit: npt.ArrayLike) -> npt.NDArray[np.float64]:
    return _from_unit(unit, -CONTOUR_SPAN_CENTS, CONTOUR_SPAN_CENTS)


def depth_to_unit(cents: npt.ArrayLike) -> Frames:
    """A vibrato's swing either side, 0 to `CONTOUR_SPAN_CENTS` cents, to -1..1 (-1: none)."""
    return _to_unit(cents, 0.0, CONTOUR_SPAN_CENTS)


def unit_to_depth(unit: npt.ArrayLike) -> npt.NDArray[np.float64]:
    return _from_unit(unit, 0.0, CONTOUR_SPAN_CENTS)


def rate_to_unit(hz: npt.ArrayLike) -> Frames:
    """A vibrato's rate, `SLOWEST_VIBRATO_HZ` to `FASTEST_VIBRATO_HZ`, to -1..1."""
    return _to_unit(hz, SLOWEST_VIBRATO_HZ, FASTEST_VIBRATO_HZ)


def unit_to_rate(unit: npt.ArrayLike) -> npt.NDArray[np.float64]:
    return _from_unit(unit, SLOWEST_VIBRATO_HZ, FASTEST_VIBRATO_HZ)


def smooth_contour(frames: Frames) -> Frames:
    """The frames with their contour averaged over `CONTOUR_FRAMES` (edges held), as the
    analysis reads it. Why: the model's contour wanders from frame to frame where the data's
    does not (sampled at four steps, some of the starting noise is left in it), and a depth
    that wanders 0-8 cents a frame made a piano warble; averaged, it holds steady. A running
    sum in numpy, as the engine runs without scipy (whose uniform filter does the same)."""
    out = np.array(frames, dtype=np.float32)
    half = CONTOUR_FRAMES // 2
    contour = out[..., LAYOUT.contour].astype(np.float64)
    padded = np.concatenate(
        [
            np.repeat(contour[..., :1, :], half, axis=-2),
            contour,
            np.repeat(contour[..., -1:, :], half, axis=-2),
        ],
        axis=-2,
    )
    sums = np.cumsum(padded, axis=-2)
    sums = np.concatenate([np.zeros_like(sums[..., :1, :]), sums], axis=-2)
    count = contour.shape[-2]
    out[..., LAYOUT.contour] = (
        sums[..., CONTOUR_FRAMES : CONTOUR_FRAMES + count, :] - sums[..., :count, :]
    ) / CONTOUR_FRAMES
    return out


def silent_frames(frame_count: int) -> Frames:
    """Frames of silence: every level at the floor, no bend, no vibrato (a bend of -1 would be
    `CONTOUR_SPAN_CENTS` flat)."""
    frames = np.full((frame_count, CHANNEL_COUNT), -1.0, dtype=np.float32)
    frames[:, LAYOUT.bend] = 0.0
    frames[:, LAYOUT.vibrato_rate] = 0.0
    return frames


def _check(frames: Frames, pitch: float, sample_rate_hz: int) -> None:
    if frames.ndim != 2 or frames.shape[1] != CHANNEL_COUNT or len(frames) < 2:
        raise SynthError(
            QT_TRANSLATE_NOOP(
                "SoundSynth",
                "control frames must have shape (frames >= 2, {channel_count}), got {shape}",
            ).format(channel_count=CHANNEL_COUNT, shape=frames.shape)
        )
    if sample_rate_hz < MIN_SAMPLE_RATE_HZ or sample_rate_hz % FRAME_RATE_HZ:
        raise SynthError(
            QT_TRANSLATE_NOOP(
                "SoundSynth",
                "sample rate must be at least {analysis_rate_hz} Hz and a multiple of "
                "{frame_rate_hz}, got {sample_rate_hz}",
            ).format(  # the placeholder kept its name, so the message's translation stands
                analysis_rate_hz=MIN_SAMPLE_RATE_HZ,
                frame_rate_hz=FRAME_RATE_HZ,
                sample_rate_hz=sample_rate_hz,
            )
        )
    if not 0.0 <= pitch <= 127.0:
        raise SynthError(
            QT_TRANSLATE_NOOP(
                "SoundSynth", "pitch must be a MIDI note number from 0 to 127, got {pitch}"
            ).format(pitch=pitch)
        )


@functools.lru_cache(maxsize=64)
def _frame_positions(frame_count: int, hop: int) -> tuple[npt.NDArray[np.int64], Frames]:
    """For every output sample: the frame before it and how far it is towards the next one.
    Kept for the notes of one length (a duration class), which share it: read-only."""
    position = np.arange((frame_count - 1) * hop, dtype=np.float64) / hop  # (N,)
    index = position.astype(np.int64)
    fade = (position - index).astype(np.float32)
    index.setflags(write=False)
    fade.setflags(write=False)
    return index, fade


def band_top_hz(sample_rate_hz: int) -> float:
    """The highest frequency a note synthesized at `sample_rate_hz` holds: the model's band or
    the output's Nyquist frequency, whichever is lower (nothing above either can be right)."""
    return min(ANALYSIS_RATE_HZ, sample_rate_hz) / 2


def harmonics_to_audio(
    amplitudes: Frames,
    pitch: float,
    sample_rate_hz: int = OUTPUT_RATE_HZ,
    onset: Onset | None = None,
    contour: Frames | None = None,
) -> Audio:
    """Sum of harmonics of `pitch`, amplitudes (frames, harmonics) linear, read from wavetables;
    with an `onset`, the tables switch on there (`engine.sound.onset`); with a `contour`
    (frames, `CONTOUR_CHANNELS`) in control units, the fundamental follows it
    (`contour_cents`)."""
    f0_hz = midi_to_hz(pitch)
    hop = sample_rate_hz // FRAME_RATE_HZ
    # A harmonic bent up by the contour must still lie under the band's top.
    bent_up = max(0.0, float(np.max(_highest_cents(contour)))) if contour is not None else 0.0
    highest = 2.0 ** (bent_up / 1200.0)
    audible = np.arange(1, amplitudes.shape[1] + 1) * f0_hz * highest < band_top_hz(sample_rate_hz)
    spectrum = np.zeros((len(amplitudes), WAVETABLE_SIZE // 2 + 1), dtype=np.complex64)
    # A sine of amplitude a is bin k of value -1j * a * size / 2 in an unnormalised FFT.
    spectrum[:, 1 : amplitudes.shape[1] + 1] = -0.5j * WAVETABLE_SIZE * amplitudes * audible
    tables = np.fft.irfft(spectrum, n=WAVETABLE_SIZE, axis=1).astype(np.float32)  # (F, W)
    tables = np.concatenate([tables, tables[:, :1]], axis=1)  # (F, W + 1) for interpolation
    # Positions are kept for lengths rounded up to a window (`KEPT_NOISE_STEP`), so notes of
    # any length share them: a note's are the first samples of a longer one's.
    kept = -(-len(amplitudes) // KEPT_NOISE_STEP) * KEPT_NOISE_STEP
    samples = (len(amplitudes) - 1) * hop
    positions, fractions = _frame_positions(kept, hop)
    frame, fade = positions[:samples], fractions[:samples]
    if onset is not None:
        fade = sharpen_fade(fade, onset, hop, sample_rate_hz)
    if contour is None or not _bends(contour):
        cycles = np.arange(len(frame), dtype=np.float64) * (f0_hz / sample_rate_hz)
    else:
        cents = contour_cents(contour, frame, fractions[:samples], sample_rate_hz)
        steps = (f0_hz / sample_rate_hz) * np.exp2(cents / 1200.0)
        cycles = np.cumsum(steps) - steps[0]  # the first sample at phase 0, as a held note's
    phase = cycles - np.floor(cycles)  # the same bits as `cycles % 1.0` (>= 0), 3x faster
    read = phase * WAVETABLE_SIZE
    slot = read.astype(np.int64)
    within = (read - slot).astype(np.float32)
    # Flat indices into the tables: one gather per read instead of a 2-D fancy index.
    flat = tables.reshape(-1)
    start = frame * tables.shape[1] + slot  # (N,) frame `frame`, sample `slot`

    def lookup(at: npt.NDArray[np.int64]) -> Audio:
        low = flat.take(at)
        return low + within * (flat.take(at + 1) - low)

    before = lookup(start)
    return before + fade * (lookup(start + tables.shape[1]) - before)


def _bends(contour: Frames) -> bool:
    """Whether the contour moves the fundamental at all (a bend, or a vibrato of any depth)."""
    return bool(np.any(unit_to_bend(contour[:, 0])) or np.any(unit_to_depth(contour[:, 1])))


def _highest_cents(contour: Frames) -> npt.NDArray[np.float64]:
    """(frames,) the highest the contour bends the fundamental in each frame, in cents."""
    return unit_to_bend(contour[:, 0]) + unit_to_depth(contour[:, 1])


CONTOUR_STRIDE = 32
"""Samples between the points where `contour_cents` evaluates the contour (1,378 a second at
44.1 kHz); the samples between them are interpolated linearly. The fastest vibrato
(`FASTEST_VIBRATO_HZ`) swings at most 9 times a second, so a straight line between points 32
samples apart is off a sine's curve by at most 0.02% of its depth at 44.1 kHz (0.08% at 22.05
kHz). Against the contour evaluated at every sample, on one drawn at random frame by frame at
every depth and rate (`tests/engine/sound/test_timbre_synth.py`): 0.02 cents at most at 44.1
kHz, 0.08 at 22.05 kHz, where a listener tells pitches apart at about 5 cents. Evaluated at
every sample, the contour cost 4.6 ms of a 2-second note (a cold render of the corpus song 0.25
of its 1.87 CPU seconds); so, 1.0 ms."""


def contour_cents(
    contour: Frames, frame: npt.NDArray[np.int64], fraction: Frames, sample_rate_hz: int
) -> npt.NDArray[np.float64]:
    """The fundamental's bend at every sample, in cents: the bend, plus a sine starting at
    phase 0 whose swing and rate follow the vibrato's depth and rate, each interpolated
    linearly between frames (`frame`, `fraction`: each sample's frame and how far it is toward
    the next). Evaluated every `CONTOUR_STRIDE` samples, at every frame and at the last
    sample, and interpolated between; the vibrato's phase is the rate integrated (a trapezoid
    between points, which the rate crosses in a straight line)."""
    count = len(frame)
    if not count:
        return np.zeros(0, dtype=np.float64)
    # Every frame's own sample is a point too: the contour bends there, and a line drawn
    # across a bend would cut its corner.
    points = np.union1d(np.arange(0, count, CONTOUR_STRIDE), np.flatnonzero(fraction == 0))
    if points[-1] != count - 1:
        points = np.append(points, count - 1)
    units = np.asarray(contour, dtype=np.float64)
    here = frame[points]
    following = np.minimum(here + 1, len(units) - 1)
    between = fraction[points].astype(np.float64)[:, None]
    at = units[here] + between * (units[following] - units[here])  # (points, 3)
    rate = unit_to_rate(at[:, 2]) / sample_rate_hz  # cycles per sample
    swings = np.concatenate(([0.0], np.cumsum(np.diff(points) * (rate[1:] + rate[:-1]) / 2)))
    vibrato = unit_to_depth(at[:, 1]) * np.sin(2.0 * np.pi * swings)
    cents: npt.NDArray[np.float64] = np.interp(
        np.arange(count, dtype=np.float64), points, unit_to_bend(at[:, 0]) + vibrato
    )
    return cents


@functools.lru_cache(maxsize=4)
def _noise_filter(
    sample_rate_hz: int,
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float32], Audio]:
    """For one rate: how FFT bins read the band levels (linear interpolation between band
    centres: the lower band of each bin and the weight of the next one; bins above the model's
    band read a silent extra band), and the periodic square-root Hann window of a noise frame.

    Interpolating by indexing rather than by a (bands, bins) matrix product keeps BLAS out of
    it: on a busy two-core CPU, BLAS threads made that small product take ~20 ms.
    """
    size = 2 * (sample_rate_hz // FRAME_RATE_HZ)
    bins_hz = np.fft.rfftfreq(size, 1.0 / sample_rate_hz)
    centres = noise_band_centres_hz()
    position = np.interp(bins_hz, centres, np.arange(len(centres), dtype=np.float64))
    lower = np.minimum(position.astype(np.int64), len(centres) - 2)
    weight = (position - lower).astype(np.float32)
    lower[bins_hz > ANALYSIS_RATE_HZ / 2] = len(centres)  # the silent extra band
    weight[bins_hz > ANALYSIS_RATE_HZ / 2] = 0.0  # (a lower rate has no bins up there)
    window = np.sqrt(np.hanning(size + 1)[:-1]).astype(np.float32)
    return lower, weight, window


def noise_to_audio(
    levels: Frames, rng: np.random.Generator, sample_rate_hz: int = OUTPUT_RATE_HZ
) -> Audio:
    """Seeded white noise shaped by per-frame band amplitudes (frames, bands), linear."""
    return _shape_noise(levels, _white_spectra(rng, len(levels), sample_rate_hz), sample_rate_hz)


def _white_spectra(
    rng: np.random.Generator, frame_count: int, sample_rate_hz: int
) -> npt.NDArray[np.complex64]:
    """The spectra (frames + 1, bins) of `frame_count + 1` windowed frames of white noise
    drawn from `rng`: what `noise_to_audio` shapes."""
    hop = sample_rate_hz // FRAME_RATE_HZ
    window = _noise_filter(sample_rate_hz)[2]
    # Uniform white noise of unit variance: spectrally the same as Gaussian, faster to draw.
    white = (rng.random((frame_count + 1) * hop, dtype=np.float32) - 0.5) * np.float32(12**0.5)
    segments = np.lib.stride_tricks.sliding_window_view(white, 2 * hop)[::hop] * window
    # The forward FFT in float64: numpy's float32 rfft of these rows is several times slower
    # than converting and transforming in float64 (and no more exact); the spectrum goes back
    # to complex64, so the rest is the float32 path it was.
    return np.fft.rfft(segments.astype(np.float64), axis=1).astype(np.complex64)


def _seeded_white_spectra(
    noise_seed: int, frame_count: int, sample_rate_hz: int
) -> npt.NDArray[np.complex64]:
    """`_white_spectra` of a seed's generator: kept for notes up to `KEPT_NOISE_FRAMES` long,
    drawn afresh for longer ones (each of a length of its own, and up to 40 MB)."""
    if frame_count <= KEPT_NOISE_FRAMES:
        # Notes end where their release does, so their lengths vary: all of a seed's notes up
        # to one window long share one kept draw, each taking its first frames (a shorter
        # draw from the same seed is exactly that prefix).
        kept = -(-frame_count // KEPT_NOISE_STEP) * KEPT_NOISE_STEP
        return _kept_white_spectra(noise_seed, kept, sample_rate_hz)[:frame_count]
    return _white_spectra(np.random.default_rng(noise_seed), frame_count, sample_rate_hz)


@functools.lru_cache(maxsize=8)
def _kept_white_spectra(
    noise_seed: int, frame_count: int, sample_rate_hz: int
) -> npt.NDArray[np.complex64]:
    """`_white_spectra` of a seed's generator, kept (read-only, ~0.9 MB for a note of the
    model's window at 44.1 kHz, 8 at most): every note of a timbre draws the same noise from
    its seed, so all but the first of them skip over half of the synthesis (drawing,
    windowing and the forward FFT), with the same samples."""
    spectra = _white_spectra(np.random.default_rng(noise_seed), frame_count, sample_rate_hz)
    spectra.setflags(write=False)
    return spectra


def _shape_noise(
    levels: Frames,
    spectra: npt.NDArray[np.complex64],
    sample_rate_hz: int,
    bins: npt.NDArray[np.bool_] | None = None,
) -> Audio:
    """Windowed white-noise spectra (frames + 1, bins) shaped by the band amplitudes (frames,
    bands), back to audio and overlap-added; only the `bins` that are true, when given."""
    hop = sample_rate_hz // FRAME_RATE_HZ
    frame_count = len(levels)
    lower, weight, window = _noise_filter(sample_rate_hz)
    # Band levels are amplitudes of white noise at the analysis rate; at a higher rate the same
    # power per hertz needs a gain larger by the square root of the rate ratio.
    scale = np.float32(np.sqrt(sample_rate_hz / ANALYSIS_RATE_HZ))
    padded = np.pad(levels.astype(np.float32) * scale, ((0, 0), (0, 1)))  # (F, bands + 1)
    upper = np.minimum(lower + 1, padded.shape[1] - 1)
    gains = padded[:, lower] * (1 - weight) + padded[:, upper] * weight  # (F, bins)
    if bins is not None:
        gains *= bins
    shaped = np.fft.irfft(spectra * gains, n=2 * hop, axis=1) * window
    out = np.zeros((frame_count + 1) * hop, dtype=np.float32)
    for offset in (0, hop):  # overlap-add: even frames, then odd frames, without a loop per frame
        part = shaped[offset // hop :: 2].reshape(-1)
        out[offset : offset + len(part)] += part
    # Frame i is centred on sample i * hop: drop the half window before the first centre.
    return out[hop : hop + (frame_count - 1) * hop]


@functools.lru_cache(maxsize=4)
def _low_bins(sample_rate_hz: int) -> npt.NDArray[np.bool_]:
    """The noise frames' FFT bins below `drum_envelope.SPLIT_HZ` (read-only)."""
    size = 2 * (sample_rate_hz // FRAME_RATE_HZ)
    low = np.fft.rfftfreq(size, 1.0 / sample_rate_hz) < drum_envelope.SPLIT_HZ
    low.setflags(write=False)
    return low


def has_drum_envelope(frames: Frames) -> bool:
    """Whether a drum hit's frames carry its envelope (FluidSynth's own hits analysed, or a
    model whose card says it writes one; v6's drum frames hold the floor in those channels,
    and their noise is played as it is)."""
    return bool(np.any(frames[:, LAYOUT.drum_envelope] > -1.0))


def drum_reference_db(frames: Frames) -> npt.NDArray[np.float64]:
    """(frames, envelope channels): the level in dB that a drum hit's noise frames give each
    envelope point, before the envelope's differences (`engine.sound.drum_envelope`)."""
    shares = np.diff(noise_band_edges_hz()) / (ANALYSIS_RATE_HZ / 2)
    levels = drum_envelope.frame_band_db(
        unit_to_amplitude(frames[:, LAYOUT.noise]), noise_band_centres_hz(), shares
    )
    return drum_envelope.reference_db(levels)


def drum_noise_to_audio(frames: Frames, spectra: npt.NDArray[np.complex64], rate: int) -> Audio:
    """A drum hit's noise, its low and high band each gained to follow the hit's envelope in
    its frames (`engine.sound.drum_envelope`)."""
    levels = unit_to_amplitude(frames[:, LAYOUT.noise])
    low = _low_bins(rate)
    bands = (_shape_noise(levels, spectra, rate, low), _shape_noise(levels, spectra, rate, ~low))
    difference = drum_envelope.unit_to_difference(frames[:, LAYOUT.drum_envelope])
    hop = rate // FRAME_RATE_HZ
    reference = np.maximum(drum_reference_db(frames), FLOOR_DB)  # as the analysis reads it
    return drum_envelope.follow_envelope(bands, reference + difference, hop, rate)


def fade_edges(audio: Audio, sample_rate_hz: int) -> Audio:
    """Raised-cosine fade-in and fade-out so a note starts and ends at zero."""
    out = audio.copy()
    for seconds, edge in (
        (FADE_IN_SECONDS, slice(None)),
        (FADE_OUT_SECONDS, slice(None, None, -1)),
    ):
        length = min(len(out), max(2, round(seconds * sample_rate_hz)))
        ramp = 0.5 - 0.5 * np.cos(np.linspace(0.0, np.pi, length, dtype=np.float32))
        view = out[edge]
        view[:length] *= ramp
    return out


def controls_to_audio(
    frames: Frames,
    pitch: float,
    *,
    is_drum: bool = False,
    noise_seed: int = 0,
    sample_rate_hz: int = OUTPUT_RATE_HZ,
) -> Audio:
    """Audio (float32, mono) for control frames in control units; drums use only the noise,
    following the hit's envelope where the frames carry one (`drum_noise_to_audio`).
    A pitched note that starts steeply from silence starts where its frames place it, in 2 ms
    (`engine.sound.onset`)."""
    frames = np.asarray(frames, dtype=np.float32)
    _check(frames, pitch, sample_rate_hz)
    spectra = _seeded_white_spectra(noise_seed, len(frames), sample_rate_hz)
    if is_drum and has_drum_envelope(frames):
        audio = drum_noise_to_audio(frames, spectra, sample_rate_hz)
    else:
        audio = _shape_noise(unit_to_amplitude(frames[:, LAYOUT.noise]), spectra, sample_rate_hz)
    if not is_drum:
        amplitudes = unit_to_amplitude(frames[:, LAYOUT.harmonics])
        onset = find_onset(amplitudes, midi_to_hz(pitch), FRAME_RATE_HZ, ANALYSIS_RATE_HZ)
        contour = frames[:, LAYOUT.contour]
        audio += harmonics_to_audio(amplitudes, pitch, sample_rate_hz, onset, contour)
        if onset is not None:
            gate_before_onset(audio, onset, sample_rate_hz)
    return fade_edges(audio, sample_rate_hz)
