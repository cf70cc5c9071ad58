"""`tessera-cli form` on real files: list a song's sections, add, rename, recast, move, resize,
set the energy of and delete them in the project (one undo step each, saved under the lock),
list a MIDI file's markers as its form, and refuse what does not fit with one error line and
nothing written; `info` shows the form."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from app.cli import main
from app.cli_form import edited
from engine.project.midi.files import import_midi
from engine.project.project_file import load_project, save_project
from engine.song.sections import Section
from engine.song.song import PPQ, Note, Song, Track
from engine.studio.use_cases import Studio

PROJECT_ROOT = Path(__file__).resolve().parents[2]
BAR = 4 * PPQ


def _song(sections: tuple[Section, ...] = ()) -> Song:
    notes = tuple(Note(bar * BAR, 60 + bar % 12, PPQ, 90) for bar in range(24))
    return Song(title="Form", bar_count=24, tracks=(Track("Lead", notes=notes),), sections=sections)


FORM = (
    Section(0, 4, "Intro", "intro"),
    Section(4, 8, "主歌", "verse"),
    Section(12, 8, "Chorus", "chorus", 0.9),
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "song.json"
    save_project(_song(FORM), path)
    return path


def _run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    status = main([str(part) for part in argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_a_form_is_built_and_changed_one_step_at_a_time(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "song.json"
    save_project(_song(), path)
    status, out, _ = _run(capsys, "form", path)
    assert status == 0
    assert "no sections in 24 bars; add one with: tessera-cli form" in out

    assert _run(capsys, "form", path, "--add", "intro", "--bars", "1-4")[0] == 0
    assert _run(capsys, "form", path, "--add", "主歌", "--bars", "5-12", "--name", "主歌")[0] == 0
    status, out, _ = _run(
        capsys, "form", path, "--add", "refrain", "--bars", "13-20", "--energy", "0.9"
    )
    assert status == 0
    assert out.startswith(f"Add section Chorus (bars 13-20): wrote {path}")
    assert load_project(path).sections == FORM

    status, out, _ = _run(
        capsys, "form", path, "--section", "verse", "--name", "Verse 1", "--energy", "0.5"
    )
    assert status == 0
    assert out.startswith("Section 主歌: renamed Verse 1, energy 0.5: wrote")
    assert load_project(path).sections[1] == Section(4, 8, "Verse 1", "verse", 0.5)

    assert (
        _run(capsys, "form", path, "--section", "chorus", "--move-to", "15", "--length", "6")[0]
        == 0
    )
    assert load_project(path).sections[2] == Section(14, 6, "Chorus", "chorus", 0.9)
    assert (
        _run(capsys, "form", path, "--section", "3", "--bars", "21-24", "--energy", "default")[0]
        == 0
    )
    assert load_project(path).sections[2] == Section(20, 4, "Chorus", "chorus")
    assert _run(capsys, "form", path, "--section", "Verse 1", "--role", "pre-chorus")[0] == 0
    assert load_project(path).sections[1].role == "pre-chorus"
    status, out, _ = _run(capsys, "form", path, "--section", "intro", "--delete")
    assert (status, out.splitlines()[0]) == (0, f"Delete section Intro: wrote {path}")
    song = load_project(path)
    assert song.sections == (
        Section(4, 8, "Verse 1", "pre-chorus", 0.5),
        Section(20, 4, "Chorus", "chorus"),
    )
    assert song.tracks == _song().tracks  # a section is a name over bars: no note moved


def test_the_list_shows_number_name_role_bars_energy_and_gaps(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = _run(capsys, "form", project)
    assert (status, err) == (0, "")
    assert out.splitlines() == [
        f"{project}: 3 sections in 24 bars",
        "   1. Intro          intro      bars 1-4       energy 0.30 (default)",
        "   2. 主歌           verse      bars 5-12      energy 0.45 (default)",
        "   3. Chorus         chorus     bars 13-20     energy 0.90",
        "      (no section: bars 21-24)",
    ]
    status, out, _ = _run(capsys, "form", project, "--section", "chorus")
    assert status == 0
    assert out.splitlines()[0].startswith("   3. Chorus")
    assert "repeated by: none" in out


def test_the_list_names_the_repeats_of_a_section(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "aabb.json"
    save_project(
        _song(tuple(Section(i * 6, 6, n, "strain") for i, n in enumerate(["A", "A'", "B", "B'"]))),
        path,
    )
    status, out, _ = _run(capsys, "form", path, "--section", "A'")
    assert status == 0
    assert "repeated by: 1 A" in out


def test_info_shows_the_form(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(capsys, "info", project)
    assert status == 0
    assert "form:   Intro 1-4 | 主歌 5-12 | Chorus 13-20" in out.splitlines()


def test_a_midi_file_shows_its_markers_as_its_form_and_is_changed_into_a_project(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    midi = project.with_suffix(".mid")
    assert _run(capsys, "export", project, midi)[0] == 0
    status, out, _ = _run(capsys, "form", midi)
    assert status == 0
    assert (
        "   3. Chorus         chorus     bars 13-20     energy 0.80 (default)" in out
    )  # no energy
    assert "form:   Intro 1-4 | 主歌 5-12 | Chorus 13-20" in _run(capsys, "info", midi)[1]

    before = midi.read_bytes()
    status, _, err = _run(capsys, "form", midi, "--section", "1", "--name", "Opening")
    assert status == 2
    assert err == (
        "tessera-cli: error: 'song.mid' is a MIDI file, which keeps sections only as markers: "
        "convert it to a project first (tessera-cli convert song.mid song.json) or write one "
        "with -o song.json\n"
    )
    assert midi.read_bytes() == before
    copy = project.with_name("copy.json")
    assert _run(capsys, "form", midi, "--section", "1", "--name", "Opening", "-o", copy)[0] == 0
    assert [s.name for s in load_project(copy).sections] == ["Opening", "主歌", "Chorus"]
    assert midi.read_bytes() == before


def test_output_writes_a_new_project_and_leaves_the_file(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = project.read_bytes()
    copy = project.with_name("copy.json")
    assert _run(capsys, "form", project, "--add", "outro", "--bars", "21-24", "-o", copy)[0] == 0
    assert project.read_bytes() == before
    assert load_project(copy).sections[-1] == Section(20, 4, "Outro", "outro")


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["--add", "bridge", "--bars", "10-14"], "bars 10-14 meet the section '主歌' (bars 5-12)"),
        (
            ["--add", "outro", "--bars", "21-30"],
            "bars '21-30' is outside 1-24: the song has 24 bars",
        ),
        (["--section", "2", "--length", "9"], "would overlap 'Chorus' (bars 13-20)"),
        (
            ["--section", "chorus", "--move-to", "20"],
            "would run to bar 27, but the song has 24 bars",
        ),
        (["--section", "chorus", "--bars", "30"], "outside 1-24"),
        (
            ["--section", "bridge", "--name", "x"],
            "no section 'bridge' in the song (sections: 1 Intro",
        ),
        (["--section", "4", "--delete"], "no section '4'"),
    ],
)
def test_a_change_that_does_not_fit_the_song_exits_1_and_writes_nothing(
    project: Path, capsys: pytest.CaptureFixture[str], argv: list[str], says: str
) -> None:
    before = project.read_bytes()
    status, out, err = _run(capsys, "form", project, *argv)
    assert (status, out) == (1, "")
    assert err.startswith("tessera-cli: error: ")
    assert err.count("\n") == 1
    assert says in err
    assert project.read_bytes() == before


def test_a_song_without_sections_says_how_to_add_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "empty.json"
    save_project(_song(), path)
    status, _, err = _run(capsys, "form", path, "--section", "1", "--energy", "0.2")
    assert status == 1
    assert "the song has no sections yet: add one with --add ROLE --bars A-B" in err


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["--add", "chorus"], "--add needs the bars the section covers, e.g. --bars 5-12"),
        (["--add", "chorus", "--bars", "1", "--length", "2"], "--length does not go with --add"),
        (["--add", "hook line", "--bars", "1"], "'hook line' is not a section role: use one of"),
        (
            ["--section", "1", "--delete", "--role", "verse"],
            "--delete goes alone: leave out --role",
        ),
        (["--section", "1", "--bars", "1-2", "--move-to", "3"], "leave out --move-to and --length"),
        (["--energy", "0.5"], "--energy changes a section: say which with --section"),
        (
            ["--section", "1", "--energy", "loud"],
            "must be a number from 0 to 1, got 'loud' or 'default'",
        ),
        (["--section", "1", "--name", " "], "argument --name: is empty"),
        (["--section", "1", "--name", "x" * 61], "61 characters is too long: write at most 60"),
        (
            ["--section", "1", "-o", "x.json"],
            "--output writes a changed project: give a change too",
        ),
        (["--section", "1", "--name", "x", "-o", "x.mid"], "is a MIDI file, which keeps sections"),
    ],
)
def test_a_wrong_command_line_exits_2_before_the_file_is_read(
    project: Path, capsys: pytest.CaptureFixture[str], argv: list[str], says: str
) -> None:
    before = project.read_bytes()
    status, out, err = _run(capsys, "form", project, *argv)
    assert (status, out) == (2, "")
    assert err.count("\n") == 1
    assert says in err
    assert project.read_bytes() == before


def test_an_edit_is_one_undo_step(project: Path) -> None:
    studio = Studio.headless()
    studio.open(project)
    args = argparse.Namespace(
        add=None, section="主歌", name="Verse", role="pre-chorus", energy=0.7,
        bars="6-9", move_to=None, length=None, delete=False,
    )  # fmt: skip
    song, label = edited(studio.song, args)
    assert label == "Section 主歌: renamed Verse, made a pre-chorus, energy 0.7, bars 6-9"
    studio.document.apply_edit(song, label)
    assert studio.song.sections[1] == Section(5, 4, "Verse", "pre-chorus", 0.7)
    studio.document.undo()
    assert studio.song.sections == FORM


def _cli(*argv: object) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "app.cli", *map(str, argv)],
        capture_output=True,
        text=True,
        timeout=120,  # a hang guard
        check=False,
        cwd=PROJECT_ROOT,
        env=env,
    )


def test_two_commands_changing_one_project_at_once_both_land(tmp_path: Path) -> None:
    path = tmp_path / "song.json"
    save_project(_song(), path)
    changes = [("verse", "1-8"), ("chorus", "9-16"), ("outro", "17-20")]
    with ThreadPoolExecutor(max_workers=3) as pool:
        done = list(pool.map(lambda c: _cli("form", path, "--add", c[0], "--bars", c[1]), changes))
    assert [result.returncode for result in done] == [0, 0, 0], [r.stderr for r in done]
    assert [s.role for s in load_project(path).sections] == ["verse", "chorus", "outro"]
    midi = tmp_path / "song.mid"
    assert _cli("export", path, midi).returncode == 0
    assert [s.name for s in import_midi(midi).sections] == ["Verse", "Chorus", "Outro"]
