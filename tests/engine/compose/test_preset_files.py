"""Presets as data: the shipped files load into the presets and plans the engine uses, a new
preset is a table in a file, and every mistake is reported with the file, the table and the
field, and what to write instead."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.compose.plan import BEATS, STYLE_PLANS, load_beats, load_style_plans
from engine.compose.preset_files import PRESETS_DIR, PresetFileError
from engine.compose.presets import PRESETS, Voice, load_presets
from engine.song.styles import STYLE_NAMES

GOOD_PRESET = """
[duo]
style = "jazz"
meter = "3/4"
key = "Bb major"
tempo = 150
bars = 12
form = "ABA"
voices = [
    { name = "Clarinet", program = 71, range = "D4-F5", polyphony = 1, register = "Bb4" },
    { name = "Brushes", drums = true, range = "B1-A5" },
]
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_files_hold_every_preset_style_and_beat() -> None:
    assert sorted(path.name for path in PRESETS_DIR.glob("*.toml")) == [
        "beats.toml",
        "ensembles.toml",
        "forms.toml",
        "styles.toml",
    ]
    assert list(PRESETS)[:5] == ["folk-tune", "reel", "chorale", "string-quartet", "piano"]
    assert set(STYLE_PLANS) == set(STYLE_NAMES)
    assert {plan.beat for plan in STYLE_PLANS.values()} - {None} <= set(BEATS)


def test_a_new_preset_is_a_table_in_a_file(tmp_path: Path) -> None:
    duo = load_presets(_write(tmp_path, "mine.toml", GOOD_PRESET))["duo"]
    assert duo.voices == (
        Voice("Clarinet", 71, (62, 77), polyphony=1, register=70),
        Voice("Brushes", 0, (35, 81), is_drum=True),
    )
    assert (duo.meter, duo.key, duo.tempo_bpm, duo.bars, duo.style, duo.form) == (
        (3, 4),
        "Bb major",
        150.0,
        12,
        "jazz",
        "ABA",
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ("tempo = 150", 'tempo = "fast"'),
            r"mine.toml, preset \[duo\]: 'tempo' should be a number",
        ),
        (
            ("program = 71", "program = 200"),
            r"voice 1: 'program' should be a whole number from 0 to 127",
        ),
        (('range = "D4-F5"', 'range = "H4-F5"'), r"voice 1: range 'H4-F5'"),
        (('style = "jazz"', 'style = "polka"'), r"style 'polka' is not one the model knows"),
        (('meter = "3/4"', 'meter = "3-4"'), r"meter '3-4' should be written like 4/4"),
        (('form = "ABA"', 'form = "A1"'), r"one letter per phrase"),
        (("bars = 12", "bars = 12\nvolume = 3"), r"unknown field 'volume'"),
        (("drums = true,", "drums = true, program = 3,"), r"a drum kit has no program"),
        (('key = "Bb major"', 'key = "Bb locrian"'), r"key 'Bb locrian'"),
        (('key = "Bb major"', 'key = "Bb lydian"'), None),  # a church mode is a key too
        (
            ("bars = 12", "bars = 12\nmodes = { major = 3, locrian = 1 }"),
            r"unknown field 'locrian'",
        ),
        (("bars = 12", "bars = 12\nmodes = { dorian = 3 }"), r"the key's own mode \(major\)"),
        (("bars = 12", "bars = 12\nmodes = { major = 0 }"), r"at least one mode a weight"),
        (("bars = 12", "bars = 12\nmodes = { major = -1 }"), r"'major' should be a whole number"),
        (("bars = 12", "bars = 12\nmodes = 3"), r"'modes' should be weights per mode"),
        (("bars = 12", "bars = 12\nmodes = { major = 3, minor = 1 }"), None),
        (
            ("bars = 12", "bars = 12\nfinals = { tonic = 3, fith = 1 }"),
            r"unknown field 'fith': the fields are tonic, second",
        ),
        (("bars = 12", "bars = 12\nfinals = { fifth = 3 }"), r"give the tonic a weight too"),
        (("bars = 12", "bars = 12\nfinals = { tonic = 0 }"), r"at least one degree a weight"),
        (("bars = 12", "bars = 12\nfinals = [1, 2]"), r"'finals' should be weights per degree"),
        (("bars = 12", "bars = 12\nfinals = { tonic = 5, fifth = 1.5 }"), r"'fifth' should be"),
        (("bars = 12", "bars = 12\nfinals = { tonic = 3, seventh = 1 }"), None),
        (("[duo]", "tempo_all = 3\n[duo]"), r"'tempo_all' should be a table"),
        (("voices = [", "voices = [\n"), None),  # still valid: only whitespace
        (("bars = 12", "bars = 12\nbars = 13"), r"not valid TOML"),
        (('register = "Bb4"', 'register = "Bb"'), r"voice 1: register 'Bb': .*octave"),
        (
            ('register = "Bb4"', 'register = "C6"'),
            r"register 'C6' lies outside the voice's range \(62-77\)",
        ),
    ],
)
def test_each_mistake_in_a_preset_is_named(
    tmp_path: Path, change: tuple[str, str], message: str | None
) -> None:
    path = _write(tmp_path, "mine.toml", GOOD_PRESET.replace(*change, 1))
    if message is None:
        assert "duo" in load_presets(path)
        return
    with pytest.raises(PresetFileError, match=message):
        load_presets(path)


def test_mistakes_in_styles_and_beats_are_named(tmp_path: Path) -> None:
    styles = (PRESETS_DIR / "styles.toml").read_text(encoding="utf-8")
    bad_degree = _write(tmp_path, "styles.toml", styles.replace('"I V VI IV"', '"I V X IV"', 1))
    with pytest.raises(
        PresetFileError, match=r"styles.toml, style \[classical\]: major progression"
    ):
        load_style_plans(bad_degree)
    no_beat = _write(
        tmp_path, "s2.toml", styles.replace('beat = "four-on-the-floor"', 'beat = "polka"')
    )
    with pytest.raises(PresetFileError, match=r"\[house\]: beat 'polka' is not in beats.toml"):
        load_style_plans(no_beat)
    missing = _write(tmp_path, "s3.toml", styles.replace("[chinese]", "[chinese_x]"))
    with pytest.raises(PresetFileError, match="'chinese_x' is not a style the model knows"):
        load_style_plans(missing)
    beats = (PRESETS_DIR / "beats.toml").read_text(encoding="utf-8")
    bad_drum = _write(tmp_path, "b.toml", beats.replace('drums = "kick"', 'drums = "cowbell"', 1))
    with pytest.raises(PresetFileError, match=r"b.toml, beat \[backbeat\], hit 1: drums 'cowbell'"):
        load_beats(bad_drum)
    late = _write(tmp_path, "b2.toml", beats.replace("beat = 4,", "beat = 6,", 1))
    with pytest.raises(PresetFileError, match=r"'beat' should be a number from 1 to 4\.99"):
        load_beats(late)
    with pytest.raises(PresetFileError, match="cannot read"):
        load_presets(tmp_path / "absent.toml")
