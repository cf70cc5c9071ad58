"""The internal synth for live play, through a fake output stream the test pulls block by block
(and once on a JACK dummy device): notes sound in the next block at their pitch, end within the
release, never clip, and the answers of a real live session come out of the callback."""

from __future__ import annotations

import json
import math
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest
import soxr

from engine.compose.midi_model import MidiModel
from engine.compose.operations import Controls
from engine.live.bank import MAX_SHIFT_SEMITONES, VELOCITY_LEVELS
from engine.live.music import LiveSettings
from engine.live.session import LiveSession
from engine.live.synth import LiveSynth, live_programs
from engine.live.timing import ManualClock
from engine.live.voices import RELEASE_SECONDS
from engine.song.gm import playable_range
from engine.song.song import TimbreRef
from engine.sound.playback import DEVICE_BLOCK_FRAMES, AudioDeviceError, output_device_names
from engine.sound.render import CEILING, SAMPLE_RATE_HZ, NoteRenderer
from tests.helpers.audio_checks import cents, fundamental_hz, level_db
from tests.helpers.fake_stream import FakeStream, opening_into
from tests.helpers.jack_server import (
    JACK_RATE_HZ,
    PROJECT_ROOT,
    jack_audio_server,
    run_python,
)
from tests.helpers.live_player import C_MAJOR_PHRASE, phrase_events

PIANO, FLUTE = (TimbreRef(), 0, False), (TimbreRef(), 73, False)
PROGRAMS = {0: PIANO, 1: FLUTE}
BLOCK_SECONDS = DEVICE_BLOCK_FRAMES / SAMPLE_RATE_HZ
RELEASE_BLOCKS = math.ceil(RELEASE_SECONDS / BLOCK_SECONDS)
PREPARE_TIMEOUT_S = 120.0
"""A hang guard for background renders, not a timing assertion."""
POLLS_BEFORE_GIVING_UP = 20_000
"""A hang guard for polling a real device (each poll waits 1 ms), not a timing assertion."""
LIVE_SECONDS = 10
"""How long the live command plays in the command-line test: the phrase takes 2.75 s after the
player finds the port and the answer comes a bar or two later at 240 BPM. Not a timing
assertion: the test asserts what was played, never how fast. (A key lost on the way, not this
window, left CI's runs without an answer; see `JACK_PERIOD_FRAMES`.)"""


class Rig:
    """A synth on a fake stream (at `device_rate` when given) that the test pulls."""

    def __init__(self, renderer: NoteRenderer, device_rate: int | None = None, **kw: Any) -> None:
        self.device_rate = device_rate
        self.streams: list[FakeStream] = []
        self.synth = LiveSynth(renderer, stream_factory=self._open, **kw)
        self.synth.start(prepare=False)

    def _open(self, **settings: Any) -> FakeStream:
        if self.device_rate is not None:
            settings["samplerate"] = self.device_rate
        self.streams.append(FakeStream(**settings))
        return self.streams[-1]

    def prepare(self, notes: list[tuple[int, int, int]]) -> None:
        """Render (channel, pitch, velocity) notes and wait for them."""
        self.synth.prepare([self.synth.key_for(*note) for note in notes])
        assert self.synth.wait_prepared(PREPARE_TIMEOUT_S)

    def pull(self, blocks: int = 1) -> np.ndarray:
        """The next `blocks` device blocks, stereo."""
        return np.concatenate([self.streams[-1].pull() for _ in range(blocks)])

    def seconds(self, seconds: float) -> np.ndarray:
        return self.pull(math.ceil(seconds / BLOCK_SECONDS))[:, 0]


@pytest.fixture
def rig(renderer: NoteRenderer) -> Iterator[Rig]:
    made = Rig(renderer, programs=PROGRAMS)
    yield made
    made.synth.close()


@pytest.mark.parametrize("pitch", [45, 72])
def test_a_note_sounds_in_the_next_block_at_its_pitch(rig: Rig, pitch: int) -> None:
    rig.prepare([(0, pitch, 100)])
    assert not np.abs(rig.pull()).any()
    rig.synth.send((0x90, pitch, 100))
    mono = np.concatenate([rig.pull()[:, 0], rig.seconds(0.4)])
    found = rig.synth.bank.nearest(rig.synth.key_for(0, pitch, 100))
    assert found is not None
    own = found[0][: len(mono)]
    # The synth adds no delay: the note starts in the block after its note-on, at the sample
    # where its own render starts (within 1 ms). The render places a piano's onset 0.5-5 ms
    # into the note (FluidSynth's piano 3-5 ms), so it is heard within 10 ms of the block.
    assert _start(mono) == pytest.approx(_start(own), abs=SAMPLE_RATE_HZ // 1000)
    assert _start(mono) < SAMPLE_RATE_HZ // 100
    assert abs(cents(fundamental_hz(mono, 0.05), pitch)) < 20
    assert level_db(mono) > -40


def _start(audio: np.ndarray) -> int:
    """The first sample over 1 % of the audio's peak."""
    level = np.abs(audio)
    return int(np.argmax(level > 0.01 * level.max()))


def test_note_off_decays_to_silence_within_the_release(rig: Rig) -> None:
    rig.prepare([(0, 60, 100)])
    rig.synth.send((0x90, 60, 100))
    held = rig.seconds(0.3)
    rig.synth.send((0x80, 60, 0))
    release = [rig.pull()[:, 0] for _ in range(RELEASE_BLOCKS + 1)]
    assert np.abs(release[0][:64]).max() > 0.1 * np.abs(held[-512:]).max()  # no hard cut
    assert level_db(release[-1]) < -60
    assert rig.synth.active_voices == 0
    assert not np.abs(rig.pull()).any()


def test_channels_play_their_programs_and_follow_a_program_change(rig: Rig) -> None:
    rig.prepare([(0, 72, 96), (1, 72, 96)])
    heard = []
    for status, program_after in ((0x90, None), (0x91, 0), (0x91, None)):
        rig.synth.send((status, 72, 96))
        heard.append(rig.seconds(0.3))
        rig.synth.send((status - 0x10, 72, 0))
        rig.seconds(RELEASE_SECONDS + 0.05)
        if program_after is not None:  # after the flute, channel 1 plays the piano too
            rig.synth.send((0xC1, program_after))
    piano, flute, piano_on_1 = heard
    spectrum = [np.abs(np.fft.rfft(x)) / np.abs(np.fft.rfft(x)).sum() for x in (piano, flute)]
    assert np.abs(spectrum[0] - spectrum[1]).sum() > 0.5  # half the spectrum moved
    assert np.allclose(piano, piano_on_1, atol=1e-6)


def test_all_notes_off_and_all_sound_off_silence(rig: Rig) -> None:
    chord = [60, 64, 67, 72]
    rig.prepare([(0, pitch, 90) for pitch in chord])
    for control, blocks in ((123, RELEASE_BLOCKS + 1), (120, 1)):
        for pitch in chord:
            rig.synth.send((0x90, pitch, 90))
        assert level_db(rig.seconds(0.2)) > -40
        rig.synth.send((0xB0, control, 0))
        after = rig.pull(blocks)
        assert level_db(after[-DEVICE_BLOCK_FRAMES // 2 :]) < -60  # all sound off: in 5 ms
        assert rig.synth.active_voices == 0


def test_the_sustain_pedal_holds_released_notes(rig: Rig) -> None:
    rig.prepare([(0, 60, 90)])
    rig.synth.send((0xB0, 64, 127))
    rig.synth.send((0x90, 60, 90))
    rig.seconds(0.2)
    rig.synth.send((0x80, 60, 0))
    assert level_db(rig.pull(RELEASE_BLOCKS + 1)[-DEVICE_BLOCK_FRAMES:]) > -50
    rig.synth.send((0xB0, 64, 0))
    assert level_db(rig.pull(RELEASE_BLOCKS + 1)[-DEVICE_BLOCK_FRAMES:]) < -60


def test_voices_beyond_the_table_steal_the_oldest_without_clipping(renderer: NoteRenderer) -> None:
    rig = Rig(renderer, programs=PROGRAMS, voices=4)
    try:
        pitches = list(range(60, 72))
        rig.prepare([(0, pitch, 120) for pitch in pitches])
        blocks = []
        for pitch in pitches:
            rig.synth.send((0x90, pitch, 127))
            blocks.append(rig.pull())
        blocks.append(rig.pull(20))
        audio = np.concatenate(blocks)
        assert rig.synth.active_voices == 4
        assert rig.synth.stolen_voices == len(pitches) - 4
        assert not np.isnan(audio).any()
        assert np.abs(audio).max() <= CEILING + 1e-6
    finally:
        rig.synth.close()


def test_nothing_exceeds_full_scale(rig: Rig) -> None:
    pitches = [36, 43, 48, 55, 60, 64, 67, 72, 76, 79, 84]
    rig.prepare([(channel, pitch, 127) for channel in (0, 1) for pitch in pitches])
    for channel in (0, 1):
        for pitch in pitches:
            rig.synth.send((0x90 | channel, pitch, 127))
    audio = rig.pull(round(1.0 / BLOCK_SECONDS))
    assert np.abs(audio).max() > 0.5  # loud enough that the limiter had work to do
    assert np.abs(audio).max() <= CEILING + 1e-6


def test_an_uncached_note_borrows_a_neighbour_and_is_rendered_for_next_time(rig: Rig) -> None:
    rig.prepare([(0, 60, 100)])
    wanted = rig.synth.key_for(0, 62, 100)
    assert not rig.synth.bank.is_ready(wanted)
    rig.synth.send((0x90, 62, 100))
    mono = rig.seconds(0.4)
    assert rig.synth.substituted == 1
    assert abs(cents(fundamental_hz(mono, 0.05), 62)) < 20  # shifted up to its own pitch
    assert rig.synth.wait_prepared(PREPARE_TIMEOUT_S)
    assert rig.synth.bank.is_ready(wanted)
    rig.synth.send((0x90, 62, 100))
    assert rig.synth.substituted == 1  # its own render this time
    # Too far from any render: silent this once, rendered for the next.
    rig.synth.send((0xB0, 120, 0))
    rig.pull()
    rig.synth.send((0x90, 80, 100))
    assert rig.synth.missed == 1
    assert not np.abs(rig.pull()).any()
    assert rig.synth.wait_prepared(PREPARE_TIMEOUT_S)
    rig.synth.send((0x90, 80, 100))
    assert level_db(rig.seconds(0.2)) > -40


def test_likely_notes_cover_every_pitch_coarsely_first(renderer: NoteRenderer) -> None:
    synth = LiveSynth(renderer)
    keys = synth.bank.likely_keys(PIANO)
    low, high = playable_range(0)
    pitches = range(low, high + 1)
    assert {(k.pitch, k.velocity) for k in keys} == {
        (p, v) for p in pitches for v in VELOCITY_LEVELS
    }
    assert len(keys) == len(pitches) * len(VELOCITY_LEVELS)
    coarse = [k.pitch for k in keys[: math.ceil(len(pitches) / (2 * MAX_SHIFT_SEMITONES + 1))]]
    assert all(min(abs(p - c) for c in coarse) <= MAX_SHIFT_SEMITONES for p in pitches)
    drums = synth.bank.likely_keys((TimbreRef(), 0, True))
    assert all(k.is_drum and k.duration == 0 for k in drums)


def test_start_renders_each_channels_likely_notes(renderer: NoteRenderer) -> None:
    streams: list[FakeStream] = []

    open_stream = opening_into(streams)

    synth = LiveSynth(renderer, programs={0: FLUTE}, stream_factory=open_stream)
    synth.start()
    try:
        key = synth.key_for(0, 71, 100)
        wait = threading.Event()
        for _ in range(POLLS_BEFORE_GIVING_UP):  # the coarse pass comes first
            if synth.bank.nearest(key) is not None:
                break
            wait.wait(0.01)
        synth.send((0x90, 71, 100))
        assert synth.played == 1
        assert level_db(np.concatenate([streams[0].pull() for _ in range(20)])) > -40
    finally:
        synth.close()


def test_a_device_at_its_own_rate_gets_converted_audio(renderer: NoteRenderer) -> None:
    rig = Rig(renderer, device_rate=48_000, programs=PROGRAMS)
    try:
        rig.prepare([(0, 69, 100)])
        assert rig.synth.device_rate == 48_000
        rig.synth.send((0x90, 69, 100))
        first = rig.pull()[:, 0]
        assert np.abs(first[:256]).max() > 0.01
        at_device = np.concatenate([first, rig.pull(40)[:, 0]])
        mono = soxr.resample(at_device, 48_000, SAMPLE_RATE_HZ)
        assert abs(cents(fundamental_hz(mono, 0.05), 69)) < 20
    finally:
        rig.synth.close()


def test_no_device_is_a_clear_error(renderer: NoteRenderer) -> None:
    def no_device(**_settings: Any) -> FakeStream:
        raise AudioDeviceError("no audio output device to play through")

    class Refusing(FakeStream):
        def start(self) -> None:
            raise RuntimeError("device busy")

    with pytest.raises(AudioDeviceError, match="no audio output device"):
        LiveSynth(renderer, stream_factory=no_device).start()
    synth = LiveSynth(renderer, stream_factory=Refusing)
    with pytest.raises(AudioDeviceError, match="refused to start"):
        synth.start()
    assert not [t for t in threading.enumerate() if t.name == "live-synth"]
    with pytest.raises(ValueError, match="at least one voice"):
        LiveSynth(renderer, voices=0)
    if not output_device_names():  # the real sound-card layer, where there is no device
        with pytest.raises(AudioDeviceError, match=r"no audio output device|PortAudio"):
            LiveSynth(renderer).start()


def test_a_live_sessions_answers_come_out_of_the_callback(renderer: NoteRenderer) -> None:
    settings = LiveSettings(tempo_bpm=120.0, answer_bars=1, controls=Controls(pitch_range=(55, 79)))
    rig = Rig(renderer, programs=live_programs(settings))
    channel = settings.answer_channel
    rig.prepare([(channel, pitch, 80) for pitch in range(55, 80)])
    clock = ManualClock(1000.0)
    sent: list[tuple[int, tuple[int, ...]]] = []  # (block pulled next, message)
    blocks: list[np.ndarray] = []

    def output(message: tuple[int, ...]) -> None:
        sent.append((len(blocks), message))
        rig.synth.send(message)

    session = LiveSession(MidiModel(threads=1), settings, output, clock=clock, threaded=False)
    session.start()
    events = phrase_events(C_MAJOR_PHRASE, settings.tempo_bpm, offset_s=2.0)
    try:
        while clock.now() - session.start_s < 8.5:  # the phrase fills bars 1-2, the answer 3
            while events and events[0][0] <= clock.now() - session.start_s:
                session.receive(events.pop(0)[1])
            session.step()
            blocks.append(rig.pull()[:, 0])
            clock.advance(BLOCK_SECONDS)
    finally:
        session.stop()
        rig.synth.close()
    ons = [(block, m) for block, m in sent if m[0] & 0xF0 == 0x90 and m[2] > 0]
    assert session.answers
    assert len(ons) == len(session.answers)
    assert not np.abs(np.concatenate(blocks[: ons[0][0]])).any()  # the player is not echoed
    for block, _ in ons:
        assert level_db(blocks[block]) > -50
    first = np.concatenate(blocks[ons[0][0] :])
    sounding = {m[1] for block, m in ons if block - ons[0][0] < 0.1 / BLOCK_SECONDS}
    measured = fundamental_hz(first, 0.0, 0.1)
    assert min(abs(cents(measured, pitch)) for pitch in sounding) < 30
    assert rig.synth.missed == 0


@pytest.fixture(scope="module")
def jack_audio() -> Iterator[None]:
    with jack_audio_server():
        yield


REAL_DEVICE_NOTE = """
    import json, threading
    from engine.sound.render import NoteRenderer
    from engine.live.synth import LiveSynth
    from engine.song.song import TimbreRef
    from engine.sound.timbre import TimbreModel

    errors = []
    synth = LiveSynth(NoteRenderer(TimbreModel()), programs={0: (TimbreRef(), 0, False)},
                      on_error=errors.append)
    synth.start(prepare=False)
    wait = threading.Event()
    synth.prepare([synth.key_for(0, 60, 100)])
    prepared = synth.wait_prepared(120.0)
    synth.send((0x90, 60, 100))
    for _ in range(20_000):  # hang guards, not timing assertions
        if synth.peak > 0.01 or errors:
            break
        wait.wait(0.001)
    sounded = synth.peak
    synth.send((0xB0, 123, 0))
    for _ in range(20_000):
        if synth.active_voices == 0 and synth.peak == 0.0:
            break
        wait.wait(0.001)
    print(json.dumps({"prepared": prepared, "sounded": sounded, "after": synth.peak,
                      "rate": synth.device_rate, "errors": errors}))
    synth.close()
"""


def test_plays_on_a_real_device(jack_audio: None) -> None:
    done = run_python(REAL_DEVICE_NOTE)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["prepared"]
    assert result["sounded"] > 0.01
    assert result["after"] == 0.0
    assert result["rate"] == JACK_RATE_HZ
    assert result["errors"] == []


def test_cli_plays_answers_and_keys_through_the_internal_synth(jack_audio: None) -> None:
    rtmidi = pytest.importorskip("rtmidi")
    argv = ["live", "--jack", "--virtual", "--in", "synth-keys", "--out", "internal"]
    argv += ["--hear-keys", "--bpm", "240", "--bars", "1", "--seconds", str(LIVE_SECONDS)]
    runner = subprocess.Popen(
        [sys.executable, "-m", "app.cli", *argv],
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    player = rtmidi.MidiOut(rtapi=rtmidi.API_UNIX_JACK, name="Synth player")
    try:
        for _ in range(POLLS_BEFORE_GIVING_UP):
            if (
                any("synth-keys" in name for name in player.get_ports())
                or runner.poll() is not None
            ):
                break
            time.sleep(0.01)
        player.open_port(next(i for i, n in enumerate(player.get_ports()) if "synth-keys" in n))
        start = time.monotonic()
        for due_s, message in phrase_events(C_MAJOR_PHRASE, 240.0, offset_s=1.0):
            time.sleep(max(0.0, start + due_s - time.monotonic()))
            player.send_message(list(message))
        out, err = runner.communicate(timeout=120.0)
    finally:
        player.close_port()
        player.delete()  # leave JACK now, so the server can stop when the tests are done
        if runner.poll() is None:
            runner.kill()
    assert runner.returncode == 0, err[-2000:]
    shown = f"{out}\n{err[-2000:]}"
    heard = re.search(r"internal synth: (\d+) notes \((\d+) not ready\), loudest (-?\d+) dB", out)
    answers = re.search(r"notes played: (\d+)", out)
    assert heard is not None, shown
    assert answers is not None, shown
    # Every key the player pressed and every answering note reached the synth, and sounded.
    assert int(answers[1]) > 0, shown
    assert int(heard[1]) + int(heard[2]) == int(answers[1]) + len(C_MAJOR_PHRASE), shown
    assert int(heard[3]) > -40
