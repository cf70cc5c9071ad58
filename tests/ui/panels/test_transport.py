"""Listening in the window: the transport plays the session's song through a fake sound card,
the playhead follows, loops follow the selection, tempo and the mix are undoable edits, header
Mute/Solo buttons work with the mouse, and Export Audio writes the engine's render. A sound card
that stops answering, or vanishes, is a message in a window that keeps answering."""

from __future__ import annotations

import dataclasses
import threading
import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import soundfile
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from benchmarks.tunes import d_major_tune
from engine.compose.operations import Lock
from engine.song.song import Song
from engine.sound.device import NOT_ANSWERING
from engine.sound.playback import AudioDeviceError, Player, bar_range_seconds
from engine.sound.render import NoteRenderer, render
from engine.sound.timbre import TimbreModel
from engine.studio.models import Models
from tests.helpers.fake_stream import FakeStream, HangingStream
from tests.helpers.responsive import assert_answers
from ui.main_window import MainWindow
from ui.panels.transport import AudioEngine


class Devices:
    """The window's sound card: fake streams the test pulls (of `kind`: one that hangs, for a
    device that stopped answering), or none at all."""

    def __init__(self, present: bool = True, kind: type[FakeStream] = FakeStream) -> None:
        self.present, self.kind = present, kind
        self.streams: list[FakeStream] = []

    def open(self, **settings: Any) -> FakeStream:
        if not self.present:
            raise AudioDeviceError("no audio output device to play through")
        self.streams.append(self.kind(**settings))
        return self.streams[-1]


def _window(qtbot: QtBot, tmp_path: Path, devices: Devices, models: Models) -> MainWindow:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    audio = AudioEngine(models, stream_factory=devices.open)
    main = MainWindow(recovery_dir=tmp_path / "recovery", settings=settings, audio=audio)
    main.confirm_discard = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    qtbot.addWidget(main)
    main.show()
    main.session.new(d_major_tune())
    main.refresh()
    main.activateWindow()  # window shortcuts such as Space need the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main)
    main.grid.setFocus()
    return main


@pytest.fixture
def devices() -> Devices:
    return Devices()


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, devices: Devices, models: Models) -> MainWindow:
    return _window(qtbot, tmp_path, devices, models)


def _play(qtbot: QtBot, window: MainWindow) -> None:
    QTest.keyClick(window.grid, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.transport.playing, timeout=60_000)


def test_space_plays_and_the_playhead_follows(
    qtbot: QtBot, window: MainWindow, devices: Devices
) -> None:
    _play(qtbot, window)
    assert window.transport.play_action.text() == "Stop"
    stream = devices.streams[-1]
    player = window.audio.player
    assert player is not None
    for _ in range(200):  # about 2.3 s of sound, each block once it is mixed
        qtbot.waitUntil(lambda: player.buffered_blocks >= 2, timeout=10_000)
        stream.pull()
    qtbot.waitUntil(lambda: (window.grid.playhead_tick() or 0) > 1920, timeout=10_000)
    assert window.transport.position.text().startswith("2.")  # bar 2 at 120 BPM after 2.3 s
    QTest.keyClick(window.grid, Qt.Key.Key_Space)
    assert window.grid.playhead_tick() is None
    qtbot.waitUntil(lambda: player.state == "stopped")  # the device thread stops the stream
    assert window.transport.play_action.text() == "Play"


def test_loop_plays_the_selected_bars(qtbot: QtBot, window: MainWindow) -> None:
    window.grid.set_selection([(0, 2), (0, 3)])
    window.transport.loop_action.setChecked(True)
    _play(qtbot, window)
    player = window.audio.player
    assert player is not None
    song = window.session.song
    assert player.position_seconds == bar_range_seconds(song, 2, 4)[0]
    assert player._loop == tuple(round(s * 44_100) for s in bar_range_seconds(song, 2, 4))
    window.transport.stop()


def test_return_to_start_while_stopped_plays_from_bar_one_until_the_selection_moves(
    qtbot: QtBot, window: MainWindow
) -> None:
    """W while stopped is a DAW's Return to Start: Play starts at bar 1 (and the Picture dock's
    cue goes there), not at the selected bar, until the composer selects again."""
    song = window.session.song
    bar_3 = bar_range_seconds(song, 2, 3)[0]
    cues: list[float] = []
    window.transport.cue_moved.connect(cues.append)
    window.grid.set_selection([(0, 2)])
    assert window.transport.cue_seconds() == bar_3
    QTest.keyClick(window.grid, Qt.Key.Key_W)
    assert window.transport.cue_seconds() == 0.0
    assert cues[-1] == 0.0
    assert window.transport.position.text().startswith("1.")
    _play(qtbot, window)
    player = window.audio.player
    assert player is not None
    assert player.position_seconds == 0.0
    window.transport.stop()
    qtbot.waitUntil(lambda: not window.transport.playing)
    assert cues[-1] == 0.0  # Stop goes back to where Play started: bar 1
    window.grid.set_selection([(0, 3)])
    assert window.transport.cue_seconds() == bar_range_seconds(song, 3, 4)[0]
    assert cues[-1] == bar_range_seconds(song, 3, 4)[0]


def test_tempo_is_an_undoable_edit(window: MainWindow) -> None:
    window.transport.tempo.setValue(90.0)
    assert window.session.song.tempos[0].tempo_bpm == 90.0
    assert window.session.history.undo_label == "Set tempo to 90 BPM"
    window.undo()
    assert window.session.song.tempos[0].tempo_bpm == 120.0
    assert window.transport.tempo.value() == 120.0


def test_header_mute_and_solo_buttons(window: MainWindow) -> None:
    geometry = window.grid.grid_geometry()
    for solo, field in ((False, "muted"), (True, "solo")):
        box = geometry.mix_button_rect(1, solo=solo)
        centre = QPoint(box.x + box.width // 2, box.y + box.height // 2)
        QTest.mouseClick(window.grid.viewport(), Qt.MouseButton.LeftButton, pos=centre)
        assert getattr(window.session.song.tracks[1], field)
        assert not getattr(window.session.song.tracks[0], field)
    assert window.session.history.undo_label == "Solo Cello"
    window.undo()
    window.undo()
    assert not window.session.song.tracks[1].muted
    assert window.grid.selection() == []  # the buttons do not select the track


def test_track_panel_mix_edits(window: MainWindow) -> None:
    window.grid.set_selection([(1, 0)])
    panel = window.track_panel
    assert panel.track_index == 1
    panel.gain.setFocus()
    for _ in range(6):  # six half-decibel steps down
        QTest.keyClick(panel.gain, Qt.Key.Key_Left)
    assert window.session.song.tracks[1].gain_db == -3.0
    panel.pan.setValue(-40)
    assert window.session.song.tracks[1].pan == -0.4
    assert panel.pan_value.text() == "L40"
    panel.name.setText("Bass")
    panel.name.editingFinished.emit()
    assert window.session.song.tracks[1].name == "Bass"
    panel.mute.click()
    assert window.session.song.tracks[1].muted
    window.undo()
    assert not window.session.song.tracks[1].muted
    assert window.session.song.tracks[1].name == "Bass"


def test_export_audio_writes_the_engine_render(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, timbre_model: TimbreModel
) -> None:
    path = tmp_path / "tune.wav"
    window.export_audio_to(path)
    qtbot.waitUntil(lambda: not window.jobs.busy, timeout=120_000)
    assert window.last_message.startswith("exported tune.wav")
    written, _ = soundfile.read(path, dtype="float32")
    expected = render(window.session.song, NoteRenderer(timbre_model))  # a cache of its own
    assert written.shape == expected.shape
    assert np.abs(written - expected).max() < 1e-4


def test_no_sound_card_is_a_message(qtbot: QtBot, tmp_path: Path, models: Models) -> None:
    window = _window(qtbot, tmp_path, Devices(present=False), models)
    QTest.keyClick(window.grid, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: "no audio output device" in window.last_message, timeout=60_000)
    assert window.transport.play_action.text() == "Play"
    assert not window.transport.playing


def _device_callers(player: Player) -> list[str]:
    """The threads that call the player's `play` and `stop` (which reach the sound card)."""
    callers: list[str] = []
    for name in ("play", "stop"):
        method = getattr(player, name)

        def recorded(*args: Any, _method: Any = method, **kwargs: Any) -> None:
            callers.append(threading.current_thread().name)
            _method(*args, **kwargs)

        setattr(player, name, recorded)
    return callers


def test_a_device_that_stops_answering_never_freezes_the_window(
    qtbot: QtBot, tmp_path: Path, models: Models
) -> None:
    devices = Devices(kind=HangingStream)
    window = _window(qtbot, tmp_path, devices, models)
    assert window.audio.player is not None
    callers = _device_callers(window.audio.player)
    _play(qtbot, window)
    stream = devices.streams[-1]
    assert isinstance(stream, HangingStream)
    try:
        stream.pull()
        pressed = time.monotonic()
        QTest.keyClick(window.grid, Qt.Key.Key_Space)  # Stop, and the device hangs in stop()
        assert window.transport.play_action.text() == "Play"
        assert_answers(qtbot, since=pressed)
        assert stream.hung.wait(10)  # the device was asked to stop ...
        assert_answers(qtbot)  # ... and hangs there, while the window goes on answering
        qtbot.waitUntil(lambda: NOT_ANSWERING in window.last_message, timeout=20_000)
        assert set(callers) == {"tessera-audio-device"}  # Play and Stop, never the UI thread
        assert "MainThread" not in stream.callers
        assert not window.transport.playing
        devices.kind = FakeStream  # the composer plugs a working device in and plays again
        _play(qtbot, window)
        assert window.transport.play_action.text() == "Stop"
        window.transport.stop()
    finally:
        stream.release()


def test_a_device_that_vanishes_while_playing_is_a_message(
    qtbot: QtBot, window: MainWindow, devices: Devices
) -> None:
    _play(qtbot, window)
    devices.streams[-1].pull()
    devices.streams[-1].vanish()  # unplugged: PortAudio ends the stream
    qtbot.waitUntil(lambda: "audio device stopped while playing" in window.last_message)
    assert window.transport.play_action.text() == "Play"
    assert not window.transport.playing
    assert_answers(qtbot)


def _listen_to_a_muted_take(qtbot: QtBot, window: MainWindow) -> Song:
    """Record a take with every track muted, go back to the song, and listen to the take;
    returns the song as it was (and still is)."""
    original = window.session.song
    muted = dataclasses.replace(
        original, tracks=tuple(dataclasses.replace(t, muted=True) for t in original.tracks)
    )
    window.session.commit_operation(Lock(((0, 0),)), 1, muted, "Lock 1 cell")
    window.session.apply_edit(original, "Back")
    window.refresh()
    window.takes.list.setCurrentRow(0)
    window.takes.listen.click()
    qtbot.waitUntil(lambda: window.transport.playing, timeout=60_000)
    return original


def test_listen_plays_a_take_without_restoring_it(
    qtbot: QtBot, window: MainWindow, devices: Devices, tmp_path: Path
) -> None:
    original = _listen_to_a_muted_take(qtbot, window)
    assert window.last_message == "playing take 1"
    player = window.audio.player
    assert player is not None
    heard = []
    for _ in range(40):
        qtbot.waitUntil(lambda: player.buffered_blocks >= 2, timeout=10_000)
        heard.append(devices.streams[-1].pull())
    assert not np.concatenate(heard).any()  # the take's tracks are all muted
    assert window.session.song == original  # listening restores nothing
    window.transport.stop()


def test_listening_to_a_take_stays_on_it_while_the_song_is_edited(
    qtbot: QtBot, window: MainWindow, devices: Devices
) -> None:
    _listen_to_a_muted_take(qtbot, window)
    player = window.audio.player
    assert player is not None

    def pull(blocks: int) -> np.ndarray:
        heard = []
        for _ in range(blocks):
            qtbot.waitUntil(lambda: player.buffered_blocks >= 2, timeout=10_000)
            heard.append(devices.streams[-1].pull())
        return np.concatenate(heard)

    assert not pull(10).any()
    window.transport.tempo.setValue(100.0)  # an edit to the song while the take plays
    window.refresh()
    assert window.session.song.tempos[0].tempo_bpm == 100.0
    assert not pull(80).any()  # still the muted take, well past the mixed-ahead buffer
    assert window.transport.playing
    assert window.takes.hearing.text() == "Listening to take 1"
    window.takes.back.click()  # back to the song: heard from the next mixed block, no restart
    assert window.takes.hearing.text() == "Hearing the song"
    assert pull(80).any()
    assert len(devices.streams) == 1
    window.transport.stop()
