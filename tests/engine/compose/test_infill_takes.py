"""Regenerating a few cells in takes: the take kept is the one that fits the bars around it,
the choice never reads the cell being written, and a request that asks for something
specific is written once, as before."""

from __future__ import annotations

import dataclasses

import pytest

from engine.compose.bar_likeness import similarity
from engine.compose.cell_edit import write_cell
from engine.compose.cell_writer import write_cells
from engine.compose.controls import Controls, guides
from engine.compose.infill import (
    MOST_CELLS,
    best_take,
    wants_takes,
    write_takes,
)
from engine.compose.midi_model import MidiModel
from engine.compose.operations import Regenerate, apply
from engine.song.song import PPQ, Note, Song, Track

BAR = 4 * PPQ


def bar_of(bar: int, pitches: list[int]) -> list[Note]:
    """Quarter notes in `bar`, one per pitch."""
    return [Note(bar * BAR + i * PPQ, pitch, PPQ, 80) for i, pitch in enumerate(pitches)]


def song_of(*bars: list[int], tracks: int = 1) -> Song:
    """One pitched track (or several playing the same) with a bar per pitch list ([] empty)."""
    notes = tuple(n for index, pitches in enumerate(bars) for n in bar_of(index, pitches))
    made = tuple(Track(f"Voice {t + 1}", 0, notes=notes) for t in range(tracks))
    return Song(title="takes", bar_count=len(bars), tracks=made)


C_MAJOR = [60, 64, 67, 72]
F_SHARP = [66, 70, 73, 78]


def test_similarity_hears_pitch_classes_count_and_register() -> None:
    same = bar_of(0, C_MAJOR)
    assert similarity(same, same) == 4.0  # pitch classes (x2), count, register
    octave_up = bar_of(0, [p + 12 for p in C_MAJOR])
    assert similarity(same, octave_up) == 3.0  # the register is missed
    assert similarity(same, bar_of(0, F_SHARP)) == 1.0  # as many notes only
    # one of its three pitch classes, three notes fewer, five semitones below its middle
    assert similarity(same, bar_of(0, [60])) == pytest.approx(2 * 1 / 3)
    assert similarity(same, []) == similarity([], same) == 0.0


def test_the_take_that_fits_its_neighbours_is_kept_wherever_it_comes() -> None:
    song = song_of(C_MAJOR, [], [64, 67, 72, 60])
    fits = write_cell(song, (0, 1), bar_of(1, [67, 64, 60, 72]))
    stray = write_cell(song, (0, 1), bar_of(1, F_SHARP))
    assert best_take(song, [(0, 1)], [stray, fits]) == 1
    assert best_take(song, [(0, 1)], [fits, stray]) == 0


def test_the_take_that_plays_the_other_parts_harmony_is_kept() -> None:
    """Two takes alike to the bars around them (neither shares their pitch class, count or
    register): the one whose pitch classes the other part plays in that bar is kept."""
    low = [50, 50, 50, 50]
    song = song_of(low, [], low, tracks=2)
    song = write_cell(song, (1, 1), bar_of(1, [54, 58, 61]))  # F#, A#, C# in the other part
    in_harmony = write_cell(song, (0, 1), bar_of(1, F_SHARP))
    outside = write_cell(song, (0, 1), bar_of(1, [p - 6 for p in F_SHARP]))
    assert best_take(song, [(0, 1)], [outside, in_harmony]) == 1
    assert best_take(song, [(0, 1)], [in_harmony, outside]) == 0
    # A part being written in the same request is not read as the harmony.
    both = [(0, 1), (1, 1)]
    assert best_take(song, both, [outside, in_harmony]) == 0


def test_the_take_that_echoes_its_phrase_is_kept() -> None:
    """Bars 4-7 repeat bars 0-3 around the cell at bar 5: of two takes alike to its
    neighbours, the one that plays what bar 1 played is kept."""
    rest, answer = [60, 60, 60, 60], [62, 65, 69, 62]
    cadence = [55, 59, 62, 67]
    song = song_of(rest, answer, rest, cadence, rest, [], rest, cadence)
    echo = write_cell(song, (0, 5), bar_of(5, answer))
    other = write_cell(song, (0, 5), bar_of(5, [p + 1 for p in answer]))
    assert best_take(song, [(0, 5)], [other, echo]) == 1
    assert best_take(song, [(0, 5)], [echo, other]) == 0


def test_the_choice_never_reads_the_cell_being_written() -> None:
    """The same takes are chosen between the same way whatever the cell held before: the
    notes being replaced (in the benchmark, the held-out answer) are not looked at."""
    song = song_of(C_MAJOR, [], C_MAJOR, tracks=2)
    takes = [
        write_cell(song, (0, 1), bar_of(1, F_SHARP)),
        write_cell(song, (0, 1), bar_of(1, [60, 64, 67])),
        write_cell(song, (0, 1), bar_of(1, [62, 65, 69, 74])),
    ]
    chosen = best_take(song, [(0, 1)], takes)
    for held in (F_SHARP, C_MAJOR, [62, 65, 69, 74], [40]):
        before = write_cell(song, (0, 1), bar_of(1, held))
        assert best_take(before, [(0, 1)], takes) == chosen


def test_bars_being_written_are_not_neighbours() -> None:
    """Of two cells written side by side, neither is read as the other's neighbour: only the
    takes' own versions of them count."""
    song = song_of(C_MAJOR, F_SHARP, F_SHARP, C_MAJOR)
    cells = [(0, 1), (0, 2)]
    near_c = write_cell(
        write_cell(song, cells[0], bar_of(1, C_MAJOR)), cells[1], bar_of(2, C_MAJOR)
    )
    kept = write_cell(write_cell(song, cells[0], bar_of(1, F_SHARP)), cells[1], bar_of(2, F_SHARP))
    assert best_take(song, cells, [kept, near_c]) == 1


def test_a_request_asking_for_something_specific_is_written_once() -> None:
    song = song_of(C_MAJOR, C_MAJOR, C_MAJOR)
    cell = [(0, 1)]
    assert wants_takes(song, cell, Controls())
    for asked in (
        Controls(density=3),
        Controls(rhythm=2),
        Controls(pitch_range=(60, 72)),
        Controls(scale=frozenset({0, 2, 4})),
        Controls(chords=(frozenset({0, 4, 7}),)),
    ):
        assert not wants_takes(song, cell, asked)
    drums = dataclasses.replace(song, tracks=(Track("Drums", 0, is_drum=True),))
    assert not wants_takes(drums, cell, Controls())
    wide = song_of(*[C_MAJOR] * 3, tracks=MOST_CELLS + 1)
    assert wants_takes(wide, [(t, 1) for t in range(MOST_CELLS)], Controls())
    assert not wants_takes(wide, [(t, 1) for t in range(MOST_CELLS + 1)], Controls())


def melody_song() -> Song:
    """Eight bars of a stepwise tune in one track."""
    tune = [[60, 62, 64, 65], [67, 65, 64, 62], [60, 64, 67, 64], [65, 64, 62, 60]] * 2
    return song_of(*tune)


def test_a_regenerate_keeps_one_of_its_takes_and_is_seeded(midi_model: MidiModel) -> None:
    song, cell = melody_song(), (0, 4)
    first = apply(midi_model, song, Regenerate((cell,)), seed=11)
    assert apply(midi_model, song, Regenerate((cell,)), seed=11) == first
    plan = {cell: guides(song, cell, Controls(), 0)}
    one = write_cells(midi_model, song, plan, Controls(), 11)
    assert write_takes(midi_model, song, plan, Controls(), 11, takes=1) == one
    takes = [write_takes(midi_model, song, plan, Controls(), 11, takes=n) for n in (2, 4)]
    for kept in [first, *takes]:
        assert kept.notes_in_bar(*cell)
        for bar in range(song.bar_count):
            if bar != cell[1]:
                assert kept.notes_in_bar(0, bar) == song.notes_in_bar(0, bar)


def test_takes_share_the_progress_bar(midi_model: MidiModel) -> None:
    song, cell = melody_song(), (0, 4)
    plan = {cell: guides(song, cell, Controls(), 0)}
    seen: list[tuple[int, int]] = []
    write_takes(
        midi_model, song, plan, Controls(), 2, takes=3, progress=lambda d, t: seen.append((d, t))
    )
    assert seen == sorted(seen)
    assert seen[-1][0] == seen[-1][1]
    assert {total for _, total in seen} == {seen[-1][1]}
