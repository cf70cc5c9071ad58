"""'New song': an empty song, or one the model writes from a style preset.

The Style box follows the chosen preset (its own style) and may be changed: the preset's band
is then written in that style (`engine.compose.operations.Generate.style`). Form takes section
letters (`engine.compose.plan`); left empty, the style's own form is used.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from engine.compose.control_text import generate_from_text
from engine.compose.operations import PRESETS, Generate
from engine.song.styles import NO_STYLE
from ui.i18n import translate
from ui.panels.style_box import chosen_style, show_style, style_box


class NewSongDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("NewSong", "New song"))
        self.preset = QComboBox()
        self.preset.addItems(list(PRESETS))
        self.preset.addItem(translate("NewSong", "empty song (no model)"))  # always the last
        self.style_choice = style_box()
        self.title = QLineEdit(translate("NewSong", "Untitled"))
        self.bars = QSpinBox(minimum=1, maximum=512)
        self.meter = QLineEdit(placeholderText=translate("NewSong", "the preset's, e.g. 3/4"))
        self.key = QLineEdit(
            placeholderText=translate("NewSong", "the preset's, e.g. D minor or A dorian")
        )
        self.tempo = QDoubleSpinBox(minimum=0, maximum=300, decimals=0)
        self.tempo.setSpecialValueText(translate("NewSong", "the preset's"))
        self.form_letters = QLineEdit(
            placeholderText=translate("NewSong", "the style's, e.g. AABA; - for no repeats")
        )
        self.form_letters.setToolTip(
            translate(
                "NewSong",
                "One letter per phrase: a letter heard before comes back with a new last bar",
            )
        )
        self.preset.currentTextChanged.connect(self._preset_chosen)
        self._preset_chosen(self.preset.currentText())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        for label, widget in (
            (translate("NewSong", "Preset"), self.preset),
            (translate("NewSong", "Style"), self.style_choice),
            (translate("NewSong", "Title"), self.title),
            (translate("NewSong", "Bars"), self.bars),
            (translate("NewSong", "Meter"), self.meter),
            (translate("NewSong", "Key"), self.key),
            (translate("NewSong", "Tempo"), self.tempo),
            (translate("NewSong", "Form"), self.form_letters),
        ):
            form.addRow(label, widget)
        form.addRow(buttons)

    def _preset_chosen(self, name: str) -> None:
        preset = PRESETS.get(name)
        self.bars.setValue(preset.bars if preset else 8)
        show_style(self.style_choice, preset.style if preset else None)

    def style_name(self) -> str | None:
        """The chosen style's name (None: no style)."""
        return chosen_style(self.style_choice)

    def empty(self) -> bool:
        return self.preset.currentIndex() == self.preset.count() - 1

    def request(self) -> Generate:
        """The generate request the fields describe (read as `tessera-cli generate`'s options
        are); raises ControlError naming a bad field (meter, key, form)."""
        return generate_from_text(
            self.preset.currentText(),
            style=self.style_name() or NO_STYLE,
            bars=self.bars.value(),
            meter=self.meter.text(),
            key=self.key.text(),
            tempo_bpm=self.tempo.value() or None,
            title=self.title.text() or translate("NewSong", "Untitled"),
            form=self.form_letters.text(),
        )
