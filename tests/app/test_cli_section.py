"""`tessera-cli section` on real project files with the shipped model: each action writes the
project in place with a take, the same seed gives the same file, and a mistake is one line
with the exit status of its kind, the file left as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main
from engine.compose.midi_model import MidiModel
from engine.project.project_file import load_project, load_project_with_takes, save_project
from engine.song.edits import set_locked
from engine.song.sections import new_section
from engine.song.song import PPQ, Note, Song, TempoChange, Track
from engine.studio.models import Models

BAR = 4 * PPQ


def figure(low: int, bars: int, step: int) -> tuple[Note, ...]:
    return tuple(
        Note(bar * BAR + beat * PPQ, low + (bar * step + beat * 2) % 12, PPQ, 80)
        for bar in range(bars)
        for beat in range(4)
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Verse, chorus, verse, bridge, chorus over ten bars, two tracks."""
    song = Song(
        title="Form",
        bar_count=10,
        tracks=(
            Track("Flute", program=73, notes=figure(67, 10, 5)),
            Track("Bass", program=32, notes=figure(40, 10, 3)),
        ),
        tempos=(TempoChange(0, 96),),
        sections=(
            new_section(0, 2, "verse"),
            new_section(2, 2, "chorus"),
            new_section(4, 2, "verse", "Verse 2"),
            new_section(6, 2, "bridge"),
            new_section(8, 2, "chorus", "Chorus 2"),
        ),
    )
    path = tmp_path / "song.json"
    save_project(song, path)
    return path


@pytest.fixture
def models(midi_model: MidiModel) -> Models:
    return Models(midi=lambda: midi_model)


def changed_bars(before: Song, after: Song) -> set[int]:
    return {
        bar
        for track in range(len(before.tracks))
        for bar in range(before.bar_count)
        if before.notes_in_bar(track, bar) != after.notes_in_bar(track, bar)
    }


def shape(song: Song, track: int, bar: int) -> list[tuple[int, int, int]]:
    start = song.bar_span(bar)[0]
    return [
        (n.start_tick - start, n.pitch, n.duration_ticks) for n in song.notes_in_bar(track, bar)
    ]


def test_regenerate_the_bridge_in_place_with_a_take(
    project: Path, models: Models, capsys: pytest.CaptureFixture[str]
) -> None:
    before = load_project(project)
    assert main(["section", str(project), "bridge", "regenerate", "--seed", "4"], models) == 0
    assert "Regenerate section 4: wrote" in capsys.readouterr().out
    song, takes = load_project_with_takes(project)
    assert changed_bars(before, song)
    assert changed_bars(before, song) <= {6, 7}
    assert [take.operation for take in takes] == ["regenerate-section"]
    assert takes[-1].song == song
    assert main(["takes", str(project), "--restore", "1"], models) == 0


def test_the_same_seed_gives_the_same_file(project: Path, models: Models, tmp_path: Path) -> None:
    outputs = [tmp_path / "a.json", tmp_path / "b.json"]
    for output in outputs:
        argv = ["section", str(project), "verse 2", "vary", "--strength", "0.4", "--seed", "9"]
        assert main([*argv, "-o", str(output)], models) == 0
    first, second = (load_project(path) for path in outputs)
    assert first == second
    assert changed_bars(load_project(project), first) <= {4, 5}
    assert changed_bars(load_project(project), first)


def test_all_gives_the_chosen_tracks_of_every_repeat_the_new_music(
    project: Path, models: Models, capsys: pytest.CaptureFixture[str]
) -> None:
    save_project(set_locked(load_project(project), [(1, 9)]), project)
    before = load_project(project)
    argv = ["section", str(project), "chorus", "regenerate", "--all", "--tracks", "2"]
    assert main([*argv, "--seed", "5"], models) == 0
    assert "note: 1 locked cell(s) left as they are" in capsys.readouterr().out
    song = load_project(project)
    assert song.notes_in_bar(1, 9) == before.notes_in_bar(1, 9)
    assert shape(song, 1, 2) == shape(song, 1, 8)
    assert all(song.notes_in_bar(0, bar) == before.notes_in_bar(0, bar) for bar in range(10))


def test_copy_places_the_section_where_it_is_asked(project: Path, models: Models) -> None:
    before = load_project(project)
    assert main(["section", str(project), "2", "copy", "--to-bar", "7"], models) == 0
    song = load_project(project)
    assert [(s.name, s.role, s.first_bar, s.bars) for s in song.sections][2:] == [
        ("Verse 2", "verse", 4, 2),
        ("Chorus", "chorus", 6, 2),
        ("Chorus 2", "chorus", 8, 2),
    ]
    assert shape(song, 0, 6) == shape(before, 0, 2)
    assert shape(song, 1, 7) == shape(before, 1, 3)


def test_make_a_verse_a_chorus(project: Path, models: Models) -> None:
    before = load_project(project)
    assert main(["section", str(project), "verse 2", "make", "refrain"], models) == 0
    song = load_project(project)
    assert (song.sections[2].role, song.sections[2].name) == ("chorus", "Chorus 3")
    assert shape(song, 0, 4) == shape(before, 0, 2)
    assert changed_bars(before, song) == {4, 5}


@pytest.mark.parametrize(
    "case",
    [
        (["bridge", "vary", "--to-bar", "3"], 2, "--to-bar does not go with vary"),
        (["1", "copy"], 2, "copy needs --to-bar"),
        (["1", "make"], 2, "make needs a role"),
        (["1", "make", "kazoo"], 2, "'kazoo' is not a section role"),
        (["1", "make", "chorus", "--all"], 2, "--all does not go with make"),
        (["1", "copy", "--to-bar", "3", "--scale", "D minor"], 2, "are for regenerate and vary"),
        (["1", "regenerate", "--strength", "0.5"], 2, "--strength does not go with regenerate"),
        (["coda", "regenerate"], 1, "no section 'coda'"),
        (["6", "vary"], 1, "no section '6'"),
        (["1", "copy", "--to-bar", "10"], 1, "add 1 bar(s) first"),
        (["1", "regenerate", "--tracks", "3"], 1, "the song has 2 tracks"),
    ],
)
def test_a_mistake_is_one_line_and_leaves_the_file(
    project: Path,
    models: Models,
    capsys: pytest.CaptureFixture[str],
    case: tuple[list[str], int, str],
) -> None:
    argv, status, says = case
    before = project.read_bytes()
    assert main(["section", str(project), *argv], models) == status
    error = capsys.readouterr().err
    assert error.startswith("tessera-cli: error: ")
    assert error.count("\n") == 1
    assert says in error
    assert project.read_bytes() == before


def test_a_song_without_sections_says_how_to_get_some(
    tmp_path: Path, models: Models, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "plain.json"
    save_project(Song(title="Plain", bar_count=2, tracks=(Track("Piano"),)), path)
    assert main(["section", str(path), "1", "regenerate"], models) == 1
    assert "has no sections" in capsys.readouterr().err
