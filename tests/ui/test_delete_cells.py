"""Delete Notes in Cells in a real window: locked bars keep what they sound."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from benchmarks.tunes import d_major_tune
from engine.song.edits import add_notes, set_locked
from engine.song.song import Note
from engine.studio.models import Models
from tests.helpers.windows import window_on


def test_clearing_cells_keeps_a_note_ringing_into_a_locked_bar(
    qtbot: QtBot, tmp_path: Path, models: Models
) -> None:
    tune = d_major_tune()
    line = tune.bar_span(3)[0]
    ringing = Note(line - 240, 50, 480, 70)  # starts in bar 3, rings half a beat into bar 4
    song = set_locked(add_notes(tune, 1, [ringing]), [(1, 3)])
    window = window_on(qtbot, tmp_path, models, song)
    others = [note for note in song.notes_in_bar(1, 2) if note != ringing]
    assert others  # the bar has notes to clear besides the held one

    window.grid.set_selection([(1, 2), (1, 3)])
    window.actions_by_name["delete"].trigger()

    cleared = window.session.song
    assert cleared.notes_in_bar(1, 2) == (ringing,)
    assert cleared.notes_in_bar(1, 3) == song.notes_in_bar(1, 3)  # the locked cell itself
    assert "kept 1 note ringing into a locked bar" in window.last_message
    window.actions_by_name["undo"].trigger()
    assert window.session.song == song
