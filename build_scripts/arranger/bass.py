"""Bass lines: one-bar rhythm patterns per style, each note a chord function (root, fifth, ...).

Why patterns of chord functions: a bass idiom is a rhythm plus the chord tones it lands on
(country alternates root and the fifth below, rock pumps eighth-note roots, a walking line
steps through chord tones in quarters and approaches the next root, a tumbao anticipates the
next chord on beat 4). Writing the function rather than the pitch lets one pattern serve every
chord; the pitch is then chosen near the previous note so the line moves smoothly. Times are
sixteenths of a 4/4 bar; a 3/4 bar uses its own waltz patterns.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from build_scripts.arranger.chords import Key
from build_scripts.arranger.harmony import ChordSpan, span_at
from build_scripts.arranger.melody import Tone
from engine.song.song import PPQ

SIXTEENTH = PPQ // 4
Event = tuple[int, int, str]
"""(start in sixteenths, length in sixteenths, function)."""


def _every(step: int, length: int, function: str, count: int = 16) -> tuple[Event, ...]:
    return tuple((start, length, function) for start in range(0, count, step))


BASS_PATTERNS: dict[str, tuple[Event, ...]] = {
    "root_fifth": ((0, 7, "R"), (8, 7, "5d")),
    "pop_eighths": (*_every(2, 2, "R", 12), (12, 2, "5"), (14, 2, "A")),
    "pop_push": ((0, 3, "R"), (3, 3, "R"), (6, 2, "R"), (8, 3, "5"), (11, 3, "R"), (14, 2, "A")),
    "roots8": _every(2, 2, "R"),
    "roots8_octave": ((0, 2, "R"), (2, 2, "R"), (4, 2, "O"), (6, 2, "R"), (8, 2, "R"),
                      (10, 2, "R"), (12, 2, "O"), (14, 2, "R")),
    "roots16": _every(1, 1, "R"),
    "gallop": tuple((beat + offset, length, "R") for beat in range(0, 16, 4)
                    for offset, length in ((0, 2), (2, 1), (3, 1))),
    "whole": ((0, 16, "R"),),
    "ballad_half": ((0, 8, "R"), (8, 6, "5"), (14, 2, "A")),
    "pedal8": _every(2, 2, "R"),
    "hiphop": ((0, 6, "R"), (7, 1, "R"), (10, 2, "5"), (12, 4, "R")),
    "hiphop_busy": ((0, 3, "R"), (3, 3, "R"), (6, 2, "O"), (10, 2, "R"), (12, 2, "5"),
                    (14, 2, "A")),
    "house_offbeat": ((2, 2, "R"), (6, 2, "R"), (10, 2, "R"), (14, 2, "R")),
    "house_octaves": tuple((start, 2, "R" if start % 4 == 0 else "O") for start in range(0, 16, 2)),
    "funk_octaves": ((0, 2, "R"), (3, 1, "O"), (6, 1, "R"), (8, 2, "R"), (10, 1, "O"),
                     (11, 1, "5"), (13, 1, "R"), (14, 2, "O")),
    "funk_slap": ((0, 1, "R"), (2, 1, "O"), (3, 1, "R"), (6, 1, "O"), (7, 1, "5"), (8, 2, "R"),
                  (11, 1, "O"), (12, 1, "R"), (14, 1, "5"), (15, 1, "O")),
    "soul": ((0, 3, "R"), (3, 1, "R"), (6, 2, "5"), (8, 4, "O"), (12, 2, "5"), (14, 2, "A")),
    "one_drop": ((0, 4, "R"), (6, 2, "R"), (10, 2, "3"), (12, 2, "5"), (14, 2, "O")),
    "steppers": ((0, 2, "R"), (4, 2, "R"), (6, 2, "5"), (8, 2, "R"), (12, 2, "R"), (14, 2, "5")),
    "tumbao": ((6, 4, "5"), (12, 4, "N")),
    "bossa": ((0, 6, "R"), (6, 2, "5d"), (8, 6, "5d"), (14, 2, "N")),
    "walking": ((0, 4, "R"), (4, 4, "W"), (8, 4, "5W"), (12, 4, "A")),
    "walking_two": ((0, 8, "R"), (8, 6, "5"), (14, 2, "A")),
    "boogie": ((0, 2, "R"), (2, 2, "R"), (4, 2, "3"), (6, 2, "3"), (8, 2, "5"), (10, 2, "5"),
               (12, 2, "6"), (14, 2, "6")),
    "walkup": ((0, 6, "R"), (8, 4, "5d"), (12, 2, "W"), (14, 2, "A")),
    "waltz_bass": ((0, 10, "R"),),
    "waltz_walk": ((0, 4, "R"), (4, 4, "W"), (8, 4, "A")),
}  # fmt: skip

CHORD_TONES = frozenset({"5", "5d", "3", "6", "W", "5W"})
"""Functions that a chord change on the same beat turns into the new chord's root."""
BASS_REGISTER = (28, 52)
"""Where bass notes go (E1 to E3); the root itself stays in the lower octave of it."""


def waltz_pattern(name: str) -> str:
    """The 3/4 pattern that stands in for a 4/4 one: walking stays walking, the rest go
    'oom' on beat 1 (the comping plays 'pah-pah')."""
    return "waltz_walk" if name.startswith("walking") else "waltz_bass"


ROOT_LIFT = 5
"""Roots sit from A1 up (E1 + 5), so a fifth below the root still fits above E1."""


def span_roots(spans: Sequence[ChordSpan], low: int, rng: random.Random) -> list[int]:
    """A root pitch per span in the octave from `low + ROOT_LIFT`, each nearest the one before,
    so the line neither leaps nor drifts out of range."""
    roots: list[int] = []
    low += ROOT_LIFT
    previous = low + rng.randint(3, 8)
    for span in spans:
        options = [pitch for pitch in range(low, low + 12) if pitch % 12 == span.chord.root]
        previous = min(options, key=lambda pitch: abs(pitch - previous))
        roots.append(previous)
    return roots


def _approach(target: int, key: Key, rng: random.Random, chromatic: bool) -> int:
    """A note a step from the next root: from below or above, a semitone when the key (or a
    jazz player) allows it, else a scale step."""
    below_first = rng.random() < 0.6
    steps = (-1, 1, -2, 2) if below_first else (1, -1, 2, -2)
    for step in steps:
        if chromatic or (target + step) % 12 in key.scale:
            return target + step
    return target - 2


def _pitch(
    function: str,
    root: int,
    span: ChordSpan,
    *,
    next_root: int,
    key: Key,
    rng: random.Random,
    chromatic: bool,
) -> int:
    """The pitch of one chord function over `root` (the span's root pitch)."""
    chord = span.chord
    offsets = {"R": 0, "O": 12, "5": 7, "5d": -5, "6": 9}
    if function in offsets:
        return root + offsets[function]
    if function == "3":
        return root + chord.intervals[1]
    if function == "N":
        return next_root
    if function == "A":
        return _approach(next_root, key, rng, chromatic)
    if function == "5W" and rng.random() < 0.8:
        return root + chord.intervals[2]
    return root + chord.intervals[1] + (12 if rng.random() < 0.3 else 0)


@dataclass(frozen=True)
class _Line:
    """What a bass line is written over: the chords, their root pitches and the key."""

    spans: Sequence[ChordSpan]
    roots: Sequence[int]
    key: Key
    rng: random.Random
    chromatic: bool
    """Approach notes may be chromatic (a jazz walking line, some of the time)."""

    def pitch(self, function: str, start: int, bar_end: int) -> int:
        """The pitch of a chord function at `start`: a function that lands where the chord
        changes becomes the new root (the bass names each chord), and an approach aims at
        the next chord, or at this one again if it goes on into the next bar."""
        index = span_at(self.spans, start)
        span, root = self.spans[index], self.roots[index]
        next_root = self.roots[min(index + 1, len(self.roots) - 1)]
        if span.end > bar_end + 2 * SIXTEENTH:
            next_root = root
        if span.start == start and function in CHORD_TONES:
            function = "R"
        return _pitch(function, root, span, next_root=next_root, key=self.key, rng=self.rng,
                      chromatic=self.chromatic)  # fmt: skip


def bass_bar(
    pattern: str,
    bar_start: int,
    bar_ticks: int,
    *,
    spans: Sequence[ChordSpan],
    roots: Sequence[int],
    key: Key,
    rng: random.Random,
    velocity: int,
    register: tuple[int, int] = BASS_REGISTER,
) -> list[Tone]:
    """One bar of a bass pattern over the chords sounding in it, folded into `register`."""
    tones = []
    line = _Line(spans, roots, key, rng, pattern.startswith("walking") and rng.random() < 0.4)
    bar_end = bar_start + bar_ticks
    for start16, length16, function in BASS_PATTERNS[pattern]:
        start = bar_start + start16 * SIXTEENTH
        if start >= bar_end:
            continue
        pitch = _fold(line.pitch(function, start, bar_end), *register)
        end = min(start + length16 * SIXTEENTH, bar_end)
        accent = 8 if start16 % 8 == 0 else 0
        tones.append(Tone(start, pitch, max(SIXTEENTH // 2, end - start - 10), velocity + accent))
    return tones


def _fold(pitch: int, low: int, high: int) -> int:
    """The pitch moved by octaves into [low, high]."""
    while pitch > high:
        pitch -= 12
    while pitch < low:
        pitch += 12
    return pitch
