"""Whether a new band song's bass names the chords its style planned.

    PYTHONPATH=. python -m benchmarks.band_bass [--presets pop,rock] [--songs 6] [--bars 16]

A new band song is planned before it is written (`engine.compose.plan.plan_song`: a chord per
bar), and its bass is asked to name each chord by its root. This reads the plan back from each
song's style, key and seed, as `engine.compose.operations.apply` draws it, and counts, over the
bars whose downbeat the bass sounds on, those where it sounds the planned root there; over the
bass's onsets, those on the root (any octave); its onsets that repeat the pitch before; and
those that go back to the pitch two before (A B A: a walk that swings between two neighbours).

It measures obedience to the plan, so it has no human column: a held-out song has no plan.
`benchmarks.musicality`'s row "bass on the chord's root at the downbeat" reads the chord from
the other parts instead, for the model and the human works alike.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from engine.compose.midi_model import DEFAULT_MODEL_DIR, MidiModel
from engine.compose.operations import Generate, apply
from engine.compose.plan import plan_song
from engine.song.song import Song
from engine.song.theory import chord_root

BAND_PRESETS = ("pop", "rock", "hiphop", "latin", "jazz", "country", "reggae", "funk")


@dataclass
class BassCount:
    """Counts over a preset's songs: downbeats the bass sounds and those on the planned root;
    its onsets, those on the root, those repeating the pitch before and those going back to the
    pitch two before."""

    downbeats: int = 0
    on_root: int = 0
    onsets: int = 0
    root_onsets: int = 0
    repeats: int = 0
    returns: int = 0

    def add(self, song: Song, seed: int) -> None:
        """Count one song written with `seed` (its plan is drawn again from it)."""
        plan = plan_song(song.style, song.key_signatures[0], song.bar_count, seed)
        bass = [index for index, track in enumerate(song.tracks) if not track.is_drum][-1]
        notes = song.tracks[bass].notes
        previous: int | None = None
        two_back: int | None = None
        for bar, chord in enumerate(plan.chords):
            if chord is None:
                continue
            root = chord_root(chord)
            start = song.bar_span(bar)[0]
            sounding = [n.pitch for n in notes if n.start_tick <= start < n.end_tick]
            if sounding:
                self.downbeats += 1
                self.on_root += min(sounding) % 12 == root
            for note in song.notes_in_bar(bass, bar):
                self.onsets += 1
                self.root_onsets += note.pitch % 12 == root
                self.repeats += note.pitch == previous
                self.returns += note.pitch == two_back != previous
                two_back, previous = previous, note.pitch


def share(hits: int, total: int) -> str:
    return f"{hits / total:.0%}" if total else "—"


def measure(model: MidiModel, preset: str, songs: int, bars: int) -> BassCount:
    count = BassCount()
    for seed in range(songs):
        count.add(apply(model, None, Generate(preset, bars=bars), seed), seed)
    return count


def table(rows: Sequence[tuple[str, BassCount]]) -> str:
    lines = [
        "| preset | planned root at the downbeat | onsets on the root | repeated notes | back to"
        " the note before last |",
        "|---|---|---|---|---|",
    ]
    for preset, c in rows:
        lines.append(
            f"| {preset} | {share(c.on_root, c.downbeats)} | {share(c.root_onsets, c.onsets)}"
            f" | {share(c.repeats, c.onsets)} | {share(c.returns, c.onsets)} |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--presets", default=",".join(BAND_PRESETS), help="comma-separated")
    parser.add_argument("--songs", type=int, default=6, help="songs per preset (seeds 0..)")
    parser.add_argument("--bars", type=int, default=16, help="bars per song")
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL_DIR, help="model folder")
    parser.add_argument("--threads", type=int, default=1, help="onnxruntime threads")
    args = parser.parse_args(argv)
    model = MidiModel(args.model, threads=args.threads)
    rows = [
        (preset, measure(model, preset, args.songs, args.bars))
        for preset in args.presets.split(",")
    ]
    print(table(rows))


if __name__ == "__main__":
    main()
