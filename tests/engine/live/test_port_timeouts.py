"""MIDI ports have the audio device's time limits: a port that hangs while opening or closing
is abandoned after the limit with an error naming the port (one that opens after all is closed
on its own thread), and healthy ports open, send and close as before.

The MIDI system here is a stand-in for the python-rtmidi module whose ports hang on request,
the way a MIDI system whose JACK server was killed does; everything above it is the real
`RtMidiPorts`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest

from engine.live.ports import LivePortError, PortNotAnsweringError, RtMidiPorts
from engine.live.rig import LiveRig

TIMEOUT_S = 0.3
"""A short port timeout, so the tests wait little."""
HANG_GUARD_S = 20.0
"""How long a call may take before a test calls it hung (many times the timeout)."""
PORTS = ["Keys 20:0", "Synth 21:0"]


class FakeRtMidi:
    """Stands in for the python-rtmidi module: `MidiIn` and `MidiOut` handles on two ports;
    those whose calls are listed in `hang_in` block there until `release()`."""

    API_UNSPECIFIED = 0
    SystemError = RuntimeError

    def __init__(self) -> None:
        self.hang_in: set[str] = set()
        self.handles: list[FakeHandle] = []
        self._released = threading.Event()
        self.hung = threading.Event()
        module = self

        class MidiIn(FakeHandle):
            def __init__(self, rtapi: int, name: str) -> None:
                super().__init__(module)

        self.MidiIn = MidiIn
        self.MidiOut = MidiIn

    def wait_if_hanging(self, call: str) -> None:
        if call in self.hang_in:
            self.hung.set()
            self._released.wait(HANG_GUARD_S)

    def release(self) -> None:
        self._released.set()


class FakeHandle:
    def __init__(self, module: FakeRtMidi) -> None:
        self.module = module
        self.opened: str | None = None
        self.closed = self.deleted = False
        self.sent: list[list[int]] = []
        module.handles.append(self)

    def get_ports(self) -> list[str]:
        return list(PORTS)

    def ignore_types(self, **_kinds: bool) -> None:
        pass

    def set_callback(self, _callback: Callable[..., None]) -> None:
        pass

    def get_message(self) -> None:
        return None  # nobody plays these keys

    def open_port(self, number: int, name: str = "") -> None:
        self.module.wait_if_hanging("open_port")
        self.opened = PORTS[number]

    def send_message(self, message: list[int]) -> None:
        self.sent.append(message)

    def close_port(self) -> None:
        self.module.wait_if_hanging("close_port")
        self.closed = True

    def delete(self) -> None:
        self.deleted = True


@pytest.fixture
def rtmidi() -> Iterator[FakeRtMidi]:
    module = FakeRtMidi()
    yield module
    module.release()


def _ports(rtmidi: FakeRtMidi) -> RtMidiPorts:
    return RtMidiPorts(timeout_s=TIMEOUT_S, rtmidi=rtmidi)


def _failure(action: Callable[[], object]) -> list[LivePortError]:
    """The LivePortError `action()` raised, if it returned within the hang guard (run on a
    thread so a hang is a test failure, not a stuck test run); [] if it hung."""
    raised: list[LivePortError] = []

    def run() -> None:
        try:
            action()
        except LivePortError as err:
            raised.append(err)
        else:
            raised.append(LivePortError("no error was raised"))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(HANG_GUARD_S)
    return raised


def test_healthy_ports_open_send_and_close(rtmidi: FakeRtMidi) -> None:
    ports = _ports(rtmidi)
    keys = ports.open_input("Keys", lambda _message: None)
    synth = ports.open_output("Synth")
    synth.send((0x90, 60, 100))
    keys.close()
    synth.close()
    opened = {h.opened: h for h in rtmidi.handles if h.opened}
    assert set(opened) == set(PORTS)
    assert opened["Synth 21:0"].sent == [[0x90, 60, 100]]
    assert all(h.closed and h.deleted for h in opened.values())


def test_a_port_that_hangs_while_opening_is_an_error_naming_it(rtmidi: FakeRtMidi) -> None:
    ports = _ports(rtmidi)
    rtmidi.hang_in.add("open_port")
    (failure,) = _failure(lambda: ports.open_input("Keys", lambda _message: None))
    assert isinstance(failure, PortNotAnsweringError)
    text = str(failure)
    assert "MIDI input 'Keys'" in text
    assert "did not answer within 0.3 s while opening" in text
    assert rtmidi.hung.is_set()
    handle = rtmidi.handles[-1]  # the one being opened (after the two probes)
    assert handle.opened is None
    rtmidi.release()  # the port opens after all, with nobody waiting: it is closed there
    assert _wait_for(lambda: handle.closed and handle.deleted)


def test_a_port_that_hangs_while_closing_is_an_error_naming_it(rtmidi: FakeRtMidi) -> None:
    ports = _ports(rtmidi)
    synth = ports.open_output("Synth")
    rtmidi.hang_in.add("close_port")
    (failure,) = _failure(synth.close)
    assert isinstance(failure, PortNotAnsweringError)
    assert "MIDI output 'Synth'" in str(failure)
    assert "while closing" in str(failure)


def test_a_port_that_is_not_there_is_still_the_plain_error(rtmidi: FakeRtMidi) -> None:
    ports = _ports(rtmidi)
    (failure,) = _failure(lambda: ports.open_output("Organ"))
    assert not isinstance(failure, PortNotAnsweringError)
    assert "no MIDI output named 'Organ'" in str(failure)
    assert all(h.deleted for h in rtmidi.handles[2:])  # the probes stay; the new handle went


def _wait_for(condition: Callable[[], bool]) -> bool:
    done = threading.Event()
    for _ in range(int(HANG_GUARD_S * 100)):
        if condition():
            return True
        done.wait(0.01)
    return False


def test_a_keyboard_that_does_not_answer_on_close_still_lets_the_output_close() -> None:
    closed: list[str] = []

    class Session:
        def stop(self) -> None:
            closed.append("session")

    class Keyboard:
        def close(self) -> None:
            raise PortNotAnsweringError("the MIDI input 'Keys' did not answer")

    class Output:
        def close(self) -> None:
            closed.append("output")

    rig = LiveRig(Session(), Keyboard(), Output())  # type: ignore[arg-type]
    with pytest.raises(PortNotAnsweringError, match="'Keys' did not answer"):
        rig.close()
    assert closed == ["session", "output"]
