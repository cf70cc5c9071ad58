"""Every press is a new idea: R and N with the real model, the changed cells marked in the grid,
and one key (T) flipping between the last two takes.

The window runs the shipped model through the same jobs as a composer's presses; the keys are
pressed on the grid of a shown, active window, so the window's own shortcuts do the work.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from benchmarks.tunes import d_major_tune
from engine.song.gm import GM_PROGRAM_NAMES, InstrumentError
from engine.song.song import Cell, Note, Song
from engine.studio.models import Models
from tests.helpers.windows import window_on
from ui.compose_actions import instrument_choice, instrument_choices
from ui.i18n import translate
from ui.main_window import MainWindow

CELLO_BARS = [(1, bar) for bar in range(2, 6)]


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, models: Models) -> MainWindow:
    main = window_on(qtbot, tmp_path, models, d_major_tune(), show=True)
    main.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main)
    return main


def _press(qtbot: QtBot, window: MainWindow, key: Qt.Key) -> None:
    """Press a key on the grid, as a composer does, and wait for any job it starts."""
    window.grid.setFocus()
    QTest.keyClick(window.grid, key)
    qtbot.waitUntil(lambda: not window.jobs.busy, timeout=120_000)


def _notes(song: Song, track: int, bar: int) -> tuple[Note, ...]:
    if track >= len(song.tracks) or bar >= song.bar_count:
        return ()
    return song.notes_in_bar(track, bar)


def _cells_whose_notes_differ(before: Song, after: Song) -> list[Cell]:
    return [
        (track, bar)
        for track in range(len(after.tracks))
        for bar in range(after.bar_count)
        if _notes(before, track, bar) != _notes(after, track, bar)
    ]


def _all_notes(song: Song) -> list[tuple[Note, ...]]:
    return [track.notes for track in song.tracks]


def test_pressing_r_twice_gives_two_ideas_two_seeds_and_undo_goes_back(
    qtbot: QtBot, window: MainWindow
) -> None:
    opened = window.session.song
    window.grid.set_selection(CELLO_BARS)
    window.inspector.seed.setValue(5)  # a typed seed is used by the next press
    _press(qtbot, window, Qt.Key.Key_R)
    first = window.session.song
    assert "seed 5" in window.last_message
    assert window.inspector.seed.value() != 5  # the next press gets a new seed
    _press(qtbot, window, Qt.Key.Key_R)
    second = window.session.song

    takes = window.session.takes
    assert [take.operation for take in takes] == ["regenerate", "regenerate"]
    assert takes[0].seed == 5 != takes[1].seed
    assert (takes[0].song, takes[1].song) == (first, second)
    assert first.tracks[1].notes != opened.tracks[1].notes
    assert second.tracks[1].notes != first.tracks[1].notes  # a new idea, not the same again
    assert second.tracks[0].notes == opened.tracks[0].notes  # outside the selection: untouched

    QTest.keyClick(window.grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.session.song == first
    QTest.keyClick(window.grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.session.song == opened


def test_a_takes_recorded_seed_makes_it_again(qtbot: QtBot, window: MainWindow) -> None:
    opened = window.session.song
    window.grid.set_selection(CELLO_BARS)
    _press(qtbot, window, Qt.Key.Key_R)
    _press(qtbot, window, Qt.Key.Key_N)
    regenerated, nudged = window.session.takes
    assert regenerated.seed != nudged.seed
    assert nudged.operation == "nudge"

    window.undo()
    window.undo()
    assert window.session.song == opened
    window.inspector.seed.setValue(regenerated.seed)  # replay the first take's recipe
    _press(qtbot, window, Qt.Key.Key_R)
    replayed = window.session.takes[-1]
    assert replayed.seed == regenerated.seed
    assert replayed.request == regenerated.request
    assert replayed.song == regenerated.song


def test_the_grid_marks_exactly_the_cells_whose_notes_changed(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.grid.set_selection([(1, 3)])
    window.actions_by_name["lock"].trigger()  # a locked cell in the selection is kept
    assert window.grid.changed_cells() == []  # a plain edit marks nothing
    window.grid.set_selection(CELLO_BARS)
    before = window.session.song
    _press(qtbot, window, Qt.Key.Key_R)
    after = window.session.song

    expected = _cells_whose_notes_differ(before, after)
    assert expected  # the regenerate wrote something
    assert (1, 3) not in expected
    assert window.grid.changed_cells() == expected
    assert window.document.changed_cells == tuple(expected)
    said = translate("ComposeActions", "%n cell(s) changed", None, len(expected))
    assert window.last_message.endswith(said)

    window.grid.set_selection([(0, 0)])  # selecting elsewhere keeps the marks to look at
    assert window.grid.changed_cells() == expected
    window.undo()  # undo marks what it brought back
    assert window.grid.changed_cells() == _cells_whose_notes_differ(after, before)
    window.redo()
    window.grid.set_selection([(1, 4)])
    window.actions_by_name["unlock"].trigger()  # the next edit clears the marks
    assert window.grid.changed_cells() == []


def test_t_flips_between_the_last_two_takes_and_keeps_locks(
    qtbot: QtBot, window: MainWindow
) -> None:
    _press(qtbot, window, Qt.Key.Key_T)
    assert "needs two takes" in window.last_message
    window.grid.set_selection(CELLO_BARS)
    _press(qtbot, window, Qt.Key.Key_R)
    _press(qtbot, window, Qt.Key.Key_R)
    first, second = (take.song for take in window.session.takes)
    differing = [c for c in CELLO_BARS if _notes(first, *c) != _notes(second, *c)]
    assert len(differing) >= 2, "two seeds wrote the same notes in almost every cell"
    kept, flipped = differing[0], differing[1:]
    window.grid.set_selection([kept])
    window.actions_by_name["lock"].trigger()

    _press(qtbot, window, Qt.Key.Key_T)  # to the take before the newest
    song = window.session.song
    assert "Flipped to take 1" in window.last_message
    assert _notes(song, *kept) == _notes(second, *kept)  # locked: the newest take's notes stay
    assert kept[1] in song.tracks[kept[0]].locked_bars
    for cell in flipped:
        assert _notes(song, *cell) == _notes(first, *cell)
    assert window.grid.changed_cells() == _cells_whose_notes_differ(second, song)

    _press(qtbot, window, Qt.Key.Key_T)  # and back to the newest
    assert "Flipped to take 2" in window.last_message
    assert _all_notes(window.session.song) == _all_notes(second)
    assert kept[1] in window.session.song.tracks[kept[0]].locked_bars

    window.undo()  # a flip is one undo step, like any take restore
    assert window.session.song == song
    assert len(window.session.takes) == 2  # flipping makes no takes


def test_add_track_numbers_instruments_from_1_as_the_track_panel_does(
    window: MainWindow,
) -> None:
    names, start = instrument_choices()
    assert names[1] == f"1: {GM_PROGRAM_NAMES[0]}"
    assert names[-1] == f"128: {GM_PROGRAM_NAMES[127]}"
    assert names[start] == "43: Cello"
    assert instrument_choice(names[start]) == (42, False)
    panel = window.track_panel.instrument
    for program in (0, 40, 42, 127):
        assert panel.itemText(program) == names[program + 1]
        assert instrument_choice(names[program + 1]) == (program, False)
    assert instrument_choice("41") == (40, False)  # a typed number counts from 1 too: Violin
    assert instrument_choice(instrument_choices()[0][0]) == (0, True)
    for wrong in ("0", "129"):
        with pytest.raises(InstrumentError, match="from 1 to 128, got"):
            instrument_choice(wrong)


def test_ctrl_r_tries_the_last_operation_again_from_where_it_started(
    qtbot: QtBot, window: MainWindow
) -> None:
    opened = window.session.song
    window.grid.set_selection(CELLO_BARS)
    _press(qtbot, window, Qt.Key.Key_R)
    first = window.session.song
    window.grid.setFocus()
    QTest.keyClick(window.grid, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.jobs.busy, timeout=120_000)
    again = window.session.takes[-1]
    assert "(re-roll)" in window.last_message
    assert again.seed != window.session.takes[0].seed
    assert again.request == window.session.takes[0].request
    assert window.session.song.tracks[1].notes != first.tracks[1].notes
    window.undo()  # one step back is the first try, two the song as opened
    assert window.session.song == first
    window.undo()
    assert window.session.song == opened
