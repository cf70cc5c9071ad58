"""Regenerating a few cells so they fit the music around them: several takes, and the one that
agrees best with its surroundings and with the other takes is kept.

Why: asked to write back a held-out bar with nothing of it given, one take of the model
shared fewer pitch classes with the original than a copy of the bar before did (chorales
0.27 against 0.33 over 50 cells, quartets 0.30 against 0.36), because one draw is as likely
to be an outlier as a typical bar. The takes share the prompt's cache
(`engine.compose.midi_model.MidiModel.prefill` reuses it), so each costs its own fill and
the building of its prompt, and the take kept is the one closest to everything else known
about the bar: the bars before and after it in the same track (what the part is doing
there), the bar that plays the same part of a repeated phrase
(`engine.compose.phrase_parallel`), the other takes (what the model finds likely there), and
the pitch classes the other parts play in the bar (its harmony). Closeness is measured as a
listener hears a bar fit: the same pitch classes, about as many notes, the same register
(`engine.compose.bar_likeness.similarity`). This is a minimum-Bayes-risk choice: the take
with the least expected difference from a plausible bar, rather than a random draw or the
one the model scores likeliest (which, measured, fitted no better).

Only the song around the cells is read: the notes of the cells being written are never
looked at (they are gone from the takes' song once written, and the bars read are the
neighbours'). Takes are used when the request asks nothing that the choice could work
against (a note count, onsets, a range, chords or a scale): the composer's ask then stays
the model's to follow.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from engine.compose.bar_likeness import overlap, pitch_classes, similarity
from engine.compose.cell_writer import MAX_CELLS_PER_CALL, Progress, write_cells
from engine.compose.controls import Controls, Guides
from engine.compose.midi_model import MidiModel
from engine.compose.phrase_parallel import parallel_bar
from engine.song.song import Cell, Note, Song

TAKES = 2
"""Takes written per request. Each take after the first costs its fill and the building of
its prompt again (the prompt's cache is shared): measured on a loaded two-core machine, two
takes took 1.9-2.2x the time of one (`python -m benchmarks.midi_model`), so more would break
the 100 ms budget for regenerating one track-bar. On 50 held-out cells per corpus style, two
model seeds, one take -> two (`python -m benchmarks.musicality_infill --takes 1`, then 2):
pitch classes shared with the original, chorales 0.29 -> 0.33, quartets 0.30 -> 0.32, fiddle
tunes 0.43 -> 0.44, reels 0.49 -> 0.50; mean pitch within four semitones, chorales 79% -> 88%,
reels 75% -> 71%; note counts within one moved by two points or less. Choosing among four
takes (every way of drawing four from six, offline) reached 0.43 on average against 0.39 for
one, should a cheaper take make that affordable."""
MOST_CELLS = MAX_CELLS_PER_CALL
"""The most cells a request may have for takes: one model call, whose prompt every take
shares. A bigger selection is written once, as before (its time would grow with the takes)."""
NEIGHBOUR_WEIGHT = 2.0
"""How much the bar before and the bar after count against one other take: what the part
really plays there says more than another guess of the model's."""
PARALLEL_WEIGHT = 2.0
"""How much the bar that plays the same part of a repeated phrase
(`engine.compose.phrase_parallel.parallel_bar`) counts, where there is one: as much as a
neighbour. Over 112-138 held-out cells, three model seeds, pitch classes shared with the
held-out bar rose from 0.53 to 0.55 in fiddle tunes and 0.59 to 0.60 in reels (0 -> 2; 6
gave the same)."""
HARMONY_WEIGHT = 2.0
"""How much a take's pitch classes agreeing with those the other parts play in its bar add to
its score (Jaccard, 0-1, times this), against a mean neighbour similarity of at most
`engine.compose.bar_likeness.MOST_SIMILAR`. In held-out quartets 78% of a part's pitch classes
are played by another part in the same bar; with this term the quartets' infill shared 0.37 of
its pitch classes with the held-out bar over three seeds, 0.36-0.40 each (without: 0.36,
0.33-0.38; a copy of the bar before: 0.35). 1 and 3 gave 0.37 and 0.38, 3 with a lower
register figure."""


def wants_takes(song: Song, cells: Sequence[Cell], controls: Controls) -> bool:
    """Whether a regenerate of `cells` is written in `TAKES` takes: a few cells, at least one
    of them pitched, and no control asking for notes, onsets, range, chords or a scale."""
    asks = (
        controls.density is not None
        or controls.rhythm is not None
        or controls.pitch_range is not None
        or controls.scale is not None
        or bool(controls.chords)
    )
    pitched = any(not song.tracks[track].is_drum for track, _ in cells)
    return 0 < len(cells) <= MOST_CELLS and pitched and not asks


def write_takes(
    model: MidiModel,
    song: Song,
    plan: Mapping[Cell, Guides],
    controls: Controls,
    seed: int,
    *,
    progress: Progress | None = None,
    takes: int | None = None,
) -> Song:
    """`write_cells` `takes` times (the first with `seed` itself, as one take would be) and
    the take that fits best (`best_take`); a single take where `wants_takes` says no.
    `takes` None: `TAKES`, read when called."""
    cells = sorted(plan)
    takes = TAKES if takes is None else takes
    if takes <= 1 or not wants_takes(song, cells, controls):
        return write_cells(model, song, plan, controls, seed, progress=progress)
    written = [
        write_cells(
            model,
            song,
            plan,
            controls,
            _take_seed(seed, number),
            progress=_share(progress, number, takes),
        )
        for number in range(takes)
    ]
    return written[best_take(song, cells, written)]


def _share(progress: Progress | None, number: int, takes: int) -> Progress | None:
    """Progress of one take as its share of all the takes'."""
    if progress is None:
        return None
    outer = progress

    def report(done: int, total: int) -> None:
        outer(number * total + done, takes * total)

    return report


def _take_seed(seed: int, number: int) -> int:
    if number == 0:
        return seed
    return int(np.random.SeedSequence([seed, number]).generate_state(1)[0])


def best_take(song: Song, cells: Sequence[Cell], takes: Sequence[Song]) -> int:
    """The index of the take closest to the rest: summed over the pitched cells, its
    similarity to the same cell in the other takes (weight one each), to the bar before and
    the bar after in `song` that are not being written (`NEIGHBOUR_WEIGHT` each) and to the
    bar in the same place of a repeated phrase (`PARALLEL_WEIGHT`), averaged; plus how well
    its pitch classes agree with what the other parts play in the bar (`HARMONY_WEIGHT`).
    The first take wins a tie."""
    written = set(cells)
    scores = [0.0] * len(takes)
    for track, bar in cells:
        if song.tracks[track].is_drum:
            continue
        known = _known_bars(song, (track, bar), written)
        harmony = _harmony(song, (track, bar), written)
        for index, take in enumerate(takes):
            mine = take.notes_in_bar(track, bar)
            pool: list[tuple[Sequence[Note], float]] = [
                (other.notes_in_bar(track, bar), 1.0) for o, other in enumerate(takes) if o != index
            ]
            pool += known
            total = sum(weight for _, weight in pool)
            if total:
                scores[index] += sum(w * similarity(mine, notes) for notes, w in pool) / total
            if mine and harmony:
                scores[index] += HARMONY_WEIGHT * overlap(pitch_classes(mine), harmony)
    return max(range(len(takes)), key=lambda index: (scores[index], -index))


def _known_bars(song: Song, cell: Cell, written: set[Cell]) -> list[tuple[Sequence[Note], float]]:
    """The written bars a take of `cell` is compared with, each with its weight: the bar
    before and the bar after, and the phrase's parallel bar where there is one."""
    track, bar = cell
    known: list[tuple[Sequence[Note], float]] = [
        (notes, NEIGHBOUR_WEIGHT)
        for other in (bar - 1, bar + 1)
        if 0 <= other < song.bar_count
        and (track, other) not in written
        and (notes := song.notes_in_bar(track, other))
    ]
    parallel = parallel_bar(song, cell, written)
    if parallel is not None:
        known.append((song.notes_in_bar(track, parallel), PARALLEL_WEIGHT))
    return known


def _harmony(song: Song, cell: Cell, written: set[Cell]) -> set[int]:
    """The pitch classes the other pitched parts play in the cell's bar, leaving out the
    cells being written."""
    track, bar = cell
    return {
        note.pitch % 12
        for other, part in enumerate(song.tracks)
        if other != track and not part.is_drum and (other, bar) not in written
        for note in song.notes_in_bar(other, bar)
    }
