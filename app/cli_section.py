"""`tessera-cli section`: regenerate, vary, copy or recast one section of a song's form.

`section FILE SECTION ACTION` names the section as a composer does (its number from 1, its name,
or a role and a count: 'bridge', 'verse 2'; `engine.song.sections.find_section`) and what to do
with it: `regenerate` it, `vary` it (--strength 0-1), `copy` it (--to-bar N), or `make` it a
section of another role ('make chorus'). Like `regenerate`, it builds one request
(`engine.compose.requests`) and hands it to the front door the window uses (`Studio.compose`:
carried out, recorded as a take and one undo step), holding the project for the whole read,
compose and write, and writes the result back over the file (or to --output).
"""

from __future__ import annotations

import argparse
import secrets

from app import cli_args, cli_compose
from app.cli import waiting_for
from app.cli_args import CommandLineError, number, text, whole
from engine.compose.operations import ComposeError, Controls
from engine.compose.requests import (
    CopySection,
    RecastSection,
    RegenerateSection,
    SectionRequest,
    SectionScope,
    VarySection,
)
from engine.song.sections import ROLES, find_section, role_from_name
from engine.song.song import MAX_BAR_COUNT, Song
from engine.studio.outcomes import Selection
from engine.studio.use_cases import Studio

SECTION_EPILOG = """section examples:
  tessera-cli section song.json bridge regenerate
  tessera-cli section song.json "verse 2" vary --strength 0.4
  tessera-cli section song.json chorus regenerate --all --tracks 1,2
  tessera-cli section song.json 3 copy --to-bar 33
  tessera-cli section song.json 5 make chorus
"""
ACTIONS = ("regenerate", "vary", "copy", "make")
COMMANDS = ("section",)
DEFAULT_VARY_STRENGTH = 0.5
MAX_SECTION_TEXT = 100
"""The longest section a command line names (a name is at most 60 characters)."""
WRITING = ("regenerate", "vary")
"""The actions that take --all, --tracks and the controls."""


def add_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `section` to the `tessera-cli` parser."""
    command = commands.add_parser(
        "section",
        help="regenerate, vary, copy or recast one section (verse, chorus, bridge...)",
        description="Work on one section of the song's form; the file is written in place "
        "(or to --output), with the change kept as a take.",
    )
    command.add_argument(
        "file", type=cli_args.song_in, help="a Tessera project (.json) or a MIDI file (.mid)"
    )
    command.add_argument(
        "section",
        type=_section_text,
        help="the section: its number from 1, its name, or a role and a count ('verse 2')",
    )
    command.add_argument("action", choices=ACTIONS, help="what to do with it")
    command.add_argument(
        "role",
        nargs="?",
        type=text("role", 40),
        help=f"for make: the role it takes ({', '.join(ROLES)}; also 'refrain', '副歌'...)",
    )
    command.add_argument(
        "-o",
        "--output",
        type=cli_args.song_out,
        help="write here instead of over the input file (.json or .mid)",
    )
    command.add_argument(
        "--strength",
        type=number(0, 1),
        help=f"vary: 0 keeps it, 1 writes it anew (default {DEFAULT_VARY_STRENGTH}); make: how "
        "far it strays from the section it copies (default 0)",
    )
    command.add_argument(
        "--to-bar",
        type=whole(1, MAX_BAR_COUNT),
        metavar="BAR",
        help="copy: the 1-based bar the copy starts at",
    )
    command.add_argument(
        "--all",
        action="store_true",
        help="regenerate or vary: give the new music to every repeat of the section too",
    )
    command.add_argument(
        "--tracks",
        type=cli_args.selection("tracks", one_span=False),
        help="regenerate or vary: 1-based tracks to write, e.g. '1,2' (default: all)",
    )
    cli_compose._add_controls(command)  # the same controls and --seed as `regenerate`


def _section_text(typed: str) -> str:
    """The section a command names, as typed: one line of text, not blank."""
    value = text("section", MAX_SECTION_TEXT)(typed)
    if not value.strip():
        raise argparse.ArgumentTypeError("is empty: give its number or name, e.g. 2 or 'verse 2'")
    return value


def check(args: argparse.Namespace) -> None:
    """What the options say together, before the file is opened or the model loaded: each
    action's own options only, and a role `make` knows. Raises CommandLineError."""
    action = args.action
    wrong = [
        option
        for option, given, fits in (
            ("ROLE", args.role is not None, action == "make"),
            ("--to-bar", args.to_bar is not None, action == "copy"),
            ("--strength", args.strength is not None, action in ("vary", "make")),
            ("--all", args.all, action in WRITING),
            ("--tracks", args.tracks is not None, action in WRITING),
        )
        if given and not fits
    ]
    if wrong:
        raise CommandLineError(f"{', '.join(wrong)} does not go with {action}: leave it out")
    if cli_compose._controls(args) != Controls() and action not in WRITING:
        raise CommandLineError(
            f"the controls (--density, --scale...) are for regenerate and vary, not {action}"
        )
    if action == "copy" and args.to_bar is None:
        raise CommandLineError("copy needs --to-bar: the bar the copy starts at, e.g. --to-bar 17")
    if action == "make":
        _role(args.role)


def _role(typed: str | None) -> str:
    """The role `make` was given, read as a section's name is ('refrain' and '副歌' are a
    chorus)."""
    if typed is None or not typed.strip():
        raise CommandLineError(f"make needs a role, e.g. 'make chorus': one of {', '.join(ROLES)}")
    word = typed.strip().casefold()
    role = word if word in ROLES else role_from_name(word)
    if role == "other" and word != "other":
        raise CommandLineError(
            f"{cli_args.shown(typed)} is not a section role: use one of {', '.join(ROLES)}"
        )
    return role


def run(args: argparse.Namespace, studio: Studio) -> int:
    """Carry out one section command through the front door and write the result."""
    seed = args.seed if args.seed is not None else secrets.randbelow(2**31)
    destination = args.output or args.file
    with studio.holding(args.file, destination, on_wait=waiting_for):
        cli_compose._warn(studio.open(args.file))
        request = _request(args, studio.song)
        composed = studio.compose(request, seed)
        if composed.locked_kept:
            print(f"note: {composed.locked_kept} locked cell(s) left as they are")
        cli_compose._warn(studio.write(destination))
    note = "" if isinstance(request, CopySection) else f" (seed {seed}; repeat with --seed {seed})"
    print(f"{composed.label}: wrote {destination}{note}")
    return 0


def _request(args: argparse.Namespace, song: Song) -> SectionRequest:
    """The request the command line asks of this song."""
    if not song.sections:
        raise ComposeError(
            f"{cli_args.shown(args.file)} has no sections: mark its verses, choruses and so on "
            "in the app, or write the song with generate --form, then work on one"
        )
    index = find_section(song.sections, args.section)
    scope: SectionScope = "all" if args.all else "one"
    if args.action == "copy":
        return CopySection(index, args.to_bar - 1)
    if args.action == "make":
        strength = 0.0 if args.strength is None else args.strength
        return RecastSection(index, _role(args.role), strength)
    tracks = Selection.from_text(song, args.tracks, None).tracks
    controls = cli_compose._controls(args)
    if args.action == "regenerate":
        return RegenerateSection(index, scope, tracks, controls)
    strength = DEFAULT_VARY_STRENGTH if args.strength is None else args.strength
    return VarySection(index, strength, scope, tracks, controls)
