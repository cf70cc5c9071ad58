"""A drum hit's envelope (`engine.sound.drum_envelope`): read every 5 ms in two bands, and
followed by the synthesizer, so short SoundFont hits played back from their own frames die as
fast as the SoundFont's."""

from __future__ import annotations

import numpy as np
import pytest

from benchmarks.sound_measures import decay_seconds
from build_scripts.timbre import DRUM_DURATION_SECONDS, DRUM_PROGRAM, WINDOW_FRAMES, NoteSpec
from build_scripts.timbre.analysis import audio_to_controls
from build_scripts.timbre.render import render_notes
from engine.sound.drum_envelope import (
    ENVELOPE_STEPS,
    MAX_BOOST_DB,
    difference_to_unit,
    follow_envelope,
    read_envelope,
    split_bands,
)
from engine.sound.synth import (
    ANALYSIS_RATE_HZ,
    FRAME_RATE_HZ,
    LAYOUT,
    amplitude_to_unit,
    controls_to_audio,
    drum_reference_db,
    has_drum_envelope,
    noise_band_centres_hz,
    silent_frames,
)
from engine.sound.timbre import DRUM_KIT, TimbreModel, from_gm

RATE = ANALYSIS_RATE_HZ
HOP = RATE // FRAME_RATE_HZ
POINT_SECONDS = 1.0 / FRAME_RATE_HZ / ENVELOPE_STEPS


def _slope_db_per_point(levels: np.ndarray) -> float:
    points = np.arange(len(levels), dtype=np.float64)
    return float(np.polyfit(points, levels, 1)[0])


def test_the_envelope_reads_each_bands_own_decay() -> None:
    # A 200 Hz body dying with a 20 ms time constant under a rattle above 3 kHz dying in 100 ms.
    seconds = np.arange(RATE // 2) / RATE
    body = 0.5 * np.sin(2 * np.pi * 200 * seconds) * np.exp(-seconds / 0.02)
    rattle = split_bands(np.random.default_rng(3).standard_normal(len(seconds)), RATE)[1]
    hit = body + 0.1 * rattle * np.exp(-seconds / 0.1)
    envelope = read_envelope(hit, 10, HOP, RATE)  # (10 frames, 8): low band's 4 points first
    low, high = envelope[:, :ENVELOPE_STEPS].reshape(-1), envelope[:, ENVELOPE_STEPS:].reshape(-1)
    # An exponential decay is a straight line in dB: 8.69 dB per time constant.
    per_point = 20 * np.log10(np.e) * POINT_SECONDS
    assert _slope_db_per_point(low[2:30]) == pytest.approx(-per_point / 0.02, rel=0.05)
    assert _slope_db_per_point(high[2:]) == pytest.approx(-per_point / 0.1, rel=0.15)


def test_the_synth_follows_the_envelope_and_lifts_at_most_its_limit() -> None:
    white = np.random.default_rng(4).standard_normal(RATE // 2)
    steady = [0.01 * band / np.sqrt(np.mean(band**2)) for band in split_bands(white, RATE)]
    frames = 20  # each band's own level is -40 dB
    envelope = np.full((frames, 2 * ENVELOPE_STEPS), -40.0)
    falling = -30.0 - 1.5 * np.arange(frames * ENVELOPE_STEPS)  # 1.5 dB every 5 ms
    envelope[:, ENVELOPE_STEPS:] = falling.reshape(frames, ENVELOPE_STEPS)
    envelope[:4, :ENVELOPE_STEPS] = 0.0  # 40 dB above the low band: lifted 12 at most
    heard = read_envelope(follow_envelope(steady, envelope, HOP, RATE), frames, HOP, RATE)
    high = heard[:, ENVELOPE_STEPS:].reshape(-1)
    # Followed down to 30 dB under the band's own level...
    assert np.abs(high[4:26] - falling[4:26]).max() < 2.0
    # ...and lifted by the most it may be where the envelope asks for 40 dB more.
    own = read_envelope(steady[0], frames, HOP, RATE)[:, :ENVELOPE_STEPS]
    assert np.abs(heard[1:3, :ENVELOPE_STEPS] - own[1:3] - MAX_BOOST_DB).max() < 0.5
    assert np.abs(heard[8:16, :ENVELOPE_STEPS] + 40.0).max() < 2.0


@pytest.mark.parametrize("key", [37, 69, 70, 75])  # side stick, cabasa, maracas, claves
def test_a_short_soundfont_hit_played_back_from_its_frames_dies_as_fast(key: int) -> None:
    note = NoteSpec(DRUM_PROGRAM, key, 100, DRUM_DURATION_SECONDS, "train")
    (reference,) = render_notes([note])
    frames = audio_to_controls(reference, key, WINDOW_FRAMES, is_drum=True, drum_envelope=True)
    assert has_drum_envelope(frames)
    ours = controls_to_audio(frames, key, is_drum=True)
    theirs = decay_seconds(reference[: len(ours)])
    assert decay_seconds(ours) == pytest.approx(theirs, rel=0.3)
    if key == 75:
        # Without the envelope the claves' 40 ms noise windows rang 2.1x FluidSynth's 28 ms.
        frames[:, LAYOUT.drum_envelope] = -1.0
        plain = controls_to_audio(frames, key, is_drum=True)
        assert decay_seconds(plain) > 1.5 * theirs


def _level_db(audio: np.ndarray) -> float:
    return float(10 * np.log10(np.mean(np.square(audio, dtype=np.float64))))


def test_drum_frames_carry_the_envelope_as_a_difference_from_their_own_noise() -> None:
    note = NoteSpec(DRUM_PROGRAM, 38, 100, DRUM_DURATION_SECONDS, "train")
    hit = render_notes([note])[0]
    frames = audio_to_controls(hit, 38, WINDOW_FRAMES, is_drum=True, drum_envelope=True)
    # Timbre model v6's drum frames hold nothing there (the engine sets them all to -1): the
    # noise is played as it is.
    frames[:, LAYOUT.drum_envelope] = -1.0
    assert not has_drum_envelope(frames)
    plain = controls_to_audio(frames, 38, is_drum=True)
    # No difference anywhere: the noise follows its own frames' levels, about as loud.
    frames[:, LAYOUT.drum_envelope] = 0.0
    assert has_drum_envelope(frames)
    level = _level_db(controls_to_audio(frames, 38, is_drum=True))
    assert level == pytest.approx(_level_db(plain), abs=1.5)
    # 10 dB under the frames' own levels everywhere: 10 dB quieter.
    frames[:, LAYOUT.drum_envelope] = difference_to_unit(-10.0)
    quieter = _level_db(controls_to_audio(frames, 38, is_drum=True))
    assert quieter == pytest.approx(level - 10.0, abs=1.0)


def test_the_noise_frames_reading_is_the_level_the_synth_gives_them() -> None:
    # Steady white noise: the reference the envelope's differences are taken from is what the
    # synthesizer plays for those frames, in each band.
    frames = silent_frames(30)
    centres = noise_band_centres_hz()
    frames[:, LAYOUT.noise] = amplitude_to_unit(np.full(len(centres), 0.03))
    audio = controls_to_audio(frames, 60, is_drum=True)
    heard = read_envelope(audio, 30, HOP, RATE)
    reference = drum_reference_db(frames)

    def mean_db(levels: np.ndarray) -> np.ndarray:  # over the frames, in power
        level: np.ndarray = 10 * np.log10(np.mean(10 ** (levels / 10), axis=0))
        return level

    assert np.abs(mean_db(heard[5:25]) - mean_db(reference[5:25])).max() < 1.0


def test_a_model_that_writes_no_envelope_plays_its_drum_tables(
    timbre_model: TimbreModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The shipped model (v6) writes no envelope itself (its card does not say it does): its
    # drum frames take the envelope from its drum table (engine.sound.drum_table).
    assert not timbre_model.drum_envelope
    assert timbre_model.drum_table is not None
    kit = from_gm(timbre_model.space, DRUM_KIT)
    frames = timbre_model.sample_controls(kit, 38, 100, DRUM_DURATION_SECONDS, is_drum=True)
    assert has_drum_envelope(frames)
    expected = timbre_model.drum_table.envelope(38, 100, drum_reference_db(frames))
    assert expected is not None
    assert np.array_equal(frames[:, LAYOUT.drum_envelope], expected)
    # Without a table those channels hold the floor, and the hit plays as its noise frames make it.
    monkeypatch.setattr(timbre_model, "drum_table", None)
    frames = timbre_model.sample_controls(kit, 38, 100, DRUM_DURATION_SECONDS, is_drum=True)
    assert not has_drum_envelope(frames)
    assert _level_db(timbre_model.render_note(kit, 38, 100, 0.5, is_drum=True)) > -40.0
