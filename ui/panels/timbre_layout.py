"""The timbre panel's widgets and their layout: what each control is called, what its tooltip
says, and where it sits (the behaviour is `ui.panels.timbre.TimbrePanel`'s).

The seeds that make a sound again exactly (a generated sound's number, a nudge's direction) sit
under a folded Advanced section; what shows is words ("Try another sound", "Direction 12").
"""

from __future__ import annotations

import random

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import translate
from ui.panels.advanced import AdvancedSection
from ui.panels.timbre_audition import TimbreAudition
from ui.panels.timbre_words import description_tip, descriptor_words, lock_tip

MAX_SEED = 2**31 - 1
FRESH_SEEDS = 10_000
"""New sounds and directions the panel picks itself are numbered below this, so what it shows
("Direction 12", "a generated sound (no. 4821)") stays short; any seed can be typed under
Advanced."""
DESCRIPTORS = (
    ("brighter", "Brighter", "Brighten timbre of"),
    ("darker", "Darker", "Darken timbre of"),
    ("softer_attack", "Softer attack", "Soften attack of"),
    ("harder_attack", "Harder attack", "Harden attack of"),
)
"""(descriptor, English button text, undo label verb); the shown words are `descriptor_words`."""


def fresh_seed(other_than: int) -> int:
    """A short random seed, never the one given (so a new pick always sounds different)."""
    seed = random.randrange(1, FRESH_SEEDS)
    return seed if seed != other_than else seed % (FRESH_SEEDS - 1) + 1


def _percent(value: int) -> str:
    return translate("Timbre", "{percent} %").format(percent=value)


def _slider(percent: int, tip: str) -> tuple[QSlider, QLabel]:
    slider = QSlider(Qt.Orientation.Horizontal)
    slider.setRange(0, 100)
    slider.setValue(percent)
    slider.setToolTip(tip)
    value = QLabel(_percent(percent))
    value.setMinimumWidth(40)
    value.setToolTip(tip)
    slider.valueChanged.connect(lambda step: value.setText(_percent(step)))
    return slider, value


def _button(text: str, tip: str) -> QPushButton:
    button = QPushButton(text)
    button.setToolTip(tip)
    return button


def _seed_box(tip: str) -> QSpinBox:
    box = QSpinBox(minimum=0, maximum=MAX_SEED)
    box.setValue(fresh_seed(0))
    box.setToolTip(tip)
    return box


def _row(*widgets: QWidget) -> QHBoxLayout:
    """Widgets side by side, the first one taking the spare width."""
    row = QHBoxLayout()
    for position, widget in enumerate(widgets):
        row.addWidget(widget, 1 if position == 0 else 0)
    return row


class TimbreLayout(TimbreAudition):
    """The timbre panel's controls, built and laid out (the panel connects them)."""

    def _build(self) -> None:
        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.kind, self.lock_state, self.description = QLabel(), QLabel(), QLabel()
        self.kind.setToolTip(translate("Timbre", "The sound this track plays with"))
        self.lock_state.setToolTip(lock_tip())
        self.description.setToolTip(description_tip())
        self.description.setWordWrap(True)
        self.lock_button = _button(translate("Timbre", "Lock"), lock_tip())
        self.reset_button = _button(
            translate("Timbre", "Back to usual"),
            translate("Timbre", "Unlock: back to the usual sound for the instrument"),
        )
        self.reroll_button = _button(
            translate("Timbre", "Try another sound"),
            translate("Timbre", "Give the track a new sound for its instrument (you can undo it)"),
        )
        self.strength, self.strength_value = _slider(
            30, translate("Timbre", "How big a change Nudge and the Character buttons make")
        )
        self.direction = QLabel()
        self.direction.setToolTip(
            translate(
                "Timbre",
                "Nudge changes the sound in one of endless directions; each Nudge takes the "
                "next one",
            )
        )
        self.another_direction = _button(
            translate("Timbre", "Another direction"),
            translate("Timbre", "Pick a different way for the next Nudge to change the sound"),
        )
        self.nudge_button = _button(
            translate("Timbre", "Nudge"),
            translate("Timbre", "Change the sound a little in the direction shown"),
        )
        self.descriptor_buttons = {
            key: _button(text, tip) for key, (text, tip) in descriptor_words().items()
        }
        self.other_track = QComboBox()
        self.other_track.setToolTip(translate("Timbre", "The track whose sound to blend toward"))
        self.fraction, self.fraction_value = _slider(
            50,
            translate(
                "Timbre", "0 % keeps this track's sound, 100 % takes on the other track's sound"
            ),
        )
        self.interpolate_button = _button(
            translate("Timbre", "Blend"),
            translate("Timbre", "Move this track's sound toward the other track's sound"),
        )
        self.status = QLabel()
        self.status.setWordWrap(True)
        self._build_advanced()

    def _build_advanced(self) -> None:
        """The seeds behind a sound and a direction, to make either again exactly."""
        self.advanced = AdvancedSection(
            translate("Timbre", "The numbers behind a sound, to make one again exactly")
        )
        self.seed = _seed_box(
            translate("Timbre", "The number of a generated sound: the same number, the same sound")
        )
        self.generate_button = _button(
            translate("Timbre", "Make this sound"),
            translate("Timbre", "Give the track the generated sound with this number"),
        )
        self.direction_seed = _seed_box(
            translate("Timbre", "The number of the direction the next Nudge takes")
        )

    def _lay_out(self) -> None:
        descriptors = QGridLayout()
        for position, (key, _text, _verb) in enumerate(DESCRIPTORS):
            descriptors.addWidget(self.descriptor_buttons[key], position // 2, position % 2)
        form = QFormLayout()
        form.addRow(self.title)
        form.addRow(translate("Timbre", "Sound"), self.kind)
        form.addRow(translate("Timbre", "State"), self.lock_state)
        form.addRow(translate("Timbre", "Changed"), self.description)
        form.addRow("", _row(self.lock_button, self.reset_button))
        form.addRow("", self.reroll_button)
        form.addRow(translate("Timbre", "How much"), _row(self.strength, self.strength_value))
        form.addRow(
            translate("Timbre", "Nudge"),
            _row(self.direction, self.another_direction, self.nudge_button),
        )
        form.addRow(translate("Timbre", "Character"), descriptors)
        form.addRow(translate("Timbre", "Blend with"), self.other_track)
        form.addRow(
            translate("Timbre", "How far"),
            _row(self.fraction, self.fraction_value, self.interpolate_button),
        )
        form.addRow(
            translate("Timbre", "Listen"), _row(self.audition_button, self.ab_button, self.loop)
        )
        form.addRow("", self.compare)
        self.advanced.form.addRow(
            translate("Timbre", "Sound no."), _row(self.seed, self.generate_button)
        )
        self.advanced.form.addRow(translate("Timbre", "Direction no."), self.direction_seed)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(self.advanced)
        column.addWidget(self.status)
        column.addStretch(1)
