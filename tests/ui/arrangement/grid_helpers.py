"""Songs, points and clicks shared by the arrangement grid's tests."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from engine.song.song import PPQ, Note, Song, TimeSignatureChange, Track
from ui.arrangement.view import ArrangementGrid

BAR = 4 * PPQ
LEFT = Qt.MouseButton.LeftButton
RIGHT = Qt.MouseButton.RightButton
SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier
NO_MODIFIER = Qt.KeyboardModifier.NoModifier

Cells = list[tuple[int, int]]


def grid_song(tracks: int = 3, bars: int = 8, locked: frozenset[int] = frozenset()) -> Song:
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


def four_then_three() -> Song:
    """Two bars of 4/4, then two of 3/4."""
    meters = (TimeSignatureChange(0, 4, 4), TimeSignatureChange(2 * BAR, 3, 4))
    return Song(bar_count=4, tracks=(Track("Solo"),), time_signatures=meters)


def cell_point(grid: ArrangementGrid, track: int, bar: int) -> QPoint:
    rect = grid.grid_geometry().cell_rect(track, bar)
    return QPoint(rect.x + rect.width // 2, rect.y + rect.height // 2)


def header_point(grid: ArrangementGrid, track: int) -> QPoint:
    rect = grid.grid_geometry().track_header_rect(track)
    return QPoint(rect.x + rect.width // 2, rect.y + rect.height // 2)


def ruler_point(grid: ArrangementGrid, bar: int) -> QPoint:
    rect = grid.grid_geometry().bar_ruler_rect(bar)
    return QPoint(rect.x + rect.width // 2, rect.y + rect.height // 2)


def click(
    grid: ArrangementGrid,
    pos: QPoint,
    modifier: Qt.KeyboardModifier = NO_MODIFIER,
    button: Qt.MouseButton = LEFT,
) -> None:
    QTest.mouseClick(grid.viewport(), button, modifier, pos)


def cells_in(tracks: range, bars: range) -> Cells:
    return [(track, bar) for track in tracks for bar in bars]
