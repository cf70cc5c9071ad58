"""The Track panel's Width and Reverb in a real window (offscreen): each shows the instrument
family's default until set, a change is one undoable edit (a drag one edit at its release),
Default brings the family's value back, and the song renders differently."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from engine.song.song import MIN_REVERB_SEND_DB, PPQ, Note, Song, Track
from engine.sound.render import NoteRenderer, render
from engine.sound.space import FAMILY_SPACE
from engine.studio.models import Models
from tests.helpers.windows import window_on
from ui.main_window import MainWindow

CELLO, BASS = 0, 1
STRINGS_FAMILY = 42 // 8


def cello_and_bass() -> Song:
    """Two bars: a cello line in its singing register over a bass line."""
    cello = tuple(Note(beat * PPQ, 57 + (0, 4, 7, 9)[beat % 4], PPQ, 90) for beat in range(8))
    bass = tuple(Note(bar * 4 * PPQ, 40 + 5 * bar, 4 * PPQ, 80) for bar in range(2))
    return Song(
        title="Duo",
        bar_count=2,
        tracks=(Track("Cello", 42, notes=cello), Track("Bass", 33, notes=bass)),
    )


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, renderer: NoteRenderer) -> MainWindow:
    models = Models(renderer=lambda: renderer)
    return window_on(qtbot, tmp_path, models, cello_and_bass(), show=True)


def correlation(audio: npt.NDArray[np.float32]) -> float:
    """Left/right correlation of a render (1.0: the same signal in both speakers)."""
    left, right = audio[:, 0].astype(np.float64), audio[:, 1].astype(np.float64)
    return float(left @ right / np.sqrt((left @ left) * (right @ right)))


def alone(song: Song, index: int) -> Song:
    return dataclasses.replace(song, tracks=(song.tracks[index],))


def test_each_family_shows_its_default_greyed(window: MainWindow) -> None:
    panel = window.track_panel
    window.grid.set_selection([(CELLO, 0)])
    strings = FAMILY_SPACE[STRINGS_FAMILY]
    assert strings.reverb_send_db is not None
    assert panel.stereo_width.value.text() == f"{round(strings.width * 100)} % (default)"
    assert panel.reverb.value.text() == f"{round(strings.reverb_send_db):+d} dB (default)"
    assert not panel.stereo_width.value.isEnabled()
    assert not panel.stereo_width.default.isEnabled()
    assert "between the speakers" in panel.stereo_width.slider.toolTip()
    assert "shared room" in panel.reverb.slider.toolTip()
    window.grid.set_selection([(BASS, 0)])  # a bass: centred and dry
    assert panel.stereo_width.slider.value() == 0
    assert panel.stereo_width.value.text() == "0 % (default)"
    assert panel.reverb.value.text() == "Off (default)"
    assert not panel.reverb.default.isEnabled()


def test_a_drag_is_one_undoable_edit_and_default_resets(window: MainWindow) -> None:
    panel = window.track_panel
    window.grid.set_selection([(CELLO, 0)])
    before = len(window.session.history.past)
    slider = panel.stereo_width.slider
    slider.setSliderDown(True)  # the user holds the handle and drags
    for steps in range(50, 91, 5):
        slider.setValue(steps)
    assert window.session.song.tracks[CELLO].width is None  # nothing yet while dragging
    assert panel.stereo_width.value.text() == "90 %"
    slider.setSliderDown(False)  # released: one edit
    assert window.session.song.tracks[CELLO].width == 0.9
    assert len(window.session.history.past) == before + 1
    assert window.session.history.undo_label == "Set width of Cello"
    assert panel.stereo_width.value.isEnabled()
    assert panel.stereo_width.default.isEnabled()
    assert window.session.song.tracks[BASS].width is None  # the other track keeps its own

    panel.reverb.slider.setFocus()
    QTest.keyClick(panel.reverb.slider, Qt.Key.Key_Right)  # a key step is an edit of its own
    assert window.session.song.tracks[CELLO].reverb_send_db == -9.0
    assert panel.reverb.value.text() == "-9 dB"
    panel.reverb.slider.setValue(round(MIN_REVERB_SEND_DB))
    assert window.session.song.tracks[CELLO].reverb_send_db == MIN_REVERB_SEND_DB
    assert panel.reverb.value.text() == "Off"
    assert len(window.session.history.past) == before + 3

    window.undo()
    window.undo()
    assert window.session.song.tracks[CELLO].reverb_send_db is None
    assert panel.reverb.value.text() == "-10 dB (default)"
    window.undo()
    assert window.session.song.tracks[CELLO].width is None
    assert panel.stereo_width.value.text() == "50 % (default)"
    window.redo()
    assert window.session.song.tracks[CELLO].width == 0.9
    assert panel.stereo_width.slider.value() == 90

    panel.stereo_width.default.click()
    assert window.session.song.tracks[CELLO].width is None
    assert window.session.history.undo_label == "Default width of Cello"
    assert panel.stereo_width.value.text() == "50 % (default)"
    assert not panel.stereo_width.default.isEnabled()


def test_reset_mix_brings_back_the_familys_space(window: MainWindow) -> None:
    panel = window.track_panel
    window.grid.set_selection([(CELLO, 0)])
    panel.stereo_width.slider.setValue(20)
    panel.reverb.slider.setValue(-30)
    assert window.session.song.tracks[CELLO].reverb_send_db == -30.0
    reset = next(b for b in panel.findChildren(QPushButton) if b.text() == "Reset mix")
    reset.click()
    cello = window.session.song.tracks[CELLO]
    assert (cello.width, cello.reverb_send_db) == (None, None)
    assert window.session.history.undo_label == "Reset mix of Cello"
    assert panel.reverb.value.text() == "-10 dB (default)"


def test_a_drag_back_to_where_it_started_is_no_edit(window: MainWindow) -> None:
    window.grid.set_selection([(BASS, 0)])
    before = window.session.history
    slider = window.track_panel.stereo_width.slider
    slider.setSliderDown(True)
    slider.setValue(40)
    slider.setValue(0)
    slider.setSliderDown(False)
    assert window.session.history is before
    assert window.track_panel.stereo_width.value.text() == "0 % (default)"


def test_the_width_set_in_the_panel_widens_the_render(
    window: MainWindow, renderer: NoteRenderer
) -> None:
    panel = window.track_panel
    window.grid.set_selection([(CELLO, 0)])
    panel.stereo_width.slider.setValue(0)
    point = render(alone(window.session.song, CELLO), renderer)
    panel.stereo_width.slider.setValue(100)
    assert window.session.song.tracks[CELLO].width == 1.0
    wide = render(alone(window.session.song, CELLO), renderer)
    assert np.abs(wide).max() > 0.01
    assert correlation(wide) < correlation(point) - 0.2
    panel.reverb.slider.setValue(round(MIN_REVERB_SEND_DB))  # and the room: Off, less tail
    dry = render(alone(window.session.song, CELLO), renderer)
    frames = min(len(dry), len(wide))
    room = np.sqrt(np.mean((wide[:frames] - dry[:frames]) ** 2))  # what the room added
    assert room > 0.05 * np.sqrt(np.mean(dry**2))  # audible: within 26 dB of the dry sound
