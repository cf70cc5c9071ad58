"""A nudge's blend: each cell's old notes mixed with a candidate written toward the direction.

Why a nudge blends. A nudge asks for a candidate written toward the direction (denser, higher,
...), then keeps each existing note when its own uniform draw is at least the strength and
takes each candidate note when its draw is below it. The draws and the candidate depend on the
seed, not on the strength, so for one seed a stronger nudge keeps a subset of the notes a
weaker one kept and adds a superset of its new notes: strength 0 changes nothing, the share
kept falls as the strength rises, and the attribute moves from the old value toward the
candidate's. Denser and busier drop old notes at half the rate and add candidate notes only at
onsets no kept note holds, so the count grows rather than notes being swapped one for one.

The blend keeps the cell's polyphony limit counting the notes around it (`blend_limit`,
applied by `engine.compose.cell_edit.within_polyphony`): the candidate of one bar was written
after the candidate's bar before, not after the old one or the blend, so old and new notes
could otherwise sound together across the bar line. A single line stays one line, leading into
any note a lock holds (`engine.compose.cell_edit.held_by_lock`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from engine.compose.cell_edit import held_by_lock
from engine.compose.control_tokens import sounding_polyphony
from engine.compose.controls import Controls, Guides, thickness_around
from engine.song.song import Cell, Note, Song

ADDING_DIRECTIONS = ("denser", "busier")


@dataclass(frozen=True)
class Blend:
    """How one nudge mixes old and candidate notes, and the polyphony limit the mix keeps."""

    direction: str
    strength: float
    limit: int | None

    def of(self, song: Song, candidate: Song, cell: Cell, rng: np.random.Generator) -> list[Note]:
        """The cell's blended notes, before they are fitted to the song (`write_cell`)."""
        old, new = song.notes_in_bar(*cell), candidate.notes_in_bar(*cell)
        keep_draws, take_draws = rng.random(len(old)), rng.random(len(new))
        adding = self.direction in ADDING_DIRECTIONS
        drop = self.strength / 2 if adding else self.strength
        kept = [note for note, draw in zip(old, keep_draws, strict=True) if draw >= drop]
        taken_onsets = {note.start_tick for note in kept} if adding else set()
        taken = [
            note
            for note, draw in zip(new, take_draws, strict=True)
            if draw < self.strength and note.start_tick not in taken_onsets
        ]
        if sounding_polyphony(old) <= 1 and sounding_polyphony(new) <= 1:
            return line_around_held(kept, taken, held_by_lock(song, cell))
        return kept + taken


def blend_limit(song: Song, cell: Cell, controls: Controls, asked: Guides) -> int | None:
    """The polyphony limit a nudged cell's blend keeps, counting the notes ringing in: the
    composer's own limit, which is never broken; otherwise the candidate's, or as thick as
    the cell already sounded where that was thicker (a gentle nudge keeps the old notes)."""
    limit = asked.limits.max_polyphony
    if controls.polyphony is not None or limit is None:
        return limit
    return max(limit, thickness_around(song, cell))


def line_around_held(kept: list[Note], taken: list[Note], held: list[Note]) -> list[Note]:
    """A single line blended from kept and taken notes (`one_at_a_time`) that leads into the
    notes a lock holds (they ring into a locked bar and stay whole): nothing starts once the
    first of them has, and the note before it ends where it begins."""
    if not held:
        return one_at_a_time(kept, taken)
    first = min(note.start_tick for note in held)
    before = [note for note in taken if note.start_tick < first]
    return one_at_a_time([n for n in kept if n.start_tick < first] + held, before)


def one_at_a_time(kept: Sequence[Note], taken: Sequence[Note]) -> list[Note]:
    """Merge two single lines into one: a note ends where the next begins; at a shared onset
    the new note wins."""
    by_start: dict[int, Note] = {note.start_tick: note for note in kept}
    by_start.update({note.start_tick: note for note in taken})
    ordered = [by_start[start] for start in sorted(by_start)]
    line: list[Note] = []
    for note, following in zip(ordered, [*ordered[1:], None], strict=False):
        if following is not None and note.end_tick > following.start_tick:
            line.append(
                dataclasses.replace(note, duration_ticks=following.start_tick - note.start_tick)
            )
        else:
            line.append(note)
    return line
