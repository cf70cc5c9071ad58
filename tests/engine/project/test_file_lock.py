"""Project locks and file stamps on real files: nothing left behind, nothing hung on."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from engine.project.file_lock import FileStamp, holding, is_held, lock_path


def test_a_lock_on_a_name_that_stays_missing_leaves_no_hidden_file(tmp_path: Path) -> None:
    missing = tmp_path / "missing.json"
    with holding(missing):
        assert lock_path(missing).exists()
        assert is_held(missing)
    assert sorted(os.listdir(tmp_path)) == []


def test_a_lock_on_a_written_file_stays_for_the_next_writer(tmp_path: Path) -> None:
    song = tmp_path / "song.json"
    with holding(song):
        song.write_text("{}")
    assert lock_path(song).exists()  # removing a lock others may wait on would split them
    assert not is_held(song)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_a_pipe_in_place_of_a_project_is_not_read(tmp_path: Path) -> None:
    pipe = tmp_path / "song.json"
    os.mkfifo(pipe)
    assert FileStamp.of(pipe) is None  # would block for ever if it were read
    assert FileStamp.of(tmp_path / "none.json") is None
    (tmp_path / "real.json").write_bytes(b"[]")
    stamp = FileStamp.of(tmp_path / "real.json")
    assert stamp is not None
    assert stamp.size == 2
