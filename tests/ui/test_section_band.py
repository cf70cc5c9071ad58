"""The section band: where sections are drawn and hit, and the form edits made on it with the
mouse and keys in a real window (move, resize, rename, delete, energy, add), each one undo step,
and refused edits shown in the status line with the song kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from engine.song.sections import Section, new_section
from engine.song.song import PPQ, Note, Song, Track
from engine.studio.models import Models
from tests.helpers.menus import menu_item, submenu
from tests.helpers.windows import window_on
from ui.arrangement.geometry import GridGeometry
from ui.arrangement.section_band import SectionBand
from ui.arrangement.section_dialogs import EnergyDialog
from ui.arrangement.section_geometry import (
    BandPart,
    band_hit,
    block_rect,
    dragged,
    energy_after_drag,
    new_section_span,
    section_hue,
)
from ui.arrangement.section_paint import block_colours
from ui.main_window import MainWindow

BAR = 4 * PPQ
LEFT = Qt.MouseButton.LeftButton
CTRL = Qt.KeyboardModifier.ControlModifier
NONE = Qt.KeyboardModifier.NoModifier
POP_FORM = (
    ("intro", 4),
    ("verse", 8),
    ("chorus", 8),
    ("verse", 8),
    ("chorus", 8),
    ("bridge", 8),
    ("chorus", 8),
    ("outro", 4),
)


def pop_song() -> Song:
    """Intro, verse, chorus, verse, chorus, bridge, chorus, outro over 56 bars of three tracks;
    the last chorus's energy set by hand to 100%."""
    sections, bar = [], 0
    for role, bars in POP_FORM:
        sections.append(new_section(bar, bars, role))
        bar += bars
    sections[6] = Section(sections[6].first_bar, 8, "Last Chorus", "chorus", 1.0)
    tracks = tuple(
        Track(
            name,
            program,
            notes=tuple(Note(b * BAR + t * PPQ, 50 + 7 * t + b % 5, PPQ, 90) for b in range(bar)),
        )
        for t, (name, program) in enumerate((("Lead", 73), ("Piano", 0), ("Bass", 33)))
    )
    return Song(title="Pop", bar_count=bar, tracks=tracks, sections=tuple(sections))


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, models: Models) -> MainWindow:
    main = window_on(qtbot, tmp_path, models, pop_song(), show=True)
    qtbot.waitExposed(main)
    main.grid.set_zoom(24)
    main.grid.horizontalScrollBar().setValue(0)
    return main


def _x(band: SectionBand, bar: float) -> int:
    """The band x of a point `bar` bars into the song (2.5 is the middle of bar 3)."""
    g = band.band_geometry()
    return round(g.bar_left_px(0) + bar * g.bar_width_px)


def _at(band: SectionBand, bar: float) -> QPoint:
    return QPoint(_x(band, bar), band.height() // 2)


def _drag(
    band: SectionBand, start: QPoint, end: QPoint, modifier: Qt.KeyboardModifier = NONE
) -> None:
    QTest.mousePress(band, LEFT, modifier, start)
    QTest.mouseMove(band, QPoint((start.x() + end.x()) // 2, (start.y() + end.y()) // 2))
    QTest.mouseMove(band, end)
    QTest.mouseRelease(band, LEFT, modifier, end)


def _undo_steps(window: MainWindow) -> int:
    steps, history = 0, window.session.history
    while history.can_undo:
        history, steps = history.undo(), steps + 1
    return steps


# Geometry (no display) -------------------------------------------------------------------------


SPARSE = (new_section(2, 4, "verse"), new_section(8, 2, "chorus"), new_section(12, 4, "outro"))
GEOMETRY = GridGeometry(track_count=1, bar_count=16, bar_width_px=40, header_width_px=100)


def test_a_point_hits_the_section_under_it_its_edges_a_gap_or_the_header() -> None:
    hit = band_hit(GEOMETRY, SPARSE, 100 + 3 * 40 + 20)  # the middle of bar 4
    assert (hit.part, hit.index, hit.bar) == (BandPart.BODY, 0, 3)
    assert band_hit(GEOMETRY, SPARSE, 100 + 2 * 40 + 2).part is BandPart.LEFT_EDGE
    assert band_hit(GEOMETRY, SPARSE, 100 + 6 * 40 - 2).part is BandPart.RIGHT_EDGE
    assert band_hit(GEOMETRY, SPARSE, 100 + 6 * 40 + 20) == band_hit(GEOMETRY, SPARSE, 360)
    assert band_hit(GEOMETRY, SPARSE, 360).part is BandPart.EMPTY
    assert band_hit(GEOMETRY, SPARSE, 360).bar == 6
    assert band_hit(GEOMETRY, SPARSE, 50).part is BandPart.HEADER
    assert band_hit(GEOMETRY, SPARSE, 100 + 20 * 40).bar is None  # past the last bar
    scrolled = GridGeometry(1, 16, bar_width_px=40, header_width_px=100, scroll_x_px=8 * 40)
    assert band_hit(scrolled, SPARSE, 100 + 20).index == 1  # bar 9 now starts the view


def test_a_narrow_block_keeps_a_body_to_grab_between_its_edges() -> None:
    narrow = GridGeometry(track_count=1, bar_count=16, bar_width_px=9, header_width_px=0)
    one_bar = (new_section(3, 1, "break"),)
    parts = [band_hit(narrow, one_bar, 27 + x).part for x in range(9)]
    assert parts.count(BandPart.BODY) >= 3
    assert parts[0] is BandPart.LEFT_EDGE
    assert parts[-1] is BandPart.RIGHT_EDGE


def test_a_drag_snaps_to_bars_and_stops_at_neighbours_and_the_grid() -> None:
    assert dragged(SPARSE, 1, BandPart.BODY, -1, 16) == (7, 2)
    assert dragged(SPARSE, 1, BandPart.BODY, -9, 16) == (6, 2)  # stops at the verse's end
    assert dragged(SPARSE, 1, BandPart.BODY, 9, 16) == (10, 2)  # stops at the outro
    assert dragged(SPARSE, 2, BandPart.BODY, 9, 16) == (12, 4)  # already at the last bar
    assert dragged(SPARSE, 0, BandPart.LEFT_EDGE, -5, 16) == (0, 6)  # out to bar 1
    assert dragged(SPARSE, 0, BandPart.LEFT_EDGE, 9, 16) == (5, 1)  # a section keeps a bar
    assert dragged(SPARSE, 0, BandPart.RIGHT_EDGE, 5, 16) == (2, 6)  # up to the chorus
    assert dragged(SPARSE, 2, BandPart.RIGHT_EDGE, -9, 16) == (12, 1)
    assert energy_after_drag(0.45, 100.0, 70.0) == 0.75  # 30 px up is 30%
    assert energy_after_drag(0.9, 100.0, 0.0) == 1.0
    assert energy_after_drag(0.1, 0.0, 100.0) == 0.0


def test_a_new_section_takes_the_selected_bars_or_the_gap_after_the_click() -> None:
    assert new_section_span(SPARSE, 6, 16, selected_bars=[5, 6, 7]) == (5, 3)
    assert new_section_span(SPARSE, 6, 16) == (6, 2)  # up to the chorus at bar 9
    assert new_section_span(SPARSE, 0, 16, selected_bars=[10, 11]) == (0, 2)  # not in it
    assert new_section_span((), 3, 40) == (3, 8)
    assert new_section_span((), 14, 16) == (14, 2)


def test_repeats_share_a_colour_and_other_kinds_differ() -> None:
    verse, chorus = new_section(0, 4, "verse"), new_section(4, 4, "chorus")
    assert section_hue(verse) == section_hue(new_section(8, 4, "verse", "Verse 2"))
    assert section_hue(verse) != section_hue(chorus)
    a, a_again, b = (Section(i * 4, 4, name, "strain") for i, name in enumerate(("A", "A'", "B")))
    assert section_hue(a) == section_hue(a_again) != section_hue(b)
    for dark in (False, True):
        colours = block_colours(chorus, dark)
        assert colours.fill != colours.energy  # the energy shows against the block's tint
        assert abs(colours.text.lightness() - colours.energy.lightness()) > 90  # names read


# Painting and hits in the window ----------------------------------------------------------------


def _pixel(band: SectionBand, x: int, y: int) -> QColor:
    return band.grab().toImage().pixelColor(x, y)


def _close(first: QColor, second: QColor) -> bool:
    def rgb(colour: QColor) -> tuple[int, int, int]:
        return colour.red(), colour.green(), colour.blue()

    return all(abs(a - b) <= 12 for a, b in zip(rgb(first), rgb(second), strict=True))


def test_each_block_is_painted_where_the_band_says_its_section_is(window: MainWindow) -> None:
    band = window.band
    window.grid.set_zoom(16)
    dark = band.palette().color(band.palette().ColorRole.Base).lightness() < 128
    seen = []
    for index, section in enumerate(band.sections()[:4]):
        box = block_rect(band.band_geometry(), section, band.height())
        x, y = box.x + box.width * 3 // 4, box.y + box.height - 3  # the energy fill, past the name
        assert band.hit(x).index == index
        assert x < band.cells_right_px()
        assert _close(_pixel(band, x, y), block_colours(section, dark).energy)
        seen.append(section.role)
    assert seen == ["intro", "verse", "chorus", "verse"]

    window.resize(1024, 640)  # a grid narrower than the song's 56 bars, so it scrolls that far
    window.grid.horizontalScrollBar().setValue(12 * 16)  # the first chorus now starts the view
    x = _x(band, 12.5)
    assert band.hit(x).index == 2
    assert _x(band, 12) == band.band_geometry().header_width_px
    box = block_rect(band.band_geometry(), band.sections()[2], band.height())
    assert _close(
        _pixel(band, x + 30, box.y + box.height - 3), block_colours(band.sections()[2], dark).energy
    )


def test_the_band_follows_the_grid_zoom(window: MainWindow) -> None:
    band = window.band
    chorus = band.sections()[2]
    assert block_rect(band.band_geometry(), chorus, band.height()).width == 8 * 24
    window.grid.set_zoom(40)
    assert block_rect(band.band_geometry(), chorus, band.height()).width == 8 * 40
    assert band.hit(_x(band, 14)).index == 2


# Editing with the mouse and keys -----------------------------------------------------------------


def test_dragging_an_edge_resizes_and_the_body_moves_each_one_undo_step(window: MainWindow) -> None:
    band, before = window.band, window.session.song
    _drag(band, QPoint(_x(band, 12) - 2, 13), QPoint(_x(band, 10) - 2, 13))  # verse's right edge
    assert window.session.song.sections[1] == Section(4, 6, "Verse", "verse")
    assert window.session.history.undo_label == "Resize section 'Verse' to bars 5-10"
    _drag(band, _at(band, 6.5), _at(band, 11.5))  # 5 bars right: stopped by the chorus at bar 13
    song = window.session.song
    assert song.sections[1] == Section(6, 6, "Verse", "verse")
    assert song.sections[:1] == before.sections[:1]
    assert song.sections[2:] == before.sections[2:]
    assert song.tracks == before.tracks  # a section is a name over bars: no note moved
    assert _undo_steps(window) == 2
    window.undo()
    assert window.session.song.sections[1] == Section(4, 6, "Verse", "verse")
    window.undo()
    assert window.session.song == before


def test_dragging_past_the_visible_bars_scrolls_and_keeps_counting(
    qtbot: QtBot, tmp_path: Path, models: Models
) -> None:
    song = pop_song()
    lone = Song(title="Lone", bar_count=56, tracks=song.tracks, sections=(song.sections[1],))
    window = window_on(qtbot, tmp_path, models, lone, show=True)
    window.grid.set_zoom(24)
    band = window.band
    last_visible = band.hit(band.cells_right_px() - 1).bar
    assert last_visible is not None
    press, beyond = QPoint(_x(band, 12) - 2, 13), QPoint(band.cells_right_px() + 20, 13)
    QTest.mousePress(band, LEFT, NONE, press)
    for _ in range(12):  # each move past the edge scrolls half a bar
        QTest.mouseMove(band, beyond)
    QTest.mouseRelease(band, LEFT, NONE, beyond)
    scrolled = window.grid.horizontalScrollBar().value()
    assert scrolled == 12 * 12
    verse = window.session.song.sections[0]
    assert verse.last_bar == 11 + round((beyond.x() - press.x() + scrolled) / 24)
    assert verse.last_bar > last_visible + 5


def test_a_left_edge_cannot_pass_its_right_edge_or_a_neighbour(window: MainWindow) -> None:
    band = window.band
    _drag(band, QPoint(_x(band, 4) + 2, 13), QPoint(_x(band, 30), 13))
    assert window.session.song.sections[1] == Section(11, 1, "Verse", "verse")
    _drag(band, QPoint(_x(band, 11) + 2, 13), QPoint(_x(band, 0), 13))  # back, over the intro
    assert window.session.song.sections[1] == Section(4, 8, "Verse", "verse")


def test_a_click_that_does_not_move_changes_nothing(window: MainWindow) -> None:
    _drag(window.band, _at(window.band, 6), _at(window.band, 6))
    assert not window.session.history.can_undo


def test_clicking_a_block_selects_its_bars_on_every_track(window: MainWindow) -> None:
    QTest.mouseClick(window.band, LEFT, NONE, _at(window.band, 40))  # the bridge, bars 37-44
    expected = tuple((track, bar) for track in range(3) for bar in range(36, 44))
    assert window.document.selection == expected
    assert window.grid.selection() == list(expected)
    assert window.band.selected() == 5


def test_double_click_renames_in_place_and_escape_gives_up(
    window: MainWindow, qtbot: QtBot
) -> None:
    band = window.band
    QTest.mouseDClick(band, LEFT, NONE, _at(band, 5))
    editor = band.name_editor()
    assert band.is_renaming()
    assert editor is not None
    assert editor.text() == "Verse"
    QTest.keyClicks(editor, "Verse 1 (quiet)")  # the old name was selected: typing replaces it
    QTest.keyClick(editor, Qt.Key.Key_Return)
    assert window.session.song.sections[1].name == "Verse 1 (quiet)"
    assert window.session.history.undo_label == "Rename section 'Verse' to 'Verse 1 (quiet)'"
    assert not band.is_renaming()

    band.setFocus()
    band.select(2)
    QTest.keyClick(band, Qt.Key.Key_F2)
    editor = band.name_editor()
    assert editor is not None
    assert editor.isVisible()
    QTest.keyClicks(editor, "Hook")
    QTest.keyClick(editor, Qt.Key.Key_Escape)
    assert window.session.song.sections[2].name == "Chorus"
    assert _undo_steps(window) == 1


def test_a_refused_rename_shows_why_and_keeps_the_song(window: MainWindow) -> None:
    band, before = window.band, window.session.song
    band.rename(0)
    editor = band.name_editor()
    assert editor is not None
    editor.setText("x" * 61)  # too long for a marker on the band
    QTest.keyClick(editor, Qt.Key.Key_Return)
    assert window.session.song == before
    assert not window.session.history.can_undo
    assert "a section name must be 1 to 60 characters" in window.last_message
    assert "a section name must be 1 to 60 characters" in window.status.text()


def test_delete_with_the_band_focused_deletes_the_section_not_the_notes(window: MainWindow) -> None:
    band, before = window.band, window.session.song
    QTest.mouseClick(band, LEFT, NONE, _at(band, 40))  # the bridge: its cells are selected too
    assert window.document.selection
    QTest.keyClick(band, Qt.Key.Key_Delete)
    song = window.session.song
    assert [s.name for s in song.sections] == [
        "Intro", "Verse", "Chorus", "Verse", "Chorus", "Last Chorus", "Outro"
    ]  # fmt: skip
    assert song.tracks == before.tracks  # the window's Delete (clear cells) did not fire
    assert window.session.history.undo_label == "Delete section 'Bridge'"
    window.undo()
    assert window.session.song == before


def test_ctrl_drag_draws_the_energy_and_the_dialog_sets_it_exactly(
    window: MainWindow, qtbot: QtBot
) -> None:
    band = window.band
    verse = _at(band, 6)
    QTest.mousePress(band, LEFT, CTRL, verse)  # up and back: the verse keeps its default
    QTest.mouseMove(band, verse - QPoint(0, 10))
    QTest.mouseMove(band, verse)
    QTest.mouseRelease(band, LEFT, CTRL, verse)
    assert not window.session.history.can_undo
    _drag(band, verse, verse - QPoint(0, 25), CTRL)  # 25 px up from the verse's 45%
    assert window.session.song.sections[1].energy == 0.70
    assert window.session.history.undo_label == "Set energy of 'Verse' to 70%"

    def set_sixty_five() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, EnergyDialog)
        assert dialog.percent.value() == 70
        dialog.percent.setValue(65)
        dialog.accept()

    QTimer.singleShot(0, set_sixty_five)
    window.sections.ask_energy(1)
    assert window.session.song.sections[1].energy == 0.65
    menu = window.sections.section_menu(1)
    menu_item(menu, "Reset Energy to the Verse Default (45%)").trigger()
    assert window.session.song.sections[1].energy is None
    assert window.session.song.sections[1].level == 0.45
    assert _undo_steps(window) == 3


def test_the_role_menu_relabels_a_section_without_touching_its_notes(window: MainWindow) -> None:
    before = window.session.song
    roles = submenu(window.sections.section_menu(1), "Role")
    assert [a.text() for a in roles.actions() if a.isChecked()] == ["Verse"]
    menu_item(roles, "Pre-chorus").trigger()
    song = window.session.song
    assert song.sections[1] == Section(4, 8, "Pre-chorus", "pre-chorus")
    assert song.tracks == before.tracks
    window.sections.set_role(6, "bridge")  # a name typed by hand stays
    assert window.session.song.sections[6] == Section(44, 8, "Last Chorus", "bridge", 1.0)


def test_add_a_section_from_selected_bars_and_on_an_empty_stretch(
    qtbot: QtBot, tmp_path: Path, models: Models
) -> None:
    bare = Song(title="Bare", bar_count=24, tracks=(Track("Lead", 73), Track("Bass", 33)))
    window = window_on(qtbot, tmp_path, models, bare, show=True)
    window.grid.set_selection([(0, 4), (1, 7)])  # bars 5-8
    menu = QMenu()
    window.sections.add_to_cell_menu(menu)
    menu_item(submenu(menu, "Add Section from Selection (bars 5-8)"), "Chorus").trigger()
    assert window.session.song.sections == (Section(4, 4, "Chorus", "chorus"),)
    assert window.session.history.undo_label == "Add section 'Chorus' (bars 5-8)"

    window.grid.set_selection([])
    menu = window.sections.empty_menu(0)  # right-clicked on bar 1, nothing selected
    menu_item(submenu(menu, "Add Section (bars 1-4)"), "Intro").trigger()
    assert [s.name for s in window.session.song.sections] == ["Intro", "Chorus"]
    assert _undo_steps(window) == 2


def test_a_right_click_asks_for_the_menu_of_what_is_under_it(window: MainWindow) -> None:
    band, asked = window.band, []
    band.menu_requested.connect(lambda index, bar, _where: asked.append((index, bar)))
    QTest.mouseClick(band, Qt.MouseButton.RightButton, NONE, _at(band, 13.5))
    assert asked == [(2, 13)]
    assert band.selected() == 2
    assert band.tooltip(_x(band, 13.5)).startswith(
        "Chorus (chorus) · bars 13-20 · energy 80% (chorus default)"
    )
    assert band.tooltip(_x(band, 47)).startswith(
        "Last Chorus (chorus) · bars 45-52 · energy 100% (set by hand)"
    )


def test_adding_over_a_section_is_refused_with_the_reason(window: MainWindow) -> None:
    before = window.session.song
    window.sections.add(10, 4, "solo")
    assert window.session.song == before
    assert not window.session.history.can_undo
    assert "meet the section 'Verse'" in window.last_message
