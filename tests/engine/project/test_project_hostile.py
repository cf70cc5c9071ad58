"""Hostile project files: each is refused in one line naming the file, within bounded memory.

The committed fixtures (tests/fixtures/broken/project_*.json) each damage one field; the inputs
that cannot be committed (a named pipe, a link to /dev/zero, a 484 MB file, a file that grows
while it is read) are made here. The memory test loads them all in a child process with an
address-space cap, so a regression fails there instead of taking the machine's memory.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from engine.project.bounded_json import (
    MAX_CONTAINERS,
    MAX_DEPTH,
    JsonFileError,
    deepest_nesting,
    read_bounded,
)
from engine.project.midi.reader import MAX_MIDI_BYTES, MAX_TRACKS, MidiImportError, read_midi
from engine.project.project_file import (
    MAX_PROJECT_BYTES,
    ProjectFileError,
    check_limits,
    load_project,
    load_project_with_takes,
    save_project,
    song_to_dict,
)
from engine.song.song import Song, SongError, Track
from engine.song.takes import MAX_TAKES
from tests.engine.project.project_samples import rich_song, rich_takes

BROKEN = Path(__file__).parents[2] / "fixtures" / "broken"
POSIX_ONLY = pytest.mark.skipif(os.name != "posix", reason="pipes and devices are POSIX files")

FIXTURES = {
    "project_deep_nesting.json": r"nests 1001 levels deep; a Tessera project never goes past 64",
    "project_huge_integer.json": r"an integer of 4301 digits is more than the 20",
    "project_duplicate_key.json": r"the key 'locked_bars' appears twice in one object",
    "project_locked_bars_list.json": r"locked_bars\[0\] must be an integer .* got \[0, 1\]",
    "project_locked_bars_negative.json": r"tracks\[0\]\.locked_bars\[0\] must be an integer .* -5",
    "project_nan_vector.json": r"NaN is not a number a project can hold",
    "project_short_vector.json": r"tracks\[0\]\.timbre: timbre vector must hold 24 .* got 2",
    "project_text_vector.json": r"tracks\[0\]\.timbre\.vector\[0\] must be a number .* got 'loud'",
    "project_infinite_tempo.json": r"the number 1e400 is too large",
    "project_surrogate_name.json": r"tracks\[0\]\.name holds a lone surrogate '\\ud800' at char",
    "project_take_song_list.json": r"takes\[0\]\.song must be an object, got a list",
    "project_take_request_text.json": r"takes\[0\]\.request must be an object, got text",
    "project_take_cells_number.json": r"takes\[0\]: request\.cells must be a list, got 4",
}


def test_every_broken_project_fixture_is_listed() -> None:
    assert sorted(FIXTURES) == sorted(p.name for p in BROKEN.glob("project_*.json"))


@pytest.mark.parametrize(("name", "message"), FIXTURES.items())
def test_a_broken_project_is_refused_in_one_line_naming_file_and_field(
    name: str, message: str
) -> None:
    with pytest.raises(ProjectFileError, match=rf"^{re.escape(name)}[: ].*{message}") as err:
        load_project(BROKEN / name)
    assert "\n" not in str(err.value)


def test_a_fixture_with_its_one_change_undone_loads(tmp_path: Path) -> None:
    """The fixtures are real projects with one thing changed, not noise: undo it and it loads."""
    text = (BROKEN / "project_locked_bars_negative.json").read_text("utf-8")
    (tmp_path / "fixed.json").write_text(text.replace('"locked_bars":[-5]', '"locked_bars":[1]'))
    assert load_project(tmp_path / "fixed.json").tracks[0].locked_bars == frozenset({1})


@POSIX_ONLY
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.json"
    os.mkfifo(pipe)
    with pytest.raises(
        ProjectFileError, match=r"^pipe\.json is not a regular file \(it is a named pipe\)"
    ):
        load_project(pipe)


@POSIX_ONLY
def test_a_link_to_an_endless_device_is_refused_before_reading(tmp_path: Path) -> None:
    link = tmp_path / "zero.json"
    link.symlink_to("/dev/zero")
    with pytest.raises(
        ProjectFileError, match=r"^zero\.json is not a regular file \(it is a device\)"
    ):
        load_project(link)


def test_a_folder_named_like_a_project_is_refused(tmp_path: Path) -> None:
    (tmp_path / "folder.json").mkdir()
    with pytest.raises(ProjectFileError, match=r"folder\.json"):
        load_project(tmp_path / "folder.json")


def test_a_file_over_the_limit_is_refused_by_its_size_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    with big.open("wb") as file:
        file.truncate(484 * 10**6)  # sparse: no disk space used, and never read
    with pytest.raises(
        ProjectFileError, match=r"^big\.json is larger than the 64\.0 MiB .* 461\.6 MiB"
    ):
        load_project(big)


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="needs Linux's /proc")
def test_a_file_that_grows_while_read_stops_at_the_limit() -> None:
    """/proc files report a size of 0 and then give more: the read itself is bounded."""
    assert os.stat("/proc/self/maps").st_size == 0
    with pytest.raises(JsonFileError, match=r"maps is larger than the 64 bytes .* grew while"):
        read_bounded("/proc/self/maps", 64)


def test_nesting_is_measured_without_brackets_inside_text(tmp_path: Path) -> None:
    assert deepest_nesting(b"[[][[]]]{}") == 3
    assert deepest_nesting(b"[" * (MAX_DEPTH + 1)) == MAX_DEPTH + 1
    assert deepest_nesting(b"") == 0
    path = tmp_path / "text.json"
    path.write_text(json.dumps({"format": "tessera-project", "title": "[[[[" * 100}), "utf-8")
    with pytest.raises(ProjectFileError, match=r"^text\.json: schema_version is missing$"):
        load_project(path)  # the brackets in the title nest nothing


def test_too_many_lists_are_refused_before_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Empty lists cost ~70 bytes each once parsed: 64 MiB of them would take 1.7 GB. (The cap
    is lowered here so the file is small; the real one is checked against the size limit below.)"""
    monkeypatch.setattr("engine.project.bounded_json.MAX_CONTAINERS", 1000)
    path = tmp_path / "lists.json"
    path.write_bytes(b'{"title":[' + b",".join([b"[]"] * 998) + b"]}")
    with pytest.raises(ProjectFileError, match=r"^lists\.json: this is not a Tessera project"):
        load_project(path)  # 1,000 lists and objects: parsed, then refused by the schema
    path.write_bytes(b'{"title":[' + b",".join([b"[]"] * 999) + b"]}")
    with pytest.raises(ProjectFileError, match=r"^lists\.json holds 1,001 lists and objects"):
        load_project(path)


def test_the_container_cap_fits_a_full_size_project() -> None:
    """A file at the size limit made of the smallest note rows stays under the cap."""
    assert MAX_PROJECT_BYTES // len(b"[0,0,1,1],") < MAX_CONTAINERS


def test_a_project_with_more_takes_than_kept_is_refused(tmp_path: Path) -> None:
    song = rich_song()
    takes = rich_takes(song) * 16
    assert len(takes) > MAX_TAKES
    with pytest.raises(
        ProjectFileError, match=rf"takes holds 32 takes; a project keeps at most {MAX_TAKES}"
    ):
        save_project(song, tmp_path / "many.json", takes)
    data = song_to_dict(song)
    data["takes"] = json.loads(
        json.dumps(
            [
                {
                    "operation": t.operation,
                    "request": t.request,
                    "seed": t.seed,
                    "song": song_to_dict(t.song),
                }
                for t in takes
            ]
        )
    )
    (tmp_path / "many.json").write_text(json.dumps(data), "utf-8")
    with pytest.raises(ProjectFileError, match=r"^many\.json: takes holds 32 takes"):
        load_project_with_takes(tmp_path / "many.json")


def test_a_song_with_more_tracks_than_a_midi_import_allows_is_not_saved(tmp_path: Path) -> None:
    song = Song(tracks=tuple(Track(f"t{i}") for i in range(MAX_TRACKS + 1)))
    with pytest.raises(
        SongError, match=rf"tracks holds {MAX_TRACKS + 1} tracks; a song has at most"
    ):
        check_limits(song)
    with pytest.raises(
        ProjectFileError, match=r"cannot save the project to .*many\.json: tracks holds"
    ):
        save_project(song, tmp_path / "many.json")
    assert not (tmp_path / "many.json").exists()


def test_a_project_too_big_to_open_again_is_not_saved(tmp_path: Path) -> None:
    """Saving refuses what opening would refuse, and keeps the file that was there."""
    path = tmp_path / "huge.json"
    save_project(rich_song(), path)
    before = path.read_bytes()
    title = "x" * (MAX_PROJECT_BYTES + 1)
    with pytest.raises(
        ProjectFileError, match=r"huge\.json: it would take 64\.0 MiB, more than the 64 MiB"
    ):
        save_project(Song(title=title), path)
    assert path.read_bytes() == before


_MEASURE = textwrap.dedent(
    """
    import os, resource, sys
    from engine.project.project_file import ProjectFileError, load_project
    resource.setrlimit(resource.RLIMIT_AS, (int(sys.argv[1]), int(sys.argv[1])))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for path in sys.argv[2:]:
        try:
            load_project(path)
        except ProjectFileError:
            pass
        else:
            raise SystemExit(f"{path} loaded")
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)
    """
)


@POSIX_ONLY
def test_refusing_hostile_inputs_stays_within_a_few_megabytes(tmp_path: Path) -> None:
    """The worst small fixtures and the endless or huge inputs, refused in a child process whose
    address space is capped: before the bounds, /dev/zero alone would take all memory."""
    (tmp_path / "zero.json").symlink_to("/dev/zero")
    os.mkfifo(tmp_path / "pipe.json")
    with (tmp_path / "big.json").open("wb") as file:
        file.truncate(484 * 10**6)
    inputs = [str(p) for p in sorted(BROKEN.glob("project_*.json"))]
    inputs += [str(tmp_path / n) for n in ("zero.json", "pipe.json", "big.json")]
    cap = 4 * 2**30
    result = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(cap), *inputs],
        capture_output=True,
        check=False,
        text=True,
        timeout=120,
        cwd=Path(__file__).parents[3],
        env={
            **os.environ,
            "PYTHONPATH": str(Path(__file__).parents[3]),
            "OPENBLAS_NUM_THREADS": "1",
        },
    )
    assert result.returncode == 0, result.stderr[-2000:]
    grown_kib = int(result.stdout.strip())
    assert grown_kib < 64 * 1024, f"refusing hostile inputs grew memory by {grown_kib} KiB"


def _midi_with_names(names: list[bytes]) -> bytes:
    """A type-1 file with one track per name (a track-name event and one note each)."""
    tracks = b""
    for name in names:
        events = b"\x00\xff\x03" + bytes([len(name)]) + name
        events += b"\x00\x90\x3c\x40\x83\x60\x80\x3c\x40\x00\xff\x2f\x00"
        tracks += b"MTrk" + len(events).to_bytes(4, "big") + events
    return b"MThd\x00\x00\x00\x06\x00\x01" + len(names).to_bytes(2, "big") + b"\x01\xe0" + tracks


def test_a_midi_import_with_undecodable_names_saves_as_a_project(tmp_path: Path) -> None:
    """Names a MIDI file cannot spell (a UTF-8-encoded surrogate, a bad Shift-JIS byte) import
    as replacement or legacy characters, never as lone surrogates, so the song saves."""
    names = [b"\xed\xa0\x80 lead", b"{@JP}\x81", b"ok \xff\xfe"]
    (tmp_path / "names.mid").write_bytes(_midi_with_names(names))
    song = read_midi(tmp_path / "names.mid").song
    assert "\ufffd" in song.tracks[1].name
    for track in song.tracks:
        track.name.encode("utf-8")  # no lone surrogate
    save_project(song, tmp_path / "names.json")
    assert load_project(tmp_path / "names.json") == song


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_a_midi_name_that_is_a_pipe_or_a_device_is_refused_without_reading(
    tmp_path: Path,
) -> None:
    pipe = tmp_path / "pipe.mid"
    os.mkfifo(pipe)
    with pytest.raises(MidiImportError, match=r"pipe\.mid is not a regular file .*MIDI file"):
        read_midi(pipe)
    endless = tmp_path / "zero.mid"
    endless.symlink_to("/dev/zero")
    with pytest.raises(MidiImportError, match=r"zero\.mid is not a regular file"):
        read_midi(endless)
    huge = tmp_path / "huge.mid"
    with huge.open("wb") as handle:
        handle.write(b"MThd")
        handle.truncate(MAX_MIDI_BYTES + 1)  # sparse: no disk used
    with pytest.raises(MidiImportError, match=r"huge\.mid is larger than the .* a MIDI file"):
        read_midi(huge)
