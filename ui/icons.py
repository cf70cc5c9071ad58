"""Transport icons drawn in the palette's text colour, so they show on light and dark alike.

The style's own media icons are dark grey whatever the theme (nearly invisible on the dark
toolbar); these are drawn for the palette in use and redrawn when the theme changes.
"""

from __future__ import annotations

from typing import Literal

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap, QPolygonF

Glyph = Literal["play", "stop", "start"]


def glyph_icon(glyph: Glyph, colour: QColor, size_px: int = 16) -> QIcon:
    """A play triangle, a stop square or return-to-start (a bar and a triangle) in `colour`."""
    pixmap = QPixmap(size_px, size_px)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    s = float(size_px)
    if glyph == "play":
        painter.drawPolygon(
            QPolygonF(
                [
                    QPointF(0.25 * s, 0.15 * s),
                    QPointF(0.85 * s, 0.5 * s),
                    QPointF(0.25 * s, 0.85 * s),
                ]
            )
        )
    elif glyph == "stop":
        painter.drawRect(QRectF(0.22 * s, 0.22 * s, 0.56 * s, 0.56 * s))
    else:
        painter.drawRect(QRectF(0.18 * s, 0.2 * s, 0.14 * s, 0.6 * s))
        painter.drawPolygon(
            QPolygonF(
                [QPointF(0.85 * s, 0.2 * s), QPointF(0.35 * s, 0.5 * s), QPointF(0.85 * s, 0.8 * s)]
            )
        )
    painter.end()
    return QIcon(pixmap)
