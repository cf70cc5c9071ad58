"""The open document a window observes, and how a job's result meets edits made meanwhile.

`Document` holds what every view shows: the `ProjectSession` (song, undo history, takes, file),
the selected cells and the take being listened to. Every change goes through it and it tells
its observers what changed (`Changed`), so views follow the document instead of being
refreshed by hand. It is plain Python with an observer list; the UI wraps it in a Qt signal.
It also remembers which cells the last operation changed (`changed_cells`, found by comparing
the songs, see `cell_changes`) for the grid to highlight, and flips between the last two takes
(`flip_takes`, see `take_flip`).

Why `rebase` exists. A composing job reads the song when it starts and its result arrives
seconds later, while the composer has gone on editing (a tempo, a lock, a note). Pushing the
result as it is would silently revert those edits. So the result is treated as an effect, not
a song: the cells, track settings and song fields where it differs from the song the job read.
That effect is written onto the current song wherever the composer has not touched the same
thing since the job began; a cell the composer edited or locked meanwhile keeps the composer's
version and is named in the message. A change that cannot be merged (tracks or bars added or
removed, or a song field both sides changed) refuses the result as a whole: the composer's
song stays, and the result is kept as a take to listen to or restore.
"""

from __future__ import annotations

import dataclasses
import enum
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from engine.compose.cell_edit import write_cell
from engine.compose.requests import Request, request_to_json
from engine.errors import TesseraError
from engine.song.edits import set_bar_count
from engine.song.song import Cell, ControlEvent, Note, ProgramChange, Song, Track
from engine.song.takes import Take, record, take_at
from engine.studio.cell_changes import changed_cells
from engine.studio.session import ProjectSession, Recovery
from engine.studio.take_flip import flip_target
from engine.words import QT_TRANSLATE_NOOP, message_of


class Changed(enum.Flag):
    """What a document change touched, so an observer redraws only what it shows."""

    SONG = enum.auto()
    """The current song, and with it undo and redo."""
    FILE = enum.auto()
    """The project's path or saved state (the window title)."""
    SELECTION = enum.auto()
    TAKES = enum.auto()
    LISTENING = enum.auto()
    """Which song is heard: a take being compared, or the current song."""
    EVERYTHING = SONG | FILE | SELECTION | TAKES | LISTENING


Observer = Callable[[Changed], None]


@dataclass(frozen=True)
class JobStart:
    """What a composing job read (None for a new song) and the document's song when it began.

    They differ for a re-roll, which reads the song the last operation started from."""

    read: Song | None
    shown: Song


@dataclass(frozen=True)
class Finished:
    """What became of a job's result: applied (perhaps around the composer's edits) or not."""

    applied: bool
    note: str = ""
    """Empty when the result landed as it was; else what was kept or why it was refused."""


class Document:
    """The window's one source of truth; observers hear `Changed` after every change."""

    def __init__(self, session: ProjectSession) -> None:
        self.session = session
        self._selection: tuple[Cell, ...] = ()
        self._listening: Take | None = None
        self._changed: tuple[Cell, ...] = ()
        self._observers: list[Observer] = []

    # --- observing ------------------------------------------------------------------------------

    def observe(self, observer: Observer) -> None:
        self._observers.append(observer)

    def announce(self, what: Changed) -> None:
        """Tell every observer; also call it after changing `session` directly."""
        for observer in list(self._observers):
            observer(what)

    # --- state ----------------------------------------------------------------------------------

    @property
    def song(self) -> Song:
        """The song being edited."""
        return self.session.song

    @property
    def selection(self) -> tuple[Cell, ...]:
        return self._selection

    @property
    def changed_cells(self) -> tuple[Cell, ...]:
        """The cells whose notes the last operation changed (a composing result, a take
        restored or flipped to, or an undo or redo), found by comparing the songs before and
        after; empty after a plain edit, a new song or an opened file. Announced with SONG."""
        return self._changed

    @property
    def listening(self) -> int | None:
        """The number of the take being listened to, or None for the current song."""
        if self._listening is None:
            return None
        numbers = [n for n, take in enumerate(self.session.takes, 1) if take is self._listening]
        return numbers[0] if numbers else None

    @property
    def heard_song(self) -> Song:
        """What the transport plays: the take being compared, until the composer returns (or
        the take drops off the end of the list)."""
        return (
            self.song if self._listening is None or self.listening is None else self._listening.song
        )

    # --- changes --------------------------------------------------------------------------------

    def set_selection(self, cells: Iterable[Cell]) -> None:
        chosen = tuple(sorted(set(cells)))
        if chosen != self._selection:
            self._selection = chosen
            self.announce(Changed.SELECTION)

    def apply_edit(self, song: Song, label: str) -> None:
        """Make an edited song current, as one undo step."""
        self.session.apply_edit(song, label)
        self._changed = ()
        self.announce(Changed.SONG | Changed.FILE)

    def undo(self) -> None:
        if self.session.history.can_undo:
            before = self.song
            self.session.undo()
            self._changed = changed_cells(before, self.song)
            self.announce(Changed.SONG | Changed.FILE)

    def redo(self) -> None:
        if self.session.history.can_redo:
            before = self.song
            self.session.redo()
            self._changed = changed_cells(before, self.song)
            self.announce(Changed.SONG | Changed.FILE)

    def flip_takes(self) -> tuple[int, str]:
        """Swap between the newest take and the one before it (see `take_flip`), as a take
        restore: one undo step, locked cells kept. Returns the take's number and
        `restore_take`'s note."""
        number = flip_target(self.song, self.session.takes)
        return number, self.restore_take(number)

    def restore_take(self, number: int) -> str:
        """Make take `number` the song, every locked cell kept as it is; returns a note naming
        the locked cells it would have changed ('' when none)."""
        before = self.song
        restored = self.session.restore_take(number)
        self._changed = changed_cells(before, self.song)
        self._listening = None
        self.announce(Changed.SONG | Changed.FILE | Changed.LISTENING)
        if not restored.kept:
            return ""
        return QT_TRANSLATE_NOOP("Document", "kept {cells} as they are (locked)").format(
            cells=describe_cells(restored.kept)
        )

    def listen(self, number: int) -> None:
        """Hear take `number` instead of the song until `stop_listening` (edits go on)."""
        self._listening = take_at(self.session.takes, number)
        self.announce(Changed.LISTENING)

    def stop_listening(self) -> None:
        if self._listening is not None:
            self._listening = None
            self.announce(Changed.LISTENING)

    def new(self, song: Song) -> None:
        self.session.new(song)
        self._replaced()

    def open(self, path: str | os.PathLike[str]) -> list[str]:
        """Open a file (see `ProjectSession.open`); the song stays as it was on error."""
        warnings = self.session.open(path)
        self._replaced()
        return warnings

    def restore(self, recovery: Recovery) -> None:
        self.session.restore(recovery)
        self._replaced()

    def save(self, path: str | os.PathLike[str] | None = None, *, overwrite: bool = False) -> None:
        """Save (see `ProjectSession.save`: a file changed on disk meanwhile is not overwritten
        unless `overwrite`)."""
        self.session.save(path, overwrite=overwrite)
        self.announce(Changed.FILE)

    def _replaced(self) -> None:
        self._listening = None
        self._changed = ()
        self.announce(Changed.EVERYTHING)

    # --- jobs -----------------------------------------------------------------------------------

    def begin_job(self, read: Song | None) -> JobStart:
        """Note what a job reads and what is current now, for `finish_job`."""
        return JobStart(read, self.song)

    def finish_job(
        self,
        start: JobStart,
        result: Song,
        label: str,
        request: Request | None = None,
        seed: int = 0,
    ) -> Finished:
        """Apply a job's result as one undo step (a take too, for a composing `request`),
        carried over onto any edits made since `start`; never over them."""
        current = self.song
        if _same(current, start.shown) and (start.read is None or _same(start.read, current)):
            return self._commit(result, label, request, seed, Finished(True))
        if start.read is None:
            why = QT_TRANSLATE_NOOP(
                "Document", "the song was edited while the new one was being written"
            )
            return self._refuse(result, request, seed, why)
        merged = rebase(start.read, result, start.shown, current)
        if merged.song is None:
            return self._refuse(result, request, seed, merged.problem)
        note = ""
        if merged.edited or merged.locked:
            again = request.operation.replace("-", " ") if request else "run it"
            note = QT_TRANSLATE_NOOP(
                "Document", "kept {kept} as they are ({again} again to rewrite them)"
            ).format(kept=merged.describe_kept(), again=again)
        return self._commit(merged.song, label, request, seed, Finished(True, note))

    def _commit(
        self, song: Song, label: str, request: Request | None, seed: int, outcome: Finished
    ) -> Finished:
        if request is None:
            self.apply_edit(song, label)
            return outcome
        before = self.song
        self.session.commit_operation(request, seed, song, label)
        self._changed = changed_cells(before, self.song)
        self.announce(Changed.SONG | Changed.FILE | self._takes_changed())
        return outcome

    def _refuse(self, result: Song, request: Request | None, seed: int, why: str) -> Finished:
        """Keep the composer's song; keep a composing result as a take so nothing is lost."""
        if request is None:
            return Finished(
                False,
                QT_TRANSLATE_NOOP(
                    "Document", "not applied: {why}; your song is as you left it"
                ).format(why=why),
            )
        take = Take(request.operation, request_to_json(request), seed, result)
        self.session.takes = record(self.session.takes, take)
        self.announce(self._takes_changed())
        return Finished(
            False,
            QT_TRANSLATE_NOOP(
                "Document",
                "not applied: {why}. Your song is as you left it; the result is take "
                "{number} (Listen to compare, Restore to use it)",
            ).format(why=why, number=len(self.session.takes)),
        )

    def _takes_changed(self) -> Changed:
        """TAKES, and LISTENING too when the take being heard just dropped off the list."""
        if self._listening is not None and self.listening is None:
            self._listening = None
            return Changed.TAKES | Changed.LISTENING
        return Changed.TAKES


def _same(a: Song, b: Song) -> bool:
    return a is b or a == b


# --- carrying a result over ---------------------------------------------------------------------

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
    "Changed",
    "Document",
    "Finished",
    "JobStart",
    "Rebased",
    "describe_cells",
    "rebase",
]
