"""The arrangement grid: tracks x bars, the view a composer selects cells in.

`ArrangementGrid` paints a Song as rows of tracks and columns of bars: a fixed header column
with each track's name and instrument, a fixed bar ruler with numbers and meter changes, and
one cell per (track, bar) with a miniature of its notes. Locked cells are tinted, hatched and
carry a padlock; selected cells are washed in the highlight colour with one outline around
each block; the keyboard focus cell has a dashed outline; the cells the last operation changed
(`set_changed_cells`) carry a magenta wash and a folded top-left corner until the song changes
again. Only the visible cells are painted, so a 16 x 200 song scrolls as fast as a
small one.

The grid never changes the Song. It reports what the composer picks (`selection_changed`),
opens (`cell_activated`) and right-clicks (`context_menu_requested`); the main window acts.

Mouse: click a cell, drag a rectangle, Shift+click extends from the anchor, Ctrl+click toggles;
click a track header or bar number for a whole row or column (Shift extends, Ctrl toggles);
the corner selects everything; double-click opens a cell; right-click asks for a menu.
Keys: arrows move the focus cell (Shift extends), Home/End jump to the first/last bar,
Ctrl+A selects all, Escape clears, Enter opens the focus cell, the Menu key asks for a menu.
Wheel: Ctrl zooms the bar width around the mouse, Shift scrolls through time.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import QEvent, QPoint, QRect, Qt, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QToolTip, QWidget

from engine.song.song import Cell, Song
from ui.arrangement.geometry import (
    DEFAULT_BAR_WIDTH_PX,
    GridGeometry,
    Hit,
    HitKind,
    RulerLabel,
    clamp_bar_width,
    ruler_labels,
    scroll_to_follow,
    scroll_to_reveal,
    tick_to_content_x,
    track_pitch_range,
)
from ui.arrangement.render import GridScene, MiniatureCache, paint_grid
from ui.arrangement.selection import CellSelection, drag_to, press, select_for_menu
from ui.i18n import translate

WHEEL_ZOOM_STEP = 1.25
"""Ctrl+wheel multiplies the bar width by this much per notch."""

_ARROWS = {
    Qt.Key.Key_Up: (-1, 0),
    Qt.Key.Key_Down: (1, 0),
    Qt.Key.Key_Left: (0, -1),
    Qt.Key.Key_Right: (0, 1),
}
_JUMPS = {Qt.Key.Key_Home: -1, Qt.Key.Key_End: 1}
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class ArrangementGrid(QAbstractScrollArea):
    """A tracks x bars view of a Song with DAW-style cell selection."""

    selection_changed = Signal(object)
    """The selected cells, a sorted list of (track, bar), whenever the selection changes."""
    cell_activated = Signal(int, int)
    """(track, bar) of a cell double-clicked or opened with Enter."""
    context_menu_requested = Signal(object, QPoint)
    """(cells, global position) on a right-click or the Menu key."""
    mute_toggled = Signal(int)
    """A track header's Mute button was clicked (the track index)."""
    solo_toggled = Signal(int)
    """A track header's Solo button was clicked (the track index)."""
    view_changed = Signal()
    """The bars moved on screen (a scroll, zoom, resize or new song): views lined up with the
    grid's columns, such as the section band, draw again."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._song: Song | None = None
        self._pitch_ranges: list[tuple[int, int]] = []
        self._labels: list[RulerLabel] = []
        self._selection = CellSelection()
        self._bar_width_px = DEFAULT_BAR_WIDTH_PX
        self._playhead_tick: int | None = None
        self._badges: dict[Cell, str] = {}
        self._changed: frozenset[Cell] = frozenset()
        self._drag: HitKind | None = None
        self._miniatures = MiniatureCache()
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(320, 120)
        self.viewport().setAutoFillBackground(False)

    # Public API ------------------------------------------------------------------------------

    def show_song(self, song: Song) -> None:
        """Show this Song; the selection keeps the cells that still exist, the scroll stays."""
        before = self._selection.cells()
        self._song = song
        self._pitch_ranges = [track_pitch_range(track.notes) for track in song.tracks]
        self._labels = ruler_labels(song)
        self._selection.resize(len(song.tracks), song.bar_count)
        self._update_scrollbars()
        self.viewport().update()
        self.view_changed.emit()
        self._emit_if_changed(before)

    def song(self) -> Song | None:
        return self._song

    def selection(self) -> list[Cell]:
        """The selected cells as sorted (track, bar) pairs, 0-based."""
        return self._selection.cells()

    def set_selection(self, cells: Iterable[Cell]) -> None:
        """Select exactly these cells (cells outside the song are ignored)."""
        before = self._selection.cells()
        self._selection.replace(cells)
        self.viewport().update()
        self._emit_if_changed(before)

    def focus_cell(self) -> Cell | None:
        """The keyboard cursor's cell, or None before anything was picked."""
        return self._selection.focus

    def set_playhead_tick(self, tick: int | None) -> None:
        """Draw the playhead at `tick` (None hides it), scrolling to keep it in view."""
        old_x = self.playhead_x()
        self._playhead_tick = tick
        new_x = self.playhead_x()
        if new_x is not None and self.isVisible():  # a hidden grid has no real width yet
            bar = self.horizontalScrollBar()
            geometry = self.grid_geometry()
            content_x = new_x - geometry.header_width_px + bar.value()
            bar.setValue(scroll_to_follow(content_x, bar.value(), self._cells_width_px()))
            new_x = self.playhead_x()
        for x in (old_x, new_x):  # repaint just the strips under the old and new line
            if x is not None:
                self.viewport().update(QRect(int(x) - 7, 0, 15, self.viewport().height()))

    def playhead_tick(self) -> int | None:
        return self._playhead_tick

    def playhead_x(self) -> float | None:
        """The playhead's x in viewport pixels, or None when there is no playhead or song."""
        if self._playhead_tick is None or self._song is None:
            return None
        geometry = self.grid_geometry()
        x = tick_to_content_x(self._song.bar_start_ticks, self._playhead_tick, self._bar_width_px)
        return geometry.content_x_to_viewport_x(x)

    def set_cell_badges(self, badges: Mapping[Cell, str]) -> None:
        """Show a small label (e.g. '!') in the corner of each of these cells; {} clears them."""
        self._badges = dict(badges)
        self.viewport().update()

    def cell_badges(self) -> dict[Cell, str]:
        return dict(self._badges)

    def set_changed_cells(self, cells: Iterable[Cell]) -> None:
        """Mark these cells as changed by the last operation; () clears the marks."""
        changed = frozenset(cells)
        if changed != self._changed:
            self._changed = changed
            self.viewport().update()

    def changed_cells(self) -> list[Cell]:
        """The cells marked as changed, sorted (track, bar)."""
        return sorted(self._changed)

    def set_zoom(self, bar_width_px: int) -> None:
        """Make every bar this many pixels wide (clamped), keeping the left bar in view."""
        self._zoom_about(bar_width_px, self.grid_geometry().header_width_px)

    def zoom(self) -> int:
        """The current bar width in pixels."""
        return self._bar_width_px

    def grid_geometry(self) -> GridGeometry:
        """Where everything is drawn right now (zoom and scroll included)."""
        song = self._song
        return GridGeometry(
            track_count=len(song.tracks) if song else 0,
            bar_count=song.bar_count if song else 0,
            bar_width_px=self._bar_width_px,
            scroll_x_px=self.horizontalScrollBar().value(),
            scroll_y_px=self.verticalScrollBar().value(),
        )

    # Scrolling -------------------------------------------------------------------------------

    def _cells_width_px(self) -> int:
        return max(1, self.viewport().width() - self.grid_geometry().header_width_px)

    def _cells_height_px(self) -> int:
        return max(1, self.viewport().height() - self.grid_geometry().ruler_height_px)

    def _update_scrollbars(self) -> None:
        geometry = self.grid_geometry()
        width, height = self._cells_width_px(), self._cells_height_px()
        horizontal, vertical = self.horizontalScrollBar(), self.verticalScrollBar()
        horizontal.setRange(0, max(0, geometry.content_width_px - width))
        horizontal.setPageStep(width)
        horizontal.setSingleStep(max(1, self._bar_width_px // 4))
        vertical.setRange(0, max(0, geometry.content_height_px - height))
        vertical.setPageStep(height)
        vertical.setSingleStep(max(1, geometry.row_height_px // 2))

    def _zoom_about(self, bar_width_px: int, viewport_x: float) -> None:
        """Zoom so the moment under `viewport_x` stays under it."""
        new_width = clamp_bar_width(bar_width_px)
        offset_px = max(0.0, viewport_x - self.grid_geometry().header_width_px)
        scroll = self.horizontalScrollBar()
        bars_from_start = (scroll.value() + offset_px) / self._bar_width_px
        self._bar_width_px = new_width
        self._update_scrollbars()
        scroll.setValue(round(bars_from_start * new_width - offset_px))
        self.viewport().update()
        self.view_changed.emit()

    def _reveal(self, cell: Cell) -> None:
        geometry = self.grid_geometry()
        track, bar = cell
        horizontal, vertical = self.horizontalScrollBar(), self.verticalScrollBar()
        horizontal.setValue(
            scroll_to_reveal(bar * geometry.bar_width_px, geometry.bar_width_px,
                             horizontal.value(), self._cells_width_px())
        )  # fmt: skip
        vertical.setValue(
            scroll_to_reveal(track * geometry.row_height_px, geometry.row_height_px,
                             vertical.value(), self._cells_height_px())
        )  # fmt: skip

    def scrollContentsBy(self, dx: int, dy: int) -> None:  # noqa: N802 (Qt override)
        self.viewport().update()
        if dx:
            self.view_changed.emit()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._update_scrollbars()
        self.view_changed.emit()

    # Painting --------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        scene = GridScene(
            song=self._song,
            geometry=self.grid_geometry(),
            pitch_ranges=self._pitch_ranges,
            labels=self._labels,
            selection=self._selection,
            badges=self._badges,
            playhead_x=self.playhead_x(),
            miniatures=self._miniatures,
            changed=self._changed,
        )
        painter = QPainter(self.viewport())
        try:
            paint_grid(painter, self.palette(), event.rect(), scene)
        finally:
            painter.end()

    # Mouse -----------------------------------------------------------------------------------

    def _hit(self, pos: QPoint) -> Hit:
        return self.grid_geometry().hit_test(pos.x(), pos.y())

    def _emit_if_changed(self, before: list[Cell]) -> None:
        after = self._selection.cells()
        if after != before:
            self.selection_changed.emit(after)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        pos = event.position().toPoint()
        hit = self._hit(pos)
        before = self._selection.cells()
        if event.button() == Qt.MouseButton.RightButton:
            if select_for_menu(self._selection, hit):
                self.viewport().update()
                self._emit_if_changed(before)
                global_pos = self.viewport().mapToGlobal(pos)
                self.context_menu_requested.emit(self._selection.cells(), global_pos)
            return
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        if hit.kind in (HitKind.MUTE_BUTTON, HitKind.SOLO_BUTTON) and hit.track is not None:
            toggled = self.mute_toggled if hit.kind is HitKind.MUTE_BUTTON else self.solo_toggled
            toggled.emit(hit.track)
            return
        modifiers = event.modifiers()
        self._drag = press(
            self._selection,
            hit,
            bool(modifiers & Qt.KeyboardModifier.ShiftModifier),
            bool(modifiers & Qt.KeyboardModifier.ControlModifier),
        )
        self.viewport().update()
        self._emit_if_changed(before)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        if self._drag is None or not event.buttons() & Qt.MouseButton.LeftButton:
            return
        pos = event.position().toPoint()
        self._scroll_towards(pos)
        geometry = self.grid_geometry()
        track, bar = geometry.nearest_track(pos.y()), geometry.nearest_bar(pos.x())
        before = self._selection.cells()
        drag_to(self._selection, self._drag, (track, bar))
        self.viewport().update()
        self._emit_if_changed(before)

    def _scroll_towards(self, pos: QPoint) -> None:
        """While dragging past an edge of the cells, scroll that way a little."""
        geometry = self.grid_geometry()
        horizontal, vertical = self.horizontalScrollBar(), self.verticalScrollBar()
        if pos.x() > self.viewport().width():
            horizontal.setValue(horizontal.value() + self._bar_width_px // 2)
        elif pos.x() < geometry.header_width_px and self._drag is not HitKind.TRACK_HEADER:
            horizontal.setValue(horizontal.value() - self._bar_width_px // 2)
        if pos.y() > self.viewport().height():
            vertical.setValue(vertical.value() + geometry.row_height_px // 2)
        elif pos.y() < geometry.ruler_height_px and self._drag is not HitKind.BAR_RULER:
            vertical.setValue(vertical.value() - geometry.row_height_px // 2)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        self._drag = None

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        hit = self._hit(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and hit.cell is not None:
            self.cell_activated.emit(*hit.cell)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 (Qt override)
        """The Menu key asks for a menu at the focus cell; mouse menus start in mousePressEvent."""
        focus = self._selection.focus
        if event.reason() != QContextMenuEvent.Reason.Keyboard or focus is None:
            return
        before = self._selection.cells()
        if focus not in self._selection:
            self._selection.click(focus)
            self._emit_if_changed(before)
        rect = self.grid_geometry().cell_rect(*focus)
        anchor = QPoint(rect.x + rect.width // 2, rect.y + rect.height // 2)
        global_pos = self.viewport().mapToGlobal(anchor)
        self.context_menu_requested.emit(self._selection.cells(), global_pos)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt override)
        delta = event.angleDelta().y() or event.angleDelta().x()
        modifiers = event.modifiers()
        if modifiers & Qt.KeyboardModifier.ControlModifier and delta:
            factor = WHEEL_ZOOM_STEP ** (delta / 120)
            self._zoom_about(round(self._bar_width_px * factor), event.position().x())
        elif modifiers & Qt.KeyboardModifier.ShiftModifier and delta:
            scroll = self.horizontalScrollBar()
            scroll.setValue(scroll.value() - delta)
        else:
            super().wheelEvent(event)

    # Keyboard --------------------------------------------------------------------------------

    @staticmethod
    def _is_grid_key(event: QKeyEvent) -> bool:
        key = event.key()
        control = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        return (
            key in _ARROWS
            or key in _JUMPS
            or key in _ENTER_KEYS
            or key == Qt.Key.Key_Escape
            or (control and key == Qt.Key.Key_A)
        )

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride:
            assert isinstance(event, QKeyEvent)
            if self._is_grid_key(event):  # these keys move the grid even if the window binds them
                event.accept()
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if not self._is_grid_key(event):
            super().keyPressEvent(event)
            return
        key = Qt.Key(event.key())
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        selection, before = self._selection, self._selection.cells()
        if key in _ENTER_KEYS:
            if selection.focus is not None:
                self.cell_activated.emit(*selection.focus)
            return
        if key == Qt.Key.Key_Escape:
            selection.clear()
        elif key == Qt.Key.Key_A:
            selection.select_all()
        elif key in _JUMPS:
            selection.move_focus(0, _JUMPS[key] * selection.bar_count, extend=shift)
        else:
            selection.move_focus(*_ARROWS[key], extend=shift)
        if selection.focus is not None and key != Qt.Key.Key_A:
            self._reveal(selection.focus)
        self.viewport().update()
        self._emit_if_changed(before)

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            QToolTip.showText(event.globalPos(), self._tooltip(self._hit(event.pos())), self)
            return True
        return super().viewportEvent(event)

    def _tooltip(self, hit: Hit) -> str:
        song = self._song
        if hit.kind is HitKind.MUTE_BUTTON:
            return translate("ArrangementGrid", "Mute: silence this track")
        if hit.kind is HitKind.SOLO_BUTTON:
            return translate("ArrangementGrid", "Solo: hear only the soloed tracks")
        if song is None or hit.cell is None:
            return ""
        track_index, bar = hit.cell
        track = song.tracks[track_index]
        count = len(song.notes_in_bar(track_index, bar))
        parts = [
            translate("ArrangementGrid", "{0}, bar {1}").format(track.name, bar + 1),
            translate("ArrangementGrid", "%n note(s)", None, count),
        ]
        if bar in track.locked_bars:
            parts.append(translate("ArrangementGrid", "locked"))
        if hit.cell in self._changed:
            parts.append(translate("ArrangementGrid", "changed by the last operation"))
        badge = self._badges.get(hit.cell)
        if badge:
            parts.append(translate("ArrangementGrid", "flag: {0}").format(badge))
        return " · ".join(parts)
