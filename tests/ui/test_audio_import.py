"""Audio to Notes in the window: a melody played into a fake microphone (or saved as a file)
becomes a locked track with its pitches, as one undoable edit; no microphone is a message, and
a microphone that hangs or goes away is a message in a dialog that keeps answering, with what
it recorded kept."""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import soundfile
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from benchmarks.transcription import render_fluidsynth
from benchmarks.tunes import d_major_tune
from engine.song.edits import select
from engine.song.song import Song
from engine.sound.playback import AudioDeviceError
from engine.sound.recording import LOST, NOT_ANSWERING, Recorder
from engine.studio.models import Models
from tests.helpers.fake_stream import FakeMicrophone, HangingMicrophone
from tests.helpers.responsive import assert_answers
from ui.audio_import import AudioToNotesDialog
from ui.main_window import MainWindow

RATE = 22_050
FLUTE = 73


TIMEOUT_S = 0.3
"""A short device timeout for the microphones that hang, so the tests wait little."""


class Microphones:
    """The dialog's microphone: fake input streams the test feeds, of `kind` (one that hangs,
    for a device that stopped answering)."""

    def __init__(self, kind: type[FakeMicrophone] = FakeMicrophone) -> None:
        self.kind = kind
        self.opened: list[FakeMicrophone] = []

    def open(self, **settings: Any) -> FakeMicrophone:
        self.opened.append(self.kind(**settings))
        return self.opened[-1]

    def release(self) -> None:
        for microphone in self.opened:
            if isinstance(microphone, HangingMicrophone):
                microphone.release()


@pytest.fixture(scope="module")
def melody() -> Song:
    """Eight bars of the fiddle line of `d_major_tune` on a flute."""
    line = select(d_major_tune(), [0])
    return dataclasses.replace(line, tracks=(dataclasses.replace(line.tracks[0], program=FLUTE),))


@pytest.fixture(scope="module")
def played(melody: Song) -> np.ndarray:
    return render_fluidsynth(melody, RATE)


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, models: Models) -> MainWindow:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    main = MainWindow(recovery_dir=tmp_path / "recovery", settings=settings, models=models)
    main.confirm_discard = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    qtbot.addWidget(main)
    return main


def _check_new_track(
    qtbot: QtBot, window: MainWindow, melody: Song, before: Song, name: str
) -> None:
    qtbot.waitUntil(lambda: not window.jobs.busy, timeout=120_000)
    song = window.session.song
    added = song.tracks[-1]
    assert (added.name, added.program) == (name, FLUTE)
    assert added.locked_bars == frozenset(range(song.bar_count))
    wanted = [note.pitch for note in melody.tracks[0].notes]
    heard = [note.pitch for note in added.notes]
    assert len(heard) >= 0.9 * len(wanted)
    assert set(heard) <= set(wanted)
    assert "notes" in window.last_message
    assert window.session.history.undo_label == f"Add {name} from audio"
    window.undo()
    assert window.session.song == before


def _record(qtbot: QtBot, dialog: AudioToNotesDialog) -> None:
    dialog.record.click()
    qtbot.waitUntil(lambda: dialog.state == "recording", timeout=10_000)
    assert dialog.status.text().startswith("recording")


def test_a_recorded_melody_becomes_a_locked_track(
    qtbot: QtBot, window: MainWindow, melody: Song, played: np.ndarray
) -> None:
    microphones = Microphones()
    dialog = AudioToNotesDialog(Recorder(microphones.open), parent=window)
    _record(qtbot, dialog)
    assert microphones.opened[0].started
    microphones.opened[0].feed(played)
    dialog.record.click()
    qtbot.waitUntil(lambda: dialog.source.text() == f"recording: {len(played) / RATE:.1f} s")
    request = dialog.request()
    assert request.audio is not None
    assert np.array_equal(request.audio, played.astype(np.float32))
    before = window.session.song
    window.audio_to_notes(request)
    _check_new_track(qtbot, window, melody, before, "Melody")


def test_a_clip_file_becomes_a_locked_track(
    qtbot: QtBot, window: MainWindow, melody: Song, played: np.ndarray, tmp_path: Path
) -> None:
    path = tmp_path / "hummed.wav"
    soundfile.write(str(path), played, RATE)
    dialog = AudioToNotesDialog(parent=window)
    dialog.choose_path(path)
    assert dialog.name.text() == "hummed"
    before = window.session.song
    window.audio_to_notes(dialog.request())
    _check_new_track(qtbot, window, melody, before, "hummed")


def test_no_microphone_is_a_message(qtbot: QtBot, window: MainWindow) -> None:
    def no_microphone(**_settings: Any) -> FakeMicrophone:
        raise AudioDeviceError("no microphone to record from")

    dialog = AudioToNotesDialog(Recorder(no_microphone), parent=window)
    dialog.record.click()
    qtbot.waitUntil(lambda: "no microphone" in dialog.status.text(), timeout=10_000)
    assert not dialog.record.isChecked()
    assert dialog.state == "idle"
    ok = dialog.buttons.buttons()[0]
    assert not ok.isEnabled()


def test_a_clip_joins_a_song_with_music_at_its_tempo(
    qtbot: QtBot, window: MainWindow, melody: Song, played: np.ndarray, tmp_path: Path
) -> None:
    window.session.new(d_major_tune())
    window.refresh()
    path = tmp_path / "descant.wav"
    soundfile.write(str(path), played, RATE)
    dialog = AudioToNotesDialog(parent=window)
    dialog.choose_path(path)
    before = window.session.song
    window.audio_to_notes(dialog.request())
    qtbot.waitUntil(lambda: not window.jobs.busy, timeout=120_000)
    song = window.session.song
    assert song.tracks[:2] == before.tracks
    assert song.tempos == before.tempos
    assert song.tracks[2].name == "descant"
    assert "estimated" not in window.last_message


@pytest.fixture
def hanging() -> Iterator[Microphones]:
    microphones = Microphones(HangingMicrophone)
    yield microphones
    microphones.release()


def test_a_microphone_that_hangs_never_freezes_the_dialog_and_keeps_the_take(
    qtbot: QtBot, hanging: Microphones
) -> None:
    dialog = AudioToNotesDialog(Recorder(hanging.open, device_timeout_s=TIMEOUT_S))
    qtbot.addWidget(dialog)
    dialog.show()
    _record(qtbot, dialog)
    microphone = hanging.opened[0]
    assert isinstance(microphone, HangingMicrophone)
    heard = (0.3 * np.sin(np.arange(RATE) * 0.02)).astype(np.float32)
    microphone.feed(heard)
    pressed = time.monotonic()
    dialog.record.click()  # Stop, and the microphone hangs in stop()
    assert not dialog.record.isChecked()
    assert_answers(qtbot, since=pressed, what="dialog")
    assert microphone.hung.wait(10)  # the microphone was asked to stop ...
    assert_answers(qtbot, what="dialog")  # ... and hangs there, while the dialog goes on answering
    qtbot.waitUntil(lambda: dialog.status.text() == NOT_ANSWERING, timeout=20_000)
    assert "MainThread" not in microphone.callers
    assert dialog.source.text() == "recording: 1.0 s"
    audio = dialog.request().audio
    assert audio is not None
    assert np.array_equal(audio, heard)  # nothing it recorded was lost
    assert dialog.buttons.buttons()[0].isEnabled()
    hanging.kind = FakeMicrophone  # a working microphone: recording again works
    _record(qtbot, dialog)
    dialog.record.click()
    qtbot.waitUntil(lambda: dialog.status.text() == "nothing was recorded")


def test_a_microphone_unplugged_mid_take_is_a_message_and_keeps_the_take(
    qtbot: QtBot,
) -> None:
    microphones = Microphones()
    dialog = AudioToNotesDialog(Recorder(microphones.open, device_timeout_s=TIMEOUT_S))
    qtbot.addWidget(dialog)
    dialog.show()
    _record(qtbot, dialog)
    heard = (0.3 * np.sin(np.arange(RATE // 2) * 0.02)).astype(np.float32)
    microphones.opened[0].feed(heard)
    threading.Thread(target=microphones.opened[0].vanish).start()  # from PortAudio's thread
    qtbot.waitUntil(lambda: dialog.status.text() == LOST, timeout=10_000)
    assert not dialog.record.isChecked()
    assert dialog.state == "idle"
    assert dialog.source.text() == "recording: 0.5 s"
    audio = dialog.request().audio
    assert audio is not None
    assert np.array_equal(audio, heard)


def test_the_clip_dialog_opens_in_the_folder_a_clip_was_last_chosen_from(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = QSettings(str(tmp_path / "clips.ini"), QSettings.Format.IniFormat)
    clips = tmp_path / "voice memos"
    clips.mkdir()
    hum = clips / "hum.wav"
    soundfile.write(hum, np.zeros(RATE, dtype=np.float32), RATE)
    starts: list[str] = []

    def choose(_parent: Any, _caption: str, start: str, _filters: str) -> tuple[str, str]:
        starts.append(start)
        return str(hum), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", choose)
    first = AudioToNotesDialog(settings=settings)
    qtbot.addWidget(first)
    first.choose.click()
    assert first.source.text() == "file: hum.wav"
    assert first.name.text() == "hum"
    again = AudioToNotesDialog(
        settings=QSettings(str(tmp_path / "clips.ini"), QSettings.Format.IniFormat)
    )
    qtbot.addWidget(again)
    again.choose.click()
    assert starts[0] != str(clips)
    assert starts[1] == str(clips.resolve())
