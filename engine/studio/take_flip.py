"""Flipping between the last two takes: hear the newest idea against the one before it.

One key swaps the song between the newest take and the take before it, so a composer can
compare two ideas in place. Which way to go is read from the song itself rather than from a
remembered state, so it stays right after undo, redo or a lock: the song "is" a take when
restoring that take would change none of its notes (its locked cells are kept by a restore,
so locking a cell after the take still counts as being on it). From the take before the newest
the flip goes to the newest; from anywhere else (the newest, or a song edited since) it goes
to the take before the newest. The flip itself is an ordinary take restore: one undo step,
every locked cell kept.
"""

from __future__ import annotations

from engine.errors import TesseraError
from engine.song.song import Note, Song
from engine.song.takes import Take
from engine.studio.take_restore import restore_around_locks
from engine.words import QT_TRANSLATE_NOOP


class TakeFlipError(TesseraError):
    """Fewer than two takes to flip between."""


def flip_target(current: Song, takes: tuple[Take, ...]) -> int:
    """The take number (from 1) a flip goes to: the newest when the song is the take before
    it, else the take before the newest."""
    if len(takes) < 2:
        raise TakeFlipError(
            QT_TRANSLATE_NOOP(
                "TakeFlip",
                "flipping needs two takes and this song has {takes_count}: regenerate "
                "or nudge once more to make another",
            ).format(takes_count=len(takes))
        )
    newest = len(takes)
    return newest if is_on_take(current, takes[newest - 2]) else newest - 1


def is_on_take(current: Song, take: Take) -> bool:
    """Whether restoring `take` would leave every note of `current` as it is."""
    try:
        restored = restore_around_locks(current, take.song).song
    except TesseraError:  # a take that cannot line up with the locks is not where we are
        return False
    return _notes(restored) == _notes(current)


def _notes(song: Song) -> tuple[tuple[Note, ...], ...]:
    return tuple(track.notes for track in song.tracks)


__all__ = ["TakeFlipError", "flip_target", "is_on_take"]
