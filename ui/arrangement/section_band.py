"""The section band: the song's form as coloured blocks above the grid, edited in place.

It lines up with the grid's columns (`follow` shares its zoom and scroll), as a DAW's arranger
track does. Every change is one undoable edit, sent as `song_edited(song, label)`; a change the
engine refuses sends its message on `message` and leaves the song alone.

Mouse: click a block to select it (and, through `section_clicked`, its bars in the grid); drag
it to move it; drag its left or right edge to resize it (snapped to bars, stopped by its
neighbours and the grid's ends); Ctrl+drag up or down inside it to draw its energy; double-click
to rename it in place; right-click for its menu, or on an empty stretch to add a section.
Keys (while the band has focus): Delete or Backspace deletes the selected section, F2 or Enter
renames it, Left and Right step through the sections, Escape drops a drag or the selection, the
Menu key opens its menu. The wheel is the grid's: Ctrl zooms, Shift scrolls through time.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QRect, Qt, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QFocusEvent,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QLineEdit, QToolTip, QVBoxLayout, QWidget

from engine.errors import TesseraError
from engine.song.sections import Section
from engine.song.song import Song
from ui.arrangement import form_edits
from ui.arrangement.form_edits import Edit
from ui.arrangement.geometry import GridGeometry
from ui.arrangement.section_geometry import (
    BAND_HEIGHT_PX,
    BandHit,
    BandPart,
    band_hit,
    band_tooltip,
    bars_moved,
    block_rect,
    content_x,
    dragged,
    energy_after_drag,
)
from ui.arrangement.section_paint import BandScene, paint_band
from ui.arrangement.view import ArrangementGrid
from ui.engine_words import engine_text
from ui.i18n import translate

_DELETE_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
_RENAME_KEYS = (Qt.Key.Key_F2, Qt.Key.Key_Return, Qt.Key.Key_Enter)
_STEP_KEYS = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1}
_BAND_KEYS = (*_DELETE_KEYS, *_RENAME_KEYS, *_STEP_KEYS, Qt.Key.Key_Escape)


@dataclass
class _Drag:
    """A gesture under way on one section: what was grabbed, from where, and where it is now."""

    index: int
    part: BandPart
    energy: bool
    start_content_x: float
    """Where the press was, from the first bar's left edge (scrolling leaves it in place)."""
    start_y: float
    preview: Section | None = None


class _NameEditor(QLineEdit):
    """The inline rename box; Escape gives up the new name."""

    cancelled = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.key() == Qt.Key.Key_Escape:
            self.cancelled.emit()
            return
        super().keyPressEvent(event)


class SectionBand(QWidget):
    """The song's sections drawn over the grid's bars, moved, resized, renamed and levelled."""

    song_edited = Signal(object, str)
    """(new Song, undo label) for every change to the form."""
    message = Signal(str)
    """Why a change was refused, for the status line."""
    section_clicked = Signal(int)
    """A section was clicked (its index): the window selects its bars."""
    menu_requested = Signal(object, int, QPoint)
    """(section index or None for an empty stretch, bar under the mouse, global position)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._song: Song | None = None
        self._grid: ArrangementGrid | None = None
        self._selected: int | None = None
        self._drag: _Drag | None = None
        self._editor: _NameEditor | None = None
        self.setFixedHeight(BAND_HEIGHT_PX)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setAccessibleName(translate("SectionBand", "Song form"))

    # Public API ------------------------------------------------------------------------------

    def follow(self, grid: ArrangementGrid) -> None:
        """Line the band up with this grid's columns, now and whenever they move."""
        self._grid = grid
        grid.view_changed.connect(self.update)

    def show_song(self, song: Song) -> None:
        """Show this Song's form; a drag or rename under way is dropped, the selection kept."""
        self._song = song
        self._drag = None
        if self._selected is not None and self._selected >= len(song.sections):
            self._selected = None
        self._close_editor()
        self.update()

    def song(self) -> Song | None:
        return self._song

    def sections(self) -> tuple[Section, ...]:
        return self._song.sections if self._song is not None else ()

    def selected(self) -> int | None:
        """The selected section's index, or None."""
        return self._selected

    def select(self, index: int | None) -> None:
        """Select a section (None: none) without touching the grid's selection."""
        self._selected = index if index is None or 0 <= index < len(self.sections()) else None
        self.update()

    def band_geometry(self) -> GridGeometry:
        """The grid's geometry in the band's own x: the grid's zoom and scroll, shifted by where
        the grid's cells start relative to the band (its frame)."""
        song = self._song
        grid = self._grid
        if grid is None:
            return GridGeometry(track_count=0, bar_count=song.bar_count if song else 0)
        geometry = grid.grid_geometry()
        offset = grid.viewport().mapToGlobal(QPoint(0, 0)).x() - self.mapToGlobal(QPoint(0, 0)).x()
        return dataclasses.replace(geometry, header_width_px=geometry.header_width_px + offset)

    def cells_right_px(self) -> int:
        """The band x where the grid's cells end (its vertical scroll bar lies beyond)."""
        grid = self._grid
        if grid is None:
            return self.width()
        viewport = grid.viewport()
        return (
            viewport.mapToGlobal(QPoint(viewport.width(), 0)).x()
            - self.mapToGlobal(QPoint(0, 0)).x()
        )

    def hit(self, x: float) -> BandHit:
        """What band x falls on: a section's body or edge, an empty bar, or the header."""
        return band_hit(self.band_geometry(), self.sections(), x)

    def block_centre(self, index: int) -> QPoint:
        """The middle of a section's block in band pixels (where its menu or editor opens)."""
        box = block_rect(self.band_geometry(), self.sections()[index], self.height())
        return QPoint(box.x + box.width // 2, box.y + box.height // 2)

    def is_renaming(self) -> bool:
        return self._editor is not None

    def name_editor(self) -> QLineEdit | None:
        """The inline rename box while a section is being renamed."""
        return self._editor

    # Edits -----------------------------------------------------------------------------------

    def apply(self, make: Callable[[Song], Edit]) -> bool:
        """Make an edit of the shown song and send it; a refused one sends its message. True
        when a change was sent."""
        if self._song is None:
            return False
        try:
            edit = make(self._song)
        except TesseraError as err:
            self.message.emit(engine_text(err))
            return False
        if edit is None:
            return False
        self.song_edited.emit(*edit)
        return True

    def rename(self, index: int) -> None:
        """Open the inline editor over section `index`, its name selected."""
        self._close_editor()
        section = self.sections()[index]
        g = self.band_geometry()
        box = block_rect(g, section, self.height())
        left = max(box.x, g.header_width_px)
        right = min(box.x + box.width, self.width())
        width = max(120, right - left)
        editor = _NameEditor(section.name, self)
        editor.setGeometry(QRect(min(left, max(0, self.width() - width)), 0, width, self.height()))
        editor.selectAll()
        editor.editingFinished.connect(lambda: self._finish_rename(index))
        editor.cancelled.connect(self._close_editor)
        self._editor = editor
        editor.show()
        editor.setFocus()

    def _finish_rename(self, index: int) -> None:
        editor = self._editor
        if editor is None:
            return
        text = editor.text()
        self._close_editor()
        self.apply(lambda song: form_edits.rename(song, index, text))

    def _close_editor(self) -> None:
        editor, self._editor = self._editor, None
        if editor is not None:
            editor.hide()
            editor.deleteLater()
            self.setFocus()

    # Painting --------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        drag = self._drag
        preview = (drag.index, drag.preview) if drag and drag.preview else None
        scene = BandScene(
            sections=self.sections(),
            geometry=self.band_geometry(),
            height_px=self.height(),
            selected=self._selected,
            preview=preview,
            right_px=self.cells_right_px(),
        )
        painter = QPainter(self)
        try:
            paint_band(painter, self.palette(), event.rect(), scene)
        finally:
            painter.end()

    # Mouse -----------------------------------------------------------------------------------

    def _choose(self, index: int) -> None:
        """Select a section here and, through the window, its bars in the grid."""
        self.select(index)
        self.section_clicked.emit(index)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        pos = event.position()
        hit = self.hit(pos.x())
        if event.button() == Qt.MouseButton.RightButton:
            if hit.index is not None:
                self._choose(hit.index)
            elif hit.bar is None:
                return
            self.menu_requested.emit(hit.index, hit.bar or 0, self.mapToGlobal(pos.toPoint()))
            return
        if event.button() != Qt.MouseButton.LeftButton:
            return
        if hit.index is None:
            self.select(None)
            return
        self._choose(hit.index)
        energy = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        start = content_x(self.band_geometry(), pos.x())
        self._drag = _Drag(hit.index, hit.part, energy, start, pos.y())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        pos = event.position()
        drag = self._drag
        if drag is None or self._song is None:
            self._show_cursor(self.hit(pos.x()), event.modifiers())
            return
        sections = self._song.sections
        section = sections[drag.index]
        if drag.energy:
            level = energy_after_drag(section.level, drag.start_y, pos.y())
            drag.preview = dataclasses.replace(section, energy=level)
        else:
            self._scroll_towards(pos.x())
            moved = bars_moved(self.band_geometry(), drag.start_content_x, pos.x())
            first, bars = dragged(sections, drag.index, drag.part, moved, self._song.bar_count)
            drag.preview = dataclasses.replace(section, first_bar=first, bars=bars)
        self.update()

    def _scroll_towards(self, x: float) -> None:
        """While a section is dragged past either end of the visible bars, scroll that way."""
        if self._grid is None:
            return
        scroll = self._grid.horizontalScrollBar()
        step = max(1, self._grid.zoom() // 2)
        if x > self.cells_right_px():
            scroll.setValue(scroll.value() + step)
        elif x < self.band_geometry().header_width_px:
            scroll.setValue(scroll.value() - step)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        drag, self._drag = self._drag, None
        if drag is None or drag.preview is None:
            return
        self.update()
        preview, index = drag.preview, drag.index
        if drag.energy:
            if preview.level == self.sections()[index].level:
                return  # dragged back to where it was: a default level stays the default
            self.apply(lambda song: form_edits.set_energy(song, index, preview.energy))
        else:
            self.apply(lambda song: form_edits.place(song, index, preview.first_bar, preview.bars))

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        hit = self.hit(event.position().x())
        if event.button() == Qt.MouseButton.LeftButton and hit.index is not None:
            self._drag = None
            self.rename(hit.index)

    def _show_cursor(self, hit: BandHit, modifiers: Qt.KeyboardModifier) -> None:
        if hit.part in (BandPart.LEFT_EDGE, BandPart.RIGHT_EDGE):
            self.setCursor(Qt.CursorShape.SizeHorCursor)
        elif hit.part is BandPart.BODY and modifiers & Qt.KeyboardModifier.ControlModifier:
            self.setCursor(Qt.CursorShape.SizeVerCursor)
        elif hit.part is BandPart.BODY:
            self.setCursor(Qt.CursorShape.OpenHandCursor)
        else:
            self.unsetCursor()

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt override)
        """The grid's wheel: zoom and scroll through time from the band as from the grid."""
        if self._grid is not None:
            self._grid.wheelEvent(event)

    # Keyboard --------------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride:
            assert isinstance(event, QKeyEvent)
            if event.key() in _BAND_KEYS and self._editor is None:
                event.accept()  # Delete deletes the section, not the window's selected notes
                return True
        if event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            QToolTip.showText(event.globalPos(), self.tooltip(event.pos().x()), self)
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        key, index = event.key(), self._selected
        if key == Qt.Key.Key_Escape:
            self._drag = None
            self.select(None)
        elif key in _STEP_KEYS and self.sections():
            step = _STEP_KEYS[Qt.Key(key)]
            start = index if index is not None else (-1 if step > 0 else len(self.sections()))
            self._choose(max(0, min(len(self.sections()) - 1, start + step)))
        elif index is None:
            super().keyPressEvent(event)
        elif key in _DELETE_KEYS:
            self.apply(lambda song: form_edits.delete(song, index))
        elif key in _RENAME_KEYS:
            self.rename(index)
        else:
            super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 (Qt override)
        """The Menu key opens the selected section's menu; mouse menus start on the press."""
        if event.reason() != QContextMenuEvent.Reason.Keyboard or self._selected is None:
            return
        index = self._selected
        where = self.mapToGlobal(self.block_centre(index))
        self.menu_requested.emit(index, self.sections()[index].first_bar, where)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt override)
        self._drag = None
        self.update()
        super().focusOutEvent(event)

    # Tooltip ---------------------------------------------------------------------------------

    def tooltip(self, x: float) -> str:
        """What the band says about the point x: the section there, or how to add one."""
        return band_tooltip(self.sections(), self.hit(x))


def band_over(band: SectionBand, grid: ArrangementGrid) -> QWidget:
    """The band stacked right over the grid, following its columns: the arrangement's area."""
    area = QWidget()
    layout = QVBoxLayout(area)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(band)
    layout.addWidget(grid, 1)
    band.follow(grid)
    return area
