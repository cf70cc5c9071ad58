"""The open document a window observes, and how a job's result meets edits made meanwhile.

`Document` holds what every view shows: the `ProjectSession` (song, undo history, takes, file),
the selected cells and the take being listened to. Every change goes through it and it tells
its observers what changed (`Changed`), so views follow the document instead of being
refreshed by hand. It is plain Python with an observer list; the UI wraps it in a Qt signal.
It also remembers which cells the last operation changed (`changed_cells`, found by comparing
the songs, see `cell_changes`) for the grid to highlight, and flips between the last two takes
(`flip_takes`, see `take_flip`).

A job's result arrives while the composer may have gone on editing: `finish_job` carries it
over onto those edits with `engine.studio.rebase` (where the why is told), or refuses it and
keeps it as a take.
"""

from __future__ import annotations

import enum
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from engine.compose.requests import Request, request_to_json
from engine.song.song import Cell, Song
from engine.song.takes import Take, record, take_at
from engine.studio.cell_changes import changed_cells
from engine.studio.rebase import Rebased, describe_cells, rebase
from engine.studio.session import ProjectSession, Recovery
from engine.studio.take_flip import flip_target
from engine.words import QT_TRANSLATE_NOOP


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


__all__ = [
    "Changed",
    "Document",
    "Finished",
    "JobStart",
    "Rebased",
    "describe_cells",
    "rebase",
]
