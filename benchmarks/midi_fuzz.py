"""Fuzz Tessera's MIDI import: every damaged file must import or be refused in one clear line.

Run from the project root:

    python -m benchmarks.midi_fuzz make-fixtures
    python -m benchmarks.midi_fuzz campaign [SEED_FOLDER...] --mutants 20 --out fuzz.json

`make-fixtures` rewrites tests/fixtures/midi_fuzz/: the seeds, every targeted case and a fixed
set of random mutants of the seeds (`benchmarks.midi_mutations`; all bytes written there, so
the fixtures hold no third-party music). tests/engine/project/test_midi_fuzz.py imports each in the
default suite. The output is the same on every run: the random mutants come from fixed seeds.

`campaign` is the slower run the default suite leaves out: every fixture, then `--mutants`
random mutants of each MIDI file up to 64 KB in the SEED_FOLDERs (real files, e.g. those
`benchmarks.midi_corpus fetch` gathers). Each import runs in a forked child with a
time and memory limit (`benchmarks.midi_isolate`) and ends as one of: ok, refused (a
MidiImportError), traceback (any other exception), hang (killed at the time limit), memory
(MemoryError) or crash (killed by a signal). A refusal whose message spans lines or shows a
parser's own text counts as unclear. It prints the counts, each distinct traceback once, the
hangs, and the slowest import and largest peak memory among files under 1 KB.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from benchmarks.midi_corpus import OUTCOMES, SMALL_FILE_BYTES, classify
from benchmarks.midi_isolate import Payload, fork_baseline_kib, run_isolated
from benchmarks.midi_mutations import random_mutation, seeds, targeted_cases
from engine.project.midi.reader import MIDI_SUFFIXES, read_midi

FIXTURE_DIR = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "midi_fuzz"
FIXTURE_MUTANTS_PER_SEED = 25
PARSER_TEXT = ("Invaild", "MiniMidi", "iostream", "Cursor would be", "symusic", "std::")
"""Text from a parser's internals that must never reach the user in an error message."""
MAX_SEED_BYTES = 64 * 1024
"""Real seed files larger than this are skipped: mutants of a small file find the same faults
and run many times faster."""


def fixture_files() -> dict[str, bytes]:
    """File name -> bytes of every fixture: seeds, targeted cases, then numbered mutants."""
    files = {f"seed_{name}.mid": data for name, data in seeds().items()}
    files |= {f"{name}.mid": data for name, data in targeted_cases().items()}
    for seed_number, (seed_name, data) in enumerate(seeds().items()):
        for number in range(FIXTURE_MUTANTS_PER_SEED):
            rng = random.Random(1000 * seed_number + number)
            operations, mutant = random_mutation(data, rng)
            files[f"mutant_{seed_name}_{number:02}_{operations}.mid"] = mutant
    return files


def make_fixtures(folder: Path = FIXTURE_DIR) -> None:
    """Replace the .mid files in `folder` with `fixture_files()`."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.mid"):
        old.unlink()
    files = fixture_files()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    print(f"wrote {len(files)} files, {sum(map(len, files.values()))} bytes, to {folder}")


def unclear(message: str) -> bool:
    """A refusal a user cannot act on: more than one line, or a parser's internal text."""
    return "\n" in message.strip() or any(text in message for text in PARSER_TEXT)


def campaign_inputs(folders: list[Path], mutants: int, rng_seed: int) -> dict[str, bytes]:
    """Name -> bytes: the fixtures, then `mutants` random mutants of each real seed file."""
    inputs = fixture_files()
    real = [
        path
        for folder in folders
        for path in sorted(folder.rglob("*"))
        if path.suffix.lower() in MIDI_SUFFIXES and path.stat().st_size <= MAX_SEED_BYTES
    ]
    rng = random.Random(rng_seed)
    for path in real:
        data = path.read_bytes()
        for number in range(mutants):
            operations, mutant = random_mutation(data, rng)
            inputs[f"{path.stem}_{number:02}_{operations}.mid"] = mutant
    return inputs


def run_one(data: bytes, name: str, timeout_s: float, memory_mib: int) -> dict[str, Any]:
    """Import one input in isolation and record how it ended."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        result = run_isolated(lambda: _import(path), timeout_s, memory_mib)
    outcome = classify(result)
    return {
        "name": name,
        "bytes": len(data),
        "outcome": outcome,
        "unclear": outcome == "refused" and unclear(result.error),
        "error": result.error,
        "error_type": result.error_type,
        "trace": result.trace if outcome == "traceback" else "",
        "elapsed_s": result.elapsed_s,
        "peak_rss_kib": result.peak_rss_kib,
    }


def _import(path: Path) -> Payload:
    result = read_midi(path)
    return {"notes": result.song.note_count, "warnings": len(result.warnings)}


def campaign(inputs: dict[str, bytes], timeout_s: float, memory_mib: int) -> dict[str, Any]:
    rows = []
    for name, data in inputs.items():
        row = run_one(data, name, timeout_s, memory_mib)
        rows.append(row)
        print(f"{row['outcome']:9} {row['elapsed_s'] * 1000:9.1f} ms  {name}", file=sys.stderr)
    return {
        "timeout_s": timeout_s,
        "memory_mib": memory_mib,
        "fork_baseline_kib": fork_baseline_kib(),
        "rows": rows,
    }


def report(results: dict[str, Any]) -> str:
    """Counts by outcome, each kind of failure once, and the small-file extremes."""
    rows = results["rows"]
    counts = Counter(row["outcome"] for row in rows)
    lines = [
        "| inputs | " + " | ".join(OUTCOMES) + " | unclear refusals |",
        "|" + "---|" * (len(OUTCOMES) + 2),
        f"| {len(rows)} | "
        + " | ".join(str(counts[name]) for name in OUTCOMES)
        + f" | {sum(row['unclear'] for row in rows)} |",
        "",
    ]
    failures: dict[str, list[str]] = {}
    for row in rows:
        key = _failure_key(row)
        if key:
            failures.setdefault(key, []).append(row["name"])
    for what, names in sorted(failures.items()):
        lines.append(f"- {len(names)} × {what} (e.g. {', '.join(names[:3])})")
    small = [row for row in rows if row["bytes"] < SMALL_FILE_BYTES]
    if small:
        slowest = max(small, key=lambda row: row["elapsed_s"])
        largest = max(small, key=lambda row: row["peak_rss_kib"])
        lines.append(
            f"\nInputs under {SMALL_FILE_BYTES} bytes: {len(small)}; slowest "
            f"{slowest['elapsed_s']:.2f} s ({slowest['name']}, {slowest['outcome']}); largest "
            f"peak RSS {largest['peak_rss_kib'] / 1024:.1f} MiB ({largest['name']}); a forked "
            f"child that does nothing peaks at {results['fork_baseline_kib'] / 1024:.1f} MiB."
        )
    return "\n".join(lines)


def _failure_key(row: dict[str, Any]) -> str:
    """What went wrong with an input, worded so that the same fault groups together ('' if
    nothing did): numbers and the input's own name are left out."""
    if row["outcome"] == "traceback":
        detail = row["trace"].strip().splitlines()[-1]
    elif row["outcome"] in ("hang", "memory", "crash"):
        return str(row["outcome"])
    elif row["unclear"]:
        detail = row["error"].replace(row["name"], "FILE")
    else:
        return ""
    label = "unclear refusal" if row["unclear"] else row["outcome"]
    return f"{label}: {re.sub(r'[0-9]+', 'N', detail)[:140]}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("make-fixtures", help="rewrite tests/fixtures/midi_fuzz/")
    run_parser = commands.add_parser("campaign", help="import many mutants in isolation")
    run_parser.add_argument("folders", type=Path, nargs="*", help="real MIDI files to mutate")
    run_parser.add_argument("--mutants", type=int, default=20, help="per real seed file")
    run_parser.add_argument("--rng-seed", type=int, default=0)
    run_parser.add_argument("--timeout-s", type=float, default=20.0)
    run_parser.add_argument("--memory-mib", type=int, default=4096)
    run_parser.add_argument("--out", type=Path, help="write every row as JSON here")
    args = parser.parse_args(argv)
    if args.command == "make-fixtures":
        make_fixtures()
        return
    inputs = campaign_inputs(args.folders, args.mutants, args.rng_seed)
    results = campaign(inputs, args.timeout_s, args.memory_mib)
    if args.out:
        args.out.write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(report(results))


if __name__ == "__main__":
    main()
