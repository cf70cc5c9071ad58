"""Standard MIDI File bytes to events: the header, the track chunks and each track's events.

Read by hand rather than through a library's parser, for three reasons. Every fault can be
named by its track, tick and event, in one line a user can act on, and no parser's own text
ever reaches the user. Faults that synths play through (a data byte above 127, a file cut off
inside its last track, an unknown chunk, a stray system message) are repaired and counted
instead of refusing the whole file. And the work is bounded by the file's size: nothing here
allocates more than a few tuples per byte, so the caller can check a file's size in bars,
notes and tracks before it builds anything big.

Channel events come out as `(tick, status, data1, data2)` tuples in the file's own ticks
(running status resolved, data bytes within 0-127); meta events as `(tick, type, payload)`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction

from engine.errors import TesseraError
from engine.words import QT_TRANSLATE_NOOP

SMPTE_RATES = {24: Fraction(24), 25: Fraction(25), 29: Fraction(2997, 100), 30: Fraction(30)}
"""Frames per second by the SMPTE code in a header's division (29 is 29.97 drop-frame)."""
END_OF_TRACK = 0x2F
_SYSTEM_DATA_BYTES = {0xF1: 1, 0xF2: 2, 0xF3: 1}
"""Data bytes after a system common status (0xF4-0xFE have none); not allowed in a file."""

CUT_SHORT = "track cut short where the file ends (the file is truncated): the notes before are kept"
CUT_INSIDE = "events cut off by the end of their track chunk dropped"

ChannelEvent = tuple[int, int, int, int]
"""(tick, status, data1, data2) in the file's ticks; data2 is 0 for one-byte messages."""
MetaEvent = tuple[int, int, bytes]
"""(tick, meta type, payload)."""


class MidiImportError(TesseraError):
    """A file that cannot be read as MIDI: empty, truncated, corrupted, not MIDI, or no notes."""


@dataclass(frozen=True)
class Header:
    """The MThd chunk: format, declared track count and the time division."""

    file_type: int
    declared_tracks: int
    ticks_per_quarter: int
    """Ticks per quarter note; for SMPTE timing, ticks per frame instead."""
    frames_per_second: Fraction | None = None
    """Set for SMPTE timing, where ticks count fractions of a second, not of a beat."""

    @property
    def is_smpte(self) -> bool:
        return self.frames_per_second is not None


@dataclass
class RawTrack:
    """One MTrk chunk's events in its own ticks."""

    index: int
    channel_events: list[ChannelEvent] = field(default_factory=list)
    meta_events: list[MetaEvent] = field(default_factory=list)
    end_tick: int = 0
    """The end-of-track tick (or the last event's, when the track has no end event)."""
    ends_inside_event: bool = False
    """The chunk ended part-way through an event, which was dropped."""


@dataclass
class Repairs:
    """What the reader fixed or skipped, by kind: a count and where it first happened."""

    counts: Counter[str] = field(default_factory=Counter)
    first: dict[str, tuple[int, int]] = field(default_factory=dict)

    def add(self, kind: str, track: int, tick: int, count: int = 1) -> None:
        self.counts[kind] += count
        self.first.setdefault(kind, (track, tick))

    def lines(self) -> list[str]:
        """One line per kind, e.g. '3 data bytes above 127 clamped (first: track 2, tick 96)'.

        Tracks are counted from 1, as a DAW shows them; ticks are the file's own."""
        line = QT_TRANSLATE_NOOP("MidiEvents", "{count} {kind} (first: track {track}, tick {tick})")
        return [
            line.format(
                count=count, kind=kind, track=self.first[kind][0] + 1, tick=self.first[kind][1]
            )
            for kind, count in self.counts.items()
        ]


def read_header(data: bytes, name: str) -> tuple[Header, int]:
    """The header and the byte offset of the first chunk after it; MidiImportError if broken."""
    if len(data) < 14:
        raise MidiImportError(
            QT_TRANSLATE_NOOP(
                "MidiEvents",
                "{name} is truncated: it holds {data_count} bytes, fewer than a MIDI "
                "header's 14; re-export it",
            ).format(name=name, data_count=len(data))
        )
    length = int.from_bytes(data[4:8], "big")
    if length < 6 or 8 + length > len(data):
        raise MidiImportError(
            QT_TRANSLATE_NOOP(
                "MidiEvents",
                "{name} is corrupted: its header chunk says it is {length} bytes long, "
                "where a MIDI header is 6 (and the file holds {data_count} bytes); "
                "re-export it",
            ).format(name=name, length=length, data_count=len(data))
        )
    file_type = int.from_bytes(data[8:10], "big")
    if file_type > 2:
        raise MidiImportError(
            QT_TRANSLATE_NOOP(
                "MidiEvents",
                "{name} declares MIDI format {file_type}; MIDI files are format 0, 1 "
                "or 2: it is corrupted or not a standard MIDI file",
            ).format(name=name, file_type=file_type)
        )
    declared = int.from_bytes(data[10:12], "big")
    division = int.from_bytes(data[12:14], "big")
    if division & 0x8000:
        code, ticks_per_frame = 256 - data[12], data[13]
        if code not in SMPTE_RATES or ticks_per_frame == 0:
            raise MidiImportError(
                QT_TRANSLATE_NOOP(
                    "MidiEvents",
                    "{name} declares SMPTE timing of {code} frames per second and "
                    "{ticks_per_frame} ticks per frame; only 24, 25, 29.97 and 30 frames "
                    "with at least one tick each exist: the header is corrupted",
                ).format(name=name, code=code, ticks_per_frame=ticks_per_frame)
            )
        return Header(file_type, declared, ticks_per_frame, SMPTE_RATES[code]), 8 + length
    if division == 0:
        raise MidiImportError(
            QT_TRANSLATE_NOOP(
                "MidiEvents", "{name} declares 0 ticks per quarter note; it is corrupted"
            ).format(name=name)
        )
    return Header(file_type, declared, division), 8 + length


def read_tracks(data: bytes, start: int, name: str, repairs: Repairs) -> list[RawTrack]:
    """Every MTrk chunk from `start` on. Unknown chunks are skipped (the standard says so); a
    track the file ends inside keeps the events before the cut; bytes that are no chunk at
    all mean a wrong length field somewhere, and refuse the file."""
    tracks: list[RawTrack] = []
    position = start
    while position + 8 <= len(data):
        chunk_id = data[position : position + 4]
        length = int.from_bytes(data[position + 4 : position + 8], "big")
        body = position + 8
        if chunk_id == b"MTrk":
            cut = body + length > len(data)
            track = _read_track(data[body : body + length], len(tracks), name, repairs)
            if cut:
                repairs.add(CUT_SHORT, track.index, track.end_tick)
            elif track.ends_inside_event:
                repairs.add(CUT_INSIDE, track.index, track.end_tick)
            tracks.append(track)
        elif chunk_id.isalpha() and chunk_id.isascii():
            skipped = QT_TRANSLATE_NOOP("MidiEvents", "unknown '{chunk}' chunks skipped")
            repairs.add(skipped.format(chunk=chunk_id.decode("ascii")), len(tracks), 0)
        else:
            where = f"after track {len(tracks)}" if tracks else "after the header"
            raise MidiImportError(
                QT_TRANSLATE_NOOP(
                    "MidiEvents",
                    "{name} is corrupted: {where}, at byte {position}, comes neither a "
                    "track nor any other chunk (a chunk length is probably wrong); "
                    "re-export it",
                ).format(name=name, where=where, position=position)
            )
        position = body + length
    if position < len(data):
        repairs.add(
            "stray bytes at the end of the file ignored",
            max(len(tracks) - 1, 0),
            0,
            len(data) - position,
        )
    return tracks


def _read_track(chunk: bytes, index: int, name: str, repairs: Repairs) -> RawTrack:
    """Parse one track chunk. The loop is the import's hot path, so it keeps to locals."""
    track = RawTrack(index)
    channel_events = track.channel_events
    add_channel = channel_events.append
    position, tick, running, size = 0, 0, 0, len(chunk)
    try:
        while position < size:
            byte = chunk[position]
            position += 1
            delta = byte & 0x7F
            while byte & 0x80:
                byte = chunk[position]
                position += 1
                delta = (delta << 7) | (byte & 0x7F)
            tick += delta
            status = chunk[position]
            if status & 0x80:
                position += 1
            elif running:
                status = running
            else:
                raise MidiImportError(
                    QT_TRANSLATE_NOOP(
                        "MidiEvents",
                        "{name} is corrupted: track {index}, tick {tick}: data byte "
                        "0x{status:02X} comes before any status byte; re-export it",
                    ).format(name=name, index=index + 1, tick=tick, status=status)
                )
            if status < 0xF0:
                running = status
                first = chunk[position]
                if 0xC0 <= status < 0xE0:
                    second = 0
                    position += 1
                else:
                    second = chunk[position + 1]
                    position += 2
                if (first | second) & 0x80:
                    repairs.add(
                        QT_TRANSLATE_NOOP("MidiEvents", "data bytes above 127 clamped to 127"),
                        index,
                        tick,
                    )
                    first, second = min(first, 127), min(second, 127)
                add_channel((tick, status, first, second))
            else:
                position, ended = _read_system(
                    chunk, position, status, track, tick=tick, repairs=repairs
                )
                if ended:
                    break
    except IndexError:  # the chunk ends inside an event
        track.ends_inside_event = True
    track.end_tick = tick
    return track


def _read_system(
    chunk: bytes, position: int, status: int, track: RawTrack, *, tick: int, repairs: Repairs
) -> tuple[int, bool]:
    """A meta, SysEx or stray system event at `position` (after its status byte).

    Returns (position after it, whether it ended the track). Raises IndexError when the
    chunk ends inside the event.
    """
    index = track.index
    if status == 0xFF:
        kind = chunk[position]
        length, position = _variable_length(chunk, position + 1)
        payload = chunk[position : position + length]
        if len(payload) < length:
            raise IndexError  # the file ends inside this meta event
        position += length
        if kind == END_OF_TRACK:
            if position < len(chunk):
                repairs.add(
                    "bytes after an end-of-track event ignored", index, tick, len(chunk) - position
                )
            return position, True
        track.meta_events.append((tick, kind, payload))
    elif status in (0xF0, 0xF7):
        length, position = _variable_length(chunk, position)
        if position + length > len(chunk):
            raise IndexError
        position += length
        repairs.add(
            QT_TRANSLATE_NOOP(
                "MidiEvents", "SysEx messages dropped (device settings Tessera cannot hold)"
            ),
            index,
            tick,
        )
    else:
        position += _SYSTEM_DATA_BYTES.get(status, 0)
        repairs.add(
            QT_TRANSLATE_NOOP("MidiEvents", "system messages (not allowed in a file) skipped"),
            index,
            tick,
        )
    return position, False


def _variable_length(chunk: bytes, position: int) -> tuple[int, int]:
    """A variable-length quantity at `position`: (value, position after it)."""
    value = 0
    while True:
        byte = chunk[position]
        position += 1
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            return value, position
