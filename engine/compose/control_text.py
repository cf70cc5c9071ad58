"""What musicians type, read once for the command line and the window: controls, meter, key, form.

`controls_from_text` turns the values of the controls a composer sets (numbers, and text such as
"C3-C5", "D minor", "Am,F,C,G", "60-100") into `Controls`; `generate_from_text` does the same for
the fields of a new song. `tessera-cli`'s options and the window's inspector and New Song dialog
both call these, so a mistake reads the same wherever it is typed.

Every mistake is a `ControlError` that names the field (`field`, as `Controls` and `Generate` call
it) and says what to write instead. Empty text and None leave a field to the model or the preset.
"""

from __future__ import annotations

import dataclasses
import math
import unicodedata
from collections.abc import Callable
from typing import Any, TypeVar

from engine.compose.controls import ComposeError, Controls
from engine.compose.durations import seconds_from_text
from engine.compose.fit import MAX_SECONDS, MIN_SECONDS, song_shape
from engine.compose.forms import is_role_form, parse_form
from engine.compose.plan import check_form
from engine.compose.presets import PRESETS
from engine.compose.requests import Generate
from engine.errors import TesseraError
from engine.song.song import (
    MAX_TEMPO_BPM,
    MIN_TEMPO_BPM,
    KeySignatureChange,
    TimeSignatureChange,
)
from engine.song.styles import NO_STYLE, style_named
from engine.song.theory import key_from_name, parse_chord, parse_pitch_range, parse_scale
from engine.words import QT_TRANSLATE_NOOP, message_of

V = TypeVar("V")
R = TypeVar("R")
VOICE_ORDERS: dict[str, bool | None] = {"auto": None, "keep": True, "free": False}
"""`keep_voice_order` by name: decided from the song, never cross, or may cross."""

MAX_NEW_SONG_BARS = 512
"""The longest new song, in bars (a preset's `bars` and `operations.generate` keep to it too)."""
MAX_TEXT_CHARS = 200
"""The longest name, title or other line of text typed for a song, unless a field says less."""
MAX_PROMPT_CHARS = 1000
"""The longest description a prompt may be (a paragraph)."""

LABELS = {
    "pitch_range": QT_TRANSLATE_NOOP("ControlFields", "pitch range"),
    "velocity_range": QT_TRANSLATE_NOOP("ControlFields", "velocity range"),
    "top_p": QT_TRANSLATE_NOOP("ControlFields", "top-p"),
    "keep_voice_order": QT_TRANSLATE_NOOP("ControlFields", "voice order"),
    "key_pull": QT_TRANSLATE_NOOP("ControlFields", "key pull"),
    "keep_beat": QT_TRANSLATE_NOOP("ControlFields", "keep beat"),
    "tempo_bpm": QT_TRANSLATE_NOOP("ControlFields", "tempo"),
    "seconds": QT_TRANSLATE_NOOP("ControlFields", "length"),
    "tempo_range": QT_TRANSLATE_NOOP("ControlFields", "tempo range"),
    "density": QT_TRANSLATE_NOOP("ControlFields", "density"),
    "polyphony": QT_TRANSLATE_NOOP("ControlFields", "polyphony"),
    "rhythm": QT_TRANSLATE_NOOP("ControlFields", "rhythm"),
    "scale": QT_TRANSLATE_NOOP("ControlFields", "scale"),
    "chords": QT_TRANSLATE_NOOP("ControlFields", "chords"),
    "temperature": QT_TRANSLATE_NOOP("ControlFields", "temperature"),
    "bars": QT_TRANSLATE_NOOP("ControlFields", "bars"),
    "meter": QT_TRANSLATE_NOOP("ControlFields", "meter"),
    "key": QT_TRANSLATE_NOOP("ControlFields", "key"),
    "form": QT_TRANSLATE_NOOP("ControlFields", "form"),
    "style": QT_TRANSLATE_NOOP("ControlFields", "style"),
    "title": QT_TRANSLATE_NOOP("ControlFields", "title"),
    "preset": QT_TRANSLATE_NOOP("ControlFields", "preset"),
    "instrument": QT_TRANSLATE_NOOP("ControlFields", "instrument"),
    "variation": QT_TRANSLATE_NOOP("ControlFields", "variation"),
}
"""How a field is named in messages (marked for translation); any other field by its own name."""


class ControlError(ComposeError):
    """A control or song field typed wrong. `field` is its name in `Controls` or `Generate`; the
    message starts with the field as musicians call it and ends with what to write."""

    def __init__(self, field: str, reason: str) -> None:
        self.field = field
        self.label = LABELS.get(field, field.replace("_", " "))
        named = reason.lower().startswith(self.label)
        super().__init__(
            reason
            if named
            else QT_TRANSLATE_NOOP("ControlText", "{label}: {reason}").format(
                label=self.label, reason=reason
            )
        )


def controls_from_text(
    *,
    density: int | None = None,
    polyphony: int | None = None,
    rhythm: int | None = None,
    pitch_range: str | None = None,
    scale: str | None = None,
    chords: str | None = None,
    velocity: str | None = None,
    temperature: float = 1.0,
    top_p: float = 0.95,
    key_pull: bool = True,
    keep_beat: bool = True,
    voice_order: str = "auto",
) -> Controls:
    """The controls as typed; raises `ControlError` naming the first field that is wrong.

    Numbers are notes per bar (`density`), most notes at once (`polyphony`) and distinct onsets
    per bar (`rhythm`); None leaves them to the model. `pitch_range` reads "C3-C5" or "48-72",
    `scale` "D minor" or "A dorian", `chords` one chord per bar such as "Am,F,C,G" (cycled),
    `velocity` "60-100"; empty text leaves them to the model. `voice_order` is one of
    `VOICE_ORDERS`.
    """
    if voice_order not in VOICE_ORDERS:
        raise ControlError(
            "keep_voice_order",
            QT_TRANSLATE_NOOP("ControlText", "{voice_order!r} is not one of {choices}").format(
                voice_order=voice_order, choices=", ".join(VOICE_ORDERS)
            ),
        )
    fields: dict[str, Any] = {
        "density": density,
        "polyphony": polyphony,
        "rhythm": rhythm,
        "temperature": temperature,
        "top_p": top_p,
        "key_pull": key_pull,
        "keep_beat": keep_beat,
        "keep_voice_order": VOICE_ORDERS[voice_order],
    }
    for name, text, read in (
        ("pitch_range", pitch_range, parse_pitch_range),
        ("scale", scale, parse_scale),
        ("chords", chords, _chords),
        ("velocity_range", velocity, _velocity),
    ):
        if text is not None and text.strip():
            fields[name] = _read(name, read, text.strip())
    for name, value in fields.items():  # each alone, so the error names the field
        _read(name, _alone(name), value)
    return Controls(**fields)


def meter_from_text(text: str) -> tuple[int, int]:
    """'3/4' or '6/8' -> (3, 4) or (6, 8)."""
    top, _, bottom = text.strip().partition("/")
    if not (top.strip().isdigit() and bottom.strip().isdigit()):
        raise ControlError(
            "meter",
            QT_TRANSLATE_NOOP(
                "ControlText", "meter {text!r} is not understood: write it like 3/4 or 6/8"
            ).format(text=text),
        )
    if len(top.strip()) > 3 or len(bottom.strip()) > 3:  # no meter needs more; int() stays cheap
        raise ControlError(
            "meter",
            QT_TRANSLATE_NOOP(
                "ControlText", "meter {text!r} is too large: write it like 3/4 or 6/8"
            ).format(text=text),
        )
    meter = int(top), int(bottom)
    _read("meter", lambda m: TimeSignatureChange(0, *m), meter)
    return meter


def key_from_text(text: str) -> KeySignatureChange:
    """'D minor', 'Eb major' or 'A dorian' -> the key signature at bar 1."""
    return _read("key", key_from_name, text.strip())


def form_from_text(text: str) -> str:
    """A form as typed, checked: section letters such as 'AABA' (or '-' for no repeats), or
    section roles such as 'intro verse chorus verse chorus outro' or 'verse:8 chorus:8'
    (`engine.compose.forms`; lengths left out are the style's)."""
    _read("form", parse_form if is_role_form(text) else check_form, text)
    return text.strip()


def seconds_from_field(text: str) -> float:
    """A song's length in seconds as typed ('120', '1:30', '2 min'), from 1 s to an hour."""
    seconds = _read("seconds", seconds_from_text, text)
    if not (math.isfinite(seconds) and MIN_SECONDS <= seconds <= MAX_SECONDS):
        raise ControlError(
            "seconds",
            QT_TRANSLATE_NOOP(
                "ControlText", "length {text!r} must be from {min_seconds:g} s to {max_seconds:g} s"
            ).format(text=text, min_seconds=MIN_SECONDS, max_seconds=MAX_SECONDS),
        )
    return seconds


def tempo_range_from_text(text: str) -> tuple[float, float]:
    """A tempo range as typed, '90-130' (beats per minute), slowest first."""
    low, sep, high = text.strip().partition("-")
    try:
        span = (float(low), float(high)) if sep else None
    except ValueError:
        span = None
    if span is None or not MIN_TEMPO_BPM <= span[0] <= span[1] <= MAX_TEMPO_BPM:
        raise ControlError(
            "tempo_range",
            QT_TRANSLATE_NOOP(
                "ControlText",
                "tempo range {text!r} is not understood: write slowest-fastest in BPM, "
                "like 90-130, within {min_tempo_bpm:g}-{max_tempo_bpm:g}",
            ).format(text=text, min_tempo_bpm=MIN_TEMPO_BPM, max_tempo_bpm=MAX_TEMPO_BPM),
        )
    return span


def generate_from_text(
    preset: str,
    *,
    style: str | None = None,
    bars: int | None = None,
    meter: str | None = None,
    key: str | None = None,
    tempo_bpm: float | None = None,
    title: str = "Untitled",
    form: str | None = None,
    controls: Controls | None = None,
) -> Generate:
    """A new song's request from the fields typed; empty text or None keeps the preset's.

    `style` is a style name, 'none' for no style, or None for the preset's own.
    """
    request = Generate(
        preset=preset,
        bars=bars,
        meter=meter_from_text(meter) if meter and meter.strip() else None,
        key=key_from_text(key) if key and key.strip() else None,
        tempo_bpm=tempo_bpm,
        title=title or "Untitled",
        form=form_from_text(form) if form and form.strip() else None,
    )
    if style is not None and style.strip():
        request = dataclasses.replace(request, style=style.strip().lower())
    if controls is not None:
        request = dataclasses.replace(request, controls=controls)
    return check_new_song(request)


def check_new_song(request: Generate) -> Generate:
    """`request` if every field a composer can type is in range, checked before any model runs:
    its length (1 to `MAX_NEW_SONG_BARS` bars; None is the preset's), tempo (finite, within a
    Song's), meter, title (`text_from_user`) and style; otherwise a ControlError naming the field.
    """
    if request.bars is not None and not 1 <= request.bars <= MAX_NEW_SONG_BARS:
        raise ControlError(
            "bars",
            QT_TRANSLATE_NOOP(
                "ControlText", "bars {bars} must be from 1 to {max_new_song_bars} for a new song"
            ).format(bars=request.bars, max_new_song_bars=MAX_NEW_SONG_BARS),
        )
    tempo = request.tempo_bpm
    if tempo is not None and not (math.isfinite(tempo) and MIN_TEMPO_BPM <= tempo <= MAX_TEMPO_BPM):
        raise ControlError(
            "tempo_bpm",
            QT_TRANSLATE_NOOP(
                "ControlText",
                "tempo {tempo:g} must be from {min_tempo_bpm:g} to {max_tempo_bpm:g} BPM",
            ).format(tempo=tempo, min_tempo_bpm=MIN_TEMPO_BPM, max_tempo_bpm=MAX_TEMPO_BPM),
        )
    if request.meter is not None:
        _read("meter", lambda m: TimeSignatureChange(0, *m), request.meter)
    if not 0.0 <= request.variation <= 1.0:
        raise ControlError(
            "variation",
            QT_TRANSLATE_NOOP("ControlText", "variation {variation:g} must be from 0 to 1").format(
                variation=request.variation
            ),
        )
    if request.seconds is not None:
        seconds_from_field(f"{request.seconds!r}")
    _check_shape(request)
    text_from_user("title", request.title)
    if request.style is not None and request.style != NO_STYLE:
        _read("style", style_named, request.style)
    return request


def _check_shape(request: Generate) -> None:
    """The new song's form, length and tempo range, checked as `generate` will read them, so
    a length that cannot be fitted is refused before the model loads."""
    preset = PRESETS.get(request.preset)
    if preset is None or (request.form, request.seconds, request.tempo_range) == (None,) * 3:
        return
    style = preset.style if request.style is None else request.style
    field = "seconds" if request.seconds is not None else "form"
    if request.seconds is None and request.tempo_range is not None:
        field = "tempo_range"
    _read(field, lambda r: song_shape(r, preset, None if style == NO_STYLE else style), request)


def text_from_user(field: str, text: str, max_chars: int = MAX_TEXT_CHARS) -> str:
    """`text` if it can be saved and shown as one line; otherwise a ControlError naming `field`.

    Refused: characters that are not Unicode text (a lone surrogate, which is what bytes that
    are not UTF-8 become on a command line, and which no project or MIDI file can hold),
    control characters such as a line break, and more than `max_chars` characters.
    """
    if len(text) > max_chars:
        raise ControlError(
            field,
            QT_TRANSLATE_NOOP(
                "ControlText", "{text_count} characters is too long: write at most {max_chars}"
            ).format(text_count=len(text), max_chars=max_chars),
        )
    for place, char in enumerate(text, start=1):
        kind = unicodedata.category(char)
        if kind == "Cs":
            raise ControlError(
                field,
                QT_TRANSLATE_NOOP(
                    "ControlText",
                    "character {place} is not text (a byte that is not UTF-8?): type it "
                    "again in UTF-8",
                ).format(place=place),
            )
        if kind == "Cc":
            raise ControlError(
                field,
                QT_TRANSLATE_NOOP(
                    "ControlText",
                    "character {place} is the control character {char!r}: write one line",
                ).format(place=place, char=char),
            )
    return text


def _read(field: str, read: Callable[[V], R], value: V) -> R:
    """`read(value)`, with any mistake it reports turned into a ControlError naming `field`."""
    try:
        return read(value)
    except ControlError:
        raise
    except TesseraError as err:
        raise ControlError(field, message_of(err)) from err


def _alone(name: str) -> Callable[[Any], Controls]:
    """Controls with only `name` set, to check one field by itself."""
    return lambda value: Controls(**{name: value})


def _chords(text: str) -> tuple[frozenset[int], ...]:
    return tuple(parse_chord(chord) for chord in text.split(",") if chord.strip())


def _velocity(text: str) -> tuple[int, int]:
    low, _, high = text.partition("-")
    if not (low.strip().isdigit() and high.strip().isdigit()):
        raise ControlError(
            "velocity_range",
            QT_TRANSLATE_NOOP(
                "ControlText", "velocity range {text!r} is not understood: write it like 60-100"
            ).format(text=text),
        )
    return int(low), int(high)


__all__ = [
    "MAX_NEW_SONG_BARS",
    "MAX_PROMPT_CHARS",
    "MAX_TEXT_CHARS",
    "VOICE_ORDERS",
    "ControlError",
    "check_new_song",
    "controls_from_text",
    "form_from_text",
    "generate_from_text",
    "key_from_text",
    "meter_from_text",
    "seconds_from_field",
    "tempo_range_from_text",
    "text_from_user",
]
