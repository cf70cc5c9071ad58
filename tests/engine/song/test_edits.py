"""Pure edits: inputs stay untouched, locks are enforced, selections cut the right window."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.song import edits
from engine.song.song import (
    PPQ,
    KeySignatureChange,
    Note,
    Song,
    SongError,
    TempoChange,
    TimeSignatureChange,
    Track,
)
from engine.song.styles import UnknownStyleError
from engine.studio.session import ProjectSession

BAR = 4 * PPQ


def _song() -> Song:
    notes = tuple(Note(bar * BAR, 60 + bar, PPQ, 80) for bar in range(4))
    return Song(
        bar_count=4,
        tracks=(Track("a", notes=notes), Track("b", program=33, notes=notes[:2])),
        tempos=(TempoChange(0, 100), TempoChange(2 * BAR, 140)),
        key_signatures=(KeySignatureChange(0, 1),),
    )


def test_edits_return_new_songs_and_leave_the_input_alone() -> None:
    song = _song()
    snapshot = repr(song)
    added = edits.add_notes(song, 0, [Note(PPQ, 67, PPQ, 90)])
    assert len(added.tracks[0].notes) == 5
    assert repr(song) == snapshot
    removed = edits.remove_notes(added, 0, [Note(PPQ, 67, PPQ, 90)])
    assert removed == song


def test_a_new_note_may_not_ring_into_a_locked_bar() -> None:
    locked = edits.set_locked(_song(), [(0, 2)])
    ringing = Note(BAR + 3 * PPQ, 50, 2 * PPQ, 80)
    message = (
        r"a note from tick 3360 to 4320 would ring into bar 3 of track 1 \('a'\), which is "
        r"locked: end it by tick 3840 or unlock the bar"
    )
    with pytest.raises(edits.LockedCellError, match=message):
        edits.add_notes(locked, 0, [ringing])
    with pytest.raises(edits.LockedCellError, match=message):
        edits.replace_notes(locked, 0, [locked.tracks[0].notes[0]], [ringing])
    ending_on_the_line = Note(BAR + 3 * PPQ, 50, PPQ, 80)
    assert ending_on_the_line in edits.add_notes(locked, 0, [ending_on_the_line]).tracks[0].notes
    assert len(edits.add_notes(locked, 1, [ringing]).tracks[1].notes) == 3


def test_a_note_ringing_into_a_locked_bar_is_part_of_it() -> None:
    ringing = Note(BAR + 3 * PPQ, 50, 2 * PPQ, 80)
    song = edits.set_locked(edits.add_notes(_song(), 0, [ringing]), [(0, 2)])
    assert edits.held_by_locks(song, 0, song.tracks[0].notes) == [ringing]
    with pytest.raises(
        edits.LockedCellError,
        match=r"the note from tick 3360 to 4320 rings into bar 3 of track 1 \('a'\), which is "
        r"locked: unlock bar 3 to change or delete it",
    ):
        edits.remove_notes(song, 0, [ringing])
    with pytest.raises(edits.LockedCellError, match="rings into bar 3"):
        edits.replace_notes(song, 0, [ringing], [Note(BAR + 3 * PPQ, 50, PPQ, 80)])
    cleared = edits.clear_cells(song, [(0, 1)])
    assert cleared.notes_in_bar(0, 1) == (ringing,)  # the bar's other note went, this one stays
    assert len(song.notes_in_bar(0, 1)) == 2
    unlocked = edits.set_locked(song, [(0, 2)], locked=False)
    assert ringing not in edits.remove_notes(unlocked, 0, [ringing]).tracks[0].notes


def test_locked_cells_refuse_note_edits_and_unlocking_allows_them() -> None:
    locked = edits.set_locked(_song(), [(0, 1)])
    assert locked.tracks[0].locked_bars == {1}
    in_bar_two = Note(BAR + 10, 50, 10, 80)
    with pytest.raises(edits.LockedCellError, match=r"bar 2 of track 1 \('a'\) is locked"):
        edits.add_notes(locked, 0, [in_bar_two])
    with pytest.raises(edits.LockedCellError):
        edits.remove_notes(locked, 0, [locked.tracks[0].notes[1]])
    assert len(edits.add_notes(locked, 1, [in_bar_two]).tracks[1].notes) == 3
    unlocked = edits.set_locked(locked, [(0, 1)], locked=False)
    assert len(edits.add_notes(unlocked, 0, [in_bar_two]).tracks[0].notes) == 5
    with pytest.raises(edits.LockedCellError, match=r"has locked bars"):
        edits.remove_track(locked, 0)


def test_replace_notes_moves_a_note() -> None:
    song = _song()
    old = song.tracks[0].notes[0]
    new = Note(old.start_tick + 120, old.pitch + 2, old.duration_ticks, 30)
    moved = edits.replace_notes(song, 0, [old], [new])
    assert new in moved.tracks[0].notes
    assert old not in moved.tracks[0].notes


def test_track_edits_check_indices_and_fields() -> None:
    song = edits.add_track(_song(), Track("pad", program=89), index=0)
    assert [t.name for t in song.tracks] == ["pad", "a", "b"]
    renamed = edits.update_track(song, 0, name="Pad", program=90)
    assert renamed.tracks[0].program == 90
    with pytest.raises(SongError, match=r"track index must be an integer from 0 to 2, got 3"):
        edits.update_track(song, 3, name="x")
    with pytest.raises(SongError, match=r"use the note and lock edits"):
        edits.update_track(song, 0, notes=())
    with pytest.raises(SongError, match=r"has no note"):
        edits.remove_notes(song, 1, [Note(5, 5, 5, 5)])


def test_shrinking_the_grid_cannot_silently_drop_notes() -> None:
    with pytest.raises(SongError, match=r"track 0 \('a'\) has a note ending at tick 6240"):
        edits.set_bar_count(_song(), 3)
    emptied = edits.remove_notes(_song(), 0, _song().tracks[0].notes[2:])
    shrunk = edits.set_bar_count(emptied, 2)
    assert shrunk.tempos == (TempoChange(0, 100),)  # the change at bar 3 is gone with bar 3
    assert edits.set_bar_count(_song(), 6).bar_count == 6


def test_map_edits() -> None:
    song = edits.set_tempo(_song(), 90, tick=BAR)
    assert [t.tick for t in song.tempos] == [0, BAR, 2 * BAR]
    song = edits.set_time_signature(song, 5, 4)
    assert song.time_signature_at(0).numerator == 5
    assert edits.set_key(song, None).key_signatures == ()


def test_set_style_is_checked_and_one_undo_step(tmp_path: Path) -> None:
    song = _song()
    styled = edits.set_style(song, "rock")
    assert (song.style, styled.style, styled.tracks) == (None, "rock", song.tracks)
    assert edits.set_style(styled, None).style is None
    assert edits.select(styled, [0], (0, 1)).style == "rock"  # a selection keeps the style
    with pytest.raises(UnknownStyleError, match=r"unknown style 'polka': choose one of folk, "):
        edits.set_style(song, "polka")
    session = ProjectSession(tmp_path, song)
    session.apply_edit(styled, "Set style to Rock")
    session.apply_edit(edits.set_style(session.song, "jazz"), "Set style to Swing / Jazz")
    assert session.history.undo_label == "Set style to Swing / Jazz"
    session.undo()
    assert session.song.style == "rock"
    session.undo()
    assert session.song == song
    session.redo()
    assert session.song.style == "rock"


def test_select_cuts_tracks_and_bars_and_carries_the_maps_in_force() -> None:
    song = edits.set_locked(_song(), [(0, 2), (0, 0)])
    long_note = Note(2 * BAR + PPQ, 40, 3 * BAR, 70)  # rings past the selection's end
    song = edits.add_notes(edits.set_bar_count(song, 6), 1, [long_note])
    part = edits.select(song, [1, 0], (2, 3))
    assert part.bar_count == 2
    assert [t.name for t in part.tracks] == ["b", "a"]
    assert part.tracks[0].notes == (Note(PPQ, 40, 2 * BAR - PPQ, 70),)
    assert part.tracks[1].notes == (Note(0, 62, PPQ, 80), Note(BAR, 63, PPQ, 80))
    assert part.tracks[1].locked_bars == {0}
    assert part.tempos == (TempoChange(0, 140),)
    assert part.key_signatures == (KeySignatureChange(0, 1),)
    with pytest.raises(SongError, match=r"last bar must be an integer from 3 to 5, got 1"):
        edits.select(song, None, (3, 1))


def test_select_keeps_meter_changes_inside_the_window() -> None:
    song = Song(
        bar_count=4,
        time_signatures=(TimeSignatureChange(0, 4, 4), TimeSignatureChange(2 * BAR, 7, 8)),
    )
    part = edits.select(song, None, (1, 3))
    assert part.time_signatures == (TimeSignatureChange(0, 4, 4), TimeSignatureChange(BAR, 7, 8))
    assert part.end_tick == song.end_tick - BAR
