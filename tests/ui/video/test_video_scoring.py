"""File → Score a Video in a real window (offscreen): a real video made here is analysed,
fitted and composed as background jobs; the song is a take plus a fit step on the undo list,
its sections start on the cuts; the strip shows thumbnails over the bars with the cut markers
at the right places; a click on the strip adds a cut and fits again; Export Scored Video
writes a muxed copy of the video's length; a file that is not a video is a message."""

from __future__ import annotations

from pathlib import Path

import av
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from engine.song.song import Song, Track
from engine.studio.models import Models
from engine.studio.scoring import Fitted, ScoreOptions
from engine.video.synthetic import make_shots_video
from tests.helpers.windows import window_on
from ui.video.strip import bar_position


def _song() -> Song:
    return Song(title="Start", bar_count=4, tracks=(Track("Lead"),))


def test_a_video_is_scored_shown_over_the_bars_and_exported(
    qtbot: QtBot, tmp_path: Path, models: Models
) -> None:
    made = make_shots_video(tmp_path / "clip.mp4", [150, 150], fps=25)
    window = window_on(qtbot, tmp_path, models, _song(), show=True)
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
        assert [s.type for s in container.streams] == ["video", "audio"]
        frames = sum(1 for _ in container.decode(container.streams.video[0]))
    assert frames == 300
    assert (tmp_path / "out.origin.json").exists()


def test_a_file_that_is_not_a_video_is_a_message(
    qtbot: QtBot, tmp_path: Path, models: Models
) -> None:
    bad = tmp_path / "notes.mp4"
    bad.write_text("not a video")
    window = window_on(qtbot, tmp_path, models, _song())
    errors: list[str] = []
    window.video_scoring.failed.disconnect()
    window.video_scoring.failed.connect(lambda text, _trace: errors.append(text))
    assert window.video_scoring.score(bad, ScoreOptions())
    qtbot.waitUntil(lambda: bool(errors), timeout=60_000)
    assert errors[0].startswith("cannot read the video notes.mp4")
