"""Every `tessera-cli` command under many argument variants: no traceback, no hang, one line.

Each variant changes one argument of a command that would otherwise stop at its first file (a
song that is not there, an output into a folder that does not exist), so an argument the
command accepts ends at once with exit status 1 and one it refuses ends with 2, before any file
is opened: each variant's expected status says which, and a model that would load is a
failure. The option list is read from the parser itself, so a new option without variants here
fails `test_every_option_has_variants`. A few commands run for real on a two-bar song (0), and
the cases that need real argv bytes (not UTF-8) or a named pipe run `python -m app.cli` as a
subprocess with a timeout as hang guard.
"""

from __future__ import annotations

import argparse
import faulthandler
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from app.cli import _parser, main
from app.cli_args import MAX_SEED
from engine.compose.midi_model import MidiModel
from engine.project.midi.files import export_midi
from engine.project.project_file import load_project_with_takes, save_project
from engine.song.song import MAX_BAR_COUNT, PPQ, Note, Song, TempoChange, Track
from engine.studio.models import Models

PROJECT_ROOT = Path(__file__).resolve().parents[2]
HUGE = "9" * 4300  # the most digits Python turns into an int by default
HUGER = "9" * 4301
NOT_UTF8 = "\udcff"  # what the byte 0xff becomes in sys.argv
TEXT_BAD = [NOT_UTF8, "a\udce4b", "two\nlines", "nul\x00", "bell\x07"]
NUMBER_BAD = ["", " ", "x", "nan", "NaN", "inf", "-inf", "1e309", HUGE, HUGER, NOT_UTF8, "1,5"]
WHOLE_BAD = [*NUMBER_BAD, "1.5", "1e3", "0x10", "--1"]
MISSING_FILE = 1
"""A song that is not there: the status of every base command whose arguments are fine."""
HANG_GUARD_S = 300
"""An in-process command that runs this long is taken as hung (the whole file takes seconds)."""


@dataclass(frozen=True)
class Spec:
    """Values for one option: `good` ones reach the base command's file, `bad` ones exit 2."""

    good: list[str]
    bad: list[str] = field(default_factory=list)


def whole(low: int, high: int, *, extra_bad: tuple[str, ...] = ()) -> Spec:
    return Spec(
        [str(low), str(high), f" {low} "],
        [str(low - 1), str(high + 1), "-1", str(2**64), *WHOLE_BAD, *extra_bad],
    )


def number(low: float, high: float, *, above_low: bool = False, below_high: bool = False) -> Spec:
    inside = [str((low + high) / 2), f"{high / 2:e}"]
    ends = ([] if above_low else [str(low)]) + ([] if below_high else [str(high)])
    outside = [str(low - 1), str(high + 1), str(high * 10)]
    outside += [str(low)] if above_low else []
    outside += [str(high)] if below_high else []
    return Spec(inside + ends, outside + NUMBER_BAD)


def text(limit: int, good: list[str], bad: list[str] | None = None) -> Spec:
    return Spec(good, [*TEXT_BAD, "x" * (limit + 1), *(bad or [])])


def selection(*, one_span: bool) -> Spec:
    good = ["1", "1-2", " 2 - 3 ", "99999", "１"] + ([] if one_span else ["1,3", "2,1-2"])
    bad = ["", "0", "2-1", "x", "1-", "-1", "1-2-3", "1,,2", "1;2", "9" * 300, HUGE]
    bad += [NOT_UTF8, "1\n2", str(MAX_BAR_COUNT + 1)] + (["1,2"] if one_span else [])
    return Spec(good, bad)


def choice(good: list[str]) -> Spec:
    return Spec(good, ["", "nope", NOT_UTF8, good[0].upper() + "x", "x" * 5000])


FLAG = Spec([""])  # a store_true option: given once, with no value
SONG_OUT = Spec(
    [
        "{dir}/o.json",
        "{dir}/o.MID",
        "{dir}/名字.mid",
        "{dir}/o.kar",
        "{nofolder}/o.json",
        "{folder}",
    ],
    [
        "",
        " ",
        "x.mp5",
        "out.txt",
        "noext",
        "/dev/null",
        "{dir}",
        "o.json\x00",
        "x" * 5000 + ".json",
    ],
)
SONG_OUT_BEFORE_MODEL = Spec(  # generate runs the model when the output can be written
    ["{nofolder}/o.json", "{nofolder}/o.midi", "{folder}", "{dir}/no-folder/\udcff.json"],
    SONG_OUT.bad,
)
SONG_IN = Spec(
    ["{missing}", "{dir}/missing.MID", "{dir}/名字.smf", "{dir}/\udcff.json", "{folder}"],
    ["", "notes.txt", "noext", "{dir}", "/dev/null", "a\x00.json", "x" * 5000 + ".json"],
)
PROJECT_IN = Spec(["{missing}", "{folder}"], [*SONG_IN.bad, "{dir}/missing.mid"])
CLIP_IN = Spec(
    ["{dir}/missing.wav", "{dir}/missing.FLAC", "{dir}/m.mp3", "{dir}/m.ogg", "{folder_wav}"],
    ["", "clip.txt", "clip", "/dev/null", "{dir}", "c\x00.wav", "{missing}"],
)
AUDIO_OUT = Spec(
    ["{dir}/o.wav", "{dir}/o.FLAC", "{dir}/o.mp3", "{dir}/o.OGG", "{nofolder}/o.wav"],
    ["", "o.aac", "o.mp5", "o", "/dev/null", "{dir}", "o.wav\x00"],
)
KEY = text(40, ["D minor", "Eb major", "f# minor", "D"], ["H minor", "中文", "major", "Dx"])
RANGE = text(40, ["C3-C5", "48-72"], ["C5-C3", "x", "C3-", "0-200", "C-1-G9x"])
STYLE = text(40, ["jazz", "none", " Folk "], ["", "polka", "中国风"])
CONTROLS = {
    "--seed": whole(0, MAX_SEED),
    "--density": whole(0, 64),
    "--polyphony": whole(1, 6),
    "--rhythm": whole(0, 64),
    "--range": RANGE,
    "--scale": text(40, ["D minor", "A dorian"], ["H minor", "D minr", "中文"]),
    "--chords": text(400, ["Am,F,C,G", "C", ","], ["Am,Fxx", "X7", "Am,,Q"]),
    "--velocity": text(20, ["60-100"], ["100-60", "loud", "0-200", "-1-5"]),
    "--temperature": number(0, 3),
    "--top-p": number(0, 1, above_low=True),
    "--no-key-pull": FLAG,
    "--free-beat": FLAG,
    "--voice-order": choice(["keep", "free", "auto"]),
}
SELECTION = {"--tracks": selection(one_span=False), "--bars": selection(one_span=True)}
SONG_COMMAND = {"file": SONG_IN, "--output": SONG_OUT, **SELECTION}
MIDI_NAMES = ["{dir}/missing.MID", "{dir}/名字.smf", "{dir}/o.kar"]
LOCK_COMMAND = {  # a lock is kept in a project only: a MIDI file to write is refused at once
    "file": Spec(["{missing}", "{dir}/\udcff.json", "{folder}"], [*SONG_IN.bad, *MIDI_NAMES]),
    "--output": Spec(["{dir}/o.json", "{nofolder}/o.json"], [*SONG_OUT.bad, *MIDI_NAMES]),
    **SELECTION,
}
SECTION_NAME = text(60, ["Verse 1", "副歌", "A'", "x" * 60], ["", " "])
FORM_COMMAND = {  # the base shows section 1; every change goes with it, --add goes alone
    "file": SONG_IN,
    "--add": Spec([], ["chorus", "副歌", "", "nope", NOT_UTF8]),  # good ones in WHOLE_COMMANDS
    "--section": Spec(["1", "chorus", "verse 2", "副歌", "x" * 60], SECTION_NAME.bad),
    "--bars": selection(one_span=True),
    "--name": SECTION_NAME,
    "--role": Spec(
        ["chorus", " Pre-Chorus ", "副歌", "refrain"], ["", "nope", NOT_UTF8, "x" * 5000]
    ),
    "--energy": Spec(["0", "1", "0.5", "default", " Default "], ["1.5", "-0.1", *NUMBER_BAD]),
    "--move-to": whole(1, MAX_BAR_COUNT),
    "--length": whole(1, MAX_BAR_COUNT),
    "--delete": FLAG,
    "--output": Spec([], [*SONG_OUT.bad, *MIDI_NAMES]),  # only with a change: WHOLE_COMMANDS
}
OPTIONS: dict[str, dict[str, Spec]] = {
    "info": {"file": SONG_IN},
    "convert": {"source": SONG_IN, "destination": SONG_OUT},
    "export": {"source": SONG_IN, "destination": SONG_OUT, **SELECTION},
    "generate": {
        **CONTROLS,
        "--style": STYLE,
        "output": SONG_OUT_BEFORE_MODEL,
        "--preset": choice(["pop", "chorale"]),
        "--prompt": text(
            1000,
            ["slow sad folk tune in 3/4", "中国风 古筝 慢", "", "zzz", "a 600 bar song"],
            ["a tune in 99/4", "a tune in 0/4"],
        ),
        "--bars": whole(1, 512),
        "--meter": text(20, ["3/4", "6/8", " 7/8 "], ["3/5", "0/4", "65/4", "4-4", "9999/4"]),
        "--key": KEY,
        "--tempo": number(4, 1000),
        "--title": text(200, ["My song", "二胡之歌", "x" * 200, "Untitled"]),
        "--form": text(
            200,
            ["AABA", "-", "none"],
            ["A-B", "1", "A" * 33, "A:4", "verse:0", "verse:8 chorus:8", "verse:x", "intro verse"],
        ),  # a form of sections decides the bars, so with the base's --bars 1 it is refused
        "--seconds": Spec([], ["", "x", "0", "-5", "1:75", "9999", "nan", "2 parsecs", "x" * 21]),
        "--tempo-range": Spec([], ["90-130", "130-90", "x", "90", "0-2000", "x" * 21]),
        "--variation": number(0, 1),
    },
    "regenerate": {**SONG_COMMAND, **CONTROLS, "--style": STYLE},
    "nudge": {
        **SONG_COMMAND,
        **CONTROLS,
        "--direction": choice(["denser", "closer-to-chord"]),
        "--strength": number(0, 1),
    },
    "lock": LOCK_COMMAND,
    "unlock": LOCK_COMMAND,
    "add-track": {
        **CONTROLS,
        "--style": STYLE,
        "file": SONG_IN,
        "--output": SONG_OUT,
        "--instrument": text(60, ["cello", "41", "drums", "二胡", "rhodes"], ["128", "-1", "qq"]),
        "--name": text(100, ["Lead", "大提琴", ""]),
    },
    "continue": {
        **CONTROLS,
        "--style": STYLE,
        "file": SONG_IN,
        "--output": SONG_OUT,
        "--bars": whole(1, 512),
        "--tracks": selection(one_span=False),
    },
    "takes": {"file": PROJECT_IN, "--restore": whole(1, 100_000)},
    "section": {  # the base varies a section: what only copy or make takes exits 2 here
        **CONTROLS,
        "file": SONG_IN,
        "--output": SONG_OUT,
        "section": text(100, ["1", "bridge", "verse 2", "副歌", "x" * 100, "-1"], [""]),
        "action": Spec(["vary", "regenerate"], ["", "Vary", "nope", "copy", "make", NOT_UTF8]),
        "role": Spec([], ["chorus", "", "x" * 41, *TEXT_BAD]),
        "--strength": number(0, 1),
        "--to-bar": Spec([], ["1", "0", str(MAX_BAR_COUNT + 1), *WHOLE_BAD]),
        "--all": FLAG,
        "--tracks": selection(one_span=False),
    },
    "render": {
        "source": SONG_IN,
        "destination": AUDIO_OUT,
        **SELECTION,
        "--sound": choice(["standard", "tessera"]),
    },
    "sound": {
        "file": PROJECT_IN,
        "--standard": FLAG,
        "--tessera": Spec([]),  # the base has --standard: both together are in WHOLE_COMMANDS
        "--tracks": selection(one_span=False),
        "--output": Spec(["{dir}/o.json", "{nofolder}/o.json"], [*SONG_OUT.bad, *MIDI_NAMES]),
    },
    "play": {
        "source": SONG_IN,
        "--from-bar": whole(1, MAX_BAR_COUNT),
        "--loop": selection(one_span=True),
    },
    "form": FORM_COMMAND,
    "score": {
        "video": Spec(
            ["{dir}/missing.mp4", "{dir}/名字.MOV", "{dir}/m.webm"],
            ["", "clip.txt", "{dir}", "noext", "/dev/null"],
        ),
        "--output": Spec(["{dir}/o.mkv", "{dir}/名字.mov"], ["", "o.txt", "o", "{dir}"]),
        "--style": Spec(["lo-fi", " Jazz ", "pop", "中国风"], ["", "polka", "x" * 41, NOT_UTF8]),
        "--seed": Spec(["0", "7", " 3 "], ["-1", "x", "", "1.5", NOT_UTF8]),
        "--cut": Spec(["0", "3.5", "86400"], ["-1", "86401", *NUMBER_BAD]),
        "--no-cut": Spec(["0", "7.5"], ["-1", "86401", *NUMBER_BAD]),
        "--energy": Spec(
            ["0=0.3,20=0.8", "5=1", " 0 = 0 "], ["", "x", "0=2", "-1=0.5", "0=nan", "0=", NOT_UTF8]
        ),
        "--video-backend": choice(["auto", "qt", "pyav"]),
        "--cuts-only": FLAG,
    },
    "check": {
        "file": SONG_IN,
        **SELECTION,
        "--no-similar": FLAG,
        "--against": Spec(["{dir}", "{dir}/nothere", "{song}"], ["", "a\x00b"]),
    },
    "live": {
        "--list": Spec([]),  # lists the machine's MIDI ports: not fuzzed
        "--input": text(200, ["Keystation", "键盘"]),
        "--output": Spec([], [*TEXT_BAD, "x" * 201]),  # only 'internal' goes with --hear-keys
        "--hear-keys": FLAG,
        "--mode": choice(["answer", "accompany"]),
        "--sound": choice(["standard", "tessera"]),
        "--bpm": Spec(["20", "300", "clock", " Clock ", "96.5"], ["19", "301", *NUMBER_BAD]),
        "--key": KEY,
        "--bars": whole(1, 16),
        "--pause": number(0, 64, above_low=True),
        "--range": RANGE,
        "--drums": FLAG,
        "--seed": whole(0, MAX_SEED),
        "--seconds": number(0, 86_400, above_low=True),
        "--record": SONG_OUT,
        "--virtual": FLAG,
        "--jack": FLAG,
    },
    "transcribe": {
        "clip": CLIP_IN,
        "output": SONG_OUT,
        "--monophonic": FLAG,
        "--quantise": text(20, ["1/8", "1/16t", "off"], ["1/5", "", "OFF", "1/16 "]),
        "--tempo": number(4, 1000),
        "--program": text(60, ["0", "violin", "electric guitar"], ["128", "-1", "", "qq"]),
        "--name": text(100, ["Melody", "旋律", ""]),
        "--into": SONG_IN,
        "--keep-lead-in": FLAG,
        "--onset-threshold": number(0, 1, above_low=True, below_high=True),
        "--frame-threshold": number(0, 1, above_low=True, below_high=True),
        "--min-note": number(0, 10),
    },
}
BASES: dict[str, tuple[list[str], int, str]] = {
    "info": (["info", "{missing}"], MISSING_FILE, "cannot open"),
    "convert": (["convert", "{missing}", "{dir}/o.json"], MISSING_FILE, ""),
    "export": (["export", "{missing}", "{dir}/o.mid"], MISSING_FILE, ""),
    "generate": (["generate", "{nofolder}/new.json", "--bars", "1"], MISSING_FILE, "folder"),
    "regenerate": (["regenerate", "{missing}", "--bars", "1"], MISSING_FILE, ""),
    "nudge": (["nudge", "{missing}", "--bars", "1", "--direction", "higher"], MISSING_FILE, ""),
    "lock": (["lock", "{missing}", "--bars", "1"], MISSING_FILE, ""),
    "unlock": (["unlock", "{missing}", "--tracks", "1"], MISSING_FILE, ""),
    "add-track": (["add-track", "{missing}", "--instrument", "cello"], MISSING_FILE, ""),
    "continue": (["continue", "{missing}", "--bars", "1"], MISSING_FILE, ""),
    "takes": (["takes", "{missing}"], MISSING_FILE, "cannot open"),
    "section": (["section", "{missing}", "1", "vary"], MISSING_FILE, ""),
    "render": (["render", "{missing}", "{dir}/o.wav"], MISSING_FILE, ""),
    "sound": (["sound", "{missing}", "--standard"], MISSING_FILE, ""),
    "play": (["play", "{missing}"], MISSING_FILE, "cannot open"),
    "check": (["check", "{missing}"], MISSING_FILE, ""),
    "form": (["form", "{missing}", "--section", "1"], MISSING_FILE, "cannot open"),
    "score": (["score", "{dir}/missing.mp4", "-o", "{dir}/o.mp4"], MISSING_FILE, "cannot read"),
    # --hear-keys needs --out internal, so a command whose values are all fine stops there
    "live": (["live", "--in", "k", "--out", "synth", "--hear-keys"], 2, "--hear-keys plays"),
    "transcribe": (["transcribe", "{dir}/missing.wav", "{dir}/o.json"], MISSING_FILE, ""),
}
WHOLE_COMMANDS: list[tuple[list[str], int]] = [
    ([], 2),
    (["--help"], 0),
    (["-h"], 0),
    (["--version"], 2),
    (["nope"], 2),
    ([""], 2),
    ([NOT_UTF8], 2),
    (["info"], 2),
    (["info", "{missing}", "extra"], 2),
    (["info", "--", "{missing}"], MISSING_FILE),
    (["info", "-"], 2),
    (["generate"], 2),
    (["generate", "{nofolder}/x.json", "--bogus"], 2),
    (["generate", "{nofolder}/x.json", "--bars"], 2),
    (["generate", "{nofolder}/x.json", "--bars", "1", "--bars", "0"], 2),
    (["generate", "{nofolder}/x.json", "--bars=1", "--seed=-1"], 2),
    (["generate", "{nofolder}/x.json", "--see", "1"], MISSING_FILE),  # argparse's abbreviation
    (["regenerate", "{missing}"], 2),
    (["nudge", "{missing}", "--bars", "1"], 2),
    (["lock", "{dir}/missing.mid", "--bars", "1"], 2),
    (["unlock", "{missing}", "--bars", "1", "-o", "{dir}/o.mid"], 2),
    (["lock", "{dir}/missing.mid", "--bars", "1", "-o", "{dir}/o.json"], MISSING_FILE),
    (["add-track", "{missing}"], 2),
    (["continue", "{missing}"], 2),
    (["live"], 2),
    (["live", "--in", "k"], 2),
    (["live", "--out", "internal"], 2),
    (["live", "--in", "k", "--out", "synth", "--sound", "standard"], 2),  # an external synth
    (["transcribe", "{dir}/m.wav", "{dir}/o.json", "--into", "{missing}", "--tempo", "90"], 2),
    (["transcribe", "{dir}/m.wav", "{dir}/o.json", "--into", "{missing}"], MISSING_FILE),
    (["generate", "{nofolder}/x.json", "--prompt", "x" * 1001], 2),
    (["generate", "{nofolder}/x.json", "--prompt", "a 12 bar song", "--bars", "600"], 2),
    (["generate", "{nofolder}/x.json", "--seconds", "120"], MISSING_FILE),
    (["generate", "{nofolder}/x.json", "--seconds", "1:30", "--tempo-range", "90-130"], 1),
    (["generate", "{nofolder}/x.json", "--seconds", "2 min", "--form", "verse chorus"], 1),
    (["generate", "{nofolder}/x.json", "--form", "intro verse:8 chorus outro"], MISSING_FILE),
    (["generate", "{nofolder}/x.json", "--prompt", "pop song, 2 minutes"], MISSING_FILE),
    (["generate", "{nofolder}/x.json", "--preset", "pop", "--seconds", "2"], 2),
    (["generate", "{nofolder}/x.json", "--preset", "pop", "--seconds", "30:00"], 2),
    (["generate", "{nofolder}/x.json", "--seconds", "120", "--bars", "8"], 2),
    (["generate", "{nofolder}/x.json", "--tempo-range", "90-130"], 2),
    (["generate", "{nofolder}/x.json", "--form", "vrse:8 chorus"], 2),
    (["export", "{missing}", "{missing}"], MISSING_FILE),
    (["sound", "{missing}"], 2),
    (["sound", "{missing}", "--tessera"], MISSING_FILE),
    (["sound", "{missing}", "--standard", "--tessera"], 2),
    (["sound", "{missing}", "--tessera", "--tracks", "2", "-o", "{dir}/o.mid"], 2),
    (["sound", "{midi}", "--standard"], 2),
    (["form", "{missing}"], MISSING_FILE),
    (["form", "{midi}"], 0),  # a MIDI file's form is listed (its markers on bar lines)
    (["form", "{song}", "--section", "1"], MISSING_FILE),  # the song has no sections
    (["form", "{missing}", "--add", "chorus", "--bars", "1-4"], MISSING_FILE),
    (["form", "{missing}", "--add", " 副歌 ", "--bars", "1", "--name", "C", "--energy", "1"], 1),
    (["form", "{missing}", "--add", "verse", "--bars", "2", "-o", "{nofolder}/o.json"], 1),
    (["form", "{midi}", "--section", "1", "--energy", "0.5", "-o", "{dir}/o.json"], 1),
    (["form", "{missing}", "--add", "chorus"], 2),  # no --bars
    (["form", "{missing}", "--add", "chorus", "--bars", "1", "--role", "verse"], 2),
    (["form", "{missing}", "--add", "chorus", "--section", "1", "--bars", "1"], 2),
    (["form", "{missing}", "--section", "1", "--delete", "--name", "x"], 2),
    (["form", "{missing}", "--section", "1", "--bars", "1", "--move-to", "2"], 2),
    (["form", "{missing}", "--name", "x"], 2),  # which section?
    (["form", "{missing}", "-o", "{dir}/o.json"], 2),
    (["form", "{missing}", "--section", "1", "-o", "{dir}/o.json"], 2),  # no change to write
    (["form", "{midi}", "--section", "1", "--energy", "0.5"], 2),  # a MIDI file to change
    (["form", "{missing}", "--add", "chorus", "--bars", "1", "-o", "{dir}/o.mid"], 2),
    (["section", "{missing}", "2", "copy", "--to-bar", "9"], MISSING_FILE),
    (["section", "{missing}", "2", "copy"], 2),
    (["section", "{missing}", "2", "copy", "--to-bar", "9", "--density", "3"], 2),
    (["section", "{missing}", "2", "copy", "--to-bar", "9", "--all"], 2),
    (["section", "{missing}", "5", "make", "chorus"], MISSING_FILE),
    (["section", "{missing}", "5", "make", "副歌", "--strength", "0.3", "--seed", "1"], 1),
    (["section", "{missing}", "5", "make"], 2),
    (["section", "{missing}", "5", "make", "kazoo"], 2),
    (["section", "{missing}", "5", "make", "chorus", "--tracks", "1"], 2),
    (["section", "{missing}", "5", "regenerate", "--strength", "0.3"], 2),
    (["section", "{missing}", "bridge"], 2),
    (["section", "{song}", "1", "vary"], MISSING_FILE),  # the song has no sections
]


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
