"""The analysis that turns a SoundFont note into control frames (`build_scripts.timbre.analysis`),
checked on notes whose harmonics and noise are known exactly."""

from __future__ import annotations

import numpy as np
import pytest

from build_scripts.timbre import WINDOW_FRAMES
from build_scripts.timbre.analysis import audio_to_controls
from engine.sound.synth import (
    ANALYSIS_RATE_HZ,
    FLOOR_DB,
    LAYOUT,
    midi_to_hz,
    noise_band_centres_hz,
)

NOISE_RMS = 1e-3
"""White noise 46 dB under the fundamental's amplitude of 0.2."""


def near_harmonic_note(
    pitch: float, cents: float, stretch: float, seconds: float = 2.0
) -> np.ndarray:
    """A steady note whose partials sit near k f0, as a real instrument's do: k f0 tuned
    `cents` sharp and stretched by sqrt(1 + stretch k^2), as a piano string's are; each at
    0.2 / k, plus white noise of RMS `NOISE_RMS`."""
    rng = np.random.default_rng(5)
    time_s = np.arange(round(seconds * ANALYSIS_RATE_HZ)) / ANALYSIS_RATE_HZ
    f0 = midi_to_hz(pitch) * 2 ** (cents / 1200)
    audio = NOISE_RMS * rng.standard_normal(len(time_s))
    for k in range(1, 40):
        hz = k * f0 * np.sqrt(1.0 + stretch * k * k)
        if hz < ANALYSIS_RATE_HZ / 2:
            audio += 0.2 / k * np.sin(2 * np.pi * hz * time_s + rng.uniform(0, 2 * np.pi))
    return audio.astype(np.float32)


@pytest.mark.parametrize(
    ("pitch", "cents", "stretch"),
    [(48, 0.0, 0.0), (60, 5.0, 0.0), (60, 0.0, 1e-5), (72, 3.0, 3e-5)],
)
def test_noise_between_near_harmonic_partials_is_read_as_the_noise_it_is(
    pitch: float, cents: float, stretch: float
) -> None:
    audio = near_harmonic_note(pitch, cents, stretch)
    frames = audio_to_controls(audio, pitch, WINDOW_FRAMES, is_drum=False)
    steady = frames[20:80, LAYOUT.noise]  # frames well inside the note
    level_db = (steady.mean(axis=0) - 1.0) / 2.0 * -FLOOR_DB
    centres = noise_band_centres_hz()
    middle = (centres > 1_000) & (centres < 8_000)  # many partials, a little off the k f0 grid
    # Counting what is left of the partials as noise read these bands 12-34 dB too loud.
    assert np.median(level_db[middle]) == pytest.approx(20 * np.log10(NOISE_RMS), abs=3.0)


def test_a_drum_hit_is_all_noise_and_its_bands_follow_its_spectrum() -> None:
    rng = np.random.default_rng(2)
    hit = rng.standard_normal(ANALYSIS_RATE_HZ) * np.exp(-np.arange(ANALYSIS_RATE_HZ) / 4410.0)
    bright = np.diff(hit, prepend=0.0)  # differentiated noise: rising 6 dB an octave
    frames = audio_to_controls(bright.astype(np.float32), 42, WINDOW_FRAMES, is_drum=True)
    assert np.all(frames[:, LAYOUT.harmonics] == -1.0)
    noise = frames[2, LAYOUT.noise]
    centres = noise_band_centres_hz()
    low, high = noise[centres < 1_000].mean(), noise[centres > 10_000].mean()
    assert high > low + 0.3  # 15 dB in control units; bands above 11 kHz exist at 44.1 kHz
