"""What the composer asks of the cells being written, and how it reaches the model.

`Controls` holds a request's controls as musicians think of them (notes per bar, a pitch range,
a scale, chords). `guides` turns them, per cell, into the two things the sampler understands:
control tokens the model was trained to follow (soft) and masks it cannot break (hard).
`nudge_guides` asks for the cell as it is, moved well toward a nudge's direction, and
`direction_measure` measures how far a cell has moved.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal, get_args

import numpy as np

from engine.compose.control_tokens import BarControls, clipped_to, sounding_polyphony
from engine.compose.fill_limits import HardConstraints, SoftTargets
from engine.compose.plan import Anchors, anchor_hits, style_key_tones
from engine.compose.register import REGISTER_ROOM, RegisterRoom
from engine.compose.vocab import (
    MAX_POLYPHONY,
    PITCH_RANGE_BIN,
    VELOCITY_LEVELS,
    density_bin,
    nearest,
)
from engine.errors import TesseraError
from engine.song.gm import playable_range
from engine.song.song import PPQ, Cell, Note, Song
from engine.song.theory import tonic_triad
from engine.words import QT_TRANSLATE_NOOP

Direction = Literal[
    "denser",
    "sparser",
    "higher",
    "lower",
    "busier",
    "calmer",
    "louder",
    "softer",
    "closer-to-chord",
]
DIRECTIONS: tuple[str, ...] = get_args(Direction)
PITCHED_ONLY = ("higher", "lower", "closer-to-chord")


class ComposeError(TesseraError):
    """A request that cannot be carried out; the message says what to change."""


@dataclass(frozen=True)
class Controls:
    """What the composer asks of the cells being written. `None` leaves a control to the model.

    Hard (never broken): `pitch_range`, `scale`, `polyphony` (as a limit) and `velocity_range`.
    Soft (the model is asked through control tokens): `density` (notes per bar), `polyphony`,
    `chords` (one pitch-class set per bar written, cycled), `rhythm` (distinct onsets per bar)
    and the middle of `velocity_range`. A bar's soft pitch range is never the composer's whole
    `pitch_range`: it is read from the bars around the cell (see `engine.compose.context`).

    `keep_voice_order`: adjacent parts of one ensemble never cross (`None`: decided from the
    song, see `engine.compose.context.voice_pairs`). `key_pull`: lean toward the key's scale
    tones when the song has a key and no `scale` is set (`engine.compose.decode.KEY_TONE_BONUS`).
    `keep_beat`: a drum bar in 4/4 of a song whose style has a beat keeps that beat's anchor
    hits (a backbeat's kick on 1 and snare on 2 and 4; `engine.compose.plan.BEATS`).
    """

    density: int | None = None
    polyphony: int | None = None
    pitch_range: tuple[int, int] | None = None
    scale: frozenset[int] | None = None
    chords: tuple[frozenset[int], ...] = ()
    velocity_range: tuple[int, int] | None = None
    rhythm: int | None = None
    temperature: float = 1.0
    top_p: float = 0.95
    keep_voice_order: bool | None = None
    key_pull: bool = True
    keep_beat: bool = True

    def __post_init__(self) -> None:
        check_range("density", self.density, 0, 64)
        check_range("polyphony", self.polyphony, 1, MAX_POLYPHONY)
        check_range("rhythm", self.rhythm, 0, 64)
        for name, span, top in (
            ("pitch range", self.pitch_range, 127),
            ("velocity range", self.velocity_range, 127),
        ):
            if span is not None and not 0 <= span[0] <= span[1] <= top:
                raise ComposeError(
                    QT_TRANSLATE_NOOP(
                        "Controls", "{name} {span} must be low <= high within 0-{top}"
                    ).format(name=name, span=span, top=top)
                )
        if self.scale is not None and not self.scale:
            raise ComposeError(
                QT_TRANSLATE_NOOP(
                    "Controls", "the scale has no pitch classes: name a scale such as 'D minor'"
                )
            )
        if not 0.0 <= self.temperature <= 3.0:
            raise ComposeError(
                QT_TRANSLATE_NOOP(
                    "Controls", "temperature {temperature} must be from 0 to 3 (1 is usual)"
                ).format(temperature=self.temperature)
            )
        if not 0.0 < self.top_p <= 1.0:
            raise ComposeError(
                QT_TRANSLATE_NOOP("Controls", "top-p {top_p} must be above 0 and at most 1").format(
                    top_p=self.top_p
                )
            )

    def chord_for(self, index: int) -> frozenset[int] | None:
        """The chord for the `index`-th bar written (the progression repeats)."""
        return self.chords[index % len(self.chords)] if self.chords else None


def check_range(name: str, value: int | None, low: int, high: int) -> None:
    if value is not None and not low <= value <= high:
        raise ComposeError(
            QT_TRANSLATE_NOOP("Controls", "{name} {value} must be from {low} to {high}").format(
                name=name, value=value, low=low, high=high
            )
        )


def controls_with_range(controls: Controls, pitch_range: tuple[int, int]) -> Controls:
    """The controls with a default pitch range (the composer's own range wins)."""
    if controls.pitch_range is not None:
        return controls
    return dataclasses.replace(controls, pitch_range=pitch_range)


@dataclass(frozen=True)
class Guides:
    """What the model is asked for one cell: control tokens it was trained to follow, limits
    it cannot break, and note/onset counts it is steered toward."""

    tokens: BarControls
    limits: HardConstraints
    targets: SoftTargets = field(default_factory=SoftTargets)
    range_from_context: bool = False
    """Whether the cell's soft pitch range is read from its track's written bars around it
    when the cell is written (`engine.compose.context.with_context_range`)."""
    key_tones: frozenset[int] | None = None
    """The key's scale, pulled toward softly (not a mask)."""
    anchors: Anchors = ()
    """A drum cell's beat: hits it keeps (`engine.compose.plan.anchor_hits`)."""
    beat_chord: frozenset[int] | None = None
    """A planned chord, pulled for on the beats only (`FillGrammar.beat_chord`)."""
    planned_chord: bool = False
    """Whether the chord asked for (`tokens.pitch_classes`) is the style's plan rather than the
    composer's: pulled for less (`engine.compose.decode.PLANNED_CHORD_BONUS`)."""
    register_centre: float | None = None
    """A pitch the cell's notes are pulled to stay near: between the last note before it and
    the first after it, for a cell between written bars (`engine.compose.context`)."""
    register_room: RegisterRoom = REGISTER_ROOM
    """How far the notes may roam from that centre, and how much wider than the bars around it
    the cell's soft range is: more for a new string part (`engine.compose.register`)."""
    echo_tones: frozenset[int] | None = None
    """The pitch classes of the bar this cell echoes, the same place in a repeated phrase
    (`engine.compose.phrase_parallel`): those not yet played are raised note by note
    (`engine.compose.sampling.FillGrammar.echo_tones`)."""
    echo_onsets: tuple[tuple[int, int], ...] | None = None
    """For a cell between written bars of its track: (step, how many of them start a note there;
    the bar it echoes in a repeated phrase counts as two), read from those bars only
    (`engine.compose.context.shared_onsets`); a next onset there is raised
    (`engine.compose.sampling.FillGrammar.echo_onsets`)."""
    home_register: float | None = None
    """Where the part's notes lie when none of its bars around the cell is written: a new
    song's voice's `register` (`engine.compose.presets.Voice`). It gives such a cell its soft
    range and register centre (`engine.compose.context.with_context_range`, `energy`)."""
    rhythm: frozenset[int] | None = None
    """The steps of the bar where a new song's band bass starts its notes: its style's bass
    rhythm (`engine.compose.plan.bass_steps`); other steps are pulled against
    (`engine.compose.sampling.FillGrammar.rhythm`)."""
    home_onsets: int | None = None
    """How many notes a 4/4 bar of the part starts where none of its bars is written yet: a new
    song's voice's `onsets` (`engine.compose.presets.Voice`), the count its first bar is
    steered toward (`engine.compose.energy`); later bars follow the bars written before them."""
    least_onsets: int | None = None
    """The fewest notes a 4/4 bar of the part starts where none of its bars is written yet (a
    new song's lead: its voice's `least_onsets`), a hard limit on that first bar scaled to its
    length (`engine.compose.energy`); later bars follow the bars written before them."""

    def at_least_one_note(self) -> Guides:
        """The same, with the cell never left empty (a new part or song plays in every bar)."""
        if self.tokens.density == 0:
            return self
        return dataclasses.replace(
            self, limits=dataclasses.replace(self.limits, min_notes=max(1, self.limits.min_notes))
        )

    def at_most(self, polyphony: int | None) -> Guides:
        """The same, sounding at most `polyphony` notes at once unless a limit is set already
        (a part of an ensemble plays as its instrument or voice does)."""
        if polyphony is None or self.limits.max_polyphony is not None:
            return self
        return dataclasses.replace(
            self, limits=dataclasses.replace(self.limits, max_polyphony=polyphony)
        )


def bar_order(cells: Iterable[Cell]) -> list[tuple[Cell, int]]:
    """Cells sorted by bar then track, each with its bar's index among the bars written."""
    ordered = sorted(set(cells), key=lambda cell: (cell[1], cell[0]))
    bars = sorted({bar for _, bar in ordered})
    return [(cell, bars.index(cell[1])) for cell in ordered]


def guides(song: Song, cell: Cell, controls: Controls, bar_index: int) -> Guides:
    """Soft control tokens and hard limits for one cell from the composer's controls.

    The pitch range is a hard limit only. Asking every bar through its `Low_`/`High_` tokens
    for the whole range of a voice (or of the composer's `--range`) asks the model for a bar
    that spans it, and it obliged with leaps of over an octave; the soft range is instead
    read, when the cell is written, from the bars around it (`range_from_context`).
    """
    track = song.tracks[cell[0]]
    chord = None if track.is_drum else controls.chord_for(bar_index)
    pitch_range = controls.pitch_range or _register(song, cell[0])
    velocity = controls.velocity_range
    soft = BarControls(
        density=None if controls.density is None else density_bin(controls.density),
        polyphony=controls.polyphony,
        pitch_classes=chord,
        mean_velocity=None if velocity is None else nearest(VELOCITY_LEVELS, sum(velocity) / 2),
        onsets=None if controls.rhythm is None else density_bin(controls.rhythm),
    )
    hard = HardConstraints(
        pitch_low=0 if pitch_range is None else pitch_range[0],
        pitch_high=127 if pitch_range is None else pitch_range[1],
        scale_pitch_classes=controls.scale,
        max_polyphony=controls.polyphony,
        velocity_low=1 if velocity is None else velocity[0],
        velocity_high=127 if velocity is None else velocity[1],
    )
    targets = SoftTargets(notes=controls.density, onsets=controls.rhythm)
    key = song.key_at(song.bar_span(cell[1])[0])
    pull = controls.key_pull and controls.scale is None and key is not None and not track.is_drum
    return Guides(
        soft,
        hard,
        targets,
        range_from_context=not track.is_drum,
        key_tones=style_key_tones(song.style, key) if pull and key is not None else None,
        anchors=beat_anchors(song, cell) if track.is_drum and controls.keep_beat else (),
    ).at_most(_thickness(song, cell[0]))


def beat_anchors(song: Song, cell: Cell) -> Anchors:
    """The anchor hits of the song's style's beat for a drum cell: only in a full 4/4 bar."""
    start, end = song.bar_span(cell[1])
    meter = song.time_signature_at(start)
    if end - start != 4 * PPQ:
        return ()
    return anchor_hits(song.style, (meter.numerator, meter.denominator))


REGISTER_MARGIN = 2
"""Semitones a written part may go beyond the range its track already uses."""


def _register(song: Song, track_index: int) -> tuple[int, int]:
    """The default pitch range for writing a track: the range it already spans (a little
    wider), or its instrument's usual range when it is empty. It keeps an alto an alto
    without the composer having to say so."""
    track = song.tracks[track_index]
    if not track.notes:
        return playable_range(track.program, track.is_drum)
    pitches = [note.pitch for note in track.notes]
    if track.is_drum:
        return min(pitches), max(pitches)
    return max(0, min(pitches) - REGISTER_MARGIN), min(127, max(pitches) + REGISTER_MARGIN)


def _thickness(song: Song, track_index: int) -> int | None:
    """The most notes the track sounds at once so far (None for an empty track or drums, whose
    hits' lengths say little): the default polyphony limit when writing it, as `_register` is
    the default range, so a chorale voice or a violin written one line (or two) at a time is
    not rewritten or continued in clusters."""
    track = song.tracks[track_index]
    return sounding_polyphony(track.notes) if track.notes and not track.is_drum else None


def thickness_around(song: Song, cell: Cell) -> int:
    """The most notes the track sounds at once from the cell's bar line to where its last note
    ends, the notes ringing in and those starting after the bar counted: how thick the cell
    sounds where it is, as a polyphony limit counts it."""
    track, bar = cell
    start, end = song.bar_span(bar)
    stop = max([end, *(note.end_tick for note in song.notes_in_bar(track, bar))])
    return sounding_polyphony(clipped_to(song.tracks[track].notes, start, stop))


def nudge_guides(
    song: Song, cell: Cell, direction: str, controls: Controls, bar_index: int
) -> Guides:
    """What to ask for the candidate: the cell as it is, moved well toward the direction, no
    thicker than it is (a nudge of a melody must not turn it into chords)."""
    asked = guides(song, cell, controls, bar_index)
    soft, hard = asked.tokens, asked.limits
    notes = song.notes_in_bar(*cell)
    if controls.polyphony is None:
        hard = dataclasses.replace(hard, max_polyphony=max(1, sounding_polyphony(notes)))
    now = BarControls.measure(notes)
    count, onsets = len(notes), len({n.start_tick for n in notes})
    if direction in ("denser", "sparser"):
        wanted = _more(count) if direction == "denser" else count // 2
        soft = dataclasses.replace(
            soft,
            density=density_bin(wanted),
            polyphony=soft.polyphony or now.polyphony,
            pitch_classes=soft.pitch_classes or now.pitch_classes,
        )
        hard = (
            dataclasses.replace(hard, min_notes=wanted)
            if direction == "denser"
            else dataclasses.replace(hard, max_notes=wanted)
        )
    elif direction in ("busier", "calmer"):
        wanted = _more(onsets) if direction == "busier" else onsets // 2
        soft = dataclasses.replace(
            soft,
            onsets=density_bin(wanted),
            pitch_classes=soft.pitch_classes or now.pitch_classes,
        )
        hard = (
            dataclasses.replace(hard, min_onsets=wanted)
            if direction == "busier"
            else dataclasses.replace(hard, max_onsets=wanted)
        )
    elif direction in ("higher", "lower"):
        low, high = _current_range(song, cell, notes)
        shift = 7 if direction == "higher" else -7
        low, high = min(127, max(0, low + shift)), min(127, max(0, high + shift))
        soft = dataclasses.replace(
            soft,
            low_bin=low // PITCH_RANGE_BIN,
            high_bin=high // PITCH_RANGE_BIN,
            density=soft.density if soft.density is not None else now.density,
        )
        hard = dataclasses.replace(hard, pitch_low=low, pitch_high=high)
    elif direction in ("louder", "softer"):
        mean = now.mean_velocity or 80
        if direction == "louder":
            target, span = min(VELOCITY_LEVELS[-1], mean + 32), (min(120, mean + 16), 127)
        else:
            target, span = max(VELOCITY_LEVELS[0], mean - 32), (1, max(8, mean - 16))
        soft = dataclasses.replace(soft, mean_velocity=nearest(VELOCITY_LEVELS, target))
        hard = dataclasses.replace(hard, velocity_low=span[0], velocity_high=span[1])
    else:  # closer-to-chord
        chord = soft.pitch_classes or chord_of_bar(song, cell)
        soft = dataclasses.replace(soft, pitch_classes=chord, density=now.density)
        hard = dataclasses.replace(hard, scale_pitch_classes=chord)
    targets = asked.targets
    if direction not in ("denser", "sparser", "busier", "calmer") and targets.notes is None:
        # Moving pitch, loudness or harmony should not thin or thicken the cell as well.
        targets = dataclasses.replace(targets, notes=count or None)
    return dataclasses.replace(asked, tokens=soft, limits=hard, targets=targets)


def _more(count: int) -> int:
    """What 'more' asks of a count: half as many again, and at least two more."""
    return max(count + 2, -(-3 * count // 2))


def _current_range(song: Song, cell: Cell, notes: Sequence[Note]) -> tuple[int, int]:
    """The cell's pitch span, or the track's, or its instrument's, whichever exists first."""
    pitches = [n.pitch for n in notes] or [n.pitch for n in song.tracks[cell[0]].notes]
    if pitches:
        return min(pitches), max(pitches)
    track = song.tracks[cell[0]]
    return playable_range(track.program, track.is_drum)


def chord_of_bar(song: Song, cell: Cell) -> frozenset[int]:
    """The harmony around a cell: the three pitch classes the other tracks hold longest in the
    bar; without other tracks, the key's tonic triad; without a key, the cell's own three."""
    track_index, bar = cell
    weights = np.zeros(12)
    for other in range(len(song.tracks)):
        if other != track_index and not song.tracks[other].is_drum:
            for note in song.notes_in_bar(other, bar):
                weights[note.pitch % 12] += note.duration_ticks
    if not weights.any() and song.key_signatures:
        key = song.key_at(song.bar_start_ticks[bar])
        if key is not None:
            return tonic_triad(key)
    if not weights.any():
        for note in song.notes_in_bar(track_index, bar):
            weights[note.pitch % 12] += note.duration_ticks
    if not weights.any():
        return frozenset(range(12))
    order = np.argsort(-weights, kind="stable")
    return frozenset(int(pc) for pc in order[:3] if weights[pc] > 0)


def direction_measure(direction: str, notes: Sequence[Note], chord: frozenset[int]) -> float:
    """The attribute a direction moves, signed so that the asked direction is up.

    Counts (notes, onsets) of an empty cell are 0; pitch, loudness and chord share are not
    defined for it and come back as NaN, for the caller to leave out.
    """
    opposite = {"sparser": "denser", "lower": "higher", "calmer": "busier", "softer": "louder"}
    sign = -1.0 if direction in opposite else 1.0
    name = opposite.get(direction, direction)
    if name == "denser":
        return sign * len(notes)
    if name == "busier":
        return sign * len({n.start_tick for n in notes})
    if not notes:
        return float("nan")
    if name == "higher":
        return sign * float(np.mean([n.pitch for n in notes]))
    if name == "louder":
        return sign * float(np.mean([n.velocity for n in notes]))
    return sum(n.pitch % 12 in chord for n in notes) / len(notes)
