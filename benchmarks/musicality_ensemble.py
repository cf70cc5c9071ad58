"""The ensemble measures of the musicality benchmark: a reel's running eighths, the drum
groove, and the bass under the harmony. Like `benchmarks.musicality_measures`, each is a pure
function of a Song returning a `Ratio`, or None where it does not apply (no drum track, fewer
than two pitched voices, no 4/4 bar).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from itertools import pairwise

import numpy as np

from benchmarks.musicality_measures import (
    SIXTEENTH,
    Ratio,
    declared_key,
    scale_of,
    sounding_at,
    voices,
)
from engine.song.drums import CRASHES, KICKS, SNARES, TIME_KEEPERS, TOMS
from engine.song.song import PPQ, Song

# --- rhythm of a reel ------------------------------------------------------------------------


def is_common_time(song: Song, bar: int) -> bool:
    """A full bar of 4/4 or 2/2 (a pickup bar or another meter is not)."""
    meter = song.time_signature_at(song.bar_start_ticks[bar])
    start, end = song.bar_span(bar)
    return end - start == 4 * PPQ and meter.numerator == meter.denominator


def steady_eighths(song: Song) -> Ratio | None:
    """Full 4/4 (or 2/2) bars of the top voice whose onsets are exactly the eight eighths, over
    those bars: the running eighths a reel is made of."""
    tracks = voices(song)
    if not tracks:
        return None
    index = song.tracks.index(tracks[0])
    eighths = set(range(0, 4 * PPQ, PPQ // 2))
    hits = total = 0
    for bar in range(song.bar_count):
        if not is_common_time(song, bar):
            continue
        start = song.bar_start_ticks[bar]
        total += 1
        hits += {n.start_tick - start for n in song.notes_in_bar(index, bar)} == eighths
    return Ratio(hits, total) if total else None


# --- drums ------------------------------------------------------------------------------------


def drum_index(song: Song) -> int | None:
    return next((i for i, track in enumerate(song.tracks) if track.is_drum), None)


def hits_near(onsets: Iterable[int], beat: int) -> bool:
    """Whether any onset (ticks into the bar) lies within a sixteenth of `beat`."""
    return any(abs(onset - beat) <= SIXTEENTH for onset in onsets)


def steady_pulse(onsets: Iterable[int], run: int = 4) -> bool:
    """Whether `run` or more onsets follow each other at one even spacing, from a sixteenth to
    a quarter apart, with a 32nd of slack for played timing."""
    slack = SIXTEENTH // 2
    gaps = [b - a for a, b in pairwise(sorted(set(onsets)))]
    streak, spacing = 0, 0
    for gap in gaps:
        if not SIXTEENTH - slack <= gap <= PPQ + slack:
            streak = 0
            continue
        if streak and abs(gap - spacing) <= slack:
            streak += 1
        else:
            streak, spacing = 1, gap
        if streak >= run - 1:
            return True
    return False


def common_time_drum_bars(song: Song) -> list[dict[str, list[int]]]:
    """For each full 4/4 bar, the drum track's kick, snare and time-keeper onsets (ticks into
    the bar); empty when the song has no drum track."""
    index = drum_index(song)
    if index is None:
        return []
    bars = []
    for bar in range(song.bar_count):
        meter = song.time_signature_at(song.bar_start_ticks[bar])
        if not is_common_time(song, bar) or (meter.numerator, meter.denominator) != (4, 4):
            continue
        start = song.bar_start_ticks[bar]
        notes = song.notes_in_bar(index, bar)
        bars.append(
            {
                name: [n.start_tick - start for n in notes if n.pitch in keys]
                for name, keys in (("kick", KICKS), ("snare", SNARES), ("keeper", TIME_KEEPERS))
            }
        )
    return bars


def beat_score(song: Song) -> Ratio | None:
    """Per 4/4 bar, a third for each of: a kick within a sixteenth of beat 1, a snare or clap
    on both beats 2 and 4, and a hi-hat or ride keeping at least four steady onsets; summed
    over bars (so the pooled value is the mean bar's score, 1.0 = every bar a full backbeat)."""
    bars = common_time_drum_bars(song)
    if not bars:
        return None
    score = 0.0
    for onsets in bars:
        kick = hits_near(onsets["kick"], 0)
        snare = hits_near(onsets["snare"], PPQ) and hits_near(onsets["snare"], 3 * PPQ)
        score += (kick + snare + steady_pulse(onsets["keeper"])) / 3
    return Ratio(score, len(bars))


def backbeat_bars(song: Song) -> Ratio | None:
    """4/4 bars with a kick within a sixteenth of beat 1 and a snare or clap on both 2 and 4:
    the backbeat pop, rock and hip hop stand on."""
    bars = common_time_drum_bars(song)
    if not bars:
        return None
    hits = sum(
        hits_near(b["kick"], 0) and hits_near(b["snare"], PPQ) and hits_near(b["snare"], 3 * PPQ)
        for b in bars
    )
    return Ratio(hits, len(bars))


HAND_PERCUSSION = range(60, 82)
"""General MIDI's bongos, congas, timbales, agogo, cabasa, maracas, whistles, guiro, claves,
wood blocks, cuica and triangle: a percussionist's instruments, not a drum kit's."""


def hand_percussion(song: Song) -> Ratio | None:
    """Drum hits on hand percussion (`HAND_PERCUSSION`), of all drum hits: none in Groove MIDI's
    performances, which are played on a kit; None for a song without drum hits."""
    hits = [note.pitch for track in song.tracks if track.is_drum for note in track.notes]
    if not hits:
        return None
    return Ratio(sum(pitch in HAND_PERCUSSION for pitch in hits), len(hits))


def toms_and_crashes(song: Song) -> Ratio | None:
    """Drum hits on toms or crash cymbals (`engine.song.drums.TOMS`, `CRASHES`), of all drum
    hits: a groove's fills and accents; None for a song without drum hits."""
    hits = [note.pitch for track in song.tracks if track.is_drum for note in track.notes]
    if not hits:
        return None
    return Ratio(sum(pitch in TOMS or pitch in CRASHES for pitch in hits), len(hits))


def four_on_the_floor(song: Song) -> Ratio | None:
    """4/4 bars with a kick within a sixteenth of each of the four beats (house music's)."""
    bars = common_time_drum_bars(song)
    if not bars:
        return None
    hits = sum(all(hits_near(b["kick"], beat * PPQ) for beat in range(4)) for b in bars)
    return Ratio(hits, len(bars))


# --- bass ------------------------------------------------------------------------------------


def bass_index(song: Song) -> int | None:
    """The pitched track with the lowest mean pitch, when there are two or more with notes."""
    pitched = [i for i, t in enumerate(song.tracks) if not t.is_drum and t.notes]
    if len(pitched) < 2:
        return None
    return min(pitched, key=lambda i: float(np.mean([n.pitch for n in song.tracks[i].notes])))


def bass_in_key(song: Song) -> Ratio | None:
    """The bass's notes in the declared key's scale (minor keys with their raised sixth and
    seventh), over its notes."""
    bass, key = bass_index(song), declared_key(song)
    if bass is None or key is None:
        return None
    scale = scale_of(key)
    notes = song.tracks[bass].notes
    return Ratio(sum(n.pitch % 12 in scale for n in notes), len(notes))


def bar_chord(song: Song, bar: int, skip: int) -> list[int]:
    """The three pitch classes the other pitched tracks sound longest in the bar, heaviest
    first (fewer when fewer sound)."""
    start, end = song.bar_span(bar)
    weights = np.zeros(12)
    for index, track in enumerate(song.tracks):
        if index == skip or track.is_drum:
            continue
        for note in track.notes:
            overlap = min(end, note.end_tick) - max(start, note.start_tick)
            weights[note.pitch % 12] += max(0, overlap)
    order = np.argsort(-weights, kind="stable")[:3]
    return [int(pc) for pc in order if weights[pc] > 0]


def chord_root(chord: Sequence[int]) -> int:
    """The root of up to three pitch classes (heaviest first): the first with its fifth in the
    chord, else the first with a third above it, else the heaviest."""
    for interval in (7, 4, 3):
        for pc in chord:
            if (pc + interval) % 12 in chord:
                return pc
    return chord[0]


def heard_root(bass_pitch: int, chord: Sequence[int]) -> int:
    """The root a listener hears over `bass_pitch`: the bass's own pitch class where the chord's
    pitch classes hold its third and fifth (a seventh chord whose upper parts read as a triad:
    A under C E G is Am7, C under E G B is Cmaj7), else the root of the chord itself. Read from
    the other parts alone, a soul song's Am7 named C its root, and its bass on A a miss."""
    own = bass_pitch % 12
    third = (own + 3) % 12 in chord or (own + 4) % 12 in chord
    return own if third and (own + 7) % 12 in chord else chord_root(chord)


def strong_beats(song: Song, bar: int) -> list[int]:
    """Ticks of the bar's strong beats: its start, and its middle when the meter's numerator
    is even (beats 1 and 3 of 4/4, the two halves of 6/8; only beat 1 of 3/4)."""
    start, end = song.bar_span(bar)
    meter = song.time_signature_at(start)
    return [start, (start + end) // 2] if meter.numerator % 2 == 0 else [start]


def bass_onsets_per_bar(song: Song) -> Ratio | None:
    """The bass's onsets over the bars it plays in: a walking bass starts 4 a 4/4 bar, a rock
    bass pumping eighths 8, a line running in sixteenths 16."""
    bass = bass_index(song)
    if bass is None:
        return None
    bars = [song.notes_in_bar(bass, bar) for bar in range(song.bar_count)]
    played = [notes for notes in bars if notes]
    onsets = sum(len({note.start_tick for note in notes}) for notes in played)
    return Ratio(onsets, len(played)) if played else None


def bass_repeated_notes(song: Song) -> Ratio | None:
    """The bass's onsets whose lowest pitch is the one before's, over all but its first: a
    bass hammering one note, where Bach's basses move at nearly every note."""
    bass = bass_index(song)
    if bass is None:
        return None
    lowest: dict[int, int] = {}
    for note in song.tracks[bass].notes:
        lowest[note.start_tick] = min(note.pitch, lowest.get(note.start_tick, 128))
    line = [lowest[tick] for tick in sorted(lowest)]
    pairs = list(pairwise(line))
    return Ratio(sum(a == b for a, b in pairs), len(pairs)) if pairs else None


def bass_short_notes(song: Song) -> Ratio | None:
    """The bass's notes shorter than an eighth, over its notes: a bass that plucks where it
    should ring on."""
    bass = bass_index(song)
    if bass is None:
        return None
    notes = song.tracks[bass].notes
    return Ratio(sum(note.duration_ticks < PPQ // 2 for note in notes), len(notes))


def bass_under_chords(song: Song, ticks: Callable[[Song, int], list[int]]) -> list[tuple[int, int]]:
    """(the bass's lowest sounding pitch, the root heard over it, `heard_root`, of the bar's
    chord from the other pitched tracks) at each of `ticks(song, bar)` where the bass sounds
    over a chord."""
    bass = bass_index(song)
    if bass is None:
        return []
    pairs = []
    for bar in range(song.bar_count):
        chord = bar_chord(song, bar, bass)
        for tick in ticks(song, bar) if chord else ():
            pitch = sounding_at(song.tracks[bass].notes, tick, upper=False)
            if pitch is not None:
                pairs.append((pitch, heard_root(pitch, chord)))
    return pairs


def bass_on_root_or_fifth(song: Song) -> Ratio | None:
    """Strong beats where the bass sounds, whose lowest bass pitch class is the root or the
    fifth of the bar's chord (from the other pitched tracks), over those strong beats."""
    pairs = bass_under_chords(song, strong_beats)
    hits = sum(pitch % 12 in (root, (root + 7) % 12) for pitch, root in pairs)
    return Ratio(hits, len(pairs)) if pairs else None


def bass_root_on_downbeats(song: Song) -> Ratio | None:
    """Bars whose downbeat the bass sounds on the root of the bar's chord (from the other
    pitched tracks), over the bars where the bass sounds at the downbeat: a bassist names each
    chord as it comes. Stricter than `bass_on_root_or_fifth`, which a bass holding the tonic
    under a progression passes on every chord that has the tonic as its fifth (IV) and at
    half of the others."""
    pairs = bass_under_chords(song, lambda song, bar: [song.bar_span(bar)[0]])
    hits = sum(pitch % 12 == root for pitch, root in pairs)
    return Ratio(hits, len(pairs)) if pairs else None
