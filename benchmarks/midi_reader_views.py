"""One MIDI file as each reader sees it, in common terms, beside the Song it came from.

A view maps each of `ASPECTS` to a plain value two views can compare with `==`: the number
of note tracks; instruments as a sorted tuple ("program N" or "drums" per track); tempo,
meter and key maps as tuples of (position, value); the note count; the sorted pitches; and
the sorted (position, pitch) onsets. Positions are ticks at 480 per quarter (each reader's
own unit converted and rounded), or milliseconds for readers that only report seconds. A key
is its tonic's pitch class (0 = C) and mode, since readers spell keys differently; C major
at the start counts as no key, since notation programs show it where a file has none.
"""

from __future__ import annotations

import math
from fractions import Fraction
from pathlib import Path

import mido
import music21
import pretty_midi
from symusic.core import ScoreTick

from engine.song.song import PPQ, Song

ASPECTS = (
    "tracks",
    "instruments",
    "tempos",
    "meters",
    "keys",
    "note count",
    "pitches",
    "onsets",
    "rendered length",
)
View = dict[str, object]
NAMES_TO_PITCH_CLASS = {"C": 0, "D": 2, "E": 4, "F": 5, "G": 7, "A": 9, "B": 11}


def _tonic(sharps: int, mode: str) -> tuple[int, str]:
    """(tonic pitch class, mode) of a key signature with `sharps` (negative: flats)."""
    return (7 * sharps + (9 if mode == "minor" else 0)) % 12, mode


Maps = tuple[list[tuple[int, float]], list[tuple[int, int, int]], list[tuple[int, int, str]]]
"""(tempos as (position, bpm), meters as (position, numerator, denominator), keys as
(position, tonic pitch class, mode))."""


def _view(instruments: list[str], maps: Maps, onsets: list[tuple[int, int]]) -> View:
    tempos, meters, keys = maps
    keys = [key for key in keys if key != (0, 0, "major")]  # C major at the start: no key
    return {
        "tracks": len(instruments),
        "instruments": tuple(sorted(instruments)),
        "tempos": tuple(sorted(set(tempos))),
        "meters": tuple(sorted(set(meters))),
        "keys": tuple(sorted(set(keys))),
        "note count": len(onsets),
        "pitches": tuple(sorted(pitch for _, pitch in onsets)),
        "onsets": tuple(sorted(onsets)),
    }


def _instrument(program: int, is_drum: bool) -> str:
    return "drums" if is_drum else f"program {program}"


def song_view(
    song: Song, seconds: bool = False, pitched_only: bool = False, notation: bool = False
) -> View:
    """The Song's own values, positions in ticks or (with `seconds`) in milliseconds;
    `pitched_only` leaves drum tracks out (to compare with a MusicXML reading); `notation`
    gives the values MuseScore 3 writes: tempos in whole BPM (halves up), keys as signatures
    without a mode (read as the major key of their sharps or flats)."""
    tracks = [track for track in song.tracks if not (pitched_only and track.is_drum)]

    def at(tick: int) -> int:
        return round(song.tick_to_seconds(tick) * 1000) if seconds else tick

    def bpm(tempo: float) -> float:
        return float(math.floor(tempo + 0.5)) if notation else round(tempo, 2)

    maps = (
        [(at(t.tick), bpm(t.tempo_bpm)) for t in song.tempos],
        [(at(m.tick), m.numerator, m.denominator) for m in song.time_signatures],
        [
            (at(k.tick), *_tonic(k.sharps_flats, "major" if notation else k.mode))
            for k in song.key_signatures
        ],
    )
    onsets = [(at(n.start_tick), n.pitch) for track in tracks for n in track.notes]
    return _view([_instrument(t.program, t.is_drum) for t in tracks], maps, onsets)


def mido_view(path: Path) -> View:
    """mido's raw events: a track with note-ons is a note track; program from its first change."""
    midi = mido.MidiFile(path)
    scale = Fraction(PPQ, midi.ticks_per_beat)
    instruments: list[str] = []
    tempos, meters, keys, onsets = [], [], [], []
    for track in midi.tracks:
        tick, program, drum, has_notes = 0, 0, False, False
        for message in track:
            tick += message.time
            at = round(tick * scale)
            if message.type == "note_on" and message.velocity > 0:
                has_notes, drum = True, message.channel == 9
                onsets.append((at, message.note))
            elif message.type == "program_change" and not has_notes:
                program = message.program
            elif message.type == "set_tempo":
                tempos.append((at, round(mido.tempo2bpm(message.tempo), 2)))
            elif message.type == "time_signature":
                meters.append((at, message.numerator, message.denominator))
            elif message.type == "key_signature":
                minor = message.key.endswith("m")
                name = message.key.rstrip("m")
                shift = {"#": 1, "b": -1}.get(name[1:], 0)
                tonic = (NAMES_TO_PITCH_CLASS[name[0]] + shift) % 12
                keys.append((at, tonic, "minor" if minor else "major"))
        if has_notes:
            instruments.append(_instrument(program, drum))
    return _view(instruments, (tempos, meters, keys), onsets)


def symusic_view(path: Path) -> View:
    score = ScoreTick.from_file(str(path))
    scale = Fraction(PPQ, score.tpq)

    def at(tick: int) -> int:
        return round(tick * scale)

    tracks = [track for track in score.tracks if track.note_num() > 0]
    maps = (
        [(at(t.time), round(t.qpm, 2)) for t in score.tempos],
        [(at(m.time), m.numerator, m.denominator) for m in score.time_signatures],
        [
            (at(k.time), *_tonic(k.key, "minor" if k.tonality else "major"))
            for k in score.key_signatures
        ],
    )
    onsets = [(at(n.time), n.pitch) for track in tracks for n in track.notes]
    return _view([_instrument(t.program, t.is_drum) for t in tracks], maps, onsets)


def pretty_midi_view(path: Path) -> View:
    """pretty_midi reports seconds; positions here are milliseconds."""
    midi = pretty_midi.PrettyMIDI(str(path))

    def at(seconds: float) -> int:
        return round(seconds * 1000)

    times, bpms = midi.get_tempo_changes()
    keys = []
    for key in midi.key_signature_changes:
        mode = "minor" if key.key_number >= 12 else "major"
        keys.append((at(key.time), key.key_number % 12, mode))
    maps = (
        [(at(t), round(float(b), 2)) for t, b in zip(times, bpms, strict=True)],
        [(at(m.time), m.numerator, m.denominator) for m in midi.time_signature_changes],
        keys,
    )
    tracks = [i for i in midi.instruments if i.notes]
    onsets = [(at(n.start), n.pitch) for i in tracks for n in i.notes]
    return _view([_instrument(i.program, i.is_drum) for i in tracks], maps, onsets)


def music21_view(path: Path, notation: bool = False) -> View:
    """music21's reading, unquantized; a MusicXML file (MuseScore's) is parsed as such.

    With `notation` (a MusicXML file) instruments and drum parts are left out: MusicXML names
    instruments rather than always carrying a General MIDI program, and writes drums as
    unpitched notes on staff positions, with no MIDI pitch to compare.
    """
    if path.suffix == ".mid":
        score = music21.midi.translate.midiFilePathToStream(str(path), quantizePost=False)
    else:
        score = music21.converter.parse(str(path))

    instruments, onsets = _music21_parts(score, notation)
    view = _view(instruments, _music21_maps(score), onsets)
    if notation:
        del view["instruments"]
    return view


def _quarters_to_ticks(offset: float | Fraction) -> int:
    return round(Fraction(offset) * PPQ)


def _music21_maps(score: music21.stream.Score) -> Maps:
    flat = score.flatten()
    at = _quarters_to_ticks
    return (
        [
            (at(m.offset), round(m.getQuarterBPM(), 2))
            for m in flat.getElementsByClass("MetronomeMark")
        ],
        [
            (at(m.offset), m.numerator, m.denominator)
            for m in flat.getElementsByClass("TimeSignature")
        ],
        [
            (at(k.offset), *_tonic(k.sharps, getattr(k, "mode", None) or "major"))
            for k in flat.getElementsByClass("KeySignature")
        ],
    )


def _music21_parts(
    score: music21.stream.Score, notation: bool
) -> tuple[list[str], list[tuple[int, int]]]:
    """(instrument per part with notes, (position, pitch) onsets); drum parts left out of a
    MusicXML reading."""
    instruments, onsets = [], []
    for staves in _joined_staves(score):
        part = staves[0]
        notes = [note for staff in staves for note in staff.flatten().notes]
        if not notes:
            continue
        instrument = _instrument_of(part)
        drum = (
            isinstance(instrument, music21.instrument.UnpitchedPercussion)
            or instrument.midiChannel == 9
            or any(isinstance(note, music21.note.Unpitched) for note in notes)
        )
        if drum and notation:
            continue
        instruments.append(_instrument(instrument.midiProgram or 0, drum))
        for element in notes:
            onsets += [(_quarters_to_ticks(element.offset), p) for p in _pitches(element)]
    return instruments, onsets


def _joined_staves(score: music21.stream.Score) -> list[list[music21.stream.Part]]:
    """The score's parts, each as its staves: music21 reads a MusicXML part on two staves
    (a piano MuseScore splits into treble and bass) as one PartStaff per staff, named
    `<part id>-Staff<n>`."""
    parts: dict[str, list[music21.stream.Part]] = {}
    for part in score.parts:
        key = str(part.id)
        if isinstance(part, music21.stream.PartStaff):
            key = key.rsplit("-Staff", 1)[0]
        parts.setdefault(key, []).append(part)
    return list(parts.values())


def _instrument_of(part: music21.stream.Part) -> music21.instrument.Instrument:
    """The part's instrument as the file set it: music21 first guesses one from the track's
    name ("Bass" becomes a singer), then adds the program change's, so the last one at the
    part's start wins."""
    found = list(part.recurse().getElementsByClass("Instrument"))
    if not found:
        return music21.instrument.Instrument()
    first = min(item.offset for item in found)
    chosen: music21.instrument.Instrument = [item for item in found if item.offset == first][-1]
    return chosen


def _pitches(element: object) -> list[int]:
    """MIDI pitches that start at a note, chord or unpitched (drum) note.

    music21 splits a note that crosses a bar line into tied notes; the later parts of a tie
    are the same note, not new onsets, so they are left out.
    """
    if isinstance(element, music21.chord.ChordBase):
        return [pitch for note in element.notes for pitch in _pitches(note)]
    tie = getattr(element, "tie", None)
    if tie is not None and tie.type in ("continue", "stop"):
        return []
    pitches = getattr(element, "pitches", None)
    if pitches:
        return [int(pitch.midi) for pitch in pitches]
    stored = getattr(element, "storedInstrument", None)
    drum_pitch = getattr(stored, "percMapPitch", None)
    return [int(drum_pitch)] if drum_pitch is not None else []
