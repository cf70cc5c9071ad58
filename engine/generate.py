"""Write notes into (track, bar) cells with the symbolic model, under hard constraints.

The prompt is the song with the cells replaced by placeholders (see `engine.tokens`); the model
then writes one fill per cell, in placeholder order, each sampled token checked by the fill
grammar and the cell's hard constraints. Seeded: the same song, cells, settings and seed give
the same notes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from engine.controls import BarControls
from engine.inference import Cache, MidiModel
from engine.sampling import FillGrammar, HardConstraints, sample
from engine.song import Note, Song
from engine.tokens import Cell, bar_steps, bar_token, decode_fill, encode_song
from engine.vocab import TokenizerError

MAX_FILL_TOKENS = 400


@dataclass(frozen=True)
class SamplingSettings:
    temperature: float = 1.0
    top_p: float = 0.95
    seed: int = 0
    constraints: Mapping[Cell, HardConstraints] = field(default_factory=dict)
    controls: Mapping[Cell, BarControls] = field(default_factory=dict)


def fill_cells(
    model: MidiModel, song: Song, cells: Sequence[Cell], settings: SamplingSettings
) -> dict[Cell, list[Note]]:
    """New notes for each cell (in song ticks), conditioned on everything around the cells."""
    ordered = sorted(set(cells))
    prompt = encode_song(song, ordered, settings.controls, include_fills=False)
    budget = len(prompt) + len(ordered) * 32
    if budget > model.card.block_size:
        raise TokenizerError(
            f"the prompt needs {budget} tokens but the model sees {model.card.block_size}: "
            "select fewer bars or tracks around the cells"
        )
    rng = np.random.default_rng(settings.seed)
    logits, cache = model.prefill([model.vocab.id(token) for token in prompt])
    result: dict[Cell, list[Note]] = {}
    for cell in ordered:
        track_index, bar = cell
        grammar = FillGrammar(
            model.vocab,
            bar_token(song, bar),
            bar_steps(song, bar),
            is_drum=song.tracks[track_index].is_drum,
            constraints=settings.constraints.get(cell, HardConstraints()),
            max_tokens=MAX_FILL_TOKENS,
        )
        logits, cache = _write_fill(
            model, grammar, logits=logits, cache=cache, rng=rng, settings=settings
        )
        result[cell] = decode_fill(grammar.tokens, song.bar_start_ticks[bar])
    return result


def _write_fill(
    model: MidiModel,
    grammar: FillGrammar,
    *,
    logits: np.ndarray,
    cache: Cache,
    rng: np.random.Generator,
    settings: SamplingSettings,
) -> tuple[np.ndarray, Cache]:
    while not grammar.done:
        if cache.shape[4] + 1 >= model.card.block_size:
            # Out of context: close the fill; the notes written so far are kept.
            token_id = (
                model.vocab.id("Fill_End")
                if grammar.mask()[model.vocab.id("Fill_End")]
                else sample(logits, grammar.mask(), rng, 0.0)
            )
        else:
            token_id = sample(logits, grammar.mask(), rng, settings.temperature, settings.top_p)
        grammar.advance(model.vocab.tokens[token_id])
        logits, cache = model.step(token_id, cache)
    return logits, cache
