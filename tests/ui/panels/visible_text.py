"""What a panel shows a user, collected from real widgets: its controls and its visible words.

Shared by the plain-words tests of the panels: every control must carry a tooltip, and no text
a user can see may read like code (snake_case or kebab-case names, long raw numbers).
"""

from __future__ import annotations

import re

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QSlider,
    QWidget,
)

CONTROL_TYPES = (QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit, QSlider)
IDENTIFIER = re.compile(r"\b[a-z]+_[a-z0-9_]+\b|\b[a-z]+(?:-[a-z]+){2,}\b|\d{6,}")
"""snake_case, kebab-case of three words or more ("closer-to-chord"), or a number of six digits
or more (a raw seed)."""


def _inside_compound(widget: QWidget) -> bool:
    """A spin box's or combo box's own line edit (part of a control, not one of its own)."""
    parent = widget.parentWidget()
    return isinstance(parent, QAbstractSpinBox | QComboBox)


def controls(root: QWidget) -> list[QWidget]:
    """Every control under `root` a user can operate, shown or folded away."""
    return [
        widget
        for widget in root.findChildren(QWidget)
        if isinstance(widget, CONTROL_TYPES) and not _inside_compound(widget)
    ]


def visible_texts(root: QWidget) -> list[str]:
    """Every text a user sees under `root` as it is shown now (hidden widgets left out)."""
    texts: list[str] = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root) or _inside_compound(widget):
            continue
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QComboBox):
            texts.extend(widget.itemText(i) for i in range(widget.count()))
        elif isinstance(widget, QAbstractSpinBox):
            texts.append(widget.text())
        elif isinstance(widget, QLineEdit):
            texts.extend((widget.text(), widget.placeholderText()))
        elif isinstance(widget, QListWidget):
            texts.extend(widget.item(i).text() for i in range(widget.count()))
    return [text for text in texts if text]


def code_like(texts: list[str]) -> list[str]:
    """The texts that read like code rather than words."""
    return [text for text in texts if IDENTIFIER.search(text)]
