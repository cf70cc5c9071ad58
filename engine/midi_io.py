"""MIDI files in and out: real-world files to a Song, and a Song to a DAW-ready type-1 file.

Import parses with symusic (a C++ parser: about 200x faster than mido or pretty_midi on large
files, and it splits tracks that mix channels or programs into one track each). Export writes
with mido, because symusic puts the tempo map into the first note track while DAWs expect a
separate conductor track.

What a DAW gets from `export_midi`: a type-1 file at 480 ticks per quarter; a conductor track
named after the song with its tempo, time signature and key changes; one named track per
instrument on a channel of its own with its program change; drums on channel 10; no zero-length
notes, no same-pitch overlaps on a channel, note-offs before note-ons on the same tick; and
every track ending at the end of the last bar, so DAWs import the whole tempo map.
"""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import mido
from mido.midifiles.midifiles import read_file_header, read_track
from symusic.core import ScoreTick

from engine.atomic_write import write_atomically
from engine.edits import select
from engine.errors import TesseraError
from engine.gm import instrument_name
from engine.note_cleanup import CleanupReport, clean_notes
from engine.song import (
    DRUM_CHANNEL,
    MAX_TEMPO_BPM,
    MIN_TEMPO_BPM,
    PPQ,
    KeySignatureChange,
    Note,
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
MELODIC_CHANNELS = tuple(channel for channel in range(16) if channel != DRUM_CHANNEL)


class MidiImportError(TesseraError):
    """A file that cannot be read as MIDI: empty, truncated, corrupted, not MIDI, or no notes."""


class MidiExportError(TesseraError):
    """A Song that cannot be written as MIDI, or a destination that cannot be written."""


@dataclass(frozen=True)
class MidiImport:
    """An imported Song and what had to be fixed on the way in (one line per fix)."""

    song: Song
    warnings: list[str] = field(default_factory=list)


# Import -------------------------------------------------------------------------------------


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
        raise MidiImportError(f"{name} is a valid MIDI file but holds no notes: nothing to import")

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


def _tracks_from_score(score: ScoreTick, warnings: list[str]) -> list[Track]:
    """One Track per symusic track (symusic already splits by channel and program)."""
    kept = [track for track in score.tracks if track.note_num() > 0]
    name_counts: dict[str, int] = {}
    for track in kept:
        name_counts[track.name.strip()] = name_counts.get(track.name.strip(), 0) + 1
    tracks = []
    for track in kept:
        label = track.name.strip()
        instrument = instrument_name(track.program, track.is_drum)
        if not label:
            label = instrument
        elif name_counts[label] > 1:
            label = f"{label} ({instrument})"
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
        tracks.append(
            Track(name=label, program=track.program, is_drum=track.is_drum, notes=tuple(notes))
        )
    return tracks


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


# Export -------------------------------------------------------------------------------------


def export_midi(
    song: Song,
    path: str | os.PathLike[str],
    track_indices: Sequence[int] | None = None,
    bars: tuple[int, int] | None = None,
) -> list[str]:
    """Write a Song, or a selection of its tracks and bars, as a DAW-ready type-1 MIDI file.

    The file is written atomically. Returns warnings (for example, more melodic tracks than
    MIDI has channels, so some share one).
    """
    if track_indices is not None or bars is not None:
        song = select(song, track_indices, bars)
    if not song.tracks:
        raise MidiExportError("the song has no tracks: add a track before exporting MIDI")
    midi_file, warnings = song_to_midi_file(song)
    try:
        write_atomically(path, lambda handle: _save(midi_file, handle))
    except OSError as err:
        raise MidiExportError(f"cannot write {Path(path).name}: {err.strerror}") from err
    return warnings


def _save(midi_file: mido.MidiFile, handle: IO[bytes]) -> None:
    midi_file.save(file=handle)


def assign_channels(song: Song) -> tuple[list[int], list[str]]:
    """A channel per track: drums on channel 10, each melodic track on its own channel.

    Past 15 melodic tracks, channels are reused in turn (with a warning): DAWs merge tracks that
    share a channel, so the user should know.
    """
    channels = []
    melodic_index = 0
    for track in song.tracks:
        if track.is_drum:
            channels.append(DRUM_CHANNEL)
        else:
            channels.append(MELODIC_CHANNELS[melodic_index % len(MELODIC_CHANNELS)])
            melodic_index += 1
    warnings = []
    if melodic_index > len(MELODIC_CHANNELS):
        warnings.append(
            f"{melodic_index} melodic tracks but MIDI has {len(MELODIC_CHANNELS)} melodic "
            "channels: some tracks share a channel, and some DAWs will merge them"
        )
    return channels, warnings


def song_to_midi_file(song: Song) -> tuple[mido.MidiFile, list[str]]:
    """Build the mido file for a Song (the exported bytes are its `save` output)."""
    channels, warnings = assign_channels(song)
    midi_file = mido.MidiFile(type=1, ticks_per_beat=PPQ, charset="utf-8")
    midi_file.tracks.append(_conductor_track(song))
    notes_by_channel = _clean_per_channel(song, channels, warnings)
    for index, (track, channel) in enumerate(zip(song.tracks, channels, strict=True)):
        midi_file.tracks.append(
            _note_track(track, channel, notes_by_channel[channel][index], song.end_tick)
        )
    return midi_file, warnings


def _clean_per_channel(
    song: Song, channels: list[int], warnings: list[str]
) -> dict[int, dict[int, list[Note]]]:
    """Clean notes per channel (tracks sharing a channel must not overlap each other either).

    Returns channel -> track index -> notes. Each note remembers its track through the cleanup
    by riding in a tagged row.
    """
    result: dict[int, dict[int, list[Note]]] = {}
    for channel in sorted(set(channels)):
        members = [i for i, c in enumerate(channels) if c == channel]
        result[channel] = {i: [] for i in members}
        if len(members) == 1:
            report = CleanupReport()
            result[channel][members[0]] = clean_notes(
                (
                    (n.start_tick, n.pitch, n.duration_ticks, n.velocity)
                    for n in song.tracks[members[0]].notes
                ),
                report,
            )
        else:
            report = _clean_shared_channel(song, members, result[channel])
        warnings.extend(report.summary(f"channel {channel + 1}"))
    return result


def _clean_shared_channel(
    song: Song, members: list[int], out: dict[int, list[Note]]
) -> CleanupReport:
    owner: dict[tuple[int, int], int] = {}
    rows = []
    for track_index in members:
        for note in song.tracks[track_index].notes:
            owner.setdefault((note.start_tick, note.pitch), track_index)
            rows.append((note.start_tick, note.pitch, note.duration_ticks, note.velocity))
    report = CleanupReport()
    for note in clean_notes(rows, report):
        out[owner[(note.start_tick, note.pitch)]].append(note)
    return report


def _conductor_track(song: Song) -> mido.MidiTrack:
    events: list[tuple[int, mido.MetaMessage]] = [
        (0, mido.MetaMessage("track_name", name=song.title))
    ]
    for meter in song.time_signatures:
        events.append(
            (
                meter.tick,
                mido.MetaMessage(
                    "time_signature",
                    numerator=meter.numerator,
                    denominator=meter.denominator,
                    clocks_per_click=24,
                    notated_32nd_notes_per_beat=8,
                ),
            )
        )
    for key in song.key_signatures:
        mido_key = key.tonic_name + ("m" if key.mode == "minor" else "")
        events.append((key.tick, mido.MetaMessage("key_signature", key=mido_key)))
    for tempo in song.tempos:
        events.append(
            (tempo.tick, mido.MetaMessage("set_tempo", tempo=round(60_000_000 / tempo.tempo_bpm)))
        )
    return _to_track(sorted(events, key=lambda event: event[0]), song.end_tick)


def _note_track(track: Track, channel: int, notes: list[Note], end_tick: int) -> mido.MidiTrack:
    """A named track with its program change, note-offs sorted before note-ons per tick."""
    head: list[tuple[int, int, mido.Message | mido.MetaMessage]] = [
        (0, 0, mido.MetaMessage("track_name", name=track.name or instrument_name(track.program))),
        (0, 0, mido.Message("program_change", channel=channel, program=track.program)),
    ]
    events: list[tuple[int, int, mido.Message | mido.MetaMessage]] = []
    for note in notes:
        events.append(
            (
                note.start_tick,
                2,
                mido.Message("note_on", channel=channel, note=note.pitch, velocity=note.velocity),
            )
        )
        events.append(
            (
                note.end_tick,
                1,
                mido.Message("note_off", channel=channel, note=note.pitch, velocity=0),
            )
        )
    events.sort(key=lambda event: (event[0], event[1]))
    return _to_track([(tick, message) for tick, _, message in head + events], end_tick)


def _to_track(
    events: list[tuple[int, mido.Message | mido.MetaMessage]], end_tick: int
) -> mido.MidiTrack:
    """Absolute-tick events to a mido track with delta times, ended at the song's last bar."""
    track = mido.MidiTrack()
    now = 0
    for tick, message in events:
        track.append(message.copy(time=tick - now))
        now = tick
    track.append(mido.MetaMessage("end_of_track", time=max(end_tick - now, 0)))
    return track
