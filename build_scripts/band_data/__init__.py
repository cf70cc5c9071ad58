"""Clean band data for training: drums from the Groove MIDI Dataset, full bands from Freedoom.

Why a separate builder from `build_scripts.corpus`: the corpus holds public-domain scores with
no drums and no modern styles; a band model needs human drumming and rock/metal/electronic
arrangements. Both sources here are permissively licensed (CC BY 4.0 and BSD-3-Clause), and
every item is pinned in `models/corpus/band_manifest.csv` with its licence, the sha256 of the
exact bytes parsed, the hash of the converted Song and its split.

Run `python -m build_scripts.band_data build` to (re)write the manifest, the summary
`BAND_DATA.md` and the git-ignored Song cache under models/corpus/cache/band/; training code
then reads a split with `load_band_split`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection
from pathlib import Path

from build_scripts.corpus import CORPUS_DIR
from build_scripts.corpus.manifest import read_rows
from engine.errors import TesseraError
from engine.project.project_file import load_project
from engine.song.song import Song

BAND_MANIFEST_NAME = "band_manifest.csv"
BAND_README_NAME = "BAND_DATA.md"
BAND_CACHE_PARTS = ("cache", "band")
"""The cache folder, relative to the output folder (models/corpus/cache/band by default)."""
CACHE_INDEX_NAME = "index.json"
"""Written last by a build: the hash of the manifest the cached Songs belong to."""

SOURCES = ("groove-midi", "freedoom")
SPLITS = ("train", "validation", "test")
BUILD_COMMAND = ".venv/bin/python -m build_scripts.band_data build"


class BandDataError(TesseraError):
    """Band data that is missing, altered or stale; the message says what to run or restore."""


def cache_dir(out_dir: Path = CORPUS_DIR) -> Path:
    return out_dir.joinpath(*BAND_CACHE_PARTS)


def manifest_sha256(manifest: Path) -> str:
    return hashlib.sha256(manifest.read_bytes()).hexdigest()


def load_band_split(
    split: str, sources: Collection[str] | None = None, out_dir: Path = CORPUS_DIR
) -> list[Song]:
    """The cached Songs of one split (optionally of some sources), in manifest order.

    The cache is never built here: a build takes a minute and needs the freedoom package, so a
    missing or stale cache is an error that names the command to run.
    """
    if split not in SPLITS:
        raise BandDataError(f"unknown split {split!r}: choose one of {', '.join(SPLITS)}")
    unknown = sorted(set(sources or ()) - set(SOURCES))
    if unknown:
        raise BandDataError(
            f"unknown band data source(s) {', '.join(unknown)}: choose from {', '.join(SOURCES)}"
        )
    manifest = out_dir / BAND_MANIFEST_NAME
    _check_cache(manifest, cache_dir(out_dir))
    wanted = set(sources) if sources is not None else set(SOURCES)
    return [
        load_project(cache_dir(out_dir) / f"{row['id']}.json")
        for row in read_rows(manifest)
        if row["split"] == split and row["source"] in wanted
    ]


def _check_cache(manifest: Path, folder: Path) -> None:
    """Raise unless the cache was written by a build of exactly this manifest."""
    if not manifest.is_file():
        raise BandDataError(f"no band manifest at {manifest}: run `{BUILD_COMMAND}`")
    try:
        index = json.loads((folder / CACHE_INDEX_NAME).read_text("utf-8"))
    except (OSError, ValueError) as err:
        raise BandDataError(
            f"the band data cache in {folder} is missing or unreadable ({err}); "
            f"build it with `{BUILD_COMMAND}` (about a minute)"
        ) from err
    if index.get("manifest_sha256") != manifest_sha256(manifest):
        raise BandDataError(
            f"the band data cache in {folder} was built for another version of "
            f"{manifest.name}; rebuild it with `{BUILD_COMMAND}`"
        )
