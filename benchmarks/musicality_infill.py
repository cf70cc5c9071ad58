"""Infilling and soft-control obedience for the musicality benchmark.

Infilling: a cell (one track, one bar) of a held-out work is removed from the song and the
model is asked to write it back with `Regenerate` and no controls. Nothing taken from the
answer may reach the model. The request carries default `Controls()` (no density, range, scale
or chord that could be read off the cell), and the cell's notes are taken out of the song
*before* the request is made: the engine's default register (`engine.compose.controls._register`)
spans the whole track, so leaving the notes in would tell the model the cell's highest and
lowest pitch. `check_no_leak` enforces both for every request `infill_requests` builds, and the
baseline it is compared with is "copy the previous bar of the same track". The engine writes
such a cell in takes and keeps the one that fits best (`engine.compose.infill`): the chooser is
handed the same blanked song, so it too sees nothing of the answer (guarded by a test).

Run on its own (`python -m benchmarks.musicality_infill`, `infill_main`), it draws the cells
as `benchmarks.musicality` does, `--cells` per style instead of shared out, and `--takes`
compares the engine's takes per regenerate with one (the engine before takes).

Obedience: a held-out cell is regenerated asking `density` (notes) or `rhythm` (onsets) at 1.5x
and at 0.5x its current count; a request is obeyed when the cell moved in the asked direction
and at least halfway to the asked count. The same cell regenerated with no control shows how
often it moves that far by chance.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np

from benchmarks.musicality_measures import Ratio, pooled, song_flag
from benchmarks.musicality_sources import Material, manifest_rows, style_sources
from benchmarks.musicality_verdict import Closeness, better_than_copy, show_closeness
from engine.compose import infill
from engine.compose.midi_model import DEFAULT_MODEL_DIR, MidiModel
from engine.compose.operations import Controls, Regenerate, apply
from engine.compose.presets import PRESETS
from engine.compose.tokens import encode_song
from engine.compose.vocab import TokenizerError
from engine.errors import TesseraError
from engine.song.song import PPQ, Cell, Note, Song

Case = tuple[Song, Cell]
CASE_SEED = 4417
MIN_COUNT = 4
"""Notes (and onsets) a cell needs for 'half as many' to be a clear request."""
INFILL_ROWS = (
    "infill: pitch-class Jaccard",
    "infill: note count within 1",
    "infill: onset Jaccard",
    "infill: mean pitch within 4",
)
INFILL_KINDS: dict[str, Literal["share", "mean"]] = {
    INFILL_ROWS[0]: "mean",
    INFILL_ROWS[1]: "share",
    INFILL_ROWS[2]: "mean",
    INFILL_ROWS[3]: "share",
}
"""How each infill row is shown: a share of cells (in points) or a mean overlap (0-1)."""


class InfillLeakError(AssertionError):
    """An infill request that would let the model see the answer."""


@dataclass(frozen=True)
class InfillRequest:
    """One blanked cell: the song the model sees, the request, and what was taken out."""

    song: Song
    cell: Cell
    request: Regenerate
    answer: tuple[Note, ...]
    previous: tuple[Note, ...]
    """The bar before in the same track, moved onto the cell's bar: the copy baseline."""


def without_cell(song: Song, cell: Cell) -> Song:
    """The song with every note that starts in the cell removed."""
    track_index, bar = cell
    start, end = song.bar_span(bar)
    track = song.tracks[track_index]
    kept = tuple(n for n in track.notes if not start <= n.start_tick < end)
    tracks = list(song.tracks)
    tracks[track_index] = dataclasses.replace(track, notes=kept)
    return dataclasses.replace(song, tracks=tuple(tracks))


def shifted_previous_bar(song: Song, cell: Cell) -> tuple[Note, ...]:
    """The same track's notes of the bar before, moved by one bar's distance and cut at the
    cell's end."""
    track_index, bar = cell
    start, end = song.bar_span(bar)
    offset = start - song.bar_start_ticks[bar - 1]
    return tuple(
        dataclasses.replace(n, start_tick=n.start_tick + offset, duration_ticks=length)
        for n in song.notes_in_bar(track_index, bar - 1)
        if (length := min(n.duration_ticks, end - n.start_tick - offset)) > 0
    )


def check_no_leak(item: InfillRequest) -> None:
    """Raise `InfillLeakError` unless the model is given nothing of the answer: the cell is
    empty in the song it sees, none of the answer's notes is left anywhere in its track, the
    request writes that cell only, and every control is left at its default."""
    track_index, bar = item.cell
    if item.song.notes_in_bar(track_index, bar):
        raise InfillLeakError(f"cell {item.cell} still holds notes in the song given to the model")
    if set(item.answer) & set(item.song.tracks[track_index].notes):
        raise InfillLeakError(f"notes of the answer to {item.cell} remain in its track")
    if item.request.cells != (item.cell,):
        raise InfillLeakError(f"the request writes {item.request.cells}, not {item.cell}")
    if item.request.controls != Controls():
        raise InfillLeakError(f"controls {item.request.controls} may carry the answer")


def infill_requests(cases: Sequence[Case]) -> list[InfillRequest]:
    """One checked request per held-out (song, cell): the cell blanked, no controls."""
    requests = []
    for song, cell in cases:
        item = InfillRequest(
            song=without_cell(song, cell),
            cell=cell,
            request=Regenerate((cell,), Controls()),
            answer=song.notes_in_bar(*cell),
            previous=shifted_previous_bar(song, cell),
        )
        check_no_leak(item)
        requests.append(item)
    return requests


def tokenizable(song: Song) -> bool:
    """Whether the model can read the work (an odd meter makes every cell of it fail)."""
    try:
        encode_song(song)
    except TokenizerError:
        return False
    return True


def usable(song: Song, cell: Cell, least: int = 1) -> bool:
    """A pitched cell after the first bar, in a bar of two beats or more, with `least` notes
    and onsets: something to write back, and a bar before it to copy."""
    start, end = song.bar_span(cell[1])
    notes = song.notes_in_bar(*cell)
    onsets = len({n.start_tick for n in notes})
    pitched = not song.tracks[cell[0]].is_drum
    return pitched and cell[1] >= 1 and end - start >= 2 * PPQ and min(len(notes), onsets) >= least


def pick_cells(
    songs: Sequence[Song], count: int | None, least: int = 1, seed: int = CASE_SEED
) -> list[Case]:
    """`count` distinct seeded cells of readable works (fewer if the works run out); None:
    every usable cell, in the same seeded order."""
    readable = [song for song in songs if tokenizable(song)]
    cells = [
        (s, (t, b)) for s in readable for t in range(len(s.tracks)) for b in range(s.bar_count)
    ]
    cells = [(s, c) for s, c in cells if usable(s, c, least)]
    order = np.random.default_rng(seed).permutation(len(cells))
    return [cells[int(i)] for i in order[:count]]


def infill_works(material: Material) -> list[Song]:
    """The songs whose cells the infill rows blank: the held-out works whole, not the first
    bars the song-level rows compare with new songs of the preset's length. Infill needs no
    equal length, and every bar of a work is a cell a composer might ask again: the two
    held-out quartets hold 477 usable cells where their first 16 bars hold 118, too few for
    any infill row to tell the model from a copy of the bar before beyond the draw of cells
    (`benchmarks.musicality_verdict.better_than_copy`); Bach's chorales 1,044 against 444."""
    return [work.whole for work in material.works]


def cell_count(text: str) -> int | None:
    """A `--cells` value: a count of held-out cells, or 'all' (None) for every usable one.

    Why 'all': a style's held-out works hold a few hundred usable cells (`infill_works`: Bach's
    chorales 1,044, the two quartets 477), and a sample of 200 leaves the model-or-copy verdict
    to the draw: the chorale infill's register row read a tie over 200 cells and the model over
    all."""
    if text.strip().lower() == "all":
        return None
    try:
        count = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"--cells takes a whole number of cells or 'all', not {text!r}"
        ) from None
    if count < 0:
        raise argparse.ArgumentTypeError(f"--cells cannot be negative (got {count})")
    return count


# --- scoring ---------------------------------------------------------------------------------

Scores = dict[str, Ratio]


def set_jaccard(a: set[int], b: set[int]) -> float:
    return len(a & b) / len(a | b) if a | b else 1.0


def mean_pitch(notes: Sequence[Note]) -> float:
    return float(np.mean([n.pitch for n in notes]))


def compare_cell(guess: Sequence[Note], answer: Sequence[Note]) -> Scores:
    """How close a written cell is to the held-out one: pitch classes and onsets (Jaccard),
    note count within one, and mean pitch within 4 semitones (an empty guess misses it)."""
    classes = set_jaccard({n.pitch % 12 for n in guess}, {n.pitch % 12 for n in answer})
    onsets = set_jaccard({n.start_tick for n in guess}, {n.start_tick for n in answer})
    near = bool(guess) and abs(mean_pitch(guess) - mean_pitch(answer)) <= 4
    return {
        INFILL_ROWS[0]: Ratio(classes, 1),
        INFILL_ROWS[1]: song_flag(abs(len(guess) - len(answer)) <= 1),
        INFILL_ROWS[2]: Ratio(onsets, 1),
        INFILL_ROWS[3]: song_flag(near),
    }


def run_infill(
    model: MidiModel, requests: Sequence[InfillRequest], seed: int
) -> tuple[list[Scores], list[Scores], list[str]]:
    """Each blanked cell written by the model and by copying the bar before, both scored
    against the answer; a request the engine refuses is reported and left out of both."""
    written: list[Scores] = []
    copied: list[Scores] = []
    errors: list[str] = []
    for number, item in enumerate(requests):
        check_no_leak(item)
        try:
            song = apply(model, item.song, item.request, seed + number)
        except TesseraError as err:
            errors.append(f"infill {item.cell}: {err}")
            continue
        written.append(compare_cell(song.notes_in_bar(*item.cell), item.answer))
        copied.append(compare_cell(item.previous, item.answer))
    return written, copied, errors


# --- soft controls ---------------------------------------------------------------------------

COUNTERS: dict[str, Callable[[Sequence[Note]], int]] = {
    "density": len,
    "rhythm": lambda notes: len({n.start_tick for n in notes}),
}
"""What each soft control counts: notes, or distinct onsets."""
FACTORS = (1.5, 0.5)
CONTROL_ROWS = tuple(f"--{name} {factor:g}x obeyed" for name in COUNTERS for factor in FACTORS)


def asked_count(count: int, factor: float) -> int:
    """The count asked for: `factor` times the current one, at least one away from it."""
    target = round(count * factor)
    return min(64, max(count + 1, target)) if factor > 1 else max(0, min(count - 1, target))


def obeyed(before: int, target: int, after: int) -> bool:
    """Moved toward the asked count, and at least half of the way there."""
    moved, wanted = after - before, target - before
    return moved * wanted > 0 and abs(moved) >= abs(wanted) / 2


def asking(name: str, target: int) -> Controls:
    return Controls(density=target) if name == "density" else Controls(rhythm=target)


Tallies = dict[str, list[Ratio]]


def obey_cell(model: MidiModel, case: Case, seed: int, asked: Tallies, chance: Tallies) -> None:
    """One cell: regenerated with no control, then with each control asking more and fewer;
    each verdict is added to its row in `asked` (with the control) and `chance` (without)."""
    song, cell = case
    before = song.notes_in_bar(*cell)
    free = apply(model, song, Regenerate((cell,)), seed).notes_in_bar(*cell)
    for name, factor in ((n, f) for n in COUNTERS for f in FACTORS):
        count = COUNTERS[name](before)
        target = asked_count(count, factor)
        request = Regenerate((cell,), asking(name, target))
        after = apply(model, song, request, seed).notes_in_bar(*cell)
        row = f"--{name} {factor:g}x obeyed"
        asked.setdefault(row, []).append(song_flag(obeyed(count, target, COUNTERS[name](after))))
        chance.setdefault(row, []).append(song_flag(obeyed(count, target, COUNTERS[name](free))))


def obedience(
    model: MidiModel, cases: Sequence[Case], seed: int
) -> tuple[Tallies, Tallies, list[str]]:
    """For each cell and each soft control, more and fewer: obeyed with the control asked
    (first map) and, by chance, with no control at all (second map)."""
    asked: Tallies = {}
    chance: Tallies = {}
    errors: list[str] = []
    for number, case in enumerate(cases):
        try:
            obey_cell(model, case, seed + number, asked, chance)
        except TesseraError as err:
            errors.append(f"controls {case[1]}: {err}")
    return asked, chance, errors


# --- infill on its own -----------------------------------------------------------------------

INFILL_PRESETS = ("folk-tune", "reel", "chorale", "string-quartet")
"""The styles whose held-out works have pitched parts to blank cells of."""
RUN = (
    "PYTHONPATH=. python -m benchmarks.musicality_infill [--presets a,b] [--works N] "
    "[--cells N] [--seed N] [--threads N] [--takes N] [--out FILE]"
)


def infill_arguments(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Infill only: held-out cells written back by the model and by copying the "
        "bar before, per style (the same cells `benchmarks.musicality` draws from as many works)."
    )
    parser.add_argument("--presets", default=",".join(INFILL_PRESETS), help="comma-separated")
    parser.add_argument("--works", type=int, default=10, help="held-out works per preset")
    parser.add_argument(
        "--cells", type=cell_count, default=50, help="held-out cells per preset, or 'all'"
    )
    parser.add_argument("--seed", type=int, default=0, help="first seed of the model's cells")
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL_DIR, help="model folder")
    parser.add_argument("--threads", type=int, help="onnxruntime threads (default: engine's)")
    parser.add_argument(
        "--takes",
        type=int,
        help="takes per regenerate, the best kept (default: the engine's; 1: one take, as the "
        "engine wrote before takes)",
    )
    parser.add_argument("--out", type=Path, help="write every figure to this JSON file")
    return parser.parse_args(argv)


def preset_requests(name: str, works: int, cells: int | None) -> list[InfillRequest]:
    """`cells` (None: every usable one) checked requests from the first `works` held-out works
    of a preset's style, whole (`infill_works`)."""
    preset = PRESETS[name]
    material = style_sources(manifest_rows(), name, preset, "test", limit=works, bars=preset.bars)
    return infill_requests(pick_cells(infill_works(material), cells))


def infill_figures(written: Sequence[Scores], copied: Sequence[Scores]) -> dict[str, Any]:
    """Each row's model and copy figures, pooled over the cells, and which is nearer the
    held-out cells beyond the draw of cells (`benchmarks.musicality_verdict.better_than_copy`)."""
    figures: dict[str, Any] = {}
    for row in INFILL_ROWS:
        mine, theirs = [s[row] for s in written], [s[row] for s in copied]
        verdict = better_than_copy(mine, theirs)
        figures[row] = {
            "model": pooled(mine),
            "copy": pooled(theirs),
            "nearer": None if verdict is None else dataclasses.asdict(verdict),
        }
    return figures


def infill_main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    """Print each style's infill rows (model vs copy) and the time per cell; return them."""
    args = infill_arguments(argv)
    names = [n.strip() for n in args.presets.split(",") if n.strip()]
    unknown = [n for n in names if n not in PRESETS]
    if unknown:
        raise SystemExit(f"unknown preset {unknown[0]!r}: choose from {', '.join(PRESETS)}")
    print(f"how to run: {RUN}")
    if args.takes is not None:
        infill.TAKES = args.takes
    print(f"takes per regenerate: {infill.TAKES}")
    model = MidiModel(args.model, threads=args.threads)
    results: dict[str, Any] = {}
    for name in names:
        requests = preset_requests(name, args.works, args.cells)
        started = time.perf_counter()
        written, copied, errors = run_infill(model, requests, args.seed)
        seconds = time.perf_counter() - started
        figures = infill_figures(written, copied)
        results[name] = {
            "cells": len(written),
            "ms_per_cell": 1000 * seconds / max(1, len(requests)),
            "rows": figures,
            "errors": errors,
        }
        print(f"\n{name}: {len(written)} cells, {results[name]['ms_per_cell']:.0f} ms per cell")
        for row, pair in figures.items():
            found = None if pair["nearer"] is None else Closeness(**pair["nearer"])
            nearer = show_closeness(found, 100.0 if INFILL_KINDS[row] == "share" else 1.0)
            print(
                f"  {row:34} model {_shown(pair['model'])}  copy {_shown(pair['copy'])}"
                f"  nearer: {nearer}"
            )
        for error in errors:
            print(f"  error: {error}")
    if args.out:
        given = {key: str(v) if isinstance(v, Path) else v for key, v in vars(args).items()}
        given["takes"] = infill.TAKES
        record = {"command": RUN, "arguments": given}
        args.out.write_text(json.dumps(record | {"presets": results}, indent=1) + "\n")
    return results


def _shown(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


if __name__ == "__main__":
    infill_main()
