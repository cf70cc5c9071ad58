"""A cell regenerated between written bars fits them: about as many notes, never empty, in
their register; and what it is asked for comes from the bars around it, never from itself."""

from __future__ import annotations

import dataclasses

from benchmarks.tunes import d_major_tune
from engine.compose.context import (
    JOINING_FREE_SEMITONES,
    with_context_counts,
    with_context_range,
)
from engine.compose.controls import Controls, guides
from engine.compose.midi_model import MidiModel
from engine.compose.operations import Regenerate, apply
from engine.compose.register import BOWED_REGISTER_ROOM, REGISTER_ROOM
from engine.compose.vocab import TICKS_PER_STEP
from engine.song.song import PPQ, ControlEvent, Note, Song


def _with_bar(song: Song, track: int, bar: int, notes: list[Note]) -> Song:
    start = song.bar_start_ticks[bar]
    kept = [n for n in song.tracks[track].notes if song.bar_at_tick(n.start_tick) != bar]
    moved = [dataclasses.replace(n, start_tick=start + n.start_tick) for n in notes]
    tracks = list(song.tracks)
    tracks[track] = dataclasses.replace(tracks[track], notes=tuple(sorted(kept + moved)))
    return dataclasses.replace(song, tracks=tuple(tracks))


def test_counts_and_register_come_from_the_neighbours_never_from_the_cell() -> None:
    song = d_major_tune()
    asked = with_context_counts(guides(song, (0, 4), Controls(), 0), song, (0, 4), set())
    assert (asked.targets.notes, asked.targets.onsets) == (4, 4)
    assert asked.limits.min_notes == 1
    before, after = song.notes_in_bar(0, 3)[-1].pitch, song.notes_in_bar(0, 5)[0].pitch
    assert asked.register_centre == (before + after) / 2
    # ...and kept near it: less room than a part's own, with the part's range margin.
    assert asked.register_room.free_semitones == JOINING_FREE_SEMITONES
    assert REGISTER_ROOM.free_semitones > JOINING_FREE_SEMITONES
    assert asked.register_room.range_margin_bins == REGISTER_ROOM.range_margin_bins
    # The rhythm the neighbours share: each onset step of bars 4 and 6 (1-based), counted.
    steps: dict[int, int] = {}
    for bar in (3, 5):
        start = song.bar_start_ticks[bar]
        for step in {(n.start_tick - start) // TICKS_PER_STEP for n in song.notes_in_bar(0, bar)}:
            steps[step] = steps.get(step, 0) + 1
    assert asked.echo_onsets == tuple(sorted(steps.items()))
    assert asked.echo_onsets
    assert max(count for _, count in asked.echo_onsets) == 2
    # Whatever the cell holds (empty, a cluster, far away), its counts and centre are the
    # same. (Its hard pitch limits are the track's range, which the benchmark's infill reads
    # with the cell emptied.)
    for notes in ([], [Note(0, 100, PPQ, 90), Note(0, 101, PPQ, 90), Note(PPQ, 20, PPQ, 90)]):
        changed = _with_bar(song, 0, 4, notes)
        again = with_context_counts(guides(changed, (0, 4), Controls(), 0), changed, (0, 4), set())
        assert (again.targets, again.register_centre, again.echo_onsets) == (
            asked.targets,
            asked.register_centre,
            asked.echo_onsets,
        )
    # A bar with a neighbour still to be written, or one the composer set counts for, keeps
    # its own guides.
    pending = {(0, 5)}
    plain = guides(song, (0, 4), Controls(), 0)
    assert with_context_counts(plain, song, (0, 4), pending) == plain
    counted = guides(song, (0, 4), Controls(density=8), 0)
    assert with_context_counts(counted, song, (0, 4), set()) == counted


def test_a_regenerated_bar_fits_between_its_neighbours(midi_model: MidiModel) -> None:
    song = d_major_tune()
    for seed in range(4):
        notes = apply(midi_model, song, Regenerate(((0, 4),)), seed).notes_in_bar(0, 4)
        assert 2 <= len(notes) <= 6
        assert all(55 <= n.pitch <= 82 for n in notes)


def test_regenerating_a_cell_drops_its_bends_and_keeps_the_pedal(midi_model: MidiModel) -> None:
    song = d_major_tune()
    bar = song.bar_start_ticks[2]
    controls = (
        ControlEvent(bar + PPQ, "pitch_bend", 4096),
        ControlEvent(bar + 2 * PPQ, "pitch_bend", 0),
        ControlEvent(bar, "sustain", 127),
        ControlEvent(bar + 3 * PPQ, "sustain", 0),
    )
    fiddle = dataclasses.replace(song.tracks[0], controls=controls)
    song = dataclasses.replace(song, tracks=(fiddle, song.tracks[1]))
    result = apply(midi_model, song, Regenerate(((0, 2),)), 0)
    kinds = [c.kind for c in result.tracks[0].controls]
    assert "pitch_bend" not in kinds
    assert kinds.count("sustain") == 2
    # A bar not regenerated keeps its bends.
    other = apply(midi_model, song, Regenerate(((0, 5),)), 0)
    assert [c for c in other.tracks[0].controls if c.kind == "pitch_bend"] == list(controls[:2])


def test_a_new_string_part_is_asked_for_a_bin_more_room_each_side() -> None:
    """The soft range of a bar read from the bars around it: their register, a bin wider each
    side where the cell has a string part's room, and from those bars only."""
    song = d_major_tune()
    asked = {}
    for room in (REGISTER_ROOM, BOWED_REGISTER_ROOM):
        plain = dataclasses.replace(guides(song, (0, 4), Controls(), 0), register_room=room)
        ranged = with_context_range(plain, song, (0, 4), {(0, 4)})
        asked[room] = (ranged.tokens.low_bin, ranged.tokens.high_bin)
        emptied = _with_bar(song, 0, 4, [])
        again = with_context_range(
            dataclasses.replace(guides(emptied, (0, 4), Controls(), 0), register_room=room),
            emptied,
            (0, 4),
            set(),
        )
        assert (again.tokens.low_bin, again.tokens.high_bin) == asked[room]
    (low, high), roaming = asked[REGISTER_ROOM], asked[BOWED_REGISTER_ROOM]
    assert low is not None
    assert high is not None
    assert roaming == (low - 1, high + 1)
