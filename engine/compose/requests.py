"""What a composer asks for, as data: lock, regenerate, add a track, continue, nudge, generate.

The requests live apart from the operations that carry them out (`engine.compose.operations`) so
that what only records or replays them (a project's takes, the session, the document) never loads
the model or onnxruntime: opening, editing, undoing and saving stay fast.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from engine.compose.controls import Controls
from engine.song.song import Cell, KeySignatureChange


@dataclass(frozen=True)
class Lock:
    cells: tuple[Cell, ...]
    locked: bool = True
    operation: str = field(default="lock", init=False)


@dataclass(frozen=True)
class Regenerate:
    cells: tuple[Cell, ...]
    controls: Controls = field(default_factory=Controls)
    operation: str = field(default="regenerate", init=False)


@dataclass(frozen=True)
class AddTrack:
    program: int
    name: str | None = None
    controls: Controls = field(default_factory=Controls)
    is_drum: bool = False
    """A General MIDI drum kit (channel 10; `program` is then unused) instead of a program."""
    operation: str = field(default="add-track", init=False)


@dataclass(frozen=True)
class Continue:
    bars: int
    tracks: tuple[int, ...] | None = None
    controls: Controls = field(default_factory=Controls)
    operation: str = field(default="continue", init=False)


@dataclass(frozen=True)
class Nudge:
    cells: tuple[Cell, ...]
    direction: str
    strength: float
    controls: Controls = field(default_factory=Controls)
    operation: str = field(default="nudge", init=False)


@dataclass(frozen=True)
class Generate:
    preset: str
    bars: int | None = None
    meter: tuple[int, int] | None = None
    key: KeySignatureChange | None = None
    tempo_bpm: float | None = None
    title: str = "Untitled"
    controls: Controls = field(default_factory=Controls)
    lead_program: int | None = None
    """A GM program for the first voice instead of the preset's ("... for flute"): the model
    writes that part in the instrument's playable range."""
    style: str | None = None
    """The style to write the preset's band in (`engine.song.styles`); None keeps the preset's own
    and `NO_STYLE` ('none') writes without one."""
    form: str | None = None
    """Section letters, one per phrase ('AABA'; see `engine.compose.plan`): None takes the
    style's, '-' plans no repeats."""
    operation: str = field(default="generate", init=False)


Request = Lock | Regenerate | AddTrack | Continue | Nudge | Generate


def request_to_json(request: Request) -> dict[str, Any]:
    """A JSON-ready description of a request (sets become sorted lists)."""
    return {"operation": request.operation, **_plain(dataclasses.asdict(request))}


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if k != "operation"}
    if isinstance(value, frozenset):
        return sorted(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value
