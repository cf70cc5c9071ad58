"""The start screen in a real window, offscreen: when it shows, what the sentence's chips say
and do, and that a card or a sentence starts a real song (the shipped model) in the grid."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDockWidget, QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from engine.compose.control_text import ControlError
from engine.compose.operations import PRESETS
from engine.compose.prompt import read_prompt
from engine.song.song import Note, Song, Track
from engine.studio.models import Models
from ui.main_window import MainWindow
from ui.start.launch import open_at_launch
from ui.start.understood_chips import EDITABLE, YOURS, UnderstoodChips, shown_value


def _window(qtbot: QtBot, tmp_path: Path, models: Models) -> MainWindow:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(recovery_dir=tmp_path / "recovery", settings=settings, models=models)
    window.confirm_discard = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, models: Models) -> MainWindow:
    return _window(qtbot, tmp_path, models)


def _song_file(window: MainWindow, path: Path) -> Path:
    flute = Track("Flute", 73, notes=(Note(0, 72, 480, 90),))
    song = Song(title="Hummed", bar_count=2, tracks=(flute,))
    window.studio.new(song)
    assert window.save_path(path)
    return path


def _visible_docks(window: MainWindow) -> set[str]:
    return {dock.objectName() for dock in window.findChildren(QDockWidget) if dock.isVisible()}


def test_the_start_screen_shows_at_first_launch_and_the_grid_is_one_click_away(
    qtbot: QtBot, window: MainWindow
) -> None:
    docks = _visible_docks(window)
    assert docks  # the inspector and its neighbours, before
    open_at_launch(window, [])  # no recovery copy, no file named
    page = window.start_page
    assert page.showing
    assert page.screen.isVisible()
    assert not window.grid.isVisible()
    assert _visible_docks(window) == set()  # the panels about a song wait for one
    assert page.screen.sentence.hasFocus() or not window.isActiveWindow()
    QTest.mouseClick(page.screen.grid_button, Qt.MouseButton.LeftButton)
    assert not page.showing
    assert window.grid.isVisible()
    assert _visible_docks(window) == docks


def test_a_file_named_at_launch_opens_in_the_grid_and_a_bad_one_shows_the_start(
    qtbot: QtBot, tmp_path: Path, models: Models
) -> None:
    first = _window(qtbot, tmp_path / "a", models)
    project = _song_file(first, tmp_path / "hummed.json")
    again = _window(qtbot, tmp_path / "b", models)
    open_at_launch(again, [str(project)])
    assert not again.start_page.showing
    assert again.session.path == project
    bad = tmp_path / "bad.mid"
    bad.write_bytes(b"not a MIDI file")
    third = _window(qtbot, tmp_path / "c", models)
    errors: list[str] = []
    third.show_error = lambda text, _trace: errors.append(text)  # type: ignore[method-assign,assignment]
    open_at_launch(third, [str(bad)])
    assert third.start_page.showing
    assert "bad.mid" in errors[0]  # and the composer is told why


def test_a_recent_project_reopens_from_the_start_screen(
    qtbot: QtBot, tmp_path: Path, window: MainWindow
) -> None:
    project = _song_file(window, tmp_path / "hummed.json")
    gone = tmp_path / "gone.json"
    window.settings.setValue("recent", [str(project.resolve()), str(gone)])
    window.studio.new(Song(title="Untitled", bar_count=8, tracks=(Track("Piano", 0),)))
    window.show_start_screen()
    recent = window.start_page.screen.recent
    assert [recent.item(row).text() for row in range(recent.count())] == ["hummed.json"]
    rect = recent.visualItemRect(recent.item(0))
    QTest.mouseClick(recent.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.session.path == project.resolve()
    assert not window.start_page.showing  # the opened song is in the grid


@pytest.mark.parametrize(
    "sentence",
    [
        "slow and sad folk tune for strings in 3/4 with zorblax",
        "a happy pop song with piano and drums, 2 minutes, 100 bpm",
        "欢快的流行歌曲，钢琴和鼓",
        "",
    ],
)
def test_typing_a_sentence_shows_what_the_prompt_reader_understood(
    qtbot: QtBot, window: MainWindow, sentence: str
) -> None:
    window.show_start_screen()
    screen = window.start_page.screen
    if sentence.isascii():
        QTest.keyClicks(screen.sentence, sentence)
    else:
        screen.sentence.insert(sentence)  # as an input method commits Chinese
    reading = read_prompt(sentence)
    chips = screen.chips
    expected = [name for name in EDITABLE if name in reading.sources]
    assert chips.chip_fields() == expected
    assert len(chips.chip_texts()) == len(expected)
    for text, name in zip(chips.chip_texts(), expected, strict=True):
        assert text.endswith(shown_value(reading, name))
    for word in reading.ignored:
        assert word in chips.not_understood.text()
    assert chips.not_understood.isVisible() == bool(reading.ignored)
    assert chips.request() == reading.request()


def test_editing_a_chip_changes_the_request(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    chips = UnderstoodChips()
    qtbot.addWidget(chips)
    chips.set_text("slow and sad folk tune for strings in 3/4")
    assert chips.request().tempo_bpm == 72.0
    chips.set_field("tempo_bpm", "96")
    assert chips.request().tempo_bpm == 96.0
    assert "Tempo (BPM): 96" in chips.chip_texts()
    assert chips.reading().sources["tempo_bpm"] == YOURS
    chips.set_text("slow and sad folk tune for strings in 3/4, 12 bars")  # typing on
    assert chips.request().tempo_bpm == 96.0  # the composer's change stays
    assert chips.request().bars == 12

    # A click on a chip: its menu removes it, or asks for a new value.
    menu = chips.menu_for("meter")
    assert [action.text() for action in menu.actions()] == ["Change…", "Remove"]
    menu.actions()[1].trigger()
    assert chips.request().meter is None
    assert "meter" not in chips.chip_fields()
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: ("5/4", True))
    adding = chips.menu_for("+")
    [meter] = [action for action in adding.actions() if action.text() == "Meter"]
    meter.trigger()
    assert chips.request().meter == (5, 4)
    choose: Any = lambda *_a, **_k: ("Reggae", True)  # noqa: E731 - a stand-in for the list
    monkeypatch.setattr(QInputDialog, "getItem", choose)
    chips.ask_for("preset")
    assert chips.request().preset == "reggae"

    before = chips.request()
    with pytest.raises(ControlError, match="meter '7/x' is not understood"):
        chips.set_field("meter", "7/x")
    with pytest.raises(ControlError, match="needs a style"):
        chips.set_field("preset", None)
    assert chips.request() == before
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: ("H major", True))
    chips.ask_for("key")  # a wrong value typed in the box is said, not raised
    assert "key" in chips.remarks.text().lower()
    assert chips.request() == before


def test_a_style_card_starts_a_song_of_that_style_in_the_grid(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.show_start_screen()
    card = window.start_page.screen.cards.cards["reggae"]
    QTest.mouseClick(card.start, Qt.MouseButton.LeftButton)
    assert not window.start_page.showing  # the grid shows while the song is composed
    qtbot.waitUntil(lambda: not window.jobs.busy, timeout=180_000)
    song = window.session.song
    preset = PRESETS["reggae"]
    assert song.style == "reggae"
    assert [track.name for track in song.tracks] == [voice.name for voice in preset.voices]
    assert sum(len(track.notes) for track in song.tracks) > 0
    assert len(window.session.takes) == 1
    assert window.session.history.can_undo  # one undo step, as New Song from Description
    assert window.grid.isVisible()


def test_the_sentence_composes_the_request_its_chips_show(qtbot: QtBot, window: MainWindow) -> None:
    window.show_start_screen()
    screen = window.start_page.screen
    QTest.keyClicks(screen.sentence, "a short folk tune for flute in 3/4")
    screen.chips.set_field("tempo_bpm", "90")
    expected = screen.chips.request()
    QTest.keyClick(screen.sentence, Qt.Key.Key_Return)
    assert window.compose.last_request == expected
    qtbot.waitUntil(lambda: not window.jobs.busy, timeout=180_000)
    song = window.session.song
    assert song.tempos[0].tempo_bpm == 90.0
    assert (song.time_signatures[0].numerator, song.time_signatures[0].denominator) == (3, 4)
    assert len(window.session.takes) == 1
    assert not window.start_page.showing


def test_compose_without_a_sentence_asks_for_one(window: MainWindow) -> None:
    window.show_start_screen()
    screen = window.start_page.screen
    screen.compose.click()
    assert window.compose.last_request is None
    assert "sentence" in screen.status.text()
    assert window.start_page.showing


def test_a_restored_recovery_copy_opens_in_the_grid_not_the_start(
    qtbot: QtBot, tmp_path: Path, models: Models
) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    crashed = MainWindow(recovery_dir=tmp_path / "recovery", settings=settings, models=models)
    crashed.confirm_discard = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    qtbot.addWidget(crashed)
    flute = Track("Flute", 73, notes=(Note(0, 72, 480, 90),))
    crashed.apply_edit(Song(title="Lost", bar_count=2, tracks=(flute,)), "Add a flute")
    assert crashed.autosave()
    held = crashed.session._recovery_hold
    assert held is not None
    held.release()  # the crashed process is gone (the OS drops its lock)
    restarted = MainWindow(recovery_dir=tmp_path / "recovery", settings=settings, models=models)
    restarted.confirm_discard = crashed.confirm_discard  # type: ignore[method-assign]
    qtbot.addWidget(restarted)
    restarted._ask_to_recover = lambda _recovery: True  # type: ignore[method-assign,assignment]
    open_at_launch(restarted, [])
    assert restarted.session.song.title == "Lost"
    assert not restarted.start_page.showing


def test_open_and_hum_go_through_the_windows_own_actions(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    called: list[str] = []
    monkeypatch.setattr(window, "choose_and_open", lambda: called.append("open"))
    monkeypatch.setattr(window, "choose_audio_to_notes", lambda: called.append("hum"))
    window.show_start_screen()
    screen = window.start_page.screen
    QTest.mouseClick(screen.open_button, Qt.MouseButton.LeftButton)
    QTest.mouseClick(screen.hum_button, Qt.MouseButton.LeftButton)
    assert called == ["open", "hum"]
