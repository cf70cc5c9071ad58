"""Finding a menu's entries by the words a user reads, as a user would pick them."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu


def menu_item(menu: QMenu, text: str) -> QAction:
    """The entry of `menu` that reads `text`; the assertion lists what the menu does offer."""
    for action in menu.actions():
        if action.text() == text:
            return action
    raise AssertionError(f"no {text!r} in {[a.text() for a in menu.actions()]}")


def submenu(menu: QMenu, text: str) -> QMenu:
    """The submenu of `menu` behind the entry reading `text`."""
    found = menu_item(menu, text).menu()
    assert isinstance(found, QMenu), f"{text!r} opens no submenu"
    return found
