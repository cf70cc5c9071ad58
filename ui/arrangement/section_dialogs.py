"""The small dialogs a section's menu opens: its energy as a percentage, and a variation's
strength (with whether it goes to every repeat of the section)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSlider,
    QSpinBox,
    QWidget,
)

from engine.compose.requests import SectionScope
from engine.song.sections import DEFAULT_ENERGY, Section
from ui.arrangement.role_names import role_word
from ui.i18n import translate

SLIDER_STEPS = 100
"""The strength slider's resolution: hundredths, as the spin box shows."""


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    ok_cancel = QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    buttons = QDialogButtonBox(ok_cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class EnergyDialog(QDialog):
    """Set a section's energy exactly, from 0% to 100%; its role's default is shown beside."""

    def __init__(self, section: Section, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("SectionDialogs", "Section energy"))
        self.percent = QSpinBox(minimum=0, maximum=100, suffix="%")
        self.percent.setValue(round(section.level * 100))
        self.percent.setAccessibleName(translate("SectionDialogs", "Energy"))
        default = round(DEFAULT_ENERGY[section.role] * 100)
        layout = QFormLayout(self)
        how_hard = translate(
            "SectionDialogs",
            "How hard '{0}' pushes: density, loudness, register, how many tracks play",
        )
        layout.addRow(QLabel(how_hard.format(section.name)))
        layout.addRow(translate("SectionDialogs", "Energy"), self.percent)
        the_default = translate("SectionDialogs", "The {0} default is {1}%")
        layout.addRow("", QLabel(the_default.format(role_word(section.role), default)))
        layout.addRow(_buttons(self))
        self.percent.selectAll()

    def level(self) -> float:
        """The chosen energy from 0 to 1."""
        return self.percent.value() / 100


class VaryDialog(QDialog):
    """Choose how far a variation strays (0 keeps the section, 1 writes a new one in its role)
    and whether it goes to the section's repeats too."""

    def __init__(
        self, section: Section, repeats: int, apply_to_all: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("SectionDialogs", "Vary {0}").format(section.name))
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, SLIDER_STEPS)
        self.spin = QDoubleSpinBox(minimum=0.0, maximum=1.0, singleStep=0.05, decimals=2)
        self.spin.setAccessibleName(translate("SectionDialogs", "Strength"))
        self.slider.valueChanged.connect(lambda step: self.spin.setValue(step / SLIDER_STEPS))
        self.spin.valueChanged.connect(
            lambda value: self.slider.setValue(round(value * SLIDER_STEPS))
        )
        self.spin.setValue(0.4)
        others = repeats - 1
        self.all_repeats = QCheckBox(
            translate("SectionDialogs", "Apply to all repeats (%n more)", None, others)
            if others
            else translate("SectionDialogs", "Apply to all repeats (none)")
        )
        self.all_repeats.setChecked(apply_to_all and others > 0)
        self.all_repeats.setEnabled(others > 0)
        strength = QHBoxLayout()
        strength.addWidget(QLabel(translate("SectionDialogs", "keep")))
        strength.addWidget(self.slider, 1)
        strength.addWidget(QLabel(translate("SectionDialogs", "new")))
        strength.addWidget(self.spin)
        layout = QFormLayout(self)
        layout.addRow(translate("SectionDialogs", "Strength"), strength)
        layout.addRow("", self.all_repeats)
        layout.addRow(_buttons(self))

    def strength(self) -> float:
        return round(self.spin.value(), 2)

    def scope(self) -> SectionScope:
        """'all' to vary every repeat of the section, else 'one'."""
        return "all" if self.all_repeats.isChecked() else "one"
