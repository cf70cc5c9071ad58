"""Build the band data: convert both sources, cache each Song, write the manifest and summary.

Why it is one quick pass with no incremental cache: the whole build reads about 1,200 small
MIDI files and takes well under a minute, so rebuilding everything is simpler and cannot go
stale. Everything written is sorted by id and built only from file contents, so two builds of
the same inputs give byte-identical files; the cache folder's `index.json` records the hash
of the manifest it belongs to, which `load_band_split` checks.
"""

from __future__ import annotations

import json
import time
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from build_scripts.band_data import (
    BAND_MANIFEST_NAME,
    BAND_README_NAME,
    CACHE_INDEX_NAME,
    SOURCES,
    BandDataError,
    cache_dir,
    manifest_sha256,
)
from build_scripts.band_data.freedoom import (
    FREEDOOM_ATTRIBUTION,
    FREEDOOM_LICENCE,
    FreedoomItem,
    FreedoomReport,
    load_freedoom_with_report,
)
from build_scripts.band_data.groove import (
    GROOVE_ATTRIBUTION,
    GROOVE_LICENCE,
    FoldReport,
    load_groove_with_report,
)
from build_scripts.corpus import CORPUS_DIR
from build_scripts.corpus.build import song_sha256
from build_scripts.corpus.manifest import Row, write_rows
from engine.atomic_write import write_atomically
from engine.project.project_file import save_project
from engine.song.song import Song

BAND_COLUMNS: tuple[str, ...] = (
    "id",  # groove-<drummer>-<session>-<n> or freedoom<1|2>-<lump name>
    "source",  # groove-midi / freedoom
    "title",
    "style",  # engine.song.styles name, empty when none fits
    "genre",  # the source's own label (Groove MIDI's style column), else empty
    "split",  # train / validation / test
    "licence",  # SPDX id: CC-BY-4.0 / BSD-3-Clause
    "attribution",
    "source_file",  # path inside models/corpus/groove-midi, or <wad>:<lump>
    "source_sha256",  # of the exact MIDI bytes parsed
    "song_sha256",  # of the cached Song (build_scripts.corpus.build.song_sha256)
    "bars",
    "notes",
    "drum_notes",
)


@dataclass(frozen=True)
class BandItem:
    """One manifest row's facts and the Song it describes."""

    id: str
    source: str
    song: Song
    genre: str
    split: str
    source_file: str
    source_sha256: str

    def row(self) -> dict[str, str]:
        song = self.song
        groove = self.source == "groove-midi"
        return {
            "id": self.id,
            "source": self.source,
            "title": song.title,
            "style": song.style or "",
            "genre": self.genre,
            "split": self.split,
            "licence": GROOVE_LICENCE if groove else FREEDOOM_LICENCE,
            "attribution": GROOVE_ATTRIBUTION if groove else FREEDOOM_ATTRIBUTION,
            "source_file": self.source_file,
            "source_sha256": self.source_sha256,
            "song_sha256": song_sha256(song),
            "bars": str(song.bar_count),
            "notes": str(song.note_count),
            "drum_notes": str(sum(len(t.notes) for t in song.tracks if t.is_drum)),
        }


@dataclass
class BuildResult:
    """What a build wrote and the reports behind BAND_DATA.md."""

    rows: list[dict[str, str]] = field(default_factory=list)
    fold: FoldReport = field(default_factory=FoldReport)
    freedoom: FreedoomReport = field(default_factory=FreedoomReport)
    freedoom_items: list[FreedoomItem] = field(default_factory=list)


def collect(sources: Collection[str], every: int, result: BuildResult) -> list[BandItem]:
    """Every item of the chosen sources, with the sources' reports filled in `result`."""
    items: list[BandItem] = []
    if "groove-midi" in sources:
        groove, result.fold = load_groove_with_report(every=every)
        items += [
            BandItem(g.id, "groove-midi", g.song, g.genre, g.split, g.source_file,
                     g.source_sha256)
            for g in groove
        ]  # fmt: skip
    if "freedoom" in sources:
        result.freedoom_items, result.freedoom = load_freedoom_with_report(every=every)
        items += [
            BandItem(f.id, "freedoom", f.song, "", f.split, f.source_file, f.source_sha256)
            for f in result.freedoom_items
        ]
    ids = [item.id for item in items]
    if len(set(ids)) != len(ids):
        raise BandDataError("two band data items share an id; the id scheme needs fixing")
    return sorted(items, key=lambda item: item.id)


def write_cache(items: list[BandItem], folder: Path) -> None:
    """One project file per item, and no leftovers from earlier builds."""
    folder.mkdir(parents=True, exist_ok=True)
    wanted = {f"{item.id}.json" for item in items}
    for old in folder.glob("*.json"):
        if old.name not in wanted and old.name != CACHE_INDEX_NAME:
            old.unlink()
    for item in items:
        save_project(item.song, folder / f"{item.id}.json")


def build(
    out_dir: Path = CORPUS_DIR, sources: Collection[str] = SOURCES, every: int = 1,
    verbose: bool = True,
) -> BuildResult:  # fmt: skip
    """Write band_manifest.csv, BAND_DATA.md and cache/band/ under `out_dir`.

    `sources` limits the build to some sources and `every` > 1 keeps every n-th file of each:
    both are for quick trials and tests, whose output must not replace the committed files.
    """
    from build_scripts.band_data.summary import print_labels, write_summary

    unknown = sorted(set(sources) - set(SOURCES))
    if unknown:
        raise BandDataError(f"unknown source(s) {', '.join(unknown)}: choose from {SOURCES}")
    started = time.monotonic()
    result = BuildResult()
    items = collect(sources, every, result)
    folder = cache_dir(out_dir)
    (folder / CACHE_INDEX_NAME).unlink(missing_ok=True)  # stale until the build completes
    write_cache(items, folder)
    result.rows = [item.row() for item in items]
    manifest = out_dir / BAND_MANIFEST_NAME
    write_rows(manifest, result.rows, BAND_COLUMNS)
    write_summary(result, out_dir / BAND_README_NAME)
    _write_index(folder, manifest)
    if verbose:
        print_labels(result)
        print(
            f"{len(items)} items: wrote {manifest}, {out_dir / BAND_README_NAME} and "
            f"{len(items)} Songs in {folder} ({time.monotonic() - started:.1f} s)"
        )
    return result


def _write_index(folder: Path, manifest: Path) -> None:
    index = json.dumps({"manifest_sha256": manifest_sha256(manifest)}, sort_keys=True)
    write_atomically(folder / CACHE_INDEX_NAME, lambda handle: handle.write(index.encode()))


def rows_of(result: BuildResult, source: str) -> list[Row]:
    return [row for row in result.rows if row["source"] == source]
