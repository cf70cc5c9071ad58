"""What the piano roll draws: its colours (taken from the widget palette) and its scene items.

`RollScene` turns one track's notes over a bar range into QGraphicsItems: pitch rows, locked
bar shading, bar/beat/step lines, ghost notes of the other tracks and the notes themselves.
It holds no editing logic; the widget tells it which notes are selected or being dragged.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPalette, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QWidget,
)

from engine.song.song import Note, Song
from ui.piano_roll.geometry import RollGeometry, grid_lines, is_black_key
from ui.piano_roll.names import note_hover_text
from ui.theme import note_colour

KIND_ROLE = 0
"""QGraphicsItem data key holding what an item is: 'bar-line', 'note', 'ghost', 'locked', ..."""

_Z_ROWS, _Z_LOCKED, _Z_LINES, _Z_GHOSTS, _Z_NOTES, _Z_SELECTED, _Z_OVERLAY = range(7)


def mix(first: QColor, second: QColor, amount: float) -> QColor:
    """The colour `amount` (0-1) of the way from `first` to `second`."""
    return QColor.fromRgbF(
        first.redF() + (second.redF() - first.redF()) * amount,
        first.greenF() + (second.greenF() - first.greenF()) * amount,
        first.blueF() + (second.blueF() - first.blueF()) * amount,
    )


@dataclass(frozen=True)
class RollColours:
    """Every colour the roll uses, derived from a palette so it follows light and dark themes."""

    background: QColor
    black_row: QColor
    octave_line: QColor
    bar_line: QColor
    beat_line: QColor
    step_line: QColor
    locked: QColor
    note_low: QColor
    note_high: QColor
    note_border: QColor
    selected_border: QColor
    ghost: QColor
    text: QColor
    light_key: QColor
    dark_key: QColor

    @classmethod
    def from_palette(cls, palette: QPalette) -> RollColours:
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        dark_theme = base.lightnessF() < text.lightnessF()
        light, dark = (text, base) if dark_theme else (base, text)
        if dark_theme:  # white keys as bright as the text would glare beside a dark grid
            light = mix(light, dark, 0.15)
        ghost = QColor(text)
        ghost.setAlphaF(0.18)
        locked = mix(base, text, 0.5)
        locked.setAlphaF(0.16)
        return cls(
            background=base,
            black_row=mix(base, text, 0.07),
            octave_line=mix(base, text, 0.22),
            bar_line=mix(base, text, 0.62),
            beat_line=mix(base, text, 0.3),
            step_line=mix(base, text, 0.14),
            locked=locked,
            note_low=mix(base, highlight, 0.3),
            note_high=highlight.lighter(125) if dark_theme else highlight,
            note_border=mix(highlight, dark, 0.55),
            selected_border=text,
            ghost=ghost,
            text=text,
            light_key=mix(light, dark, 0.08 if dark_theme else 0.04),
            dark_key=mix(dark, light, 0.12),
        )

    def note_fill(self, velocity: int) -> QColor:
        """Quiet notes fade toward the background, loud ones take the full highlight colour."""
        return note_colour(velocity, self.background, self.note_high)


def _cosmetic_pen(colour: QColor, width: float = 1.0) -> QPen:
    pen = QPen(colour, width)
    pen.setCosmetic(True)
    return pen


class RollScene(QGraphicsScene):
    """The scene of one track over a bar range; rebuilt by `rebuild`, restyled by `restyle`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.note_items: dict[Note, QGraphicsRectItem] = {}
        self._overlays: dict[str, QGraphicsRectItem] = {}
        self._colours = RollColours.from_palette(QPalette())
        self._geometry = RollGeometry(0, 1)

    def rebuild(
        self,
        song: Song,
        track_index: int,
        bars: tuple[int, int],
        geometry: RollGeometry,
        *,
        snap_ticks: int,
        show_ghosts: bool,
        colours: RollColours,
    ) -> None:
        """Replace every item with a fresh picture of the cells (notes start unselected)."""
        self.clear()
        self.note_items.clear()
        self._overlays.clear()
        self._colours, self._geometry = colours, geometry
        self.setSceneRect(QRectF(0, 0, geometry.width_px, geometry.height_px))
        self.setBackgroundBrush(colours.background)
        self._add_rows(song.tracks[track_index].is_drum)
        self._add_locks(song, track_index, bars)
        lines = grid_lines(song, bars, snap_ticks)
        for kind, ticks, colour in (
            ("step-line", lines.step_ticks, colours.step_line),
            ("beat-line", lines.beat_ticks, colours.beat_line),
            ("bar-line", lines.bar_ticks, colours.bar_line),
        ):
            for tick in ticks:
                x = geometry.tick_to_x(tick)
                line = self.addLine(x, 0, x, geometry.height_px, _cosmetic_pen(colour))
                self._tag(line, kind, _Z_LINES)
        first, end = geometry.first_tick, geometry.end_tick
        if show_ghosts:
            for index, track in enumerate(song.tracks):
                if index != track_index:
                    for note in track.notes:
                        if first <= note.start_tick < end:
                            self._add_ghost(note)
        track = song.tracks[track_index]
        for note in track.notes:
            if first <= note.start_tick < end:
                item = self.addRect(QRectF(*geometry.note_rect(note)))
                self._tag(item, "note", _Z_NOTES)
                item.setToolTip(note_hover_text(note, track.is_drum))
                self.note_items[note] = item
        self.restyle(set(), {})

    def _tag(self, item: QGraphicsItem, kind: str, z_value: int) -> None:
        item.setData(KIND_ROLE, kind)
        item.setZValue(z_value)

    def _add_rows(self, is_drum: bool) -> None:
        """Shade the black keys' rows (every other lane on a drum track) and rule off each
        octave, or each drum lane, so the eye can follow a row across the bars."""
        geometry, colours = self._geometry, self._colours
        for index, pitch in enumerate(geometry.row_pitches):
            top = geometry.pitch_to_y(pitch)
            if (index % 2 == 1) if is_drum else is_black_key(pitch):
                row = self.addRect(
                    QRectF(0, top, geometry.width_px, geometry.key_height_px),
                    Qt.PenStyle.NoPen,
                    colours.black_row,
                )
                self._tag(row, "black-row", _Z_ROWS)
            # Under each drum lane; under each C (the octave) and F (between two white keys).
            if is_drum or pitch % 12 in (0, 5):
                bottom = top + geometry.key_height_px
                colour = colours.octave_line if is_drum or pitch % 12 == 0 else colours.step_line
                line = self.addLine(0, bottom, geometry.width_px, bottom, _cosmetic_pen(colour))
                self._tag(line, "row-line", _Z_ROWS)

    def _add_locks(self, song: Song, track_index: int, bars: tuple[int, int]) -> None:
        locked = song.tracks[track_index].locked_bars
        brush = QBrush(self._colours.locked)
        hatch = QBrush(self._colours.locked, Qt.BrushStyle.BDiagPattern)
        for bar in range(bars[0], bars[1] + 1):
            if bar in locked:
                start, end = song.bar_span(bar)
                left, right = self._geometry.tick_to_x(start), self._geometry.tick_to_x(end)
                for fill in (brush, hatch):
                    shade = self.addRect(
                        QRectF(left, 0, right - left, self._geometry.height_px),
                        Qt.PenStyle.NoPen,
                        fill,
                    )
                    self._tag(shade, "locked", _Z_LOCKED)

    def _add_ghost(self, note: Note) -> None:
        """A faint note with a fainter outline, so repeated notes stay apart."""
        outline = QColor(self._colours.ghost)
        outline.setAlphaF(min(1.0, outline.alphaF() * 2))
        ghost = self.addRect(
            QRectF(*self._geometry.note_rect(note)), _cosmetic_pen(outline), self._colours.ghost
        )
        self._tag(ghost, "ghost", _Z_GHOSTS)

    def restyle(self, selection: set[Note], preview: Mapping[Note, Note]) -> None:
        """Place and colour the notes: selected ones outlined on top, dragged ones moved."""
        colours = self._colours
        for note, item in self.note_items.items():
            shown = preview.get(note, note)
            item.setRect(QRectF(*self._geometry.note_rect(shown)))
            item.setBrush(colours.note_fill(shown.velocity))
            if note in selection:
                item.setPen(_cosmetic_pen(colours.selected_border, 2))
                item.setZValue(_Z_SELECTED)
            else:
                item.setPen(_cosmetic_pen(colours.note_border))
                item.setZValue(_Z_NOTES)

    def set_overlay(self, name: str, rect: QRectF | None, dashed: bool = False) -> None:
        """Show (or with None, hide) a named rectangle on top: the rubber band, a drawn note."""
        item = self._overlays.get(name)
        if rect is None:
            if item is not None:
                item.setVisible(False)
            return
        if item is None:
            colour = self._colours.selected_border
            pen = _cosmetic_pen(colour)
            if dashed:
                pen.setStyle(Qt.PenStyle.DashLine)
            fill = QColor(colour)
            fill.setAlphaF(0.08)
            item = self.addRect(rect, pen, fill)
            self._tag(item, name, _Z_OVERLAY)
            self._overlays[name] = item
        item.setRect(rect)
        item.setVisible(True)

    def line_xs(self, kind: str) -> list[float]:
        """Scene x of every vertical line of `kind` ('bar-line', 'beat-line', 'step-line')."""
        return sorted(
            item.line().x1() for item in self._tagged(kind) if isinstance(item, QGraphicsLineItem)
        )

    def count(self, kind: str) -> int:
        return sum(1 for _ in self._tagged(kind))

    def _tagged(self, kind: str) -> Iterable[QGraphicsItem]:
        return (item for item in self.items() if item.data(KIND_ROLE) == kind)
