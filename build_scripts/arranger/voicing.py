"""Chord voicings in a register, each chosen nearest the one before (smooth voice leading).

Why nearest-inversion: a keyboard player or guitarist moving from C to F does not jump the
whole hand up a fourth, they keep the common tone and move the others by a step (C-E-G to
C-F-A). Choosing, among every close-position inversion that fits the register, the one whose
voices move least from the previous chord gives that behaviour in a few lines; the first chord
sits near the middle of the register.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from build_scripts.arranger.chords import Chord


def close_voicings(pitch_classes: Sequence[int], low: int, high: int) -> list[tuple[int, ...]]:
    """Every close-position voicing (each inversion, stacked upwards within an octave and a
    bit) whose notes all lie in [low, high]."""
    voicings = []
    count = len(pitch_classes)
    for inversion in range(count):
        order = [pitch_classes[(inversion + index) % count] for index in range(count)]
        for bottom in range(low, high + 1):
            if bottom % 12 != order[0]:
                continue
            notes = [bottom]
            for pc in order[1:]:
                notes.append(notes[-1] + ((pc - notes[-1]) % 12 or 12))
            if notes[-1] <= high:
                voicings.append(tuple(notes))
    return voicings


def movement(before: Sequence[int], after: Sequence[int]) -> float:
    """Total voice movement between two voicings (voices paired in order; an extra voice is
    measured against the nearest note of the other chord)."""
    if len(before) == len(after):
        return float(sum(abs(a - b) for a, b in zip(before, after, strict=True)))
    return float(sum(min(abs(note - other) for other in before) for note in after))


def nearest_voicing(
    chord: Chord,
    previous: Sequence[int] | None,
    register: tuple[int, int],
    rng: random.Random,
    pitch_classes: Sequence[int] | None = None,
) -> tuple[int, ...]:
    """The voicing of `chord` (or of the given pitch classes) that moves least from
    `previous`, or sits nearest the register's middle for the first chord; near ties are
    broken at random so the same progression is not always voiced the same way."""
    low, high = register
    classes = list(pitch_classes if pitch_classes is not None else chord.pitch_classes)
    options = close_voicings(classes, low, high)
    if not options:
        options = [tuple(sorted(low + (pc - low) % 12 for pc in classes))]
    centre = (low + high) / 2
    noise = {option: rng.uniform(0.0, 1.5) for option in options}
    if previous:
        return min(options, key=lambda option: movement(previous, option) + noise[option])
    return min(options, key=lambda option: abs(sum(option) / len(option) - centre) + noise[option])


def power_chord(
    chord: Chord, previous_root: int | None, register: tuple[int, int]
) -> tuple[int, ...]:
    """Root, fifth and octave (a guitarist's power chord) with the root nearest the previous one."""
    low, high = register
    roots = [pitch for pitch in range(low, high - 11) if pitch % 12 == chord.root]
    target = previous_root if previous_root is not None else low + 5
    root = min(roots, key=lambda pitch: abs(pitch - target)) if roots else low
    return (root, root + 7, root + 12)


def nearest_pitch(pitch_class: int, target: int, low: int, high: int) -> int:
    """The pitch of a pitch class nearest `target` inside [low, high] (the range must span an
    octave)."""
    options = [pitch for pitch in range(low, high + 1) if pitch % 12 == pitch_class]
    return min(options, key=lambda pitch: (abs(pitch - target), pitch))
