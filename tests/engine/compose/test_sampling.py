"""Grammar and hard masks: every sampled fill decodes and obeys its constraints, any logits."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from benchmarks.tunes import d_major_tune
from engine.compose.fill_limits import ConstraintError, HardConstraints, SoftTargets
from engine.compose.leans import (
    BASS_FIFTH_BONUS,
    BASS_ROOT_BONUS,
    ECHO_TONE_BONUS,
    ONSET_ECHO_BONUS,
    TONIC_RELEASE,
)
from engine.compose.sampling import CLICK_PENALTY, CLICK_STEPS, FillGrammar
from engine.compose.token_draw import sample
from engine.compose.tokens import bar_steps, bar_token, decode_fill, encode_song
from engine.compose.vocab import (
    DURATION_STEPS,
    TICKS_PER_STEP,
    VELOCITY_LEVELS,
    TokenizerError,
    Vocabulary,
)
from engine.compose.voice_leading import VoiceLeading
from engine.project.midi.reader import import_midi
from engine.song.song import PPQ, Cell, Note, Song, Track

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
        grammar.advance(sample(logits, grammar.mask(), rng, 1.0, 0.95))
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
    grammar.advance(VOCAB.id("Fill_Start"))
    with pytest.raises(TokenizerError, match=r"'Bar_3/4' is not allowed"):
        grammar.advance(VOCAB.id("Bar_3/4"))
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
        grammar.advance(sample(logits, grammar.mask(), rng, 1.0, 1.0))
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


def _duration_pull(targets: SoftTargets, limits: HardConstraints) -> dict[int, float]:
    """What the soft targets take from each duration of a note on the downbeat (beyond what
    the same note is given without them)."""

    def durations(asked: SoftTargets) -> np.ndarray:
        grammar = FillGrammar(VOCAB, "Bar_4/4", BAR_STEPS, constraints=limits, targets=asked)
        for token in ("Fill_Start", "Bar_4/4", "Pos_0", "Pitch_60"):
            grammar.advance(VOCAB.id(token))
        bias = grammar.bias()
        return np.zeros(len(VOCAB), dtype=np.float32) if bias is None else bias

    taken = durations(SoftTargets()) - durations(targets)
    return {d: float(taken[VOCAB.id(f"Dur_{d}")]) for d in DURATION_STEPS}


def test_a_chords_notes_share_their_onsets_time_and_a_lines_notes_do_not() -> None:
    """Asked for 20 notes on 5 onsets, a part that plays chords may hold its first note for a
    fifth of the bar, leaving room for the four onsets after it; a single line asked for 20
    notes may not. Counted per note, pop pianos were pulled to one-step notes and 40-68% of
    new pop songs' notes were one step long."""
    asked = SoftTargets(notes=20, onsets=5)
    chords = _duration_pull(asked, HardConstraints())
    assert chords[9] == 0.0 < chords[10]  # 48 steps over five onsets
    limited = _duration_pull(asked, HardConstraints(max_polyphony=2))
    assert limited[4] == 0.0 < limited[5]  # 19 more notes two at a time need ten onsets
    line = _duration_pull(asked, HardConstraints(max_polyphony=1))
    assert line[2] == 0.0 < line[3]  # twenty onsets in 48 steps: two steps each


def test_a_pitched_note_shorter_than_a_sixteenth_is_pulled_against_and_a_drum_hit_is_not() -> None:
    for is_drum, pitch in ((False, 60), (True, 38)):
        grammar = FillGrammar(VOCAB, "Bar_4/4", BAR_STEPS, is_drum=is_drum)
        for token in ("Fill_Start", "Bar_4/4", "Pos_0", f"Pitch_{pitch}"):
            grammar.advance(VOCAB.id(token))
        bias = grammar.bias()
        taken = {
            d: 0.0 if bias is None else -float(bias[VOCAB.id(f"Dur_{d}")]) for d in DURATION_STEPS
        }
        expected = 0.0 if is_drum else CLICK_PENALTY
        assert CLICK_PENALTY > 0
        assert [taken[d] for d in DURATION_STEPS if d < CLICK_STEPS] == [expected] * 2
        assert all(taken[d] == 0.0 for d in DURATION_STEPS if d >= CLICK_STEPS)


def test_soft_note_targets_move_the_count_both_ways() -> None:
    def counts(target: int | None, end_push: float) -> list[int]:
        found = []
        for seed in range(12):
            grammar = FillGrammar(VOCAB, "Bar_4/4", BAR_STEPS, targets=SoftTargets(notes=target))
            found.append(len(decode_fill(_fill_with(seed, grammar, end_push), 0)))
        return found

    # Logits keen to end give few notes unasked, logits keen to go on fill the token budget;
    # a target brings nearly every fill to it.
    assert np.median(counts(None, end_push=3.0)) < 8
    assert np.median(counts(10, end_push=3.0)) == 10
    assert np.median(counts(None, end_push=-2.0)) > 50
    assert np.median(counts(2, end_push=-2.0)) == 2


def test_a_count_with_slack_leaves_its_window_to_the_model() -> None:
    """Inside the window a section's typical bar leaves free, nothing pulls the fill to end or
    to go on; below it ending is pulled against, at its top ending is pulled for and another
    note against. With no slack the window is the count itself, as a composer asks."""
    loose = SoftTargets(notes=10, pull=2.0, slack=0.3)
    assert loose.window(10) == (7, 13)
    assert [loose.end_bonus(done, 10) for done in (5, 6, 7, 12, 13)] == [-6.0, -4.0, 0.0, 0.0, 2.0]
    assert [loose.reached(done, 10) for done in (12, 13)] == [False, True]
    assert loose.still_wanted(notes_done=4, onsets_done=0) == 3
    exact = SoftTargets(notes=10, pull=2.0)
    assert exact.window(10) == (10, 10)
    assert [exact.end_bonus(done, 10) for done in (9, 10)] == [-4.0, 2.0]


def test_a_fill_with_slack_varies_its_count_inside_the_window() -> None:
    def counts(slack: float) -> list[int]:
        found = []
        for seed in range(16):
            asked = SoftTargets(notes=10, slack=slack)
            grammar = FillGrammar(VOCAB, "Bar_4/4", BAR_STEPS, targets=asked)
            found.append(len(decode_fill(_fill_with(seed, grammar, end_push=3.0), 0)))
        return found

    exact, loose = counts(0.0), counts(0.4)
    assert np.median(exact) == 10
    assert len(set(exact)) <= 2
    assert all(6 <= count <= 14 for count in loose)
    assert len(set(loose)) >= 4


def _pitch_bonus(grammar: FillGrammar) -> dict[int, float]:
    """The grammar's bias on each pitch class (read at pitch 60-71), as it chooses a pitch."""
    bias = grammar.bias()
    assert bias is not None
    return {pitch % 12: float(bias[VOCAB.id(f"Pitch_{pitch}")]) for pitch in range(60, 72)}


def test_an_echo_raises_each_echoed_tone_until_it_is_played() -> None:
    grammar = FillGrammar(VOCAB, "Bar_4/4", BAR_STEPS, echo_tones=frozenset({0, 4, 7}))
    for token in ("Fill_Start", "Bar_4/4", "Pos_0"):
        grammar.advance(VOCAB.id(token))
    raised = {pc for pc, bonus in _pitch_bonus(grammar).items() if bonus == ECHO_TONE_BONUS}
    assert raised == {0, 4, 7}
    assert all(b == 0.0 for pc, b in _pitch_bonus(grammar).items() if pc not in raised)
    for token in ("Pitch_72", "Dur_6", f"Vel_{VELOCITY_LEVELS[4]}", "Pos_12"):  # a C, an octave up
        grammar.advance(VOCAB.id(token))
    raised = {pc for pc, bonus in _pitch_bonus(grammar).items() if bonus == ECHO_TONE_BONUS}
    assert raised == {4, 7}
    velocity = f"Vel_{VELOCITY_LEVELS[4]}"
    for token in ("Pitch_64", "Dur_6", velocity, "Pitch_67", "Dur_6", velocity, "Pos_24"):
        grammar.advance(VOCAB.id(token))
    assert grammar.bias() is None  # every echoed tone played: nothing left to raise
    plain = FillGrammar(VOCAB, "Bar_4/4", BAR_STEPS)
    for token in ("Fill_Start", "Bar_4/4", "Pos_0"):
        plain.advance(VOCAB.id(token))
    assert plain.bias() is None


def test_a_bass_leans_to_its_chords_root_and_fifth_on_the_strong_beats_only() -> None:
    grammar = FillGrammar(VOCAB, "Bar_4/4", BAR_STEPS, bass_root=4)  # E: E and B raised
    velocity = f"Vel_{VELOCITY_LEVELS[4]}"
    for token in ("Fill_Start", "Bar_4/4", "Pos_0"):
        grammar.advance(VOCAB.id(token))
    on_one = _pitch_bonus(grammar)
    assert (on_one[4], on_one[11]) == (BASS_ROOT_BONUS, BASS_FIFTH_BONUS)
    assert all(bonus == 0.0 for pc, bonus in on_one.items() if pc not in (4, 11))
    for token in ("Pitch_52", "Dur_6", velocity, "Pos_12"):  # beat 2: no lean
        grammar.advance(VOCAB.id(token))
    assert grammar.bias() is None
    for token in ("Pitch_55", "Dur_6", velocity, "Pos_24"):  # beat 3, a strong beat again
        grammar.advance(VOCAB.id(token))
    assert _pitch_bonus(grammar)[4] == BASS_ROOT_BONUS


def test_a_melody_right_after_its_tonic_is_not_pulled_back_to_it() -> None:
    # D's pull of 1.0 (the cell's bias gives it) is taken back right after a D, and only then.
    velocity = f"Vel_{VELOCITY_LEVELS[4]}"
    after_d = VoiceLeading(previous=(-6, 74), others=())  # the bar before ended on D5
    grammar = FillGrammar(VOCAB, "Bar_4/4", BAR_STEPS, voice_leading=after_d, tonic_pull=(2, 1.0))
    for token in ("Fill_Start", "Bar_4/4", "Pos_0"):
        grammar.advance(VOCAB.id(token))
    release = grammar._tonic_release_bias()
    assert release is not None
    assert release[VOCAB.id("Pitch_62")] == release[VOCAB.id("Pitch_74")] == -TONIC_RELEASE
    assert release[VOCAB.id("Pitch_64")] == 0.0
    for token in ("Pitch_76", "Dur_6", velocity, "Pos_6"):  # E5: pulled to D again after it
        grammar.advance(VOCAB.id(token))
    assert grammar._tonic_release_bias() is None
    for token in ("Pitch_74", "Dur_6", velocity, "Pos_12"):  # D5: released for the next note
        grammar.advance(VOCAB.id(token))
    assert grammar._tonic_release_bias() is not None
    grammar.advance(VOCAB.id("Pitch_78"))  # a second pitch at one onset: a chord, left alone
    assert grammar._tonic_release_bias() is None
    unpulled = FillGrammar(VOCAB, "Bar_4/4", BAR_STEPS, voice_leading=after_d, tonic_pull=(2, 0.0))
    for token in ("Fill_Start", "Bar_4/4", "Pos_0"):  # over the dominant: nothing to take back
        unpulled.advance(VOCAB.id(token))
    assert unpulled._tonic_release_bias() is None


def test_a_bass_with_no_chord_leans_to_the_root_of_what_the_voices_above_it_sound() -> None:
    # Tenor E4 and alto G4 over the first half bar, soprano C5 all bar; then A4 over the second.
    above = (((0, 24, 64), (24, 48, 64)), ((0, 24, 67), (24, 48, 69)), ((0, 48, 72),))
    leading = VoiceLeading(previous=None, others=above, above=(True, True, True))
    grammar = FillGrammar(VOCAB, "Bar_4/4", BAR_STEPS, voice_leading=leading, root_from_above=True)
    velocity = f"Vel_{VELOCITY_LEVELS[4]}"
    for token in ("Fill_Start", "Bar_4/4", "Pos_0"):
        grammar.advance(VOCAB.id(token))
    on_one = _pitch_bonus(grammar)
    assert (on_one[0], on_one[7]) == (BASS_ROOT_BONUS, BASS_FIFTH_BONUS)  # C E G: C
    for token in ("Pitch_48", "Dur_24", velocity, "Pos_24"):
        grammar.advance(VOCAB.id(token))
    root_bias = grammar._bass_root_bias()  # the voice leading now has its say too
    assert root_bias is not None
    assert root_bias[VOCAB.id("Pitch_57")] == BASS_ROOT_BONUS  # C E A: A minor's A
    assert root_bias[VOCAB.id("Pitch_48")] == 0.0
    asked = FillGrammar(VOCAB, "Bar_4/4", BAR_STEPS, voice_leading=leading, bass_root=5)
    for token in ("Fill_Start", "Bar_4/4", "Pos_0"):
        asked.advance(VOCAB.id(token))
    assert _pitch_bonus(asked)[5] == BASS_ROOT_BONUS  # an asked chord's root comes first
    assert _pitch_bonus(asked)[7] == 0.0  # not the fifth of the C the voices above sound
    alone = VoiceLeading(previous=None, others=(((0, 48, 72),),), above=(True,))
    one_voice = FillGrammar(VOCAB, "Bar_4/4", BAR_STEPS, voice_leading=alone, root_from_above=True)
    for token in ("Fill_Start", "Bar_4/4", "Pos_0"):
        one_voice.advance(VOCAB.id(token))
    assert one_voice.bias() is None  # one pitch class above is no chord


def test_a_fill_between_bars_leans_to_the_onsets_they_share() -> None:
    echo = ((0, 2), (12, 1), (24, 2))  # both bars start notes on beats 1 and 3, one on beat 2
    grammar = FillGrammar(VOCAB, "Bar_4/4", BAR_STEPS, echo_onsets=echo)
    grammar.advance(VOCAB.id("Fill_Start"))
    grammar.advance(VOCAB.id("Bar_4/4"))
    bias = grammar.bias()
    assert bias is not None
    pos = {step: float(bias[VOCAB.id(f"Pos_{step}")]) for step in range(BAR_STEPS)}
    assert (pos[0], pos[12], pos[24]) == (ONSET_ECHO_BONUS, ONSET_ECHO_BONUS / 2, ONSET_ECHO_BONUS)
    assert all(value == 0.0 for step, value in pos.items() if step not in (0, 12, 24))
    grammar.advance(VOCAB.id("Pos_0"))
    assert grammar.bias() is None  # choosing a pitch: no rhythm to lean to
    for token in ("Pitch_60", "Dur_6", f"Vel_{VELOCITY_LEVELS[4]}"):
        grammar.advance(VOCAB.id(token))
    after_note = grammar.bias()
    assert after_note is not None
    assert after_note[VOCAB.id("Pos_24")] == ONSET_ECHO_BONUS
    plain = FillGrammar(VOCAB, "Bar_4/4", BAR_STEPS)
    plain.advance(VOCAB.id("Fill_Start"))
    plain.advance(VOCAB.id("Bar_4/4"))
    assert plain.bias() is None


def test_an_echoed_fill_plays_more_of_the_echoed_tones() -> None:
    """Random logits, eight single notes a fill: with the echo, more of a five-tone bar's
    pitch classes are played than without."""
    tones = frozenset({0, 2, 4, 7, 9})

    def covered(echo: frozenset[int] | None) -> float:
        shares = []
        for seed in range(20):
            grammar = FillGrammar(
                VOCAB,
                "Bar_4/4",
                BAR_STEPS,
                constraints=HardConstraints(max_polyphony=1, pitch_low=60, pitch_high=71),
                targets=SoftTargets(notes=8),
                echo_tones=echo,
            )
            notes = decode_fill(_fill_with(seed, grammar, end_push=0.0), 0)
            shares.append(len(tones & {n.pitch % 12 for n in notes}) / len(tones))
        return float(np.mean(shares))

    assert covered(tones) > covered(None) + 0.15


def _planned_logits(grammar: FillGrammar, plan: dict[str, float]) -> np.ndarray:
    """Logits of a 'model' with a plan of its own: a half note on each half bar, then end."""
    logits = np.zeros(len(VOCAB), dtype=np.float32)
    for token, value in plan.items():
        logits[VOCAB.id(token)] = value
    if grammar.position is not None and grammar.position >= 24 and grammar.note_ends:
        logits[VOCAB.id("Fill_End")] += 6.0
    return logits


@pytest.mark.parametrize("seed", range(6))
def test_a_count_asked_for_above_the_models_plan_is_met(seed: int) -> None:
    plan = {"Pos_0": 6.0, "Pos_24": 6.0, "Dur_24": 6.0, "Fill_End": 2.0}
    for targets in (SoftTargets(notes=8), SoftTargets(onsets=8)):
        rng = np.random.default_rng(seed)
        grammar = FillGrammar(VOCAB, "Bar_4/4", BAR_STEPS, targets=targets)
        grammar.constraints = HardConstraints(max_polyphony=1)
        while not grammar.done:
            noise = rng.normal(0.0, 1.0, len(VOCAB)).astype(np.float32)
            logits = _planned_logits(grammar, plan) + noise
            if (bias := grammar.bias()) is not None:
                logits = logits + bias
            grammar.advance(sample(logits, grammar.mask(), rng, 1.0, 0.95))
        assert len(decode_fill(grammar.tokens, 0)) >= 8


def _sample_all(grammar: FillGrammar, seed: int) -> list[Note]:
    rng = np.random.default_rng(seed)
    while not grammar.done:
        logits = rng.normal(0.0, 3.0, len(VOCAB)).astype(np.float32)
        logits[VOCAB.id("Fill_End")] -= 4.0
        grammar.advance(sample(logits, grammar.mask(), rng, 1.0, 0.95))
    return decode_fill(grammar.tokens, 0)


@pytest.mark.parametrize("seed", range(10))
def test_a_polyphony_limit_counts_notes_outside_the_fill(seed: int) -> None:
    # One note rings in from the bar before until beat 2; another starts on the next downbeat.
    outside = [(-12, 12), (BAR_STEPS, BAR_STEPS + 24)]
    limits = HardConstraints(max_polyphony=1)
    grammar = FillGrammar(VOCAB, "Bar_4/4", BAR_STEPS, constraints=limits, outside_notes=outside)
    notes = _sample_all(grammar, seed)
    assert notes
    step = TICKS_PER_STEP
    assert all(n.start_tick >= 12 * step for n in notes)
    assert all(n.end_tick <= BAR_STEPS * step for n in notes)
    assert _max_sounding(notes) == 1


@pytest.mark.parametrize("seed", range(10))
def test_a_voice_window_keeps_notes_between_the_neighbours_while_they_sound(seed: int) -> None:
    low = np.full(BAR_STEPS, 60)
    high = np.full(BAR_STEPS, 72)
    high[24:] = 67  # the voice above steps down at beat 3
    grammar = FillGrammar(VOCAB, "Bar_4/4", BAR_STEPS, voice_window=(low, high))
    notes = _sample_all(grammar, seed)
    assert notes
    for note in notes:
        steps = range(
            note.start_tick // TICKS_PER_STEP, min(BAR_STEPS, note.end_tick // TICKS_PER_STEP)
        )
        assert all(low[s] <= note.pitch <= high[s] for s in steps)


def test_a_voice_window_with_no_pitch_left_gives_way() -> None:
    window = (np.full(BAR_STEPS, 80), np.full(BAR_STEPS, 70))  # crossed neighbours
    limits = HardConstraints(pitch_low=60, pitch_high=64)
    grammar = FillGrammar(VOCAB, "Bar_4/4", BAR_STEPS, constraints=limits, voice_window=window)
    notes = _sample_all(grammar, 1)
    assert notes
    assert all(60 <= n.pitch <= 64 for n in notes)


# --- the grammar on ids against the token strings of real songs -------------------------------

FIXTURES = Path(__file__).parents[2] / "fixtures" / "midi_fuzz"


def _chords_and_long_drums() -> Song:
    """Stacked chords, and drum hits too long for a drum fill (which the grammar refuses)."""
    bar = 4 * PPQ
    halves = [b * bar + h * 2 * PPQ for b in range(2) for h in range(2)]
    chords = [Note(start, p, 2 * PPQ, 70) for start in halves for p in (55, 60, 64, 67)]
    # A quarter-note hit on each beat of the first bar, sixteenths in the second, and one
    # half-note hi-hat there: longer than a drum fill may write.
    drums = [
        Note(b * bar + q * PPQ, 36 + q, PPQ // (1 + 3 * b), 100) for b in (0, 1) for q in range(4)
    ]
    drums.append(Note(bar + 2 * PPQ, 42, 2 * PPQ, 90))
    return Song(
        bar_count=2,
        tracks=(
            Track("Piano", 0, notes=tuple(chords)),
            Track("Drums", 0, is_drum=True, notes=tuple(sorted(drums))),
        ),
    )


REAL_FIXTURES = ("seed_type0", "seed_type1", "seed_running_status")
"""The three valid MIDI files the fuzz fixtures are mutated from."""


def _real_song(name: str) -> Song:
    if name == "d_major_tune":
        return d_major_tune()
    if name == "chords_and_drums":
        return _chords_and_long_drums()
    return import_midi(FIXTURES / f"{name}.mid")


def _fills(song: Song) -> list[tuple[Cell, list[str]]]:
    """Every cell of the song as the fill the tokenizer writes for it, token strings."""
    cells = [(track, bar) for track in range(len(song.tracks)) for bar in range(song.bar_count)]
    tokens = encode_song(song, cells)
    fills, start = [], tokens.index("Fill_Start")
    for cell in cells:
        end = tokens.index("Fill_End", start)
        fills.append((cell, tokens[start : end + 1]))
        start = end + 1
    return fills


def _allowed_by_strings(
    written: list[str], bar_token: str, bar_steps: int, is_drum: bool
) -> set[str]:
    """What may follow `written` in a fill with no constraints, read from the strings alone:
    the grammar's rules restated (a note is Pos? Pitch Dur Vel, onsets move forward, a pitch
    once per onset, a drum hit at most a quarter note long and inside the bar, four drums at
    once at most)."""
    if not written:
        return {"Fill_Start"}
    if written[-1] == "Fill_Start":
        return {bar_token}
    position: int | None = None
    here: set[int] = set()
    for token in written:
        kind, _, value = token.partition("_")
        if kind == "Pos":
            position, here = int(value), set()
        elif kind == "Pitch":
            here.add(int(value))
    pitches = set() if is_drum and len(here) >= 4 else {f"Pitch_{p}" for p in range(128)}
    pitches -= {f"Pitch_{p}" for p in here}
    kind = written[-1].partition("_")[0]
    if kind == "Pos":
        return pitches
    if kind == "Pitch":
        assert position is not None
        longest = min(12, bar_steps - position) if is_drum else 96
        return {f"Dur_{d}" for d in DURATION_STEPS if d <= longest}
    if kind == "Dur":
        return {f"Vel_{v}" for v in VELOCITY_LEVELS}
    first = 0 if position is None else position + 1
    onsets = {f"Pos_{s}" for s in range(first, bar_steps)}
    return onsets | {"Fill_End"} | (pitches if position is not None else set())


@pytest.mark.parametrize("name", [*REAL_FIXTURES, "d_major_tune", "chords_and_drums"])
def test_the_grammar_on_ids_allows_what_the_strings_allow_in_real_songs(name: str) -> None:
    song = _real_song(name)
    refused = 0
    for (track, bar), fill in _fills(song):
        is_drum = song.tracks[track].is_drum
        steps = bar_steps(song, bar)
        grammar = FillGrammar(VOCAB, bar_token(song, bar), steps, is_drum, max_tokens=10_000)
        for index, token in enumerate(fill):
            expected = _allowed_by_strings(fill[:index], bar_token(song, bar), steps, is_drum)
            allowed = {VOCAB.tokens[i] for i in np.flatnonzero(grammar.mask())}
            assert allowed == expected, (name, track, bar, fill[:index])
            if token not in expected:  # refused by both: the grammar says so too
                with pytest.raises(TokenizerError, match="is not allowed"):
                    grammar.advance(VOCAB.id(token))
                refused += 1
                break
            grammar.advance(VOCAB.id(token))
        else:
            assert grammar.done
            assert grammar.ids == VOCAB.encode(fill)
            assert grammar.tokens == fill
    # The long drum hits of the last song are the only fills refused.
    assert refused == (1 if name == "chords_and_drums" else 0)
