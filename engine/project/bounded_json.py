"""Read a JSON file that may be damaged or hostile, within fixed bounds of size, depth and number.

A project file is opened by double-clicking whatever a user was sent, so reading it must never
hang, exhaust memory or raise anything but `JsonFileError` with one line naming the file:

- only a regular file is read (not a named pipe, which would wait for a writer for ever, nor a
  device such as /dev/zero, which never ends), found by `fstat` on the opened handle, opened
  without waiting, so a path swapped for a pipe after a check cannot block it either;
- its size is checked against `max_bytes` before reading, and the read itself stops one byte past
  it, so a file growing meanwhile is refused rather than read to its new end;
- nesting is measured before parsing and capped at `MAX_DEPTH` (a project needs 8 levels), so the
  parser's recursion never runs out of stack, and so is the number of lists and objects
  (`MAX_CONTAINERS`), the one thing that makes parsed JSON far larger than its text;
- an integer of more than `MAX_INT_DIGITS` digits is refused while parsing, before Python turns
  it into a number (converting 4,300 digits or more raises, and each costs quadratic time);
- NaN, Infinity and numbers too large for a float (1e400) are refused: a NaN compares unequal to
  itself and renders silence;
- a key given twice in one object is refused, naming the key: JSON readers silently keep the
  last one, so a second, empty `locked_bars` would unlock a track without a word.
"""

from __future__ import annotations

import json
import math
import os
import re
import stat
from pathlib import Path
from typing import Any

import numpy as np

from engine.errors import TesseraError
from engine.words import QT_TRANSLATE_NOOP

MAX_DEPTH = 64
"""Deepest nesting read: a project's notes sit 8 levels down (takes[i].song.tracks[j].notes[k])
and a take's request adds at most 3, so 64 is far past any real file and far below the stack."""
MAX_CONTAINERS = 8_000_000
"""Most lists and objects read. A note row is a list of at least 10 bytes, so a 64 MiB project
holds at most 6.7 million; each costs about 70 bytes once parsed, and counting them first keeps
64 MiB of empty lists (`[],[],...`) from taking 1.7 GB before the schema refuses them."""
MAX_INT_DIGITS = 20
"""Digits an integer may have: 2**64 has 20, enough for every tick, count and seed."""
_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"')
"""A JSON string literal (brackets inside text do not nest anything)."""
_NOT_BRACKETS = bytes(byte for byte in range(256) if byte not in b"[]{}")
_OPENERS = np.frombuffer(b"[{", dtype=np.uint8)
_DEPTH_CHUNK = 1 << 22
"""Brackets measured at a time, so measuring a hostile file needs a few megabytes, not gigabytes."""


class JsonFileError(TesseraError):
    """A file that cannot be read as bounded, strict JSON; the message names the file."""


class _HookError(ValueError):
    """Raised inside the parser's hooks; turned into a JsonFileError naming the file."""


def read_bounded(
    path: str | os.PathLike[str],
    max_bytes: int,
    kind: str = "Tessera project",
    too_big_because: str = "it is not a project Tessera wrote, or it is damaged",
) -> bytes:
    """The bytes of a regular file of at most `max_bytes`, or JsonFileError saying why not
    (`kind` and `too_big_because` word the messages for other files read this way, e.g. MIDI)."""
    name = Path(path).name
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        handle = os.open(path, flags)
    except OSError as err:
        raise JsonFileError(
            QT_TRANSLATE_NOOP("BoundedJson", "cannot open {name}: {strerror}").format(
                name=name, strerror=err.strerror
            )
        ) from err
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            raise JsonFileError(
                QT_TRANSLATE_NOOP(
                    "BoundedJson",
                    "{name} is not a regular file (it is {file_kind}): open a {kind} saved on disk",
                ).format(name=name, file_kind=_file_kind(info.st_mode), kind=kind)
            )
        too_big = f"{name} is larger than the {_size(max_bytes)} a {kind} may be; {too_big_because}"
        if info.st_size > max_bytes:
            raise JsonFileError(
                QT_TRANSLATE_NOOP("BoundedJson", "{too_big} (it is {size})").format(
                    too_big=too_big, size=_size(info.st_size)
                )
            )
        data = _read_at_most(handle, max_bytes + 1)
    except OSError as err:
        raise JsonFileError(
            QT_TRANSLATE_NOOP("BoundedJson", "cannot read {name}: {strerror}").format(
                name=name, strerror=err.strerror
            )
        ) from err
    finally:
        os.close(handle)
    if len(data) > max_bytes:
        raise JsonFileError(
            QT_TRANSLATE_NOOP("BoundedJson", "{too_big} (it grew while being read)").format(
                too_big=too_big
            )
        )
    return data


def _read_at_most(handle: int, limit: int) -> bytes:
    """Up to `limit` bytes from an open file, stopping at its end."""
    parts: list[bytes] = []
    left = limit
    while left > 0:
        part = os.read(handle, min(left, 1 << 20))
        if not part:
            break
        parts.append(part)
        left -= len(part)
    return b"".join(parts)


def _file_kind(mode: int) -> str:
    kinds = {
        stat.S_ISDIR: "a folder",
        stat.S_ISFIFO: "a named pipe",
        stat.S_ISCHR: "a device",
        stat.S_ISBLK: "a disk device",
        stat.S_ISSOCK: "a socket",
    }
    return next((kind for test, kind in kinds.items() if test(mode)), "not a file")


def _size(count: int) -> str:
    return f"{count / 2**20:.1f} MiB" if count >= 2**20 else f"{count} bytes"


def parse_strict(data: bytes, name: str) -> Any:
    """Parse UTF-8 JSON `data` from the file `name` within the bounds above."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise JsonFileError(
            QT_TRANSLATE_NOOP(
                "BoundedJson",
                "{name} is not a readable Tessera project (not UTF-8 text: byte "
                "{start} is {data!r}); if it was autosaved, look for its recovery copy",
            ).format(name=name, start=err.start, data=data[err.start : err.start + 1])
        ) from err
    brackets = _brackets(data)
    depth = deepest_nesting(brackets)
    if depth > MAX_DEPTH:
        raise JsonFileError(
            QT_TRANSLATE_NOOP(
                "BoundedJson",
                "{name} nests {depth} levels deep; a Tessera project never goes past "
                "{max_depth}, so it is not one (or it is damaged)",
            ).format(name=name, depth=depth, max_depth=MAX_DEPTH)
        )
    containers = brackets.count(b"[") + brackets.count(b"{")
    if containers > MAX_CONTAINERS:
        raise JsonFileError(
            QT_TRANSLATE_NOOP(
                "BoundedJson",
                "{name} holds {containers:,} lists and objects; a Tessera project "
                "holds at most {max_containers:,}, so it is not one (or it is damaged)",
            ).format(name=name, containers=containers, max_containers=MAX_CONTAINERS)
        )
    try:
        return json.loads(
            text,
            object_pairs_hook=_object,
            parse_int=_integer,
            parse_float=_float,
            parse_constant=_constant,
        )
    except _HookError as err:
        raise JsonFileError(
            QT_TRANSLATE_NOOP("BoundedJson", "{name}: {err}").format(name=name, err=err)
        ) from err
    except json.JSONDecodeError as err:
        raise JsonFileError(
            QT_TRANSLATE_NOOP(
                "BoundedJson",
                "{name} is not a readable Tessera project (not valid JSON: {err}); if "
                "it was autosaved, look for its recovery copy",
            ).format(name=name, err=err)
        ) from err


def _brackets(data: bytes) -> bytes:
    """The brackets of JSON text `data` in order, without those inside strings."""
    return _STRING.sub(b"", data).translate(None, _NOT_BRACKETS)


def deepest_nesting(bracket_text: bytes) -> int:
    """How many lists and objects deep a run of brackets (see `_brackets`) nests at its deepest.

    Counted with array sums in chunks: a 64 MiB file of brackets takes a fraction of a second
    and a few megabytes (a loop in Python would take seconds).
    """
    brackets = np.frombuffer(bracket_text, np.uint8)
    deepest = level = 0
    for start in range(0, len(brackets), _DEPTH_CHUNK):
        chunk = brackets[start : start + _DEPTH_CHUNK]
        levels = level + np.cumsum(np.where(np.isin(chunk, _OPENERS), 1, -1), dtype=np.int64)
        deepest = max(deepest, int(levels.max()))
        level = int(levels[-1])
    return deepest


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _HookError(
                    QT_TRANSLATE_NOOP(
                        "BoundedJson",
                        "the key {key!r} appears twice in one object; a project names each "
                        "field once (a reader would silently keep only the last): remove one "
                        "of them",
                    ).format(key=key[:40])
                )
            seen.add(key)
    return result


def _integer(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_INT_DIGITS:
        raise _HookError(
            QT_TRANSLATE_NOOP(
                "BoundedJson",
                "an integer of {lstrip_count} digits is more than the {max_int_digits} "
                "any project value needs",
            ).format(lstrip_count=len(digits.lstrip("-")), max_int_digits=MAX_INT_DIGITS)
        )
    return int(digits)


def _float(literal: str) -> float:
    number = float(literal)
    if not math.isfinite(number):
        raise _HookError(
            QT_TRANSLATE_NOOP(
                "BoundedJson", "the number {literal} is too large for any project value"
            ).format(literal=literal[:40])
        )
    return number


def _constant(literal: str) -> float:
    raise _HookError(
        QT_TRANSLATE_NOOP(
            "BoundedJson", "{literal} is not a number a project can hold (only finite numbers)"
        ).format(literal=literal)
    )
