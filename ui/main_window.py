"""The main window: open a MIDI file or project, see its tracks x bars grid, save and export.

This is the first, minimal window; the full arrangement grid, piano roll and transport grow
from it. Every Song shown here comes from the engine; the window keeps no music state of its own
beyond the Song it displays.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QMainWindow,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from engine.errors import TesseraError
from engine.song import Song
from engine.song_files import open_song, save_song
from engine.summary import song_summary

OPEN_FILTER = "Songs (*.mid *.midi *.json);;MIDI files (*.mid *.midi);;Tessera projects (*.json)"
LOCKED_CELL_COLOUR = QColor(90, 70, 40)


class MainWindow(QMainWindow):
    """Shows one Song as a grid: a row per track, a column per bar, note counts in the cells."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.song = Song()
        self.path: Path | None = None
        self.grid = QTableWidget(self)
        self.grid.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.setCentralWidget(self.grid)
        self._build_menu()
        self.resize(1000, 600)
        self.show_song(self.song)

    def _build_menu(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        actions: list[tuple[str, QKeySequence | QKeySequence.StandardKey, Callable[[], object]]] = [
            ("&Open…", QKeySequence.StandardKey.Open, self.choose_and_open),
            ("Save &As…", QKeySequence.StandardKey.SaveAs, self.choose_and_save),
            ("&Export MIDI…", QKeySequence("Ctrl+E"), self.choose_and_export),
            ("&Quit", QKeySequence.StandardKey.Quit, self.close),
        ]
        for label, shortcut, slot in actions:
            action = QAction(label, self)
            action.setShortcut(shortcut)
            action.triggered.connect(slot)
            file_menu.addAction(action)

    def show_song(self, song: Song) -> None:
        """Fill the grid from `song`: note count per cell, locked cells shaded."""
        self.song = song
        self.grid.clear()
        self.grid.setRowCount(len(song.tracks))
        self.grid.setColumnCount(song.bar_count)
        self.grid.setVerticalHeaderLabels([track.name for track in song.tracks])
        self.grid.setHorizontalHeaderLabels([str(bar + 1) for bar in range(song.bar_count)])
        for row, track in enumerate(song.tracks):
            for bar in range(song.bar_count):
                count = len(song.notes_in_bar(row, bar))
                item = QTableWidgetItem(str(count) if count else "")
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if bar in track.locked_bars:
                    item.setBackground(LOCKED_CELL_COLOUR)
                    item.setToolTip("locked")
                self.grid.setItem(row, bar, item)
        self.grid.resizeColumnsToContents()
        name = self.path.name if self.path else "untitled"
        self.setWindowTitle(f"{song.title} ({name}) — Tessera")
        summary = song_summary(song)
        self.statusBar().showMessage("   ".join(" ".join(line.split()) for line in summary[1:6]))

    def open_path(self, path: str | Path) -> bool:
        """Open a MIDI file or project; a bad file shows a message and keeps the current song."""
        try:
            song, warnings = open_song(path)
        except TesseraError as err:
            self._report("Cannot open this file", str(err))
            return False
        self.path = Path(path)
        self.show_song(song)
        if warnings:
            self._report("Opened with fixes", "\n".join(warnings), QMessageBox.Icon.Information)
        return True

    def save_path(self, path: str | Path) -> bool:
        try:
            warnings = save_song(self.song, path)
        except TesseraError as err:
            self._report("Cannot save", str(err))
            return False
        if warnings:
            self._report("Saved with warnings", "\n".join(warnings), QMessageBox.Icon.Information)
        return True

    def choose_and_open(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open", "", OPEN_FILTER)
        if path:
            self.open_path(path)

    def choose_and_save(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Save project", "", "Tessera project (*.json)")
        if path and self.save_path(path):
            self.path = Path(path)

    def choose_and_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export MIDI", "", "MIDI file (*.mid)")
        if path:
            self.save_path(path)

    def _report(
        self, title: str, text: str, icon: QMessageBox.Icon = QMessageBox.Icon.Warning
    ) -> None:
        """Show a message without blocking (tests and scripts can read `last_message`)."""
        self.last_message = text
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self)
        box.setModal(False)
        box.show()
