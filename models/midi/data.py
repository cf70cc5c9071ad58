"""Training examples for the symbolic model, drawn from the corpus splits.

Each example is a window of bars from one work, augmented (transposed within range), with a
random choice of cells moved to the end as fills, as the composing operations will ask:
scattered cells (regenerate), a whole track (add a track), the last bars (continue), or none
(plain modelling). Some bars lose all their control tokens and others lose single controls, so
the model works without them and with any subset a composer sets; some songs lose their style
label, so the model also writes for a song whose style nobody set. All randomness comes from
the `random.Random` passed in.

The corpus's splits are read by `build_scripts.corpus.splits` (each work with the style of its
collection); band data (Groove MIDI drums, Freedoom songs, arranged songs) comes with its style
already set.
"""

from __future__ import annotations

import dataclasses
import random
from dataclasses import dataclass

from engine.compose.augment import augment
from engine.compose.control_tokens import BarControls
from engine.compose.tokens import encode_song
from engine.compose.vocab import TokenizerError, Vocabulary
from engine.song.edits import select
from engine.song.song import Cell, Song


@dataclass(frozen=True)
class ExampleSettings:
    block_size: int = 1024
    max_bars: int = 16
    control_dropout: float = 0.3
    """Share of bars written with no control tokens at all."""
    field_dropout: float = 0.2
    """Share of each single control left out of the other bars (composers set only some)."""
    transpose_semitones: int = 6
    style_dropout: float = 0.2
    """Share of examples written with `Style_none`, so the model writes without a style too."""


def _fill_cells(song: Song, rng: random.Random) -> set[Cell]:
    tracks, bars = len(song.tracks), song.bar_count
    kind = rng.random()
    if kind < 0.15:
        return set()
    if kind < 0.35 and tracks > 1:
        track = rng.randrange(tracks)
        return {(track, bar) for bar in range(bars)}
    if kind < 0.5 and bars > 1:  # a one-bar song has no last bars to continue into
        first = rng.randrange(max(1, bars // 2), bars)
        return {(t, b) for t in range(tracks) for b in range(first, bars)}
    cells = [(t, b) for t in range(tracks) for b in range(bars)]
    return set(rng.sample(cells, rng.randint(1, max(1, len(cells) // 3))))


def _window(song: Song, rng: random.Random, bars: int) -> Song:
    first = rng.randrange(0, max(1, song.bar_count - bars + 1))
    return select(song, None, (first, min(song.bar_count, first + bars) - 1))


def _thinned_controls(
    song: Song, rng: random.Random, settings: ExampleSettings
) -> dict[Cell, BarControls]:
    """Per cell: no controls, some of its measured controls, or (absent from the map) all."""
    thinned: dict[Cell, BarControls] = {}
    names = [field.name for field in dataclasses.fields(BarControls)]
    for track in range(len(song.tracks)):
        for bar in range(song.bar_count):
            if rng.random() < settings.control_dropout:
                thinned[(track, bar)] = BarControls()
                continue
            dropped = [name for name in names if rng.random() < settings.field_dropout]
            if dropped:
                measured = BarControls.measure(song.notes_in_bar(track, bar))
                thinned[(track, bar)] = dataclasses.replace(
                    measured, **dict.fromkeys(dropped, None)
                )
    return thinned


def make_example(
    song: Song, vocab: Vocabulary, rng: random.Random, settings: ExampleSettings
) -> list[int] | None:
    """Token ids for one training example, or None if the work cannot be tokenized."""
    bars = rng.randint(2, settings.max_bars)
    song = augment(song, rng, settings.transpose_semitones)
    if rng.random() < settings.style_dropout:
        song = dataclasses.replace(song, style=None)
    while True:
        window = _window(song, rng, bars)
        cells = _fill_cells(window, rng)
        try:
            tokens = encode_song(window, cells, _thinned_controls(window, rng, settings))
        except TokenizerError:
            return None
        if len(tokens) <= settings.block_size + 1 or bars == 1:
            return [vocab.id(token) for token in tokens[: settings.block_size + 1]]
        bars = max(1, bars * (settings.block_size + 1) // len(tokens))
