"""Pure edits of a song's form: each returns a new Song, leaves the notes and the input alone, and
refuses an overlap or a bar outside the grid with a message that says what to do."""

from __future__ import annotations

import pytest

from engine.song.section_edits import add_section, remove_section, set_sections, update_section
from engine.song.sections import Section
from engine.song.song import PPQ, Note, Song, SongError, Track

BAR = 4 * PPQ


def _song(sections: tuple[Section, ...] = ()) -> Song:
    notes = tuple(Note(bar * BAR, 60 + bar % 12, PPQ, 80) for bar in range(24))
    return Song(bar_count=24, tracks=(Track("Lead", notes=notes),), sections=sections)


FORM = (
    Section(0, 4, "Intro", "intro"),
    Section(4, 8, "Verse", "verse"),
    Section(12, 8, "Chorus", "chorus", 0.9),
)


def test_adding_sections_keeps_them_in_bar_order_and_names_them_by_role() -> None:
    song = add_section(_song(), 12, 8, "chorus")
    song = add_section(song, 0, 4, "intro", "前奏")
    song = add_section(song, 4, 8, "verse")
    assert song.sections == (
        Section(0, 4, "前奏", "intro"),
        Section(4, 8, "Verse", "verse"),
        Section(12, 8, "Chorus", "chorus"),
    )
    assert add_section(_song(), 23, 1).sections == (Section(23, 1, "Section", "other"),)


def test_every_edit_returns_a_new_song_and_leaves_the_input_and_notes_alone() -> None:
    song = _song(FORM)
    before = repr(song)
    results = [
        add_section(song, 20, 4, "outro"),
        update_section(song, 1, name="Verse 1", role="pre-chorus", energy=0.6),
        update_section(song, 2, first_bar=16, bars=4),
        remove_section(song, 0),
        set_sections(song, ()),
    ]
    assert repr(song) == before
    for result in results:
        assert result is not song
        assert result.sections != song.sections
        assert result.tracks == song.tracks


def test_add_refuses_a_section_over_another_naming_it() -> None:
    song = _song(FORM)
    with pytest.raises(SongError, match=r"bars 10-13 meet the section 'Verse' \(bars 5-12\)"):
        add_section(song, 9, 4, "bridge")
    with pytest.raises(SongError, match=r"meet the section 'Intro' \(bars 1-4\)"):
        add_section(song, 2, 20, "bridge")  # the earliest of those it meets is named


@pytest.mark.parametrize(
    ("first_bar", "bars", "says"),
    [
        (24, 1, "section first bar must be an integer from 1 to 24, got 25"),
        (-1, 1, "section first bar"),
        (20, 5, "section length in bars must be an integer from 1 to 4, got 5"),
        (0, 0, "section length in bars"),
    ],
)
def test_add_refuses_bars_outside_the_song(first_bar: int, bars: int, says: str) -> None:
    with pytest.raises(SongError, match=says):
        add_section(_song(), first_bar, bars, "verse")


def test_add_refuses_an_unknown_role_and_a_bad_name() -> None:
    with pytest.raises(SongError, match="section role must be one of"):
        add_section(_song(), 0, 4, "refrain")
    with pytest.raises(SongError, match="1 to 60 characters"):
        add_section(_song(), 0, 4, "verse", " ")


def test_update_renames_recasts_and_sets_or_clears_the_energy() -> None:
    song = update_section(_song(FORM), 1, name="主歌 1", role="pre-chorus", energy=0.7)
    assert song.sections[1] == Section(4, 8, "主歌 1", "pre-chorus", 0.7)
    cleared = update_section(song, 2, clear_energy=True)
    assert cleared.sections[2] == Section(12, 8, "Chorus", "chorus")
    assert cleared.sections[2].level == 0.8  # its role's default again
    same = update_section(song, 2, energy=0.5, clear_energy=True)  # clearing wins
    assert same.sections[2].energy is None


def test_update_moves_and_resizes_without_moving_notes() -> None:
    song = _song(FORM)
    moved = update_section(song, 2, first_bar=14)
    assert moved.sections[2] == Section(14, 8, "Chorus", "chorus", 0.9)
    assert moved.tracks == song.tracks
    shorter = update_section(song, 1, bars=2)
    assert shorter.sections[1] == Section(4, 2, "Verse", "verse")
    both = update_section(song, 0, first_bar=20, bars=4)  # past the chorus: now last
    assert [s.name for s in both.sections] == ["Verse", "Chorus", "Intro"]


@pytest.mark.parametrize(
    ("index", "changes", "says"),
    [
        (1, {"bars": 9}, r"'Verse' at bars 5-13 would overlap 'Chorus' \(bars 13-20\)"),
        (2, {"first_bar": 10}, r"'Chorus' at bars 11-18 would overlap 'Verse' \(bars 5-12\)"),
        (2, {"first_bar": 17}, "section 'Chorus' runs to bar 25, but the song has only 24 bars"),
        (0, {"first_bar": 24}, "section first bar must be an integer from 1 to 24"),
        (0, {"bars": 25}, "section length in bars must be an integer from 1 to 24"),
        (0, {"role": "hook"}, "section role must be one of"),
        (0, {"energy": 2.0}, "section energy must be a number from 0 to 1"),
        (3, {"name": "x"}, "section number must be an integer from 1 to 3, got 4"),
        (-1, {"name": "x"}, "section number must be an integer from 1 to 3, got 0"),
    ],
)
def test_update_refuses_what_does_not_fit_and_changes_nothing(
    index: int, changes: dict[str, object], says: str
) -> None:
    song = _song(FORM)
    with pytest.raises(SongError, match=says):
        update_section(song, index, **changes)  # type: ignore[arg-type]
    assert song.sections == FORM


def test_remove_keeps_the_bars_and_notes_and_refuses_a_missing_section() -> None:
    song = _song(FORM)
    removed = remove_section(song, 1)
    assert removed.sections == (FORM[0], FORM[2])
    assert (removed.bar_count, removed.tracks) == (song.bar_count, song.tracks)
    with pytest.raises(SongError, match="section number must be an integer from 1 to 2"):
        remove_section(removed, 2)
    with pytest.raises(SongError, match="the song has no sections: add one first"):
        remove_section(_song(), 0)
    with pytest.raises(SongError, match="the song has no sections"):
        update_section(_song(), 0, name="x")
    with pytest.raises(SongError, match="a section number must be an integer, got True"):
        remove_section(song, True)


def test_set_sections_sorts_a_new_form_and_checks_it() -> None:
    song = set_sections(_song(), (FORM[2], FORM[0], FORM[1]))
    assert song.sections == FORM
    with pytest.raises(SongError, match="overlaps"):
        set_sections(_song(), (FORM[0], Section(2, 4, "Verse", "verse")))
    with pytest.raises(SongError, match="runs to bar 30"):
        set_sections(_song(), (Section(20, 10, "Outro", "outro"),))
