"""A style card's Listen: a few bars composed by the shipped model and rendered offline off the
UI thread, once, then played by the window's player (a stand-in sound card here)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from engine.sound.soundfont import find_soundfont
from engine.studio.models import Models
from tests.helpers.fake_stream import FakeStream
from ui.main_window import MainWindow
from ui.panels.transport import AudioEngine
from ui.start.previews import PREVIEW_BARS


def test_listen_makes_a_preview_once_off_the_ui_thread_and_plays_it(
    qtbot: QtBot, tmp_path: Path, models: Models
) -> None:
    streams: list[FakeStream] = []

    def sound_card(**settings: Any) -> FakeStream:
        streams.append(FakeStream(**settings))
        return streams[-1]

    audio = AudioEngine(models, stream_factory=sound_card)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(
        recovery_dir=tmp_path / "recovery", settings=settings, models=models, audio=audio
    )
    window.confirm_discard = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    qtbot.addWidget(window)
    window.show()
    window.show_start_screen()
    page = window.start_page
    card = page.screen.cards.cards["folk-tune"]
    song_before = window.session.song

    QTest.mouseClick(card.listen, Qt.MouseButton.LeftButton)
    assert "folk-tune" not in page.previews.made  # the click returned before the work was done
    assert card.listen.text() == "Preparing…"
    qtbot.waitUntil(lambda: page.previews.playing == "folk-tune", timeout=120_000)
    preview = page.previews.made["folk-tune"]
    assert preview.song.bar_count == PREVIEW_BARS
    assert sum(len(track.notes) for track in preview.song.tracks) > 0
    find_soundfont()  # the standard sound set is installed here, so the preview is on it
    assert all(track.timbre.kind == "soundfont" for track in preview.song.tracks)
    assert preview.seconds > 0
    assert card.listen.text() == "■ Stop"
    qtbot.waitUntil(lambda: audio.state == "playing", timeout=30_000)
    # the player plays it (pulled until its mixer, on a thread of its own, has filled the block)
    qtbot.waitUntil(lambda: float(np.abs(streams[-1].pull(4096)).max()) > 0, timeout=30_000)
    assert window.session.song is song_before  # a preview is not the composer's song

    QTest.mouseClick(card.listen, Qt.MouseButton.LeftButton)  # Stop
    assert page.previews.playing is None
    assert card.listen.text() == "▶ Listen"
    assert audio.state == "stopped"

    QTest.mouseClick(card.listen, Qt.MouseButton.LeftButton)  # again: kept, no new render
    assert page.previews.playing == "folk-tune"
    assert page.previews.made["folk-tune"] is preview
    assert not page.previews.busy

    QTest.mouseClick(page.screen.grid_button, Qt.MouseButton.LeftButton)  # leaving stops it
    assert page.previews.playing is None
