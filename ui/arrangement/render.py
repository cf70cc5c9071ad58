"""Paint one frame of the arrangement grid: the visible cells, then headers, ruler and corner.

`paint_grid` draws only what lies inside the dirty rectangle, so a repaint costs the visible
cells, not the song: a 16 x 200 song paints the same few hundred cells as a 4 x 16 one. The
order is cells (ground, clip, marks), grid lines, selection, focus, playhead; then the fixed
header column and ruler over them, so scrolled cells never cover a name or a bar number.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QLineF, QPoint, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QFont, QPainter, QPalette, QPen, QPolygonF

from engine.song.song import Cell, Song
from ui.arrangement.geometry import (
    GridGeometry,
    PixelRect,
    RulerLabel,
    label_stride,
    miniature_lines,
)
from ui.arrangement.paint import (
    CHANGED_COLOUR,
    CHANGED_WASH_ALPHA,
    PLAYHEAD_COLOUR,
    GridColours,
    paint_badge,
    paint_changed_corner,
    paint_focus,
    paint_locked_ground,
    paint_padlock,
    paint_playhead,
    paint_ruler_box,
    paint_ruler_text,
    paint_track_header,
    qrect,
    with_alpha,
)
from ui.arrangement.selection import CellSelection

STRONG_LINE_EVERY_BARS = 4
SELECTION_WASH_ALPHA = 80
PADLOCK_MIN_BAR_WIDTH_PX = 24
"""Narrower bars show a lock by their tint and hatching alone."""


@dataclass(frozen=True, slots=True)
class GridScene:
    """Everything one frame shows, gathered by the widget."""

    song: Song | None
    geometry: GridGeometry
    pitch_ranges: Sequence[tuple[int, int]]
    labels: Sequence[RulerLabel]
    selection: CellSelection
    badges: Mapping[Cell, str]
    playhead_x: float | None
    miniatures: MiniatureCache
    changed: Collection[Cell] = ()
    """Cells the last operation changed, marked until the next change of the song."""


def paint_grid(painter: QPainter, palette: QPalette, dirty: QRect, scene: GridScene) -> None:
    """Draw the part of the grid inside `dirty` (viewport pixels)."""
    colours = GridColours.from_palette(palette)
    g = scene.geometry
    painter.fillRect(dirty, colours.base)
    if scene.song is None:
        return
    tracks = g.tracks_in(dirty.top(), dirty.bottom() + 1)
    bars = g.bars_in(dirty.left(), dirty.right() + 1)
    cells_area = _from(g.header_width_px, g.ruler_height_px, dirty)
    painter.save()
    painter.setClipRect(cells_area)
    _paint_cells(painter, scene, colours, tracks, bars)
    _paint_lines(painter, g, colours, (tracks, bars), cells_area)
    _paint_marks(painter, scene, colours, tracks, bars)
    if scene.playhead_x is not None:
        paint_playhead(painter, scene.playhead_x, cells_area.top(), cells_area.bottom() + 1)
    painter.restore()
    _paint_headers(painter, scene, colours, tracks, dirty)
    _paint_ruler(painter, scene, colours, bars, dirty)
    corner = QRect(0, 0, g.header_width_px, g.ruler_height_px)
    painter.fillRect(corner.intersected(dirty), colours.header)
    painter.setPen(colours.strong_line)
    painter.drawLine(0, g.ruler_height_px - 1, g.header_width_px, g.ruler_height_px - 1)
    painter.drawLine(g.header_width_px - 1, 0, g.header_width_px - 1, dirty.bottom() + 1)


def _from(left: int, top: int, dirty: QRect) -> QRect:
    """The part of `dirty` right of `left` and below `top`."""
    return QRect(QPoint(left, top), dirty.bottomRight()).intersected(dirty)


class MiniatureCache:
    """Each cell's note strokes in content pixels, worked out once per song and zoom.

    Scrolling then only translates the painter; the strokes are recomputed when the grid is
    given a different Song (compared by identity: Songs are immutable) or a new bar width.
    """

    def __init__(self) -> None:
        self._song: Song | None = None
        self._bar_width_px = 0
        self._lines: dict[Cell, list[QLineF]] = {}

    def lines(self, scene: GridScene, track: int, bar: int) -> list[QLineF]:
        song, g = scene.song, scene.geometry
        assert song is not None
        if song is not self._song or g.bar_width_px != self._bar_width_px:
            self._song, self._bar_width_px = song, g.bar_width_px
            self._lines.clear()
        cached = self._lines.get((track, bar))
        if cached is None:
            area = PixelRect(
                bar * g.bar_width_px + 5,
                track * g.row_height_px + 8,
                g.bar_width_px - 10,
                g.row_height_px - 16,
            )
            notes = song.notes_in_bar(track, bar)
            is_drum, pitch_range = song.tracks[track].is_drum, scene.pitch_ranges[track]
            segments = miniature_lines(notes, song.bar_span(bar), area, pitch_range, is_drum)
            cached = [QLineF(x1, y1, x2, y2) for x1, y1, x2, y2 in segments]
            self._lines[(track, bar)] = cached
        return cached


def _paint_cells(
    painter: QPainter, scene: GridScene, colours: GridColours, tracks: range, bars: range
) -> None:
    """Row grounds, locked tints, clip boxes, note strokes (one call per row), padlocks."""
    song, g = scene.song, scene.geometry
    assert song is not None
    width, height = g.bar_width_px, g.row_height_px
    painter.save()
    painter.translate(g.header_width_px - g.scroll_x_px, g.ruler_height_px - g.scroll_y_px)
    for track_index in tracks:
        track, top = song.tracks[track_index], track_index * height
        ground = colours.alternate_base if track_index % 2 else colours.base
        painter.fillRect(QRect(bars.start * width, top, len(bars) * width, height), ground)
        colour = colours.track_colour(track_index)
        painter.setPen(QPen(with_alpha(colour, 150), 1.0))
        painter.setBrush(with_alpha(colour, 38))
        strokes: list[QLineF] = []
        locked_lefts: list[int] = []
        for bar in bars:
            left = bar * width
            if bar in track.locked_bars:
                paint_locked_ground(painter, QRect(left, top, width, height), colours)
                locked_lefts.append(left)
            lines = scene.miniatures.lines(scene, track_index, bar)
            if lines:
                painter.drawRoundedRect(QRectF(left + 1.5, top + 2.5, width - 3, height - 5), 3, 3)
                strokes.extend(lines)
        low, high = scene.pitch_ranges[track_index]
        pen = QPen(colour, min(3.0, max(1.5, (height - 18) / (high - low + 1))))
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        painter.setPen(pen)
        painter.drawLines(strokes)
        if width >= PADLOCK_MIN_BAR_WIDTH_PX:
            for left in locked_lefts:
                paint_padlock(painter, left + 4.0, top + height - 15.0, colours)
    painter.restore()


def _paint_lines(
    painter: QPainter,
    g: GridGeometry,
    colours: GridColours,
    visible: tuple[range, range],
    area: QRect,
) -> None:
    """Bar lines (every 4th stronger) and row separators."""
    tracks, bars = visible
    weak: list[QLineF] = []
    strong: list[QLineF] = []
    for bar in range(bars.start, bars.stop + 1):
        x = g.bar_left_px(bar) - 0.5
        line = QLineF(x, area.top(), x, area.bottom() + 1)
        (strong if bar % STRONG_LINE_EVERY_BARS == 0 else weak).append(line)
    for track in range(tracks.start, tracks.stop + 1):
        y = g.track_top_px(track) - 0.5
        weak.append(QLineF(area.left(), y, area.right() + 1, y))
    painter.setPen(colours.line)
    painter.drawLines(weak)
    painter.setPen(colours.strong_line)
    painter.drawLines(strong)


def _paint_marks(
    painter: QPainter, scene: GridScene, colours: GridColours, tracks: range, bars: range
) -> None:
    """Changed-cell washes, selection washes and outlines, badges, the focus, then the
    changed cells' corners (over everything, so they read the same whether selected or not)."""
    g, selection = scene.geometry, scene.selection
    changed = [
        g.cell_rect(track, bar) for track, bar in scene.changed if track in tracks and bar in bars
    ]
    for rect in changed:
        painter.fillRect(qrect(rect), with_alpha(CHANGED_COLOUR, CHANGED_WASH_ALPHA))
    if len(selection):
        washes, edges = _selection_shapes(selection, g, tracks, bars)
        wash = with_alpha(colours.highlight, SELECTION_WASH_ALPHA)
        for box in washes:
            painter.fillRect(box, wash)
        painter.setPen(QPen(colours.highlight, 2.0))
        painter.drawLines(edges)
    badge_font = QFont(painter.font())
    badge_font.setBold(True)
    badge_font.setPointSizeF(badge_font.pointSizeF() * 0.8)
    for (track, bar), text in scene.badges.items():
        if track in tracks and bar in bars and text:
            paint_badge(painter, g.cell_rect(track, bar), text, badge_font)
    focus = selection.focus
    if focus is not None and focus[0] in tracks and focus[1] in bars:
        paint_focus(painter, g.cell_rect(*focus), colours)
    for rect in changed:
        paint_changed_corner(painter, rect)


def _selection_shapes(
    selection: CellSelection, g: GridGeometry, tracks: range, bars: range
) -> tuple[list[QRect], list[QLineF]]:
    """One wash per run of selected cells in a row, and the outline of every selected block.

    An edge is drawn where a selected cell meets an unselected one, 1 px inside the cell, so
    a rectangle gets one border around it rather than a box around each cell.
    """
    washes: list[QRect] = []
    edges: list[QLineF] = []
    for track in tracks:
        run_start: int | None = None
        for bar in range(bars.start, bars.stop + 1):
            selected = bar < bars.stop and (track, bar) in selection
            if selected and run_start is None:
                run_start = bar
            elif not selected and run_start is not None:
                first, last = g.cell_rect(track, run_start), g.cell_rect(track, bar - 1)
                washes.append(QRect(first.x, first.y, last.x + last.width - first.x, first.height))
                run_start = None
            if not selected:
                continue
            rect = g.cell_rect(track, bar)
            left, top = rect.x + 1.0, rect.y + 1.0
            right, bottom = rect.x + rect.width - 1.0, rect.y + rect.height - 1.0
            if (track, bar - 1) not in selection:
                edges.append(QLineF(left, top, left, bottom))
            if (track, bar + 1) not in selection:
                edges.append(QLineF(right, top, right, bottom))
            if (track - 1, bar) not in selection:
                edges.append(QLineF(left, top, right, top))
            if (track + 1, bar) not in selection:
                edges.append(QLineF(left, bottom, right, bottom))
    return washes, edges


def _paint_headers(
    painter: QPainter, scene: GridScene, colours: GridColours, tracks: range, dirty: QRect
) -> None:
    song, g = scene.song, scene.geometry
    assert song is not None
    area = _from(0, g.ruler_height_px, dirty)
    area.setRight(min(area.right(), g.header_width_px - 1))
    if area.isEmpty():
        return
    selected_tracks = scene.selection.tracks()
    painter.save()
    painter.setClipRect(area)
    painter.fillRect(area, colours.header)
    for track in tracks:
        rect = g.track_header_rect(track)
        paint_track_header(
            painter,
            rect,
            track=song.tracks[track],
            index=track,
            colours=colours,
            selected=track in selected_tracks,
            mix_buttons=(g.mix_button_rect(track, solo=False), g.mix_button_rect(track, solo=True)),
        )
    painter.restore()


def _paint_ruler(
    painter: QPainter, scene: GridScene, colours: GridColours, bars: range, dirty: QRect
) -> None:
    g = scene.geometry
    area = _from(g.header_width_px, 0, dirty)
    area.setBottom(min(area.bottom(), g.ruler_height_px - 1))
    if area.isEmpty():
        return
    selected_bars = scene.selection.bars()
    stride = label_stride(g.bar_width_px, painter.fontMetrics().horizontalAdvance("000") + 10)
    painter.save()
    painter.setClipRect(area)
    painter.fillRect(area, colours.header)
    for bar in bars:
        paint_ruler_box(
            painter,
            g.bar_ruler_rect(bar),
            meter_changes=scene.labels[bar].meter is not None,
            colours=colours,
            selected=bar in selected_bars,
        )
    for bar in bars:
        label = scene.labels[bar]
        number = label.number if bar % stride == 0 else None
        if number is not None or label.meter is not None:
            paint_ruler_text(painter, g.bar_ruler_rect(bar), number, label.meter, colours)
    if scene.playhead_x is not None:
        x, bottom = scene.playhead_x, float(g.ruler_height_px)
        painter.setPen(PLAYHEAD_COLOUR)
        painter.setBrush(PLAYHEAD_COLOUR)
        painter.drawPolygon(
            QPolygonF([QPointF(x - 5, bottom - 8), QPointF(x + 5, bottom - 8), QPointF(x, bottom)])
        )
    painter.restore()
