"""The inspector: the song's style, the controls for the next operation on the selection, its
seed, and nudge.

The style is a setting of the song (saved with it, an undoable edit) rather than of one
operation, but it sits here, always in view, because it steers every cell the model writes next.

Empty fields leave a control to the model. Text fields take what musicians type ("C3-C5",
"D minor", "Am,F,C,G", "60-100"), read by `engine.compose.control_text` as `tessera-cli`'s options
are, and are checked as they are typed, with the reason shown under the form, so a mistake is
seen before any operation runs.
"""

from __future__ import annotations

import random

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from engine.compose.control_text import ControlError, controls_from_text
from engine.compose.operations import DIRECTIONS, Controls
from ui.panels.style_box import chosen_style, show_style, style_box

AUTO = "auto"
MAX_SEED = 2**31 - 1


def _auto_spin(maximum: int, tip: str) -> QSpinBox:
    """A spin box whose lowest value reads 'auto' (the control is left to the model)."""
    spin = QSpinBox()
    spin.setRange(-1, maximum)
    spin.setValue(-1)
    spin.setSpecialValueText(AUTO)
    spin.setToolTip(tip)
    return spin


class Inspector(QWidget):
    """Controls, seed and nudge settings. `controls()` raises ControlError for a bad field."""

    changed = Signal()
    style_chosen = Signal(object)
    """The style name the user picked for the song (None: no style)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.style_choice = style_box()
        self.style_choice.setToolTip(
            "The song's style: the model writes every cell from now on in it (undoable)"
        )
        self.style_choice.activated.connect(
            lambda _index: self.style_chosen.emit(chosen_style(self.style_choice))
        )
        self.density = _auto_spin(64, "notes per bar in each cell written (soft)")
        self.polyphony = _auto_spin(6, "most notes at once (a hard limit)")
        self.rhythm = _auto_spin(64, "distinct note onsets per bar (soft)")
        self.pitch_range = QLineEdit(placeholderText="auto, e.g. C3-C5")
        self.scale = QLineEdit(placeholderText="auto, e.g. D minor")
        self.chords = QLineEdit(placeholderText="auto, e.g. Am,F,C,G (one per bar)")
        self.velocity = QLineEdit(placeholderText="auto, e.g. 60-100")
        self.temperature = QDoubleSpinBox(minimum=0.0, maximum=3.0, singleStep=0.05, value=1.0)
        self.top_p = QDoubleSpinBox(minimum=0.05, maximum=1.0, singleStep=0.05, value=0.95)
        self.seed = QSpinBox(minimum=0, maximum=MAX_SEED)
        self.seed.setValue(random.randrange(MAX_SEED))
        self.reroll = QPushButton("Re-roll")
        self.reroll.setToolTip("A new seed, and the last operation again with it")
        self.direction = QComboBox()
        self.direction.addItems(list(DIRECTIONS))
        self.strength = QSlider(Qt.Orientation.Horizontal)
        self.strength.setRange(0, 100)
        self.strength.setValue(30)
        self.strength_label = QLabel("0.30")
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setObjectName("problem")
        self._lay_out()
        for edit in (self.pitch_range, self.scale, self.chords, self.velocity):
            edit.textChanged.connect(self._check)
        for spin in (self.density, self.polyphony, self.rhythm, self.seed):
            spin.valueChanged.connect(self.changed)
        self.strength.valueChanged.connect(
            lambda value: self.strength_label.setText(f"{value / 100:.2f}")
        )

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow("Style", self.style_choice)
        form.addRow("Density", self.density)
        form.addRow("Polyphony", self.polyphony)
        form.addRow("Pitch range", self.pitch_range)
        form.addRow("Scale", self.scale)
        form.addRow("Chords", self.chords)
        form.addRow("Velocity", self.velocity)
        form.addRow("Rhythm", self.rhythm)
        form.addRow("Temperature", self.temperature)
        form.addRow("Top-p", self.top_p)
        seed_row = QHBoxLayout()
        seed_row.addWidget(self.seed, 1)
        seed_row.addWidget(self.reroll)
        form.addRow("Seed", seed_row)
        nudge = QFormLayout()
        nudge.addRow("Nudge", self.direction)
        strength_row = QHBoxLayout()
        strength_row.addWidget(self.strength, 1)
        strength_row.addWidget(self.strength_label)
        nudge.addRow("Strength", strength_row)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addLayout(nudge)
        column.addWidget(self.problem)
        column.addStretch(1)

    def _check(self) -> None:
        try:
            self.controls()
        except ControlError as err:
            self.problem.setText(str(err))
        else:
            self.problem.setText("")
        self.changed.emit()

    def controls(self) -> Controls:
        """The controls as set; raises ControlError naming the first field that is wrong."""
        return controls_from_text(
            density=None if self.density.value() < 0 else self.density.value(),
            polyphony=None if self.polyphony.value() < 1 else self.polyphony.value(),
            rhythm=None if self.rhythm.value() < 0 else self.rhythm.value(),
            pitch_range=self.pitch_range.text(),
            scale=self.scale.text(),
            chords=self.chords.text(),
            velocity=self.velocity.text(),
            temperature=self.temperature.value(),
            top_p=self.top_p.value(),
        )

    def show_song_style(self, style: str | None) -> None:
        """Show the song's style (`style_chosen` fires only for the user's own choices)."""
        show_style(self.style_choice, style)

    def next_seed(self) -> int:
        """Pick and show a new random seed."""
        self.seed.setValue(random.randrange(MAX_SEED))
        return self.seed.value()

    def nudge_direction(self) -> str:
        return self.direction.currentText()

    def nudge_strength(self) -> float:
        return float(self.strength.value()) / 100
