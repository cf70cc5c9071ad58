"""Command line: `python -m build_scripts.band_data build [--sources ...] [--every N]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from build_scripts.band_data import SOURCES, BandDataError
from build_scripts.corpus import CORPUS_DIR


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m build_scripts.band_data",
        description="Build the band data manifest, summary and Song cache.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    build_parser = commands.add_parser("build", help="convert, label, split and write it all")
    build_parser.add_argument(
        "--out", type=Path, default=CORPUS_DIR, help="output folder (default models/corpus)"
    )
    build_parser.add_argument(
        "--sources",
        nargs="+",
        choices=SOURCES,
        default=list(SOURCES),
        help="build only these sources (a trial)",
    )
    build_parser.add_argument(
        "--every", type=int, default=1, help="keep every n-th file of each source (a trial)"
    )
    args = parser.parse_args(argv)
    partial = args.every != 1 or set(args.sources) != set(SOURCES)
    if partial and args.out.resolve() == CORPUS_DIR.resolve():
        parser.error(
            "a trial (--sources or --every) must not replace the committed manifest: "
            "give it an --out folder"
        )
    from build_scripts.band_data.build import build

    try:
        build(args.out, args.sources, args.every)
    except BandDataError as err:
        sys.exit(f"band data build failed: {err}")


if __name__ == "__main__":
    main()
