"""Choose the chords under a melody: fit to its notes, common progressions, cadences at phrase ends.

Why a Viterbi search rather than a chord per bar on its own: the best-fitting chord of each bar
alone gives a jumpy sequence with no direction (a bar of E-G-C fits C and Em and Am). Scoring
the whole sequence at once lets three preferences trade off: each chord should fit its slot's
melody (duration-weighted pitch classes, the note on the downbeat counting most), the motion
between chords should be a common one (down a fifth, up a step, down a third), and the
song's chosen template (I-V-vi-IV, ii-V-I, the 12-bar blues, ...) and the cadences at phrase
ends (V-I) get a bonus. A little seeded noise makes two seeds pick different chords where the
melody leaves a choice.
"""

from __future__ import annotations

import bisect
import random
from collections.abc import Sequence
from dataclasses import dataclass

from build_scripts.arranger.chords import III, VI, Chord, I, Key, cadence_degree, candidates
from build_scripts.arranger.melody import Tone

MOTION_BONUS = {0: 0.1, 1: 0.25, 2: 0.1, 3: 0.45, 4: 0.3, 5: 0.3, 6: 0.05}
"""Bonus by root motion in scale steps up (mod 7): 3 = down a fifth (V-I, ii-V, vi-ii), 4 = up a
fifth (I-V), 5 = down a third (I-vi), 1 = up a step (IV-V), 0 = the same chord again."""
TEMPLATE_BONUS = 0.35
BLUES_TEMPLATE_BONUS = 1.2
"""The 12-bar form is the style itself: the melody fit bends it only where it clashes hard."""
SAME_BAR_STAY_BONUS = 0.45
"""A change in mid-bar must earn its place: the chord of the first half is kept unless the
second half's melody asks for another."""
NOISE = 0.12


@dataclass(frozen=True)
class ChordSpan:
    """A chord held from `start` to `end` (ticks)."""

    start: int
    end: int
    chord: Chord


@dataclass(frozen=True)
class HarmonyPlan:
    """How one song harmonises: its key, chord set, template and rhythm of changes."""

    key: Key
    harmony: str
    template: tuple[int, ...]
    slots_per_bar: int
    bar_ticks: int
    phrase_bars: int


def slot_weights(
    tones: Sequence[Tone], start: int, end: int
) -> tuple[dict[int, float], int | None]:
    """Duration-weighted pitch classes sounding in [start, end), and the pitch class sounding
    at `start` (None in a rest). A note starting on the slot's downbeat counts 1.5 times."""
    weights: dict[int, float] = {}
    downbeat: int | None = None
    # A melody is one line, its notes in order: start at the one sounding at `start`.
    first = max(0, bisect.bisect_right(tones, (start,)) - 1)
    for tone in tones[first:]:
        if tone.start >= end:
            break
        overlap = min(end, tone.start + tone.duration) - max(start, tone.start)
        if overlap <= 0:
            continue
        weight = overlap * (1.5 if tone.start == start else 1.0)
        weights[tone.pitch % 12] = weights.get(tone.pitch % 12, 0.0) + weight
        if tone.start <= start < tone.start + tone.duration:
            downbeat = tone.pitch % 12
    return weights, downbeat


def fit(chord: Chord, key: Key, weights: dict[int, float], downbeat: int | None) -> float:
    """How well a chord carries a slot's melody: chord tones score, other notes cost (notes
    outside the key most), and the note on the downbeat decides a lot."""
    total = sum(weights.values())
    score = 0.0
    members = set(chord.pitch_classes)
    for pc, weight in weights.items():
        if pc in members:
            value = 1.15 if pc == chord.root else 1.0
        else:
            value = -0.25 if pc in key.scale else -0.5
        score += value * weight / total if total else 0.0
    if downbeat is not None:
        score += 0.3 if downbeat in members else -0.2
    return score


def _cadence_bonus(plan: HarmonyPlan, slot: int, slots: int, degree: int) -> float:
    """Bonus for coming home at phrase ends: the song's last bar on I and the slot before it
    on the cadence chord; a bar that ends an 8-bar phrase leans to I, a 4-bar one ends on V.
    The first rule that applies to the slot decides."""
    per_bar = plan.slots_per_bar
    bar, part = divmod(slot, per_bar)
    last_bar = slots // per_bar - 1
    cadence = cadence_degree(plan.harmony)
    rules = (
        (bar == last_bar, I, 2.0),
        (slot == last_bar * per_bar - 1, cadence, 0.8),
        (slot == 0, I, 0.3),
        (plan.harmony == "blues", I, 0.0),
        ((bar + 1) % (2 * plan.phrase_bars) == 0, I, 0.5),
        ((bar + 1) % plan.phrase_bars == 0 and part == per_bar - 1, cadence, 0.3),
    )
    for applies, target, bonus in rules:
        if applies:
            return bonus if degree == target else 0.0
    return 0.0


def _slot_scores(
    plan: HarmonyPlan, tones: Sequence[Tone], bars: int, rng: random.Random
) -> list[dict[int, float]]:
    """Per slot, the score of each candidate chord (by degree), cadences and template included."""
    chords = candidates(plan.key, plan.harmony)
    slot_ticks = plan.bar_ticks // plan.slots_per_bar
    slots = bars * plan.slots_per_bar
    template_bonus = BLUES_TEMPLATE_BONUS if plan.harmony == "blues" else TEMPLATE_BONUS
    scores = []
    for slot in range(slots):
        weights, downbeat = slot_weights(tones, slot * slot_ticks, (slot + 1) * slot_ticks)
        bar, half = divmod(slot, plan.slots_per_bar)
        row = {}
        for degree, chord in chords.items():
            value = fit(chord, plan.key, weights, downbeat) + rng.uniform(0.0, NOISE)
            if half == 0 and degree == plan.template[bar % len(plan.template)]:
                value += template_bonus
            if degree == III and not plan.key.minor:
                value -= 0.25
            row[degree] = value + _cadence_bonus(plan, slot, slots, degree)
        scores.append(row)
    return scores


def _transition(plan: HarmonyPlan, slot: int, before: int, after: int) -> float:
    """The bonus for moving from degree `before` to `after` at the start of `slot`."""
    bonus = MOTION_BONUS[(after - before) % 7]
    if slot % plan.slots_per_bar and before == after:
        bonus += SAME_BAR_STAY_BONUS
    if plan.harmony == "sevenths" and (after - before) % 7 == 3:
        bonus += 0.2  # jazz and soul lean on chains of fifths: ii-V-I, vi-ii-V
    return bonus


def best_degrees(
    plan: HarmonyPlan, tones: Sequence[Tone], bars: int, rng: random.Random
) -> list[int]:
    """The highest-scoring degree sequence for `bars` bars of melody (Viterbi)."""
    scores = _slot_scores(plan, tones, bars, rng)
    best: dict[int, tuple[float, list[int]]] = {d: (s, [d]) for d, s in scores[0].items()}
    for slot in range(1, len(scores)):
        step: dict[int, tuple[float, list[int]]] = {}
        for degree, score in scores[slot].items():
            total, path = max(
                (
                    (value + _transition(plan, slot, prev, degree), path)
                    for prev, (value, path) in best.items()
                ),
                key=lambda item: item[0],
            )
            step[degree] = (total + score, path)
        best = {degree: (value, [*path, degree]) for degree, (value, path) in step.items()}
    return max(best.values(), key=lambda item: item[0])[1]


def spans_for(plan: HarmonyPlan, degrees: Sequence[int], offset: int) -> list[ChordSpan]:
    """Degrees (one per slot) as chord spans starting at tick `offset`; repeated chords merge."""
    chords = candidates(plan.key, plan.harmony)
    slot_ticks = plan.bar_ticks // plan.slots_per_bar
    spans: list[ChordSpan] = []
    for index, degree in enumerate(degrees):
        start = offset + index * slot_ticks
        if spans and spans[-1].chord.degree == degree:
            spans[-1] = ChordSpan(spans[-1].start, start + slot_ticks, spans[-1].chord)
        else:
            spans.append(ChordSpan(start, start + slot_ticks, chords[degree]))
    return spans


def free_degrees(plan: HarmonyPlan, bars: int, role: str, rng: random.Random) -> list[int]:
    """One degree per slot for bars without melody: an intro that leads in (ends on V), a
    bridge that leaves home (starts away from I), an outro that closes (ends on I)."""
    chords = candidates(plan.key, plan.harmony)
    template = list(plan.template)
    if role == "bridge" and plan.harmony != "blues":
        rotation = next((i for i, d in enumerate(template) if d != I), 0)
        template = template[rotation:] + template[:rotation]
    per_bar = [template[bar % len(template)] for bar in range(bars)]
    if role == "intro" and bars > 1 and plan.harmony != "blues":
        per_bar[-1] = cadence_degree(plan.harmony) if rng.random() < 0.6 else per_bar[-1]
    if role == "outro":
        per_bar = [
            cadence_degree(plan.harmony) if b == bars - 2 else per_bar[b] for b in range(bars)
        ]
        per_bar[-1] = I
        if bars > 2 and rng.random() < 0.5:
            per_bar[0] = VI if VI in chords else I
    return [
        degree if degree in chords else I for degree in per_bar for _ in range(plan.slots_per_bar)
    ]


def span_at(spans: Sequence[ChordSpan], tick: int) -> int:
    """The index of the span sounding at `tick` (the first or last span outside them)."""
    index = bisect.bisect_right([span.start for span in spans], tick) - 1
    return min(max(index, 0), len(spans) - 1)
