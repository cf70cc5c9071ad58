"""Drawing the arrangement grid: colours from the palette, cells, headers, ruler and marks.

Every colour derives from the widget's QPalette (plus a hue per track and a fixed playhead
and badge colour that read on light and dark backgrounds alike), so the grid follows the
app's theme. The functions draw what they are told; the widget decides what is visible.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QLineF, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPalette, QPen, QPolygonF

from engine.song.gm import instrument_name
from engine.song.song import Track
from ui.arrangement.geometry import PixelRect
from ui.i18n import translate

PLAYHEAD_COLOUR = QColor(235, 64, 52)
CHANGED_COLOUR = QColor(204, 41, 196)
"""The mark of a cell the last operation changed: a vivid magenta on light and dark; its shape
(a folded corner) is what sets it apart from note strokes, whatever a track's hue."""
CHANGED_WASH_ALPHA = 40
CHANGED_CORNER_PX = 13
"""The side of the triangle folded into a changed cell's top-left corner."""
BADGE_COLOUR = QColor(245, 166, 35)
BADGE_TEXT_COLOUR = QColor(20, 20, 20)
TRACK_STRIPE_PX = 5
HEADER_HIGHLIGHT_ALPHA = 45
"""How strongly a header or ruler box is washed when its track or bar has selected cells."""


def mix(first: QColor, second: QColor, amount: float) -> QColor:
    """`amount` of the way from `first` to `second` (0 gives first, 1 gives second)."""
    keep = 1.0 - amount
    return QColor(
        round(first.red() * keep + second.red() * amount),
        round(first.green() * keep + second.green() * amount),
        round(first.blue() * keep + second.blue() * amount),
    )


def with_alpha(colour: QColor, alpha: int) -> QColor:
    copy = QColor(colour)
    copy.setAlpha(alpha)
    return copy


@dataclass(frozen=True, slots=True)
class GridColours:
    """The grid's colours for one palette (light or dark)."""

    dark: bool
    base: QColor
    alternate_base: QColor
    text: QColor
    faint_text: QColor
    line: QColor
    strong_line: QColor
    header: QColor
    header_text: QColor
    locked: QColor
    hatch: QColor
    highlight: QColor

    @classmethod
    def from_palette(cls, palette: QPalette) -> GridColours:
        role = QPalette.ColorRole
        base, text = palette.color(role.Base), palette.color(role.Text)
        dark = base.lightness() < 128
        return cls(
            dark=dark,
            base=base,
            alternate_base=mix(base, palette.color(role.AlternateBase), 0.6),
            text=text,
            faint_text=mix(palette.color(role.ButtonText), palette.color(role.Button), 0.4),
            line=mix(base, text, 0.12),
            strong_line=mix(base, text, 0.3),
            header=palette.color(role.Button),
            header_text=palette.color(role.ButtonText),
            locked=mix(base, text, 0.09),
            hatch=mix(base, text, 0.3),
            highlight=palette.color(role.Highlight),
        )

    def track_colour(self, track: int) -> QColor:
        """A distinct hue per track (golden-angle steps), bright on dark, deep on light."""
        hue = round(track * 137.508) % 360
        return QColor.fromHsl(hue, 170, 165) if self.dark else QColor.fromHsl(hue, 190, 95)


def qrect(rect: PixelRect) -> QRect:
    return QRect(rect.x, rect.y, rect.width, rect.height)


# Cells ---------------------------------------------------------------------------------------


def paint_locked_ground(painter: QPainter, box: QRect, colours: GridColours) -> None:
    """A locked cell's ground: a tint of the text colour under diagonal hatching."""
    painter.fillRect(box, colours.locked)
    painter.fillRect(box, QBrush(colours.hatch, Qt.BrushStyle.BDiagPattern))


def paint_padlock(painter: QPainter, x: float, y: float, colours: GridColours) -> None:
    """A 9 x 11 px padlock whose top-left corner is (x, y): a shackle arc over a body.

    It sits on a small patch of the base colour so note strokes under it do not hide it.
    """
    colour = colours.text
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(with_alpha(colours.base, 210))
    painter.drawRoundedRect(QRectF(x - 2.0, y - 2.0, 13.0, 15.0), 2.5, 2.5)
    painter.setPen(QPen(colour, 1.6))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    shackle = QPainterPath()
    shackle.moveTo(x + 2.0, y + 5.5)
    shackle.lineTo(x + 2.0, y + 3.5)
    shackle.arcTo(QRectF(x + 2.0, y + 0.5, 5.0, 6.0), 180.0, -180.0)
    shackle.lineTo(x + 7.0, y + 5.5)
    painter.drawPath(shackle)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawRoundedRect(QRectF(x, y + 5.0, 9.0, 6.0), 1.2, 1.2)


def paint_badge(painter: QPainter, rect: PixelRect, text: str, font: QFont) -> None:
    """A small amber label in the cell's top-right corner (e.g. '!' from the originality check)."""
    painter.setFont(font)
    metrics = painter.fontMetrics()
    width = max(metrics.height(), metrics.horizontalAdvance(text) + 6)
    width = min(width, rect.width - 4)
    box = QRectF(rect.x + rect.width - width - 3, rect.y + 3, width, metrics.height())
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(BADGE_COLOUR)
    painter.drawRoundedRect(box, 4.0, 4.0)
    painter.setPen(BADGE_TEXT_COLOUR)
    elided = metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(box.width()) - 2)
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, elided)


def paint_changed_corner(painter: QPainter, rect: PixelRect) -> None:
    """A changed cell's mark (over its light wash): a triangle folded into its top-left
    corner, like a page's dog-ear, drawn over the selection and focus outlines so it shows on
    selected cells too, and with a shape no note stroke or other mark has."""
    side = min(CHANGED_CORNER_PX, rect.width // 3, rect.height // 3)
    x, y = float(rect.x + 1), float(rect.y + 1)
    corner = QPolygonF([QPointF(x, y), QPointF(x + side, y), QPointF(x, y + side)])
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(CHANGED_COLOUR)
    painter.drawPolygon(corner)
    painter.restore()


def paint_focus(painter: QPainter, rect: PixelRect, colours: GridColours) -> None:
    """The keyboard cursor: a dashed outline inside the cell, in the text colour."""
    pen = QPen(colours.text, 1.0, Qt.PenStyle.DashLine)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(QRectF(rect.x + 3.5, rect.y + 3.5, rect.width - 7.0, rect.height - 7.0))


def paint_playhead(painter: QPainter, x: float, top: float, bottom: float) -> None:
    painter.setPen(QPen(PLAYHEAD_COLOUR, 2.0))
    painter.drawLine(QLineF(x, top, x, bottom))


# Headers and ruler ---------------------------------------------------------------------------


MUTE_ON = QColor(222, 150, 40)
SOLO_ON = QColor(90, 175, 95)
"""The lit colours of the Mute and Solo buttons (the usual amber and green of a DAW)."""


def mix_summary(track: Track) -> str:
    """The instrument, then gain and pan when they are not at their defaults."""
    parts = [instrument_name(track.program, track.is_drum)]
    if track.gain_db:
        parts.append(translate("ArrangementGrid", "{0} dB").format(f"{track.gain_db:+.1f}"))
    if track.pan:
        side = (
            translate("ArrangementGrid", "L", "pan to the left")
            if track.pan < 0
            else translate("ArrangementGrid", "R", "pan to the right")
        )
        parts.append(f"{side}{round(abs(track.pan) * 100)}")
    return " · ".join(parts)


def paint_track_header(
    painter: QPainter,
    rect: PixelRect,
    *,
    track: Track,
    index: int,
    colours: GridColours,
    selected: bool,
    mix_buttons: tuple[PixelRect, PixelRect],
) -> None:
    """A track's name (bold) over its instrument and mix, a stripe in the track's colour, and
    its Mute and Solo buttons (lit when on; a muted track's name is faint)."""
    painter.save()
    box = qrect(rect)
    painter.fillRect(box, colours.header)
    if selected:
        painter.fillRect(box, with_alpha(colours.highlight, HEADER_HIGHLIGHT_ALPHA))
    painter.fillRect(
        QRect(rect.x, rect.y + 1, TRACK_STRIPE_PX, rect.height - 2), colours.track_colour(index)
    )
    text_left = rect.x + TRACK_STRIPE_PX + 7
    text_width = mix_buttons[0].x - text_left - 4
    font = QFont(painter.font())
    font.setBold(True)
    painter.setFont(font)
    metrics = painter.fontMetrics()
    half = rect.height // 2
    name = track.name or translate("ArrangementGrid", "Track {0}").format(index + 1)
    name = metrics.elidedText(name, Qt.TextElideMode.ElideRight, text_width)
    painter.setPen(colours.faint_text if track.muted else colours.header_text)
    name_box = QRect(text_left, rect.y + 2, text_width, half - 1)
    painter.drawText(name_box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, name)
    font.setBold(False)
    font.setPointSizeF(font.pointSizeF() * 0.88)
    painter.setFont(font)
    metrics = painter.fontMetrics()
    info = metrics.elidedText(mix_summary(track), Qt.TextElideMode.ElideRight, text_width)
    painter.setPen(colours.faint_text)
    info_box = QRect(text_left, rect.y + half + 1, text_width, half - 3)
    painter.drawText(info_box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, info)
    for button, label, lit, on_colour in (
        (mix_buttons[0], translate("ArrangementGrid", "M", "mute button"), track.muted, MUTE_ON),
        (mix_buttons[1], translate("ArrangementGrid", "S", "solo button"), track.solo, SOLO_ON),
    ):
        _paint_mix_button(
            painter, button, label=label, lit=lit, on_colour=on_colour, colours=colours
        )
    painter.setPen(colours.strong_line)
    painter.drawLine(
        rect.x, rect.y + rect.height - 1, rect.x + rect.width, rect.y + rect.height - 1
    )
    painter.restore()


def _paint_mix_button(
    painter: QPainter,
    rect: PixelRect,
    *,
    label: str,
    lit: bool,
    on_colour: QColor,
    colours: GridColours,
) -> None:
    box = QRectF(rect.x + 0.5, rect.y + 0.5, rect.width - 1, rect.height - 1)
    painter.setPen(QPen(colours.strong_line, 1))
    painter.setBrush(on_colour if lit else colours.base)
    painter.drawRoundedRect(box, 3, 3)
    painter.setPen(QColor(20, 20, 20) if lit else colours.faint_text)
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, label)
    painter.setBrush(Qt.BrushStyle.NoBrush)


def paint_ruler_box(
    painter: QPainter, rect: PixelRect, *, meter_changes: bool, colours: GridColours, selected: bool
) -> None:
    """One bar's ruler box: its ground and a tick at the bar line (full height at a new meter).

    The box's text comes afterwards from `paint_ruler_text`, so a number or meter wider than a
    narrow bar is not covered by the next box.
    """
    box = qrect(rect)
    painter.fillRect(box, colours.header)
    if selected:
        painter.fillRect(box, with_alpha(colours.highlight, HEADER_HIGHLIGHT_ALPHA))
    painter.setPen(colours.strong_line)
    tick_top = rect.y if meter_changes else rect.y + rect.height // 2
    painter.drawLine(rect.x, tick_top, rect.x, rect.y + rect.height)
    bottom = rect.y + rect.height - 1
    painter.drawLine(rect.x, bottom, rect.x + rect.width, bottom)


def paint_ruler_text(
    painter: QPainter, rect: PixelRect, number: str | None, meter: str | None, colours: GridColours
) -> None:
    """The bar number in the upper half of its ruler box, a meter change ('3/4') below it."""
    half = rect.height // 2
    align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    if number is not None:
        painter.setPen(colours.header_text)
        painter.drawText(QRect(rect.x + 4, rect.y + 1, 200, half), align, number)
    if meter is not None:
        painter.save()
        font = QFont(painter.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 0.85)
        painter.setFont(font)
        painter.setPen(colours.highlight.lighter(150) if colours.dark else colours.highlight)
        painter.drawText(
            QRect(rect.x + 4, rect.y + half - 1, 200, rect.height - half), align, meter
        )
        painter.restore()
