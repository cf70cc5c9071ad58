"""Going back to a take without touching a locked cell.

A take is a whole song, saved when an operation finished. Since then the composer may have
locked cells (a melody they like, a transcribed track). Making the take current as it was would
overwrite those cells and drop their locks, which is exactly what a lock promises never happens.
So a take is restored around the locks: every cell locked in the current song keeps its notes,
controller moves, program changes and lock; everything else becomes the take's. A take's note
that would start while a kept note of the same pitch sounds is left out, and one that would ring
over a kept note's onset is cut there, so the kept cells stay bit-identical (as
`engine.compose.cell_edit.write_cell` does the other way round).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from engine.errors import TesseraError
from engine.song.edits import set_bar_count
from engine.song.song import Cell, ControlEvent, Note, ProgramChange, Song, Track
from engine.words import QT_TRANSLATE_NOOP

Timed = TypeVar("Timed", ControlEvent, ProgramChange)


class TakeRestoreError(TesseraError):
    """A take whose bars cannot line up with the song's locked cells."""


@dataclass(frozen=True)
class Restored:
    """The take made current around the locks; `kept` are the locked cells it would have
    changed, kept as they were."""

    song: Song
    kept: tuple[Cell, ...] = ()


def restore_around_locks(current: Song, take: Song) -> Restored:
    """`take` with every cell locked in `current` kept as it is in `current`, lock and all."""
    locked = [(i, t.locked_bars) for i, t in enumerate(current.tracks) if t.locked_bars]
    if not locked:
        return Restored(take)
    if take.time_signatures != current.time_signatures:
        cells = [(i, bar) for i, bars in locked for bar in sorted(bars)]
        raise TakeRestoreError(
            QT_TRANSLATE_NOOP(
                "TakeRestore",
                "this take's meter differs from the song's, so its bars do not line up "
                "with the {cells_count} locked cell(s); unlock them first to go back "
                "to it",
            ).format(cells_count=len(cells))
        )
    song = take
    added = any(index >= len(take.tracks) for index, _ in locked)  # kept whole, below
    if added or _kept_end(current, locked) > take.end_tick:  # a shorter take grows to hold them
        song = set_bar_count(song, max(take.bar_count, current.bar_count))
    # Tracks added since the take, up to the last one with a lock, stay as they are (the ones
    # between too, so every track keeps its place).
    last = max(index for index, _ in locked)
    tracks = list(song.tracks) + list(current.tracks[len(song.tracks) : last + 1])
    kept: list[Cell] = []
    for index, bars in locked:
        if index >= len(take.tracks):
            kept += [(index, bar) for bar in sorted(bars)]
            continue
        tracks[index] = _keep_bars(current, tracks[index], current.tracks[index], bars)
        kept += [(index, bar) for bar in sorted(bars) if _differs(current, take, index, bar)]
    return Restored(dataclasses.replace(song, tracks=tuple(tracks)), tuple(kept))


def _kept_end(current: Song, locked: list[tuple[int, frozenset[int]]]) -> int:
    """Where the last locked cell ends, or the last kept note stops ringing, in ticks."""
    end = 0
    for index, bars in locked:
        end = max(end, current.bar_span(max(bars))[1])
        track = current.tracks[index]
        end = max(
            [end] + [n.end_tick for n in track.notes if current.bar_at_tick(n.start_tick) in bars]
        )
    return end


def _keep_bars(song: Song, theirs: Track, mine: Track, bars: frozenset[int]) -> Track:
    """The take's track with `mine`'s content and lock in `bars` (both songs share a meter)."""

    def inside(tick: int) -> bool:
        return song.bar_at_tick(tick) in bars

    kept = [n for n in mine.notes if inside(n.start_tick)]
    others = _fit_around(kept, [n for n in theirs.notes if not inside(n.start_tick)])
    return dataclasses.replace(
        theirs,
        notes=tuple(sorted(kept + others)),
        controls=_merge(theirs.controls, mine.controls, inside),
        program_changes=_merge(theirs.program_changes, mine.program_changes, inside),
        locked_bars=theirs.locked_bars | bars,
    )


def _fit_around(kept: Sequence[Note], others: Sequence[Note]) -> list[Note]:
    """`others` without a note starting while a kept one of its pitch sounds, and cut short
    where one would ring over a kept onset of its pitch."""
    fitted: list[Note] = []
    for note in others:
        same = [k for k in kept if k.pitch == note.pitch]
        if any(k.start_tick <= note.start_tick < k.end_tick for k in same):
            continue
        onsets = [k.start_tick for k in same if k.start_tick > note.start_tick]
        if onsets and note.end_tick > min(onsets):
            fitted.append(dataclasses.replace(note, duration_ticks=min(onsets) - note.start_tick))
        else:
            fitted.append(note)
    return fitted


def _merge(
    theirs: Sequence[Timed], mine: Sequence[Timed], inside: Callable[[int], bool]
) -> tuple[Timed, ...]:
    """The take's events outside the kept bars and the current song's inside them, by tick."""
    events = [e for e in theirs if not inside(e.tick)] + [e for e in mine if inside(e.tick)]
    return tuple(sorted(events, key=lambda e: e.tick))


def _differs(current: Song, take: Song, index: int, bar: int) -> bool:
    """Whether restoring the take as it is would have changed this locked cell."""
    if index >= len(take.tracks) or bar >= take.bar_count:
        return True
    if bar not in take.tracks[index].locked_bars:
        return True
    return cell_content(current, index, bar) != cell_content(take, index, bar)


def cell_content(song: Song, index: int, bar: int) -> tuple[tuple[object, ...], ...]:
    """A cell's notes, controller moves and program changes (each in song order)."""
    track = song.tracks[index]

    def here(tick: int) -> bool:
        return song.bar_at_tick(tick) == bar

    return (
        tuple(n for n in track.notes if here(n.start_tick)),
        tuple(c for c in track.controls if here(c.tick)),
        tuple(p for p in track.program_changes if here(p.tick)),
    )


__all__ = ["Restored", "TakeRestoreError", "cell_content", "restore_around_locks"]
