"""What the shipped models are and what they learned from, for the app's "About the models".

Reads the model cards and the corpus manifest that ship beside the models, so the app shows the
same facts the files hold: architecture, size, training figures, and the training works by
collection with their composers and licence bases. Models Tessera uses but did not train (they
come inside a Python package) are listed in `THIRD_PARTY_MODELS` with their licence and notice;
training data that must be credited (the band data) is listed in `THIRD_PARTY_DATA`.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from engine.runtime.cards import ModelLoadError, read_card
from engine.words import QT_TRANSLATE_NOOP, message_of

MODELS_DIR = Path(__file__).parents[2] / "models"
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
    used_by=(
        "engine/transcribe/transcriber.py (audio clips to notes); "
        "models/timbre/pitch.py (pitch checks)"
    ),
)
THIRD_PARTY_MODELS = (BASIC_PITCH,)
"""Every model Tessera runs that it did not train; the app's notices list these."""


@dataclass(frozen=True)
class ThirdPartyData:
    """Training data Tessera did not make, the terms it comes under and the notice it needs.

    Listed here, beside the models, because a model trained on the data carries its
    attribution (CC BY) and its licence text (BSD) wherever the model is shipped.
    """

    name: str
    what: str
    source: str
    """Where the copy Tessera builds from comes from."""
    licence: str
    """SPDX identifier."""
    notice: str
    """The attribution or copyright notice to show, verbatim."""
    licence_text: str
    """The licence's own text where it must ship with the work; empty when a link suffices."""
    manifest: str
    """The repository file that lists every item with its hash and split."""


GROOVE_MIDI = ThirdPartyData(
    name="Groove MIDI Dataset 1.0.0",
    what="1,150 MIDI files of human drumming by 10 drummers (Roland TD-11, folded to GM drums)",
    source="models/corpus/groove-midi/ (see its PROVENANCE.md)",
    licence="CC-BY-4.0",
    notice=(
        "Jon Gillick, Adam Roberts, Jesse Engel, Douglas Eck, and David Bamman. "
        '"Learning to Groove with Inverse Sequence Transformations." '
        "International Conference on Machine Learning (ICML), 2019. "
        "Groove MIDI Dataset, Magenta, Google (CC BY 4.0)."
    ),
    licence_text="",
    manifest="models/corpus/band_manifest.csv",
)
FREEDOOM_LICENCE_TEXT = """\
Copyright (c) 2001-2003 Contributors to the Freedoom project.
All rights reserved.

Redistribution and use in source and binary forms, with or without
modification, are permitted provided that the following conditions
are met:

  * Redistributions of source code must retain the above copyright
    notice, this list of conditions and the following disclaimer.
  * Redistributions in binary form must reproduce the above copyright
    notice, this list of conditions and the following disclaimer
    in the documentation and/or other materials provided with the
    distribution.
  * Neither the name of the freedoom project nor the names of its
    contributors may be used to endorse or promote products derived
    from this software without specific prior written permission.

THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS
"AS IS" AND ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT
LIMITED TO, THE IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS
FOR A PARTICULAR PURPOSE ARE DISCLAIMED. IN NO EVENT SHALL THE
COPYRIGHT OWNER OR CONTRIBUTORS BE LIABLE FOR ANY DIRECT, INDIRECT,
INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL DAMAGES (INCLUDING,
BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR SERVICES;
LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT
LIABILITY, OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN
ANY WAY OUT OF THE USE OF THIS SOFTWARE, EVEN IF ADVISED OF THE
POSSIBILITY OF SUCH DAMAGE.

For a list of contributors to the freedoom project, see the file
CREDITS.
"""
"""Freedoom's licence, verbatim from the Debian package's copyright file (BSD-3-Clause)."""
FREEDOOM_MUSIC = ThirdPartyData(
    name="Freedoom music (0.12.1)",
    what="the songs of Freedoom's two WADs (D_* MIDI lumps; D_E1M1 left out)",
    source="Debian package freedoom (freedoom1.wad, freedoom2.wad)",
    licence="BSD-3-Clause",
    notice="Copyright (c) 2001-2012 Contributors to the Freedoom project (see its CREDITS)",
    licence_text=FREEDOOM_LICENCE_TEXT,
    manifest="models/corpus/band_manifest.csv",
)
THIRD_PARTY_DATA = (GROOVE_MIDI, FREEDOOM_MUSIC)
"""Training data Tessera did not make and must credit; the app's notices list these."""


@dataclass(frozen=True)
class CollectionSummary:
    collection: str
    works: int
    composers: tuple[str, ...]
    licences: tuple[tuple[str, int], ...]
    """(licence code such as 'pd+permission', works), commonest first."""


def model_cards(models_dir: Path = MODELS_DIR) -> dict[str, dict[str, Any]]:
    """Every `card.json` under the models folder, by model folder name; a card that cannot be
    read or does not match its `card.sha256` is shown as {"error": why} (`engine.runtime.cards`
    never reads a device, a pipe or a huge file in its place)."""
    cards: dict[str, dict[str, Any]] = {}
    for card in sorted(models_dir.glob("*/card.json")):
        try:
            fix = QT_TRANSLATE_NOOP("ModelCards", "reinstall Tessera")
            cards[card.parent.name] = read_card(card.parent, fix).raw
        except ModelLoadError as err:
            cards[card.parent.name] = {"error": message_of(err)}
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
