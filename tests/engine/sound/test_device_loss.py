"""A sound card that stops answering never holds the player up: a stream that hangs in stop or
close, or in opening, is abandoned after the device timeout with a message; a device that
stops calling back counts as lost; and a real JACK server killed mid-play ends playback with
that message, in a child process that then exits by itself, without a hang."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from benchmarks.tunes import d_major_tune
from engine.sound.device import NOT_ANSWERING, DeviceNotAnsweringError, call_with_timeout
from engine.sound.playback import STALL_SECONDS, Player
from engine.sound.render import NoteRenderer
from tests.helpers.fake_stream import FakeStream, HangingStream
from tests.helpers.jack_server import PROJECT_ROOT, jack_audio_server

TIMEOUT_S = 0.3
"""A short device timeout, so the tests wait little."""
HANG_GUARD_S = 20.0
"""How long a call may take before a test calls it hung (many times the timeout)."""


@pytest.fixture
def hanging() -> Iterator[list[HangingStream]]:
    streams: list[HangingStream] = []
    yield streams
    for stream in streams:
        stream.release()


def _in_time(action: Any) -> bool:
    """Whether `action()` returns within the hang guard (run on a thread so a hang is a test
    failure, not a stuck test run)."""
    thread = threading.Thread(target=action, daemon=True)
    thread.start()
    thread.join(HANG_GUARD_S)
    return not thread.is_alive()


def test_a_stream_that_hangs_in_stop_is_abandoned_with_a_message(
    renderer: NoteRenderer, hanging: list[HangingStream]
) -> None:
    def open_hanging(**settings: Any) -> HangingStream:
        hanging.append(HangingStream(**settings))
        return hanging[-1]

    errors: list[str] = []
    player = Player(
        renderer, stream_factory=open_hanging, on_error=errors.append, device_timeout_s=TIMEOUT_S
    )
    player.play(d_major_tune())
    hanging[-1].pull()
    assert _in_time(player.stop)
    assert hanging[-1].hung.is_set()  # it was asked, and did not answer
    assert player.state == "stopped"
    assert errors == [NOT_ANSWERING]
    assert not [t for t in threading.enumerate() if t.name == "tessera-playback"]


def test_a_device_that_hangs_when_opened_is_a_clear_error(renderer: NoteRenderer) -> None:
    released = threading.Event()
    late: list[FakeStream] = []

    def open_slowly(**settings: Any) -> FakeStream:
        released.wait(HANG_GUARD_S)
        late.append(FakeStream(**settings))
        return late[-1]

    player = Player(renderer, stream_factory=open_slowly, device_timeout_s=TIMEOUT_S)
    with pytest.raises(DeviceNotAnsweringError, match=r"not answer within 0\.3 s while opening"):
        player.play(d_major_tune())
    assert player.state == "stopped"
    released.set()
    for _ in range(2000):  # a hang guard: the stream that opened late is closed, not leaked
        if late and late[0].closed:
            break
        threading.Event().wait(0.005)
    assert late[0].closed


def test_a_device_that_stops_calling_back_is_lost(renderer: NoteRenderer) -> None:
    streams: list[FakeStream] = []

    def open_fake(**settings: Any) -> FakeStream:
        streams.append(FakeStream(**settings))
        return streams[-1]

    errors: list[str] = []
    done = threading.Event()

    def lost(text: str) -> None:
        errors.append(text)
        done.set()

    player = Player(renderer, stream_factory=open_fake, on_error=lost, watch_device=True)
    player.play(d_major_tune())
    streams[-1].pull()  # it called back once, then went silent (a killed JACK server)
    assert done.wait(STALL_SECONDS * 5), "the silent device was never noticed"
    assert errors == [NOT_ANSWERING]
    assert player.state == "stopped"


def test_an_operation_error_reaches_the_caller_as_it_was() -> None:
    def refuse() -> None:
        raise ValueError("no such device")

    with pytest.raises(ValueError, match="no such device"):
        call_with_timeout(refuse, "opening", TIMEOUT_S)


KILLED_MID_PLAY = """
    import json, threading
    from engine.sound.render import NoteRenderer
    from engine.sound.playback import Player
    from engine.sound.timbre import TimbreModel
    from benchmarks.tunes import d_major_tune

    errors, lost = [], threading.Event()
    player = Player(NoteRenderer(TimbreModel(threads=1)),
                    on_error=lambda text: (errors.append(text), lost.set()))
    player.play(d_major_tune(), loop=(0.0, 8.0))
    for _ in range(20_000):  # a hang guard, not a timing assertion
        if player.position_seconds > 1.0 or errors:
            break
        threading.Event().wait(0.001)
    print("PLAYING", flush=True)
    noticed = lost.wait(60)
    stopper = threading.Thread(target=player.stop, daemon=True)
    stopper.start()
    stopper.join(30)
    print(json.dumps({"errors": errors, "noticed": noticed, "state": player.state,
                      "stop_returned": not stopper.is_alive()}), flush=True)
    # and it exits normally: PortAudio's clean-up at exit no longer waits on the dead server
"""


def test_a_killed_jack_server_stops_playback_with_a_message() -> None:
    with jack_audio_server() as server:
        if server is None:
            pytest.skip("a JACK server this test did not start is running: it is not killed")
        child = subprocess.Popen(
            [sys.executable, "-c", textwrap.dedent(KILLED_MID_PLAY)],
            cwd=PROJECT_ROOT,
            env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None
        first = child.stdout.readline()
        assert first.strip() == "PLAYING", child.communicate(timeout=60)[1][-2000:]
        server.kill()
        server.wait(timeout=10)
        out, err = child.communicate(timeout=120)
    assert child.returncode == 0, err[-2000:]
    result = json.loads(out.strip().splitlines()[-1])
    assert result["noticed"], result
    assert result["errors"] == [NOT_ANSWERING]
    assert result["state"] == "stopped"
    assert result["stop_returned"]
