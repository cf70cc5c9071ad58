"""Time for live play: clocks, the note scheduler, timing figures, MIDI clock tempo and key.

`Scheduler` holds note-on/off messages due at monotonic times. `send_due(now)` sends everything
due, counts a message as late when it goes out more than `late_after_s` after its time, and
remembers which notes sound so `stop` can silence them: every note-on it sent gets a note-off,
also when stopped mid-phrase. It is not a thread: the session's loop calls it about every
millisecond (time.sleep overshoots by several ms, so the loop sleeps short and checks often).
"""

from __future__ import annotations

import heapq
import itertools
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Protocol

from engine.live.ports import Message
from engine.song.song import KeySignatureChange
from engine.song.theory import key_from_name

NOTE_ON, NOTE_OFF, CONTROL = 0x90, 0x80, 0xB0
MIDI_CLOCK, MIDI_START, MIDI_STOP = 0xF8, 0xFA, 0xFC
ALL_NOTES_OFF = 123
CLOCKS_PER_QUARTER = 24


class Clock(Protocol):
    def now(self) -> float:
        """Seconds on a monotonic scale."""
        ...


class MonotonicClock:
    def now(self) -> float:
        return time.monotonic()


class ManualClock:
    """A clock that moves only when told to, for deterministic tests of the timing logic."""

    def __init__(self, start_s: float = 0.0) -> None:
        self.time_s = start_s

    def now(self) -> float:
        return self.time_s

    def advance(self, seconds: float) -> None:
        self.time_s += seconds


@dataclass(frozen=True)
class SentMessage:
    due_s: float
    sent_s: float
    message: Message
    tag: str

    @property
    def late_ms(self) -> float:
        return (self.sent_s - self.due_s) * 1000.0


@dataclass
class Scheduler:
    """Messages due at times; see the module docstring."""

    send: Callable[[Message], None]
    late_after_s: float = 0.010
    on_sent: Callable[[SentMessage], None] | None = None
    sent_count: int = 0
    late_count: int = 0
    _queue: list[tuple[float, int, Message, str]] = field(default_factory=list)
    _order: itertools.count[int] = field(default_factory=itertools.count)
    _sounding: dict[tuple[int, int], int] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def add_note(
        self, start_s: float, end_s: float, pitch: int, velocity: int, *, channel: int, tag: str
    ) -> None:
        with self._lock:
            for due, message in (
                (start_s, (NOTE_ON | channel, pitch, velocity)),
                (max(end_s, start_s + 0.001), (NOTE_OFF | channel, pitch, 0)),
            ):
                heapq.heappush(self._queue, (due, next(self._order), message, tag))

    def next_due(self) -> float | None:
        with self._lock:
            return self._queue[0][0] if self._queue else None

    @property
    def pending(self) -> int:
        with self._lock:
            return len(self._queue)

    def send_due(self, now_s: float, clock: Clock | None = None) -> int:
        """Send every message due by `now_s`; returns how many went out."""
        count = 0
        while True:
            with self._lock:
                if not self._queue or self._queue[0][0] > now_s:
                    return count
                due, _, message, tag = heapq.heappop(self._queue)
                self._track(message)
            self.send(message)
            sent = clock.now() if clock is not None else now_s
            self.sent_count += 1
            if sent - due > self.late_after_s:
                self.late_count += 1
            if self.on_sent is not None:
                self.on_sent(SentMessage(due, sent, message, tag))
            count += 1

    def _track(self, message: Message) -> None:
        key = (message[0] & 0x0F, message[1])
        if message[0] & 0xF0 == NOTE_ON and message[2] > 0:
            self._sounding[key] = self._sounding.get(key, 0) + 1
        elif self._sounding.get(key, 0) > 0:
            self._sounding[key] -= 1
            if not self._sounding[key]:
                del self._sounding[key]

    def cancel(self, tag: str | None = None) -> None:
        """Drop pending note-ons (of one tag, or all); their note-offs stay queued only when the
        note-on already went out, so nothing is left sounding."""
        with self._lock:
            sounding = dict(self._sounding)
            kept = []
            for item in self._queue:
                _, _, message, item_tag = item
                if tag is not None and item_tag != tag:
                    kept.append(item)
                elif message[0] & 0xF0 == NOTE_OFF:
                    key = (message[0] & 0x0F, message[1])
                    if sounding.get(key, 0) > 0:
                        sounding[key] -= 1
                        kept.append(item)
            heapq.heapify(kept)
            self._queue = kept

    def stop(self, channels: Iterable[int]) -> None:
        """Silence everything now: drop the queue, release each sounding note, all-notes-off."""
        with self._lock:
            self._queue.clear()
            sounding, self._sounding = self._sounding, {}
        for (channel, pitch), count in sounding.items():
            for _ in range(count):
                self.send((NOTE_OFF | channel, pitch, 0))
        for channel in sorted(set(channels)):
            self.send((CONTROL | channel, ALL_NOTES_OFF, 0))


@dataclass
class AnswerTiming:
    """One answer's timeline, in monotonic seconds; see `LiveStats`."""

    trigger_s: float
    first_due_s: float = 0.0
    ready_s: float = 0.0
    generation_ms: float = 0.0
    first_sent_s: float | None = None
    first_note_due_s: float = 0.0
    notes: int = 0

    @property
    def latency_ms(self) -> float | None:
        """Last played note's release to the first answering note actually sent."""
        return None if self.first_sent_s is None else (self.first_sent_s - self.trigger_s) * 1e3

    @property
    def first_note_late_ms(self) -> float | None:
        """The first answering note's send time minus its own time on the grid."""
        if self.first_sent_s is None:
            return None
        return (self.first_sent_s - self.first_note_due_s) * 1e3

    @property
    def model_wait_ms(self) -> float:
        """How long the answer waited for the model past its bar line (0 when ready in time)."""
        return max(0.0, self.ready_s - self.first_due_s) * 1e3


@dataclass
class LiveStats:
    answers: list[AnswerTiming] = field(default_factory=list)
    generation_ms: list[float] = field(default_factory=list)
    notes_sent: int = 0
    notes_late: int = 0


class ClockTempo:
    """Tempo from incoming MIDI clock (24 pulses per quarter note): the median pulse interval
    over the last two beats."""

    def __init__(self, window: int = 2 * CLOCKS_PER_QUARTER) -> None:
        self.window = window
        self._times: list[float] = []

    @property
    def pulses(self) -> int:
        return len(self._times)

    def pulse(self, time_s: float) -> None:
        self._times.append(time_s)
        del self._times[: -self.window - 1]

    def reset(self) -> None:
        self._times.clear()

    @property
    def tempo_bpm(self) -> float | None:
        if len(self._times) < CLOCKS_PER_QUARTER // 2:
            return None
        gaps = sorted(b - a for a, b in itertools.pairwise(self._times))
        median = gaps[len(gaps) // 2]
        return 60.0 / (median * CLOCKS_PER_QUARTER) if median > 0 else None


# Krumhansl & Kessler (1982) key profiles: the probe-tone ratings of each pitch class in a
# major and a minor key context, as published (Krumhansl, "Cognitive Foundations of Musical
# Pitch", 1990, table 2.1), tonic first.
KK_MAJOR = (6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88)
KK_MINOR = (6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17)
_NAMES = ("C", "Db", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B")


def _correlation(a: list[float], b: tuple[float, ...]) -> float:
    mean_a, mean_b = sum(a) / len(a), sum(b) / len(b)
    num = sum((x - mean_a) * (y - mean_b) for x, y in zip(a, b, strict=True))
    den_a = sum((x - mean_a) ** 2 for x in a) ** 0.5
    den_b = sum((y - mean_b) ** 2 for y in b) ** 0.5
    return num / (den_a * den_b) if den_a and den_b else 0.0


def detect_key(notes: Iterable[tuple[int, float]]) -> KeySignatureChange | None:
    """The key whose Krumhansl-Kessler profile best correlates with the duration-weighted
    pitch-class histogram of (pitch, duration) pairs; None when fewer than 3 pitch classes."""
    histogram = [0.0] * 12
    for pitch, duration in notes:
        histogram[pitch % 12] += max(duration, 1e-3)
    if sum(1 for weight in histogram if weight) < 3:
        return None
    best = max(
        ((tonic, mode) for tonic in range(12) for mode in ("major", "minor")),
        key=lambda k: _correlation(
            histogram[k[0] :] + histogram[: k[0]], KK_MAJOR if k[1] == "major" else KK_MINOR
        ),
    )
    return key_from_name(f"{_NAMES[best[0]]} {best[1]}")
