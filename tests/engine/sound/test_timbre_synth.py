"""The control-frame synthesizer: levels, pitch, noise density, click-free edges, seeds."""

from __future__ import annotations

import numpy as np
import pytest

from benchmarks.sound_measures import vibrato_cents
from engine.sound import synth
from engine.sound.synth import (
    ANALYSIS_RATE_HZ,
    CHANNEL_COUNT,
    FRAME_RATE_HZ,
    LAYOUT,
    OUTPUT_RATE_HZ,
    SynthError,
    amplitude_to_unit,
    controls_to_audio,
    midi_to_hz,
    unit_to_amplitude,
)


def silent_frames(count: int = 100) -> np.ndarray:
    return synth.silent_frames(count)


def test_units_round_trip_and_floor_is_silence() -> None:
    amplitudes = np.array([1.0, 0.1, 1e-3, 1e-4])
    assert np.allclose(unit_to_amplitude(amplitude_to_unit(amplitudes)), amplitudes, rtol=1e-4)
    assert unit_to_amplitude(np.array([-1.0]))[0] == 0.0
    assert np.all(np.abs(controls_to_audio(silent_frames(), 60)) == 0.0)


LOWER_RATE_HZ = 22_050
"""A rate under the model's band (tests and pitch checks synthesize at it)."""


@pytest.mark.parametrize("rate", [LOWER_RATE_HZ, OUTPUT_RATE_HZ])
def test_one_harmonic_is_a_sine_at_the_pitch_with_its_amplitude(rate: int) -> None:
    frames = silent_frames()
    frames[:, 0] = amplitude_to_unit(np.array([0.5]))[0]  # fundamental only
    audio = controls_to_audio(frames, 69, sample_rate_hz=rate)
    assert audio.dtype == np.float32
    assert len(audio) == (len(frames) - 1) * rate // FRAME_RATE_HZ
    middle = audio[rate // 2 : rate]
    spectrum = np.abs(np.fft.rfft(middle * np.hanning(len(middle))))
    peak_hz = np.argmax(spectrum) * rate / len(middle)
    assert abs(peak_hz - 440.0) < 3.0
    assert np.sqrt(np.mean(middle**2)) == pytest.approx(0.5 / np.sqrt(2), rel=0.01)


@pytest.mark.parametrize("rate", [LOWER_RATE_HZ, OUTPUT_RATE_HZ])
def test_harmonics_above_the_band_are_left_out_and_nothing_aliases(rate: int) -> None:
    frames = silent_frames()
    frames[:, LAYOUT.harmonics] = 0.0  # every harmonic loud
    audio = controls_to_audio(frames, 96, sample_rate_hz=rate)  # 2093 Hz: 5 or 10 fit
    middle = audio[rate // 10 : rate]
    spectrum = np.abs(np.fft.rfft(middle * np.hanning(len(middle))))
    bins_hz = np.fft.rfftfreq(len(middle), 1 / rate)
    f0 = midi_to_hz(96)
    harmonic = np.abs(bins_hz / f0 - np.round(bins_hz / f0)) * f0 < 30.0
    kept = round(min(rate, ANALYSIS_RATE_HZ) / 2 // f0)
    # Every harmonic under the band sounds; an alias of one above it would fall between them.
    for k in range(1, kept + 1):
        assert spectrum[np.argmin(np.abs(bins_hz - k * f0))] > 0.1 * spectrum.max()
    assert spectrum[~harmonic].max() < 1e-3 * spectrum.max()


def test_noise_density_is_the_same_at_both_rates() -> None:
    frames = silent_frames()
    frames[:, LAYOUT.noise] = amplitude_to_unit(np.array([0.05]))[0]
    low = controls_to_audio(frames, 60, sample_rate_hz=LOWER_RATE_HZ, noise_seed=1)
    high = controls_to_audio(frames, 60, sample_rate_hz=OUTPUT_RATE_HZ, noise_seed=1)
    # Flat noise amplitude 0.05 over the model's band is white noise of that RMS at the
    # analysis rate; the lower rate holds the same power per hertz over half the band.
    assert ANALYSIS_RATE_HZ == OUTPUT_RATE_HZ
    assert np.sqrt(np.mean(high**2)) == pytest.approx(0.05, rel=0.1)
    assert np.sqrt(np.mean(low**2)) == pytest.approx(0.05 * np.sqrt(0.5), rel=0.1)


def test_notes_start_and_end_without_clicks() -> None:
    frames = silent_frames()
    frames[:] = 0.0  # every harmonic and band at full level from the first frame to the last
    for is_drum in (False, True):
        audio = controls_to_audio(frames, 48, is_drum=is_drum)
        peak = np.abs(audio).max()
        assert abs(audio[0]) < 1e-3 * peak
        assert abs(audio[-1]) < 1e-3 * peak

        # The first millisecond ramps up: far quieter than the steady sound after it.
        def rms(part: np.ndarray) -> float:
            return float(np.sqrt(np.mean(part.astype(np.float64) ** 2)))

        steady = rms(audio[len(audio) // 2 : len(audio) // 2 + OUTPUT_RATE_HZ // 10])
        assert rms(audio[: OUTPUT_RATE_HZ // 1000]) < 0.2 * steady


def test_the_same_seed_gives_the_same_noise_and_another_does_not() -> None:
    frames = silent_frames()
    frames[:, LAYOUT.noise] = -0.2
    first = controls_to_audio(frames, 60, noise_seed=7)
    assert np.array_equal(first, controls_to_audio(frames, 60, noise_seed=7))
    assert not np.array_equal(first, controls_to_audio(frames, 60, noise_seed=8))


def test_drums_ignore_the_harmonics() -> None:
    frames = silent_frames()
    frames[:, LAYOUT.harmonics] = 0.0
    assert np.all(controls_to_audio(frames, 36, is_drum=True) == 0.0)


@pytest.mark.parametrize(
    ("frames", "pitch", "rate", "message"),
    [
        (np.zeros((10, 5), np.float32), 60, OUTPUT_RATE_HZ, "must have shape"),
        (np.zeros((10, CHANNEL_COUNT), np.float32), 60, 4_000, "sample rate must be"),
        (np.zeros((10, CHANNEL_COUNT), np.float32), 60, 44_130, "multiple of"),
        (np.zeros((10, CHANNEL_COUNT), np.float32), 130, OUTPUT_RATE_HZ, "MIDI note number"),
    ],
)
def test_bad_input_is_refused(frames: np.ndarray, pitch: float, rate: int, message: str) -> None:
    with pytest.raises(SynthError, match=message):
        controls_to_audio(frames, pitch, sample_rate_hz=rate)


def test_midi_to_hz() -> None:
    assert midi_to_hz(69) == 440.0
    assert midi_to_hz(81) == pytest.approx(880.0)


def test_a_held_bend_moves_the_pitch_by_its_cents() -> None:
    frames = silent_frames()
    frames[:, 0] = amplitude_to_unit(np.array([0.5]))[0]
    frames[:, LAYOUT.bend] = synth.bend_to_unit(25.0)
    audio = controls_to_audio(frames, 69)
    middle = audio[OUTPUT_RATE_HZ // 2 : OUTPUT_RATE_HZ]
    # Zero crossings over half a second: the frequency to a fraction of a hertz.
    rising = np.flatnonzero((middle[:-1] < 0) & (middle[1:] >= 0))
    hz = (len(rising) - 1) * OUTPUT_RATE_HZ / (rising[-1] - rising[0])
    assert hz == pytest.approx(440.0 * 2 ** (25 / 1200), abs=0.3)  # 446.4 Hz, not 440


def test_a_vibrato_swings_the_pitch_by_its_depth_at_its_rate() -> None:
    """The benchmark's own vibrato measure reads the synthesized note as it reads a note bent
    sample by sample by the same sine (its 93 ms frames read an 18-cent swing as 15), and the
    pitch swings 5.5 times a second."""
    frames = silent_frames(128)
    frames[:, :8] = amplitude_to_unit(0.2 / np.arange(1, 9))
    frames[:, LAYOUT.vibrato_depth] = synth.depth_to_unit(18.0)
    frames[:, LAYOUT.vibrato_rate] = synth.rate_to_unit(5.5)
    swung = controls_to_audio(frames, 64)
    frames[:, LAYOUT.vibrato_depth] = synth.depth_to_unit(0.0)
    held = controls_to_audio(frames, 64)
    time_s = np.arange(len(swung)) / OUTPUT_RATE_HZ
    hz = midi_to_hz(64) * 2 ** (18.0 * np.sin(2 * np.pi * 5.5 * time_s) / 1200)
    phase = 2 * np.pi * np.cumsum(hz) / OUTPUT_RATE_HZ
    ideal = np.sum([0.2 / k * np.sin(k * phase) for k in range(1, 9)], axis=0).astype(np.float32)
    expected = vibrato_cents(ideal, midi_to_hz(64))
    assert expected > 12.0
    assert vibrato_cents(swung, midi_to_hz(64)) == pytest.approx(expected, abs=1.0)
    assert vibrato_cents(held, midi_to_hz(64)) < 1.0
    # The same samples as the ideal note, but for the wavetables' interpolation.
    assert np.corrcoef(swung[4410:44100], ideal[4410:44100])[0, 1] > 0.99


def test_a_bent_note_keeps_its_top_harmonics_under_the_band() -> None:
    """Every harmonic loud, bent up as far as the contour reaches (bend and vibrato both at
    their top): still nothing above the model's band, so nothing aliases down into it."""
    frames = silent_frames()
    frames[:, LAYOUT.harmonics] = 0.0
    frames[:, LAYOUT.bend] = 1.0
    frames[:, LAYOUT.vibrato_depth] = 1.0
    audio = controls_to_audio(frames, 96)
    middle = audio[OUTPUT_RATE_HZ // 10 : OUTPUT_RATE_HZ]
    spectrum = np.abs(np.fft.rfft(middle * np.hanning(len(middle))))
    bins_hz = np.fft.rfftfreq(len(middle), 1 / OUTPUT_RATE_HZ)
    # Under the band's top (22.05 kHz less a harmonic's swing), only the swung harmonics'
    # sidebands; above it, nothing folded back: the top 1.5 kHz hold no energy at all.
    assert spectrum[bins_hz > 20_500].max() < 1e-3 * spectrum.max()


def test_a_sampled_contour_is_averaged_over_a_swing_and_the_levels_are_not() -> None:
    """`smooth_contour`: a depth that wanders from frame to frame (the sampler's leftover
    noise) is held steady, a steady contour and every level are left as they are."""
    rng = np.random.default_rng(4)
    frames = rng.uniform(-1.0, 0.5, (2, 128, CHANNEL_COUNT)).astype(np.float32)
    frames[1, :, LAYOUT.contour] = 0.25  # steady
    smoothed = synth.smooth_contour(frames)
    assert np.array_equal(smoothed[..., LAYOUT.levels], frames[..., LAYOUT.levels])
    assert np.allclose(smoothed[1, :, LAYOUT.contour], 0.25)
    wandering = frames[0, :, LAYOUT.vibrato_depth]
    steadied = smoothed[0, :, LAYOUT.vibrato_depth]
    assert np.std(np.diff(steadied)) < 0.25 * np.std(np.diff(wandering))
    assert abs(float(steadied.mean()) - float(wandering.mean())) < 0.05


def _contour_at_every_sample(
    contour: np.ndarray, frame: np.ndarray, fraction: np.ndarray, rate_hz: int
) -> np.ndarray:
    """The contour's cents evaluated at every sample: each channel interpolated between
    frames, the vibrato's phase the rate summed sample by sample."""
    units = contour.astype(np.float64)
    following = np.minimum(frame + 1, len(units) - 1)
    at = units[frame] + fraction.astype(np.float64)[:, None] * (units[following] - units[frame])
    swings = np.cumsum(synth.unit_to_rate(at[:, 2]) / rate_hz)
    vibrato = synth.unit_to_depth(at[:, 1]) * np.sin(2 * np.pi * (swings - swings[0]))
    cents: np.ndarray = synth.unit_to_bend(at[:, 0]) + vibrato
    return cents


@pytest.mark.parametrize("rate", [22_050, OUTPUT_RATE_HZ])
def test_the_contour_evaluated_between_points_matches_it_at_every_sample(rate: int) -> None:
    """`contour_cents` evaluates the contour every `CONTOUR_STRIDE` samples and at each frame,
    and draws straight lines between: on a contour drawn at random frame by frame (bend, the
    deepest vibrato and every rate), it is within a tenth of a cent of the contour at every
    sample (0.02 at 44.1 kHz, 0.08 at 22.05 kHz; a listener tells pitches apart at about 5)."""
    rng = np.random.default_rng(7)
    contour = rng.uniform(-1.0, 1.0, (101, 3)).astype(np.float32)
    hop = rate // FRAME_RATE_HZ
    samples = (len(contour) - 1) * hop
    position = np.arange(samples, dtype=np.float64) / hop
    frame = position.astype(np.int64)
    fraction = (position - frame).astype(np.float32)
    cents = synth.contour_cents(contour, frame, fraction, rate)
    exact = _contour_at_every_sample(contour, frame, fraction, rate)
    assert len(cents) == samples
    assert np.max(np.abs(cents - exact)) < 0.1
    assert np.ptp(exact) > 50  # the contour moves: bends and swings of tens of cents


@pytest.mark.parametrize("samples", [0, 1, 2, 33])
def test_a_contour_of_a_few_samples_has_one_value_per_sample(samples: int) -> None:
    contour = np.full((3, 3), 0.5, dtype=np.float32)
    position = np.arange(samples, dtype=np.float64) / 882
    frame = position.astype(np.int64)
    fraction = (position - frame).astype(np.float32)
    cents = synth.contour_cents(contour, frame, fraction, OUTPUT_RATE_HZ)
    exact = np.zeros(0)
    if samples:  # the per-sample reference needs a first sample
        exact = _contour_at_every_sample(contour, frame, fraction, OUTPUT_RATE_HZ)
    assert np.allclose(cents, exact, atol=0.02)
    assert len(cents) == samples
