"""Checks every Song field goes through: the one error type and the messages that name a field.

Kept apart from `engine.song.song` so the document's classes read as data; `song` re-exports
these names, where the rest of the engine imports them from.
"""

from __future__ import annotations

from engine.errors import TesseraError
from engine.words import QT_TRANSLATE_NOOP

_SHOWN_CHARS = 40
"""How much of a refused value an error message quotes, so a message stays one short line."""


class SongError(TesseraError, ValueError):
    """A value that a Song cannot hold, with the field's name and the allowed range."""


def shown(value: object) -> str:
    """`value` as an error message quotes it: its repr, cut short (a 5,000-digit integer or a
    million-item list would otherwise make the message itself the problem)."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 128:
        return f"an integer of {value.bit_length()} bits"
    if isinstance(value, list | tuple | dict | set | frozenset) and len(value) > _SHOWN_CHARS:
        return f"a {type(value).__name__} of {len(value)} items"
    text = repr(value)
    return text if len(text) <= _SHOWN_CHARS else text[: _SHOWN_CHARS - 3] + "..."


def check_int(name: str, value: object, low: int, high: int) -> int:
    """Return `value` if it is an int in [low, high]; otherwise raise SongError naming `name`."""
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise SongError(
            QT_TRANSLATE_NOOP(
                "SongValues", "{name} must be an integer from {low} to {high}, got {shown}"
            ).format(name=name, low=low, high=high, shown=shown(value))
        )
    return value


def check_text(name: str, value: object) -> str:
    """Return `value` if it is text every file format can store; otherwise raise SongError.

    Refuses a lone surrogate (such as '\\ud800', which a JSON escape or an undecodable command
    line can produce): it has no UTF-8 form, so a Song holding one could never be saved,
    autosaved or exported.
    """
    if not isinstance(value, str):
        raise SongError(
            QT_TRANSLATE_NOOP("SongValues", "{name} must be text, got {shown}").format(
                name=name, shown=shown(value)
            )
        )
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as err:
        raise SongError(
            QT_TRANSLATE_NOOP(
                "SongValues",
                "{name} holds a lone surrogate {value!r} at character {start}, which "
                "no file can store: retype the text",
            ).format(name=name, value=value[err.start], start=err.start + 1)
        ) from err
    return value


def check_number(name: str, value: object, low: float, high: float) -> float:
    """Return `value` as a float if it is a number in [low, high]; otherwise raise SongError.

    Ints are accepted (a JSON file may hold `-6`); bools, NaN and infinities are refused.
    """
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not low <= value <= high  # also false for NaN
    ):
        raise SongError(
            QT_TRANSLATE_NOOP(
                "SongValues", "{name} must be a number from {low:g} to {high:g}, got {shown}"
            ).format(name=name, low=low, high=high, shown=shown(value))
        )
    return float(value)
