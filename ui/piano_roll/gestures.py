"""Mouse gestures of the piano roll: press, drag and release in scene coordinates.

`NoteGestures` is a plain class. It turns a press-drag-release into a preview while the mouse
moves and into exactly one edit when the button is released, so one gesture is one undo step.
It knows the editor only through the `Editor` protocol; the widget feeds it scene points.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Protocol

from engine.song.song import Note, Song
from ui.piano_roll.geometry import (
    RollGeometry,
    Zone,
    clamp_move,
    moved,
    nearest_stem,
    resized,
    snap_tick,
    with_velocity,
)

DRAG_THRESHOLD_PX = 3.0
"""A press that moves less than this is a click: it selects but does not move the note."""
STEM_REACH_PX = 8.0


class Tool(Enum):
    SELECT = "select"
    DRAW = "draw"


class Editor(Protocol):
    """What the gestures read from and do to the piano roll."""

    @property
    def roll_geometry(self) -> RollGeometry: ...

    @property
    def snap_ticks(self) -> int: ...

    @property
    def tool(self) -> Tool: ...

    @property
    def last_velocity(self) -> int: ...

    def current_song(self) -> Song | None: ...

    def notes_in_z_order(self) -> list[Note]:
        """The track's shown notes, bottom first (selected ones drawn last)."""
        ...

    def selection(self) -> set[Note]: ...

    def select(self, notes: set[Note]) -> None: ...

    def show_preview(
        self, changes: dict[Note, Note], draft: Note | None, band: tuple[float, ...] | None
    ) -> None:
        """Draw a gesture in progress: notes as they would become, a new note, a band."""
        ...

    def replace(self, old: Sequence[Note], new: Sequence[Note]) -> None:
        """Commit one edit (the editor refuses it if a cell is locked)."""
        ...

    def add(self, note: Note) -> None: ...

    def use_velocity(self, velocity: int) -> None:
        """Make `velocity` the one new notes get (the last one the composer touched)."""
        ...


class Kind(Enum):
    MOVE = "move"
    RESIZE = "resize"
    DRAW = "draw"
    BAND = "band"
    VELOCITY = "velocity"


@dataclass
class _Gesture:
    kind: Kind
    press_x: float
    press_y: float
    anchor: Note | None = None
    originals: tuple[Note, ...] = ()
    changed: tuple[Note, ...] = ()
    draft: Note | None = None
    base_selection: set[Note] = field(default_factory=set)
    started: bool = False


class NoteGestures:
    """One gesture at a time; `press` starts it, `move` previews it, `release` commits it."""

    def __init__(self, editor: Editor) -> None:
        self._editor = editor
        self._gesture: _Gesture | None = None

    @property
    def active(self) -> bool:
        return self._gesture is not None

    def cancel(self) -> None:
        self._gesture = None
        self._editor.show_preview({}, None, None)

    def press(self, x: float, y: float, additive: bool) -> None:
        """Left button down at scene (x, y); `additive` is Ctrl or Shift (extend the selection)."""
        editor = self._editor
        song = editor.current_song()
        if song is None:
            return
        geometry = editor.roll_geometry
        hit = geometry.hit_test(editor.notes_in_z_order(), x, y)
        if hit is not None:
            selection = editor.selection()
            if additive:
                editor.select(selection ^ {hit.note})
                return
            if hit.note not in selection:
                editor.select({hit.note})
            editor.use_velocity(hit.note.velocity)
            kind = Kind.RESIZE if hit.zone is Zone.RIGHT_EDGE else Kind.MOVE
            originals = tuple(sorted(editor.selection()))
            self._gesture = _Gesture(kind, x, y, anchor=hit.note, originals=originals)
        elif editor.tool is Tool.DRAW:
            draft = self._new_note(song, x, y)
            editor.select(set())
            self._gesture = _Gesture(Kind.DRAW, x, y, draft=draft, started=True)
            editor.show_preview({}, draft, None)
        else:
            base = set(editor.selection()) if additive else set()
            editor.select(base)
            self._gesture = _Gesture(Kind.BAND, x, y, base_selection=base)

    def double_click(self, x: float, y: float) -> None:
        """Add a note where the select tool double-clicks empty space."""
        editor = self._editor
        song = editor.current_song()
        self._gesture = None
        if song is None or editor.roll_geometry.hit_test(editor.notes_in_z_order(), x, y):
            return
        editor.add(self._new_note(song, x, y))

    def _new_note(self, song: Song, x: float, y: float) -> Note:
        """A note in the grid cell under (x, y): one snap step long, at the last velocity."""
        editor = self._editor
        geometry = editor.roll_geometry
        tick = min(max(geometry.x_to_tick(x), geometry.first_tick), geometry.end_tick - 1)
        start = snap_tick(tick, song.bar_start_ticks, editor.snap_ticks, nearest=False)
        duration = min(editor.snap_ticks, song.end_tick - start)
        return Note(start, geometry.y_to_pitch(y), duration, editor.last_velocity)

    def move(self, x: float, y: float) -> None:
        gesture, editor, song = self._gesture, self._editor, self._editor.current_song()
        if gesture is None or song is None or gesture.kind is Kind.VELOCITY:
            return
        geometry = editor.roll_geometry
        if not gesture.started:
            distance = max(abs(x - gesture.press_x), abs(y - gesture.press_y))
            gesture.started = distance >= DRAG_THRESHOLD_PX
            if not gesture.started:
                return
        raw_ticks = geometry.x_to_ticks(x - gesture.press_x)
        snap = editor.snap_ticks
        if gesture.kind is Kind.BAND:
            band = (gesture.press_x, gesture.press_y, x, y)
            found = geometry.notes_in_rect(editor.notes_in_z_order(), *band)
            editor.select(gesture.base_selection | set(found))
            editor.show_preview({}, None, band)
            return
        if gesture.kind is Kind.DRAW and gesture.draft is not None:
            draft = gesture.draft
            end = snap_tick(geometry.x_to_tick(x), song.bar_start_ticks, snap, nearest=True)
            end = min(max(end, draft.start_tick + min(snap, draft.duration_ticks)), song.end_tick)
            gesture.draft = Note(
                draft.start_tick, draft.pitch, end - draft.start_tick, draft.velocity
            )
            editor.show_preview({}, gesture.draft, None)
            return
        anchor = gesture.anchor
        assert anchor is not None, "move and resize gestures start on a note"
        if gesture.kind is Kind.MOVE:
            target = snap_tick(
                anchor.start_tick + raw_ticks, song.bar_start_ticks, snap, nearest=True
            )
            delta_pitch = geometry.y_to_pitch(y) - geometry.y_to_pitch(gesture.press_y)
            delta_ticks, delta_pitch = clamp_move(
                gesture.originals,
                target - anchor.start_tick,
                delta_pitch,
                geometry,
                song.end_tick,
            )
            gesture.changed = moved(gesture.originals, delta_ticks, delta_pitch)
        else:
            target = snap_tick(
                anchor.end_tick + raw_ticks, song.bar_start_ticks, snap, nearest=True
            )
            delta = target - anchor.end_tick
            gesture.changed = resized(gesture.originals, delta, snap, song.end_tick)
        editor.show_preview(dict(zip(gesture.originals, gesture.changed, strict=True)), None, None)

    def release(self, x: float, y: float) -> None:
        """Finish the gesture: at most one edit, whatever happened while dragging."""
        self.move(x, y)
        gesture, self._gesture = self._gesture, None
        if gesture is None:
            return
        self._editor.show_preview({}, None, None)
        if gesture.kind is Kind.DRAW and gesture.draft is not None:
            self._editor.add(gesture.draft)
        elif gesture.changed and gesture.changed != gesture.originals:  # a click changes nothing
            self._editor.replace(gesture.originals, gesture.changed)

    # The velocity lane ----------------------------------------------------------------

    def velocity_press(self, x: float, velocity: int) -> None:
        """Start a velocity drag on the stem nearest scene x (all selected notes if it is one)."""
        editor = self._editor
        stem = nearest_stem(editor.notes_in_z_order(), editor.roll_geometry, x, STEM_REACH_PX)
        if stem is None:
            return
        if stem not in editor.selection():
            editor.select({stem})
        originals = tuple(sorted(editor.selection()))
        self._gesture = _Gesture(Kind.VELOCITY, x, 0.0, anchor=stem, originals=originals)
        self._gesture.started = True
        self.velocity_drag(velocity)

    def velocity_drag(self, velocity: int) -> None:
        gesture = self._gesture
        if gesture is None or gesture.kind is not Kind.VELOCITY:
            return
        gesture.changed = with_velocity(gesture.originals, velocity)
        self._editor.show_preview(
            dict(zip(gesture.originals, gesture.changed, strict=True)), None, None
        )

    def velocity_release(self) -> None:
        gesture = self._gesture
        if gesture is not None and gesture.kind is Kind.VELOCITY:
            if gesture.changed:
                self._editor.use_velocity(gesture.changed[0].velocity)
            self.release(gesture.press_x, gesture.press_y)
