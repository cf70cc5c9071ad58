"""How a section's music is written again, varied and copied (`engine.compose.section_ops`
says which operation does what).

Every cell is written by `engine.compose.cell_writer.write_cells`, hearing the bars around it,
and placed by `engine.compose.cell_edit.write_cell`, which never touches a locked cell nor what
sounds in one; so every cell not written is bit-identical afterwards.

Copies. A section's music goes to another section bar by bar (`spread`): one of the same length
becomes the section again exactly; one of another length gets the section's bars cut or cycled
to its length, and its last bar is written again so it leads into what follows it.

Variations. `vary` rewrites a share of the section that grows with its strength, each bar
written hearing the bars kept around it. The bars are taken in an order drawn from the seed, one
at a time: strength x over a section of n bars rewrites the first floor(x n) bars of that order
whole, and of the next bar takes its rewrite's notes from the point where the fraction left over
of the bar remains (the bar's end changes, as a phrase's ending varies). The order, each bar's
seed and each bar's context do not depend on the strength, so a stronger variation of the same
seed changes the same bars in the same way and more: 0 keeps the section, 1 writes every bar of
it anew. Why not a note-by-note blend as a nudge makes: it mixed two lines within one bar, and
left a part silent for a bar when the draws kept none of either.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence

import numpy as np

from engine.compose.cell_edit import held_by_lock, within_polyphony, write_cell
from engine.compose.cell_writer import Progress, write_cells
from engine.compose.control_tokens import sounding_polyphony
from engine.compose.controls import Controls, Guides, bar_order, guides
from engine.compose.midi_model import MidiModel
from engine.compose.nudge_blend import blend_limit, line_around_held
from engine.song.edits import PERFORMANCE_KINDS, REST_VALUES, clear_cell_controls
from engine.song.sections import Section
from engine.song.song import Cell, ControlEvent, Note, Song

VARY_STREAM = 19
"""Mixed into the seed for a variation's order of bars and each bar's writing."""
ENDS_STREAM = 29
"""Mixed into the seed for the last bars of copies of another length."""
PROGRESS_UNITS = 1000
"""Progress steps per stage of a section operation."""


def rewrite(
    model: MidiModel,
    song: Song,
    cells: Sequence[Cell],
    *,
    controls: Controls,
    seed: int,
    progress: Progress | None,
) -> Song:
    """The cells written anew, hearing everything around them (as `regenerate` writes them)."""
    plan = {cell: guides(song, cell, controls, index) for cell, index in bar_order(cells)}
    return write_cells(model, song, plan, controls, seed, progress=progress)


def vary(
    model: MidiModel,
    song: Song,
    cells: Sequence[Cell],
    *,
    strength: float,
    controls: Controls,
    seed: int,
    progress: Progress | None,
) -> Song:
    """A share `strength` (0-1) of the cells' bars written again, one bar at a time in an
    order drawn from the seed, the last one taken from a point on (see the module's notes)."""
    indexed = bar_order(cells)
    bars = sorted({bar for (_, bar), _ in indexed})
    drawn = np.random.default_rng([seed, VARY_STREAM]).permutation(len(bars))
    order = [bars[i] for i in drawn]
    share = round(strength * len(order), 9)  # 0.3 x 10 is 3, not 3.0000000000000004
    whole = min(len(order), math.floor(share))
    partly = share - whole
    taken = order[: whole + (1 if partly > 0 else 0)]
    stages = Stages(progress, len(taken))
    for rank, bar in enumerate(taken):
        plan = {cell: guides(song, cell, controls, i) for cell, i in indexed if cell[1] == bar}
        bar_seed = sub_seed(seed, VARY_STREAM, rank)
        candidate = write_cells(model, song, plan, controls, bar_seed, progress=stages.at(rank))
        song = candidate if rank < whole else _spliced(song, candidate, plan, partly, controls)
    return song


def _spliced(
    song: Song, candidate: Song, plan: dict[Cell, Guides], fraction: float, controls: Controls
) -> Song:
    """`song` whose planned cells keep their notes up to the last `fraction` of their bar and
    take the candidate's from there; a single line stays one line (the old note ringing over
    the point is cut at the next new one), and thicker parts keep their polyphony limit."""
    for cell, asked in plan.items():
        start, end = song.bar_span(cell[1])
        point = end - round(fraction * (end - start))
        old, new = song.notes_in_bar(*cell), candidate.notes_in_bar(*cell)
        kept = [note for note in old if note.start_tick < point]
        taken = [note for note in new if note.start_tick >= point]
        notes: list[Note]
        if sounding_polyphony(old) <= 1 and sounding_polyphony(new) <= 1:
            notes = line_around_held(kept, taken, held_by_lock(song, cell))
        else:
            notes = kept + taken
        limit = blend_limit(song, cell, controls, asked)
        song = write_cell(song, cell, within_polyphony(song, cell, notes, limit))
    return song


def spread(
    model: MidiModel,
    song: Song,
    source: Section,
    targets: Sequence[Section],
    *,
    tracks: Sequence[int],
    controls: Controls,
    seed: int,
    progress: Progress | None,
) -> Song:
    """`source`'s bars copied into each target section (cut or cycled to its length), and the
    last bar of a target of another length written again to lead into what follows it."""
    original = song
    for target in targets:
        song = copy_bars(song, original, source, target, tracks)
    ends = [
        (track, target.last_bar)
        for target in targets
        if target.bars != source.bars
        for track in tracks
        if target.last_bar not in song.tracks[track].locked_bars
    ]
    if not ends:
        return song
    return rewrite(
        model, song, ends, controls=controls, seed=sub_seed(seed, ENDS_STREAM), progress=progress
    )


def copy_bars(
    song: Song, original: Song, source: Section, target: Section, tracks: Sequence[int]
) -> Song:
    """`song` with each bar of `target` (on `tracks`) holding the notes of `source`'s bar at
    the same place in `original`, cycled or cut to the target's length, with the bar's playing
    controllers (bends, pedal, expression, pressure: see `copy_bar_controls`); locked cells
    stay."""
    for offset, bar in enumerate(target.bar_range):
        from_bar = source.first_bar + offset % source.bars
        shift = song.bar_start_ticks[bar] - original.bar_start_ticks[from_bar]
        for track in tracks:
            if bar in song.tracks[track].locked_bars:
                continue
            notes = [
                dataclasses.replace(note, start_tick=note.start_tick + shift)
                for note in original.notes_in_bar(track, from_bar)
            ]
            song = write_cell(song, (track, bar), notes)
            song = copy_bar_controls(song, original, track, from_bar, bar)
    return song


def copy_bar_controls(song: Song, original: Song, track: int, from_bar: int, to_bar: int) -> Song:
    """`song` with bar `to_bar` of `track` played with the controllers `original`'s bar
    `from_bar` was: the target's own performance controllers go (what they left in force after
    the bar is set again at its end), the source's moves come shifted in, and a pedal or bend
    already in force when the source bar began is set at the target's first tick, so the copy
    sounds as the source did. Setup controllers (volume, pan, bank) stay as they were."""
    source = original.tracks[track].controls
    if not source and not song.tracks[track].controls:
        return song
    song = clear_cell_controls(song, [(track, to_bar)])
    start, end = original.bar_span(from_bar)
    to_start = song.bar_span(to_bar)[0]
    shift = to_start - start
    moves = [
        dataclasses.replace(event, tick=event.tick + shift)
        for event in source
        if start <= event.tick < end and event.kind in PERFORMANCE_KINDS
    ]
    moved_at_start = {event.key for event in moves if event.tick == to_start}
    was = _in_force(source, start)
    now = _in_force(song.tracks[track].controls, to_start)
    for key in dict.fromkeys([*was, *now]):
        kind, number = key
        wanted = was[key].value if key in was else REST_VALUES[kind]
        heard = now[key].value if key in now else REST_VALUES[kind]
        if key not in moved_at_start and wanted != heard:
            moves.append(ControlEvent(to_start, kind, wanted, number))  # type: ignore[arg-type]
    if not moves:
        return song
    controls = sorted((*song.tracks[track].controls, *moves), key=lambda event: event.tick)
    tracks = list(song.tracks)
    tracks[track] = dataclasses.replace(tracks[track], controls=tuple(controls))
    return dataclasses.replace(song, tracks=tuple(tracks))


def _in_force(controls: Sequence[ControlEvent], tick: int) -> dict[tuple[str, int], ControlEvent]:
    """The last performance move of each kind before `tick`: what a bar starting there hears."""
    last: dict[tuple[str, int], ControlEvent] = {}
    for event in controls:
        if event.tick < tick and event.kind in PERFORMANCE_KINDS:
            last[event.key] = event
    return last


def sub_seed(seed: int, *streams: int) -> int:
    """A seed of its own for one part of an operation, drawn from the operation's."""
    return int(np.random.SeedSequence([seed, *streams]).generate_state(1)[0])


class Stages:
    """One operation's progress split evenly over its stages, each reporting its own share."""

    def __init__(self, progress: Progress | None, stages: int) -> None:
        self.progress = progress
        self.stages = max(1, stages)

    def at(self, stage: int) -> Progress | None:
        """The progress callback for stage `stage` (from 0), or None when nobody listens."""
        outer = self.progress
        if outer is None:
            return None
        stages = self.stages

        def report(done: int, total: int) -> None:
            share = done * PROGRESS_UNITS // max(1, total)
            outer(stage * PROGRESS_UNITS + share, stages * PROGRESS_UNITS)

        return report

    def finish(self) -> None:
        """Report the operation done (a stage with nothing to write reports nothing)."""
        if self.progress is not None:
            total = self.stages * PROGRESS_UNITS
            self.progress(total, total)
