"""The composing operations on the shipped model: locks hold, controls hold, seeds repeat."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.tunes import d_major_tune
from engine.compose import operations
from engine.compose.control_tokens import sounding_in_bar
from engine.compose.midi_model import MidiModel
from engine.compose.operations import (
    AddTrack,
    ComposeError,
    Continue,
    Controls,
    Generate,
    Lock,
    Nudge,
    Regenerate,
    apply,
    cells_of,
)
from engine.compose.prompt import read_prompt
from engine.song.edits import set_locked
from engine.song.gm import playable_range
from engine.song.note_cleanup import clean_notes
from engine.song.song import PPQ, Cell, Note, Song, Track
from engine.song.theory import parse_scale
from tests.helpers.song_strategies import songs

BAR = 4 * PPQ


_tune = d_major_tune


def _cells_outside(song: Song, written: set[Cell]) -> list[Cell]:
    return [cell for cell in cells_of(song) if cell not in written]


def _polyphony(notes: tuple[Note, ...]) -> int:
    return max(
        (sum(1 for n in notes if n.start_tick <= m.start_tick < n.end_tick) for m in notes),
        default=0,
    )


# --- locks -------------------------------------------------------------------------------------


def _ring_into(song: Song, cells: set[Cell]) -> Song:
    """The song with a note starting in the last sixteenth of the bar before each of `cells`
    and ringing half a beat into it: where a lock must hold in sound, not only in notes."""
    tracks = list(song.tracks)
    for track, bar in sorted(cells):
        if bar == 0 or bar - 1 in tracks[track].locked_bars:
            continue
        line = song.bar_span(bar)[0]
        rows = [(n.start_tick, n.pitch, n.duration_ticks, n.velocity) for n in tracks[track].notes]
        notes = clean_notes([*rows, (line - PPQ // 4, 60 + bar, PPQ // 4 + PPQ // 2, 70)])
        tracks[track] = dataclasses.replace(tracks[track], notes=tuple(notes))
    return dataclasses.replace(song, tracks=tuple(tracks))


OPERATIONS = st.sampled_from(["regenerate", "nudge", "continue", "add-track"])
NUDGES = st.sampled_from(["denser", "sparser", "busier", "calmer", "louder", "softer"])


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    song=songs(max_tracks=3, max_bars=5),
    data=st.data(),
    operation=OPERATIONS,
    seed=st.integers(0, 2**31 - 1),
)
def test_every_operation_leaves_locked_cells_bit_identical_and_sounding_the_same(
    midi_model: MidiModel, song: Song, data: st.DataObject, operation: str, seed: int
) -> None:
    all_cells = list(cells_of(song))
    locked = data.draw(st.sets(st.sampled_from(all_cells)), label="locked")
    song = set_locked(song, locked)
    selection = data.draw(st.sets(st.sampled_from(all_cells), min_size=1), label="selection")
    if data.draw(st.booleans(), label="notes ringing into the locked bars"):
        song = _ring_into(song, locked)
        selection |= {(track, bar - 1) for track, bar in locked if bar > 0}
    request: operations.Request
    if operation == "regenerate":
        request = Regenerate(tuple(selection))
    elif operation == "nudge":
        strength = data.draw(st.floats(0.0, 1.0), label="strength")
        request = Nudge(tuple(selection), data.draw(NUDGES, label="direction"), strength)
    elif operation == "continue":
        request = Continue(data.draw(st.integers(1, 2), label="bars"))
    else:
        request = AddTrack(data.draw(st.integers(0, 127), label="program"))
    if operation in ("regenerate", "nudge") and selection <= locked:
        with pytest.raises(ComposeError, match="every selected cell is locked"):
            apply(midi_model, song, request, seed)
        return
    result = apply(midi_model, song, request, seed)
    written = selection - locked if operation in ("regenerate", "nudge") else set()
    for cell in _cells_outside(song, written):
        assert result.notes_in_bar(*cell) == song.notes_in_bar(*cell), cell
    for cell in locked:  # and what it sounds, notes ringing in from other bars included
        assert sounding_in_bar(result, *cell) == sounding_in_bar(song, *cell), cell
    for before, after in zip(song.tracks, result.tracks, strict=False):
        assert after.locked_bars == before.locked_bars


def test_a_locked_track_stays_while_the_others_are_rewritten(midi_model: MidiModel) -> None:
    song = apply(None, _tune(), Lock(cells_of(_tune(), [0])), 0)
    result = apply(midi_model, song, Regenerate(cells_of(song)), 5)
    assert result.tracks[0] == song.tracks[0]
    assert result.tracks[1].notes != song.tracks[1].notes


def test_selecting_only_locked_cells_is_refused_with_the_cells_named(midi_model: MidiModel) -> None:
    song = set_locked(_tune(), [(1, 2), (1, 3)])
    with pytest.raises(ComposeError, match=r"every selected cell is locked \(track 2 bar 3"):
        apply(midi_model, song, Regenerate(((1, 2), (1, 3))), 1)


def test_cells_that_do_not_exist_are_named(midi_model: MidiModel) -> None:
    with pytest.raises(ComposeError, match="track 5 does not exist"):
        apply(midi_model, _tune(), Regenerate(((4, 0),)), 1)
    with pytest.raises(ComposeError, match="bar 9 does not exist"):
        apply(None, _tune(), Lock(((0, 8),)), 1)


# --- seeds and takes ---------------------------------------------------------------------------


def test_the_same_seed_and_request_give_the_same_song(midi_model: MidiModel) -> None:
    request = Regenerate(cells_of(_tune(), None, (2, 4)), Controls(temperature=1.1))
    first = apply(midi_model, _tune(), request, 42)
    assert apply(midi_model, _tune(), request, 42) == first
    assert apply(midi_model, _tune(), request, 43) != first


# --- controls ----------------------------------------------------------------------------------


def test_hard_controls_are_never_broken(midi_model: MidiModel) -> None:
    controls = Controls(
        pitch_range=(60, 72),
        scale=parse_scale("D major"),
        polyphony=1,
        velocity_range=(40, 72),
        temperature=1.5,
    )
    cells = cells_of(_tune(), None, (1, 6))
    for seed in range(3):
        result = apply(midi_model, _tune(), Regenerate(cells, controls), seed)
        for cell in cells:
            notes = result.notes_in_bar(*cell)
            assert all(60 <= n.pitch <= 72 for n in notes)
            assert all(n.pitch % 12 in controls.scale for n in notes)  # type: ignore[operator]
            assert all(40 <= n.velocity <= 72 for n in notes)
            assert _polyphony(notes) <= 1


def test_regenerate_keeps_each_part_in_its_register_by_default(midi_model: MidiModel) -> None:
    result = apply(midi_model, _tune(), Regenerate(cells_of(_tune(), [1], (2, 5))), 3)
    bass = [n.pitch for cell in cells_of(_tune(), [1], (2, 5)) for n in result.notes_in_bar(*cell)]
    assert bass
    assert min(bass) >= 36
    assert max(bass) <= 47


def test_chords_pull_the_notes_to_the_chord(midi_model: MidiModel) -> None:
    chord = frozenset({7, 11, 2})  # G major
    cells = cells_of(_tune(), [0], (0, 7))
    free = apply(midi_model, _tune(), Regenerate(cells), 9)
    asked = apply(midi_model, _tune(), Regenerate(cells, Controls(chords=(chord,))), 9)

    def chord_share(song: Song) -> float:
        notes = [n for cell in cells for n in song.notes_in_bar(*cell)]
        return sum(n.pitch % 12 in chord for n in notes) / len(notes)

    assert chord_share(asked) > chord_share(free)


# --- nudge -------------------------------------------------------------------------------------


def test_nudge_strength_zero_changes_nothing(midi_model: MidiModel) -> None:
    for direction in operations.DIRECTIONS:
        assert apply(midi_model, _tune(), Nudge(cells_of(_tune()), direction, 0.0), 3) == _tune()


def test_nudge_keeps_less_and_moves_further_as_strength_rises(midi_model: MidiModel) -> None:
    cells = cells_of(_tune(), [0])
    original = [n for cell in cells for n in _tune().notes_in_bar(*cell)]
    kept, heights = [], []
    for strength in (0.2, 0.5, 0.9):
        result = apply(midi_model, _tune(), Nudge(cells, "higher", strength), 4)
        notes = [n for cell in cells for n in result.notes_in_bar(*cell)]
        kept.append(sum(n in notes for n in original) / len(original))
        heights.append(sum(n.pitch for n in notes) / len(notes))
    assert kept[0] > kept[1] > kept[2]
    assert kept[0] >= 0.6
    before = sum(n.pitch for n in original) / len(original)
    assert before < heights[0] < heights[1] < heights[2]


def test_nudge_refuses_pitch_directions_on_drums(midi_model: MidiModel) -> None:
    song = dataclasses.replace(_tune(), tracks=(*_tune().tracks, Track("Kit", 0, is_drum=True)))
    with pytest.raises(ComposeError, match="no meaning for drum tracks"):
        apply(midi_model, song, Nudge(cells_of(song, [2]), "higher", 0.5), 1)
    with pytest.raises(ComposeError, match=r"strength 1\.5 must be from 0 to 1"):
        apply(midi_model, song, Nudge(cells_of(song, [0]), "louder", 1.5), 1)


# --- growing songs -----------------------------------------------------------------------------


def test_add_track_writes_the_instrument_in_its_range(midi_model: MidiModel) -> None:
    result = apply(midi_model, _tune(), AddTrack(33, "Bass"), 2)
    bass = result.tracks[-1]
    assert (bass.name, bass.program, bass.is_drum) == ("Bass", 33, False)
    assert len(bass.notes) >= result.bar_count
    assert all(28 <= n.pitch <= 67 for n in bass.notes)
    assert result.tracks[:2] == _tune().tracks


def test_add_track_can_add_a_drum_kit(midi_model: MidiModel) -> None:
    result = apply(midi_model, _tune(), AddTrack(0, controls=Controls(), is_drum=True), 2)
    kit = result.tracks[-1]
    assert (kit.name, kit.is_drum) == ("Drums", True)
    assert kit.notes
    assert all(35 <= n.pitch <= 81 for n in kit.notes)
    assert operations.request_to_json(AddTrack(0, is_drum=True))["is_drum"] is True


def test_continue_adds_bars_and_writes_them(midi_model: MidiModel) -> None:
    result = apply(midi_model, _tune(), Continue(4), 8)
    assert result.bar_count == 12
    for track in range(2):
        assert result.notes_in_bar(track, 11) or result.notes_in_bar(track, 10)
        assert result.tracks[track].notes[: len(_tune().tracks[track].notes)] == (
            _tune().tracks[track].notes
        )


def test_generate_from_a_preset_with_its_fields_changed(midi_model: MidiModel) -> None:
    from engine.song.theory import key_from_name

    request = Generate("string-quartet", bars=6, meter=(4, 4), key=key_from_name("E minor"))
    song = apply(midi_model, None, request, 11)
    assert song.bar_count == 6
    assert [t.program for t in song.tracks] == [40, 40, 41, 42]
    assert song.key_signatures[0] == key_from_name("E minor")
    assert all(track.notes for track in song.tracks)
    cello = song.tracks[3].notes
    assert all(36 <= n.pitch <= 72 for n in cello)
    with pytest.raises(ComposeError, match="no style preset 'techno'"):
        apply(midi_model, None, Generate("techno"), 1)


def test_nudging_a_melody_denser_adds_notes_without_chords(midi_model: MidiModel) -> None:
    cells = cells_of(_tune(), [0])
    result = apply(midi_model, _tune(), Nudge(cells, "denser", 1.0), 6)
    before = sum(len(_tune().notes_in_bar(*c)) for c in cells)
    after = sum(len(result.notes_in_bar(*c)) for c in cells)
    assert after > before
    assert all(_polyphony(result.notes_in_bar(*c)) <= 1 for c in cells)


def test_a_density_request_moves_the_note_count(midi_model: MidiModel) -> None:
    cells = cells_of(_tune(), [0], (1, 6))

    def notes_with(density: int) -> int:
        result = apply(midi_model, _tune(), Regenerate(cells, Controls(density=density)), 2)
        return sum(len(result.notes_in_bar(*c)) for c in cells)

    assert notes_with(8) > notes_with(4) > notes_with(1)


def test_a_new_song_has_notes_in_every_cell(midi_model: MidiModel) -> None:
    song = apply(midi_model, None, Generate("chorale", bars=4), 3)
    assert all(song.notes_in_bar(*cell) for cell in cells_of(song))


def test_a_named_lead_instrument_writes_its_part_in_range(midi_model: MidiModel) -> None:
    request = read_prompt("a waltz for flute, four bars").request()
    assert request.lead_program == 73
    song = apply(midi_model, None, request, 5)
    lead = song.tracks[0]
    assert (lead.program, lead.name) == (73, "Flute")
    low, high = playable_range(73)
    assert lead.notes
    assert all(low <= note.pitch <= high for note in lead.notes)
    assert operations.request_to_json(request)["lead_program"] == 73
