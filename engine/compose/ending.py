"""How a new song ends: the degree its melody comes to rest on, the two chords under it, and
the rule that lands the melody there.

Most songs end on the tonic. A fiddle tune need not: of the 260 jigs in the corpus's train
split, 151 end on their signature's major tonic and 33 on its relative minor's, and the rest
stop on the fifth (31), the second (24), the fourth (9), the seventh (7) or the third (4), the
tune running on into its next playing (reels, of 399: 210 and 65, then the second 48, the fifth
24, the third 21, the seventh 20, the fourth 10). The held-out tunes end on their tonic 61-62%
of the time. Closed on the tonic every time, new tunes ended there in 30 of 30. A preset's
`finals` (`engine.compose.presets.final_for_seed`) draws the degree as often as its corpus ends
there; the planned cadence then moves to a chord that holds it (`closing_chords`: the second
over V, as a tune ends on a half cadence), and the melody lands on it (`close_on_final`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from engine.compose.cell_edit import write_cell
from engine.compose.plan import STYLE_PLANS, chord_of_degree
from engine.compose.presets import Voice
from engine.song.song import KeySignatureChange, Note, Song
from engine.song.theory import SCALES, key_tonic

TONIC, DOMINANT, SUBDOMINANT = 0, 4, 3
"""Scale degrees (0-based) of the chords a song may close on."""
Chords = tuple[frozenset[int] | None, ...]


def final_pitch_class(key: KeySignatureChange, degree: int) -> int:
    """The pitch class of a degree (0-based, tonic 0) of the key's scale."""
    return (key_tonic(key) + SCALES[key.mode][degree % 7]) % 12


def closing_chords(
    chords: Chords, key: KeySignatureChange, style: str | None, degree: int
) -> Chords:
    """A song's planned chords with the last two moved so that the last one holds the melody's
    final degree: V-I for the tonic, the third or the fifth (as planned); I-V for the second or
    the seventh; I-IV for the fourth or the sixth. A song of one bar, or whose last bar the
    model chooses (None), is left as it is."""
    if len(chords) < 2 or chords[-1] is None or degree % 7 in (0, 2, 4):
        return chords
    harmony = STYLE_PLANS.get(style or "", STYLE_PLANS["classical"]).harmony
    final = final_pitch_class(key, degree)
    closing = next(
        (
            chord
            for chord in (chord_of_degree(key, d, harmony) for d in (DOMINANT, SUBDOMINANT))
            if final in chord
        ),
        None,
    )
    if closing is None:
        return chords
    return (*chords[:-2], chord_of_degree(key, TONIC, harmony), closing)


def close_on_final(song: Song, voices: Sequence[Voice], degree: int = 0) -> Song:
    """A new song's melody landing on a degree of its key (the tonic unless a preset's
    `finals` drew another) on a strong beat of its last bar and holding it to the end of the
    song (`_closing_onset`); the notes after it are left out.

    Why a rule and not only the model: a song that stops on a degree it was not planned to
    stop on sounds unfinished, and the model, asked for a tonic chord in the last bar, still
    ended its melody elsewhere most of the time. The lead's (first pitched voice's) last note
    moves to the nearest pitch of that degree in its range, not below the other parts sounding
    with it where the range allows (the lead stays on top, or doubles the part just under it:
    a first violin strictly above a second violin's tonic leapt up to the octave over it, 17
    semitones), the way an arranger fixes a final cadence."""
    key = song.key_signatures[0] if song.key_signatures else None
    lead = next((i for i, v in enumerate(voices) if not v.is_drum and song.tracks[i].notes), None)
    if key is None or lead is None:
        return song
    notes = song.tracks[lead].notes
    final_onset = _closing_onset(song, notes)
    top = max((n for n in notes if n.start_tick == final_onset), key=lambda n: n.pitch)
    floor = max(
        (
            n.pitch
            for i, track in enumerate(song.tracks)
            if i != lead and not track.is_drum
            for n in track.notes
            if n.start_tick <= final_onset < n.end_tick
        ),
        default=-1,
    )
    low, high = voices[lead].pitch_range
    final = final_pitch_class(key, degree)
    finals = [p for p in range(low, high + 1) if p % 12 == final]
    candidates = [p for p in finals if p >= floor] or finals
    chord = {n.pitch for n in notes if n.start_tick == final_onset and n is not top}
    candidates = [p for p in candidates if p not in chord]
    if not candidates:
        return song
    pitch = min(candidates, key=lambda p: (abs(p - top.pitch), p))
    ending = dataclasses.replace(top, pitch=pitch, duration_ticks=song.end_tick - top.start_tick)
    bar = song.bar_at_tick(final_onset)
    kept = [
        n
        for n in song.notes_in_bar(lead, bar)
        if n.start_tick < final_onset or (n.start_tick == final_onset and n is not top)
    ]
    return write_cell(song, (lead, bar), [*kept, ending])


def _closing_onset(song: Song, notes: Sequence[Note]) -> int:
    """Where the melody's final note starts: its last onset on a strong beat of the last bar
    (the downbeat, or the middle of an even meter's bar), so the song lands there and holds;
    without one there, its first onset in the last bar; its last onset when it rests through
    the last bar. Measured before this, new fiddle tunes
    ended on an eighth note at the end of the bar (a long final note in 1 of 10, human 7)."""
    start, end = song.bar_span(song.bar_count - 1)
    meter = song.time_signature_at(start)
    strong = [start, (start + end) // 2] if meter.numerator % 2 == 0 else [start]
    onsets = {n.start_tick for n in notes}
    landing = [tick for tick in strong if tick in onsets]
    in_last_bar = [tick for tick in onsets if start <= tick < end]
    if landing:
        return max(landing)
    return min(in_last_bar) if in_last_bar else max(onsets)
