"""Song form values: what a section may be, how a form is checked, what repeats what, roles read
from names (English and Chinese), a form cut to a selection, and finding a section as typed."""

from __future__ import annotations

import pytest

from engine.song.sections import (
    DEFAULT_ENERGY,
    MAX_SECTION_NAME,
    ROLE_NAMES,
    ROLES,
    Section,
    check_sections,
    find_section,
    first_of_kind,
    new_section,
    repeat_key,
    repeats_of,
    role_from_name,
    section_at_bar,
    shifted,
)
from engine.song.song import Song, SongError

POP = (
    Section(0, 4, "Intro", "intro"),
    Section(4, 8, "Verse 1", "verse"),
    Section(12, 8, "Chorus", "chorus", 0.85),
    Section(20, 8, "Verse 2", "verse"),
    Section(28, 8, "Chorus 2", "chorus"),
    Section(36, 4, "Bridge", "bridge"),
    Section(40, 8, "Chorus 3", "chorus"),
    Section(48, 4, "Outro", "outro"),
)
FIDDLE = (
    Section(0, 8, "A", "strain"),
    Section(8, 8, "A'", "strain"),
    Section(16, 8, "B", "strain"),
    Section(24, 8, "B2", "strain"),
)


# One section ------------------------------------------------------------------------------


def test_a_section_knows_its_bars_and_its_energy() -> None:
    chorus = Section(12, 8, "Chorus", "chorus")
    assert (chorus.last_bar, chorus.bar_range) == (19, range(12, 20))
    assert chorus.level == DEFAULT_ENERGY["chorus"]
    assert Section(12, 8, "Chorus", "chorus", 0.25).level == 0.25
    assert Section(0, 1, "x", "other", 1).energy == 1.0  # an int energy is kept as a float


@pytest.mark.parametrize(
    ("fields", "says"),
    [
        ((0, 4, ""), "1 to 60 characters"),
        ((0, 4, "   "), "1 to 60 characters"),
        ((0, 4, "x" * (MAX_SECTION_NAME + 1)), "1 to 60 characters"),
        ((0, 4, "Verse", "refrain"), "section role must be one of"),
        ((0, 4, "Verse", "verse", 1.5), "section energy must be a number from 0 to 1"),
        ((0, 4, "Verse", "verse", -0.1), "section energy"),
        ((0, 4, "Verse", "verse", float("nan")), "section energy"),
        ((0, 0, "Verse"), "section bars must be an integer from 1"),
        ((-1, 4, "Verse"), "section first_bar must be an integer from 0"),
        ((0, 4, "bad \ud800 name"), "lone surrogate"),
    ],
)
def test_a_section_that_cannot_be_is_refused(fields: tuple[object, ...], says: str) -> None:
    with pytest.raises(SongError, match=says):
        Section(*fields)  # type: ignore[arg-type]


def test_a_name_of_the_longest_length_is_kept() -> None:
    assert Section(0, 1, "x" * MAX_SECTION_NAME).name == "x" * MAX_SECTION_NAME


def test_new_sections_are_named_after_their_role_unless_named() -> None:
    assert new_section(0, 8, "pre-chorus") == Section(0, 8, "Pre-chorus", "pre-chorus")
    assert new_section(0, 8, "strain").name == "A"
    assert new_section(4, 2, "chorus", "副歌").name == "副歌"
    assert set(ROLE_NAMES) == set(ROLES) == set(DEFAULT_ENERGY)


def test_role_defaults_make_the_chorus_push_above_the_verse() -> None:
    energy = DEFAULT_ENERGY
    assert energy["verse"] < energy["pre-chorus"] < energy["chorus"] < energy["drop"]
    assert energy["verse"] < energy["bridge"] < energy["chorus"]
    assert energy["outro"] < energy["verse"]
    assert energy["intro"] < energy["verse"]
    assert energy["break"] == min(energy.values())
    assert all(0.0 <= value <= 1.0 for value in energy.values())


# A whole form -----------------------------------------------------------------------------


def test_a_form_in_bar_order_inside_the_grid_is_kept() -> None:
    assert check_sections(list(POP), 52) == POP
    assert Song(bar_count=52, sections=POP).sections == POP


@pytest.mark.parametrize(
    ("sections", "bar_count", "says"),
    [
        ((Section(0, 4, "Intro"), Section(3, 4, "Verse")), 8, r"'Verse' \(from bar 4\) overlaps"),
        ((Section(4, 4, "Verse"), Section(0, 2, "Intro")), 8, "overlaps 'Verse'"),
        ((Section(0, 4, "Intro"), Section(0, 4, "Again")), 8, "overlaps"),
        ((Section(6, 4, "Outro"),), 8, "runs to bar 10, but the song has only 8 bars"),
        (("Verse 1-8",), 8, "must all be Section values"),
    ],
)
def test_a_form_that_does_not_fit_is_refused(
    sections: tuple[object, ...], bar_count: int, says: str
) -> None:
    with pytest.raises(SongError, match=says):
        check_sections(sections, bar_count)
    with pytest.raises(SongError, match=says):
        Song(bar_count=bar_count, sections=sections)  # type: ignore[arg-type]


def test_bars_between_sections_belong_to_none() -> None:
    gapped = (Section(0, 4, "Intro", "intro"), Section(6, 2, "Verse", "verse"))
    assert check_sections(gapped, 10) == gapped
    assert [section_at_bar(gapped, bar) for bar in (0, 3, 4, 5, 6, 7, 8, 9)] == [
        0, 0, None, None, 1, 1, None, None,
    ]  # fmt: skip
    assert section_at_bar((), 0) is None


# Repeats ----------------------------------------------------------------------------------


def test_sections_of_one_role_repeat_one_another() -> None:
    assert repeats_of(POP, 2) == (2, 4, 6)  # every chorus, whatever its name
    assert repeats_of(POP, 3) == (1, 3)
    assert repeats_of(POP, 5) == (5,)  # one bridge
    assert first_of_kind(POP, 6) == 2
    assert first_of_kind(POP, 1) == 1


def test_strains_repeat_by_letter_primed_or_numbered() -> None:
    assert [repeat_key(section) for section in FIDDLE] == [
        "strain:a", "strain:a", "strain:b", "strain:b",
    ]  # fmt: skip
    assert repeats_of(FIDDLE, 1) == (0, 1)
    assert repeats_of(FIDDLE, 2) == (2, 3)
    assert first_of_kind(FIDDLE, 3) == 2
    spelled = (Section(0, 4, "Strain A", "strain"), Section(4, 4, "part a", "strain"))
    assert repeats_of(spelled, 0) == (0, 1)


def test_other_sections_repeat_by_name_less_their_count() -> None:
    form = (
        Section(0, 2, "Guitar riff 1"),
        Section(2, 2, "Theme"),
        Section(4, 2, "Guitar riff 2"),
        Section(6, 2, "GUITAR RIFF III"),
        Section(8, 2, "Theme"),
    )
    assert repeats_of(form, 0) == (0, 2, 3)
    assert repeats_of(form, 1) == (1, 4)
    assert repeat_key(Section(0, 1, "7")) == "other:7"  # a name that is only a count keeps it


def test_a_word_ending_in_roman_letters_keeps_them() -> None:
    """A Roman count needs a space before it: 'Remix' is not 'Rem' numbered nine."""
    assert repeats_of((Section(0, 2, "Remix"), Section(2, 2, "Rem")), 0) == (0,)


# Roles from names -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "role"),
    [
        ("Chorus", "chorus"),
        ("chorus 2", "chorus"),
        ("CHORUS III", "chorus"),
        ("Refrain", "chorus"),
        ("Hook", "chorus"),
        ("Verse_2", "verse"),
        ("Pre-Chorus", "pre-chorus"),
        ("pre chorus 2", "pre-chorus"),
        ("Prechorus", "pre-chorus"),
        ("Middle 8", "bridge"),
        ("Bridge 10", "bridge"),
        ("Coda", "outro"),
        ("Tag", "outro"),
        ("Breakdown", "break"),
        ("Build-up", "build"),
        ("Drop 2", "drop"),
        ("Solo guitar", "solo"),
        ("Intro", "intro"),
        ("A", "strain"),
        ("A'", "strain"),
        ("B2", "strain"),
        ("Part B", "strain"),
        ("前奏", "intro"),
        ("主歌", "verse"),
        ("主歌二", "verse"),
        ("第一段主歌", "verse"),
        ("预副歌", "pre-chorus"),
        ("副歌 2", "chorus"),
        ("桥段", "bridge"),
        ("间奏", "break"),
        ("尾声", "outro"),
        ("Untitled part", "other"),
        ("xyz", "other"),
        ("Z", "other"),  # a letter past H is not read as a strain
        ("甲", "other"),
    ],
)
def test_a_role_is_read_from_a_name(name: str, role: str) -> None:
    assert role_from_name(name) == role


def test_every_role_name_reads_back_as_its_role() -> None:
    for role, name in ROLE_NAMES.items():
        assert role_from_name(name) == ("other" if role == "other" else role), name


# A selection's form -----------------------------------------------------------------------


def test_a_selection_cuts_sections_to_it_and_counts_from_its_first_bar() -> None:
    assert shifted(POP, 10, 21) == (
        Section(0, 2, "Verse 1", "verse"),
        Section(2, 8, "Chorus", "chorus", 0.85),
        Section(10, 2, "Verse 2", "verse"),
    )
    assert shifted(POP, 0, 51) == POP
    assert shifted(POP, 36, 36) == (Section(0, 1, "Bridge", "bridge"),)
    gapped = (Section(0, 2, "Intro", "intro"), Section(6, 2, "Verse", "verse"))
    assert shifted(gapped, 2, 5) == ()  # the selection lies in the gap


# Finding a section as typed ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "index"),
    [
        ("1", 0),
        (" 3 ", 2),
        ("8", 7),
        ("Bridge", 5),
        ("verse   1", 1),
        ("CHORUS 2", 4),  # by name
        ("chorus", 2),  # the first of the role
        ("chorus 3", 6),
        ("verse 2", 3),
        ("refrain 2", 4),  # a word for the role, and a count
        ("副歌 3", 6),
        ("outro", 7),
    ],
)
def test_a_section_is_found_by_number_name_or_role_and_count(typed: str, index: int) -> None:
    assert find_section(POP, typed) == index


@pytest.mark.parametrize("typed", ["0", "9", "chorus 4", "solo", "Bridge 2", "nothing", ""])
def test_a_section_that_is_not_there_is_refused_with_the_list(typed: str) -> None:
    with pytest.raises(SongError, match=r"no section .* \(sections: 1 Intro, 2 Verse 1, .*8 Outro"):
        find_section(POP, typed)


def test_finding_in_a_song_without_sections_says_so() -> None:
    with pytest.raises(SongError, match=r"sections: none"):
        find_section((), "1")
