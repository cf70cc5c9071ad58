"""`python -m build_scripts.arranger build --count N --seed S --out DIR`: write arranged songs
(project files) and models/corpus/arranged_manifest.csv."""

from __future__ import annotations

import argparse
from pathlib import Path

from build_scripts.arranger.build import ARRANGED_DIR, ARRANGED_MANIFEST, build


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_scripts.arranger")
    commands = parser.add_subparsers(dest="command", required=True)
    command = commands.add_parser("build", help="arrange training tunes in every band style")
    command.add_argument("--count", type=int, default=2000, help="songs to write (default 2000)")
    command.add_argument("--seed", type=int, default=0)
    command.add_argument("--out", type=Path, default=ARRANGED_DIR, help="folder for the songs")
    command.add_argument("--manifest", type=Path, default=ARRANGED_MANIFEST)
    args = parser.parse_args(argv)
    if args.count < 1:
        parser.error("--count must be at least 1")
    build(args.count, args.seed, args.out, args.manifest)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
