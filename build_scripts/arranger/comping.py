"""Comping: the rhythm each style's chord instrument plays, over voice-led voicings.

Why a small event language: every comping idiom is a rhythm plus which notes of the voicing
sound at each hit: block chords (all), stabs and skanks (the upper notes, short), arpeggios
(one voice at a time), power chords (root, fifth, octave), strums (all, a few ticks apart, as
a pick crosses the strings). A pattern is a tuple of (start, length, what) in sixteenths of a
4/4 bar; a 3/4 bar drops the hits past beat 3, or uses the waltz 'pah-pah'.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from build_scripts.arranger.harmony import ChordSpan, span_at
from build_scripts.arranger.melody import Tone
from build_scripts.arranger.voicing import nearest_voicing, power_chord
from engine.song.song import PPQ

SIXTEENTH = PPQ // 4
Event = tuple[int, int, str]
"""(start in sixteenths, length in sixteenths, what sounds: see `_pitches`)."""
STRUM_TICKS = 12
ARPEGGIO_TOP = 79
"""An arpeggio climbs past its voicing by an octave at most up to G5, under most tunes' top."""


def _hits(starts: Sequence[int], length: int, what: str) -> tuple[Event, ...]:
    return tuple((start, length, what) for start in starts)


def _arp(order: Sequence[int], length: int) -> tuple[Event, ...]:
    return tuple((index * length, length, f"a{voice}") for index, voice in enumerate(order))


COMP_PATTERNS: dict[str, tuple[Event, ...]] = {
    "block_whole": ((0, 16, "C"),),
    "block_half": _hits((0, 8), 8, "C"),
    "block_quarters": _hits((0, 4, 8, 12), 3, "C"),
    "push": ((0, 6, "C"), (6, 4, "C"), (10, 6, "C")),
    "pop_eighths": _hits(range(0, 16, 2), 2, "C"),
    "strum8": _hits((0, 4, 6, 10, 12, 14), 2, "S"),
    "broken": _arp((0, 1, 2, 3, 2, 1, 2, 1), 2),
    "power_half": _hits((0, 8), 8, "P"),
    "power8": _hits(range(0, 16, 2), 2, "P"),
    "power16": _hits(range(16), 1, "P"),
    "power_gallop": tuple((beat + offset, length, "P") for beat in range(0, 16, 4)
                          for offset, length in ((0, 2), (2, 1), (3, 1))),
    "skank": _hits((4, 12), 1, "U"),
    "skank_double": _hits((4, 6, 12, 14), 1, "U"),
    "rhodes_half": _hits((0, 8), 8, "C"),
    "rhodes_lazy": ((0, 10, "C"), (10, 6, "C")),
    "rhodes_push": ((0, 6, "C"), (6, 2, "U"), (8, 6, "C"), (14, 2, "U")),
    "stabs_sparse": ((0, 2, "C"), (3, 2, "C"), (10, 2, "U")),
    "stabs_offbeat": _hits((2, 6, 10, 14), 1, "C"),
    "arp16": _arp((0, 1, 2, 3) * 4, 1),
    "arp16_half": _arp((0, 1, 2, 3, 2, 1, 0, 2), 2),
    "chops": _hits((2, 6, 7, 10, 14), 1, "U"),
    "clav16": _hits((0, 3, 4, 6, 9, 11, 12, 14), 1, "U"),
    "bossa_comp": ((0, 2, "U"), (3, 2, "U"), (6, 3, "U"), (10, 2, "U"), (12, 3, "U")),
    "montuno": _arp((0, 2, 1, 2, 0, 2, 1, 3), 2),
    "charleston": ((0, 3, "C"), (6, 2, "C")),
    "four_to_bar": _hits((0, 4, 8, 12), 2, "C"),
    "shuffle_comp": ((0, 3, "C"), (4, 2, "U"), (8, 3, "C"), (12, 2, "U")),
    "boom_chick": _hits((4, 12), 3, "U"),
    "pad_chords": ((0, 16, "C"),),
    "ostinato8": _arp((0, 2, 1, 2, 0, 2, 1, 2), 2),
    "ostinato16": _arp((0, 1, 2, 1) * 4, 1),
    "koto_arp": _arp((0, 1, 2, 3, 4, 3, 2, 1), 2),
    "koto_roll": ((0, 16, "a0"), (1, 15, "a1"), (2, 14, "a2"), (3, 5, "a3"), (8, 2, "a4"),
                  (10, 2, "a3"), (12, 4, "a2")),
    "waltz": _hits((4, 8), 3, "U"),
}  # fmt: skip

WALTZ_SWAPS = {
    "boom_chick": "waltz",
    "strum8": "waltz",
    "four_to_bar": "waltz",
    "charleston": "waltz",
    "skank": "waltz",
}
"""4/4 patterns whose 3/4 form is the waltz's 'pah-pah' on beats 2 and 3."""


def waltz_pattern(name: str) -> str:
    return WALTZ_SWAPS.get(name, name)


def voicings_for(
    spans: Sequence[ChordSpan],
    register: tuple[int, int],
    rng: random.Random,
    extra: dict[int, int] | None = None,
) -> list[tuple[int, ...]]:
    """A voicing per span, each nearest the previous one. `extra` maps a chord root to a
    pitch class to add (the pentatonic 'add 2' colour of the koto)."""
    voicings: list[tuple[int, ...]] = []
    previous: tuple[int, ...] | None = None
    for span in spans:
        classes = list(span.chord.pitch_classes)
        if extra and span.chord.root in extra:
            classes.append(extra[span.chord.root])
        previous = nearest_voicing(span.chord, previous, register, rng, classes)
        voicings.append(previous)
    return voicings


def _pitches(what: str, voicing: tuple[int, ...], power: tuple[int, ...]) -> list[int]:
    """The notes a hit plays: C/S all, U the upper notes, P the power chord, aN voice N (the
    voicing's notes, then the same an octave up, so a five-note arpeggio of a triad climbs)."""
    if what in ("C", "S"):
        return list(voicing)
    if what == "U":
        return list(voicing[1:]) if len(voicing) > 2 else list(voicing)
    if what == "P":
        return list(power)
    extended = [*voicing, *(note + 12 for note in voicing if note + 12 <= ARPEGGIO_TOP)]
    return [extended[int(what[1:]) % len(extended)]]


def comp_bar(
    pattern: str,
    bar_start: int,
    bar_ticks: int,
    *,
    spans: Sequence[ChordSpan],
    voicings: Sequence[tuple[int, ...]],
    powers: Sequence[tuple[int, ...]],
    velocity: int,
) -> list[Tone]:
    """One bar of a comping pattern; a hit held past a chord change stops at the change."""
    tones = []
    for start16, length16, what in COMP_PATTERNS[pattern]:
        start = bar_start + start16 * SIXTEENTH
        if start >= bar_start + bar_ticks:
            continue
        index = span_at(spans, start)
        end = min(start + length16 * SIXTEENTH, spans[index].end, bar_start + bar_ticks)
        accent = 10 if start16 == 0 else 4 if start16 % 4 == 0 else 0
        notes = _pitches(what, voicings[index], powers[index])
        for order, pitch in enumerate(notes):
            offset = order * STRUM_TICKS if what == "S" else 0
            duration = max(SIXTEENTH // 2, end - start - offset - 8)
            tones.append(Tone(start + offset, pitch, duration, velocity + accent))
    return tones


def pad_part(
    spans: Sequence[ChordSpan],
    voicings: Sequence[tuple[int, ...]],
    first: int,
    last: int,
    velocity: int,
) -> list[Tone]:
    """Held chords for the spans inside [first, last) ticks: one note per voice per chord."""
    tones: list[Tone] = []
    for span, voicing in zip(spans, voicings, strict=True):
        start, end = max(span.start, first), min(span.end, last)
        if end - start >= SIXTEENTH:
            tones.extend(Tone(start, pitch, end - start - 10, velocity) for pitch in voicing)
    return tones


def power_chords(spans: Sequence[ChordSpan], register: tuple[int, int]) -> list[tuple[int, ...]]:
    """A power chord per span, each root nearest the one before."""
    result: list[tuple[int, ...]] = []
    for span in spans:
        result.append(power_chord(span.chord, result[-1][0] if result else None, register))
    return result
