"""The Language menu: System, English, 简体中文 … stored in the settings, used at the next start.

Qt widgets keep the words they were built with, so a change of language takes effect when
Tessera restarts; the menu says so in its last line rather than pretending otherwise.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from ui.i18n import LANGUAGE_KEY, SYSTEM, available_languages, stored_choice, translate


def language_menu(parent: QWidget, settings: QSettings) -> QMenu:
    """A menu of the languages (one checked: the stored choice) that stores the one picked."""
    menu = QMenu(translate("Language", "&Language"), parent)
    menu.setObjectName("language-menu")
    group = QActionGroup(menu)
    group.setExclusive(True)
    choice = stored_choice(settings)
    options = [(SYSTEM, translate("Language", "System Language"))]
    options += [(language.code, language.name) for language in available_languages()]
    for code, label in options:
        action = QAction(label, menu)
        action.setCheckable(True)
        action.setChecked(code == choice)
        action.setData(code)
        action.triggered.connect(lambda _checked=False, code=code: _store(settings, code))
        group.addAction(action)
        menu.addAction(action)
    if not any(action.isChecked() for action in group.actions()):
        group.actions()[0].setChecked(True)  # a language no longer shipped: the system's
    menu.addSeparator()
    note = menu.addAction(translate("Language", "Takes effect when Tessera restarts"))
    note.setEnabled(False)
    return menu


def _store(settings: QSettings, code: str) -> None:
    settings.setValue(LANGUAGE_KEY, code)
    settings.sync()
