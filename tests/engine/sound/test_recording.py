"""The microphone recorder through a fake input stream: it keeps what the callback hands over,
stops at its limit, meters the level, and says so when there is no microphone."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from engine.sound.playback import AudioDeviceError
from engine.sound.recording import RECORD_RATE_HZ, Recorder


class FakeInput:
    def __init__(self, **settings: Any) -> None:
        self.samplerate = settings["samplerate"]
        self.callback = settings["callback"]
        self.running = False

    def start(self) -> None:
        self.running = True

    def stop(self) -> None:
        self.running = False

    def close(self) -> None:
        pass

    def feed(self, audio: np.ndarray, block: int = 256) -> None:
        for first in range(0, len(audio), block):
            chunk = audio[first : first + block, None]
            self.callback(chunk, len(chunk), None, None)


def _recorder(max_seconds: float = 10.0) -> tuple[Recorder, list[FakeInput]]:
    streams: list[FakeInput] = []

    def open_input(**settings: Any) -> FakeInput:
        streams.append(FakeInput(**settings))
        return streams[-1]

    return Recorder(open_input, max_seconds=max_seconds), streams


def test_a_take_is_what_the_microphone_heard() -> None:
    recorder, streams = _recorder()
    recorder.start()
    assert recorder.recording
    assert streams[0].running
    assert streams[0].samplerate == RECORD_RATE_HZ
    sound = np.sin(np.arange(RECORD_RATE_HZ) * 0.05).astype(np.float32) * 0.5
    streams[0].feed(sound)
    assert recorder.level == pytest.approx(np.abs(sound[-(len(sound) % 256) :]).max())
    assert recorder.seconds == pytest.approx(1.0)
    take, rate = recorder.stop()
    assert rate == RECORD_RATE_HZ
    assert np.array_equal(take, sound)
    assert not recorder.recording
    assert not streams[0].running


def test_a_take_stops_growing_at_the_limit() -> None:
    recorder, streams = _recorder(max_seconds=0.5)
    recorder.start()
    streams[0].feed(np.ones(RECORD_RATE_HZ, dtype=np.float32) * 0.1)
    take, _ = recorder.stop()
    assert len(take) == RECORD_RATE_HZ // 2


def test_no_microphone_is_a_clear_error() -> None:
    def none(**_settings: Any) -> FakeInput:
        raise AudioDeviceError("no microphone to record from")

    recorder = Recorder(none)
    with pytest.raises(AudioDeviceError, match="no microphone"):
        recorder.start()
    assert not recorder.recording
    take, _ = recorder.stop()
    assert len(take) == 0
