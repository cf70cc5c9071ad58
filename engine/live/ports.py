"""MIDI ports for live play: a protocol, python-rtmidi ports and an in-process loopback.

A port layer lists input and output names, opens an input with a callback that receives each raw
message (a tuple of bytes), and opens an output that sends raw messages. `RtMidiPorts` talks to
the platform's MIDI system through python-rtmidi (ALSA or JACK on Linux, CoreMIDI on macOS, WinMM
on Windows). `LoopbackPorts` is a deterministic in-process stand-in used by the tests and the
benchmark: a scripted player sends into an input, and every message sent to an output is kept
with the time it was sent.

An rtmidi keyboard is read by a thread of ours (`_Reader`), never by an rtmidi callback: on JACK
that callback runs in the process thread, which then waits for the Python interpreter lock while
the model or the session loop holds it, and a JACK client still busy when the next cycle starts
misses that cycle's events (a key played a few milliseconds after another was lost).

A keyboard unplugged mid-session is reported through `on_disconnect`, never raised from the
input thread: the rtmidi ports are checked against the system's port list by `check_alive`.

A MIDI system can hang as a sound card can (a JACK server killed, a USB device half gone): so
`RtMidiPorts` opens and closes each port with the audio device's time limit
(`engine.sound.device.call_with_timeout`). A port that does not answer in time is abandoned on
its thread (one that opens after all is closed there) and the caller gets
`PortNotAnsweringError` naming the port.
"""

from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from engine.errors import TesseraError
from engine.sound.device import DEVICE_TIMEOUT_SECONDS, DeviceNotAnsweringError, call_with_timeout
from engine.words import QT_TRANSLATE_NOOP

T = TypeVar("T")

Message = tuple[int, ...]
"""One raw MIDI message, e.g. (0x90, 60, 100) for a note-on of middle C."""

InputCallback = Callable[[Message], None]


PORT_TIMEOUT_SECONDS = DEVICE_TIMEOUT_SECONDS
"""How long opening or closing a MIDI port may take: healthy ports answer in milliseconds."""
INPUT_POLL_S = 0.001
"""How often an rtmidi keyboard's queue is read: 1 ms, against a sixteenth of 50 ms at 300 BPM."""


class LivePortError(TesseraError):
    """A MIDI port or MIDI system that cannot be used; the message says what to do instead."""


class PortNotAnsweringError(LivePortError):
    """A MIDI port did not open or close in time; it was abandoned."""


def within_time_limit(
    action: Callable[[], T],
    port: str,
    what: str,
    timeout_s: float = PORT_TIMEOUT_SECONDS,
    late: Callable[[T], object] | None = None,
) -> T:
    """`action()` (opening or closing the MIDI port described by `port`, e.g. "input 'Keys'"),
    or PortNotAnsweringError if it does not end within `timeout_s` (`late` gets a result that
    comes after all, see `call_with_timeout`)."""
    try:
        return call_with_timeout(action, what, timeout_s, late)
    except DeviceNotAnsweringError as err:
        raise PortNotAnsweringError(
            QT_TRANSLATE_NOOP(
                "LivePorts",
                "the MIDI {port} did not answer within {timeout_s:g} s while {what}, "
                "so it was let go: check that the device is connected and its MIDI "
                "system (ALSA or JACK) is running, then try again",
            ).format(port=port, timeout_s=timeout_s, what=what)
        ) from err


class OutputPort(Protocol):
    name: str

    def send(self, message: Message) -> None: ...

    def close(self) -> None: ...


class InputPort(Protocol):
    name: str

    def close(self) -> None: ...


class MidiPorts(Protocol):
    """What a live session needs from a MIDI system."""

    def input_names(self) -> list[str]: ...

    def output_names(self) -> list[str]: ...

    def open_input(
        self, name: str, callback: InputCallback, *, virtual: bool = False
    ) -> InputPort: ...

    def open_output(self, name: str, *, virtual: bool = False) -> OutputPort: ...

    def check_alive(self, port: InputPort) -> bool: ...


# --- loopback ---------------------------------------------------------------------------------


@dataclass
class LoopbackOutput:
    """An output that keeps every message with the time `clock()` gave when it was sent."""

    name: str
    clock: Callable[[], float]
    sent: list[tuple[float, Message]] = field(default_factory=list)
    closed: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)

    def send(self, message: Message) -> None:
        with self.lock:
            self.sent.append((self.clock(), tuple(message)))

    def close(self) -> None:
        self.closed = True

    def messages(self) -> list[tuple[float, Message]]:
        with self.lock:
            return list(self.sent)


@dataclass
class LoopbackInput:
    name: str
    callback: InputCallback | None
    closed: bool = False

    def close(self) -> None:
        self.closed = True
        self.callback = None


class LoopbackPorts:
    """In-process MIDI ports: `play(name, message)` delivers to the input opened under `name`."""

    def __init__(
        self,
        inputs: tuple[str, ...] = ("Loopback Keyboard",),
        outputs: tuple[str, ...] = ("Loopback Synth",),
        clock: Callable[[], float] | None = None,
    ) -> None:
        import time

        self._inputs = list(inputs)
        self._outputs = list(outputs)
        self._clock = clock or time.monotonic
        self.opened_inputs: dict[str, LoopbackInput] = {}
        self.opened_outputs: dict[str, LoopbackOutput] = {}

    def input_names(self) -> list[str]:
        return list(self._inputs)

    def output_names(self) -> list[str]:
        return list(self._outputs)

    def open_input(
        self, name: str, callback: InputCallback, *, virtual: bool = False
    ) -> LoopbackInput:
        if virtual and name not in self._inputs:
            self._inputs.append(name)
        _check_name(name, self._inputs, "input")
        port = LoopbackInput(name, callback)
        self.opened_inputs[name] = port
        return port

    def open_output(self, name: str, *, virtual: bool = False) -> LoopbackOutput:
        if virtual and name not in self._outputs:
            self._outputs.append(name)
        _check_name(name, self._outputs, "output")
        port = LoopbackOutput(name, self._clock)
        self.opened_outputs[name] = port
        return port

    def play(self, name: str, message: Message) -> None:
        """Deliver a message to the open input `name`, as a keyboard would."""
        port = self.opened_inputs.get(name)
        if port is not None and port.callback is not None:
            port.callback(tuple(message))

    def unplug(self, name: str) -> None:
        """Remove an input from the system, as pulling a USB keyboard's cable does."""
        if name in self._inputs:
            self._inputs.remove(name)

    def check_alive(self, port: InputPort) -> bool:
        return port.name in self._inputs


def _check_name(name: str, names: list[str], kind: str) -> None:
    if name not in names:
        shown = ", ".join(repr(n) for n in names) or "none"
        raise LivePortError(
            QT_TRANSLATE_NOOP(
                "LivePorts", "there is no MIDI {kind} named {name!r}; the {kind}s are: {shown}"
            ).format(kind=kind, name=name, shown=shown)
        )


# --- python-rtmidi ------------------------------------------------------------------------------


def _import_rtmidi() -> Any:
    try:
        import rtmidi  # type: ignore[import-untyped]  # python-rtmidi ships no type hints
    except ImportError as err:
        raise LivePortError(
            QT_TRANSLATE_NOOP(
                "LivePorts",
                "live MIDI needs python-rtmidi, which is not installed: pip install python-rtmidi",
            )
        ) from err
    return rtmidi


def no_virtual_ports_message() -> str:
    return (
        "this platform (Windows) cannot create virtual MIDI ports: install a loopback driver "
        "such as loopMIDI, create a port there, and choose it by name"
    )


class _Reader:
    """Hands an rtmidi input's messages to its callback from a thread of ours.

    rtmidi keeps each message in its own queue, filled in the MIDI system's thread without
    Python (see the module docstring for why no rtmidi callback is used); this thread empties
    the queue every `INPUT_POLL_S`, in order, so a message can wait for the interpreter lock
    here without the MIDI system missing the next one."""

    def __init__(self, handle: Any, callback: InputCallback, name: str) -> None:
        self._handle, self._callback = handle, callback
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"midi in {name}", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stopped.is_set():
            while (event := self._handle.get_message()) is not None:
                self._callback(tuple(event[0]))
            self._stopped.wait(INPUT_POLL_S)

    def stop(self) -> None:
        """Stop reading (the port may be closed after this returns)."""
        self._stopped.set()
        if threading.current_thread() is not self._thread:
            self._thread.join()


@dataclass
class _RtPort:
    name: str
    handle: Any
    virtual: bool
    kind: str = "input"
    timeout_s: float = PORT_TIMEOUT_SECONDS
    reader: _Reader | None = None

    def send(self, message: Message) -> None:
        self.handle.send_message(list(message))

    def close(self) -> None:
        """Close the port, or PortNotAnsweringError naming it when it does not close in time."""
        within_time_limit(self.close_now, f"{self.kind} {self.name!r}", "closing", self.timeout_s)

    def close_now(self) -> None:
        if self.reader is not None:
            self.reader.stop()
        self.handle.close_port()
        self.handle.delete()


def _close_late(port: _RtPort) -> None:
    """Close a port that opened after its caller gave up (on the thread that opened it)."""
    with contextlib.suppress(Exception):  # nobody is left to tell: it is let go either way
        port.close_now()


class RtMidiPorts:
    """The platform's MIDI system through python-rtmidi.

    `api` is an rtmidi API constant (e.g. `rtmidi.API_UNIX_JACK`); by default rtmidi chooses
    (ALSA on Linux). A missing MIDI system raises `LivePortError` naming the fix.
    """

    def __init__(
        self,
        api: int | None = None,
        client_name: str = "Tessera",
        *,
        timeout_s: float = PORT_TIMEOUT_SECONDS,
        rtmidi: Any = None,
    ) -> None:
        """`timeout_s`: how long opening or closing a port may take; `rtmidi`: the module
        (default: python-rtmidi; tests pass a stand-in)."""
        self._rtmidi = rtmidi or _import_rtmidi()
        self.timeout_s = timeout_s
        self.api = self._rtmidi.API_UNSPECIFIED if api is None else api
        self.client_name = client_name
        self._probe_in = self._new(self._rtmidi.MidiIn)
        self._probe_out = self._new(self._rtmidi.MidiOut)

    @classmethod
    def jack(cls) -> RtMidiPorts:
        rtmidi = _import_rtmidi()
        return cls(api=rtmidi.API_UNIX_JACK)

    def _new(self, kind: Any) -> Any:
        try:
            return kind(rtapi=self.api, name=self.client_name)
        except self._rtmidi.SystemError as err:
            raise LivePortError(
                QT_TRANSLATE_NOOP(
                    "LivePorts",
                    "no MIDI system is available ({err}): on Linux load the ALSA sequencer "
                    "(modprobe snd-seq) or start JACK (jackd -d dummy); on Windows and "
                    "macOS check that the keyboard's driver is installed",
                ).format(err=err)
            ) from err

    def input_names(self) -> list[str]:
        return list(self._probe_in.get_ports())

    def output_names(self) -> list[str]:
        return list(self._probe_out.get_ports())

    def _open(self, handle: Any, name: str, kind: str, virtual: bool) -> None:
        if virtual:
            if sys.platform == "win32":
                raise LivePortError(no_virtual_ports_message())
            handle.open_virtual_port(name)
            return
        names = list(handle.get_ports())  # this handle's own numbering of the ports
        matches = [i for i, n in enumerate(names) if n == name] or [
            i for i, n in enumerate(names) if name in n
        ]
        if not matches:
            _check_name(name, names, kind)
        handle.open_port(matches[0], name=f"{self.client_name} {kind}")

    def _port(self, kind: str, name: str, virtual: bool, prepare: Callable[[Any], None]) -> _RtPort:
        """Open the `kind` port `name` within the time limit (see the module's docstring)."""

        def open_now() -> _RtPort:
            handle = self._new(self._rtmidi.MidiIn if kind == "input" else self._rtmidi.MidiOut)
            try:
                prepare(handle)
                self._open(handle, name, kind, virtual)
            except BaseException:
                handle.delete()
                raise
            return _RtPort(name, handle, virtual, kind, self.timeout_s)

        return within_time_limit(
            open_now, f"{kind} {name!r}", "opening", self.timeout_s, _close_late
        )

    def open_input(self, name: str, callback: InputCallback, *, virtual: bool = False) -> _RtPort:
        """Open the input `name`; `callback` gets each message on a reader thread (`_Reader`)."""

        def prepare(handle: Any) -> None:
            handle.ignore_types(sysex=True, timing=False, active_sense=True)

        port = self._port("input", name, virtual, prepare)
        port.reader = _Reader(port.handle, callback, name)
        return port

    def open_output(self, name: str, *, virtual: bool = False) -> _RtPort:
        return self._port("output", name, virtual, lambda _handle: None)

    def check_alive(self, port: InputPort) -> bool:
        """False once a hardware input has left the system (virtual ports are ours)."""
        if isinstance(port, _RtPort) and port.virtual:
            return True
        return any(port.name in n for n in self.input_names())
