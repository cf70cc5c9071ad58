"""What a composer asks for, as data: lock, regenerate, add a track, continue, nudge, generate,
and the section operations (regenerate, vary, copy or recast a section of the song's form).

The requests live apart from the operations that carry them out (`engine.compose.operations`) so
that what only records or replays them (a project's takes, the session, the document) never loads
the model or onnxruntime: opening, editing, undoing and saving stay fast.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Literal

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
    """The song's form: section letters, one per phrase ('AABA'; see `engine.compose.plan`), or
    section roles ('intro verse chorus verse chorus bridge chorus outro', `engine.compose.forms`);
    None takes the style's, '-' plans no repeats."""
    seconds: float | None = None
    """How long the song should last: tempo and bars are chosen so it ends then, on its
    cadence, with its form kept (`engine.compose.fit`); None: `bars` and `tempo_bpm` decide."""
    tempo_range: tuple[float, float] | None = None
    """The slowest and fastest tempo `seconds` may choose (None: the style's usual range)."""
    variation: float = 0.0
    """How far a repeated section strays from its first playing: 0 plays it again exactly
    (only its last bar written again), 1 writes it anew in the same role."""
    energies: tuple[float, ...] = ()
    """Each section's energy (0-1), one per section of a role `form`, written at it instead
    of its role's default (a video's sections at the picture's energy); empty: the roles'.
    A section repeats an earlier one of its kind only at a like energy
    (`engine.compose.forms.REPEAT_ENERGY_SPAN`)."""
    operation: str = field(default="generate", init=False)


SectionScope = Literal["one", "all"]
"""Where a section operation's new music goes: 'one' only the section asked, 'all' that
section and every repeat of it (`engine.song.sections.repeats_of`), locked cells kept."""
SECTION_SCOPES: tuple[SectionScope, ...] = ("one", "all")


@dataclass(frozen=True)
class RegenerateSection:
    """Write section `section` (an index into `Song.sections`) anew in its role, hearing the
    music around it; `tracks` None means every track."""

    section: int
    scope: SectionScope = "one"
    tracks: tuple[int, ...] | None = None
    controls: Controls = field(default_factory=Controls)
    operation: str = field(default="regenerate-section", init=False)


@dataclass(frozen=True)
class VarySection:
    """Vary section `section`: strength 0 keeps it, 1 is a new section in the same role, and
    between them more of it is written again the stronger the variation."""

    section: int
    strength: float
    scope: SectionScope = "one"
    tracks: tuple[int, ...] | None = None
    controls: Controls = field(default_factory=Controls)
    operation: str = field(default="vary-section", init=False)


@dataclass(frozen=True)
class CopySection:
    """Copy section `section`'s music (every track) to bars from `to_bar` on, and place a
    section of the same role and name there, replacing the sections it covers; locked cells
    at the target keep their notes."""

    section: int
    to_bar: int
    operation: str = field(default="copy-section", init=False)


@dataclass(frozen=True)
class RecastSection:
    """Make section `section` a section of `role` ('make this a chorus'): it takes the role's
    name and the music of the song's first section of that role, fitted to its length and
    varied by `strength` (0: the same music), or is written anew in that role when the song has
    none."""

    section: int
    role: str
    strength: float = 0.0
    operation: str = field(default="recast-section", init=False)


SectionRequest = RegenerateSection | VarySection | CopySection | RecastSection
Request = Lock | Regenerate | AddTrack | Continue | Nudge | Generate | SectionRequest


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
