"""The video's thumbnails on a strip above the grid, placed by the song's tempo map so each
picture sits over the bar it plays under, with the cut markers; a click adds a cut, a right
click deletes the nearest one, and a marker dragged along the strip moves its cut
(`cuts_changed` carries the new `Cuts`). Under the thumbnails,
over the same bars, the energy lane shows the curve the music follows and lets the user
redraw it (`ui.video.energy_lane`)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPoint, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import QWidget

from engine.errors import TesseraError
from engine.song.song import Song
from engine.video.analysis import Thumbnail
from engine.video.cuts import Cuts, add_cut, delete_cut, move_cut
from ui.arrangement.view import ArrangementGrid
from ui.engine_words import engine_text
from ui.video.energy_lane import LANE_HEIGHT_PX, EnergyLane

THUMBS_HEIGHT_PX = 58
STRIP_HEIGHT_PX = THUMBS_HEIGHT_PX + LANE_HEIGHT_PX
CUT_COLOUR = QColor(230, 60, 60)
MOVING_COLOUR = QColor(255, 200, 60)
MARKER_GRAB_PX = 5.0
"""How near a cut marker a press must be to pick the marker up instead of adding a cut."""


def bar_position(song: Song, seconds: float) -> float:
    """Where `seconds` falls in bars (2.5 is half way through the third bar)."""
    starts = [song.tick_to_seconds(tick) for tick in song.bar_start_ticks]
    for bar in range(len(starts) - 1):
        if seconds < starts[bar + 1]:
            span = starts[bar + 1] - starts[bar]
            return bar + (seconds - starts[bar]) / span if span > 0 else float(bar)
    return float(len(starts) - 1)


def seconds_at(song: Song, position: float) -> float:
    """The inverse of `bar_position`: the time at a position in bars."""
    ticks = song.bar_start_ticks
    bar = min(max(int(position), 0), len(ticks) - 2)
    start, end = song.tick_to_seconds(ticks[bar]), song.tick_to_seconds(ticks[bar + 1])
    return start + (position - bar) * (end - start)


class VideoStrip(QWidget):
    """Thumbnails and cut markers over the bars (see the module's notes)."""

    cuts_changed = Signal(object)
    message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("video-strip")
        self.setFixedHeight(STRIP_HEIGHT_PX)
        self.song: Song | None = None
        self.cuts: Cuts | None = None
        self._images: list[tuple[float, QImage]] = []
        self._grid: ArrangementGrid | None = None
        self._moving: tuple[float, float] | None = None
        """The cut being dragged: where it was and where the pointer has it now."""
        self.energy = EnergyLane(self, self)
        self.energy.move(0, THUMBS_HEIGHT_PX)

    def show_video(self, thumbnails: Sequence[Thumbnail], cuts: Cuts, song: Song) -> None:
        self._images = [
            (t.time_s, QImage(t.rgb.data, t.rgb.shape[1], t.rgb.shape[0], t.rgb.strides[0],
                              QImage.Format.Format_RGB888).copy())
            for t in thumbnails
        ]  # fmt: skip
        self.cuts, self.song = cuts, song
        self.update()

    def show_song(self, song: Song) -> None:
        self.song = song
        self.update()
        self.energy.update()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self.energy.resize(self.width(), LANE_HEIGHT_PX)

    def follow(self, grid: ArrangementGrid) -> None:
        """Keep the strip's bars under the grid's as it scrolls and zooms."""
        self._grid = grid
        grid.view_changed.connect(self.update)
        grid.view_changed.connect(self.energy.update)
        grid.horizontalScrollBar().valueChanged.connect(lambda _value: self.update())
        grid.horizontalScrollBar().valueChanged.connect(lambda _value: self.energy.update())

    def x_of(self, seconds: float) -> float:
        """The strip's x for a time, over the grid's bar at that time."""
        if self.song is None:
            return 0.0
        position = bar_position(self.song, seconds)
        if self._grid is None:
            return position * 72.0
        geometry = self._grid.grid_geometry()
        offset = (
            self._grid.viewport().mapToGlobal(QPoint(0, 0)).x() - self.mapToGlobal(QPoint(0, 0)).x()
        )
        left = geometry.header_width_px - geometry.scroll_x_px + offset
        return left + position * geometry.bar_width_px

    def time_at(self, x: float) -> float:
        if self.song is None:
            return 0.0
        zero, one = self.x_of(0.0), self.x_of(seconds_at(self.song, 1.0))
        width = one - zero if one > zero else 72.0
        return seconds_at(self.song, (x - zero) / width)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(30, 30, 34))
        if self.song is None:
            return
        height = THUMBS_HEIGHT_PX - 4
        for number, (time, image) in enumerate(self._images):
            left = self.x_of(time)
            if number + 1 < len(self._images):
                right = self.x_of(self._images[number + 1][0])
            else:  # the last picture lasts until the song (the video) ends
                right = self.x_of(self.song.tick_to_seconds(self.song.end_tick))
            width = max(right - left, 2.0)
            painter.drawImage(QRectF(left, 2, width, height), image)
        if self.cuts is not None:
            painter.setPen(QPen(CUT_COLOUR, 2))
            for cut in self.cuts.times:
                x = self.x_of(cut)
                painter.drawLine(int(x), 0, int(x), THUMBS_HEIGHT_PX)
        if self._moving is not None:
            painter.setPen(QPen(MOVING_COLOUR, 2, Qt.PenStyle.DashLine))
            x = self.x_of(self._moving[1])
            painter.drawLine(int(x), 0, int(x), THUMBS_HEIGHT_PX)
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        """Left-press on a cut marker starts moving it; elsewhere, left adds a cut and right
        deletes the nearest one."""
        if self.cuts is None or self.song is None:
            return
        x = event.position().x()
        time = self.time_at(x)
        if event.button() == Qt.MouseButton.LeftButton:
            grabbed = self._marker_at(x)
            if grabbed is not None:
                self._moving = (grabbed, grabbed)
                self.setCursor(Qt.CursorShape.SizeHorCursor)
                return
        try:
            if event.button() == Qt.MouseButton.RightButton:
                self.cuts = delete_cut(self.cuts, time)
            elif event.button() == Qt.MouseButton.LeftButton:
                self.cuts = add_cut(self.cuts, time)
            else:
                return
        except TesseraError as err:
            self.message.emit(engine_text(err))
            return
        self.update()
        self.cuts_changed.emit(self.cuts)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        """A grabbed marker follows the pointer (drawn where it would go)."""
        if self._moving is None or self.song is None:
            return
        end = self.song.tick_to_seconds(self.song.end_tick)
        self._moving = (self._moving[0], min(max(self.time_at(event.position().x()), 0.0), end))
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        """A marker let go somewhere else moves there (and the music is fitted again); let go
        where it was picked up, nothing changes."""
        if self._moving is None or self.cuts is None:
            return
        start, to = self._moving
        self._moving = None
        self.unsetCursor()
        if abs(self.x_of(to) - self.x_of(start)) < MARKER_GRAB_PX:
            self.update()
            return
        try:
            self.cuts = move_cut(self.cuts, start, to)
        except TesseraError as err:
            self.message.emit(engine_text(err))
            self.update()
            return
        self.update()
        self.cuts_changed.emit(self.cuts)

    def _marker_at(self, x: float) -> float | None:
        """The cut whose marker is within `MARKER_GRAB_PX` of `x`, if any."""
        if self.cuts is None:
            return None
        near = [cut for cut in self.cuts.times if abs(self.x_of(cut) - x) <= MARKER_GRAB_PX]
        return min(near, key=lambda cut: abs(self.x_of(cut) - x)) if near else None
