"""The checks the song's edits run before they change anything: the track exists, and no
locked cell is written, cleared or robbed of a note that sounds in it.

A lock holds what its bar *sounds*, not only the notes that start there, so a note that rings
on into a locked bar is part of that bar: it may not be added, moved, shortened or removed
(`held_by_locks`). These checks live apart from the edits (`engine.song.edits`,
`engine.song.span_edits`) because every edit shares them and they change nothing themselves.
"""

from __future__ import annotations

from collections.abc import Iterable

from engine.song.song import Note, Song, SongError, check_int
from engine.words import QT_TRANSLATE_NOOP


class LockedCellError(SongError):
    """An edit tried to change a locked (track, bar) cell."""


def check_track_index(song: Song, track_index: int) -> None:
    if not song.tracks:
        raise SongError(QT_TRANSLATE_NOOP("SongEdits", "the song has no tracks"))
    check_int("track index", track_index, 0, len(song.tracks) - 1)


def check_unlocked(song: Song, track_index: int, notes: Iterable[Note]) -> None:
    locked = song.tracks[track_index].locked_bars
    if not locked:
        return
    for note in notes:
        bar = song.bar_at_tick(note.start_tick)
        if bar in locked:
            raise LockedCellError(
                QT_TRANSLATE_NOOP(
                    "SongEdits",
                    "bar {bar} of track {track_index} ({name!r}) is locked: unlock it to "
                    "edit its notes",
                ).format(
                    bar=bar + 1, track_index=track_index + 1, name=song.tracks[track_index].name
                )
            )


def _locked_bar_reached(song: Song, track_index: int, note: Note) -> int | None:
    """The first locked bar of the track, after the note's own, that the note rings into."""
    locked = song.tracks[track_index].locked_bars
    first, last = song.bar_at_tick(note.start_tick), song.bar_at_tick(note.end_tick - 1)
    return next((bar for bar in range(first + 1, last + 1) if bar in locked), None)


def held_by_locks(song: Song, track_index: int, notes: Iterable[Note]) -> list[Note]:
    """The notes that ring into a locked bar of their track: they are part of what that bar
    sounds, so no edit may remove, move or shorten them while it is locked."""
    if not song.tracks[track_index].locked_bars:
        return []
    return [note for note in notes if _locked_bar_reached(song, track_index, note) is not None]


def _first_held(song: Song, track_index: int, notes: Iterable[Note]) -> tuple[Note, int] | None:
    """The first of `notes` that rings into a locked bar of its track, and that bar."""
    for note in held_by_locks(song, track_index, notes):
        reached = _locked_bar_reached(song, track_index, note)
        assert reached is not None
        return note, reached
    return None


def _held_fields(song: Song, track_index: int, note: Note, reached: int) -> dict[str, object]:
    """The message fields that name a note and the locked bar it rings into (counted from 1)."""
    return {
        "start_tick": note.start_tick,
        "end_tick": note.end_tick,
        "reached": reached + 1,
        "track_index": track_index + 1,
        "name": song.tracks[track_index].name,
    }


def check_not_ringing_into_locks(song: Song, track_index: int, notes: Iterable[Note]) -> None:
    """A lock holds what its bar sounds, not only the notes starting there: a new note may not
    ring on into a locked bar of its track."""
    if (held := _first_held(song, track_index, notes)) is None:
        return
    note, reached = held
    raise LockedCellError(
        QT_TRANSLATE_NOOP(
            "SongEdits",
            "a note from tick {start_tick} to {end_tick} would ring into bar "
            "{reached} of track {track_index} ({name!r}), which is locked: end it "
            "by tick {line} or unlock the bar",
        ).format(**_held_fields(song, track_index, note, reached), line=song.bar_span(reached)[0])
    )


def check_not_holding_locks(song: Song, track_index: int, notes: Iterable[Note]) -> None:
    """Removing a note that rings into a locked bar would change what that bar sounds."""
    if (held := _first_held(song, track_index, notes)) is None:
        return
    note, reached = held
    raise LockedCellError(
        QT_TRANSLATE_NOOP(
            "SongEdits",
            "the note from tick {start_tick} to {end_tick} rings into bar "
            "{reached} of track {track_index} ({name!r}), which is locked: unlock "
            "bar {reached} to change or delete it",
        ).format(**_held_fields(song, track_index, note, reached))
    )
