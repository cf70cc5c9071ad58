"""What the prompt reader understood, as chips a composer can change or remove.

`engine.compose.prompt.read_prompt` turns a sentence into a `Reading` whose `sources` name the
words that set each field. `UnderstoodChips` shows one chip per field set ("Tempo: 72 ← 'slow'"),
the words it did not understand, and a "+ Add" chip for a field the sentence did not set. A click
on a chip offers Change… and Remove. The composer's changes are kept as overrides on top of the
reading, so typing more of the sentence keeps them; `reading()` is the sentence's reading with
the overrides, and `request()` the Generate request it makes.

`edit_reading` (pure: a field, the text typed for it -> a new Reading, or a `ControlError`
saying what to write) reads the typed values with the same readers as the New Song dialogs.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QInputDialog,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from engine.compose.control_text import (
    ControlError,
    form_from_text,
    key_from_text,
    meter_from_text,
    seconds_from_field,
)
from engine.compose.operations import PRESETS, Generate
from engine.compose.prompt import Reading, read_prompt
from engine.compose.prompt_words import VELOCITY_RANGES
from engine.errors import TesseraError
from engine.song.gm import GM_PROGRAM_NAMES, program_from_name
from engine.song.song import MAX_TEMPO_BPM, MIN_TEMPO_BPM
from engine.words import message_of
from ui.engine_words import engine_text
from ui.i18n import translate
from ui.start.style_cards import preset_title

EDITABLE = (
    "preset",
    "tempo_bpm",
    "meter",
    "key",
    "bars",
    "seconds",
    "density",
    "instrument",
    "form",
    "velocity_range",
)
"""The fields a chip shows, in the order they are shown."""
YOURS = "yours"
"""`Reading.sources` value for a field the composer set on a chip."""
ADD = "+"
"""The data of the "+ Add" chip."""


def field_label(name: str) -> str:
    """A field as a musician calls it."""
    labels = {
        "preset": translate("Chips", "Style"),
        "tempo_bpm": translate("Chips", "Tempo (BPM)"),
        "meter": translate("Chips", "Meter"),
        "key": translate("Chips", "Key"),
        "bars": translate("Chips", "Length (bars)"),
        "seconds": translate("Chips", "Length (time)"),
        "density": translate("Chips", "Notes per bar"),
        "instrument": translate("Chips", "Lead instrument"),
        "form": translate("Chips", "Form"),
        "velocity_range": translate("Chips", "Loudness"),
    }
    return labels.get(name, name)


def shown_value(reading: Reading, name: str) -> str:
    """The field's value as the chip shows it."""
    if name == "preset":
        return preset_title(reading.preset)
    if name == "velocity_range" and reading.velocity_range is not None:
        for word, span in VELOCITY_RANGES.items():
            if span == reading.velocity_range:
                return translate("Chips", "soft") if word == "soft" else translate("Chips", "loud")
    return reading.shown(name)


def _whole(name: str, low: int, high: int) -> Callable[[str], int]:
    def read(text: str) -> int:
        stripped = text.strip()
        if not stripped.isdigit() or not low <= int(stripped) <= high:
            raise ControlError(name, f"{text!r} must be a whole number from {low} to {high}")
        return int(stripped)

    return read


def _tempo(text: str) -> float:
    try:
        bpm = float(text.strip())
    except ValueError as err:
        raise ControlError("tempo_bpm", f"{text!r} is not a number of beats per minute") from err
    if not MIN_TEMPO_BPM <= bpm <= MAX_TEMPO_BPM:
        raise ControlError(
            "tempo_bpm", f"{bpm:g} BPM must be from {MIN_TEMPO_BPM:g} to {MAX_TEMPO_BPM:g}"
        )
    return bpm


def _preset(text: str) -> str:
    wanted = text.strip()
    for name in PRESETS:
        if wanted in (name, preset_title(name)):
            return name
    raise ControlError("preset", f"no style is called {text!r}: choose one of {', '.join(PRESETS)}")


def _instrument(text: str) -> int:
    try:
        return program_from_name(text)
    except TesseraError as err:
        raise ControlError("instrument", message_of(err)) from err


def _loudness(text: str) -> tuple[int, int]:
    word = text.strip().lower()
    for name, span in VELOCITY_RANGES.items():
        if word in (name, shown_value(Reading("", velocity_range=span), "velocity_range")):
            return span
    raise ControlError("velocity_range", f"loudness {text!r}: write soft or loud")


def _key(text: str) -> str:
    key_from_text(text)  # checked; the reading keeps the name
    return text.strip()


READERS: dict[str, Callable[[str], Any]] = {
    "preset": _preset,
    "tempo_bpm": _tempo,
    "meter": meter_from_text,
    "key": _key,
    "bars": _whole("bars", 1, 512),
    "seconds": seconds_from_field,
    "density": _whole("density", 1, 64),
    "instrument": _instrument,
    "form": form_from_text,
    "velocity_range": _loudness,
}


def edit_reading(reading: Reading, name: str, text: str | None) -> Reading:
    """The reading with field `name` set from `text` (None removes it: the preset or the model
    decides); a `ControlError` says what to write when the text is not a value for it."""
    if name not in READERS:
        raise ControlError(name, f"{name!r} is not a field a chip can set")
    sources = dict(reading.sources)
    changes: dict[str, Any] = {}
    if text is None:
        if name == "preset":
            raise ControlError("preset", "a song needs a style: change it instead")
        changes[name] = None
        sources.pop(name, None)
    else:
        changes[name] = READERS[name](text)
        sources[name] = YOURS
    if name == "key":
        changes["scale"] = None  # a church mode came with the sentence's key
        sources.pop("scale", None)
    if name == "seconds" and text is not None:
        changes["bars"] = None  # a length in time decides the bars
        sources.pop("bars", None)
    return dataclasses.replace(reading, sources=sources, **changes)


class UnderstoodChips(QWidget):
    """The chips for a sentence: set `text`, read `reading()`; `changed` follows every change
    (the sentence's or a chip's)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setObjectName("understood-chips")
        self.list.setViewMode(QListView.ViewMode.IconMode)
        self.list.setFlow(QListView.Flow.LeftToRight)
        self.list.setWrapping(True)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setMovement(QListView.Movement.Static)
        self.list.setSpacing(4)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setStyleSheet(
            "QListWidget { border: none; background: transparent; }"
            "QListWidget::item { border: 1px solid palette(mid); border-radius: 10px;"
            " padding: 3px 8px; }"
        )
        self.list.setToolTip(translate("Chips", "Click a chip to change or remove it"))
        self.list.itemClicked.connect(self._clicked)
        self.not_understood = QLabel()
        self.not_understood.setWordWrap(True)
        self.remarks = QLabel()
        self.remarks.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addWidget(self.not_understood)
        layout.addWidget(self.remarks)
        self._text = ""
        self._overrides: dict[str, str | None] = {}
        self._reading = read_prompt("")
        self._show()

    # --- the model ------------------------------------------------------------------------

    def set_text(self, text: str) -> None:
        """Read a new sentence; the composer's chip changes stay on top of it."""
        self._text = text
        reading = read_prompt(text)
        for name, typed in self._overrides.items():
            try:
                reading = edit_reading(reading, name, typed)
            except TesseraError:
                continue  # cannot happen for a value once accepted; never lose the sentence
        self._reading = reading
        self._show()
        self.changed.emit()

    def set_field(self, name: str, text: str | None) -> None:
        """Change a chip (None removes it); a `ControlError` leaves everything as it was."""
        self._reading = edit_reading(self._reading, name, text)
        self._overrides[name] = text
        if name == "seconds" and text is not None:
            self._overrides.pop("bars", None)
        self._show()
        self.changed.emit()

    def reading(self) -> Reading:
        return self._reading

    def request(self) -> Generate:
        return self._reading.request()

    def chip_texts(self) -> list[str]:
        """Each chip's text, as shown (the "+ Add" chip left out)."""
        return [
            self.list.item(row).text()
            for row in range(self.list.count())
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) != ADD
        ]

    def chip_fields(self) -> list[str]:
        """The field of each chip, in the order shown."""
        return [name for name in EDITABLE if name in self._reading.sources]

    # --- showing --------------------------------------------------------------------------

    def _show(self) -> None:
        self.list.clear()
        reading = self._reading
        for name in self.chip_fields():
            source = reading.sources[name]
            words = (
                translate("Chips", "your choice")
                if source == YOURS
                else translate("Chips", "from {words}").format(words=source)
            )
            item = QListWidgetItem(f"{field_label(name)}: {shown_value(reading, name)}")
            item.setToolTip(words)
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.list.addItem(item)
        add = QListWidgetItem(translate("Chips", "+ Add a detail"))
        add.setData(Qt.ItemDataRole.UserRole, ADD)
        add.setToolTip(translate("Chips", "Set the tempo, key, length … yourself"))
        self.list.addItem(add)
        ignored = ", ".join(f"“{word}”" for word in reading.ignored)
        self.not_understood.setText(
            translate("Chips", "Not understood: {words}").format(words=ignored) if ignored else ""
        )
        self.not_understood.setVisible(bool(ignored))
        self.remarks.setText("; ".join(reading.remarks))
        self.remarks.setVisible(bool(reading.remarks))
        self._fit_height()

    def _fit_height(self) -> None:
        """As tall as the chips' rows, so the page below does not move more than it must."""
        self.list.doItemsLayout()
        bottom = max(
            (
                self.list.visualItemRect(self.list.item(row)).bottom()
                for row in range(self.list.count())
            ),
            default=0,
        )
        self.list.setFixedHeight(bottom + 2 * self.list.spacing() + 2 * self.list.frameWidth())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit_height()

    def _clicked(self, item: QListWidgetItem) -> None:
        name = str(item.data(Qt.ItemDataRole.UserRole))
        rect = self.list.visualItemRect(item)
        where = self.list.viewport().mapToGlobal(rect.bottomLeft())
        self.menu_for(name).popup(where)

    def menu_for(self, name: str) -> QMenu:
        """The chip's menu: Change… and Remove, or (for "+ Add") the fields not set yet."""
        menu = QMenu(self)
        if name == ADD:
            for field in EDITABLE:
                if field not in self._reading.sources:
                    action = menu.addAction(field_label(field))
                    action.triggered.connect(lambda _c=False, f=field: self.ask_for(f))
            return menu
        menu.addAction(translate("Chips", "Change…")).triggered.connect(
            lambda _c=False: self.ask_for(name)
        )
        remove = menu.addAction(translate("Chips", "Remove"))
        remove.setEnabled(name != "preset")
        remove.triggered.connect(lambda _c=False: self.set_field(name, None))
        return menu

    def ask_for(self, name: str) -> None:
        """Ask for the field's new value (a list for the style, the instrument and the
        loudness, else a line of text), then set it; a value that does not read is said."""
        current = shown_value(self._reading, name) if name in self._reading.sources else ""
        title = translate("Chips", "Change {field}").format(field=field_label(name))
        choices = self._choices(name)
        if choices:
            index = choices.index(current) if current in choices else 0
            text, ok = QInputDialog.getItem(
                self, title, field_label(name), choices, index, name == "instrument"
            )
        else:
            text, ok = QInputDialog.getText(self, title, field_label(name), text=current)
        if not ok:
            return
        try:
            self.set_field(name, text)
        except TesseraError as err:
            self.remarks.setText(engine_text(err))
            self.remarks.setVisible(True)

    def _choices(self, name: str) -> list[str]:
        if name == "preset":
            return [preset_title(preset) for preset in PRESETS]
        if name == "instrument":
            return list(GM_PROGRAM_NAMES)
        if name == "velocity_range":
            return [translate("Chips", "soft"), translate("Chips", "loud")]
        return []
