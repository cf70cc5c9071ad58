"""Set one public-domain melody in one band style: the whole arrangement as a Song.

Why in this order: the key and the chords come first (everything else hangs on them), then
the form says which bars carry the tune, then each part is written over the chord spans
(voicings led from chord to chord, bass lines from patterns, drums from grooves), and last
the feel (swing, humanised timing) and the clean-up that keeps every note playable. Every
choice draws on the one `random.Random` passed in, so a seed gives the same song every time.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from build_scripts.arranger import parts
from build_scripts.arranger.chords import Key
from build_scripts.arranger.drums import choose_material, drum_part
from build_scripts.arranger.feel import finished_notes, humanise, monophonic, swing
from build_scripts.arranger.form import Section, plan_form, total_bars
from build_scripts.arranger.grooves import GrooveLibrary
from build_scripts.arranger.harmony import (
    ChordSpan,
    HarmonyPlan,
    best_degrees,
    free_degrees,
    spans_for,
)
from build_scripts.arranger.melody import Melody, Tone, pentatonic, transposed
from build_scripts.arranger.specs import StyleSpec, spec_for
from engine.errors import TesseraError
from engine.song.song import KeySignatureChange, Song, TempoChange, TimeSignatureChange, Track
from engine.song.styles import style_named

TRANSPOSE_CHANCE = 0.6
PHRASE_BARS = 4


class ArrangeError(TesseraError):
    """A melody that a style cannot take (a 3/4 tune for a style that needs 4/4)."""


@dataclass(frozen=True)
class Arrangement:
    song: Song
    groove_ids: tuple[str, ...]
    """The Groove MIDI items whose drumming the song uses (empty: hand-written drums)."""
    melody_work_id: str
    chords: tuple[ChordSpan, ...] = ()
    """The chord under every bar (ticks of the song): what the parts were written over."""


def prepared_melody(melody: Melody, spec: StyleSpec, rng: random.Random) -> Melody:
    """The tune in a random key near its own (so keys vary) and, for the Chinese style, on
    the major pentatonic of that key."""
    if melody.beats_per_bar == 3 and not spec.waltz:
        raise ArrangeError(f"{spec.name} needs 4/4 and {melody.work_id} is in 3/4")
    if rng.random() < TRANSPOSE_CHANCE:
        melody = transposed(melody, rng.choice((-5, -4, -3, -2, -1, 1, 2, 3, 4, 5, 6)))
    return pentatonic(melody) if spec.harmony == "pentatonic" else melody


def harmony_plan(melody: Melody, spec: StyleSpec, rng: random.Random) -> HarmonyPlan:
    """The song's key, chord set, template and how often chords may change."""
    key = Key(melody.tonic, melody.key.mode == "minor")
    templates = spec.minor_templates if key.minor else spec.major_templates
    half_bars = melody.beats_per_bar == 4 and rng.random() < spec.half_bar_chance
    return HarmonyPlan(
        key,
        spec.harmony,
        rng.choice(templates),
        2 if half_bars else 1,
        melody.bar_ticks,
        PHRASE_BARS,
    )


def song_spans(
    plan: HarmonyPlan, melody: Melody, sections: Sequence[Section], rng: random.Random
) -> list[ChordSpan]:
    """Chord spans for every bar: the melody's harmony where the tune plays, a progression
    from the template (leading in, leaving home or closing) elsewhere."""
    degrees = best_degrees(plan, melody.tones, melody.bars, rng)
    spans: list[ChordSpan] = []
    per_bar = plan.slots_per_bar
    for section in sections:
        if section.melody_bar is None:
            chosen = free_degrees(plan, section.bars, section.name, rng)
        else:
            first = section.melody_bar * per_bar
            chosen = degrees[first : first + section.bars * per_bar]
        spans.extend(spans_for(plan, chosen, section.start_bar * plan.bar_ticks))
    return spans


def melody_tones(melody: Melody, sections: Sequence[Section], velocity: int) -> list[Tone]:
    """The tune placed in each section that carries it (a pickup goes before the section)."""
    bar_ticks = melody.bar_ticks
    tones: list[Tone] = []
    for section in sections:
        if section.melody_bar is None:
            continue
        first, last = section.melody_bar * bar_ticks, section.end_bar * bar_ticks
        shift = section.start_bar * bar_ticks - first
        for tone in melody.tones:
            in_section = first <= tone.start < first + section.bars * bar_ticks
            if in_section or (section.melody_bar == 0 and tone.start < 0):
                accent = 6 if tone.start % bar_ticks == 0 else 0
                start = tone.start + shift
                tones.append(
                    Tone(start, tone.pitch, min(tone.duration, last - start), velocity + accent)
                )
    return monophonic(tones)


def arrange(
    melody: Melody, style: str, rng: random.Random, library: GrooveLibrary | None
) -> Arrangement:
    """The whole arrangement of `melody` in `style` (raises ArrangeError if it cannot)."""
    spec = spec_for(style)
    melody = prepared_melody(melody, spec, rng)
    plan = harmony_plan(melody, spec, rng)
    sections = plan_form(melody.bars, rng)
    spans = song_spans(plan, melody, sections, rng)
    bpm = float(rng.randint(*spec.tempo))
    band = parts.choose_band(spec, rng)
    bar_ticks = melody.bar_ticks
    lead = parts.placed_melody(
        melody_tones(melody, sections, rng.randint(84, 100)), band.melody, rng
    )
    pitched = parts.band_parts(spec, band, plan, sections=sections, spans=spans, lead=lead, rng=rng)
    material = choose_material(
        library,
        style_named(style).groove_genres,
        bar_ticks=bar_ticks,
        bpm=bpm,
        backbeat=spec.backbeat,
        programmed=spec.programmed_drums,
        rng=rng,
    )
    drums, groove_ids = drum_part(sections, bar_ticks, material, rng)
    if material.verse is None:
        drums = humanise(swing(drums) if spec.swing else drums, rng, timing=5)
    song = _song(
        melody,
        style,
        bpm=bpm,
        bars=total_bars(sections),
        pitched=pitched,
        drums=drums,
        rng=rng,
        swung=spec.swing,
    )
    return Arrangement(song, groove_ids, melody.work_id, tuple(spans))


def _song(
    melody: Melody,
    style: str,
    *,
    bpm: float,
    bars: int,
    pitched: Sequence[tuple[str, int, list[Tone]]],
    drums: list[Tone],
    rng: random.Random,
    swung: bool,
) -> Song:
    """The Song: pitched tracks (swung and humanised), then the drums."""
    end = bars * melody.bar_ticks
    tracks = []
    for name, program, tones in pitched:
        felt = humanise(swing(tones) if swung else tones, rng)
        tracks.append(Track(name, program, notes=finished_notes(felt, program, False, end)))
    drum_notes = finished_notes(drums, 0, True, end)
    tracks.insert(3, Track("Drums", 0, is_drum=True, notes=drum_notes))
    key = KeySignatureChange(0, melody.key.sharps_flats, melody.key.mode)
    return Song(
        title=f"Arranged: {melody.title} ({style})",
        bar_count=bars,
        tracks=tuple(tracks),
        tempos=(TempoChange(0, bpm),),
        time_signatures=(TimeSignatureChange(0, melody.beats_per_bar, 4),),
        key_signatures=(key,),
        style=style,
    )
