"""The analysis that turns a SoundFont note into control frames (`build_scripts.timbre.analysis`),
checked on notes whose harmonics, noise and vibrato are known exactly, and on real renders."""

from __future__ import annotations

import numpy as np
import pytest

from build_scripts.timbre import WINDOW_FRAMES, NoteSpec
from build_scripts.timbre.analysis import audio_to_controls
from build_scripts.timbre.render import render_notes
from engine.sound.synth import (
    ANALYSIS_RATE_HZ,
    FLOOR_DB,
    LAYOUT,
    midi_to_hz,
    noise_band_centres_hz,
    silent_frames,
    unit_to_bend,
    unit_to_depth,
    unit_to_rate,
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
    # Counting what is left of the partials as noise read these bands 12-34 dB too loud. The
    # median of the valley bins (`noise_levels`) reads them within a few dB: 3.4 dB low where
    # the partials sit 5 cents off the grid (the ideal peaks subtracted there overshoot a few
    # bins to zero), and never louder than the noise.
    truth = 20 * np.log10(NOISE_RMS)
    assert truth - 4.0 < np.median(level_db[middle]) < truth + 1.0


def test_a_drum_hit_is_all_noise_and_its_bands_follow_its_spectrum() -> None:
    rng = np.random.default_rng(2)
    hit = rng.standard_normal(ANALYSIS_RATE_HZ) * np.exp(-np.arange(ANALYSIS_RATE_HZ) / 4410.0)
    bright = np.diff(hit, prepend=0.0)  # differentiated noise: rising 6 dB an octave
    frames = audio_to_controls(bright.astype(np.float32), 42, WINDOW_FRAMES, is_drum=True)
    assert np.all(frames[:, LAYOUT.harmonics] == -1.0)
    # Asked, the first harmonic channels hold the hit's envelope (engine.sound.drum_envelope);
    # nothing else changes.
    shaped = audio_to_controls(bright.astype(np.float32), 42, WINDOW_FRAMES, is_drum=True,
                               drum_envelope=True)  # fmt: skip
    assert np.all(shaped[:20, LAYOUT.drum_envelope] > -1.0)
    outside = np.ones(frames.shape[1], dtype=bool)
    outside[LAYOUT.drum_envelope] = False
    assert np.array_equal(shaped[:, outside], frames[:, outside])
    noise = frames[2, LAYOUT.noise]
    centres = noise_band_centres_hz()
    low, high = noise[centres < 1_000].mean(), noise[centres > 10_000].mean()
    assert high > low + 0.3  # 15 dB in control units; bands above 11 kHz exist at 44.1 kHz


def vibrato_note(pitch: float, depth_cents: float, rate_hz: float = 5.5) -> np.ndarray:
    """A note of 12 harmonics (each at 0.2 / k) whose fundamental swings `depth_cents` either
    side of `pitch` at `rate_hz`, with white noise of RMS `NOISE_RMS`."""
    rng = np.random.default_rng(7)
    time_s = np.arange(2 * ANALYSIS_RATE_HZ) / ANALYSIS_RATE_HZ
    bend = depth_cents * np.sin(2 * np.pi * rate_hz * time_s)
    phase = 2 * np.pi * np.cumsum(midi_to_hz(pitch) * 2 ** (bend / 1200)) / ANALYSIS_RATE_HZ
    audio = NOISE_RMS * rng.standard_normal(len(time_s))
    for k in range(1, 13):
        audio += 0.2 / k * np.sin(k * phase)
    return audio


@pytest.mark.parametrize(
    ("pitch", "depth", "within"),
    [(28, 20.0, 4.0), (57, 15.0, 1.5), (69, 30.0, 2.0), (93, 10.0, 1.5)],
)
def test_the_contour_reads_a_vibratos_depth_and_rate(
    pitch: float, depth: float, within: float
) -> None:
    """A low note's window spans half a swing of a 5.5 Hz vibrato (93 ms at 41 Hz), so its
    depth reads a little shallow: within 4 cents."""
    frames = audio_to_controls(vibrato_note(pitch, depth), pitch, WINDOW_FRAMES, is_drum=False)
    inside = slice(10, 90)  # frames well inside the 2 s note
    assert np.median(unit_to_depth(frames[inside, LAYOUT.vibrato_depth])) == pytest.approx(
        depth, abs=within
    )
    assert np.median(unit_to_rate(frames[inside, LAYOUT.vibrato_rate])) == pytest.approx(
        5.5, abs=0.3
    )
    assert np.abs(unit_to_bend(frames[inside, LAYOUT.bend])).max() < 2.0
    after = frames[110:, LAYOUT.contour]  # after the note: nothing to read, no vibrato
    assert np.array_equal(after, np.broadcast_to(silent_frames(1)[0, LAYOUT.contour], after.shape))


def test_a_steady_note_and_a_drum_hit_have_no_vibrato() -> None:
    steady = audio_to_controls(vibrato_note(60, 0.0), 60, WINDOW_FRAMES, is_drum=False)
    assert unit_to_depth(steady[10:90, LAYOUT.vibrato_depth]).max() < 1.0
    assert np.abs(unit_to_bend(steady[10:90, LAYOUT.bend])).max() < 1.0
    rng = np.random.default_rng(3)
    hit = rng.standard_normal(ANALYSIS_RATE_HZ) * np.exp(-np.arange(ANALYSIS_RATE_HZ) / 4410.0)
    drum = audio_to_controls(hit.astype(np.float32), 38, WINDOW_FRAMES, is_drum=True)
    contour = drum[:, LAYOUT.contour]
    assert np.array_equal(
        contour, np.broadcast_to(silent_frames(1)[0, LAYOUT.contour], contour.shape)
    )


def test_a_soundfont_violin_sings_with_vibrato_and_its_piano_holds_its_pitch() -> None:
    """Real FluidSynth renders of FluidR3's violin and piano: the violin's sample carries a
    vibrato (the benchmark reads 17.8 cents on this note, swinging about 5 times a second),
    the piano's none to speak of."""

    def contour(note: NoteSpec) -> np.ndarray:
        (audio,) = render_notes([note])
        return audio_to_controls(audio, note.pitch, WINDOW_FRAMES, is_drum=False)[10:90]

    violin, piano = (
        contour(NoteSpec(40, 69, 80, 2.0, "train")),
        contour(NoteSpec(0, 60, 80, 2.0, "train")),
    )
    assert np.median(unit_to_depth(violin[:, LAYOUT.vibrato_depth])) > 12.0
    assert 4.0 < np.median(unit_to_rate(violin[:, LAYOUT.vibrato_rate])) < 7.0
    assert np.median(unit_to_depth(piano[:, LAYOUT.vibrato_depth])) < 3.0
