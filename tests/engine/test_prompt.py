"""Words to controls: a table of prompts with the fields each must set, and the words that set
them; explicit words beat moods; unknown words are listed; the CLI applies and prints it."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from app.cli import main
from engine.compose import Generate
from engine.project_file import load_project
from engine.prompt import read_prompt
from engine.theory import key_from_name, parse_scale

CASES: list[tuple[str, dict[str, Any]]] = [
    (
        "slow and sad folk tune for strings in 3/4",
        {"preset": "string-quartet", "tempo_bpm": 72, "meter": (3, 4), "key": "C minor"},
    ),
    ("a lively reel in A dorian, 32 bars",
     {"preset": "reel", "tempo_bpm": 138, "bars": 32, "key": "A minor", "scale": "A dorian"}),
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
    assert request.key == key_from_name("A minor")
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
