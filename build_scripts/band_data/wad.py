"""A minimal reader for Doom WAD files: the lump directory and the bytes of each lump.

Why our own: the format is three integers and a table (a 12-byte header: 4-byte id 'IWAD' or
'PWAD', int32 lump count, int32 directory offset; then 16 bytes per lump: int32 offset, int32
size, 8-byte NUL-padded ASCII name, all little-endian), and reading it with `struct` needs no
third-party code. Every offset is checked against the file's length, so a truncated WAD gives
a clear error instead of silently short lumps.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

from build_scripts.band_data import BandDataError

_HEADER = struct.Struct("<4sii")
_ENTRY = struct.Struct("<ii8s")
WAD_IDS = (b"IWAD", b"PWAD")


@dataclass(frozen=True, slots=True)
class Lump:
    """One directory entry and its bytes."""

    index: int
    """Position in the WAD's directory (0-based)."""
    name: str
    data: bytes


def read_wad(path: Path) -> list[Lump]:
    """Every lump of a WAD file, in directory order."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise BandDataError(f"cannot read the WAD file {path}: {err.strerror}") from err
    if len(data) < _HEADER.size:
        raise BandDataError(f"{path.name} is too short to be a WAD file ({len(data)} bytes)")
    ident, count, directory = _HEADER.unpack_from(data, 0)
    if ident not in WAD_IDS:
        raise BandDataError(f"{path.name} is not a WAD file (it starts with {ident!r})")
    if count < 0 or directory < 0 or directory + count * _ENTRY.size > len(data):
        raise BandDataError(
            f"{path.name} is truncated or corrupted: its directory ({count} lumps at byte "
            f"{directory}) runs past the end of the file ({len(data)} bytes)"
        )
    lumps = []
    for index in range(count):
        offset, size, raw_name = _ENTRY.unpack_from(data, directory + index * _ENTRY.size)
        if offset < 0 or size < 0 or offset + size > len(data):
            raise BandDataError(
                f"{path.name} is truncated or corrupted: lump {index} ({size} bytes at byte "
                f"{offset}) runs past the end of the file"
            )
        name = raw_name.split(b"\0", 1)[0].decode("ascii", errors="replace")
        lumps.append(Lump(index, name, data[offset : offset + size]))
    return lumps
