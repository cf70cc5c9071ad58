"""Qt input for the piano roll: mouse, wheel and keys on the note view, turned into calls.

`RollInput` is an event filter on the note view and its viewport. Mouse events become scene
points for `NoteGestures`; keys and the wheel become the piano roll's edit and zoom methods.
It decides nothing about notes itself.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QGraphicsView

from engine.song.song import Note
from ui.piano_roll.geometry import RollGeometry, Zone
from ui.piano_roll.gestures import NoteGestures, Tool


class EditableRoll(Protocol):
    """What the input needs of the piano roll (`ui.piano_roll.view.PianoRoll` is one): its note
    view, its gestures and the edits keys and the wheel call. Described here, so the input
    module does not import the widget that installs it."""

    view: QGraphicsView
    gestures: NoteGestures

    @property
    def tool(self) -> Tool: ...
    @property
    def roll_geometry(self) -> RollGeometry: ...
    def notes_in_z_order(self) -> list[Note]: ...
    def zoom(self) -> tuple[float, float]: ...
    def zoom_about(
        self, pixels_per_quarter: float, key_height_px: float, anchor: QPointF
    ) -> None: ...
    def select(self, notes: set[Note]) -> None: ...
    def select_all(self) -> None: ...
    def delete_selected(self) -> None: ...
    def nudge_selected(self, steps: int, semitones: int) -> None: ...
    def hover_note(self, note: Note | None) -> None: ...


WHEEL_ZOOM_STEP = 1.25
"""Ctrl+wheel multiplies the time zoom by this much per notch (120 units of angle delta)."""

_ARROWS = {
    Qt.Key.Key_Up: (0, 1),
    Qt.Key.Key_Down: (0, -1),
    Qt.Key.Key_Left: (-1, 0),
    Qt.Key.Key_Right: (1, 0),
}
_DELETE_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
_ADDITIVE = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


class RollInput(QObject):
    """Installed on the roll's view (keys) and viewport (mouse, wheel)."""

    def __init__(self, roll: EditableRoll, parent: QObject) -> None:
        super().__init__(parent)
        self._roll = roll
        # Kept here so that filtering compares wrappers and calls nothing on widgets that may
        # already be half destroyed when the roll closes.
        self._view, self._viewport = roll.view, roll.view.viewport()
        self._view.installEventFilter(self)
        self._viewport.installEventFilter(self)
        self._viewport.setMouseTracking(True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self._view and isinstance(event, QKeyEvent):
            return self._key(event)
        if watched is self._viewport:
            if event.type() == QEvent.Type.Leave:
                self._roll.hover_note(None)
                return False
            if isinstance(event, QWheelEvent):
                return self._wheel(event)
            if isinstance(event, QMouseEvent):
                return self._mouse(event)
        return False

    def _mouse(self, event: QMouseEvent) -> bool:
        roll, gestures = self._roll, self._roll.gestures
        point = roll.view.mapToScene(event.position().toPoint())
        kind, left = event.type(), event.button() == Qt.MouseButton.LeftButton
        if kind == QEvent.Type.MouseButtonPress and left:
            roll.view.setFocus(Qt.FocusReason.MouseFocusReason)
            gestures.press(point.x(), point.y(), additive=bool(event.modifiers() & _ADDITIVE))
        elif kind == QEvent.Type.MouseButtonDblClick and left:
            gestures.double_click(point.x(), point.y())
        elif kind == QEvent.Type.MouseMove:
            gestures.move(point.x(), point.y())
            self._update_cursor(point)
        elif kind == QEvent.Type.MouseButtonRelease and left:
            gestures.release(point.x(), point.y())
        else:
            return False
        return True

    def _update_cursor(self, point: QPointF) -> None:
        """Show what a press would do here, and name the note under the mouse."""
        roll = self._roll
        if roll.gestures.active:
            return
        hit = roll.roll_geometry.hit_test(roll.notes_in_z_order(), point.x(), point.y())
        roll.hover_note(hit.note if hit else None)
        if hit is not None:
            right_edge = hit.zone is Zone.RIGHT_EDGE
            shape = Qt.CursorShape.SizeHorCursor if right_edge else Qt.CursorShape.SizeAllCursor
        elif roll.tool is Tool.DRAW:
            shape = Qt.CursorShape.CrossCursor
        else:
            shape = Qt.CursorShape.ArrowCursor
        roll.view.viewport().setCursor(shape)

    def _wheel(self, event: QWheelEvent) -> bool:
        delta = event.angleDelta().y() or event.angleDelta().x()
        modifiers = event.modifiers()
        if modifiers & Qt.KeyboardModifier.ControlModifier:
            pixels_per_quarter, key_height_px = self._roll.zoom()
            factor = WHEEL_ZOOM_STEP ** (delta / 120)
            self._roll.zoom_about(pixels_per_quarter * factor, key_height_px, event.position())
            return True
        if modifiers & Qt.KeyboardModifier.ShiftModifier:
            scroll_bar = self._roll.view.horizontalScrollBar()
            scroll_bar.setValue(scroll_bar.value() - delta)
            return True
        return False

    def _key(self, event: QKeyEvent) -> bool:
        roll, key = self._roll, event.key()
        control = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        handled = key in _DELETE_KEYS or key in _ARROWS or key == Qt.Key.Key_Escape
        handled = handled or (control and key == Qt.Key.Key_A)
        if event.type() == QEvent.Type.ShortcutOverride:
            if handled:  # these keys edit notes here, even if the window has shortcuts on them
                event.accept()
            return handled
        if event.type() != QEvent.Type.KeyPress or not handled:
            return False
        if key in _DELETE_KEYS:
            roll.delete_selected()
        elif key == Qt.Key.Key_Escape:
            roll.gestures.cancel()
            roll.select(set())
        elif key == Qt.Key.Key_A:
            roll.select_all()
        else:
            steps, semitones = _ARROWS[Qt.Key(key)]
            roll.nudge_selected(steps, semitones * (12 if shift else 1))
        return True
