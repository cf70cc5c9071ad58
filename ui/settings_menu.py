"""The Settings menu: the theme (Light, Dark or Follow system), the language, and whether the
start screen shows at launch, each kept in the settings.

The menu is built here so the window only adds it; other preferences join it as further
entries. A choice is stored under `ui.theme.THEME_KEY` and shown at once; the app
applies the stored one at start (`ui.theme.follow_system_theme`).
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from ui.i18n import translate
from ui.language_menu import language_menu
from ui.start.preference import set_shows_at_launch, shows_at_launch
from ui.theme import ThemeChoice, choose_theme, stored_theme


def _theme_label(choice: ThemeChoice) -> str:
    """The menu entry for a choice, in the composer's language (translated when shown)."""
    if choice == "light":
        return translate("Settings", "&Light")
    if choice == "dark":
        return translate("Settings", "&Dark")
    return translate("Settings", "&Follow System")


class SettingsMenu(QMenu):
    """Settings: a Theme submenu of three exclusive choices, the Language menu, and Show the
    Start Screen at Launch."""

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
        self.addSeparator()
        self.start_action = self.addAction(
            translate("Settings", "Show the &Start Screen at Launch")
        )
        self.start_action.setObjectName("show-start-at-launch")
        self.start_action.setCheckable(True)
        self.start_action.setChecked(shows_at_launch(settings))
        self.start_action.toggled.connect(lambda show: set_shows_at_launch(settings, show))
        # The start screen's own box may have changed it since: show the stored choice.
        self.aboutToShow.connect(self._show_stored_choices)

    def _show_stored_choices(self) -> None:
        blocked = self.start_action.blockSignals(True)
        self.start_action.setChecked(shows_at_launch(self.settings))
        self.start_action.blockSignals(blocked)

    def choose(self, choice: ThemeChoice) -> None:
        """Keep and show `choice` (the app's palette changes; every widget repaints)."""
        self.theme_actions[choice].setChecked(True)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            choose_theme(app, self.settings, choice)
