"""A part's pitch lean picks which pitch comes, never whether one does; a band's chord part
plays chords of its chord's size rather than single notes or clusters."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np
import pytest

from benchmarks.musicality_measures import clipped_notes
from engine.compose import decode
from engine.compose.controls import Controls
from engine.compose.leans import CHORD_STACK_BONUS
from engine.compose.midi_model import MidiModel
from engine.compose.operations import Generate, Regenerate, apply
from engine.compose.sampling import FillGrammar
from engine.compose.token_draw import among_pitches
from engine.compose.vocab import VELOCITY_LEVELS, Vocabulary
from engine.song.song import Note

VOCAB = Vocabulary.build()
VELOCITY = f"Vel_{VELOCITY_LEVELS[4]}"


def _softmax(logits: np.ndarray, allowed: np.ndarray) -> np.ndarray:
    values = np.where(allowed, logits.astype(np.float64), -np.inf)
    weights = np.exp(values - values.max())
    result: np.ndarray = weights / weights.sum()
    return result


def test_a_pitch_lean_keeps_the_odds_of_a_pitch_against_moving_on() -> None:
    rng = np.random.default_rng(0)
    logits = rng.normal(0.0, 2.0, len(VOCAB)).astype(np.float32)
    allowed = np.zeros(len(VOCAB), dtype=bool)
    pitch_ids = VOCAB.pitch_ids
    allowed[pitch_ids[48:84]] = True  # another note on this onset...
    allowed[VOCAB.pos_ids[10:20]] = True  # ...or a later onset...
    allowed[VOCAB.id("Fill_End")] = True  # ...or the bar's end
    bias = np.zeros(len(VOCAB), dtype=np.float32)
    bias[pitch_ids[np.arange(128) % 12 == 0]] = 4.0  # every C raised, as a chord tone is
    plain = _softmax(logits, allowed)
    raw = _softmax(logits + bias, allowed)
    kept = _softmax(logits + among_pitches(logits, bias, allowed, pitch_ids), allowed)
    # Added as it stands, the lean makes another note likelier than moving on...
    assert raw[pitch_ids].sum() > plain[pitch_ids].sum() + 0.1
    # ...shifted, a pitch is as likely as the model had it, and which one follows the lean.
    assert np.isclose(kept[pitch_ids].sum(), plain[pitch_ids].sum())
    assert np.allclose(
        kept[pitch_ids] / kept[pitch_ids].sum(), raw[pitch_ids] / raw[pitch_ids].sum()
    )
    non_pitch = allowed.copy()
    non_pitch[pitch_ids] = False
    assert np.allclose(kept[non_pitch], plain[non_pitch])
    # Where only pitches may come (right after an onset), the draw is the same either way.
    only = np.zeros(len(VOCAB), dtype=bool)
    only[pitch_ids[48:84]] = True
    shifted = among_pitches(logits, bias, only, pitch_ids)
    assert np.allclose(_softmax(logits + shifted, only), _softmax(logits + bias, only))


def _stack_lean(grammar: FillGrammar) -> float:
    """What the grammar adds to every Pitch token after the note just written (0 for none)."""
    bias = grammar.bias()
    if bias is None:
        return 0.0
    leans = set(bias[VOCAB.pitch_ids].tolist())
    assert len(leans) == 1  # the same for every pitch: whether, not which
    return float(leans.pop())


def test_a_chord_part_leans_to_its_chords_size_and_harder_against_each_note_beyond() -> None:
    grammar = FillGrammar(VOCAB, "Bar_4/4", 48, chord_notes=3)
    for token in ("Fill_Start", "Bar_4/4", "Pos_0"):
        grammar.advance(VOCAB.id(token))
    leans = []
    for pitch in (55, 59, 62, 67, 71):
        for token in (f"Pitch_{pitch}", "Dur_12", VELOCITY):
            grammar.advance(VOCAB.id(token))
        leans.append(_stack_lean(grammar))
    assert leans == [
        CHORD_STACK_BONUS,
        CHORD_STACK_BONUS,
        0.0,
        -CHORD_STACK_BONUS,
        -2 * CHORD_STACK_BONUS,
    ]
    # A part that is not a chord part is left to the model.
    plain = FillGrammar(VOCAB, "Bar_4/4", 48)
    for token in ("Fill_Start", "Bar_4/4", "Pos_0", "Pitch_55", "Dur_12", VELOCITY):
        plain.advance(VOCAB.id(token))
    assert plain.bias() is None


def _onset_sizes(notes: Sequence[Note]) -> Counter[int]:
    return Counter(Counter(note.start_tick for note in notes).values())


def test_new_band_chord_parts_play_chords_not_single_notes_or_clusters(
    midi_model: MidiModel,
) -> None:
    """Before, the cell's pitch lean raised another chord tone above moving on, and nothing
    asked for chords as such: these pianos put 15-34% of their onsets in chords of their
    chord's size or one fewer, 40-69% on single notes and up to 23% on two or more notes beyond
    it at once; now 56-88%, 5-41% and none."""
    for preset, chord in (("pop", 3), ("jazz", 4)):
        for seed in range(2):
            song = apply(midi_model, None, Generate(preset), seed)
            piano = next(track for track in song.tracks if track.name == "Piano")
            sizes = _onset_sizes(piano.notes)
            onsets = sum(sizes.values())
            assert onsets > 20
            full = sum(count for size, count in sizes.items() if chord - 1 <= size <= chord)
            assert full >= 0.5 * onsets, (preset, seed, sorted(sizes.items()))
            assert sum(count for size, count in sizes.items() if size > chord + 1) <= 0.05 * onsets
            clicks = clipped_notes(song)
            assert clicks is not None
            assert clicks.hits <= 0.05 * clicks.total


def test_a_chord_parts_count_read_from_its_bars_is_its_onsets_and_an_asked_one_stays(
    midi_model: MidiModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regenerated between written bars, a pop piano's bar is steered to their onsets only (its
    chords' size says how many notes each holds); a count the composer asks for is kept."""
    song = apply(midi_model, None, Generate("pop"), 0)
    piano = next(index for index, track in enumerate(song.tracks) if track.name == "Piano")
    built: list[FillGrammar] = []
    real = FillGrammar

    def spy(*args: Any, **kwargs: Any) -> FillGrammar:
        built.append(real(*args, **kwargs))
        return built[-1]

    monkeypatch.setattr(decode, "FillGrammar", spy)
    cell = (piano, 3)
    asked = Controls(chords=(frozenset({7, 11, 2}),))
    apply(midi_model, song, Regenerate((cell,), asked), 0)
    read = [grammar.targets for grammar in built if grammar.chord_notes == 3]
    assert read
    assert all(t.read and t.notes is None and t.onsets is not None for t in read)
    built.clear()
    counted = Controls(chords=(frozenset({7, 11, 2}),), density=12, rhythm=4)
    apply(midi_model, song, Regenerate((cell,), counted), 0)
    kept = [grammar.targets for grammar in built if grammar.chord_notes == 3]
    assert kept
    assert all((t.notes, t.onsets, t.read) == (12, 4, False) for t in kept)
