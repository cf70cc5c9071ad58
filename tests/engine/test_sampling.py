"""Grammar and hard masks: every sampled fill decodes and obeys its constraints, any logits."""

from __future__ import annotations

import numpy as np
import pytest

from engine.sampling import ConstraintError, FillGrammar, HardConstraints, SoftTargets, sample
from engine.song import PPQ, Note
from engine.tokens import decode_fill
from engine.vocab import TICKS_PER_STEP, TokenizerError, Vocabulary

VOCAB = Vocabulary.build()
BAR_STEPS = 48  # 4/4


def _random_fill(seed: int, constraints: HardConstraints, is_drum: bool = False) -> list[str]:
    """Sample a fill from random logits (skewed to make notes likely) under the grammar."""
    rng = np.random.default_rng(seed)
    grammar = FillGrammar(VOCAB, "Bar_4/4", BAR_STEPS, is_drum, constraints, max_tokens=200)
    end_id = VOCAB.id("Fill_End")
    while not grammar.done:
        logits = rng.normal(0.0, 3.0, len(VOCAB)).astype(np.float32)
        logits[end_id] -= 4.0  # long fills exercise the masks more
        grammar.advance(VOCAB.tokens[sample(logits, grammar.mask(), rng, 1.0, 0.95)])
    return grammar.tokens


def _max_sounding(notes: list[Note]) -> int:
    steps = range(0, BAR_STEPS * TICKS_PER_STEP, TICKS_PER_STEP)
    return max((sum(n.start_tick <= t < n.end_tick for n in notes) for t in steps), default=0)


@pytest.mark.parametrize("seed", range(25))
def test_random_logits_always_give_a_fill_that_decodes_and_obeys(seed: int) -> None:
    scale = frozenset({0, 2, 4, 5, 7, 9, 11})
    constraints = HardConstraints(
        pitch_low=55,
        pitch_high=79,
        scale_pitch_classes=scale,
        max_polyphony=2,
        velocity_low=40,
        velocity_high=100,
    )
    notes = decode_fill(_random_fill(seed, constraints), 4 * PPQ)
    assert notes, "the skewed logits should produce notes"
    assert all(55 <= n.pitch <= 79 and n.pitch % 12 in scale for n in notes)
    assert all(40 <= n.velocity <= 100 for n in notes)
    assert all(4 * PPQ <= n.start_tick < 8 * PPQ for n in notes)
    shifted = [Note(n.start_tick - 4 * PPQ, n.pitch, n.duration_ticks, n.velocity) for n in notes]
    assert _max_sounding(shifted) <= 2


def test_without_polyphony_limit_chords_appear_and_drums_ignore_the_scale() -> None:
    chords = [decode_fill(_random_fill(s, HardConstraints()), 0) for s in range(10)]
    assert max(_max_sounding(notes) for notes in chords) > 2
    drums = decode_fill(
        _random_fill(3, HardConstraints(scale_pitch_classes=frozenset({0})), is_drum=True), 0
    )
    assert any(n.pitch % 12 != 0 for n in drums)


def test_the_same_seed_gives_the_same_fill() -> None:
    assert _random_fill(7, HardConstraints()) == _random_fill(7, HardConstraints())
    assert _random_fill(7, HardConstraints()) != _random_fill(8, HardConstraints())


def test_temperature_zero_and_tiny_top_p_take_the_best_allowed_token() -> None:
    logits = np.array([0.0, 5.0, 9.0, 1.0], dtype=np.float32)
    allowed = np.array([True, True, False, True])
    rng = np.random.default_rng(0)
    assert sample(logits, allowed, rng, temperature=0.0) == 1
    assert {sample(logits, allowed, rng, 1.0, top_p=0.01) for _ in range(20)} == {1}
    assert len({sample(logits, allowed, rng, 5.0, top_p=1.0) for _ in range(200)}) == 3


def test_impossible_constraints_and_illegal_tokens_are_refused() -> None:
    with pytest.raises(ConstraintError, match=r"no pitch from 61 to 62 is in the chosen scale"):
        FillGrammar(
            VOCAB, "Bar_4/4", BAR_STEPS, constraints=HardConstraints(61, 62, frozenset({0}))
        )
    grammar = FillGrammar(VOCAB, "Bar_4/4", BAR_STEPS)
    grammar.advance("Fill_Start")
    with pytest.raises(TokenizerError, match=r"'Bar_3/4' is not allowed"):
        grammar.advance("Bar_3/4")
    with pytest.raises(TokenizerError, match=r"no token is allowed"):
        sample(np.zeros(3, np.float32), np.zeros(3, bool), np.random.default_rng(0))


def _fill_with(seed: int, grammar: FillGrammar, end_push: float) -> list[str]:
    """Sample under a grammar from random logits, with Fill_End pushed up by `end_push`, adding
    the grammar's own steering bias as the generator does."""
    rng = np.random.default_rng(seed)
    end_id = VOCAB.id("Fill_End")
    while not grammar.done:
        logits = rng.normal(0.0, 1.0, len(VOCAB)).astype(np.float32)
        logits[end_id] += end_push
        if (bias := grammar.bias()) is not None:
            logits = logits + bias
        grammar.advance(VOCAB.tokens[sample(logits, grammar.mask(), rng, 1.0, 1.0)])
    return grammar.tokens


@pytest.mark.parametrize("seed", range(10))
def test_a_note_minimum_on_a_single_line_is_met_by_shorter_notes(seed: int) -> None:
    limits = HardConstraints(min_notes=8, max_polyphony=1)
    grammar = FillGrammar(VOCAB, "Bar_4/4", BAR_STEPS, constraints=limits)
    notes = decode_fill(_fill_with(seed, grammar, end_push=8.0), 0)
    assert len(notes) >= 8
    assert _max_sounding(notes) == 1


@pytest.mark.parametrize("seed", range(10))
def test_an_onset_minimum_adds_onsets_not_clusters(seed: int) -> None:
    limits = HardConstraints(min_onsets=6)
    grammar = FillGrammar(VOCAB, "Bar_4/4", BAR_STEPS, constraints=limits)
    notes = decode_fill(_fill_with(seed, grammar, end_push=8.0), 0)
    onsets = {n.start_tick for n in notes}
    assert len(onsets) >= 6
    # Until the sixth onset, each onset holds one note; only then may chords stack.
    first_six = sorted(onsets)[:5]
    assert all(sum(n.start_tick == t for n in notes) == 1 for t in first_six)


def test_soft_note_targets_move_the_count_both_ways() -> None:
    def mean_notes(target: int | None, end_push: float) -> float:
        counts = []
        for seed in range(12):
            grammar = FillGrammar(VOCAB, "Bar_4/4", BAR_STEPS, targets=SoftTargets(notes=target))
            counts.append(len(decode_fill(_fill_with(seed, grammar, end_push), 0)))
        return float(np.mean(counts))

    assert mean_notes(10, end_push=3.0) > mean_notes(None, end_push=3.0) + 3
    assert mean_notes(2, end_push=-2.0) < mean_notes(None, end_push=-2.0) - 3
