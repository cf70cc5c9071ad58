"""The band's pitched parts over the chord spans: melody register, comping, bass and pad.

Why registers are decided here: parts that share an octave mask each other, so the bass keeps
to E1-E3, the comping to C3-C5 (lowered under a low tune), the pad just above it, and the
melody is moved by octaves to sit above the comping and inside its instrument. Patterns are
drawn once per song for its quiet sections (intro, verse, outro) and once for its busy ones
(chorus, bridge), so a song keeps its groove and still builds.
"""

from __future__ import annotations

import random
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from build_scripts.arranger.bass import bass_bar, span_roots
from build_scripts.arranger.bass import waltz_pattern as waltz_bass
from build_scripts.arranger.comping import comp_bar, pad_part, power_chords, voicings_for
from build_scripts.arranger.comping import waltz_pattern as waltz_comp
from build_scripts.arranger.form import Section
from build_scripts.arranger.harmony import ChordSpan, HarmonyPlan
from build_scripts.arranger.melody import PENTATONIC_STEPS, Tone
from build_scripts.arranger.specs import StyleSpec
from engine.song.gm import playable_range
from engine.song.song import PPQ

COMP_REGISTER = (48, 72)
PAD_REGISTER = (52, 74)
POWER_REGISTER = (40, 64)
BASS_LOW = 28
MELODY_FLOOR = 62
"""The lowest note the tune should reach: above the middle of the comping."""
ALWAYS_PADDED = ("cinematic", "ballad")


@dataclass(frozen=True)
class Band:
    """The instruments and patterns of one song."""

    melody: int
    chords: int
    bass: int
    pad: int | None
    comp: tuple[str, str]
    """(quiet, busy) comping patterns."""
    bass_line: tuple[str, str]
    """(quiet, busy) bass patterns."""


def choose_band(spec: StyleSpec, rng: random.Random) -> Band:
    pad = (
        rng.choice(spec.pad_programs)
        if spec.pad_programs and rng.random() < spec.pad_chance
        else None
    )
    return Band(
        melody=rng.choice(spec.melody_programs),
        chords=rng.choice(spec.chord_programs),
        bass=rng.choice(spec.bass_programs),
        pad=pad,
        comp=(rng.choice(spec.comp_verse), rng.choice(spec.comp_chorus)),
        bass_line=(rng.choice(spec.bass_verse), rng.choice(spec.bass_chorus)),
    )


def placed_melody(tones: Sequence[Tone], program: int, rng: random.Random) -> list[Tone]:
    """The tune moved by whole octaves to lie inside its instrument and above `MELODY_FLOOR`,
    as near the instrument's singing middle as that allows."""
    if not tones:
        return []
    low, high = playable_range(program)
    pitches = [tone.pitch for tone in tones]
    middle = min(max((low + high) / 2, MELODY_FLOOR + 10), 76)

    def cost(shift: int) -> float:
        outside = sum(1 for p in pitches if not low <= p + shift <= high)
        below = sum(1 for p in pitches if p + shift < MELODY_FLOOR)
        return 10 * outside + below + abs(statistics.median(pitches) + shift - middle) / 6

    shifts = sorted(range(-36, 37, 12), key=lambda shift: (cost(shift), rng.random()))
    return [tone._replace(pitch=tone.pitch + shifts[0]) for tone in tones]


def _register(base: tuple[int, int], program: int, top: int | None = None) -> tuple[int, int]:
    low, high = playable_range(program)
    register = (max(base[0], low), min(base[1], high, top if top is not None else base[1]))
    return register if register[1] - register[0] >= 12 else (low, low + 24)


def _pentatonic_colours(plan: HarmonyPlan) -> dict[int, int] | None:
    """For pentatonic harmony, the 'add 2' of each chord whose second is pentatonic (the open,
    suspended sound of the guzheng), by root."""
    if plan.harmony != "pentatonic":
        return None
    major_tonic = (plan.key.tonic + (3 if plan.key.minor else 0)) % 12
    scale = {(major_tonic + step) % 12 for step in PENTATONIC_STEPS}
    return {root: (root + 2) % 12 for root in range(12) if (root + 2) % 12 in scale}


def _patterns(band: Band, section: Section, beats: int, final: bool) -> tuple[str, str]:
    """(comping, bass) patterns of one bar: busy or quiet, in waltz form for 3/4, held at
    the very end."""
    if final:
        return "block_whole", "whole"
    comp, bass = (
        (band.comp[1], band.bass_line[1]) if section.busy else (band.comp[0], band.bass_line[0])
    )
    if beats == 3:
        return waltz_comp(comp), waltz_bass(bass)
    return comp, bass


def band_parts(
    spec: StyleSpec,
    band: Band,
    plan: HarmonyPlan,
    *,
    sections: Sequence[Section],
    spans: Sequence[ChordSpan],
    lead: list[Tone],
    rng: random.Random,
) -> list[tuple[str, int, list[Tone]]]:
    """(track name, program, tones) of Melody, Chords, Bass and, if the band has one, Pad."""
    top = _top_under(lead)
    comp = _comping(band, plan, sections, spans, top=top, rng=rng)
    bass = _bass(band, plan, sections, spans, rng)
    result = [
        ("Melody", band.melody, lead),
        ("Chords", band.chords, comp),
        ("Bass", band.bass, bass),
    ]
    if band.pad is not None:
        pad = _pad(spec, band.pad, sections, spans, bar_ticks=plan.bar_ticks, top=top, rng=rng)
        result.append(("Pad", band.pad, pad))
    return result


def _comping(
    band: Band,
    plan: HarmonyPlan,
    sections: Sequence[Section],
    spans: Sequence[ChordSpan],
    *,
    top: int,
    rng: random.Random,
) -> list[Tone]:
    """The chord instrument in every bar, voiced in C3-C5 under `top`."""
    colours = _pentatonic_colours(plan)
    voicings = voicings_for(spans, _register(COMP_REGISTER, band.chords, top), rng, colours)
    powers = power_chords(spans, _register(POWER_REGISTER, band.chords))
    velocity = rng.randint(58, 72)
    tones: list[Tone] = []
    for section, bar, final in _bars(sections):
        name = _patterns(band, section, plan.bar_ticks // PPQ, final)[0]
        tones += comp_bar(name, bar * plan.bar_ticks, plan.bar_ticks, spans=spans,
                          voicings=voicings, powers=powers, velocity=velocity)  # fmt: skip
    return tones


def _bass(
    band: Band,
    plan: HarmonyPlan,
    sections: Sequence[Section],
    spans: Sequence[ChordSpan],
    rng: random.Random,
) -> list[Tone]:
    """The bass in every bar but the intro's (which is chords and drums only)."""
    register = _register((BASS_LOW, 52), band.bass)
    roots = span_roots(spans, register[0], rng)
    velocity = rng.randint(80, 94)
    tones: list[Tone] = []
    for section, bar, final in _bars(sections):
        if section.name == "intro":
            continue
        name = _patterns(band, section, plan.bar_ticks // PPQ, final)[1]
        tones += bass_bar(name, bar * plan.bar_ticks, plan.bar_ticks, spans=spans, roots=roots,
                          key=plan.key, rng=rng, velocity=velocity, register=register)  # fmt: skip
    return tones


def _top_under(lead: Sequence[Tone]) -> int:
    """The highest note the accompaniment should reach: two semitones under the tune's
    middle note (so the tune sits on top), within D4-C5."""
    if not lead:
        return COMP_REGISTER[1]
    return min(COMP_REGISTER[1], max(62, int(statistics.median(t.pitch for t in lead)) - 2))


def _bars(sections: Sequence[Section]) -> list[tuple[Section, int, bool]]:
    """(section, bar, is the song's last bar) for every bar in order."""
    last = sections[-1].end_bar - 1
    return [(s, bar, bar == last) for s in sections for bar in range(s.start_bar, s.end_bar)]


def _pad(
    spec: StyleSpec,
    program: int,
    sections: Sequence[Section],
    spans: Sequence[ChordSpan],
    *,
    bar_ticks: int,
    top: int,
    rng: random.Random,
) -> list[Tone]:
    """Held chords in the busy sections and the outro (in every section for the styles
    built on sustained strings)."""
    voicings = voicings_for(spans, _register(PAD_REGISTER, program, top), rng)
    velocity = rng.randint(44, 58)
    tones: list[Tone] = []
    for section in sections:
        if spec.name in ALWAYS_PADDED or section.busy or section.name == "outro":
            tones += pad_part(
                spans,
                voicings,
                section.start_bar * bar_ticks,
                section.end_bar * bar_ticks,
                velocity,
            )
    return tones
