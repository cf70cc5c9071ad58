"""The start screen can be turned off, from the screen itself or from the Settings menu, and the
choice holds at the next launch (a new window on the same settings file); turned off, it is
still reached from Help, and a file named at launch or a recovery copy still come first."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from engine.song.song import Note, Song, Track
from engine.studio.models import Models
from ui.main_window import MainWindow
from ui.start.launch import open_at_launch
from ui.start.preference import SHOW_AT_LAUNCH_KEY, shows_at_launch


def _settings(folder: Path) -> QSettings:
    return QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)


def _window(qtbot: QtBot, folder: Path, recovery: str = "recovery") -> MainWindow:
    """A window on the settings file in `folder` that closes without asking."""
    window = MainWindow(recovery_dir=folder / recovery, settings=_settings(folder), models=Models())
    window.confirm_discard = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    qtbot.addWidget(window)
    return window


def _launch(qtbot: QtBot, folder: Path, args: tuple[str, ...] = ()) -> MainWindow:
    """A window as the app starts one: shown, then what opens at launch."""
    window = _window(qtbot, folder)
    window.show()
    open_at_launch(window, list(args))
    return window


def _click(qtbot: QtBot, window: MainWindow) -> None:
    box = window.start_page.screen.skip_at_launch
    qtbot.waitExposed(box)
    QTest.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.rect().center())


def test_the_box_on_the_start_screen_turns_it_off_for_the_next_launch(
    qtbot: QtBot, tmp_path: Path
) -> None:
    first = _launch(qtbot, tmp_path)
    screen = first.start_page.screen
    assert first.start_page.showing
    assert screen.skip_at_launch.isVisible()
    assert not screen.skip_at_launch.isChecked()
    assert screen.skip_at_launch.text() == "Don't show this at launch"
    _click(qtbot, first)
    assert screen.skip_at_launch.isChecked()
    assert not shows_at_launch(_settings(tmp_path))  # on disk, read back by a new reader
    first.close()

    second = _launch(qtbot, tmp_path)
    assert not second.start_page.showing
    assert second.grid.isVisible()
    assert not second.settings_menu.start_action.isChecked()
    second.actions_by_name["start"].trigger()  # Help → Start Screen still opens it
    assert second.start_page.showing
    assert second.start_page.screen.skip_at_launch.isChecked()  # and it says it is off
    _click(qtbot, second)  # turned on again from the screen
    assert shows_at_launch(_settings(tmp_path))
    second.close()

    assert _launch(qtbot, tmp_path).start_page.showing


def test_the_settings_menu_entry_turns_it_off_and_on(qtbot: QtBot, tmp_path: Path) -> None:
    first = _launch(qtbot, tmp_path)
    action = first.settings_menu.start_action
    assert action in first.settings_menu.actions()
    assert action.isCheckable()
    assert action.isChecked()
    assert action.text() == "Show the &Start Screen at Launch"
    action.trigger()
    assert _settings(tmp_path).value(SHOW_AT_LAUNCH_KEY) in (False, "false")
    first.start_page.show()  # the box on the screen follows the menu
    assert first.start_page.screen.skip_at_launch.isChecked()
    first.close()

    second = _launch(qtbot, tmp_path)
    assert not second.start_page.showing
    second.start_page.show()
    _click(qtbot, second)  # the screen's box turns it on again; the menu shows that
    second.settings_menu.aboutToShow.emit()
    assert second.settings_menu.start_action.isChecked()
    second.close()
    assert _launch(qtbot, tmp_path).start_page.showing


def test_turned_off_a_file_named_at_launch_still_opens_and_a_bad_one_leaves_the_grid(
    qtbot: QtBot, tmp_path: Path
) -> None:
    maker = _launch(qtbot, tmp_path / "maker")
    song = Song(
        title="Named", bar_count=2, tracks=(Track("Flute", 73, notes=(Note(0, 72, 480, 90),)),)
    )
    maker.studio.new(song)
    project = tmp_path / "named.json"
    assert maker.save_path(project)

    folder = tmp_path / "off"
    folder.mkdir()
    _settings(folder).setValue(SHOW_AT_LAUNCH_KEY, False)
    named = _launch(qtbot, folder, (str(project),))
    assert named.session.path == project
    assert not named.start_page.showing
    assert named.session.song.title == "Named"
    named.close()

    bad = tmp_path / "bad.mid"
    bad.write_bytes(b"not a MIDI file")
    window = _window(qtbot, folder, "r2")
    errors: list[str] = []
    window.show_error = lambda text, _trace: errors.append(text)  # type: ignore[method-assign,assignment]
    window.show()
    open_at_launch(window, [str(bad)])
    assert "bad.mid" in errors[0]  # the composer is told why
    assert not window.start_page.showing  # and is left on the grid, as chosen


def test_turned_off_a_recovery_copy_is_still_offered_first(qtbot: QtBot, tmp_path: Path) -> None:
    _settings(tmp_path).setValue(SHOW_AT_LAUNCH_KEY, False)
    crashed = _window(qtbot, tmp_path)
    flute = Track("Flute", 73, notes=(Note(0, 72, 480, 90),))
    crashed.apply_edit(Song(title="Lost", bar_count=2, tracks=(flute,)), "Add a flute")
    assert crashed.autosave()
    held = crashed.session._recovery_hold
    assert held is not None
    held.release()  # the crashed process is gone (the OS drops its lock)
    asked: list[object] = []
    restarted = _window(qtbot, tmp_path)

    def ask(recovery: object) -> bool:
        asked.append(recovery)
        return True

    restarted._ask_to_recover = ask  # type: ignore[method-assign]
    open_at_launch(restarted, [])
    assert asked
    assert restarted.session.song.title == "Lost"
    assert not restarted.start_page.showing
