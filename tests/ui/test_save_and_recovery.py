"""The window never loses work to another program or a declined recovery: a save over a
project changed on disk asks first (overwrite, save as, or cancel), a declined recovery copy is
deleted, a running window's autosave is not offered to a second window, and restoring a take
keeps locked cells and says so."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from engine.project.file_lock import FileChangedError
from engine.project.project_file import load_project, load_project_with_takes, save_project
from engine.song.edits import add_notes, set_locked
from engine.song.song import PPQ, Note, Song, Track
from engine.song.takes import Take
from engine.studio.models import Models
from engine.studio.session import Recovery
from ui.main_window import MainWindow

Button = QMessageBox.StandardButton


def _window(qtbot: QtBot, tmp_path: Path, models: Models, name: str = "settings") -> MainWindow:
    settings = QSettings(str(tmp_path / f"{name}.ini"), QSettings.Format.IniFormat)
    main = MainWindow(recovery_dir=tmp_path / "recovery", settings=settings, models=models)
    main.confirm_discard = lambda: Button.Discard  # type: ignore[method-assign]
    qtbot.addWidget(main)
    return main


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, models: Models) -> MainWindow:
    return _window(qtbot, tmp_path, models)


def _song() -> Song:
    return Song(title="Shared", bar_count=2, tracks=(Track("Piano"),))


def _changed_elsewhere(window: MainWindow, tmp_path: Path) -> tuple[Path, Song]:
    """The window opened a project; another program saved a change; the window edited too."""
    path = tmp_path / "song.json"
    save_project(_song(), path)
    assert window.open_path(path)
    theirs = add_notes(_song(), 0, [Note(0, 72, PPQ, 90)])
    save_project(theirs, path)
    window.apply_edit(add_notes(window.document.song, 0, [Note(PPQ, 60, PPQ, 90)]), "Add C")
    return path, theirs


def _answer(window: MainWindow, button: Button, asked: list[str]) -> None:
    def confirm(changed: FileChangedError) -> Button:
        asked.append(str(changed))
        return button

    window.confirm_overwrite = confirm  # type: ignore[method-assign]


def test_cancel_keeps_the_other_programs_change(window: MainWindow, tmp_path: Path) -> None:
    path, theirs = _changed_elsewhere(window, tmp_path)
    asked: list[str] = []
    _answer(window, Button.Cancel, asked)
    assert not window.save()
    assert "song.json was changed by another program" in asked[0]
    assert load_project(path) == theirs
    assert window.session.dirty
    assert "not saved" in window.last_message


def test_overwrite_writes_this_version(window: MainWindow, tmp_path: Path) -> None:
    path, _theirs = _changed_elsewhere(window, tmp_path)
    asked: list[str] = []
    _answer(window, Button.Save, asked)
    assert window.save()
    assert len(asked) == 1
    assert load_project(path) == window.document.song
    assert not window.session.dirty


def test_save_as_keeps_both(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, theirs = _changed_elsewhere(window, tmp_path)
    other = tmp_path / "mine.json"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(other), ""))
    )
    asked: list[str] = []
    _answer(window, Button.SaveAll, asked)
    assert window.save()
    assert load_project(path) == theirs
    assert load_project(other) == window.document.song
    assert window.session.path == other


def test_a_declined_recovery_is_deleted_and_not_offered_again(
    qtbot: QtBot, tmp_path: Path, models: Models
) -> None:
    crashed = _window(qtbot, tmp_path, models, "crashed")
    crashed.session.new(_song())
    crashed.apply_edit(add_notes(_song(), 0, [Note(0, 64, PPQ, 90)]), "Add E")
    assert crashed.autosave()
    copy = crashed.session.recovery_path
    held = crashed.session._recovery_hold  # to play the OS's part when the process dies
    assert held is not None
    restarted = _window(qtbot, tmp_path, models, "restarted")
    assert not restarted.offer_recovery(lambda r: pytest.fail("a live window's copy offered"))
    held.release()  # the first window's process is gone (the OS drops its lock)
    asked: list[Recovery] = []

    def decline(recovery: Recovery) -> bool:
        asked.append(recovery)
        return False

    assert not restarted.offer_recovery(decline)
    assert [r.title for r in asked] == ["Shared"]
    assert not copy.exists()
    assert not restarted.offer_recovery(lambda r: pytest.fail("a declined copy came back"))


def test_restoring_a_take_keeps_locked_cells_and_says_so(
    window: MainWindow, tmp_path: Path
) -> None:
    take_song = add_notes(_song(), 0, [Note(0, 72, PPQ, 90)])
    current = set_locked(add_notes(_song(), 0, [Note(0, 60, PPQ, 90)]), [(0, 0)], True)
    path = tmp_path / "song.json"
    save_project(current, path, (Take("regenerate", {"operation": "regenerate"}, 1, take_song),))
    assert window.open_path(path)
    window.restore_take(1)
    assert window.document.song == current
    assert window.last_message == "restored take 1; kept track 1 bar 1 as they are (locked)"
    assert window.save()
    assert load_project_with_takes(path)[0] == current
