"""A composing job's result carried over onto a song the composer edited while it ran.

`rebase` is how `engine.studio.document.Document.finish_job` lands a result without reverting
the composer's edits; it lives apart from the document because it is a pure function of four
songs (what the job read, what it wrote, what was shown when it began and what is current),
with no observers, selection or session, and is tested as such.

Why it exists. A composing job reads the song when it starts and its result arrives
seconds later, while the composer has gone on editing (a tempo, a lock, a note). Pushing the
result as it is would silently revert those edits. So the result is treated as an effect, not
a song: the cells, track settings and song fields where it differs from the song the job read.
That effect is written onto the current song wherever the composer has not touched the same
thing since the job began; a cell the composer edited or locked meanwhile keeps the composer's
version and is named in the message (`describe_cells`). A change that cannot be merged (tracks
or bars added or removed, or a song field both sides changed) refuses the result as a whole:
the composer's song stays, and the result is kept as a take to listen to or restore.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from engine.compose.cell_edit import write_cell
from engine.errors import TesseraError
from engine.song.edits import set_bar_count
from engine.song.song import Cell, ControlEvent, Note, ProgramChange, Song, Track
from engine.words import QT_TRANSLATE_NOOP, message_of

TIMED_FIELDS = ("notes", "controls", "program_changes")
"""Track fields that belong to bars; every other Track field is a setting of the whole track."""
Timed = TypeVar("Timed", bound=ControlEvent | ProgramChange)
CellContent = tuple[tuple[Note | ControlEvent | ProgramChange, ...], ...]
"""A cell's notes (by onset), controller moves and program changes, in `TIMED_FIELDS` order."""


@dataclass(frozen=True)
class Rebased:
    """A result carried over onto the current song, or refused (`song` None, with `problem`)."""

    song: Song | None
    written: tuple[Cell, ...] = ()
    edited: tuple[Cell, ...] = ()
    """Cells the composer changed while the job ran: kept as the composer left them."""
    locked: tuple[Cell, ...] = ()
    """Cells locked while the job ran: kept, lock and all."""
    problem: str = ""

    def describe_kept(self) -> str:
        parts: list[str] = []
        if self.edited:
            parts.append(
                QT_TRANSLATE_NOOP("Document", "your edits to {cells}").format(
                    cells=describe_cells(self.edited)
                )
            )
        if self.locked:
            parts.append(
                QT_TRANSLATE_NOOP("Document", "{cells} (locked meanwhile)").format(
                    cells=describe_cells(self.locked)
                )
            )
        return parts[0] if len(parts) == 1 else _and(parts[0], parts[1]) if parts else ""


def rebase(read: Song, result: Song, shown: Song, current: Song) -> Rebased:
    """`result` (a job's output from `read`) carried over onto `current`.

    `shown` is the song current when the job began (for a re-roll it is not `read`). What the
    job changed is wherever `result` differs from `read`; what the composer changed is wherever
    `current` differs from `shown`. Cells, track settings and song fields only the job changed
    take the result's; those only the composer changed stay; a cell both changed, or locked
    meanwhile, stays the composer's. Refused when the grid changed meanwhile or a song or
    track setting was changed on both sides.
    """
    shape = (len(current.tracks), current.bar_count, current.time_signatures)
    if shape != (len(shown.tracks), shown.bar_count, shown.time_signatures):
        return Rebased(
            None,
            problem=QT_TRANSLATE_NOOP("Document", "tracks, bars or the meter changed while it ran"),
        )
    if (
        len(result.tracks) < len(current.tracks)
        or result.bar_count < current.bar_count
        or result.time_signatures != current.time_signatures
    ):
        return Rebased(
            None,
            problem=QT_TRANSLATE_NOOP(
                "Document", "its song no longer fits the current one's tracks and bars"
            ),
        )
    fields = _song_fields(read, result, shown, current)
    if isinstance(fields, str):
        return Rebased(None, problem=fields)
    changed = [
        index
        for index in range(len(current.tracks))
        if index >= len(read.tracks) or read.tracks[index] is not result.tracks[index]
    ]  # tracks are shared between songs, so a track the job left alone is the same object
    settings: dict[int, dict[str, Any]] = {}
    for index in changed:
        before = read.tracks[index] if index < len(read.tracks) else None
        found = _track_settings(
            before, result.tracks[index], shown.tracks[index], current.tracks[index]
        )
        if isinstance(found, str):
            problem = QT_TRANSLATE_NOOP(
                "Document", "you and the operation both changed track {number}'s {setting}"
            ).format(number=index + 1, setting=found)
            return Rebased(None, problem=problem)
        settings[index] = found
    try:
        return _carry_cells(
            read, result, shown, current, changed=changed, settings=settings, fields=fields
        )
    except TesseraError as err:  # a song the merge cannot build: refuse rather than guess
        return Rebased(None, problem=message_of(err))


def _carry_cells(
    read: Song,
    result: Song,
    shown: Song,
    current: Song,
    *,
    changed: list[int],
    settings: dict[int, dict[str, Any]],
    fields: dict[str, Any],
) -> Rebased:
    """The cell-by-cell part of `rebase`, once the grid and the settings are known to fit."""
    song = current
    if result.bar_count > current.bar_count:
        song = set_bar_count(current, result.bar_count)
    song = dataclasses.replace(song, **fields)
    bars = _Bars()
    written: list[Cell] = []
    edited: list[Cell] = []
    locked: list[Cell] = []
    for index in changed:
        for bar in range(result.bar_count):
            wanted = bars.of(result, index, bar)
            assert wanted is not None  # the result has every track and bar looked at
            now = bars.of(current, index, bar)
            if wanted in (bars.of(read, index, bar), now):
                continue
            cell = (index, bar)
            if bar in current.tracks[index].locked_bars:
                locked.append(cell)
            elif now != bars.of(shown, index, bar):
                edited.append(cell)
            else:
                song = _write(song, cell, wanted)
                written.append(cell)
    if not written and (edited or locked):
        kept = Rebased(None, edited=tuple(edited), locked=tuple(locked)).describe_kept()
        problem = QT_TRANSLATE_NOOP(
            "Document", "every cell it wrote was changed meanwhile ({kept})"
        ).format(kept=kept)
        return Rebased(None, problem=problem)
    tracks = [
        dataclasses.replace(track, **settings[index]) if settings.get(index) else track
        for index, track in enumerate(song.tracks)
    ]
    tracks += result.tracks[len(current.tracks) :]  # tracks the job added are wholly its own
    song = dataclasses.replace(song, tracks=tuple(tracks))
    return Rebased(song, tuple(written), tuple(edited), tuple(locked))


def _song_fields(read: Song, result: Song, shown: Song, current: Song) -> dict[str, Any] | str:
    """The song fields to take from the result, or a sentence naming one changed on both sides."""
    taken: dict[str, Any] = {}
    for field in dataclasses.fields(Song):
        name = field.name
        if name in ("tracks", "bar_count") or not field.init:
            continue
        theirs, ours = getattr(result, name), getattr(current, name)
        if theirs == getattr(read, name) or theirs == ours:
            continue
        if ours != getattr(shown, name):
            return QT_TRANSLATE_NOOP(
                "Document", "you and the operation both changed the song's {setting}"
            ).format(setting=name.replace("_", " "))
        taken[name] = theirs
    return taken


def _track_settings(
    read: Track | None, result: Track, shown: Track, current: Track
) -> dict[str, Any] | str:
    """A track's settings to take from the result (locks added to the composer's), or the name
    of a setting changed on both sides."""
    taken: dict[str, Any] = {}
    for field in dataclasses.fields(Track):
        name = field.name
        if name in TIMED_FIELDS or not field.init:
            continue
        theirs, ours = getattr(result, name), getattr(current, name)
        before = getattr(read, name) if read is not None else None
        if name == "locked_bars":
            if added := theirs - (before or frozenset()) - ours:
                taken[name] = ours | added
            continue
        if (read is not None and theirs == before) or theirs == ours:
            continue
        if ours != getattr(shown, name):
            return name.replace("_", " ")
        taken[name] = theirs
    return taken


class _Bars:
    """Each track's cells bucketed once per song, for comparing the four songs cell by cell."""

    def __init__(self) -> None:
        self._cache: dict[tuple[int, int], list[CellContent]] = {}

    def of(self, song: Song, track: int, bar: int) -> CellContent | None:
        """The cell's content, or None where the song has no such track or bar."""
        if track >= len(song.tracks) or bar >= song.bar_count:
            return None
        key = (id(song), track)
        if key not in self._cache:
            self._cache[key] = _bucket(song, song.tracks[track])
        return self._cache[key][bar]

    # The cache keys on id(): the four songs stay referenced by the caller throughout.


def _tick(event: Note | ControlEvent | ProgramChange) -> int:
    return event.start_tick if isinstance(event, Note) else event.tick


def _bucket(song: Song, track: Track) -> list[CellContent]:
    cells: list[list[list[Note | ControlEvent | ProgramChange]]] = [
        [[] for _ in TIMED_FIELDS] for _ in range(song.bar_count)
    ]
    for slot, name in enumerate(TIMED_FIELDS):
        events: Sequence[Note | ControlEvent | ProgramChange] = getattr(track, name)
        for event in events:
            cells[song.bar_at_tick(_tick(event))][slot].append(event)
    return [tuple(tuple(events) for events in cell) for cell in cells]


def _write(song: Song, cell: Cell, content: CellContent) -> Song:
    """Put a cell's content into `song`: notes fitted to those around it (`write_cell`), and
    the cell's controller moves and program changes in place of the song's."""
    notes, controls, changes = content
    song = write_cell(song, cell, [n for n in notes if isinstance(n, Note)])
    index, bar = cell
    track = song.tracks[index]

    track = dataclasses.replace(
        track,
        controls=_splice(song, bar, track.controls, controls, ControlEvent),
        program_changes=_splice(song, bar, track.program_changes, changes, ProgramChange),
    )
    return dataclasses.replace(
        song, tracks=(*song.tracks[:index], track, *song.tracks[index + 1 :])
    )


def _splice(
    song: Song, bar: int, old: Sequence[Timed], new: Iterable[object], kind: type[Timed]
) -> tuple[Timed, ...]:
    """`old` events with those in `bar` replaced by the `kind` events among `new`."""
    earlier: list[Timed] = [e for e in old if song.bar_at_tick(e.tick) < bar]
    later: list[Timed] = [e for e in old if song.bar_at_tick(e.tick) > bar]
    inside: list[Timed] = [e for e in new if isinstance(e, kind)]
    return tuple(earlier + inside + later)


def describe_cells(cells: Iterable[Cell]) -> str:
    """'track 2 bars 5-6 and track 3 bar 1': cells 1-based, runs of bars joined."""
    runs: list[tuple[int, int, int]] = []
    for track, bar in sorted(set(cells)):
        if runs and runs[-1][0] == track and runs[-1][2] == bar - 1:
            runs[-1] = (track, runs[-1][1], bar)
        else:
            runs.append((track, bar, bar))
    parts = [
        QT_TRANSLATE_NOOP("Document", "track {track} bar {bar}").format(track=t + 1, bar=a + 1)
        if a == b
        else QT_TRANSLATE_NOOP("Document", "track {track} bars {first}-{last}").format(
            track=t + 1, first=a + 1, last=b + 1
        )
        for t, a, b in runs
    ]
    listed = parts[0]
    for part in parts[1:-1]:
        listed = QT_TRANSLATE_NOOP("Document", "{list}, {item}").format(list=listed, item=part)
    return listed if len(parts) == 1 else _and(listed, parts[-1])


def _and(first: str, last: str) -> str:
    """'A and B', kept translatable (both may be engine words themselves)."""
    return QT_TRANSLATE_NOOP("Document", "{first} and {last}").format(first=first, last=last)


__all__ = [
    "Rebased",
    "describe_cells",
    "rebase",
]
