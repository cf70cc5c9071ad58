"""Undo and redo as a history of Songs: every edit and operation is one step back.

Songs are immutable, so a step is just the Song before it; nothing is copied and nothing can be
changed behind the history's back. Each step carries a label ("Regenerate 4 cells") for the
Edit menu. The history is itself immutable: `push`, `undo` and `redo` return a new one.
"""

from __future__ import annotations

from dataclasses import dataclass

from engine.errors import TesseraError
from engine.song.song import Song
from engine.words import QT_TRANSLATE_NOOP

MAX_UNDO_STEPS = 200
"""Steps kept; a long session drops its oldest."""


class HistoryError(TesseraError):
    """Undo with nothing to undo, or redo with nothing to redo."""


@dataclass(frozen=True)
class Step:
    song: Song
    label: str


@dataclass(frozen=True)
class History:
    """The current Song, the steps before it (oldest first) and the undone steps after it."""

    present: Song
    past: tuple[Step, ...] = ()
    future: tuple[Step, ...] = ()
    present_label: str = "Open"

    def push(self, song: Song, label: str) -> History:
        """Make `song` current after an edit named `label`; clears the redo steps."""
        if song == self.present:
            return self
        past = (*self.past, Step(self.present, self.present_label))[-MAX_UNDO_STEPS:]
        return History(song, past, (), label)

    @property
    def can_undo(self) -> bool:
        return bool(self.past)

    @property
    def can_redo(self) -> bool:
        return bool(self.future)

    @property
    def undo_label(self) -> str | None:
        """What undo would take back (the label of the current step), if anything."""
        return self.present_label if self.past else None

    @property
    def redo_label(self) -> str | None:
        return self.future[0].label if self.future else None

    def undo(self) -> History:
        if not self.past:
            raise HistoryError(QT_TRANSLATE_NOOP("Undo", "there is nothing to undo"))
        previous = self.past[-1]
        undone = Step(self.present, self.present_label)
        return History(previous.song, self.past[:-1], (undone, *self.future), previous.label)

    def redo(self) -> History:
        if not self.future:
            raise HistoryError(QT_TRANSLATE_NOOP("Undo", "there is nothing to redo"))
        following = self.future[0]
        done = Step(self.present, self.present_label)
        return History(following.song, (*self.past, done), self.future[1:], following.label)
