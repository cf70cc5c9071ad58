"""Every `tessera-cli` command under many argument variants: no traceback, no hang, one line.

Each variant changes one argument of a command that would otherwise stop at its first file (a
song that is not there, an output into a folder that does not exist), so an argument the
command accepts ends at once with exit status 1 and one it refuses ends with 2, before any file
is opened: each variant's expected status says which, and a model that would load is a
failure. The option list is read from the parser itself, so a new option without variants here
fails `test_every_option_has_variants` (the cases are in `tests.app.cli_fuzz_cases`). A few
commands run for real on a two-bar song (0), and the cases that need real argv bytes (not
UTF-8) or a named pipe run `python -m app.cli` as a subprocess with a timeout as hang guard.
"""

from __future__ import annotations

import argparse
import faulthandler
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.cli import _parser, main
from app.cli_args import MAX_SEED
from engine.compose.midi_model import MidiModel
from engine.project.midi.files import export_midi
from engine.project.project_file import load_project_with_takes, save_project
from engine.song.song import PPQ, Note, Song, TempoChange, Track
from engine.studio.models import Models
from tests.app.cli_fuzz_cases import (
    BASES,
    FLAG,
    HANG_GUARD_S,
    OPTIONS,
    PROJECT_ROOT,
    WHOLE_COMMANDS,
)


@dataclass(frozen=True)
class Variant:
    argv: list[str]
    status: int
    says: str = ""


def command_names() -> list[str]:
    return list(BASES)


def subparsers() -> dict[str, argparse.ArgumentParser]:
    parser = _parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def option_names(command: argparse.ArgumentParser) -> dict[str, list[str]]:
    """Each argument's name in OPTIONS ('file', '--seed'; dest for --in and --out) and how it is
    written on the command line ([] for a positional)."""
    names: dict[str, list[str]] = {}
    for action in command._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        if not action.option_strings:
            names[action.dest] = []
        else:
            long = max(action.option_strings, key=len)
            key = f"--{action.dest}" if action.dest in ("input",) else long
            names["--output" if action.dest == "output" else key] = list(action.option_strings)
    return names


def variants(name: str) -> Iterator[Variant]:
    """The base command, then every value of every argument in OPTIONS[name] in turn."""
    base, status, says = BASES[name]
    yield Variant(base, status, says)
    command = subparsers()[name]
    for option, written in option_names(command).items():
        spec = OPTIONS[name][option]
        cases = [(v, status) for v in spec.good] + [(v, 2) for v in spec.bad]
        for number, (value, expected) in enumerate(cases):
            told = says if number < len(spec.good) else ""
            if not written:  # a positional: put the value in its place
                yield Variant(_replace_positional(command, base, option, value), expected, told)
            elif spec is FLAG:
                yield Variant([*base, written[-1]], expected, told)
            else:
                yield Variant([*base, written[-1], value], expected, told)
                if number in (0, len(spec.good)) and not value.startswith("-"):  # --opt=value
                    yield Variant([*base, f"{max(written, key=len)}={value}"], expected, told)


def _replace_positional(
    command: argparse.ArgumentParser, base: list[str], dest: str, value: str
) -> list[str]:
    positionals = [a.dest for a in command._actions if not a.option_strings]
    index = 1 + positionals.index(dest)  # each base gives its positionals first, in order
    return [*base[:index], value, *base[index + 1 :]]


@pytest.fixture(autouse=True)
def hang_guard() -> Iterator[None]:
    """In-process commands have no timeout of their own: a hang prints every thread's stack and
    ends the test run after HANG_GUARD_S instead of blocking the suite."""
    faulthandler.dump_traceback_later(HANG_GUARD_S, exit=True)
    yield
    faulthandler.cancel_dump_traceback_later()


@pytest.fixture(scope="module")
def place(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A folder with a two-bar song in it, a folder named like a song and one like a clip."""
    folder = tmp_path_factory.mktemp("fuzz")
    notes = tuple(Note(bar * 4 * PPQ, 60 + bar, PPQ, 90) for bar in range(2))
    song = Song(
        title="Two bars",
        bar_count=2,
        tracks=(Track("Lead", program=73, notes=notes), Track("Bass", program=32, notes=notes)),
        tempos=(TempoChange(0, 100),),
    )
    save_project(song, folder / "song.json")
    export_midi(song, folder / "song.mid")
    (folder / "a-folder.json").mkdir()
    (folder / "a-folder.wav").mkdir()
    return {
        "dir": str(folder),
        "song": str(folder / "song.json"),
        "midi": str(folder / "song.mid"),
        "missing": str(folder / "missing.json"),
        "nofolder": str(folder / "no-such-folder"),
        "folder": str(folder / "a-folder.json"),
        "folder_wav": str(folder / "a-folder.wav"),
    }


def fill(argv: list[str], place: dict[str, str]) -> list[str]:
    return [part.format(**place) if "{" in part else part for part in argv]


def no_models(loaded: list[str]) -> Models:
    """Models that record any load: no variant gets as far as a model."""

    def never(name: str) -> Callable[[], object]:
        def load() -> object:
            loaded.append(name)
            raise RuntimeError(f"{name} model loaded by a command that should have stopped")

        return load

    return Models(midi=never("midi"), renderer=never("timbre"), notes=never("notes"))  # type: ignore[arg-type]


def run_in_process(
    argv: list[str], models: Models, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, str]:
    """Exit status, stdout and stderr of one command; an exception becomes status -1."""
    try:
        status = main(argv, models)
    except BaseException as err:  # any escape is the failure looked for
        out, errors = capsys.readouterr()
        return -1, out, f"{errors}Traceback: {type(err).__name__}: {err}"
    out, errors = capsys.readouterr()
    return status, out, errors


def problems(variant: Variant, status: int, out: str, err: str) -> list[str]:
    found = []
    if "Traceback" in out + err:
        found.append("a traceback")
    if status != variant.status:
        found.append(f"status {status}, expected {variant.status}")
    if status != 0 and (err.count("\n") != 1 or not err.startswith("tessera-cli: error: ")):
        found.append(f"not one error line: {err!r}")
    if variant.says and variant.says not in err:
        found.append(f"error does not say {variant.says!r}")
    return found


def test_every_option_has_variants() -> None:
    assert set(subparsers()) == set(BASES) == set(OPTIONS)
    for name, command in subparsers().items():
        assert set(option_names(command)) == set(OPTIONS[name]), name


@pytest.mark.parametrize("name", command_names())
def test_no_argument_gives_a_traceback_or_does_work_before_it_is_checked(
    name: str, place: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    loaded: list[str] = []
    models = no_models(loaded)
    before = sorted(os.listdir(place["dir"]))
    failures = []
    for variant in variants(name):
        argv = fill(variant.argv, place)
        status, out, err = run_in_process(argv, models, capsys)
        found = problems(variant, status, out, err)
        if found:
            failures.append(f"{argv!r}: {'; '.join(found)}")
    assert failures == []
    assert loaded == []
    assert sorted(os.listdir(place["dir"])) == before  # nothing written, nothing left behind


def test_whole_command_lines(place: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    loaded: list[str] = []
    models = no_models(loaded)
    failures = []
    for argv, expected in WHOLE_COMMANDS:
        filled = fill(argv, place)
        status, out, err = run_in_process(filled, models, capsys)
        found = problems(Variant(argv, expected), status, out, err)
        if found:
            failures.append(f"{filled!r}: {'; '.join(found)}")
    assert failures == []
    assert loaded == []


REAL_RUNS = [
    ["info", "{song}"],
    ["info", "{midi}"],
    ["convert", "{midi}", "{dir}/real/c.json"],
    ["export", "{song}", "{dir}/real/e.mid", "--tracks", "2", "--bars", "2"],
    ["generate", "{dir}/real/g.json", "--bars", "1", "--seed", str(MAX_SEED), "--title", "二胡"],
    ["regenerate", "{dir}/real/g.json", "--bars", "1", "--seed", "0", "--temperature", "0"],
    ["nudge", "{dir}/real/g.json", "--bars", "1", "--direction", "denser", "--strength", "0"],
    ["lock", "{dir}/real/g.json", "--bars", "1"],
    ["unlock", "{dir}/real/g.json", "--bars", "1-1"],
    ["continue", "{dir}/real/g.json", "--bars", "1", "--seed", "1", "--top-p", "1"],
    ["takes", "{dir}/real/g.json"],
    ["takes", "{dir}/real/g.json", "--restore", "1"],
]


def test_valid_commands_still_run(
    place: dict[str, str], midi_model: MidiModel, capsys: pytest.CaptureFixture[str]
) -> None:
    Path(place["dir"], "real").mkdir(exist_ok=True)
    models = Models(midi=lambda: midi_model)
    for argv in REAL_RUNS:
        filled = fill(argv, place)
        status, out, err = run_in_process(filled, models, capsys)
        assert (status, "Traceback" in out + err) == (0, False), (filled, err)
    song, takes = load_project_with_takes(Path(place["dir"], "real", "g.json"))
    assert (song.bar_count, len(takes)) == (1, 6)  # six operations; take 1 is 1 bar long
    assert "restored take 1" in out


def _cli(argv: list[bytes], timeout_s: float = 60.0) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    return subprocess.run(
        [sys.executable.encode(), b"-m", b"app.cli", *argv],
        capture_output=True,
        timeout=timeout_s,  # the hang guard: a named pipe opened for reading waits for ever
        check=False,
        cwd=PROJECT_ROOT,
        env=env,
    )


def test_argv_bytes_and_named_pipes_in_real_processes(place: dict[str, str]) -> None:
    folder = Path(place["dir"])
    for name in ("pipe.json", "pipe.mid"):
        if not (folder / name).exists():
            os.mkfifo(folder / name)
    d = os.fsencode(folder)
    cases: list[tuple[list[bytes], int]] = [  # few: each process takes a second to start
        ([b"generate", d + b"/no/x.json", b"--bars", b"1", b"--title", b"\xff"], 2),
        ([b"add-track", d + b"/missing.json", b"--instrument", b"\xe4\xb8"], 2),
        ([b"generate", d + b"/x\xff.mp5", b"--bars", b"1"], 2),
        ([b"info", d + b"/\xff.json"], 1),
        ([b"convert", os.fsencode(place["song"]), d + b"/\xff-copy.json"], 0),
        ([b"info", d + b"/pipe.mid"], 1),
        ([b"regenerate", d + b"/pipe.json", b"--bars", b"1"], 1),
        ([b"convert", os.fsencode(place["song"]), d + b"/pipe.json"], 1),
        ([b"transcribe", d + b"/m.wav", d + b"/o.json", b"--into", d + b"/pipe.mid"], 1),
    ]
    with ThreadPoolExecutor(max_workers=4) as pool:
        done = list(pool.map(lambda case: _cli(case[0]), cases))
    for (argv, expected), result in zip(cases, done, strict=True):
        shown = (argv, result.stderr)
        assert result.returncode == expected, shown
        assert b"Traceback" not in result.stdout + result.stderr, shown
        if expected:
            assert result.stderr.startswith(b"tessera-cli: error: "), shown
            assert result.stderr.count(b"\n") == 1, shown
    assert (folder / "\udcff-copy.json").is_file()
