"""The pure measures of the musicality benchmark: each is a small function of one Song.

Every measure returns a `Ratio` (hits over a total) or None where it does not apply to the song
(no key signature, a single voice where two are needed, no drum track, a meter it is not
defined for). Keeping the two counts, rather than a share per song, lets the benchmark pool a
measure over songs of different lengths (`pooled`): a 4-bar song does not weigh as much as a
32-bar one in a per-bar share. Song-level measures (does the song end on the tonic?) are
`Ratio(1, 1)` or `Ratio(0, 1)`, so pooling them gives the share of songs.

Voices are the song's pitched tracks in track order, which is top to bottom for every preset
and for the score order of the corpus works; drum tracks are measured only by the drum
measures. See `benchmarks.musicality` for what each row compares.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from itertools import combinations, pairwise
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from engine.song.song import PPQ, KeySignatureChange, Note, Song, Track
from engine.song.theory import is_chord, key_scale, key_tonic, midi_key, signature_pentatonic

SIXTEENTH = PPQ // 4
NEAR_REPEAT_JACCARD = 0.8
CLUSTER_NOTES = 5
SHORTEST_NOTE = PPQ // 8
"""A thirty-second note: pitched notes shorter than this are counted by `clipped_notes`."""

# Krumhansl & Kessler's probe-tone ratings (1982) for a major and a minor key, tonic first.
MAJOR_PROFILE = np.array([6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88])
MINOR_PROFILE = np.array([6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17])


class Ratio(NamedTuple):
    hits: float
    total: float


def pooled(ratios: Iterable[Ratio | None]) -> float | None:
    """All the songs' hits over all their totals; None when no song had anything to count."""
    found = [r for r in ratios if r is not None]
    total = sum(r.total for r in found)
    return sum(r.hits for r in found) / total if total else None


def song_flag(value: bool) -> Ratio:
    return Ratio(1.0 if value else 0.0, 1.0)


# --- voices and keys -------------------------------------------------------------------------


def voices(song: Song) -> list[Track]:
    """The pitched tracks, top to bottom (track order)."""
    return [track for track in song.tracks if not track.is_drum]


def declared_key(song: Song) -> KeySignatureChange | None:
    """The key the song says it is in, as its MIDI file declares it: its opening key signature,
    a church mode read as its signature's major key (`midi_key`). The held-out fiddle tunes
    declare their modes so, by signature alone (K:G for a tune in D mixolydian), so a new tune
    in a mode is read the same way as a held-out one."""
    return midi_key(song.key_signatures[0]) if song.key_signatures else None


def pitch_class_weights(song: Song) -> npt.NDArray[np.float64]:
    """Ticks each pitch class sounds for, over every pitched track."""
    weights = np.zeros(12)
    for track in voices(song):
        for note in track.notes:
            weights[note.pitch % 12] += note.duration_ticks
    return weights


def estimate_key(song: Song) -> tuple[int, str] | None:
    """(tonic pitch class, 'major' or 'minor') whose Krumhansl-Kessler profile correlates best
    with the song's duration-weighted pitch classes; None for a song without pitched notes."""
    weights = pitch_class_weights(song)
    if not weights.any() or np.all(weights == weights[0]):
        return None
    best: tuple[float, int, str] = (-2.0, 0, "major")
    for mode, profile in (("major", MAJOR_PROFILE), ("minor", MINOR_PROFILE)):
        for tonic in range(12):
            r = float(np.corrcoef(weights, np.roll(profile, tonic))[0, 1])
            if r > best[0]:
                best = (r, tonic, mode)
    return best[1], best[2]


def signature_tonic(tonic: int, mode: str) -> int:
    """The major tonic of the key's signature: a minor key shares its relative major's."""
    return tonic % 12 if mode == "major" else (tonic + 3) % 12


def key_matches(song: Song) -> Ratio | None:
    """Whether the estimated key has the declared key signature (relative keys count as one)."""
    key, estimate = declared_key(song), estimate_key(song)
    if key is None or estimate is None:
        return None
    return song_flag(signature_tonic(*estimate) == (7 * key.sharps_flats) % 12)


def scale_of(key: KeySignatureChange) -> frozenset[int]:
    """The key's scale; a minor key also allows its raised sixth and seventh (melodic and
    harmonic minor), which any tonal minor piece uses."""
    if key.mode == "major":
        return key_scale(key)
    tonic = key_tonic(key)
    return key_scale(key) | {(tonic + 9) % 12, (tonic + 11) % 12}


def in_scale(song: Song) -> Ratio | None:
    """Pitched notes in the declared key's scale, over all pitched notes."""
    return _share_on(song, scale_of)


def pentatonic_share(song: Song) -> Ratio | None:
    """Pitched notes among the five tones of the declared signature's major pentatonic (D E F#
    A B under two sharps; every mode of the signature shares them), over all pitched notes: how
    pentatonic a song in a Chinese pentatonic style keeps, its fourth and seventh passing."""
    return _share_on(song, signature_pentatonic)


def _share_on(song: Song, tones_of: Callable[[KeySignatureChange], frozenset[int]]) -> Ratio | None:
    """Pitched notes whose pitch class is among `tones_of` the declared key, over all of them;
    None without a key or a pitched note."""
    key = declared_key(song)
    notes = [n for track in voices(song) for n in track.notes]
    if key is None or not notes:
        return None
    tones = tones_of(key)
    return Ratio(sum(n.pitch % 12 in tones for n in notes), len(notes))


# --- form and endings ------------------------------------------------------------------------


def jaccard(a: set[tuple[int, int]], b: set[tuple[int, int]]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def near_repeat_bars(song: Song, threshold: float = NEAR_REPEAT_JACCARD) -> Ratio | None:
    """Non-empty bars of a pitched track whose (onset in bar, pitch) set has a Jaccard index of
    at least `threshold` with an earlier bar of the same track (no transposition), over all
    non-empty bars: how much of the music is (almost) heard before."""
    hits = total = 0
    for index, track in enumerate(song.tracks):
        if track.is_drum:
            continue
        seen: list[set[tuple[int, int]]] = []
        for bar in range(song.bar_count):
            start = song.bar_start_ticks[bar]
            content = {(n.start_tick - start, n.pitch) for n in song.notes_in_bar(index, bar)}
            if not content:
                continue
            total += 1
            hits += any(jaccard(content, earlier) >= threshold for earlier in seen)
            seen.append(content)
    return Ratio(hits, total) if total else None


def top_line(notes: Sequence[Note]) -> list[Note]:
    """The highest note at each onset (the skyline): a track's melody when it plays chords."""
    by_onset: dict[int, Note] = {}
    for note in notes:
        if note.start_tick not in by_onset or note.pitch > by_onset[note.start_tick].pitch:
            by_onset[note.start_tick] = note
    return [by_onset[tick] for tick in sorted(by_onset)]


def last_melody_note(song: Song) -> Note | None:
    """The last note of the top voice (the first pitched track that has notes)."""
    line = melody_line(song)
    return line[-1] if line else None


def melody_line(song: Song) -> list[Note]:
    """The top voice's skyline: the first pitched track that has notes."""
    for track in voices(song):
        if track.notes:
            return top_line(track.notes)
    return []


def repeated_notes(song: Song) -> Ratio | None:
    """Onsets of the melody that repeat the pitch before, over all its onsets after the
    first: a tune that keeps landing on one note drones, and `step_share` does not see it
    (a repeated note is no move)."""
    line = melody_line(song)
    pairs = list(pairwise(note.pitch for note in line))
    return Ratio(sum(a == b for a, b in pairs), len(pairs)) if pairs else None


def sparse_melody_bars(song: Song) -> Ratio | None:
    """The song's bars where its melody (the first pitched track with notes) starts at most
    one note, over all its bars: a lead that holds one long note a bar for a whole song is a
    pad, where a phrase's last bar or a rest between phrases is one such bar in several."""
    melody = next((track for track in voices(song) if track.notes), None)
    if melody is None or not song.bar_count:
        return None
    starts = Counter(song.bar_at_tick(note.start_tick) for note in top_line(melody.notes))
    return Ratio(sum(starts[bar] <= 1 for bar in range(song.bar_count)), song.bar_count)


def varied_melody_bars(song: Song) -> Ratio | None:
    """The melody's bars, all but the last, that start more or fewer notes than its median bar
    does, over those bars: a real tune's bars vary their rhythm (a held note at a phrase's end,
    a run of quick notes), where a line held to one count every bar ticks like a machine. The
    last bar is left out: a song's ends, a held-out excerpt's is cut off."""
    melody = next((track for track in voices(song) if track.notes), None)
    if melody is None or song.bar_count < 3:
        return None
    starts = Counter(song.bar_at_tick(note.start_tick) for note in top_line(melody.notes))
    counts = [starts[bar] for bar in range(song.bar_count - 1)]
    usual = statistics.median(counts)
    return Ratio(sum(count != usual for count in counts), len(counts))


def commonest_pitch(song: Song) -> Ratio | None:
    """The melody's onsets on its most frequent pitch, over all of them."""
    pitches = Counter(note.pitch for note in melody_line(song))
    return Ratio(pitches.most_common(1)[0][1], pitches.total()) if pitches else None


def tonic_ending(song: Song) -> Ratio | None:
    """Whether the top voice's last note is the declared key's tonic."""
    key, last = declared_key(song), last_melody_note(song)
    if key is None or last is None:
        return None
    return song_flag(last.pitch % 12 == key_tonic(key))


def long_final_note(song: Song) -> Ratio | None:
    """Whether the top voice's last note lasts at least half its bar, or at least the song's
    90th percentile note length: a piece that stops rather than breaks off."""
    last = last_melody_note(song)
    if last is None:
        return None
    start, end = song.bar_span(song.bar_at_tick(last.start_tick))
    lengths = [n.duration_ticks for track in voices(song) for n in track.notes]
    long_enough = last.duration_ticks >= min((end - start) / 2, np.percentile(lengths, 90))
    return song_flag(bool(long_enough))


# --- voice leading ---------------------------------------------------------------------------


def sounding_grid(track: Track, end_tick: int, step: int = SIXTEENTH) -> list[tuple[int, ...]]:
    """The pitches of a track sounding at every `step` ticks from 0 to the song's end."""
    grid: list[list[int]] = [[] for _ in range(-(-end_tick // step))]
    for note in track.notes:
        for point in range(-(-note.start_tick // step), -(-note.end_tick // step)):
            grid[point].append(note.pitch)
    return [tuple(pitches) for pitches in grid]


def sounding_share(song: Song) -> Ratio | None:
    """Sampled sixteenths at which each pitched part that plays sounds a note, over all of them
    from the song's start to its end: a chorale's voices sing on (Bach's 98-99%), where a
    part that keeps stopping short leaves holes in the texture."""
    grids = [sounding_grid(track, song.end_tick) for track in voices(song) if track.notes]
    total = sum(len(grid) for grid in grids)
    return Ratio(sum(bool(pitches) for grid in grids for pitches in grid), total) if total else None


def adjacent_sounding(song: Song) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """(upper voice's pitches, lower voice's pitches) at each sampled sixteenth where two
    adjacent voices both sound."""
    grids = [sounding_grid(track, song.end_tick) for track in voices(song)]
    return [
        (high, low)
        for upper, lower in pairwise(grids)
        for high, low in zip(upper, lower, strict=True)
        if high and low
    ]


def voice_crossings(song: Song) -> Ratio | None:
    """Sampled sixteenths where adjacent voices both sound and the upper one's mean sounding
    pitch is below the lower one's, over the sixteenths where both sound."""
    both = adjacent_sounding(song)
    hits = sum(float(np.mean(high)) < float(np.mean(low)) for high, low in both)
    return Ratio(hits, len(both)) if both else None


def unisons(song: Song) -> Ratio | None:
    """Sampled sixteenths where adjacent voices both sound and meet on one pitch (the upper
    one's lowest is the lower one's highest), over the sixteenths where both sound: voices that
    collapse onto each other leave a four-part chord with three notes."""
    both = adjacent_sounding(song)
    return Ratio(sum(min(high) == max(low) for high, low in both), len(both)) if both else None


CHORD_VOICES = 3
"""The voices that must sound on a beat for `chord_beats` to ask whether they make a chord: with
two, any third or fifth would pass."""


def chord_beats(song: Song) -> Ratio | None:
    """Beats on which a pitched part starts a note and at least `CHORD_VOICES` parts sound, whose
    sounding pitch classes are all tones of one triad or seventh chord
    (`engine.song.theory.is_chord`), over those beats: whether the parts, heard together, make
    chords where a listener hears the harmony. Bach's chorales do on 89% of them."""
    parts = voices(song)
    starts = song.bar_start_ticks
    onsets = sorted({n.start_tick for track in parts for n in track.notes})
    beats = [tick for tick in onsets if not (tick - starts[song.bar_at_tick(tick)]) % PPQ]
    hits = total = 0
    for tick in beats:
        sounding = [
            {n.pitch % 12 for n in track.notes if n.start_tick <= tick < n.end_tick}
            for track in parts
        ]
        if sum(1 for classes in sounding if classes) < CHORD_VOICES:
            continue
        total += 1
        hits += is_chord(frozenset().union(*sounding))
    return Ratio(hits, total) if total else None


def sounding_at(notes: Sequence[Note], tick: int, upper: bool) -> int | None:
    pitches = [n.pitch for n in notes if n.start_tick <= tick < n.end_tick]
    if not pitches:
        return None
    return max(pitches) if upper else min(pitches)


def joint_points(upper: Sequence[Note], lower: Sequence[Note]) -> list[tuple[int, int] | None]:
    """At each onset of either voice, (upper's highest, lower's lowest) sounding pitch: the
    outer voices when a track plays chords; None where either voice is silent."""
    onsets = sorted({n.start_tick for n in upper} | {n.start_tick for n in lower})
    points: list[tuple[int, int] | None] = []
    for tick in onsets:
        high, low = sounding_at(upper, tick, upper=True), sounding_at(lower, tick, upper=False)
        points.append(None if high is None or low is None else (high, low))
    return points


def parallel_perfects(song: Song) -> Ratio | None:
    """Parallel fifths and octaves (or unisons) between every pair of voices, over their joint
    moves (consecutive onsets of either voice where both sound and both change pitch)."""
    hits = total = 0
    for upper, lower in combinations(voices(song), 2):
        for first, second in pairwise(joint_points(upper.notes, lower.notes)):
            if first is None or second is None:
                continue
            (a1, b1), (a2, b2) = first, second
            if a1 == a2 or b1 == b2:
                continue
            total += 1
            same_way = (a2 > a1) == (b2 > b1)
            hits += same_way and (a1 - b1) % 12 in (0, 7) and (a1 - b1) % 12 == (a2 - b2) % 12
    return Ratio(hits, total) if total else None


def melodic_intervals(song: Song) -> list[int]:
    """Pitch moves between consecutive onsets of each pitched track's top line (repeated notes
    are not moves and are left out)."""
    moves: list[int] = []
    for track in voices(song):
        line = top_line(track.notes)
        moves += [b.pitch - a.pitch for a, b in pairwise(line) if b.pitch != a.pitch]
    return moves


def step_share(song: Song) -> Ratio | None:
    """Moves of one or two semitones, over all melodic moves."""
    moves = melodic_intervals(song)
    return Ratio(sum(abs(m) <= 2 for m in moves), len(moves)) if moves else None


def big_leaps(song: Song) -> Ratio | None:
    """Moves wider than an octave, over all melodic moves (shown per 100)."""
    moves = melodic_intervals(song)
    return Ratio(sum(abs(m) > 12 for m in moves), len(moves)) if moves else None


def pitch_range(song: Song, voice: int) -> Ratio | None:
    """Semitones from the lowest to the highest note of one pitched track (by voice index)."""
    tracks = voices(song)
    if voice >= len(tracks) or not tracks[voice].notes:
        return None
    pitches = [n.pitch for n in tracks[voice].notes]
    return Ratio(max(pitches) - min(pitches), 1)


def mean_pitch(song: Song, voice: int) -> Ratio | None:
    """The mean MIDI pitch of one pitched track's notes (by voice index): where the part lies.
    A span says how far a part moves, not where: a first violin a tenth too low spans as
    much as one in its place."""
    tracks = voices(song)
    if voice >= len(tracks) or not tracks[voice].notes:
        return None
    return Ratio(sum(n.pitch for n in tracks[voice].notes), len(tracks[voice].notes))


def clipped_notes(song: Song) -> Ratio | None:
    """Pitched notes shorter than a thirty-second note (`SHORTEST_NOTE`), of all pitched
    notes: a grace note now and then in human music; in a model's song, a part written as
    staccato clicks (new pop songs had 40-68% of their notes one step long, 1/48 of a bar).
    None for a song without pitched notes."""
    notes = [note for track in voices(song) for note in track.notes]
    if not notes:
        return None
    return Ratio(sum(note.duration_ticks < SHORTEST_NOTE for note in notes), len(notes))


def clusters(song: Song) -> Ratio | None:
    """Onsets at which a single pitched track sounds CLUSTER_NOTES or more notes: counted per
    song (a hand or a fiddle cannot play them; a model that stacks notes does). None for a
    song without pitched notes (a drum groove)."""
    if not any(track.notes for track in voices(song)):
        return None
    count = 0
    for track in voices(song):
        for onset in {n.start_tick for n in track.notes}:
            sounding = sum(n.start_tick <= onset < n.end_tick for n in track.notes)
            count += sounding >= CLUSTER_NOTES
    return Ratio(count, 1)
