"""Real-world-like MIDI files for the import, export and round-trip tests, written with mido.

These files never go through Tessera's exporter: each `make_*` function describes a file as a
`MidiSpec` (its notes in the file's own ticks, tempo map, meters, names), writes it with mido
and returns the spec, so a test derives what the imported Song must hold from the generator's
own inputs rather than from the implementation.

`write_spec` writes events the way sequencers do: metas first at a tick, then program changes,
then note-offs before note-ons, except that a zero-length note's note-off follows its note-on.
mido writes running status by default (`count_running_status_events` proves it for a file).
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import mido

DRUM_CHANNEL = 9


@dataclass(frozen=True)
class SpecNote:
    """One note as the file stores it: ticks at the file's resolution, 0-based channel."""

    start_tick: int
    pitch: int
    duration_ticks: int
    velocity: int = 90
    channel: int = 0
    program: int = 0
    track: int = 0
    """Index among the file's note tracks (the conductor track is not counted)."""

    @property
    def end_tick(self) -> int:
        return self.start_tick + self.duration_ticks


@dataclass(frozen=True)
class MidiSpec:
    """Everything a generated file holds; expectations are derived from these fields."""

    notes: tuple[SpecNote, ...]
    track_names: tuple[str, ...]
    ticks_per_beat: int = 480
    file_type: Literal[0, 1] = 1
    title: str = ""
    tempos: tuple[tuple[int, int], ...] = ((0, 500_000),)
    """(tick, microseconds per quarter note)."""
    meters: tuple[tuple[int, int, int], ...] = ((4, 4, 4),)
    """Consecutive meter sections: (numerator, denominator, bar count)."""
    key: tuple[str, ...] = ()
    """Key names at tick 0 in mido's spelling, e.g. ('Eb',)."""
    note_off_as_velocity_zero: bool = False

    def bar_start_ticks(self) -> list[int]:
        """Where each bar of the meter sections starts, then where the last one ends."""
        starts = [0]
        for numerator, denominator, bars in self.meters:
            for _ in range(bars):
                starts.append(starts[-1] + numerator * self.ticks_per_beat * 4 // denominator)
        return starts

    def meter_ticks(self) -> list[tuple[int, int, int]]:
        """(tick, numerator, denominator) of each meter section."""
        result, tick = [], 0
        for numerator, denominator, bars in self.meters:
            result.append((tick, numerator, denominator))
            tick += bars * numerator * self.ticks_per_beat * 4 // denominator
        return result

    def groups(self) -> dict[tuple[int, int, int], list[SpecNote]]:
        """Notes by (track, channel, program): the tracks an importer should make of them."""
        result: dict[tuple[int, int, int], list[SpecNote]] = {}
        for note in self.notes:
            result.setdefault((note.track, note.channel, note.program), []).append(note)
        return result


@dataclass(order=True)
class _Event:
    tick: int
    priority: int
    message: mido.Message | mido.MetaMessage = field(compare=False)


def _conductor_events(spec: MidiSpec) -> list[_Event]:
    events = [_Event(0, 0, mido.MetaMessage("track_name", name=spec.title))] if spec.title else []
    for tick, numerator, denominator in spec.meter_ticks():
        events.append(
            _Event(
                tick,
                0,
                mido.MetaMessage("time_signature", numerator=numerator, denominator=denominator),
            )
        )
    events += [_Event(0, 0, mido.MetaMessage("key_signature", key=key)) for key in spec.key]
    events += [_Event(tick, 0, mido.MetaMessage("set_tempo", tempo=us)) for tick, us in spec.tempos]
    return events


def _note_events(spec: MidiSpec, notes: list[SpecNote]) -> list[_Event]:
    events: list[_Event] = []
    programs: dict[int, int] = {}
    for note in sorted(notes, key=lambda n: n.start_tick):
        channel = note.channel
        if programs.get(channel) != note.program:
            programs[channel] = note.program
            events.append(
                _Event(
                    note.start_tick,
                    1,
                    mido.Message("program_change", channel=channel, program=note.program),
                )
            )
        events.append(
            _Event(
                note.start_tick,
                3,
                mido.Message("note_on", channel=channel, note=note.pitch, velocity=note.velocity),
            )
        )
        off = (
            mido.Message("note_on", channel=channel, note=note.pitch, velocity=0)
            if spec.note_off_as_velocity_zero
            else mido.Message("note_off", channel=channel, note=note.pitch, velocity=64)
        )
        events.append(_Event(note.end_tick, 2 if note.duration_ticks else 4, off))
    return events


def _to_track(events: list[_Event]) -> mido.MidiTrack:
    track, now = mido.MidiTrack(), 0
    for event in sorted(events):
        track.append(event.message.copy(time=event.tick - now))
        now = event.tick
    return track


def write_spec(spec: MidiSpec, path: Path) -> MidiSpec:
    """Write the file a spec describes (type 0: everything in one track) and return the spec."""
    midi_file = mido.MidiFile(
        type=spec.file_type, ticks_per_beat=spec.ticks_per_beat, charset="utf-8"
    )
    per_track: list[list[_Event]] = [[] for _ in spec.track_names]
    for index, name in enumerate(spec.track_names):
        if name:
            per_track[index].append(_Event(0, 0, mido.MetaMessage("track_name", name=name)))
    for index in range(len(spec.track_names)):
        per_track[index] += _note_events(spec, [n for n in spec.notes if n.track == index])
    if spec.file_type == 0:
        assert len(per_track) == 1, "a type-0 file has exactly one track"
        midi_file.tracks.append(_to_track(_conductor_events(spec) + per_track[0]))
    else:
        midi_file.tracks.append(_to_track(_conductor_events(spec)))
        midi_file.tracks.extend(_to_track(events) for events in per_track)
    midi_file.save(path)
    return spec


def count_running_status_events(data: bytes) -> int:
    """How many channel events in a file's track chunks reuse the previous status byte."""
    count, position = 0, 14
    while position + 8 <= len(data):
        length = int.from_bytes(data[position + 4 : position + 8], "big")
        chunk, position = data[position + 8 : position + 8 + length], position + 8 + length
        cursor, status = 0, 0
        while cursor < len(chunk):
            while chunk[cursor] & 0x80:  # skip the variable-length delta time
                cursor += 1
            cursor += 1
            if chunk[cursor] in (0xFF, 0xF0, 0xF7):  # meta or sysex: skip type and payload
                cursor += 2 if chunk[cursor] == 0xFF else 1
                size = 0
                while True:
                    size, cursor = (size << 7) | (chunk[cursor] & 0x7F), cursor + 1
                    if not chunk[cursor - 1] & 0x80:
                        break
                cursor += size
                continue
            if chunk[cursor] & 0x80:
                status, cursor = chunk[cursor], cursor + 1
            else:
                count += 1
            cursor += 1 if status >> 4 in (0xC, 0xD) else 2
    return count


# Reading files back at the event level (an independent reader for the export tests) ------


RawNote = tuple[int, int, int, int, int]
"""(start_tick, pitch, end_tick, velocity, channel) as paired from note events."""


def absolute_events(track: mido.MidiTrack) -> list[tuple[int, mido.Message | mido.MetaMessage]]:
    """A mido track's messages with absolute ticks."""
    events, now = [], 0
    for message in track:
        now += message.time
        events.append((now, message))
    return events


def pair_notes(track: mido.MidiTrack) -> list[RawNote]:
    """Pair note-ons with note-offs first-in-first-out per (channel, pitch); sorted notes.

    Raises AssertionError for a note-off with no sounding note or a note left sounding.
    """
    sounding: dict[tuple[int, int], list[tuple[int, int]]] = {}
    notes: list[RawNote] = []
    for tick, message in absolute_events(track):
        if message.type not in ("note_on", "note_off"):
            continue
        key = (message.channel, message.note)
        if message.type == "note_on" and message.velocity > 0:
            sounding.setdefault(key, []).append((tick, message.velocity))
        else:
            assert sounding.get(key), f"note-off with no sounding note at tick {tick}: {message}"
            start, velocity = sounding[key].pop(0)
            notes.append((start, message.note, tick, velocity, message.channel))
    assert not any(sounding.values()), f"notes left sounding: {sounding}"
    return sorted(notes)


# The fixtures ------------------------------------------------------------------------------


def _line(
    track: int,
    channel: int,
    program: int,
    pitches: list[int],
    step: int,
    *,
    start: int = 0,
    velocity: int = 90,
) -> list[SpecNote]:
    """Consecutive notes of length `step`, one per pitch."""
    return [
        SpecNote(start + i * step, pitch, step, velocity, channel, program, track)
        for i, pitch in enumerate(pitches)
    ]


def make_type0(path: Path) -> MidiSpec:
    """Type 0: piano, bass and drums in one track, note-offs as velocity-0 note-ons."""
    notes = (
        _line(0, 0, 0, [60, 64, 67, 72, 67, 64, 60, 55], 480)
        + _line(0, 1, 33, [36, 43, 36, 43], 960, velocity=100)
        + _line(0, DRUM_CHANNEL, 0, [36, 42, 38, 42] * 4, 240, velocity=110)
    )
    return write_spec(
        MidiSpec(
            tuple(notes),
            ("Type 0 band",),
            file_type=0,
            meters=((4, 4, 2),),
            tempos=((0, 600_000),),
            note_off_as_velocity_zero=True,
        ),
        path,
    )


def make_tempo_changes(path: Path) -> MidiSpec:
    """Type 1 with four tempos, one of them in the middle of a bar."""
    notes = _line(0, 0, 0, [60 + i % 12 for i in range(16)], 480)
    tempos = ((0, 500_000), (1920, 666_667), (4800, 400_000), (5760, 428_571))
    return write_spec(MidiSpec(tuple(notes), ("Melody",), title="Tempo map", tempos=tempos), path)


def make_meters(path: Path) -> MidiSpec:
    """Two bars of 3/4, three of 7/8, one of 4/4: one note filling each bar, pitch 60 + bar."""
    spec = MidiSpec((), ("Waltz",), title="Meters", meters=((3, 4, 2), (7, 8, 3), (4, 4, 1)))
    starts = spec.bar_start_ticks()
    notes = [
        SpecNote(start, 60 + bar, end - start)
        for bar, (start, end) in enumerate(itertools.pairwise(starts))
    ]
    return write_spec(
        MidiSpec(tuple(notes), spec.track_names, title=spec.title, meters=spec.meters), path
    )


def make_drums(path: Path) -> MidiSpec:
    """A drum kit on channel 10 (index 9) and a bass on channel 1."""
    drums = [
        SpecNote(i * 240, (36, 42, 38, 42)[i % 4], 120, 100, DRUM_CHANNEL, 0, 0) for i in range(16)
    ]
    bass = _line(1, 0, 33, [40, 40, 43, 45], 960, velocity=80)
    return write_spec(
        MidiSpec(tuple(drums + bass), ("Drums", "Bass"), title="Groove", meters=((4, 4, 2),)), path
    )


def make_overlaps(path: Path) -> MidiSpec:
    """Same-pitch overlaps and a zero-length note; each case is read the same by every pairing.

    Pitch 60: a long note and a later one that ends with it. Pitch 62: two notes starting
    together (to merge). Pitch 64: a zero-length note. Pitch 65: an ordinary note.
    """
    notes = (
        SpecNote(0, 60, 480),
        SpecNote(240, 60, 240, 100),
        SpecNote(960, 62, 240, 80),
        SpecNote(960, 62, 480, 100),
        SpecNote(1440, 64, 0),
        SpecNote(1920, 65, 480),
    )
    return write_spec(MidiSpec(notes, ("Keys",), meters=((4, 4, 2),)), path)


def make_long_notes(path: Path) -> MidiSpec:
    """Notes across bar lines and one pad ending ten bars after every other event."""
    notes = [SpecNote(1680, 60, 960), SpecNote(3600, 62, 2400), SpecNote(0, 48, 1920 * 12, 70)]
    return write_spec(MidiSpec(tuple(notes), ("Pad",), meters=((4, 4, 12),)), path)


def make_program_changes(path: Path) -> MidiSpec:
    """One track, one channel, switching program 80 -> 81 -> 80 bar by bar."""
    notes = [
        SpecNote(bar * 1920 + i * 480, 60 + i, 480, 90, 0, (80, 81, 80)[bar])
        for bar in range(3)
        for i in range(4)
    ]
    return write_spec(MidiSpec(tuple(notes), ("Synth",), meters=((4, 4, 3),)), path)


def make_multichannel_track(path: Path) -> MidiSpec:
    """One named track on four channels; channels 0 and 3 share program 0 (two piano hands)."""
    notes = (
        _line(0, 0, 0, [72, 74, 76, 77], 480)
        + _line(0, 1, 40, [67, 69], 960)
        + _line(0, 2, 42, [48, 43], 960)
        + _line(0, 3, 0, [60, 64, 62, 65], 480)
    )
    return write_spec(MidiSpec(tuple(notes), ("Ensemble",), meters=((4, 4, 1),)), path)


def make_sixteen_tracks(path: Path) -> MidiSpec:
    """Fifteen melodic tracks on their own channels (programs 0, 8, ..., 112) and drums."""
    channels = [channel for channel in range(16) if channel != DRUM_CHANNEL]
    notes = [
        note
        for index, channel in enumerate(channels)
        for note in _line(index, channel, index * 8, [40 + 3 * index, 45 + 3 * index], 960)
    ]
    notes += _line(15, DRUM_CHANNEL, 0, [36, 38] * 4, 240)
    names = (*(f"Track {index + 1}" for index in range(15)), "Drums")
    return write_spec(MidiSpec(tuple(notes), names, title="Sixteen", meters=((4, 4, 1),)), path)


def _random_part(
    rng: random.Random,
    track: int,
    channel: int,
    program: int,
    *,
    end_tick: int,
    ticks_per_beat: int,
) -> list[SpecNote]:
    """Chords of 1-3 distinct pitches, one after another: no same-pitch overlap."""
    notes, tick = [], 0
    while tick < end_tick:
        duration = min(rng.choice((1, 2, 4)) * ticks_per_beat // 4, end_tick - tick)
        pitches = rng.sample(range(36, 96), rng.randint(1, 3))
        notes += [
            SpecNote(tick, pitch, duration, rng.randint(30, 127), channel, program, track)
            for pitch in pitches
        ]
        tick += duration
    return notes


def make_long_piece(path: Path, seed: int = 7, bars: int = 160) -> MidiSpec:
    """Four random parts over `bars` bars of 4/4: several thousand notes."""
    rng = random.Random(seed)
    end = bars * 1920
    notes = [
        note
        for track, (channel, program) in enumerate(((0, 0), (1, 24), (2, 32), (3, 48)))
        for note in _random_part(rng, track, channel, program, end_tick=end, ticks_per_beat=480)
    ]
    return write_spec(
        MidiSpec(
            tuple(notes),
            ("Piano", "Guitar", "Bass", "Strings"),
            title="Long piece",
            meters=((4, 4, bars),),
            tempos=((0, 545_455), (end // 2, 500_000)),
        ),
        path,
    )


def make_non_ascii_names(path: Path) -> MidiSpec:
    """UTF-8 title and track names in several scripts, and a key signature."""
    notes = (
        _line(0, 0, 73, [72, 74], 960)
        + _line(1, 1, 24, [52, 55], 960)
        + _line(2, DRUM_CHANNEL, 0, [36, 38, 36, 38], 480)
    )
    return write_spec(
        MidiSpec(
            tuple(notes),
            ("Flûte à bec", "Гитара", "太鼓 🥁"),
            title="Étude für Tessera — 練習曲",
            meters=((4, 4, 1),),
            key=("Eb",),
        ),
        path,
    )


def make_resolution(path: Path, ticks_per_beat: int) -> MidiSpec:
    """A 3/4 piece at another resolution (e.g. 96 or 384), so the importer must resample.

    Every tick is a multiple of a 16th note, so it maps to 480 ticks per quarter exactly.
    """
    sixteenth = ticks_per_beat // 4
    notes = [
        SpecNote(i * 3 * sixteenth, 60 + i % 7, (1 + i % 3) * sixteenth, 64 + i, 0, 0, 0)
        for i in range(16)
    ]
    bar = 3 * ticks_per_beat
    return write_spec(
        MidiSpec(
            tuple(notes),
            ("Lute",),
            ticks_per_beat=ticks_per_beat,
            meters=((3, 4, 4),),
            tempos=((0, 500_000), (2 * bar, 750_000)),
        ),
        path,
    )


FIXTURES: dict[str, Callable[[Path], MidiSpec]] = {
    "type0": make_type0,
    "tempo_changes": make_tempo_changes,
    "meters": make_meters,
    "drums": make_drums,
    "overlaps": make_overlaps,
    "long_notes": make_long_notes,
    "program_changes": make_program_changes,
    "multichannel_track": make_multichannel_track,
    "sixteen_tracks": make_sixteen_tracks,
    "long_piece": make_long_piece,
    "non_ascii_names": make_non_ascii_names,
    "tpq96": lambda path: make_resolution(path, 96),
    "tpq384": lambda path: make_resolution(path, 384),
}
"""Every fixture by name, for parametrized tests."""


def make_large_file(
    path: Path, note_count: int = 100_000, tracks: int = 16, seed: int = 1
) -> MidiSpec:
    """A benchmark file: `tracks` tracks (the last one drums) sharing `note_count` notes."""
    rng = random.Random(seed)
    melodic = [channel for channel in range(16) if channel != DRUM_CHANNEL]
    per_track, notes = note_count // tracks, []
    for track in range(tracks):
        is_drum = track == tracks - 1
        channel = DRUM_CHANNEL if is_drum else melodic[track % len(melodic)]
        for i in range(per_track + (note_count % tracks if track == 0 else 0)):
            pitch = rng.choice((36, 38, 42, 46)) if is_drum else rng.randint(36, 96)
            notes.append(
                SpecNote(
                    i * 120,
                    pitch,
                    110,
                    rng.randint(40, 120),
                    channel,
                    0 if is_drum else track * 8 % 128,
                    track,
                )
            )
    bars = -(-max(note.end_tick for note in notes) // 1920)
    names = tuple(f"Part {track + 1}" for track in range(tracks))
    return write_spec(
        MidiSpec(tuple(notes), names, title="Benchmark", meters=((4, 4, bars),)), path
    )
