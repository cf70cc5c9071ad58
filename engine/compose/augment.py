"""Training-data augmentation: transpose within each instrument's range, stretch the tempo.

A transposition moves the key signatures with the notes: a tune in D major shifted up two
semitones is a tune in E major, and the `Key_` token the model reads must say so, or the model
learns that the declared key says nothing about the notes (version 1 of the model did).

Pure functions of (Song, random generator): the same seed gives the same augmented Song, so a
training run is reproducible.
"""

from __future__ import annotations

import dataclasses
import random

from engine.song.song import (
    MAX_TEMPO_BPM,
    MIN_TEMPO_BPM,
    KeySignatureChange,
    Song,
    TempoChange,
    Track,
)

# Playable MIDI pitch ranges per General MIDI family of 8 programs (piano, chromatic percussion,
# organ, guitar, bass, strings, ensemble, brass, reed, pipe, synth lead, synth pad, synth
# effects, ethnic, percussive, sound effects). Approximate by design: they keep transposed
# parts where the instrument can sound, not where a virtuoso can reach.
FAMILY_RANGES = (
    (21, 108), (48, 108), (24, 96), (40, 88), (23, 67), (28, 100), (36, 96), (34, 84),
    (34, 96), (48, 100), (36, 96), (36, 96), (36, 96), (36, 96), (36, 96), (24, 96),
)  # fmt: skip


def instrument_range(program: int) -> tuple[int, int]:
    return FAMILY_RANGES[program // 8]


def transpose_track(track: Track, semitones: int) -> Track:
    if track.is_drum or semitones == 0:
        return track
    notes = tuple(dataclasses.replace(n, pitch=n.pitch + semitones) for n in track.notes)
    return dataclasses.replace(track, notes=notes)


def transpose_key(key: KeySignatureChange, semitones: int) -> KeySignatureChange:
    """The key signature `semitones` higher (lower if negative), in the spelling with at most
    six accidentals (six sharps rather than six flats for F#/Gb).

    Each fifth up adds a sharp and a fifth is 7 semitones, so a semitone up is 7 fifths up:
    the signature moves by 7 * semitones, modulo the 12-fifth circle.
    """
    fifths = (key.sharps_flats + 7 * semitones) % 12
    return dataclasses.replace(key, sharps_flats=fifths if fifths <= 6 else fifths - 12)


def allowed_transpositions(song: Song, max_semitones: int = 6) -> list[int]:
    """Shifts in [-max, +max] that keep every pitched track inside its instrument's range.

    Always contains 0, so a part already outside its range is left as it is.
    """
    allowed = []
    for shift in range(-max_semitones, max_semitones + 1):
        fits = True
        for track in song.tracks:
            if track.is_drum or not track.notes:
                continue
            low, high = instrument_range(track.program)
            pitches = [note.pitch for note in track.notes]
            if min(pitches) + shift < low or max(pitches) + shift > high:
                fits = False
                break
        if fits or shift == 0:
            allowed.append(shift)
    return allowed


def augment(
    song: Song, rng: random.Random, max_semitones: int = 6, tempo_spread: float = 0.0
) -> Song:
    """A randomly transposed (and, if `tempo_spread` > 0, tempo-scaled) copy of `song`.

    `tempo_spread` 0.1 scales every tempo by one factor drawn from [0.9, 1.1].
    """
    shift = rng.choice(allowed_transpositions(song, max_semitones))
    tracks = tuple(transpose_track(track, shift) for track in song.tracks)
    factor = rng.uniform(1 - tempo_spread, 1 + tempo_spread) if tempo_spread > 0 else 1.0
    tempos = tuple(
        TempoChange(t.tick, min(max(t.tempo_bpm * factor, MIN_TEMPO_BPM), MAX_TEMPO_BPM))
        for t in song.tempos
    )
    keys = tuple(transpose_key(key, shift) for key in song.key_signatures)
    return dataclasses.replace(song, tracks=tracks, tempos=tempos, key_signatures=keys)
