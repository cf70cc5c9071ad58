"""Edits made while a composing job runs are never lost when its result arrives.

A job reads the song when it starts and hands its result back on the UI thread. These tests
edit the song on the UI thread straight after starting a real regenerate: the result travels
through a queued signal, so it cannot land before the edit, and the edit is always "meanwhile".
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from benchmarks.tunes import d_major_tune
from engine.song.edits import remove_notes, set_tempo
from engine.studio.models import Models
from ui.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, models: Models) -> MainWindow:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    main = MainWindow(recovery_dir=tmp_path / "recovery", settings=settings, models=models)
    main.confirm_discard = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    qtbot.addWidget(main)
    main.session.new(d_major_tune())
    main.refresh()
    return main


def _regenerate(window: MainWindow, cells: list[tuple[int, int]], seed: int) -> None:
    window.grid.set_selection(cells)
    window.inspector.seed.setValue(seed)
    window.actions_by_name["regenerate"].trigger()
    assert window.jobs.busy


def _wait_for_job(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.jobs.busy, timeout=120_000)


def test_a_tempo_set_while_regenerating_survives_the_result(
    qtbot: QtBot, window: MainWindow
) -> None:
    before = window.session.song
    _regenerate(window, [(1, bar) for bar in range(2, 6)], seed=5)
    window.transport.tempo.setValue(93.0)  # the composer keeps working while the model writes
    _wait_for_job(qtbot, window)

    song = window.session.song
    assert song.tempos[0].tempo_bpm == 93.0
    assert window.transport.tempo.value() == 93.0
    assert song.tracks[1].notes != before.tracks[1].notes  # the regenerate still landed
    assert song.tracks[0].notes == before.tracks[0].notes
    assert "seed 5" in window.last_message
    assert window.session.takes[-1].song == song  # the take is what the composer got
    window.actions_by_name["undo"].trigger()  # the regenerate, then the tempo, come off
    assert window.session.song == set_tempo(before, 93.0)
    window.actions_by_name["undo"].trigger()
    assert window.session.song == before


def test_a_cell_locked_while_regenerating_keeps_its_notes_and_its_lock(
    qtbot: QtBot, window: MainWindow
) -> None:
    before = window.session.song
    _regenerate(window, [(1, bar) for bar in range(2, 6)], seed=5)
    window.grid.set_selection([(1, 3)])
    window.actions_by_name["lock"].trigger()
    _wait_for_job(qtbot, window)

    song = window.session.song
    assert 3 in song.tracks[1].locked_bars
    assert song.notes_in_bar(1, 3) == before.notes_in_bar(1, 3)  # refused for that cell
    rewritten = [
        bar for bar in (2, 4, 5) if song.notes_in_bar(1, bar) != before.notes_in_bar(1, bar)
    ]
    assert rewritten  # the other cells of the job were written
    assert "track 2 bar 4" in window.last_message
    assert "locked" in window.last_message


def test_a_note_edit_in_a_job_cell_is_kept_and_named(qtbot: QtBot, window: MainWindow) -> None:
    before = window.session.song
    _regenerate(window, [(1, bar) for bar in range(2, 6)], seed=5)
    edited = remove_notes(before, 1, before.notes_in_bar(1, 4))  # the cello's bar 5, by hand
    window.piano_roll.song_edited.emit(edited)
    _wait_for_job(qtbot, window)

    song = window.session.song
    assert song.notes_in_bar(1, 4) == edited.notes_in_bar(1, 4) == ()
    assert "track 2 bar 5" in window.last_message
    assert "regenerate again" in window.last_message
