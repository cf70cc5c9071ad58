"""How far a part may move from its register before the sampler pulls it back.

A new part's notes are pulled toward the register its written bars are in (`Guides.register_centre`,
`engine.compose.energy`), and each bar is asked for the soft range of the bars around it
(`engine.compose.context.with_context_range`). How much room that leaves depends on who plays:
string parts roam their instrument's registers more than sung voices and most band parts.
"""

from __future__ import annotations

from dataclasses import dataclass

BOWED_PROGRAMS = frozenset((40, 41, 42, 43, 44, 45, 48, 49))
"""General MIDI's violin, viola, cello, contrabass, tremolo and pizzicato strings and the two
string ensembles: parts that roam their instrument's registers (`register_room`)."""


@dataclass(frozen=True)
class RegisterRoom:
    """How far a part may move from its register before the sampler pulls it back: semitones
    either side of the register centre free of any pull (`engine.compose.decode`), and bins
    added on each side of the soft range read from the bars around a cell
    (`engine.compose.context.with_context_range`). Only new music is given more than
    `REGISTER_ROOM`: a cell regenerated between written bars keeps to their register."""

    free_semitones: float
    range_margin_bins: int


REGISTER_ROOM = RegisterRoom(free_semitones=5.0, range_margin_bins=0)
"""Most parts: a bar between written bars keeps to their register and still reaches up or down
for a phrase; a sung voice keeps to a tenth or so (Bach's chorale voices span 9-14 semitones)."""
BOWED_REGISTER_ROOM = RegisterRoom(free_semitones=10.0, range_margin_bins=1)
"""String parts roam further: the held-out quartets' violins span 16.5 and 22.5 semitones, their
viola 16.5 and cello 17.5. With `REGISTER_ROOM` new quartets' parts spanned 10-13.5 (violin II
9.9, 1.7 times narrower); with this, 13-17.5 (20 songs), still moving by step 43% of the time
(human 48%, the Markov chain 58%). Given to a bar regenerated between written ones as well, it
cost the quartet infill what it shares with the held-out bar (pitch classes 0.36 -> 0.31,
register within 4 semitones 80% -> 70%, 100 cells), so new music only is given it."""


HOME_FREE_SEMITONES = 7.0
"""Semitones either side of a new song's voice's home register (`Guides.home_register`) free of
any pull: the model leans low in a quartet, and its notes sit near the bottom of the free
room. New quartets (6 songs) at 10, 7 and 5: first violin at a mean pitch of 67.1, 69.7 and
70.8 (the training quartets' 73.2), spanning 20.5, 17.8 and 15.3 semitones (human 21-24).
Tried as well: the centre moved against where the part's last four written bars sat (by the
gap, at most 4 semitones). New quartets' parts came 0.5-1.4 semitones nearer their homes
(first violin 69.6 -> 70.9, 30 songs, seeds 0 and 30) and wider, but leapt over an octave
2.4 and 3.2 times per 100 moves (2.0; human 2.1) and sat on their commonest pitch more (29% ->
31-32%), so it was not kept."""


def register_room(program: int, home: float | None = None) -> RegisterRoom:
    """How far a part played by `program` roams (`BOWED_REGISTER_ROOM` for bowed strings), at
    most `HOME_FREE_SEMITONES` from a home register when it has one."""
    room = BOWED_REGISTER_ROOM if program in BOWED_PROGRAMS else REGISTER_ROOM
    if home is None or room.free_semitones <= HOME_FREE_SEMITONES:
        return room
    return RegisterRoom(HOME_FREE_SEMITONES, room.range_margin_bins)
