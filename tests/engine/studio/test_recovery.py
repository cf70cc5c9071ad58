"""Crash recovery with real processes killed with SIGKILL, and saves that notice another writer.

A recovery copy must survive a second crash right after it was restored, and must never be
offered to a second window while the window that writes it is still running.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from engine.project.file_lock import FileChangedError, lock_path
from engine.project.project_file import load_project, save_project
from engine.song.edits import add_notes
from engine.song.song import PPQ, Note, Song, Track
from engine.studio.session import (
    ProjectSession,
    Recovery,
    discard_recovery_copy,
    find_recoveries,
)

ROOT = Path(__file__).resolve().parents[3]

# A session in a child process: 'edit' autosaves an edit (as the window's timer does), 'restore'
# restores the copy it finds and edits again without autosaving. Then it waits to be killed.
CHILD = """
import sys
from pathlib import Path
from engine.song.edits import add_notes
from engine.song.song import PPQ, Note, Song, Track
from engine.studio.session import ProjectSession, find_recoveries

mode, folder = sys.argv[1], Path(sys.argv[2])
if mode == "edit":
    session = ProjectSession(folder, Song(title="Idea", bar_count=2, tracks=(Track("Piano"),)))
    session.apply_edit(add_notes(session.song, 0, [Note(0, 64, PPQ, 90)]), "Add E")
    assert session.autosave()
else:
    session = ProjectSession(folder)
    [found] = find_recoveries(folder)
    session.restore(found)
    session.apply_edit(add_notes(session.song, 0, [Note(PPQ, 67, PPQ, 90)]), "Add G")
print("ready", flush=True)
sys.stdin.read()
"""


class Child:
    """A live child process holding a session, until `kill` (SIGKILL: no clean-up at all)."""

    def __init__(self, mode: str, folder: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", CHILD, mode, str(folder)],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        assert line == "ready\n", self.process.stderr.read() if self.process.stderr else line

    def kill(self) -> None:
        os.kill(self.process.pid, signal.SIGKILL)
        assert self.process.wait(timeout=30) == -signal.SIGKILL
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()


@pytest.fixture
def children() -> Iterator[list[Child]]:
    started: list[Child] = []
    yield started
    for child in started:
        if child.process.poll() is None:
            child.kill()


def test_a_second_crash_right_after_restoring_loses_nothing(
    tmp_path: Path, children: list[Child]
) -> None:
    folder = tmp_path / "recovery"
    children.append(Child("edit", folder))
    children[-1].kill()  # crash 1, after an autosave
    children.append(Child("restore", folder))
    children[-1].kill()  # crash 2: restored, edited again, killed before any autosave
    found = find_recoveries(folder)
    assert len(found) == 1  # the restored copy was kept, and not duplicated
    assert "'Idea' (an unsaved song)" in found[0].describe()
    session = ProjectSession(folder)
    session.restore(found[0])
    assert session.song.tracks[0].notes == (Note(0, 64, PPQ, 90),)  # the first edit survives
    assert session.dirty


def test_a_running_sessions_copy_is_never_offered_to_another(
    tmp_path: Path, children: list[Child]
) -> None:
    folder = tmp_path / "recovery"
    children.append(Child("edit", folder))
    assert len(list(folder.glob("*.json"))) == 1  # the copy is there, being kept up to date
    assert find_recoveries(folder) == []
    children[-1].kill()
    found = find_recoveries(folder)
    assert [r.title for r in found] == ["Idea"]


def _crashed(tmp_path: Path, children: list[Child]) -> tuple[Path, Recovery]:
    """A window that edited a song, autosaved and was killed: its folder and its one copy."""
    folder = tmp_path / "recovery"
    children.append(Child("edit", folder))
    children[-1].kill()
    [found] = find_recoveries(folder)
    return folder, found


def test_a_restored_copy_is_adopted_then_overwritten_and_removed_by_a_save(
    tmp_path: Path, children: list[Child]
) -> None:
    folder, found = _crashed(tmp_path, children)
    session = ProjectSession(folder)
    session.restore(found)
    assert session.recovery_path == found.project_path  # its copy is now this session's own
    session.apply_edit(add_notes(session.song, 0, [Note(PPQ, 67, PPQ, 90)]), "Add G")
    assert session.autosave()
    assert sorted(p.name for p in folder.glob("*.json")) == [found.project_path.name]
    assert len(load_project(found.project_path).tracks[0].notes) == 2
    session.save(tmp_path / "idea.json")
    assert list(folder.glob("*.json")) == []
    assert not lock_path(found.project_path).exists()


def test_a_declined_copy_is_discarded_and_not_offered_again(
    tmp_path: Path, children: list[Child]
) -> None:
    folder, found = _crashed(tmp_path, children)
    assert discard_recovery_copy(found)
    assert find_recoveries(folder) == []
    assert list(folder.iterdir()) == []


def test_a_copy_held_by_a_live_session_cannot_be_discarded(
    tmp_path: Path, children: list[Child]
) -> None:
    folder, found = _crashed(tmp_path, children)
    children.append(Child("restore", folder))  # another window restored it and runs on
    assert not discard_recovery_copy(found)
    assert found.project_path.exists()


def _project(tmp_path: Path) -> Path:
    path = tmp_path / "song.json"
    save_project(Song(title="Shared", bar_count=2, tracks=(Track("Piano"),)), path)
    return path


def test_a_save_over_another_programs_change_is_refused_naming_the_file(tmp_path: Path) -> None:
    path = _project(tmp_path)
    session = ProjectSession(tmp_path / "recovery")
    session.open(path)
    other = add_notes(load_project(path), 0, [Note(0, 72, PPQ, 90)])
    save_project(other, path)  # another program saves meanwhile
    session.apply_edit(add_notes(session.song, 0, [Note(PPQ, 60, PPQ, 90)]), "Add C")
    with pytest.raises(FileChangedError, match=r"song\.json was changed by another program"):
        session.save()
    assert load_project(path) == other  # nothing was overwritten
    assert session.dirty
    session.save(overwrite=True)  # the composer chose to overwrite
    assert load_project(path) == session.song
    session.apply_edit(add_notes(session.song, 0, [Note(2 * PPQ, 62, PPQ, 90)]), "Add D")
    session.save()  # its own last save is not someone else's change


def test_a_file_rewritten_with_the_same_content_is_not_a_change(tmp_path: Path) -> None:
    path = _project(tmp_path)
    session = ProjectSession(tmp_path / "recovery")
    session.open(path)
    save_project(load_project(path), path)  # rewritten, new mtime, same bytes
    session.apply_edit(add_notes(session.song, 0, [Note(0, 60, PPQ, 90)]), "Add C")
    session.save()
    assert load_project(path) == session.song


def test_a_restored_copy_still_notices_a_change_made_before_the_crash(tmp_path: Path) -> None:
    path = _project(tmp_path)
    folder = tmp_path / "recovery"
    crashed = ProjectSession(folder)
    crashed.open(path)
    crashed.apply_edit(add_notes(crashed.song, 0, [Note(0, 60, PPQ, 90)]), "Add C")
    crashed.autosave()
    crashed._recovery_hold.release()  # type: ignore[union-attr]  # as the OS does on a crash
    save_project(add_notes(load_project(path), 0, [Note(0, 72, PPQ, 90)]), path)  # meanwhile
    session = ProjectSession(folder)
    [found] = find_recoveries(folder)
    session.restore(found)
    with pytest.raises(FileChangedError, match=r"song\.json"):
        session.save()
