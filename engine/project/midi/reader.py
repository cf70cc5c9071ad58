"""MIDI import: real-world files (type 0, 1 or 2, any timing) to a Song at 480 ticks per quarter.

Four steps, each its own module: `engine.project.midi.events` reads the bytes into events per track
(repairing what synths play through), `engine.project.midi.meta` reads the tempo, meter and key
maps, names and words, `engine.project.midi.notes` pairs notes and collects controllers and program
changes per channel, and this module checks the file's size and builds the Song.

What a Song keeps of a file: every note (a re-struck note becomes two notes), one track per
channel of each file track, as a DAW splits them, each with its program at its first note and
its later program changes in time (a channel's program is read from whichever track sets it);
pitch bend, sustain pedal, expression, channel pressure and every other controller; the form
(markers on bar lines become sections: `engine.project.midi.markers`); lyrics, other
markers, cues, copyright and other text; the tempo, meter and key maps; track names in UTF-8,
GBK or Latin-1. A track's volume (CC7) and pan (CC10) in force at its first note become its
`gain_db` and `pan` by the inverse of the export's mapping; the controllers themselves stay in
its `controls`, so the export writes them back. Its reverb send (CC91) in force at its first
note becomes its `reverb_send_db` (None when it is its instrument family's default,
`engine.song.stage`, as the export writes for a track left at the default), and the CC91s
before the first note leave its controls: the export writes the setting back at tick 0, and
no note hears them. CC91s after the first note are performance data and stay (the mappings:
`engine.project.midi.mix`). What is dropped (SysEx, polyphonic aftertouch, sequencer-specific
data, ...) and everything repaired comes back as one warning per kind with its count.

Bounded work: the file's last event is turned into bars under its meter map (one division per
meter section) and refused past `MAX_BAR_COUNT` bars before any bar, note or track is built,
and notes and tracks are counted before Song objects are made for them.

Speed, measured with `python -m benchmarks.midi_io` (a 100,000-note, 16-track file, on two
shared CPU cores): about 1.0 s, 4x faster than pretty_midi (4.2 s). The symusic parser this
replaced took about 0.65 s, but paired re-struck notes wrongly and kept no controllers.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

from engine.project.bounded_json import JsonFileError, read_bounded
from engine.project.midi.events import (
    Header,
    MidiImportError,
    RawTrack,
    Repairs,
    read_header,
    read_tracks,
)
from engine.project.midi.markers import sections_from_markers
from engine.project.midi.meta import Conductor, read_metas
from engine.project.midi.mix import mix_at, reverb_send_at
from engine.project.midi.notes import Part, TickScale, Walked, program_timeline, walk_track
from engine.project.midi.text import ENCODING_NAMES
from engine.song.gm import instrument_name
from engine.song.note_cleanup import CleanupReport, clean_notes
from engine.song.song import (
    DRUM_CHANNEL,
    MAX_BAR_COUNT,
    MAX_TICK,
    PPQ,
    Song,
    SongError,
    Track,
    bar_grid,
    bars_to_cover,
    changes_before,
)
from engine.words import QT_TRANSLATE_NOOP, message_of

__all__ = ["MIDI_SUFFIXES", "MidiImport", "MidiImportError", "import_midi", "read_midi"]

MIDI_SUFFIXES = (".mid", ".midi", ".smf", ".kar")
MAX_TRAILING_BARS = 256
"""Empty bars kept after the last note when the conductor track runs on (more means a bad file)."""
MAX_NOTES = 2_000_000
"""More notes than any real piece holds (a large orchestral file has ~100k); a Song this size
already takes about a gigabyte."""
MAX_TRACKS = 1024
MAX_MIDI_BYTES = 64 * 1024 * 1024
"""Largest file read: `MAX_NOTES` notes take about 16 MB of MIDI events, so 64 MiB is far past
any real piece and small enough to read into memory at once."""
SMPTE_TICKS_PER_SECOND = 2 * PPQ
"""SMPTE time becomes 120 BPM: a second is two quarter notes."""


@dataclass(frozen=True)
class MidiImport:
    """An imported Song and what had to be fixed or dropped on the way in (one line per kind)."""

    song: Song
    warnings: list[str] = field(default_factory=list)


def import_midi(path: str | os.PathLike[str]) -> Song:
    """Read a MIDI file into a Song; see `read_midi` for the warnings about what was fixed."""
    return read_midi(path).song


def read_midi(path: str | os.PathLike[str]) -> MidiImport:
    """Read a type-0, 1 or 2 MIDI file into a Song at 480 ticks per quarter.

    Raises MidiImportError, with one line saying what is wrong and what to do, for a file that
    is missing, empty, not MIDI, corrupted beyond repair, too big, or that holds no notes.
    """
    name = Path(path).name
    data = _read_bytes(path, name)
    header, first_chunk = read_header(data, name)
    repairs = Repairs()
    raw_tracks = read_tracks(data, first_chunk, name, repairs)
    if not raw_tracks:
        skipped = f", only {'; '.join(repairs.lines())}" if repairs.counts else ""
        raise MidiImportError(
            QT_TRANSLATE_NOOP(
                "MidiReader",
                "{name} holds only a MIDI header and no tracks (the header declares "
                "{declared_tracks}{skipped}): the file is truncated or was never "
                "finished; re-export it",
            ).format(name=name, declared_tracks=header.declared_tracks, skipped=skipped)
        )
    warnings = _timing_warnings(header, raw_tracks)
    scale = _tick_scale(header)
    offsets = _pattern_offsets(header, raw_tracks)
    conductor, meta_repairs = read_metas(raw_tracks, offsets, scale, smpte=header.is_smpte)
    _check_size(name, raw_tracks, offsets, scale, conductor)
    walked = Walked()
    for raw, offset in zip(raw_tracks, offsets, strict=True):
        port = conductor.ports.get(raw.index, 0)
        track_end = scale(offset + raw.channel_events[-1][0]) if raw.channel_events else 0
        walk_track(raw, walked, scale=scale, offset=offset, port=port, end_tick=track_end)
    parts = _note_parts(name, walked, repairs)
    dropped: Counter[str] = Counter()
    tracks = _build_tracks(parts, walked, conductor, warnings, dropped)
    song = _build_song(
        name,
        stem=Path(path).stem,
        header=header,
        raw_tracks=raw_tracks,
        tracks=tracks,
        conductor=conductor,
        scale=scale,
        dropped=dropped,
    )
    warnings += repairs.lines() + meta_repairs.lines()
    counted = QT_TRANSLATE_NOOP("MidiReader", "{count} {kind}")
    warnings += [
        counted.format(count=n, kind=kind) for kind, n in (walked.counts + dropped).items()
    ]
    if conductor.legacy_encoding is not None:
        encoding = ENCODING_NAMES[conductor.legacy_encoding]
        warnings.append(
            QT_TRANSLATE_NOOP(
                "MidiReader", "names and texts read as {encoding} (they are not UTF-8)"
            ).format(encoding=encoding)
        )
    return MidiImport(song, warnings)


def _read_bytes(path: str | os.PathLike[str], name: str) -> bytes:
    """The file's bytes, read as a project is: only a regular file (a pipe or a device in a
    folder of songs must not hang or flood the import) and at most `MAX_MIDI_BYTES`."""
    try:
        data = read_bounded(
            path, MAX_MIDI_BYTES, "MIDI file", "no real MIDI file is this large: it is damaged"
        )
    except JsonFileError as err:
        raise MidiImportError(message_of(err)) from err
    if not data:
        raise MidiImportError(
            QT_TRANSLATE_NOOP(
                "MidiReader", "{name} is empty (0 bytes): it is not a MIDI file"
            ).format(name=name)
        )
    if not data.startswith(b"MThd"):
        raise MidiImportError(
            QT_TRANSLATE_NOOP(
                "MidiReader",
                "{name} is not a MIDI file (it does not start with the 'MThd' header); "
                "choose a .mid file exported from a DAW or notation program",
            ).format(name=name)
        )
    return data


def _timing_warnings(header: Header, tracks: list[RawTrack]) -> list[str]:
    """What the header says that the import had to interpret: its timing, its type, and a
    track count that does not match the chunks (all chunks are read)."""
    warnings: list[str] = []
    if header.declared_tracks != len(tracks):
        warnings.append(
            QT_TRANSLATE_NOOP(
                "MidiReader",
                "the header declares {declared} tracks and the file holds {held}: all {held} read",
            ).format(declared=header.declared_tracks, held=len(tracks))
        )
    if header.frames_per_second is not None:
        warnings.append(
            QT_TRANSLATE_NOOP(
                "MidiReader",
                "SMPTE timing ({frames:g} frames of {ticks} ticks per second) converted to 120 BPM",
            ).format(frames=float(header.frames_per_second), ticks=header.ticks_per_quarter)
        )
    if header.file_type == 2 and len(tracks) > 1:
        warnings.append(
            QT_TRANSLATE_NOOP(
                "MidiReader", "type-2 file: its {patterns} patterns are laid end to end"
            ).format(patterns=len(tracks))
        )
    return warnings


def _tick_scale(header: Header) -> TickScale:
    """File ticks to Song ticks: by ticks per quarter, or for SMPTE by ticks per second."""
    if header.frames_per_second is None:
        ratio = Fraction(PPQ, header.ticks_per_quarter)
    else:
        ticks_per_second = header.frames_per_second * header.ticks_per_quarter
        ratio = SMPTE_TICKS_PER_SECOND / ticks_per_second
    return TickScale(ratio.numerator, ratio.denominator)


def _pattern_offsets(header: Header, tracks: list[RawTrack]) -> list[int]:
    """Where each track starts in file ticks: 0, or for type 2 after the patterns before it."""
    if header.file_type != 2:
        return [0] * len(tracks)
    offsets, total = [], 0
    for track in tracks:
        offsets.append(total)
        total += track.end_tick
    return offsets


def _check_size(
    name: str,
    tracks: list[RawTrack],
    offsets: list[int],
    scale: TickScale,
    conductor: Conductor,
) -> None:
    """Refuse a file whose last channel event lies past what a Song can hold, before
    anything is built for it."""
    music_end = max(
        (
            scale(offset + track.channel_events[-1][0])
            for track, offset in zip(tracks, offsets, strict=True)
            if track.channel_events
        ),
        default=0,
    )
    if music_end > MAX_TICK:
        raise MidiImportError(
            QT_TRANSLATE_NOOP(
                "MidiReader",
                "{name} has an event at tick {music_end:,} (at {ppq} per quarter), "
                "past the {max_tick:,} a song can hold: a delta time in it is "
                "corrupted; re-export it",
            ).format(name=name, music_end=music_end, ppq=PPQ, max_tick=MAX_TICK)
        )
    bars = bars_to_cover(conductor.meters, music_end)
    if bars > MAX_BAR_COUNT:
        raise MidiImportError(
            QT_TRANSLATE_NOOP(
                "MidiReader",
                "{name} would need {bars:,} bars to reach its last event (tick "
                "{music_end:,}), more than the {max_bar_count:,} a song can hold: an "
                "event lies far past the music (a corrupted delta time or meter); "
                "re-export it",
            ).format(name=name, bars=bars, music_end=music_end, max_bar_count=MAX_BAR_COUNT)
        )


def _note_parts(name: str, walked: Walked, repairs: Repairs) -> list[Part]:
    """The parts that hold notes, counted before any Note is built."""
    parts = [part for part in walked.parts if part.rows]
    if not parts and repairs.counts:  # the damage may be why: say what it was
        raise MidiImportError(
            QT_TRANSLATE_NOOP(
                "MidiReader",
                "{name} holds no notes that could be read ({repairs}): it is damaged; re-export it",
            ).format(name=name, repairs="; ".join(repairs.lines()))
        )
    if not parts:
        raise MidiImportError(
            QT_TRANSLATE_NOOP(
                "MidiReader", "{name} is a valid MIDI file but holds no notes: nothing to import"
            ).format(name=name)
        )
    notes = sum(len(part.rows) for part in parts)
    if notes > MAX_NOTES:
        raise MidiImportError(
            QT_TRANSLATE_NOOP(
                "MidiReader",
                "{name} holds {notes:,} notes, more than the {max_notes:,} Tessera "
                "opens; split it into smaller files",
            ).format(name=name, notes=notes, max_notes=MAX_NOTES)
        )
    if len(parts) > MAX_TRACKS:
        raise MidiImportError(
            QT_TRANSLATE_NOOP(
                "MidiReader",
                "{name} holds {parts_count:,} tracks (one per channel of each file "
                "track), more than the {max_tracks:,} Tessera opens; merge or split it "
                "in a DAW first",
            ).format(name=name, parts_count=len(parts), max_tracks=MAX_TRACKS)
        )
    return parts


def _build_tracks(
    parts: list[Part],
    walked: Walked,
    conductor: Conductor,
    warnings: list[str],
    dropped: Counter[str],
) -> list[Track]:
    _route_orphan_controls(walked.parts, parts, dropped)
    programs = []
    for part in parts:
        starts = [row[0] for row in part.rows]
        set_here = walked.programs.get((part.port, part.channel), [])
        programs.append(program_timeline(set_here, min(starts), max(starts)))
    labels = _track_labels(parts, [program for program, _ in programs], conductor)
    tracks = []
    for part, (program, changes), label in zip(parts, programs, labels, strict=True):
        report = CleanupReport()
        notes = clean_notes(part.rows, report)
        warnings.extend(report.summary(f"track {label!r}"))
        gain_db, pan = mix_at(part, notes[0].start_tick)
        is_drum = part.channel == DRUM_CHANNEL
        send, controls = reverb_send_at(part, notes[0].start_tick, program, is_drum)
        tracks.append(
            Track(
                name=label,
                program=program,
                is_drum=is_drum,
                notes=tuple(notes),
                gain_db=gain_db,
                pan=pan,
                controls=controls,
                program_changes=changes,
                reverb_send_db=send,
            )
        )
    return tracks


def _route_orphan_controls(all_parts: list[Part], parts: list[Part], dropped: Counter[str]) -> None:
    """Controllers set in a track without notes on that channel (a setup track) go to the
    first track that plays on the channel, as a synth applies them; with no such track they
    change nothing and are dropped."""
    players: dict[tuple[int, int], Part] = {}
    for part in parts:
        players.setdefault((part.port, part.channel), part)
    for part in all_parts:
        if part.rows or not part.controls:
            continue
        player = players.get((part.port, part.channel))
        if player is None:
            dropped[
                QT_TRANSLATE_NOOP(
                    "MidiReader", "controller events on channels without notes dropped"
                )
            ] += len(part.controls)
        else:
            player.controls.extend(part.controls)
            player.controls.sort(key=lambda control: control.tick)


def _track_labels(parts: list[Part], programs: list[int], conductor: Conductor) -> list[str]:
    """A distinct name per track: the file's name, else the instrument's.

    Tracks split from one named track share its name, so a repeated name gets the instrument
    added, then a number if it still repeats. Names must come out distinct, not just
    readable: the export writes them back, and a repeat would be suffixed again on the next
    import, so import -> export -> import would not give the same Song.
    """
    instruments = [
        instrument_name(program, part.channel == DRUM_CHANNEL)
        for part, program in zip(parts, programs, strict=True)
    ]
    bases = [
        conductor.names.get(part.track) or conductor.instruments.get(part.track) or instrument
        for part, instrument in zip(parts, instruments, strict=True)
    ]
    labels = []
    for base, instrument in zip(bases, instruments, strict=True):
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


def _build_song(
    name: str,
    *,
    stem: str,
    header: Header,
    raw_tracks: list[RawTrack],
    tracks: list[Track],
    conductor: Conductor,
    scale: TickScale,
    dropped: Counter[str],
) -> Song:
    """The Song: bars to cover every note and controller, and the conductor's trailing bars
    when a type-1 conductor track runs on past the music (at most `MAX_TRAILING_BARS`)."""
    meters = conductor.meters
    music_end = max(track.last_event_tick for track in tracks)
    bar_count = bars_to_cover(meters, music_end)
    title = None
    first = raw_tracks[0]
    if header.file_type == 1 and len(raw_tracks) > 1 and not first.channel_events:
        title = conductor.names.get(0)
        conductor_end = scale(first.end_tick)
        if conductor_end > music_end:
            trailing = bars_to_cover(meters, min(conductor_end, MAX_TICK))
            bar_count = min(trailing, bar_count + MAX_TRAILING_BARS)
    grid = bar_grid(meters, bar_count)
    texts = [text for text in conductor.texts if text.tick <= grid[-1]]
    if len(texts) < len(conductor.texts):
        dropped[QT_TRANSLATE_NOOP("MidiReader", "texts after the last bar dropped")] += len(
            conductor.texts
        ) - len(texts)
    sections, words = sections_from_markers(texts, grid)  # markers on bar lines: the form
    end_tick = grid[-1]
    try:
        return Song(
            title=title or stem,
            bar_count=bar_count,
            tracks=tuple(tracks),
            tempos=changes_before(conductor.tempos, end_tick),
            time_signatures=changes_before(meters, end_tick),
            key_signatures=changes_before(conductor.keys, end_tick),
            texts=words,
            sections=sections,
        )
    except SongError as err:
        raise MidiImportError(
            QT_TRANSLATE_NOOP(
                "MidiReader", "{name} holds something Tessera cannot represent: {err}"
            ).format(name=name, err=err)
        ) from err
