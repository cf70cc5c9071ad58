"""The piano roll: edit one track's notes over a range of bars with the mouse and keyboard.

`PianoRoll` shows cells of a Song and never changes the Song it was given. Each finished
gesture computes a new Song with the pure edits of `engine.song.edits` and emits it once through
`song_edited`; the owner pushes it on the undo stack and calls `show_cells` again, which keeps
the zoom, the scroll position and the selection. An edit that would touch a locked cell is
refused by the engine and reported through `message`.

Mouse: click a note to select it (Ctrl/Shift toggles), drag its body to move it, drag its
right edge to resize it, drag on empty space for a rubber band, double-click empty space (or
click with the draw tool) to add a note; drag stems in the velocity lane to set velocities.
Keys: Delete/Backspace, Ctrl+A, Escape, arrows (Shift+Up/Down: an octave), V/D pick the tool.
Wheel: Ctrl zooms time around the mouse, Shift scrolls time, plain scrolls pitch.

The roll opens on the notes (`opening.NoteFocus`). A drum track's rows are drum lanes
(`names.drum_lanes`) rather than 128 piano keys. Hovering a note or a key names it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QPainter, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsView,
    QGridLayout,
    QLabel,
    QWidget,
)

from engine.errors import TesseraError
from engine.song.edits import add_notes, remove_notes, replace_notes
from engine.song.song import PPQ, Note, Song, check_int
from ui.engine_words import engine_text
from ui.i18n import translate
from ui.piano_roll.geometry import (
    DEFAULT_SNAP_TICKS,
    RollGeometry,
    bar_labels,
    clamp_move,
    moved,
    to_other_lanes,
)
from ui.piano_roll.gestures import NoteGestures, Tool
from ui.piano_roll.lanes import BarRuler, KeyboardStrip, VelocityLane
from ui.piano_roll.mouse_keys import RollInput
from ui.piano_roll.names import note_hover_text, track_rows
from ui.piano_roll.opening import NoteFocus
from ui.piano_roll.scene import RollColours, RollScene
from ui.piano_roll.toolbar import RollToolbar

DEFAULT_VELOCITY = 90


class PianoRoll(QWidget):
    """A DAW-style note editor for one track over an inclusive, 0-based bar range."""

    song_edited = Signal(object)
    """The new Song after one finished edit (one undo step)."""
    message = Signal(str)
    """A sentence for the status bar: why an edit was refused."""
    hovered = Signal(str)
    """What is under the mouse: a note ('F#4, velocity 90, length 1/8') or a key's name;
    an empty text when the mouse leaves a note."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._song: Song | None = None
        self._track_index = 0
        self._bars = (0, 0)
        self._geometry = RollGeometry(0, 1)
        self._snap_ticks = DEFAULT_SNAP_TICKS
        self._selection: set[Note] = set()
        self._preview: dict[Note, Note] = {}
        self._ghosts_visible = True
        self._tool = Tool.SELECT
        self._last_velocity = DEFAULT_VELOCITY
        self._emitting_edit = False
        self._all_drums = False
        self._hovered_note: Note | None = None
        self._colours = RollColours.from_palette(self.palette())
        self.gestures = NoteGestures(self)

        self.roll_scene = RollScene(self)
        self.view = QGraphicsView(self.roll_scene, self)
        self.view.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        # No frame: the viewport's edges line up with the keyboard, ruler and velocity lane.
        self.view.setFrameShape(QFrame.Shape.NoFrame)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.keyboard = KeyboardStrip(self, self)
        self.ruler = BarRuler(self, self)
        self.velocity_lane = VelocityLane(self, self)
        self._toolbar = RollToolbar(self)
        self._toolbar.tool_chosen.connect(self.set_tool)
        self._toolbar.snap_chosen.connect(self._set_snap)
        self._toolbar.ghosts_toggled.connect(self.set_ghosts_visible)
        self._toolbar.all_drums_toggled.connect(self.set_all_drums)
        self._sync_toolbar()
        self._layout_widgets()

        self._input = RollInput(self, self)
        self._focus = NoteFocus(self, self)
        self.view.horizontalScrollBar().valueChanged.connect(self._strips_changed)
        self.view.verticalScrollBar().valueChanged.connect(self._strips_changed)
        self.velocity_lane.pressed.connect(self.gestures.velocity_press)
        self.velocity_lane.dragged.connect(self.gestures.velocity_drag)
        self.velocity_lane.released.connect(self.gestures.velocity_release)
        self.keyboard.hovered.connect(self.hovered)

    def _layout_widgets(self) -> None:
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(0)
        grid.addWidget(self._toolbar, 0, 0, 1, 2)
        grid.addWidget(self.ruler, 1, 1)
        grid.addWidget(self.keyboard, 2, 0)
        grid.addWidget(self.view, 2, 1)
        velocity_label = QLabel(translate("PianoRoll", "Velocity"), self)
        velocity_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        grid.addWidget(velocity_label, 3, 0)  # as wide as the keyboard strip above it
        grid.addWidget(self.velocity_lane, 3, 1)
        grid.setRowStretch(2, 1)
        grid.setColumnStretch(1, 1)

    # The public API ---------------------------------------------------------------------

    def show_cells(self, song: Song, track_index: int, bars: tuple[int, int]) -> None:
        """Show `song`'s track `track_index` over bars `bars` (0-based, inclusive).

        Showing the same track and range again (after an edit, undo or redo) keeps the zoom,
        the scroll position and the selected notes that still exist, unless none of the notes
        is left in view; other cells keep the zoom and scroll to their notes. Raises SongError
        for a track or bar the song lacks.
        """
        if not song.tracks:
            raise TesseraError("the song has no tracks: add a track before editing notes")
        check_int("track index", track_index, 0, len(song.tracks) - 1)
        check_int("first bar", bars[0], 0, song.bar_count - 1)
        check_int("last bar", bars[1], bars[0], song.bar_count - 1)
        first_tick, end_tick = song.bar_start_ticks[bars[0]], song.bar_start_ticks[bars[1] + 1]
        same_cells = (
            self._song is not None
            and track_index == self._track_index
            and first_tick == self._geometry.first_tick
        )
        scroll = self._scroll() if same_cells else (0, self.view.verticalScrollBar().value())
        self.gestures.cancel()
        self._song, self._track_index, self._bars = song, track_index, bars
        self._geometry = RollGeometry(
            first_tick,
            end_tick,
            self._geometry.pixels_per_quarter,
            self._geometry.key_height_px,
            self._rows(),
        )
        self._selection &= set(self._track_notes()) if same_cells else set()
        self._preview = {}
        self._hovered_note = None
        self._toolbar.show_title(song.tracks[track_index].name, track_index, bars)
        self.keyboard.sync_width()
        self._sync_toolbar()
        self._render(scroll)
        self._focus.cells_shown(same_cells, self._emitting_edit, self.isVisible())

    def selected_notes(self) -> list[Note]:
        return sorted(note for note in self._track_notes() if note in self._selection)

    @property
    def snap_ticks(self) -> int:
        """The grid new notes, drags and arrow keys snap to (ticks; default a sixteenth)."""
        return self._snap_ticks

    @snap_ticks.setter
    def snap_ticks(self, ticks: int) -> None:
        self._set_snap(check_int("snap ticks", ticks, 1, 64 * PPQ))

    def set_zoom(self, pixels_per_quarter: float, key_height_px: float) -> None:
        """Zoom time (pixels per quarter note) and pitch (pixels per semitone row)."""
        centre = self.view.viewport().rect().center()
        self.zoom_about(pixels_per_quarter, key_height_px, QPointF(centre))

    def zoom_about(self, pixels_per_quarter: float, key_height_px: float, anchor: QPointF) -> None:
        """Zoom keeping the tick and pitch under `anchor` (viewport pixels) where they are."""
        self._focus.stop_following()
        before = self.view.mapToScene(anchor.toPoint())
        old = self._geometry
        self._geometry = old.zoomed(pixels_per_quarter, key_height_px)
        x = before.x() * self._geometry.pixels_per_tick / old.pixels_per_tick
        y = before.y() * self._geometry.key_height_px / old.key_height_px
        self._render((round(x - anchor.x()), round(y - anchor.y())))

    def zoom(self) -> tuple[float, float]:
        return self._geometry.pixels_per_quarter, self._geometry.key_height_px

    @property
    def tool(self) -> Tool:
        return self._tool

    def set_tool(self, tool: Tool) -> None:
        self._tool = tool
        self._sync_toolbar()

    def set_all_drums(self, show_all: bool) -> None:
        """On a drum track, show a lane for every General MIDI drum (or only the common kit
        and the drums in use)."""
        if show_all != self._all_drums:
            self._all_drums = show_all
            self._sync_toolbar()
            self._geometry = dataclasses.replace(self._geometry, rows=self._rows())
            self._render(self._scroll())
            self._focus.centre()

    def all_drums(self) -> bool:
        return self._all_drums

    def visible_scene_rect(self) -> QRectF:
        """The part of the scene the note view shows now."""
        return self._focus.visible_rect()

    def set_ghosts_visible(self, visible: bool) -> None:
        """Show or hide the other tracks' notes in the same bars (faint, not editable)."""
        if visible != self._ghosts_visible:
            self._ghosts_visible = visible
            self._sync_toolbar()
            self._render(self._scroll())

    def ghosts_visible(self) -> bool:
        return self._ghosts_visible

    @property
    def roll_geometry(self) -> RollGeometry:
        """Where ticks and pitches are drawn in scene coordinates (tests aim clicks with it)."""
        return self._geometry

    # The Editor protocol (used by NoteGestures) ----------------------------------------

    @property
    def last_velocity(self) -> int:
        return self._last_velocity

    def use_velocity(self, velocity: int) -> None:
        self._last_velocity = check_int("velocity", velocity, 1, 127)

    def current_song(self) -> Song | None:
        return self._song

    def notes_in_z_order(self) -> list[Note]:
        return sorted(self._track_notes(), key=lambda note: note in self._selection)

    def selection(self) -> set[Note]:
        return set(self._selection)

    def select(self, notes: set[Note]) -> None:
        self._selection = set(notes)
        self._restyle()

    def show_preview(
        self, changes: dict[Note, Note], draft: Note | None, band: tuple[float, ...] | None
    ) -> None:
        self._preview = changes
        self.roll_scene.set_overlay("draft", self._rect(draft) if draft else None)
        band_rect = QRectF(QPointF(*band[:2]), QPointF(*band[2:])).normalized() if band else None
        self.roll_scene.set_overlay("band", band_rect, dashed=True)
        self._restyle()

    def replace(self, old: Sequence[Note], new: Sequence[Note]) -> None:
        self._edit(lambda song: replace_notes(song, self._track_index, old, new), new)

    def add(self, note: Note) -> None:
        self._edit(lambda song: add_notes(song, self._track_index, [note]), [note])

    # Keyboard edits ---------------------------------------------------------------------

    def select_all(self) -> None:
        self.select(set(self._track_notes()))

    def delete_selected(self) -> None:
        doomed = self.selected_notes()
        if doomed:
            self._edit(lambda song: remove_notes(song, self._track_index, doomed), [])

    def nudge_selected(self, steps: int, semitones: int) -> None:
        """Move the selected notes by whole snap steps and semitones (on a drum track, by one
        lane), as far as they can go."""
        notes, song = self.selected_notes(), self._song
        if not notes or song is None:
            return
        geometry = self._geometry
        lanes = geometry.rows is not None  # a drum track: Up and Down go to the next drum
        delta = clamp_move(
            notes, steps * self._snap_ticks, 0 if lanes else semitones, geometry, song.end_tick
        )
        changed = moved(notes, *delta)
        if geometry.rows is not None and semitones:
            changed = to_other_lanes(changed, geometry.rows, 1 if semitones > 0 else -1)
        if changed != tuple(notes):
            self.replace(notes, changed)

    # Internals --------------------------------------------------------------------------

    def _edit(self, make: Callable[[Song], Song], selection_after: Sequence[Note]) -> None:
        """Compute one edit; emit the new Song, or the reason it was refused."""
        song = self._song
        if song is None:
            return
        try:
            edited = make(song)
        except TesseraError as err:  # a locked cell (LockedCellError) or an impossible note
            self.message.emit(engine_text(err))
            return
        self._selection = set(selection_after)
        self._preview = {}
        self._emitting_edit = True
        try:
            self.song_edited.emit(edited)
        finally:
            self._emitting_edit = False
        if self._song is song:  # nobody showed the new Song: keep showing the one we have
            self._restyle()

    def _track_notes(self) -> list[Note]:
        if self._song is None:
            return []
        first, end = self._geometry.first_tick, self._geometry.end_tick
        notes = self._song.tracks[self._track_index].notes
        return [note for note in notes if first <= note.start_tick < end]

    def _set_snap(self, ticks: int) -> None:
        self._snap_ticks = ticks
        self._sync_toolbar()
        self._render(self._scroll())

    def _sync_toolbar(self) -> None:
        self._toolbar.sync(
            self._tool,
            self._snap_ticks,
            self._ghosts_visible,
            self.is_drum_track(),
            self._all_drums,
        )

    def _rows(self) -> tuple[int, ...] | None:
        song = self._song
        return None if song is None else track_rows(song.tracks[self._track_index], self._all_drums)

    def _scroll(self) -> tuple[int, int]:
        return self.view.horizontalScrollBar().value(), self.view.verticalScrollBar().value()

    def _render(self, scroll: tuple[int, int]) -> None:
        song = self._song
        if song is not None:
            self.roll_scene.rebuild(
                song,
                self._track_index,
                self._bars,
                self._geometry,
                snap_ticks=self._snap_ticks,
                show_ghosts=self._ghosts_visible,
                colours=self._colours,
            )
            self.view.setSceneRect(self.roll_scene.sceneRect())
            self._restyle()
        self.view.horizontalScrollBar().setValue(scroll[0])
        self.view.verticalScrollBar().setValue(scroll[1])
        self._strips_changed()

    def _restyle(self) -> None:
        self.roll_scene.restyle(self._selection, self._preview)
        self.velocity_lane.update()

    def _strips_changed(self) -> None:
        for strip in (self.keyboard, self.ruler, self.velocity_lane):
            strip.update()

    def _rect(self, note: Note) -> QRectF:
        return QRectF(*self._geometry.note_rect(note))

    def hover_note(self, note: Note | None) -> None:
        """Name the note under the mouse (through `hovered`); an empty text when it leaves."""
        if note == self._hovered_note:
            return
        self._hovered_note = note
        self.hovered.emit(note_hover_text(note, self.is_drum_track()) if note else "")

    # The RollState protocol (used by the keyboard, ruler and velocity lane) ------------

    def colours(self) -> RollColours:
        return self._colours

    def scene_origin(self) -> QPointF:
        return self.view.mapToScene(QPoint(0, 0))

    def shown_notes(self) -> list[tuple[Note, bool]]:
        return [
            (self._preview.get(note, note), note in self._selection) for note in self._track_notes()
        ]

    def is_drum_track(self) -> bool:
        return self._song is not None and self._song.tracks[self._track_index].is_drum

    def bar_labels(self) -> list[tuple[int, str]]:
        if self._song is None:
            return []
        locked = self._song.tracks[self._track_index].locked_bars
        return bar_labels(self._song, self._bars, locked, translate("PianoRoll", "locked"))

    # Qt events --------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self._focus.shown()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._colours = RollColours.from_palette(self.palette())
            self._render(self._scroll())
