"""Against a melody that keeps landing on one pitch: a sampling pull, like a language model's
frequency penalty, taken from a pitch that already holds more than its share of the line's
recent onsets.

Why: new melodies put 32-48% of their onsets on their commonest pitch (the tonic or its fifth;
`benchmarks.musicality_measures.commonest_pitch`), where held-out fiddle tunes, reels and
quartets put 15-23% and the order-2 Markov chain 12-13%. The key pulls
(`engine.compose.decode.tonic_bonus`) and the model's own lean favour the tonic and the dominant
at every note, and nothing in one note's choice says the line has been there a third of the
time already. The pull reads only the line's own history, so a line that varies pays nothing.

A note on a strong beat (every half note), where a tune states its key, is spared: pulled
there too, 2-3 more of 30 new fiddle tunes and chorales were heard outside their key. The note
just played is not: spared, new reels sounded it again instead at 12-13% of their onsets
(held-out reels 9%, the Markov chain 10%); pulled, 10-11%. A bar that echoes its phrase's
parallel bar (`engine.compose.phrase_parallel`) is not pulled at all: there the form asks for
the phrase's tones again, and pulled, regenerated fiddle-tune bars shared fewer of them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from engine.song.song import Note

__all__ = [
    "OVERUSE_MIN_ONSETS",
    "OVERUSE_SHARE",
    "OVERUSE_SLOPE",
    "OVERUSE_WINDOW",
    "PLAYED_TOP_SHARE",
    "overuse_penalty",
    "recent_tops",
]

OVERUSE_WINDOW = 24
"""The line's last onsets read: about three bars of a tune in eighths."""
OVERUSE_MIN_ONSETS = 8
"""Fewer recent onsets than this say nothing yet about which pitch the line overuses."""
OVERUSE_SHARE = 0.25
"""The share of the recent onsets a pitch holds at no cost: the held-out melodies' commonest
pitch holds 15-30% of their onsets, so the tonic may still lead. At 0.2 (8 nats per unit),
fiddle tunes and reels came 1-3 points nearer the held-out share and 1-3 more of 30 were heard
outside their key in each of three draws."""
OVERUSE_SLOPE = 10.0
"""Nats taken per unit of share beyond `OVERUSE_SHARE`: a pitch at 40% loses 1.5. At 12 (share
0.2), 3 more of 30 fiddle tunes and 3 more reels were heard outside their key (`--seed 30`)."""


def recent_tops(
    notes: Sequence[Note], before_tick: int, count: int = OVERUSE_WINDOW
) -> tuple[int, ...]:
    """The top pitch of each of the line's last `count` onsets before `before_tick`, oldest
    first."""
    tops: dict[int, int] = {}
    for note in notes:
        if note.start_tick < before_tick:
            tops[note.start_tick] = max(note.pitch, tops.get(note.start_tick, -1))
    return tuple(tops[tick] for tick in sorted(tops)[-count:])


PLAYED_TOP_SHARE = 0.15
"""The share a quartet's first violin (the top voice of a bowed ensemble) holds at no cost, and
that voice is pulled on the strong beats too: its key is told by four parts together, not by
the tune alone. The training quartets' first violins put a median 17% of their
onsets on their commonest pitch (20 works; the two held-out ones 13% and 17%), where new ones put
29% with `OVERUSE_SHARE` and the strong beats spared, and 28% with either changed alone. With
both, 24% at seeds 0 and 30 (`--songs 30 --presets string-quartet`), heard in their key as often
(29 of 30), repeating the note before at 12% of its onsets (15%; the held-out works 15%). At 0.12
and 15 nats per unit, 20%, but 27 of 30 in key and 10% repeated notes; with the tonic's pull
released after the tonic as well (`FillGrammar.tonic_pull`) at 0.12 and 20 nats, 19% and 7%."""


def overuse_penalty(
    line: Sequence[int], share: float = OVERUSE_SHARE
) -> npt.NDArray[np.float32] | None:
    """Per-pitch (128) log-odds taken from each pitch holding more than `share` of the last
    `OVERUSE_WINDOW` onsets of `line` (top pitches, oldest first); None where none does or the
    line is too short to tell."""
    recent = line[-OVERUSE_WINDOW:]
    if len(recent) < OVERUSE_MIN_ONSETS:
        return None
    penalty = np.zeros(128, dtype=np.float32)
    for pitch, count in Counter(recent).items():
        excess = count / len(recent) - share
        if excess > 0:
            penalty[pitch] = -OVERUSE_SLOPE * excess
    return penalty if penalty.any() else None
