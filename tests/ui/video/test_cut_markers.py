"""Editing the cut markers on the video strip with the mouse, offscreen: a click adds a cut, a
right click deletes the nearest, and a marker dragged along the strip moves its cut; each edit
is announced once (the window then fits the music again), and a press on a marker that is let
go where it was changes nothing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from engine.song.song import Song, TempoChange, Track
from engine.video.cuts import Cuts
from ui.video.strip import MARKER_GRAB_PX, VideoStrip

NO_MODIFIER = Qt.KeyboardModifier.NoModifier
LEFT = Qt.MouseButton.LeftButton


def _strip(qtbot: QtBot) -> tuple[VideoStrip, list[Cuts]]:
    """A strip over a 16-bar song at 120 BPM (2 s a bar, 32 s), with cuts at 6 s and 20 s."""
    song = Song(bar_count=16, tracks=(Track("Lead"),), tempos=(TempoChange(0, 120.0),))
    strip = VideoStrip()
    qtbot.addWidget(strip)
    strip.resize(16 * 72 + 40, strip.height())
    strip.show_video([], Cuts((6.0, 20.0), 32.0), song)
    changes: list[Cuts] = []
    strip.cuts_changed.connect(changes.append)
    return strip, changes


def _at(strip: VideoStrip, seconds: float) -> QPoint:
    return QPoint(round(strip.x_of(seconds)), 20)


def _drag(strip: VideoStrip, start: QPoint, end: QPoint) -> None:
    QTest.mousePress(strip, LEFT, NO_MODIFIER, start)
    for step in range(1, 5):
        QTest.mouseMove(strip, start + (end - start) * step / 4)
    QTest.mouseRelease(strip, LEFT, NO_MODIFIER, end)


def test_a_dragged_marker_moves_its_cut(qtbot: QtBot) -> None:
    strip, changes = _strip(qtbot)
    _drag(strip, _at(strip, 6.0) + QPoint(2, 0), _at(strip, 11.0))
    assert len(changes) == 1
    assert changes[0].times[1] == 20.0
    assert changes[0].times[0] == pytest.approx(11.0, abs=0.05)
    assert strip.cuts == changes[0]


def test_a_marker_let_go_where_it_was_changes_nothing(qtbot: QtBot) -> None:
    strip, changes = _strip(qtbot)
    start = _at(strip, 20.0)
    _drag(strip, start, start + QPoint(round(MARKER_GRAB_PX) - 2, 0))
    assert changes == []
    assert strip.cuts is not None
    assert strip.cuts.times == (6.0, 20.0)


def test_a_click_adds_a_cut_and_a_right_click_deletes_the_nearest(qtbot: QtBot) -> None:
    strip, changes = _strip(qtbot)
    QTest.mouseClick(strip, LEFT, NO_MODIFIER, _at(strip, 14.0))
    assert len(changes) == 1
    assert [round(t, 1) for t in changes[0].times] == [6.0, 14.0, 20.0]
    messages: list[str] = []
    strip.message.connect(messages.append)
    QTest.mouseClick(strip, Qt.MouseButton.RightButton, NO_MODIFIER, _at(strip, 10.0))
    assert len(changes) == 1  # no cut within half a second of 10 s: said, nothing deleted
    assert len(messages) == 1
    QTest.mouseClick(strip, Qt.MouseButton.RightButton, NO_MODIFIER, _at(strip, 19.8))
    assert len(changes) == 2
    assert [round(t, 1) for t in changes[1].times] == [6.0, 14.0]


def test_a_marker_dragged_past_the_end_stays_inside_the_video(qtbot: QtBot) -> None:
    strip, changes = _strip(qtbot)
    _drag(strip, _at(strip, 20.0), QPoint(strip.width() + 200, 20))
    # the end of the video is no place for a cut: the move is refused with a message
    assert changes == []
    assert strip.cuts is not None
    assert strip.cuts.times == (6.0, 20.0)
