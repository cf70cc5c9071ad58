"""The arrangement grid's geometry maths and selection rules, without a widget."""

from __future__ import annotations

from engine.song.song import PPQ, Note, Song, TimeSignatureChange
from tests.ui.arrangement.grid_helpers import (
    BAR,
    cells_in,
    four_then_three,
)
from ui.arrangement.geometry import (
    GridGeometry,
    Hit,
    HitKind,
    PixelRect,
    label_stride,
    miniature_lines,
    ruler_labels,
    scroll_to_follow,
    scroll_to_reveal,
    tick_to_content_x,
    track_pitch_range,
)
from ui.arrangement.selection import CellSelection, press, select_for_menu

# Geometry ------------------------------------------------------------------------------------


def test_cell_rects_and_hit_tests_agree_under_scrolling() -> None:
    geometry = GridGeometry(
        track_count=4, bar_count=10, bar_width_px=50, row_height_px=30, header_width_px=100,
        ruler_height_px=20, scroll_x_px=120, scroll_y_px=15,
    )  # fmt: skip
    assert geometry.cell_rect(2, 3) == PixelRect(100 + 150 - 120, 20 + 60 - 15, 50, 30)
    for track in range(4):
        for bar in range(3, 10):
            rect = geometry.cell_rect(track, bar)
            centre = geometry.hit_test(rect.x + rect.width // 2, rect.y + rect.height // 2)
            assert centre == Hit(HitKind.CELL, track, bar)
            assert centre.cell == (track, bar)
    assert geometry.hit_test(10, 20 + 30 - 15) == Hit(HitKind.TRACK_HEADER, track=1)
    assert geometry.hit_test(100 + 30, 5) == Hit(HitKind.BAR_RULER, bar=3)  # (30 + 120) // 50
    assert geometry.hit_test(5, 5) == Hit(HitKind.CORNER)
    assert geometry.hit_test(200, 20 + 4 * 30).kind is HitKind.NOWHERE  # below the last row
    assert geometry.hit_test(100 + 500, 40).kind is HitKind.NOWHERE  # right of the last bar
    assert geometry.hit_test(5, 20 + 4 * 30).kind is HitKind.NOWHERE
    assert geometry.hit_test(-1, 40).kind is HitKind.NOWHERE
    assert Hit(HitKind.TRACK_HEADER, track=1).cell is None


def test_only_rows_and_bars_in_view_are_listed_and_nearest_clamps() -> None:
    geometry = GridGeometry(
        track_count=16, bar_count=200, bar_width_px=40, row_height_px=40, header_width_px=100,
        ruler_height_px=20, scroll_x_px=400, scroll_y_px=60,
    )  # fmt: skip
    assert geometry.bars_in(0, 100 + 200) == range(10, 15)
    assert geometry.bars_in(100 + 20, 100 + 21) == range(10, 11)
    assert geometry.tracks_in(0, 20 + 100) == range(1, 4)
    assert geometry.content_width_px == 8000
    assert geometry.content_height_px == 640
    assert geometry.nearest_bar(-500) == 0
    assert geometry.nearest_bar(99_999) == 199
    assert geometry.nearest_track(-5) == 0  # above the rows: the top one in view
    assert geometry.nearest_track(99_999) == 15


def test_a_tick_lands_by_its_place_inside_bars_of_different_lengths() -> None:
    starts = four_then_three().bar_start_ticks
    assert starts == (0, BAR, 2 * BAR, 2 * BAR + 3 * PPQ, 2 * BAR + 6 * PPQ)
    assert tick_to_content_x(starts, 0, 60) == 0.0
    assert tick_to_content_x(starts, PPQ, 60) == 15.0  # one beat of four
    assert tick_to_content_x(starts, BAR + 2 * PPQ, 60) == 90.0
    assert tick_to_content_x(starts, 2 * BAR + PPQ, 60) == 140.0  # one beat of three
    assert tick_to_content_x(starts, 2 * BAR + 4 * PPQ, 60) == 200.0  # into the last 3/4 bar
    assert tick_to_content_x(starts, starts[-1], 60) == 240.0
    assert tick_to_content_x(starts, starts[-1] + 5 * BAR, 60) == 240.0


def test_scroll_helpers_reveal_a_span_and_turn_the_page() -> None:
    assert scroll_to_reveal(50, 40, 0, 200) == 0  # already visible
    assert scroll_to_reveal(250, 40, 0, 200) == 90  # right edge comes into view
    assert scroll_to_reveal(30, 40, 100, 200) == 30  # left edge comes into view
    assert scroll_to_reveal(30, 400, 0, 200) == 30  # too long: align its start
    assert scroll_to_follow(150, 100, 200) == 100  # inside the view: stay
    assert scroll_to_follow(320, 100, 200) == 300  # past the right edge: jump, 10% lead
    assert scroll_to_follow(50, 100, 200) == 30
    assert scroll_to_follow(5, 100, 200) == 0


def test_miniature_lines_follow_time_and_pitch() -> None:
    area = PixelRect(100, 10, 80, 20)
    notes = [Note(BAR, 60, PPQ, 90), Note(BAR + 2 * PPQ, 72, 4 * PPQ, 90)]
    low, high = track_pitch_range(notes)
    assert (low, high) == (60, 72)
    lines = miniature_lines(notes, (BAR, 2 * BAR), area, (low, high), is_drum=False)
    assert lines[0] == (100.0, 30.0, 120.0, 30.0)  # lowest pitch on the bottom edge
    assert lines[1] == (140.0, 10.0, 180.0, 10.0)  # highest on top, cut at the bar line
    hits = miniature_lines([Note(BAR + PPQ, 36, 10, 90)], (BAR, 2 * BAR), area, (36, 48), True)
    x1, y1, x2, y2 = hits[0]
    assert x1 == x2 == 120.0
    assert y1 < y2  # a vertical tick
    assert track_pitch_range([Note(0, 40, 1, 1)]) == (34, 46)  # one pitch -> an octave around it
    assert track_pitch_range([]) == (54, 66)


def test_ruler_labels_number_bars_and_show_meter_changes() -> None:
    meters = (
        TimeSignatureChange(0, 4, 4),
        TimeSignatureChange(2 * BAR, 3, 4),
        TimeSignatureChange(2 * BAR + 6 * PPQ, 6, 8),
    )
    song = Song(bar_count=5, time_signatures=meters)
    labels = ruler_labels(song)
    assert [label.number for label in labels] == ["1", "2", "3", "4", "5"]
    assert [label.meter for label in labels] == ["4/4", None, "3/4", None, "6/8"]
    assert label_stride(40, 30) == 1
    assert label_stride(16, 40) == 4
    assert label_stride(5, 40) == 8


# Selection rules without a widget --------------------------------------------------------------


def test_pure_selection_rules_for_presses_and_menus() -> None:
    selection = CellSelection(track_count=3, bar_count=4)
    assert press(selection, Hit(HitKind.CELL, 1, 1), shift=False, control=False) is HitKind.CELL
    press(selection, Hit(HitKind.CELL, 2, 3), shift=True, control=False)
    assert selection.cells() == cells_in(range(1, 3), range(1, 4))
    assert press(selection, Hit(HitKind.CELL, 1, 2), shift=False, control=True) is None
    assert (1, 2) not in selection
    assert select_for_menu(selection, Hit(HitKind.CELL, 2, 2))  # selected already: kept
    assert len(selection) == 5
    assert not select_for_menu(selection, Hit(HitKind.NOWHERE))
    selection.resize(2, 4)  # the last track went away
    assert selection.cells() == [(1, 1), (1, 3)]
    selection.resize(0, 4)
    assert selection.cells() == []
    assert selection.focus is None
