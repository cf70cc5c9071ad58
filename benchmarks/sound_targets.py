"""The issue's targets for `benchmarks.sound_reference`, judged per renderer from the measured
instruments and drum keys: each a verdict ("MET" or "not met") with the numbers behind it."""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from benchmarks import sound_measures as measures

REFERENCE = "FluidSynth"


@dataclass
class Instrument:
    """One program's measures, by renderer name."""

    program: int
    distance: dict[str, float] = field(default_factory=dict)
    noise: dict[str, float] = field(default_factory=dict)
    attack: dict[str, float] = field(default_factory=dict)
    release: dict[str, measures.Release] = field(default_factory=dict)
    vibrato: dict[str, float] = field(default_factory=dict)


@dataclass
class Drum:
    """One drum key's distance, spectral centroid (Hz) and decay (s), by renderer name."""

    key: int
    distance: dict[str, float] = field(default_factory=dict)
    centroid: dict[str, float] = field(default_factory=dict)
    decay: dict[str, float] = field(default_factory=dict)


def median(values: Sequence[float]) -> float:
    kept = [v for v in values if not np.isnan(v)]
    return statistics.median(kept) if kept else float("nan")


def ratio(values: dict[str, float], name: str) -> float:
    return values[name] / values[REFERENCE] if values[REFERENCE] > 0 else float("nan")


def _within(ratio: float, tolerance: float) -> bool:
    return bool(1 / tolerance <= ratio <= tolerance) if not np.isnan(ratio) else False


def targets(
    instruments: Sequence[Instrument], drums: Sequence[Drum], names: Sequence[str]
) -> list[list[str]]:
    """One row per per-note target; a "met (numbers)" cell per judged renderer."""
    rows = []

    def verdict(met: bool, detail: str) -> str:
        return f"{'MET' if met else 'not met'} ({detail})"

    def row(goal: str, judge: Callable[[str], str]) -> None:
        rows.append([goal, *(judge(n) for n in names)])

    if instruments:

        def timbre(n: str) -> str:
            middle = median([i.distance[n] for i in instruments])
            return verdict(middle <= 4, f"{middle:.1f} dB")

        row("median instrument timbre <= 4 dB", timbre)

        def worst(n: str) -> str:
            top = max(instruments, key=lambda i: i.distance[n])
            over = sum(i.distance[n] > 6 for i in instruments)
            return verdict(
                over == 0, f"max {top.distance[n]:.1f} dB, program {top.program}; {over} over 6 dB"
            )

        row("no instrument over 6 dB", worst)

        def noise(n: str) -> str:
            gaps = [abs(i.noise[n] - i.noise[REFERENCE]) for i in instruments]
            inside = sum(g <= 6 for g in gaps)
            return verdict(
                inside == len(gaps),
                f"{inside}/{len(gaps)} within, median gap {median(gaps):.1f} dB",
            )

        row("noise between harmonics within 6 dB", noise)

        def attack(n: str) -> str:
            ratios = [i.attack[n] / i.attack[REFERENCE] for i in instruments]
            inside = sum(_within(r, 1.5) for r in ratios)
            return verdict(
                inside == len(ratios),
                f"{inside}/{len(ratios)} within, median {median(ratios):.2f}x",
            )

        row("attacks within 1.5x", attack)

        def complete(n: str) -> str:
            done = sum(i.release[n].complete for i in instruments)
            cut = sum(i.release[n].end_level_db > -60 for i in instruments)
            return verdict(
                done == len(instruments), f"{done}/{len(instruments)}; {cut} cut above -60 dB"
            )

        row("releases complete", complete)
    if drums:

        def drum(n: str) -> str:
            c = sum(_within(ratio(d.centroid, n), 1.3) for d in drums)
            d_ = sum(_within(ratio(d.decay, n), 1.3) for d in drums)
            both = sum(
                _within(ratio(d.centroid, n), 1.3) and _within(ratio(d.decay, n), 1.3)
                for d in drums
            )
            return verdict(
                both == len(drums), f"centroid {c}/{len(drums)}, decay {d_}/{len(drums)}"
            )

        row("drum keys within 30% (centroid and decay)", drum)
    return rows
