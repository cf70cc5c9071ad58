"""What the song around the cells says about writing them: a bar's register, a new voice's
span, and which tracks are ordered voices of one ensemble.

These are decided per operation (`voice_pairs`, `melody_range`) or per batch as the cells are
written (`with_context_range`), from the song as it stands: the controls of a cell never come
from the notes of the cell being written.
"""

from __future__ import annotations

import dataclasses
import statistics
from collections.abc import Callable, Collection, Mapping, Sequence

from engine.compose.controls import Controls, Guides
from engine.compose.part_writing import SUNG_PROGRAMS
from engine.compose.register import RegisterRoom
from engine.compose.vocab import PITCH_RANGE_BIN, TICKS_PER_STEP
from engine.song.song import Cell, Note, Song

MAX_RANGE_BIN = 127 // PITCH_RANGE_BIN
"""The highest `Low_`/`High_` bin a MIDI pitch falls in."""
CONTEXT_BARS = 4
"""Written bars of the track whose ranges make a cell's soft range: enough to know the
register the part is in, few enough to follow it as it moves."""
LOOKAROUND_BARS = 8
"""How far from the cell those bars may lie (first before it, then after it)."""

MELODY_SPAN = 19
"""Semitones a new single-line voice may span (hard limit): an octave and a fifth. Human
fiddle tunes span 17-18 semitones and the corpus's chorale voices 12-17, while the presets'
whole ranges (21-38) let the model wander into spans of 27-31 with leaps over an octave."""


def context_range(song: Song, cell: Cell, pending: Collection[Cell]) -> tuple[int, int] | None:
    """The typical range of one bar of the track around the cell: the median lowest and
    highest notes of the nearest `CONTEXT_BARS` bars with notes on either side of it (nearest
    first, within `LOOKAROUND_BARS`) that are not waiting to be written. None when there are
    none, and the model chooses. The median of single bars, not the span of all of them: a bar
    asked for the span of four would be asked for a wider leap than the part makes in any
    one bar. Both sides count: a bar regenerated between two written ones sits in the
    register it leads from and into."""
    track = cell[0]
    bars = context_bars(song, cell, pending)
    if not bars:
        return None
    lows = [min(note.pitch for note in song.notes_in_bar(track, other)) for other in bars]
    highs = [max(note.pitch for note in song.notes_in_bar(track, other)) for other in bars]
    return statistics.median_low(lows), statistics.median_high(highs)


def context_bars(song: Song, cell: Cell, pending: Collection[Cell]) -> list[int]:
    """The bars `context_range` reads a cell's register from: the nearest `CONTEXT_BARS`
    bars of its track with notes, within `LOOKAROUND_BARS`, nearest first (before, then
    after), leaving out those waiting to be written."""
    track, bar = cell
    by_distance = sorted(
        (other for other in range(bar - LOOKAROUND_BARS, bar + LOOKAROUND_BARS + 1)
         if other != bar and 0 <= other < song.bar_count),
        key=lambda other: (abs(other - bar), other > bar),
    )  # fmt: skip
    found: list[int] = []
    for other in by_distance:
        if (track, other) not in pending and song.notes_in_bar(track, other):
            found.append(other)
        if len(found) == CONTEXT_BARS:
            break
    return found


HOME_REACH = 5
"""Semitones either side of a voice's home register that the soft range of its first bar
covers (`Guides.home_register`): a bar's worth of room, chosen, not measured; the pull toward
the home register (`engine.compose.register.HOME_FREE_SEMITONES`) is what places the part."""


def with_context_range(guides: Guides, song: Song, cell: Cell, pending: Collection[Cell]) -> Guides:
    """The cell's guides with `Low_`/`High_` tokens read from the bars around it (when it
    asks for them and has no explicit range), moved inside its hard pitch limits and widened
    by its `Guides.register_room` (a bin each side for a new string part). With no written bar
    around it, a part with a home register (`Guides.home_register`) is asked for a range
    around it (`_at_home`); any other is left to the model. A part with a home register is
    pulled toward it in every bar (its `register_centre`): the range tokens alone did not
    place it (asked for 66-83, the model began a new quartet's first violin at a mean pitch
    of 57), and a centre read from the bars already written followed the model down."""
    tokens = guides.tokens
    if guides.home_register is not None and guides.register_centre is None:
        guides = dataclasses.replace(guides, register_centre=guides.home_register)
    if not guides.range_from_context or tokens.low_bin is not None or tokens.high_bin is not None:
        return guides
    found = context_range(song, cell, pending)
    margin = guides.register_room.range_margin_bins
    if found is None and guides.home_register is not None:
        return _at_home(guides, guides.home_register)
    if found is None:
        return guides
    low, high = _inside(found, (guides.limits.pitch_low, guides.limits.pitch_high))
    tokens = dataclasses.replace(
        tokens,
        low_bin=max(0, low // PITCH_RANGE_BIN - margin),
        high_bin=min(MAX_RANGE_BIN, high // PITCH_RANGE_BIN + margin),
    )
    return dataclasses.replace(guides, tokens=tokens)


def _at_home(guides: Guides, home: float) -> Guides:
    """A cell with no written bar of its part around it, asked for the range `HOME_REACH`
    either side of its part's home register (and pulled there: `register_centre`)."""
    low, high = _inside(
        (round(home) - HOME_REACH, round(home) + HOME_REACH),
        (guides.limits.pitch_low, guides.limits.pitch_high),
    )
    tokens = dataclasses.replace(
        guides.tokens, low_bin=low // PITCH_RANGE_BIN, high_bin=high // PITCH_RANGE_BIN
    )
    return dataclasses.replace(guides, tokens=tokens)


JOINING_FREE_SEMITONES = 2.0
"""Semitones either side of a cell's joining pitch (`joining_pitch`) free of any pull, for a
cell between two written bars of its part: at most this, never more than the part's own room.
In Bach's training chorales the joining pitch lies within four semitones of the bar's mean
pitch in 90% of bars (the bar before's mean: 80%; the mean of both neighbours': 88%), and in
the training quartets 79% (67%). With the part's room (5 semitones), 87%, 83% and 89% of
regenerated held-out chorale bars were within four semitones of the held-out mean (200 cells,
seeds 0-2; a copy of the bar before 82%); with 2, 90%, 88% and 86%, pitch classes 0.43-0.44
(0.42), quartets 75-77% (71-79%; the copy 72%)."""

SamePlace = Callable[[Song, Cell, Collection[Cell]], list[tuple[int, Sequence[Note]]]]
"""Where a part repeats its phrases' shape, its bars (index, notes) at a cell's place in them
(none elsewhere): `engine.compose.phrase_place.same_place_bars`, passed in by the caller."""
CONTEXT_PULL = 2.0
"""The unit pull (nats) toward the note and onset counts of the bars around a cell: gentler
than a count the composer asks for (`SoftTargets.pull`), so the model still varies."""


def with_context_counts(
    guides: Guides,
    song: Song,
    cell: Cell,
    pending: Collection[Cell],
    same_place: SamePlace | None = None,
) -> Guides:
    """A cell between two written bars of its track, asked for no counts, is steered toward
    their mean note and onset counts and never left empty.

    Why: regenerating one bar of a part that plays on both sides of it, the model wrote an
    empty bar or a third of the notes around it (in chorales, a count within one of the
    held-out bar's 58% of the time against 33% for a copy of the bar before, but an empty
    bar now and then). A bar that fits its surroundings plays about as much as they do. The
    counts come from the neighbours only, never from the cell. In a choir the neighbours that
    count are the other voices of the same bar, where they are written, and the voice is
    pulled to start its notes where most of them do (`choir_bar`); elsewhere, where the part
    repeats its phrases' shape, the bars at the cell's place in them (`same_place`). Its
    pitches are pulled to stay near the line from the last note before it to the first after
    it (`register_centre`): the model, asked only through its range tokens, wrote a tenor's
    bar a fifth below the bars it joins."""
    if guides.targets.notes is not None or guides.targets.onsets is not None:
        return guides
    track, bar = cell
    around = [
        song.notes_in_bar(track, other)
        for other in (bar - 1, bar + 1)
        if 0 <= other < song.bar_count and (track, other) not in pending
    ]
    if len(around) < 2 or not all(around):
        return guides
    choir = choir_bar(song, cell, pending)
    place = [] if choir or same_place is None else same_place(song, cell, pending)
    counted = choir or [notes for _, notes in place] or around
    notes = round(statistics.median(len(n) for n in counted))
    onsets = round(statistics.median(len({x.start_tick for x in n}) for n in counted))
    targets = dataclasses.replace(
        guides.targets, notes=notes, onsets=onsets, pull=CONTEXT_PULL, read=True
    )
    centre = None if song.tracks[track].is_drum else joining_pitch(*around)
    room = guides.register_room
    if choir:
        echo = sung_together(song, bar, choir)
    elif place:
        echo = shared_by_share(shared_onsets(song, bar, place), len(place))
    else:
        echo = shared_onsets(song, bar, [(bar - 1, around[0]), (bar + 1, around[1])])
    guided = dataclasses.replace(
        guides,
        targets=targets,
        register_centre=centre,
        register_room=RegisterRoom(
            min(room.free_semitones, JOINING_FREE_SEMITONES), room.range_margin_bins
        ),
        echo_onsets=echo,
    )
    return guided.at_least_one_note()


def choir_bar(song: Song, cell: Cell, pending: Collection[Cell]) -> list[Sequence[Note]]:
    """The written notes of the other voices of a choir in the cell's bar (each voice that
    sings there), or none where the song is not a choir.

    Why: a choir sings mostly in one rhythm, so the other voices of the same bar tell a
    voice's bar better than its own bars around it. Over the 17,574 cells of Bach's training
    chorales that lie between two sung bars of their voice, the median count of the other
    voices' bars is within one note of the cell's in 82% (the mean of the bars around it: 55%;
    the bar before: 52%), and the onsets where at least half of them start a note share 0.78
    of the cell's (Jaccard; the bar before's 0.54). A string quartet's parts are independent:
    there the other parts' count is within one in 58% of cells against 66% for the bars
    around it, so an instrumental ensemble keeps reading its own bars."""
    tracks = song.tracks
    track, bar = cell
    sung = [index for index, t in enumerate(tracks) if t.program in SUNG_PROGRAMS and not t.is_drum]
    if track not in sung or len(sung) < 2 or len(sung) != len(tracks):
        return []
    written = [other for other in sung if other != track and (other, bar) not in pending]
    return [notes for other in written if (notes := song.notes_in_bar(other, bar))]


def sung_together(
    song: Song, bar: int, voices: Sequence[Sequence[Note]]
) -> tuple[tuple[int, int], ...] | None:
    """The steps of `bar` where at least half of the other `voices` start a note, each at the
    full echo (two of two, `engine.compose.leans.onset_echo`): where a choir's voice sings
    with the rest (`choir_bar`)."""
    counts = shared_onsets(song, bar, [(bar, notes) for notes in voices])
    if counts is None:
        return None
    return tuple((step, 2) for step, count in counts if 2 * count >= len(voices))


def shared_onsets(
    song: Song, bar: int, sources: Sequence[tuple[int, Sequence[Note]]], weight: int = 1
) -> tuple[tuple[int, int], ...] | None:
    """(step from the bar's start, how many of the source bars start a note there, each
    counting `weight`) for a bar whose rhythm echoes other written bars of its length, read from
    them alone: the bars around it, or the bar it echoes in a repeated phrase (`weight` 2).
    None where a source's length differs from the bar's: their steps would not line up."""
    length = _bar_length(song, bar)
    if any(_bar_length(song, other) != length for other, _ in sources):
        return None
    counts: dict[int, int] = {}
    for other, notes in sources:
        start = song.bar_span(other)[0]
        for step in {(note.start_tick - start) // TICKS_PER_STEP for note in notes}:
            if step >= 0:
                counts[step] = counts.get(step, 0) + weight
    return tuple(sorted(counts.items()))


def _bar_length(song: Song, bar: int) -> int:
    start, end = song.bar_span(bar)
    return end - start


def shared_by_share(
    shared: tuple[tuple[int, int], ...] | None, sources: int
) -> tuple[tuple[int, int], ...] | None:
    """`shared_onsets` of many bars counted as two bars' would be: 2 where all of them start a
    note, 1 where half do (the echo's pull is made for two bars, `leans.onset_echo`)."""
    if shared is None:
        return None
    return tuple((step, round(2 * count / sources)) for step, count in shared if count)


def joining_pitch(before: Sequence[Note], after: Sequence[Note]) -> float:
    """Midway between the last note of the bar before a cell and the first of the bar after
    it: where a bar that joins them sits."""
    last = max(before, key=lambda n: (n.start_tick, n.pitch))
    first = min(after, key=lambda n: (n.start_tick, -n.pitch))
    return (last.pitch + first.pitch) / 2


def _inside(span: tuple[int, int], limits: tuple[int, int]) -> tuple[int, int]:
    """`span` shifted the least that puts it inside `limits` (and cut to them if wider): a
    composer's new range moves the part there, keeping how wide its bars are."""
    (low, high), (bottom, top) = span, limits
    shift = max(0, bottom - low) - max(0, high - top)
    return max(bottom, low + shift), min(top, high + shift)


def melody_range(pitch_range: tuple[int, int]) -> tuple[int, int]:
    """At most `MELODY_SPAN` semitones centred in `pitch_range`: the hard range for a new
    single-line voice, whose preset range says where the voice lies, not how far one tune
    should stretch."""
    low, high = pitch_range
    if high - low <= MELODY_SPAN:
        return pitch_range
    bottom = (low + high - MELODY_SPAN) // 2
    return bottom, bottom + MELODY_SPAN


def voice_pairs(
    song: Song, plan: Mapping[Cell, Guides], controls: Controls
) -> frozenset[tuple[int, int]]:
    """(upper, lower) adjacent pitched tracks that keep their order while written.

    A pair is ordered when the upper track's register (the median of its notes, or for an
    empty track the middle of the range it is written in) lies above the lower's. The rule
    holds for every such pair when `controls.keep_voice_order` is True, never when False,
    and by default only in an ensemble of voices: two or more pitched tracks of one General
    MIDI family (voices, strings, keyboards...) and no drums, as the chorale, string-quartet
    and piano presets are. A band's lead and comping may cross; a chorale's alto and tenor
    may not (Bach's cross 0.2% of the time, the unruled model's 20%).
    """
    tracks = song.tracks
    if controls.keep_voice_order is False:
        return frozenset()
    families = {track.program // 8 for track in tracks}
    ensemble = len(tracks) >= 2 and len(families) == 1 and not any(t.is_drum for t in tracks)
    if controls.keep_voice_order is None and not ensemble:
        return frozenset()
    middles = [_register_middle(song, index, plan) for index in range(len(tracks))]
    return frozenset(
        (upper, upper + 1)
        for upper in range(len(tracks) - 1)
        if not tracks[upper].is_drum
        and not tracks[upper + 1].is_drum
        and (high := middles[upper]) is not None
        and (low := middles[upper + 1]) is not None
        and high > low
    )


def _register_middle(song: Song, track: int, plan: Mapping[Cell, Guides]) -> float | None:
    """Where a track lies, to order it among the others: its home register where the plan
    gives one (a preset's part), else the median of its notes, else the middle of the range
    it is written in. A home comes first: read from the few bars written so far, two parts
    of a new quartet changed places in 5 of 30 songs (a viola's notes' median under the
    cello's after two bars), and their order was then left unruled for the rest of the song."""
    home = next((g.home_register for (t, _), g in plan.items() if t == track), None)
    if home is not None:
        return float(home)
    notes = song.tracks[track].notes
    if notes:
        return float(statistics.median(note.pitch for note in notes))
    limits = [guides.limits for (t, _), guides in plan.items() if t == track]
    return (limits[0].pitch_low + limits[0].pitch_high) / 2 if limits else None
