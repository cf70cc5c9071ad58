"""What a MIDI file holds, counted from mido's raw events: the reference an import is held to.

This reads the file with mido, not symusic, so the count does not share Tessera's parser: a
note is a note-on with velocity above 0, ended by the first note-off (or velocity-0 note-on)
of the same pitch on the same channel of the same track, first in first out, or by the end of
its track. Notes are grouped by (file track, channel), the finest split any reader makes.

Besides notes it counts the events a Song may or may not keep (pitch bends, sustain CC64,
expression CC11, channel pressure, other controllers, lyrics, markers, text, copyright) and
the name of every track that holds notes, as the bytes the file stores, so a benchmark can
say whether a name came through decoded.
"""

from __future__ import annotations

import bisect
from collections import defaultdict, deque
from dataclasses import dataclass, field
from pathlib import Path

import mido

EVENT_KINDS = (
    "pitch_bend",
    "sustain",
    "expression",
    "channel_pressure",
    "other_cc",
    "lyrics",
    "marker",
    "text",
    "copyright",
)
"""The kinds of event counted besides notes, in the order the tables print them."""

Group = tuple[int, int]
"""(file track index, MIDI channel 0-15): where a note sits in the file."""


@dataclass(frozen=True)
class RefNote:
    """One note in the file's own ticks, with the program in force on its channel then."""

    group: Group
    start_tick: int
    pitch: int
    duration_ticks: int
    program: int


@dataclass
class Reference:
    """Everything counted in one file."""

    ticks_per_beat: int
    file_type: int
    notes: list[RefNote] = field(default_factory=list)
    events: dict[str, int] = field(default_factory=lambda: dict.fromkeys(EVENT_KINDS, 0))
    track_names: dict[int, bytes] = field(default_factory=dict)
    """File track index -> its first non-empty track name, for tracks that hold notes."""
    title: bytes = b""
    """The first track's name when that track holds no notes (a type-1 conductor track)."""


Order = tuple[int, int, int]
"""(tick, file track, position in the track): the order a sequencer plays merged tracks in."""


def read_reference(path: Path) -> Reference:
    """Count `path`'s notes and events. Raises whatever mido raises for a file it refuses.

    A program change holds for its channel across tracks (a synth hears one merged stream),
    so a note's program is the last change on its channel before it in merged order, whichever
    track the change is in.
    """
    midi = mido.MidiFile(path, clip=True)
    reference = Reference(ticks_per_beat=midi.ticks_per_beat, file_type=midi.type)
    changes: list[list[tuple[Order, int]]] = [[] for _ in range(16)]
    started: list[tuple[Group, int, int, int, Order]] = []
    offset = 0
    for index, track in enumerate(midi.tracks):
        found, name = _read_track(index, track, reference, changes, offset), _first_name(track)
        if midi.type == 2:  # a type-2 file's patterns play one after another
            offset += sum(message.time for message in track)
        if found and name:
            reference.track_names[index] = name
        started += found
    for channel_changes in changes:
        channel_changes.sort()
    for group, start, pitch, duration, order in started:
        in_force = changes[group[1]]
        before = bisect.bisect_left(in_force, (order, -1)) - 1
        program = in_force[before][1] if before >= 0 else 0
        reference.notes.append(RefNote(group, start, pitch, duration, program))
    if midi.tracks and 0 not in {note.group[0] for note in reference.notes}:
        reference.title = _first_name(midi.tracks[0])
    return reference


def _read_track(
    index: int,
    track: mido.MidiTrack,
    reference: Reference,
    changes: list[list[tuple[Order, int]]],
    offset: int = 0,
) -> list[tuple[Group, int, int, int, Order]]:
    """One track's notes as (group, start, pitch, duration, order), its ticks counted from
    `offset` (where a type-2 file's pattern starts); its program changes go into `changes` by
    channel and its other events are counted into `reference`."""
    open_notes: dict[tuple[int, int], deque[tuple[int, Order]]] = defaultdict(deque)
    notes: list[tuple[Group, int, int, int, Order]] = []
    tick = offset
    for position, message in enumerate(track):
        tick += message.time
        if message.type == "note_on" and message.velocity > 0:
            open_notes[(message.channel, message.note)].append((tick, (tick, index, position)))
        elif message.type in ("note_off", "note_on"):
            waiting = open_notes.get((message.channel, message.note))
            if waiting:
                start, order = waiting.popleft()
                group = (index, message.channel)
                notes.append((group, start, message.note, tick - start, order))
        elif message.type == "program_change":
            changes[message.channel].append(((tick, index, position), message.program))
        else:
            _count_event(message, reference.events)
    for (channel, pitch), waiting in open_notes.items():
        for start, order in waiting:  # never ended: it lasts to the end of its track
            notes.append(((index, channel), start, pitch, tick - start, order))
    return notes


def _count_event(message: mido.Message, events: dict[str, int]) -> None:
    """Count a message of one of `EVENT_KINDS`; ignore the rest (tempo, meter, sysex...)."""
    if message.type == "pitchwheel":
        events["pitch_bend"] += 1
    elif message.type == "aftertouch":
        events["channel_pressure"] += 1
    elif message.type == "control_change":
        kinds = {64: "sustain", 11: "expression"}
        events[kinds.get(message.control, "other_cc")] += 1
    elif message.type in ("lyrics", "marker", "copyright"):
        events[message.type] += 1
    elif message.type in ("text", "cue_marker"):
        events["text"] += 1


def _first_name(track: mido.MidiTrack) -> bytes:
    """The track's first non-blank name as stored (mido decodes meta text as latin-1)."""
    for message in track:
        if message.type == "track_name" and message.name.strip():
            raw: bytes = message.name.encode("latin-1")
            return raw
    return b""


LEGACY_ENCODINGS = ("shift_jis", "gbk", "big5", "euc_kr", "cp1251", "cp1252", "latin-1")
"""Code pages old sequencers wrote names in, besides UTF-8; the file does not say which."""


def name_readings(raw: bytes) -> list[str]:
    """Every reading of a stored name a person might expect: UTF-8 first, then code pages.

    A name that is valid UTF-8 has only that reading. Otherwise each code page that decodes
    it is a candidate, since nothing in a MIDI file names its encoding; NULs that C programs
    left at the end are not part of the name.
    """
    raw = raw.rstrip(b"\x00")
    try:
        return [raw.decode("utf-8").strip()]
    except UnicodeDecodeError:
        pass
    readings = []
    for encoding in LEGACY_ENCODINGS:
        try:
            readings.append(raw.decode(encoding).strip())
        except UnicodeDecodeError:
            continue
    return readings
