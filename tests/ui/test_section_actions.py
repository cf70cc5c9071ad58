"""Section operations from the band's menu: each item sends the engine's request (regenerate,
vary, copy to, make this a ...) through the window's compose job path, for one section or all
its repeats, and the music that comes back lands as one undo step and a take.

The request tests check what the menu sends. The outcome tests (the last three, under "What
comes back") run the real model through `engine.compose.operations.apply`, which carries out
section requests once the engine's section operations are built; until then the job reports
"not built yet", and those three fail at their first assertion on the music with that message.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QInputDialog
from pytestqt.qtbot import QtBot

from engine.compose.requests import CopySection, RecastSection, RegenerateSection, VarySection
from engine.song.sections import new_section
from engine.song.song import PPQ, Note, Song, Track
from engine.studio.models import Models
from tests.helpers.menus import menu_item, submenu
from tests.helpers.windows import window_on
from ui.arrangement.section_dialogs import VaryDialog
from ui.main_window import MainWindow

BAR = 4 * PPQ
SMALL_FORM = (("intro", 2), ("verse", 4), ("chorus", 4), ("verse", 4), ("chorus", 4),
              ("bridge", 2), ("outro", 2))  # fmt: skip
JOB_TIMEOUT_MS = 240_000
"""A hang guard for one real compose job on a busy machine."""


def small_song() -> Song:
    """A two-track song of 22 bars in a short pop form, a note on every beat."""
    sections, bar = [], 0
    for role, bars in SMALL_FORM:
        sections.append(new_section(bar, bars, role))
        bar += bars
    tracks = tuple(
        Track(name, program, notes=tuple(
            Note(b * BAR + beat * PPQ, pitch + (b + beat) % 7, PPQ, 88)
            for b in range(bar) for beat in range(4)
        ))
        for name, program, pitch in (("Melody", 0, 64), ("Bass", 33, 40))
    )  # fmt: skip
    return Song(title="Small pop", bar_count=bar, tracks=tracks, sections=tuple(sections))


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, models: Models) -> MainWindow:
    main = window_on(qtbot, tmp_path, models, small_song(), show=True)
    main.inspector.seed.setValue(11)
    return main


def _sent(window: MainWindow) -> object:
    """The request the window's compose actions last started."""
    return window.compose.last_request


def _answer(fill: Callable[[object], None]) -> None:
    """Answer the next modal dialog with `fill` once it is open."""
    QTimer.singleShot(0, lambda: fill(QApplication.activeModalWidget()))


def _wait(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.jobs.busy, timeout=JOB_TIMEOUT_MS)


def _bars(song: Song, track: int, bars: range) -> list[tuple[int, int, int]]:
    """A track's notes over some bars as (start from the first bar, pitch, length)."""
    start = bars.start * BAR
    return [
        (note.start_tick - start, note.pitch, note.duration_ticks)
        for bar in bars
        for note in song.notes_in_bar(track, bar)
    ]


# The requests the menu sends ------------------------------------------------------------------


def test_regenerate_sends_the_section_and_the_repeats_choice(
    qtbot: QtBot, window: MainWindow
) -> None:
    controls = window.compose.controls()
    menu_item(window.sections.section_menu(5), "Regenerate Section").trigger()
    assert _sent(window) == RegenerateSection(5, "one", None, controls)
    _wait(qtbot, window)
    menu = window.sections.section_menu(2)
    repeats = menu_item(menu, "Apply to All Repeats (1 more)")
    repeats.trigger()  # checks it: the chorus and its repeat
    assert repeats.isChecked()
    menu_item(menu, "Regenerate Section").trigger()
    assert _sent(window) == RegenerateSection(2, "all", None, controls)
    _wait(qtbot, window)


def test_vary_asks_the_strength_and_sends_it(qtbot: QtBot, window: MainWindow) -> None:
    def vary_strongly(dialog: object) -> None:
        assert isinstance(dialog, VaryDialog)
        assert dialog.windowTitle() == "Vary Verse"
        dialog.slider.setValue(60)  # the spin box follows the slider
        assert dialog.spin.value() == 0.6
        dialog.all_repeats.setChecked(True)
        dialog.accept()

    _answer(vary_strongly)
    menu_item(window.sections.section_menu(3), "Vary Section…").trigger()
    assert _sent(window) == VarySection(3, 0.6, "all", None, window.compose.controls())
    assert window.sections.apply_to_all.isChecked()  # the dialog's choice is remembered
    _wait(qtbot, window)


def test_copy_to_asks_the_bar_and_recast_sends_the_role(qtbot: QtBot, window: MainWindow) -> None:
    def bar_17(dialog: object) -> None:
        assert isinstance(dialog, QInputDialog)
        assert dialog.intValue() == 11  # the bar after the chorus, suggested
        dialog.setIntValue(17)
        dialog.accept()

    _answer(bar_17)
    menu_item(window.sections.section_menu(2), "Copy To…").trigger()
    assert _sent(window) == CopySection(2, 16)
    _wait(qtbot, window)
    recast = submenu(window.sections.section_menu(3), "Make This a")
    assert not menu_item(recast, "Verse").isEnabled()  # it is a verse already
    menu_item(recast, "Chorus").trigger()
    assert _sent(window) == RecastSection(3, "chorus")
    _wait(qtbot, window)


def test_cancelled_dialogs_send_nothing(qtbot: QtBot, window: MainWindow) -> None:
    def no_repeats_then_cancel(dialog: object) -> None:
        assert isinstance(dialog, VaryDialog)
        assert not dialog.all_repeats.isEnabled()  # the bridge comes once
        assert dialog.all_repeats.text() == "Apply to all repeats (none)"
        dialog.reject()

    _answer(no_repeats_then_cancel)
    window.sections.ask_vary(5)
    _answer(lambda dialog: dialog.reject())  # type: ignore[attr-defined]
    window.sections.ask_copy(1)
    assert _sent(window) is None
    assert not window.jobs.busy


def test_selecting_a_sections_bars_lets_the_cell_operations_act_on_it(window: MainWindow) -> None:
    menu_item(window.sections.section_menu(5), "Select the Section's Bars").trigger()
    assert window.document.selection == ((0, 18), (0, 19), (1, 18), (1, 19))
    window.actions_by_name["lock"].trigger()  # the existing Lock acts on the bridge
    assert all(track.locked_bars == frozenset({18, 19}) for track in window.session.song.tracks)


# What comes back (needs the section operations in the engine) ---------------------------------


def test_regenerating_the_bridge_rewrites_only_its_bars(qtbot: QtBot, window: MainWindow) -> None:
    before = window.session.song
    menu_item(window.sections.section_menu(5), "Regenerate Section").trigger()
    _wait(qtbot, window)
    song = window.session.song
    bridge, rest = range(18, 20), [b for b in range(22) if b not in (18, 19)]
    assert any(_bars(song, t, bridge) != _bars(before, t, bridge) for t in range(2)), (
        window.last_message
    )
    for track in range(2):
        assert [song.notes_in_bar(track, b) for b in rest] == [
            before.notes_in_bar(track, b) for b in rest
        ]
    assert song.sections == before.sections
    assert window.session.takes[-1].operation == "regenerate-section"
    window.undo()
    assert window.session.song == before


def test_varying_the_second_verse_leaves_the_first(qtbot: QtBot, window: MainWindow) -> None:
    before = window.session.song
    window.sections.vary(3, 1.0, "one")
    _wait(qtbot, window)
    song = window.session.song
    second, first = range(10, 14), range(2, 6)
    assert any(_bars(song, t, second) != _bars(before, t, second) for t in range(2)), (
        window.last_message
    )
    assert all(_bars(song, t, first) == _bars(before, t, first) for t in range(2))
    window.undo()
    assert window.session.song == before


def test_copying_the_chorus_over_the_bridge_repeats_it(qtbot: QtBot, window: MainWindow) -> None:
    before = window.session.song
    window.sections.copy_to(2, 18)  # the chorus (bars 7-10) over the bridge and outro
    _wait(qtbot, window)
    song = window.session.song
    assert all(_bars(song, t, range(18, 22)) == _bars(before, t, range(6, 10)) for t in range(2)), (
        window.last_message
    )
    copied = [s for s in song.sections if s.first_bar == 18]
    assert [(s.name, s.role, s.bars) for s in copied] == [("Chorus", "chorus", 4)]
    window.undo()
    assert window.session.song == before
