"""The theme switch (Light, Dark, Follow system) is kept and applied at start, and quiet notes
stay visible in both themes: the colour a velocity-1 note gets, and the pixels the piano roll
draws for it, keep at least WCAG's 3:1 contrast against the grid."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from engine.song.song import PPQ, Note, Song, Track
from ui.main_window import MainWindow
from ui.piano_roll.scene import RollColours
from ui.piano_roll.view import PianoRoll
from ui.settings_menu import SettingsMenu
from ui.theme import (
    LOUD_CONTRAST,
    QUIET_CONTRAST,
    THEME_KEY,
    apply_theme,
    contrast_ratio,
    dark_palette,
    follow_system_theme,
    light_palette,
    note_colour,
    relative_luminance,
    stored_theme,
    system_is_dark,
)

WINDOW = QPalette.ColorRole.Window
BASE = QPalette.ColorRole.Base


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    """The application, its look put back after the test (other tests expect the light one)."""
    style, palette = qapp.style().name(), qapp.palette()
    yield qapp
    qapp.setStyle(style)
    qapp.setPalette(palette)


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def _palettes(app: QApplication) -> dict[str, QPalette]:
    app.setStyle("Fusion")
    return {"light": light_palette(app), "dark": dark_palette()}


def test_contrast_ratio_matches_wcag_figures() -> None:
    assert contrast_ratio(QColor("black"), QColor("white")) == pytest.approx(21.0)
    assert contrast_ratio(QColor("#777777"), QColor("white")) == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio(QColor("#336699"), QColor("#336699")) == pytest.approx(1.0)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_a_velocity_one_note_keeps_contrast_with_the_grid(app: QApplication, theme: str) -> None:
    colours = RollColours.from_palette(_palettes(app)[theme])
    quiet, loud = colours.note_fill(1), colours.note_fill(127)
    assert contrast_ratio(quiet, colours.background) >= QUIET_CONTRAST
    assert contrast_ratio(loud, colours.background) >= LOUD_CONTRAST
    # Velocity still shows: louder notes stand out more than quiet ones.
    middle = colours.note_fill(64)
    assert contrast_ratio(quiet, colours.background) < contrast_ratio(middle, colours.background)
    assert contrast_ratio(middle, colours.background) < contrast_ratio(loud, colours.background)


def test_the_rule_holds_on_any_background() -> None:
    """Even a loud colour close to the background is pushed apart (white, mid grey, black)."""
    for background in (QColor("white"), QColor("#808080"), QColor("#101010")):
        for velocity in (0, 1, 40, 127, 200):
            colour = note_colour(velocity, background, QColor(background).lighter(110))
            assert contrast_ratio(colour, background) >= QUIET_CONTRAST, (background, velocity)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_piano_roll_draws_a_quiet_note_visibly(
    qtbot: QtBot, app: QApplication, theme: str
) -> None:
    apply_theme(app, dark=theme == "dark")
    quiet = Note(PPQ, 60, 2 * PPQ, 1)
    song = Song(title="Quiet", bar_count=1, tracks=(Track("Piano", 0, notes=(quiet,)),))
    roll = PianoRoll()
    qtbot.addWidget(roll)
    roll.resize(900, 500)
    roll.show_cells(song, 0, (0, 0))
    roll.show()
    qtbot.waitExposed(roll)
    item = roll.roll_scene.note_items[quiet]
    roll.view.centerOn(item)
    centre = roll.view.mapFromScene(item.sceneBoundingRect().center())
    image = roll.view.viewport().grab().toImage()
    drawn = image.pixelColor(centre)
    background = app.palette().color(BASE)
    assert contrast_ratio(drawn, background) >= QUIET_CONTRAST - 0.05, drawn.name()


def test_the_choice_is_kept_and_applied_at_start(app: QApplication, settings: QSettings) -> None:
    assert stored_theme(settings) == "system"  # nothing stored: follow the system
    menu = SettingsMenu(settings)
    menu.theme_actions["dark"].trigger()
    assert settings.value(THEME_KEY) == "dark"
    assert app.palette().color(WINDOW) == dark_palette().color(WINDOW)
    menu.theme_actions["light"].trigger()
    assert settings.value(THEME_KEY) == "light"
    assert app.palette().color(WINDOW) == light_palette(app).color(WINDOW)
    settings.setValue(THEME_KEY, "dark")  # as left by an earlier run
    follow_system_theme(app, settings)
    assert app.palette().color(WINDOW) == dark_palette().color(WINDOW)
    assert SettingsMenu(settings).theme_actions["dark"].isChecked()


def test_follow_system_and_unknown_values_follow_the_system(
    app: QApplication, settings: QSettings
) -> None:
    settings.setValue(THEME_KEY, "purple")  # a hand-edited settings file
    assert stored_theme(settings) == "system"
    SettingsMenu(settings).theme_actions["system"].trigger()
    assert settings.value(THEME_KEY) == "system"
    expected = dark_palette() if system_is_dark() else light_palette(app)
    assert app.palette().color(WINDOW) == expected.color(WINDOW)


def test_the_window_offers_the_switch_in_its_settings_menu(
    qtbot: QtBot, app: QApplication, tmp_path: Path, settings: QSettings
) -> None:
    window = MainWindow(recovery_dir=tmp_path / "recovery", settings=settings)
    qtbot.addWidget(window)
    window.confirm_discard = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    titles = [action.text() for action in window.menuBar().actions()]
    assert "&Settings" in titles
    entries = window.settings_menu.theme_menu.actions()
    assert [entry.text() for entry in entries] == ["&Light", "&Dark", "&Follow System"]
    assert [entry.isChecked() for entry in entries] == [False, False, True]
    assert _icon_luminance(window) < 0.2  # a dark Play triangle on the light toolbar
    entries[1].trigger()
    assert [entry.isChecked() for entry in entries] == [False, True, False]
    assert settings.value(THEME_KEY) == "dark"
    assert app.palette().color(BASE) == dark_palette().color(BASE)
    QApplication.processEvents()
    assert _icon_luminance(window) > 0.5  # redrawn light, so it shows on the dark toolbar


def _icon_luminance(window: MainWindow) -> float:
    """How light the middle of the Play button's icon is drawn."""
    image = window.transport.play_action.icon().pixmap(16, 16).toImage()
    return relative_luminance(image.pixelColor(7, 8))
