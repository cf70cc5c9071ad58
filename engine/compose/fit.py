"""Fit a new song to a length: the form and the tempo that make it end exactly when asked.

A song of `bars` bars of `q` quarter notes each at `tempo` BPM lasts `bars * q * 60 / tempo`
seconds, so once the bars are chosen the tempo that lasts `seconds` follows exactly (a float:
2 minutes of 56 bars of 4/4 is 112 BPM, 90 seconds 149.33...). What is chosen is the form: the
style's forms (`presets/forms.toml`, the usual one first), each also with its body (the parts
between an intro and an outro) played more than once, with its last section before the outro
played twice (one more chorus), with one of its repeats left out, or without its intro and
outro. Among those whose tempo lies
in the range, the one nearest the preset's own tempo and closest to the style's forms wins
(`KIND_COST`), so "2 minutes of pop" is the usual pop form at the pop band's 112 BPM. A form
the composer gave is kept; it may only be played through more than once.

The song then ends on its cadence with the melody's last note held to its end
(`engine.compose.ending.close_on_final`), so it sounds until the very last tick.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from engine.compose.controls import ComposeError
from engine.compose.forms import (
    MAX_FORM_BARS,
    STYLE_FORMS,
    Form,
    form_bars,
    form_text,
    is_role_form,
    parse_form,
)
from engine.compose.plan import FormError, check_form
from engine.compose.presets import Preset
from engine.compose.requests import Generate
from engine.words import QT_TRANSLATE_NOOP, message_of

MIN_SECONDS = 1.0
MAX_SECONDS = 3600.0
MAX_REPEATS = 16
"""The most times a form's body is played through."""
KIND_COST = 0.1
"""What straying from the style's forms costs, against a tempo's distance from the preset's
(as |log(tempo / preset tempo)|: 0.1 is about 10% faster or slower). Kinds: 0 a style's form
as written, 1 its usual form with its body played more often or its last section twice, 2
the same of another of its forms or a form with one repeat left out, 3 a form's body
alone (no intro or outro). Without it, four
minutes of pop were seven verse-chorus pairs at the band's tempo rather than the usual form
with its body played twice at 104 BPM."""


@dataclass(frozen=True)
class Fit:
    """The form and tempo of a song that lasts `seconds`."""

    form: Form
    tempo_bpm: float
    seconds: float

    @property
    def bars(self) -> int:
        return form_bars(self.form)


@dataclass(frozen=True)
class Shape:
    """A new song's length, tempo and form: a role form (`form`) or letters (`letters`, None
    for the style's)."""

    bars: int
    tempo_bpm: float
    form: Form | None = None
    letters: str | None = None


def song_shape(request: Generate, preset: Preset, style: str | None) -> Shape:
    """How long, how fast and in what form a new song is: from `seconds` by `fit_length`, else
    from a role form's bars, else from `bars` (or the preset's) with a form of letters."""
    typed = request.form if request.form is not None else preset.form
    if not 0.0 <= request.variation <= 1.0:
        raise ComposeError(
            QT_TRANSLATE_NOOP(
                "Fit", "variation {variation:g} must be from 0 (repeats exact) to 1 (all new)"
            ).format(variation=request.variation)
        )
    try:
        form = parse_form(typed, style) if typed and is_role_form(typed) else None
        if request.seconds is not None:
            return _fitted(request, preset, style, form)
    except FormError as err:
        raise ComposeError(message_of(err)) from err
    if request.tempo_range is not None:
        raise ComposeError(
            QT_TRANSLATE_NOOP(
                "Fit", "a tempo range chooses the tempo for a length: give seconds too"
            )
        )
    tempo = request.tempo_bpm or preset.tempo_bpm
    if form is None:
        return Shape(request.bars or preset.bars, tempo, None, typed)
    if request.bars is not None and request.bars != form_bars(form):
        raise ComposeError(
            QT_TRANSLATE_NOOP(
                "Fit",
                "the form {form_text} has {form_bars} bars, not the {bars} asked: "
                "leave out the bars, or give the form other lengths",
            ).format(form_text=form_text(form), form_bars=form_bars(form), bars=request.bars)
        )
    return Shape(form_bars(form), tempo, form)


def _fitted(request: Generate, preset: Preset, style: str | None, form: Form | None) -> Shape:
    """The shape of a song that lasts `request.seconds`: its own form, or one the style's; a
    tempo asked is the one aimed at (the nearest that fits is taken)."""
    assert request.seconds is not None
    if request.bars is not None:
        raise ComposeError(
            QT_TRANSLATE_NOOP(
                "Fit", "a length in seconds chooses the bars: leave out bars {bars}, or the length"
            ).format(bars=request.bars)
        )
    if form is None and request.form is not None:
        letters = check_form(request.form)
        if not letters:
            raise ComposeError(
                QT_TRANSLATE_NOOP(
                    "Fit", "a song without planned repeats ('-') cannot be fitted: give a form"
                )
            )
        form = parse_form(" ".join(letters), style)  # each strain as long as the style's
    meter = request.meter or preset.meter
    fit = fit_length(
        request.seconds,
        style,
        meter,
        request.tempo_bpm or preset.tempo_bpm,
        tempo_range=request.tempo_range,
        form=form,
    )
    return Shape(fit.bars, fit.tempo_bpm, fit.form)


def quarters_per_bar(meter: tuple[int, int]) -> float:
    numerator, denominator = meter
    return numerator * 4 / denominator


def song_seconds(bars: int, meter: tuple[int, int], tempo_bpm: float) -> float:
    """How long `bars` bars of `meter` last at `tempo_bpm` quarter notes per minute."""
    return bars * quarters_per_bar(meter) * 60.0 / tempo_bpm


def fit_length(
    seconds: float,
    style: str | None,
    meter: tuple[int, int],
    preset_tempo_bpm: float,
    *,
    tempo_range: tuple[float, float] | None = None,
    form: Form | None = None,
) -> Fit:
    """The form and tempo that last exactly `seconds` (see the module's notes). Raises
    ComposeError saying why no candidate fits and what to ask for instead."""
    if not (math.isfinite(seconds) and MIN_SECONDS <= seconds <= MAX_SECONDS):
        raise ComposeError(
            QT_TRANSLATE_NOOP(
                "Fit",
                "a song of {seconds:g} s cannot be written: ask for {min_seconds:g} s "
                "to {max_seconds:g} minutes",
            ).format(seconds=seconds, min_seconds=MIN_SECONDS, max_seconds=MAX_SECONDS / 60)
        )
    own = STYLE_FORMS.get(style or "", STYLE_FORMS["classical"])
    low, high = tempo_range or own.tempo_range
    if not (math.isfinite(low) and math.isfinite(high) and 0 < low <= high):
        raise ComposeError(
            QT_TRANSLATE_NOOP(
                "Fit", "tempo range {low:g}-{high:g} should be slowest-fastest, e.g. 90-130"
            ).format(low=low, high=high)
        )
    target = min(max(preset_tempo_bpm, low), high)
    forms = [form] if form is not None else list(own.forms)
    candidates = _candidates(forms, keep=form is not None)
    fits = []
    for rank, (candidate, kind) in enumerate(candidates):
        tempo = form_bars(candidate) * quarters_per_bar(meter) * 60.0 / seconds
        if low <= tempo <= high:
            cost = abs(math.log(tempo / target)) + KIND_COST * kind
            fits.append((cost, rank, Fit(candidate, tempo, seconds)))
    if not fits:
        forms_tried = [candidate for candidate, _ in candidates]
        raise ComposeError(_why_not(seconds, forms_tried, meter, (low, high), form is not None))
    return min(fits, key=lambda fit: (fit[0], fit[1]))[2]


def _candidates(forms: Sequence[Form], keep: bool) -> list[tuple[Form, int]]:
    """Every form that may be chosen with how far it strays from the style's (`KINDS`), the
    style's own first, each form once."""
    found: dict[Form, int] = {}
    for form in forms:
        found.setdefault(form, 0)
    for number, form in enumerate(forms):
        head, body, tail = _split(form)
        kind = 1 if number == 0 else 2
        for repeats in range(2, MAX_REPEATS + 1):
            found.setdefault(form * repeats if keep else head + body * repeats + tail, kind)
        if not keep:
            found.setdefault(head + body + body[-1:] + tail, kind)
            for index in range(1, len(form) - 1):  # one inner repeat left out
                if form[index] in form[:index]:
                    found.setdefault(form[:index] + form[index + 1 :], 2)
            found.setdefault(body, 3)
    return [(form, kind) for form, kind in found.items() if form_bars(form) <= MAX_FORM_BARS]


def _split(form: Form) -> tuple[Form, Form, Form]:
    """(a leading intro, the body, a closing outro) of a form; the ends may be empty."""
    start = 1 if len(form) > 1 and form[0].role == "intro" else 0
    end = len(form) - 1 if len(form) - start > 1 and form[-1].role == "outro" else len(form)
    return form[:start], form[start:end] or form, form[end:]


def _why_not(
    seconds: float,
    candidates: Sequence[Form],
    meter: tuple[int, int],
    tempo_range: tuple[float, float],
    kept: bool,
) -> str:
    """Why no form fits `seconds` within the tempo range, and what would."""
    low, high = tempo_range
    shortest = min(candidates, key=form_bars)
    longest = max(candidates, key=form_bars)
    fewest = song_seconds(form_bars(shortest), meter, high)
    most = song_seconds(form_bars(longest), meter, low)
    span = f"{low:g}-{high:g} BPM"
    if seconds < fewest:
        return (
            f"a song of {seconds:g} s is too short: its shortest form "
            f"({form_text(shortest)}, {form_bars(shortest)} bars) lasts {fewest:.1f} s even at "
            f"{high:g} BPM, the top of the tempo range {span}: ask for at least "
            f"{math.ceil(fewest)} s, a faster tempo range, or a shorter form"
        )
    if seconds > most:
        return (
            f"a song of {seconds:g} s is too long: its longest form ({form_bars(longest)} "
            f"bars) lasts {most:.1f} s at {low:g} BPM, the bottom of the tempo range {span}: "
            f"ask for at most {math.floor(most)} s, or a slower tempo range"
        )
    needed = sorted(form_bars(c) * quarters_per_bar(meter) * 60.0 / seconds for c in candidates)
    near = min(needed, key=lambda tempo: min(abs(tempo - low), abs(tempo - high)))
    what = "the form given, played through whole" if kept else "its forms"
    return (
        f"no form fits {seconds:g} s within {span}: {what} would need {near:.1f} BPM; "
        f"widen the tempo range to include {near:.0f} BPM or ask for another length"
    )
