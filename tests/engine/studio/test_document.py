"""The document and `rebase`: a job's result lands on edits made while it ran, never over them.

A "job" here is any pure edit of the song it read (writing cells, adding a track or bars), so
these run without the model; the UI tests run a real regenerate.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from benchmarks.tunes import d_major_tune
from engine.compose.cell_edit import write_cell
from engine.compose.operations import Continue, Generate, Regenerate
from engine.song.edits import (
    add_track,
    remove_notes,
    set_bar_count,
    set_key,
    set_locked,
    set_tempo,
    update_track,
)
from engine.song.song import PPQ, ControlEvent, KeySignatureChange, Note, Song, Track
from engine.song.takes import MAX_TAKES, TakeError
from engine.studio.document import Changed, Document, JobStart
from engine.studio.rebase import describe_cells, rebase
from engine.studio.session import ProjectSession

BAR = 4 * PPQ


def _regenerated(song: Song, cells: list[tuple[int, int]], pitch: int = 80) -> Song:
    """What a regenerate of `cells` might write: one new note at the start of each cell."""
    for track, bar in cells:
        song = write_cell(song, (track, bar), [Note(bar * BAR, pitch, PPQ, 99)])
    return song


CELLS = [(1, bar) for bar in range(4, 8)]  # the cello's bars 5-8


def test_a_tempo_set_meanwhile_stays_and_the_cells_land() -> None:
    read = d_major_tune()
    result = _regenerated(read, CELLS)
    current = set_tempo(read, 93.0)
    merged = rebase(read, result, read, current)
    assert merged.song == set_tempo(result, 93.0)
    assert merged.written == tuple(CELLS)
    assert merged.edited == merged.locked == ()


def test_a_cell_locked_meanwhile_keeps_its_notes_and_lock() -> None:
    read = d_major_tune()
    result = _regenerated(read, CELLS)
    current = set_locked(read, [(1, 5)])
    merged = rebase(read, result, read, current)
    assert merged.song is not None
    assert merged.locked == ((1, 5),)
    assert merged.song.notes_in_bar(1, 5) == read.notes_in_bar(1, 5)
    assert merged.song.tracks[1].locked_bars == frozenset({5})
    for bar in (4, 6, 7):
        assert merged.song.notes_in_bar(1, bar) == result.notes_in_bar(1, bar)
    assert "track 2 bar 6 (locked meanwhile)" in merged.describe_kept()


def test_an_edit_inside_a_job_cell_is_kept_and_one_outside_is_untouched() -> None:
    read = d_major_tune()
    result = _regenerated(read, CELLS)
    current = remove_notes(read, 1, read.notes_in_bar(1, 6))  # inside the job's cells
    current = remove_notes(current, 0, current.notes_in_bar(0, 0))  # outside them
    merged = rebase(read, result, read, current)
    assert merged.song is not None
    assert merged.edited == ((1, 6),)
    assert merged.song.notes_in_bar(1, 6) == ()
    assert merged.song.notes_in_bar(0, 0) == ()
    assert merged.song.notes_in_bar(1, 7) == result.notes_in_bar(1, 7)
    assert merged.describe_kept() == "your edits to track 2 bar 7"


def test_when_every_cell_was_changed_meanwhile_the_result_is_refused() -> None:
    read = d_major_tune()
    result = _regenerated(read, [(1, 2)])
    current = set_locked(read, [(1, 2)])
    merged = rebase(read, result, read, current)
    assert merged.song is None
    assert "every cell it wrote was changed meanwhile" in merged.problem


def test_a_track_added_meanwhile_refuses_the_result() -> None:
    read = d_major_tune()
    result = _regenerated(read, CELLS)
    current = add_track(read, Track("Flute", 73))
    merged = rebase(read, result, read, current)
    assert merged.song is None
    assert "tracks, bars or the meter changed" in merged.problem


def test_a_song_field_both_sides_changed_refuses_the_result() -> None:
    read = d_major_tune()
    result = set_key(_regenerated(read, CELLS), KeySignatureChange(0, 2))
    current = set_key(read, KeySignatureChange(0, -1))
    merged = rebase(read, result, read, current)
    assert merged.song is None
    assert merged.problem == "you and the operation both changed the song's key signatures"
    mine_only = rebase(read, result, read, set_tempo(read, 70.0))  # the job's key is taken
    assert mine_only.song is not None
    assert mine_only.song.key_signatures == result.key_signatures
    assert mine_only.song.tempos[0].tempo_bpm == 70.0


def test_continue_grows_the_edited_song_and_writes_the_new_bars() -> None:
    read = d_major_tune()
    result = _regenerated(set_bar_count(read, 10), [(0, 8), (1, 9)])
    current = remove_notes(read, 0, read.notes_in_bar(0, 3))
    merged = rebase(read, result, read, current)
    assert merged.song is not None
    assert merged.song.bar_count == 10
    assert merged.song.notes_in_bar(0, 3) == ()
    assert merged.song.notes_in_bar(0, 8) == result.notes_in_bar(0, 8)
    assert merged.song.notes_in_bar(1, 9) == result.notes_in_bar(1, 9)


def test_an_added_track_joins_the_edited_song() -> None:
    read = d_major_tune()
    result = add_track(read, Track("Flute", 73, notes=(Note(0, 72, PPQ, 80),)))
    current = update_track(set_tempo(read, 100.0), 0, muted=True)
    merged = rebase(read, result, read, current)
    assert merged.song is not None
    assert merged.song.tracks[:2] == current.tracks
    assert merged.song.tracks[2] == result.tracks[2]
    assert merged.song.tempos[0].tempo_bpm == 100.0


def test_a_regenerated_cells_controls_replace_the_old_ones_there_only() -> None:
    bend = ControlEvent(4 * BAR + 10, "pitch_bend", 500)
    kept_bend = ControlEvent(2 * BAR, "pitch_bend", 300)
    read = _with_controls(d_major_tune(), 1, (kept_bend, bend))
    result = _with_controls(_regenerated(read, [(1, 4)]), 1, (kept_bend,))  # bend cleared
    merged = rebase(read, result, read, set_tempo(read, 90.0))
    assert merged.song is not None
    assert merged.song.tracks[1].controls == (kept_bend,)


def test_a_reroll_writes_over_the_last_take_but_not_over_a_lock_since() -> None:
    read = d_major_tune()
    first = _regenerated(read, CELLS, pitch=70)
    shown = set_locked(first, [(1, 4)])  # the composer liked bar 5 of the first take
    again = _regenerated(read, CELLS, pitch=75)  # the re-roll starts from `read` again
    merged = rebase(read, again, shown, shown)
    assert merged.song is not None
    assert merged.song.notes_in_bar(1, 4) == first.notes_in_bar(1, 4)
    assert merged.song.notes_in_bar(1, 5) == again.notes_in_bar(1, 5)
    assert merged.locked == ((1, 4),)


def _with_controls(song: Song, index: int, controls: tuple[ControlEvent, ...]) -> Song:
    track = dataclasses.replace(song.tracks[index], controls=controls)
    return dataclasses.replace(
        song, tracks=(*song.tracks[:index], track, *song.tracks[index + 1 :])
    )


def test_cells_are_named_in_runs() -> None:
    assert describe_cells([(1, 4)]) == "track 2 bar 5"
    assert describe_cells([(1, 5), (1, 4), (2, 0)]) == "track 2 bars 5-6 and track 3 bar 1"
    assert describe_cells([(0, 0), (0, 2), (1, 1)]) == (
        "track 1 bar 1, track 1 bar 3 and track 2 bar 2"
    )


# --- the document ------------------------------------------------------------------------------


@pytest.fixture
def document(tmp_path: Path) -> Document:
    return Document(ProjectSession(tmp_path / "recovery", d_major_tune()))


def _heard(document: Document) -> list[Changed]:
    seen: list[Changed] = []
    document.observe(seen.append)
    return seen


def test_observers_hear_what_changed(document: Document) -> None:
    seen = _heard(document)
    document.apply_edit(set_tempo(document.song, 90.0), "Tempo")
    document.set_selection([(1, 2), (0, 1)])
    document.set_selection([(0, 1), (1, 2)])  # the same cells: nothing to tell
    document.undo()
    assert seen == [Changed.SONG | Changed.FILE, Changed.SELECTION, Changed.SONG | Changed.FILE]
    assert document.selection == ((0, 1), (1, 2))


def test_a_job_on_an_unchanged_song_lands_as_a_take_and_an_undo_step(document: Document) -> None:
    request = Regenerate(tuple(CELLS))
    start = document.begin_job(document.song)
    result = _regenerated(document.song, CELLS)
    finished = document.finish_job(start, result, "Regenerate 4 (seed 3)", request, 3)
    assert finished.applied
    assert finished.note == ""
    assert document.song == result
    assert document.session.takes[-1].song == result
    assert document.session.history.undo_label == "Regenerate 4 (seed 3)"


def test_a_job_lands_around_a_lock_and_says_so(document: Document) -> None:
    request = Regenerate(tuple(CELLS))
    start = document.begin_job(document.song)
    result = _regenerated(document.song, CELLS)
    document.apply_edit(set_locked(document.song, [(1, 6)]), "Lock 1 cell")
    finished = document.finish_job(start, result, "Regenerate 4 (seed 3)", request, 3)
    assert finished.applied
    assert finished.note == (
        "kept track 2 bar 7 (locked meanwhile) as they are (regenerate again to rewrite them)"
    )
    assert 6 in document.song.tracks[1].locked_bars
    assert document.session.takes[-1].song == document.song


def test_a_new_song_does_not_replace_an_edited_one_but_is_kept_as_a_take(
    document: Document,
) -> None:
    start = document.begin_job(None)
    edited = set_tempo(document.song, 80.0)
    document.apply_edit(edited, "Tempo")
    seen = _heard(document)
    finished = document.finish_job(start, Song(title="New"), "New pop", Generate("pop"), 4)
    assert not finished.applied
    assert "take 1 (Listen to compare, Restore to use it)" in finished.note
    assert document.song == edited
    assert document.session.takes[-1].song == Song(title="New")
    assert seen == [Changed.TAKES]


def test_a_refused_edit_job_without_a_request_leaves_everything(document: Document) -> None:
    start = JobStart(document.song, document.song)
    document.apply_edit(add_track(document.song, Track("Flute", 73)), "Add")
    finished = document.finish_job(start, set_tempo(start.shown, 60.0), "Add from audio")
    assert not finished.applied
    assert document.session.takes == ()


def test_listening_to_a_take_outlasts_edits_until_the_composer_returns(
    document: Document,
) -> None:
    take_song = _regenerated(document.song, CELLS)
    document.finish_job(
        document.begin_job(document.song), take_song, "Regenerate", Regenerate(tuple(CELLS)), 1
    )
    document.undo()
    with pytest.raises(TakeError, match="there is no take 2"):
        document.listen(2)
    document.listen(1)
    assert document.listening == 1
    document.apply_edit(set_tempo(document.song, 99.0), "Tempo")
    assert document.heard_song == take_song
    document.stop_listening()
    assert document.heard_song == document.song
    document.listen(1)
    document.restore_take(1)  # the take is now the song: nothing left to compare
    assert document.listening is None
    assert document.song == take_song


def test_a_continue_lands_beside_a_lock_set_meanwhile(document: Document) -> None:
    request = Continue(2)
    read = document.song
    start = document.begin_job(read)
    result = _regenerated(set_bar_count(read, 10), [(1, 8), (1, 9)])
    document.apply_edit(set_locked(document.song, [(1, 7)]), "Lock")
    finished = document.finish_job(start, result, "Continue 2 bars", request, 1)
    assert finished.applied
    assert finished.note == ""  # the lock is outside the new bars: nothing was held back
    assert document.song.bar_count == 10
    assert 7 in document.song.tracks[1].locked_bars


def test_listening_ends_when_the_take_drops_off_the_list(document: Document) -> None:
    request = Regenerate(tuple(CELLS))
    document.finish_job(document.begin_job(document.song), document.song, "First", request, 1)
    document.listen(1)
    seen = _heard(document)
    for seed in range(MAX_TAKES):
        start = document.begin_job(document.song)
        document.finish_job(start, set_tempo(document.song, 60.0 + seed), "Again", request, seed)
    assert document.listening is None
    assert document.heard_song == document.song
    assert any(Changed.LISTENING in what for what in seen)
