"""Sharp onsets (`engine.sound.onset`): a plucked SoundFont note analysed into 20 ms frames and
synthesized again starts as fast as the SoundFont's does, and a slow rise stays slow."""

from __future__ import annotations

import numpy as np
import pytest

from benchmarks.sound_measures import attack_seconds
from build_scripts.timbre import WINDOW_FRAMES, NoteSpec
from build_scripts.timbre.analysis import audio_to_controls
from build_scripts.timbre.render import render_notes
from engine.sound.onset import LEAD_SECONDS, Onset, find_onset, gate_before_onset
from engine.sound.synth import (
    ANALYSIS_RATE_HZ,
    FRAME_RATE_HZ,
    LAYOUT,
    OUTPUT_RATE_HZ,
    amplitude_to_unit,
    controls_to_audio,
    midi_to_hz,
    silent_frames,
    unit_to_amplitude,
)


def _frames(levels_db: list[float], count: int = 60) -> np.ndarray:
    """Frames whose fundamental follows `levels_db`, then holds the last level."""
    frames = silent_frames(count)
    levels = np.array(levels_db + [levels_db[-1]] * (count - len(levels_db)))
    frames[:, 0] = amplitude_to_unit(10 ** (levels / 20))
    return frames


def _onset(frames: np.ndarray, pitch: float = 60) -> Onset | None:
    amplitudes = unit_to_amplitude(frames[:, LAYOUT.harmonics])
    return find_onset(amplitudes, midi_to_hz(pitch), FRAME_RATE_HZ, ANALYSIS_RATE_HZ)


@pytest.mark.parametrize(("program", "pitch"), [(24, 52), (27, 64), (2, 64), (107, 64)])
def test_a_plucked_soundfont_note_resynthesized_starts_as_fast_as_the_soundfont(
    program: int, pitch: int
) -> None:
    (reference,) = render_notes([NoteSpec(program, pitch, 90, 2.0, "train")])
    frames = audio_to_controls(reference, pitch, WINDOW_FRAMES, is_drum=False)
    onset = _onset(frames, pitch)
    assert onset is not None
    assert onset.frame == 1
    assert 0.0 < onset.seconds < 1.0 / FRAME_RATE_HZ
    ours = attack_seconds(controls_to_audio(frames, pitch)[:OUTPUT_RATE_HZ])
    theirs = attack_seconds(reference[:OUTPUT_RATE_HZ])
    # Read across the 20 ms between frames, these rose in 15-17 ms against the SoundFont's 5.
    assert ours <= 1.5 * theirs


def test_the_onset_is_where_the_first_frame_says_it_caught_the_note() -> None:
    # The frame at 0 ms read 13 dB under full (0.22): a Hann window that share full starts
    # 30 % of its half-width after its centre (pitch 60: 674 samples at 44.1 kHz).
    half_window = 674 / 44_100 / 2
    onset = _onset(_frames([-33.0, -20.0]))
    assert onset is not None
    assert onset.frame == 1
    estimate = 0.30 * half_window - LEAD_SECONDS  # put a little early: SoundFont notes ramp
    assert onset.seconds == pytest.approx(estimate, abs=0.05 * half_window)
    later = _onset(_frames([-100.0, -33.0, -20.0]))  # the same, one frame later
    assert later is not None
    assert later.frame == 2
    assert later.seconds == pytest.approx(onset.seconds + 1.0 / FRAME_RATE_HZ)
    silent_before = _onset(_frames([-100.0, -20.0]))
    assert silent_before is not None  # after the first window ended, before the next began
    assert half_window < silent_before.seconds < 1.0 / FRAME_RATE_HZ - half_window


def test_gradual_rises_and_notes_already_sounding_are_left_as_they_are() -> None:
    assert _onset(_frames([-40.0, -34.0, -28.0, -22.0, -20.0])) is None  # 6 dB a frame
    assert _onset(_frames([-20.0])) is None  # full from the first frame
    assert _onset(_frames([-30.0, -100.0, -20.0])) is None  # something sounded before
    slow = controls_to_audio(_frames([-40.0, -34.0, -28.0, -22.0, -20.0]), 60)
    assert attack_seconds(slow) > 0.06


def test_the_note_is_silent_before_its_onset_and_whole_after_it() -> None:
    audio = np.ones(4410, dtype=np.float32)
    gate_before_onset(audio, Onset(1, 0.01), 44_100)
    assert np.all(audio[: 441 - 45] == 0.0)
    assert np.all(audio[441 + 45 :] == 1.0)
    assert 0.0 < audio[441] < 1.0
