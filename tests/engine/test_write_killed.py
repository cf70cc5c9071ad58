"""A save, autosave or export killed at any moment (kill -9) leaves the last good file, and no
litter after the next write.

For each kind of write, a child process writes one of two real contents, alternately, over and
over; it is killed with SIGKILL at random moments, many times. After each kill the file must
read back (with the app's own reader) as one of the two. Many kills land mid-write (a temporary
file is left behind, which the test counts so it cannot pass by killing only between writes),
and the next write removes it. The children are forked from this process, so each starts in
milliseconds with the engine already imported.
"""

from __future__ import annotations

import json
import multiprocessing
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
import soundfile

from engine.project.midi.files import export_midi, read_midi
from engine.project.project_file import load_project_with_takes, save_project
from engine.sound.audio_files import write_audio
from engine.studio.session import ProjectSession
from tests.engine.project.project_samples import rich_song, rich_takes

KILLS = 48
SEED = 9


@dataclass(frozen=True)
class Writer:
    """One kind of write: `write(path, n)` writes content n % 2; `read(path)` what a user gets
    back from the file, comparable with `==`."""

    name: str
    file_name: str
    write: Callable[[Path, int], None]
    read: Callable[[Path], object]


def _project(number: int) -> tuple[object, ...]:
    song = rich_song(f"Song {number}", shift=number)
    return song, rich_takes(song) * 8  # 16 takes: each save writes about 60 KB


PROJECTS = [_project(0), _project(1)]


def _save(path: Path, number: int) -> None:
    song, takes = PROJECTS[number % 2]
    save_project(song, path, takes)  # type: ignore[arg-type]


def _export_midi(path: Path, number: int) -> None:
    export_midi(PROJECTS[number % 2][0], path)  # type: ignore[arg-type]


def _midi_notes(path: Path) -> object:
    return [track.notes for track in read_midi(path).song.tracks]


SECONDS = 2.0
TONES = [
    (0.3 * np.sin(np.arange(int(44_100 * SECONDS)) * f * 2 * np.pi / 44_100))
    .astype(np.float32)
    .repeat(2)
    .reshape(-1, 2)
    for f in (220.0, 330.0)
]


def _export_audio(path: Path, number: int) -> None:
    write_audio(path, TONES[number % 2])


def _tone_number(path: Path) -> object:
    audio, _ = soundfile.read(path, dtype="float32")
    matches = [n for n, tone in enumerate(TONES) if np.abs(audio - tone).max() < 2**-22]
    return matches[0] if matches else None


SESSION: list[ProjectSession] = []
"""The autosaving session, made before the children fork so each writes the same copy."""


def _autosave(_path: Path, number: int) -> None:
    session = SESSION[0]
    song, takes = PROJECTS[number % 2]
    session.apply_edit(song, "edit")  # type: ignore[arg-type]
    session.takes = takes  # type: ignore[assignment]
    session.autosave()


def _recovered(_path: Path) -> object:
    """The recovery copy and its note of when and what it was (this process holds the copy's
    lock, so `find_recoveries` rightly does not offer it here: read it as it would)."""
    copy = SESSION[0].recovery_path
    meta = json.loads(copy.with_suffix(".meta").read_text("utf-8"))
    assert meta["saved_at"] > 0
    return load_project_with_takes(copy)


WRITERS = [
    Writer("project save", "song.json", _save, load_project_with_takes),
    Writer("MIDI export", "song.mid", _export_midi, _midi_notes),
    Writer("audio export", "song.wav", _export_audio, _tone_number),
    Writer("autosave", "recovery", _autosave, _recovered),
]


def _write_for_ever(writer: Writer, path: Path) -> None:
    for number in range(10**9):
        writer.write(path, number)


def _temporaries(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def _mtimes(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in folder.iterdir() if not p.name.endswith(".tmp")}


@pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="needs POSIX fork and SIGKILL"
)
@pytest.mark.parametrize("writer", WRITERS, ids=[w.name for w in WRITERS])
def test_a_write_killed_at_any_moment_leaves_a_file_that_reads(
    tmp_path: Path, writer: Writer
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    SESSION[:] = [ProjectSession(folder)]
    path = folder / writer.file_name
    expected = []
    for number in (0, 1):
        writer.write(path, number)
        expected.append(writer.read(path))
    assert expected[0] != expected[1]
    rng = random.Random(SEED)
    context = multiprocessing.get_context("fork")
    left_mid_write = 0
    for _ in range(KILLS):
        before = _mtimes(folder)
        child = context.Process(target=_write_for_ever, args=(writer, path), daemon=True)
        child.start()
        deadline = time.monotonic() + 30  # a hang guard only
        while _mtimes(folder) == before and time.monotonic() < deadline:
            time.sleep(0.001)  # wait for the child's first write, so kills land among writes
        time.sleep(rng.uniform(0, 0.02))
        child.kill()
        child.join()
        assert child.exitcode == -9
        left_mid_write += bool(_temporaries(folder))
        assert writer.read(path) in expected
    # Many kills hit a write in progress, so the test saw what a crash leaves behind...
    assert left_mid_write >= KILLS // 10
    # ...and the next write clears it.
    writer.write(path, 1)
    assert _temporaries(folder) == []
    assert writer.read(path) == expected[1]
