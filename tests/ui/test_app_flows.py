"""Real user flows through the main window, offscreen: open, lock, regenerate, undo, edit,
save, reopen, export, recover after a crash, and the guards that keep work from being lost."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable
from pathlib import Path

import mido
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from benchmarks.tunes import d_major_tune
from engine.project.midi.files import export_midi, import_midi
from engine.project.project_file import load_project
from engine.song.edits import add_notes
from engine.song.song import PPQ, Note
from engine.studio.models import Models
from engine.studio.session import Recovery
from ui.drag_out import selection_mime
from ui.jobs import JobRunner
from ui.main_window import MainWindow
from ui.panels.about_models import about_models_html

BAR = 4 * PPQ


_tune = d_major_tune


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, models: Models) -> MainWindow:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    main = MainWindow(recovery_dir=tmp_path / "recovery", settings=settings, models=models)
    main.confirm_discard = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    qtbot.addWidget(main)
    return main


def _trigger(window: MainWindow, name: str) -> None:
    window.actions_by_name[name].trigger()


def _wait_for_job(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.jobs.busy, timeout=120_000)


def test_open_lock_regenerate_undo_edit_save_reopen_export(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    source = tmp_path / "tune.mid"
    export_midi(_tune(), source)
    assert window.open_path(source)
    opened = window.session.song
    assert [t.name for t in opened.tracks] == ["Fiddle", "Cello"]

    window.grid.set_selection([(0, bar) for bar in range(8)])
    _trigger(window, "lock")
    assert window.session.song.tracks[0].locked_bars == frozenset(range(8))

    window.grid.set_selection([(t, b) for t in range(2) for b in range(2, 6)])
    window.inspector.seed.setValue(5)
    _trigger(window, "regenerate")
    _wait_for_job(qtbot, window)
    regenerated = window.session.song
    assert regenerated.tracks[0].notes == opened.tracks[0].notes  # locked, untouched
    assert regenerated.tracks[1].notes != opened.tracks[1].notes
    assert "seed 5" in window.last_message
    assert len(window.session.takes) == 1

    _trigger(window, "undo")
    assert window.session.song.tracks[1].notes == opened.tracks[1].notes
    _trigger(window, "redo")
    assert window.session.song == regenerated

    edited = add_notes(regenerated, 1, [Note(7 * BAR + PPQ, 50, PPQ, 100)])
    window.piano_roll.song_edited.emit(edited)
    assert window.session.song == edited
    assert window.actions_by_name["undo"].text() == "&Undo Edit notes"

    project = tmp_path / "tune.json"
    assert window.save_path(project)
    assert "•" not in window.windowTitle()
    assert load_project(project) == edited

    again = MainWindow(
        recovery_dir=tmp_path / "recovery2", settings=window.settings, models=window.models
    )
    again.confirm_discard = window.confirm_discard  # type: ignore[method-assign]
    qtbot.addWidget(again)
    assert again.open_path(project)
    assert again.session.song == edited
    assert [t.operation for t in again.session.takes] == ["regenerate"]

    exported = tmp_path / "out.mid"
    assert window.export_path(exported)
    assert import_midi(exported).tracks[1].notes == edited.tracks[1].notes
    assert window.settings.value("recent")[0] == str(project.resolve())


def test_a_bad_file_is_refused_and_the_song_kept(window: MainWindow, tmp_path: Path) -> None:
    bad = tmp_path / "broken.mid"
    bad.write_bytes(b"MThd nonsense")
    before = window.session.song
    assert not window.open_path(bad)
    assert window.session.song == before
    assert "Cannot open broken.mid" in window.last_message


def test_shortcuts_lock_and_undo(qtbot: QtBot, window: MainWindow) -> None:
    window.session.new(_tune())
    window.refresh()
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.grid.set_selection([(1, 3)])
    window.grid.setFocus()
    QTest.keyClick(window.grid, Qt.Key.Key_L)
    assert 3 in window.session.song.tracks[1].locked_bars
    QTest.keyClick(window.grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not window.session.song.tracks[1].locked_bars


def test_a_bad_control_is_reported_before_anything_runs(window: MainWindow) -> None:
    window.session.new(_tune())
    window.refresh()
    window.inspector.scale.setText("H minor")
    assert "does not start with a note name" in window.inspector.problem.text()
    window.grid.set_selection([(1, 2)])
    _trigger(window, "regenerate")
    assert not window.jobs.busy
    assert "does not start with a note name" in window.last_message
    assert window.session.song == _tune()


def test_closing_with_unsaved_changes_asks_first(qtbot: QtBot, window: MainWindow) -> None:
    window.session.new(_tune())
    window.apply_edit(add_notes(_tune(), 0, [Note(0, 90, PPQ, 90)]), "Add")
    window.confirm_discard = lambda: QMessageBox.StandardButton.Cancel  # type: ignore[method-assign]
    window.show()
    assert not window.close()
    assert window.isVisible()
    window.confirm_discard = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    assert window.close()


CRASHING_SESSION = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication
    from engine.song.edits import add_notes
    from engine.song.song import PPQ, Note, Song, Track
    from ui.main_window import MainWindow

    app = QApplication([])
    recovery, settings_file = Path(sys.argv[1]), sys.argv[2]
    window = MainWindow(recovery, QSettings(settings_file, QSettings.Format.IniFormat))
    song = Song(title="Unsaved idea", bar_count=2, tracks=(Track("Lead"),))
    window.session.new(song)
    window.apply_edit(add_notes(song, 0, [Note(0, 64, PPQ, 90)]), "Add E")
    window.autosave()
    os._exit(9)  # killed: no close event, no clean-up
    """
)


def test_crash_recovery_restores_the_unsaved_edit(
    qtbot: QtBot, tmp_path: Path, window: MainWindow
) -> None:
    recovery = tmp_path / "crash-recovery"
    result = subprocess.run(
        [sys.executable, "-c", CRASHING_SESSION, str(recovery), str(tmp_path / "s.ini")],
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 9, result.stderr
    restarted = MainWindow(recovery_dir=recovery, settings=window.settings, models=window.models)
    restarted.confirm_discard = window.confirm_discard  # type: ignore[method-assign]
    qtbot.addWidget(restarted)
    asked: list[str] = []

    def ask(recovery: Recovery) -> bool:
        asked.append(recovery.describe())
        return True

    assert restarted.offer_recovery(ask)
    assert "Unsaved idea" in asked[0]
    assert restarted.session.song.tracks[0].notes == (Note(0, 64, PPQ, 90),)
    assert restarted.session.dirty
    assert not restarted.offer_recovery(lambda r: True)  # the copy is used up


def test_jobs_report_progress_and_can_be_cancelled(qtbot: QtBot) -> None:
    runner = JobRunner()
    gate = threading.Event()
    outcome: list[str] = []
    seen: list[tuple[int, int]] = []
    runner.progress.connect(lambda done, total: seen.append((done, total)))

    def work(progress: Callable[[int, int], None]) -> str:
        progress(0, 3)
        gate.wait(10)
        progress(1, 3)  # raises once cancelled
        return "finished"

    assert runner.run("slow", work, outcome.append, lambda t, _: outcome.append(t),
                      lambda: outcome.append("cancelled"))  # fmt: skip
    assert not runner.run("second", work, outcome.append, lambda t, _: None)
    qtbot.waitUntil(lambda: seen == [(0, 3)])
    runner.cancel()
    gate.set()
    qtbot.waitUntil(lambda: outcome == ["cancelled"])
    assert not runner.busy


def test_a_failing_job_reports_its_error(qtbot: QtBot) -> None:
    runner = JobRunner()
    errors: list[tuple[str, str]] = []

    def work(_progress: Callable[[int, int], None]) -> None:
        raise ValueError("boom")

    runner.run("bad", work, lambda _r: None, lambda text, trace: errors.append((text, trace)))
    qtbot.waitUntil(lambda: bool(errors))
    assert errors[0][0] == "ValueError: boom"
    assert "Traceback" in errors[0][1]


def test_dragging_the_selection_out_writes_just_those_cells(tmp_path: Path) -> None:
    mime = selection_mime(_tune(), [1], (2, 3))
    path = Path(mime.urls()[0].toLocalFile())
    assert path.name == "Tune bars 3-4.mid"
    notes = [m for track in mido.MidiFile(path).tracks for m in track if m.type == "note_on"]
    assert len(notes) == 2  # the cello's two bars


def test_about_the_models_shows_cards_and_provenance() -> None:
    html = about_models_html()
    assert "parameters" in html
    assert "O&#x27;Neill" in html or "O'Neill" in html
    assert "pd+permission" in html
    assert "basic-pitch 0.4.0 package; licence Apache-2.0" in html
    assert "Groove MIDI Dataset 1.0.0 (CC-BY-4.0)" in html
    assert "Jon Gillick, Adam Roberts, Jesse Engel, Douglas Eck, and David Bamman" in html
    assert "(BSD-3-Clause)" in html
    assert "Redistribution and use in source and binary forms" in html  # the BSD text ships
