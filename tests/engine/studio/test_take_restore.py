"""Restoring a take never changes a locked cell: a property over many random songs and takes,
then the same through the document and `tessera-cli takes --restore`."""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

import pytest

from app.cli import main
from engine.compose.requests import Lock
from engine.project.project_file import load_project_with_takes, save_project
from engine.song.edits import set_locked
from engine.song.song import PPQ, Cell, ControlEvent, Note, ProgramChange, Song, Track
from engine.song.takes import Take
from engine.studio.document import Document
from engine.studio.session import ProjectSession
from engine.studio.take_restore import TakeRestoreError, cell_content, restore_around_locks

BAR = 4 * PPQ
SEEDS = 400


def _track(rng: random.Random, name: str, bars: int) -> Track:
    """Notes that cross bar lines and repeat pitches (the cases that collide), and controls."""
    notes = []
    for _ in range(rng.randrange(0, 6 * bars)):
        start = rng.randrange(bars * BAR)
        length = min(rng.choice((PPQ // 2, PPQ, 3 * PPQ, 2 * BAR)), bars * BAR - start)
        notes.append(Note(start, rng.choice((60, 62, 64, 67)), length, rng.randrange(40, 120)))
    controls = [
        ControlEvent(rng.randrange(bars * BAR), "sustain", rng.choice((0, 127)))
        for _ in range(rng.randrange(0, 2 * bars))
    ]
    changes = [
        ProgramChange(b * BAR, rng.randrange(128)) for b in range(bars) if rng.random() < 0.2
    ]
    return Track(
        name,
        program=rng.randrange(128),
        notes=tuple(notes),
        controls=tuple(sorted(controls, key=lambda c: c.tick)),
        program_changes=tuple(changes),
    )


def _song(rng: random.Random, tracks: int, bars: int) -> Song:
    return Song(
        title="Take",
        bar_count=bars,
        tracks=tuple(_track(rng, f"T{i}", bars) for i in range(tracks)),
    )


def _locked(rng: random.Random, song: Song, share: float) -> Song:
    cells = [(t, b) for t in range(len(song.tracks)) for b in range(song.bar_count)]
    return set_locked(song, [c for c in cells if rng.random() < share], True)


def _pair(seed: int) -> tuple[Song, Song]:
    """A current song with locks and an older take: same meter, sometimes fewer tracks or bars
    (the song grew since), sometimes with locks of its own."""
    rng = random.Random(seed)
    tracks, bars = rng.randrange(1, 4), rng.randrange(2, 7)
    current = _locked(rng, _song(rng, tracks, bars), rng.choice((0.2, 0.5, 0.9)))
    take = _song(rng, rng.randrange(1, tracks + 1), rng.randrange(1, bars + 1))
    if rng.random() < 0.3:
        take = _locked(rng, take, 0.3)
    return current, take


def _changed_locked_cells(current: Song, restored: Song) -> list[Cell]:
    changed = []
    for index, track in enumerate(current.tracks):
        for bar in sorted(track.locked_bars):
            if (
                index >= len(restored.tracks)
                or bar not in restored.tracks[index].locked_bars
                or cell_content(current, index, bar) != cell_content(restored, index, bar)
            ):
                changed.append((index, bar))
    return changed


def test_no_locked_cell_changes_over_many_random_takes() -> None:
    naive_changed = 0
    for seed in range(SEEDS):
        current, take = _pair(seed)
        restored = restore_around_locks(current, take)
        assert _changed_locked_cells(current, restored.song) == [], f"seed {seed}"
        # Everything not locked is the take's, and the kept cells named are the ones it would
        # have changed when restored as it is.
        naive = _changed_locked_cells(current, take)
        assert sorted(restored.kept) == sorted(naive), f"seed {seed}"
        naive_changed += bool(naive)
        for index in range(len(take.tracks)):
            for bar in range(take.bar_count):
                if bar not in current.tracks[index].locked_bars and not _near_a_kept_note(
                    current, index, bar
                ):
                    assert cell_content(restored.song, index, bar) == cell_content(
                        take, index, bar
                    ), f"seed {seed}"
    assert naive_changed > SEEDS // 2  # the property is not vacuous: a plain restore breaks it


def _near_a_kept_note(current: Song, index: int, bar: int) -> bool:
    """A cell whose notes may be cut or dropped around a kept note of the same pitch."""
    return any(b in current.tracks[index].locked_bars for b in range(current.bar_count) if b != bar)


def test_a_take_in_another_meter_is_refused_while_cells_are_locked() -> None:
    current = set_locked(Song(title="4/4", bar_count=2, tracks=(Track("A"),)), [(0, 1)], True)
    take = Song(title="3/4", bar_count=2, tracks=(Track("A"),))
    take = dataclasses.replace(
        take,
        time_signatures=(dataclasses.replace(take.time_signatures[0], numerator=3),),
    )
    with pytest.raises(TakeRestoreError, match=r"meter differs.*1 locked cell"):
        restore_around_locks(current, take)


def _project_with_a_take(tmp_path: Path) -> tuple[Path, Song]:
    """A project whose take 1 rewrote bar 1 of the melody, which is locked since."""
    take_song = Song(
        title="Tune", bar_count=2, tracks=(Track("Lead", notes=(Note(0, 72, PPQ, 90),)),)
    )
    current = Song(
        title="Tune", bar_count=2, tracks=(Track("Lead", notes=(Note(0, 60, BAR, 90),)),)
    )
    current = set_locked(current, [(0, 0)], True)
    path = tmp_path / "tune.json"
    request = {"operation": "regenerate", "cells": [[0, 0]]}
    save_project(current, path, (Take("regenerate", request, 3, take_song),))
    return path, current


def test_the_document_names_the_locked_cells_it_kept(tmp_path: Path) -> None:
    path, current = _project_with_a_take(tmp_path)
    document = Document(ProjectSession(tmp_path / "recovery"))
    document.open(path)
    note = document.restore_take(1)
    assert note == "kept track 1 bar 1 as they are (locked)"
    assert document.song == current  # the only change the take had was in the locked cell
    document.undo()
    assert document.song == current


def test_cli_takes_restore_keeps_locked_cells(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, current = _project_with_a_take(tmp_path)
    assert main(["takes", str(path), "--restore", "1"]) == 0
    out = capsys.readouterr().out
    assert "restored take 1 (regenerate (seed 3): 1 cells); kept track 1 bar 1 as they are" in out
    song, takes = load_project_with_takes(path)
    assert song.tracks[0].notes == current.tracks[0].notes
    assert song.tracks[0].locked_bars == frozenset({0})
    assert len(takes) == 1


def test_a_lock_take_restored_after_unlocking_locks_again(tmp_path: Path) -> None:
    """Locks the take has come back with it; the current song's locks are never dropped."""
    song = Song(title="A", bar_count=2, tracks=(Track("A"),))
    session = ProjectSession(tmp_path / "recovery", song)
    locked = set_locked(session.song, [(0, 1)], True)
    session.commit_operation(Lock(((0, 1),)), 0, locked, "Lock")
    session.apply_edit(set_locked(session.song, [(0, 1)], False), "Unlock")
    session.apply_edit(set_locked(session.song, [(0, 0)], True), "Lock bar 1")
    restored = session.restore_take(1)
    assert session.song.tracks[0].locked_bars == frozenset({0, 1})
    assert restored.kept == ((0, 0),)
