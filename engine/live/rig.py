"""Wiring a live session to MIDI ports: open the keyboard and the output, connect, close.

`open_rig` is what the CLI and the app call; the session itself never opens ports, so tests can
hand it any output callback (a loopback port, or the internal synth once the audio engine
exists: `output` is any callable taking one raw message).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from engine.compose.midi_model import MidiModel
from engine.live.music import LiveSettings
from engine.live.ports import InputPort, LivePortError, Message, MidiPorts, OutputPort
from engine.live.session import EventCallback, LiveSession
from engine.live.timing import MIDI_CLOCK, ClockTempo
from engine.words import QT_TRANSLATE_NOOP


@dataclass
class LiveRig:
    session: LiveSession
    keyboard: InputPort
    output: OutputPort | None

    def close(self) -> None:
        """Stop the session (silencing every note) and close the ports; the output is closed
        even when the keyboard does not answer (whose error is raised after)."""
        self.session.stop()
        try:
            self.keyboard.close()
        finally:
            if self.output is not None:
                self.output.close()


def open_rig(
    ports: MidiPorts,
    model: MidiModel,
    settings: LiveSettings,
    input_name: str,
    output: str | Callable[[Message], None],
    *,
    virtual: bool = False,
    on_event: EventCallback | None = None,
    echo: Callable[[Message], None] | None = None,
) -> LiveRig:
    """Open the keyboard `input_name` and the output (a port name, or a callback such as an
    internal synth), and start a session between them. `virtual` creates both ports instead
    (Linux and macOS; Windows needs a loopback driver). `echo` also gets every keyboard
    message straight from the input thread (the internal synth, to hear one's own keys
    without the model in between)."""
    out_port = ports.open_output(output, virtual=virtual) if isinstance(output, str) else None
    send = out_port.send if out_port is not None else output
    assert callable(send)
    session = LiveSession(model, settings, send, on_event=on_event)

    def receive(message: Message) -> None:
        session.receive(message)
        if echo is not None:
            echo(message)

    try:
        keyboard = ports.open_input(input_name, receive, virtual=virtual)
    except LivePortError:
        if out_port is not None:
            out_port.close()
        raise
    session.input_alive = lambda: ports.check_alive(keyboard)
    session.start()
    return LiveRig(session, keyboard, out_port)


def tempo_from_clock(ports: MidiPorts, input_name: str, seconds: float = 3.0) -> float:
    """Listen to the input's MIDI clock for up to `seconds` and return its tempo in BPM."""
    estimate = ClockTempo()

    def pulse(message: Message) -> None:
        if message and message[0] == MIDI_CLOCK:
            estimate.pulse(time.monotonic())

    port = ports.open_input(input_name, pulse)
    try:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and estimate.pulses <= estimate.window:
            time.sleep(0.01)
    finally:
        port.close()
    if estimate.tempo_bpm is None:
        raise LivePortError(
            QT_TRANSLATE_NOOP(
                "LiveRig",
                "no MIDI clock arrived on {input_name!r} within {seconds:g} s: start "
                "the clock in the DAW or drum machine, or give a tempo with --bpm",
            ).format(input_name=input_name, seconds=seconds)
        )
    return estimate.tempo_bpm
