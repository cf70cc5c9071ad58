"""What `tessera-cli`'s options accept, checked while the command line is read.

Every option's value is read here (argparse's `type=`) before any file is opened, any model
loaded or anything rendered, so a mistake costs no waiting and says what to write instead:
numbers are finite and in their ranges, seeds fit 64 bits, text is Unicode text of a sensible
length, selections are written like '2,3' or '5-8', and file names end in a suffix the option
can read or write. What depends on a file (is there such a bar in this song?) is checked once
the file is read, still before any model runs.

File names come back as `InputFile`, `InputFolder` or `OutputFile` (plain `str`s), so
`check_files` can refuse, before the command starts, a folder, pipe or device given as a song:
opening a named pipe would wait for ever.
"""

from __future__ import annotations

import argparse
import math
import re
import stat
from collections.abc import Callable, Iterable
from pathlib import Path

from engine.compose.control_text import MAX_TEXT_CHARS, ControlError, text_from_user
from engine.errors import TesseraError
from engine.project.midi.files import MIDI_SUFFIXES
from engine.song.song import MAX_BAR_COUNT

MAX_SEED = 2**63 - 1
"""The largest seed: any whole number from 0 fits the engine's generators; 64 bits is what a
script or another program reading a take can hold."""
MAX_NUMBER_CHARS = 40
"""No value an option accepts is written longer; a 4,300-digit number is refused by its length
before Python parses it."""
MAX_PATH_CHARS = 4096
"""The longest file name (Linux's PATH_MAX)."""
PROJECT_SUFFIXES = (".json",)
SONG_SUFFIXES = (*PROJECT_SUFFIXES, *MIDI_SUFFIXES)
AUDIO_OUT_SUFFIXES = (".wav", ".flac", ".mp3", ".ogg")
"""What `render` writes (the same as `engine.sound.audio_files.AUDIO_SUFFIXES`)."""
CLIP_SUFFIXES = (".wav", ".flac", ".mp3", ".ogg", ".oga", ".aiff", ".aif")
_SELECTION = re.compile(r"\s*\d{1,6}\s*(-\s*\d{1,6}\s*)?")


class CommandLineError(TesseraError):
    """A command line that is wrong by itself, whatever the files hold (exit status 2)."""


class InputFile(str):
    """A file name the command reads."""


class InputFolder(str):
    """A folder name the command reads from."""


class OutputFile(str):
    """A file name the command writes."""


def whole(low: int, high: int) -> Callable[[str], int]:
    """A reader for a whole number from `low` to `high` (argparse names the option)."""

    def read(text: str) -> int:
        wanted = f"must be a whole number from {low} to {high:,}"
        try:
            value = int(text) if len(text) <= MAX_NUMBER_CHARS else None
        except ValueError:
            value = None
        if value is None or not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{wanted}, got {shown(text)}")
        return value

    return read


def number(
    low: float, high: float, *, above_low: bool = False, unit: str = ""
) -> Callable[[str], float]:
    """A reader for a finite number from `low` (or above it, with `above_low`) to `high`
    (argparse names the option)."""
    lowest = f"above {low:g}" if above_low else f"from {low:g}"

    def read(text: str) -> float:
        try:
            value = float(text) if len(text) <= MAX_NUMBER_CHARS else math.nan
        except ValueError:
            value = math.nan
        low_ok = value > low if above_low else value >= low
        if not (math.isfinite(value) and low_ok and value <= high):
            raise argparse.ArgumentTypeError(
                f"must be a number {lowest} to {high:g}{unit}, got {shown(text)}"
            )
        return value

    return read


seed = whole(0, MAX_SEED)


def text(label: str, max_chars: int = MAX_TEXT_CHARS) -> Callable[[str], str]:
    """A reader for one line of Unicode text of at most `max_chars` characters."""

    def read(typed: str) -> str:
        try:
            return text_from_user(label, typed, max_chars)
        except ControlError as err:  # argparse names the option: the reason alone
            raise argparse.ArgumentTypeError(str(err).removeprefix(f"{label}: ")) from err

    return read


def selection(label: str, *, one_span: bool) -> Callable[[str], str]:
    """A reader for 1-based `label` such as '5-8' (`one_span`) or '2,3,5-7', as typed; whether
    they lie inside the song is checked once it is read."""
    example = "'5' or '5-8'" if one_span else "'2', '2,3' or '1-4'"

    def read(typed: str) -> str:
        parts = typed.split(",") if len(typed) <= MAX_TEXT_CHARS else []
        fine = bool(parts) and (len(parts) == 1 or not one_span)
        for part in parts:
            fine = fine and _SELECTION.fullmatch(part) is not None and _in_order(part)
        if not fine:
            raise argparse.ArgumentTypeError(
                f"{label} {shown(typed)} is not understood: write 1-based {label} such as {example}"
            )
        return typed

    return read


def add_selection(command: argparse.ArgumentParser, tracks_example: str = "1,3") -> None:
    """--tracks and --bars, checked as typed (whether the song has them: once it is read)."""
    command.add_argument(
        "--tracks",
        type=selection("tracks", one_span=False),
        help=f"1-based tracks, e.g. '{tracks_example}' (default: all)",
    )
    command.add_argument(
        "--bars",
        type=selection("bars", one_span=True),
        help="1-based bar range, e.g. '5-8' (default: all)",
    )


def _in_order(span: str) -> bool:
    first, _, last = span.partition("-")
    return 1 <= int(first) <= (int(last) if last.strip() else int(first)) <= MAX_BAR_COUNT


def song_in(typed: str) -> InputFile:
    """A song to read: a project (.json) or a MIDI file."""
    return InputFile(_file_name(typed, SONG_SUFFIXES, "a song to read"))


def project_in(typed: str) -> InputFile:
    """A Tessera project to read (only a project keeps takes)."""
    return InputFile(_file_name(typed, PROJECT_SUFFIXES, "a Tessera project"))


def song_out(typed: str) -> OutputFile:
    """A song to write: a project (.json) or a MIDI file."""
    return OutputFile(_file_name(typed, SONG_SUFFIXES, "a song to write"))


def audio_out(typed: str) -> OutputFile:
    """An audio file to write."""
    name = _path_text(typed)
    suffix = Path(name).suffix.lower()
    if suffix not in AUDIO_OUT_SUFFIXES:
        raise argparse.ArgumentTypeError(
            f"cannot write {shown(Path(name).name)}: audio is written as "
            f"{', '.join(AUDIO_OUT_SUFFIXES[:-1])} or {AUDIO_OUT_SUFFIXES[-1]}, "
            f"not {suffix or 'a file without a suffix'}"
        )
    return OutputFile(name)


def clip_in(typed: str) -> InputFile:
    """An audio clip to read."""
    return InputFile(_file_name(typed, CLIP_SUFFIXES, "an audio clip"))


def folder_in(typed: str) -> InputFolder:
    """A folder to read songs from."""
    return InputFolder(_path_text(typed))


def _file_name(typed: str, suffixes: Iterable[str], what: str) -> str:
    name = _path_text(typed)
    suffix = Path(name).suffix.lower()
    if suffix not in suffixes:
        raise argparse.ArgumentTypeError(
            f"{shown(Path(name).name)}: unknown file type {suffix or '(no suffix)'!r} for "
            f"{what}: use a name ending in {', '.join(suffixes)}"
        )
    return name


def _path_text(typed: str) -> str:
    if not typed.strip():
        raise argparse.ArgumentTypeError("the file name is empty: give a file name")
    if "\0" in typed or len(typed) > MAX_PATH_CHARS:
        raise argparse.ArgumentTypeError(
            f"{shown(typed)} cannot be a file name (a NUL character, or over "
            f"{MAX_PATH_CHARS} characters)"
        )
    return typed


def check_files(args: argparse.Namespace) -> None:
    """Refuse, before any work, a song or clip that is a folder, a pipe or a device (reading a
    named pipe waits for ever), a folder that is not one, and an output that is not a file.
    A missing input is left to the command, whose message says which file it could not open;
    an output into a folder that does not exist is refused here, before the work it would
    have thrown away."""
    for value in vars(args).values():
        if isinstance(value, OutputFile):
            _check_folder_of(value)
        if not isinstance(value, InputFile | InputFolder | OutputFile):
            continue
        try:
            mode = Path(value).stat().st_mode
        except (OSError, ValueError):
            continue  # missing or unreachable: the command says so when it opens it
        if isinstance(value, InputFolder):
            if not stat.S_ISDIR(mode):
                raise TesseraError(
                    f"{shown(value)} is not a folder: give a folder of .mid or .json songs"
                )
        elif not stat.S_ISREG(mode):
            kind = "a folder" if stat.S_ISDIR(mode) else "not a regular file (a pipe or device?)"
            doing = "open" if isinstance(value, InputFile) else "write"
            raise TesseraError(f"cannot {doing} {shown(value)}: it is {kind}; give a file name")


def _check_folder_of(output: OutputFile) -> None:
    folder = Path(output).parent
    try:
        there = folder.is_dir()
    except (OSError, ValueError):
        there = False
    if not there:
        doing = (
            "save the project to" if Path(output).suffix.lower() in PROJECT_SUFFIXES else "write"
        )
        raise TesseraError(
            f"cannot {doing} {shown(Path(output).name)}: the folder {shown(str(folder))} does "
            "not exist; create it or choose another folder"
        )


def shown(typed: str, limit: int = 60) -> str:
    """`typed` quoted for a one-line message, cut short when long."""
    cut = typed if len(typed) <= limit else typed[:limit] + "..."
    return repr(cut) + (f" ({len(typed):,} characters)" if len(typed) > limit else "")
