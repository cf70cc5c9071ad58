"""What the prompt reader understood, as data a user interface can word in any language.

`Reading.explain()` writes English sentences for the command line; a window speaking Chinese
needs the pieces instead: which field, its value, the prompt's own words that set it, and a
note on anything special (the tonic came from the preset; the preset already has drums). The
engine stays free of any translation system, and `ui.understood` turns these into sentences.
"""

from __future__ import annotations

from dataclasses import dataclass

FIELDS = (
    "preset", "tempo_bpm", "meter", "key", "scale", "bars", "density", "velocity_range",
    "instrument", "seconds", "form",
)  # fmt: skip
"""The Reading's fields a prompt can set, in the order they are reported."""

PARTS = ("drums", "bass", "lead", "section")
"""Understood words that set no field: a drum kit or bass (which the preset has or lacks),
the preset's own lead instrument, a lone section name (the style's form decides)."""

NOTES = (
    "",
    "tonic from preset",
    "preset has it",
    "preset lacks it",
    "preset's own",
    "style's form",
)
"""What `Understood.note` may say:
- "tonic from preset": a key whose mode was named but whose tonic is the preset's;
- "preset has it" / "preset lacks it": drums or bass the chosen preset has, or must be added;
- "preset's own": an instrument that is already the preset's lead;
- "style's form": a single section name; naming two or more in order sets the form."""


@dataclass(frozen=True)
class Understood:
    """One thing a prompt was understood to say."""

    field: str
    """A Reading field (`FIELDS`) or a part (`PARTS`)."""
    value: object
    """The field's value as the Reading holds it (72.0, (3, 4), 'D minor', 'pop', a GM program,
    'verse chorus'); for a part, the preset's name, or the lead's GM program, or the role."""
    words: tuple[str, ...]
    """The prompt's own words that said it, as written there (lower-cased)."""
    note: str = ""
    """One of `NOTES`."""
    preset: str = ""
    """The preset chosen, which a note speaks of."""
