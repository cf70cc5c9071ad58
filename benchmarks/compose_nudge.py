"""The second half of the composing benchmark: how a nudge moves cells, and how long each
operation takes on a 4-track, 32-bar held-out work (see `benchmarks.compose_controls`, which
runs both halves and prints the tables)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from engine.compose.control_tokens import sounding_polyphony
from engine.compose.midi_model import MidiModel
from engine.compose.operations import (
    DIRECTIONS,
    AddTrack,
    Continue,
    Generate,
    Nudge,
    Regenerate,
    Request,
    apply,
    chord_of_bar,
    direction_measure,
)
from engine.errors import TesseraError
from engine.song.edits import select
from engine.song.song import Cell, Note, Song

STRENGTHS = (0.0, 0.25, 0.5, 0.75, 1.0)
LATENCY_BARS = 32

Case = tuple[Song, Cell]
Notes = Sequence[Note]


def share(count: int, total: int) -> str:
    return f"{100 * count / total:.0f}%" if total else "-"


def markdown(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(header), rule, *(line(row) for row in rows)])


# --- nudge --------------------------------------------------------------------------------------

UNITS = {"denser": "notes", "busier": "onsets", "higher": "semitones", "louder": "velocity"}
UNITS |= {"sparser": "-notes", "calmer": "-onsets", "lower": "-semitones", "softer": "-velocity"}
UNITS["closer-to-chord"] = "chord-tone share"


@dataclass(frozen=True)
class NudgeStep:
    kept: float
    """Share of the original notes still in the cell, identical (the candidate may write one
    back, so this is not exactly the share the blend's draws kept)."""
    delta: float
    at_once: int
    unchanged: bool


def nudge_cell(
    model: MidiModel, song: Song, cell: Cell, direction: str, seed: int
) -> list[NudgeStep]:
    """One cell nudged at every strength with the same seed: what each strength kept, how far it
    moved the attribute, how many notes sound at once, and whether the song came back unchanged."""
    old = song.notes_in_bar(*cell)
    chord = chord_of_bar(song, cell)
    before = direction_measure(direction, old, chord)
    steps = []
    for strength in STRENGTHS:
        out = apply(model, song, Nudge((cell,), direction, strength), seed)
        new = out.notes_in_bar(*cell)
        kept = len(set(old) & set(new)) / len(set(old))
        delta = direction_measure(direction, new, chord) - before
        steps.append(NudgeStep(kept, delta, sounding_polyphony(new), out == song))
    return steps


def monotone(values: Sequence[float], rising: bool) -> bool:
    """Each step moves the asked way or stays, and the last differs from the first."""
    sign = 1 if rising else -1
    steps_ok = all(sign * (b - a) >= -1e-9 for a, b in pairwise(values))
    return steps_ok and sign * (values[-1] - values[0]) > 0


def nudge_row(model: MidiModel, cases: Sequence[Case], direction: str) -> list[str]:
    """A table row for one direction: mean kept share and attribute change per strength, and
    the share of cells with more notes sounding at once at full strength than before (a nudge
    of a single line should leave a single line)."""
    steps: list[list[NudgeStep]] = []
    errors = 0
    for seed, (song, cell) in enumerate(cases):
        try:
            steps.append(nudge_cell(model, song, cell, direction, seed))
        except TesseraError:
            errors += 1
    if not steps:
        return [direction, UNITS[direction], f"0 ({errors} failed)", *["-"] * 6]
    kept = [float(np.mean([cell[i].kept for cell in steps])) for i in range(len(STRENGTHS))]
    delta = [float(np.nanmean([cell[i].delta for cell in steps])) for i in range(len(STRENGTHS))]
    thicker = sum(cell[-1].at_once > cell[0].at_once for cell in steps)
    most = max(cell[-1].at_once for cell in steps)
    return [
        direction,
        UNITS[direction],
        f"{len(steps)}" + (f" ({errors} failed)" if errors else ""),
        " ".join(f"{100 * k:.0f}" for k in kept),
        " ".join(f"{d:+.2f}" for d in delta),
        "yes" if monotone(kept, rising=False) else "NO",
        "yes" if monotone(delta, rising=True) else "NO",
        f"{share(thicker, len(steps))} (max {most})",
        "yes" if all(cell[0].unchanged for cell in steps) else "NO",
    ]


def nudge_table(model: MidiModel, cases: Sequence[Case]) -> str:
    header = ["direction", "unit", "n", "kept % at s=0 .25 .5 .75 1", "attribute change"]
    header += ["kept falls", "attr rises", "thicker at s=1 (most at once)", "s=0 identical"]
    return markdown(header, [nudge_row(model, cases, d) for d in DIRECTIONS])


# --- latency ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Operation:
    label: str
    request: Request
    song: Song | None
    written: tuple[Cell, ...]
    """The cells the operation writes, as they are numbered in its result."""


def latency_song(songs: Sequence[Song], model: MidiModel) -> tuple[Song, str]:
    """The first held-out work of four pitched tracks and at least 32 bars, cut to 32 bars;
    a generated string quartet if the split has none."""
    for song in songs:
        pitched = not any(track.is_drum for track in song.tracks)
        if len(song.tracks) == 4 and pitched and song.bar_count >= LATENCY_BARS:
            cut = select(song, None, (0, LATENCY_BARS - 1))
            return cut, f"test-split work {song.title!r}, bars 1-{LATENCY_BARS} of {song.bar_count}"
    made = apply(model, None, Generate("string-quartet", bars=LATENCY_BARS), 0)
    return made, "a generated string quartet (no test work has 4 tracks and 32 bars)"


def operations(song: Song) -> list[Operation]:
    """The operations timed, in the middle of the song so each has context on both sides."""
    bar, tracks, bars = LATENCY_BARS // 2, len(song.tracks), song.bar_count
    one = ((0, bar),)
    column = tuple((t, bar) for t in range(tracks))
    row = tuple((0, b) for b in range(bar, bar + 4))
    grid = tuple((t, b) for t in range(tracks) for b in range(bars))
    return [
        Operation("regenerate 1 track-bar", Regenerate(one), song, one),
        Operation(f"regenerate 1 bar x {tracks} tracks", Regenerate(column), song, column),
        Operation("regenerate 4 bars x 1 track", Regenerate(row), song, row),
        Operation("nudge 4 bars x 1 track (denser, 0.5)", Nudge(row, "denser", 0.5), song, row),
        Operation(
            "continue by 4 bars",
            Continue(4),
            song,
            tuple((t, b) for t in range(tracks) for b in range(bars, bars + 4)),
        ),
        Operation(
            f"add a cello track, {bars} bars",
            AddTrack(42),
            song,
            tuple((tracks, b) for b in range(bars)),
        ),
        Operation(
            f"generate string-quartet, {bars} bars",
            Generate("string-quartet", bars=bars),
            None,
            grid,
        ),
    ]


def latency_row(model: MidiModel, operation: Operation, repeats: int) -> list[str]:
    """Times of `repeats` seeds, and what the last one wrote (empty cells and notes per cell)."""
    times: list[float] = []
    counts: list[int] = []
    for seed in range(repeats):
        started = time.perf_counter()
        result = apply(model, operation.song, operation.request, seed)
        times.append((time.perf_counter() - started) * 1000)
        counts = [len(result.notes_in_bar(*cell)) for cell in operation.written]
    return [
        operation.label,
        str(len(operation.written)),
        f"{statistics.median(times):.0f}",
        f"{float(np.percentile(times, 90)):.0f}",
        share(counts.count(0), len(counts)),
        f"{statistics.mean(counts):.1f}",
    ]


def latency_table(model: MidiModel, song: Song, repeats: int) -> str:
    header = ["operation", "cells", "median ms", "p90 ms", "empty cells", "notes/cell"]
    return markdown(header, [latency_row(model, op, repeats) for op in operations(song)])
