"""A real main window for a test: settings and recovery copies in the test's folder, unsaved
work discarded on close (so closing never waits on a dialog), showing `song`."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from engine.song.song import Song
from engine.studio.models import Models
from ui.main_window import MainWindow


def window_on(
    qtbot: QtBot, tmp_path: Path, models: Models, song: Song, *, show: bool = False
) -> MainWindow:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(recovery_dir=tmp_path / "recovery", settings=settings, models=models)
    window.confirm_discard = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    qtbot.addWidget(window)
    if show:
        window.show()
    window.session.new(song)
    window.refresh()
    return window
