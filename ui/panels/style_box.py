"""The Style combo box, shared by the New Song dialog and the transport bar.

Items show each style's label in the user's language: the Chinese label (`label_zh`) when the
app's locale is Chinese, the English one otherwise; each item's data is the style's name from
`engine.song.styles`, or None for no style.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QComboBox, QWidget

from engine.song.styles import STYLES, Style
from ui.i18n import translate

NO_STYLE_LABEL = "No style"
"""The English text of the first item (shown through `translate`)."""


def style_label(style: Style) -> str:
    """A style's name as the user reads it (Chinese under a Chinese locale)."""
    chinese = QLocale().language() == QLocale.Language.Chinese
    return style.label_zh if chinese and style.label_zh else style.label


def style_box(parent: QWidget | None = None) -> QComboBox:
    """A combo box of the styles by label, each item's data its name (None: no style)."""
    box = QComboBox(parent)
    box.addItem(translate("StyleBox", "No style"), None)
    for style in STYLES:
        box.addItem(style_label(style), style.name)
    box.setToolTip(translate("StyleBox", "The kind of music the app writes: its band and groove"))
    return box


def show_style(box: QComboBox, style: str | None) -> None:
    """Select `style` (a name, or None) in a box made by `style_box`."""
    box.setCurrentIndex(max(0, box.findData(style)))


def chosen_style(box: QComboBox) -> str | None:
    """The name of the style selected in a box made by `style_box`."""
    data = box.currentData()
    return None if data is None else str(data)
