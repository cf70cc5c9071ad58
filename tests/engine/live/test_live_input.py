"""A key played a few milliseconds after another reaches the recording while Python is busy.

The seventh note of the CLI's JACK test was lost now and then: the player lets go of A4 and
plays G4 12.5 ms later (240 BPM), just as the session submits an answer and the model starts
writing, both holding the Python interpreter lock. With an rtmidi callback, JACK's process
thread must take that lock before it can hand over the A4 release; a JACK client still inside
its process callback when the next cycle starts misses that cycle, so the G4 never arrived.

`JackLikeRtMidi` stands in for python-rtmidi on JACK exactly as far as that goes, without real
time: `cycle(message)` is one process cycle carrying one message; with a callback installed the
process thread takes `interpreter_lock` (which the test holds, as the model does) and calls it;
without one the message goes to rtmidi's own queue (`get_message`), filled without Python. A
cycle that comes while the last one is still running is missed. Everything above it is real:
`RtMidiPorts`, the `LiveSession` with the shipped model, its recording.
"""

from __future__ import annotations

import functools
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from engine.compose.midi_model import MidiModel
from engine.live.music import LiveSettings
from engine.live.ports import Message, RtMidiPorts
from engine.live.session import LiveSession
from engine.live.timing import ManualClock
from tests.helpers.live_player import C_MAJOR_PHRASE, phrase_events

TEMPO = 240.0
WAIT_S = 10.0
"""How long a handed-over message may take to reach the session before the test gives up."""


class JackLikeRtMidi:
    """The python-rtmidi module on JACK, as far as a missed process cycle goes (see above)."""

    API_UNSPECIFIED = 0
    SystemError = RuntimeError

    def __init__(self) -> None:
        self.interpreter_lock = threading.Lock()
        self.inputs: list[Any] = []
        module = self

        class MidiIn(JackLikeInput):
            def __init__(self, rtapi: int, name: str) -> None:
                super().__init__(module)

        self.MidiIn = MidiIn
        self.MidiOut = MidiIn


class JackLikeInput:
    def __init__(self, module: JackLikeRtMidi) -> None:
        self.module = module
        self.callback: Callable[[tuple[list[int], float], object], None] | None = None
        self.queue: deque[list[int]] = deque()
        self.process_running = False
        self.missed: list[Message] = []
        self.opened = False

    def get_ports(self) -> list[str]:
        return []

    def ignore_types(self, **_kinds: bool) -> None:
        pass

    def set_callback(self, callback: Callable[[tuple[list[int], float], object], None]) -> None:
        self.callback = callback

    def open_virtual_port(self, name: str) -> None:
        self.opened = True
        self.module.inputs.append(self)

    def get_message(self) -> tuple[list[int], float] | None:
        return (self.queue.popleft(), 0.0) if self.queue else None

    def close_port(self) -> None:
        self.opened = False

    def delete(self) -> None:
        pass

    def cycle(self, message: Message) -> None:
        """One JACK process cycle carrying `message` (see the module docstring)."""
        if self.process_running:
            self.missed.append(message)  # the port buffer is rewritten next cycle: it is gone
            return
        callback = self.callback
        if callback is None:
            self.queue.append(list(message))
            return
        self.process_running = True

        def process() -> None:
            with self.module.interpreter_lock:
                callback((list(message), 0.0), None)
            self.process_running = False

        threading.Thread(target=process, daemon=True).start()


def _wait_for(done: Callable[[], bool]) -> None:
    deadline = time.monotonic() + WAIT_S
    while not done():
        assert time.monotonic() < deadline, "a message handed over never reached the session"
        time.sleep(0.001)


def _delivered(keys: JackLikeInput, received: list[Message], handed: int) -> bool:
    """Every message handed to `keys` so far reached the session or was missed."""
    return len(received) == handed - len(keys.missed) and not keys.process_running


def _play_phrase(midi_model: MidiModel) -> tuple[LiveSession, JackLikeInput]:
    """Play the CLI test's phrase at its tempo; the interpreter lock is held from the A4
    release to the G4 after it, as the answer being written holds it."""
    rtmidi = JackLikeRtMidi()
    clock = ManualClock(100.0)
    settings = LiveSettings(tempo_bpm=TEMPO)
    session = LiveSession(midi_model, settings, lambda m: None, clock=clock, threaded=False)
    received: list[Message] = []

    def receive(message: Message) -> None:
        received.append(message)
        session.receive(message)

    RtMidiPorts(api=0, rtmidi=rtmidi).open_input("keys", receive, virtual=True)
    keys = rtmidi.inputs[-1]
    session.start()
    events = phrase_events(C_MAJOR_PHRASE, TEMPO, offset_s=0.5)
    busy_from = next(i for i, (_, m) in enumerate(events) if m == (0x80, 69, 0))  # G4 next
    for index, (due_s, message) in enumerate(events):
        clock.time_s = session.start_s + due_s
        if index == busy_from:
            rtmidi.interpreter_lock.acquire()
        keys.cycle(message)
        if index == busy_from + 1:
            rtmidi.interpreter_lock.release()
        if index != busy_from:
            _wait_for(functools.partial(_delivered, keys, received, index + 1))
            session.step()
    clock.time_s += 2.0
    session.step()
    session.stop()
    return session, keys


def test_a_key_right_after_a_release_is_recorded_while_python_is_busy(
    midi_model: MidiModel,
) -> None:
    session, keys = _play_phrase(midi_model)
    recorded = session.recording().tracks[0].notes
    assert [n.pitch for n in recorded] == [pitch for _, pitch, _ in C_MAJOR_PHRASE]
    assert keys.missed == []
    assert keys.callback is None, "an rtmidi callback runs Python in JACK's process thread"


def _record_bunched(midi_model: MidiModel, together: set[int]) -> list[int]:
    """The phrase played straight into a session; the messages whose indexes are in `together`
    arrive in one step with the message before them (as a late transport hands them over)."""
    clock = ManualClock(100.0)
    settings = LiveSettings(tempo_bpm=TEMPO)
    session = LiveSession(midi_model, settings, lambda m: None, clock=clock, threaded=False)
    session.start()
    for index, (due_s, message) in enumerate(phrase_events(C_MAJOR_PHRASE, TEMPO, offset_s=0.5)):
        if index not in together:
            session.step()
            clock.time_s = session.start_s + due_s
        session.receive(message)
    session.step()
    clock.time_s += 2.0
    session.step()
    session.stop()
    return [n.pitch for n in session.recording().tracks[0].notes]


def test_the_session_records_every_note_however_the_messages_are_bunched(
    midi_model: MidiModel,
) -> None:
    """The session itself never lost the seventh note: a release and the next key in one
    step, a key and its own release in one step, or the whole second bar at once."""
    pitches = [pitch for _, pitch, _ in C_MAJOR_PHRASE]
    assert _record_bunched(midi_model, set()) == pitches
    assert _record_bunched(midi_model, {12}) == pitches  # A4 let go and G4 played at once
    assert _record_bunched(midi_model, {13}) == pitches  # G4 played and let go at once
    # All at once, the notes share an onset and are kept in pitch order; none is lost.
    assert sorted(_record_bunched(midi_model, set(range(9, 16)))) == sorted(pitches)
