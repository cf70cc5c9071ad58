"""Words to controls: a table of prompts with the fields each must set, and the words that set
them; explicit words beat moods; unknown words are listed; the CLI applies and prints it."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from app.cli import main
from engine.compose.operations import PRESETS, Generate
from engine.compose.prompt import read_prompt
from engine.project.project_file import load_project
from engine.song.theory import key_from_name, parse_scale

CASES: list[tuple[str, dict[str, Any]]] = [
    (
        "slow and sad folk tune for strings in 3/4",
        {"preset": "string-quartet", "tempo_bpm": 72, "meter": (3, 4), "key": "C minor"},
    ),
    ("a lively reel in A dorian, 32 bars",
     {"preset": "reel", "tempo_bpm": 138, "bars": 32, "key": "A dorian", "scale": "A dorian"}),
    ("gentle hymn for choir in Eb major at 60 bpm",
     {"preset": "chorale", "tempo_bpm": 60, "key": "Eb major", "velocity_range": (35, 70)}),
    ("a waltz for flute, sixteen bars, quiet",
     {"preset": "folk-tune", "meter": (3, 4), "bars": 16, "instrument": 73}),
    ("happy piano piece", {"preset": "piano", "tempo_bpm": 120, "key": "C major"}),
    ("an irish jig in g", {"preset": "folk-tune", "meter": (6, 8), "key": "G major"}),
    ("fast busy string quartet in F# minor",
     {"preset": "string-quartet", "tempo_bpm": 144, "density": 12, "key": "F# minor"}),
    ("short mournful chorale", {"preset": "chorale", "bars": 8, "tempo_bpm": 56,
                                "key": "G minor"}),
    ("adagio for strings in 4/4, loud",
     {"preset": "string-quartet", "tempo_bpm": 66, "meter": (4, 4),
      "velocity_range": (85, 120)}),
    ("a march in b flat major", {"meter": (4, 4), "key": "Bb major"}),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_each_prompt_sets_its_fields_and_names_the_words(
    text: str, expected: dict[str, Any]
) -> None:
    reading = read_prompt(text)
    for name, value in expected.items():
        assert getattr(reading, name) == value, f"{name} of {text!r}: {reading}"
        if name != "preset" or value != "folk-tune":
            assert name in reading.sources, f"no source words for {name} of {text!r}"
    assert reading == read_prompt(text)  # deterministic
    assert all(" from " in line for line in reading.explain() if "not understood" not in line)


def test_a_word_naming_a_field_beats_a_mood_that_suggests_it() -> None:
    reading = read_prompt("sad but allegro, in D major")
    assert reading.tempo_bpm == 126
    assert reading.sources["tempo_bpm"] == "'allegro'"
    assert reading.key == "D major"


def test_unknown_words_are_listed_not_guessed() -> None:
    reading = read_prompt("a zorblax for theremin")
    assert reading.ignored == ("zorblax", "theremin")
    assert reading.preset == "folk-tune"
    assert "not understood: 'zorblax', 'theremin'" in reading.explain()


def test_the_request_carries_every_field_and_any_field_can_be_changed() -> None:
    reading = read_prompt("slow sad tune in A dorian, 12 bars, sparse")
    request = reading.request()
    assert isinstance(request, Generate)
    assert (request.preset, request.bars, request.tempo_bpm) == ("folk-tune", 12, 72)
    assert request.key == key_from_name("A dorian")  # G major's one sharp, centred on A
    assert request.key.sharps_flats == 1
    assert request.controls.scale == parse_scale("A dorian")
    assert request.controls.density == 4
    changed = dataclasses.replace(reading, tempo_bpm=90.0, preset="piano").request()
    assert (changed.tempo_bpm, changed.preset) == (90.0, "piano")


def test_cli_generate_from_a_prompt_prints_what_it_understood(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "p.json"
    prompt = "a slow waltz for flute in E minor, 6 bars"
    assert main(["generate", str(path), "--prompt", prompt, "--tempo", "80", "--seed", "2"]) == 0
    out = capsys.readouterr().out
    assert "understood: meter 3/4 from 'waltz'" in out
    song = load_project(path)
    assert (song.bar_count, song.tempos[0].tempo_bpm) == (6, 80)  # --tempo beats 'slow'
    assert song.time_signatures[0].numerator == 3
    assert song.key_signatures[0].mode == "minor"
    assert song.tracks[0].program == 73


STYLE_PROMPTS: list[tuple[str, str]] = [
    ("a catchy pop song", "pop"),
    ("loud rock with electric guitar", "rock"),
    ("heavy metal, fast", "metal"),
    ("a tender love song ballad", "ballad"),
    ("lo-fi beat with rhodes", "lofi"),
    ("boom bap hip hop at 90 bpm", "hiphop"),
    ("house track 126 bpm", "house"),
    ("funky groove with slap bass", "funk"),
    ("warm r&b soul", "soul"),
    ("laid back reggae", "reggae"),
    ("bossa nova for flute", "latin"),
    ("swing jazz with sax", "jazz"),
    ("a slow blues in A", "blues"),
    ("country with fiddle and banjo", "country"),
    ("epic cinematic trailer", "cinematic"),
    ("中国风 古筝 慢", "chinese"),
    ("摇滚 电吉他", "rock"),
    ("一首悲伤的抒情歌", "ballad"),
    ("电子舞曲 合成器", "house"),
    ("爵士 萨克斯", "jazz"),
]


@pytest.mark.parametrize(("text", "preset"), STYLE_PROMPTS)
def test_each_style_word_picks_its_band_preset(text: str, preset: str) -> None:
    reading = read_prompt(text)
    assert reading.preset == preset, reading.explain()
    assert reading.request().preset == preset
    assert reading == read_prompt(text)


def test_prompts_naming_different_styles_give_different_songs() -> None:
    chosen = [STYLE_PROMPTS[i][0] for i in range(16)]
    readings = [read_prompt(text) for text in chosen]
    assert len({r.preset for r in readings}) == 16
    assert len({r.request() for r in readings}) == 16
    assert len({PRESETS[r.preset] for r in readings}) >= 12


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("lo-fi beat with rhodes", {"preset": "lofi", "instrument": 4}),
        ("中国风 古筝 慢", {"preset": "chinese", "instrument": 107, "tempo_bpm": 72}),
        ("epic cinematic trailer", {"preset": "cinematic"}),
        ("house track 126 bpm", {"preset": "house", "tempo_bpm": 126}),
        ("rock with distorted guitar", {"preset": "rock", "instrument": 30}),
        ("pop song with synth", {"preset": "pop", "instrument": None}),  # pop's lead is a synth
        ("house with a synth pad", {"preset": "house", "instrument": 89}),
        ("jazz with piano", {"preset": "jazz", "instrument": 0}),
        ("erhu melody", {"preset": "chinese", "instrument": 110}),
        ("二胡", {"preset": "chinese", "instrument": 110}),
        ("琵琶 快", {"preset": "chinese", "instrument": 106, "tempo_bpm": 144}),
        ("笛子 欢快", {"preset": "chinese", "instrument": None, "tempo_bpm": 120}),  # its lead
        ("钢琴 悲伤", {"preset": "piano", "key": "C minor", "instrument": None}),
        ("吉他 D小调 16小节", {"instrument": 24, "key": "D minor", "bars": 16}),
        ("电吉他 3/4拍", {"preset": "rock", "instrument": 27, "meter": (3, 4)}),
        ("贝斯 鼓", {"preset": "pop"}),
        ("合成器", {"preset": "house", "instrument": None}),
        ("cinematic strings", {"preset": "cinematic"}),  # a named style beats an ensemble
        ("a piano ballad", {"preset": "ballad", "instrument": None}),
        ("electric piano chill", {"preset": "lofi", "instrument": 4}),
    ],
)
def test_styles_and_instruments_in_english_and_chinese(text: str, expected: dict[str, Any]) -> None:
    reading = read_prompt(text)
    for name, value in expected.items():
        assert getattr(reading, name) == value, f"{name} of {text!r}: {reading.explain()}"
    assert not reading.ignored, reading.ignored


def test_drums_and_bass_are_understood_and_say_what_became_of_them() -> None:
    band = read_prompt("funk with drums and bass")
    assert band.preset == "funk"
    assert "drum kit from 'drums' (the funk preset has one)" in band.explain()
    assert "bass from 'bass' (the funk preset has one)" in band.explain()
    folk = read_prompt("irish jig with drums")
    assert folk.preset == "folk-tune"
    assert any("the folk-tune preset has none" in line for line in folk.explain())
    assert not folk.ignored


def test_unknown_words_are_reported_in_english_and_chinese() -> None:
    reading = read_prompt("lo-fi zorblax with theremin, 中国风的嗷嗷古筝")
    assert reading.ignored == ("zorblax", "theremin", "嗷嗷")
    assert (reading.preset, reading.instrument) == ("lofi", 107)
    assert "not understood: 'zorblax', 'theremin', '嗷嗷'" in reading.explain()
    # the longer Chinese word wins: 欢快 is cheerful, not the 快 (fast) inside it
    assert read_prompt("欢快").tempo_bpm == 120


def test_cli_generate_from_a_style_prompt_writes_the_band_in_its_style(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "house.json"
    args = ["generate", str(path), "--prompt", "house track 126 bpm", "--bars", "2", "--seed", "1"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "understood: preset house from 'house'" in out
    song = load_project(path)
    assert (song.style, song.tempos[0].tempo_bpm) == ("house", 126)
    assert [track.is_drum for track in song.tracks] == [False, False, False, True]
    assert main([*args[:3], "中国风 古筝 慢", "--bars", "2", "--style", "pop"]) == 0
    song = load_project(path)
    assert (song.style, song.tracks[0].program, song.tempos[0].tempo_bpm) == ("pop", 107, 72)
