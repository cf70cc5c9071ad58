"""`tessera-cli`: the engine on the command line, for scripts, tests and batch work.

Every command goes through the same front door as the window (`engine.studio.use_cases.Studio`)
with one owner of the loaded models (`engine.studio.models.Models`), so a command and the same
action in the app give the same result.

A mistake is one line on stderr, `tessera-cli: error: ...`, never a traceback, with exit status
2 when the command line is wrong by itself (an unknown option, a number out of range, text that
is not text, a file name with the wrong suffix: `app.cli_args` reads every option before any
file is opened or model loaded) and 1 when a file is missing, unreadable or does not fit the
command (a bar the song does not have). `check` exits with 3 when it flags a passage.
"""

from __future__ import annotations

import argparse
import functools
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn, cast

from app import cli_args
from engine.errors import TesseraError
from engine.studio.models import Models
from engine.studio.outcomes import Selection
from engine.studio.use_cases import Studio

EPILOG = """examples:
  tessera-cli info song.mid
  tessera-cli convert song.mid song.json
  tessera-cli export song.json chorus.mid --tracks 2,3 --bars 9-16

"""


USAGE_STATUS = 2
"""The exit status of a command line that is wrong by itself (argparse's)."""
ERROR_STATUS = 1
"""The exit status of a file that cannot be read or written, or does not fit the command."""


class _Parser(argparse.ArgumentParser):
    """argparse's parser, reporting a mistake in one line that points at the command's help."""

    def error(self, message: str) -> NoReturn:
        self.exit(USAGE_STATUS, _one_line(f"{message} (see: {self.prog} --help)") + "\n")


def _one_line(message: str) -> str:
    """The error line for `message`, with line breaks and other control characters (or text
    that is not Unicode) written as escapes so the error stays one printable line."""
    shown = "".join(
        char.encode("unicode_escape").decode("ascii")
        if unicodedata.category(char) in ("Cc", "Cs")
        else char
        for char in message
    )
    return f"tessera-cli: error: {shown}"


@functools.cache  # built once per process: a script or test calling `main` often pays once
def _parser() -> argparse.ArgumentParser:
    # Imported here, not at the top: loading them reads the preset files, and a mistake in a
    # preset the user edited is then a one-line error from `main`, not a traceback.
    from app import (
        cli_audio,
        cli_check,
        cli_compose,
        cli_form,
        cli_live,
        cli_score,
        cli_section,
        cli_transcribe,
    )

    parser = _Parser(
        prog="tessera-cli",
        description="Tessera without a window: compose, inspect, convert and export songs.",
        epilog=EPILOG
        + cli_compose.COMPOSE_EPILOG
        + cli_section.SECTION_EPILOG
        + cli_audio.AUDIO_EPILOG
        + cli_check.CHECK_EPILOG
        + cli_form.FORM_EPILOG
        + cli_live.LIVE_EPILOG
        + cli_transcribe.TRANSCRIBE_EPILOG
        + cli_score.SCORE_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = cast(  # each command's parser is a _Parser too (argparse makes its own kind)
        "argparse._SubParsersAction[argparse.ArgumentParser]",
        parser.add_subparsers(dest="command", required=True, metavar="COMMAND"),
    )

    info = commands.add_parser("info", help="show tracks, bars, tempo, meter, key and notes")
    info.add_argument(
        "file", type=cli_args.song_in, help="a MIDI file (.mid) or a Tessera project (.json)"
    )

    convert = commands.add_parser("convert", help="convert between MIDI and a project file")
    convert.add_argument("source", type=cli_args.song_in, help="file to read (.mid or .json)")
    convert.add_argument(
        "destination", type=cli_args.song_out, help="file to write (.mid or .json)"
    )

    export = commands.add_parser("export", help="write a selection of tracks and bars")
    export.add_argument("source", type=cli_args.song_in, help="file to read (.mid or .json)")
    export.add_argument("destination", type=cli_args.song_out, help="file to write (.mid or .json)")
    cli_args.add_selection(export, "1,3' or '2-4")
    cli_compose.add_commands(commands)
    cli_section.add_command(commands)
    cli_audio.add_commands(commands)
    cli_check.add_command(commands)
    cli_form.add_command(commands)
    cli_live.add_command(commands)
    cli_transcribe.add_command(commands)
    cli_score.add_command(commands)
    return parser


def _check(args: argparse.Namespace) -> None:
    """Check what each option's reader cannot alone (values that need one another, names the
    engine reads), before any file is opened: a CommandLineError or ControlError then."""
    from app import cli_compose, cli_form, cli_live, cli_score, cli_section, cli_transcribe

    checks = {
        "score": cli_score.check,
        "live": cli_live.check,
        "transcribe": cli_transcribe.check,
        "section": cli_section.check,
        "form": cli_form.check,
    }
    if args.command in checks:
        checks[args.command](args)
    elif args.command in cli_compose.COMMANDS:
        cli_compose.check(args)


def _warn(warnings: list[str]) -> None:
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)


def _run(args: argparse.Namespace, models: Models | None) -> int:
    from app import (
        cli_audio,
        cli_check,
        cli_compose,
        cli_form,
        cli_live,
        cli_score,
        cli_section,
        cli_transcribe,
    )

    if args.command == "live":  # live play tunes its own models unless given some
        return cli_live.run(args, models)
    studio = Studio.headless(models)
    runners = {
        "score": cli_score.run,
        "check": cli_check.run,
        "transcribe": cli_transcribe.run,
        "section": cli_section.run,
        "form": cli_form.run,
    }
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
    """Run one command and return its exit status; `models` lets a caller (a test, a script)
    share models it loaded."""
    _printable_stdout()
    try:
        parser = _parser()
    except TesseraError as err:  # a preset file with a mistake
        print(_one_line(str(err)), file=sys.stderr)
        return ERROR_STATUS
    try:
        args = parser.parse_args(argv)
        _check(args)
    except SystemExit as done:  # --help, or a mistake argparse reported
        return done.code if isinstance(done.code, int) else USAGE_STATUS
    except TesseraError as err:
        print(_one_line(str(err)), file=sys.stderr)
        return USAGE_STATUS
    try:
        cli_args.check_files(args)
        return _run(args, models)
    except TesseraError as err:
        print(_one_line(str(err)), file=sys.stderr)
        return ERROR_STATUS


def _printable_stdout() -> None:
    """Print file names that are not UTF-8 (Linux allows them) as escapes, not a crash."""
    if getattr(sys.stdout, "errors", None) == "strict":
        reconfigure = getattr(sys.stdout, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


if __name__ == "__main__":
    sys.exit(main())
