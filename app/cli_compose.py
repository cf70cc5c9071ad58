"""The composing commands of `tessera-cli`: generate, regenerate, add-track, continue, nudge,
lock, unlock and takes.

Each command reads a project (.json) or a MIDI file, builds one request
(`engine.compose.requests`) from its options (`engine.compose.control_text` reads the controls)
and hands it to the front door the window uses too (`Studio.compose`: carried out, recorded as a
take), then writes the result back (or to `--output`). A project keeps its locks and takes; a
MIDI file keeps neither, so locking writes to a project only.
"""

from __future__ import annotations

import argparse
import dataclasses
import secrets

from app import cli_prompt
from app.cli import waiting_for
from engine.compose.control_text import (
    VOICE_ORDERS,
    controls_from_text,
    form_from_text,
    generate_from_text,
)
from engine.compose.operations import (
    DIRECTIONS,
    PRESETS,
    AddTrack,
    ComposeError,
    Continue,
    Controls,
    Generate,
    Lock,
    Nudge,
    Regenerate,
    Request,
)
from engine.song.gm import instrument_from_name
from engine.song.song import Cell
from engine.song.styles import STYLE_NAMES
from engine.studio.outcomes import Selection
from engine.studio.use_cases import Studio

COMPOSE_EPILOG = """composing examples:
  tessera-cli generate new.json --preset chorale --bars 16 --key "D minor" --seed 7
  tessera-cli generate new.json --prompt "slow and sad folk tune for strings in 3/4"
  tessera-cli generate new.json --preset lofi --style jazz --tempo 84
  tessera-cli lock song.json --tracks 1
  tessera-cli regenerate song.json --tracks 2,3 --bars 5-8 --scale "D minor" --seed 3
  tessera-cli nudge song.json --tracks 1 --bars 1-4 --direction denser --strength 0.3
  tessera-cli add-track song.json --instrument cello
  tessera-cli add-track song.json --instrument drums --style rock
  tessera-cli continue song.json --bars 8
  tessera-cli takes song.json --restore 2
"""


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the composing commands to the `tessera-cli` parser."""
    generate = commands.add_parser("generate", help="write a new song from a style preset")
    generate.add_argument("output", help="file to write (.json or .mid)")
    generate.add_argument(
        "--preset",
        choices=list(PRESETS),
        metavar="PRESET",
        help=f"band and settings to start from: {', '.join(PRESETS)} "
        "(default: folk-tune, or --prompt's)",
    )
    cli_prompt.add_argument(generate)
    _add_style(generate, "(default: the preset's)")
    generate.add_argument("--bars", type=int, help="length in bars (default: the preset's)")
    generate.add_argument("--meter", help="time signature, e.g. 3/4 (default: the preset's)")
    generate.add_argument("--key", help="key, e.g. 'D minor' (default: the preset's)")
    generate.add_argument("--tempo", type=float, help="beats per minute (default: the preset's)")
    generate.add_argument("--title", default="Untitled")
    generate.add_argument(
        "--form",
        help="sections, one letter per phrase, e.g. AABA: a repeated letter comes back with a "
        "new last bar; '-' for no repeats (default: the style's)",
    )
    _add_controls(generate)

    for name, text in (
        ("regenerate", "rewrite the selected cells to fit what surrounds them"),
        ("nudge", "move the selected cells a little in one direction"),
        ("lock", "lock the selected cells so no operation changes them"),
        ("unlock", "unlock the selected cells"),
    ):
        command = commands.add_parser(name, help=text)
        _add_song_arguments(command)
        _add_selection(command)
        if name == "nudge":
            command.add_argument("--direction", required=True, choices=DIRECTIONS)
            command.add_argument(
                "--strength", type=float, default=0.3, help="0 (no change) to 1 (default 0.3)"
            )
        if name == "regenerate":
            _add_style(command, "set the song's style before writing (default: keep it)")
        if name in ("regenerate", "nudge"):
            _add_controls(command)

    add = commands.add_parser("add-track", help="write a new track for the whole song")
    _add_song_arguments(add)
    add.add_argument(
        "--instrument",
        required=True,
        help="GM program number or name, e.g. cello, rhodes or 二胡; 'drums' (also 'drum kit', "
        "'percussion', '鼓') for a General MIDI drum kit on channel 10",
    )
    add.add_argument("--name", help="track name (default: the instrument's)")
    _add_style(add, "set the song's style before writing (default: keep it)")
    _add_controls(add)

    grow = commands.add_parser("continue", help="add bars at the end and write them")
    _add_song_arguments(grow)
    grow.add_argument("--bars", type=int, required=True, help="how many bars to add")
    grow.add_argument("--tracks", help="1-based tracks to write (default: all)")
    _add_style(grow, "set the song's style before writing (default: keep it)")
    _add_controls(grow)

    takes = commands.add_parser("takes", help="list a project's takes or go back to one")
    takes.add_argument("file", help="a Tessera project (.json)")
    takes.add_argument("--restore", type=int, metavar="N", help="make take N the current song")


def _add_song_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("file", help="a Tessera project (.json) or a MIDI file (.mid)")
    command.add_argument("-o", "--output", help="write here instead of over the input file")


def _add_style(command: argparse.ArgumentParser, default: str) -> None:
    command.add_argument(
        "--style",
        metavar="NAME",
        help=f"the style the model writes in: {', '.join(STYLE_NAMES)}, or none {default}",
    )


def _style(args: argparse.Namespace) -> str | None:
    """The --style asked for ('none' clears it); the error for a bad name lists the styles."""
    return None if args.style.strip().lower() == "none" else args.style.strip().lower()


def _add_selection(command: argparse.ArgumentParser) -> None:
    command.add_argument("--tracks", help="1-based tracks, e.g. '2,3' or '1-4' (default: all)")
    command.add_argument("--bars", help="1-based bar range, e.g. '5-8' (default: all)")


def _add_controls(command: argparse.ArgumentParser) -> None:
    group = command.add_argument_group("controls for the cells written")
    group.add_argument("--seed", type=int, help="random seed (default: a new one, printed)")
    group.add_argument("--density", type=int, help="notes per bar (soft)")
    group.add_argument("--polyphony", type=int, help="most notes at once, 1-6 (hard limit)")
    group.add_argument("--range", help="pitch range, e.g. C3-C5 or 48-72 (hard)")
    group.add_argument("--scale", help="scale, e.g. 'D minor' or 'A dorian' (hard)")
    group.add_argument("--chords", help="one chord per bar, cycled, e.g. 'Am,F,C,G' (soft)")
    group.add_argument("--velocity", help="velocity range, e.g. 60-100 (hard)")
    group.add_argument("--rhythm", type=int, help="distinct note onsets per bar (soft)")
    group.add_argument("--temperature", type=float, default=1.0, help="randomness (default 1)")
    group.add_argument("--top-p", type=float, default=0.95, help="nucleus size (default 0.95)")
    group.add_argument(
        "--no-key-pull",
        action="store_true",
        help="do not lean toward the key's scale (chromatic writing; a --scale is a hard limit)",
    )
    group.add_argument(
        "--free-beat",
        action="store_true",
        help="drums need not keep the style's beat (a backbeat's kick on 1 and snare on 2 "
        "and 4, house's kick on every beat)",
    )
    group.add_argument(
        "--voice-order",
        choices=tuple(VOICE_ORDERS),
        default="auto",
        help="adjacent parts never cross (keep), may cross (free), or keep order when they are "
        "one ensemble such as a choir or a quartet (auto, the default)",
    )


COMMANDS = ("generate", "regenerate", "nudge", "lock", "unlock", "add-track", "continue", "takes")


def run(args: argparse.Namespace, studio: Studio) -> None:
    """Carry out one composing command (see `add_commands`) through the front door."""
    if args.command == "takes":
        _takes(args, studio)
        return
    seed = args.seed if getattr(args, "seed", None) is not None else secrets.randbelow(2**31)
    source = None if args.command == "generate" else args.file
    destination = args.output if source is None else args.output or source
    # The whole read, compose and write holds the project, so a second command waits its turn
    # instead of writing over this one's change (or this one over its).
    with studio.holding(source, destination, on_wait=waiting_for):
        if source is not None:
            _warn(studio.open(source))
            if getattr(args, "style", None) is not None:
                studio.set_style(_style(args))
        request = _generate(args) if source is None else _request(args, studio)
        composed = studio.compose(request, seed)
        if composed.locked_kept:
            print(f"note: {composed.locked_kept} locked cell(s) left as they are")
        _warn(studio.write(destination, keep_locks=isinstance(request, Lock)))
    note = "" if isinstance(request, Lock) else f" (seed {seed}; repeat with --seed {seed})"
    print(f"{request.operation}: wrote {destination}{note}")


def _warn(warnings: list[str]) -> None:
    for warning in warnings:
        print(f"warning: {warning}")


def _generate(args: argparse.Namespace) -> Generate:
    """A new song's request from the options, or from --prompt with the options winning."""
    if args.prompt:
        request = cli_prompt.prompt_request(args, _controls(args))
    else:
        request = generate_from_text(
            args.preset or cli_prompt.DEFAULT_PRESET,
            bars=args.bars,
            meter=args.meter,
            key=args.key,
            tempo_bpm=args.tempo,
            title=args.title,
            controls=_controls(args),
        )
    if args.style is not None:
        request = dataclasses.replace(request, style=args.style.strip().lower())
    if args.form is not None:
        request = dataclasses.replace(request, form=form_from_text(args.form))
    return request


def _selection(args: argparse.Namespace, studio: Studio) -> tuple[Cell, ...]:
    if args.tracks is None and args.bars is None:
        raise ComposeError(
            f"choose what to {args.command} with --tracks and/or --bars (e.g. --bars 5-8)"
        )
    return Selection.from_text(studio.song, args.tracks, args.bars).cells(studio.song)


def _request(args: argparse.Namespace, studio: Studio) -> Request:
    if args.command in ("lock", "unlock"):
        return Lock(_selection(args, studio), locked=args.command == "lock")
    if args.command == "regenerate":
        return Regenerate(_selection(args, studio), _controls(args))
    if args.command == "nudge":
        return Nudge(_selection(args, studio), args.direction, args.strength, _controls(args))
    if args.command == "add-track":
        program, is_drum = instrument_from_name(args.instrument)
        return AddTrack(program, args.name, _controls(args), is_drum=is_drum)
    tracks = Selection.from_text(studio.song, args.tracks, None).tracks
    return Continue(args.bars, tracks, _controls(args))


def _controls(args: argparse.Namespace) -> Controls:
    return controls_from_text(
        density=args.density,
        polyphony=args.polyphony,
        rhythm=args.rhythm,
        pitch_range=args.range,
        scale=args.scale,
        chords=args.chords,
        velocity=args.velocity,
        temperature=args.temperature,
        top_p=args.top_p,
        key_pull=not args.no_key_pull,
        keep_beat=not args.free_beat,
        voice_order=args.voice_order,
    )


def _takes(args: argparse.Namespace, studio: Studio) -> None:
    if args.restore is None:
        studio.open(args.file)
        if not studio.takes:
            print(f"{args.file} has no takes yet: run an operation such as regenerate first")
        for number, take in enumerate(studio.takes, start=1):
            print(f"{number:3d}  {take.describe()}")
        return
    with studio.holding(args.file, on_wait=waiting_for):
        studio.open(args.file)
        restored = studio.restore_take(args.restore)
        studio.save(args.file)
    print(f"{restored.message}; wrote {args.file}")
