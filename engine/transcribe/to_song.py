"""Transcribed notes onto a Song: seconds to ticks, a grid to snap to, a tempo guess, a track.

`clip_to_track` is a pure function like the edits in `engine.song.edits` (which it uses): it returns
a new Song with one more track holding the clip's notes, every bar of it locked, so the
composer can build the rest of the song around the melody they hummed or played.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence

from engine.song.edits import add_track, set_bar_count, set_locked
from engine.song.note_cleanup import clean_notes
from engine.song.song import (
    MAX_TEMPO_BPM,
    MIN_TEMPO_BPM,
    PPQ,
    Song,
    TempoChange,
    Track,
    bars_to_cover,
    check_int,
)
from engine.transcribe.notes import TranscribedNote, TranscriptionError
from engine.words import QT_TRANSLATE_NOOP

GRIDS = {
    "1/4": PPQ,
    "1/8": PPQ // 2,
    "1/8t": PPQ // 3,
    "1/16": PPQ // 4,
    "1/16t": PPQ // 6,
    "1/32": PPQ // 8,
    "off": 1,
}
"""Quantise grids by name, in ticks ("off": no snapping, the nearest tick)."""
TEMPO_RANGE_BPM = (50.0, 200.0)
"""Tempos `estimate_tempo` chooses from."""
PRIOR_CENTRE_BPM = 100.0
PRIOR_WIDTH_OCTAVES = 0.5
"""The tempo guess leans toward 100 BPM: a melody in eighths at 90 BPM fits a beat at 180 BPM
just as well, so without a prior the guess doubles (the classic octave error)."""
FIT_TOLERANCE = 0.1
"""An interval fits a beat when it is within this fraction of a beat of a whole number."""
NEXT_ONSETS = 4
"""Intervals are measured from each onset to each of the next four (beats, not only notes)."""


def grid_ticks(quantise: str) -> int:
    """The grid's step in ticks, from a name such as "1/16" or "off"."""
    if quantise not in GRIDS:
        raise TranscriptionError(
            QT_TRANSLATE_NOOP(
                "ToSong", "unknown quantise grid {quantise!r}: use one of {choices}"
            ).format(quantise=quantise, choices=", ".join(GRIDS))
        )
    return GRIDS[quantise]


def estimate_tempo(notes: Sequence[TranscribedNote]) -> float:
    """A tempo in BPM (50-200, whole numbers) from the notes' inter-onset intervals.

    Every interval from an onset to each of the next NEXT_ONSETS onsets (0.1-4 s) votes for
    the beat lengths it is a whole number of (within FIT_TOLERANCE of a beat); each tempo's
    votes are weighted by a prior around PRIOR_CENTRE_BPM and the best tempo wins. Half and
    double tempo can win when the melody gives no hint of which is meant: pass the tempo when
    it is known.
    """
    onsets = sorted({round(note.start_seconds, 2) for note in notes})
    intervals = [
        later - earlier
        for index, earlier in enumerate(onsets)
        for later in onsets[index + 1 : index + 1 + NEXT_ONSETS]
        if 0.1 <= later - earlier <= 4.0
    ]
    if len(intervals) < 2:
        raise TranscriptionError(
            QT_TRANSLATE_NOOP(
                "ToSong",
                "{onsets_count} note onset(s) are too few to estimate a tempo: give the tempo",
            ).format(onsets_count=len(onsets))
        )
    best_bpm, best_score = PRIOR_CENTRE_BPM, -1.0
    for bpm in range(int(TEMPO_RANGE_BPM[0]), int(TEMPO_RANGE_BPM[1]) + 1):
        beat = 60.0 / bpm
        fit = 0.0
        for interval in intervals:
            ratio = interval / beat
            fit += max(0.0, 1.0 - abs(ratio - round(ratio)) / FIT_TOLERANCE) if ratio >= 0.5 else 0
        octaves = math.log2(bpm / PRIOR_CENTRE_BPM)
        score = fit * math.exp(-0.5 * (octaves / PRIOR_WIDTH_OCTAVES) ** 2)
        if score > best_score:
            best_bpm, best_score = float(bpm), score
    return best_bpm


def _snap(tick: float, grid: int) -> int:
    """The nearest grid line (halves round up), never before the song's start."""
    return max(0, math.floor(tick / grid + 0.5) * grid)


def clip_to_track(
    notes: Sequence[TranscribedNote],
    song: Song,
    *,
    name: str = "Audio clip",
    program: int = 0,
    quantise: str = "1/16",
    tempo_bpm: float | None = None,
    offset_seconds: float = 0.0,
) -> Song:
    """`song` with a new track of the clip's notes, every bar of it locked.

    Times are read `offset_seconds` into the clip (the clip's second `offset_seconds` becomes
    the song's start; earlier notes are dropped) under the song's tempo map, or under
    `tempo_bpm` from tick 0 when given (it replaces the song's tempo map). Starts and ends snap
    to the `quantise` grid (see GRIDS); a note that would vanish keeps one grid step. The song
    grows by as many bars as the notes need.
    """
    grid = grid_ticks(quantise)
    check_int("program", program, 0, 127)
    if tempo_bpm is not None:
        if not MIN_TEMPO_BPM <= tempo_bpm <= MAX_TEMPO_BPM:
            raise TranscriptionError(
                QT_TRANSLATE_NOOP(
                    "ToSong",
                    "tempo must be {min_tempo_bpm:g} to {max_tempo_bpm:g} BPM, got {tempo_bpm:g}",
                ).format(
                    min_tempo_bpm=MIN_TEMPO_BPM, max_tempo_bpm=MAX_TEMPO_BPM, tempo_bpm=tempo_bpm
                )
            )
        song = dataclasses.replace(song, tempos=(TempoChange(0, tempo_bpm),))
    rows = []
    for note in notes:
        if note.start_seconds < offset_seconds:
            continue
        start = _snap(song.seconds_to_tick(note.start_seconds - offset_seconds), grid)
        end = _snap(song.seconds_to_tick(note.end_seconds - offset_seconds), grid)
        rows.append((start, note.pitch, max(end - start, grid), min(max(note.velocity, 1), 127)))
    if not rows:
        raise TranscriptionError(
            QT_TRANSLATE_NOOP("ToSong", "the clip holds no notes to add (after the offset)")
        )
    cleaned = clean_notes(rows)
    needed = bars_to_cover(song.time_signatures, max(note.end_tick for note in cleaned))
    if needed > song.bar_count:
        song = set_bar_count(song, needed)
    song = add_track(song, Track(name, program, notes=tuple(cleaned)))
    track_index = len(song.tracks) - 1
    return set_locked(song, [(track_index, bar) for bar in range(song.bar_count)])


def place_clip(
    notes: Sequence[TranscribedNote],
    song: Song | None,
    *,
    name: str,
    program: int = 0,
    quantise: str = "1/16",
    tempo_bpm: float | None = None,
    keep_lead_in: bool = False,
) -> tuple[Song, float | None]:
    """Heard notes as a new locked track, and the tempo estimated for them (None if not).

    Without a song, or onto one with no notes yet (a new project), the clip makes a new song
    named `name` at `tempo_bpm` or the estimated tempo, keeping that song's meter and key.
    Onto a song with music, the clip is read under the song's own tempo map, so `tempo_bpm`
    must be None. The clip's first note starts bar 1 unless `keep_lead_in`.
    """
    if not notes:
        raise TranscriptionError(
            QT_TRANSLATE_NOOP(
                "ToSong",
                "no notes were heard in the clip: record closer to the microphone, hum "
                "louder, or lower the onset threshold",
            )
        )
    estimated = None
    if song is None or song.note_count == 0:
        if tempo_bpm is None:
            tempo_bpm = estimated = estimate_tempo(notes)
        base = song or Song()
        song = Song(
            title=song.title if song is not None and song.title != "Untitled" else name,
            time_signatures=base.time_signatures,
            key_signatures=base.key_signatures,
        )
    elif tempo_bpm is not None:
        raise TranscriptionError(
            QT_TRANSLATE_NOOP(
                "ToSong",
                "the clip is read at the song's own tempo map: leave the tempo out "
                "when adding a clip to a song that has music",
            )
        )
    placed = clip_to_track(
        notes,
        song,
        name=name,
        program=program,
        quantise=quantise,
        tempo_bpm=tempo_bpm,
        offset_seconds=0.0 if keep_lead_in else notes[0].start_seconds,
    )
    return placed, estimated
