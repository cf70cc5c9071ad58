"""A MIDI file's meta events: the tempo, meter and key maps, names, words in time, ports.

Meta events can sit in any track (a type-1 file's conductor track is only a convention), so
every track's are read, in Song ticks. A malformed or impossible one (a tempo of 0, a meter of
0/4, a key of 100 sharps, an event shorter than its kind needs) is skipped and counted with
where it first happened; kinds a Song has no place for (sequencer-specific data, SMPTE
offsets, device names) are counted as dropped. Nothing is skipped without a line in the
import's warnings.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from engine.project.midi.events import RawTrack, Repairs
from engine.project.midi.notes import TickScale
from engine.project.midi.text import decode_text, legacy_encoding
from engine.song.song import (
    ALLOWED_DENOMINATORS,
    MAX_NUMERATOR,
    MAX_TEMPO_BPM,
    MAX_TICK,
    MIN_TEMPO_BPM,
    KeySignatureChange,
    Mode,
    SongText,
    TempoChange,
    TextKind,
    TimeSignatureChange,
)

TEXT_META_KINDS: dict[int, TextKind] = {
    0x01: "text",
    0x02: "copyright",
    0x05: "lyric",
    0x06: "marker",
    0x07: "cue",
}
"""Meta types kept as `SongText`, by the kind they become."""
TRACK_NAME, INSTRUMENT_NAME, PORT, TEMPO, TIME_SIGNATURE, KEY_SIGNATURE = (
    0x03,
    0x04,
    0x21,
    0x51,
    0x58,
    0x59,
)
DROPPED_META_KINDS = {
    0x00: "sequence numbers",
    0x08: "program names",
    0x09: "device names",
    0x20: "channel prefixes",
    0x54: "SMPTE offsets",
    0x7F: "sequencer-specific events",
}
"""Meta types a Song has no place for; each is reported as dropped, with its count."""

_Skip = Callable[[str], None]
"""Counts one skipped event of the kind named, at the event being read."""


@dataclass
class Conductor:
    """Everything the file's meta events say, in Song ticks."""

    tempos: list[TempoChange] = field(default_factory=list)
    meters: tuple[TimeSignatureChange, ...] = ()
    keys: list[KeySignatureChange] = field(default_factory=list)
    texts: list[SongText] = field(default_factory=list)
    names: dict[int, str] = field(default_factory=dict)
    """File track index -> its first non-empty track name."""
    instruments: dict[int, str] = field(default_factory=dict)
    """File track index -> its instrument name (a track's name when it has no other)."""
    ports: dict[int, int] = field(default_factory=dict)
    legacy_encoding: str | None = None


def read_metas(
    tracks: Sequence[RawTrack], offsets: Sequence[int], scale: TickScale, *, smpte: bool
) -> tuple[Conductor, Repairs]:
    """The maps, names and texts of every track, and what was skipped or dropped.

    In SMPTE time the file counts seconds, so its tempo events mean nothing and are skipped.
    """
    repairs = Repairs()
    legacy = legacy_encoding(
        payload
        for track in tracks
        for _, kind, payload in track.meta_events
        if 0x01 <= kind <= 0x09
    )
    reader = _MetaReader(Conductor(legacy_encoding=legacy), repairs, smpte=smpte)
    for track, offset in zip(tracks, offsets, strict=True):
        for file_tick, kind, payload in track.meta_events:
            reader.read(track.index, file_tick, scale(file_tick + offset), kind, payload)
    conductor = reader.conductor
    conductor.tempos = [TempoChange(t, bpm) for t, bpm in sorted(reader.tempos.items())]
    conductor.meters = tuple(reader.meters[t] for t in sorted(reader.meters))
    conductor.keys = [reader.keys[t] for t in sorted(reader.keys)]
    conductor.texts.sort(key=lambda text: text.tick)
    return conductor, repairs


class _MetaReader:
    """Reads meta events one at a time into a Conductor (one change per tick: the last wins)."""

    def __init__(self, conductor: Conductor, repairs: Repairs, *, smpte: bool) -> None:
        self.conductor = conductor
        self.repairs = repairs
        self.smpte = smpte
        self.tempos: dict[int, float] = {0: 120.0}
        self.meters: dict[int, TimeSignatureChange] = {0: TimeSignatureChange(0, 4, 4)}
        self.keys: dict[int, KeySignatureChange] = {}

    def read(self, track: int, file_tick: int, tick: int, kind: int, payload: bytes) -> None:
        def skip(what: str) -> None:
            self.repairs.add(what, track, file_tick)

        conductor = self.conductor
        if tick > MAX_TICK:  # no Song reaches there; the notes' own check says if they do
            skip(f"meta events past tick {MAX_TICK:,} dropped")
        elif kind in TEXT_META_KINDS:
            text = decode_text(payload, conductor.legacy_encoding)
            conductor.texts.append(SongText(tick, TEXT_META_KINDS[kind], text))
        elif kind == TRACK_NAME:
            name = decode_text(payload, conductor.legacy_encoding).strip()
            if name and track not in conductor.names:
                conductor.names[track] = name
        elif kind == INSTRUMENT_NAME:
            name = decode_text(payload, conductor.legacy_encoding).strip()
            conductor.instruments.setdefault(track, name)
        elif kind == PORT:
            if payload:
                conductor.ports.setdefault(track, payload[0])
        elif kind == TEMPO:
            self._tempo(tick, payload, skip)
        elif kind == TIME_SIGNATURE:
            self._meter(tick, payload, skip)
        elif kind == KEY_SIGNATURE:
            self._key(tick, payload, skip)
        elif kind in DROPPED_META_KINDS:
            skip(f"{DROPPED_META_KINDS[kind]} dropped (a Song has no place for them)")
        else:
            skip("unknown meta events dropped")

    def _tempo(self, tick: int, payload: bytes, skip: _Skip) -> None:
        if self.smpte:
            skip("tempo events ignored: the file's SMPTE timing counts seconds")
            return
        if len(payload) < 3 or not int.from_bytes(payload[:3], "big"):
            skip("tempo events ignored: shorter than 3 bytes or a tempo of 0")
            return
        bpm = 60_000_000 / int.from_bytes(payload[:3], "big")
        if not MIN_TEMPO_BPM <= bpm <= MAX_TEMPO_BPM:
            skip(f"tempos clamped to {MIN_TEMPO_BPM:g}-{MAX_TEMPO_BPM:g} BPM")
            bpm = min(max(bpm, MIN_TEMPO_BPM), MAX_TEMPO_BPM)
        self.tempos[tick] = bpm

    def _meter(self, tick: int, payload: bytes, skip: _Skip) -> None:
        if len(payload) < 2:
            skip("time signatures ignored: shorter than the 2 bytes a meter needs")
            return
        numerator, power = payload[0], payload[1]
        denominator = 2**power if power < 16 else 0
        if not 1 <= numerator <= MAX_NUMERATOR or denominator not in ALLOWED_DENOMINATORS:
            skip(
                f"time signatures ignored: a meter must be 1-{MAX_NUMERATOR} over one of "
                f"{', '.join(map(str, ALLOWED_DENOMINATORS))}"
            )
            return
        self.meters[tick] = TimeSignatureChange(tick, numerator, denominator)

    def _key(self, tick: int, payload: bytes, skip: _Skip) -> None:
        if len(payload) < 2:
            skip("key signatures ignored: shorter than the 2 bytes a key needs")
            return
        sharps_flats = payload[0] - 256 if payload[0] > 127 else payload[0]
        if not -7 <= sharps_flats <= 7:
            skip("key signatures ignored: more than 7 sharps or flats")
            return
        if payload[1] > 1:
            skip("key signatures of an unknown mode read as major")
        mode: Mode = "minor" if payload[1] == 1 else "major"
        self.keys[tick] = KeySignatureChange(tick, sharps_flats, mode)
