"""Build band training data: many arrangements of the corpus's training tunes, with a manifest.

Why the guards: the arrangements are training data, so nothing held out may reach them. Tunes
come only from the corpus manifest's train split and grooves only from the Groove MIDI train
split; both are checked here (`LeakError`) and again by `GrooveLibrary`, not trusted to the
caller. Styles are dealt round-robin in a seeded order, so every style gets the same number of
songs; each song has its own `random.Random` seeded from (seed, index), so a build is the
same for a seed however it is run.
"""

from __future__ import annotations

import csv
import random
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from build_scripts.arranger.arrange import ArrangeError, Arrangement, arrange
from build_scripts.arranger.grooves import GrooveLibrary, GrooveLike, LeakError
from build_scripts.arranger.melody import Melody, read_melody
from build_scripts.arranger.specs import ARRANGED_STYLES, spec_for
from build_scripts.corpus import CACHE_DIR, CORPUS_DIR, MANIFEST_PATH
from build_scripts.corpus.build import cache_file_for, song_sha256
from engine.compose.tokens import unencodable_bars
from engine.project.project_file import load_project, save_project

ARRANGED_DIR = CACHE_DIR / "arranged"
ARRANGED_MANIFEST = CORPUS_DIR / "arranged_manifest.csv"
COLUMNS = (
    "id",
    "style",
    "split",
    "melody_work_id",
    "melody_licence",
    "groove_ids",
    "licence",
    "song_sha256",
    "bars",
    "notes",
)
LICENCE_NOTE = "PD melody; drums from the Groove MIDI Dataset, CC BY 4.0"
TUNE_COLLECTIONS_WITH_PARTS = ("Bach",)
"""Multi-part collections whose top voice is a singable tune (the chorales' soprano)."""
TRIES = 60


def train_tunes(manifest: Path = MANIFEST_PATH) -> list[dict[str, str]]:
    """Manifest rows of training works that carry one tune: single-line works and chorales."""
    with manifest.open(newline="", encoding="utf-8") as handle:
        rows = [
            row
            for row in csv.DictReader(handle)
            if row["split"] == "train"
            and (row["parts"] == "1" or row["collection"] in TUNE_COLLECTIONS_WITH_PARTS)
        ]
    assert_train_only(row["split"] for row in rows)
    return rows


def assert_train_only(splits: Iterable[str]) -> None:
    """Raise LeakError unless every split given is 'train'."""
    held_out = [split for split in splits if split != "train"]
    if held_out:
        raise LeakError(f"{len(held_out)} held-out items reached the arranger")


@dataclass
class TunePool:
    """Training tunes read on first use (most builds touch only some of them)."""

    rows: list[dict[str, str]]
    _melodies: dict[str, Melody | None] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)
    """Works already arranged in this build: drawn again only when few fresh ones fit."""

    def melody(self, row: dict[str, str]) -> Melody | None:
        work_id = row["id"]
        if work_id not in self._melodies:
            self._melodies[work_id] = read_melody(work_id, load_project(cache_file_for(work_id)))
        return self._melodies[work_id]


def style_order(count: int, seed: int) -> list[str]:
    """`count` style names, each style as often as every other (+-1), in a seeded order."""
    rng = random.Random(f"arranger-styles:{seed}")
    order: list[str] = []
    while len(order) < count:
        batch = list(ARRANGED_STYLES)
        rng.shuffle(batch)
        order.extend(batch)
    return order[:count]


def arrange_one(
    style: str, pool: TunePool, library: GrooveLibrary | None, rng: random.Random
) -> tuple[Arrangement, dict[str, str]]:
    """An arrangement in `style` of a tune drawn from the pool (another one is drawn while a
    tune is unreadable, in a meter the style does not play or, in the first half of the
    draws, already arranged), and its manifest row."""
    spec = spec_for(style)
    for attempt in range(TRIES):
        row = rng.choice(pool.rows)
        if row["id"] in pool.used and attempt < TRIES // 2:
            continue
        melody = pool.melody(row)
        if melody is None or (melody.beats_per_bar == 3 and not spec.waltz):
            continue
        assert_train_only([row["split"]])
        pool.used.add(row["id"])
        return arrange(melody, style, rng, library), row
    raise ArrangeError(f"no training tune fits {style} after {TRIES} draws")


def manifest_row(song_id: str, arrangement: Arrangement, tune: dict[str, str]) -> dict[str, str]:
    song = arrangement.song
    return {
        "id": song_id,
        "style": song.style or "",
        "split": "train",
        "melody_work_id": tune["id"],
        "melody_licence": tune["licence_basis"],
        "groove_ids": ";".join(arrangement.groove_ids),
        "licence": LICENCE_NOTE,
        "song_sha256": song_sha256(song),
        "bars": str(song.bar_count),
        "notes": str(song.note_count),
    }


def load_train_grooves() -> GrooveLibrary:
    """The Groove MIDI training split (the band-data reader verifies every file's hash)."""
    from build_scripts.band_data.groove import load_groove

    items: list[GrooveLike] = list(load_groove("train"))
    assert_train_only([item.split for item in items])
    return GrooveLibrary(items)


def build(
    count: int,
    seed: int,
    out_dir: Path = ARRANGED_DIR,
    manifest: Path = ARRANGED_MANIFEST,
    library: GrooveLibrary | None = None,
) -> list[dict[str, str]]:
    """Write `count` arranged songs to `out_dir` and their manifest; returns its rows."""
    library = library if library is not None else load_train_grooves()
    tunes = train_tunes()
    pool = TunePool([row for row in tunes if cache_file_for(row["id"]).is_file()])
    if len(pool.rows) < len(tunes):
        print(
            f"{len(tunes) - len(pool.rows)} of {len(tunes)} training tunes are not in the "
            "corpus cache (run `python -m build_scripts.corpus build`); using the rest"
        )
    out_dir.mkdir(parents=True, exist_ok=True)
    rows, written = [], set()
    started, cpu_started = time.monotonic(), time.process_time()
    for index, style in enumerate(style_order(count, seed)):
        rng = random.Random(f"arranger:{seed}:{index}")
        arrangement, tune = arrange_one(style, pool, library, rng)
        if unencodable_bars(arrangement.song):
            raise ArrangeError(f"song {index} has bars the token grid cannot hold")
        song_id = f"arranged-{seed}-{index:05d}"
        save_project(arrangement.song, out_dir / f"{song_id}.tessera.json")
        written.add(f"{song_id}.tessera.json")
        rows.append(manifest_row(song_id, arrangement, tune))
    for stale in out_dir.glob("arranged-*.tessera.json"):
        if stale.name not in written:
            stale.unlink()
    write_manifest(rows, manifest)
    elapsed, cpu = time.monotonic() - started, time.process_time() - cpu_started
    print(
        f"{count} songs in {elapsed:.1f} s, {cpu:.1f} s of CPU "
        f"({count / max(cpu, 1e-9):.1f} songs per CPU second) -> {out_dir}"
    )
    return rows


def write_manifest(rows: list[dict[str, str]], path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(sorted(rows, key=lambda row: row["id"]))
