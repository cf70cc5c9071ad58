"""Audio to Notes in the window: a melody played into a fake microphone (or saved as a file)
becomes a locked track with its pitches, as one undoable edit; no microphone is a message."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import soundfile
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from benchmarks.transcription import render_fluidsynth
from benchmarks.tunes import d_major_tune
from engine.song.edits import select
from engine.song.song import Song
from engine.sound.playback import AudioDeviceError
from engine.sound.recording import Recorder
from engine.studio.models import Models
from ui.audio_import import AudioToNotesDialog
from ui.main_window import MainWindow

RATE = 22_050
FLUTE = 73


class FakeMicrophone:
    """Stands in for sounddevice.InputStream: the test feeds blocks through its callback."""

    def __init__(self, **settings: Any) -> None:
        self.samplerate = settings["samplerate"]
        self.callback = settings["callback"]
        self.started = False

    def start(self) -> None:
        self.started = True

    def stop(self) -> None:
        self.started = False

    def close(self) -> None:
        pass

    def play_in(self, audio: np.ndarray, block: int = 512) -> None:
        for first in range(0, len(audio), block):
            chunk = audio[first : first + block, None].astype(np.float32)
            self.callback(chunk, len(chunk), None, None)


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


def test_a_recorded_melody_becomes_a_locked_track(
    qtbot: QtBot, window: MainWindow, melody: Song, played: np.ndarray
) -> None:
    microphones: list[FakeMicrophone] = []

    def open_microphone(**settings: Any) -> FakeMicrophone:
        microphones.append(FakeMicrophone(**settings))
        return microphones[-1]

    dialog = AudioToNotesDialog(Recorder(open_microphone), parent=window)
    dialog.record.click()
    assert microphones[0].started
    microphones[0].play_in(played)
    dialog.record.click()
    assert dialog.source.text() == f"recording: {len(played) / RATE:.1f} s"
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


def test_no_microphone_is_a_message(window: MainWindow) -> None:
    def no_microphone(**_settings: Any) -> FakeMicrophone:
        raise AudioDeviceError("no microphone to record from")

    dialog = AudioToNotesDialog(Recorder(no_microphone), parent=window)
    dialog.record.click()
    assert not dialog.record.isChecked()
    assert "no microphone" in dialog.status.text()
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
