"""The Settings menu: the theme (Light, Dark or Follow system), kept in the settings.

The menu is built here so the window only adds it; other preferences (the language) join it
as further entries. A choice is stored under `ui.theme.THEME_KEY` and shown at once; the app
applies the stored one at start (`ui.theme.follow_system_theme`).
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from ui.i18n import translate
from ui.language_menu import language_menu
from ui.theme import ThemeChoice, choose_theme, stored_theme


def _theme_label(choice: ThemeChoice) -> str:
    """The menu entry for a choice, in the composer's language (translated when shown)."""
    if choice == "light":
        return translate("Settings", "&Light")
    if choice == "dark":
        return translate("Settings", "&Dark")
    return translate("Settings", "&Follow System")


class SettingsMenu(QMenu):
    """Settings: a Theme submenu of three exclusive choices and the Language menu."""

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(translate("Settings", "&Settings"), parent)
        self.setObjectName("settings-menu")
        self.settings = settings
        self.theme_menu = self.addMenu(translate("Settings", "&Theme"))
        self.theme_menu.setObjectName("theme-menu")
        group = QActionGroup(self)
        group.setExclusive(True)
        self.theme_actions: dict[ThemeChoice, QAction] = {}
        current = stored_theme(settings)
        for choice in ("light", "dark", "system"):
            action = QAction(_theme_label(choice), self)
            action.setCheckable(True)
            action.setChecked(choice == current)
            action.setData(choice)
            action.triggered.connect(lambda _checked=False, chosen=choice: self.choose(chosen))
            group.addAction(action)
            self.theme_menu.addAction(action)
            self.theme_actions[choice] = action
        self.language_menu = language_menu(self, settings)  # System / English / 简体中文
        self.addMenu(self.language_menu)

    def choose(self, choice: ThemeChoice) -> None:
        """Keep and show `choice` (the app's palette changes; every widget repaints)."""
        self.theme_actions[choice].setChecked(True)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            choose_theme(app, self.settings, choice)
