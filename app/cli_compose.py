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
import contextlib
import dataclasses
import io
import secrets

from app import cli_args, cli_prompt
from app.cli import waiting_for
from app.cli_args import CommandLineError, number, text, whole
from engine.compose.control_text import (
    MAX_NEW_SONG_BARS,
    VOICE_ORDERS,
    check_new_song,
    controls_from_text,
    form_from_text,
    generate_from_text,
    seconds_from_field,
    tempo_range_from_text,
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
from engine.compose.vocab import MAX_POLYPHONY
from engine.song.gm import instrument_from_name
from engine.song.song import MAX_TEMPO_BPM, MIN_TEMPO_BPM, Cell
from engine.song.styles import NO_STYLE, STYLE_NAMES, style_named
from engine.studio.outcomes import Selection
from engine.studio.use_cases import Studio

COMPOSE_EPILOG = """composing examples:
  tessera-cli generate new.json --preset chorale --bars 16 --key "D minor" --seed 7
  tessera-cli generate new.json --prompt "slow and sad folk tune for strings in 3/4"
  tessera-cli generate new.json --preset lofi --style jazz --tempo 84
  tessera-cli generate new.json --preset pop --seconds 120 --tempo-range 90-130 --variation 0.3
  tessera-cli generate new.json --prompt "pop song, 2 minutes"
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
    generate.add_argument("output", type=cli_args.song_out, help="file to write (.json or .mid)")
    generate.add_argument(
        "--preset",
        choices=list(PRESETS),
        metavar="PRESET",
        help=f"band and settings to start from: {', '.join(PRESETS)} "
        "(default: folk-tune, or --prompt's)",
    )
    cli_prompt.add_argument(generate)
    _add_style(generate, "(default: the preset's)")
    generate.add_argument(
        "--bars",
        type=whole(1, MAX_NEW_SONG_BARS),
        help=f"length in bars, 1-{MAX_NEW_SONG_BARS} (default: the preset's)",
    )
    generate.add_argument(
        "--meter", type=text("meter", 20), help="time signature, e.g. 3/4 (default: the preset's)"
    )
    generate.add_argument(
        "--key",
        type=text("key", 40),
        help="key, e.g. 'D minor' or 'A dorian' (default: the preset's; a fiddle tune's is "
        "drawn from its signature's major and minor by the seed)",
    )
    generate.add_argument(
        "--tempo",
        type=number(MIN_TEMPO_BPM, MAX_TEMPO_BPM, unit=" BPM"),
        help=f"beats per minute, {MIN_TEMPO_BPM:g}-{MAX_TEMPO_BPM:g} (default: the preset's)",
    )
    generate.add_argument("--title", type=text("title"), default="Untitled")
    generate.add_argument(
        "--form",
        type=text("form", 200),
        help="sections: role words with optional bars, e.g. 'intro verse:8 chorus:8 outro' "
        "(lengths left out are the style's), or one letter per phrase, e.g. AABA; a section "
        "heard before comes back with a new last bar; '-' for no repeats; usual, short or "
        "long for one of the style's forms (default: the style's)",
    )
    generate.add_argument(
        "--seconds",
        type=text("seconds", 20),
        help="how long the song lasts, e.g. 120, 1:30 or '2 min': the form and tempo are "
        "chosen so it ends then on its cadence (instead of --bars)",
    )
    generate.add_argument(
        "--tempo-range",
        type=text("tempo range", 20),
        help="slowest-fastest tempo --seconds may choose, e.g. 90-130 (default: the style's)",
    )
    generate.add_argument(
        "--variation",
        type=number(0.0, 1.0),
        default=0.0,
        help="how far a repeated section strays: 0 repeats it exactly but for its last bar, "
        "1 writes it anew (default 0)",
    )
    _add_controls(generate)

    for name, summary in (
        ("regenerate", "rewrite the selected cells to fit what surrounds them"),
        ("nudge", "move the selected cells a little in one direction"),
        ("lock", "lock the selected cells so no operation changes them"),
        ("unlock", "unlock the selected cells"),
    ):
        command = commands.add_parser(name, help=summary)
        _add_song_arguments(command)
        _add_selection(command)
        if name == "nudge":
            command.add_argument("--direction", required=True, choices=DIRECTIONS)
            command.add_argument(
                "--strength",
                type=number(0, 1),
                default=0.3,
                help="0 (no change) to 1 (default 0.3)",
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
        type=text("instrument", 60),
        help="GM program number or name, e.g. cello, rhodes or 二胡; 'drums' (also 'drum kit', "
        "'percussion', '鼓') for a General MIDI drum kit on channel 10",
    )
    add.add_argument(
        "--name", type=text("name", 100), help="track name (default: the instrument's)"
    )
    _add_style(add, "set the song's style before writing (default: keep it)")
    _add_controls(add)

    grow = commands.add_parser("continue", help="add bars at the end and write them")
    _add_song_arguments(grow)
    grow.add_argument(
        "--bars",
        type=whole(1, MAX_NEW_SONG_BARS),
        required=True,
        help=f"how many bars to add, 1-{MAX_NEW_SONG_BARS}",
    )
    grow.add_argument(
        "--tracks",
        type=cli_args.selection("tracks", one_span=False),
        help="1-based tracks to write (default: all)",
    )
    _add_style(grow, "set the song's style before writing (default: keep it)")
    _add_controls(grow)

    takes = commands.add_parser("takes", help="list a project's takes or go back to one")
    takes.add_argument("file", type=cli_args.project_in, help="a Tessera project (.json)")
    takes.add_argument(
        "--restore",
        type=whole(1, MAX_TAKES),
        metavar="N",
        help="make take N the current song",
    )


def _add_song_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "file", type=cli_args.song_in, help="a Tessera project (.json) or a MIDI file (.mid)"
    )
    command.add_argument(
        "-o",
        "--output",
        type=cli_args.song_out,
        help="write here instead of over the input file (.json or .mid)",
    )


def _add_style(command: argparse.ArgumentParser, default: str) -> None:
    command.add_argument(
        "--style",
        metavar="NAME",
        type=text("style", 40),
        help=f"the style the model writes in: {', '.join(STYLE_NAMES)}, or none {default}",
    )


def _style(args: argparse.Namespace) -> str | None:
    """The --style asked for ('none' clears it); the error for a bad name lists the styles."""
    return None if args.style.strip().lower() == "none" else args.style.strip().lower()


def _add_selection(command: argparse.ArgumentParser) -> None:
    cli_args.add_selection(command, "2,3' or '1-4")


def _add_controls(command: argparse.ArgumentParser) -> None:
    group = command.add_argument_group("controls for the cells written")
    group.add_argument(
        "--seed",
        type=cli_args.seed,
        help="random seed, 0 to 2**63-1 (default: a new one, printed)",
    )
    group.add_argument("--density", type=whole(0, 64), help="notes per bar, 0-64 (soft)")
    group.add_argument(
        "--polyphony",
        type=whole(1, MAX_POLYPHONY),
        help=f"most notes at once, 1-{MAX_POLYPHONY} (hard limit)",
    )
    group.add_argument(
        "--range", type=text("range", 40), help="pitch range, e.g. C3-C5 or 48-72 (hard)"
    )
    group.add_argument(
        "--scale", type=text("scale", 40), help="scale, e.g. 'D minor' or 'A dorian' (hard)"
    )
    group.add_argument(
        "--chords",
        type=text("chords", 400),
        help="one chord per bar, cycled, e.g. 'Am,F,C,G' (soft)",
    )
    group.add_argument(
        "--velocity", type=text("velocity", 20), help="velocity range, e.g. 60-100 (hard)"
    )
    group.add_argument(
        "--rhythm", type=whole(0, 64), help="distinct note onsets per bar, 0-64 (soft)"
    )
    group.add_argument(
        "--temperature",
        type=number(0, 3),
        default=1.0,
        help="randomness, 0-3 (default 1)",
    )
    group.add_argument(
        "--top-p",
        type=number(0, 1, above_low=True),
        default=0.95,
        help="nucleus size, above 0 to 1 (default 0.95)",
    )
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
MAX_TAKES = 100_000
"""More takes than any project keeps; a larger --restore is a typing mistake."""


def check(args: argparse.Namespace) -> None:
    """Everything a composing command's options say, checked before its file is opened or the
    model loaded: the controls, the new song's fields, the style, the instrument, and what the
    options need of each other. Raises CommandLineError or the engine reader's ControlError."""
    if args.command == "takes":
        return
    selecting = args.command in ("regenerate", "nudge", "lock", "unlock")
    if selecting and args.tracks is None and args.bars is None:
        raise CommandLineError(
            f"choose what to {args.command} with --tracks and/or --bars (e.g. --bars 5-8)"
        )
    if args.command in ("lock", "unlock"):
        destination: str = args.output or args.file
        if not destination.lower().endswith(".json"):
            raise CommandLineError(
                f"{cli_args.shown(destination)} is a MIDI file, which cannot hold locks: "
                "write a project instead with -o, such as -o song.json"
            )
    if getattr(args, "style", None) is not None and args.style.strip().lower() != NO_STYLE:
        style_named(args.style.strip().lower())
    if args.command == "add-track":
        instrument_from_name(args.instrument)
    if hasattr(args, "temperature"):
        _controls(args)
    if args.command == "generate":
        check_new_song(_quiet_generate(args))


def _quiet_generate(args: argparse.Namespace) -> Generate:
    """The generate request, without printing what a prompt was read as (`run` prints it)."""
    if not args.prompt:
        return _generate(args)
    with contextlib.redirect_stdout(io.StringIO()):
        return _generate(args)


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
    if args.seconds is not None:
        request = dataclasses.replace(request, seconds=seconds_from_field(args.seconds))
    if args.tempo_range is not None:
        request = dataclasses.replace(request, tempo_range=tempo_range_from_text(args.tempo_range))
    if args.variation:
        request = dataclasses.replace(request, variation=args.variation)
    return check_new_song(request)


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
