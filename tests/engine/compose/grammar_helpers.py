"""What the sampler's grammar adds to a pitch, for tests of the pulls it applies."""

from __future__ import annotations

from engine.compose.sampling import FillGrammar
from engine.compose.vocab import Vocabulary
from engine.compose.voice_leading import VoiceLeading

VOCAB = Vocabulary.build()


def bias_at(leading: VoiceLeading, position: str, pitch: int) -> float:
    """What the grammar adds to `pitch` for the first note at `position` (a `Pos_` token) of a
    4/4 bar, the voice's note before the bar as `leading` gives it."""
    grammar = FillGrammar(VOCAB, "Bar_4/4", 48, voice_leading=leading)
    for token in ("Fill_Start", "Bar_4/4", position):
        grammar.advance(VOCAB.id(token))
    values = grammar.bias()
    assert values is not None
    return float(values[VOCAB.id(f"Pitch_{pitch}")])
