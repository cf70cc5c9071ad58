"""Describe the music in words; see what was understood; change any field; then generate.

`PromptDialog` reads the text with `engine.compose.prompt.read_prompt` as the user types and shows
each field in an editable control beside the words that set it ("tempo 72 from 'slow'"). Editing a
control overrides the prompt for that field. `request()` gives the
`engine.compose.operations.Generate` request and `reading()` the Reading (whose `finish` names the
first voice's instrument).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from engine.compose.control_text import ControlError, key_from_text, meter_from_text
from engine.compose.operations import PRESETS, Generate
from engine.compose.prompt import Reading, read_prompt
from ui.i18n import translate

T = TypeVar("T")


class PromptDialog(QDialog):
    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("PromptDialog", "New Song from a Description"))
        self.text = QLineEdit(text)
        self.text.setPlaceholderText(
            translate("PromptDialog", "e.g. slow and sad folk tune for strings in 3/4")
        )
        self.preset = QComboBox()
        self.preset.addItems(sorted(PRESETS))
        not_set = translate("PromptDialog", "(preset's)")
        self.tempo = _spin(0, 300, not_set)
        self.bars = _spin(0, 256, not_set)
        self.seconds = _spin(0, 3600, translate("PromptDialog", "(from the bars)"))
        self.seconds.setSuffix(translate("PromptDialog", " s"))
        self.seconds.setToolTip(
            translate(
                "PromptDialog",
                "How long the song lasts: its form and tempo are chosen so it ends then",
            )
        )
        self.meter = QLineEdit()
        self.key = QLineEdit()
        self.density = _spin(0, 64, translate("PromptDialog", "(model's)"))
        self.understood = QLabel()
        self.understood.setWordWrap(True)
        form = QFormLayout()
        rows = (
            (translate("PromptDialog", "Preset"), self.preset),
            (translate("PromptDialog", "Tempo (BPM)"), self.tempo),
            (translate("PromptDialog", "Length (bars)"), self.bars),
            (translate("PromptDialog", "Length (time)"), self.seconds),
            (translate("PromptDialog", "Meter"), self.meter),
            (translate("PromptDialog", "Key"), self.key),
            (translate("PromptDialog", "Notes per bar"), self.density),
        )
        for label, widget in rows:
            form.addRow(label, widget)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(translate("PromptDialog", "Describe the music:")))
        layout.addWidget(self.text)
        layout.addWidget(self.understood)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self._reading = read_prompt(text)
        self.text.textChanged.connect(self._read)
        self._read(text)

    def _read(self, text: str) -> None:
        """Read the prompt again and fill every field from it (overwriting edits)."""
        reading = self._reading = read_prompt(text)
        self.preset.setCurrentText(reading.preset)
        self.tempo.setValue(round(reading.tempo_bpm or 0))
        self.bars.setValue(reading.bars or 0)
        self.seconds.setValue(round(reading.seconds or 0))
        self.meter.setText(f"{reading.meter[0]}/{reading.meter[1]}" if reading.meter else "")
        self.key.setText(reading.key or "")
        self.density.setValue(reading.density or 0)
        understood = translate("PromptDialog", "Understood: {what}")
        self.understood.setText(understood.format(what="; ".join(reading.explain())))

    def reading(self) -> Reading:
        """The prompt's reading with the fields as the user left them."""
        meter = _or_none(meter_from_text, self.meter.text())  # unreadable: the preset's
        key = self.key.text().strip() if _or_none(key_from_text, self.key.text()) else None
        return dataclasses.replace(
            self._reading,
            preset=self.preset.currentText(),
            tempo_bpm=float(self.tempo.value()) or None,
            bars=self.bars.value() or None,
            seconds=self._seconds(),
            meter=meter,
            key=key,
            density=self.density.value() or None,
        )

    def _seconds(self) -> float | None:
        """The length in time: the prompt's own (to the millisecond) unless changed here."""
        shown = self.seconds.value()
        told = self._reading.seconds
        if told is not None and shown == round(told):
            return told
        return float(shown) or None

    def request(self) -> Generate:
        return self.reading().request()


def _or_none(read: Callable[[str], T], text: str) -> T | None:
    """What `read` makes of the text, or None for empty or unreadable text."""
    if not text.strip():
        return None
    try:
        return read(text)
    except ControlError:
        return None


def _spin(low: int, high: int, special: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setSpecialValueText(special)
    return spin
