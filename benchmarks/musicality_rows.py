"""The rows of the musicality tables: which measure, how it is shown, and for which presets.

A preset gets the rows that mean something for its ensemble: voice leading needs two pitched
voices, the running-eighths row is a reel's, the drum rows need a drum voice. A row that
applies but has nothing to count in one column (no held-out works, no 4/4 bar) shows '—'.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Literal

import numpy as np

from benchmarks.musicality_ensemble import (
    backbeat_bars,
    bass_in_key,
    bass_on_root_or_fifth,
    bass_onsets_per_bar,
    bass_repeated_notes,
    bass_root_on_downbeats,
    bass_short_notes,
    beat_score,
    four_on_the_floor,
    hand_percussion,
    steady_eighths,
    toms_and_crashes,
)
from benchmarks.musicality_measures import (
    Ratio,
    big_leaps,
    chord_beats,
    clipped_notes,
    clusters,
    commonest_pitch,
    in_scale,
    key_matches,
    long_final_note,
    mean_pitch,
    near_repeat_bars,
    parallel_perfects,
    pentatonic_share,
    pitch_range,
    pooled,
    repeated_notes,
    sounding_share,
    sparse_melody_bars,
    step_share,
    tonic_ending,
    unisons,
    varied_melody_bars,
    voice_crossings,
)
from benchmarks.musicality_verdict import CONFIDENCE, DRAWS, MIN_HUMAN_WORKS, SEED
from engine.compose.plan import STYLE_PLANS
from engine.compose.presets import Preset, Voice
from engine.song.song import Song

Kind = Literal["share", "per100", "mean"]
DASH = "—"


@dataclass(frozen=True)
class Row:
    label: str
    kind: Kind
    measure: Callable[[Song], Ratio | None]
    whole: bool = False
    """Measured on a held-out work as a whole (how it ends), not on its first bars."""
    per_song: bool = True
    """Whether one song's value is a figure of its own (a share of its bars, its range) rather
    than a yes or no, so that the human works' spread says something (`human_spread`)."""


def is_pentatonic_style(style: str | None) -> bool:
    """Whether a style is planned in the pentatonic (`StylePlan.harmony`: the Chinese one)."""
    plan = STYLE_PLANS.get(style or "")
    return plan is not None and plan.harmony == "pentatonic"


def voice_is_drum(voice: Voice) -> bool:
    """Whether a preset voice is a drum kit (presets gain drum voices with an `is_drum`)."""
    return bool(getattr(voice, "is_drum", False))


def rows_for(name: str, preset: Preset) -> list[Row]:
    """The measures that apply to a preset's ensemble, in the order they are printed."""
    pitched = [voice for voice in preset.voices if not voice_is_drum(voice)]
    rows = [
        Row("key: estimated = declared (songs)", "share", key_matches, per_song=False),
        Row("notes in the declared scale", "share", in_scale),
        Row("near-repeat bars (Jaccard >= 0.8)", "share", near_repeat_bars),
        Row("ends on the tonic (songs)", "share", tonic_ending, whole=True, per_song=False),
        Row("long final note (songs)", "share", long_final_note, whole=True, per_song=False),
        Row("steps (1-2 semitones) of moves", "share", step_share),
        Row("melody: repeated notes of its onsets", "share", repeated_notes),
        Row("melody: onsets on its commonest pitch", "share", commonest_pitch),
        Row("melody: bars of one onset or none", "share", sparse_melody_bars),
        Row("melody: bars off its usual onset count", "share", varied_melody_bars),
        Row("leaps over an octave per 100 moves", "per100", big_leaps),
        Row("clusters (>= 5 at once) per song", "mean", clusters),
        Row("notes shorter than a 32nd", "share", clipped_notes),
        Row("parts sounding (sampled 16ths)", "share", sounding_share),
    ]
    if len(pitched) >= 2:
        rows += [
            Row("voice crossing (sampled 16ths)", "share", voice_crossings),
            Row("adjacent voices in unison (sampled 16ths)", "share", unisons),
            Row("parallel 5ths/8ves per 100 joint moves", "per100", parallel_perfects),
            Row("beats sounding one chord (3+ parts)", "share", chord_beats),
            Row("bass on root/5th at strong beats", "share", bass_on_root_or_fifth),
            Row("bass on the chord's root at the downbeat", "share", bass_root_on_downbeats),
            Row("bass notes in key", "share", bass_in_key),
            Row("bass: onsets a bar it plays", "mean", bass_onsets_per_bar),
            Row("bass: repeated notes of its onsets", "share", bass_repeated_notes),
            Row("bass: notes shorter than an eighth", "share", bass_short_notes),
        ]
    rows += [
        Row(f"range: {voice.name} (semitones)", "mean", partial(pitch_range, voice=index))
        for index, voice in enumerate(pitched)
    ]
    if len(pitched) >= 2:
        rows += [
            Row(f"register: {voice.name} (mean pitch)", "mean", partial(mean_pitch, voice=index))
            for index, voice in enumerate(pitched)
        ]
    if "reel" in name:
        rows.append(Row("steady-eighth bars", "share", steady_eighths))
    if is_pentatonic_style(preset.style):
        rows.append(Row("notes in the signature's pentatonic", "share", pentatonic_share))
    if any(voice_is_drum(voice) for voice in preset.voices):
        rows += [
            Row("drums: beat score per 4/4 bar (0-1)", "mean", beat_score),
            Row("drums: backbeat bars (kick 1, snare 2+4)", "share", backbeat_bars),
            Row("drums: four-on-the-floor bars", "share", four_on_the_floor),
            Row("drums: hand percussion (GM 60-81) of hits", "share", hand_percussion),
            Row("drums: toms and crashes of hits", "share", toms_and_crashes),
        ]
    return rows


def song_ratios(row: Row, songs: Sequence[tuple[Song, Song]]) -> list[Ratio | None]:
    """The row's ratio for each (excerpt, whole) song pair; None where nothing counted."""
    return [row.measure(whole if row.whole else excerpt) for excerpt, whole in songs]


def measure_column(row: Row, songs: Sequence[tuple[Song, Song]]) -> float | None:
    """A row's pooled value over (excerpt, whole) song pairs; None when nothing counted."""
    return pooled(song_ratios(row, songs))


@dataclass(frozen=True)
class Spread:
    """The lowest and highest value of a row over the single human works, and how many of the
    model's songs fall inside that span (of how many had a value). For a yes-or-no row
    (`pooled`), the central `CONFIDENCE` interval of the human works' share over redrawn works,
    and whether the model's share lies in it (`inside` 1 or 0 of `songs` 1)."""

    low: float
    high: float
    inside: int
    songs: int
    pooled: bool = False


def song_values(row: Row, songs: Sequence[tuple[Song, Song]]) -> list[float]:
    """The row's value for each song that had something to count."""
    values = []
    for excerpt, whole in songs:
        ratio = row.measure(whole if row.whole else excerpt)
        if ratio is not None and ratio.total:
            values.append(ratio.hits / ratio.total)
    return values


def human_spread(
    row: Row, human: Sequence[tuple[Song, Song]], model: Sequence[tuple[Song, Song]]
) -> Spread | None:
    """Where the human works of a style lie on a row, one by one, and how many model songs lie
    there too: "within the human range" made a count. None with fewer than two human works to
    span. A yes-or-no row (how a song ends) has no spread of its own per work, so there the
    range is the human share's over redrawn works (`flag_interval`)."""
    if not row.per_song:
        return flag_interval(row, human, model)
    works = song_values(row, human)
    if len(works) < 2:
        return None
    low, high = min(works), max(works)
    mine = song_values(row, model)
    inside = sum(1 for value in mine if low - 1e-9 <= value <= high + 1e-9)
    return Spread(low, high, inside, len(mine))


def flag_interval(
    row: Row, human: Sequence[tuple[Song, Song]], model: Sequence[tuple[Song, Song]]
) -> Spread | None:
    """For a yes-or-no row, the range a held-out set of this many works gives the human share:
    the works drawn again with replacement (`DRAWS` times, seeded as the verdicts are), its
    central `CONFIDENCE` interval, and whether the model's share lies in it. None with fewer
    than `MIN_HUMAN_WORKS` works (two quartets say nothing of a range) or no model songs."""
    works, mine = song_values(row, human), song_values(row, model)
    if len(works) < MIN_HUMAN_WORKS or not mine:
        return None
    rng = np.random.default_rng(SEED)
    shares = np.asarray(works)[rng.integers(0, len(works), size=(DRAWS, len(works)))].mean(axis=1)
    tail = (1.0 - CONFIDENCE) / 2
    low, high = (float(q) for q in np.quantile(shares, [tail, 1.0 - tail]))
    share = float(np.mean(mine))
    return Spread(low, high, int(low - 1e-9 <= share <= high + 1e-9), 1, pooled=True)


def show_spread(spread: Spread | None, kind: Kind) -> tuple[str, str]:
    """The spread's two cells: the human works' span, and the model songs inside it (for a
    yes-or-no row, the redrawn human share's interval, and whether the model's share is in)."""
    if spread is None:
        return DASH, DASH
    span = f"{show(spread.low, kind)}-{show(spread.high, kind)}"
    if spread.pooled:
        return f"{span} (redrawn)", "share in" if spread.inside else "share out"
    return span, f"{spread.inside}/{spread.songs}"


def show(value: float | None, kind: Kind) -> str:
    if value is None:
        return DASH
    if kind == "share":
        return f"{100 * value:.0f}%"
    if kind == "per100":
        return f"{100 * value:.1f}"
    return f"{value:.2f}" if value < 10 else f"{value:.1f}"
