"""Section energy: how hard a section pushes, turned into what each of its cells asks for.

A section's `level` (0-1: its own energy, or its role's default, `engine.song.sections`) reaches
every cell any operation writes in it, because `with_energy` is applied where every cell's
guides are completed, as it is written (`engine.compose.cell_writer`). It asks for:

- how many tracks play: at a low level some parts rest (`REST_BELOW`: an intro or an outro
  without drums, a break of only the accompaniment and bass);
- density: note and onset counts of the track's typical bar, scaled by `density_factor` (the
  typical bar is measured over the track's written bars, each divided by its own section's
  factor, so a quiet intro does not make the chorus quiet), with room either side for a
  pitched part's bars to vary as real ones do (`ENERGY_SLACK`);
- loudness: a mean velocity rising with the level, within a window (`velocity_for`);
- register: a few semitones up when the level is above that of the bars the cell's register
  is read from (`REGISTER_SEMITONES` per unit of level), down when below; a new song's voice
  is pulled to its home register (`Guides.home_register`) moved by its section's level;
- a drum fill: the drums of the last bar before a section of higher energy play
  `FILL_FACTOR` times as many hits.

Explicit composer controls beat energy: each of these is asked only where the cell's guides
leave it open (no density, velocity range or range asked; a nudge's direction is such a
request). A cell between two written bars of its track in sections of its own level keeps
what those bars play (`engine.compose.context.with_context_counts`), which already carries the
section's energy. A song without sections has no energy, and nothing changes.
"""

from __future__ import annotations

import dataclasses
import math
import statistics
from collections.abc import Collection

from engine.compose.context import CONTEXT_PULL, context_bars
from engine.compose.controls import Guides
from engine.compose.fill_limits import HardConstraints
from engine.compose.vocab import PITCH_RANGE_BIN, VELOCITY_LEVELS, density_bin, nearest
from engine.song.sections import section_at_bar
from engine.song.song import PPQ, Cell, Song

NEUTRAL = 0.5
"""The level of a bar outside every section."""
REST_BELOW = {"drums": 0.35, "lead": 0.28, "extra": 0.2, "bass": 0.0, "accompaniment": 0.0}
"""Below these levels a part rests: the drums in an intro or an outro (0.3), the lead as well
in a break (0.25), a second accompaniment below 0.2. The bass and the first accompaniment
always play, and so does a song's only pitched part."""
DENSITY_RANGE = (0.5, 1.5)
"""The share of the track's typical note count asked at level 0 and at level 1."""
VELOCITY_RANGE = (40.0, 110.0)
"""The mean velocity asked at level 0 and at level 1."""
VELOCITY_SPREAD = 12
"""How far a note's velocity may stray from its section's mean (a hard window). The model
follows the loudness of the bars around a cell more than the velocity it is asked for: a
chorus regenerated among bars played at 80 came out at a mean of 81.7 against the verse's
78.3 with a window of 24 either side, and the same at 16; at 12 the chorus is clearly louder
(`tests/engine/compose/test_energy.py`)."""
REGISTER_SEMITONES = 10.0
"""Semitones the register moves per unit of level (a chorus at 0.8 after a verse at 0.45
sits about 3.5 semitones higher): the range tokens move by it from the bars the range is read
from, and the notes are pulled toward the track's typical pitch moved by it
(`Guides.register_centre`, `typical_pitch`). Asked through the range tokens alone, the lead of
one new pop song's choruses sat 3.7 semitones above its verses and another's 6.7 below."""
MIN_SPAN = 12
"""The narrowest hard range energy leaves a part (an octave)."""
ENERGY_PULL = CONTEXT_PULL
"""The unit pull (nats) toward a section's note and onset counts: as gentle as the pull toward
the bars around a regenerated cell, so the model still varies its bars; at the sampler's
default (5), every bar of a new pop song's lead kept the 2 notes its first bars had."""
ENERGY_SLACK = 0.3
"""The share either side of a part's typical counts that the model is left to choose in
(`SoftTargets.slack`, `count_slack`): a pitched part's bars, a band's lead only.

Why: held to the typical bar's counts exactly, every bar of a new song's melody started as
many notes as its first (a pop lead 14 every bar for 15 bars), where real tunes hold a note
at a phrase's end and run at its height. 'Bars off its usual onset count'
(`benchmarks.musicality`, 30 songs a style): Bach's held-out sopranos 61%, fiddle tunes 43%
and 51%, the held-out quartets' first violins 53%; new songs 13%, 16%, 21% and 9% held
exactly, 55%, 32%, 44% and 54% with 0.3, and band leads 4-31% -> 59-73% (10 songs a
style). Chorale basses came nearer Bach's onsets a bar (4.5 -> 4.0; Bach 3.8). At 0.4, 5 of
30 new chorales were heard out of their key (1 at 0.3). Left free, a band's bass and comping
lost their figure (funk bass 8.1 -> 5.6 onsets a bar) and 3 of 10 lo-fi songs their key, so
they keep their counts as its drums keep the beat."""
FILL_FACTOR = 1.5
"""How many more hits a drum fill plays than the bar would."""
FILL_STEP = 0.05
"""How much higher the next section's level must be for a fill into it."""


def bar_level(song: Song, bar: int) -> float | None:
    """The energy of the section holding `bar` (None outside every section)."""
    index = section_at_bar(song.sections, bar)
    return None if index is None else song.sections[index].level


def density_factor(level: float) -> float:
    low, high = DENSITY_RANGE
    return low + (high - low) * level


def velocity_for(level: float) -> int:
    """The mean velocity (one of the model's levels) a section of `level` plays at."""
    low, high = VELOCITY_RANGE
    return nearest(VELOCITY_LEVELS, low + (high - low) * level)


def part_of(song: Song, track: int) -> str:
    """What a track is in the band: 'drums', 'lead' (the first pitched track), 'bass' (a GM
    bass), 'accompaniment' (the first other part) or 'extra' (any further one)."""
    tracks = song.tracks
    if tracks[track].is_drum:
        return "drums"
    pitched = [i for i, t in enumerate(tracks) if not t.is_drum]
    if track == pitched[0]:
        return "lead"
    if 32 <= tracks[track].program <= 39:
        return "bass"
    others = [i for i in pitched[1:] if not 32 <= tracks[i].program <= 39]
    return "accompaniment" if track == others[0] else "extra"


def rests(song: Song, track: int, level: float) -> bool:
    """Whether the track rests in a section of `level` (a song's only pitched part never)."""
    if sum(not t.is_drum for t in song.tracks) < 2 and not song.tracks[track].is_drum:
        return False
    return level < REST_BELOW[part_of(song, track)]


def with_energy(
    guides: Guides,
    song: Song,
    cell: Cell,
    pending: Collection[Cell],
    *,
    move_register: bool = True,
) -> Guides:
    """The cell's guides with its section's energy asked where they leave it open (see the
    module's notes); `move_register` False keeps a range the operation asked for itself."""
    track, bar = cell
    level = bar_level(song, bar)
    if level is None:
        return guides
    counts_open = guides.tokens.density is None and guides.targets.notes is None
    if counts_open and rests(song, track, level):
        return _resting(guides)
    guides = _louder(guides, level)
    if counts_open and not _between_alike(song, cell, pending, level):
        guides = _counts(guides, song, cell, pending, level)
    if move_register and not song.tracks[track].is_drum:
        guides = _register(guides, song, cell, pending, level)
    return guides


def _resting(guides: Guides) -> Guides:
    limits = dataclasses.replace(guides.limits, min_notes=0, max_notes=0)
    tokens = dataclasses.replace(guides.tokens, density=density_bin(0))
    targets = dataclasses.replace(guides.targets, notes=0, onsets=0)
    return dataclasses.replace(guides, tokens=tokens, limits=limits, targets=targets, anchors=())


def _louder(guides: Guides, level: float) -> Guides:
    limits = guides.limits
    if guides.tokens.mean_velocity is not None or (limits.velocity_low, limits.velocity_high) != (
        1,
        127,
    ):
        return guides
    mean = velocity_for(level)
    tokens = dataclasses.replace(guides.tokens, mean_velocity=mean)
    limits = dataclasses.replace(
        limits,
        velocity_low=max(1, mean - VELOCITY_SPREAD),
        velocity_high=min(127, mean + VELOCITY_SPREAD),
    )
    return dataclasses.replace(guides, tokens=tokens, limits=limits)


def _between_alike(song: Song, cell: Cell, pending: Collection[Cell], level: float) -> bool:
    """Whether both neighbouring bars of the track are written and play at the cell's level."""
    track, bar = cell
    for other in (bar - 1, bar + 1):
        if not 0 <= other < song.bar_count or (track, other) in pending:
            return False
        if not song.notes_in_bar(track, other) or bar_level(song, other) != level:
            return False
    return True


def typical_counts(song: Song, track: int, pending: Collection[Cell]) -> tuple[float, float] | None:
    """The track's (notes, onsets) per bar at the neutral level: the median over its written
    bars of each bar's counts divided by its section's `density_factor`; None when none."""
    notes, onsets = [], []
    for bar in range(song.bar_count):
        written = () if (track, bar) in pending else song.notes_in_bar(track, bar)
        if written:
            level = bar_level(song, bar)
            factor = density_factor(NEUTRAL if level is None else level)
            notes.append(len(written) / factor)
            onsets.append(len({note.start_tick for note in written}) / factor)
    if not notes:
        return None
    return statistics.median(notes), statistics.median(onsets)


def home_counts(guides: Guides, song: Song, bar: int) -> tuple[float, float] | None:
    """(notes, onsets) of a bar of a single line whose track has nothing written yet: its
    voice's `home_onsets` per 4/4 bar scaled to the bar's length; None without one."""
    if guides.home_onsets is None:
        return None
    start, end = song.bar_span(bar)
    count = guides.home_onsets * (end - start) / (4 * PPQ)
    return count, count


def _at_least_home_onsets(guides: Guides, song: Song, bar: int) -> Guides:
    """The guides of a bar of a part with nothing written yet, held to start at least its
    `Guides.least_onsets` (per 4/4 bar, scaled to the bar's length, at least one) where it has
    one: the first bar's count is what every later bar of the part follows."""
    if guides.least_onsets is None:
        return guides
    start, end = song.bar_span(bar)
    least = max(1, int(guides.least_onsets * (end - start) / (4 * PPQ)))
    limits = dataclasses.replace(guides.limits, min_onsets=max(guides.limits.min_onsets, least))
    return dataclasses.replace(guides, limits=limits)


def count_slack(song: Song, track: int) -> float:
    """How far a part's bars may stray from its typical counts (`ENERGY_SLACK` or none): in a
    band only the lead's; its bass and comping keep their figure as its drums keep the beat."""
    if song.tracks[track].is_drum:
        return 0.0
    band = any(other.is_drum for other in song.tracks)
    return ENERGY_SLACK if not band or part_of(song, track) == "lead" else 0.0


def _counts(
    guides: Guides, song: Song, cell: Cell, pending: Collection[Cell], level: float
) -> Guides:
    track, bar = cell
    typical = typical_counts(song, track, pending) or home_counts(guides, song, bar)
    if typical is None:
        return _at_least_home_onsets(guides, song, bar)
    scale = density_factor(level)
    limits = guides.limits
    following = bar_level(song, bar + 1) if bar + 1 < song.bar_count else None
    fill = (
        song.tracks[track].is_drum
        and following is not None
        and following > level + FILL_STEP
        and section_at_bar(song.sections, bar) != section_at_bar(song.sections, bar + 1)
    )
    if fill:
        scale *= FILL_FACTOR
    notes, onsets = (max(1, round(count * scale)) for count in typical)
    if fill:
        limits = dataclasses.replace(limits, min_onsets=max(limits.min_onsets, onsets))
    targets = dataclasses.replace(
        guides.targets,
        notes=notes,
        onsets=onsets,
        pull=ENERGY_PULL,
        read=True,
        slack=count_slack(song, track),
    )
    tokens = dataclasses.replace(guides.tokens, density=density_bin(notes))
    return dataclasses.replace(guides, tokens=tokens, limits=limits, targets=targets)


def _register(
    guides: Guides, song: Song, cell: Cell, pending: Collection[Cell], level: float
) -> Guides:
    """The soft range (and register centre) moved by the level above or below that of the
    bars the register was read from."""
    tokens = guides.tokens
    if tokens.low_bin is None or tokens.high_bin is None:
        return guides
    around = [bar_level(song, bar) for bar in context_bars(song, cell, pending)]
    levels = [NEUTRAL if found is None else found for found in around]
    if not levels:
        return guides
    shift = REGISTER_SEMITONES * (level - statistics.mean(levels))
    low, top = guides.limits.pitch_low, guides.limits.pitch_high // PITCH_RANGE_BIN

    def moved(bin_: int) -> int:
        centre = bin_ * PITCH_RANGE_BIN + PITCH_RANGE_BIN / 2 + shift
        return min(max(math.floor(centre / PITCH_RANGE_BIN), low // PITCH_RANGE_BIN), top)

    tokens = dataclasses.replace(
        tokens, low_bin=moved(tokens.low_bin), high_bin=moved(tokens.high_bin)
    )
    lift = REGISTER_SEMITONES * (level - NEUTRAL)
    centre = guides.register_centre
    if centre is not None and guides.home_register is None:
        # between written bars: their line, moved by the shift
        return dataclasses.replace(guides, tokens=tokens, register_centre=centre + shift)
    typical = guides.home_register  # a new song's voice: its home register
    if typical is None:
        typical = typical_pitch(song, cell[0], pending)
    centre = None if typical is None else typical + lift
    return dataclasses.replace(
        guides, tokens=tokens, register_centre=centre, limits=_narrowed(guides.limits, lift)
    )


def _narrowed(limits: HardConstraints, lift: float) -> HardConstraints:
    """The hard pitch range with its floor raised by a positive lift (its ceiling lowered by a
    negative one), never narrower than `MIN_SPAN`: a range is only narrowed, so the notes the
    composer allows stay allowed."""
    low, high = limits.pitch_low, limits.pitch_high
    room = max(0, high - low - MIN_SPAN)
    if lift > 0:
        low += min(room, round(lift))
    else:
        high -= min(room, round(-lift))
    return dataclasses.replace(limits, pitch_low=low, pitch_high=high)


def typical_pitch(song: Song, track: int, pending: Collection[Cell]) -> float | None:
    """The track's median pitch at the neutral level: each written note's pitch less its
    section's register shift (`REGISTER_SEMITONES` per unit of level from `NEUTRAL`)."""
    pitches = []
    for bar in range(song.bar_count):
        if (track, bar) in pending:
            continue
        level = bar_level(song, bar)
        shift = REGISTER_SEMITONES * ((NEUTRAL if level is None else level) - NEUTRAL)
        pitches += [note.pitch - shift for note in song.notes_in_bar(track, bar)]
    return statistics.median(pitches) if pitches else None
