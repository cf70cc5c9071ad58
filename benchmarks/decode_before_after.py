"""The decode loop's speed before and after it ran on token ids, measured side by side in one run.

    PYTHONPATH=. python -m benchmarks.decode_before_after [--before ad0c03a] [--rounds 4]
        [--phrases 30] [--live-rounds 2] [--real-time 10] [--profile]

The code at `--before` (default ad0c03a, the last commit whose decode loop went token id ->
string -> id) is checked out once with `git worktree add /tmp/decode-before ad0c03a` (the
script does it when that folder is missing; `git worktree remove /tmp/decode-before` drops
it). Each side runs in its own worker process whose PYTHONPATH is its own tree, so each
measures its own engine; both load the model once, and the parent asks them for blocks of
measurements in turns, the side that goes first alternating, so load from other processes on
a shared machine falls on both alike. The workers call only functions both versions have, each by
its module's path in either layout (`_engine`).
About three minutes with the defaults, half of it the real-time live runs.

It prints one table, each row a figure for both sides and after / before:

- regenerate 1 track-bar, 16 bars of context: `benchmarks.midi_model`'s song and cell, with
  onnxruntime on 2 threads, seeds 0..6 on the same song in each of `--rounds` rounds, as that
  benchmark does (p50, p90 ms). Asking again for the same cells is what it times, and the
  after side reuses the cached prompt for that; so a "cold" row follows, each seed on a new
  song (the demo song moved up a semitone more each time, its tempo alternating), where
  nothing can be reused.
- live answer: `benchmarks.live`'s scripted phrases (seed 0, 160 BPM, 1 thread; `--phrases`
  of them, the session replayed `--live-rounds` times) played through the session's own
  calls without its clock: at every release of a key the session asks for the answer bar
  speculatively (`answer_work`, `write_live`), and the answer played is the one asked for at
  the phrase's last release. Its time is what `benchmarks.live` reports as "model ms, last
  note -> first answer bar ready", less the loop's scheduling (p50, p95 ms); "all jobs" counts
  every speculative job.
- with `--real-time N` (default 10; 0 skips it): `python -m benchmarks.live --phrases N`
  itself, once in each tree, on the real clock: its "last note -> first answer bar ready" p50
  and p95 (about 50 s a run; with so few answers its p95 is the worst one or two).

Then "same notes": whether both sides wrote identical notes in every measured operation (the
change must not alter the music a seed gives). `--profile` adds each side's cProfile top
entries (by own time) for 7 cold regenerates and for a live replay of 10 phrases.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import io
import json
import os
import pstats
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
BEFORE_TREE = Path("/tmp/decode-before")
REGEN_SEEDS = 7
LIVE_TEMPO = 160.0
LIVE_BLOCK = 5
"""Live phrases per turn."""
PAUSE_S = 0.2


# --- the worker: runs inside one tree's engine ---------------------------------------------------


def _engine(module: str, before: str) -> Any:
    """An engine module by its path in the wings (`engine.compose.decode`) or, in a tree from
    before the engine was split into wings, by its old flat name (`engine.generate`)."""
    import importlib

    try:
        return importlib.import_module(f"engine.{module}")
    except ModuleNotFoundError:
        return importlib.import_module(f"engine.{before}")


class Worker:
    """One side's engine: the models, the songs, and a live session being replayed."""

    def __init__(self) -> None:
        from benchmarks.midi_model import demo_song

        model = _engine("compose.midi_model", "inference")
        self.regen_model = model.MidiModel(threads=2)  # as benchmarks.midi_model
        self.live_model = model.MidiModel(threads=1)  # as benchmarks.live's default
        self.song = demo_song()
        self.reset_live()
        self.regen(0, None)  # warm onnxruntime up
        self.regen(0, -1)

    def cold_song(self, number: int) -> Any:
        """The demo song moved up `number % 12 + 1` semitones (drums stay), at 120 BPM for an
        even number and 100 for an odd one: its prompt differs from the last one's from the
        tempo token on, and twelve songs in turn are more than the quantized tracks kept."""
        import dataclasses

        song_types = _engine("song.song", "song")

        shift = number % 12 + 1
        tracks = tuple(
            track
            if track.is_drum
            else dataclasses.replace(
                track,
                notes=tuple(dataclasses.replace(n, pitch=n.pitch + shift) for n in track.notes),
            )
            for track in self.song.tracks
        )
        tempo = song_types.TempoChange(0, 100.0 if number % 2 else 120.0)
        return dataclasses.replace(self.song, tracks=tracks, tempos=(tempo,))

    def regen(self, seed: int, number: int | None) -> dict[str, Any]:
        """Regenerate the last bar of the first track: of the demo song, or (a number) of
        that cold song."""
        decode = _engine("compose.decode", "generate")

        song = self.song if number is None else self.cold_song(number)
        started = time.perf_counter()
        notes = decode.fill_cells(
            self.regen_model, song, [(0, 16)], decode.SamplingSettings(seed=seed)
        )
        elapsed = (time.perf_counter() - started) * 1e3
        return {"ms": elapsed, "digest": _digest(notes)}

    def reset_live(self) -> None:
        music = _engine("live.music", "live_music")
        self.settings = music.LiveSettings(
            tempo_bpm=LIVE_TEMPO, answer_bars=1, pause_beats=1.0, seed=0
        )
        self.rng = np.random.default_rng(0)  # benchmarks.live's phrases for --seed 0
        self.player: list[Any] = []
        self.answers: list[Any] = []
        self.phrase_index = 0

    def live_phrase(self) -> dict[str, Any]:
        """Play the next phrase: one speculative answer job per key released, as
        `LiveSession._release` submits them and `LiveSession._run` runs them."""
        from benchmarks.live import phrase

        music = _engine("live.music", "live_music")
        answer_work, played_note = music.answer_work, music.played_note
        write_live = music.write_live
        detect_key = _engine("live.timing", "live_timing").detect_key
        ppq = _engine("song.song", "song").PPQ

        settings = self.settings
        beats_per_bar = settings.meter[0]
        notes = phrase(self.rng, (3 * self.phrase_index + 1) * beats_per_bar)
        self.phrase_index += 1
        times, answer = [], []
        for beat, pitch, length in notes:
            self.player.append(
                played_note(beat * ppq, (beat + length) * ppq, pitch, 90, settings.grid_ticks)
            )
            release = (beat + length) * ppq
            bar = int(-(-(release + settings.pause_beats * ppq) // settings.bar_ticks))
            key = detect_key((n.pitch, n.duration_ticks) for n in self.player)
            started = time.perf_counter()
            song, work = answer_work(settings, [*self.player, *self.answers], bar, key)
            out = write_live(self.live_model, song, work, settings.seed * 100_003 + bar)
            answer = list(out.notes_in_bar(0, bar))
            times.append((time.perf_counter() - started) * 1e3)
        self.answers.extend(answer)  # the last job's bar is the one played
        return {"ms": times[-1], "all_ms": times, "digest": _digest(answer)}

    def profile(self) -> dict[str, Any]:
        """cProfile's top entries for cold regenerates and for a live replay."""
        out = {}
        for name, work in (
            ("regenerate (7 cold)", lambda: [self.regen(s, s) for s in range(7)]),
            ("live replay (10 phrases)", self._live_replay),
        ):
            profiler = cProfile.Profile()
            profiler.enable()
            work()
            profiler.disable()
            text = io.StringIO()
            pstats.Stats(profiler, stream=text).sort_stats("tottime").print_stats(14)
            out[name] = _short_paths(text.getvalue())
        return out

    def _live_replay(self) -> None:
        self.reset_live()
        for _ in range(10):
            self.live_phrase()


def _digest(notes: Any) -> str:
    return hashlib.sha256(repr(notes).encode()).hexdigest()[:16]


def _short_paths(text: str) -> str:
    """Profile lines with paths cut to the repository-relative part or the file name."""
    lines = []
    for line in text.splitlines():
        inside = re.sub(r"\S*/((?:engine|benchmarks)/\w+\.py)", r"\1", line)
        lines.append(re.sub(r"(?<!\S)/\S*/(\w+\.py)", r"\1", inside))  # other absolute paths
    total = [line.strip() for line in lines if "function calls" in line]
    table = [i for i, line in enumerate(lines) if "ncalls" in line]
    return "\n".join(total + (lines[table[0] :] if table else lines)).rstrip()


def serve() -> None:
    """Answer one JSON command per line on stdin with one JSON line on stdout."""
    worker = Worker()
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        command = json.loads(line)
        op = command["op"]
        if op == "regen":
            reply = worker.regen(command["seed"], command["song"])
        elif op == "live_phrase":
            reply = worker.live_phrase()
        elif op == "live_reset":
            worker.reset_live()
            reply = {}
        elif op == "profile":
            reply = worker.profile()
        else:
            raise ValueError(f"unknown op {op!r}")
        print(json.dumps(reply), flush=True)


# --- the parent: both sides in turn ------------------------------------------------------------


class Side:
    """A worker process for one tree."""

    def __init__(self, name: str, tree: Path) -> None:
        self.name, self.tree = name, tree
        env = {**os.environ, "PYTHONPATH": str(tree)}
        # -P: the script's folder (this tree's benchmarks/) is not put on sys.path, so the
        # worker imports everything from `tree`.
        self.process = subprocess.Popen(
            [sys.executable, "-P", str(Path(__file__).resolve()), "--worker"],
            cwd=tree,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.ask_ready()

    def ask_ready(self) -> None:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"the {self.name} worker did not start")

    def ask(self, **command: Any) -> Any:
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"the {self.name} worker stopped")
        return json.loads(line)

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=30)


def ensure_before_tree(commit: str) -> Path:
    if not (BEFORE_TREE / "engine").is_dir():
        subprocess.run(
            ["git", "worktree", "add", "--detach", str(BEFORE_TREE), commit],
            cwd=ROOT,
            check=True,
        )
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=BEFORE_TREE, capture_output=True, text=True, check=True
    ).stdout.strip()
    wanted = subprocess.run(
        ["git", "rev-parse", commit], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    if head != wanted:
        raise SystemExit(f"{BEFORE_TREE} is at {head[:7]}, not {commit}: remove it and rerun")
    return BEFORE_TREE


def in_turns(
    sides: list[Side], count: int, block: int, ask: Callable[[Side, int], dict[str, Any]]
) -> dict[str, list[dict[str, Any]]]:
    """`ask(side, i)` for i in range(count) on both sides, taking turns a block of `block`
    at a time, the side that goes first alternating. Blocks, not single measurements: in
    turns of one, each measurement began with the processor's caches full of the other
    process's weights and cache (a warm regenerate took 4 times as long as on its own), which
    measures the switching, not the code; within a block the caches are as warm as in the
    project's own benchmarks, and turns still share any outside load between the sides."""
    results: dict[str, list[dict[str, Any]]] = {side.name: [] for side in sides}
    for turn, first in enumerate(range(0, count, block)):
        for side in sides if turn % 2 == 0 else sides[::-1]:
            time.sleep(PAUSE_S)  # let the other side's onnxruntime threads stop spinning
            for index in range(first, min(first + block, count)):
                results[side.name].append(ask(side, index))
    return results


def real_time_live(tree: Path, phrases: int) -> tuple[float, float]:
    """`benchmarks.live`'s "last note -> first answer bar ready" (p50, p95) in one tree."""
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.live", "--phrases", str(phrases)],
        cwd=tree,
        env={**os.environ, "PYTHONPATH": str(tree)},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = re.search(r"last note -> first answer bar ready\s+p50\s+([\d.]+)\s+p95\s+([\d.]+)", out)
    if found is None:
        raise RuntimeError(f"no latency line in benchmarks.live's output:\n{out}")
    return float(found[1]), float(found[2])


def _p(values: list[float], q: float) -> float:
    return float(np.percentile(values, q))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--before", default="ad0c03a", help="the commit to compare against")
    parser.add_argument("--rounds", type=int, default=4, help="regenerate rounds of 7 seeds")
    parser.add_argument("--phrases", type=int, default=30, help="live phrases per replay")
    parser.add_argument("--live-rounds", type=int, default=2, help="replays of the session")
    parser.add_argument("--real-time", type=int, default=10, help="phrases per real-time run")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        serve()
        return
    started = time.perf_counter()
    before = ensure_before_tree(args.before)
    sides = [Side("before", before), Side("after", ROOT)]
    rows: list[tuple[str, float, float]] = []
    same = True
    seeds = REGEN_SEEDS * args.rounds
    for cold in (False, True):

        def regen(side: Side, index: int, cold: bool = cold) -> Any:
            return side.ask(op="regen", seed=index % REGEN_SEEDS, song=index if cold else None)

        got = in_turns(sides, seeds, REGEN_SEEDS, regen)
        same &= [r["digest"] for r in got["before"]] == [r["digest"] for r in got["after"]]
        label = "regenerate 1 track-bar" + (", cold" if cold else "")
        for q in (50, 90):
            rows.append(
                (
                    f"{label} p{q} ms",
                    _p([r["ms"] for r in got["before"]], q),
                    _p([r["ms"] for r in got["after"]], q),
                )
            )

    def phrase(side: Side, index: int) -> Any:
        if index and index % args.phrases == 0:  # the next round replays the session again
            side.ask(op="live_reset")
        return side.ask(op="live_phrase")

    live = in_turns(sides, args.phrases * args.live_rounds, LIVE_BLOCK, phrase)
    same &= [r["digest"] for r in live["before"]] == [r["digest"] for r in live["after"]]
    for q in (50, 95):
        rows.append(
            (
                f"live answer p{q} ms",
                _p([r["ms"] for r in live["before"]], q),
                _p([r["ms"] for r in live["after"]], q),
            )
        )
    rows.append(
        (
            "live, all jobs p95 ms",
            _p([t for r in live["before"] for t in r["all_ms"]], 95),
            _p([t for r in live["after"] for t in r["all_ms"]], 95),
        )
    )
    profiles = {side.name: side.ask(op="profile") for side in sides} if args.profile else {}
    for side in sides:
        side.close()
    if args.real_time:
        timed = {side.name: real_time_live(side.tree, args.real_time) for side in sides}
        for index, q in enumerate((50, 95)):
            rows.append(
                (
                    f"live real time p{q} ms ({args.real_time} phrases)",
                    timed["before"][index],
                    timed["after"][index],
                )
            )
    print(f"before: {args.before} ({before}); after: {ROOT}; {os.cpu_count()} CPUs")
    print(f"{'':44} {'before':>8} {'after':>8} {'after/before':>13}")
    for name, old, new in rows:
        print(f"{name:44} {old:8.1f} {new:8.1f} {new / old:13.2f}")
    print(f"same notes on both sides: {'yes' if same else 'NO'}")
    for name, tables in profiles.items():
        for what, text in tables.items():
            print(f"\n--- profile, {name}: {what}\n{text}")
    print(f"\n({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
