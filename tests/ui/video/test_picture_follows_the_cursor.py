"""The Picture dock as a DAW's video window, in a real window (offscreen) on a real video made
here: while stopped it shows the frame where Play will start, and moves with the selection (a
click on the bar ruler or a cell, Home and End), with a tempo edit, and back there on Stop;
Play runs it from there in step with the playhead of a fake sound card the test pulls.

The video's shots are 2 s long, one per bar of the tune at 120 BPM, each its own flat colour
(`engine.video.synthetic.PALETTE`), so the colour of the frame on screen says which bar the
picture is at; a seek a frame short of a bar line shows the colour of the bar before."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtMultimedia import QMediaPlayer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from benchmarks.tunes import d_major_tune
from engine.studio.models import Models
from engine.video.synthetic import PALETTE, make_shots_video
from tests.helpers.fake_stream import FakeStream
from ui.main_window import MainWindow
from ui.panels.transport import AudioEngine
from ui.video.picture import PictureDock

SHOT_FRAMES = 50
"""2 s at 25 frames a second: one bar of 4/4 at 120 BPM."""
PLAYING = QMediaPlayer.PlaybackState.PlayingState


def _window(qtbot: QtBot, tmp_path: Path, models: Models, streams: list[FakeStream]) -> MainWindow:
    def sound_card(**settings: Any) -> FakeStream:
        streams.append(FakeStream(**settings))
        return streams[-1]

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    audio = AudioEngine(models, stream_factory=sound_card)
    window = MainWindow(recovery_dir=tmp_path / "recovery", settings=settings, audio=audio)
    window.confirm_discard = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    qtbot.addWidget(window)
    window.show()
    window.session.new(d_major_tune())  # eight bars of 4/4 at 120 BPM: 2 s a bar
    window.refresh()
    window.activateWindow()  # Space is a window shortcut
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.grid.setFocus()
    return window


def _shown_colour(picture: PictureDock) -> tuple[int, int, int]:
    """The colour at the top-left corner of the frame on screen (the moving square is in the
    middle): the video sink's current frame, as the video widget draws it."""
    frame = picture.view.videoSink().videoFrame()
    if not frame.isValid():
        return (-1, -1, -1)
    colour = frame.toImage().pixelColor(4, 4)
    return colour.red(), colour.green(), colour.blue()


def _shows_bar(qtbot: QtBot, picture: PictureDock, bar: int, *, paused: bool = True) -> None:
    """The picture settles on bar `bar`'s shot (paused on its first frame while stopped)."""
    expected = PALETTE[bar]

    def there() -> bool:
        colour = _shown_colour(picture)
        return all(abs(a - b) <= 24 for a, b in zip(colour, expected, strict=True))

    qtbot.waitUntil(there, timeout=10_000)
    if paused:
        assert picture.player.playbackState() != PLAYING
        qtbot.waitUntil(lambda: picture.player.position() == bar * 2000, timeout=10_000)


def _click_ruler(window: MainWindow, bar: int) -> None:
    box = window.grid.grid_geometry().bar_ruler_rect(bar)
    where = QPoint(box.x + box.width // 2, box.y + box.height // 2)
    QTest.mouseClick(window.grid.viewport(), Qt.MouseButton.LeftButton, pos=where)


def _click_cell(window: MainWindow, track: int, bar: int) -> None:
    box = window.grid.grid_geometry().cell_rect(track, bar)
    where = QPoint(box.x + box.width // 2, box.y + box.height // 2)
    QTest.mouseClick(window.grid.viewport(), Qt.MouseButton.LeftButton, pos=where)


@pytest.fixture
def video(tmp_path: Path) -> Path:
    made = make_shots_video(tmp_path / "shots.mp4", [SHOT_FRAMES] * 8, fps=25)
    assert made.cuts == pytest.approx([2.0 * shot for shot in range(1, 8)])
    return made.path


def test_stopped_the_picture_shows_where_play_starts(
    qtbot: QtBot, tmp_path: Path, models: Models, video: Path
) -> None:
    window = _window(qtbot, tmp_path, models, [])
    _click_cell(window, 0, 1)  # chosen before the video comes: it opens there
    assert list(window.document.selection) == [(0, 1)]
    picture = window.video_scoring.show_picture(video)
    assert picture.dock.isVisible()
    _shows_bar(qtbot, picture, 1)
    _click_ruler(window, 5)  # bar 6's number: the whole column
    assert list(window.document.selection) == [(0, 5), (1, 5)]
    _shows_bar(qtbot, picture, 5)
    _click_cell(window, 1, 2)
    _shows_bar(qtbot, picture, 2)
    QTest.keyClick(window.grid, Qt.Key.Key_End)
    assert list(window.document.selection) == [(1, 7)]
    _shows_bar(qtbot, picture, 7)
    QTest.keyClick(window.grid, Qt.Key.Key_Home)
    _shows_bar(qtbot, picture, 0)
    QTest.keyClick(window.grid, Qt.Key.Key_Right)
    _shows_bar(qtbot, picture, 1)  # bar 2 starts at 2 s at 120 BPM...
    window.transport.tempo.setValue(60.0)  # ...and at 4 s at 60 BPM: bar 3's shot
    _shows_bar(qtbot, picture, 2)
    window.document.undo()
    _shows_bar(qtbot, picture, 1)
    assert picture.player.audioOutput() is None  # muted: the song is what is heard


def test_play_runs_the_picture_from_the_cursor_and_stop_returns_it(
    qtbot: QtBot, tmp_path: Path, models: Models, video: Path
) -> None:
    streams: list[FakeStream] = []
    window = _window(qtbot, tmp_path, models, streams)
    picture = window.video_scoring.show_picture(video)
    _click_ruler(window, 2)
    _shows_bar(qtbot, picture, 2)
    QTest.keyClick(window.grid, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.transport.playing, timeout=60_000)
    # The playhead stands at 4 s until the sound card asks for sound: the picture plays there.
    qtbot.waitUntil(lambda: picture.player.playbackState() == PLAYING, timeout=10_000)
    _shows_bar(qtbot, picture, 2, paused=False)
    player = window.audio.player
    assert player is not None
    for _ in range(220):  # about 2.55 s of sound: the playhead passes 6 s, into bar 4
        qtbot.waitUntil(lambda: player.buffered_blocks >= 2, timeout=10_000)
        streams[-1].pull()
    qtbot.waitUntil(lambda: (window.grid.playhead_tick() or 0) > 3 * 1920, timeout=10_000)
    _shows_bar(qtbot, picture, 3, paused=False)
    assert picture.player.playbackState() == PLAYING
    QTest.keyClick(window.grid, Qt.Key.Key_Space)  # Stop: back to where Play started
    assert not window.transport.playing
    _shows_bar(qtbot, picture, 2)
