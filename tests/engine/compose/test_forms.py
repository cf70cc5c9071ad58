"""Forms per style (presets/forms.toml), typed forms, and the plan and sections a form makes."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.compose.forms import (
    FORMS_FILE,
    STYLE_FORMS,
    FormPart,
    form_bars,
    form_sections,
    form_text,
    is_role_form,
    load_forms,
    parse_form,
    plan_form,
)
from engine.compose.plan import FormError, chord_of_degree, plan_song
from engine.compose.preset_files import PresetFileError
from engine.song.styles import STYLE_NAMES
from engine.song.theory import key_from_name

POP_USUAL = "intro:4 verse:8 chorus:8 verse:8 chorus:8 bridge:8 chorus:8 outro:4"


def test_every_style_has_forms_and_a_tempo_range() -> None:
    assert set(STYLE_FORMS) == set(STYLE_NAMES)
    for name, own in STYLE_FORMS.items():
        assert len(own.forms) >= 2, name
        low, high = own.tempo_range
        assert 20 <= low < high <= 300, name
    assert form_text(STYLE_FORMS["pop"].forms[0]) == POP_USUAL
    assert form_text(STYLE_FORMS["folk"].forms[0]) == "A:8 A:8 B:8 B:8"
    assert form_text(STYLE_FORMS["jazz"].forms[0]) == "A:8 A:8 B:8 A:8"
    assert {part.bars for part in STYLE_FORMS["blues"].forms[1]} == {12}
    house = [part.role for part in STYLE_FORMS["house"].forms[0]]
    assert house == ["intro", "build", "drop", "break", "build", "drop", "outro"]


def test_role_words_take_the_styles_lengths() -> None:
    typed = "intro verse chorus verse chorus bridge chorus outro"
    assert form_text(parse_form(typed, "pop")) == POP_USUAL
    assert form_text(parse_form("verse:4, chorus", "pop")) == "verse:4 chorus:8"
    assert form_text(parse_form("A A B A", "jazz")) == "A:8 A:8 B:8 A:8"
    assert form_text(parse_form("chorus chorus", "blues")) == "chorus:12 chorus:12"
    assert form_text(parse_form("主歌 副歌", "pop")) == "verse:8 chorus:8"
    assert form_text(parse_form("Intro Pre-Chorus", None)) == "intro:4 pre-chorus:4"
    assert form_bars(parse_form("long", "pop")) > form_bars(parse_form("usual", "pop"))
    assert parse_form("short", "pop") == parse_form("verse:8 chorus:8")


def test_letters_and_role_words_are_told_apart() -> None:
    assert not is_role_form("AABA")
    assert not is_role_form("-")
    assert is_role_form("verse")
    assert is_role_form("A:8 B:8")
    assert is_role_form("verse chorus")
    assert is_role_form("long")


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("verse vrse", "'vrse' is not a section: use a role"),
        ("verse:0", "a section lasts 1 to 64 bars"),
        ("verse:65", "a section lasts 1 to 64 bars"),
        ("verse:8:8", "should be a role with an optional length"),
        ("verse:64 " * 9, "more than a new song's 512"),
        ("verse " * 65, "1 to 64 sections"),
        ("z:8", "'z:8' is not a section"),
    ],
)
def test_a_wrong_form_says_which_word_and_why(typed: str, says: str) -> None:
    with pytest.raises(FormError, match=says):
        parse_form(typed, "pop")


def test_sections_are_named_counted_and_choruses_build() -> None:
    sections = form_sections(parse_form(POP_USUAL))
    assert [s.name for s in sections] == [
        "Intro", "Verse 1", "Chorus 1", "Verse 2", "Chorus 2", "Bridge", "Chorus 3", "Outro",
    ]  # fmt: skip
    assert [s.first_bar for s in sections] == [0, 4, 12, 20, 28, 36, 44, 52]
    choruses = [s.level for s in sections if s.role == "chorus"]
    assert choruses == pytest.approx([0.8, 0.85, 0.9])
    assert sections[2].energy is None  # the first chorus keeps its role's default
    verses = [s.level for s in sections if s.role == "verse"]
    assert verses[0] == verses[1] < choruses[0]
    strains = form_sections(parse_form("A:8 A:8 B:8 B:8"))
    assert [(s.name, s.role) for s in strains] == [("A", "strain")] * 2 + [("B", "strain")] * 2


def test_a_plan_repeats_each_section_from_its_first_playing() -> None:
    key = key_from_name("G major")
    plan = plan_form("pop", key, parse_form(POP_USUAL), seed=3)
    by_name = {s.name: p for s, p in zip(plan.sections, plan.phrases, strict=True)}
    assert by_name["Chorus 2"].source == by_name["Chorus 3"].source == 12
    assert by_name["Verse 2"].source == 4
    assert by_name["Chorus 1"].source is None
    assert by_name["Bridge"].source is None
    chorus = plan.chords[12:20]
    assert plan.chords[28:36] == chorus
    assert plan.chords[-2:] == (
        chord_of_degree(key, 4, "triads"),
        chord_of_degree(key, 0, "triads"),
    )
    other_length = plan_form("pop", key, (FormPart("verse", 8), FormPart("verse", 4)), 1)
    assert other_length.phrases[1].source is None  # a verse of another length is written anew


def test_a_form_of_letters_gives_strain_sections() -> None:
    plan = plan_song("folk", key_from_name("D major"), 16, seed=1, form="AABB")
    assert [(s.name, s.first_bar, s.bars) for s in plan.sections] == [
        ("A", 0, 4), ("A", 4, 4), ("B", 8, 4), ("B", 12, 4),
    ]  # fmt: skip
    assert plan_song("folk", key_from_name("D major"), 8, seed=1, form="-").sections == ()


def _forms_file(tmp_path: Path, extra: str = "", drop: str = "", replace: str = "") -> Path:
    text = FORMS_FILE.read_text(encoding="utf-8")
    if drop:
        start = text.index(f"[{drop}]")
        end = text.index("\n[", start + 1)
        text = text[:start] + text[end + 1 :]
    if replace:
        text = text.replace("tempo = [90, 130]", replace, 1)
    path = tmp_path / "forms.toml"
    path.write_text(text + extra, encoding="utf-8")
    return path


def test_the_shipped_file_loads_and_a_user_may_add_a_form(tmp_path: Path) -> None:
    assert load_forms() == STYLE_FORMS
    text = FORMS_FILE.read_text(encoding="utf-8").replace(
        '"verse:8 chorus:8",\n    "intro:4 verse:8 pre-chorus:4',
        '"verse:8 chorus:8",\n    "verse:4 chorus:4",\n    "intro:4 verse:8 pre-chorus:4',
        1,
    )
    path = tmp_path / "forms.toml"
    path.write_text(text, encoding="utf-8")
    assert "verse:4 chorus:4" in [form_text(form) for form in load_forms(path)["pop"].forms]


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ({"extra": '\n[polka]\nforms = ["A:8"]\ntempo = [90, 120]\n'}, "'polka' is not a style"),
        ({"drop": "blues"}, "no forms for the style 'blues': add a \\[blues\\] table"),
        (
            {"replace": "tempo = [130, 90]"},
            "style \\[pop\\]: 'tempo' should be \\[slowest, fastest\\]",
        ),
        ({"replace": 'tempo = "fast"'}, "'tempo' should be \\[slowest, fastest\\]"),
        ({"replace": "tempo = [90, 130]\nbars = 8"}, "unknown field 'bars'"),
        (
            {"replace": 'tempo = [90, 130]\n[pop2]\nforms = ["verse chorus"]'},
            "'pop2' is not a style",
        ),
        ({"extra": "[x\n"}, "forms.toml is not valid TOML"),
    ],
)
def test_a_bad_forms_file_gives_one_clear_error(
    tmp_path: Path, change: dict[str, str], says: str
) -> None:
    with pytest.raises(PresetFileError, match=says):
        load_forms(_forms_file(tmp_path, **change))


def test_a_form_in_the_file_must_give_every_length(tmp_path: Path) -> None:
    text = FORMS_FILE.read_text(encoding="utf-8").replace(
        '"verse:8 chorus:8",', '"verse chorus:8",', 1
    )
    path = tmp_path / "forms.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(
        PresetFileError, match=r"forms.toml, style \[pop\]: form 'verse chorus:8' should give"
    ):
        load_forms(path)
    path.write_text(text.replace("verse chorus:8", "verse:8 chrus:8"), encoding="utf-8")
    with pytest.raises(PresetFileError, match="'chrus:8' is not a section"):
        load_forms(path)
