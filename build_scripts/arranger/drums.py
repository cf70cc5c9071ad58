"""The drum part: looped Groove MIDI bars per section, fills at phrase ends, crashes on section
starts, and hand-written patterns where the dataset has no fitting groove.

Why hand-written patterns at all: the Groove MIDI Dataset has almost no dance music, so house
gets the textbook four-on-the-floor (kick on every beat, open hi-hat on the off-beats, claps
on 2 and 4); a waltz (3/4) has few grooves; and a song must still get drums if a style has no
groove in the training split. Patterns are written in sixteenths from General MIDI keys.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from build_scripts.arranger.form import Section
from build_scripts.arranger.grooves import (
    BEAT_TOLERANCE,
    EARLY_TICKS,
    GrooveLibrary,
    Loop,
    nearest_tempo,
)
from build_scripts.arranger.melody import Tone
from engine.song.drums import SNARES
from engine.song.song import PPQ

SIXTEENTH = PPQ // 4
HIT_TICKS = PPQ // 8
FOUR_FOUR_TICKS = 4 * PPQ
PHRASE_BARS = 8
MID_SECTION_FILL_CHANCE = 0.5
"""Every section ends on a fill; an 8-bar phrase inside a section ends on one half the time."""
CRASH = 49
KICK = 36
Pattern = Mapping[int, tuple[tuple[int, int], ...]]
"""GM key -> ((sixteenth, velocity), ...)."""


def _row(steps: Sequence[int], velocity: int, accent: int = 0) -> tuple[tuple[int, int], ...]:
    """Hits on these sixteenths; those on a beat get `accent` more velocity."""
    return tuple((step, velocity + (accent if step % 4 == 0 else 0)) for step in steps)


FOUR = (0, 4, 8, 12)
OFFBEATS = (2, 6, 10, 14)
PROGRAMMED: dict[str, Pattern] = {
    "house_intro": {36: _row(FOUR, 110), 46: _row(OFFBEATS, 78), 42: _row(range(0, 16, 4), 55)},
    "house_verse": {36: _row(FOUR, 112), 39: _row((4, 12), 96), 46: _row(OFFBEATS, 80),
                    42: _row((1, 3, 5, 7, 9, 11, 13, 15), 50)},
    "house_busy": {36: _row(FOUR, 115), 39: _row((4, 12), 100), 38: _row((4, 12), 70),
                   46: _row(OFFBEATS, 85), 42: _row(range(16), 55, 10), 54: _row(OFFBEATS, 60)},
    "house_fill": {36: _row(FOUR, 112), 46: _row((2, 6), 80),
                   38: tuple((step, 60 + 6 * (step - 8)) for step in range(8, 16))},
    "backbeat_verse": {36: _row((0, 8, 10), 100), 38: _row((4, 12), 105),
                       42: _row(range(0, 16, 2), 70, 12)},
    "backbeat_busy": {36: _row((0, 6, 8, 10), 105), 38: _row((4, 12), 110),
                      51: _row(range(0, 16, 2), 72, 12), 46: _row((14,), 75)},
    "backbeat_fill": {36: _row((0,), 100), 38: _row((4, 8, 9, 10, 11, 12), 100),
                      48: _row((13,), 100), 45: _row((14,), 100), 43: _row((15,), 105),
                      42: _row((0, 2), 70)},
    "waltz_verse": {36: _row((0,), 95), 37: _row((4, 8), 80), 42: _row((0, 4, 8), 65, 10)},
    "waltz_busy": {36: _row((0, 6), 100), 38: _row((4, 8), 95), 51: _row(range(0, 12, 2), 70, 10)},
    "waltz_fill": {36: _row((0,), 95), 38: _row((4, 5, 6, 7), 90), 48: _row((8, 9), 95),
                   45: _row((10,), 95), 43: _row((11,), 100)},
}  # fmt: skip


def pattern_bar(name: str, bar_ticks: int) -> tuple[Tone, ...]:
    """A hand-written pattern as one bar of hits (sixteenths past the bar are dropped)."""
    hits = [
        Tone(step * SIXTEENTH, key, HIT_TICKS, velocity)
        for key, row in PROGRAMMED[name].items()
        for step, velocity in row
        if step * SIXTEENTH < bar_ticks
    ]
    return tuple(sorted(hits))


@dataclass(frozen=True)
class DrumMaterial:
    """What a song's drummer plays: a verse loop, a busier chorus loop and fills (each None
    where the hand-written `family` patterns stand in)."""

    family: str
    """'house', 'backbeat' or 'waltz': the hand-written patterns used where a loop is None."""
    verse: Loop | None = None
    chorus: Loop | None = None
    fills: tuple[Loop, ...] = ()

    @property
    def loop_ids(self) -> set[str]:
        """The Groove MIDI items the verse and chorus loops come from."""
        return {loop.groove_id for loop in (self.verse, self.chorus) if loop is not None}


def choose_material(
    library: GrooveLibrary | None,
    genres: Sequence[str],
    *,
    bar_ticks: int,
    bpm: float,
    backbeat: bool,
    programmed: bool,
    rng: random.Random,
) -> DrumMaterial:
    """Two beats of the style's genres (the denser one for the chorus) and up to three fills;
    hand-written patterns for house, or when no training groove fits."""
    family = "house" if programmed else "waltz" if bar_ticks == 3 * PPQ else "backbeat"
    if programmed or library is None:
        return DrumMaterial(family)
    meter = (bar_ticks // PPQ, 4)
    beats = library.matching(genres, "beat", meter, backbeat)
    loops = []
    for _ in range(6 if beats else 0):
        loop = library.loop(nearest_tempo(beats, bpm, rng), bar_ticks, backbeat, rng)
        if loop is not None:
            loops.append(loop)
        if len(loops) == 2:
            break
    if not loops:
        return DrumMaterial(family)
    verse, chorus = sorted(loops[:2] if len(loops) > 1 else loops * 2, key=lambda lp: lp.density)
    fill_items = library.matching(genres, "fill", (4, 4))
    fills = [
        library.fill(rng.choice(fill_items), FOUR_FOUR_TICKS) for _ in range(3 if fill_items else 0)
    ]
    return DrumMaterial(family, verse, chorus, tuple(fill for fill in fills if fill is not None))


FILL_LENGTHS = ((0.5, 0.6), (0.25, 0.25), (1.0, 0.15))
"""(share of the bar a fill takes, how often): mostly the last two beats, as drummers do."""


def _spliced_fill(
    base: Sequence[Tone], fill: Loop | None, bar_ticks: int, family: str, rng: random.Random
) -> list[Tone]:
    """The bar's groove up to the fill, then the fill's end (its last half, last beat or
    all of it), a hand-written one where there is no recorded fill."""
    lengths, weights = zip(*FILL_LENGTHS, strict=True)
    share = rng.choices(lengths, weights)[0]
    cut = bar_ticks - round(bar_ticks * share / PPQ) * PPQ
    if fill is None:
        source: Sequence[Tone] = pattern_bar(f"{family}_fill", bar_ticks)
        shift = 0
    else:
        source, shift = fill.bars[0], bar_ticks - FOUR_FOUR_TICKS
    kept = [tone for tone in base if tone.start < cut - EARLY_TICKS]
    added = [
        tone._replace(start=tone.start + shift)
        for tone in source
        if tone.start + shift >= cut - EARLY_TICKS
    ]
    return kept + added + _landing_snare(base, added, bar_ticks)


def _landing_snare(base: Sequence[Tone], fill: Sequence[Tone], bar_ticks: int) -> list[Tone]:
    """The groove's snare on the bar's last beat, where the fill has no snare there: a band
    keeps its backbeat through a fill (one hand on the snare, the other on the toms)."""
    last_beat = bar_ticks - PPQ
    if any(tone.pitch in SNARES and abs(tone.start - last_beat) <= BEAT_TOLERANCE for tone in fill):
        return []
    return [
        tone
        for tone in base
        if tone.pitch in SNARES and abs(tone.start - last_beat) <= BEAT_TOLERANCE
    ]


def _base_bar(
    material: DrumMaterial, section: Section, index: int, bar_ticks: int
) -> Sequence[Tone]:
    loop = material.chorus if section.busy else material.verse
    if loop is not None:
        return loop.bars[index % len(loop.bars)]
    if material.family == "house" and section.name == "intro":
        return pattern_bar("house_intro", bar_ticks)
    return pattern_bar(f"{material.family}_{'busy' if section.busy else 'verse'}", bar_ticks)


def drum_part(
    sections: Sequence[Section],
    bar_ticks: int,
    material: DrumMaterial,
    rng: random.Random,
) -> tuple[list[Tone], tuple[str, ...]]:
    """Every bar's hits (absolute ticks): loops, fills at section ends (and some 8-bar phrase
    ends), a crash on each section's first beat, and a last bar that stops on a crash and
    kick; and the ids of the grooves heard (for the manifest's credits)."""
    tones: list[Tone] = []
    used = material.loop_ids
    last_bar = sections[-1].end_bar - 1
    for section in sections:
        for index in range(section.bars):
            bar = section.start_bar + index
            hits: Sequence[Tone] = _base_bar(material, section, index, bar_ticks)
            if bar == last_bar:
                hits = [Tone(0, CRASH, 2 * PPQ, 112), Tone(0, KICK, HIT_TICKS, 110)]
            elif index == section.bars - 1 or (
                (index + 1) % PHRASE_BARS == 0 and rng.random() < MID_SECTION_FILL_CHANCE
            ):
                fill = rng.choice(material.fills) if material.fills else None
                hits = _spliced_fill(hits, fill, bar_ticks, material.family, rng)
                used |= {fill.groove_id} if fill is not None else set()
            if index == 0 and (section.name != "intro" or rng.random() < 0.5):
                hits = [*hits, Tone(0, CRASH, 2 * PPQ, rng.randint(100, 118))]
            start = bar * bar_ticks
            tones.extend(tone._replace(start=tone.start + start) for tone in hits)
    return tones, tuple(sorted(used))
