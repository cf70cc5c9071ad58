"""The inspector: the song's style and the settings for the next change to the selected cells,
in a musician's words.

The style is a setting of the song (saved with it, an undoable edit) rather than of one
operation, but it sits here, always in view, because it steers every cell the model writes next.

Empty fields leave a setting to the model. Text fields take what musicians type ("C3-C5",
"D minor", "Am,F,C,G", "60-100"), read by `engine.compose.control_text` as `tessera-cli`'s options
are, and are checked as they are typed, with the reason shown under the form, so a mistake is
seen before any operation runs. What only reproduces a result exactly (the seed) or tunes the
model's sampling (top-p) sits under a collapsed Advanced section, so a newcomer meets words, not
numbers. Every control's tooltip says what it does to the music.
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
from ui.engine_words import engine_text
from ui.i18n import translate
from ui.panels.advanced import AdvancedSection
from ui.panels.style_box import chosen_style, show_style, style_box
from ui.panels.words import direction_name

MAX_SEED = 2**31 - 1


def _auto_spin(maximum: int, tip: str, lowest: int = -1) -> QSpinBox:
    """A spin box whose lowest value reads "Auto" (the setting is left to the model)."""
    spin = QSpinBox()
    spin.setRange(lowest, maximum)
    spin.setValue(lowest)
    spin.setSpecialValueText(translate("Inspector", "Auto"))
    spin.setToolTip(tip)
    return spin


def _text_field(example: str, tip: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(translate("Inspector", "Auto, e.g. {example}").format(example=example))
    edit.setToolTip(tip)
    return edit


class Inspector(QWidget):
    """The settings for the next change; `controls()` raises ControlError for a bad field."""

    changed = Signal()
    style_chosen = Signal(object)
    """The style name the user picked for the song (None: no style)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._build_music()
        self._build_nudge()
        self._build_advanced()
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setObjectName("problem")
        self._lay_out()
        for edit in (self.pitch_range, self.scale, self.chords, self.velocity):
            edit.textChanged.connect(self._check)
        for spin in (self.density, self.polyphony, self.rhythm, self.seed):
            spin.valueChanged.connect(self.changed)
        self.strength.valueChanged.connect(self._show_strength)
        self._show_strength()

    def _build_music(self) -> None:
        self.style_choice = style_box()
        self.style_choice.setToolTip(
            translate(
                "Inspector",
                "The song's style: everything written from now on follows it (you can undo this)",
            )
        )
        self.style_choice.activated.connect(
            lambda _index: self.style_chosen.emit(chosen_style(self.style_choice))
        )
        self.density = _auto_spin(
            64, translate("Inspector", "How many notes each new bar has: more makes a busier part")
        )
        self.polyphony = _auto_spin(
            6,
            translate(
                "Inspector",
                "The most notes sounding together: 1 keeps a single line, more allows chords",
            ),
            lowest=0,  # no part has 0 notes at once: 0 is Auto, and 1 the first real choice
        )
        self.rhythm = _auto_spin(
            64,
            translate(
                "Inspector",
                "How many separate moments per bar notes start on: low is long, held notes; "
                "high is a quick, choppy rhythm",
            ),
        )
        self.pitch_range = _text_field(
            "C3-C5", translate("Inspector", "The lowest and highest notes the part may use")
        )
        self.scale = _text_field(
            "D minor", translate("Inspector", "Keep every new note in this key or scale")
        )
        self.chords = _text_field(
            "Am,F,C,G",
            translate("Inspector", "The chords to play over, one per bar, repeated if short"),
        )
        self.velocity = _text_field(
            "60-100",
            translate(
                "Inspector", "How hard the notes are played, from 1 (softest) to 127 (loudest)"
            ),
        )
        self.temperature = QDoubleSpinBox(minimum=0.0, maximum=3.0, singleStep=0.05, value=1.0)
        self.temperature.setToolTip(
            translate(
                "Inspector",
                "Low plays it safe and predictable; high takes more surprising turns "
                "(1.0 is the usual)",
            )
        )
        self.reroll = QPushButton(translate("Inspector", "Try again"))
        self.reroll.setToolTip(
            translate(
                "Inspector",
                "Do the last change again with a fresh idea, as a new take (Undo goes back)",
            )
        )

    def _build_nudge(self) -> None:
        self.direction = QComboBox()
        for direction in DIRECTIONS:
            self.direction.addItem(direction_name(direction), direction)
        self.direction.setToolTip(translate("Inspector", "Which way Nudge moves the selected bars"))
        self.strength = QSlider(Qt.Orientation.Horizontal)
        self.strength.setRange(0, 100)
        self.strength.setValue(30)
        self.strength.setToolTip(
            translate("Inspector", "How far Nudge moves the bars: a touch, or a big change")
        )
        self.strength_label = QLabel()

    def _build_advanced(self) -> None:
        self.advanced = AdvancedSection(
            translate(
                "Inspector",
                "Settings to make a result again exactly, or to fine-tune how notes are chosen",
            )
        )
        self.top_p = QDoubleSpinBox(minimum=0.05, maximum=1.0, singleStep=0.05, value=0.95)
        self.top_p.setToolTip(
            translate(
                "Inspector",
                "How many of the likely next notes are considered: lower keeps only the "
                "obvious choices, 1.0 allows rare ones too",
            )
        )
        self.seed = QSpinBox(minimum=0, maximum=MAX_SEED)
        self.seed.setValue(random.randrange(MAX_SEED))
        self.seed.setToolTip(
            translate(
                "Inspector",
                "The number behind the next idea: the same number on the same song gives the "
                "same notes again",
            )
        )

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow(translate("Inspector", "Style"), self.style_choice)
        form.addRow(translate("Inspector", "Notes per bar"), self.density)
        form.addRow(translate("Inspector", "Notes at once"), self.polyphony)
        form.addRow(translate("Inspector", "Rhythm"), self.rhythm)
        form.addRow(translate("Inspector", "Pitch range"), self.pitch_range)
        form.addRow(translate("Inspector", "Key or scale"), self.scale)
        form.addRow(translate("Inspector", "Chords"), self.chords)
        form.addRow(translate("Inspector", "Loudness"), self.velocity)
        form.addRow(translate("Inspector", "How adventurous"), self.temperature)
        form.addRow("", self.reroll)
        nudge = QFormLayout()
        nudge.addRow(translate("Inspector", "Nudge"), self.direction)
        strength_row = QHBoxLayout()
        strength_row.addWidget(self.strength, 1)
        strength_row.addWidget(self.strength_label)
        nudge.addRow(translate("Inspector", "How much"), strength_row)
        self.advanced.form.addRow(translate("Inspector", "Choice of notes (top-p)"), self.top_p)
        self.advanced.form.addRow(translate("Inspector", "Seed"), self.seed)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addLayout(nudge)
        column.addWidget(self.advanced)
        column.addWidget(self.problem)
        column.addStretch(1)

    def _show_strength(self) -> None:
        self.strength_label.setText(
            translate("Inspector", "{percent} %").format(percent=self.strength.value())
        )

    def _check(self) -> None:
        try:
            self.controls()
        except ControlError as err:
            self.problem.setText(engine_text(err))
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
        """The chosen direction's name as the engine knows it (e.g. "closer-to-chord")."""
        return str(self.direction.currentData())

    def nudge_strength(self) -> float:
        return float(self.strength.value()) / 100
