"""What the shipped models are and what they learned from, for the app's "About the models".

Reads the model cards and the corpus manifest that ship beside the models, so the app shows the
same facts the files hold: architecture, size, training figures, and the training works by
collection with their composers and licence bases. Models Tessera uses but did not train (they
come inside a Python package) are listed in `THIRD_PARTY_MODELS` with their licence and notice.
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
class ThirdPartyModel:
    """A trained model Tessera runs but did not train, and the terms it comes under."""

    name: str
    task: str
    package: str
    """The PyPI distribution that ships the file (installed with --no-deps)."""
    version: str
    file: str
    """The model file's path inside the installed package."""
    sha256: str
    licence: str
    notice: str
    used_by: str


BASIC_PITCH = ThirdPartyModel(
    name="basic-pitch note model (nmp.onnx, ICASSP 2022)",
    task="audio to notes: onset, note and pitch-contour posteriors from 22.05 kHz audio",
    package="basic-pitch",
    version="0.4.0",
    file="basic_pitch/saved_models/icassp_2022/nmp.onnx",
    sha256="2c3c1d144bfa61ad236e92e169c13535c880469a12a047d4e73451f2c059a0ec",
    licence="Apache-2.0",
    notice="Basic Pitch, Copyright 2022 Spotify AB (the package's LICENSE and NOTICE files)",
    used_by="engine/transcribe.py (audio clips to notes); models/timbre/pitch.py (pitch checks)",
)
THIRD_PARTY_MODELS = (BASIC_PITCH,)
"""Every model Tessera runs that it did not train; the app's notices list these."""


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
