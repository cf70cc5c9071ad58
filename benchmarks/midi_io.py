"""Tessera's MIDI import/export against pretty_midi, and how readers treat broken files.

Run `python -m benchmarks.midi_io` from the project root. It writes a ~100k-note, 16-track
file (with `benchmarks.midi_factory.make_large_file`) into a temporary folder, then prints:

- best-of-5 wall times (time.perf_counter) in ms for Tessera's import (`read_midi`: symusic plus
  cleanup into a Song) against `pretty_midi.PrettyMIDI`, and Tessera's export (`export_midi`:
  mido, atomic write) against `PrettyMIDI.write`, with the ratio pretty_midi / Tessera;
- the peak Python-heap memory of one run of each (tracemalloc: allocations made through
  Python's allocators, numpy included; symusic's own C++ buffers are not counted);
- for each file in tests/fixtures/broken/, what symusic, mido, pretty_midi and Tessera do
  with it: raise (and which error) or accept silently (and how many notes they found).
"""

from __future__ import annotations

import sys
import tempfile
import time
import tracemalloc
import warnings
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

import mido
import pretty_midi
from symusic.core import ScoreTick

from benchmarks.midi_factory import make_large_file
from engine.project.midi.files import export_midi, read_midi

BROKEN_DIR = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "broken"
RUNS = 5


def best_ms(action: Callable[[], object], runs: int = RUNS) -> float:
    """The fastest of `runs` calls, in milliseconds."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best * 1000


def peak_mib(action: Callable[[], object]) -> float:
    """Peak Python-heap allocation during one call, in MiB."""
    tracemalloc.start()
    try:
        action()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 2**20


def compare(label: str, tessera: Callable[[], object], other: Callable[[], object]) -> None:
    """Print one row: Tessera's and pretty_midi's best times, the ratio and peak memory."""
    tessera_ms, other_ms = best_ms(tessera), best_ms(other)
    tessera_mib, other_mib = peak_mib(tessera), peak_mib(other)
    print(
        f"{label:<8} {tessera_ms:>10.1f} {other_ms:>12.1f} {other_ms / tessera_ms:>8.1f}x "
        f"{tessera_mib:>11.1f} {other_mib:>12.1f}"
    )


def run_speed(folder: Path) -> None:
    source = folder / "large.mid"
    spec = make_large_file(source)
    song = read_midi(source).song
    loaded = pretty_midi.PrettyMIDI(str(source))
    print(
        f"file: {len(spec.notes):,} notes, {len(spec.track_names)} tracks, "
        f"{source.stat().st_size / 2**20:.2f} MiB; best of {RUNS} runs"
    )
    print(
        f"{'':<8} {'Tessera ms':>10} {'pretty_midi ms':>12} {'ratio':>9} "
        f"{'Tessera MiB':>11} {'pretty_midi MiB':>12}"
    )
    compare("import", lambda: read_midi(source), lambda: pretty_midi.PrettyMIDI(str(source)))
    compare(
        "export",
        lambda: export_midi(song, folder / "tessera.mid"),
        lambda: loaded.write(str(folder / "pretty.mid")),
    )


def outcome(read: Callable[[Path], int], path: Path) -> str:
    """'accepts: N notes' or 'raises ErrorType' for one reader on one file."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            notes = read(path)
    except Exception as err:  # any failure of any reader is what the table reports
        return f"raises {type(err).__name__}"
    return f"accepts: {notes} notes"


def _symusic_notes(path: Path) -> int:
    return int(ScoreTick.from_file(path).note_num())


def _mido_notes(path: Path) -> int:
    midi = mido.MidiFile(path)
    return sum(1 for track in midi.tracks for m in track if m.type == "note_on" and m.velocity)


def _pretty_midi_notes(path: Path) -> int:
    return sum(len(i.notes) for i in pretty_midi.PrettyMIDI(str(path)).instruments)


def _tessera_notes(path: Path) -> int:
    return read_midi(path).song.note_count


READERS: dict[str, Callable[[Path], int]] = {
    "symusic": _symusic_notes,
    "mido": _mido_notes,
    "pretty_midi": _pretty_midi_notes,
    "Tessera": _tessera_notes,
}


def run_robustness() -> None:
    width = 27
    print(f"{'file':<28}" + "".join(f"{name:<{width}}" for name in READERS))
    for path in sorted(BROKEN_DIR.glob("*.mid")):
        cells = [outcome(read, path) for read in READERS.values()]
        print(f"{path.name:<28}" + "".join(f"{cell:<{width}}" for cell in cells))


def main() -> int:
    versions = ", ".join(f"{name} {version(name)}" for name in ("symusic", "mido", "pretty_midi"))
    print(f"Python {sys.version.split()[0]}, {versions}")
    with tempfile.TemporaryDirectory() as folder:
        run_speed(Path(folder))
    print()
    run_robustness()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
