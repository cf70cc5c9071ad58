"""The arrangement grid: geometry maths, DAW-style selection with mouse and keys, painting."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QAction, QColor, QContextMenuEvent, QHelpEvent, QImage, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QToolTip, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from engine.song.song import PPQ, Note, Song, TimeSignatureChange, Track
from ui.arrangement.geometry import (
    MAX_BAR_WIDTH_PX,
    MIN_BAR_WIDTH_PX,
    GridGeometry,
    Hit,
    HitKind,
    PixelRect,
    label_stride,
    miniature_lines,
    ruler_labels,
    scroll_to_follow,
    scroll_to_reveal,
    tick_to_content_x,
    track_pitch_range,
)
from ui.arrangement.paint import BADGE_COLOUR, CHANGED_COLOUR, PLAYHEAD_COLOUR
from ui.arrangement.selection import CellSelection, press, select_for_menu
from ui.arrangement.view import ArrangementGrid
from ui.theme import dark_palette

BAR = 4 * PPQ
LEFT = Qt.MouseButton.LeftButton
RIGHT = Qt.MouseButton.RightButton
SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier
NO_MODIFIER = Qt.KeyboardModifier.NoModifier

Cells = list[tuple[int, int]]


def _song(tracks: int = 3, bars: int = 8, locked: frozenset[int] = frozenset()) -> Song:
    parts = tuple(
        Track(
            f"Part {index}",
            program=index * 8,
            notes=tuple(
                Note(bar * BAR + index * PPQ, 60 + bar % 12, PPQ, 90) for bar in range(0, bars, 2)
            ),
            locked_bars=locked if index == 0 else frozenset(),
        )
        for index in range(tracks)
    )
    return Song(title="Grid", bar_count=bars, tracks=parts)


def _four_then_three() -> Song:
    """Two bars of 4/4, then two of 3/4."""
    meters = (TimeSignatureChange(0, 4, 4), TimeSignatureChange(2 * BAR, 3, 4))
    return Song(bar_count=4, tracks=(Track("Solo"),), time_signatures=meters)


@pytest.fixture
def grid(qtbot: QtBot) -> ArrangementGrid:
    widget = ArrangementGrid()
    qtbot.addWidget(widget)
    widget.resize(900, 300)
    widget.show_song(_song())
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def emitted(grid: ArrangementGrid) -> list[Cells]:
    """Every list `selection_changed` sends, in order."""
    seen: list[Cells] = []
    grid.selection_changed.connect(seen.append)
    return seen


def _at(grid: ArrangementGrid, track: int, bar: int) -> QPoint:
    rect = grid.grid_geometry().cell_rect(track, bar)
    return QPoint(rect.x + rect.width // 2, rect.y + rect.height // 2)


def _header(grid: ArrangementGrid, track: int) -> QPoint:
    rect = grid.grid_geometry().track_header_rect(track)
    return QPoint(rect.x + rect.width // 2, rect.y + rect.height // 2)


def _ruler(grid: ArrangementGrid, bar: int) -> QPoint:
    rect = grid.grid_geometry().bar_ruler_rect(bar)
    return QPoint(rect.x + rect.width // 2, rect.y + rect.height // 2)


def _click(
    grid: ArrangementGrid,
    pos: QPoint,
    modifier: Qt.KeyboardModifier = NO_MODIFIER,
    button: Qt.MouseButton = LEFT,
) -> None:
    QTest.mouseClick(grid.viewport(), button, modifier, pos)


def _rect(tracks: range, bars: range) -> Cells:
    return [(track, bar) for track in tracks for bar in bars]


# Geometry ------------------------------------------------------------------------------------


def test_cell_rects_and_hit_tests_agree_under_scrolling() -> None:
    geometry = GridGeometry(
        track_count=4, bar_count=10, bar_width_px=50, row_height_px=30, header_width_px=100,
        ruler_height_px=20, scroll_x_px=120, scroll_y_px=15,
    )  # fmt: skip
    assert geometry.cell_rect(2, 3) == PixelRect(100 + 150 - 120, 20 + 60 - 15, 50, 30)
    for track in range(4):
        for bar in range(3, 10):
            rect = geometry.cell_rect(track, bar)
            centre = geometry.hit_test(rect.x + rect.width // 2, rect.y + rect.height // 2)
            assert centre == Hit(HitKind.CELL, track, bar)
            assert centre.cell == (track, bar)
    assert geometry.hit_test(10, 20 + 30 - 15) == Hit(HitKind.TRACK_HEADER, track=1)
    assert geometry.hit_test(100 + 30, 5) == Hit(HitKind.BAR_RULER, bar=3)  # (30 + 120) // 50
    assert geometry.hit_test(5, 5) == Hit(HitKind.CORNER)
    assert geometry.hit_test(200, 20 + 4 * 30).kind is HitKind.NOWHERE  # below the last row
    assert geometry.hit_test(100 + 500, 40).kind is HitKind.NOWHERE  # right of the last bar
    assert geometry.hit_test(5, 20 + 4 * 30).kind is HitKind.NOWHERE
    assert geometry.hit_test(-1, 40).kind is HitKind.NOWHERE
    assert Hit(HitKind.TRACK_HEADER, track=1).cell is None


def test_only_rows_and_bars_in_view_are_listed_and_nearest_clamps() -> None:
    geometry = GridGeometry(
        track_count=16, bar_count=200, bar_width_px=40, row_height_px=40, header_width_px=100,
        ruler_height_px=20, scroll_x_px=400, scroll_y_px=60,
    )  # fmt: skip
    assert geometry.bars_in(0, 100 + 200) == range(10, 15)
    assert geometry.bars_in(100 + 20, 100 + 21) == range(10, 11)
    assert geometry.tracks_in(0, 20 + 100) == range(1, 4)
    assert geometry.content_width_px == 8000
    assert geometry.content_height_px == 640
    assert geometry.nearest_bar(-500) == 0
    assert geometry.nearest_bar(99_999) == 199
    assert geometry.nearest_track(-5) == 0  # above the rows: the top one in view
    assert geometry.nearest_track(99_999) == 15


def test_a_tick_lands_by_its_place_inside_bars_of_different_lengths() -> None:
    starts = _four_then_three().bar_start_ticks
    assert starts == (0, BAR, 2 * BAR, 2 * BAR + 3 * PPQ, 2 * BAR + 6 * PPQ)
    assert tick_to_content_x(starts, 0, 60) == 0.0
    assert tick_to_content_x(starts, PPQ, 60) == 15.0  # one beat of four
    assert tick_to_content_x(starts, BAR + 2 * PPQ, 60) == 90.0
    assert tick_to_content_x(starts, 2 * BAR + PPQ, 60) == 140.0  # one beat of three
    assert tick_to_content_x(starts, 2 * BAR + 4 * PPQ, 60) == 200.0  # into the last 3/4 bar
    assert tick_to_content_x(starts, starts[-1], 60) == 240.0
    assert tick_to_content_x(starts, starts[-1] + 5 * BAR, 60) == 240.0


def test_scroll_helpers_reveal_a_span_and_turn_the_page() -> None:
    assert scroll_to_reveal(50, 40, 0, 200) == 0  # already visible
    assert scroll_to_reveal(250, 40, 0, 200) == 90  # right edge comes into view
    assert scroll_to_reveal(30, 40, 100, 200) == 30  # left edge comes into view
    assert scroll_to_reveal(30, 400, 0, 200) == 30  # too long: align its start
    assert scroll_to_follow(150, 100, 200) == 100  # inside the view: stay
    assert scroll_to_follow(320, 100, 200) == 300  # past the right edge: jump, 10% lead
    assert scroll_to_follow(50, 100, 200) == 30
    assert scroll_to_follow(5, 100, 200) == 0


def test_miniature_lines_follow_time_and_pitch() -> None:
    area = PixelRect(100, 10, 80, 20)
    notes = [Note(BAR, 60, PPQ, 90), Note(BAR + 2 * PPQ, 72, 4 * PPQ, 90)]
    low, high = track_pitch_range(notes)
    assert (low, high) == (60, 72)
    lines = miniature_lines(notes, (BAR, 2 * BAR), area, (low, high), is_drum=False)
    assert lines[0] == (100.0, 30.0, 120.0, 30.0)  # lowest pitch on the bottom edge
    assert lines[1] == (140.0, 10.0, 180.0, 10.0)  # highest on top, cut at the bar line
    hits = miniature_lines([Note(BAR + PPQ, 36, 10, 90)], (BAR, 2 * BAR), area, (36, 48), True)
    x1, y1, x2, y2 = hits[0]
    assert x1 == x2 == 120.0
    assert y1 < y2  # a vertical tick
    assert track_pitch_range([Note(0, 40, 1, 1)]) == (34, 46)  # one pitch -> an octave around it
    assert track_pitch_range([]) == (54, 66)


def test_ruler_labels_number_bars_and_show_meter_changes() -> None:
    meters = (
        TimeSignatureChange(0, 4, 4),
        TimeSignatureChange(2 * BAR, 3, 4),
        TimeSignatureChange(2 * BAR + 6 * PPQ, 6, 8),
    )
    song = Song(bar_count=5, time_signatures=meters)
    labels = ruler_labels(song)
    assert [label.number for label in labels] == ["1", "2", "3", "4", "5"]
    assert [label.meter for label in labels] == ["4/4", None, "3/4", None, "6/8"]
    assert label_stride(40, 30) == 1
    assert label_stride(16, 40) == 4
    assert label_stride(5, 40) == 8


# Selection rules without a widget --------------------------------------------------------------


def test_pure_selection_rules_for_presses_and_menus() -> None:
    selection = CellSelection(track_count=3, bar_count=4)
    assert press(selection, Hit(HitKind.CELL, 1, 1), shift=False, control=False) is HitKind.CELL
    press(selection, Hit(HitKind.CELL, 2, 3), shift=True, control=False)
    assert selection.cells() == _rect(range(1, 3), range(1, 4))
    assert press(selection, Hit(HitKind.CELL, 1, 2), shift=False, control=True) is None
    assert (1, 2) not in selection
    assert select_for_menu(selection, Hit(HitKind.CELL, 2, 2))  # selected already: kept
    assert len(selection) == 5
    assert not select_for_menu(selection, Hit(HitKind.NOWHERE))
    selection.resize(2, 4)  # the last track went away
    assert selection.cells() == [(1, 1), (1, 3)]
    selection.resize(0, 4)
    assert selection.cells() == []
    assert selection.focus is None


# Mouse ---------------------------------------------------------------------------------------


def test_a_click_selects_one_cell(grid: ArrangementGrid, emitted: list[Cells]) -> None:
    _click(grid, _at(grid, 1, 2))
    assert grid.selection() == [(1, 2)]
    assert grid.focus_cell() == (1, 2)
    assert emitted == [[(1, 2)]]
    _click(grid, _at(grid, 1, 2))  # the same cell again: nothing changed, no signal
    assert emitted == [[(1, 2)]]


def test_a_drag_selects_a_rectangle(grid: ArrangementGrid, emitted: list[Cells]) -> None:
    viewport = grid.viewport()
    QTest.mousePress(viewport, LEFT, NO_MODIFIER, _at(grid, 2, 4))
    QTest.mouseMove(viewport, _at(grid, 1, 3))
    QTest.mouseMove(viewport, _at(grid, 0, 1))
    QTest.mouseRelease(viewport, LEFT, NO_MODIFIER, _at(grid, 0, 1))
    assert grid.selection() == _rect(range(3), range(1, 5))
    assert emitted[0] == [(2, 4)]
    assert emitted[-1] == _rect(range(3), range(1, 5))
    assert grid.focus_cell() == (0, 1)


def test_shift_click_extends_from_the_anchor(grid: ArrangementGrid) -> None:
    _click(grid, _at(grid, 0, 5))
    _click(grid, _at(grid, 2, 3), SHIFT)
    assert grid.selection() == _rect(range(3), range(3, 6))
    _click(grid, _at(grid, 1, 6), SHIFT)  # the anchor stays at (0, 5)
    assert grid.selection() == _rect(range(2), range(5, 7))


def test_ctrl_click_toggles_cells(grid: ArrangementGrid, emitted: list[Cells]) -> None:
    _click(grid, _at(grid, 0, 0))
    _click(grid, _at(grid, 2, 5), CTRL)
    _click(grid, _at(grid, 1, 7), CTRL)
    assert grid.selection() == [(0, 0), (1, 7), (2, 5)]
    _click(grid, _at(grid, 0, 0), CTRL)
    assert grid.selection() == [(1, 7), (2, 5)]
    assert emitted == [[(0, 0)], [(0, 0), (2, 5)], [(0, 0), (1, 7), (2, 5)], [(1, 7), (2, 5)]]


def test_headers_select_whole_tracks_and_bars(grid: ArrangementGrid) -> None:
    _click(grid, _header(grid, 1))
    assert grid.selection() == _rect(range(1, 2), range(8))
    _click(grid, _header(grid, 2), SHIFT)
    assert grid.selection() == _rect(range(1, 3), range(8))
    _click(grid, _ruler(grid, 3))
    assert grid.selection() == _rect(range(3), range(3, 4))
    _click(grid, _ruler(grid, 5), SHIFT)
    assert grid.selection() == _rect(range(3), range(3, 6))
    _click(grid, _header(grid, 0), CTRL)  # adds the whole first track
    assert grid.selection() == sorted({*_rect(range(3), range(3, 6)), *_rect(range(1), range(8))})
    _click(grid, _header(grid, 0), CTRL)  # and takes it away again
    assert grid.selection() == _rect(range(1, 3), range(3, 6))


def test_dragging_over_track_headers_selects_the_tracks_between(grid: ArrangementGrid) -> None:
    viewport = grid.viewport()
    QTest.mousePress(viewport, LEFT, NO_MODIFIER, _header(grid, 0))
    QTest.mouseMove(viewport, _header(grid, 2))
    QTest.mouseRelease(viewport, LEFT, NO_MODIFIER, _header(grid, 2))
    assert grid.selection() == _rect(range(3), range(8))


def test_the_corner_selects_all_and_empty_space_clears(grid: ArrangementGrid) -> None:
    _click(grid, QPoint(3, 3))
    assert grid.selection() == _rect(range(3), range(8))
    below_rows = QPoint(_at(grid, 0, 1).x(), grid.grid_geometry().track_top_px(3) + 10)
    _click(grid, below_rows)
    assert grid.selection() == []


def test_double_click_activates_a_cell(qtbot: QtBot, grid: ArrangementGrid) -> None:
    with qtbot.waitSignal(grid.cell_activated) as blocker:
        QTest.mouseDClick(grid.viewport(), LEFT, NO_MODIFIER, _at(grid, 2, 6))
    assert blocker.args == [2, 6]


def test_right_click_selects_an_unselected_cell_then_asks_for_a_menu(grid: ArrangementGrid) -> None:
    requests: list[tuple[Cells, QPoint]] = []
    grid.context_menu_requested.connect(lambda cells, pos: requests.append((cells, pos)))
    _click(grid, _at(grid, 0, 0))
    _click(grid, _at(grid, 1, 1), SHIFT)
    _click(grid, _at(grid, 1, 0), button=RIGHT)  # inside the selection: kept
    _click(grid, _at(grid, 2, 6), button=RIGHT)  # outside: it becomes the selection
    assert requests == [
        (_rect(range(2), range(2)), grid.viewport().mapToGlobal(_at(grid, 1, 0))),
        ([(2, 6)], grid.viewport().mapToGlobal(_at(grid, 2, 6))),
    ]
    assert grid.selection() == [(2, 6)]
    _click(grid, _header(grid, 1), button=RIGHT)
    assert requests[-1][0] == _rect(range(1, 2), range(8))


# Keyboard ------------------------------------------------------------------------------------


def test_arrows_move_the_focus_and_shift_extends(
    grid: ArrangementGrid, emitted: list[Cells]
) -> None:
    _click(grid, _at(grid, 0, 0))
    QTest.keyClick(grid, Qt.Key.Key_Right)
    QTest.keyClick(grid, Qt.Key.Key_Down)
    assert grid.selection() == [(1, 1)]
    assert grid.focus_cell() == (1, 1)
    QTest.keyClick(grid, Qt.Key.Key_Right, SHIFT)
    QTest.keyClick(grid, Qt.Key.Key_Right, SHIFT)
    QTest.keyClick(grid, Qt.Key.Key_Down, SHIFT)
    assert grid.selection() == _rect(range(1, 3), range(1, 4))
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
    assert grid.selection() == _rect(range(3), range(8))
    QTest.keyClick(grid, Qt.Key.Key_Escape)
    assert grid.selection() == []
    assert emitted == [_rect(range(3), range(8)), []]


def test_enter_activates_the_focus_cell(qtbot: QtBot, grid: ArrangementGrid) -> None:
    _click(grid, _at(grid, 1, 4))
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
    grid.show_song(_song())
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
    assert grid.selection() == _rect(range(3), range(8))


# Showing songs -------------------------------------------------------------------------------


def test_show_song_keeps_cells_that_still_exist_and_the_scroll(qtbot: QtBot) -> None:
    grid = ArrangementGrid()
    qtbot.addWidget(grid)
    grid.resize(500, 250)
    grid.show_song(_song(tracks=3, bars=60))
    grid.show()
    qtbot.waitExposed(grid)
    grid.set_selection([(0, 1), (2, 7), (1, 40)])
    grid.horizontalScrollBar().setValue(700)
    seen: list[Cells] = []
    grid.selection_changed.connect(seen.append)
    grid.show_song(_song(tracks=2, bars=50))
    assert grid.selection() == [(0, 1), (1, 40)]
    assert seen == [[(0, 1), (1, 40)]]
    assert grid.horizontalScrollBar().value() == 700
    grid.show_song(_song(tracks=2, bars=50, locked=frozenset({1})))  # same cells: no signal
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


def test_badges_are_stored_and_painted(grid: ArrangementGrid) -> None:
    rect = grid.grid_geometry().cell_rect(1, 1)
    corner = QPoint(rect.x + rect.width - 7, rect.y + 7)  # beside the text, inside the badge
    before = _pixel(grid, corner)
    grid.set_cell_badges({(1, 1): "!"})
    assert grid.cell_badges() == {(1, 1): "!"}
    assert before != BADGE_COLOUR
    assert _pixel(grid, corner) == BADGE_COLOUR
    grid.set_cell_badges({})
    assert _pixel(grid, corner) == before


# Painting ------------------------------------------------------------------------------------


def _image(grid: ArrangementGrid) -> QImage:
    return grid.viewport().grab().toImage()


def _pixel(grid: ArrangementGrid, point: QPoint) -> QColor:
    return _image(grid).pixelColor(point)


def _colours_in(image: QImage, rect: PixelRect) -> set[int]:
    return {
        image.pixel(x, y)
        for x in range(rect.x + 16, rect.x + rect.width - 4)
        for y in range(rect.y + 4, rect.y + rect.height - 18)
    }


def test_locked_cells_look_different_from_unlocked_ones(qtbot: QtBot) -> None:
    grid = ArrangementGrid()
    qtbot.addWidget(grid)
    grid.resize(900, 300)
    grid.show_song(_song(tracks=1, bars=8, locked=frozenset({3})))  # bars 3 and 5 are empty
    grid.show()
    qtbot.waitExposed(grid)
    image = _image(grid)
    geometry = grid.grid_geometry()
    locked, unlocked = geometry.cell_rect(0, 3), geometry.cell_rect(0, 5)
    assert len(_colours_in(image, unlocked)) == 1  # an empty cell is plain
    assert _colours_in(image, locked).isdisjoint(_colours_in(image, unlocked))
    assert len(_colours_in(image, locked)) >= 2  # tint and hatching


def test_selected_cells_are_highlighted(grid: ArrangementGrid) -> None:
    rect = grid.grid_geometry().cell_rect(1, 3)
    inside = QPoint(rect.x + 6, rect.y + rect.height // 2)
    plain = _pixel(grid, inside)
    grid.set_selection([(1, 3)])
    assert _pixel(grid, inside) != plain
    assert _pixel(grid, QPoint(rect.x + 1, rect.y + rect.height // 2)) == grid.palette().color(
        grid.palette().ColorRole.Highlight
    )


def test_changed_cells_are_marked_selected_or_not_until_cleared(grid: ArrangementGrid) -> None:
    geometry = grid.grid_geometry()

    def corner(track: int, bar: int) -> QPoint:  # inside the folded top-left corner
        rect = geometry.cell_rect(track, bar)
        return QPoint(rect.x + 5, rect.y + 5)

    def wash(track: int, bar: int) -> QPoint:  # an empty part of the cell, away from marks
        rect = geometry.cell_rect(track, bar)
        return QPoint(rect.x + rect.width - 6, rect.y + 6)

    plain = {cell: (_pixel(grid, corner(*cell)), _pixel(grid, wash(*cell))) for cell in
             [(1, 3), (2, 5), (0, 6)]}  # fmt: skip
    grid.set_changed_cells([(1, 3), (2, 5)])
    assert grid.changed_cells() == [(1, 3), (2, 5)]
    grid.set_selection([(2, 5)])
    image = _image(grid)
    for cell in [(1, 3), (2, 5)]:
        assert image.pixelColor(corner(*cell)) == CHANGED_COLOUR
    assert image.pixelColor(wash(1, 3)) != plain[(1, 3)][1]  # a green wash over the cell
    assert image.pixelColor(corner(0, 6)) == plain[(0, 6)][0]  # an unchanged cell: unmarked
    grid.set_changed_cells(())
    grid.set_selection([])
    assert _pixel(grid, corner(1, 3)) == plain[(1, 3)][0]
    assert _pixel(grid, wash(1, 3)) == plain[(1, 3)][1]


def test_the_tooltip_says_a_cell_was_changed(grid: ArrangementGrid) -> None:
    grid.set_changed_cells([(0, 2)])
    point = _at(grid, 0, 2)
    help_event = QHelpEvent(QEvent.Type.ToolTip, point, grid.viewport().mapToGlobal(point))
    QApplication.sendEvent(grid.viewport(), help_event)
    assert QToolTip.text().endswith("changed by the last operation")


def test_the_palette_decides_light_or_dark(grid: ArrangementGrid) -> None:
    empty = grid.grid_geometry().cell_rect(0, 1)
    inside = QPoint(empty.x + empty.width // 2, empty.y + empty.height // 2)
    grid.setPalette(QApplication.style().standardPalette())
    light = _pixel(grid, inside).lightness()
    grid.setPalette(dark_palette())
    dark = _pixel(grid, inside).lightness()
    assert light > 200
    assert dark < 60


def test_the_playhead_follows_bars_of_different_lengths(qtbot: QtBot) -> None:
    grid = ArrangementGrid()
    qtbot.addWidget(grid)
    grid.resize(900, 200)
    grid.show_song(_four_then_three())
    grid.set_zoom(120)
    grid.show()
    qtbot.waitExposed(grid)
    header = grid.grid_geometry().header_width_px
    assert grid.playhead_x() is None
    grid.set_playhead_tick(2 * BAR + PPQ)  # one beat into the first 3/4 bar
    assert grid.playhead_x() == header + 2 * 120 + 40
    point = QPoint(header + 2 * 120 + 40, grid.grid_geometry().track_top_px(0) + 20)
    assert _pixel(grid, point) == PLAYHEAD_COLOUR
    grid.set_playhead_tick(PPQ)
    assert grid.playhead_x() == header + 30
    assert _pixel(grid, point) != PLAYHEAD_COLOUR
    grid.set_playhead_tick(None)
    assert grid.playhead_x() is None


def test_the_playhead_scrolls_into_view(qtbot: QtBot) -> None:
    grid = ArrangementGrid()
    qtbot.addWidget(grid)
    grid.resize(600, 200)
    grid.show_song(_song(tracks=2, bars=100))
    grid.show()
    qtbot.waitExposed(grid)
    assert grid.horizontalScrollBar().value() == 0
    grid.set_playhead_tick(60 * BAR)
    x = grid.playhead_x()
    assert x is not None
    assert grid.grid_geometry().header_width_px <= x < grid.viewport().width()
    assert grid.horizontalScrollBar().value() > 0


def test_a_big_song_paints_and_scrolls(qtbot: QtBot) -> None:
    tracks = tuple(
        Track(
            f"T{index}",
            program=index,
            is_drum=index == 9,
            notes=tuple(Note(bar * BAR + q * PPQ, 40 + (bar + q) % 40, PPQ, 80)
                        for bar in range(200) for q in range(4)),
            locked_bars=frozenset(range(index, 200, 7)),
        )
        for index in range(16)
    )  # fmt: skip
    song = Song(bar_count=200, tracks=tracks)
    grid = ArrangementGrid()
    qtbot.addWidget(grid)
    grid.resize(1200, 700)
    grid.show_song(song)
    grid.set_selection([(t, b) for t in range(16) for b in range(200)])
    grid.set_playhead_tick(150 * BAR)
    grid.show()
    qtbot.waitExposed(grid)
    assert not grid.grab().isNull()
    grid.horizontalScrollBar().setValue(grid.horizontalScrollBar().maximum())
    grid.verticalScrollBar().setValue(grid.verticalScrollBar().maximum())
    assert not grid.grab().isNull()
    geometry = grid.grid_geometry()
    assert geometry.bars_in(0, grid.viewport().width())[-1] == 199
    assert geometry.tracks_in(0, grid.viewport().height())[-1] == 15


def test_the_menu_key_asks_for_a_menu_at_the_focus_cell(grid: ArrangementGrid) -> None:
    requests: list[tuple[Cells, QPoint]] = []
    grid.context_menu_requested.connect(lambda cells, pos: requests.append((cells, pos)))
    grid.set_selection([(2, 5)])
    menu_key = QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, QPoint(0, 0), QPoint(0, 0))
    QApplication.sendEvent(grid, menu_key)
    assert requests == [([(2, 5)], grid.viewport().mapToGlobal(_at(grid, 2, 5)))]
    by_mouse = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, _at(grid, 0, 0), QPoint(0, 0))
    QApplication.sendEvent(grid, by_mouse)  # mouse menus start at the right-button press
    assert len(requests) == 1


def test_a_new_song_repaints_the_cells(qtbot: QtBot) -> None:
    grid = ArrangementGrid()
    qtbot.addWidget(grid)
    grid.resize(900, 300)
    grid.show_song(_song(tracks=1, bars=8))
    grid.show()
    qtbot.waitExposed(grid)
    cell = grid.grid_geometry().cell_rect(0, 2)
    assert len(_colours_in(_image(grid), cell)) > 1  # a clip with notes
    grid.show_song(Song(bar_count=8, tracks=(Track("Part 0"),)))
    assert len(_colours_in(_image(grid), cell)) == 1  # the notes are gone


def test_the_tooltip_names_the_cell(grid: ArrangementGrid) -> None:
    grid.show_song(_song(locked=frozenset({2})))
    grid.set_cell_badges({(0, 2): "copies bar 3 of a training piece"})
    point = _at(grid, 0, 2)
    help_event = QHelpEvent(QEvent.Type.ToolTip, point, grid.viewport().mapToGlobal(point))
    QApplication.sendEvent(grid.viewport(), help_event)
    assert (
        QToolTip.text()
        == "Part 0, bar 3 · 1 note · locked · flag: copies bar 3 of a training piece"
    )
