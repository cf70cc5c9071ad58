"""How hard each kind of voice leans to steps, and the forms of the classical presets."""

from __future__ import annotations

import pytest

from engine.compose.decode import ensemble_step_bonus
from engine.compose.plan import plan_song
from engine.compose.presets import PRESETS
from engine.compose.sampling import (
    INSTRUMENT_STEP_BONUS,
    LINE_STEP_BONUS,
    STEP_BONUS,
    SUNG_STEP_BONUS,
    FillGrammar,
    VoiceLeading,
)
from engine.compose.vocab import Vocabulary
from engine.song.song import Song, Track
from engine.song.theory import key_from_name

VOCAB = Vocabulary.build()


def _step_pull(leading: VoiceLeading) -> float:
    """The bonus a step up from the voice's previous note (G4) gets at beat 2."""
    grammar = FillGrammar(VOCAB, "Bar_4/4", 48, voice_leading=leading)
    for token in ("Fill_Start", "Bar_4/4", "Pos_12"):
        grammar.advance(VOCAB.id(token))
    bias = grammar.bias()
    assert bias is not None
    return float(bias[VOCAB.id("Pitch_69")])


def test_the_step_pull_is_the_voices_own_when_given() -> None:
    other = ((-12, 48, 48),)  # a held note below: no parallel to weigh
    assert _step_pull(VoiceLeading((-12, 67), (other,))) == pytest.approx(STEP_BONUS)
    assert _step_pull(VoiceLeading((-12, 67), ())) == pytest.approx(LINE_STEP_BONUS)
    assert _step_pull(VoiceLeading((-12, 67), (other,), step_bonus=0.25)) == pytest.approx(0.25)


def _song(programs: list[int]) -> Song:
    tracks = tuple(Track(name=str(p), program=p) for p in programs)
    return Song(bar_count=4, tracks=tracks)


def test_sung_upper_voices_step_most_and_instruments_least() -> None:
    choir = _song([52, 52, 52, 52])
    ensemble = range(4)
    assert [ensemble_step_bonus(choir, t, ensemble) for t in ensemble] == [
        SUNG_STEP_BONUS,
        SUNG_STEP_BONUS,
        SUNG_STEP_BONUS,
        STEP_BONUS,  # the bass moves between the chords' roots
    ]
    strings = _song([40, 40, 41, 42])
    assert {ensemble_step_bonus(strings, t, ensemble) for t in ensemble} == {INSTRUMENT_STEP_BONUS}
    assert SUNG_STEP_BONUS > STEP_BONUS > INSTRUMENT_STEP_BONUS


def _copied_bars(preset: str) -> int:
    """Bars a new song of the preset copies from an earlier phrase (its last bar of each
    repeat is written again)."""
    chosen = PRESETS[preset]
    plan = plan_song(chosen.style, key_from_name(chosen.key), chosen.bars, 0, chosen.form)
    return sum(phrase.bars - 1 for phrase in plan.phrases if phrase.source is not None)


def test_classical_presets_repeat_about_as_much_as_their_held_out_works() -> None:
    # Held-out Bach chorales nearly repeat 6% of their bars (the median chorale 3%), Haydn
    # and Mozart quartets 12%: an 8-bar chorale copies no bar, a 16-bar quartet two.
    assert _copied_bars("chorale") == 0
    assert _copied_bars("string-quartet") == 2
