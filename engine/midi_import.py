"""MIDI import: real-world type-0 and type-1 files to a Song at 480 ticks per quarter.

Parsing is symusic's (a C++ parser: ~4x faster than pretty_midi end to end on a 100k-note file,
and it splits tracks that mix channels or programs into one track each). What symusic does not
report, the conductor track's title and length, is read from that one track with mido. Notes
pass through `clean_notes`, and every fix made on the way in comes back as a warning.

A track's mix comes from its controllers: the CC7 (volume) and CC10 (pan) in force when its
first note sounds become `gain_db` and `pan`, by the inverse of the export's mapping (see
`engine.midi_export`). Later changes (automation) have no place in a Song and are not read.
"""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from mido.midifiles.midifiles import read_file_header, read_track
from symusic.core import ScoreTick, TrackTick

from engine.errors import TesseraError
from engine.gm import instrument_name
from engine.midi_export import PAN_CC, VOLUME_CC, cc7_to_gain_db, cc10_to_pan
from engine.note_cleanup import CleanupReport, clean_notes
from engine.song import (
    MAX_TEMPO_BPM,
    MIN_TEMPO_BPM,
    PPQ,
    KeySignatureChange,
    Song,
    SongError,
    TempoChange,
    TimeSignatureChange,
    Track,
    bar_grid,
    bars_to_cover,
    changes_before,
)

MIDI_SUFFIXES = (".mid", ".midi", ".smf", ".kar")
MAX_TRAILING_BARS = 256
"""Empty bars kept after the last note when the conductor track runs on (more means a bad file)."""


class MidiImportError(TesseraError):
    """A file that cannot be read as MIDI: empty, truncated, corrupted, not MIDI, or no notes."""


@dataclass(frozen=True)
class MidiImport:
    """An imported Song and what had to be fixed on the way in (one line per fix)."""

    song: Song
    warnings: list[str] = field(default_factory=list)


def import_midi(path: str | os.PathLike[str]) -> Song:
    """Read a MIDI file into a Song; see `read_midi` for the warnings about what was fixed."""
    return read_midi(path).song


def read_midi(path: str | os.PathLike[str]) -> MidiImport:
    """Read a type-0 or type-1 MIDI file into a Song at 480 ticks per quarter.

    Raises MidiImportError for a file that is missing, empty, not MIDI, truncated or corrupted,
    or that holds no notes.
    """
    name = Path(path).name
    data = _read_bytes(path, name)
    try:
        score = ScoreTick.from_midi(data)
    except RuntimeError as err:
        detail = str(err).replace("MiniMidi: ", "").replace(": iostream error", "")
        raise MidiImportError(
            f"{name} is truncated or corrupted and cannot be read ({detail}); "
            "re-export it from the program that made it"
        ) from err
    if score.tpq <= 0:
        raise MidiImportError(f"{name} declares {score.tpq} ticks per quarter; it is corrupted")
    score_tpq = score.tpq
    if score_tpq != PPQ:
        score = score.resample(PPQ, min_dur=0)
    warnings: list[str] = []
    tracks = _tracks_from_score(score, warnings)
    if not tracks:
        raise _no_notes_error(data, name)

    meters = _time_signatures(score, warnings)
    conductor = _read_conductor(data)
    conductor_end_tick = conductor.end_tick * PPQ // score_tpq
    notes_end_tick = max(track.end_tick for track in tracks)
    bar_count = bars_to_cover(meters, notes_end_tick)
    if conductor_end_tick > notes_end_tick:  # trailing empty bars, if the file is sane
        bar_count = min(bars_to_cover(meters, conductor_end_tick), bar_count + MAX_TRAILING_BARS)
    end_tick = bar_grid(meters, bar_count)[-1]
    try:
        song = Song(
            title=conductor.title or Path(path).stem,
            bar_count=bar_count,
            tracks=tuple(tracks),
            tempos=changes_before(_tempos(score, warnings), end_tick),
            time_signatures=changes_before(meters, end_tick),
            key_signatures=changes_before(_key_signatures(score), end_tick),
        )
    except SongError as err:
        raise MidiImportError(f"{name} holds something Tessera cannot represent: {err}") from err
    return MidiImport(song, warnings)


def _read_bytes(path: str | os.PathLike[str], name: str) -> bytes:
    try:
        data = Path(path).read_bytes()
    except OSError as err:
        raise MidiImportError(f"cannot open {name}: {err.strerror}") from err
    if not data:
        raise MidiImportError(f"{name} is empty (0 bytes): it is not a MIDI file")
    if not data.startswith(b"MThd"):
        raise MidiImportError(
            f"{name} is not a MIDI file (it does not start with the 'MThd' header); "
            "choose a .mid file exported from a DAW or notation program"
        )
    return data


def _no_notes_error(data: bytes, name: str) -> MidiImportError:
    """Say why a file that symusic parsed holds no notes.

    symusic accepts a bare 'MThd' header, even one that promises tracks, as an empty score; a
    header with no track chunk after it is a truncated file, so the chunk headers are counted
    here (only their 8-byte headers: no events are parsed by hand).
    """
    declared = int.from_bytes(data[10:12], "big")
    found, position = 0, 8 + int.from_bytes(data[4:8], "big")
    while position + 8 <= len(data):
        found += data[position : position + 4] == b"MTrk"
        position += 8 + int.from_bytes(data[position + 4 : position + 8], "big")
    if found == 0:
        return MidiImportError(
            f"{name} holds only a MIDI header and no tracks (the header declares {declared}): "
            "the file is truncated or was never finished; re-export it"
        )
    return MidiImportError(f"{name} is a valid MIDI file but holds no notes: nothing to import")


def _tracks_from_score(score: ScoreTick, warnings: list[str]) -> list[Track]:
    """One Track per symusic track (symusic already splits by channel and program)."""
    kept = [track for track in score.tracks if track.note_num() > 0]
    tracks = []
    for track, label in zip(kept, _track_labels(kept), strict=True):
        arrays = track.notes.numpy()
        rows = zip(
            arrays["time"].tolist(),
            arrays["pitch"].tolist(),
            arrays["duration"].tolist(),
            arrays["velocity"].tolist(),
            strict=True,
        )
        report = CleanupReport()
        notes = clean_notes(rows, report)
        warnings.extend(report.summary(f"track {label!r}"))
        gain_db, pan = _mix_at(track, first_note_tick=int(arrays["time"].min()))
        tracks.append(
            Track(
                name=label,
                program=track.program,
                is_drum=track.is_drum,
                notes=tuple(notes),
                gain_db=gain_db,
                pan=pan,
            )
        )
    return tracks


def _mix_at(track: TrackTick, first_note_tick: int) -> tuple[float, float]:
    """(gain_db, pan) from the last CC7 and CC10 at or before the first note; 0.0 if none.

    symusic gives each split track the controllers of its own channel and program, in file
    order, which is time order.
    """
    controls = track.controls.numpy()
    in_force = controls["time"] <= first_note_tick
    volumes = controls["value"][in_force & (controls["number"] == VOLUME_CC)]
    pans = controls["value"][in_force & (controls["number"] == PAN_CC)]
    gain_db = cc7_to_gain_db(int(volumes[-1])) if volumes.size else 0.0
    pan = cc10_to_pan(int(pans[-1])) if pans.size else 0.0
    return gain_db, pan


def _track_labels(tracks: Sequence[TrackTick]) -> list[str]:
    """A distinct name per track: the file's name, else the instrument's.

    Tracks split from one named track share its name, so a repeated name gets the instrument
    added, then a number if it still repeats. Names must come out distinct, not just
    readable: the export writes them back, and a repeat would be suffixed again on the next
    import, so import -> export -> import would not give the same Song.
    """
    bases = [t.name.strip() or instrument_name(t.program, t.is_drum) for t in tracks]
    labels = []
    for base, track in zip(bases, tracks, strict=True):
        instrument = instrument_name(track.program, track.is_drum)
        repeated = bases.count(base) > 1 and base != instrument
        labels.append(f"{base} ({instrument})" if repeated else base)
    taken: set[str] = set()
    for index, label in enumerate(labels):
        number = 1
        while labels[index] in taken:
            number += 1
            labels[index] = f"{label} {number}"
        taken.add(labels[index])
    return labels


def _tempos(score: ScoreTick, warnings: list[str]) -> list[TempoChange]:
    by_tick: dict[int, float] = {0: 120.0}
    for tempo in score.tempos:
        bpm = 60_000_000 / tempo.mspq if tempo.mspq > 0 else 120.0
        if not MIN_TEMPO_BPM <= bpm <= MAX_TEMPO_BPM:
            warnings.append(f"tempo {bpm:.1f} BPM at tick {tempo.time} clamped to a usable range")
            bpm = min(max(bpm, MIN_TEMPO_BPM), MAX_TEMPO_BPM)
        by_tick[tempo.time] = bpm
    return [TempoChange(tick, bpm) for tick, bpm in sorted(by_tick.items())]


def _time_signatures(score: ScoreTick, warnings: list[str]) -> tuple[TimeSignatureChange, ...]:
    by_tick: dict[int, TimeSignatureChange] = {0: TimeSignatureChange(0, 4, 4)}
    for meter in score.time_signatures:
        try:
            by_tick[meter.time] = TimeSignatureChange(
                meter.time, meter.numerator, meter.denominator
            )
        except SongError as err:
            warnings.append(f"time signature at tick {meter.time} ignored: {err}")
    return tuple(by_tick[tick] for tick in sorted(by_tick))


def _key_signatures(score: ScoreTick) -> list[KeySignatureChange]:
    by_tick = {
        key.time: KeySignatureChange(key.time, key.key, "minor" if key.tonality else "major")
        for key in score.key_signatures
        if -7 <= key.key <= 7
    }
    return [by_tick[tick] for tick in sorted(by_tick)]


@dataclass(frozen=True)
class _Conductor:
    """What only a type-1 file's conductor track tells: the title and the song's length."""

    title: str | None = None
    end_tick: int = 0


def _read_conductor(data: bytes) -> _Conductor:
    """Read the conductor track (the first track, if it holds no notes) with mido.

    symusic reports neither tracks without notes nor end-of-track times, so a DAW's title and
    trailing empty bars would be lost. mido reads just this one short track here: on the whole
    file it would cost ~1 s per 100k notes. The end tick is in the file's own resolution.
    """
    try:
        stream = io.BytesIO(data)
        file_type, track_count, _ = read_file_header(stream)
        if file_type != 1 or track_count < 2:
            return _Conductor()
        messages = read_track(stream, clip=True)
    except (EOFError, OSError, KeyError, ValueError):
        return _Conductor()
    if any(not message.is_meta for message in messages):
        return _Conductor()
    names = [m.name for m in messages if m.type == "track_name" and m.name.strip()]
    title = _decode_text(names[0]).strip() if names else None
    return _Conductor(title, sum(message.time for message in messages))


def _decode_text(latin1_text: str) -> str:
    """mido decodes meta text as latin-1; DAWs today write UTF-8, so re-decode when it fits."""
    try:
        return latin1_text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return latin1_text
