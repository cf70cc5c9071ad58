"""What an operation changed (cells compared, not trusted) and flipping between the last two
takes, on the document without the model: a "result" here is a song with cells written by hand.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.tunes import d_major_tune
from engine.compose.cell_edit import write_cell
from engine.compose.operations import Regenerate
from engine.song.edits import add_track, set_bar_count, set_locked, set_tempo
from engine.song.song import PPQ, Note, Song, Track
from engine.studio.cell_changes import changed_cells
from engine.studio.document import Document
from engine.studio.session import ProjectSession
from engine.studio.take_flip import TakeFlipError, flip_target, is_on_take

BAR = 4 * PPQ
CELLS = [(1, bar) for bar in range(4, 8)]


def _written(song: Song, cells: list[tuple[int, int]], pitch: int) -> Song:
    for track, bar in cells:
        song = write_cell(song, (track, bar), [Note(bar * BAR, pitch, PPQ, 99)])
    return song


def test_changed_cells_are_those_whose_notes_differ() -> None:
    tune = d_major_tune()
    assert changed_cells(tune, tune) == ()
    assert changed_cells(tune, set_tempo(tune, 90.0)) == ()  # no note moved
    assert changed_cells(tune, set_locked(tune, [(0, 1)])) == ()
    written = _written(tune, [(1, 2), (1, 5)], pitch=40)
    assert changed_cells(tune, written) == ((1, 2), (1, 5))
    again = _written(written, [(1, 2), (1, 3)], pitch=40)  # (1, 2) written the same again
    assert changed_cells(written, again) == ((1, 3),)


def test_an_added_track_and_new_bars_count_only_where_they_hold_notes() -> None:
    tune = d_major_tune()
    bigger = set_bar_count(tune, 10)
    assert changed_cells(tune, bigger) == ()  # empty new bars: nothing to see
    bass = Track("Bass", 33, notes=(Note(BAR, 38, PPQ, 90), Note(9 * BAR, 38, PPQ, 90)))
    added = add_track(bigger, bass)
    assert changed_cells(tune, added) == ((2, 1), (2, 9))


@pytest.fixture
def document(tmp_path: Path) -> Document:
    return Document(ProjectSession(tmp_path / "recovery", d_major_tune()))


def _commit(document: Document, pitch: int, seed: int) -> Song:
    result = _written(document.song, CELLS, pitch)
    start = document.begin_job(document.song)
    assert document.finish_job(start, result, "Regenerate", Regenerate(tuple(CELLS)), seed).applied
    return document.song


def test_the_document_keeps_the_cells_each_operation_changed(document: Document) -> None:
    tune = document.song
    first = _commit(document, pitch=40, seed=1)
    assert document.changed_cells == tuple(CELLS)
    document.apply_edit(set_tempo(first, 99.0), "Tempo")
    assert document.changed_cells == ()  # a plain edit clears the marks
    document.undo()
    assert document.changed_cells == ()  # undoing the tempo moved no note
    document.undo()
    assert document.changed_cells == tuple(CELLS)  # undoing the regenerate brought them back
    assert document.song == tune
    document.redo()
    assert document.changed_cells == tuple(CELLS)
    document.new(d_major_tune())
    assert document.changed_cells == ()


def test_flipping_swaps_the_last_two_takes_and_keeps_a_lock(document: Document) -> None:
    with pytest.raises(TakeFlipError, match="needs two takes"):
        document.flip_takes()
    first = _commit(document, pitch=40, seed=1)
    second = _commit(document, pitch=45, seed=2)
    assert flip_target(second, document.session.takes) == 1
    document.apply_edit(set_locked(second, [(1, 4)]), "Lock")

    number, note = document.flip_takes()
    song = document.song
    assert number == 1
    assert "track 2 bar 5" in note
    assert song.notes_in_bar(1, 4) == second.notes_in_bar(1, 4)  # locked: kept
    for bar in (5, 6, 7):
        assert song.notes_in_bar(1, bar) == first.notes_in_bar(1, bar)
    assert 4 in song.tracks[1].locked_bars
    assert document.changed_cells == ((1, 5), (1, 6), (1, 7))
    assert is_on_take(song, document.session.takes[0])

    number, _ = document.flip_takes()
    assert number == 2
    assert [t.notes for t in document.song.tracks] == [t.notes for t in second.tracks]
    document.undo()
    assert document.song == song


def test_a_song_edited_after_the_newest_take_flips_to_the_one_before(document: Document) -> None:
    _commit(document, pitch=40, seed=1)
    second = _commit(document, pitch=45, seed=2)
    edited = _written(second, [(0, 0)], pitch=80)
    assert not is_on_take(edited, document.session.takes[1])
    assert flip_target(edited, document.session.takes) == 1
