"""Feel and hygiene: swing, human timing and dynamics, then notes made safe for a Song.

Why each step: swing is how jazz, blues and lo-fi are played (the off-beat eighth comes late,
on the third triplet), and a quantised band sounds like a sequencer, so every pitched note and
hand-written drum hit moves by up to `TIMING_TICKS` and its velocity by up to
`VELOCITY_SPREAD` (recorded grooves are left as the drummer played them). Last, notes are
kept inside the song, inside their instrument's range, and cleaned of same-pitch overlaps.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence

from build_scripts.arranger.melody import Tone
from engine.song.gm import playable_range
from engine.song.song import PPQ, Note

EIGHTH = PPQ // 2
SWING_DELAY = PPQ // 6
"""An off-beat eighth swung onto the third eighth-note triplet: 240 -> 320 ticks into the beat."""
TIMING_TICKS = 10
VELOCITY_SPREAD = 8


def swing(tones: Iterable[Tone]) -> list[Tone]:
    """Straight eighths swung: an off-beat eighth starts a triplet later and is shorter, the
    on-beat eighth before it is longer. Sixteenths and triplets are left alone."""
    swung = []
    for tone in tones:
        position = tone.start % PPQ
        start, end = tone.start, tone.start + tone.duration
        if position == EIGHTH:
            start += SWING_DELAY
        if end % PPQ == EIGHTH and end - start <= PPQ:
            end += SWING_DELAY
        if end > start:
            swung.append(tone._replace(start=start, duration=end - start))
    return swung


def humanise(tones: Iterable[Tone], rng: random.Random, timing: int = TIMING_TICKS) -> list[Tone]:
    """Each note moved by up to `timing` ticks and its velocity by up to `VELOCITY_SPREAD`;
    the notes of one chord move together less than notes far apart (a hand plays a chord).
    (`random()` arithmetic rather than `randint`: this runs for every note of every song.)"""
    result = []
    offsets: dict[int, int] = {}
    draw = rng.random
    spread = 2 * VELOCITY_SPREAD + 1
    for tone in tones:
        shared = offsets.get(tone.start)
        if shared is None:
            shared = offsets[tone.start] = int(draw() * (2 * timing + 1)) - timing
        start = tone.start + shared + int(draw() * 5) - 2
        velocity = tone.velocity + int(draw() * spread) - VELOCITY_SPREAD
        result.append(Tone(start, tone.pitch, tone.duration, min(127, max(1, velocity))))
    return result


def fold_into(pitch: int, low: int, high: int) -> int:
    """The pitch moved by octaves into [low, high] (clamped if the range is under an octave)."""
    while pitch > high and pitch - 12 >= low:
        pitch -= 12
    while pitch < low and pitch + 12 <= high:
        pitch += 12
    return min(max(pitch, low), high)


def finished_notes(
    tones: Sequence[Tone], program: int, is_drum: bool, end_tick: int
) -> tuple[Note, ...]:
    """Tones as clean Notes: inside [0, end_tick), inside the instrument's playable range, no
    same-pitch overlaps (the later note cuts the earlier one; two on one tick merge)."""
    low, high = playable_range(program, is_drum)
    rows = []
    for tone in tones:
        start = max(0, tone.start)
        end = min(end_tick, tone.start + tone.duration)
        pitch = tone.pitch if is_drum else fold_into(tone.pitch, low, high)
        if end > start and low <= pitch <= high:
            rows.append((start, pitch, end - start, min(127, max(1, tone.velocity))))
    return tuple(Note(*row) for row in sorted(_without_overlaps(rows)))


def _without_overlaps(rows: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """`engine.song.note_cleanup.clean_notes` on plain tuples (the same rules, several times faster
    than sorting Note objects, which matters at thousands of songs)."""
    rows.sort(key=lambda row: (row[1], row[0], -row[2], -row[3]))
    kept: list[tuple[int, int, int, int]] = []
    for row in rows:
        if kept and kept[-1][1] == row[1]:
            before = kept[-1]
            if before[0] == row[0]:
                kept[-1] = (row[0], row[1], max(row[2], before[2]), max(row[3], before[3]))
                continue
            if before[0] + before[2] > row[0]:
                kept[-1] = (before[0], before[1], row[0] - before[0], before[3])
        kept.append(row)
    return kept


def monophonic(tones: Sequence[Tone]) -> list[Tone]:
    """A line in which each note ends where the next begins at the latest (no overlaps)."""
    ordered = sorted(tones)
    result = []
    for index, tone in enumerate(ordered):
        room = ordered[index + 1].start - tone.start if index + 1 < len(ordered) else tone.duration
        if room > 0:
            result.append(tone._replace(duration=min(tone.duration, room)))
    return result
