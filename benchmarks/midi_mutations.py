"""Damaged MIDI files: seed files written byte by byte, and the ways to break them.

Every byte here is written by this module, so the fixtures made from it
(`python -m benchmarks.midi_fuzz make-fixtures`) carry no third-party music. Two kinds of
damage:

- `targeted_cases`: one named file per kind of damage a real file or a hostile one shows:
  impossible key, tempo and meter events, resolutions that overflow a rescale, meters that
  make a bar grid huge, headers of the wrong type, lengths that lie, data bytes above 127.
- `random_mutation`: what a fuzzer does blindly to any file, seeded by `random.Random`:
  byte and bit flips, truncation, inserted or deleted runs, a chunk length or a delta time set
  to something far off, a key/tempo/meter event's bytes overwritten.
"""

from __future__ import annotations

import random
import struct
from collections.abc import Callable

END_OF_TRACK = b"\x00\xff\x2f\x00"
TEMPO_120 = b"\x00\xff\x51\x03\x07\xa1\x20"
METER_4_4 = b"\x00\xff\x58\x04\x04\x02\x18\x08"
KEY_G_MAJOR = b"\x00\xff\x59\x02\x01\x00"
MAX_DELTA = 0x0FFFFFFF
"""The largest delta time a 4-byte variable-length quantity can hold."""


def vlq(value: int) -> bytes:
    """`value` as a MIDI variable-length quantity (7 bits a byte, high bit = more follow)."""
    out = [value & 0x7F]
    value >>= 7
    while value:
        out.append(0x80 | (value & 0x7F))
        value >>= 7
    return bytes(reversed(out))


def header(track_count: int, file_type: int = 1, division: int = 480) -> bytes:
    return struct.pack(">4sIHHH", b"MThd", 6, file_type, track_count, division)


def chunk(events: bytes, length: int | None = None, tag: bytes = b"MTrk") -> bytes:
    """A chunk whose length field says `length` (its true length if None)."""
    return tag + struct.pack(">I", len(events) if length is None else length) + events


def meta(kind: int, data: bytes, delta: int = 0) -> bytes:
    return vlq(delta) + bytes((0xFF, kind)) + vlq(len(data)) + data


def notes(pitches: tuple[int, ...], channel: int = 0, length: int = 480) -> bytes:
    """Back-to-back notes on one channel, with note-offs written as velocity-0 note-ons."""
    events = bytearray()
    for pitch in pitches:
        events += bytes((0x00, 0x90 | channel, pitch, 90)) + vlq(length)
        events += bytes((0x90 | channel, pitch, 0))
    return bytes(events)


def melody_events() -> bytes:
    """A named track with a program, a sustain pedal, a bend, a lyric and eight notes."""
    events = meta(0x03, b"Lead") + bytes((0x00, 0xC0, 73)) + bytes((0x00, 0xB0, 64, 127))
    events += bytes((0x00, 0xE0, 0x00, 0x50)) + meta(0x05, b"la")
    return events + notes((60, 62, 64, 65, 67, 69, 71, 72))


def seeds() -> dict[str, bytes]:
    """The valid files every mutation starts from: type 0, type 1 with drums, running status."""
    type_0 = header(1, file_type=0) + chunk(
        TEMPO_120 + METER_4_4 + KEY_G_MAJOR + melody_events() + END_OF_TRACK
    )
    conductor = meta(0x03, b"Song") + TEMPO_120 + METER_4_4 + KEY_G_MAJOR + meta(0x06, b"A")
    drums = meta(0x03, b"Drums") + notes((36, 42, 38, 42), channel=9, length=240)
    type_1 = (
        header(3)
        + chunk(conductor + END_OF_TRACK)
        + chunk(melody_events() + END_OF_TRACK)
        + chunk(drums + END_OF_TRACK)
    )
    # Running status: one 0x90 status byte, then pitch/velocity pairs with their deltas.
    running = bytes((0x00, 0x90, 60, 80, 0x00, 64, 80, 0x00, 67, 80, 0x83, 0x60, 60, 0))
    running += bytes((0x00, 64, 0, 0x00, 67, 0)) + bytes((0x00, 0xF0, 0x03, 0x7E, 0x09, 0xF7))
    type_0_running = header(1, file_type=0, division=96) + chunk(TEMPO_120 + running + END_OF_TRACK)
    return {"type0": type_0, "type1": type_1, "running_status": type_0_running}


def _one_track(events: bytes, division: int = 480, file_type: int = 0) -> bytes:
    return header(1, file_type, division) + chunk(events + END_OF_TRACK)


def _meter_cases(melody: bytes) -> dict[str, bytes]:
    far = vlq(MAX_DELTA) + bytes((0x90, 62, 90, 0x10, 0x80, 62, 0))
    many = b"".join(meta(0x58, bytes((n % 7 + 1, 2, 24, 8)), delta=1) for n in range(200))
    return {
        "meter_short": _one_track(meta(0x58, b"\x04\x02") + melody),
        "meter_empty": _one_track(meta(0x58, b"") + melody),
        "meter_zero_numerator": _one_track(meta(0x58, b"\x00\x02\x18\x08") + melody),
        "meter_denominator_2_to_255": _one_track(meta(0x58, b"\x04\xff\x18\x08") + melody),
        "meter_1_64_far_event": _one_track(meta(0x58, b"\x01\x06\x18\x08") + melody + far),
        "meter_200_changes": _one_track(many + melody),
    }


def _map_cases(melody: bytes) -> dict[str, bytes]:
    return {
        "key_100_sharps": _one_track(meta(0x59, b"\x64\x00") + melody),
        "key_128_flats": _one_track(meta(0x59, b"\x80\x00") + melody),
        "key_mode_5": _one_track(meta(0x59, b"\x02\x05") + melody),
        "key_short": _one_track(meta(0x59, b"\x02") + melody),
        "key_empty": _one_track(meta(0x59, b"") + melody),
        "tempo_short": _one_track(meta(0x51, b"\x07\xa1") + melody),
        "tempo_empty": _one_track(meta(0x51, b"") + melody),
        "tempo_zero": _one_track(meta(0x51, b"\x00\x00\x00") + melody),
        "tempo_slowest": _one_track(meta(0x51, b"\xff\xff\xff") + melody),
        "tempo_long": _one_track(meta(0x51, b"\x07\xa1\x20\x00\x00") + melody),
        "tempo_1000_changes": _one_track(
            b"".join(meta(0x51, vlq(n + 1).rjust(3, b"\x00"), delta=1) for n in range(1000))
            + melody
        ),
    }


def _time_cases(melody: bytes) -> dict[str, bytes]:
    far_note = vlq(MAX_DELTA) + bytes((0x90, 62, 90)) + vlq(MAX_DELTA) + bytes((0x80, 62, 0))
    bloated = b"".join(vlq(MAX_DELTA) + bytes((0x90, 60 + n, 90)) for n in range(8))
    return {
        "division_1_huge_delta": _one_track(melody + far_note, division=1),
        "division_32767_huge_delta": _one_track(melody + far_note, division=0x7FFF),
        "division_smpte": _one_track(melody, division=0xE728),
        "delta_bloat_note_ons": _one_track(bloated),
        "delta_5_byte_vlq": _one_track(melody + b"\x8f\xff\xff\xff\x7f\x90\x3c\x40"),
        "note_longer_than_int32": _one_track(
            bytes((0x00, 0x90, 60, 90))
            + (vlq(MAX_DELTA) + b"\xff\x01\x00") * 9
            + b"\x00\x80\x3c\x00"
        ),
    }


def _structure_cases(melody: bytes) -> dict[str, bytes]:
    track = chunk(melody + END_OF_TRACK)
    return {
        "header_type_2": header(2, file_type=2) + track + track,
        "header_type_7": header(1, file_type=7) + track,
        "header_zero_tracks": header(0) + track,
        "header_more_tracks_than_chunks": header(5) + track,
        "header_length_4": b"MThd\x00\x00\x00\x04\x00\x00\x00\x01" + track,
        "header_length_huge": b"MThd\xff\xff\xff\xff" + header(1)[8:] + track,
        "track_length_zero": header(1, 0) + chunk(melody + END_OF_TRACK, length=0),
        "track_length_max": header(1, 0) + chunk(melody + END_OF_TRACK, length=0xFFFFFFFF),
        "track_tag_wrong": header(1, 0) + chunk(melody + END_OF_TRACK, tag=b"MTrx"),
        "unknown_chunk_between": header(1, 0) + chunk(b"junk", tag=b"XFIH") + track,
        "no_end_of_track": header(1, 0) + chunk(melody),
        "events_after_end": header(1, 0) + chunk(melody + END_OF_TRACK + melody),
        "running_status_at_start": _one_track(bytes((0x00, 60, 90, 0x60, 60, 0)) + melody),
        "velocity_200": _one_track(bytes((0x00, 0x90, 60, 200, 0x60, 0x80, 60, 0))),
        "pitch_200": _one_track(bytes((0x00, 0x90, 200, 90, 0x60, 0x80, 200, 0)) + melody),
        "meta_length_huge": _one_track(b"\x00\xff\x01\x8f\xff\xff\x7fabc" + melody),
        "sysex_length_huge": _one_track(b"\x00\xf0\x8f\xff\xff\x7f\x7e" + melody),
        "name_invalid_utf8": _one_track(meta(0x03, b"Piano \xff\xfe") + melody),
        "name_with_nul": _one_track(meta(0x03, b"Bass\x00") + melody),
        "only_note_offs": _one_track(bytes((0x00, 0x80, 60, 0, 0x60, 0x80, 62, 0))),
    }


def targeted_cases() -> dict[str, bytes]:
    """Named files, each holding one kind of damage to an otherwise valid melody."""
    melody = notes((60, 64, 67, 72))
    return (
        _map_cases(melody) | _meter_cases(melody) | _time_cases(melody) | _structure_cases(melody)
    )


def _flip_bytes(data: bytearray, rng: random.Random) -> None:
    for _ in range(rng.randint(1, 8)):
        data[rng.randrange(len(data))] = rng.randrange(256)


def _flip_bits(data: bytearray, rng: random.Random) -> None:
    for _ in range(rng.randint(1, 8)):
        data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)


def _truncate(data: bytearray, rng: random.Random) -> None:
    del data[rng.randrange(1, len(data)) :]


def _insert_run(data: bytearray, rng: random.Random) -> None:
    at = rng.randrange(len(data))
    data[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))


def _delete_run(data: bytearray, rng: random.Random) -> None:
    at = rng.randrange(len(data))
    del data[at : at + rng.randint(1, 16)]


def _corrupt_length(data: bytearray, rng: random.Random) -> None:
    """Set the length field of the header or of one track chunk to something else."""
    starts = [i for i in range(len(data) - 8) if bytes(data[i : i + 4]) in (b"MThd", b"MTrk")]
    at = rng.choice(starts) if starts else 0
    value = rng.choice((0, 1, 5, 7, 0x7FFFFFFF, 0xFFFFFFFF, rng.randrange(2**32)))
    data[at + 4 : at + 8] = struct.pack(">I", value)[: max(0, min(4, len(data) - at - 4))]


def _bloat_delta(data: bytearray, rng: random.Random) -> None:
    """Give the end-of-track event of one chunk a huge delta (fixing the chunk's length)."""
    ends = [i for i in range(1, len(data) - 2) if data[i : i + 3] == b"\xff\x2f\x00"]
    if not ends:
        _flip_bytes(data, rng)
        return
    at = rng.choice(ends)
    bloat = vlq(rng.choice((MAX_DELTA, 2**21, rng.randrange(MAX_DELTA))))
    data[at - 1 : at] = bloat
    starts = [i for i in range(at) if data[i : i + 4] == b"MTrk"]
    if starts:
        old = int.from_bytes(data[starts[-1] + 4 : starts[-1] + 8], "big")
        new_length = (old + len(bloat) - 1) % 2**32
        data[starts[-1] + 4 : starts[-1] + 8] = struct.pack(">I", new_length)


def _corrupt_meta(data: bytearray, rng: random.Random) -> None:
    """Overwrite the length or data bytes of a key, tempo or meter event."""
    kinds = (b"\xff\x59", b"\xff\x51", b"\xff\x58")
    found = [i for i in range(len(data) - 2) if bytes(data[i : i + 2]) in kinds]
    if not found:
        _flip_bytes(data, rng)
        return
    at = rng.choice(found) + 2
    for offset in range(rng.randint(1, 5)):
        if at + offset < len(data):
            data[at + offset] = rng.choice((0, 1, 6, 0x7F, 0x80, 0xFF, rng.randrange(256)))


MUTATIONS: dict[str, Callable[[bytearray, random.Random], None]] = {
    "flip_bytes": _flip_bytes,
    "flip_bits": _flip_bits,
    "truncate": _truncate,
    "insert_run": _insert_run,
    "delete_run": _delete_run,
    "corrupt_length": _corrupt_length,
    "bloat_delta": _bloat_delta,
    "corrupt_meta": _corrupt_meta,
}


def random_mutation(seed_bytes: bytes, rng: random.Random) -> tuple[str, bytes]:
    """One or two random mutations of `seed_bytes`: (their names joined by '+', the bytes)."""
    data = bytearray(seed_bytes)
    names = [rng.choice(list(MUTATIONS)) for _ in range(rng.choice((1, 1, 2)))]
    for name in names:
        if data:
            MUTATIONS[name](data, rng)
    return "+".join(names), bytes(data)
