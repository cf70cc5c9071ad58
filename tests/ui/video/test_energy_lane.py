"""Redrawing a scored video's energy in a real window (offscreen), with the real model: a drag
on the energy lane under the thumbnails changes the curve the music follows, fits and
composes again, and the section under the stroke gets the drawn energy (a stroke finished
while the music is still being written is refused with a message); Ctrl+Z back past the
redraw puts the old curve and energies back, redo the drawn ones; saving writes the cuts and
the curve beside the project and reopening it shows them again without composing; a
double-click puts the picture's own curve back; a project without a video score opens as
before."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from engine.song.song import Song, Track
from engine.studio.models import Models
from engine.studio.scoring import Fitted, ScoreOptions
from engine.video.energy import load_score_file, painted, score_file_for
from engine.video.synthetic import make_shots_video
from tests.helpers.windows import window_on
from ui.main_window import MainWindow
from ui.video.energy_lane import EnergyLane

COMPOSED_MS = 180_000
"""A hang guard for one fit and compose of a 12 s video on a busy machine."""


def _mouse(lane: EnergyLane, kind: QEvent.Type, x: float, y: float) -> None:
    """A left-button press, move (with the button held) or release on the lane."""
    held = (
        Qt.MouseButton.NoButton
        if kind == QEvent.Type.MouseButtonRelease
        else Qt.MouseButton.LeftButton
    )
    button = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseMove else Qt.MouseButton.LeftButton
    point = QPointF(x, y)
    event = QMouseEvent(
        kind, point, lane.mapToGlobal(point), button, held, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(lane, event)


def _drag(lane: EnergyLane, start_s: float, end_s: float, value: float) -> None:
    xs = [lane.timeline.x_of(start_s + (end_s - start_s) * step / 8) for step in range(9)]
    y = lane.y_of(value)
    _mouse(lane, QEvent.Type.MouseButtonPress, xs[0], y)
    for x in xs[1:]:
        _mouse(lane, QEvent.Type.MouseMove, x, y)
    _mouse(lane, QEvent.Type.MouseButtonRelease, xs[-1], y)


def _energies(window: MainWindow) -> list[float | None]:
    return [section.energy for section in window.document.song.sections]


def test_the_energy_is_redrawn_undone_saved_and_reopened(
    qtbot: QtBot, tmp_path: Path, models: Models
) -> None:
    made = make_shots_video(tmp_path / "clip.mp4", [150, 150], fps=25)
    window = window_on(qtbot, tmp_path, models, Song("Start", 4, (Track("Lead"),)), show=True)
    scoring = window.video_scoring
    scored: list[Fitted] = []
    scoring.scored.connect(scored.append)
    assert scoring.score(made.path, ScoreOptions(style="lo-fi", seed=2))
    qtbot.waitUntil(lambda: bool(scored), timeout=COMPOSED_MS)
    lane = scoring.strip.energy
    picture = scored[0].analysis.energy
    assert lane.isVisible()
    assert lane.curve == picture
    assert not lane.drawn
    before = _energies(window)
    first = scored[0].fit.sections[0]
    assert first.start_s == 0.0
    assert first.end_s <= 6.0 + 1e-6  # the first section ends on (or before) the cut
    assert before[0] == first.energy < 0.6

    scored.clear()
    with qtbot.waitSignal(scoring.jobs.started, timeout=10_000):
        _drag(lane, 0.0, first.end_s - 0.5, 1.0)  # the first section but its last step, at full
        assert lane.drawn
    busy_with = lane.curve
    said: list[str] = []
    scoring.message.connect(said.append)
    scoring.energy_edits.redraw(painted(picture, (6.0, 0.0), (12.0, 0.0)))  # while it composes
    assert said == ["Still busy with New lofi…: draw the energy again after it"]
    assert lane.curve == busy_with
    qtbot.waitUntil(lambda: bool(scored), timeout=COMPOSED_MS)
    drawn = scored[0].energy
    assert drawn == lane.curve
    assert drawn.mean(0.0, first.end_s - 0.5) > 0.95
    assert drawn.mean(first.end_s, 12.0) == picture.mean(first.end_s, 12.0)
    after = _energies(window)
    assert after[0] is not None
    assert after[0] > 0.9
    assert after[0] == scored[0].fit.sections[0].energy
    assert after[1:] == before[1:]  # the picture's energy where nothing was drawn

    undo = window.actions_by_name["undo"]
    for _step in range(2):  # the fit (a step only where the tempo changes), then the compose
        if _energies(window) != before:
            assert undo.isEnabled()
            QTest.keyClick(window.grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _energies(window) == before
    assert lane.curve == picture
    assert scoring.fitted is not None
    assert scoring.fitted.energy == picture
    while window.actions_by_name["redo"].isEnabled():
        window.actions_by_name["redo"].trigger()
    assert _energies(window) == after
    assert lane.curve == drawn

    project = tmp_path / "clip.song.json"
    assert window.save_path(project)
    saved = load_score_file(project)
    assert saved is not None
    assert saved.drawn == drawn
    assert saved.cuts == scoring.fitted.cuts.times
    assert saved.video == made.path

    reopened = window_on(qtbot, tmp_path, models, Song("Other", 4, (Track("Lead"),)), show=True)
    assert reopened.open_path(project)
    lane2 = reopened.video_scoring.strip.energy
    qtbot.waitUntil(lambda: lane2.curve is not None, timeout=COMPOSED_MS)
    assert lane2.curve == drawn
    assert reopened.video_scoring.strip.cuts is not None
    assert reopened.video_scoring.strip.cuts.times == saved.cuts
    assert _energies(reopened) == after
    assert len(reopened.session.takes) == len(window.session.takes)  # shown, not composed
    assert not reopened.document.session.dirty

    scored2: list[Fitted] = []
    reopened.video_scoring.scored.connect(scored2.append)
    point = QPointF(lane2.timeline.x_of(3.0), lane2.y_of(0.5)).toPoint()
    QTest.mouseDClick(lane2, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    assert lane2.curve == lane2.picture
    qtbot.waitUntil(lambda: bool(scored2), timeout=COMPOSED_MS)
    assert scored2[0].energy == picture
    assert _energies(reopened)[0] == before[0]


def test_a_project_without_a_video_score_opens_as_before(
    qtbot: QtBot, tmp_path: Path, models: Models
) -> None:
    window = window_on(qtbot, tmp_path, models, Song("Plain", 4, (Track("Lead"),)))
    project = tmp_path / "plain.json"
    assert window.save_path(project)
    assert not score_file_for(project).exists()  # nothing scored, nothing written beside it
    assert window.open_path(project)
    assert window.video_scoring.fitted is None
    assert not window.video_scoring.dock.isVisible()
    score_file_for(project).write_text("{damaged")
    said: list[str] = []
    window.video_scoring.message.connect(said.append)
    assert window.open_path(project)
    assert window.document.song.title == "Plain"
    assert said
    assert "plain.video.json is not a readable video score" in said[0]
