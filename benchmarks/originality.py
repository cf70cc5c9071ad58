"""How often the shipped model's music trips the originality flag, against held-out human music.

    PYTHONPATH=. python -m benchmarks.originality sample --out DIR [--per-preset N] [--continues N]
    PYTHONPATH=. python -m benchmarks.originality measure [--samples DIR] [--planted N]

`sample` writes the model's music to DIR as project files (the model runs): each style preset
through `Generate` at its own length (seeds 0..N-1), and `Continue` of 8 bars after the first
4 bars of held-out (test split) works. Only what the model wrote is checked: a continuation is
cut to its new bars first, so the human prompt cannot count for or against the model.

`measure` loads the shipped index and prints, in one run:

1. Index: file size, load (n-gram table) time, melodies and steps indexed.
2. Human baseline: every validation and test work (held out by tune family, so none of them is
   in the index) checked against the train index: the share with a longest exact run of at
   least 16 / 24 / 32 notes, and with a 16-note window of cardinality score >= 0.8; the
   percentiles of the longest run. This is what the flag threshold is calibrated against.
3. The model: the same shares for the sampled songs, beside the human ones.
4. Planted copies: N passages of 25 notes cut from random train works (drones and repeated
   figures of fewer than 3 distinct steps skipped: the check ignores them on purpose),
   transposed, pasted after a held-out work; the share found at >= 24 notes with the right
   work (must be 100%).
5. Check speed: ms per held-out work and per 100 notes.
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from build_scripts.corpus.build import load_cached_song
from build_scripts.corpus.splits import load_split
from engine.compose.midi_model import MidiModel
from engine.compose.operations import Continue, Generate, apply
from engine.compose.presets import PRESETS
from engine.errors import TesseraError
from engine.originality.check import FLAG_NOTES, WARN_NOTES, Report, check
from engine.originality.index import (
    INDEX_PATH,
    MIN_DISTINCT_STEPS,
    CorpusIndex,
    load_index,
    song_lines,
    step_codes,
)
from engine.originality.similar import SIMILAR_SCORE, point_table
from engine.project.project_file import load_project, save_project
from engine.song.edits import select, set_bar_count
from engine.song.song import Note, Song, bars_to_cover

PROMPT_BARS = 4
CONTINUE_BARS = 8


def cut_to_bars(song: Song, bars: int) -> Song:
    """The first `bars` bars of a song (notes cut at the end), as a Song of that length."""
    head = select(song, None, (0, min(bars, song.bar_count) - 1))
    return set_bar_count(head, head.bar_count)


def sample(out_dir: Path, per_preset: int, continues: int) -> None:
    """Write the model's generations and continuations to `out_dir` (skips files present)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    model = MidiModel(threads=1)
    jobs: list[tuple[str, Song | None, Generate | Continue, int]] = []
    for preset in sorted(PRESETS):
        for seed in range(per_preset):
            jobs.append((f"gen-{preset}-{seed}", None, Generate(preset), seed))
    for index, work in enumerate(load_split("test")[:continues]):
        if work.bar_count < PROMPT_BARS + 2:
            continue
        prompt = cut_to_bars(work, PROMPT_BARS)
        jobs.append((f"cont-{index:03d}", prompt, Continue(CONTINUE_BARS), index))
    for name, song, request, seed in jobs:
        path = out_dir / f"{name}.tessera.json"
        if path.exists():
            continue
        started = time.monotonic()
        try:
            result = apply(model, song, request, seed)
        except TesseraError as err:
            print(f"{name}: skipped ({err})", flush=True)
            continue
        if song is not None:  # keep only what the model wrote
            result = select(result, None, (song.bar_count, result.bar_count - 1))
        save_project(dataclasses.replace(result, title=name), path)
        print(
            f"{name}: {result.note_count} notes in {time.monotonic() - started:.1f} s", flush=True
        )


def load_samples(folder: Path) -> list[Song]:
    return [load_project(path) for path in sorted(folder.glob("*.tessera.json"))]


@dataclass
class Rates:
    """Shares of songs whose longest run / best window reaches each threshold."""

    label: str
    longest: list[int] = field(default_factory=list)
    similar: list[float] = field(default_factory=list)
    sustained: list[bool] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    notes: list[int] = field(default_factory=list)

    def add(self, report: Report, seconds: float) -> None:
        self.longest.append(report.longest_notes)
        self.similar.append(report.max_similarity)
        self.sustained.append(any(s.notes >= FLAG_NOTES for s in report.similar))
        self.seconds.append(seconds)
        self.notes.append(report.checked_notes)

    def row(self) -> str:
        runs = np.array(self.longest)
        share = [f"{np.mean(runs >= n):6.1%}" for n in (WARN_NOTES, FLAG_NOTES, 32)]
        near = f"{np.mean(np.array(self.similar) >= SIMILAR_SCORE):6.1%}"
        sustained = f"{np.mean(self.sustained):6.1%}"
        p50, p95 = np.percentile(runs, [50, 95])
        return (
            f"{self.label:<34} {len(runs):5d} {share[0]} {share[1]} {share[2]} {near} "
            f"{sustained} {p50:5.0f} {p95:5.0f}"
        )


def check_all(label: str, songs: list[Song], index: CorpusIndex) -> Rates:
    rates = Rates(label)
    for song in songs:
        started = time.monotonic()
        report = check(song, index=index)
        rates.add(report, time.monotonic() - started)
    return rates


def planted_recall(count: int, index: CorpusIndex, seed: int = 5) -> tuple[int, int]:
    """(found at >= 24 notes with the right work, planted) for copies of 25 train notes."""
    rng = random.Random(seed)
    train = [w.work_id for w in index.works]
    hosts = load_split("validation")
    found = planted = 0
    while planted < count:
        work_id = rng.choice(train)
        source = load_cached_song(work_id)
        lines = [(t, line) for t, line in song_lines(source) if len(line.pitches) >= 30]
        if not lines:
            continue
        track, _ = rng.choice(lines)
        tops: dict[int, Note] = {}
        for note in source.tracks[track].notes:
            if note.start_tick not in tops or note.pitch > tops[note.start_tick].pitch:
                tops[note.start_tick] = note
        notes = [tops[t] for t in sorted(tops)]
        start = rng.randrange(len(notes) - 25)
        passage = notes[start : start + 25]
        pitches = np.array([n.pitch for n in passage], np.int64)
        iois = np.diff([n.start_tick for n in passage], append=passage[-1].end_tick)
        if len(set(step_codes(pitches, iois).tolist())) < MIN_DISTINCT_STEPS:
            continue  # a drone or a repeated figure: nothing a listener would call a copy
        host = rng.choice(hosts)
        shift = rng.randrange(-6, 7)
        offset = host.end_tick - passage[0].start_tick
        moved = [
            dataclasses.replace(n, start_tick=n.start_tick + offset, pitch=n.pitch + shift)
            for n in passage
        ]
        first = host.tracks[0]
        merged = tuple(sorted((*first.notes, *moved), key=lambda n: (n.start_tick, n.pitch)))
        bars = bars_to_cover(host.time_signatures, max(n.end_tick for n in merged))
        song = dataclasses.replace(
            host,
            tracks=(dataclasses.replace(first, notes=merged), *host.tracks[1:]),
            bar_count=bars,
        )
        report = check(song, index=index, similarity=False)
        planted += 1
        found += any(p.work.work_id == work_id and p.notes >= 24 for p in report.flagged)
    return found, planted


def measure(samples: Path | None, planted: int) -> None:
    started = time.monotonic()
    index = load_index(INDEX_PATH)
    load_s = time.monotonic() - started
    started = time.monotonic()
    point_table(index)
    table_s = time.monotonic() - started
    print(
        f"index: {INDEX_PATH.stat().st_size / 1e6:.2f} MB, {len(index.works)} train works, "
        f"{index.line_count} lines, {len(index.codes)} steps, {len(index.keys)} n-grams; "
        f"load + n-gram table {load_s:.2f} s, point table (first cardinality check) "
        f"{table_s:.2f} s"
    )
    header = (
        f"{'songs':<34} {'count':>5} {'>=16':>6} {'>=24':>6} {'>=32':>6} {'>=0.8':>6} "
        f"{'near24':>6} {'p50':>5} {'p95':>5}\n  (share with a longest exact run of >= N "
        f"notes; with a 16-note window scoring >= 0.8; with such windows spanning >= 24 notes "
        f"outside exact passages; percentiles of the longest exact run, 0 = under 9 notes)"
    )
    print(header)
    human = check_all(
        "human held-out (validation+test)", load_split("validation") + load_split("test"), index
    )
    print(human.row())
    if samples is not None:
        songs = load_samples(samples)
        for prefix, label in (
            ("gen-", "model: Generate (presets)"),
            ("cont-", "model: Continue (held-out prompts)"),
        ):
            chosen = [s for s in songs if s.title.startswith(prefix)]
            if chosen:
                print(check_all(label, chosen, index).row())
        print(check_all("model: all", songs, index).row())
    found, count = planted_recall(planted, index)
    print(
        f"planted copies (25 train notes, transposed, pasted into held-out works): "
        f"{found}/{count} found at >= 24 notes with their work ({found / count:.1%})"
    )
    ms = 1000 * np.array(human.seconds)
    per100 = 1000 * sum(human.seconds) / sum(human.notes) * 100
    print(
        f"check speed (both measures) on held-out works: median {np.median(ms):.0f} ms, "
        f"p95 {np.percentile(ms, 95):.0f} ms per work; {per100:.1f} ms per 100 notes"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    commands = parser.add_subparsers(dest="command", required=True)
    sampler = commands.add_parser("sample", help="write the model's music to a folder")
    sampler.add_argument("--out", type=Path, required=True)
    sampler.add_argument("--per-preset", type=int, default=6)
    sampler.add_argument("--continues", type=int, default=30)
    measurer = commands.add_parser("measure", help="print the figures")
    measurer.add_argument("--samples", type=Path, help="a folder written by `sample`")
    measurer.add_argument("--planted", type=int, default=200)
    args = parser.parse_args(argv)
    if args.command == "sample":
        sample(args.out, args.per_preset, args.continues)
    else:
        measure(args.samples, args.planted)


if __name__ == "__main__":
    main()
