"""Read a public-domain tune out of a corpus Song as one monophonic line on a band-friendly bar.

Why a separate reading step: corpus Songs keep their scores' bar grids (a pickup is a short
bar of its own meter, the last bar completes it) and some of them are chorales with four
voices. An arrangement needs one line, its key and a plain grid of equal bars, so this module
takes the top voice (its skyline, so double stops become one note), moves the pickup before
bar 0 (negative ticks) and maps the tune's meter onto the two meters the arranger writes:

- 4/4 and 2/2 stay as they are; two bars of 2/4 make one bar of 4/4;
- 6/8 and 12/8 are read as a shuffle: each dotted quarter becomes a quarter, so eighths become
  triplet eighths (160 ticks, on the token grid) and two 6/8 bars make one 4/4 bar;
- 3/4 stays 3/4 (only the styles that can play a waltz take it);
- anything else (9/8, 3/8, mixed meters) is refused, and the builder picks another tune.

A section of an ABC tune that starts with a pickup ends on a short bar that the pickup of the
next section completes; such pairs are one bar of the grid, so the tune keeps its downbeats.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import NamedTuple

from build_scripts.corpus.families import melody_track
from engine.compose.augment import transpose_key
from engine.song.song import PPQ, KeySignatureChange, Note, Song

MIN_BARS = 8
"""Shorter tunes give too little to arrange (and are often fragments)."""
MAX_BARS = 32
"""Longer tunes are cut after this many bars so a song stays a few minutes long."""
MIN_NOTE_TICKS = 20

_METER_READINGS: dict[tuple[int, int], tuple[Fraction, int]] = {
    (4, 4): (Fraction(1), 4),
    (2, 2): (Fraction(1), 4),
    (2, 4): (Fraction(1), 4),
    (6, 8): (Fraction(2, 3), 4),
    (12, 8): (Fraction(2, 3), 4),
    (3, 4): (Fraction(1), 3),
}
"""Source meter -> (time scale, quarters per bar of the arrangement)."""

PENTATONIC_STEPS = (0, 2, 4, 7, 9)


class Tone(NamedTuple):
    """A melody note whose start may be negative (a pickup before the first full bar)."""

    start: int
    pitch: int
    duration: int
    velocity: int


@dataclass(frozen=True)
class Melody:
    """One tune, ready to arrange: a monophonic line on equal bars, and its key."""

    work_id: str
    title: str
    tones: tuple[Tone, ...]
    beats_per_bar: int
    """4 (4/4) or 3 (3/4): the arrangement's meter."""
    bars: int
    key: KeySignatureChange
    """The key signature at tick 0, with the mode the tune ends in."""
    shuffle: bool = False
    """True for a tune read from 6/8 or 12/8 (its eighths are now triplets)."""

    @property
    def bar_ticks(self) -> int:
        return self.beats_per_bar * PPQ

    @property
    def tonic(self) -> int:
        """Pitch class of the tonic (the relative minor's for a minor key)."""
        return (7 * self.key.sharps_flats + (9 if self.key.mode == "minor" else 0)) % 12


def _main_meter(song: Song) -> tuple[int, int, int] | None:
    """(numerator, denominator, first full bar) of the meter that fills most of the song, or
    None when the bars do not keep to its grid. A short bar may end a section if the next
    bar (the next section's pickup) completes it: ABC tunes repeat that way."""
    lengths: dict[tuple[int, int], int] = {}
    spans = [song.bar_span(bar) for bar in range(song.bar_count)]
    for start, end in spans:
        meter = song.time_signature_at(start)
        if meter.ticks_per_bar == end - start:
            pair = (meter.numerator, meter.denominator)
            lengths[pair] = lengths.get(pair, 0) + end - start
    if not lengths:
        return None
    numerator, denominator = max(lengths, key=lambda pair: lengths[pair])
    full = numerator * PPQ * 4 // denominator
    first = 0 if spans[0][1] - spans[0][0] == full else 1
    carry = 0
    for start, end in spans[first:-1]:
        if carry == 0 and end - start == full:
            continue
        carry += end - start
        if carry > full:
            return None
        carry %= full
    return numerator, denominator, first


def skyline(notes: Sequence[Note]) -> list[Tone]:
    """The highest note at each onset, each cut where the next one starts (a single line)."""
    top: dict[int, Note] = {}
    for note in notes:
        if note.start_tick not in top or note.pitch > top[note.start_tick].pitch:
            top[note.start_tick] = note
    ordered = [top[tick] for tick in sorted(top)]
    tones = []
    for index, note in enumerate(ordered):
        end = note.end_tick
        if index + 1 < len(ordered):
            end = min(end, ordered[index + 1].start_tick)
        tones.append(Tone(note.start_tick, note.pitch, end - note.start_tick, note.velocity))
    return tones


def _rescaled(tones: Sequence[Tone], origin: int, scale: Fraction) -> list[Tone]:
    """Tones measured from `origin` (the first downbeat), times multiplied by `scale`."""
    result = []
    for tone in tones:
        start = round((tone.start - origin) * scale)
        end = round((tone.start + tone.duration - origin) * scale)
        if end - start >= MIN_NOTE_TICKS:
            result.append(tone._replace(start=start, duration=end - start))
    return result


def _key_with_mode(key: KeySignatureChange, tones: Sequence[Tone]) -> KeySignatureChange:
    """The signature with the mode its last note implies (the tonic of major or of minor)."""
    major_tonic = (7 * key.sharps_flats) % 12
    last = tones[-1].pitch % 12
    if last == major_tonic:
        return dataclasses.replace(key, tick=0, mode="major")
    if last == (major_tonic + 9) % 12:
        return dataclasses.replace(key, tick=0, mode="minor")
    return dataclasses.replace(key, tick=0)


def read_melody(work_id: str, song: Song) -> Melody | None:
    """The tune of a corpus Song, or None if it has no key, an unusable meter or is too short."""
    track = melody_track(song)
    meter = _main_meter(song)
    if track is None or meter is None or not song.key_signatures:
        return None
    numerator, denominator, first = meter
    if (numerator, denominator) not in _METER_READINGS:
        return None
    scale, beats = _METER_READINGS[(numerator, denominator)]
    tones = _rescaled(skyline(track.notes), song.bar_span(first)[0], scale)
    bar_ticks = beats * PPQ
    if not tones or tones[0].start < -bar_ticks:
        return None
    bars = -(-(tones[-1].start + tones[-1].duration) // bar_ticks)
    if bars < MIN_BARS:
        return None
    if bars > MAX_BARS:
        bars = MAX_BARS
        tones = [t for t in tones if t.start < bars * bar_ticks]
        tones[-1] = tones[-1]._replace(
            duration=min(tones[-1].duration, bars * bar_ticks - tones[-1].start)
        )
    key = _key_with_mode(song.key_signatures[0], tones)
    title = song.title.strip().rstrip(".").strip() or work_id
    return Melody(work_id, title, tuple(tones), beats, bars, key, shuffle=scale != 1)


def transposed(melody: Melody, semitones: int) -> Melody:
    """The melody and its key signature `semitones` higher (lower if negative)."""
    tones = tuple(tone._replace(pitch=tone.pitch + semitones) for tone in melody.tones)
    key = transpose_key(melody.key, semitones)
    return dataclasses.replace(melody, tones=tones, key=key)


def pentatonic_pitch(pitch: int, major_tonic: int, previous: int | None) -> int:
    """The nearest pitch of the major pentatonic on `major_tonic`; a tie goes to the pitch
    nearer the previous note, so a chromatic step keeps the melody's direction."""
    classes = {(major_tonic + step) % 12 for step in PENTATONIC_STEPS}
    candidates = [p for p in range(pitch - 2, pitch + 3) if p % 12 in classes]
    reference = pitch if previous is None else previous
    return min(candidates, key=lambda p: (abs(p - pitch), abs(p - reference), p))


def pentatonic(melody: Melody) -> Melody:
    """The melody re-pitched onto the major pentatonic of its key signature (gong mode for a
    major key, yu mode, the same five notes, for its relative minor)."""
    major_tonic = (7 * melody.key.sharps_flats) % 12
    tones: list[Tone] = []
    previous: int | None = None
    for tone in melody.tones:
        pitch = pentatonic_pitch(tone.pitch, major_tonic, previous)
        tones.append(tone._replace(pitch=pitch))
        previous = pitch
    return dataclasses.replace(melody, tones=tuple(tones))
