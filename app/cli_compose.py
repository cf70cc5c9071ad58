"""The composing commands of `tessera-cli`: generate, regenerate, add-track, continue, nudge,
lock, unlock and takes.

Each command reads a project (.json) or a MIDI file, carries out one request from
`engine.compose.operations`, records a take and writes the result back (or to `--output`). A
project keeps its locks and takes; a MIDI file keeps neither, so locking writes to a project only.
"""

from __future__ import annotations

import argparse
import dataclasses
import secrets
from pathlib import Path
from typing import Any

from app import cli_prompt
from engine.compose import operations
from engine.compose.midi_model import MidiModel
from engine.compose.operations import ComposeError, Controls, Request
from engine.project.project_file import load_project_with_takes, save_project
from engine.project.song_files import open_song, save_song
from engine.song.edits import set_style
from engine.song.gm import instrument_from_name
from engine.song.selection import parse_indices, parse_span
from engine.song.song import Cell, Song
from engine.song.styles import NO_STYLE, STYLE_NAMES
from engine.song.takes import Take, record, take_at
from engine.song.theory import key_from_name, parse_chord, parse_pitch_range, parse_scale

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
        choices=list(operations.PRESETS),
        metavar="PRESET",
        help=f"band and settings to start from: {', '.join(operations.PRESETS)} "
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
            command.add_argument("--direction", required=True, choices=operations.DIRECTIONS)
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
        choices=("auto", "keep", "free"),
        default="auto",
        help="adjacent parts never cross (keep), may cross (free), or keep order when they are "
        "one ensemble such as a choir or a quartet (auto, the default)",
    )


COMMANDS = ("generate", "regenerate", "nudge", "lock", "unlock", "add-track", "continue", "takes")


def run(args: argparse.Namespace) -> None:
    """Carry out one composing command (see `add_commands`)."""
    if args.command == "takes":
        _takes(args)
        return
    seed = args.seed if getattr(args, "seed", None) is not None else secrets.randbelow(2**31)
    song: Song | None = None
    takes: tuple[Take, ...] = ()
    if args.command == "generate":
        destination = args.output
    else:
        song, takes = _open(args.file)
        destination = args.output or args.file
        if getattr(args, "style", None) is not None:
            song = set_style(song, _style(args))
    request: Request
    if args.command == "generate" and args.prompt:
        meter = _meter(args.meter) if args.meter else None
        request = cli_prompt.prompt_request(args, _controls(args), meter)
    else:
        request = _request(args, song)
    if isinstance(request, operations.Generate) and args.style is not None:
        request = dataclasses.replace(request, style=_style(args) or NO_STYLE)
    if isinstance(request, operations.Generate) and args.form is not None:
        request = dataclasses.replace(request, form=args.form)
    if isinstance(request, operations.Regenerate | operations.Nudge) and song is not None:
        _report_locked(song, request.cells)
    model = None if isinstance(request, operations.Lock) else MidiModel()
    result = operations.apply(model, song, request, seed)
    take = Take(request.operation, operations.request_to_json(request), seed, result)
    _save(
        result, record(takes, take), destination, keeps_locks=isinstance(request, operations.Lock)
    )
    note = (
        "" if isinstance(request, operations.Lock) else f" (seed {seed}; repeat with --seed {seed})"
    )
    print(f"{request.operation}: wrote {destination}{note}")


def _open(path: str) -> tuple[Song, tuple[Take, ...]]:
    if Path(path).suffix.lower() == ".json":
        return load_project_with_takes(path)
    song, warnings = open_song(path)
    for warning in warnings:
        print(f"warning: {warning}")
    return song, ()


def _save(song: Song, takes: tuple[Take, ...], destination: str, keeps_locks: bool) -> None:
    if Path(destination).suffix.lower() == ".json":
        save_project(song, destination, takes)
        return
    if keeps_locks:
        raise ComposeError(
            f"{destination} is a MIDI file, which cannot hold locks: "
            "write a project instead, e.g. --output song.json"
        )
    for warning in save_song(song, destination):
        print(f"warning: {warning}")


def _report_locked(song: Song, cells: tuple[Cell, ...]) -> None:
    free, held = operations.split_locked(song, cells)
    if held and free:
        print(f"note: {len(held)} locked cell(s) left as they are")


def _selection(args: argparse.Namespace, song: Song) -> tuple[Cell, ...]:
    if args.tracks is None and args.bars is None:
        raise ComposeError(
            f"choose what to {args.command} with --tracks and/or --bars (e.g. --bars 5-8)"
        )
    tracks = parse_indices(args.tracks, "tracks", len(song.tracks)) if args.tracks else None
    bars = parse_span(args.bars, "bars", song.bar_count) if args.bars else None
    return operations.cells_of(song, tracks, bars)


def _request(args: argparse.Namespace, song: Song | None) -> Request:
    if args.command == "generate":
        return operations.Generate(
            preset=args.preset or cli_prompt.DEFAULT_PRESET,
            bars=args.bars,
            meter=_meter(args.meter) if args.meter else None,
            key=key_from_name(args.key) if args.key else None,
            tempo_bpm=args.tempo,
            title=args.title,
            controls=_controls(args),
        )
    assert song is not None
    if args.command in ("lock", "unlock"):
        return operations.Lock(_selection(args, song), locked=args.command == "lock")
    if args.command == "regenerate":
        return operations.Regenerate(_selection(args, song), _controls(args))
    if args.command == "nudge":
        return operations.Nudge(
            _selection(args, song), args.direction, args.strength, _controls(args)
        )
    if args.command == "add-track":
        program, is_drum = instrument_from_name(args.instrument)
        return operations.AddTrack(program, args.name, _controls(args), is_drum=is_drum)
    tracks = parse_indices(args.tracks, "tracks", len(song.tracks)) if args.tracks else None
    return operations.Continue(
        args.bars, None if tracks is None else tuple(tracks), _controls(args)
    )


def _meter(text: str) -> tuple[int, int]:
    numerator, _, denominator = text.partition("/")
    if not (numerator.isdigit() and denominator.isdigit()):
        raise ComposeError(f"meter {text!r} is not understood: write it like 3/4 or 6/8")
    return int(numerator), int(denominator)


def _span(text: str, what: str) -> tuple[int, int]:
    low, _, high = text.partition("-")
    if not (low.strip().isdigit() and high.strip().isdigit()):
        raise ComposeError(f"{what} {text!r} is not understood: write it like 60-100")
    return int(low), int(high)


def _controls(args: argparse.Namespace) -> Controls:
    options: dict[str, Any] = {
        "density": args.density,
        "polyphony": args.polyphony,
        "rhythm": args.rhythm,
        "temperature": args.temperature,
        "top_p": args.top_p,
        "key_pull": not args.no_key_pull,
        "keep_beat": not args.free_beat,
        "keep_voice_order": {"auto": None, "keep": True, "free": False}[args.voice_order],
    }
    if args.range:
        options["pitch_range"] = parse_pitch_range(args.range)
    if args.scale:
        options["scale"] = parse_scale(args.scale)
    if args.chords:
        options["chords"] = tuple(parse_chord(c) for c in args.chords.split(",") if c.strip())
    if args.velocity:
        options["velocity_range"] = _span(args.velocity, "velocity range")
    return Controls(**options)


def _takes(args: argparse.Namespace) -> None:
    _, takes = load_project_with_takes(args.file)
    if args.restore is None:
        if not takes:
            print(f"{args.file} has no takes yet: run an operation such as regenerate first")
        for number, take in enumerate(takes, start=1):
            print(f"{number:3d}  {take.describe()}")
        return
    chosen = take_at(takes, args.restore)
    save_project(chosen.song, args.file, takes)
    print(f"restored take {args.restore} ({chosen.describe()}) into {args.file}")
