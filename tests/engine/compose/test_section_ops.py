"""Section operations with the shipped model on short songs: regenerate, vary, copy and recast a
section, to it alone or to every repeat, locks kept, the same seed giving the same song."""

from __future__ import annotations

import dataclasses
import itertools
from collections import Counter

import pytest

from engine.compose.midi_model import MidiModel
from engine.compose.operations import ComposeError, apply, lock
from engine.compose.requests import (
    CopySection,
    RecastSection,
    RegenerateSection,
    VarySection,
)
from engine.song.sections import Section, new_section
from engine.song.song import PPQ, ControlEvent, Note, Song, TempoChange, Track
from engine.studio.models import Models
from engine.studio.use_cases import Studio

BAR = 4 * PPQ


def line(low: int, bars: int, step: int) -> tuple[Note, ...]:
    """Four quarter notes a bar, a different figure in every bar."""
    return tuple(
        Note(bar * BAR + beat * PPQ, low + (bar * step + beat * 2) % 12, PPQ, 70 + beat * 5)
        for bar in range(bars)
        for beat in range(4)
    )


def form_song(sections: tuple[Section, ...], bars: int) -> Song:
    """A lead and a bass over `bars` bars with the given form."""
    return Song(
        title="Form",
        bar_count=bars,
        tracks=(
            Track("Flute", program=73, notes=line(67, bars, 5)),
            Track("Bass", program=32, notes=line(40, bars, 3)),
        ),
        tempos=(TempoChange(0, 100),),
        sections=sections,
    )


@pytest.fixture
def song() -> Song:
    """Verse, chorus, verse, chorus, and a chorus a bar longer: 11 bars."""
    return form_song(
        (
            new_section(0, 2, "verse"),
            new_section(2, 2, "chorus"),
            new_section(4, 2, "verse", "Verse 2"),
            new_section(6, 2, "chorus", "Chorus 2"),
            new_section(8, 3, "chorus", "Chorus 3"),
        ),
        11,
    )


@pytest.fixture
def long_verse() -> Song:
    """A four-bar verse and a four-bar chorus, for variations fine enough to measure."""
    return form_song((new_section(0, 4, "verse"), new_section(4, 4, "chorus")), 8)


def relative(song: Song, track: int, bar: int) -> list[tuple[int, int, int, int]]:
    """A cell's notes as (start in the bar, pitch, length, velocity)."""
    start = song.bar_span(bar)[0]
    return [
        (n.start_tick - start, n.pitch, n.duration_ticks, n.velocity)
        for n in song.notes_in_bar(track, bar)
    ]


def changed_cells(before: Song, after: Song) -> set[tuple[int, int]]:
    return {
        (t, b)
        for t in range(len(before.tracks))
        for b in range(before.bar_count)
        if before.notes_in_bar(t, b) != after.notes_in_bar(t, b)
    }


def changed_share(before: Song, after: Song, bars: range) -> float:
    """The share of the notes in `bars` (before and after together) that are not in both."""
    old = Counter(
        n for t in range(len(before.tracks)) for b in bars for n in before.notes_in_bar(t, b)
    )
    new = Counter(
        n for t in range(len(after.tracks)) for b in bars for n in after.notes_in_bar(t, b)
    )
    both = sum((old & new).values())
    total = sum(old.values()) + sum(new.values())
    return 1 - 2 * both / total


def test_regenerate_one_rewrites_the_section_alone(midi_model: MidiModel, song: Song) -> None:
    result = apply(midi_model, song, RegenerateSection(1), seed=3)
    changed = changed_cells(song, result)
    assert changed
    assert {bar for _, bar in changed} <= {2, 3}
    assert result.sections == song.sections
    assert apply(midi_model, song, RegenerateSection(1), seed=3) == result
    assert apply(midi_model, song, RegenerateSection(1), seed=4) != result


def test_regenerate_all_gives_every_repeat_the_new_section(
    midi_model: MidiModel, song: Song
) -> None:
    song = lock(song, [(0, 6)])  # the flute's first bar of Chorus 2
    result = apply(midi_model, song, RegenerateSection(3, scope="all"), seed=5)
    assert result.notes_in_bar(0, 6) == song.notes_in_bar(0, 6)  # locked: bit-identical
    assert changed_cells(song, result) - {(0, 6)} >= {(1, 6), (0, 7), (1, 7)}
    for track in range(2):
        for offset in range(2):
            if (track, 6 + offset) != (0, 6):
                assert relative(result, track, 2 + offset) == relative(result, track, 6 + offset)
        # Chorus 3 is a bar longer: its first two bars are the chorus, its last written again
        assert relative(result, track, 8) == relative(result, track, 6 if track else 2)
        assert relative(result, track, 9) == relative(result, track, 7)
    for bar in (0, 1, 4, 5):  # the verses stay
        assert all(result.notes_in_bar(t, bar) == song.notes_in_bar(t, bar) for t in range(2))


def test_regenerate_of_chosen_tracks_keeps_the_others(midi_model: MidiModel, song: Song) -> None:
    result = apply(midi_model, song, RegenerateSection(1, "all", tracks=(1,)), seed=2)
    assert {track for track, _ in changed_cells(song, result)} == {1}
    assert relative(result, 1, 2) == relative(result, 1, 6)


def test_regenerate_keeps_locked_cells(midi_model: MidiModel, song: Song) -> None:
    song = lock(song, [(0, 2), (1, 3)])
    result = apply(midi_model, song, RegenerateSection(1), seed=8)
    assert result.notes_in_bar(0, 2) == song.notes_in_bar(0, 2)
    assert result.notes_in_bar(1, 3) == song.notes_in_bar(1, 3)
    assert changed_cells(song, result) <= {(1, 2), (0, 3)}


def test_vary_zero_keeps_the_song_and_one_rewrites_every_bar(
    midi_model: MidiModel, long_verse: Song
) -> None:
    assert apply(midi_model, long_verse, VarySection(0, 0.0), seed=1) == long_verse
    whole = apply(midi_model, long_verse, VarySection(0, 1.0), seed=1)
    assert {bar for _, bar in changed_cells(long_verse, whole)} == {0, 1, 2, 3}


def test_vary_changes_more_the_stronger_it_is(midi_model: MidiModel, long_verse: Song) -> None:
    strengths = (0.1, 0.2, 0.35, 0.5, 0.7, 0.9, 1.0)
    results = [apply(midi_model, long_verse, VarySection(0, s), seed=11) for s in strengths]
    shares = [changed_share(long_verse, r, range(4)) for r in results]
    assert shares == sorted(shares), shares
    assert 0 < shares[0] < shares[-1]
    bars = [{bar for _, bar in changed_cells(long_verse, r)} for r in results]
    assert all(a <= b for a, b in itertools.pairwise(bars)), bars
    for result in results:  # only the verse varies
        assert {bar for _, bar in changed_cells(long_verse, result)} <= {0, 1, 2, 3}
    again = apply(midi_model, long_verse, VarySection(0, 0.35), seed=11)
    assert again == results[2]


def test_vary_all_varies_every_repeat_alike(midi_model: MidiModel, song: Song) -> None:
    result = apply(midi_model, song, VarySection(0, 0.6, scope="all"), seed=4)
    assert changed_cells(song, result)
    for track in range(2):
        for offset in range(2):
            assert relative(result, track, offset) == relative(result, track, 4 + offset)
    one = apply(midi_model, song, VarySection(0, 0.6), seed=4)
    assert {bar for _, bar in changed_cells(song, one)} <= {0, 1}


def test_copy_places_the_section_and_cuts_what_it_covers(midi_model: MidiModel, song: Song) -> None:
    song = lock(song, [(1, 6)])
    result = apply(midi_model, song, CopySection(1, to_bar=5), seed=0)
    assert [(s.name, s.first_bar, s.bars) for s in result.sections] == [
        ("Verse", 0, 2),
        ("Chorus", 2, 2),
        ("Verse 2", 4, 1),
        ("Chorus", 5, 2),
        ("Chorus 2", 7, 1),
        ("Chorus 3", 8, 3),
    ]
    assert result.sections[3].role == "chorus"
    assert result.notes_in_bar(1, 6) == song.notes_in_bar(1, 6)  # locked
    assert relative(result, 0, 5) == relative(song, 0, 2)
    assert relative(result, 0, 6) == relative(song, 0, 3)
    assert relative(result, 1, 5) == relative(song, 1, 2)
    assert changed_cells(song, result) == {(0, 5), (1, 5), (0, 6)}


def test_copy_plays_the_source_bars_controllers_without_the_model(song: Song) -> None:
    """Pedal, bend and expression travel with a copied bar (no model needed): a pedal already
    down when the source bar began is pressed at the target's start, the target's own pedal
    goes, and what the target left in force after its bar is set again there."""
    bar = song.bar_span(2)[1] - song.bar_span(2)[0]
    flute = song.tracks[0]
    controls = (
        ControlEvent(bar * 1 + 10, "sustain", 127),  # down before the chorus, held into it
        ControlEvent(bar * 2 + bar // 2, "pitch_bend", 1000),
        ControlEvent(bar * 2 + bar // 2 + 5, "pitch_bend", 0),
        ControlEvent(bar * 3 + 3, "sustain", 0),
        ControlEvent(bar * 5 + 7, "expression", 60),  # the target's own, taken away
        ControlEvent(bar * 5 + 9, "cc", 20, number=7),  # a setup controller, kept
    )
    song = dataclasses.replace(
        song, tracks=(dataclasses.replace(flute, controls=controls), *song.tracks[1:])
    )
    result = apply(None, song, CopySection(1, to_bar=5), seed=0)

    def moves(bar_index: int) -> list[tuple[int, str, int, int]]:
        start, end = result.bar_span(bar_index)
        return [
            (e.tick - start, e.kind, e.value, e.number)
            for e in result.tracks[0].controls
            if start <= e.tick < end
        ]

    assert moves(5) == [
        (0, "sustain", 127, 0),
        (9, "cc", 20, 7),
        (bar // 2, "pitch_bend", 1000, 0),
        (bar // 2 + 5, "pitch_bend", 0, 0),
    ]
    assert moves(6) == [(3, "sustain", 0, 0)]
    assert moves(7) == [(0, "expression", 60, 0)]  # as the target's bars had left it


def test_copy_past_the_end_is_refused_with_the_fix(midi_model: MidiModel, song: Song) -> None:
    with pytest.raises(ComposeError, match=r"would run to bar 12.*add 1 bar\(s\) first"):
        apply(midi_model, song, CopySection(4, to_bar=9), seed=0)
    with pytest.raises(ComposeError, match="already starts at bar 3"):
        apply(midi_model, song, CopySection(1, to_bar=2), seed=0)


def test_make_a_verse_a_chorus_copies_the_first_chorus(midi_model: MidiModel, song: Song) -> None:
    result = apply(midi_model, song, RecastSection(2, "chorus"), seed=6)
    recast = result.sections[2]
    assert (recast.role, recast.name, recast.first_bar, recast.bars) == ("chorus", "Chorus 4", 4, 2)
    assert [s for i, s in enumerate(result.sections) if i != 2] == [
        s for i, s in enumerate(song.sections) if i != 2
    ]
    for track in range(2):
        assert relative(result, track, 4) == relative(song, track, 2)
        assert relative(result, track, 5) == relative(song, track, 3)
    assert {bar for _, bar in changed_cells(song, result)} == {4, 5}
    varied = apply(midi_model, song, RecastSection(2, "chorus", strength=0.5), seed=6)
    assert changed_share(result, varied, range(4, 6)) > 0


def test_make_a_section_of_a_role_the_song_lacks_writes_it_anew(
    midi_model: MidiModel, song: Song
) -> None:
    result = apply(midi_model, song, RecastSection(2, "bridge"), seed=6)
    assert (result.sections[2].role, result.sections[2].name) == ("bridge", "Bridge")
    assert changed_cells(song, result)
    assert {bar for _, bar in changed_cells(song, result)} <= {4, 5}
    assert apply(midi_model, song, RecastSection(2, "bridge"), seed=6) == result


@pytest.mark.parametrize(
    ("request_", "says"),
    [
        (RegenerateSection(9), "there is no section 10: the song has 5"),
        (VarySection(0, 1.5), "strength must be from 0 to 1"),
        (RegenerateSection(0, tracks=(4,)), "track 5 does not exist"),
        (RegenerateSection(0, scope="most"), "scope 'most' is unknown"),  # type: ignore[arg-type]
        (RecastSection(0, "hook"), "there is no section role 'hook'"),
        (CopySection(0, to_bar=-1), "give a bar inside it"),
    ],
)
def test_a_request_that_cannot_be_done_says_what_to_do(
    midi_model: MidiModel, song: Song, request_: object, says: str
) -> None:
    with pytest.raises(ComposeError, match=says):
        apply(midi_model, song, request_, seed=0)  # type: ignore[arg-type]


def test_a_song_without_sections_or_a_locked_section_is_refused(
    midi_model: MidiModel, song: Song
) -> None:
    bare = form_song((), 4)
    with pytest.raises(ComposeError, match="the song has no sections"):
        apply(midi_model, bare, VarySection(0, 0.5), seed=0)
    locked = lock(song, [(t, b) for t in range(2) for b in (2, 3)])
    with pytest.raises(ComposeError, match=r"every cell of section 2 'Chorus'.*is locked"):
        apply(midi_model, locked, RegenerateSection(1, scope="all"), seed=0)


def test_the_take_is_recorded_and_undo_restores(midi_model: MidiModel, song: Song) -> None:
    studio = Studio.headless(Models(midi=lambda: midi_model))
    studio.new(song)
    composed = studio.compose(VarySection(1, 0.5, scope="all"), seed=9)
    assert composed.applied
    assert studio.song != song
    assert studio.takes[-1].operation == "vary-section"
    assert studio.takes[-1].song == studio.song
    studio.document.undo()
    assert studio.song == song


def test_vary_keeps_locked_cells(midi_model: MidiModel, long_verse: Song) -> None:
    song = lock(long_verse, [(0, 1), (1, 2)])
    for strength in (0.3, 0.6, 1.0):
        result = apply(midi_model, song, VarySection(0, strength), seed=12)
        assert result.notes_in_bar(0, 1) == song.notes_in_bar(0, 1)
        assert result.notes_in_bar(1, 2) == song.notes_in_bar(1, 2)


def test_progress_runs_forward_to_the_end(midi_model: MidiModel, song: Song) -> None:
    calls: list[tuple[int, int]] = []
    request = VarySection(0, 0.75, scope="all")  # a repeat as long: its stage writes nothing
    apply(
        midi_model, song, request, seed=3, progress=lambda done, total: calls.append((done, total))
    )
    assert len({total for _, total in calls}) == 1
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    assert calls[-1][0] == calls[-1][1]


def test_a_copy_is_a_take_without_loading_the_model(song: Song) -> None:
    models = Models(midi=lambda: pytest.fail("a copy must not load the symbolic model"))
    studio = Studio.headless(models)
    studio.new(song)
    composed = studio.compose(CopySection(1, to_bar=5), seed=0)
    assert composed.applied
    assert studio.takes[-1].operation == "copy-section"
    assert relative(studio.song, 0, 5) == relative(song, 0, 2)


def test_the_composer_is_told_how_many_locked_cells_a_section_operation_kept(
    midi_model: MidiModel, song: Song
) -> None:
    studio = Studio.headless(Models(midi=lambda: midi_model))
    studio.new(lock(song, [(0, 2), (1, 6), (0, 9)]))
    every_chorus = studio.compose(RegenerateSection(1, scope="all"), seed=3)
    assert every_chorus.locked_kept == 3
    assert "3 locked cell(s) left as they are" in every_chorus.message
    one_chorus = studio.compose(VarySection(1, 0.5), seed=3)
    assert one_chorus.locked_kept == 1
