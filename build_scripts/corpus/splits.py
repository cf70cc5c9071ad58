"""The built corpus read back by split: what training, benchmarks and the docs' screenshots load.

The corpus's works carry no style of their own: their collection says it (fiddle-tune
collections are 'folk', the rest 'classical'). Reading lives with the corpus build, below the
training code (`models/` imports `build_scripts/`, never the other way round).
"""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path

from build_scripts.corpus.build import cache_file_for
from engine.project.project_file import load_project
from engine.song.song import Song

CORPUS_DIR = Path(__file__).parents[2] / "models" / "corpus"
MANIFEST = CORPUS_DIR / "manifest.csv"
CACHE_DIR = CORPUS_DIR / "cache"


FOLK_COLLECTIONS = frozenset(
    {
        "Aird's Airs",
        "Misc. folk (Campin)",
        "O'Neill's 1850",
        "Ryan's Mammoth",
        "Nottingham Music Database",
        "Lead sheets",
    }
)
"""Corpus collections of folk and fiddle tunes; every other collection is 'classical'."""


def style_of_collection(collection: str) -> str:
    return "folk" if collection in FOLK_COLLECTIONS else "classical"


def load_split(split: str, limit: int | None = None) -> list[Song]:
    """The cached Songs of one split ('train', 'validation' or 'test'), in manifest order,
    each with the style of its collection."""
    with MANIFEST.open(newline="", encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(handle) if row["split"] == split]
    ids = [row["id"] for row in rows]
    styles = {row["id"]: style_of_collection(row["collection"]) for row in rows}
    if not ids:
        raise FileNotFoundError(f"no works in split {split!r} of {MANIFEST}")
    paths = [cache_file_for(work_id) for work_id in ids[:limit]]
    missing = [path for path in paths if not path.exists()]
    if missing:
        raise FileNotFoundError(
            f"{len(missing)} works are not in {CACHE_DIR} (first: {missing[0].name}); "
            "run `python -m build_scripts.corpus build` first"
        )
    return [
        dataclasses.replace(load_project(path), style=styles[work_id])
        for work_id, path in zip(ids[:limit], paths, strict=True)
    ]
