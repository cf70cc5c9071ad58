"""What the timbre panel plays and says about a timbre, without Qt: a short audition phrase in
an instrument's playable range (or a drum fill), which sound of a track the phrase is played
with (its Tessera timbre now or before the last change, or the standard set), and a timbre's
distance from its General MIDI default along the named descriptors."""

from __future__ import annotations

import numpy as np

from engine.song.gm import playable_range
from engine.song.song import PPQ, Note, Song, TimbreRef, Track
from engine.sound.timbre import DESCRIBE_SCALE, DRUM_KIT, TimbreSpace, from_gm

AXES = (("brighter", "darker"), ("harder_attack", "softer_attack"))
"""Opposite descriptor pairs the description measures along."""

_ARPEGGIO = ((0, 0, 92), (PPQ, 4, 88), (2 * PPQ, 7, 88), (3 * PPQ, 12, 96))
"""(start tick, semitones above the root, velocity): C E G C, a quarter note each."""
_CHORD = (0, 4, 7)
_DRUM_FILL = ((0, 36), (240, 42), (480, 38), (720, 42), (960, 36), (1200, 36), (1440, 38),
              (1680, 46), (1920, 36), (1920, 49))  # fmt: skip
"""(start tick, GM drum key): kick, closed hat, snare, open hat; then kick and crash."""


def arpeggio_root(low: int, high: int) -> int:
    """The C whose octave (C to C) fits in [low, high] nearest its middle; `low` if none fits."""
    roots = [c for c in range(0, 128, 12) if low <= c and c + 12 <= high]
    middle = (low + high) / 2
    return min(roots, key=lambda c: abs(c + 6 - middle)) if roots else low


def audition_notes(program: int, is_drum: bool) -> tuple[Note, ...]:
    """Two bars of 4/4: C E G C then a held C major chord in the playable range, or drums."""
    if is_drum:
        return tuple(sorted(Note(tick, key, 120, 100) for tick, key in _DRUM_FILL))
    low, high = playable_range(program)
    root = arpeggio_root(low, high)
    notes = {Note(t, min(root + step, high), PPQ - 40, v) for t, step, v in _ARPEGGIO}
    notes |= {Note(4 * PPQ, min(root + step, high), 3 * PPQ, 80) for step in _CHORD}
    return tuple(sorted(notes))


def audition_song(track: Track, ref: TimbreRef) -> Song:
    """The audition phrase on the track's instrument with `ref`, at 0 dB, centred and unmuted
    (the mix is not the timbre), two bars at the default 120 BPM."""
    notes = audition_notes(track.program, track.is_drum)
    phrase = Track(track.name, track.program, track.is_drum, notes, timbre=ref)
    return Song(title=f"Audition of {track.name}", bar_count=2, tracks=(phrase,))


STANDARD = TimbreRef("soundfont")
"""The standard set for the phrase's own instrument (the renderer plays the track's program)."""


def hears_standard(current: TimbreRef, compare: bool) -> bool:
    """Whether the audition plays the standard set: a standard-sound track is heard as it
    plays, and comparing hears the other sound (a Tessera track's standard set, or a standard
    track's kept Tessera timbre)."""
    return current.is_standard != compare


def audition_ref(
    current: TimbreRef, previous: TimbreRef | None, *, before: bool, compare: bool
) -> TimbreRef:
    """The sound the audition plays for a track whose timbre is `current`: the standard set
    when `hears_standard`, else the Tessera timbre before the last change (`before`, when there
    is one) or now. Edits on a standard-sound track change the timbre it keeps, so A/B compares
    kept timbres there too."""
    if hears_standard(current, compare):
        return STANDARD
    return (previous if before and previous is not None else current).tessera()


def gm_default(space: TimbreSpace, track: Track) -> TimbreRef:
    """The track's General MIDI default as a generated ref: its instrument's vector with seed
    0, which is exactly how the renderer plays an unlocked track."""
    return from_gm(space, DRUM_KIT if track.is_drum else track.program)


def resolved(space: TimbreSpace, track: Track) -> TimbreRef:
    """The track's Tessera timbre as a generated ref (an unlocked track's is its GM default; a
    track on the standard set gives the timbre it keeps to come back to)."""
    ref = track.timbre.tessera()
    return ref if ref.kind == "generated" else gm_default(space, track)


def describe_offset(space: TimbreSpace, ref: TimbreRef, default: TimbreRef) -> str:
    """How far `ref` is from `default`, and how much brighter/darker, harder/softer (the
    standard set is not in the timbre space: it is named, not measured)."""
    if ref.is_standard:
        return "the standard General MIDI set (SoundFont)"
    offset = np.asarray(ref.vector) - np.asarray(default.vector)
    distance = float(np.linalg.norm(np.linalg.solve(space.prior_cholesky, offset)))
    parts = [f"distance {distance:.2f}"]
    for up, down in AXES:
        if up in space.descriptors:
            direction = space.descriptors[up]
            amount = float(offset @ direction) / (DESCRIBE_SCALE * float(direction @ direction))
            parts.append(f"{(up if amount >= 0 else down).replace('_', ' ')} {abs(amount):.2f}")
    return " · ".join(parts)
