"""The arrangement grid: DAW-style selection with the mouse and keys, and showing songs.

Its geometry is tested in `test_grid_geometry`, its painting in `test_grid_painting`."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.arrangement.grid_helpers import (
    CTRL,
    LEFT,
    NO_MODIFIER,
    RIGHT,
    SHIFT,
    Cells,
    cell_point,
    cells_in,
    click,
    grid_song,
    header_point,
    ruler_point,
)
from ui.arrangement.geometry import (
    MAX_BAR_WIDTH_PX,
    MIN_BAR_WIDTH_PX,
)
from ui.arrangement.view import ArrangementGrid

# Mouse ---------------------------------------------------------------------------------------


def test_a_click_selects_one_cell(grid: ArrangementGrid, emitted: list[Cells]) -> None:
    click(grid, cell_point(grid, 1, 2))
    assert grid.selection() == [(1, 2)]
    assert grid.focus_cell() == (1, 2)
    assert emitted == [[(1, 2)]]
    click(grid, cell_point(grid, 1, 2))  # the same cell again: nothing changed, no signal
    assert emitted == [[(1, 2)]]


def test_a_drag_selects_a_rectangle(grid: ArrangementGrid, emitted: list[Cells]) -> None:
    viewport = grid.viewport()
    QTest.mousePress(viewport, LEFT, NO_MODIFIER, cell_point(grid, 2, 4))
    QTest.mouseMove(viewport, cell_point(grid, 1, 3))
    QTest.mouseMove(viewport, cell_point(grid, 0, 1))
    QTest.mouseRelease(viewport, LEFT, NO_MODIFIER, cell_point(grid, 0, 1))
    assert grid.selection() == cells_in(range(3), range(1, 5))
    assert emitted[0] == [(2, 4)]
    assert emitted[-1] == cells_in(range(3), range(1, 5))
    assert grid.focus_cell() == (0, 1)


def test_shift_click_extends_from_the_anchor(grid: ArrangementGrid) -> None:
    click(grid, cell_point(grid, 0, 5))
    click(grid, cell_point(grid, 2, 3), SHIFT)
    assert grid.selection() == cells_in(range(3), range(3, 6))
    click(grid, cell_point(grid, 1, 6), SHIFT)  # the anchor stays at (0, 5)
    assert grid.selection() == cells_in(range(2), range(5, 7))


def test_ctrl_click_toggles_cells(grid: ArrangementGrid, emitted: list[Cells]) -> None:
    click(grid, cell_point(grid, 0, 0))
    click(grid, cell_point(grid, 2, 5), CTRL)
    click(grid, cell_point(grid, 1, 7), CTRL)
    assert grid.selection() == [(0, 0), (1, 7), (2, 5)]
    click(grid, cell_point(grid, 0, 0), CTRL)
    assert grid.selection() == [(1, 7), (2, 5)]
    assert emitted == [[(0, 0)], [(0, 0), (2, 5)], [(0, 0), (1, 7), (2, 5)], [(1, 7), (2, 5)]]


def test_headers_select_whole_tracks_and_bars(grid: ArrangementGrid) -> None:
    click(grid, header_point(grid, 1))
    assert grid.selection() == cells_in(range(1, 2), range(8))
    click(grid, header_point(grid, 2), SHIFT)
    assert grid.selection() == cells_in(range(1, 3), range(8))
    click(grid, ruler_point(grid, 3))
    assert grid.selection() == cells_in(range(3), range(3, 4))
    click(grid, ruler_point(grid, 5), SHIFT)
    assert grid.selection() == cells_in(range(3), range(3, 6))
    click(grid, header_point(grid, 0), CTRL)  # adds the whole first track
    assert grid.selection() == sorted(
        {*cells_in(range(3), range(3, 6)), *cells_in(range(1), range(8))}
    )
    click(grid, header_point(grid, 0), CTRL)  # and takes it away again
    assert grid.selection() == cells_in(range(1, 3), range(3, 6))


def test_dragging_over_track_headers_selects_the_tracks_between(grid: ArrangementGrid) -> None:
    viewport = grid.viewport()
    QTest.mousePress(viewport, LEFT, NO_MODIFIER, header_point(grid, 0))
    QTest.mouseMove(viewport, header_point(grid, 2))
    QTest.mouseRelease(viewport, LEFT, NO_MODIFIER, header_point(grid, 2))
    assert grid.selection() == cells_in(range(3), range(8))


def test_the_corner_selects_all_and_empty_space_clears(grid: ArrangementGrid) -> None:
    click(grid, QPoint(3, 3))
    assert grid.selection() == cells_in(range(3), range(8))
    below_rows = QPoint(cell_point(grid, 0, 1).x(), grid.grid_geometry().track_top_px(3) + 10)
    click(grid, below_rows)
    assert grid.selection() == []


def test_double_click_activates_a_cell(qtbot: QtBot, grid: ArrangementGrid) -> None:
    with qtbot.waitSignal(grid.cell_activated) as blocker:
        QTest.mouseDClick(grid.viewport(), LEFT, NO_MODIFIER, cell_point(grid, 2, 6))
    assert blocker.args == [2, 6]


def test_right_click_selects_an_unselected_cell_then_asks_for_a_menu(grid: ArrangementGrid) -> None:
    requests: list[tuple[Cells, QPoint]] = []
    grid.context_menu_requested.connect(lambda cells, pos: requests.append((cells, pos)))
    click(grid, cell_point(grid, 0, 0))
    click(grid, cell_point(grid, 1, 1), SHIFT)
    click(grid, cell_point(grid, 1, 0), button=RIGHT)  # inside the selection: kept
    click(grid, cell_point(grid, 2, 6), button=RIGHT)  # outside: it becomes the selection
    assert requests == [
        (cells_in(range(2), range(2)), grid.viewport().mapToGlobal(cell_point(grid, 1, 0))),
        ([(2, 6)], grid.viewport().mapToGlobal(cell_point(grid, 2, 6))),
    ]
    assert grid.selection() == [(2, 6)]
    click(grid, header_point(grid, 1), button=RIGHT)
    assert requests[-1][0] == cells_in(range(1, 2), range(8))


# Keyboard ------------------------------------------------------------------------------------


def test_arrows_move_the_focus_and_shift_extends(
    grid: ArrangementGrid, emitted: list[Cells]
) -> None:
    click(grid, cell_point(grid, 0, 0))
    QTest.keyClick(grid, Qt.Key.Key_Right)
    QTest.keyClick(grid, Qt.Key.Key_Down)
    assert grid.selection() == [(1, 1)]
    assert grid.focus_cell() == (1, 1)
    QTest.keyClick(grid, Qt.Key.Key_Right, SHIFT)
    QTest.keyClick(grid, Qt.Key.Key_Right, SHIFT)
    QTest.keyClick(grid, Qt.Key.Key_Down, SHIFT)
    assert grid.selection() == cells_in(range(1, 3), range(1, 4))
    assert grid.focus_cell() == (2, 3)
    QTest.keyClick(grid, Qt.Key.Key_Down)  # already on the last track: stays, selects it alone
    assert grid.selection() == [(2, 3)]
    QTest.keyClick(grid, Qt.Key.Key_End, SHIFT)
    assert grid.selection() == [(2, 3), (2, 4), (2, 5), (2, 6), (2, 7)]
    QTest.keyClick(grid, Qt.Key.Key_Home)
    assert grid.selection() == [(2, 0)]
    assert emitted[-1] == [(2, 0)]


def test_escape_clears_and_ctrl_a_selects_all(grid: ArrangementGrid, emitted: list[Cells]) -> None:
    grid.setFocus()
    QTest.keyClick(grid, Qt.Key.Key_A, CTRL)
    assert grid.selection() == cells_in(range(3), range(8))
    QTest.keyClick(grid, Qt.Key.Key_Escape)
    assert grid.selection() == []
    assert emitted == [cells_in(range(3), range(8)), []]


def test_enter_activates_the_focus_cell(qtbot: QtBot, grid: ArrangementGrid) -> None:
    click(grid, cell_point(grid, 1, 4))
    QTest.keyClick(grid, Qt.Key.Key_Left)
    with qtbot.waitSignal(grid.cell_activated) as blocker:
        QTest.keyClick(grid, Qt.Key.Key_Return)
    assert blocker.args == [1, 3]


def test_grid_keys_beat_window_shortcuts_and_other_keys_reach_them(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    grid = ArrangementGrid(window)
    QVBoxLayout(window).addWidget(grid)
    fired: list[str] = []
    for key in ("L", "Ctrl+A", "Right"):
        action = QAction(key, window)
        action.setShortcut(QKeySequence(key))
        action.triggered.connect(lambda _checked=False, key=key: fired.append(key))
        window.addAction(action)
    grid.show_song(grid_song())
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # shortcuts only fire in the active window
    grid.setFocus()
    grid.set_selection([(0, 0)])
    QTest.keyClick(grid, Qt.Key.Key_Right)
    QTest.keyClick(grid, Qt.Key.Key_A, CTRL)
    QTest.keyClick(grid, Qt.Key.Key_L)
    assert fired == ["L"]
    assert grid.selection() == cells_in(range(3), range(8))


# Showing songs -------------------------------------------------------------------------------


def test_show_song_keeps_cells_that_still_exist_and_the_scroll(qtbot: QtBot) -> None:
    grid = ArrangementGrid()
    qtbot.addWidget(grid)
    grid.resize(500, 250)
    grid.show_song(grid_song(tracks=3, bars=60))
    grid.show()
    qtbot.waitExposed(grid)
    grid.set_selection([(0, 1), (2, 7), (1, 40)])
    grid.horizontalScrollBar().setValue(700)
    seen: list[Cells] = []
    grid.selection_changed.connect(seen.append)
    grid.show_song(grid_song(tracks=2, bars=50))
    assert grid.selection() == [(0, 1), (1, 40)]
    assert seen == [[(0, 1), (1, 40)]]
    assert grid.horizontalScrollBar().value() == 700
    grid.show_song(grid_song(tracks=2, bars=50, locked=frozenset({1})))  # same cells: no signal
    assert seen == [[(0, 1), (1, 40)]]
    grid.set_selection([(5, 5), (1, 2)])  # cells outside the song are ignored
    assert grid.selection() == [(1, 2)]


def test_zoom_changes_the_bar_width_within_limits(grid: ArrangementGrid) -> None:
    grid.set_zoom(100)
    assert grid.zoom() == 100
    assert grid.grid_geometry().cell_rect(0, 3).width == 100
    assert grid.horizontalScrollBar().maximum() == max(0, 800 - (grid.viewport().width() - 176))
    grid.set_zoom(1)
    assert grid.zoom() == MIN_BAR_WIDTH_PX
    grid.set_zoom(10_000)
    assert grid.zoom() == MAX_BAR_WIDTH_PX
