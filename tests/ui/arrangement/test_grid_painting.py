"""The arrangement grid's painting: locks, selection, changed cells, badges, the playhead and
the tooltip, read from the real widget's pixels offscreen."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QColor, QContextMenuEvent, QHelpEvent, QImage
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from engine.song.song import PPQ, Note, Song, Track
from tests.ui.arrangement.grid_helpers import (
    BAR,
    Cells,
    cell_point,
    four_then_three,
    grid_song,
)
from ui.arrangement.geometry import (
    PixelRect,
)
from ui.arrangement.paint import BADGE_COLOUR, CHANGED_COLOUR, PLAYHEAD_COLOUR
from ui.arrangement.view import ArrangementGrid
from ui.theme import dark_palette

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


def test_locked_cells_look_different_from_unlocked_ones(qtbot: QtBot) -> None:
    grid = ArrangementGrid()
    qtbot.addWidget(grid)
    grid.resize(900, 300)
    grid.show_song(grid_song(tracks=1, bars=8, locked=frozenset({3})))  # bars 3 and 5 are empty
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
    point = cell_point(grid, 0, 2)
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
    grid.show_song(four_then_three())
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
    grid.show_song(grid_song(tracks=2, bars=100))
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
    assert requests == [([(2, 5)], grid.viewport().mapToGlobal(cell_point(grid, 2, 5)))]
    by_mouse = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, cell_point(grid, 0, 0), QPoint(0, 0)
    )
    QApplication.sendEvent(grid, by_mouse)  # mouse menus start at the right-button press
    assert len(requests) == 1


def test_a_new_song_repaints_the_cells(qtbot: QtBot) -> None:
    grid = ArrangementGrid()
    qtbot.addWidget(grid)
    grid.resize(900, 300)
    grid.show_song(grid_song(tracks=1, bars=8))
    grid.show()
    qtbot.waitExposed(grid)
    cell = grid.grid_geometry().cell_rect(0, 2)
    assert len(_colours_in(_image(grid), cell)) > 1  # a clip with notes
    grid.show_song(Song(bar_count=8, tracks=(Track("Part 0"),)))
    assert len(_colours_in(_image(grid), cell)) == 1  # the notes are gone


def test_the_tooltip_names_the_cell(grid: ArrangementGrid) -> None:
    grid.show_song(grid_song(locked=frozenset({2})))
    grid.set_cell_badges({(0, 2): "copies bar 3 of a training piece"})
    point = cell_point(grid, 0, 2)
    help_event = QHelpEvent(QEvent.Type.ToolTip, point, grid.viewport().mapToGlobal(point))
    QApplication.sendEvent(grid.viewport(), help_event)
    assert (
        QToolTip.text()
        == "Part 0, bar 3 · 1 note · locked · flag: copies bar 3 of a training piece"
    )
