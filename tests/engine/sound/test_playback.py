"""Playback through the sound-card callback, driven by a fake output stream: what the
callback hands out must be the offline render, sample for sample, through seeks, loops,
pauses, edits and the end of the song (a seek starts the reverb afresh, a loop and an edit
carry its tail on); a missing or vanishing device is a clear error."""

from __future__ import annotations

import dataclasses
import json
import threading
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest

from benchmarks.tunes import d_major_tune
from engine.song.song import Song
from engine.sound.playback import (
    DEVICE_BLOCK_FRAMES,
    AudioDeviceError,
    Player,
    bar_range_seconds,
    output_device_names,
)
from engine.sound.render import SAMPLE_RATE_HZ, Limiter, NoteRenderer, Reverb, SongMix, render
from tests.helpers.audio_checks import spaced_notes_song
from tests.helpers.fake_stream import FakeStream
from tests.helpers.jack_server import jack_audio_server, run_python

PULLS_BEFORE_GIVING_UP = 20_000
"""A hang guard for the polling loops (each poll waits 1 ms), not a timing assertion."""


class Harness:
    def __init__(self, renderer: NoteRenderer, device_rate: int | None = None) -> None:
        self.device_rate = device_rate
        self.streams: list[FakeStream] = []
        self.positions: list[float] = []
        self.errors: list[str] = []
        self.finished = threading.Event()
        self.player = Player(
            renderer,
            stream_factory=self._open,
            on_position=self.positions.append,
            on_error=self.errors.append,
            on_finished=self.finished.set,
        )

    def _open(self, **settings: Any) -> FakeStream:
        if self.device_rate is not None:  # a device that insists on its own rate
            settings["samplerate"] = self.device_rate
        self.streams.append(FakeStream(**settings))
        return self.streams[-1]

    @property
    def stream(self) -> FakeStream:
        return self.streams[-1]

    def wait_for(self, ready: Any) -> None:
        event = threading.Event()
        for _ in range(PULLS_BEFORE_GIVING_UP):
            if ready():
                return
            event.wait(0.001)
        raise AssertionError("the playback worker never got there")

    def _two_blocks_ahead(self) -> bool:
        # An empty pull lets the callback drop blocks mixed before a seek, as a device's next
        # call would; otherwise a ring full of them leaves the worker no room.
        self.stream.pull(0)
        return self.player.buffered_blocks >= 2

    def listen(self, seconds: float) -> np.ndarray:
        """Pull `seconds` of audio, each block once the worker has mixed ahead of it."""
        blocks = []
        for _ in range(round(seconds * SAMPLE_RATE_HZ / DEVICE_BLOCK_FRAMES)):
            self.wait_for(self._two_blocks_ahead)
            blocks.append(self.stream.pull())
        return np.concatenate(blocks)


@pytest.fixture
def harness(renderer: NoteRenderer) -> Any:
    harness = Harness(renderer)
    yield harness
    harness.player.close()


def _at(seconds: float) -> int:
    return round(seconds * SAMPLE_RATE_HZ)


def first_sound_after(mono: np.ndarray, seconds: float, rate: int) -> float:
    """When sound starts after `seconds`: -40 dB of the loudest sample in the next 0.6 s."""
    first = round(seconds * rate)
    segment = np.abs(mono[first : first + round(0.6 * rate)])
    return (first + int(np.flatnonzero(segment > segment.max() * 0.01)[0])) / rate


def test_the_callback_plays_the_offline_render(harness: Harness, renderer: NoteRenderer) -> None:
    song = d_major_tune()
    harness.player.play(song)
    assert harness.stream.started
    assert harness.stream.settings["samplerate"] == SAMPLE_RATE_HZ
    heard = harness.listen(3.0)
    assert np.allclose(heard, render(song, renderer)[: len(heard)], atol=1e-6)
    assert heard.any()
    assert harness.player.position_seconds == pytest.approx(len(heard) / SAMPLE_RATE_HZ)
    harness.wait_for(lambda: harness.positions and harness.positions[-1] > 2.0)
    assert harness.positions == sorted(harness.positions)


def test_a_48_khz_device_hears_the_same_music(renderer: NoteRenderer) -> None:
    harness = Harness(renderer, device_rate=48_000)
    song = spaced_notes_song(0, [60, 72])
    harness.player.play(song)
    heard = harness.listen(3.0)[:, 0]
    harness.player.close()
    offline = render(song, renderer)[:, 0]
    for seconds in (0.5, 2.5):
        onset = first_sound_after(heard, seconds - 0.3, rate=48_000)
        assert abs(onset - seconds) <= 0.010
        start = round((seconds + 0.05) * 48_000)
        peak = np.abs(heard[start : start + 4800]).max()
        offline_start = round((seconds + 0.05) * SAMPLE_RATE_HZ)
        expected = np.abs(offline[offline_start : offline_start + 4410]).max()
        assert peak == pytest.approx(expected, rel=0.05)


def played(song: Song, renderer: NoteRenderer, *stretches: tuple[float, float]) -> np.ndarray:
    """The mix of the (start, end) seconds in turn, as one play heard them: one reverb and one
    limiter throughout, the reverb silent at the first start."""
    mix, reverb = SongMix(song, renderer), Reverb()
    parts = []
    for start, end in stretches:
        parts.append(np.zeros((_at(end) - _at(start), 2), dtype=np.float32))
        mix.mix_into(parts[-1], _at(start), reverb)
    return Limiter().process(np.concatenate(parts))


def test_seek_moves_the_sound(harness: Harness, renderer: NoteRenderer) -> None:
    song = d_major_tune()
    harness.player.play(song)
    harness.listen(0.5)
    harness.player.seek(5.0)
    heard = harness.listen(1.0)
    assert np.allclose(heard, played(song, renderer, (5.0, 6.5))[: len(heard)], atol=1e-6)


def test_a_loop_repeats_its_bars(harness: Harness, renderer: NoteRenderer) -> None:
    song = d_major_tune()
    offline = render(song, renderer)
    loop = bar_range_seconds(song, 1, 2)
    assert loop == (2.0, 4.0)
    harness.player.play(song, start_seconds=3.0, loop=loop)
    heard = harness.listen(3.0)
    once_round = played(song, renderer, (3.0, 4.0), (2.0, 4.0))
    assert np.allclose(heard, once_round[: len(heard)], atol=1e-6)
    # the room rings on over the jump back: bar 2 again is not bar 2 heard from silence
    assert not np.allclose(heard[_at(1.0) :], offline[_at(2.0) : _at(4.0)][: len(heard) - _at(1.0)])


def test_pause_holds_the_playhead_and_resume_continues(
    harness: Harness, renderer: NoteRenderer
) -> None:
    song = d_major_tune()
    offline = render(song, renderer)
    harness.player.play(song)
    before = harness.listen(1.0)
    harness.player.pause()
    where = harness.player.position_seconds
    assert harness.player.state == "paused"
    assert not any(harness.stream.pull().any() for _ in range(20))
    assert harness.player.position_seconds == where
    harness.player.resume()
    after = harness.listen(1.0)
    heard = np.concatenate([before, after])
    assert np.allclose(heard, offline[: len(heard)], atol=1e-6)


def test_an_edit_is_heard_without_stopping(harness: Harness, renderer: NoteRenderer) -> None:
    song = d_major_tune()
    fiddle_muted = dataclasses.replace(
        song, tracks=(dataclasses.replace(song.tracks[0], muted=True), song.tracks[1])
    )
    harness.player.play(song)
    earlier = len(harness.listen(1.0))
    harness.player.set_song(fiddle_muted)
    earlier += len(harness.listen(1.0))  # what was mixed before the edit plays out first
    earlier += len(harness.listen(2.0))  # and the fiddle's reverb tail dies away
    heard = harness.listen(1.0)
    expected = render(fiddle_muted, renderer)[earlier : earlier + len(heard)]
    assert np.allclose(heard, expected, atol=1e-6)


def test_the_song_ends_by_itself(harness: Harness) -> None:
    song = spaced_notes_song(0, [60])
    harness.player.play(song, start_seconds=1.0)
    for _ in range(PULLS_BEFORE_GIVING_UP):
        if harness.finished.is_set():
            break
        harness.stream.pull()
        threading.Event().wait(0.001)
    assert harness.finished.is_set()
    assert harness.player.state == "stopped"
    assert harness.player.position_seconds == 1.0  # back where play started
    assert harness.stream.closed
    assert not harness.errors


def test_a_vanishing_device_is_reported(harness: Harness) -> None:
    harness.player.play(d_major_tune())
    harness.listen(0.2)
    harness.stream.vanish()
    harness.wait_for(lambda: harness.errors)
    assert "audio device stopped while playing" in harness.errors[0]
    harness.wait_for(lambda: harness.player.state == "stopped")
    assert not [t for t in threading.enumerate() if t.name == "tessera-playback"]


def test_no_device_is_a_clear_error(renderer: NoteRenderer) -> None:
    def no_device(**_settings: Any) -> FakeStream:
        raise AudioDeviceError("no audio output device to play through")

    player = Player(renderer, stream_factory=no_device)
    with pytest.raises(AudioDeviceError, match="no audio output device"):
        player.play(d_major_tune())
    assert player.state == "stopped"
    assert not [t for t in threading.enumerate() if t.name == "tessera-playback"]


def test_the_real_sound_card_layer_fails_politely_without_a_device(
    renderer: NoteRenderer,
) -> None:
    if output_device_names():
        pytest.skip("this machine has an audio output device")
    with pytest.raises(AudioDeviceError, match=r"no audio output device|PortAudio"):
        Player(renderer).play(Song())


def test_loops_outside_the_song_are_refused() -> None:
    with pytest.raises(Exception, match="not inside the song's 8 bars"):
        bar_range_seconds(d_major_tune(), 6, 9)


@pytest.fixture(scope="module")
def jack_audio() -> Iterator[None]:
    with jack_audio_server():
        yield


REAL_DEVICE_PLAY = """
    import json, threading
    from engine.sound.render import NoteRenderer
    from engine.sound.playback import Player
    from engine.sound.timbre import TimbreModel
    from benchmarks.tunes import d_major_tune

    errors = []
    player = Player(NoteRenderer(TimbreModel(threads=1)), on_error=errors.append)
    player.play(d_major_tune(), start_seconds=1.0)
    for _ in range(20_000):  # a hang guard, not a timing assertion
        if player.position_seconds > 2.0 or errors:
            break
        threading.Event().wait(0.001)
    state, position, sounded = player.state, player.position_seconds, player.first_sound_at
    player.stop()
    print(json.dumps({"errors": errors, "state": state, "position": position,
                      "sounded": sounded is not None, "after_stop": player.position_seconds}))
"""


def test_plays_on_a_real_device(jack_audio: None) -> None:
    done = run_python(REAL_DEVICE_PLAY)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["errors"] == []
    assert result["state"] == "playing"
    assert result["position"] > 2.0
    assert result["sounded"]
    assert result["after_stop"] == 1.0
