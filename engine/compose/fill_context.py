"""What the song around a cell tells the sampler while the cell is written.

The model writes the cells of one call in turn, and a hard promise about a cell can depend on
notes outside it: a polyphony limit counts the track's notes still ringing from earlier bars,
and an ordered voice stays between the voices above and below it. Both read the song *as it
stands at that moment*: the notes of the cells this call writes are the new ones once written
and are absent before (the model sees those cells as placeholders too), every other note is as
the song holds it, and so is a note of those cells that rings into a locked bar (the lock holds
it: `engine.compose.cell_edit.held_by_lock`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from engine.compose.cell_edit import held_by_lock
from engine.compose.sampling import HORIZON_STEPS, Steps
from engine.compose.vocab import TICKS_PER_STEP
from engine.compose.voice_leading import VoiceLeading
from engine.song.song import Cell, Note, Song


class SongSoFar:
    """The notes of each track while a call writes its cells: the song's notes, less those
    starting in the call's cells, plus the cells written so far (`written`, filled by the
    caller as it goes); the notes a lock holds in those cells stay throughout."""

    def __init__(self, song: Song, cells: Sequence[Cell], written: Mapping[Cell, list[Note]]):
        self.song = song
        self.written = written
        self._bars_in_call: dict[int, set[int]] = {}
        self._held = {cell: held_by_lock(song, cell) for cell in cells}
        for track, bar in cells:
            self._bars_in_call.setdefault(track, set()).add(bar)

    def notes(self, track: int) -> list[Note]:
        bars = self._bars_in_call.get(track, set())
        kept = [
            note
            for note in self.song.tracks[track].notes
            if not bars or self.song.bar_at_tick(note.start_tick) not in bars
        ] + [note for (t, _), held in self._held.items() if t == track for note in held]
        new = [note for (t, _), notes in self.written.items() if t == track for note in notes]
        return kept + new

    def held(self, cell: Cell) -> list[Note]:
        """The notes of a cell of the call that a lock holds: they sound whatever is written."""
        return self._held.get(cell, [])


def outside_notes(
    notes: Sequence[Note], song: Song, bar: int, held: Sequence[Note] = ()
) -> list[tuple[int, int]]:
    """(start, end) steps from the bar's start of the notes not starting in the bar that sound
    in it or start within the reach of the longest note written in it, and of the bar's own
    notes a lock holds (`held`), which stay whatever is written beside them."""
    start, end = song.bar_span(bar)
    reach = end + HORIZON_STEPS * TICKS_PER_STEP
    around = [
        n
        for n in notes
        if not start <= n.start_tick < end and n.end_tick > start and n.start_tick < reach
    ]
    return [
        (_floor_step(n.start_tick - start), _ceil_step(n.end_tick - start))
        for n in [*around, *held]
    ]


def voice_window(
    above: Sequence[Note] | None, below: Sequence[Note] | None, song: Song, bar: int
) -> tuple[Steps, Steps] | None:
    """(lowest, highest) pitch at each step of the bar for a voice between two others: no
    higher than the lowest note the voice above sounds there, no lower than the highest note
    the voice below sounds there (unison allowed). None when there is no neighbour."""
    if above is None and below is None:
        return None
    start, end = song.bar_span(bar)
    steps = _ceil_step(end - start)
    low = np.zeros(steps, dtype=np.int_)
    high = np.full(steps, 127, dtype=np.int_)
    for notes, into, pick in ((above, high, np.minimum), (below, low, np.maximum)):
        for note in notes or ():
            first = max(0, _floor_step(note.start_tick - start))
            last = min(steps, _ceil_step(note.end_tick - start))
            if first < last:
                into[first:last] = pick(into[first:last], note.pitch)
    return low, high


def _floor_step(ticks: int) -> int:
    return ticks // TICKS_PER_STEP


def _ceil_step(ticks: int) -> int:
    return -(-ticks // TICKS_PER_STEP)


def voice_leading(
    own: Sequence[Note], others: Sequence[Sequence[Note]], song: Song, bar: int
) -> VoiceLeading:
    """What the voice-leading pull needs for one voice of an ensemble in one bar: the voice's
    last note before the bar and the other voices' notes from the bar before to this bar's
    end, in steps from this bar's start (see `VoiceLeading`)."""
    start, end = song.bar_span(bar)
    earlier_start = song.bar_span(bar - 1)[0] if bar > 0 else start
    before = [n for n in own if n.start_tick < start]
    previous = None
    if before:
        last_onset = max(n.start_tick for n in before)
        pitch = max(n.pitch for n in before if n.start_tick == last_onset)
        previous = (_floor_step(last_onset - start), pitch)
    lines = tuple(
        tuple(
            (_floor_step(n.start_tick - start), _ceil_step(n.end_tick - start), n.pitch)
            for n in notes
            if n.end_tick > earlier_start and n.start_tick < end
        )
        for notes in others
    )
    return VoiceLeading(previous, lines)
