"""A choir's last chord: every voice holds to the end on the tonic chord, the bass on the
key's tonic.

Why a rule and not only the model: the melody already lands on its tonic and holds
(`engine.compose.ending.close_on_final`), but the voices under it went on moving. In 30 new
chorales (seeds 0-29) the bass sounded the tonic under the soprano's final note in 16 and the
dominant in 10, and then kept walking in eighths, ending on the dominant in 15 of 30; Bach's
held-out chorales end with the bass on the tonic in 16 of 17. A last chord over the dominant is a
half cadence: the song stops without ending, and a listener (and the key finder) hears the
dominant's key. An arranger fixes a final cadence this way; the notes before it stay the model's.

Only a sung ensemble (`engine.compose.part_writing.is_sung`) is closed so: a string quartet's
or a piano's parts may end on a chord of several notes, an arpeggio or a rest, and are left as
the model writes them.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Sequence

from engine.compose.cell_edit import write_cell
from engine.compose.part_writing import is_sung
from engine.compose.presets import Voice
from engine.song.song import Note, Song
from engine.song.theory import has_minor_third, key_tonic

LANDING_REACH = 9
"""Semitones a voice may move to reach its place in the last chord: a sixth, so a bass may
drop to the lower octave of its tonic and an inner voice find a tone of the triad."""

UNISON_COST = 4.0
"""What two voices ending on one pitch cost, in semitones moved: four voices keep four notes
where they can (a doubled root an octave apart is the usual final chord)."""

NO_THIRD_COST = 6.0
"""What a last chord of three or more voices without the triad's third costs, in semitones
moved: an open fifth at the end sounds hollow, and the third tells major from minor."""


def close_final_chord(song: Song, voices: Sequence[Voice]) -> Song:
    """The song with a choir's voices under its melody's closing note (the lead's last onset)
    holding to the end on the tonic chord: the lowest voice on the key's tonic, the others on
    tones of the tonic triad, no voice crossing another, each moving as little as it can
    (`_voicing`). A voice that stopped early in the last bar comes in again for the chord; a
    voice silent through the whole last bar is left silent. Anything else is returned as it
    is."""
    pitched = [i for i, voice in enumerate(voices) if not voice.is_drum and song.tracks[i].notes]
    key = song.key_signatures[0] if song.key_signatures else None
    if key is None or len(pitched) < 2 or not is_sung(song, pitched):
        return song
    lead = pitched[0]
    final = max(note.start_tick for note in song.tracks[lead].notes)
    top = max(n.pitch for n in song.tracks[lead].notes if n.start_tick == final)
    last_bar = song.bar_span(song.bar_count - 1)[0]
    singing = {t: _last_sung(song, t, final, last_bar) for t in pitched[1:]}
    under = [t for t in pitched[1:] if singing[t] is not None]
    if not under:
        return song
    tonic = key_tonic(key)
    third = (tonic + (3 if has_minor_third(key) else 4)) % 12
    triad = (tonic, third, (tonic + 7) % 12)
    pitches = [note.pitch for t in under if (note := singing[t]) is not None]
    options = [
        _landings(voices[t].pitch_range, pitch, (tonic,) if t == under[-1] else triad)
        for t, pitch in zip(under, pitches, strict=True)
    ]
    chosen = _voicing(top, pitches, options, third)
    if chosen is None:
        return song
    for track, pitch in zip(under, chosen, strict=True):
        note = singing[track]
        if note is not None:
            song = _hold(song, track, note, final, pitch)
    return song


def _last_sung(song: Song, track: int, final: int, last_bar: int) -> Note | None:
    """The track's note sounding at `final` (its highest), else its last note before `final`
    when that still sounds in the last bar: the note the voice's part of the chord comes from.
    None for a voice silent through the last bar."""
    notes = song.tracks[track].notes
    sounding = [n for n in notes if n.start_tick <= final < n.end_tick]
    if sounding:
        return max(sounding, key=lambda n: n.pitch)
    earlier = [n for n in notes if n.start_tick < final and n.end_tick > last_bar]
    return max(earlier, key=lambda n: (n.start_tick, n.pitch)) if earlier else None


def _landings(pitch_range: tuple[int, int], pitch: int, classes: Sequence[int]) -> list[int]:
    """The pitches of `classes` in the voice's range within `LANDING_REACH` of `pitch`."""
    low, high = pitch_range
    return [
        p
        for p in range(max(low, pitch - LANDING_REACH), min(high, pitch + LANDING_REACH) + 1)
        if p % 12 in classes
    ]


def _voicing(
    top: int, pitches: Sequence[int], options: Sequence[Sequence[int]], third: int
) -> tuple[int, ...] | None:
    """The cheapest last chord under the melody's `top`: one of `options` per voice, top down,
    none above the voice over it; the cost is the semitones moved from `pitches`, with
    `UNISON_COST` per pair of neighbours on one pitch and `NO_THIRD_COST` for a chord of three
    or more voices without `third`. None when no such chord exists. A choir has a handful of
    voices and each a few landings, so every chord is tried."""
    best: tuple[float, tuple[int, ...]] | None = None
    for chord in itertools.product(*options):
        line = (top, *chord)
        if any(lower > upper for upper, lower in itertools.pairwise(line)):
            continue
        cost = float(sum(abs(p - q) for p, q in zip(chord, pitches, strict=True)))
        cost += UNISON_COST * sum(upper == lower for upper, lower in itertools.pairwise(line))
        if len(line) >= 3 and all(p % 12 != third for p in line):
            cost += NO_THIRD_COST
        if best is None or cost < best[0]:
            best = (cost, chord)
    return None if best is None else best[1]


def _hold(song: Song, track: int, note: Note, final: int, pitch: int) -> Song:
    """The voice's `note` (`_last_sung`) carried into the last chord: held on to the song's
    end when it sounds at `final` on `pitch`; else ended at `final` (when it sounds there) and
    followed by a note on `pitch` from `final` to the end. Every note starting after `final`
    is dropped.

    The bars are written from the last back: a cell's note is cut at the next onset of its
    pitch outside the cell (`engine.compose.cell_edit.write_cell`), so a voice whose note
    sounds at `final` and sings that pitch again later in the last bar would otherwise be cut
    there, by a note about to be dropped, and fall silent under the last chord."""
    end = song.end_tick
    if note.end_tick > final and pitch == note.pitch:
        held = [dataclasses.replace(note, duration_ticks=end - note.start_tick)]
    else:
        ending = dataclasses.replace(
            note, start_tick=final, pitch=pitch, duration_ticks=end - final
        )
        before = min(note.end_tick, final) - note.start_tick
        held = [dataclasses.replace(note, duration_ticks=before), ending] if before else [ending]
    for bar in reversed(range(song.bar_at_tick(note.start_tick), song.bar_count)):
        kept = [n for n in song.notes_in_bar(track, bar) if n.start_tick < final and n != note]
        own = [n for n in held if song.bar_at_tick(n.start_tick) == bar]
        song = write_cell(song, (track, bar), [*kept, *own])
    return song
