"""The control-frame synthesizer: levels, pitch, noise density, click-free edges, seeds."""

from __future__ import annotations

import numpy as np
import pytest

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
    return np.full((count, CHANNEL_COUNT), -1.0, dtype=np.float32)


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
