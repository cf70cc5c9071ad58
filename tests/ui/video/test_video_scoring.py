"""File → Score a Video in a real window (offscreen), through the Qt Multimedia backend that a
plain install uses (PyAV only makes the test video and checks the copy): a real video made
here is analysed, fitted and composed as background jobs; the song is a take plus a fit step
on the undo list, its sections start on the cuts; the strip shows thumbnails over the bars with
the cut markers at the right places; the Picture dock follows the transport's playhead (play,
loop back, stop); a click on the strip adds a cut and fits again; Export Scored Video writes a
muxed copy of the video's length; a file that is not a video is a message."""

from __future__ import annotations

from pathlib import Path

import av
import pytest
from PySide6.QtCore import QPointF, Qt, SignalInstance
from PySide6.QtMultimedia import QMediaPlayer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from engine.song.song import Song, Track
from engine.studio.models import Models
from engine.studio.scoring import Fitted, ScoreOptions
from engine.video.synthetic import make_shots_video
from tests.helpers.windows import window_on
from ui.video.picture import PictureDock
from ui.video.qt_media import QtMediaBackend
from ui.video.strip import bar_position


def _song() -> Song:
    return Song(title="Start", bar_count=4, tracks=(Track("Lead"),))


def test_a_video_is_scored_shown_over_the_bars_and_exported(
    qtbot: QtBot, tmp_path: Path, models: Models
) -> None:
    made = make_shots_video(tmp_path / "clip.mp4", [150, 150], fps=25)
    window = window_on(qtbot, tmp_path, models, _song(), show=True)
    window.video_scoring.backend = QtMediaBackend()
    assert window.actions_by_name["score_video"].text() == "Score a &Video…"
    file_menu = window.menuBar().actions()[0].menu()
    assert isinstance(file_menu, QMenu)
    assert window.actions_by_name["score_video"] in file_menu.actions()
    scored: list[Fitted] = []
    window.video_scoring.scored.connect(scored.append)
    assert window.video_scoring.score(made.path, ScoreOptions(style="lo-fi", seed=2))
    qtbot.waitUntil(lambda: bool(scored), timeout=120_000)
    song = window.document.song
    assert len(window.session.takes) == 1
    start = song.tick_to_seconds(song.bar_start_ticks[song.sections[1].first_bar])
    assert abs(start - made.cuts[0]) <= 0.05
    strip = window.video_scoring.strip
    assert window.video_scoring.dock.isVisible()
    assert len(strip._images) == 12
    assert bar_position(song, made.cuts[0]) == pytest.approx(song.sections[1].first_bar)
    geometry = window.grid.grid_geometry()
    one_bar = strip.x_of(song.tick_to_seconds(song.bar_start_ticks[1])) - strip.x_of(0.0)
    assert one_bar == pytest.approx(geometry.bar_width_px)
    image = strip.grab().toImage()
    x = round(strip.x_of(made.cuts[0]))
    assert image.pixelColor(x, 2).red() > 200  # the cut marker

    picture = window.video_scoring.picture
    assert picture is not None
    assert picture.dock.isVisible()
    _follows_the_transport(qtbot, window.transport.playhead_moved, picture, song)

    scored.clear()
    QTest.mouseClick(
        strip,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        QPointF(strip.x_of(9.0), 20).toPoint(),
    )
    assert strip.cuts is not None
    assert len(strip.cuts.times) == 2
    qtbot.waitUntil(lambda: bool(scored), timeout=120_000)
    assert len(window.session.takes) == 2

    exported: list[object] = []
    window.video_scoring.exported.connect(exported.append)
    assert window.video_scoring.export(tmp_path / "out.mp4")
    qtbot.waitUntil(lambda: bool(exported), timeout=120_000)
    with av.open(str(tmp_path / "out.mp4")) as container:
        assert sorted(s.type for s in container.streams) == ["audio", "video"]
        frames = sum(1 for _ in container.decode(container.streams.video[0]))
    assert frames == 300
    assert (tmp_path / "out.origin.json").exists()


def _shown_colour(picture: PictureDock) -> tuple[int, int, int]:
    image = picture.view.videoSink().videoFrame().toImage()
    colour = image.pixelColor(4, 4)
    return colour.red(), colour.green(), colour.blue()


def _follows_the_transport(
    qtbot: QtBot, playhead: SignalInstance, picture: PictureDock, song: Song
) -> None:
    """The transport's signal as a play, a loop back and a stop send it (the audio device is
    not involved): the picture seeks, plays, seeks back and pauses with it."""
    playing = QMediaPlayer.PlaybackState.PlayingState
    playhead.emit(round(song.seconds_to_tick(7.0)))  # play from 7 s: the second (green) shot
    qtbot.waitUntil(lambda: picture.player.playbackState() == playing, timeout=10_000)
    qtbot.waitUntil(lambda: 7000 <= picture.player.position() < 8000, timeout=10_000)
    qtbot.waitUntil(lambda: _shown_colour(picture) == pytest.approx((40, 160, 60), abs=24))
    playhead.emit(round(song.seconds_to_tick(1.0)))  # looped back to 1 s: the red shot
    qtbot.waitUntil(lambda: picture.player.position() < 2000, timeout=10_000)
    qtbot.waitUntil(lambda: _shown_colour(picture) == pytest.approx((200, 40, 40), abs=24))
    playhead.emit(None)  # stopped
    qtbot.waitUntil(lambda: picture.player.playbackState() != playing, timeout=10_000)
    assert picture.player.audioOutput() is None  # muted: the song is what is heard


def test_a_file_that_is_not_a_video_is_a_message(
    qtbot: QtBot, tmp_path: Path, models: Models
) -> None:
    bad = tmp_path / "notes.mp4"
    bad.write_text("not a video")
    window = window_on(qtbot, tmp_path, models, _song())
    window.video_scoring.backend = QtMediaBackend()
    errors: list[str] = []
    window.video_scoring.failed.disconnect()
    window.video_scoring.failed.connect(lambda text, _trace: errors.append(text))
    assert window.video_scoring.score(bad, ScoreOptions())
    qtbot.waitUntil(lambda: bool(errors), timeout=60_000)
    assert errors[0].startswith("cannot read the video notes.mp4")
    assert "not a video Qt can play" in errors[0]
