"""`tessera-cli`: info, convert and export on real files; one-line errors and exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from engine.project.midi.files import export_midi, import_midi
from engine.project.project_file import load_project
from engine.song.song import PPQ, KeySignatureChange, Note, Song, TempoChange, Track

BAR = 4 * PPQ


@pytest.fixture
def song_file(tmp_path: Path) -> Path:
    notes = tuple(Note(bar * BAR, 60 + bar, PPQ, 90) for bar in range(8))
    song = Song(
        title="Demo",
        bar_count=8,
        tracks=(Track("Lead", program=73, notes=notes), Track("Kit", is_drum=True, notes=notes)),
        tempos=(TempoChange(0, 90),),
        key_signatures=(KeySignatureChange(0, 2),),
    )
    path = tmp_path / "demo.mid"
    export_midi(song, path)
    return path


def test_info_prints_the_summary(song_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["info", str(song_file)]) == 0
    out = capsys.readouterr().out
    assert "title:  Demo" in out
    assert "length: 8 bars, 0:21" in out
    assert "tempo:  90 BPM at bar 1" in out
    assert "key:    D major" in out
    assert "1. Lead [Flute, program 73] 8 notes" in out
    assert "2. Kit [Drums, program 0] 8 notes" in out


def test_convert_both_ways_keeps_the_song(song_file: Path, tmp_path: Path) -> None:
    project = tmp_path / "demo.json"
    back = tmp_path / "back.mid"
    assert main(["convert", str(song_file), str(project)]) == 0
    assert main(["convert", str(project), str(back)]) == 0
    assert load_project(project) == import_midi(song_file)
    assert import_midi(back) == import_midi(song_file)


def test_export_a_selection(song_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "part.mid"
    assert main(["export", str(song_file), str(out), "--tracks", "2", "--bars", "3-4"]) == 0
    part = import_midi(out)
    assert part.bar_count == 2
    assert [t.name for t in part.tracks] == ["Kit"]
    assert [n.pitch for n in part.tracks[0].notes] == [62, 63]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["info", "{dir}/missing.mid"], "cannot open missing.mid"),
        (["export", "{song}", "{dir}/x.mid", "--bars", "7-12"], "outside 1-8"),
        (["export", "{song}", "{dir}/x.mid", "--tracks", "3"], "tracks '3' is outside 1-2"),
        (["convert", "{song}", "{dir}/no/such/dir/x.json"], "cannot save the project"),
    ],
)
def test_bad_input_is_one_line_and_exit_1(
    args: list[str], message: str, song_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    filled = [a.format(dir=song_file.parent, song=song_file) for a in args]
    assert main(filled) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("tessera-cli: error: ")
    assert message in err
    assert "\n" not in err


def test_installed_entry_point_runs_and_helps(song_file: Path) -> None:
    help_run = subprocess.run(
        [sys.executable, "-m", "app.cli", "--help"], capture_output=True, text=True, check=False
    )
    assert help_run.returncode == 0
    for command in ("info", "convert", "export"):
        assert command in help_run.stdout
    bad = subprocess.run(
        [sys.executable, "-m", "app.cli", "info", str(song_file.with_suffix(".json"))],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 1
    assert bad.stderr.count("\n") == 1
