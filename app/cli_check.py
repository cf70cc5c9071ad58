"""`tessera-cli check`: does a song copy the training corpus? Prints each passage found.

Exit status 0 when nothing reaches the flag threshold, 3 when a passage is flagged (so a script
can refuse to publish), 1 for a file or index that cannot be read.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from engine.originality.check import CorpusIndex, OriginalityError, WorkInfo, check
from engine.originality.index import index_from_songs
from engine.project.song_files import open_song
from engine.song.selection import parse_indices, parse_span

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
    command.add_argument("file", help="a MIDI file (.mid) or a Tessera project (.json)")
    command.add_argument("--tracks", help="1-based tracks, e.g. '1,3' (default: all)")
    command.add_argument("--bars", help="1-based bar range, e.g. '5-8' (default: all)")
    command.add_argument(
        "--no-similar", action="store_true", help="skip the 16-note cardinality score"
    )
    command.add_argument(
        "--against",
        metavar="FOLDER",
        help="also check against your own reference songs (.mid/.json files in FOLDER)",
    )


def run(args: argparse.Namespace) -> int:
    """Check the file; returns the exit status (0 clean, 3 flagged)."""
    song, warnings = open_song(args.file)
    for warning in warnings:
        print(f"warning: {warning}")
    cells = None
    if args.tracks or args.bars:
        tracks = parse_indices(args.tracks, "tracks", len(song.tracks)) if args.tracks else None
        bars = parse_span(args.bars, "bars", song.bar_count) if args.bars else None
        first, last = bars if bars is not None else (0, song.bar_count - 1)
        chosen = tracks if tracks is not None else range(len(song.tracks))
        cells = [(t, b) for t in chosen for b in range(first, last + 1)]
    report = check(song, cells, similarity=not args.no_similar)
    print("\n".join(report.lines()))
    flagged = bool(report.flagged)
    if args.against:
        references = reference_index(Path(args.against))
        mine = check(song, cells, index=references, similarity=not args.no_similar)
        print(f"against {len(references.works)} reference song(s) in {args.against}:")
        print("\n".join(mine.lines()))
        flagged = flagged or bool(mine.flagged)
    return FLAGGED_STATUS if flagged else 0


def reference_index(folder: Path) -> CorpusIndex:
    """An index of every .mid/.midi/.json song in a folder (not recursive)."""
    if not folder.is_dir():
        raise OriginalityError(f"{folder} is not a folder: give a folder of .mid or .json songs")
    songs = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() in (".mid", ".midi", ".json"):
            song, _ = open_song(str(path))
            songs.append(
                (
                    WorkInfo(
                        path.name, song.title, "(your reference)", str(folder), "your own file"
                    ),
                    song,
                )
            )
    if not songs:
        raise OriginalityError(f"{folder} holds no .mid or .json songs to check against")
    return index_from_songs(songs)
