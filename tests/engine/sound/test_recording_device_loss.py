"""A microphone that stops answering or goes away never costs the take: one that hangs in
stop is abandoned after the time limit and what it heard is returned; one that hangs while
opening is an error naming the microphone; one that is unplugged mid-take says so and keeps
what came before; and a stream abandoned that way never writes into the next take."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import pytest

from engine.sound.device import DeviceNotAnsweringError
from engine.sound.recording import LOST, NOT_ANSWERING, RECORD_RATE_HZ, Recorder
from tests.helpers.fake_stream import FakeMicrophone, HangingMicrophone

TIMEOUT_S = 0.3
"""A short device timeout, so the tests wait little."""
HANG_GUARD_S = 20.0
"""How long a call may take before a test calls it hung (many times the timeout)."""


@pytest.fixture
def hanging() -> Iterator[list[HangingMicrophone]]:
    microphones: list[HangingMicrophone] = []
    yield microphones
    for microphone in microphones:
        microphone.release()


def _in_time(action: Callable[[], Any]) -> list[Any]:
    """`action()`'s result (in a list) if it returns within the hang guard, else [] (run on a
    thread so a hang is a test failure, not a stuck test run)."""
    result: list[Any] = []
    thread = threading.Thread(target=lambda: result.append(action()), daemon=True)
    thread.start()
    thread.join(HANG_GUARD_S)
    return result


def _sound(seconds: float) -> np.ndarray:
    samples = np.arange(round(seconds * RECORD_RATE_HZ))
    sound: np.ndarray = (0.4 * np.sin(samples * 0.03)).astype(np.float32)
    return sound


def test_a_microphone_that_hangs_in_stop_keeps_the_take(
    hanging: list[HangingMicrophone],
) -> None:
    def open_hanging(**settings: Any) -> HangingMicrophone:
        hanging.append(HangingMicrophone(**settings))
        return hanging[-1]

    recorder = Recorder(open_hanging, device_timeout_s=TIMEOUT_S)
    recorder.start()
    heard = _sound(0.5)
    hanging[0].feed(heard)
    stopped = _in_time(recorder.stop)
    assert stopped, "stop waited on a microphone that never answered"
    take, rate = stopped[0]
    assert hanging[0].hung.is_set()  # it was asked to stop, and hung there
    assert np.array_equal(take, heard)
    assert rate == RECORD_RATE_HZ
    assert not recorder.recording
    assert recorder.problem == NOT_ANSWERING


def test_an_abandoned_microphone_never_writes_into_the_next_take(
    hanging: list[HangingMicrophone],
) -> None:
    streams: list[FakeMicrophone] = []

    def open_one(**settings: Any) -> FakeMicrophone:
        kind = HangingMicrophone if not streams else FakeMicrophone
        streams.append(kind(**settings))
        if isinstance(streams[-1], HangingMicrophone):
            hanging.append(streams[-1])
        return streams[-1]

    recorder = Recorder(open_one, device_timeout_s=TIMEOUT_S)
    recorder.start()
    streams[0].feed(_sound(0.2))
    assert _in_time(recorder.stop)
    recorder.start()  # a working microphone now
    assert recorder.problem == ""
    second = _sound(0.3)[::-1].copy()
    streams[1].feed(second)
    streams[0].feed(np.ones(RECORD_RATE_HZ, dtype=np.float32))  # the old one, still going
    take, _ = recorder.stop()
    assert np.array_equal(take, second)
    assert recorder.problem == ""


def test_a_microphone_that_hangs_while_opening_is_an_error_naming_it() -> None:
    release = threading.Event()

    def never_opens(**_settings: Any) -> FakeMicrophone:
        release.wait(HANG_GUARD_S)
        raise OSError("the device is gone")

    def start() -> str:
        try:
            recorder.start()
        except DeviceNotAnsweringError as err:
            return str(err)
        return "it started"

    recorder = Recorder(never_opens, device_timeout_s=TIMEOUT_S)
    try:
        failed = _in_time(start)
    finally:
        release.set()
    assert failed, "start waited on a microphone that never opened"
    (text,) = failed
    assert "microphone did not answer" in text
    assert "opening" in text
    assert not recorder.recording


def test_a_microphone_unplugged_mid_take_says_so_and_keeps_the_take() -> None:
    streams: list[FakeMicrophone] = []
    lost: list[bool] = []

    def open_input(**settings: Any) -> FakeMicrophone:
        streams.append(FakeMicrophone(**settings))
        return streams[-1]

    recorder = Recorder(open_input, device_timeout_s=TIMEOUT_S)
    recorder.start(on_lost=lambda: lost.append(True))
    heard = _sound(0.4)
    streams[0].feed(heard)
    streams[0].vanish()  # PortAudio ends the stream of an unplugged device
    assert lost == [True]
    assert recorder.problem == LOST
    take, _ = recorder.stop()
    assert np.array_equal(take, heard)


def test_stopping_is_not_taken_for_a_lost_microphone() -> None:
    streams: list[FakeMicrophone] = []
    lost: list[bool] = []

    class EndsOnStop(FakeMicrophone):
        def stop(self) -> None:  # PortAudio calls the finished callback on a stop, too
            super().stop()
            self.vanish()

    def open_input(**settings: Any) -> FakeMicrophone:
        streams.append(EndsOnStop(**settings))
        return streams[-1]

    recorder = Recorder(open_input, device_timeout_s=TIMEOUT_S)
    recorder.start(on_lost=lambda: lost.append(True))
    streams[0].feed(_sound(0.1))
    recorder.stop()
    assert lost == []
    assert recorder.problem == ""
