"""Takes: every composing operation's result, kept so the composer can compare and go back.

A take records what was asked (the operation and its request as JSON), the seed, and the Song
that came out. Running the same request with the same seed on the same song gives the same
Song again, so a take is also a recipe. The list is kept in the project file, newest last,
and capped so a long session does not grow the file without end.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from engine.errors import TesseraError
from engine.song.song import Song

MAX_TAKES = 30
"""Takes kept per project; the oldest go first."""


class TakeError(TesseraError):
    """A take that does not exist."""


@dataclass(frozen=True)
class Take:
    operation: str
    request: Mapping[str, Any]
    seed: int
    song: Song

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
