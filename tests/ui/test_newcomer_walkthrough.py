"""A newcomer's first session, scripted on the real window with the shipped models, in English
and in Simplified Chinese: first launch shows the start screen -> describe a song -> regenerate
twice -> lock -> drag a note in the piano roll with the mouse -> export MIDI and MP3 -> quit ->
reopen from Open Recent.

Screenshots of each step are kept as test artefacts: in pytest's temporary folder, and also in
`$TESSERA_TEST_ARTEFACTS/walkthrough-<language>/` when that variable names a folder.
"""

from __future__ import annotations

import dataclasses
import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import mido
import pytest
import soundfile
from PySide6.QtCore import QPoint, QPointF, QRectF, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from engine.song.song import Note, Song
from engine.studio.models import Models
from ui.i18n import install_translator, translate
from ui.main_window import MainWindow
from ui.start.launch import open_at_launch

SENTENCES = {"en": "a cheerful folk tune, 8 bars", "zh_CN": "欢快的民谣，8小节"}
MENU_WORDS = {"en": ("&File", "&Compose"), "zh_CN": ("文件(&F)", "作曲(&C)")}


@pytest.fixture(params=["en", "zh_CN"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    code = install_translator(qapp, request.param)
    assert code == request.param
    yield code
    install_translator(qapp, "en")


def _window(qtbot: QtBot, folder: Path, models: Models) -> MainWindow:
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(recovery_dir=folder / "recovery", settings=settings, models=models)
    window.confirm_discard = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    return window


class Shots:
    """Screenshots of the steps, numbered in order."""

    def __init__(self, folder: Path, language: str) -> None:
        self.folders = [folder / f"walkthrough-{language}"]
        kept = os.environ.get("TESSERA_TEST_ARTEFACTS")
        if kept:
            self.folders.append(Path(kept) / f"walkthrough-{language}")
        for where in self.folders:
            where.mkdir(parents=True, exist_ok=True)
        self.count = 0

    def take(self, window: MainWindow, step: str) -> None:
        self.count += 1
        picture = window.grab()
        assert not picture.isNull()
        for where in self.folders:
            assert picture.save(str(where / f"{self.count:02d}-{step}.png"))


def _press(qtbot: QtBot, window: MainWindow, key: Qt.Key) -> None:
    window.grid.setFocus()
    QTest.keyClick(window.grid, key)
    qtbot.waitUntil(lambda: not window.jobs.busy, timeout=180_000)


def _note_to_drag(song: Song) -> tuple[int, Note]:
    """A note of a melodic track that starts and ends in bar 1 (bars 3 and 4 are locked)."""
    bar_end = song.bar_start_ticks[1]
    for index, track in enumerate(song.tracks):
        if track.is_drum:
            continue
        inside = [n for n in song.notes_in_bar(index, 0) if n.end_tick <= bar_end and n.pitch < 120]
        if inside:
            return index, inside[0]
    raise AssertionError("the described song has no melodic note inside bar 1 to drag")


def _drag_note_up(qtbot: QtBot, window: MainWindow, track: int, note: Note, semitones: int) -> Note:
    """Press on the drawn rectangle of `note` in the piano roll, move the mouse up by
    `semitones` rows and release, as a composer drags; returns the note under the press."""
    window.grid.set_selection([(track, 0)])  # the piano roll shows the cell clicked in the grid
    roll = window.piano_roll
    roll.set_zoom(96, 12)  # a sixteenth 24 px wide and a row 12 px high: a clear target
    x, y, width, height = roll.roll_geometry.note_rect(note)
    roll.view.ensureVisible(QRectF(x, y, width, height), 40, 60)
    qtbot.waitExposed(roll.view.viewport())
    press_scene = QPointF(x + min(width / 3, 8.0), y + height / 2)  # clear of the resize edge
    hit = roll.roll_geometry.hit_test(roll.notes_in_z_order(), press_scene.x(), press_scene.y())
    assert hit is not None
    viewport = roll.view.viewport()
    start = roll.view.mapFromScene(press_scene)
    end = start - QPoint(0, round(semitones * roll.roll_geometry.key_height_px))
    assert viewport.rect().contains(start)
    assert viewport.rect().contains(end)
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, 5):
        QTest.mouseMove(viewport, start + (end - start) * step / 4)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    return hit.note


def _menu_titles(window: MainWindow) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def test_a_newcomers_first_session(
    qtbot: QtBot, tmp_path: Path, models: Models, language: str
) -> None:
    shots = Shots(tmp_path, language)
    window = _window(qtbot, tmp_path, models)
    open_at_launch(window, [])
    assert window.start_page.showing  # first launch: the start screen, not an empty grid
    for word in MENU_WORDS[language]:
        assert word in _menu_titles(window)
    shots.take(window, "start-screen")

    # Describe a song in a sentence; what was understood shows before composing.
    screen = window.start_page.screen
    screen.sentence.insert(SENTENCES[language])
    assert screen.chips.request().preset
    screen.compose.click()
    qtbot.waitUntil(lambda: not window.jobs.busy and not window.start_page.showing, timeout=180_000)
    song = window.session.song
    assert song.bar_count == 8
    assert any(track.notes for track in song.tracks)
    assert len(window.session.takes) == 1
    shots.take(window, "described-song")

    # Regenerate twice: two new ideas, each its own take.
    cells = [(0, 2), (0, 3)]
    window.grid.set_selection(cells)
    before = window.session.song
    _press(qtbot, window, Qt.Key.Key_R)
    first = window.session.song
    _press(qtbot, window, Qt.Key.Key_R)
    second = window.session.song
    assert len(window.session.takes) == 3
    assert first != before
    assert second != first
    shots.take(window, "regenerated-twice")

    # Lock the cells; a third press leaves them as they are.
    _press(qtbot, window, Qt.Key.Key_L)
    assert all(bar in window.session.song.tracks[0].locked_bars for _, bar in cells)
    locked_notes = [window.session.song.notes_in_bar(0, bar) for _, bar in cells]
    _press(qtbot, window, Qt.Key.Key_R)
    assert [window.session.song.notes_in_bar(0, bar) for _, bar in cells] == locked_notes
    shots.take(window, "locked")

    # Edit a note outside the locked bars with the mouse: drag it up two semitones.
    track, note = _note_to_drag(window.session.song)
    before = Counter(window.session.song.tracks[track].notes)
    dragged = _drag_note_up(qtbot, window, track, note, semitones=2)
    assert dragged == note  # the press lands on the note aimed at
    raised = dataclasses.replace(note, pitch=note.pitch + 2)  # same start, two semitones up
    after = Counter(window.session.song.tracks[track].notes)
    assert after == before - Counter([note]) + Counter([raised])
    assert window.session.history.undo_label == translate("MainWindow", "Edit notes")
    shots.take(window, "note-edited")

    # Save, export MIDI and MP3.
    project = tmp_path / "first-song.song.json"
    assert window.save_path(project)
    midi = tmp_path / "first-song.mid"
    assert window.export_path(midi)
    assert sum(len(t) for t in mido.MidiFile(str(midi)).tracks) > 10
    mp3 = tmp_path / "first-song.mp3"
    window.export_audio_to(mp3)
    qtbot.waitUntil(lambda: not window.jobs.busy and mp3.is_file(), timeout=300_000)
    info = soundfile.info(str(mp3))
    assert info.duration == pytest.approx(window.session.song.duration_seconds, abs=3.0)
    shots.take(window, "exported")
    saved = window.session.song
    window.close()

    # Quit and reopen from Open Recent in a new window with the same settings.
    again = _window(qtbot, tmp_path, models)
    assert again.recent_menu is not None
    recent = [a.text() for a in again.recent_menu.actions() if a.text()]
    assert any("first-song" in text for text in recent)
    assert again.open_recent(str(project))
    assert again.session.song == saved
    shots.take(again, "reopened")
    assert shots.count == 7
