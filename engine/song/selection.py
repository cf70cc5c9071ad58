"""Parse the selections people type, such as `--tracks 2,3` and `--bars 5-8` (1-based)."""

from __future__ import annotations

from engine.errors import TesseraError
from engine.words import QT_TRANSLATE_NOOP


class SelectionError(TesseraError):
    """A track or bar selection that cannot be read or lies outside the song."""


def _number(text: str, what: str, spec: str) -> int:
    try:
        return int(text)
    except ValueError as err:
        raise SelectionError(
            QT_TRANSLATE_NOOP(
                "Selection",
                "{what} {spec!r} is not understood: use numbers from 1, like '2' or '5-8'",
            ).format(what=what, spec=spec)
        ) from err


def parse_span(spec: str, what: str, count: int) -> tuple[int, int]:
    """'5-8' (1-based, inclusive) -> (4, 7); a single number selects one item."""
    first_text, _, last_text = spec.strip().partition("-")
    first = _number(first_text, what, spec)
    last = _number(last_text, what, spec) if last_text else first
    if not 1 <= first <= last <= count:
        raise SelectionError(
            QT_TRANSLATE_NOOP(
                "Selection", "{what} {spec!r} is outside 1-{count}: the song has {count} {what}"
            ).format(what=what, spec=spec, count=count)
        )
    return first - 1, last - 1


def parse_indices(spec: str, what: str, count: int) -> list[int]:
    """'2,3,5-7' (1-based) -> [1, 2, 4, 5, 6], in the order given, without repeats."""
    indices: list[int] = []
    for part in spec.split(","):
        first, last = parse_span(part, what, count)
        indices.extend(index for index in range(first, last + 1) if index not in indices)
    return indices
