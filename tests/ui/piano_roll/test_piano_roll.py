"""The piano roll: its geometry maths, then the real widget driven by mouse, keys and wheel.

Widget tests play the main window's part: every emitted Song is recorded and shown again, as
the undo stack would. Points are aimed with the roll's own geometry, so a wrong mapping from
ticks to pixels fails the geometry tests and the gesture tests alike.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QPalette, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from engine.song.song import PPQ, Note, Song, SongError, TimeSignatureChange, Track
from ui.piano_roll.geometry import (
    Hit,
    RollGeometry,
    Zone,
    bar_labels,
    clamp_move,
    grid_lines,
    resized,
    snap_tick,
    velocity_to_y,
    y_to_velocity,
)
from ui.piano_roll.gestures import Tool
from ui.piano_roll.view import DEFAULT_VELOCITY, PianoRoll

BAR = 4 * PPQ
SIXTEENTH = PPQ // 4
LOCKED_MESSAGE = "bar 2 of track 1 ('Lead') is locked: unlock it to edit its notes"
SHORT = Note(0, 60, 240, 80)
LONG = Note(2 * PPQ, 64, PPQ, 100)
BASS = Note(0, 62, BAR, 70)


def _song(locked: frozenset[int] = frozenset(), *extra: Note) -> Song:
    lead = Track("Lead", notes=(SHORT, LONG, *extra), locked_bars=locked)
    return Song(bar_count=4, tracks=(lead, Track("Bass", 33, notes=(BASS,))))


def _waltz_then_seven_eight() -> Song:
    meters = (TimeSignatureChange(0, 3, 4), TimeSignatureChange(2 * 3 * PPQ, 7, 8))
    return Song(bar_count=4, tracks=(Track("Lead"),), time_signatures=meters)


# Geometry ---------------------------------------------------------------------------------


def test_ticks_and_pitches_map_to_pixels_and_back() -> None:
    geometry = RollGeometry(
        first_tick=BAR, end_tick=3 * BAR, pixels_per_quarter=96, key_height_px=12
    )
    assert geometry.tick_to_x(BAR) == 0
    assert geometry.tick_to_x(BAR + PPQ) == 96
    assert geometry.width_px == 8 * 96
    assert geometry.x_to_tick(96) == BAR + PPQ
    assert geometry.x_to_tick(95.9) == BAR + PPQ - 1
    assert geometry.pitch_to_y(127) == 0
    assert geometry.pitch_to_y(60) == 67 * 12
    assert geometry.y_to_pitch(67 * 12 + 11.9) == 60
    assert geometry.y_to_pitch(-5) == 127
    assert geometry.y_to_pitch(10_000) == 0
    assert geometry.zoomed(1e6, 0.1).pixels_per_quarter == 1200
    assert geometry.zoomed(1e6, 0.1).key_height_px == 4


def test_snapping_restarts_at_every_bar_line() -> None:
    starts = (0, 3 * PPQ, 3 * PPQ + 7 * PPQ // 2)  # a 3/4 bar, then a 7/8 bar (1440-3120)
    assert snap_tick(1500, starts, PPQ, nearest=False) == 3 * PPQ
    assert snap_tick(1919, starts, PPQ, nearest=False) == 3 * PPQ
    assert snap_tick(1920, starts, PPQ, nearest=False) == 4 * PPQ
    # The 7/8 bar ends half way through a quarter: its end is a grid point of its own.
    assert snap_tick(2950, starts, PPQ, nearest=True) == 6 * PPQ
    assert snap_tick(3050, starts, PPQ, nearest=True) == starts[2]
    assert snap_tick(1440 + 240, starts, PPQ, nearest=True) == 1440 + PPQ  # ties round up
    assert snap_tick(2000, starts, PPQ, nearest=True) == 4 * PPQ
    assert snap_tick(3 * PPQ + 170, starts, PPQ // 3, nearest=False) == 3 * PPQ + 160
    assert snap_tick(-40, starts, SIXTEENTH, nearest=True) == 0


def test_hits_tell_a_note_body_from_its_right_edge() -> None:
    geometry = RollGeometry(0, BAR, pixels_per_quarter=96, key_height_px=12)
    note = Note(PPQ, 60, PPQ, 90)  # x 96-192
    row = geometry.pitch_to_y(60) + 6
    assert geometry.hit_test([note], 100, row) == _hit(note, Zone.BODY)
    assert geometry.hit_test([note], 190, row) == _hit(note, Zone.RIGHT_EDGE)
    assert geometry.hit_test([note], 192, row) is None
    assert geometry.hit_test([note], 100, row + 12) is None
    tiny = Note(0, 60, 40, 90)  # 8 px wide: the grip shrinks to a third so a body remains
    assert geometry.hit_test([tiny], 4, row) == _hit(tiny, Zone.BODY)
    assert geometry.hit_test([tiny], 6, row) == _hit(tiny, Zone.RIGHT_EDGE)
    under, over = Note(PPQ, 60, 2 * PPQ, 90), note
    assert geometry.hit_test([under, over], 120, row) == _hit(over, Zone.BODY)
    assert geometry.notes_in_rect([under, tiny], 200, row, 300, row + 1) == [under]


def _hit(note: Note, zone: Zone) -> Hit:
    return Hit(note, zone)


def test_grid_lines_follow_each_bars_meter() -> None:
    lines = grid_lines(_waltz_then_seven_eight(), (0, 3), PPQ // 2)
    assert lines.bar_ticks == (0, 1440, 2880, 4560, 6240)  # 7/8 is 7 eighths: 1680 ticks
    assert lines.beat_ticks == (
        *(480, 960, 1920, 2400),  # quarters in 3/4
        *range(3120, 4560, 240),  # eighths in 7/8
        *range(4800, 6240, 240),
    )
    assert lines.step_ticks == (240, 720, 1200, 1680, 2160, 2640)  # eighths only inside 3/4 bars
    labels = bar_labels(_waltz_then_seven_eight(), (1, 3), frozenset({3}))
    assert labels == [(1440, "2  3/4"), (2880, "3  7/8"), (4560, "4  locked")]


def test_moves_are_clamped_to_the_range_and_the_song() -> None:
    geometry = RollGeometry(BAR, 2 * BAR)
    notes = [Note(BAR, 2, 240, 90), Note(BAR + 960, 126, 240, 90)]
    assert clamp_move(notes, -1, -5, geometry, song_end_tick=2 * BAR) == (0, -2)
    assert clamp_move(notes, 5000, 5, geometry, song_end_tick=2 * BAR) == (720, 1)
    assert clamp_move(notes, 5000, 0, geometry, song_end_tick=BAR + 1300) == (100, 0)


def test_resizing_keeps_a_note_at_least_one_step_long() -> None:
    notes = [Note(0, 60, 480, 90), Note(0, 62, 40, 90)]
    assert [n.duration_ticks for n in resized(notes, -1000, 120, 10_000)] == [120, 40]
    assert [n.duration_ticks for n in resized(notes, 240, 120, 600)] == [600, 280]


def test_velocity_lane_pixels_map_to_every_velocity_and_clamp() -> None:
    assert all(y_to_velocity(velocity_to_y(v, 72), 72) == v for v in range(1, 128))
    assert y_to_velocity(-10, 72) == 127
    assert y_to_velocity(500, 72) == 1


# The widget -------------------------------------------------------------------------------


@dataclass
class Rig:
    """A shown piano roll plus what it emitted; emitted Songs are shown again, like undo does."""

    roll: PianoRoll
    bars: tuple[int, int]
    edits: list[Song] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)

    def record(self, song: Song) -> None:
        self.edits.append(song)
        self.roll.show_cells(song, 0, self.bars)

    @property
    def viewport(self) -> QWidget:
        return self.roll.view.viewport()

    def point(self, tick: float, pitch: int, dx_px: float = 0.0) -> QPoint:
        """Viewport pixel at `tick` (plus dx_px pixels), in the middle of `pitch`'s row."""
        geometry = self.roll.roll_geometry
        scene = QPointF(
            geometry.tick_to_x(tick) + dx_px,
            geometry.pitch_to_y(pitch) + geometry.key_height_px / 2,
        )
        return self.roll.view.mapFromScene(scene)

    def lead_notes(self) -> tuple[Note, ...]:
        return self.edits[-1].tracks[0].notes


def _rig(qtbot: QtBot, song: Song, bars: tuple[int, int] = (0, 1)) -> Rig:
    roll = PianoRoll()
    qtbot.addWidget(roll)
    roll.resize(1000, 600)
    roll.set_zoom(96, 12)
    roll.show_cells(song, 0, bars)
    roll.show()
    rig = Rig(roll, bars)
    roll.song_edited.connect(rig.record)
    roll.message.connect(rig.messages.append)
    return rig


def _drag(widget: QWidget, start: QPoint, end: QPoint, steps: int = 4) -> None:
    QTest.mousePress(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, steps + 1):
        QTest.mouseMove(widget, start + (end - start) * step / steps)
    QTest.mouseRelease(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)


def _click(widget: QWidget, point: QPoint) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)


def _double_click(widget: QWidget, point: QPoint) -> None:
    QTest.mouseDClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)


def _key(
    rig: Rig, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    QTest.keyClick(rig.roll.view, key, modifier)


def test_double_click_adds_a_note_in_the_clicked_grid_cell(qtbot: QtBot) -> None:
    rig = _rig(qtbot, _song())
    point = rig.point(3 * PPQ + 200, 67)  # past the middle of beat 4's second sixteenth
    _double_click(rig.viewport, point)
    added = Note(3 * PPQ + SIXTEENTH, 67, SIXTEENTH, DEFAULT_VELOCITY)
    assert len(rig.edits) == 1
    assert rig.lead_notes() == (SHORT, LONG, added)
    assert rig.edits[0].tracks[1] == _song().tracks[1]
    assert rig.roll.selected_notes() == [added]


def test_the_draw_tool_adds_on_click_and_stretches_on_drag(qtbot: QtBot) -> None:
    rig = _rig(qtbot, _song())
    rig.roll.set_tool(Tool.DRAW)
    rig.roll.snap_ticks = PPQ // 3
    _click(rig.viewport, rig.point(BAR + 500, 62))
    assert rig.lead_notes() == (SHORT, LONG, Note(BAR + 480, 62, 160, 90))
    _drag(rig.viewport, rig.point(BAR + 1450, 71), rig.point(BAR + 1930, 71))
    assert len(rig.edits) == 2
    assert Note(BAR + 1440, 71, 480, 90) in rig.lead_notes()


def test_dragging_a_note_moves_it_on_the_grid_and_by_semitones(qtbot: QtBot) -> None:
    rig = _rig(qtbot, _song())
    start = rig.point(LONG.start_tick + 100, LONG.pitch)
    _drag(rig.viewport, start, rig.point(LONG.start_tick + 100 + 257, LONG.pitch + 2), steps=6)
    assert len(rig.edits) == 1  # one undo step for the whole drag
    moved = Note(1200, 66, PPQ, 100)
    assert rig.lead_notes() == (SHORT, moved)
    assert rig.roll.selected_notes() == [moved]
    _drag(rig.viewport, rig.point(1300, 66), rig.point(1301, 66))  # under the drag threshold
    assert len(rig.edits) == 1


def test_dragging_the_right_edge_resizes_every_selected_note(qtbot: QtBot) -> None:
    rig = _rig(qtbot, _song())
    _key(rig, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    edge = rig.point(LONG.end_tick, LONG.pitch, dx_px=-2)
    _drag(rig.viewport, edge, rig.point(LONG.end_tick + 250, LONG.pitch, dx_px=-2))
    assert len(rig.edits) == 1
    assert rig.lead_notes() == (Note(0, 60, 480, 80), Note(2 * PPQ, 64, 720, 100))


@pytest.mark.parametrize(
    "key", [Qt.Key.Key_Delete, Qt.Key.Key_Backspace], ids=["Delete", "Backspace"]
)
def test_clicking_selects_and_delete_removes(qtbot: QtBot, key: Qt.Key) -> None:
    rig = _rig(qtbot, _song())
    _click(rig.viewport, rig.point(LONG.start_tick + 50, LONG.pitch))
    assert rig.roll.selected_notes() == [LONG]
    assert rig.edits == []
    _key(rig, key)
    assert rig.lead_notes() == (SHORT,)
    assert rig.roll.selected_notes() == []


def test_rubber_band_ctrl_a_and_escape_select_without_editing(qtbot: QtBot) -> None:
    rig = _rig(qtbot, _song())
    _drag(rig.viewport, rig.point(PPQ + 300, 70), rig.point(3 * PPQ, 63))
    assert rig.roll.selected_notes() == [LONG]
    _key(rig, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert rig.roll.selected_notes() == [SHORT, LONG]
    _key(rig, Qt.Key.Key_Escape)
    assert rig.roll.selected_notes() == []
    assert rig.edits == []


def test_velocity_lane_drag_sets_velocity_and_new_notes_use_the_last_one(qtbot: QtBot) -> None:
    rig = _rig(qtbot, _song())
    lane = rig.roll.velocity_lane
    stem_x = round(rig.roll.roll_geometry.tick_to_x(LONG.start_tick) - rig.roll.scene_origin().x())
    _drag(lane, QPoint(stem_x, lane.height() - 10), QPoint(stem_x, -20))
    assert len(rig.edits) == 1
    assert rig.lead_notes() == (SHORT, Note(2 * PPQ, 64, PPQ, 127))
    _drag(lane, QPoint(stem_x + 2, 5), QPoint(stem_x + 2, 40))
    assert rig.lead_notes()[1].velocity == lane.velocity_at(40) < 127
    velocity = lane.velocity_at(40)
    _double_click(rig.viewport, rig.point(BAR + 10, 72))
    assert Note(BAR, 72, SIXTEENTH, velocity) in rig.lead_notes()
    _click(rig.viewport, rig.point(SHORT.start_tick + 10, SHORT.pitch))  # picks up its velocity
    _double_click(rig.viewport, rig.point(BAR + PPQ, 72))
    assert Note(BAR + PPQ, 72, SIXTEENTH, SHORT.velocity) in rig.lead_notes()


def test_arrow_keys_nudge_by_semitones_and_snap_steps(qtbot: QtBot) -> None:
    rig = _rig(qtbot, _song())
    _click(rig.viewport, rig.point(LONG.start_tick + 50, LONG.pitch))
    _key(rig, Qt.Key.Key_Up)
    _key(rig, Qt.Key.Key_Right)
    _key(rig, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert [song.tracks[0].notes[1] for song in rig.edits] == [
        Note(960, 65, PPQ, 100),
        Note(1080, 65, PPQ, 100),
        Note(1080, 53, PPQ, 100),
    ]
    _click(rig.viewport, rig.point(SHORT.start_tick + 20, SHORT.pitch))
    _key(rig, Qt.Key.Key_Left)  # already at the first tick: nothing to do, nothing emitted
    assert len(rig.edits) == 3


# Locked bars ------------------------------------------------------------------------------

IN_LOCKED = Note(BAR + PPQ, 62, 240, 80)
BEFORE_LOCKED = Note(BAR - SIXTEENTH, 65, SIXTEENTH, 80)


def _double_click_in_locked_bar(rig: Rig) -> None:
    point = rig.point(BAR + 2 * PPQ + 10, 67)
    _double_click(rig.viewport, point)


def _draw_in_locked_bar(rig: Rig) -> None:
    rig.roll.set_tool(Tool.DRAW)
    _click(rig.viewport, rig.point(BAR + 2 * PPQ + 10, 67))


def _move_into_locked_bar(rig: Rig) -> None:
    _drag(rig.viewport, rig.point(LONG.start_tick + 50, 64), rig.point(BAR + 3 * PPQ, 64))


def _move_out_of_locked_bar(rig: Rig) -> None:
    _drag(rig.viewport, rig.point(IN_LOCKED.start_tick + 50, 62), rig.point(PPQ, 62))


def _resize_in_locked_bar(rig: Rig) -> None:
    edge = rig.point(IN_LOCKED.end_tick, 62, dx_px=-2)
    _drag(rig.viewport, edge, rig.point(IN_LOCKED.end_tick + 400, 62, dx_px=-2))


def _delete_in_locked_bar(rig: Rig) -> None:
    _click(rig.viewport, rig.point(IN_LOCKED.start_tick + 50, 62))
    _key(rig, Qt.Key.Key_Delete)


def _velocity_in_locked_bar(rig: Rig) -> None:
    lane = rig.roll.velocity_lane
    stem_x = round(
        rig.roll.roll_geometry.tick_to_x(IN_LOCKED.start_tick) - rig.roll.scene_origin().x()
    )
    _drag(lane, QPoint(stem_x, 30), QPoint(stem_x, 2))


def _arrow_into_locked_bar(rig: Rig) -> None:
    _click(rig.viewport, rig.point(BEFORE_LOCKED.start_tick + 10, BEFORE_LOCKED.pitch))
    _key(rig, Qt.Key.Key_Right)


@pytest.mark.parametrize(
    "gesture",
    [
        _double_click_in_locked_bar,
        _draw_in_locked_bar,
        _move_into_locked_bar,
        _move_out_of_locked_bar,
        _resize_in_locked_bar,
        _delete_in_locked_bar,
        _velocity_in_locked_bar,
        _arrow_into_locked_bar,
    ],
)
def test_a_locked_bar_refuses_every_edit(qtbot: QtBot, gesture: Callable[[Rig], None]) -> None:
    song = _song(frozenset({1}), IN_LOCKED, BEFORE_LOCKED)
    rig = _rig(qtbot, song)
    gesture(rig)
    assert rig.edits == []
    assert rig.messages == [LOCKED_MESSAGE]
    assert rig.roll.current_song() is song
    geometry = rig.roll.roll_geometry
    drawn = {note: item.rect().getRect() for note, item in rig.roll.roll_scene.note_items.items()}
    assert drawn == {note: geometry.note_rect(note) for note in song.tracks[0].notes}


# Showing, zooming, drawing ------------------------------------------------------------------


def test_showing_again_keeps_zoom_scroll_and_selection(qtbot: QtBot) -> None:
    rig = _rig(qtbot, _song(), bars=(0, 3))
    rig.roll.set_zoom(150, 18)
    rig.roll.view.horizontalScrollBar().setValue(120)
    rig.roll.view.verticalScrollBar().setValue(900)  # LONG (E4, rows 1134-1152) stays in view
    rig.roll.select({LONG})
    rig.roll.show_cells(_song(), 0, (0, 3))
    assert rig.roll.zoom() == (150, 18)
    assert rig.roll.view.horizontalScrollBar().value() == 120
    assert rig.roll.view.verticalScrollBar().value() == 900
    assert rig.roll.selected_notes() == [LONG]
    _key(rig, Qt.Key.Key_Up)  # an edit is shown again through the recorder
    assert rig.roll.zoom() == (150, 18)
    assert rig.roll.view.horizontalScrollBar().value() == 120
    assert rig.roll.selected_notes() == [Note(2 * PPQ, 65, PPQ, 100)]


def test_other_cells_clear_the_selection_and_bad_cells_are_refused(qtbot: QtBot) -> None:
    rig = _rig(qtbot, _song())
    rig.roll.select_all()
    rig.roll.show_cells(_song(), 1, (0, 1))
    assert rig.roll.selected_notes() == []
    assert [note for note, _ in rig.roll.shown_notes()] == [BASS]
    assert rig.roll.roll_scene.count("ghost") == 2
    with pytest.raises(SongError, match="last bar must be an integer from 2 to 3, got 9"):
        rig.roll.show_cells(_song(), 0, (2, 9))
    with pytest.raises(SongError, match="track index must be an integer from 0 to 1, got 2"):
        rig.roll.show_cells(_song(), 2, (0, 1))


def _wheel(rig: Rig, at: QPoint, delta: int, modifiers: Qt.KeyboardModifier) -> None:
    event = QWheelEvent(
        QPointF(at),
        QPointF(rig.viewport.mapToGlobal(at)),
        QPoint(0, 0),
        QPoint(0, delta),
        Qt.MouseButton.NoButton,
        modifiers,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(rig.viewport, event)


def test_ctrl_wheel_zooms_time_around_the_mouse_and_shift_wheel_scrolls(qtbot: QtBot) -> None:
    rig = _rig(qtbot, _song(), bars=(0, 3))
    at = QPoint(300, 200)
    tick_under_mouse = rig.roll.view.mapToScene(at).x() / rig.roll.roll_geometry.pixels_per_tick
    _wheel(rig, at, 120, Qt.KeyboardModifier.ControlModifier)
    assert rig.roll.zoom() == (120, 12)
    geometry = rig.roll.roll_geometry
    assert (
        abs(rig.roll.view.mapFromScene(QPointF(geometry.tick_to_x(tick_under_mouse), 0)).x() - 300)
        <= 1
    )
    before = rig.roll.view.horizontalScrollBar().value()
    _wheel(rig, at, -120, Qt.KeyboardModifier.ShiftModifier)
    assert rig.roll.view.horizontalScrollBar().value() == before + 120
    assert rig.roll.zoom() == (120, 12)


def test_bar_lines_of_a_3_4_then_7_8_song(qtbot: QtBot) -> None:
    rig = _rig(qtbot, _waltz_then_seven_eight(), bars=(0, 3))
    rig.roll.snap_ticks = PPQ
    geometry = rig.roll.roll_geometry
    bar_xs = rig.roll.roll_scene.line_xs("bar-line")
    assert bar_xs == [geometry.tick_to_x(t) for t in (0, 1440, 2880, 4560, 6240)]
    assert bar_xs == [0, 288, 576, 912, 1248]
    assert rig.roll.roll_scene.count("beat-line") == 2 + 2 + 6 + 6
    assert rig.roll.roll_scene.count("step-line") == 0  # a quarter snap is no finer than a beat


def test_other_tracks_show_as_ghosts_until_toggled_off(qtbot: QtBot) -> None:
    rig = _rig(qtbot, _song())
    assert rig.roll.roll_scene.count("ghost") == 1
    rig.roll.set_ghosts_visible(False)
    assert rig.roll.roll_scene.count("ghost") == 0
    assert rig.roll.roll_scene.count("note") == 2


def test_locked_bars_are_shaded_and_colours_follow_the_palette(qtbot: QtBot) -> None:
    rig = _rig(qtbot, _song(frozenset({1})))
    assert rig.roll.roll_scene.count("locked") == 2  # a tint and a hatch over bar 2
    dark = QPalette(rig.roll.palette())
    dark.setColor(QPalette.ColorRole.Base, QColor(24, 24, 28))
    dark.setColor(QPalette.ColorRole.Text, QColor(230, 230, 230))
    rig.roll.setPalette(dark)
    assert rig.roll.roll_scene.backgroundBrush().color() == QColor(24, 24, 28)
    assert rig.roll.roll_scene.count("locked") == 2
    image = rig.roll.grab()
    assert not image.isNull()
    assert image.width() == 1000
