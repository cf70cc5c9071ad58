"""The live sound setting: the Tessera synth plays the timbre model or the standard General MIDI
set (FluidSynth), a voice with a timbre of its own keeps it, and a recording keeps what was
heard. The synth is pulled through a fake output stream (no sound card, no JACK)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from engine.compose.midi_model import MidiModel
from engine.live.music import DEFAULT_VOICES, DRUMS, LiveError, LiveSettings, Voice
from engine.live.session import LiveSession
from engine.live.synth import LiveSynth, live_programs
from engine.live.timing import ManualClock
from engine.song.song import TIMBRE_DIMENSION, TimbreRef
from engine.sound.playback import DEVICE_BLOCK_FRAMES
from engine.sound.render import SAMPLE_RATE_HZ, NoteRenderer
from tests.helpers.audio_checks import cents, fundamental_hz
from tests.helpers.fake_stream import FakeStream, opening_into

PREPARE_TIMEOUT_S = 120.0
"""A hang guard for the synth's background render, not a timing assertion."""
LOCKED = TimbreRef("generated", 5, (0.2,) * TIMBRE_DIMENSION)
VIOLIN = 40


def test_the_standard_setting_puts_every_channel_on_the_soundfont() -> None:
    answer = live_programs(LiveSettings(sound="standard"))
    assert set(answer) == {0, 1}
    assert all(timbre.is_standard for timbre, _, _ in answer.values())
    voices = (*DEFAULT_VOICES, DRUMS)
    accompany = live_programs(LiveSettings(mode="accompany", voices=voices, sound="standard"))
    assert set(accompany) == {0, 1, 2, 9}
    assert all(timbre.is_standard for timbre, _, _ in accompany.values())
    assert accompany[9] == (TimbreRef("soundfont"), 0, True)
    tessera = live_programs(LiveSettings(mode="accompany", voices=voices))
    assert all(timbre == TimbreRef() for timbre, _, _ in tessera.values())


def test_a_voice_with_its_own_timbre_keeps_it() -> None:
    """A voice taken from a song's track carries that track's choice, whatever the session's."""
    voices = (Voice("Cello", 42, channel=1, timbre=LOCKED), Voice("Keys", 0, channel=2))
    for sound in ("tessera", "standard"):
        programs = live_programs(LiveSettings(mode="accompany", voices=voices, sound=sound))
        assert programs[1] == (LOCKED, 42, False)
        assert programs[2][0].is_standard == (sound == "standard")
    standard_track = Voice("Horn", 60, channel=3, timbre=TimbreRef().standard())
    assert live_programs(LiveSettings(mode="accompany", voices=(standard_track,)))[3][0].is_standard


def test_an_unknown_sound_is_refused() -> None:
    with pytest.raises(LiveError, match=r"live sound 'gm' is unknown: use tessera, standard"):
        LiveSettings(sound="gm")  # type: ignore[arg-type]


def test_the_synth_plays_the_standard_set_at_the_notes_pitch(renderer: NoteRenderer) -> None:
    streams: list[FakeStream] = []

    open_stream = opening_into(streams)

    settings = LiveSettings(player_program=VIOLIN, sound="standard")
    synth = LiveSynth(renderer, programs=live_programs(settings), stream_factory=open_stream)
    synth.start(prepare=False)
    try:
        key = synth.key_for(settings.answer_channel, 62, 100)
        assert key.timbre == TimbreRef("soundfont", program=VIOLIN)  # FluidSynth's violin
        tessera = LiveSynth(renderer, programs=live_programs(LiveSettings(player_program=VIOLIN)))
        assert not tessera.key_for(settings.answer_channel, 62, 100).is_standard
        synth.prepare([key])
        assert synth.wait_prepared(PREPARE_TIMEOUT_S)
        synth.send((0x90 | settings.answer_channel, 62, 100))
        blocks = math.ceil(0.6 * SAMPLE_RATE_HZ / DEVICE_BLOCK_FRAMES)
        mono = np.concatenate([streams[-1].pull() for _ in range(blocks)])[:, 0]
    finally:
        synth.close()
    assert synth.played == 1
    assert synth.substituted == 0
    assert np.abs(mono).max() > 0.02
    fluidsynth_note = renderer.cached(key)  # what FluidSynth rendered for the key
    assert fluidsynth_note is not None
    heard_hz = fundamental_hz(mono, 0.15, 0.4)
    rendered_hz = fundamental_hz(fluidsynth_note, 0.15, 0.4)
    assert abs(1200 * math.log2(heard_hz / rendered_hz)) < 3  # the render, not another
    assert abs(cents(heard_hz, 62)) < 25  # D4 (the SoundFont's violin sits a little flat)


def test_a_program_change_stays_in_the_standard_set(renderer: NoteRenderer) -> None:
    synth = LiveSynth(renderer, programs=live_programs(LiveSettings(sound="standard")))
    synth.send((0xC1, VIOLIN))  # not started: the change is kept, nothing is rendered
    assert synth.key_for(1, 62, 100).timbre == TimbreRef("soundfont", program=VIOLIN)
    tessera = LiveSynth(renderer, programs={1: (LOCKED, 42, False)})
    tessera.send((0xC1, VIOLIN))
    assert tessera.instrument(1) == (TimbreRef(), VIOLIN, False)


def test_a_recording_keeps_the_sound_it_was_heard_through(midi_model: MidiModel) -> None:
    voices = (Voice("Cello", 42, channel=1, timbre=LOCKED), Voice("Keys", 0, channel=2))
    settings = LiveSettings(mode="accompany", voices=voices, sound="standard")
    session = LiveSession(midi_model, settings, lambda _message: None, clock=ManualClock(0.0))
    player, cello, keys = session.recording().tracks
    assert player.timbre.is_standard
    assert keys.timbre.is_standard
    assert cello.timbre == LOCKED
    answered = LiveSession(midi_model, LiveSettings(), lambda _message: None).recording()
    assert [track.timbre for track in answered.tracks] == [TimbreRef(), TimbreRef()]
