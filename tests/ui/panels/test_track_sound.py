"""The Track panel's Sound choice in a real window (offscreen): choosing the standard General
MIDI set is one undoable edit that keeps a locked timbre to come back to."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from benchmarks.tunes import d_major_tune
from engine.song.edits import update_track
from engine.song.song import TIMBRE_DIMENSION, TimbreRef
from engine.sound.render import NoteRenderer
from engine.studio.models import Models
from tests.helpers.windows import window_on
from ui.main_window import MainWindow

LOCKED = TimbreRef("generated", 9, (0.3,) * TIMBRE_DIMENSION)


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, renderer: NoteRenderer) -> MainWindow:
    models = Models(renderer=lambda: renderer)
    return window_on(
        qtbot, tmp_path, models, update_track(d_major_tune(), 1, timbre=LOCKED), show=True
    )


def test_choosing_the_standard_set_is_undoable_and_keeps_the_lock(window: MainWindow) -> None:
    window.grid.set_selection([(1, 0)])
    panel = window.track_panel
    assert panel.track_index == 1
    assert panel.sound.currentText() == "Tessera timbre"
    panel.sound.setFocus()
    QTest.keyClick(panel.sound, Qt.Key.Key_Down)  # the user picks the next entry
    assert window.session.song.tracks[1].timbre == LOCKED.standard()
    assert window.session.song.tracks[0].timbre == TimbreRef()  # the other track keeps its own
    assert panel.sound.currentText() == "General MIDI (SoundFont)"
    assert "Sound of Cello" in window.actions_by_name["undo"].text()
    window.undo()
    assert window.session.song.tracks[1].timbre == LOCKED
    assert panel.sound.currentText() == "Tessera timbre"
    window.redo()
    assert window.session.song.tracks[1].timbre.is_standard
    QTest.keyClick(panel.sound, Qt.Key.Key_Up)  # back to the Tessera timbre: the lock returns
    assert window.session.song.tracks[1].timbre == LOCKED


def test_the_choice_follows_the_selected_track(window: MainWindow) -> None:
    window.apply_edit(
        update_track(window.session.song, 0, timbre=TimbreRef().standard()), "Standard fiddle"
    )
    window.grid.set_selection([(0, 0)])
    assert window.track_panel.sound.currentText() == "General MIDI (SoundFont)"
    window.grid.set_selection([(1, 0)])
    assert window.track_panel.sound.currentText() == "Tessera timbre"
