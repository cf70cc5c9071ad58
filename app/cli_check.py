"""`tessera-cli check`: does a song copy the training corpus? Prints each passage found.

The check is the window's (`Studio.check`), with `--against` a folder of the user's own songs.

Exit status 0 when nothing reaches the flag threshold, 3 when a passage is flagged (so a script
can refuse to publish), 1 for a file or index that cannot be read.
"""

from __future__ import annotations

import argparse

from app import cli_args
from engine.studio.outcomes import Selection
from engine.studio.use_cases import Studio

FLAGGED_STATUS = 3
CHECK_EPILOG = """checking examples:
  tessera-cli check song.mid
  tessera-cli check song.json --tracks 1 --bars 1-16
  tessera-cli check song.mid --against my_references/
"""


def add_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `check` to the `tessera-cli` parser."""
    command = commands.add_parser(
        "check", help="find passages shared with the training corpus (originality check)"
    )
    command.add_argument(
        "file", type=cli_args.song_in, help="a MIDI file (.mid) or a Tessera project (.json)"
    )
    cli_args.add_selection(command)
    command.add_argument(
        "--no-similar", action="store_true", help="skip the 16-note cardinality score"
    )
    command.add_argument(
        "--against",
        metavar="FOLDER",
        type=cli_args.folder_in,
        help="also check against your own reference songs (.mid/.json files in FOLDER)",
    )


def run(args: argparse.Namespace, studio: Studio) -> int:
    """Check the file; returns the exit status (0 clean, 3 flagged)."""
    for warning in studio.open(args.file):
        print(f"warning: {warning}")
    cells = None
    if args.tracks or args.bars:
        cells = Selection.from_text(studio.song, args.tracks, args.bars).cells(studio.song)
    checked = studio.check(cells, similarity=not args.no_similar, against=args.against)
    print("\n".join(checked.report.lines()))
    if checked.references is not None:
        print(f"against {checked.reference_count} reference song(s) in {args.against}:")
        print("\n".join(checked.references.lines()))
    return FLAGGED_STATUS if checked.flagged else 0
