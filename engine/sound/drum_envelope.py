"""A drum hit's envelope every 5 ms, in a low and a high band: read from a rendered hit (the
timbre model's training data) and followed by the synthesizer.

Why: the synthesizer's noise is filtered frame by frame in 40 ms windows, and the analysis
reads a hit's noise bands in windows as long, so a hit that dies in 30 ms comes back ringing
twice as long with its peak 7 dB lower: FluidSynth's claves fall 30 dB in 28 ms, played back
from their own analysed frames in 59; the side stick 221 ms against 362, maracas 51 against 71.
The frames cannot say more about a hit's shape at 50 a second, so drum frames also carry the
hit's level at `ENVELOPE_STEPS` points a frame (`read_envelope`), in two bands split at
`SPLIT_HZ` (a drum's body and its rattle fade at their own rates), and the synthesizer gains
each band of its noise to follow them (`follow_envelope`).

The frames hold each point's level as its difference from what the frame's own noise bands
say of that band there (`frame_band_db`, `reference_db`): the shape the 40 ms windows smooth
away, not the level again, which the noise bands already give.

No shipped net writes the envelope: nets trained on it from version 6 wrote one within-frame
shape for every drum key, a few dB under the hit's own noise frames, and left the drums further
from FluidSynth than version 6 (`models/timbre/README.md`, "Tried after version 6"). The
shipped model's drum frames take it from its drum table instead, each key's envelope from its
own training renders (`engine.sound.drum_table`); a model whose card says its net writes one
(`engine.sound.timbre.TimbreModel.drum_envelope`) is followed as it writes. The sound
benchmark's resynthesis, which plays FluidSynth's own hits analysed, follows theirs: the
controls' ceiling.

Measured on FluidSynth's 47 drum keys (velocity 100), each analysed and played back from its
own frames: decays within 30 % of FluidSynth's 42 -> 47 of 47, spectral centroids within 30 %
47 -> 47, the median mel distance 4.23 -> 4.37 dB (4.15 with the levels held as they are
rather than as differences within 20 dB). With one band the snares' and the
cowbell's centroids went 1.35x too bright (the attack's bright noise was gained with the body);
with three, one agogo's decay went wrong. A gain applied to pitched notes the same way made
them worse (a 5 ms level of a bass note swings with its waveform: a fingered bass's attack
went 28 -> 74 ms), so pitched notes keep their harmonics' own onsets
(`engine.sound.onset`).

Written by hand: a gain that follows a level curve is a few lines of numpy, and no library
shapes noise to a target envelope band by band.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

DIFFERENCE_SPAN_DB = 20.0
"""The difference from the frame's reading held at control units -1 and 1 (clipped there).
Why 20 dB: most of a hit's differences lie within a few dB (the 5th-95th percentiles of
FluidSynth's hits, -2 and +12 dB), so a wider span leaves them a sliver of the unit range. It
did not make them learnable: nets trained 3,000 steps at a span of 50 dB and of 20 both wrote
one shape for every key, a few dB under their noise frames (`models/timbre/README.md`)."""
ENVELOPE_STEPS = 4
"""Points of a hit's envelope in each frame (every 5 ms at 50 frames a second)."""
BANDS = 2
SPLIT_HZ = 1_500.0
"""Where the low band (a drum's body) ends and the high band (its rattle, snap and air) starts."""
WINDOW_SECONDS = 0.005
"""The RMS window of each point: as long as the points are apart."""
MAX_BOOST_DB = 12.0
"""The most the synthesizer lifts a band to follow the envelope: enough for the peak the 40 ms
windows flatten (7 dB for the claves), too little to lift a near-silent stretch into a loud one
where the frames and the envelope disagree."""
MAX_CUT_DB = 60.0
"""The most it lowers one: a band the envelope has fallen silent is 60 dB under its noise."""
SILENT_DB = -200.0
"""The level read from silence (no power at all)."""

Audio = npt.NDArray[np.float32]


def point_positions(frame_count: int, hop: int) -> npt.NDArray[np.float64]:
    """The sample position of every envelope point: `ENVELOPE_STEPS` a frame, from frame 0
    (frame i at sample i * hop, as the analysis and the synthesizer both place frames)."""
    return np.arange(frame_count * ENVELOPE_STEPS, dtype=np.float64) * (hop / ENVELOPE_STEPS)


def rms_db(
    audio: npt.ArrayLike, positions: npt.NDArray[np.float64], sample_rate_hz: int
) -> npt.NDArray[np.float64]:
    """The RMS level (dB re amplitude 1) of `audio` in a `WINDOW_SECONDS` window centred on
    each position; samples outside the audio count as silence."""
    samples = np.asarray(audio, dtype=np.float64)
    window = max(1, round(WINDOW_SECONDS * sample_rate_hz))
    squares = np.concatenate(([0.0], np.cumsum(samples**2)))
    start = np.clip(np.round(positions).astype(np.int64) - window // 2, 0, len(samples))
    end = np.clip(start + window, 0, len(samples))
    power = (squares[end] - squares[start]) / window
    with np.errstate(divide="ignore"):
        level = 10.0 * np.log10(np.maximum(power, 0.0))
    return np.maximum(level, SILENT_DB)


def split_bands(audio: npt.ArrayLike, sample_rate_hz: int) -> tuple[Audio, Audio]:
    """The audio below and from `SPLIT_HZ` (a brick-wall split of its whole spectrum)."""
    samples = np.asarray(audio, dtype=np.float64)
    spectrum = np.fft.rfft(samples)
    low = np.fft.rfftfreq(len(samples), 1.0 / sample_rate_hz) < SPLIT_HZ
    return (
        np.fft.irfft(spectrum * low, n=len(samples)).astype(np.float32),
        np.fft.irfft(spectrum * ~low, n=len(samples)).astype(np.float32),
    )


def read_envelope(
    audio: npt.ArrayLike, frame_count: int, hop: int, sample_rate_hz: int
) -> npt.NDArray[np.float64]:
    """(frames, BANDS * ENVELOPE_STEPS): each band's level in dB at each frame's points, the
    low band's points first."""
    positions = point_positions(frame_count, hop)
    bands = split_bands(audio, sample_rate_hz)
    levels = [rms_db(band, positions, sample_rate_hz) for band in bands]
    return np.concatenate([level.reshape(frame_count, ENVELOPE_STEPS) for level in levels], axis=1)


def follow_envelope(
    bands: Sequence[Audio], envelope_db: npt.NDArray[np.float64], hop: int, sample_rate_hz: int
) -> Audio:
    """The sum of `bands` (the low band's audio, then the high band's, frame 0 at sample 0),
    each gained to follow its envelope (`envelope_db`, laid out as `read_envelope` writes it):
    at every point the gain is the envelope's level less the band's own, at most
    `MAX_BOOST_DB` up and `MAX_CUT_DB` down, and straight lines in dB between points."""
    frame_count = len(envelope_db)
    positions = point_positions(frame_count, hop)
    out = np.zeros(len(bands[0]), dtype=np.float32)
    samples = np.arange(len(out), dtype=np.float64)
    for index, band in enumerate(bands):
        target = envelope_db[:, index * ENVELOPE_STEPS : (index + 1) * ENVELOPE_STEPS].reshape(-1)
        own = rms_db(band, positions, sample_rate_hz)
        change = np.clip(target - own, -MAX_CUT_DB, MAX_BOOST_DB)
        gain = np.power(10.0, np.interp(samples, positions, change) / 20.0)
        out += (band * gain).astype(np.float32)
    return out


def frame_band_db(
    noise_amplitudes: npt.NDArray[np.float32],
    band_centres_hz: npt.NDArray[np.float64],
    band_shares: npt.NDArray[np.float64],
) -> npt.NDArray[np.float64]:
    """(frames, BANDS): the RMS level in dB that each frame's noise bands (white-noise
    amplitudes, (frames, noise bands)) give the low and the high band: each noise band's power
    weighted by its share of the spectrum (`band_shares`), split by its centre."""
    power = np.square(np.asarray(noise_amplitudes, dtype=np.float64)) * band_shares
    low = band_centres_hz < SPLIT_HZ
    sums = np.stack([power[:, low].sum(axis=1), power[:, ~low].sum(axis=1)], axis=1)
    with np.errstate(divide="ignore"):
        level: npt.NDArray[np.float64] = np.maximum(10.0 * np.log10(sums), SILENT_DB)
    return level


def reference_db(frame_levels: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """(frames, BANDS * ENVELOPE_STEPS): the frames' band levels (`frame_band_db`) drawn
    between frames in straight lines in dB, at every envelope point, laid out as
    `read_envelope` writes the envelope."""
    frame_count = len(frame_levels)
    points = np.arange(frame_count * ENVELOPE_STEPS, dtype=np.float64) / ENVELOPE_STEPS
    frames = np.arange(frame_count, dtype=np.float64)
    drawn = [np.interp(points, frames, frame_levels[:, band]) for band in range(BANDS)]
    return np.concatenate([line.reshape(frame_count, ENVELOPE_STEPS) for line in drawn], axis=1)


def difference_to_unit(difference_db: npt.ArrayLike) -> npt.NDArray[np.float32]:
    """A point's difference from the frames' reading, in dB, to control units (clipped)."""
    unit = np.asarray(difference_db, dtype=np.float64) / DIFFERENCE_SPAN_DB
    return np.clip(unit, -1.0, 1.0).astype(np.float32)


def unit_to_difference(unit: npt.ArrayLike) -> npt.NDArray[np.float64]:
    return np.clip(np.asarray(unit, dtype=np.float64), -1.0, 1.0) * DIFFERENCE_SPAN_DB
