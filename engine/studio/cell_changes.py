"""Which grid cells a change of song touched, found by comparing the two songs.

The window highlights the cells an operation changed. Asking the request which cells it meant
to write would mislead: a locked cell is kept, a merge keeps the composer's edits, and a
regenerate may write the same notes again. So the cells are found by looking: a cell changed
when the notes starting in it (track x bar, as the grid shows them) differ between the song
before and the song after. A track or bar one song lacks counts as empty there.
"""

from __future__ import annotations

from engine.song.song import Cell, Note, Song


def changed_cells(before: Song, after: Song) -> tuple[Cell, ...]:
    """The cells of `after`'s grid whose notes differ from `before`'s, sorted (track, bar)."""
    same_bars = before.bar_start_ticks == after.bar_start_ticks
    changed: list[Cell] = []
    for index in range(len(after.tracks)):
        if same_bars and index < len(before.tracks) and before.tracks[index] is after.tracks[index]:
            continue  # songs share a track the change left alone: no need to look inside it
        for bar in range(after.bar_count):
            if _notes(before, index, bar) != _notes(after, index, bar):
                changed.append((index, bar))
    return tuple(changed)


def _notes(song: Song, track: int, bar: int) -> tuple[Note, ...]:
    if track >= len(song.tracks) or bar >= song.bar_count:
        return ()
    return song.notes_in_bar(track, bar)


__all__ = ["changed_cells"]
