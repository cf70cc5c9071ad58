"""The main toolbar: file, undo, compose and track buttons that keep their places.

A button that changes width moves every button after it under the pointer, and can push others
into the overflow menu. So the toolbar buttons show each action's fixed `iconText`: Undo and
Redo keep their one-word labels with the operation they would undo in the tooltip (the Edit menu
still names it), Add Track and Continue drop the menu's ellipsis, and New, Open and Save show
icons only (their names are in the tooltips and the File menu).
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QSize
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QStyle, QToolBar, QToolButton, QWidget

from ui.engine_words import engine_text
from ui.i18n import translate

ICONS = {
    "new": QStyle.StandardPixmap.SP_FileIcon,
    "open": QStyle.StandardPixmap.SP_DialogOpenButton,
    "save": QStyle.StandardPixmap.SP_DialogSaveButton,
}
"""The file actions shown as icons (the action keeps its text for the menu and tooltip)."""


def _labels() -> dict[str, str]:
    """The toolbar's fixed labels (translated when the toolbar is built)."""
    return {
        "undo": translate("MainToolbar", "Undo"),
        "redo": translate("MainToolbar", "Redo"),
        "add_track": translate("MainToolbar", "Add Track"),
        "continue": translate("MainToolbar", "Continue"),
    }


class MainToolbar(QToolBar):
    """New, Open, Save | Undo, Redo | Lock, Unlock, Regenerate, Nudge, Re-roll | Add Track,
    Continue, Drag MIDI, on the window's actions (`actions` by name)."""

    def __init__(
        self, actions: Mapping[str, QAction], drag: QToolButton, parent: QWidget | None = None
    ) -> None:
        super().__init__(translate("MainToolbar", "Main"), parent)
        self.setObjectName("main-toolbar")
        self.setMovable(False)
        self.setIconSize(QSize(16, 16))  # as tall as the text buttons beside them
        self._actions = actions
        for name, pixmap in ICONS.items():
            actions[name].setIcon(self.style().standardIcon(pixmap))
        for name, label in _labels().items():
            actions[name].setIconText(label)  # kept whatever the action's text becomes
        layout: list[str | None] = [
            "new", "open", "save", None, "undo", "redo", None, "lock", "unlock", "regenerate",
            "nudge", "reroll", None, "add_track", "continue",
        ]  # fmt: skip
        for entry in layout:
            if entry is None:
                self.addSeparator()
            else:
                self.addAction(actions[entry])
        self.addWidget(drag)
        self.show_history("", "")

    def show_history(self, undo_label: str | None, redo_label: str | None) -> None:
        """Name in the tooltips what Undo and Redo would do (Ctrl+Z, Ctrl+Shift+Z)."""
        self._actions["undo"].setToolTip(
            translate("MainToolbar", "Undo {operation} (Ctrl+Z)").format(
                operation=engine_text(undo_label)
            )
            if undo_label
            else translate("MainToolbar", "Nothing to undo")
        )
        self._actions["redo"].setToolTip(
            translate("MainToolbar", "Redo {operation} (Ctrl+Shift+Z)").format(
                operation=engine_text(redo_label)
            )
            if redo_label
            else translate("MainToolbar", "Nothing to redo")
        )
