"""A save killed at any moment (kill -9) leaves the last good project, and no litter after.

A child process saves a real project (two songs with takes, alternately) over and over; it is
killed with SIGKILL at random moments, many times. After each kill the file must load and equal
one of the two projects. Many kills land mid-save (a temporary file is left behind, which the
test counts so it cannot pass by killing only between saves), and the next save removes it.
The children are forked from this process, so each starts in milliseconds with the engine
already imported.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import time
from pathlib import Path

import pytest

from engine.project.project_file import load_project_with_takes, save_project
from engine.song.song import Song
from engine.song.takes import Take
from tests.engine.project.project_samples import rich_song, rich_takes

KILLS = 64
SEED = 9


def _project(number: int) -> tuple[Song, tuple[Take, ...]]:
    song = rich_song(f"Song {number}", shift=number)
    return song, rich_takes(song) * 8  # 16 takes: each save writes about 60 KB


def _save_for_ever(path: str) -> None:
    projects = [_project(0), _project(1)]
    for number in range(10**9):
        song, takes = projects[number % 2]
        save_project(song, path, takes)


def _temporaries(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="needs POSIX fork and SIGKILL"
)
def test_a_save_killed_at_any_moment_leaves_a_project_that_loads(tmp_path: Path) -> None:
    path = tmp_path / "song.json"
    expected = [_project(0), _project(1)]
    first_song, first_takes = expected[0]
    save_project(first_song, path, first_takes)
    rng = random.Random(SEED)
    context = multiprocessing.get_context("fork")
    left_mid_save = 0
    for _ in range(KILLS):
        saved_before = path.stat().st_mtime_ns
        child = context.Process(target=_save_for_ever, args=(str(path),), daemon=True)
        child.start()
        deadline = time.monotonic() + 30  # a hang guard only
        while path.stat().st_mtime_ns == saved_before and time.monotonic() < deadline:
            time.sleep(0.001)  # wait for the child's first save, so kills land among saves
        time.sleep(rng.uniform(0, 0.02))
        child.kill()
        child.join()
        assert child.exitcode == -9
        left_mid_save += bool(_temporaries(tmp_path))
        assert load_project_with_takes(path) in expected
    # Many kills hit a save in progress, so the test saw what a crash leaves behind...
    assert left_mid_save >= KILLS // 10
    # ...and the next save clears it.
    last_song, last_takes = expected[1]
    save_project(last_song, path, last_takes)
    assert _temporaries(tmp_path) == []
    assert load_project_with_takes(path) == expected[1]
    assert os.listdir(tmp_path) == ["song.json"]
