"""The Help menu in a real window, offscreen: the shortcuts table is the window's real keys, the
guided tour points at real widgets, and About the models reads as text."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMenu, QMessageBox, QTextBrowser
from pytestqt.qtbot import QtBot

from engine.runtime.provenance import THIRD_PARTY_DATA, model_cards
from engine.studio.models import Models
from ui.help.shortcuts import ShortcutsDialog
from ui.help.tour import GuidedTour
from ui.main_window import MainWindow
from ui.panels.about_models import AboutModelsDialog, _model_html, humane, number


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, models: Models) -> MainWindow:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    main = MainWindow(recovery_dir=tmp_path / "recovery", settings=settings, models=models)
    main.confirm_discard = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    qtbot.addWidget(main)
    main.show()
    return main


def test_the_help_menu_holds_the_start_screen_the_tour_the_keys_and_the_models(
    window: MainWindow,
) -> None:
    [help_menu] = [a.menu() for a in window.menuBar().actions() if a.text() == "&Help"]
    assert isinstance(help_menu, QMenu)
    assert [a.text() for a in help_menu.actions() if not a.isSeparator()] == [
        "&Start Screen",
        "Guided &Tour",
        "&Keyboard Shortcuts",
        "About the &Models",
    ]


def test_the_shortcuts_table_lists_the_windows_real_keys(qtbot: QtBot, window: MainWindow) -> None:
    window.actions_by_name["shortcuts"].trigger()
    [dialog] = window.findChildren(ShortcutsDialog)
    rows = dialog.rows()
    expected = [
        ("Regenerate", "R"),
        ("Lock", "L"),
        ("Nudge", "N"),
        ("Undo", "Ctrl+Z"),
        ("Re-roll", "Ctrl+R"),
        ("Play", "Space"),
        ("Keyboard Shortcuts", "F1"),
    ]
    for row in expected:
        assert row in rows
    # every action with a key is there, and nothing else
    keyed = {
        action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        for action in window.findChildren(QAction)
        if not action.shortcut().isEmpty()
    }
    assert {keys for _what, keys in rows} == keyed
    # a key changed is a key shown: the table cannot drift from the actions
    window.actions_by_name["regenerate"].setShortcut(QKeySequence("Ctrl+G"))
    assert ("Regenerate", "Ctrl+G") in ShortcutsDialog(window).rows()
    assert ("Regenerate", "R") not in ShortcutsDialog(window).rows()


def _inside(window: MainWindow, rect: QRect, target: Any) -> bool:
    corner = target.mapTo(window, QPoint(0, 0))
    return rect.contains(QRect(corner, target.size()).intersected(window.rect()).center())


def test_the_guided_tour_points_at_real_widgets_step_by_step(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.show_start_screen()
    window.actions_by_name["tour"].trigger()
    [tour] = window.findChildren(GuidedTour)
    assert not window.start_page.showing  # the tour is about the grid: it starts there
    names = [step.name for step in tour.steps]
    assert names == ["grid", "lock", "regenerate", "piano_roll", "takes", "play", "export"]
    seen = []
    for step in range(len(names)):
        assert tour.index == step
        assert tour.counter.text() == f"Step {step + 1} of {len(names)}"
        target = tour.target
        assert target is not None, names[step]
        assert target.isVisible()
        assert window.isAncestorOf(target)
        assert tour.outline.isVisible()
        assert _inside(window, tour.outline.geometry(), target)
        assert tour.text.text()
        seen.append(target)
        if step < len(names) - 1:
            assert tour.next.text() == "Next"
            QTest.mouseClick(tour.next, Qt.MouseButton.LeftButton)
    assert seen[0] is window.grid
    assert seen[3] is window.piano_roll
    assert seen[4].isAncestorOf(window.takes)  # the Takes dock, brought to the front
    assert window.takes.isVisible()
    QTest.mouseClick(tour.back, Qt.MouseButton.LeftButton)
    assert tour.index == len(names) - 2
    QTest.mouseClick(tour.next, Qt.MouseButton.LeftButton)
    assert tour.next.text() == "Finish"
    QTest.mouseClick(tour.next, Qt.MouseButton.LeftButton)
    assert not tour.isVisible()
    assert not tour.outline.isVisible()


def _leaves(values: Mapping[str, Any]) -> Iterator[tuple[str, Any]]:
    for key, value in values.items():
        if isinstance(value, Mapping):
            yield from _leaves(value)
        else:
            yield key, value


def test_about_the_models_is_readable_text_with_nothing_cut(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.actions_by_name["about"].trigger()
    [dialog] = window.findChildren(AboutModelsDialog)
    browser: QTextBrowser = dialog.text
    text = browser.toPlainText()
    assert "{" not in text
    assert "}" not in text
    assert '"' + "metrics" not in text
    for folder, card in model_cards().items():
        assert card["name"] in text, folder
        assert f"{card['parameters']:,} parameters" in text
        assert card["licence"] in text
        for key, value in _leaves(card["metrics"]):  # every figure, whole
            assert f"{humane(key)}: {number(value)}" in text, key
    for data in THIRD_PARTY_DATA:
        assert data.notice in text
        if data.licence_text:  # the licence, whole, in paragraphs that wrap
            assert " ".join(data.licence_text.split()[-6:]) in " ".join(text.split())
    assert "Guessing the next note of music it never heard" in text
    assert "Notes in tune" in text
    # word-wrapped to the dialog: nothing runs off to the side
    qtbot.waitExposed(dialog)
    # Once laid out: the first pass is made before the vertical scroll bar takes its 14 px,
    # and can read that much too wide until the next (a longer timbre card showed it).
    qtbot.waitUntil(lambda: browser.horizontalScrollBar().maximum() == 0, timeout=2000)
    assert browser.verticalScrollBar().maximum() > 0  # it scrolls instead


def test_a_card_that_cannot_be_read_says_so() -> None:
    html = _model_html("midi", {"error": "card.sha256 does not match: reinstall Tessera"})
    assert "could not be read: card.sha256 does not match: reinstall Tessera" in html
