"""Write the originality index that ships beside the model: models/corpus/originality_index.npz.

Only the train split is indexed, because that is what the model learned from; validation and
test works are the human baseline the flag threshold is calibrated against. Each pitched track
of a train work becomes one melody line (`engine.originality.index.skyline`), read from the
Song cache the corpus build writes. The file is deterministic (manifest order, fixed arrays), so
rebuilding an unchanged corpus rewrites the same bytes apart from the zip timestamps.

Run `python -m build_scripts.corpus index` (about a minute from the cache); `build` runs it too.
"""

from __future__ import annotations

import csv
import time
from pathlib import Path

from build_scripts.corpus import CORPUS_DIR, MANIFEST_PATH
from build_scripts.corpus.build import load_cached_song
from engine.originality.index import Line, WorkInfo, save_index, song_lines

INDEX_FILE = CORPUS_DIR / "originality_index.npz"
INDEXED_SPLIT = "train"


def train_rows(manifest: Path = MANIFEST_PATH) -> list[dict[str, str]]:
    with manifest.open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle) if row["split"] == INDEXED_SPLIT]


def build_index(manifest: Path = MANIFEST_PATH, out: Path = INDEX_FILE) -> None:
    """Read every train work's cached Song and write the index file."""
    started = time.monotonic()
    works: list[WorkInfo] = []
    lines: list[tuple[int, int, Line]] = []
    for row in train_rows(manifest):
        song = load_cached_song(row["id"])
        number = len(works)
        works.append(
            WorkInfo(
                row["id"], row["title"], row["composer"], row["collection"], row["licence_code"]
            )
        )
        lines.extend(
            (number, track, line) for track, line in song_lines(song) if len(line.pitches) > 1
        )
    save_index(out, works, lines)
    notes = sum(len(line.pitches) for *_, line in lines)
    print(
        f"originality index: {len(works)} train works, {len(lines)} lines, {notes} notes; "
        f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB, {time.monotonic() - started:.0f} s)",
        flush=True,
    )
