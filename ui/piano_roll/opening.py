"""Where the piano roll looks: it opens on the notes and keeps them in view while it settles.

Showing other cells (another track, a new song, a new take in the same cells) scrolls so the
shown notes sit in the middle of the note view, from the bar where they start. A roll shown
before its window has its final size keeps re-centring on each resize until the user scrolls
or zooms, so the notes are not left at an edge by the splitters settling. The roll's own edits
never scroll: the note just drawn or moved is where the user is looking.
"""

from __future__ import annotations

import bisect
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, QRectF, QTimer
from PySide6.QtWidgets import QGraphicsView

from engine.song.song import Note, Song
from ui.piano_roll.geometry import RollGeometry

MIDDLE_C = 60
FIRST_SCREEN_SHARE = 0.75
"""Notes starting within this share of the view's width from the first shown bar are shown
from that bar; notes starting later are shown from their own bar."""


class FocusedRoll(Protocol):
    """What the focus needs of the piano roll (`ui.piano_roll.view.PianoRoll` is one)."""

    view: QGraphicsView

    @property
    def roll_geometry(self) -> RollGeometry: ...
    def current_song(self) -> Song | None: ...
    def notes_in_z_order(self) -> list[Note]: ...


class NoteFocus(QObject):
    """Scrolls the roll's note view to its notes when cells are shown (see the module)."""

    def __init__(self, roll: FocusedRoll, parent: QObject) -> None:
        super().__init__(parent)
        self._roll = roll
        self._view, self._viewport = roll.view, roll.view.viewport()
        self._pending = True  # centre when next shown
        self._following = False  # re-centre on resizes until the user scrolls
        for bar in (self._view.horizontalScrollBar(), self._view.verticalScrollBar()):
            bar.actionTriggered.connect(self.stop_following)  # the user scrolled
        self._viewport.installEventFilter(self)

    def visible_rect(self) -> QRectF:
        """The part of the scene the note view shows now."""
        return self._view.mapToScene(self._viewport.rect()).boundingRect()

    def cells_shown(self, same_cells: bool, own_edit: bool, visible: bool) -> None:
        """Centre after the roll showed cells: other cells, or the same ones with none of
        their notes left in view (a new take, an undo); never after the roll's own edit."""
        self._pending = self._pending or not same_cells
        if not own_edit and visible and not self.notes_in_view():
            self._pending = True
        if self._pending and visible:
            self.centre()

    def shown(self) -> None:
        """The roll became visible: centre if cells were shown while it was hidden."""
        if self._pending and self._roll.current_song() is not None:
            self.centre()

    def notes_in_view(self) -> bool:
        """Whether any shown note is at least partly in view (True for an empty track)."""
        notes, geometry = self._roll.notes_in_z_order(), self._roll.roll_geometry
        visible = self.visible_rect()
        return not notes or any(visible.intersects(QRectF(*geometry.note_rect(n))) for n in notes)

    def centre(self) -> None:
        """Scroll so the notes sit in the middle of the view, from the bar where they start
        (middle C, or the whole drum kit, for an empty track)."""
        self._pending = False
        geometry, song = self._roll.roll_geometry, self._roll.current_song()
        notes = self._roll.notes_in_z_order()
        pitches = [note.pitch for note in notes]
        if not pitches:
            pitches = list(geometry.rows) if geometry.rows is not None else [MIDDLE_C]
        top = geometry.pitch_to_y(max(pitches))
        bottom = geometry.pitch_to_y(min(pitches)) + geometry.key_height_px
        x = 0
        if notes and song is not None:
            first_tick = min(note.start_tick for note in notes)
            if geometry.tick_to_x(first_tick) > self._viewport.width() * FIRST_SCREEN_SHARE:
                starts = song.bar_start_ticks
                x = round(geometry.tick_to_x(starts[bisect.bisect_right(starts, first_tick) - 1]))
        self._view.horizontalScrollBar().setValue(x)
        self._view.verticalScrollBar().setValue(round((top + bottom - self._viewport.height()) / 2))
        self._following = True

    def stop_following(self) -> None:
        """The user scrolled or zoomed: leave the view where they put it."""
        self._following = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self._viewport and event.type() == QEvent.Type.Resize and self._following:
            # Centred once the event loop turns: the view updates its scroll ranges after the
            # viewport has been resized, and a value set before that would be clamped.
            QTimer.singleShot(0, self, self._refollow)
        return False

    def _refollow(self) -> None:
        if self._following and self._roll.current_song() is not None:
            self.centre()
