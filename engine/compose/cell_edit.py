"""Writing notes into one (track, bar) cell, never touching a note outside it.

A plain edit of the Song: the model's writer (`engine.compose.cell_writer`), a form's repeats,
nudges and a job's result rebased onto an edited song (`engine.studio.document`) all place notes
this way, and it needs no model, so opening, editing and saving never load one.

A cell is the notes that *start* in its bar. `write_cell` removes only those: a new note that
would start while an outside note of the same pitch still sounds is dropped, and one that
would ring over the next outside onset of its pitch is cut there. So every cell not written,
locked or not, is bit-identical afterwards.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from engine.compose.controls import ComposeError
from engine.song.note_cleanup import clean_notes
from engine.song.song import Cell, Note, Song


def write_cell(song: Song, cell: Cell, notes: Iterable[Note]) -> Song:
    """Replace the notes starting in a cell, never touching a note outside it."""
    track_index, bar = cell
    track = song.tracks[track_index]
    if bar in track.locked_bars:
        raise ComposeError(f"bar {bar + 1} of track {track_index + 1} is locked")
    start, end = song.bar_span(bar)
    outside = [n for n in track.notes if not start <= n.start_tick < end]
    cleaned = clean_notes(
        (n.start_tick, n.pitch, n.duration_ticks, n.velocity)
        for n in notes
        if start <= n.start_tick < end
    )
    fitted: list[Note] = []
    for note in cleaned:
        same_pitch = [o for o in outside if o.pitch == note.pitch]
        if any(o.start_tick < note.start_tick < o.end_tick for o in same_pitch):
            continue
        next_onset = min(
            (o.start_tick for o in same_pitch if o.start_tick > note.start_tick),
            default=song.end_tick,
        )
        if note.end_tick > next_onset:
            fitted.append(dataclasses.replace(note, duration_ticks=next_onset - note.start_tick))
        else:
            fitted.append(note)
    written = dataclasses.replace(track, notes=tuple(sorted(outside + fitted)))
    tracks = list(song.tracks)
    tracks[track_index] = written
    return dataclasses.replace(song, tracks=tuple(tracks))
