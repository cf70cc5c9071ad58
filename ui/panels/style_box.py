"""The Style combo box, shared by the New Song dialog and the transport bar.

Items show each style's English label (the app has no translations yet, so `label_zh` is not
shown); each item's data is the style's name from `engine.song.styles`, or None for no style.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from engine.song.styles import STYLES

NO_STYLE_LABEL = "No style"


def style_box(parent: QWidget | None = None) -> QComboBox:
    """A combo box of the styles by label, each item's data its name (None: no style)."""
    box = QComboBox(parent)
    box.addItem(NO_STYLE_LABEL, None)
    for style in STYLES:
        box.addItem(style.label, style.name)
    box.setToolTip("The style the model writes in")
    return box


def show_style(box: QComboBox, style: str | None) -> None:
    """Select `style` (a name, or None) in a box made by `style_box`."""
    box.setCurrentIndex(max(0, box.findData(style)))


def chosen_style(box: QComboBox) -> str | None:
    """The name of the style selected in a box made by `style_box` (None: no style)."""
    data = box.currentData()
    return None if data is None else str(data)
