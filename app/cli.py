"""`tessera-cli`: the engine on the command line, for scripts, tests and batch work.

Every command prints a one-line error and exits with status 1 on bad input (status 2 for a
malformed command line, as argparse does), never a traceback for a user's mistake.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from engine.errors import TesseraError
from engine.project.song_files import open_song, save_song
from engine.song.selection import parse_indices, parse_span
from engine.song.summary import song_summary

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


def _run(args: argparse.Namespace) -> int:
    from app import cli_audio, cli_check, cli_compose, cli_live, cli_transcribe

    runners = {"check": cli_check.run, "live": cli_live.run, "transcribe": cli_transcribe.run}
    if args.command in runners:
        return runners[args.command](args)
    if args.command in cli_audio.COMMANDS:
        return cli_audio.run(args)
    if args.command in cli_compose.COMMANDS:
        cli_compose.run(args)
        return 0
    song, warnings = open_song(args.source if args.command != "info" else args.file)
    _warn(warnings)
    if args.command == "info":
        print("\n".join(song_summary(song)))
        return 0
    tracks = bars = None
    if args.command == "export":
        if args.tracks:
            tracks = parse_indices(args.tracks, "tracks", len(song.tracks))
        if args.bars:
            bars = parse_span(args.bars, "bars", song.bar_count)
    _warn(save_song(song, args.destination, tracks, bars))
    print(f"wrote {args.destination}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
        return _run(args)
    except TesseraError as err:
        print(f"tessera-cli: error: {err}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
