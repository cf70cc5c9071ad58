"""The strips around the piano roll's note view: keyboard, bar ruler and velocity lane.

Each strip paints from a `RollState` (the piano roll) and follows the note view's scrolling:
the keyboard scrolls with it vertically, the ruler and the velocity lane horizontally. The
velocity lane reports drags as signals; the piano roll turns them into one edit per drag.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QHelpEvent, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from engine.song.song import Note
from ui.i18n import translate
from ui.piano_roll.geometry import (
    RollGeometry,
    is_black_key,
    velocity_to_y,
    y_to_velocity,
)
from ui.piano_roll.names import key_labels, row_hover_text
from ui.piano_roll.scene import RollColours

KEYBOARD_WIDTH_PX = 56
DRUM_KEYBOARD_WIDTH_PX = 136
"""Wide enough for the longest GM drum name ('Acoustic Bass Drum') at the strip's font."""
LABEL_HEIGHT_PX = 12
"""An octave's label is at least this tall even when rows are thinner (zoomed out): the next
label is twelve rows away, so it never collides."""
RULER_HEIGHT_PX = 22
VELOCITY_LANE_HEIGHT_PX = 72
_STEM_HEAD_PX = 5


class RollState(Protocol):
    """What the strips need to know about the piano roll they sit beside."""

    @property
    def roll_geometry(self) -> RollGeometry: ...

    def colours(self) -> RollColours: ...

    def scene_origin(self) -> QPointF:
        """The scene point shown at the note view's top-left corner."""
        ...

    def shown_notes(self) -> list[tuple[Note, bool]]:
        """(note as currently drawn, including a drag in progress; is it selected)."""
        ...

    def bar_labels(self) -> list[tuple[int, str]]:
        """(tick, label) for every bar line of the range: '5' or '5  7/8' at a meter change."""
        ...

    def is_drum_track(self) -> bool:
        """True when the shown track is a drum kit, whose rows are drums rather than pitches."""
        ...


class KeyboardStrip(QWidget):
    """Piano keys beside the pitch rows, with a label on every C (middle C is C4); beside a
    drum track, one named lane per drum instead of keys (`labels`). Hovering a row names it
    in a tooltip and through `hovered`."""

    hovered = Signal(str)
    """The name of the row under the mouse ('F#4 (MIDI note 66)')."""

    def __init__(self, state: RollState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self.setFixedWidth(KEYBOARD_WIDTH_PX)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)

    def labels(self) -> dict[int, str]:
        """pitch -> the label its row shows."""
        rows = self._state.roll_geometry.row_pitches
        return key_labels(rows, self._state.is_drum_track())

    def sync_width(self) -> None:
        """Widen the strip for drum names, narrow it again for a pitched track."""
        drums = self._state.is_drum_track()
        self.setFixedWidth(DRUM_KEYBOARD_WIDTH_PX if drums else KEYBOARD_WIDTH_PX)

    def text_at(self, y: float) -> str:
        """The hover text of the row at strip y."""
        pitch = self._state.roll_geometry.y_to_pitch(y + self._state.scene_origin().y())
        return row_hover_text(pitch, self._state.is_drum_track())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        geometry, colours = self._state.roll_geometry, self._state.colours()
        top_offset = self._state.scene_origin().y()
        height = geometry.key_height_px
        drums = self._state.is_drum_track()
        labels = self.labels()
        painter = QPainter(self)
        painter.fillRect(self.rect(), colours.light_key)
        font = painter.font()
        font.setPixelSize(max(8, min(11, int(height) - 2)))
        painter.setFont(font)
        for index, pitch in enumerate(geometry.row_pitches):
            top = geometry.pitch_to_y(pitch) - top_offset
            if top > self.height() + LABEL_HEIGHT_PX or top + height < -LABEL_HEIGHT_PX:
                continue
            row = QRectF(0, top, self.width(), height)
            if drums:  # whole-width lanes, shaded like the note view's, each drum named
                if index % 2 == 1:
                    painter.fillRect(row, colours.black_row)
            elif is_black_key(pitch):
                painter.fillRect(QRectF(0, top, self.width() * 0.62, height), colours.dark_key)
                continue
            painter.setPen(colours.beat_line)
            painter.drawLine(QPointF(0, top + height), QPointF(self.width(), top + height))
            if pitch in labels and (not drums or height >= 8):
                grow = max(0.0, (LABEL_HEIGHT_PX - height) / 2)
                painter.setPen(colours.text if drums else colours.dark_key)
                align = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                painter.drawText(row.adjusted(0, -grow, -4, grow), align, labels[pitch])
        painter.setPen(colours.bar_line)
        painter.drawLine(self.width() - 1, 0, self.width() - 1, self.height())
        painter.end()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        self.hovered.emit(self.text_at(event.position().y()))

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            QToolTip.showText(event.globalPos(), self.text_at(event.pos().y()), self)
            return True
        return super().event(event)


class BarRuler(QWidget):
    """Bar numbers (1-based, as the composer counts) and meters above the note view."""

    def __init__(self, state: RollState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self.setFixedHeight(RULER_HEIGHT_PX)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        geometry, colours = self._state.roll_geometry, self._state.colours()
        left_offset = self._state.scene_origin().x()
        painter = QPainter(self)
        painter.fillRect(self.rect(), colours.black_row)
        for tick, label in self._state.bar_labels():
            x = geometry.tick_to_x(tick) - left_offset
            painter.setPen(colours.bar_line)
            painter.drawLine(QPointF(x, 0), QPointF(x, self.height()))
            painter.setPen(colours.text)
            painter.drawText(
                QRectF(x + 4, 0, 200, self.height()), Qt.AlignmentFlag.AlignVCenter, label
            )
        painter.end()


class VelocityLane(QWidget):
    """One stem per note, as tall as its velocity; drag in the lane to set velocities.

    Signals carry scene x (press only) and the velocity under the mouse; the piano roll picks
    the notes and makes the edit, so the lane holds no Song.
    """

    pressed = Signal(float, int)
    dragged = Signal(int)
    released = Signal()

    def __init__(self, state: RollState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self._dragging = False
        self.setFixedHeight(VELOCITY_LANE_HEIGHT_PX)
        self.setToolTip(
            translate(
                "PianoRoll",
                "Velocity, how hard each note is played: drag a stem up or down "
                "(selected notes move together)",
            )
        )

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(400, VELOCITY_LANE_HEIGHT_PX)

    def velocity_at(self, y: float) -> int:
        return y_to_velocity(y, self.height())

    def stem_top(self, velocity: int) -> float:
        return velocity_to_y(velocity, self.height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        geometry, colours = self._state.roll_geometry, self._state.colours()
        left_offset = self._state.scene_origin().x()
        painter = QPainter(self)
        painter.fillRect(self.rect(), colours.background)
        painter.setPen(colours.octave_line)
        painter.drawLine(0, 0, self.width(), 0)
        bottom = float(self.height())
        # Selected stems last, so they stay visible over a chord's other stems.
        for note, selected in sorted(self._state.shown_notes(), key=lambda pair: pair[1]):
            x = geometry.tick_to_x(note.start_tick) - left_offset
            top = self.stem_top(note.velocity)
            colour = colours.selected_border if selected else colours.note_fill(note.velocity)
            painter.setPen(colour)
            painter.drawLine(QPointF(x, bottom), QPointF(x, top))
            painter.fillRect(
                QRectF(x - _STEM_HEAD_PX / 2, top, _STEM_HEAD_PX, _STEM_HEAD_PX), colour
            )
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        if event.button() != Qt.MouseButton.LeftButton:
            return
        self._dragging = True
        position = event.position()
        self.pressed.emit(
            position.x() + self._state.scene_origin().x(), self.velocity_at(position.y())
        )

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        if self._dragging:
            self.dragged.emit(self.velocity_at(event.position().y()))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        if self._dragging and event.button() == Qt.MouseButton.LeftButton:
            self._dragging = False
            self.dragged.emit(self.velocity_at(event.position().y()))
            self.released.emit()
