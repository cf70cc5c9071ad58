"""'About the models': each model card and what the models learned from, with licences."""

from __future__ import annotations

import json
from html import escape

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from engine.runtime.provenance import (
    THIRD_PARTY_DATA,
    THIRD_PARTY_MODELS,
    corpus_collections,
    model_cards,
)


def about_models_html() -> str:
    """The dialog's text: model cards, then the training corpus by collection."""
    parts = ["<h2>The models</h2>"]
    for name, card in model_cards().items():
        arch = card.get("architecture", {})
        training = card.get("training", {})
        metrics = card.get("metrics", {})
        parts.append(
            f"<h3>{name}: {card.get('task', '')}</h3><p>{arch.get('type', '')}, "
            f"{card.get('parameters', '?'):,} parameters; trained {training.get('steps', '?')} "
            f"steps in {round(training.get('seconds', 0) / 60)} min on "
            f"{training.get('hardware', '?')}.</p>"
            f"<pre>{json.dumps(metrics, indent=1)[:1200]}</pre>"
        )
    parts.append(
        "<h2>What they learned from</h2><p>Only public-domain compositions whose encodings "
        "carry no restriction, listed work by work in models/corpus/manifest.csv "
        "(excluded works and why: models/corpus/excluded.csv).</p>"
        "<table border=1 cellpadding=3><tr><th>collection</th><th>works</th>"
        "<th>composers</th><th>licence basis</th></tr>"
    )
    for row in corpus_collections():
        composers = ", ".join(row.composers[:4]) + (" …" if len(row.composers) > 4 else "")
        licences = ", ".join(f"{code} ({count})" for code, count in row.licences)
        parts.append(
            f"<tr><td>{row.collection}</td><td>{row.works}</td><td>{composers}</td>"
            f"<td>{licences}</td></tr>"
        )
    parts.append("</table>")
    parts.append(_band_data_html())
    parts.append("<p>Rebuild the corpus and retrain: see README.md.</p>")
    parts.append(
        "<h2>Models Tessera runs but did not train</h2><p>Shipped inside their own packages, "
        "checked by hash before use.</p>"
    )
    for model in THIRD_PARTY_MODELS:
        parts.append(
            f"<h3>{model.name}</h3><p>{model.task}. From the {model.package} {model.version} "
            f"package; licence {model.licence}: {model.notice}. Used by {model.used_by}.</p>"
        )
    return "".join(parts)


def _band_data_html() -> str:
    """The permissively licensed band data (drums, bass, guitars) with each notice it needs."""
    parts = ["<h3>Band music, under permissive licences</h3>"]
    for data in THIRD_PARTY_DATA:
        parts.append(
            f"<h4>{escape(data.name)} ({escape(data.licence)})</h4><p>{escape(data.what)}. "
            f"Listed item by item in {escape(data.manifest)}.</p>"
            f"<p><i>{escape(data.notice)}</i></p>"
        )
        if data.licence_text:
            parts.append(f"<pre>{escape(data.licence_text)}</pre>")
    return "".join(parts)


class AboutModelsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About the models")
        self.text = QTextBrowser()
        self.text.setHtml(about_models_html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(760, 600)
