"""Command line: `python -m build_scripts.corpus build|summary|index`."""

from __future__ import annotations

import argparse

from build_scripts.corpus.build import build
from build_scripts.corpus.summary import print_summary


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m build_scripts.corpus", description="Build or summarise the training corpus."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    build_parser = commands.add_parser("build", help="parse, classify, convert, split, write")
    build_parser.add_argument(
        "--processes", type=int, default=2, help="worker processes for parsing (default 2)"
    )
    build_parser.add_argument(
        "--limit",
        type=int,
        default=None,
        help="convert only about N clean works, spread evenly (a trial)",
    )
    build_parser.add_argument(
        "--no-cache",
        action="store_true",
        help="parse every work again instead of reusing cached Songs",
    )
    commands.add_parser("summary", help="print the corpus by collection and composer")
    commands.add_parser("index", help="write the originality index of the train split")
    args = parser.parse_args(argv)
    if args.command == "build":
        build(args.processes, args.limit, not args.no_cache)
    elif args.command == "index":
        from build_scripts.corpus.originality_index import build_index

        build_index()
    else:
        print_summary()


if __name__ == "__main__":
    main()
