"""The window's actions and its menu bar, built from one table each.

`window_actions(window)` makes every named action of the main window (the label a composer
reads, the window method it calls, the shortcut); `window_menus(window, actions)` puts them in
the File, Edit, Compose, Transport, Settings and Help menus. Kept apart from the window class
so the list of what a composer can do reads in one place.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from ui.compose_actions import flip_action_text, run_safely
from ui.engine_words import engine_text
from ui.i18n import translate
from ui.settings_menu import SettingsMenu

if TYPE_CHECKING:
    from engine.song.song import Song
    from ui.main_window import MainWindow


def _action(
    window: MainWindow,
    label: str,
    slot: Callable[[], object],
    shortcut: str | QKeySequence.StandardKey = "",
) -> QAction:
    """An action of the whole window: a failure in `slot` is said in the status line."""
    action = QAction(label, window)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.triggered.connect(lambda: run_safely(slot, window.say))
    window.addAction(action)
    return action


def window_actions(window: MainWindow) -> dict[str, QAction]:
    """Every named action of `window`, by name ("new", "regenerate", "flip" ...)."""
    keys = QKeySequence.StandardKey
    return {
        "new": _action(window, translate("MainWindow", "&New Song…"), window.new_song, keys.New),
        "prompt": _action(
            window,
            translate("MainWindow", "New Song from &Description…"),
            window.new_song_from_prompt,
            "Ctrl+Shift+N",
        ),
        "open": _action(
            window, translate("MainWindow", "&Open…"), window.choose_and_open, keys.Open
        ),
        "audio_to_notes": _action(
            window,
            translate("MainWindow", "Audio to &Notes…"),
            window.choose_audio_to_notes,
            "Ctrl+Shift+I",
        ),
        "save": _action(window, translate("MainWindow", "&Save"), window.save, keys.Save),
        "save_as": _action(
            window, translate("MainWindow", "Save &As…"), window.choose_and_save, keys.SaveAs
        ),
        "export": _action(
            window, translate("MainWindow", "&Export MIDI…"), window.choose_and_export, "Ctrl+E"
        ),
        "export_audio": _action(
            window,
            translate("MainWindow", "Export &Audio…"),
            window.choose_and_export_audio,
            "Ctrl+Shift+E",
        ),
        "quit": _action(window, translate("MainWindow", "&Quit"), window.close, keys.Quit),
        "undo": _action(window, translate("MainWindow", "&Undo"), window.undo, "Ctrl+Z"),
        "redo": _action(window, translate("MainWindow", "&Redo"), window.redo, "Ctrl+Shift+Z"),
        "delete": _action(
            window, translate("MainWindow", "&Delete Notes in Cells"), window.delete_cells, "Delete"
        ),
        "lock": _action(
            window, translate("MainWindow", "&Lock"), lambda: window.compose.set_locked(True), "L"
        ),
        "unlock": _action(
            window,
            translate("MainWindow", "&Unlock"),
            lambda: window.compose.set_locked(False),
            "Shift+L",
        ),
        "regenerate": _action(
            window, translate("MainWindow", "&Regenerate"), window.compose.regenerate, "R"
        ),
        "nudge": _action(window, translate("MainWindow", "&Nudge"), window.compose.nudge, "N"),
        "reroll": _action(
            window, translate("MainWindow", "Re-ro&ll"), window.compose.reroll, "Ctrl+R"
        ),
        "flip": _action(window, flip_action_text(), window.compose.flip_takes, "T"),
        "add_track": _action(
            window, translate("MainWindow", "&Add Track…"), window.choose_and_add_track, "Ctrl+T"
        ),
        "continue": _action(
            window,
            translate("MainWindow", "&Continue…"),
            window.choose_and_continue,
            "Ctrl+Shift+C",
        ),
        "check": _action(
            window,
            translate("MainWindow", "Check &Originality"),
            window.check_originality,
            "Ctrl+Shift+O",
        ),
        "about": _action(
            window, translate("MainWindow", "About the &Models"), window.show_about_models
        ),
        "score_video": _action(
            window,
            translate("MainWindow", "Score a &Video…"),
            window.video_scoring.choose_and_score,
        ),
        "export_video": _action(
            window,
            translate("MainWindow", "Export Scored Vi&deo…"),
            window.video_scoring.choose_and_export,
        ),
        "start": _action(
            window, translate("MainWindow", "&Start Screen"), window.show_start_screen
        ),
        "tour": _action(window, translate("MainWindow", "Guided &Tour"), window.show_tour),
        "shortcuts": _action(
            window, translate("MainWindow", "&Keyboard Shortcuts"), window.show_shortcuts, "F1"
        ),
    }


@dataclass(frozen=True)
class WindowMenus:
    """The menus put in the menu bar, by name, with the two the window reaches again."""

    menus: dict[str, QMenu]
    settings_menu: SettingsMenu
    recent_menu: QMenu


def window_menus(window: MainWindow, a: dict[str, QAction]) -> WindowMenus:
    """Fill `window`'s menu bar with the actions `a`: File (with Open Recent), Edit, Compose,
    Transport, Settings and Help."""
    layout: dict[str, list[str | None]] = {
        "file": ["new", "prompt", "open", "audio_to_notes", None, "save", "save_as", "export",
                 "export_audio", None, "score_video", "export_video", None, "quit"],
        "edit": ["undo", "redo", None, "delete"],
        "compose": ["lock", "unlock", None, "regenerate", "nudge", "reroll", "flip", None,
                    "add_track", "continue", None, "check"],
        "transport": [],
        "help": ["start", "tour", "shortcuts", None, "about"],
    }  # fmt: skip
    titles = {
        "file": translate("MainWindow", "&File"),
        "edit": translate("MainWindow", "&Edit"),
        "compose": translate("MainWindow", "&Compose"),
        "transport": translate("MainWindow", "&Transport"),
        "help": translate("MainWindow", "&Help"),
    }
    menus: dict[str, QMenu] = {}
    settings_menu: SettingsMenu | None = None
    recent_menu: QMenu | None = None
    for key, names in layout.items():
        if key == "help":
            settings_menu = SettingsMenu(window.settings, window)
            window.menuBar().addMenu(settings_menu)
        menu = menus[key] = window.menuBar().addMenu(titles[key])
        for name in names:
            if name is None:
                menu.addSeparator()
            else:
                menu.addAction(a[name])
        if key == "transport":
            menu.addActions(window.transport.actions())
        if key == "file":
            recent_menu = menu.addMenu(translate("MainWindow", "Open &Recent"))
            menu.insertMenu(a["save"], recent_menu)
    if settings_menu is None or recent_menu is None:
        raise RuntimeError("the menu table lost its File or Help menu")
    return WindowMenus(menus, settings_menu, recent_menu)


def show_history(window: MainWindow, song: Song) -> None:
    """Undo and redo (menu and toolbar) with what they would do, and the window title with the
    song, its file and the unsaved mark."""
    history = window.session.history
    undo, redo = window.actions_by_name["undo"], window.actions_by_name["redo"]
    undo.setEnabled(history.can_undo)
    undo.setText(
        translate("MainWindow", "&Undo {operation}").format(
            operation=engine_text(history.undo_label)
        )
        if history.undo_label
        else translate("MainWindow", "&Undo")
    )
    redo.setEnabled(history.can_redo)
    redo.setText(
        translate("MainWindow", "&Redo {operation}").format(
            operation=engine_text(history.redo_label)
        )
        if history.redo_label
        else translate("MainWindow", "&Redo")
    )
    window.toolbar.show_history(history.undo_label, history.redo_label)
    name = window.session.path.name if window.session.path else translate("MainWindow", "unsaved")
    title = translate("MainWindow", "{title} ({file}) — Tessera").format(
        title=song.title, file=name
    )
    window.setWindowTitle(f"• {title}" if window.session.dirty else title)
