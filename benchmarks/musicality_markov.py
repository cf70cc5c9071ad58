"""The Markov baseline of the musicality benchmark: an order-2 chain over notes.

A pitched note is the token (pitch interval from the note before, ticks to the next onset); a
drum note is (drum key, ticks to the next onset, 0 for a hit at the same time), since an
interval between two drums means nothing, and played grooves are read on the sixteenth grid.
Each voice of a preset gets its own chain, trained on the same voice (same track index and
instrument) of the style's training works, so a chorale's bass learns from basses; a drum kit
learns from every drum part of the style. A chord-playing track is read as its top line. The
chain backs off to order 1 and then to single-token frequencies when its context has no
continuation that fits.

It writes in the declared meter and key the way the model is asked to: one bar grid, each
voice's pitch range as a hard limit (the same range `engine.compose.operations.generate` gives the
model), the first note on the key's tonic, and no note that would cross a bar line (the chain knows
durations, not bar positions, so without that it would drift off the meter). It is the fair
"just statistics of the style" opponent: if the model is not clearly better than this on a
measure, it has not learned more than local note-to-note habits there.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from benchmarks.musicality_measures import SIXTEENTH, top_line
from engine.song.song import (
    KeySignatureChange,
    Note,
    Song,
    TempoChange,
    TimeSignatureChange,
    Track,
    bar_grid,
)
from engine.song.theory import key_tonic

Token = tuple[int, int]
"""(pitch interval or drum key, ticks to the next onset)."""
Context = tuple[Token | None, Token | None]
"""The two tokens before; None stands for the start of a line."""

VELOCITY = 80
DRUM_LENGTH = 60
MOST_AT_ONCE = 4
"""Drum notes one onset may hold (a chain of zero gaps could otherwise stack forever)."""


@dataclass
class Chain:
    """Counts of the token after each context, after each token, and of every token."""

    drum: bool
    second: defaultdict[Context, Counter[Token]] = field(
        default_factory=lambda: defaultdict(Counter)
    )
    first: defaultdict[Token | None, Counter[Token]] = field(
        default_factory=lambda: defaultdict(Counter)
    )
    single: Counter[Token] = field(default_factory=Counter)
    pitches: list[int] = field(default_factory=list)

    def learn(self, tokens: Sequence[Token]) -> None:
        history: Context = (None, None)
        for token in tokens:
            self.second[history][token] += 1
            self.first[history[1]][token] += 1
            self.single[token] += 1
            history = (history[1], token)

    @property
    def mean_pitch(self) -> float:
        return float(np.mean(self.pitches)) if self.pitches else 60.0


def drum_hits(notes: Sequence[Note]) -> list[Note]:
    """Drum notes moved to the nearest sixteenth (played grooves wander by a few ticks, and a
    chain over raw ticks would see every gap as new), one per key and onset, in time order."""
    hits = {(round(n.start_tick / SIXTEENTH) * SIXTEENTH, n.pitch): n for n in notes}
    return [Note(tick, key, SIXTEENTH, note.velocity) for (tick, key), note in sorted(hits.items())]


def line_tokens(notes: Sequence[Note], drum: bool, longest: int) -> list[Token]:
    """A track's notes as tokens; gaps are cut to `longest` ticks (a bar), so a long rest in
    the training data does not become a silence of many bars."""
    line = drum_hits(notes) if drum else top_line(notes)
    tokens: list[Token] = []
    for index, note in enumerate(line):
        following = line[index + 1].start_tick if index + 1 < len(line) else note.end_tick
        gap = min(longest, following - note.start_tick)
        if drum:
            tokens.append((note.pitch, gap))
        else:
            previous = line[index - 1].pitch if index else note.pitch
            tokens.append((note.pitch - previous, gap))
    return tokens


def train_chain(tracks: Sequence[Sequence[Note]], drum: bool, bar_ticks: int) -> Chain:
    """One voice's chain from that voice's part in every training work."""
    chain = Chain(drum)
    for notes in tracks:
        if notes:
            chain.learn(line_tokens(notes, drum, bar_ticks))
            chain.pitches += [n.pitch for n in notes]
    return chain


def sample(
    chain: Chain, history: Context, fits: Callable[[Token], bool], rng: np.random.Generator
) -> Token | None:
    """The next token from the longest context that has a fitting continuation."""
    for counts in (chain.second.get(history), chain.first.get(history[1]), chain.single):
        options = [(token, n) for token, n in (counts or {}).items() if fits(token)]
        if options:
            weights = np.array([n for _, n in options], dtype=float)
            return options[int(rng.choice(len(options), p=weights / weights.sum()))][0]
    return None


@dataclass(frozen=True)
class Voicing:
    """What one voice is written as: its track, its hard pitch range and its first pitch."""

    track: Track
    pitch_range: tuple[int, int]
    start_pitch: int


def start_pitch(key: KeySignatureChange, pitch_range: tuple[int, int], near: float) -> int:
    """The key's tonic in the octave closest to `near` that lies in the range (the range's
    bottom if no tonic does)."""
    tonics = [p for p in range(pitch_range[0], pitch_range[1] + 1) if p % 12 == key_tonic(key)]
    return min(tonics, key=lambda p: abs(p - near)) if tonics else pitch_range[0]


def fitter(
    chain: Chain, room: int, pitch: int | None, pitch_range: tuple[int, int], stacked: int
) -> Callable[[Token], bool]:
    """Which tokens may come next: none that runs past the bar line (`room` ticks away), none
    that leaves the pitch range (`pitch` is None before the first note, which starts on the
    tonic whatever its token says), no stacking of pitched notes, and no zero gap that would
    put more than MOST_AT_ONCE drum notes on one onset (`stacked` are there already; this
    token adds one and the zero gap promises another)."""
    low, high = pitch_range

    def fits(token: Token) -> bool:
        move, gap = token
        if gap > room or (gap == 0 and (not chain.drum or stacked + 2 > MOST_AT_ONCE)):
            return False
        return chain.drum or pitch is None or low <= pitch + move <= high

    return fits


def write_line(
    chain: Chain, voicing: Voicing, grid: Sequence[int], rng: np.random.Generator
) -> list[Note]:
    """Notes for one voice over the bar grid, from the chain (see the module docstring)."""
    notes: list[Note] = []
    history: Context = (None, None)
    tick, pitch = 0, voicing.start_pitch
    while tick < grid[-1]:
        bar_end = next(start for start in grid if start > tick)
        stacked = sum(n.start_tick == tick for n in notes)
        now = pitch if notes else None
        token = sample(
            chain, history, fitter(chain, bar_end - tick, now, voicing.pitch_range, stacked), rng
        )
        if token is None:  # nothing fits before the bar line: rest until it
            tick = bar_end
            continue
        move, gap = token
        if chain.drum:
            notes.append(Note(tick, move, min(max(gap, DRUM_LENGTH), grid[-1] - tick), VELOCITY))
        else:
            pitch = pitch + move if notes else pitch
            notes.append(Note(tick, pitch, gap, VELOCITY))
        history = (history[1], token)
        tick += gap
    return notes


@dataclass(frozen=True)
class Frame:
    """The song every baseline and model song is written into: meter, key, tempo, bars."""

    meter: tuple[int, int]
    key: KeySignatureChange
    tempo_bpm: float
    bars: int


def markov_song(
    chains: Sequence[Chain], voicings: Sequence[Voicing], frame: Frame, seed: int
) -> Song:
    """A whole song: each voice written by its chain in the frame's meter and key."""
    rng = np.random.default_rng([seed, 2])
    meter = TimeSignatureChange(0, *frame.meter)
    grid = bar_grid((meter,), frame.bars)
    tracks = tuple(
        Track(
            name=v.track.name,
            program=v.track.program,
            is_drum=v.track.is_drum,
            notes=tuple(write_line(chain, v, grid, rng)),
        )
        for chain, v in zip(chains, voicings, strict=True)
    )
    return Song(
        title=f"Markov {seed}",
        bar_count=frame.bars,
        tracks=tracks,
        tempos=(TempoChange(0, frame.tempo_bpm),),
        time_signatures=(meter,),
        key_signatures=(frame.key,),
    )
