"""How many notes a bar of each band style's lead and bass starts in the arranged training
songs: the numbers behind the `onsets` of the band presets' voices (`presets/ensembles.toml`).

    python -m build_scripts.arranger.densities [--songs 16]

Each style is arranged `--songs` times from the training tunes, as the band data build does
(without Groove MIDI drums, which do not touch the melody or the bass), and the median count
of distinct onsets over every bar where the part plays is printed, with its quartiles.
"""

from __future__ import annotations

import argparse
import random
import statistics
from collections.abc import Sequence

import numpy as np

from build_scripts.arranger.build import TunePool, arrange_one, train_tunes
from build_scripts.arranger.specs import ARRANGED_STYLES

PARTS = ("Melody", "Bass")
"""The arranged songs' tracks the presets' single lines stand for."""


def onsets_per_bar(style: str, songs: int) -> dict[str, list[int]]:
    """The onsets of every played bar of each of `PARTS`, over `songs` arrangements."""
    pool = TunePool(train_tunes())
    counts: dict[str, list[int]] = {part: [] for part in PARTS}
    for number in range(songs):
        arrangement, _row = arrange_one(style, pool, None, random.Random(f"{style}-{number}"))
        song = arrangement.song
        for index, track in enumerate(song.tracks):
            if track.name not in counts:
                continue
            for bar in range(song.bar_count):
                notes = song.notes_in_bar(index, bar)
                if notes:
                    counts[track.name].append(len({note.start_tick for note in notes}))
    return counts


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--songs", type=int, default=16, help="arrangements per style")
    args = parser.parse_args(argv)
    print("| style | " + " | ".join(f"{part}: median (quartiles)" for part in PARTS) + " |")
    print("|---|" + "---|" * len(PARTS))
    for style in ARRANGED_STYLES:
        counts = onsets_per_bar(style, args.songs)
        cells = [
            f"{statistics.median(c):.0f} ({np.percentile(c, 25):.0f}-{np.percentile(c, 75):.0f})"
            for c in (counts[part] for part in PARTS)
        ]
        print(f"| {style} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
