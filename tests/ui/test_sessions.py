"""Sessions as a returning composer meets them: Open Recent after a restart, a declined recovery
gone for good, dialogs in the folder last used with the song's name, the key shown and changed
as one undo step, MP3 export from the window, and a percentage on a running job.

Windows share a real INI settings file in the test's folder; a crashed session is a real
process that autosaves and dies without closing."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import threading
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import soundfile
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from benchmarks.tunes import d_major_tune
from engine.project.midi.files import export_midi
from engine.project.project_file import save_project
from engine.song.song import Song, Track
from engine.studio.models import Models
from engine.studio.session import find_recoveries
from ui.folders import FileKind, remember_folder, safe_file_name, suggested_path
from ui.main_window import MainWindow
from ui.project_files import read_recent

Button = QMessageBox.StandardButton
ROOT = Path(__file__).resolve().parents[2]


def _settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "tessera.ini"), QSettings.Format.IniFormat)


def _window(qtbot: QtBot, tmp_path: Path, models: Models) -> MainWindow:
    """A window as the app starts one, on the test's settings file and recovery folder."""
    main = MainWindow(
        recovery_dir=tmp_path / "recovery", settings=_settings(tmp_path), models=models
    )
    main.confirm_discard = lambda: Button.Discard  # type: ignore[method-assign]
    qtbot.addWidget(main)
    return main


def _recent_entries(window: MainWindow) -> list[tuple[str, bool, str]]:
    """Open Recent as shown: (text, enabled, tooltip) of each file entry."""
    assert window.recent_menu is not None
    return [
        (action.text(), action.isEnabled(), action.toolTip())
        for action in window.recent_menu.actions()
        if action.toolTip().endswith((".json", ".mid"))
    ]


def _stored_in_another_process(tmp_path: Path) -> list[str]:
    """The recent list as a fresh process reads it from the settings file (a real restart)."""
    script = textwrap.dedent(
        f"""
        import json
        from PySide6.QtCore import QSettings
        from ui.project_files import read_recent
        settings = QSettings({str(tmp_path / "tessera.ini")!r}, QSettings.Format.IniFormat)
        print(json.dumps(read_recent(settings)))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,  # a hang guard only
        check=True,
    )
    return list(json.loads(done.stdout))


def test_open_recent_survives_a_restart_and_greys_a_missing_file(
    qtbot: QtBot, tmp_path: Path, models: Models
) -> None:
    project, midi = tmp_path / "first.json", tmp_path / "second.mid"
    save_project(d_major_tune(), project)
    export_midi(d_major_tune(), midi)
    first = _window(qtbot, tmp_path, models)
    assert first.open_path(project)
    assert first.open_path(midi)
    first.close()
    stored = [str(midi.resolve()), str(project.resolve())]
    assert _stored_in_another_process(tmp_path) == stored

    restarted = _window(qtbot, tmp_path, models)
    assert _recent_entries(restarted) == [
        ("second.mid", True, stored[0]),
        ("first.json", True, stored[1]),
    ]
    restarted.close()

    midi.unlink()  # moved away between two runs
    third = _window(qtbot, tmp_path, models)
    assert _recent_entries(third) == [
        ("second.mid (missing)", False, stored[0]),
        ("first.json", True, stored[1]),
    ]
    assert not third.open_recent(stored[0])  # gone since the menu was filled: dropped
    assert "second.mid is no longer at" in third.last_message
    assert read_recent(third.settings) == [stored[1]]
    assert [text for text, _, _ in _recent_entries(third)] == ["first.json"]
    assert third.open_recent(stored[1])
    assert third.document.song.title == d_major_tune().title


def test_a_single_recent_file_reads_back_as_a_list(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    assert read_recent(settings) == []
    settings.setValue("recent", ["/songs/only.json"])  # an INI file stores a list of one as text
    settings.sync()
    assert read_recent(_settings(tmp_path)) == ["/songs/only.json"]


CRASH = """
import os, sys
from pathlib import Path
from engine.song.edits import add_notes
from engine.song.song import Note, Song, Track
from engine.studio.session import ProjectSession
song = Song(title=sys.argv[2], bar_count=2, tracks=(Track("Piano"),))
session = ProjectSession(Path(sys.argv[1]), song)
session.apply_edit(add_notes(song, 0, [Note(0, 64, 480, 90)]), "Add E")
assert session.autosave()
os._exit(9)  # no clean close: the copy stays, and the OS drops its lock
"""


def _crash(recovery: Path, title: str) -> None:
    """A real Tessera process that autosaves a song and dies without closing."""
    done = subprocess.run(
        [sys.executable, "-c", CRASH, str(recovery), title], cwd=ROOT, timeout=120, check=False
    )
    assert done.returncode == 9


def test_declined_recoveries_are_not_offered_at_the_next_start(
    qtbot: QtBot, tmp_path: Path, models: Models, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two crashes left two copies; the composer says No to each: both are gone, and the next
    window offers nothing (offering only the newest left the older one for the next start)."""
    recovery = tmp_path / "recovery"
    _crash(recovery, "Older")
    _crash(recovery, "Newer")
    assert [r.title for r in find_recoveries(recovery)] == ["Newer", "Older"]
    asked: list[str] = []

    def answer_no(_parent: Any, _title: str, text: str, *_rest: Any) -> Button:
        asked.append(text)
        return Button.No

    monkeypatch.setattr(QMessageBox, "question", answer_no)
    window = _window(qtbot, tmp_path, models)
    assert not window.offer_recovery()  # the real question, answered No
    assert len(asked) == 2
    assert "'Newer'" in asked[0]
    assert "'Older'" in asked[1]
    assert window.last_message.startswith("discarded 'Older'")
    assert find_recoveries(recovery) == []
    assert sorted(p.name for p in recovery.iterdir()) == []  # no copy, note or lock left
    window.close()

    restarted = _window(qtbot, tmp_path, models)
    assert not restarted.offer_recovery(lambda r: pytest.fail(f"{r.title} offered again"))


def test_accepting_an_older_copy_keeps_it_and_discards_the_declined_newer(
    qtbot: QtBot, tmp_path: Path, models: Models
) -> None:
    recovery = tmp_path / "recovery"
    _crash(recovery, "Older")
    _crash(recovery, "Newer")
    window = _window(qtbot, tmp_path, models)
    assert window.offer_recovery(lambda r: r.title == "Older")
    assert window.document.song.title == "Older"
    assert window.last_message.startswith("restored 'Older'")
    assert find_recoveries(recovery) == []  # Newer deleted; Older is this window's, held


def test_suggested_paths_use_the_last_folder_and_the_song_title(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    exports, project_dir = tmp_path / "exports", tmp_path / "projects"
    exports.mkdir()
    project_dir.mkdir()
    beside = project_dir / "song.json"
    # Nothing remembered yet: beside the open project.
    assert suggested_path(settings, FileKind.AUDIO_EXPORT, "My Song", ".mp3", beside) == str(
        project_dir / "My Song.mp3"
    )
    remember_folder(settings, FileKind.AUDIO_EXPORT, exports / "earlier.wav")
    assert suggested_path(
        _settings(tmp_path), FileKind.AUDIO_EXPORT, 'Rain: "Live" / take 2', ".ogg", beside
    ) == str(exports / "Rain Live take 2.ogg")
    # Each kind has its own folder; an open dialog gets the folder alone.
    assert suggested_path(settings, FileKind.MIDI_EXPORT, None, "", beside) == str(project_dir)
    # A remembered folder that was removed is passed over.
    exports.rmdir()
    assert suggested_path(settings, FileKind.AUDIO_EXPORT, "x", ".wav", beside) == str(
        project_dir / "x.wav"
    )


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("悲伤的歌", "悲伤的歌"),
        ("  a  b  ", "a b"),
        ("...", "Untitled"),
        ("CON", "Untitled"),
        ("x" * 200, "x" * 80),
        ("a\tb\nc?", "a b c"),
    ],
)
def test_safe_file_names(title: str, name: str) -> None:
    assert safe_file_name(title) == name


def test_export_audio_dialog_remembers_folder_and_format(
    qtbot: QtBot, tmp_path: Path, models: Models, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first Export Audio suggests the title as a WAV; the composer picks MP3 in another
    folder and types no suffix; an MP3 is written there, and the next dialog starts there with
    .mp3 and the MP3 type chosen."""
    window = _window(qtbot, tmp_path, models)
    window.studio.new(d_major_tune())
    shared = tmp_path / "shared"
    shared.mkdir()
    seen: list[tuple[str, str]] = []

    def save_as(_parent: Any, _caption: str, start: str, filters: str, chosen: str) -> Any:
        seen.append((start, chosen))
        mp3 = next(f for f in filters.split(";;") if "*.mp3" in f)
        return str(shared / "for video"), mp3

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    window.choose_and_export_audio()
    qtbot.waitUntil(lambda: not window.jobs.busy, timeout=120_000)
    title = safe_file_name(d_major_tune().title)
    assert Path(seen[0][0]).name == f"{title}.wav"
    assert "*.wav" in seen[0][1]
    assert window.last_message.startswith("exported for video.mp3: "), window.last_message
    audio, rate = soundfile.read(shared / "for video.mp3", dtype="float32")
    assert rate == 44_100
    assert audio.shape[1] == 2
    assert float(np.sqrt(np.mean(audio**2))) > 1e-3  # music, not silence
    window.choose_and_export_audio()
    qtbot.waitUntil(lambda: not window.jobs.busy, timeout=120_000)
    assert seen[1][0] == str(shared / f"{title}.mp3")
    assert "*.mp3" in seen[1][1]


def test_the_key_is_shown_and_changed_as_one_undo_step(
    qtbot: QtBot, tmp_path: Path, models: Models
) -> None:
    window = _window(qtbot, tmp_path, models)
    window.studio.new(Song(title="Key", bar_count=2, tracks=(Track("Piano"),)))
    box = window.key_box
    assert window.statusBar().isAncestorOf(box)
    assert box.text() == "Key: No key"
    box.choices["D minor"].trigger()
    assert window.document.song.key_at(0) is not None
    assert window.document.song.key_at(0).name == "D minor"  # type: ignore[union-attr]
    assert box.text() == "Key: D minor"
    assert box.choices["D minor"].isChecked()
    assert window.session.history.undo_label == "Set key to D minor"
    box.choices["Bb major"].trigger()
    assert box.text() == "Key: Bb major"
    window.undo()
    assert box.text() == "Key: D minor"
    window.undo()
    assert window.document.song.key_at(0) is None
    assert box.text() == "Key: No key"
    window.redo()
    assert box.text() == "Key: D minor"
    before = window.session.history.undo_label
    box.choices["D minor"].trigger()  # the key it already has: no new step
    assert window.session.history.undo_label == before
    assert len(box.choices) == 25 + 4 * 12  # and a church mode on each tonic
    box.choices["E dorian"].trigger()
    key = window.document.song.key_at(0)
    assert key is not None
    assert (key.sharps_flats, key.mode) == (2, "dorian")
    assert box.text() == "Key: E dorian"
    assert box.choices["E dorian"].isChecked()


def test_a_running_job_shows_its_percentage(qtbot: QtBot, tmp_path: Path, models: Models) -> None:
    window = _window(qtbot, tmp_path, models)
    reported, release = threading.Event(), threading.Event()

    def work(progress: Any) -> str:
        progress(42, 100)
        reported.set()
        release.wait(30)  # a hang guard only
        return "done"

    assert window.jobs.run("Exporting audio…", work, lambda _r: None, window.show_error)
    assert window.last_message == "Exporting audio… (no percentage yet)"
    qtbot.waitUntil(lambda: window.last_message == "Exporting audio… 42%", timeout=10_000)
    assert window.progress.value() == 42
    assert window.progress.text() == "42%"
    release.set()
    qtbot.waitUntil(lambda: not window.jobs.busy, timeout=10_000)
    assert window.progress.isHidden()


def test_save_and_export_midi_suggest_the_title_in_the_last_folder(
    qtbot: QtBot, tmp_path: Path, models: Models, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(qtbot, tmp_path, models)
    window.studio.new(Song(title="Night/Drive?", bar_count=2, tracks=(Track("Piano"),)))
    songs = tmp_path / "songs"
    songs.mkdir()
    starts: list[str] = []
    answers = iter([str(songs / "night drive"), str(songs / "night drive"), ""])

    def save_as(_parent: Any, _caption: str, start: str, _filters: str) -> tuple[str, str]:
        starts.append(start)
        return next(answers), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    assert window.choose_and_save()  # typed without .json
    assert (songs / "night drive.json").is_file()
    assert Path(starts[0]).name == "Night Drive.json"
    window.choose_and_export()  # no MIDI folder yet: beside the project, named by the title
    assert starts[1] == str(songs / "Night Drive.mid")
    assert (songs / "night drive.mid").is_file()
    window.choose_and_save()  # Save As an existing project suggests its own file
    assert starts[2] == str(songs / "night drive.json")
    window.close()
    again = _window(qtbot, tmp_path, models)
    again.studio.new(Song(title="Second", bar_count=2, tracks=(Track("Piano"),)))
    assert again._suggested(FileKind.PROJECT, ".json") == str(songs.resolve() / "Second.json")


def test_a_real_export_counts_up_in_the_status_bar(
    qtbot: QtBot, tmp_path: Path, models: Models
) -> None:
    window = _window(qtbot, tmp_path, models)
    window.studio.new(d_major_tune())
    said: list[str] = []
    shown = window.say

    def record(text: str) -> None:
        said.append(text)
        shown(text)

    window.say = record  # type: ignore[method-assign]
    window.export_audio_to(tmp_path / "tune.ogg")
    qtbot.waitUntil(lambda: not window.jobs.busy, timeout=120_000)
    assert said[0] == "Exporting audio… (no percentage yet)"
    percents = [int(text[len("Exporting audio… ") : -1]) for text in said[1:-1]]
    assert all(text.endswith("%") for text in said[1:-1])
    assert percents == sorted(percents)
    assert any(0 < p < 100 for p in percents)
    assert percents[-1] == 100
    assert said[-1].startswith("exported tune.ogg: ")
