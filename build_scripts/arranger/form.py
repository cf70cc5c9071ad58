"""The song's form: intro, verse, (bridge), chorus, outro, and which melody bars each carries.

Why this shape: band songs build. An intro of two to four bars sets the groove with chords and
drums only; the tune is played through once as a verse and again as a chorus, where drums get
busier and the comping denser; an optional instrumental bridge leaves home before the last
chorus; an outro closes on the tonic. A tune longer than `SPLIT_BARS` is not played twice: its
first half is the verse and its second the chorus, so a song stays a few minutes long.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

SPLIT_BARS = 20
BRIDGE_CHANCE = 0.35


@dataclass(frozen=True)
class Section:
    name: str
    """'intro', 'verse', 'bridge', 'chorus' or 'outro'."""
    start_bar: int
    bars: int
    melody_bar: int | None = None
    """The melody bar this section starts at (None: no melody in this section)."""

    @property
    def end_bar(self) -> int:
        return self.start_bar + self.bars

    @property
    def busy(self) -> bool:
        """Sections where the band plays its denser patterns."""
        return self.name in ("chorus", "bridge")


def _split_point(melody_bars: int) -> int:
    """Where a long tune is halved: the phrase boundary (a multiple of 4) nearest the middle."""
    return max(4, min(melody_bars - 4, round(melody_bars / 8) * 4))


def plan_form(melody_bars: int, rng: random.Random) -> list[Section]:
    """The sections of one song, bar by bar from 0, with their melody bars."""
    sections: list[Section] = []

    def add(name: str, bars: int, melody_bar: int | None = None) -> None:
        start = sections[-1].end_bar if sections else 0
        sections.append(Section(name, start, bars, melody_bar))

    add("intro", rng.choice((2, 4, 4)))
    if melody_bars > SPLIT_BARS:
        half = _split_point(melody_bars)
        add("verse", half, 0)
        add("chorus", melody_bars - half, half)
        if rng.random() < BRIDGE_CHANCE:
            add("bridge", 4)
            add("chorus", melody_bars - half, half)
    else:
        add("verse", melody_bars, 0)
        if rng.random() < BRIDGE_CHANCE:
            add("bridge", 4)
        add("chorus", melody_bars, 0)
    add("outro", rng.choice((2, 4)))
    return sections


def total_bars(sections: list[Section]) -> int:
    return sections[-1].end_bar
