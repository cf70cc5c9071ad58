"""Measure the shipped model on held-out works: likelihood against an n-gram baseline (per
source of real music: the corpus, Groove MIDI drums, Freedoom songs), and bar infilling
(decodes, obeys hard masks, keeps the originals' character) against a copy baseline.

    python -m models.midi.evaluate --model models/midi --out metrics.json

Everything runs through the engine (onnxruntime), so the figures describe the shipped file.
An infilled cell is emptied before the model sees the song, and its hard limits come from the
bars around it (the track's other notes, the key signature), never from the cell's own notes:
no user has the answer, so no evaluation may pass it to the model.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import statistics
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from engine.compose.control_tokens import BarControls
from engine.compose.decode import SamplingSettings, fill_cells
from engine.compose.fill_limits import HardConstraints
from engine.compose.midi_model import MidiModel
from engine.compose.vocab import TokenizerError, Vocabulary
from engine.song.edits import remove_notes, select
from engine.song.song import Note, Song
from engine.song.theory import key_scale
from models.midi.data import ExampleSettings, make_example
from models.midi.sources import DEFAULT_MIX, load_sources, parse_mix


class NgramModel:
    """Interpolated n-gram model with absolute discounting: the baseline to beat."""

    def __init__(self, order: int, vocab_size: int, discount: float = 0.75) -> None:
        self.order, self.vocab_size, self.discount = order, vocab_size, discount
        self.counts: list[dict[tuple[int, ...], Counter[int]]] = [
            defaultdict(Counter) for _ in range(order)
        ]

    def fit(self, sequences: Sequence[Sequence[int]]) -> NgramModel:
        for sequence in sequences:
            for position, token in enumerate(sequence):
                for n in range(self.order):
                    if position - n >= 0:
                        self.counts[n][tuple(sequence[position - n : position])][token] += 1
        return self

    def probability(self, context: tuple[int, ...], token: int) -> float:
        probability = 1.0 / self.vocab_size
        for n in range(self.order):
            if len(context) < n:
                break
            seen = self.counts[n].get(context[len(context) - n :] if n else ())
            if not seen:
                continue
            total = sum(seen.values())
            kept = max(seen[token] - self.discount, 0.0) / total
            probability = kept + self.discount * len(seen) / total * probability
        return probability

    def nll(self, sequence: Sequence[int]) -> tuple[float, int]:
        """Summed negative log-likelihood (nats) of tokens 1.. given their prefix, and count."""
        total = 0.0
        for position in range(1, len(sequence)):
            context = tuple(sequence[max(0, position - self.order + 1) : position])
            total -= math.log(self.probability(context, sequence[position]))
        return total, len(sequence) - 1


def model_nll(model: MidiModel, sequence: Sequence[int]) -> tuple[float, int]:
    logits, _ = model.run(list(sequence[:-1]), model.empty_cache())  # (T, V)
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    targets = np.asarray(sequence[1:])
    return float(-log_probs[np.arange(len(targets)), targets].sum()), len(targets)


def examples(
    songs: list[Song], vocab: Vocabulary, count: int, seed: int, block_size: int
) -> list[list[int]]:
    rng = random.Random(seed)
    settings = ExampleSettings(block_size=block_size, transpose_semitones=0)
    found: list[list[int]] = []
    while len(found) < count:
        example = make_example(rng.choice(songs), vocab, rng, settings)
        if example is not None and len(example) > 1:
            found.append(example)
    return found


def _attributes(notes: Sequence[Note]) -> tuple[int, int, int]:
    controls = BarControls.measure(notes)
    span = (controls.high_bin or 0) - (controls.low_bin or 0)
    return controls.density or 0, span, len(controls.pitch_classes or ())


def infill_quality(
    model: MidiModel, songs: list[Song], cells_wanted: int, seed: int
) -> dict[str, float]:
    """Regenerate single cells of held-out songs under a scale and range mask; compare."""
    rng = random.Random(seed)
    decoded = obeyed = tried = 0
    model_error: list[float] = []
    copy_error: list[float] = []
    while tried < cells_wanted:
        song = rng.choice(songs)
        track = rng.randrange(len(song.tracks))
        if song.bar_count < 3 or song.tracks[track].is_drum:
            continue
        bar = rng.randrange(1, song.bar_count - 1)
        window = _window_around(song, bar)
        if window is None:
            continue
        window_song, window_bar = window
        original = window_song.notes_in_bar(track, window_bar)
        if not original:
            continue
        tried += 1
        window_song = remove_notes(window_song, track, original)  # the answer never reaches it
        limits = _limits_from_context(window_song, track)
        low, high, scale = limits.pitch_low, limits.pitch_high, limits.scale_pitch_classes
        cell = (track, window_bar)
        settings = SamplingSettings(seed=tried, constraints={cell: limits})
        try:
            notes = fill_cells(model, window_song, [cell], settings)[cell]
        except TokenizerError:
            continue  # counted as not decoded
        decoded += 1
        obeyed += all(
            low <= n.pitch <= high and (scale is None or n.pitch % 12 in scale) for n in notes
        )
        target = _attributes(original)
        neighbour = _attributes(window_song.notes_in_bar(track, window_bar - 1))
        model_error.append(sum(abs(a - b) for a, b in zip(_attributes(notes), target, strict=True)))
        copy_error.append(sum(abs(a - b) for a, b in zip(neighbour, target, strict=True)))
    return {
        "infill_cells": tried,
        "infill_decoded_share": decoded / tried,
        "infill_hard_mask_share": obeyed / tried,
        "infill_attribute_error_model": round(statistics.mean(model_error), 3),
        "infill_attribute_error_copy_neighbour": round(statistics.mean(copy_error), 3),
    }


def _limits_from_context(song: Song, track: int) -> HardConstraints:
    """What a composer could ask without knowing the cell: the track's range elsewhere (a
    little wider) and the key signature's scale (none for a song without a key)."""
    pitches = [note.pitch for note in song.tracks[track].notes] or [48, 84]
    key = song.key_signatures[0] if song.key_signatures else None
    return HardConstraints(
        pitch_low=max(0, min(pitches) - 2),
        pitch_high=min(127, max(pitches) + 2),
        scale_pitch_classes=None if key is None else key_scale(key),
    )


def _window_around(song: Song, bar: int) -> tuple[Song, int] | None:
    """Up to 8 bars around `bar` (the prompt must fit the model's context)."""
    first = max(0, bar - 4)
    last = min(song.bar_count - 1, bar + 3)
    try:
        return select(song, None, (first, last)), bar - first
    except ValueError:
        return None


def likelihoods(model: MidiModel, mix_text: str, sequences: int) -> dict[str, float | int]:
    """Per held-out source: mean NLL per token of the model and of a 4-gram fitted on the
    training mix's examples (the 4-gram sees the same sources in the same proportions)."""
    vocab, block = model.vocab, model.card.block_size
    mix = parse_mix(mix_text)
    train_sequences = [
        sequence
        for index, source in enumerate(load_sources(mix, "train"))
        for sequence in examples(
            list(source.songs), vocab, round(4 * sequences * source.weight), 1 + index, block
        )
    ]
    ngram = NgramModel(4, len(vocab)).fit(train_sequences)
    metrics: dict[str, float | int] = {}
    held_out = {name: 1.0 for name in mix if name != "arranged"}  # real music only
    for source in load_sources(held_out, "test"):
        test_sequences = examples(list(source.songs), vocab, sequences, 2, block)
        sums = [model_nll(model, s) for s in test_sequences]
        ngram_sums = [ngram.nll(s) for s in test_sequences]
        suffix = "" if source.name == "corpus" else f"_{source.name}"
        metrics[f"test_nll_model{suffix}"] = round(
            sum(a for a, _ in sums) / sum(b for _, b in sums), 4
        )
        metrics[f"test_nll_4gram{suffix}"] = round(
            sum(a for a, _ in ngram_sums) / sum(b for _, b in ngram_sums), 4
        )
        metrics[f"test_tokens{suffix}"] = sum(b for _, b in sums)
    return metrics


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", type=Path, default=Path("models/midi"))
    parser.add_argument("--out", type=Path)
    parser.add_argument("--sequences", type=int, default=200)
    parser.add_argument("--cells", type=int, default=100)
    parser.add_argument("--mix", default=DEFAULT_MIX, help="the training mix (for the 4-gram)")
    args = parser.parse_args()
    model = MidiModel(args.model)
    metrics: dict[str, float | int] = dict(likelihoods(model, args.mix, args.sequences))
    test_songs = list(load_sources({"corpus": 1.0}, "test")[0].songs)
    metrics.update(infill_quality(model, test_songs, args.cells, 3))
    print(json.dumps(metrics, indent=2))
    if args.out:
        args.out.write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
