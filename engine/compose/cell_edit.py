"""Writing notes into one (track, bar) cell, never touching a note outside it, nor what sounds
in a locked bar.

A plain edit of the Song: the model's writer (`engine.compose.cell_writer`), a form's repeats,
nudges and a job's result rebased onto an edited song (`engine.studio.document`) all place notes
this way, and it needs no model, so opening, editing and saving never load one.

A cell is the notes that *start* in its bar. `write_cell` removes only those: a new note that
would start while an outside note of the same pitch still sounds is dropped, and one that
would ring over the next outside onset of its pitch is cut there. So every cell not written,
locked or not, is bit-identical afterwards.

A lock holds in sound too. What sounds in a locked bar
(`engine.compose.control_tokens.sounding_in_bar`: every note of the track overlapping it,
clipped to it) is exactly what sounded before any write, which takes two
rules, both here:

- a new note ends at the line of the next locked bar of its track (it may not ring into it);
- a note already ringing into a later locked bar is held by that lock: it stays when its own
  cell is rewritten (`held_by_lock`), and new notes fit around it as around any outside note.

A locked cell's own notes that ring on into the next, unlocked bar belong to the locked cell
and stay as they are; the notes written there fit around them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence

from engine.compose.controls import ComposeError
from engine.song.note_cleanup import clean_notes
from engine.song.song import Cell, Note, Song
from engine.words import QT_TRANSLATE_NOOP


def held_by_lock(song: Song, cell: Cell) -> list[Note]:
    """The notes starting in an unlocked cell that ring into a later locked bar of the track:
    part of what that bar sounds, so rewriting the cell keeps them."""
    line = locked_line(song, cell)
    return [note for note in song.notes_in_bar(*cell) if note.end_tick > line]


def locked_line(song: Song, cell: Cell) -> int:
    """Where a note written in the cell must end at the latest: the start of the track's next
    locked bar (the song's end when none follows)."""
    track_index, bar = cell
    later = [b for b in song.tracks[track_index].locked_bars if b > bar]
    return song.bar_span(min(later))[0] if later else song.end_tick


def write_cell(song: Song, cell: Cell, notes: Iterable[Note]) -> Song:
    """Replace the notes starting in a cell, never touching a note outside it nor changing
    what sounds in a locked bar (see the module docstring)."""
    track_index, bar = cell
    track = song.tracks[track_index]
    if bar in track.locked_bars:
        raise ComposeError(
            QT_TRANSLATE_NOOP("CellEdit", "bar {bar} of track {track_index} is locked").format(
                bar=bar + 1, track_index=track_index + 1
            )
        )
    start, end = song.bar_span(bar)
    held = held_by_lock(song, cell)
    outside = [n for n in track.notes if not start <= n.start_tick < end]
    cleaned = clean_notes(
        (n.start_tick, n.pitch, n.duration_ticks, n.velocity)
        for n in notes
        if start <= n.start_tick < end
    )
    fitted = _fit(cleaned, outside + held, locked_line(song, cell))
    written = dataclasses.replace(track, notes=tuple(sorted(outside + held + fitted)))
    tracks = list(song.tracks)
    tracks[track_index] = written
    return dataclasses.replace(song, tracks=tuple(tracks))


def _fit(notes: Sequence[Note], fixed: Sequence[Note], line: int) -> list[Note]:
    """`notes` fitted around the `fixed` ones: a note starting while a fixed note of its pitch
    sounds (or with it) is dropped; one ringing over the next fixed onset of its pitch, or
    over `line`, is cut there."""
    fitted: list[Note] = []
    for note in notes:
        same_pitch = [o for o in fixed if o.pitch == note.pitch]
        if any(o.start_tick <= note.start_tick < o.end_tick for o in same_pitch):
            continue
        next_onset = min(
            (o.start_tick for o in same_pitch if o.start_tick > note.start_tick),
            default=line,
        )
        stop = min(next_onset, line)
        if note.end_tick > stop:
            fitted.append(dataclasses.replace(note, duration_ticks=stop - note.start_tick))
        else:
            fitted.append(note)
    return fitted


def within_polyphony(
    song: Song, cell: Cell, notes: Iterable[Note], limit: int | None
) -> list[Note]:
    """`notes` for a cell kept under a polyphony limit that counts the track's notes around
    them (ringing in from the bar before, held by a lock, starting in a later bar), as the
    sampler counts them: a note is dropped where the limit is full at its start, and cut
    where it fills while the note sounds. Notes a lock holds are left to `write_cell`."""
    held = held_by_lock(song, cell)
    candidates = sorted(note for note in notes if note not in held)
    if limit is None:
        return candidates
    start, end = song.bar_span(cell[1])
    around = [n for n in song.tracks[cell[0]].notes if not start <= n.start_tick < end] + held
    placed: list[Note] = []
    for note in candidates:
        others = around + placed
        if _sounding_at(others, note.start_tick) >= limit:
            continue
        onsets = sorted(
            {o.start_tick for o in others if note.start_tick < o.start_tick < note.end_tick}
        )
        stop = next((t for t in onsets if _sounding_at(others, t) >= limit), note.end_tick)
        placed.append(dataclasses.replace(note, duration_ticks=stop - note.start_tick))
    return placed


def _sounding_at(notes: Sequence[Note], tick: int) -> int:
    return sum(n.start_tick <= tick < n.end_tick for n in notes)
