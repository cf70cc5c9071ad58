"""A scripted player for the live tests (helpers only, no tests): plays phrases into a loopback
input on a manual clock."""

from __future__ import annotations

from engine.live.ports import LoopbackPorts
from engine.live.session import LiveSession
from engine.live.timing import ManualClock

KEYBOARD = "Loopback Keyboard"
SYNTH = "Loopback Synth"

# A phrase in C major over two bars of 4/4: (beat, pitch, length in beats).
C_MAJOR_PHRASE = (
    (0.0, 60, 0.9),
    (1.0, 64, 0.9),
    (2.0, 67, 0.9),
    (3.0, 72, 0.9),
    (4.0, 71, 0.45),
    (4.5, 69, 0.45),
    (5.0, 67, 0.9),
    (6.0, 65, 0.9),
)


def phrase_events(
    phrase: tuple[tuple[float, int, float], ...], tempo_bpm: float, offset_s: float = 0.0
) -> list[tuple[float, tuple[int, ...]]]:
    """(time from the session start in seconds, message) for each note-on and note-off."""
    beat_s = 60.0 / tempo_bpm
    events = []
    for beat, pitch, length in phrase:
        events.append((offset_s + beat * beat_s, (0x90, pitch, 90)))
        events.append((offset_s + (beat + length) * beat_s, (0x80, pitch, 0)))
    return sorted(events)


def drive(
    session: LiveSession,
    ports: LoopbackPorts,
    clock: ManualClock,
    events: list[tuple[float, tuple[int, ...]]],
    until_s: float,
    *,
    step_s: float = 0.002,
) -> None:
    """Advance the clock in small steps, playing each event when its time comes."""
    pending = list(events)
    while clock.now() - session.start_s < until_s:
        while pending and pending[0][0] <= clock.now() - session.start_s:
            ports.play(KEYBOARD, pending.pop(0)[1])
        session.step()
        clock.advance(step_s)
