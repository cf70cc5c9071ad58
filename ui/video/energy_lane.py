"""The energy lane: a thin band under the video's thumbnails, over the same bars, showing the
energy curve the music follows (0 at the bottom, 1 at the top) and letting the user redraw it.

Dragging paints the curve where the mouse passes (`engine.video.energy.painted`); a
double-click puts the picture's own curve back. A finished stroke is announced
(`curve_changed`) only after the double-click interval, so the first click of a double-click
does not start a fit of its own. The lane maps times to x through the strip it sits in
(`VideoStrip.x_of`, `time_at`), so its curve lines up with the thumbnails and the grid's bars.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QApplication, QWidget

from engine.video.energy import EnergyCurve, on_grid, painted
from ui.i18n import translate

LANE_HEIGHT_PX = 26
MARGIN_PX = 3
DRAWN_COLOUR = QColor(250, 190, 60)
PICTURE_COLOUR = QColor(150, 150, 160)
BACKGROUND = QColor(24, 24, 28)


class Timeline(Protocol):
    """What the lane needs from the strip above it: the same x for the same time."""

    def x_of(self, seconds: float) -> float: ...

    def time_at(self, x: float) -> float: ...


class EnergyLane(QWidget):
    """The curve and the mouse strokes that redraw it (see the module's notes)."""

    curve_changed = Signal(object)
    """The redrawn `EnergyCurve`, once a stroke (or a double-click's reset) is finished."""

    def __init__(self, timeline: Timeline, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("video-energy-lane")
        self.setFixedHeight(LANE_HEIGHT_PX)
        self.setToolTip(
            translate(
                "EnergyLane",
                "Energy of the music: drag to draw it, double-click for the picture's own",
            )
        )
        self.timeline = timeline
        self.curve: EnergyCurve | None = None
        self.picture: EnergyCurve | None = None
        self._last: tuple[float, float] | None = None
        self._commit = QTimer(self)
        self._commit.setSingleShot(True)
        self._commit.setInterval(QApplication.doubleClickInterval())
        self._commit.timeout.connect(self._announce)

    def show_curve(self, curve: EnergyCurve, picture: EnergyCurve) -> None:
        """Show `curve` (the one the music follows) over the picture's own."""
        self.curve, self.picture = curve, picture
        self._last = None
        self._commit.stop()
        self.update()

    @property
    def drawn(self) -> bool:
        """Whether the curve shown differs from the picture's."""
        return self.curve is not None and self.picture is not None and self.curve != self.picture

    def y_of(self, value: float) -> float:
        span = self.height() - 2 * MARGIN_PX
        return MARGIN_PX + (1.0 - value) * span

    def value_at(self, y: float) -> float:
        span = max(self.height() - 2 * MARGIN_PX, 1)
        return min(max(1.0 - (y - MARGIN_PX) / span, 0.0), 1.0)

    # --- drawing ------------------------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        painter.fillRect(self.rect(), BACKGROUND)
        if self.curve is not None and self.picture is not None:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            if self.drawn:
                painter.setPen(QPen(PICTURE_COLOUR, 1, Qt.PenStyle.DotLine))
                painter.drawPath(self._path(self.picture))
            painter.setPen(QPen(DRAWN_COLOUR, 2))
            painter.drawPath(self._path(self.curve))
        painter.end()

    def _path(self, curve: EnergyCurve) -> QPainterPath:
        path = QPainterPath()
        for index, (time, value) in enumerate(curve.points):
            point = QPointF(self.timeline.x_of(time), self.y_of(value))
            if index == 0:
                path.moveTo(point)
            else:
                path.lineTo(point)
        return path

    # --- the mouse ----------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        if event.button() != Qt.MouseButton.LeftButton or self.picture is None:
            return
        self._commit.stop()
        self._last = None
        self._stroke(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        if self._last is not None and event.buttons() & Qt.MouseButton.LeftButton:
            self._stroke(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        if event.button() == Qt.MouseButton.LeftButton and self._last is not None:
            self._stroke(event)
            self._last = None
            self._commit.start()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        if event.button() != Qt.MouseButton.LeftButton or self.picture is None:
            return
        self._commit.stop()
        self._last = None
        self.curve = self.picture
        self.update()
        self.curve_changed.emit(self.curve)

    def _stroke(self, event: QMouseEvent) -> None:
        """Paint from the last point of the stroke to the mouse."""
        if self.curve is None or self.picture is None:
            return
        here = (self.timeline.time_at(event.position().x()), self.value_at(event.position().y()))
        grid = on_grid(self.curve, self.picture)
        self.curve = painted(grid, self._last or here, here)
        self._last = here
        self.update()

    def _announce(self) -> None:
        if self.curve is not None:
            self.curve_changed.emit(self.curve)
