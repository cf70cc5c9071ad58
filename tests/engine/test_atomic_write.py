"""Saves keep the user's file: links stay links, permissions stay, killed saves leave no litter."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from engine.atomic_write import STALE_AFTER_S, remove_stale_temporaries, write_atomically
from engine.project.project_file import load_project, save_project
from tests.engine.project.project_samples import rich_song

POSIX_ONLY = pytest.mark.skipif(os.name != "posix", reason="POSIX links, modes and processes")


def _write(path: Path, data: bytes) -> None:
    write_atomically(path, lambda handle: handle.write(data))


@POSIX_ONLY
def test_saving_through_a_link_writes_its_target_and_keeps_the_link(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "song.json"
    link = tmp_path / "song.json"
    save_project(rich_song(), target)
    link.symlink_to(target)
    save_project(rich_song("Saved through the link"), link)
    assert link.is_symlink()
    assert os.readlink(link) == str(target)
    assert load_project(target).title == "Saved through the link"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["real", "song.json"]
    assert [p.name for p in (tmp_path / "real").iterdir()] == ["song.json"]


@POSIX_ONLY
def test_a_dangling_link_gets_its_target_created(tmp_path: Path) -> None:
    link = tmp_path / "song.json"
    link.symlink_to(tmp_path / "elsewhere.json")
    _write(link, b"new")
    assert link.is_symlink()
    assert (tmp_path / "elsewhere.json").read_bytes() == b"new"


@POSIX_ONLY
@pytest.mark.parametrize("mode", [0o644, 0o640, 0o600, 0o664, 0o444])
def test_an_existing_files_permissions_survive_a_save(tmp_path: Path, mode: int) -> None:
    path = tmp_path / "song.json"
    _write(path, b"old")
    path.chmod(mode)
    _write(path, b"new")
    assert stat.S_IMODE(path.stat().st_mode) == mode
    assert path.read_bytes() == b"new"


@POSIX_ONLY
@pytest.mark.parametrize("umask", [0o022, 0o027, 0o077, 0o002])
def test_a_new_file_gets_the_usual_mode_for_the_umask(tmp_path: Path, umask: int) -> None:
    old = os.umask(umask)
    try:
        _write(tmp_path / "new.json", b"x")
        open(tmp_path / "plain.txt", "w").close()
    finally:
        os.umask(old)
    made = stat.S_IMODE((tmp_path / "new.json").stat().st_mode)
    assert made == 0o666 & ~umask
    assert made == stat.S_IMODE((tmp_path / "plain.txt").stat().st_mode)


@POSIX_ONLY
def test_the_file_and_its_folder_are_flushed_to_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The folder is flushed after the rename, so a power cut cannot undo the rename."""
    flushed: list[tuple[str, bool]] = []
    real_fsync = os.fsync

    def record(descriptor: int) -> None:
        is_folder = stat.S_ISDIR(os.fstat(descriptor).st_mode)
        flushed.append(("folder" if is_folder else "file", (tmp_path / "a.json").exists()))
        real_fsync(descriptor)

    monkeypatch.setattr("engine.atomic_write.os.fsync", record)
    _write(tmp_path / "a.json", b"data")
    assert flushed == [("file", False), ("folder", True)]


def _stale_names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@POSIX_ONLY
def test_a_killed_writers_temporary_file_goes_at_the_next_save(tmp_path: Path) -> None:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()  # a process id that is now free
    dead = tmp_path / f".song.json.{child.pid}.0123abcd.tmp"
    dead.write_bytes(b"half a save")
    _write(tmp_path / "song.json", b"saved")
    assert _stale_names(tmp_path) == []


@POSIX_ONLY
def test_a_live_writers_temporary_file_is_left_alone(tmp_path: Path) -> None:
    """A second process saving the same file right now keeps its temporary file."""
    with subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"]) as writer:
        try:
            live = tmp_path / f".song.json.{writer.pid}.0123abcd.tmp"
            live.write_bytes(b"being written")
            ours = tmp_path / f".song.json.{os.getpid()}.89abcdef.tmp"
            ours.write_bytes(b"another thread of this process")
            _write(tmp_path / "song.json", b"saved")
            assert _stale_names(tmp_path) == sorted([live.name, ours.name])
        finally:
            writer.kill()
    writer.wait()
    assert remove_stale_temporaries(tmp_path / "song.json") == [live]


def test_an_old_temporary_file_goes_and_other_files_stay(tmp_path: Path) -> None:
    """Age alone marks a temporary file stale (a writer on another machine, or an old name)."""
    old = tmp_path / ".song.json.k2x9_ab1.tmp"  # as Python's tempfile named them
    young = tmp_path / ".song.json.q7w8e9r0.tmp"
    other_song = tmp_path / ".other.json.k2x9_ab1.tmp"
    not_ours = tmp_path / ".song.json.my notes.tmp"
    for path in (old, young, other_song, not_ours):
        path.write_bytes(b"x")
    long_ago = time.time() - STALE_AFTER_S - 5
    for path in (old, other_song, not_ours):
        os.utime(path, (long_ago, long_ago))
    _write(tmp_path / "song.json", b"saved")
    assert _stale_names(tmp_path) == sorted([young.name, other_song.name, not_ours.name])


def test_a_failed_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    def fail(_handle: object) -> None:
        raise RuntimeError("disk gone")

    with pytest.raises(RuntimeError, match="disk gone"):
        write_atomically(tmp_path / "song.json", fail)
    assert list(tmp_path.iterdir()) == []
