"""A lock holds in sound: what a locked bar sounds, notes ringing in included, never changes.

The rule (`engine.compose.cell_edit`): a note written next to a locked bar ends at its line, and
a note already ringing into a locked bar stays when its own cell is rewritten. The sounding
content of a bar is every note of the track overlapping it, clipped to it (`sounding_in_bar`).
"""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.tunes import d_major_tune
from engine.compose.cell_edit import held_by_lock, write_cell
from engine.compose.control_tokens import sounding_in_bar
from engine.compose.midi_model import MidiModel
from engine.compose.operations import (
    AddTrack,
    Continue,
    Controls,
    Nudge,
    Regenerate,
    Request,
    apply,
    cells_of,
)
from engine.song.edits import set_locked
from engine.song.note_cleanup import clean_notes
from engine.song.song import PPQ, Cell, Note, Song
from tests.helpers.song_strategies import songs

BAR = 4 * PPQ
LOCKS: tuple[Cell, ...] = ((0, 2), (0, 5), (0, 7), (1, 3), (1, 6))


def ringing_tune() -> Song:
    """The D-major tune with every note held half again as long: the melody's last beat and
    the cello's whole notes ring over each bar line, into and out of the locked bars."""
    tune = d_major_tune()

    def held_longer(notes: tuple[Note, ...]) -> tuple[Note, ...]:
        rows = [
            (n.start_tick, n.pitch, min(n.duration_ticks * 3 // 2, tune.end_tick - n.start_tick))
            for n in notes
        ]
        return tuple(
            clean_notes((start, pitch, length, notes[0].velocity) for start, pitch, length in rows)
        )

    tracks = tuple(dataclasses.replace(t, notes=held_longer(t.notes)) for t in tune.tracks)
    return dataclasses.replace(tune, tracks=tracks)


def locked_sound(song: Song) -> dict[Cell, tuple[tuple[int, int, int, int], ...]]:
    return {
        (index, bar): sounding_in_bar(song, index, bar)
        for index, track in enumerate(song.tracks)
        for bar in track.locked_bars
    }


# --- the rule, on plain edits -----------------------------------------------------------------


def test_the_sounding_content_of_a_bar_counts_notes_ringing_in_clipped_to_it() -> None:
    song = ringing_tune()
    # The cello's note from the bar before (45, a bar and a half long) rings through the first
    # half of this one (bars count from 0 here).
    assert sounding_in_bar(song, 1, 2) == ((38, 0, BAR, 72), (45, 0, BAR // 2, 72))


def test_a_new_note_stops_at_the_next_locked_bar_line() -> None:
    song = set_locked(d_major_tune(), [(1, 3)])
    long_note = Note(2 * BAR + PPQ, 50, 3 * BAR, 90)
    written = write_cell(song, (1, 2), [long_note])
    assert written.notes_in_bar(1, 2) == (dataclasses.replace(long_note, duration_ticks=3 * PPQ),)
    assert sounding_in_bar(written, 1, 3) == sounding_in_bar(song, 1, 3)


def test_a_note_ringing_into_a_locked_bar_stays_when_its_cell_is_rewritten() -> None:
    song = set_locked(ringing_tune(), [(1, 3)])
    held = held_by_lock(song, (1, 2))
    assert held == [Note(2 * BAR, 38, BAR + BAR // 2, 72)]
    written = write_cell(song, (1, 2), [Note(2 * BAR, 40, PPQ, 80), Note(2 * BAR, 38, PPQ, 99)])
    # The new 38 starts with the held 38 and gives way; the 40 is written beside it.
    assert written.notes_in_bar(1, 2) == (held[0], Note(2 * BAR, 40, PPQ, 80))
    assert sounding_in_bar(written, 1, 3) == sounding_in_bar(song, 1, 3)


def test_a_locked_note_ringing_into_the_next_bar_stays_and_new_notes_fit_around_it() -> None:
    song = set_locked(ringing_tune(), [(1, 2)])
    written = write_cell(
        song, (1, 3), [Note(3 * BAR, 38, PPQ, 80), Note(3 * BAR + 3 * PPQ, 38, PPQ, 80)]
    )
    assert written.tracks[1].notes[2] == Note(2 * BAR, 38, BAR + BAR // 2, 72)
    # The 38 on the downbeat would start while the locked one still sounds: dropped.
    assert written.notes_in_bar(1, 3) == (Note(3 * BAR + 3 * PPQ, 38, PPQ, 80),)


@settings(max_examples=200, deadline=None)
@given(song=songs(max_tracks=2, max_bars=6), data=st.data())
def test_writing_any_cell_leaves_every_locked_bar_sounding_the_same(
    song: Song, data: st.DataObject
) -> None:
    """`write_cell` is the one way notes are placed (operations, form repeats, a job's result
    rebased onto an edited song), so this holds for all of them."""
    cells = list(cells_of(song))
    song = set_locked(song, data.draw(st.sets(st.sampled_from(cells)), label="locked"))
    before = locked_sound(song)
    free = [cell for cell in cells if cell[1] not in song.tracks[cell[0]].locked_bars]
    for cell in (
        data.draw(st.lists(st.sampled_from(free), max_size=4), label="written") if free else []
    ):
        start, end = song.bar_span(cell[1])
        rows = data.draw(
            st.lists(
                st.tuples(
                    st.integers(start, end - 1), st.integers(21, 108), st.integers(1, 6 * PPQ)
                ),
                max_size=6,
            )
        )
        notes = [Note(s, p, min(d, song.end_tick - s), 90) for s, p, d in rows]
        song = write_cell(song, cell, notes)
        assert locked_sound(song) == before


# --- the rule, on every composing operation with the shipped model ----------------------------


OPERATIONS: dict[str, Request] = {
    "regenerate": Regenerate(cells_of(ringing_tune())),
    "regenerate --polyphony 1": Regenerate(cells_of(ringing_tune()), Controls(polyphony=1)),
    "nudge denser": Nudge(cells_of(ringing_tune()), "denser", 0.8),
    "nudge lower": Nudge(cells_of(ringing_tune()), "lower", 1.0),
    "continue": Continue(2),
    "add-track": AddTrack(33),
}


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("operation", list(OPERATIONS))
def test_every_operation_leaves_what_a_locked_bar_sounds_unchanged(
    midi_model: MidiModel, operation: str, seed: int
) -> None:
    song = set_locked(ringing_tune(), LOCKS)
    assert any(held_by_lock(song, (track, bar - 1)) for track, bar in LOCKS)  # the rule matters
    result = apply(midi_model, song, OPERATIONS[operation], seed)
    assert locked_sound(result) == locked_sound(song)
    for track, bar in LOCKS:
        assert result.notes_in_bar(track, bar) == song.notes_in_bar(track, bar)
    if operation.startswith(("regenerate", "nudge")):
        assert result.tracks != song.tracks


# --- polyphony counts the notes ringing in -----------------------------------------------------


def most_around(notes: tuple[Note, ...], note: Note) -> int:
    """The most notes of `notes` sounding at once at any moment while `note` sounds."""
    moments = [note.start_tick] + [
        m.start_tick for m in notes if note.start_tick < m.start_tick < note.end_tick
    ]
    return max(sum(m.start_tick <= t < m.end_tick for m in notes) for t in moments)


@pytest.mark.parametrize("operation", ["regenerate", "nudge"])
@pytest.mark.parametrize("locks", [(), ((1, 4),)])
@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_a_polyphony_limit_counts_the_notes_ringing_in_from_the_bar_before(
    midi_model: MidiModel, seed: int, locks: tuple[Cell, ...], operation: str
) -> None:
    """The cello's whole notes ring half a bar into the next; with a limit of one, no note
    written or blended sounds with any other, whether the one ringing in was written, kept or
    locked (a nudge mixes old notes with new ones written after different bars)."""
    song = set_locked(ringing_tune(), locks)
    cells = tuple(cell for cell in cells_of(song, [1], (2, 6)) if cell not in locks)
    request: Request = (
        Regenerate(cells, Controls(polyphony=1, density=4))
        if operation == "regenerate"
        else Nudge(cells, "denser", 1.0, Controls(polyphony=1))
    )
    result = apply(midi_model, song, request, seed)
    notes = result.tracks[1].notes
    new = [n for cell in cells for n in result.notes_in_bar(*cell) if n not in song.tracks[1].notes]
    assert new
    assert all(most_around(notes, note) == 1 for note in new)
