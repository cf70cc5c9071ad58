"""`tessera-cli` reads its options before any work: what each mistake says, and its status.

A command line that is wrong by itself exits with 2 and one line that names the option and
what to write; nothing is opened, loaded, rendered or written first. A file that is missing or
is not a file exits with 1, also before any model runs.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.cli import main
from benchmarks.tunes import d_major_tune
from engine.project.project_file import load_project, save_project
from engine.studio.models import Models

HUGE = "9" * 4300


@pytest.fixture
def song(tmp_path: Path) -> Path:
    path = tmp_path / "tune.json"
    save_project(d_major_tune(), path)
    return path


def watched_models(loaded: list[str]) -> Models:
    """Models that record a load, and fail it: a refused command must not get that far."""

    def load() -> None:
        loaded.append("a model")
        raise RuntimeError("a model was loaded")

    return Models(midi=load, renderer=load, notes=load)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["generate", "{d}/n.json", "--seed", "-1"], "--seed: must be a whole number from 0 to"),
        (["live", "--in", "k", "--out", "x", "--seed", "-1"], "--seed: must be a whole number"),
        (["generate", "{d}/n.json", "--bars", "0"], "--bars: must be a whole number from 1 to 512"),
        (["continue", "{f}", "--bars", "513"], "--bars: must be a whole number from 1 to 512"),
        (["continue", "{f}", "--bars", HUGE], "got '999999999999999999999999999999"),
        (["generate", "{d}/n.txt"], "unknown file type '.txt' for a song to write"),
        (["render", "{f}", "{d}/x.mp5"], "audio is written as .wav, .flac, .mp3 or .ogg, not .mp5"),
        (["regenerate", "{f}", "--bars", "1", "-o", "{d}/x.mp5"], "unknown file type '.mp5'"),
        (["info", "{d}/notes.txt"], "unknown file type '.txt'"),
        (["takes", "{d}/tune.mid"], "unknown file type '.mid' for a Tessera project"),
        (["generate", "{d}/n.json", "--title", "\udcff"], "--title: character 1 is not text"),
        (["add-track", "{f}", "--instrument", "cello", "--name", "a\nb"], "control character"),
        (["generate", "{d}/n.json", "--title", "x" * 201], "201 characters is too long"),
        (["generate", "{d}/n.json", "--tempo", "nan"], "--tempo: must be a number from 4 to"),
        (["generate", "{d}/n.json", "--tempo", "inf"], "--tempo: must be a number from 4 to"),
        (["regenerate", "{f}", "--bars", "1", "--temperature=-inf"], "from 0 to 3"),
        (["regenerate", "{f}", "--bars", "1", "--top-p", "0"], "above 0 to 1"),
        (["regenerate", "{f}", "--bars", "0"], "bars '0' is not understood"),
        (["regenerate", "{f}", "--tracks", "2-1"], "tracks '2-1' is not understood"),
        (["play", "{f}", "--loop", "3-"], "argument --loop: bars '3-' is not understood"),
        (["regenerate", "{f}"], "choose what to regenerate with --tracks and/or --bars"),
        (["lock", "{f}", "--bars", "1", "-o", "{d}/x.mid"], "cannot hold locks"),
        (
            ["nudge", "{f}", "--bars", "1", "--direction", "louder", "--strength", "2"],
            "--strength: must be a number from 0 to 1, got '2'",
        ),
        (["regenerate", "{f}", "--bars", "1", "--scale", "H minor"], "does not start with a note"),
        (["regenerate", "{f}", "--bars", "1", "--chords", "Am,Fxx"], "'xx' is not a chord type"),
        (["add-track", "{f}", "--instrument", "theremin-ish"], "no General MIDI instrument"),
        (["generate", "{d}/n.json", "--meter", "three"], "write it like 3/4"),
        (["generate", "{d}/n.json", "--meter", "3/5"], "meter: denominator must be one of"),
        (["generate", "{d}/n.json", "--prompt", "a tune in 99/4"], "meter: numerator must be"),
        (["regenerate", "{f}", "--bars", "1", "--style", "polka"], "choose one of folk, classical"),
        (["add-track", "{f}", "--instrument", "kit", "--style", "polka"], "unknown style 'polka'"),
        (["generate", "{d}/n.json", "--preset", "pop", "--style", "polka"], "choose one of folk"),
        (
            ["live", "--in", "k", "--out", "x", "--seconds", "0"],
            "--seconds: must be a number above",
        ),
        (["live", "--in", "k", "--out", "x", "--bpm", "fast"], "20 to 300 BPM or 'clock'"),
        (["live", "--in", "k"], "live needs --in and --out"),
        (["transcribe", "{d}/c.wav", "{d}/o.json", "--onset-threshold", "1"], "below 1"),
        (["transcribe", "{d}/c.wav", "{d}/o.json", "--quantise", "1/5"], "unknown quantise grid"),
        (["transcribe", "{d}/c.wav", "{d}/o.json", "--program", "999"], "outside General MIDI"),
        (["generate", "{d}/n.json", "--bogus"], "unrecognized arguments: --bogus"),
        ([], "the following arguments are required: COMMAND"),
    ],
)
def test_a_command_line_mistake_is_one_line_with_status_2_before_any_work(
    args: list[str], says: str, song: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = sorted(os.listdir(song.parent)), song.read_bytes()
    loaded: list[str] = []
    filled = [a.format(f=song, d=song.parent) for a in args]
    assert main(filled, watched_models(loaded)) == 2
    err = capsys.readouterr().err
    assert err.startswith("tessera-cli: error: ")
    assert says in err
    assert err.count("\n") == 1
    assert (sorted(os.listdir(song.parent)), song.read_bytes()) == before
    assert loaded == []


def test_argparse_mistakes_point_at_the_commands_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["generate", "x.json", "--bars", "x"]) == 2
    assert capsys.readouterr().err == (
        "tessera-cli: error: argument --bars: must be a whole number from 1 to 512, got 'x' "
        "(see: tessera-cli generate --help)\n"
    )


def test_an_output_into_a_missing_folder_is_refused_before_the_model_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    loaded: list[str] = []
    args = ["generate", str(tmp_path / "no" / "new.json"), "--bars", "1"]
    assert main(args, watched_models(loaded)) == 1
    assert "the folder" in capsys.readouterr().err
    assert loaded == []


def test_a_folder_named_like_a_song_is_refused_before_it_is_opened(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "album.json").mkdir()
    assert main(["regenerate", str(tmp_path / "album.json"), "--bars", "1"]) == 1
    assert "it is a folder" in capsys.readouterr().err


def test_a_file_name_that_is_not_utf8_is_printed_not_a_crash(
    song: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = song.parent / "\udcff.json"  # the byte 0xff in a Linux file name
    assert main(["convert", str(song), str(copy)]) == 0
    assert load_project(copy) == load_project(song)
    assert "wrote" in capsys.readouterr().out


def test_help_gives_each_range(capsys: pytest.CaptureFixture[str]) -> None:
    for command, shown in (
        ("generate", "length in bars, 1-512"),
        ("regenerate", "random seed, 0 to 2**63-1"),
        ("continue", "how many bars to add, 1-512"),
        ("live", "tempo in BPM, 20-300"),
        ("transcribe", "shortest note in seconds, 0-10"),
    ):
        assert main([command, "--help"]) == 0
        assert shown in " ".join(capsys.readouterr().out.split())
