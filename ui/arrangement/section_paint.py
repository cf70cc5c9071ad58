"""Drawing the section band: a coloured block per section, its name and its energy.

A block is a soft tint of its role's hue with the lower part filled, deeper, up to its energy
(0 at the bottom, 1 at the top), so the form's rise and fall reads at a glance: the choruses
stand taller than the verses. A section whose energy was set by hand carries a small notch at
its level's right end; the others follow their role's default. The selected section has an
outline in the highlight colour; a section being dragged is drawn where it would land with a
dashed outline. Colours derive from the palette, as the grid's do.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QPen, QPolygonF

from engine.song.sections import Section
from ui.arrangement.geometry import GridGeometry
from ui.arrangement.paint import GridColours
from ui.arrangement.section_geometry import GREY_ROLES, block_rect, section_hue
from ui.i18n import translate

MIN_TEXT_WIDTH_PX = 14
"""Narrower blocks show only their colour and energy."""
PERCENT_GAP_PX = 12
"""Space kept between a block's name and its energy figure."""


@dataclass(frozen=True, slots=True)
class BandScene:
    """What one frame of the band shows, gathered by the widget."""

    sections: Sequence[Section]
    geometry: GridGeometry
    height_px: int
    selected: int | None
    preview: tuple[int, Section] | None
    """(index, how it would look) while a section is dragged, moved, resized or re-levelled."""
    right_px: int
    """Where the grid's cells end: blocks are cut there, as the cells are."""


@dataclass(frozen=True, slots=True)
class BlockColours:
    fill: QColor
    energy: QColor
    edge: QColor
    text: QColor


def block_colours(section: Section, dark: bool) -> BlockColours:
    """A section's tint, energy fill, edge and text colours on a dark or light ground."""
    hue = section_hue(section)
    grey = section.role in GREY_ROLES

    def tint(saturation: int, lightness: int) -> QColor:
        return QColor.fromHsl(hue, 25 if grey else saturation, lightness)

    if dark:
        return BlockColours(tint(60, 50), tint(120, 110), tint(130, 150), QColor(236, 238, 240))
    return BlockColours(tint(150, 222), tint(140, 180), tint(120, 100), QColor(24, 26, 30))


def paint_band(painter: QPainter, palette: QPalette, dirty: QRect, scene: BandScene) -> None:
    """Draw the band inside `dirty`: ground, header, every visible block, the bottom line."""
    colours = GridColours.from_palette(palette)
    g, height = scene.geometry, scene.height_px
    painter.fillRect(dirty, colours.header)
    painter.save()
    painter.setClipRect(
        QRect(g.header_width_px, 0, max(0, scene.right_px - g.header_width_px), height)
    )
    left, right = dirty.left(), dirty.right() + 1
    for index, section in enumerate(scene.sections):
        dragging = scene.preview is not None and scene.preview[0] == index
        box = block_rect(g, section, height)
        if box.x + box.width < left or box.x > right:
            continue
        _paint_block(painter, section, box_f(box), colours, faded=dragging)
        if index == scene.selected and not dragging:
            _outline(painter, box_f(box), colours.highlight, Qt.PenStyle.SolidLine)
    if scene.preview is not None:
        moved = box_f(block_rect(g, scene.preview[1], height))
        _paint_block(painter, scene.preview[1], moved, colours, faded=False)
        _outline(painter, moved, colours.highlight, Qt.PenStyle.DashLine)
    if not scene.sections:
        painter.setPen(colours.faint_text)
        painter.drawText(
            QRect(g.header_width_px + 8, 0, 2000, height),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            translate(
                "SectionBand",
                "Right-click here, or on selected bars, to add a section: intro, verse, chorus…",
            ),
        )
    painter.restore()
    _paint_header(painter, g.header_width_px, height, colours)
    painter.setPen(colours.strong_line)
    painter.drawLine(dirty.left(), height - 1, dirty.right() + 1, height - 1)


def box_f(box: tuple[int, int, int, int]) -> QRectF:
    """A block's box, 1 px in from its bar lines so neighbouring blocks stay apart."""
    x, y, width, height = box
    return QRectF(x + 1.5, y + 0.5, max(1.0, width - 3.0), height - 1.0)


def _paint_block(
    painter: QPainter, section: Section, box: QRectF, grid: GridColours, *, faded: bool
) -> None:
    block = block_colours(section, grid.dark)
    painter.save()
    if faded:
        painter.setOpacity(0.35)
    painter.setPen(QPen(block.edge, 1.0))
    painter.setBrush(block.fill)
    painter.drawRoundedRect(box, 3.0, 3.0)
    level_px = (box.height() - 2.0) * section.level
    energy = QRectF(box.left() + 1.0, box.bottom() - 1.0 - level_px, box.width() - 2.0, level_px)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(block.energy)
    painter.drawRoundedRect(energy, 2.0, 2.0)
    if section.energy is not None and box.width() > 10:  # set by hand: a notch at its level
        tip = QPointF(box.right() - 1.0, energy.top())
        painter.setBrush(block.edge)
        painter.drawPolygon(
            QPolygonF(
                [tip, QPointF(tip.x() - 5, tip.y() - 3.5), QPointF(tip.x() - 5, tip.y() + 3.5)]
            )
        )
    if box.width() >= MIN_TEXT_WIDTH_PX:
        _paint_text(painter, section, box.adjusted(5.0, 0.0, -8.0, 0.0), block.text)
    painter.restore()


def _paint_text(painter: QPainter, section: Section, area: QRectF, colour: QColor) -> None:
    """The name (bold, elided to fit) and, where there is room after it, the energy in percent
    at the right, so a drag or a typed level shows its number."""
    font = QFont(painter.font())
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 0.9)
    painter.setFont(font)
    metrics = painter.fontMetrics()
    percent = f"{round(section.level * 100)}%"
    percent_px = metrics.horizontalAdvance(percent)
    name_px = metrics.horizontalAdvance(section.name)
    show_percent = area.width() >= name_px + percent_px + PERCENT_GAP_PX
    name_area = area.adjusted(
        0.0, 0.0, -(percent_px + PERCENT_GAP_PX) if show_percent else 0.0, 0.0
    )
    name = metrics.elidedText(
        section.name, Qt.TextElideMode.ElideRight, max(0, int(name_area.width()))
    )
    middle_left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    painter.setPen(colour)
    painter.drawText(name_area, middle_left, name)
    if show_percent:
        font.setBold(False)
        painter.setFont(font)
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(area, right, percent)


def _outline(painter: QPainter, box: QRectF, colour: QColor, style: Qt.PenStyle) -> None:
    painter.save()
    painter.setPen(QPen(colour, 2.0, style))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRoundedRect(box.adjusted(-0.5, -0.5, 0.5, 0.5), 3.0, 3.0)
    painter.restore()


def _paint_header(painter: QPainter, width: int, height: int, colours: GridColours) -> None:
    """The band's corner over the track headers: its name, faint, and the column's edge."""
    painter.fillRect(QRect(0, 0, width, height), colours.header)
    painter.setPen(colours.faint_text)
    painter.drawText(
        QRect(10, 0, width - 14, height),
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        translate("SectionBand", "Form"),
    )
    painter.setPen(colours.strong_line)
    painter.drawLine(width - 1, 0, width - 1, height)
