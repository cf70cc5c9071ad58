"""Where a note's release ends: 60 dB under its own peak, then a short fade, loud or quiet."""

from __future__ import annotations

import numpy as np
import pytest

from engine.sound.note_cache import END_FADE_SECONDS, trim_tail
from engine.sound.soundfont import SoundFontSynth
from engine.sound.synth import OUTPUT_RATE_HZ

RATE = OUTPUT_RATE_HZ


def _decaying(peak: float, db_per_second: float = 40.0, seconds: float = 3.0) -> np.ndarray:
    t = np.arange(int(seconds * RATE)) / RATE
    tone = peak * np.sin(2 * np.pi * 440 * t) * 10 ** (-db_per_second * t / 20)
    return tone.astype(np.float32)


def _crossing_seconds(peak_db_below: float, db_per_second: float = 40.0) -> float:
    return peak_db_below / db_per_second


@pytest.mark.parametrize("peak", [0.9, 0.01])
def test_a_release_ends_60_db_under_the_notes_own_peak(peak: float) -> None:
    note = _decaying(peak)
    trimmed = trim_tail(note)
    seconds = len(trimmed) / RATE
    expected = _crossing_seconds(60.0) + END_FADE_SECONDS  # 1.5 s to -60 dB, then the fade
    assert seconds == pytest.approx(expected, abs=0.005)
    assert np.array_equal(trimmed[: int(1.4 * RATE)], note[: int(1.4 * RATE)])
    assert abs(float(trimmed[-1])) < peak * 1e-4  # faded to nothing: no step at the end


def test_a_quiet_note_is_not_cut_at_a_fixed_level() -> None:
    quiet = _decaying(0.003)  # -50 dBFS: a fixed -80 dBFS cut would stop it 30 dB down
    assert len(trim_tail(quiet)) / RATE > _crossing_seconds(55.0)


def test_silence_and_a_note_that_never_decays_are_kept_whole() -> None:
    assert len(trim_tail(np.zeros(1000, dtype=np.float32))) == 0
    steady = _decaying(0.5, db_per_second=0.0, seconds=0.5)
    assert np.array_equal(trim_tail(steady), steady)


def test_a_standard_note_rings_out_to_60_db_under_its_peak() -> None:
    synth = SoundFontSynth()
    try:
        for velocity in (30, 110):
            audio = trim_tail(synth.render_note(0, 60, velocity, 0.3, is_drum=False))
            peak = float(np.abs(audio).max())
            fade = round(END_FADE_SECONDS * RATE)
            before_fade = float(np.abs(audio[-2 * fade : -fade]).max())
            assert before_fade < peak * 10 ** (-50 / 20)  # the release really died away
            assert before_fade > peak * 10 ** (-70 / 20)  # and was not kept for seconds after
    finally:
        synth.close()
