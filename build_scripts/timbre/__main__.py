"""Command line: `python -m build_scripts.timbre [--processes N]`."""

from __future__ import annotations

import argparse

from build_scripts.timbre.build import build


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m build_scripts.timbre",
        description="Render and analyse the timbre model's notes; write cache and manifest.",
    )
    parser.add_argument("--processes", type=int, default=2, help="worker processes (default 2)")
    build(parser.parse_args(argv).processes)


if __name__ == "__main__":
    main()
