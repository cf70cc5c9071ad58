"""Takes: every composing operation's result, kept so the composer can compare and go back.

A take records what was asked (the operation and its request as JSON), the seed, and the Song
that came out. Running the same request with the same seed on the same song gives the same
Song again, so a take is also a recipe. The list is kept in the project file, newest last,
and capped so a long session does not grow the file without end.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from engine.errors import TesseraError
from engine.song.song import MAX_SEED, Song, SongError, check_int, check_text, shown
from engine.words import QT_TRANSLATE_NOOP

MAX_TAKES = 30
"""Takes kept per project; the oldest go first."""
MAX_REQUEST_DEPTH = 16
"""How deep a request's JSON may nest: the deepest real one (a list of [track, bar] cells inside a
request) is 3, so a deeper one is damage, and a cap keeps saving it from recursing without end."""
MAX_REQUEST_INT = 2**64 - 1
"""The largest number a request holds (seeds are 64-bit): what a project file can read back."""


class TakeError(TesseraError):
    """A take that does not exist."""


@dataclass(frozen=True)
class Take:
    operation: str
    request: Mapping[str, Any]
    seed: int
    song: Song

    def __post_init__(self) -> None:
        """Check the fields, so a take that exists can be saved, listed and read back: a request
        is a JSON object whose `cells`, when present, is a list (what `describe` counts)."""
        check_text("take operation", self.operation)
        if not isinstance(self.request, Mapping):
            raise SongError(
                QT_TRANSLATE_NOOP(
                    "Takes", "take request must be a JSON object, got {shown}"
                ).format(shown=shown(self.request))
            )
        check_json_value("request", self.request)
        if "cells" in self.request and not isinstance(self.request["cells"], list | tuple):
            raise SongError(
                QT_TRANSLATE_NOOP("Takes", "request.cells must be a list, got {shown}").format(
                    shown=shown(self.request["cells"])
                )
            )
        check_int("take seed", self.seed, 0, MAX_SEED)
        if not isinstance(self.song, Song):
            raise SongError(
                QT_TRANSLATE_NOOP("Takes", "a take's song must be a Song, got {shown}").format(
                    shown=shown(self.song)
                )
            )

    def describe(self) -> str:
        """One line for a list of takes: operation, seed and the request's main fields."""
        parts = []
        for key, value in self.request.items():
            if key in ("operation", "controls") or value in (None, [], ()):
                continue
            if key == "cells":
                parts.append(f"{len(value)} cells")
            elif not isinstance(value, dict):
                parts.append(f"{key}={value}")
        shown = ", ".join(parts)
        return f"{self.operation} (seed {self.seed}){': ' + shown if shown else ''}"


def check_json_value(name: str, value: object) -> None:
    """Raise SongError unless `value` is JSON that saves and reads back equal: objects with text
    keys, lists, text without lone surrogates, finite numbers, true/false and null, nested at
    most `MAX_REQUEST_DEPTH` deep. Walked with a stack, so damage cannot make it recurse."""
    pending: list[tuple[str, object, int]] = [(name, value, 1)]
    while pending:
        path, item, depth = pending.pop()
        if depth > MAX_REQUEST_DEPTH and isinstance(item, Mapping | list | tuple):
            raise SongError(
                QT_TRANSLATE_NOOP(
                    "Takes", "{path} nests deeper than {max_request_depth} levels"
                ).format(path=path, max_request_depth=MAX_REQUEST_DEPTH)
            )
        if isinstance(item, Mapping):
            for key, child in item.items():
                if not isinstance(key, str):
                    raise SongError(
                        QT_TRANSLATE_NOOP(
                            "Takes", "{path} has a key that is not text: {shown}"
                        ).format(path=path, shown=shown(key))
                    )
                check_text(f"a key of {path}", key)
                pending.append((f"{path}.{key[:40]}", child, depth + 1))
        elif isinstance(item, list | tuple):
            pending.extend((f"{path}[{i}]", child, depth + 1) for i, child in enumerate(item))
        elif isinstance(item, str):
            check_text(path, item)
        elif isinstance(item, float) and not math.isfinite(item):
            raise SongError(
                QT_TRANSLATE_NOOP("Takes", "{path} must be a finite number, got {item!r}").format(
                    path=path, item=item
                )
            )
        elif isinstance(item, int) and not isinstance(item, bool):
            check_int(path, item, -MAX_REQUEST_INT, MAX_REQUEST_INT)
        elif not isinstance(item, bool | float) and item is not None:
            raise SongError(
                QT_TRANSLATE_NOOP("Takes", "{path} must be a JSON value, got {shown}").format(
                    path=path, shown=shown(item)
                )
            )


def record(takes: tuple[Take, ...], take: Take) -> tuple[Take, ...]:
    """The list with `take` added at the end, dropping the oldest beyond `MAX_TAKES`."""
    return (*takes, take)[-MAX_TAKES:]


def take_at(takes: tuple[Take, ...], number: int) -> Take:
    """The take numbered from 1 (the oldest kept), as `tessera-cli takes` lists them."""
    if not 1 <= number <= len(takes):
        raise TakeError(
            f"there is no take {number}: this project has "
            + (f"takes 1-{len(takes)}" if takes else "no takes yet")
        )
    return takes[number - 1]
