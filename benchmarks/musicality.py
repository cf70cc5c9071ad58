"""How musical the model's songs are, next to real music of the same style and a Markov chain.

    PYTHONPATH=. python -m benchmarks.musicality [--songs N] [--bars N] [--seed N]
        [--presets a,b] [--model DIR] [--cells N] [--control-cells N] [--out metrics.json]

For every style preset (read from `engine.compose.presets` at run time) one run compares three sets
of songs on the same measures (`benchmarks.musicality_measures`, `benchmarks.musicality_ensemble`):

- model: `--songs` songs written by `engine.compose.operations.apply(Generate(preset))`, seeds
seed..;
- human: as many held-out works of that style from the corpus test split (fiddle tunes in 6/8
  for folk-tune and in 4/4 for reel, Bach chorales, Haydn/Mozart quartets), or for a band
  preset the drum parts of the band data's test split (Groove MIDI, Freedoom); see
  `benchmarks.musicality_sources`. They are measured on their first `--bars` bars, and on the
  whole work for how it ends. Where the test split holds none (the piano; the pitched rows of
  every band preset) the column reads '—': nothing is made up to fill it;
- Markov: an order-2 chain over (interval, duration) per voice, trained on the same voice of
  the style's train split, writing the same number of songs in the preset's key, meter and
  ranges (`benchmarks.musicality_markov`). A band preset's chain has drums to learn from only,
  so its pitched rows read '—' too.

Two groups of rows test the model on held-out cells instead, shared out among the styles that
have held-out pitched works (`benchmarks.musicality_infill`): infilling `--cells` blanked cells
(no information from a cell reaches the model; the baseline column is "copy the previous bar"),
and obeying `--density` and `--rhythm` asked at 1.5x and 0.5x on `--control-cells` cells (the
baseline column is the same cell regenerated with no control: how often it moves that far by
chance).

The last two columns make "within the human range" a count: for a row where each song has a
figure of its own (a share of its bars, a range), the span from the lowest to the highest single
human work, and how many model songs fall inside it. A yes-or-no row (the key heard, the ending)
has no figure per work to span, so there the range is the human share's central 90% over the
held-out works drawn again with replacement ("44%-81% (redrawn)": what another draw of as many
works could have shown), and the count says whether the model's share lies in it ("share in",
"share out"); with fewer than five works, none (`musicality_rows.flag_interval`).
The last names the column nearer the human works (model or Markov; for infill, model or the
copied bar) only where that holds in 90% of redraws of the songs or cells, and "tie" otherwise
(`benchmarks.musicality_verdict`).

It prints a Markdown table per style (with the seconds it took) and writes every figure to
`--out` (JSON). Everything is seeded: a rerun prints the same table. Time goes almost all to
the model writing songs, so it grows with --songs and with the number of presets. Measured on
two CPU cores shared with other jobs, --songs 10: the five corpus presets 3 minutes (about a
minute of it the fixed 50 infill and 20x5 control regenerations), all 23 presets of this
version 13.5 minutes (each band preset about 30 s). The default 30 songs takes about three
times the song part: some 7 minutes for the five corpus presets, over 30 for all 23. Pass
--presets to measure a few styles.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.compose_nudge import markdown
from benchmarks.musicality_infill import (
    CASE_SEED,
    CONTROL_ROWS,
    INFILL_KINDS,
    INFILL_ROWS,
    MIN_COUNT,
    cell_count,
    infill_requests,
    infill_works,
    obedience,
    pick_cells,
    run_infill,
)
from benchmarks.musicality_markov import (
    Chain,
    Frame,
    Voicing,
    markov_song,
    start_pitch,
    train_chain,
)
from benchmarks.musicality_measures import pooled
from benchmarks.musicality_rows import (
    Kind,
    Row,
    Spread,
    human_spread,
    rows_for,
    show,
    show_spread,
    song_ratios,
    voice_is_drum,
)
from benchmarks.musicality_sources import Material, manifest_rows, style_sources
from benchmarks.musicality_verdict import (
    Closeness,
    better_than_copy,
    closer_than_markov,
    show_closeness,
)
from engine.compose.midi_model import DEFAULT_MODEL_DIR, MidiModel
from engine.compose.operations import Generate, apply
from engine.compose.presets import PRESETS, Preset, Voice
from engine.errors import TesseraError
from engine.song.song import PPQ, Note, Song, Track
from engine.song.theory import key_from_name

RUN = "PYTHONPATH=. python -m benchmarks.musicality [--songs N] [--presets a,b] [--out FILE]"
MARKOV_WORKS = 500
"""Training works per style for the Markov chains (more changes their figures very little)."""
COLUMNS = ("model", "human", "Markov", "baseline")
Pairs = list[tuple[Song, Song]]


# --- the three sets of songs -----------------------------------------------------------------


def frame_of(preset: Preset, bars: int | None) -> Frame:
    return Frame(preset.meter, key_from_name(preset.key), preset.tempo_bpm, bars or preset.bars)


def model_songs(
    model: MidiModel, name: str, frame: Frame, count: int, seed: int, *, errors: list[str]
) -> Pairs:
    """`count` songs from the preset, one seed each, exactly as the app generates them."""
    songs: Pairs = []
    for number in range(count):
        try:
            song = apply(model, None, Generate(name, bars=frame.bars), seed + number)
        except TesseraError as err:
            errors.append(f"generate {name} seed {seed + number}: {err}")
            continue
        songs.append((song, song))
    return songs


def voice_parts(song: Song, index: int, voice: Voice) -> list[tuple[Note, ...]]:
    """What a training work offers one preset voice: every drum track for the drum kit; for a
    pitched voice, the track at the voice's place when it is the voice's instrument."""
    if voice_is_drum(voice):
        return [track.notes for track in song.tracks if track.is_drum]
    if index < len(song.tracks) and song.tracks[index].program == voice.program:
        return [] if song.tracks[index].is_drum else [song.tracks[index].notes]
    return []


def markov_songs(preset: Preset, train: Material, frame: Frame, count: int, seed: int) -> Pairs:
    """`count` Markov songs, one chain per voice trained on the same voice of the style's
    training works; none when the style has no training works. A voice with no training
    material at all (a band's pitched voices: the band data holds drums only) stays silent,
    so its rows read '—' in the Markov column."""
    if not train.works:
        return []
    bar_ticks = frame.meter[0] * 4 * PPQ // frame.meter[1]
    chains: list[Chain] = []
    voicings: list[Voicing] = []
    for index, voice in enumerate(preset.voices):
        drum = voice_is_drum(voice)
        parts = [part for work in train.works for part in voice_parts(work.whole, index, voice)]
        chain = train_chain(parts, drum, bar_ticks)
        track = Track(name=voice.name, program=voice.program, is_drum=drum)
        first = start_pitch(frame.key, voice.pitch_range, chain.mean_pitch)
        chains.append(chain)
        voicings.append(Voicing(track, voice.pitch_range, first))
    songs = [markov_song(chains, voicings, frame, seed + n) for n in range(count)]
    return [(song, song) for song in songs]


# --- held-out cells --------------------------------------------------------------------------


def split_count(total: int | None, names: Sequence[str]) -> dict[str, int | None]:
    """`total` cells shared out among the styles as evenly as whole numbers allow; None (all)
    gives each style every usable cell it has."""
    if total is None:
        return dict.fromkeys(names, None)
    share, extra = divmod(total, len(names)) if names else (0, 0)
    return {name: share + (index < extra) for index, name in enumerate(names)}


@dataclass
class CellRows:
    """The infill and control rows of one style: (model, baseline) per row, n per row, and for
    the infill rows whether the model's bars or the copies lie nearer the held-out cells."""

    values: dict[str, tuple[float | None, float | None]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    versus_copy: dict[str, Closeness | None] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def cell_rows(
    model: MidiModel, human: Material, cells: int | None, control_cells: int | None, seed: int
) -> CellRows:
    """The infill and control rows of one style: infill of cells of the whole held-out works
    (`infill_works`), the soft controls asked of cells of their first bars."""
    excerpts = [work.excerpt for work in human.works]
    requests = infill_requests(pick_cells(infill_works(human), cells))
    written, copied, errors = run_infill(model, requests, seed)
    found = CellRows(errors=errors)
    values, counts = found.values, found.counts
    for row in INFILL_ROWS:
        mine, theirs = [s[row] for s in written], [s[row] for s in copied]
        values[row] = (pooled(mine), pooled(theirs))
        counts[row] = len(written)
        found.versus_copy[row] = better_than_copy(mine, theirs)
    cases = pick_cells(excerpts, control_cells, least=MIN_COUNT, seed=CASE_SEED + 1)
    asked, chance, more_errors = obedience(model, cases, seed)
    for row in CONTROL_ROWS:
        values[row] = (pooled(asked.get(row, [])), pooled(chance.get(row, [])))
        counts[row] = len(asked.get(row, []))
    found.errors += more_errors
    return found


# --- one style -------------------------------------------------------------------------------

CELL_KINDS: dict[str, Kind] = dict(INFILL_KINDS)


@dataclass
class StyleResult:
    """Every figure of one style: values[row][column], and what they were measured on."""

    name: str
    values: dict[str, dict[str, float | None]] = field(default_factory=dict)
    kinds: dict[str, Kind] = field(default_factory=dict)
    sizes: dict[str, int] = field(default_factory=dict)
    cell_counts: dict[str, int] = field(default_factory=dict)
    human_source: str = ""
    spreads: dict[str, Spread | None] = field(default_factory=dict)
    """Per song-level row: the human works' span and the model songs inside it."""
    nearer: dict[str, Closeness | None] = field(default_factory=dict)
    """Per song-level row: whether the model or the chain is nearer the human works beyond
    what the draw of songs explains; per infill row, the model or the copied bar
    (`benchmarks.musicality_verdict`)."""
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0


def song_rows(result: StyleResult, rows: Sequence[Row], columns: dict[str, Pairs]) -> None:
    for row in rows:
        ratios = {column: song_ratios(row, songs) for column, songs in columns.items()}
        result.kinds[row.label] = row.kind
        result.values[row.label] = {column: pooled(found) for column, found in ratios.items()}
        result.values[row.label]["baseline"] = None
        result.spreads[row.label] = human_spread(row, columns["human"], columns["model"])
        result.nearer[row.label] = closer_than_markov(
            ratios["model"], ratios["human"], ratios["Markov"]
        )


def run_style(model: MidiModel, name: str, human: Material, plan: StylePlan) -> StyleResult:
    """Generate, load, train and measure one style."""
    preset, args = PRESETS[name], plan.args
    result = StyleResult(name, human_source=human.collections())
    frame = frame_of(preset, args.bars)
    rows = manifest_rows()
    train = style_sources(rows, name, preset, "train", limit=MARKOV_WORKS, bars=frame.bars)
    columns = {
        "model": model_songs(model, name, frame, args.songs, args.seed, errors=result.errors),
        "human": [(w.excerpt, w.whole) for w in human.works],
        "Markov": markov_songs(preset, train, frame, args.songs, args.seed),
    }
    result.sizes = {column: len(songs) for column, songs in columns.items()}
    result.sizes["Markov training works"] = len(train.works)
    song_rows(result, rows_for(name, preset), columns)
    cells, control_cells = plan.cells.get(name, 0), plan.control_cells.get(name, 0)
    found = cell_rows(model, human, cells, control_cells, args.seed)
    result.errors += found.errors
    result.cell_counts = found.counts
    result.nearer |= found.versus_copy
    for label, (written, baseline) in found.values.items():
        result.kinds[label] = CELL_KINDS.get(label, "share")
        result.values[label] = {"model": written, "human": None, "Markov": None}
        result.values[label]["baseline"] = baseline
    return result


@dataclass(frozen=True)
class StylePlan:
    """The run's options, and how many held-out cells each style gets."""

    args: argparse.Namespace
    cells: dict[str, int | None]
    control_cells: dict[str, int | None]


# --- output ----------------------------------------------------------------------------------


def style_table(result: StyleResult) -> str:
    """The style's Markdown table: rows = measures, columns = the song sets and baseline."""
    n = result.sizes
    header = [
        "measure",
        f"model (n={n['model']})",
        f"human (n={n['human']})",
        f"Markov (n={n['Markov']})",
        "baseline",
        "human works: span",
        "model songs in it",
        "nearer the human works: model or Markov (infill: or copy; 90% interval of the gap)",
    ]
    lines = []
    for label, values in result.values.items():
        count = result.cell_counts.get(label)
        shown = f"{label} (n={count})" if count is not None else label
        kind = result.kinds[label]
        spread = show_spread(result.spreads.get(label), kind)
        verdict = show_closeness(result.nearer.get(label), 1.0 if kind == "mean" else 100.0)
        lines.append([shown, *(show(values[c], kind) for c in COLUMNS), *spread, verdict])
    return markdown(header, lines)


def report(result: StyleResult) -> str:
    n = result.sizes
    return "\n".join(
        [
            f"\n## {result.name}\n",
            f"human: held-out test-split works of the style: {result.human_source}; "
            f"Markov chains trained on {n['Markov training works']} train-split works; "
            f"{result.seconds:.0f} s",
            "",
            style_table(result),
            *(f"error: {message}" for message in sorted(set(result.errors))),
        ]
    )


def as_json(results: Sequence[StyleResult], args: argparse.Namespace, seconds: float) -> Any:
    return {
        "run": {key: str(v) if isinstance(v, Path) else v for key, v in vars(args).items()},
        "wall_seconds": round(seconds, 1),
        "styles": {
            r.name: {
                "rows": r.values,
                "human_spread": {
                    label: None if spread is None else dataclasses.asdict(spread)
                    for label, spread in r.spreads.items()
                },
                "nearer": {
                    label: None if found is None else dataclasses.asdict(found)
                    for label, found in r.nearer.items()
                },
                "songs": r.sizes,
                "cells": r.cell_counts,
                "human_source": r.human_source,
                "seconds": round(r.seconds, 1),
                "errors": r.errors,
            }
            for r in results
        },
    }


# --- running ---------------------------------------------------------------------------------


def arguments(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--songs", type=int, default=30, help="songs per preset and column")
    parser.add_argument("--bars", type=int, help="bars per song (default: the preset's)")
    parser.add_argument("--seed", type=int, default=0, help="first seed of the model's songs")
    parser.add_argument("--presets", help="comma-separated preset names (default: all)")
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL_DIR, help="model folder")
    parser.add_argument(
        "--cells", type=cell_count, default=50, help="held-out cells to infill, or 'all'"
    )
    parser.add_argument(
        "--control-cells", type=cell_count, default=20, help="cells per soft control, or 'all'"
    )
    parser.add_argument("--threads", type=int, help="onnxruntime threads (default: engine's)")
    parser.add_argument("--out", type=Path, help="write every figure to this JSON file")
    return parser.parse_args(argv)


def chosen_presets(text: str | None) -> list[str]:
    names = list(PRESETS) if not text else [n.strip() for n in text.split(",") if n.strip()]
    unknown = [name for name in names if name not in PRESETS]
    if unknown:
        raise SystemExit(f"unknown preset {unknown[0]!r}: choose from {', '.join(PRESETS)}")
    return names


def held_out(names: Sequence[str], args: argparse.Namespace) -> dict[str, Material]:
    """Each style's held-out works (as many as songs are generated, where the split has them)."""
    rows = manifest_rows()
    return {
        name: style_sources(
            rows,
            name,
            PRESETS[name],
            "test",
            limit=args.songs,
            bars=frame_of(PRESETS[name], args.bars).bars,
        )
        for name in names
    }


def has_pitched(song: Song) -> bool:
    return any(track.notes and not track.is_drum for track in song.tracks)


def run(argv: Sequence[str] | None = None) -> list[StyleResult]:
    """The whole benchmark: print the tables, write the JSON, return the results."""
    args, started = arguments(argv), time.perf_counter()
    names = chosen_presets(args.presets)
    print(f"how to run: {RUN}")
    model = MidiModel(args.model, threads=args.threads)
    humans = held_out(names, args)
    with_human = [name for name in names if any(has_pitched(w.excerpt) for w in humans[name].works)]
    plan = StylePlan(
        args, split_count(args.cells, with_human), split_count(args.control_cells, with_human)
    )
    results = []
    for name in names:
        began = time.perf_counter()
        results.append(run_style(model, name, humans[name], plan))
        results[-1].seconds = time.perf_counter() - began
        print(report(results[-1]), flush=True)
    print(FOOTNOTE)
    seconds = time.perf_counter() - started
    print(f"\ntotal time: {seconds:.0f} s")
    if args.out:
        args.out.write_text(json.dumps(as_json(results, args, seconds), indent=1) + "\n")
    return results


FOOTNOTE = (
    "\nbaseline: for the infill rows, a copy of the previous bar of the same track; for the "
    "control rows, the same cell regenerated with no control (moving that far by chance). "
    "— : the row does not apply, or the column has nothing to measure.\n"
    "nearer the human works: model or Markov where |model - human| - |Markov - human| keeps "
    "its sign in 90% of redraws of every column's songs (tie otherwise; few works: under 5 "
    "held-out works, too few to redraw, so no winner is named); the interval is that gap's, in "
    "points for shares and rates per 100 moves, in semitones for ranges and registers "
    "(negative: the model is nearer). For the infill rows: model or copy where copy - model "
    "keeps its sign in 90% of redraws of the cells, each cell's two bars drawn together."
)


def main() -> None:
    run()


if __name__ == "__main__":
    main()
