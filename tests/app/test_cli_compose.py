"""The composing commands of `tessera-cli` on real project and MIDI files."""

from __future__ import annotations

import json
from pathlib import Path

import mido
import pytest

from app.cli import main
from benchmarks.midi_factory import make_type0
from engine.project.project_file import (
    ProjectFileError,
    load_project,
    load_project_with_takes,
    save_project,
)


@pytest.fixture
def chorale(tmp_path: Path) -> Path:
    path = tmp_path / "chorale.json"
    assert main(["generate", str(path), "--preset", "chorale", "--bars", "6", "--seed", "7"]) == 0
    return path


def test_generate_writes_the_preset_with_the_asked_changes(tmp_path: Path) -> None:
    path = tmp_path / "new.json"
    args = ["generate", str(path), "--preset", "string-quartet", "--bars", "5", "--meter", "4/4"]
    assert main([*args, "--key", "A minor", "--tempo", "90", "--seed", "3"]) == 0
    song = load_project(path)
    assert (song.bar_count, len(song.tracks), song.tempos[0].tempo_bpm) == (5, 4, 90)
    assert (song.time_signatures[0].numerator, song.key_signatures[0].mode) == (4, "minor")
    assert all(track.notes for track in song.tracks)


def test_a_session_of_operations_records_takes_and_restores_one(
    chorale: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    steps = [
        ["lock", str(chorale), "--tracks", "1"],
        ["regenerate", str(chorale), "--tracks", "1,2", "--bars", "3-4", "--seed", "3"],
        [
            "nudge",
            str(chorale),
            "--tracks",
            "3",
            "--bars",
            "1-4",
            "--direction",
            "higher",
            "--strength",
            "0.5",
            "--seed",
            "2",
        ],
        ["add-track", str(chorale), "--instrument", "cello", "--seed", "1"],
        ["continue", str(chorale), "--bars", "2", "--seed", "5"],
    ]
    before = load_project(chorale)
    for step in steps:
        assert main(step) == 0, step
    output = capsys.readouterr().out
    assert "note: 2 locked cell(s) left as they are" in output
    song, takes = load_project_with_takes(chorale)
    assert [t.operation for t in takes] == [
        "generate",
        "lock",
        "regenerate",
        "nudge",
        "add-track",
        "continue",
    ]
    assert song.bar_count == 8
    assert len(song.tracks) == 5
    assert song.tracks[0].locked_bars == frozenset(range(6))
    for bar in range(6):
        assert song.notes_in_bar(0, bar) == before.notes_in_bar(0, bar)
    assert takes[-1].song == song

    assert main(["takes", str(chorale)]) == 0
    listing = capsys.readouterr().out.splitlines()
    assert listing[2].startswith("  3  regenerate (seed 3): 4 cells")
    assert main(["takes", str(chorale), "--restore", "3"]) == 0
    restored, kept = load_project_with_takes(chorale)
    assert restored == takes[2].song
    assert kept == takes


def test_the_same_seed_gives_the_same_file(chorale: Path, tmp_path: Path) -> None:
    outputs = []
    for name in ("a.json", "b.json"):
        out = tmp_path / name
        assert (
            main(
                [
                    "regenerate",
                    str(chorale),
                    "--bars",
                    "2-3",
                    "--seed",
                    "11",
                    "--range",
                    "C3-C5",
                    "--scale",
                    "G major",
                    "-o",
                    str(out),
                ]
            )
            == 0
        )
        outputs.append(load_project(out))
    assert outputs[0] == outputs[1]
    for track in range(4):
        for bar in (1, 2):
            assert all(48 <= n.pitch <= 72 for n in outputs[0].notes_in_bar(track, bar))


def test_operations_work_on_an_imported_midi_file(tmp_path: Path) -> None:
    source = tmp_path / "band.mid"
    make_type0(source)
    out = tmp_path / "band-new.mid"
    assert (
        main(
            [
                "regenerate",
                str(source),
                "--tracks",
                "1",
                "--bars",
                "2",
                "--seed",
                "1",
                "-o",
                str(out),
            ]
        )
        == 0
    )
    assert any(m.type == "note_on" for track in mido.MidiFile(out).tracks for m in track)
    project = tmp_path / "band.json"
    assert main(["add-track", str(out), "--instrument", "flute", "-o", str(project)]) == 0
    assert load_project(project).tracks[-1].program == 73


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["regenerate", "{f}", "--tracks", "9"], "tracks '9' is outside 1-4"),
        (["takes", "{f}", "--restore", "9"], "there is no take 9"),
    ],
)
def test_mistakes_get_one_line_and_exit_1(
    chorale: Path, args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = chorale.read_bytes()
    filled = [a.format(f=chorale, d=chorale.parent) for a in args]
    assert main(filled) == 1
    error = capsys.readouterr().err
    assert error.startswith("tessera-cli: error: ")
    assert message in error
    assert len(error.strip().splitlines()) == 1
    assert chorale.read_bytes() == before


def test_a_fully_locked_selection_is_refused(
    chorale: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["lock", str(chorale), "--bars", "2"]) == 0
    assert main(["regenerate", str(chorale), "--bars", "2"]) == 1
    assert "every selected cell is locked" in capsys.readouterr().err


def test_version_1_projects_open_and_gain_takes(tmp_path: Path, chorale: Path) -> None:
    data = json.loads(chorale.read_text("utf-8"))
    data["schema_version"] = 1
    del data["takes"]
    old = tmp_path / "old.json"
    old.write_text(json.dumps(data), "utf-8")
    assert main(["regenerate", str(old), "--bars", "1", "--seed", "2"]) == 0
    _, takes = load_project_with_takes(old)
    assert [t.operation for t in takes] == ["regenerate"]


def test_a_damaged_take_is_named_by_its_path(tmp_path: Path, chorale: Path) -> None:
    data = json.loads(chorale.read_text("utf-8"))
    data["takes"][0]["seed"] = "seven"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), "utf-8")
    with pytest.raises(ProjectFileError, match=r"takes\[0\]\.seed must be an integer"):
        load_project_with_takes(bad)
    save_project(load_project(chorale), tmp_path / "plain.json")
    assert "takes" not in json.loads((tmp_path / "plain.json").read_text("utf-8"))


def test_add_track_drums_makes_a_gm_drum_kit_on_channel_10(
    chorale: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["add-track", str(chorale), "--instrument", "drums", "--seed", "4"]) == 0
    song, takes = load_project_with_takes(chorale)
    kit = song.tracks[-1]
    assert (kit.name, kit.is_drum, len(song.tracks)) == ("Drums", True, 5)
    assert not any(track.is_drum for track in song.tracks[:-1])
    assert kit.notes
    assert all(35 <= note.pitch <= 81 for note in kit.notes)  # the GM percussion map
    assert takes[-1].request["is_drum"] is True
    exported = tmp_path / "kit.mid"
    assert main(["export", str(chorale), str(exported)]) == 0
    midi = mido.MidiFile(exported)
    named = {
        next(m.name for m in track if m.type == "track_name"): {
            m.channel for m in track if m.type in ("note_on", "note_off")
        }
        for track in midi.tracks[1:]
    }
    assert named["Drums"] == {9}  # channel 10, counted from 1
    assert all(9 not in channels for name, channels in named.items() if name != "Drums")
    for word in ("鼓", "Drum kit", "percussion"):
        out = tmp_path / "more.json"
        assert main(["add-track", str(chorale), "--instrument", word, "-o", str(out)]) == 0
        assert load_project(out).tracks[-1].is_drum
    capsys.readouterr()


def test_style_option_sets_the_songs_style_before_composing(tmp_path: Path, chorale: Path) -> None:
    band = tmp_path / "band.json"
    assert main(["generate", str(band), "--preset", "lofi", "--bars", "2", "--seed", "1"]) == 0
    song = load_project(band)
    assert song.style == "lofi"
    assert [t.is_drum for t in song.tracks] == [False, False, False, True]
    assert [t.program for t in song.tracks[:3]] == [26, 4, 33]
    args = ["generate", str(band), "--preset", "pop", "--style", "jazz", "--bars", "2"]
    assert main([*args, "--seed", "1"]) == 0
    song, takes = load_project_with_takes(band)
    assert (song.style, len(song.tracks), song.tempos[0].tempo_bpm) == ("jazz", 4, 112)
    assert (takes[-1].request["preset"], takes[-1].request["style"]) == ("pop", "jazz")
    assert main(["regenerate", str(chorale), "--bars", "1", "--style", "rock", "--seed", "1"]) == 0
    assert load_project(chorale).style == "rock"
    assert main(["continue", str(chorale), "--bars", "1", "--style", "none", "--seed", "1"]) == 0
    assert load_project(chorale).style is None


def test_preset_help_lists_every_preset(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["generate", "--help"]) == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "folk-tune, reel, chorale, string-quartet, piano, pop, rock" in text
    assert "cinematic, chinese" in text
    assert "--style NAME" in text
    assert main(["generate", "x.json", "--preset", "polka"]) == 2
    assert "'lofi'" in capsys.readouterr().err


def test_key_pull_and_voice_order_can_be_turned_off(chorale: Path) -> None:
    args = ["regenerate", str(chorale), "--bars", "2", "--seed", "3"]
    assert main([*args, "--no-key-pull", "--voice-order", "free"]) == 0
    controls = load_project_with_takes(chorale)[1][-1].request["controls"]
    assert (controls["key_pull"], controls["keep_voice_order"]) == (False, False)
    assert main([*args, "--voice-order", "keep"]) == 0
    controls = load_project_with_takes(chorale)[1][-1].request["controls"]
    assert (controls["key_pull"], controls["keep_voice_order"]) == (True, True)
