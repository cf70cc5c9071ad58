"""Where the symbolic model's training songs come from, and in what proportion.

    corpus    public-domain works from music21's corpus (folk tunes, chorales, quartets, piano)
    groove    the Groove MIDI Dataset's human drum performances (CC BY 4.0)
    freedoom  Freedoom's multi-track songs: drums, bass, guitars, pads (BSD-3-Clause)
    arranged  corpus melodies set in band styles by build_scripts.arranger (train split only)

A training run draws each example's song from a source chosen with the mix's weights, so a
small source is not drowned by a large one and the arranged songs stay a minority of what the
model sees (the run logs the tokens each source gave). Validation and every quality figure use
real music only: the arranged source has no held-out split.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path

from build_scripts.corpus.splits import CORPUS_DIR, load_split
from engine.project.project_file import load_project
from engine.song.song import Song

SOURCE_NAMES = ("corpus", "groove", "freedoom", "arranged")
DEFAULT_MIX = "corpus=0.5,groove=0.15,freedoom=0.15,arranged=0.2"
"""Arranged examples are long (all parts of a band, ~790 tokens against ~390 for a corpus
work), so a fifth of the examples is about two fifths of the tokens: under half, as promised."""
ARRANGED_MANIFEST = CORPUS_DIR / "arranged_manifest.csv"
MANIFESTS = {
    "corpus": CORPUS_DIR / "manifest.csv",
    "groove": CORPUS_DIR / "band_manifest.csv",
    "freedoom": CORPUS_DIR / "band_manifest.csv",
    "arranged": ARRANGED_MANIFEST,
}
"""The file that lists each source's items with licence, hashes and split."""
ARRANGED_CACHE = CORPUS_DIR / "cache" / "arranged"


class SourceError(ValueError):
    """A mix that names an unknown source, or a source whose data is not built."""


@dataclass(frozen=True)
class Source:
    name: str
    weight: float
    songs: tuple[Song, ...]


def parse_mix(text: str) -> dict[str, float]:
    """'corpus=0.5,groove=0.5' -> {'corpus': 0.5, 'groove': 0.5} (weights need not sum to 1)."""
    mix: dict[str, float] = {}
    for part in filter(None, (piece.strip() for piece in text.split(","))):
        name, _, weight = part.partition("=")
        if name not in SOURCE_NAMES:
            raise SourceError(f"unknown source {name!r} in the mix: use {', '.join(SOURCE_NAMES)}")
        try:
            mix[name] = float(weight)
        except ValueError as err:
            raise SourceError(f"the weight of {name!r} must be a number, got {weight!r}") from err
        if mix[name] < 0:
            raise SourceError(f"the weight of {name!r} must not be negative")
    if not any(mix.values()):
        raise SourceError(f"the mix {text!r} gives every source weight 0")
    return mix


def load_source(name: str, split: str, limit: int | None = None) -> list[Song]:
    """The Songs of one source's split (the arranged source has only 'train')."""
    if name == "corpus":
        return load_split(split, limit)
    if name in ("groove", "freedoom"):
        from build_scripts.band_data import load_band_split  # offline tooling, built on demand

        songs = load_band_split(split, sources=[_band_source_name(name)])
        return songs[:limit]
    if name == "arranged":
        return [] if split != "train" else _arranged_songs(limit)
    raise SourceError(f"unknown source {name!r}: use {', '.join(SOURCE_NAMES)}")


def _band_source_name(name: str) -> str:
    return "groove-midi" if name == "groove" else name


def _arranged_songs(limit: int | None) -> list[Song]:
    if not ARRANGED_MANIFEST.exists():
        raise SourceError(
            f"no arranged songs: run `python -m build_scripts.arranger build` ({ARRANGED_MANIFEST})"
        )
    with ARRANGED_MANIFEST.open(newline="", encoding="utf-8") as handle:
        ids = [row["id"] for row in csv.DictReader(handle) if row["split"] == "train"]
    paths = [_arranged_path(work_id) for work_id in ids[:limit]]
    missing = [path for path in paths if not path.exists()]
    if missing:
        raise SourceError(
            f"{len(missing)} arranged songs are not in {ARRANGED_CACHE} (first: {missing[0].name});"
            " run `python -m build_scripts.arranger build`"
        )
    return [load_project(path) for path in paths]


def _arranged_path(work_id: str) -> Path:
    direct = ARRANGED_CACHE / f"{work_id}.json"
    return direct if direct.exists() else ARRANGED_CACHE / f"{work_id}.tessera.json"


def load_sources(mix: Mapping[str, float], split: str, limit: int | None = None) -> list[Source]:
    """Every source with a positive weight and at least one song in `split`."""
    sources = []
    for name, weight in mix.items():
        if weight <= 0:
            continue
        songs = load_source(name, split, limit)
        if songs:
            sources.append(Source(name, weight, tuple(songs)))
    return sources


def manifest_hashes(names: Collection[str]) -> dict[str, str]:
    """sha256 of each source's manifest as the run read it, for the model card: a later
    rebuild of the data is then seen, not silently taken for what the model learned from."""
    return {
        name: hashlib.sha256(MANIFESTS[name].read_bytes()).hexdigest()
        if MANIFESTS[name].exists()
        else "missing"
        for name in names
    }
