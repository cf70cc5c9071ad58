"""Human drumming from the Groove MIDI Dataset, cut into bars the arranger can loop.

Why bars: a Groove MIDI beat is a drummer playing one groove for half a minute, so any few
consecutive bars of it are a loop with a human feel (micro-timing and velocities kept as
played). A note played a hair before a bar line belongs to the next bar, so bars are cut a
32nd early. Ticks are counted at the file's own tempo, 480 per quarter, so a bar is a bar at
any tempo: placing it in a song of another tempo stretches it in time, as the brief asks.

Only training-split grooves may be used: `GrooveLibrary` refuses any other item, so held-out
drumming never reaches the training data.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from build_scripts.arranger.melody import Tone
from engine.song.drums import KICKS, SNARES
from engine.song.song import PPQ, Song

EARLY_TICKS = PPQ // 8
"""A hit up to a 32nd before a bar line is the next bar's downbeat played early."""
BEAT_TOLERANCE = 50
"""Ticks a hit may sit off a beat and still count as on it (tighter than a 32nd note)."""
MIN_BAR_NOTES = 5
LOOP_LENGTHS = (2, 4, 4, 8)


class LeakError(AssertionError):
    """A held-out (validation or test) item offered to the training-data builder."""


class GrooveLike(Protocol):
    """What the arranger reads of a `build_scripts.band_data.groove.GrooveItem`."""

    @property
    def id(self) -> str: ...
    @property
    def song(self) -> Song: ...
    @property
    def genre(self) -> str: ...
    @property
    def bpm(self) -> float: ...
    @property
    def kind(self) -> str: ...
    @property
    def split(self) -> str: ...
    @property
    def meter(self) -> tuple[int, int]: ...


Bar = tuple[Tone, ...]
"""A bar of drum hits, each start measured from the bar line (a little negative if early)."""


def slice_bars(song: Song, bar_ticks: int) -> list[Bar]:
    """A drum Song's notes cut into bars of `bar_ticks` (hits a 32nd early go to the next bar)."""
    notes = [note for track in song.tracks for note in track.notes]
    count = max((note.start_tick + EARLY_TICKS) // bar_ticks for note in notes) + 1 if notes else 0
    bars: list[list[Tone]] = [[] for _ in range(count)]
    for note in notes:
        bar = (note.start_tick + EARLY_TICKS) // bar_ticks
        bars[bar].append(
            Tone(note.start_tick - bar * bar_ticks, note.pitch, note.duration_ticks, note.velocity)
        )
    return [tuple(sorted(bar)) for bar in bars]


def hit_near(bar: Bar, keys: frozenset[int], tick: int) -> bool:
    return any(tone.pitch in keys and abs(tone.start - tick) <= BEAT_TOLERANCE for tone in bar)


def has_backbeat(bar: Bar, bar_ticks: int) -> bool:
    """A kick on beat 1 and the snare on beats 2 and 4 (on 2 and 3 of a waltz bar)."""
    backbeats = (PPQ, 3 * PPQ) if bar_ticks == 4 * PPQ else (PPQ, 2 * PPQ)
    return hit_near(bar, KICKS, 0) and all(hit_near(bar, SNARES, tick) for tick in backbeats)


@dataclass(frozen=True)
class Loop:
    """Bars of one groove to repeat, and where they came from."""

    groove_id: str
    bars: tuple[Bar, ...]

    @property
    def density(self) -> float:
        return sum(len(bar) for bar in self.bars) / max(1, len(self.bars))


class GrooveLibrary:
    """Training-split grooves by genre, kind and meter, cut into bars on first use."""

    def __init__(self, items: Sequence[GrooveLike]) -> None:
        leaked = [item.id for item in items if item.split != "train"]
        if leaked:
            raise LeakError(f"{len(leaked)} held-out grooves offered (first: {leaked[0]})")
        self._items = sorted(items, key=lambda item: item.id)
        self._bars: dict[tuple[str, int], list[Bar]] = {}
        self._loopable: dict[tuple[str, int, bool], list[Bar]] = {}

    @property
    def items(self) -> tuple[GrooveLike, ...]:
        return tuple(self._items)

    def matching(
        self, genres: Sequence[str], kind: str, meter: tuple[int, int], backbeat: bool = False
    ) -> list[GrooveLike]:
        """Items of the first of `genres` that has any (the style's closest drumming); for
        beats, only those with enough usable bars to loop (with a backbeat, if asked)."""
        bar_ticks = meter[0] * PPQ * 4 // meter[1]
        for genre in genres:
            found = [
                item
                for item in self._items
                if item.kind == kind and item.meter == meter and item.genre.split("/")[0] == genre
            ]
            if kind == "beat":
                found = [item for item in found if len(self._usable(item, bar_ticks, backbeat)) > 1]
            if found:
                return found
        return []

    def _usable(self, item: GrooveLike, bar_ticks: int, backbeat: bool) -> list[Bar]:
        """The bars of a beat to loop from: not the first or last (where the drummer starts
        and stops), not near-empty, and with a backbeat if asked."""
        key = (item.id, bar_ticks, backbeat)
        if key not in self._loopable:
            bars = [bar for bar in self.bars_of(item, bar_ticks)[1:-1] if len(bar) >= MIN_BAR_NOTES]
            if backbeat:
                bars = [bar for bar in bars if has_backbeat(bar, bar_ticks)]
            self._loopable[key] = bars
        return self._loopable[key]

    def bars_of(self, item: GrooveLike, bar_ticks: int) -> list[Bar]:
        key = (item.id, bar_ticks)
        if key not in self._bars:
            self._bars[key] = slice_bars(item.song, bar_ticks)
        return self._bars[key]

    def loop(
        self, item: GrooveLike, bar_ticks: int, backbeat: bool, rng: random.Random
    ) -> Loop | None:
        """A few consecutive usable bars of a beat (None if it has fewer than two)."""
        usable = self._usable(item, bar_ticks, backbeat)
        if len(usable) < 2:
            return None
        length = min(rng.choice(LOOP_LENGTHS), len(usable))
        first = rng.randrange(len(usable) - length + 1)
        return Loop(item.id, tuple(usable[first : first + length]))

    def fill(self, item: GrooveLike, bar_ticks: int) -> Loop | None:
        """The busiest bar of a fill recording (the fill itself, not the groove around it)."""
        bars = [bar for bar in self.bars_of(item, bar_ticks) if len(bar) >= 4]
        if not bars:
            return None
        return Loop(item.id, (max(bars, key=len),))


def nearest_tempo(
    items: Sequence[GrooveLike], bpm: float, rng: random.Random, keep: int = 4
) -> GrooveLike:
    """One of the `keep` items recorded nearest `bpm`, so the feel suits the song's tempo."""
    ranked = sorted(items, key=lambda item: (abs(item.bpm - bpm), item.id))
    return rng.choice(ranked[:keep])
