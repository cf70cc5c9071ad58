"""Undo history and the project session: saving, takes, autosave and crash recovery."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.compose.operations import Lock
from engine.errors import TesseraError
from engine.project.midi.files import export_midi
from engine.project.project_file import load_project_with_takes
from engine.song.edits import add_notes, set_locked
from engine.song.song import PPQ, Note, Song, Track
from engine.song.undo import MAX_UNDO_STEPS, History, HistoryError
from engine.studio.session import ProjectSession, find_recoveries


def _song(title: str = "Draft") -> Song:
    return Song(title=title, bar_count=4, tracks=(Track("Lead", 0, notes=(Note(0, 60, PPQ, 90),)),))


def _edited(song: Song, pitch: int) -> Song:
    return add_notes(song, 0, [Note(PPQ, pitch, PPQ, 80)])


def test_undo_and_redo_walk_the_songs_with_their_labels() -> None:
    first = _song()
    second, third = _edited(first, 62), _edited(first, 64)
    history = History(first).push(second, "Add D").push(third, "Add E")
    assert history.undo_label == "Add E"
    back = history.undo()
    assert (back.present, back.undo_label, back.redo_label) == (second, "Add D", "Add E")
    assert back.undo().present == first
    assert back.undo().redo().redo().present == third
    branched = back.push(_edited(first, 65), "Add F")
    assert not branched.can_redo
    with pytest.raises(HistoryError, match="nothing to undo"):
        History(first).undo()
    with pytest.raises(HistoryError, match="nothing to redo"):
        history.redo()
    assert History(first).push(first, "no change") == History(first)


def test_the_history_keeps_its_newest_steps() -> None:
    history = History(_song())
    for pitch in range(MAX_UNDO_STEPS + 20):
        history = history.push(_edited(_song(), pitch % 100), f"step {pitch}")
    assert len(history.past) == MAX_UNDO_STEPS


def test_a_session_saves_its_takes_and_knows_when_it_is_dirty(tmp_path: Path) -> None:
    session = ProjectSession(tmp_path / "recovery", _song())
    locked = set_locked(session.song, [(0, 1)])
    session.commit_operation(Lock(((0, 1),)), 0, locked, "Lock 1 cell")
    assert session.dirty
    with pytest.raises(TesseraError, match="choose where to save"):
        session.save()
    with pytest.raises(TesseraError, match="not a project file"):
        session.save(tmp_path / "x.mid")
    session.save(tmp_path / "draft.json")
    assert not session.dirty
    song, takes = load_project_with_takes(tmp_path / "draft.json")
    assert song == locked
    assert [t.operation for t in takes] == ["lock"]
    session.undo()
    assert session.dirty
    session.restore_take(1)
    assert session.song == locked


def test_opening_midi_keeps_the_file_and_asks_for_a_project_name(tmp_path: Path) -> None:
    export_midi(_song("Tune"), tmp_path / "tune.mid")
    session = ProjectSession(tmp_path / "recovery")
    assert session.open(tmp_path / "tune.mid") == []
    assert session.path is None
    assert session.song.title == "Tune"
    with pytest.raises(TesseraError, match=r"cannot open missing\.json"):
        session.open(tmp_path / "missing.json")
    assert session.song.title == "Tune"


def test_autosave_writes_a_copy_no_other_session_is_offered_while_it_lives(
    tmp_path: Path,
) -> None:
    recovery = tmp_path / "recovery"
    session = ProjectSession(recovery, _song("Unsaved idea"))
    assert not session.autosave()  # nothing changed yet
    session.apply_edit(_edited(session.song, 67), "Add G")
    assert session.autosave()
    assert session.recovery_path.exists()
    # The session is alive (in this very process): its copy is not another window's to take.
    assert find_recoveries(recovery) == []
    session.discard_recovery()  # a clean close
    assert list(recovery.iterdir()) == []


def test_a_clean_save_removes_the_recovery_copy(tmp_path: Path) -> None:
    session = ProjectSession(tmp_path / "recovery", _song())
    session.apply_edit(_edited(session.song, 69), "Add A")
    session.autosave()
    assert session.recovery_path.exists()
    session.save(tmp_path / "song.json")
    assert not session.recovery_path.exists()
    (tmp_path / "recovery" / "junk.json").write_text("{", "utf-8")
    assert find_recoveries(tmp_path / "recovery") == []
