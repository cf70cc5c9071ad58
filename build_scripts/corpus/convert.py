"""Turn a parsed music21 score into a Tessera Song (480 ticks per quarter note).

What the conversion keeps, and how:

- each part becomes a Track, with a GM program from `instruments`; chord symbols (lead sheets,
  ABC "Am" annotations) become one extra "Chords" track, each chord held until the next;
- notes: ties merged (`stripTies`), chords expanded to one note per pitch, grace notes and
  unpitched notes dropped, times rounded from quarter lengths to ticks; `engine.song.note_cleanup`
  then removes same-pitch overlaps exactly as MIDI import does;
- the bar grid reproduces the score's own barlines. A bar whose length differs from its time
  signature (a pickup, a short bar before a repeat) gets a meter of its real length (a 1/8
  pickup in 4/4 becomes a 1/8 bar), so every downbeat lands on a Song bar start and no note is
  moved. A length no meter can express (a triplet-long bar) keeps the written meter and is
  cut short by the next bar's restated meter;
- tempo: every metronome mark (first one per tick), with 100 BPM from the start when the
  score has none there; key signatures from the first part (church modes keep their
  signature and count as major, except Aeolian/Dorian/Phrygian/Locrian as minor).
"""

from __future__ import annotations

from typing import Any

from build_scripts.corpus.instruments import (
    CHORD_TRACK_PROGRAM,
    choose_programs,
    is_generic_name,
)
from engine.song.gm import GM_PROGRAM_NAMES
from engine.song.note_cleanup import clean_notes
from engine.song.song import (
    ALLOWED_DENOMINATORS,
    MAX_NUMERATOR,
    MAX_TEMPO_BPM,
    MIN_TEMPO_BPM,
    PPQ,
    KeySignatureChange,
    Song,
    TempoChange,
    TimeSignatureChange,
    Track,
    bar_grid,
    bars_to_cover,
)

DEFAULT_TEMPO_BPM = 100.0
DEFAULT_VELOCITY = 80
BARS_PER_CHORD_SYMBOL = 4
_MINOR_MODES = frozenset({"minor", "aeolian", "dorian", "phrygian", "locrian"})


class ConversionError(Exception):
    """A score that cannot become a Song; the message says what was missing."""


def to_ticks(quarter_length: Any) -> int:
    """Quarter notes (float or Fraction) to ticks at PPQ 480, rounded to the nearest tick."""
    return round(float(quarter_length) * PPQ)


def score_to_song(score: Any, title: str, default_program: int) -> Song:
    """The Song for one music21 Score; raises ConversionError if it holds no notes."""
    parts = list(score.parts)
    if not parts:
        raise ConversionError("the score has no parts")
    programs = choose_programs([_part_labels(part) for part in parts], default_program)
    tracks = [_part_track(part, program) for part, program in zip(parts, programs, strict=True)]
    chords = _chord_track(parts)
    tracks = [track for track in tracks if track.notes] + ([chords] if chords else [])
    if not tracks:
        raise ConversionError("the score has no pitched notes")
    meters, written_end = meter_map(parts[0])
    end_tick = max([written_end, *(track.end_tick for track in tracks)])
    bar_count = bars_to_cover(meters, max(end_tick, 1))
    song_end = bar_grid(meters, bar_count)[-1]
    return Song(
        title=title,
        bar_count=bar_count,
        tracks=tuple(_unique_names(tracks)),
        tempos=tuple(_tempo_map(score, song_end)),
        time_signatures=tuple(meters),
        key_signatures=tuple(_key_map(parts[0], song_end)),
    )


def _part_labels(part: Any) -> tuple[str, str, int | None]:
    instrument = part.getInstrument(returnDefault=False)
    name = part.partName or ""
    if instrument is None:
        return name, "", None
    return name, instrument.instrumentName or "", instrument.midiProgram


def _part_track(part: Any, program: int) -> Track:
    from music21 import harmony, note

    rows: list[tuple[int, int, int, int]] = []
    for element in part.flatten().stripTies().notes:
        if isinstance(element, harmony.ChordSymbol) or element.duration.isGrace:
            continue
        duration = to_ticks(element.quarterLength)
        if duration <= 0 or isinstance(element, note.Unpitched):
            continue
        start = to_ticks(element.offset)
        velocity = element.volume.velocity or DEFAULT_VELOCITY
        for pitch in element.pitches:
            if 0 <= pitch.midi <= 127:
                rows.append((start, pitch.midi, duration, int(velocity)))
    name = " ".join((part.partName or "").split())
    if is_generic_name(name):
        name = GM_PROGRAM_NAMES[program]
    return Track(name=name, program=program, notes=tuple(clean_notes(rows)))


def _chord_track(parts: list[Any]) -> Track | None:
    """Chord symbols of the first part that has enough, each held until the next one.

    A part needs at least one symbol per `BARS_PER_CHORD_SYMBOL` bars (and four in all): a
    few stray symbols in a madrigal are OCR debris, not a harmony line.
    """
    from music21 import harmony, stream

    for part in parts:
        flat = part.flatten()
        symbols = [
            symbol
            for symbol in flat.getElementsByClass(harmony.ChordSymbol)
            if not isinstance(symbol, harmony.NoChord) and len(symbol.pitches) >= 2
        ]
        bars = len(part.getElementsByClass(stream.Measure))
        if len(symbols) < max(4, bars / BARS_PER_CHORD_SYMBOL):
            continue
        ends = [to_ticks(symbol.offset) for symbol in symbols[1:]] + [to_ticks(flat.highestTime)]
        rows = [
            (
                to_ticks(symbol.offset),
                pitch.midi,
                end - to_ticks(symbol.offset),
                DEFAULT_VELOCITY - 16,
            )
            for symbol, end in zip(symbols, ends, strict=True)
            if end > to_ticks(symbol.offset)
            for pitch in symbol.pitches
        ]
        return Track("Chords", program=CHORD_TRACK_PROGRAM, notes=tuple(clean_notes(rows)))
    return None


def _unique_names(tracks: list[Track]) -> list[Track]:
    seen: dict[str, int] = {}
    renamed = []
    for track in tracks:
        seen[track.name] = seen.get(track.name, 0) + 1
        count = seen[track.name]
        renamed.append(
            track
            if count == 1
            else Track(f"{track.name} {count}", track.program, track.is_drum, track.notes)
        )
    return renamed


def fit_meter(length_ticks: int, denominator: int) -> tuple[int, int] | None:
    """A (numerator, denominator) whose bar lasts exactly `length_ticks`, preferring ours."""
    for candidate in (denominator, *ALLOWED_DENOMINATORS):
        whole = 4 * PPQ
        if (length_ticks * candidate) % whole == 0:
            numerator = length_ticks * candidate // whole
            if 1 <= numerator <= MAX_NUMERATOR:
                return numerator, candidate
    return None


def meter_map(part: Any) -> tuple[list[TimeSignatureChange], int]:
    """Time-signature changes that reproduce the part's barlines, and where its last bar ends."""
    from music21 import stream

    measures = list(part.getElementsByClass(stream.Measure))
    written = _first_meter(part)
    if not measures:
        return [TimeSignatureChange(0, *written)], 0
    changes: list[TimeSignatureChange] = []
    grid_next = 0
    for index, measure in enumerate(measures):
        if measure.timeSignature is not None and _usable(measure.timeSignature):
            written = (measure.timeSignature.numerator, measure.timeSignature.denominator)
        start = to_ticks(measure.offset) if changes else 0
        end = (
            to_ticks(measures[index + 1].offset)
            if index + 1 < len(measures)
            else start + to_ticks(measure.duration.quarterLength)
        )
        if end <= start:
            continue
        nominal = TimeSignatureChange(0, *written).ticks_per_bar
        meter = (
            written if end - start == nominal else (fit_meter(end - start, written[1]) or written)
        )
        previous = changes[-1] if changes else None
        if (
            previous is None
            or start != grid_next
            or ((previous.numerator, previous.denominator) != meter)
        ):
            changes.append(TimeSignatureChange(start, *meter))
        grid_next = start + changes[-1].ticks_per_bar
    return changes, grid_next if measures else 0


def _usable(time_signature: Any) -> bool:
    numerator, denominator = time_signature.numerator, time_signature.denominator
    return 1 <= numerator <= MAX_NUMERATOR and denominator in ALLOWED_DENOMINATORS


def _first_meter(part: Any) -> tuple[int, int]:
    from music21 import meter

    for signature in part.recurse().getElementsByClass(meter.TimeSignature):
        if _usable(signature):
            return signature.numerator, signature.denominator
    return 4, 4


def _tempo_map(score: Any, end_tick: int) -> list[TempoChange]:
    from music21 import tempo

    by_tick: dict[int, float] = {}
    for mark in score.flatten().getElementsByClass(tempo.MetronomeMark):
        bpm = mark.getQuarterBPM()
        tick = to_ticks(mark.offset)
        if bpm and tick < end_tick and tick not in by_tick:
            by_tick[tick] = round(min(max(float(bpm), MIN_TEMPO_BPM), MAX_TEMPO_BPM), 3)
    by_tick.setdefault(0, DEFAULT_TEMPO_BPM)
    changes: list[TempoChange] = []
    for tick in sorted(by_tick):
        if not changes or changes[-1].tempo_bpm != by_tick[tick]:
            changes.append(TempoChange(tick, by_tick[tick]))
    return changes


def _key_map(part: Any, end_tick: int) -> list[KeySignatureChange]:
    from music21 import key

    changes: list[KeySignatureChange] = []
    for signature in part.flatten().getElementsByClass(key.KeySignature):
        tick = to_ticks(signature.offset)
        sharps = max(-7, min(7, int(signature.sharps)))
        mode = getattr(signature, "mode", "major")
        change = KeySignatureChange(tick, sharps, "minor" if mode in _MINOR_MODES else "major")
        if tick >= end_tick or (changes and changes[-1].tick == tick):
            continue
        if not changes or (changes[-1].sharps_flats, changes[-1].mode) != (sharps, change.mode):
            changes.append(change)
    return changes
