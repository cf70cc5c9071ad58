"""`tessera-cli form`: list a song's sections (its form) and add, rename, recast, move, resize,
give an energy to or delete one.

The section band of the window on the command line. Without a change it lists the form (a
MIDI file too: its markers on bar lines are its sections). A change names one section with
`--section` (its number, its name, or a role and a count: '3', 'Bridge', 'verse 2') or adds
one with `--add ROLE --bars A-B`, and says what to change with `--name`, `--role`, `--energy`,
`--bars`, `--move-to`, `--length` or `--delete`; several changes to one section are one undo
step. A change is written to a project (the file itself, or `--output`) under the project's
lock and atomically, like `lock` and `sound`: a MIDI file keeps a section's name and bars as a
marker but not its energy, so a change to one is refused before anything is read (convert it
to a project first). The notes never move: a section is a name over bars.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path

from app import cli_args
from app.cli import waiting_for
from app.cli_args import CommandLineError, OutputFile, whole
from engine.errors import TesseraError
from engine.song.section_edits import add_section, remove_section, update_section
from engine.song.sections import (
    MAX_SECTION_NAME,
    ROLE_WORDS,
    ROLES,
    Section,
    find_section,
    repeats_of,
)
from engine.song.selection import parse_span
from engine.song.song import MAX_BAR_COUNT, Song
from engine.song.summary import bars_text
from engine.studio.use_cases import Studio

FORM_EPILOG = """form examples:
  tessera-cli form song.json
  tessera-cli form song.json --add chorus --bars 13-20 --name "Chorus 1"
  tessera-cli form song.json --section 2 --name "Verse 1" --energy 0.5
  tessera-cli form song.json --section bridge --move-to 21 --length 4
  tessera-cli form song.json --section "chorus 2" --energy default
  tessera-cli form song.json --section 5 --delete
"""
DEFAULT = "default"
"""`--energy default`: the section plays at its role's energy again."""
CHANGES = ("name", "role", "energy", "bars", "move_to", "length", "delete")
"""The options that change a section, by their argparse names."""


def role(typed: str) -> str:
    """A section role as typed: one of `ROLES`, or a word for one ('refrain', '副歌')."""
    word = " ".join(typed.strip().casefold().split())
    if word in ROLES:
        return word
    if word in ROLE_WORDS:
        return ROLE_WORDS[word]
    raise argparse.ArgumentTypeError(
        f"{cli_args.shown(typed)} is not a section role: use one of {', '.join(ROLES)}"
    )


def energy(typed: str) -> float | str:
    """A section's energy as typed: a number from 0 to 1, or 'default' for its role's."""
    if typed.strip().casefold() == DEFAULT:
        return DEFAULT
    try:
        return cli_args.number(0.0, 1.0)(typed)
    except argparse.ArgumentTypeError as err:
        raise argparse.ArgumentTypeError(f"{err} or 'default'") from err


def name_text(label: str) -> Callable[[str], str]:
    """A reader for a section's name (or how `--section` names one): one line of text that
    is not blank, at most `MAX_SECTION_NAME` characters."""
    read_text = cli_args.text(label, MAX_SECTION_NAME)

    def read(typed: str) -> str:
        if not typed.strip():
            example = "a number or a name such as 'Chorus'" if label == "section" else "'Chorus'"
            raise argparse.ArgumentTypeError(f"is empty: type {example}")
        return read_text(typed)

    return read


def _project_out(typed: str) -> OutputFile:
    """A project to write: a section's energy lives in a project, not in a MIDI file."""
    name = cli_args.song_out(typed)
    if not name.lower().endswith(".json"):
        raise argparse.ArgumentTypeError(
            f"{cli_args.shown(name)} is a MIDI file, which keeps sections only as markers: write "
            "a project instead, such as song.json"
        )
    return name


def add_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `form` to the `tessera-cli` parser."""
    form = commands.add_parser(
        "form", help="list or edit the song's sections (intro, verse, chorus, bridge...)"
    )
    form.add_argument(
        "file",
        type=cli_args.song_in,
        help="a Tessera project (.json); a MIDI file (.mid) can be listed, not changed",
    )
    which = form.add_mutually_exclusive_group()
    which.add_argument(
        "--add",
        type=role,
        metavar="ROLE",
        help=f"add a section of this role over --bars ({', '.join(ROLES)})",
    )
    which.add_argument(
        "--section",
        type=name_text("section"),
        metavar="SECTION",
        help="the section to show or change: its number, its name ('Bridge') or a role and a "
        "count ('verse 2')",
    )
    form.add_argument(
        "--bars",
        type=cli_args.selection("bars", one_span=True),
        help="1-based bars, e.g. '5-12': where --add puts the section, or where --section moves it",
    )
    form.add_argument(
        "--name",
        type=name_text("name"),
        help="the section's name, e.g. 'Chorus 2' or '副歌' (for --add: default the role's)",
    )
    form.add_argument("--role", type=role, help="recast the section to this role")
    form.add_argument(
        "--energy", type=energy, help="0-1, how hard the section pushes; 'default' for its role's"
    )
    form.add_argument(
        "--move-to",
        type=whole(1, MAX_BAR_COUNT),
        metavar="BAR",
        help="move the section to start at this 1-based bar, keeping its length",
    )
    form.add_argument(
        "--length",
        type=whole(1, MAX_BAR_COUNT),
        metavar="BARS",
        help="make the section this many bars long, from the same first bar",
    )
    form.add_argument(
        "--delete", action="store_true", help="delete the section (its bars and notes stay)"
    )
    form.add_argument(
        "-o", "--output", type=_project_out, help="the project to write (default: the file itself)"
    )


def _given(args: argparse.Namespace) -> list[str]:
    """The change options given, as typed ('--move-to')."""
    return [
        "--" + name.replace("_", "-")
        for name in CHANGES
        if getattr(args, name) not in (None, False)
    ]


def check(args: argparse.Namespace) -> None:
    """What the options need of one another, before the file is read: a CommandLineError."""
    given = _given(args)
    if args.add is not None:
        _check_add(given)
    elif args.section is None and (given or args.output):
        shown = (given or ["--output"])[0]
        raise CommandLineError(
            f"{shown} changes a section: say which with --section (e.g. --section 2) or add "
            "one with --add ROLE --bars A-B"
        )
    elif args.section is not None:
        _check_change(given, args.output)
    if args.add is not None or given:
        destination: str = args.output or args.file
        if not destination.lower().endswith(".json"):
            name = Path(destination).name
            project = Path(name).with_suffix(".json").name
            raise CommandLineError(
                f"{cli_args.shown(name)} is a MIDI file, which keeps sections only as markers: "
                f"convert it to a project first (tessera-cli convert {name} {project}) or write "
                f"one with -o {project}"
            )


def _check_add(given: list[str]) -> None:
    if "--bars" not in given:
        raise CommandLineError("--add needs the bars the section covers, e.g. --bars 5-12")
    for option in ("--role", "--move-to", "--length", "--delete"):
        if option in given:
            raise CommandLineError(
                f"{option} does not go with --add: the role is --add's value and --bars says "
                "where the section lies"
            )


def _check_change(given: list[str], output: str | None) -> None:
    if output and not given:
        raise CommandLineError(
            "--output writes a changed project: give a change too, such as --name or --energy"
        )
    if "--delete" in given and len(given) > 1:
        raise CommandLineError(f"--delete goes alone: leave out {given[0]}")
    if "--bars" in given and ({"--move-to", "--length"} & set(given)):
        raise CommandLineError(
            "--bars says where the section lies: leave out --move-to and --length"
        )


def run(args: argparse.Namespace, studio: Studio) -> int:
    """List the form, or make one change to it and save the project."""
    if args.add is None and not _given(args):
        _warn(studio.open(args.file))
        print("\n".join(form_lines(studio.song, args.file, args.section)))
        return 0
    destination = args.output or args.file
    with studio.holding(args.file, destination, on_wait=waiting_for):
        _warn(studio.open(args.file))
        song, label = edited(studio.song, args)
        studio.document.apply_edit(song, label)
        studio.save(destination)
    print(f"{label}: wrote {destination}")
    print("\n".join(form_lines(studio.song, destination, None)))
    return 0


def _warn(warnings: list[str]) -> None:
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)


def edited(song: Song, args: argparse.Namespace) -> tuple[Song, str]:
    """The song with the command line's change made, and the change's undo label. Raises a
    TesseraError saying what does not fit the song (a bar it lacks, an overlap)."""
    energy_value, clear_energy = _energy_change(args.energy)
    if args.add is not None:
        first, last = parse_span(args.bars, "bars", song.bar_count)
        song = add_section(song, first, last - first + 1, args.add, args.name)
        index = next(i for i, s in enumerate(song.sections) if s.first_bar == first)
        if args.energy is not None:
            song = update_section(song, index, energy=energy_value, clear_energy=clear_energy)
        added = song.sections[index]
        return song, f"Add section {added.name} (bars {bars_text(added)})"
    index = _section_index(song, args.section)
    section = song.sections[index]
    if args.delete:
        return remove_section(song, index), f"Delete section {section.name}"
    first_bar, bars = _place(song, section, args)
    changed = update_section(
        song,
        index,
        name=args.name,
        role=args.role,
        first_bar=first_bar,
        bars=bars,
        energy=energy_value,
        clear_energy=clear_energy,
    )
    return changed, f"Section {section.name}: {', '.join(_described(args, changed, song))}"


def _energy_change(value: float | str | None) -> tuple[float | None, bool]:
    """`update_section`'s (energy, clear_energy) for `--energy`: none, a value, or back to
    the role's default."""
    if isinstance(value, float):
        return value, False
    return None, value == DEFAULT


def _described(args: argparse.Namespace, after: Song, before: Song) -> list[str]:
    """The change in words, for the undo list: 'renamed Verse 1', 'bars 5-12', ..."""
    words = []
    if args.name is not None:
        words.append(f"renamed {args.name}")
    if args.role is not None:
        words.append(f"made a {args.role}")
    if args.energy is not None:
        words.append("energy default" if args.energy == DEFAULT else f"energy {args.energy:g}")
    moved = [s for s in after.sections if s not in before.sections]
    if moved and {"--bars", "--move-to", "--length"} & set(_given(args)):
        words.append(f"bars {bars_text(moved[0])}")
    return words


def _section_index(song: Song, typed: str) -> int:
    if not song.sections:
        raise TesseraError(
            "the song has no sections yet: add one with --add ROLE --bars A-B "
            "(e.g. --add verse --bars 1-8)"
        )
    return find_section(song.sections, typed)


def _place(song: Song, section: Section, args: argparse.Namespace) -> tuple[int | None, int | None]:
    """(first bar, length in bars) the options give the section, None where they keep it;
    a bar past the song's end is refused here, saying how long the song is."""
    if args.bars is not None:
        first, last = parse_span(args.bars, "bars", song.bar_count)
        return first, last - first + 1
    first_bar = section.first_bar if args.move_to is None else args.move_to - 1
    bars = section.bars if args.length is None else args.length
    if first_bar + bars > song.bar_count:
        raise TesseraError(
            f"section {section.name!r} would run to bar {first_bar + bars}, but the song has "
            f"{song.bar_count} bars: choose an earlier bar or a shorter length"
        )
    return (
        None if args.move_to is None else first_bar,
        None if args.length is None else bars,
    )


def form_lines(song: Song, file: str, chosen: str | None) -> list[str]:
    """The form as a table: one line per section (number, name, role, bars, energy and
    whether it is its role's default) and the bars no section holds; with `chosen`, that
    section and the sections that repeat it."""
    if not song.sections and chosen is None:
        return [
            f"{file}: no sections in {song.bar_count} bars; add one with: tessera-cli form "
            f"{file} --add verse --bars 1-{min(8, song.bar_count)}"
        ]
    if chosen is not None:
        index = _section_index(song, chosen)
        repeats = [i for i in repeats_of(song.sections, index) if i != index]
        lines = [_section_line(index, song.sections[index])]
        told = ", ".join(f"{i + 1} {song.sections[i].name}" for i in repeats) or "none"
        return [*lines, f"     repeated by: {told}"]
    count = len(song.sections)
    lines = [f"{file}: {count} section{'s' * (count != 1)} in {song.bar_count} bars"]
    bar = 0
    for index, section in enumerate(song.sections):
        if section.first_bar > bar:
            lines.append(_gap_line(bar, section.first_bar - 1))
        lines.append(_section_line(index, section))
        bar = section.last_bar + 1
    if bar < song.bar_count:
        lines.append(_gap_line(bar, song.bar_count - 1))
    return lines


def _gap_line(first_bar: int, last_bar: int) -> str:
    bars = (
        f"bars {first_bar + 1}-{last_bar + 1}" if last_bar > first_bar else f"bar {first_bar + 1}"
    )
    return f"      (no section: {bars})"


def _section_line(index: int, section: Section) -> str:
    default = " (default)" if section.energy is None else ""
    return (
        f"  {index + 1:>2}. {_padded(section.name, 14)} {section.role:<10} "
        f"bars {bars_text(section):<9} energy {section.level:.2f}{default}"
    )


def _padded(name: str, columns: int) -> str:
    """`name` padded to `columns` terminal columns (a Chinese character takes two)."""
    width = sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in name)
    return name + " " * max(columns - width, 0)
