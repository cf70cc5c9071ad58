"""The minimal window: opens MIDI and projects into the grid, refuses bad files politely."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QTableWidgetItem
from pytestqt.qtbot import QtBot

from engine.edits import set_locked
from engine.midi_io import export_midi
from engine.project_file import load_project, save_project
from engine.song import PPQ, Note, Song, Track
from ui.main_window import LOCKED_CELL_COLOUR, MainWindow


def _cell(window: MainWindow, row: int, column: int) -> QTableWidgetItem:
    item = window.grid.item(row, column)
    assert item is not None, f"no grid cell at row {row}, column {column}"
    return item


def _song() -> Song:
    notes = (Note(0, 60, PPQ, 90), Note(PPQ, 62, PPQ, 90), Note(5 * PPQ, 64, PPQ, 90))
    return Song(title="Grid", bar_count=3, tracks=(Track("A", notes=notes), Track("B")))


def test_opening_a_midi_file_fills_the_grid(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "grid.mid"
    export_midi(_song(), path)
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.open_path(path)
    # An empty track is not written to MIDI as a track with notes, so only "A" comes back.
    assert window.grid.rowCount() == 1
    assert window.grid.columnCount() == 3
    cells = [_cell(window, 0, bar).text() for bar in range(3)]
    assert cells == ["2", "1", ""]
    assert "Grid" in window.windowTitle()
    assert not window.grab().isNull()


def test_locked_cells_are_shaded_and_projects_save(qtbot: QtBot, tmp_path: Path) -> None:
    project = tmp_path / "grid.json"
    save_project(set_locked(_song(), [(0, 1)]), project)
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.open_path(project)
    assert _cell(window, 0, 1).background().color() == LOCKED_CELL_COLOUR
    assert _cell(window, 0, 0).background().color() != LOCKED_CELL_COLOUR
    copy = tmp_path / "copy.json"
    assert window.save_path(copy)
    assert load_project(copy) == load_project(project)


def test_a_broken_file_keeps_the_current_song(qtbot: QtBot, tmp_path: Path) -> None:
    good = tmp_path / "good.json"
    save_project(_song(), good)
    bad = tmp_path / "bad.mid"
    bad.write_bytes(b"this is not midi")
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_path(good)
    assert not window.open_path(bad)
    assert "bad.mid is not a MIDI file" in window.last_message
    assert window.song == _song()
