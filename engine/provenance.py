"""What the shipped models are and what they learned from, for the app's "About the models".

Reads the model cards and the corpus manifest that ship beside the models, so the app shows the
same facts the files hold: architecture, size, training figures, and the training works by
collection with their composers and licence bases.
"""

from __future__ import annotations

import csv
import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MODELS_DIR = Path(__file__).parents[1] / "models"
MANIFEST = MODELS_DIR / "corpus" / "manifest.csv"


@dataclass(frozen=True)
class CollectionSummary:
    collection: str
    works: int
    composers: tuple[str, ...]
    licences: tuple[tuple[str, int], ...]
    """(licence code such as 'pd+permission', works), commonest first."""


def model_cards(models_dir: Path = MODELS_DIR) -> dict[str, dict[str, Any]]:
    """Every `card.json` under the models folder, by model folder name."""
    cards: dict[str, dict[str, Any]] = {}
    for card in sorted(models_dir.glob("*/card.json")):
        try:
            cards[card.parent.name] = json.loads(card.read_text("utf-8"))
        except (OSError, ValueError) as err:
            cards[card.parent.name] = {"error": f"cannot read {card.name}: {err}"}
    return cards


def corpus_collections(
    manifest: Path = MANIFEST, split: str | None = None
) -> list[CollectionSummary]:
    """Works per collection (optionally of one split), largest first."""
    works: Counter[str] = Counter()
    composers: defaultdict[str, set[str]] = defaultdict(set)
    bases: defaultdict[str, Counter[str]] = defaultdict(Counter)
    with manifest.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if split is not None and row["split"] != split:
                continue
            name = row["collection"]
            works[name] += 1
            composers[name].add(row["composer"])
            bases[name][row["licence_code"]] += 1
    return [
        CollectionSummary(
            name, count, tuple(sorted(composers[name])), tuple(bases[name].most_common())
        )
        for name, count in works.most_common()
    ]
