"""How alike two bars of one part sound, as a listener hears a bar fit: the same pitch
classes, about as many notes, the same register.

Shared by the choice among regenerated takes (`engine.compose.infill`) and by the search for
the bar that plays the same part of a repeated phrase (`engine.compose.phrase_parallel`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from engine.song.song import Note

PITCH_CLASS_WEIGHT = 2.0
"""The weight of shared pitch classes in `similarity`, against one for the note count and
one for the register: which notes a bar plays is most of how it fits the harmony around it."""
COUNT_SLACK = 1
"""Notes two bars' counts may differ by and still count as as busy."""
REGISTER_SLACK = 4.0
"""Semitones two bars' mean pitches may differ by and still count as in one register."""
MOST_SIMILAR = PITCH_CLASS_WEIGHT + 2.0
"""What `similarity` gives two bars alike in all three."""


def pitch_classes(notes: Sequence[Note]) -> set[int]:
    return {note.pitch % 12 for note in notes}


def overlap(one: set[int], other: set[int]) -> float:
    """Jaccard overlap of two non-empty sets of pitch classes (0-1)."""
    return len(one & other) / len(one | other)


def similarity(one: Sequence[Note], other: Sequence[Note]) -> float:
    """How alike two bars of one part sound: their pitch classes' overlap (Jaccard, weighted
    `PITCH_CLASS_WEIGHT`), whether their note counts are within `COUNT_SLACK` and whether
    their mean pitches are within `REGISTER_SLACK` semitones; 0 when either is empty, at most
    `MOST_SIMILAR`."""
    if not one or not other:
        return 0.0
    shared = overlap(pitch_classes(one), pitch_classes(other))
    near_count = abs(len(one) - len(other)) <= COUNT_SLACK
    middle = float(np.mean([n.pitch for n in one]))
    near_register = abs(middle - float(np.mean([n.pitch for n in other]))) <= REGISTER_SLACK
    return PITCH_CLASS_WEIGHT * shared + float(near_count) + float(near_register)
