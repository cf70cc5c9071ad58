"""The window fits from 1024 x 640 up: screenshot tests on the real window with a real song.

At 1024 x 640, 1366 x 768 and 1920 x 1080 (and the default size) the window's least size fits
the screen, and with the window held to the screen's size, every tab of the side docks shown in
turn, no two sibling widgets overlap and every enabled control is inside the window (or inside
its scroll area's content); the pictures are kept as test artefacts. Play, Loop and the tempo
are never pushed into the toolbar's overflow, and the toolbar's buttons keep their places when
Undo's operation changes. The checker itself is shown to fail on broken layouts.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSettings, QSize
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import (
    QApplication,
    QLayout,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from engine.song.edits import set_tempo
from ui.layout_checks import (
    layout_problems,
    overflowed,
    overlaps,
    rect_in_window,
    too_big_for,
    unreachable,
    visible_rect,
)
from ui.main_window import MainWindow
from ui.screenshots import SIZES, example_song, save_screenshots
from ui.theme import relative_luminance

SIZE_IDS = [f"{size.width()}x{size.height()}" for size in SIZES]


@pytest.fixture(scope="module")
def artefacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the screenshots are kept for a person to look at after the run."""
    return tmp_path_factory.mktemp("screenshots")


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    """The real window with a four-track song, its first bars selected."""
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    main = MainWindow(recovery_dir=tmp_path / "recovery", settings=settings)
    main.confirm_discard = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    qtbot.addWidget(main)
    main.session.new(example_song())
    main.refresh()
    main.document.set_selection([(0, bar) for bar in range(4)])
    main.show()
    qtbot.waitExposed(main)
    return main


def _hold_to(window: QWidget, size: QSize) -> None:
    """Size the window as a screen of `size` would: no bigger, whatever it asks for."""
    layout = window.layout()
    assert layout is not None
    layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
    window.setMinimumSize(0, 0)
    window.resize(size)
    QApplication.processEvents()
    assert window.size() == size


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_nothing_overlaps_and_every_control_is_reachable(
    window: MainWindow, size: QSize, artefacts: Path
) -> None:
    assert too_big_for(window, size) == []
    _hold_to(window, size)
    window.jobs.started.emit("Regenerating the selected bars")  # progress and Cancel show too
    for dock in window.docks:  # each tab of the side docks in turn
        dock.raise_()
        QApplication.processEvents()
        assert layout_problems(window) == [], f"with {dock.objectName()} shown"
        picture = artefacts / f"window-{size.width()}x{size.height()}-{dock.objectName()}.png"
        assert window.grab().save(str(picture))
        assert QImage(str(picture)).size() == size * window.devicePixelRatio()


@pytest.mark.parametrize("size", [*SIZES, QSize(1280, 800)], ids=[*SIZE_IDS, "default"])
def test_play_loop_and_tempo_never_go_into_the_overflow(window: MainWindow, size: QSize) -> None:
    """The transport keeps all its controls at every size; from the default size up nothing
    overflows, and below it whatever does stays a click away on the toolbar's » button."""
    _hold_to(window, size)
    assert overflowed(window.transport) == []
    if size.width() >= 1280:
        assert overflowed(window.toolbar) == []
    elif overflowed(window.toolbar):
        more = window.toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
        assert more is not None
        assert more.isVisible()
        assert window.rect().contains(rect_in_window(more, window))
    for widget in (
        window.transport.widgetForAction(window.transport.play_action),
        window.transport.widgetForAction(window.transport.loop_action),
        window.transport.tempo,
    ):
        assert widget is not None
        assert widget.isVisible()
        assert window.rect().contains(rect_in_window(widget, window))


def test_the_default_window_fits_as_it_opens(qtbot: QtBot, tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(recovery_dir=tmp_path / "recovery", settings=settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    QApplication.processEvents()  # the status bar places its size grip
    assert window.size() == QSize(1280, 800)
    assert layout_problems(window) == []
    assert overflowed(window.toolbar) == []
    assert overflowed(window.transport) == []


def test_the_live_start_button_shows_without_scrolling_at_1024x640(window: MainWindow) -> None:
    _hold_to(window, QSize(1024, 640))
    live = next(dock for dock in window.docks if dock.objectName() == "Live")
    live.raise_()
    QApplication.processEvents()
    start = window.live.start
    whole = rect_in_window(start, window)
    assert not whole.isEmpty()
    assert visible_rect(start, window) == whole
    assert window.rect().contains(whole)


def test_the_toolbar_buttons_keep_their_places(window: MainWindow) -> None:
    """Undo keeps its one-word label whatever it would undo; its tooltip names the operation,
    and so does the Edit menu. Play turning into Stop keeps its width too."""

    def places() -> list[QRect]:
        toolbars = (window.transport, window.toolbar)
        return [
            rect_in_window(widget, window)
            for bar in toolbars
            for action in bar.actions()
            if (widget := bar.widgetForAction(action)) is not None
        ]

    before = places()
    name = "Regenerate Lead bars 1-4 with a new seed and a long name"
    window.apply_edit(set_tempo(window.document.song, 97), name)
    QApplication.processEvents()
    undo = window.actions_by_name["undo"]
    button = window.toolbar.widgetForAction(undo)
    assert isinstance(button, QToolButton)
    assert button.text() == "Undo"
    assert name in undo.toolTip()
    assert undo.text() == f"&Undo {name}"  # the Edit menu names it
    assert places() == before
    window.transport._show_playing(True)  # what Play shows once the sound card plays
    QApplication.processEvents()
    assert window.transport.play_action.text() == "Stop"
    assert places() == before


def test_screenshots_for_the_readme_in_both_themes(qapp: QApplication, tmp_path: Path) -> None:
    style, palette = qapp.style().name(), qapp.palette()
    try:
        written = save_screenshots(tmp_path, sizes=(QSize(1024, 640),))
    finally:
        qapp.setStyle(style)
        qapp.setPalette(palette)
    assert [path.name for path in written] == [
        "window-1024x640-light.png",
        "window-1024x640-dark.png",
    ]
    light, dark = (_mean_luminance(QImage(str(path))) for path in written)
    assert QImage(str(written[0])).size() == QSize(1024, 640)
    assert dark < 0.5 * light  # the dark one really is dark


def _mean_luminance(image: QImage) -> float:
    samples = [
        relative_luminance(QColor(image.pixel(x, y)))
        for x in range(0, image.width(), 16)
        for y in range(0, image.height(), 16)
    ]
    return sum(samples) / len(samples)


# The checker fails on broken layouts ------------------------------------------------------------


def test_the_checker_finds_widgets_drawn_over_each_other(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(300, 200)
    first, second = QPushButton("First", window), QPushButton("Second", window)
    first.setGeometry(10, 10, 120, 30)
    second.setGeometry(100, 20, 120, 30)
    window.show()
    found = overlaps(window)
    assert len(found) == 1
    assert "'First'" in found[0]
    assert "'Second'" in found[0]
    assert "30x20 px" in found[0]


def test_the_checker_finds_controls_out_of_reach(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(300, 200)
    outside = QPushButton("Outside", window)
    outside.setGeometry(250, 180, 100, 30)  # half past the window's corner
    holder = QWidget(window)
    holder.setGeometry(0, 0, 100, 40)
    clipped = QPushButton("Clipped", holder)
    clipped.setGeometry(60, 0, 100, 30)  # wider than its parent shows
    window.show()
    found = unreachable(window)
    assert any("'Outside'" in line and "outside the window" in line for line in found)
    assert any("'Clipped'" in line and "clipped" in line for line in found)
    assert too_big_for(window, QSize(300, 200)) == []
    window.setMinimumSize(400, 700)
    assert too_big_for(window, QSize(1024, 640)) != []


def test_the_checker_allows_tabs_and_scrolling(qtbot: QtBot) -> None:
    """Legitimate stacking is not a fault: a tab page behind another, and a button reached by
    scrolling a scroll area."""
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    tabs = QTabWidget()
    tabs.addTab(QPushButton("Front"), "One")
    tabs.addTab(QPushButton("Behind"), "Two")
    area = QScrollArea()
    tall = QWidget()
    column = QVBoxLayout(tall)
    for index in range(30):
        column.addWidget(QPushButton(f"Row {index}"))
    area.setWidget(tall)
    area.setWidgetResizable(True)
    layout.addWidget(tabs)
    layout.addWidget(area)
    window.resize(300, 300)
    window.show()
    qtbot.waitExposed(window)
    assert layout_problems(window) == []
