"""Help → About the models: what each model is, what it learned from under which licences, its
size and its measured figures, as text a reader can follow (word-wrapped, scrolling), with
the training corpus by collection and the notices the data and the models need.

Everything comes from the files that ship beside the models (`engine.runtime.provenance`), so
the page says what the cards say; a figure without a plain-language line of its own is still
listed under "All measured figures", as a nested list rather than raw JSON.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from engine.runtime.provenance import (
    THIRD_PARTY_DATA,
    THIRD_PARTY_MODELS,
    ThirdPartyData,
    corpus_collections,
    model_cards,
)
from ui.engine_words import engine_text
from ui.i18n import translate

SHOWN_COMPOSERS = 4


def number(value: object) -> str:
    """A figure as read: 2,095,104; 0.7826; 96.7 (no float noise)."""
    if isinstance(value, bool):
        return translate("AboutModels", "yes") if value else translate("AboutModels", "no")
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.4g}" if abs(value) < 1e4 else f"{value:,.0f}"
    if isinstance(value, list | tuple):
        return ", ".join(number(item) for item in value)
    return escape(str(value))


def humane(key: str) -> str:
    """A card's key as words: 'test_nll_model' -> 'Test nll model'."""
    words = key.replace("_", " ").strip()
    return escape(words[:1].upper() + words[1:])


def nested_list(values: Mapping[str, Any]) -> str:
    """A card's section as a nested bulleted list (never JSON)."""
    items = []
    for key, value in values.items():
        if isinstance(value, Mapping):
            items.append(f"<li>{humane(key)}:{nested_list(value)}</li>")
        else:
            items.append(f"<li>{humane(key)}: {number(value)}</li>")
    return "<ul>" + "".join(items) + "</ul>"


def _model_title(folder: str, card: Mapping[str, Any]) -> str:
    name = escape(str(card.get("name", folder)))
    if folder == "midi":
        return translate("AboutModels", "The composer ({name})").format(name=name)
    if folder == "timbre":
        return translate("AboutModels", "The sound of the instruments ({name})").format(name=name)
    return name


def _highlights(metrics: Mapping[str, Any]) -> list[str]:
    """The figures that say most, in plain words (those the card has)."""
    lines = []
    guess = translate(
        "AboutModels",
        "Guessing the next note of {what} it never heard (lower is better): {model} for the "
        "model, against {baseline} for a simple counting model (4-gram).",
    )
    for suffix, what in (
        ("", translate("AboutModels", "music")),
        ("_groove", translate("AboutModels", "drumming")),
        ("_freedoom", translate("AboutModels", "band music")),
    ):
        model, baseline = (
            metrics.get(f"test_nll_model{suffix}"),
            metrics.get(f"test_nll_4gram{suffix}"),
        )
        if model is not None and baseline is not None:
            lines.append(guess.format(what=what, model=number(model), baseline=number(baseline)))
    infill = metrics.get("infill_attribute_error_model")
    neighbour = metrics.get("infill_attribute_error_copy_neighbour")
    if infill is not None and neighbour is not None:
        lines.append(
            translate(
                "AboutModels",
                "Writing a missing bar (lower is better): off by {model}, against {copy} for "
                "copying the bar beside it.",
            ).format(model=number(infill), copy=number(neighbour))
        )
    pitch = metrics.get("test_pitch")
    if isinstance(pitch, Mapping) and "pitch_within_50_cents" in pitch:
        lines.append(
            translate(
                "AboutModels",
                "Notes in tune (within a quarter tone) on notes it never heard: {share} %.",
            ).format(share=number(round(100 * float(pitch["pitch_within_50_cents"]), 1)))
        )
    if isinstance(pitch, Mapping) and {"mrstft_generated", "mrstft_sine"} <= set(pitch):
        lines.append(
            translate(
                "AboutModels",
                "How far its sound is from the real instrument (lower is better): {model}, "
                "against {sine} for a plain sine tone.",
            ).format(model=number(pitch["mrstft_generated"]), sine=number(pitch["mrstft_sine"]))
        )
    return lines


def _model_html(folder: str, card: Mapping[str, Any]) -> str:
    """One model: what it does, its size, its training, what it learned from, its licence and
    its figures."""
    parts = [f"<h3>{_model_title(folder, card)}</h3>"]
    if "error" in card:
        text = translate("AboutModels", "Its card could not be read: {error}")
        return parts[0] + f"<p>{text.format(error=escape(engine_text(card['error'])))}</p>"
    arch = card.get("architecture", {})
    training = card.get("training", {})
    rows = [
        (translate("AboutModels", "What it does"), escape(str(card.get("task", "")))),
        (
            translate("AboutModels", "Size"),
            translate("AboutModels", "{count} parameters ({kind})").format(
                count=number(card.get("parameters", 0)), kind=escape(str(arch.get("type", "")))
            ),
        ),
        (
            translate("AboutModels", "Training"),
            translate("AboutModels", "{steps} steps in {minutes} minutes on {hardware}").format(
                steps=number(training.get("steps", 0)),
                minutes=number(round(float(training.get("seconds", 0)) / 60)),
                hardware=escape(str(training.get("hardware", "?"))),
            ),
        ),
        (translate("AboutModels", "Licence"), escape(str(card.get("licence", "")))),
    ]
    parts += [f"<p><b>{label}:</b> {value}</p>" for label, value in rows]
    parts.append(_learned_from(card.get("training_data", {})))
    highlights = _highlights(card.get("metrics", {}))
    if highlights:
        parts.append("<p><b>" + translate("AboutModels", "How well it does") + ":</b></p>")
        parts.append("<ul>" + "".join(f"<li>{line}</li>" for line in highlights) + "</ul>")
    if card.get("metrics"):
        parts.append("<p><b>" + translate("AboutModels", "All measured figures") + ":</b></p>")
        parts.append(nested_list(card["metrics"]))
    return "".join(parts)


def _learned_from(data: Mapping[str, Any]) -> str:
    """The training data of a card: each source with its licence."""
    label = "<p><b>" + translate("AboutModels", "What it learned from") + ":</b></p>"
    sources = data.get("sources")
    if isinstance(sources, Mapping):
        items = [
            f"<li>{humane(name)}: {escape(str(source.get('licence', '')))}</li>"
            for name, source in sources.items()
            if isinstance(source, Mapping)
        ]
        return label + "<ul>" + "".join(items) + "</ul>"
    note = data.get("licence_note")
    return label + f"<p>{escape(str(note))}</p>" if note else ""


def about_models_html() -> str:
    """The page: the models, the training corpus by collection, the band data, and the models
    Tessera runs but did not train."""
    parts = ["<h2>" + translate("AboutModels", "The models") + "</h2>"]
    parts += [_model_html(folder, card) for folder, card in model_cards().items()]
    parts.append(_corpus_html())
    parts.append(_band_data_html())
    parts.append(
        "<h2>"
        + translate("AboutModels", "Models Tessera runs but did not train")
        + "</h2><p>"
        + translate("AboutModels", "Shipped inside their own packages, checked before use.")
        + "</p>"
    )
    for model in THIRD_PARTY_MODELS:
        text = translate(
            "AboutModels",
            "{task}. From the {package} {version} package; licence {licence}: {notice}.",
        )
        parts.append(
            f"<h3>{escape(model.name)}</h3><p>"
            + text.format(
                task=escape(model.task),
                package=escape(model.package),
                version=escape(model.version),
                licence=escape(model.licence),
                notice=escape(model.notice),
            )
            + "</p>"
        )
    return "".join(parts)


def _corpus_html() -> str:
    """The public-domain corpus, one row per collection."""
    parts = [
        "<h2>" + translate("AboutModels", "What the composer learned from") + "</h2><p>",
        translate(
            "AboutModels",
            "Only public-domain compositions whose encodings carry no restriction, listed "
            "work by work in models/corpus/manifest.csv (works left out, and why: "
            "models/corpus/excluded.csv).",
        ),
        "</p><table border=1 cellpadding=3 width=100%><tr>",
        "".join(
            f"<th>{heading}</th>"
            for heading in (
                translate("AboutModels", "Collection"),
                translate("AboutModels", "Works"),
                translate("AboutModels", "Composers"),
                translate("AboutModels", "Licence basis"),
            )
        ),
        "</tr>",
    ]
    more = translate("AboutModels", "and {count} more")
    for row in corpus_collections():
        composers = ", ".join(escape(name) for name in row.composers[:SHOWN_COMPOSERS])
        if len(row.composers) > SHOWN_COMPOSERS:
            composers += " " + more.format(count=len(row.composers) - SHOWN_COMPOSERS)
        licences = ", ".join(f"{escape(code)} ({count})" for code, count in row.licences)
        parts.append(
            f"<tr><td>{escape(row.collection)}</td><td>{number(row.works)}</td>"
            f"<td>{composers}</td><td>{licences}</td></tr>"
        )
    parts.append("</table>")
    return "".join(parts)


def _band_data_html() -> str:
    """The permissively licensed band data (drums, bass, guitars) with each notice it needs."""
    parts = ["<h3>" + translate("AboutModels", "Band music, under permissive licences") + "</h3>"]
    for data in THIRD_PARTY_DATA:
        listed = translate("AboutModels", "Listed item by item in {manifest}.")
        parts.append(
            f"<h4>{escape(data.name)} ({escape(data.licence)})</h4><p>{escape(data.what)}. "
            f"{listed.format(manifest=escape(data.manifest))}</p>"
            f"<p><i>{escape(data.notice)}</i></p>"
        )
        parts.append(licence_paragraphs(data))
    return "".join(parts)


def licence_paragraphs(data: ThirdPartyData) -> str:
    """A licence's text as paragraphs that wrap (its own line breaks are only the width its
    file was written at)."""
    text = data.licence_text.replace("\n  * ", "\n\n* ")  # each condition a paragraph
    paragraphs = [" ".join(block.split()) for block in text.split("\n\n")]
    return "".join(f"<p><small>{escape(para)}</small></p>" for para in paragraphs if para)


class AboutModelsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("AboutModels", "About the models"))
        self.text = QTextBrowser()
        self.text.setObjectName("about-models-text")
        self.text.setOpenExternalLinks(False)
        self.text.setWordWrapMode(QTextOption.WrapMode.WordWrap)
        self.text.setHtml(about_models_html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(760, 600)
