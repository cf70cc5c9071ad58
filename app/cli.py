"""`tessera-cli`: the engine on the command line, for scripts, tests and batch work.

Every command goes through the same front door as the window (`engine.studio.use_cases.Studio`)
with one owner of the loaded models (`engine.studio.models.Models`), so a command and the same
action in the app give the same result. Every command prints a one-line error and exits with
status 1 on bad input (status 2 for a malformed command line, as argparse does), never a
traceback for a user's mistake.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from engine.errors import TesseraError
from engine.studio.models import Models
from engine.studio.outcomes import Selection
from engine.studio.use_cases import Studio

EPILOG = """examples:
  tessera-cli info song.mid
  tessera-cli convert song.mid song.json
  tessera-cli export song.json chorus.mid --tracks 2,3 --bars 9-16

"""


def _parser() -> argparse.ArgumentParser:
    # Imported here, not at the top: loading them reads the preset files, and a mistake in a
    # preset the user edited is then a one-line error from `main`, not a traceback.
    from app import cli_audio, cli_check, cli_compose, cli_live, cli_transcribe

    parser = argparse.ArgumentParser(
        prog="tessera-cli",
        description="Tessera without a window: compose, inspect, convert and export songs.",
        epilog=EPILOG
        + cli_compose.COMPOSE_EPILOG
        + cli_audio.AUDIO_EPILOG
        + cli_check.CHECK_EPILOG
        + cli_live.LIVE_EPILOG
        + cli_transcribe.TRANSCRIBE_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    info = commands.add_parser("info", help="show tracks, bars, tempo, meter, key and notes")
    info.add_argument("file", help="a MIDI file (.mid) or a Tessera project (.json)")

    convert = commands.add_parser("convert", help="convert between MIDI and a project file")
    convert.add_argument("source", help="file to read (.mid or .json)")
    convert.add_argument("destination", help="file to write (.mid or .json)")

    export = commands.add_parser("export", help="write a selection of tracks and bars")
    export.add_argument("source", help="file to read (.mid or .json)")
    export.add_argument("destination", help="file to write (.mid or .json)")
    export.add_argument("--tracks", help="1-based tracks, e.g. '1,3' or '2-4' (default: all)")
    export.add_argument("--bars", help="1-based bar range, e.g. '5-8' (default: all)")
    cli_compose.add_commands(commands)
    cli_audio.add_commands(commands)
    cli_check.add_command(commands)
    cli_live.add_command(commands)
    cli_transcribe.add_command(commands)
    return parser


def _warn(warnings: list[str]) -> None:
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)


def _run(args: argparse.Namespace, models: Models | None) -> int:
    from app import cli_audio, cli_check, cli_compose, cli_live, cli_transcribe

    if args.command == "live":  # live play tunes its own models unless given some
        return cli_live.run(args, models)
    studio = Studio.headless(models)
    runners = {"check": cli_check.run, "transcribe": cli_transcribe.run}
    if args.command in runners:
        return runners[args.command](args, studio)
    if args.command in cli_audio.COMMANDS:
        return cli_audio.run(args, studio)
    if args.command in cli_compose.COMMANDS:
        cli_compose.run(args, studio)
        return 0
    if args.command == "info":
        _warn(studio.open(args.file))
        print("\n".join(studio.summary()))
        return 0
    with studio.holding(args.source, args.destination, on_wait=waiting_for):
        _warn(studio.open(args.source))
        if args.command == "export":
            _warn(studio.export(args.destination, _selection(args, studio)))
        else:
            _warn(studio.write(args.destination))
    print(f"wrote {args.destination}")
    return 0


def waiting_for(path: Path) -> None:
    """Say why a command pauses: another one is writing the same project."""
    print(f"waiting for another program to finish with {path.name}…", file=sys.stderr)


def _selection(args: argparse.Namespace, studio: Studio) -> Selection:
    return Selection.from_text(studio.song, args.tracks, args.bars)


def main(argv: Sequence[str] | None = None, models: Models | None = None) -> int:
    """Run one command; `models` lets a caller (a test, a script) share models it loaded."""
    try:
        args = _parser().parse_args(argv)
        return _run(args, models)
    except TesseraError as err:
        print(f"tessera-cli: error: {err}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
