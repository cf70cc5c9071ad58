"""A choir sings legato and a fiddle tune runs on: each note of a sung ensemble's voice, or of
a tune running in its style's pulse, is held to the part's next onset, and its bar's last to
the bar's end, once the cell is written.

Why after the draw and not as a pull on it: the model chooses how many notes a bar has and
where they start, and it often chose a quarter-note's rest after the last note (new chorales'
voices sounded 75-82% of the time, Bach's 98-99%; new reels 95%, held-out reels 99%). A pull
against ending the fill early did not move it: the bar's note count was met, and the only
onset that kept the line unbroken was a note the model did not want. The rhythm is the
onsets; how long a note lasts before the next is performance, as a DAW's legato command
treats it. A held note stops where a voice already written beside it crosses its pitch, so
the voices keep their order.
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
from collections.abc import Collection, Sequence

import numpy as np
import numpy.typing as npt

from engine.compose.part_writing import is_sung
from engine.compose.plan import STYLE_PLANS
from engine.compose.register import BOWED_PROGRAMS
from engine.compose.vocab import STEPS_PER_QUARTER, TICKS_PER_STEP
from engine.song.song import PPQ, Note, Song

Window = tuple[npt.NDArray[np.int_], npt.NDArray[np.int_]]


def plays_legato(song: Song, track: int, ensemble: Collection[int], one_line: bool) -> bool:
    """Whether a part's notes are held to its next onset: a voice of a sung ensemble (every
    part of it sung), or a tune running in its style's pulse (a fiddle tune: the first pitched
    part of a style with a pulse, `engine.compose.plan.StylePlan.pulse`, playing one line)."""
    if track in ensemble:
        return is_sung(song, ensemble)
    plan = STYLE_PLANS.get(song.style or "")
    if not one_line or plan is None or plan.pulse is None:
        return False
    pitched = [index for index, part in enumerate(song.tracks) if not part.is_drum]
    return bool(pitched) and track == pitched[0]


BOWED_GAP_TICKS = PPQ // 2
"""The longest rest a bowed ensemble's part closes by holding the note before it: an eighth.
The training quartets' parts rest between two onsets at 4% of them for an eighth or less, new
quartets' at 12% (a quarter: 1.3% and 4.3%; a half or more: 2.6% and 1%), and their parts
sounded at 77% of the sampled sixteenths against the held-out quartets' 86%. A longer rest is
the model's: strings do rest, and a rest of a beat or more is phrasing."""


def bowed_gap(song: Song, track: int, ensemble: Collection[int]) -> int | None:
    """The longest rest a part closes (`BOWED_GAP_TICKS`) where it is a voice of an ensemble
    of bowed strings (a string quartet), else None."""
    if track not in ensemble or is_sung(song, ensemble):
        return None
    bowed = all(song.tracks[other].program in BOWED_PROGRAMS for other in ensemble)
    return BOWED_GAP_TICKS if bowed else None


def bass_gap(rhythm: frozenset[int] | None, bar_steps: int) -> int | None:
    """The longest rest (in ticks) a new song's band bass closes by holding the note before it,
    where it plays its style's rhythm (`engine.compose.sampling.FillGrammar.rhythm`, steps of a
    bar `bar_steps` long): the longest gap between two of the rhythm's onsets, the last to the
    next bar's first included, so each note rings to the next one its pattern plays and a note
    the bass leaves out stays a rest. None without a rhythm, or where it starts two notes a
    sixteenth apart: a funk bass's or a metal gallop's sixteenths are played short.

    Why: the model writes its bass notes a sixteenth long whatever their rhythm (new jazz basses
    walking in quarters: 61 of 64 notes a sixteenth), where the arranger's walking, pumping and
    root-fifth patterns, which the model learned bands from, hold each note to the next."""
    if not rhythm:
        return None
    steps = sorted(rhythm)
    if any(
        later - earlier <= STEPS_PER_QUARTER // 4 for earlier, later in itertools.pairwise(steps)
    ):
        return None
    gaps = [
        later - earlier for earlier, later in itertools.pairwise([*steps, steps[0] + bar_steps])
    ]
    return max(gaps) * TICKS_PER_STEP


def held_to_next_onset(
    notes: Sequence[Note],
    bar_start: int,
    bar_end: int,
    window: Window | None = None,
    kept: Sequence[Note] = (),
    *,
    longest_gap: int | None = None,
    rhythm: frozenset[int] | None = None,
) -> list[Note]:
    """The cell's notes, each held to the next onset among them and the notes a lock keeps in
    the bar (`kept`; the last ones to `bar_end`) unless it already sounds that long, and no
    further than where `window` (the lowest and highest pitch at each step of the bar,
    `engine.compose.fill_context.voice_window`) leaves its pitch; with `longest_gap`, only
    where the rest it closes is no longer than that, else (for a band bass with a `rhythm`,
    steps of the bar) to the next step of its rhythm. Never shortened, never moved.

    Why the rhythm: a new latin bass left out most of its pattern's notes and wrote the rest a
    sixteenth long (the model writes bass notes so whatever their rhythm), so a bar held one
    pluck and a rest; the arranger's bossa bass, which it learned from, holds its root a dotted
    quarter to the pattern's next note."""
    onsets = sorted({note.start_tick for note in [*notes, *kept]})
    held = []
    for note in notes:
        later = bisect.bisect_right(onsets, note.start_tick)
        until = onsets[later] if later < len(onsets) else bar_end
        if longest_gap is not None and until - note.end_tick > longest_gap:
            until = min(until, _next_rhythm_tick(note.start_tick, bar_start, bar_end, rhythm))
        if window is not None:
            until = _window_closes(note, bar_start, until, window)
        longer = until > note.end_tick
        held.append(
            dataclasses.replace(note, duration_ticks=until - note.start_tick) if longer else note
        )
    return held


def _next_rhythm_tick(
    tick: int, bar_start: int, bar_end: int, rhythm: frozenset[int] | None
) -> int:
    """The tick of the first step of `rhythm` after `tick` (the bar's end after its last); the
    tick itself without a rhythm."""
    if not rhythm:
        return tick
    later = [bar_start + step * TICKS_PER_STEP for step in sorted(rhythm)]
    return next((at for at in later if at > tick), bar_end)


def _window_closes(note: Note, bar_start: int, until: int, window: Window) -> int:
    """The first tick from the note's end to `until` at which the window leaves out its
    pitch (a neighbour crosses it there), else `until`."""
    low, high = window
    first = -(-(note.end_tick - bar_start) // TICKS_PER_STEP)
    last = min(len(low), -(-(until - bar_start) // TICKS_PER_STEP))
    if first >= last:
        return until
    outside = np.flatnonzero((note.pitch < low[first:last]) | (note.pitch > high[first:last]))
    if not len(outside):
        return until
    return min(until, bar_start + (first + int(outside[0])) * TICKS_PER_STEP)
