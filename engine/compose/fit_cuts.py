"""Fit a new song to a video: tempo and bar layout so that section boundaries land on cuts.

A section of `n` bars of `q` quarter notes between two times `a` and `b` has the tempo
`n * q * 60 / (b - a)`, so a section that starts and ends on cuts hits them exactly; the song
may change tempo where a section starts (Song keeps a tempo map). The choice is a shortest
path over the cuts (`fit_cuts`): each step is one section from a cut (or the start) to a later
cut (or the end) in a whole number of bars at a tempo inside the style's range
(`presets/forms.toml`). A step costs for a tempo far from the preset's (`TEMPO_COST`), a
tempo change from the section before (`CHANGE_COST`), an unusual length (`LENGTH_COST`: 4 and
8 bars are the norm) and each cut it passes over (`SKIP_COST`; cuts closer than a bar cannot
all be section boundaries). The path ends exactly at the video's end, so the song lasts exactly
as long; the song then closes on its cadence like any new song.

A short video may have no whole number of bars inside the range (7 s of 4/4 at 70-95 BPM is
2.06-2.77 bars): a tempo up to `STRETCH` times outside the range is then allowed at a cost
that grows fast with the distance (`OUTSIDE_COST`, `OUTSIDE_SLOPE`).

Sections longer than `MAX_SECTION_BARS` (a long shot) are split into 8-bar phrases at the same
tempo. Each section's role follows the picture's energy over it (`role_for`): the role among
the style's (and verse and chorus) whose usual energy is nearest; its exact energy is the
picture's, and the notes are written at it (`CutFit.energies`, `Generate.energies`). A
video without cuts is fitted by the style's own forms (`engine.compose.fit`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from engine.compose.controls import ComposeError
from engine.compose.fit import fit_length, quarters_per_bar
from engine.compose.forms import MAX_FORM_BARS, STYLE_FORMS, FormPart, form_sections, form_text
from engine.song.sections import DEFAULT_ENERGY
from engine.words import QT_TRANSLATE_NOOP

TEMPO_COST = 2.0
CHANGE_COST = 0.5
CHANGE_SLOPE = 4.0
SKIP_COST = 3.0
LENGTH_COST = {4: 0.0, 8: 0.0, 2: 0.4, 16: 0.3, 12: 0.3, 6: 0.4, 3: 0.8, 1: 2.0}
OTHER_LENGTH_COST = 1.0
STRETCH = 1.3
OUTSIDE_COST = 1.0
OUTSIDE_SLOPE = 20.0
MAX_SECTION_BARS = 16
MAX_BARS_PER_STEP = 64
MAX_SKIPPED = 12
"""The most cuts one section may pass over (bounds the search; fast cutting needs some)."""
SAME_TEMPO = 1e-4
"""Tempos whose log ratio is within this are one tempo (no change is written)."""
ENERGY_ROLES = ("verse", "chorus")
"""Roles every fit may use beside the style's own."""

EnergyOf = Callable[[float, float], float]
"""The picture's energy (0-1) between two times."""


@dataclass(frozen=True)
class FittedSection:
    role: str
    bars: int
    tempo_bpm: float
    start_s: float
    end_s: float
    energy: float


@dataclass(frozen=True)
class CutFit:
    """The fitted song's sections, in order, and the cuts they land on."""

    sections: tuple[FittedSection, ...]
    meter: tuple[int, int]
    hit_cuts: tuple[float, ...]

    @property
    def form(self) -> str:
        return form_text([FormPart(s.role, s.bars) for s in self.sections])

    @property
    def bars(self) -> int:
        return sum(s.bars for s in self.sections)

    @property
    def energies(self) -> tuple[float, ...]:
        """Each section's exact energy, 0-1: what `Generate.energies` writes it at."""
        return tuple(round(min(max(s.energy, 0.0), 1.0), 3) for s in self.sections)

    @property
    def boundaries_s(self) -> tuple[float, ...]:
        """Where each section but the first starts, in seconds."""
        return tuple(s.start_s for s in self.sections[1:])

    def tempo_changes(self) -> list[tuple[int, float]]:
        """(first bar, tempo) where the tempo changes, the first at bar 0."""
        changes: list[tuple[int, float]] = []
        bar = 0
        for section in self.sections:
            if not changes or abs(math.log(section.tempo_bpm / changes[-1][1])) > SAME_TEMPO:
                changes.append((bar, section.tempo_bpm))
            bar += section.bars
        return changes


def fit_cuts(
    duration_s: float,
    cuts: Sequence[float],
    style: str | None,
    meter: tuple[int, int],
    preset_tempo_bpm: float,
    *,
    energy: EnergyOf,
    tempo_range: tuple[float, float] | None = None,
) -> CutFit:
    """The sections that fit a video of `duration_s` with `cuts` (see the module's notes)."""
    own = STYLE_FORMS.get(style or "", STYLE_FORMS["classical"])
    low, high = tempo_range or own.tempo_range
    q = quarters_per_bar(meter)
    shortest = q * 60.0 / high
    if duration_s < shortest:
        raise ComposeError(
            QT_TRANSLATE_NOOP(
                "FitCuts",
                "a video of {duration_s:.2f} s is shorter than one bar at {high:g} "
                "BPM, the top of the tempo range {low:g}-{high:g}: score a video of at "
                "least {shortest:.1f} s",
            ).format(duration_s=duration_s, high=high, low=low, shortest=shortest)
        )
    inside = sorted(t for t in cuts if 0.0 < t < duration_s)
    if not inside:
        try:
            return _by_form(
                duration_s, style, meter, preset_tempo_bpm, energy=energy, tempo_range=(low, high)
            )
        except ComposeError:
            pass  # too short or long for the style's forms: one section (or phrases) then
    target = min(max(preset_tempo_bpm, low), high)
    path = _shortest_path([0.0, *inside, duration_s], q, (low, high), target)
    if path is None:
        raise ComposeError(
            QT_TRANSLATE_NOOP(
                "FitCuts",
                "no bar layout fits {duration_s:.2f} s near the tempo range "
                "{low:g}-{high:g} BPM: choose another style or trim the video",
            ).format(duration_s=duration_s, low=low, high=high)
        )
    steps = [(a, b, n) for a, b, n in path]
    hits = tuple(b for _a, b, _n in steps[:-1])
    return _sections(steps, q, style, energy, meter=meter, hits=hits)


Point = tuple[int, int, int]
"""A state of the path: (this boundary, the one before, the bars between)."""


def _shortest_path(
    points: list[float], q: float, tempo_range: tuple[float, float], target: float
) -> list[tuple[float, float, int]] | None:
    """The cheapest row of (start, end, bars) steps from the first point to the last."""
    low, high = tempo_range
    best: dict[Point, tuple[float, Point | None]] = {}
    ending: dict[int, list[Point]] = {}
    last = len(points) - 1

    def _cheapest_before(
        here: Point, own: float, tempo: float
    ) -> tuple[float, Point | None] | None:
        """The cheapest way to reach `here` through a section ending where it starts."""
        start = here[1]
        found: tuple[float, Point | None] | None = None
        for before in ending.get(start, ()):
            previous = before[2] * q * 60.0 / (points[start] - points[before[1]])
            change = abs(math.log(tempo / previous))
            step = 0.0 if change <= SAME_TEMPO else CHANGE_COST + CHANGE_SLOPE * change
            total = best[before][0] + own + step
            if found is None or total < found[0]:
                found = (total, before)
        return found

    for end in range(1, last + 1):
        for start in range(end - 1, -1, -1):
            span = points[end] - points[start]
            if end - start - 1 > MAX_SKIPPED or span * low / (q * 60.0) > MAX_BARS_PER_STEP:
                break  # further starts only pass over more cuts and make longer spans
            for bars in _bar_counts(span, q, low, high):
                tempo = bars * q * 60.0 / span
                own = (
                    _outside(tempo, low, high)
                    + TEMPO_COST * abs(math.log(tempo / target))
                    + LENGTH_COST.get(bars, OTHER_LENGTH_COST)
                    + SKIP_COST * (end - start - 1)
                )
                here: Point = (end, start, bars)
                found = (own, None) if start == 0 else _cheapest_before(here, own, tempo)
                if found is not None:
                    best[here] = found
                    ending.setdefault(end, []).append(here)
    ends = [(best[state][0], state) for state in ending.get(last, ())]
    if not ends:
        return None
    state: Point | None = min(ends)[1]
    steps = []
    while state is not None:
        end, start, bars = state
        steps.append((points[start], points[end], bars))
        state = best[state][1]
    return steps[::-1]


def _outside(tempo: float, low: float, high: float) -> float:
    """What a tempo outside the style's range costs (0 inside)."""
    if low <= tempo <= high:
        return 0.0
    return OUTSIDE_COST + OUTSIDE_SLOPE * abs(math.log(tempo / (low if tempo < low else high)))


def _bar_counts(span: float, q: float, low: float, high: float) -> range:
    """The whole numbers of bars that fill `span` seconds at a tempo within low-high, widened
    by `STRETCH`."""
    low, high = low / STRETCH, high * STRETCH
    fewest = max(1, math.ceil(span * low / (q * 60.0) - 1e-9))
    most = min(MAX_BARS_PER_STEP, math.floor(span * high / (q * 60.0) + 1e-9))
    return range(fewest, most + 1)


def _sections(
    steps: Sequence[tuple[float, float, int]],
    q: float,
    style: str | None,
    energy: EnergyOf,
    *,
    meter: tuple[int, int],
    hits: tuple[float, ...],
) -> CutFit:
    """The fitted sections, long ones split into phrases, with roles from their energy."""
    pieces: list[tuple[float, float, int, float]] = []
    for start, end, bars in steps:
        tempo = bars * q * 60.0 / (end - start)
        at, left = start, bars
        for length in _phrases(bars):
            until = end if length == left else at + length * q * 60.0 / tempo
            pieces.append((at, until, length, tempo))
            at, left = until, left - length
    if sum(p[2] for p in pieces) > MAX_FORM_BARS:
        raise ComposeError(
            QT_TRANSLATE_NOOP(
                "FitCuts",
                "the video needs more than {max_form_bars} bars: score a shorter video or a part",
            ).format(max_form_bars=MAX_FORM_BARS)
        )
    roles = _roles(pieces, style, energy)
    sections = tuple(
        FittedSection(role, bars, tempo, start, end, round(energy(start, end), 3))
        for role, (start, end, bars, tempo) in zip(roles, pieces, strict=True)
    )
    return CutFit(sections, meter, hits)


def _phrases(bars: int) -> list[int]:
    """A long section as 8-bar phrases, the last taking what is left (8 to 15 bars)."""
    out = []
    while bars > MAX_SECTION_BARS:
        out.append(8)
        bars -= 8
    return [*out, bars]


def _roles(
    pieces: Sequence[tuple[float, float, int, float]], style: str | None, energy: EnergyOf
) -> list[str]:
    own = STYLE_FORMS.get(style or "", STYLE_FORMS["classical"])
    usable = {p.role for form in own.forms for p in form} | set(ENERGY_ROLES)
    usable -= {"intro", "outro", "strain"}
    roles = [role_for(energy(start, end), usable) for start, end, _b, _t in pieces]
    if len(pieces) >= 3 and pieces[0][2] <= 4 and roles[0] not in ("chorus", "drop"):
        roles[0] = "intro"
    if len(pieces) >= 3 and pieces[-1][2] <= 4 and roles[-1] not in ("chorus", "drop"):
        roles[-1] = "outro"
    return roles


def role_for(level: float, usable: set[str]) -> str:
    """The role among `usable` whose usual energy is nearest `level`."""
    return min(sorted(usable), key=lambda role: abs(DEFAULT_ENERGY[role] - level))


def _by_form(
    duration_s: float,
    style: str | None,
    meter: tuple[int, int],
    preset_tempo_bpm: float,
    *,
    energy: EnergyOf,
    tempo_range: tuple[float, float],
) -> CutFit:
    """A video without usable cuts: the style's own form fitted to its length."""
    fit = fit_length(duration_s, style, meter, preset_tempo_bpm, tempo_range=tempo_range)
    q = quarters_per_bar(meter)
    sections = []
    for section, part in zip(form_sections(fit.form), fit.form, strict=True):
        start = section.first_bar * q * 60.0 / fit.tempo_bpm
        end = start + part.bars * q * 60.0 / fit.tempo_bpm
        sections.append(
            FittedSection(part.role, part.bars, fit.tempo_bpm, start, end, energy(start, end))
        )
    return CutFit(tuple(sections), meter, ())
