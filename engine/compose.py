"""The composing operations: lock, regenerate, add a track, generate, continue and nudge.

Each operation is a pure function of `(model, song, request, seed)` returning a new Song; `apply`
dispatches on the request's type, so the CLI, the app and the benchmark run the same code.

How cells are written. The cells are taken in bar order, a few at a time (a batch fits the
model's context with room for its fills), and each batch is written by `engine.generate` with
the song so far as its prompt: later batches hear what earlier ones wrote. Bars further on whose
pending cells are still empty (a new track, a continuation, a new song) are left out of the
prompt, because the model would read them as silence to lead into.

What a lock guarantees. A cell is the notes that *start* in its bar. Writing a cell removes
only the notes starting in it and never changes a note outside it: a new note that would start
while an outside note of the same pitch still sounds is dropped, and one that would ring over
the next outside onset of its pitch is cut there. So every cell not written, locked or not,
is bit-identical afterwards.

Why nudge blends. A nudge asks for a candidate written toward the direction (denser, higher,
...), then keeps each existing note when its own uniform draw is at least the strength and
takes each candidate note when its draw is below it. The draws and the candidate depend on the
seed, not on the strength, so for one seed a stronger nudge keeps a subset of the notes a
weaker one kept and adds a superset of its new notes: strength 0 changes nothing, the share
kept falls as the strength rises, and the attribute moves from the old value toward the
candidate's.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

import numpy as np

from engine.controls import BarControls
from engine.edits import add_track as insert_track
from engine.edits import select, set_bar_count, set_locked
from engine.errors import TesseraError
from engine.generate import ContextFullError, SamplingSettings, fill_cells
from engine.gm import instrument_name, playable_range
from engine.inference import MidiModel
from engine.note_cleanup import clean_notes
from engine.sampling import HardConstraints
from engine.song import (
    KeySignatureChange,
    Note,
    Song,
    TempoChange,
    TimeSignatureChange,
    Track,
)
from engine.theory import key_from_name, tonic_triad
from engine.tokens import Cell
from engine.vocab import (
    MAX_POLYPHONY,
    PITCH_RANGE_BIN,
    VELOCITY_LEVELS,
    density_bin,
    nearest,
)

MAX_CELLS_PER_CALL = 6
"""Cells one model call writes; each keeps `FILL_ROOM_TOKENS` of the context free."""

TRAINED_PROGRAMS = (0, 19, 40, 41, 42, 47, 52, 56, 60, 68, 110)
"""General MIDI programs the shipped model met in its corpus (checked against the corpus by a
test). Other instruments are shown to the model as the nearest of these by register, and the
written part is given to the real instrument."""

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
    and the middle of `velocity_range`.
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

    def __post_init__(self) -> None:
        _check_range("density", self.density, 0, 64)
        _check_range("polyphony", self.polyphony, 1, MAX_POLYPHONY)
        _check_range("rhythm", self.rhythm, 0, 64)
        for name, span, top in (
            ("pitch range", self.pitch_range, 127),
            ("velocity range", self.velocity_range, 127),
        ):
            if span is not None and not 0 <= span[0] <= span[1] <= top:
                raise ComposeError(f"{name} {span} must be low <= high within 0-{top}")
        if self.scale is not None and not self.scale:
            raise ComposeError("the scale has no pitch classes: name a scale such as 'D minor'")
        if not 0.0 <= self.temperature <= 3.0:
            raise ComposeError(f"temperature {self.temperature} must be from 0 to 3 (1 is usual)")
        if not 0.0 < self.top_p <= 1.0:
            raise ComposeError(f"top-p {self.top_p} must be above 0 and at most 1")

    def chord_for(self, index: int) -> frozenset[int] | None:
        """The chord for the `index`-th bar written (the progression repeats)."""
        return self.chords[index % len(self.chords)] if self.chords else None


def _check_range(name: str, value: int | None, low: int, high: int) -> None:
    if value is not None and not low <= value <= high:
        raise ComposeError(f"{name} {value} must be from {low} to {high}")


@dataclass(frozen=True)
class Lock:
    cells: tuple[Cell, ...]
    locked: bool = True
    operation: str = field(default="lock", init=False)


@dataclass(frozen=True)
class Regenerate:
    cells: tuple[Cell, ...]
    controls: Controls = Controls()
    operation: str = field(default="regenerate", init=False)


@dataclass(frozen=True)
class AddTrack:
    program: int
    name: str | None = None
    controls: Controls = Controls()
    operation: str = field(default="add-track", init=False)


@dataclass(frozen=True)
class Continue:
    bars: int
    tracks: tuple[int, ...] | None = None
    controls: Controls = Controls()
    operation: str = field(default="continue", init=False)


@dataclass(frozen=True)
class Nudge:
    cells: tuple[Cell, ...]
    direction: str
    strength: float
    controls: Controls = Controls()
    operation: str = field(default="nudge", init=False)


@dataclass(frozen=True)
class Voice:
    name: str
    program: int
    pitch_range: tuple[int, int]


@dataclass(frozen=True)
class Preset:
    """A style to start a new song from: an ensemble and the usual meter, key and tempo."""

    voices: tuple[Voice, ...]
    meter: tuple[int, int]
    key: str
    tempo_bpm: float
    bars: int


PRESETS: dict[str, Preset] = {
    "folk-tune": Preset((Voice("Fiddle", 110, (55, 93)),), (6, 8), "D major", 116, 16),
    "reel": Preset((Voice("Fiddle", 110, (55, 93)),), (4, 4), "G major", 104, 16),
    "chorale": Preset(
        (
            Voice("Soprano", 52, (60, 81)),
            Voice("Alto", 52, (53, 74)),
            Voice("Tenor", 52, (48, 69)),
            Voice("Bass", 52, (40, 62)),
        ),
        (4, 4),
        "G major",
        76,
        8,
    ),
    "string-quartet": Preset(
        (
            Voice("Violin I", 40, (55, 96)),
            Voice("Violin II", 40, (55, 88)),
            Voice("Viola", 41, (48, 81)),
            Voice("Cello", 42, (36, 72)),
        ),
        (3, 4),
        "C major",
        108,
        16,
    ),
    "piano": Preset(
        (Voice("Right hand", 0, (55, 96)), Voice("Left hand", 0, (28, 67))),
        (4, 4),
        "C major",
        92,
        8,
    ),
}


@dataclass(frozen=True)
class Generate:
    preset: str
    bars: int | None = None
    meter: tuple[int, int] | None = None
    key: KeySignatureChange | None = None
    tempo_bpm: float | None = None
    title: str = "Untitled"
    controls: Controls = Controls()
    operation: str = field(default="generate", init=False)


Request = Lock | Regenerate | AddTrack | Continue | Nudge | Generate


def apply(model: MidiModel | None, song: Song | None, request: Request, seed: int) -> Song:
    """Carry out one request; the same song, request and seed always give the same Song."""
    if isinstance(request, Lock):
        return lock(_need_song(song), request.cells, request.locked)
    if isinstance(request, Generate):
        return generate(_need_model(model), request, seed)
    song, model = _need_song(song), _need_model(model)
    if isinstance(request, Regenerate):
        return regenerate(model, song, request, seed)
    if isinstance(request, AddTrack):
        return add_track(model, song, request, seed)
    if isinstance(request, Continue):
        return continue_song(model, song, request, seed)
    return nudge(model, song, request, seed)


def _need_song(song: Song | None) -> Song:
    if song is None:
        raise ComposeError("this operation works on a song: open or generate one first")
    return song


def _need_model(model: MidiModel | None) -> MidiModel:
    if model is None:
        raise ComposeError("this operation needs the symbolic model, which is not loaded")
    return model


# --- selections and locks -------------------------------------------------------------------


def cells_of(
    song: Song, tracks: Sequence[int] | None = None, bars: tuple[int, int] | None = None
) -> tuple[Cell, ...]:
    """All (track, bar) cells of a selection: chosen tracks (default all) x a bar range."""
    track_list = range(len(song.tracks)) if tracks is None else tracks
    first, last = (0, song.bar_count - 1) if bars is None else bars
    return tuple((t, b) for t in track_list for b in range(first, last + 1))


def split_locked(song: Song, cells: Iterable[Cell]) -> tuple[list[Cell], list[Cell]]:
    """(unlocked cells, locked cells) of a selection, each sorted; checks the cells exist."""
    free: list[Cell] = []
    held: list[Cell] = []
    for track, bar in sorted(set(cells)):
        if not 0 <= track < len(song.tracks):
            raise ComposeError(
                f"track {track + 1} does not exist: the song has {len(song.tracks)} tracks"
            )
        if not 0 <= bar < song.bar_count:
            raise ComposeError(f"bar {bar + 1} does not exist: the song has {song.bar_count} bars")
        (held if bar in song.tracks[track].locked_bars else free).append((track, bar))
    return free, held


def _writable(song: Song, cells: Iterable[Cell]) -> list[Cell]:
    free, held = split_locked(song, cells)
    if not free:
        where = ", ".join(f"track {t + 1} bar {b + 1}" for t, b in held[:4])
        more = f" and {len(held) - 4} more" if len(held) > 4 else ""
        raise ComposeError(
            f"every selected cell is locked ({where}{more}): unlock some or select others"
        )
    return free


def lock(song: Song, cells: Iterable[Cell], locked: bool = True) -> Song:
    split_locked(song, cells)  # only to name a cell that does not exist
    return set_locked(song, cells, locked)


# --- the operations ---------------------------------------------------------------------------


def regenerate(model: MidiModel, song: Song, request: Regenerate, seed: int) -> Song:
    """Rewrite the unlocked cells among the request's so they fit everything around them."""
    controls = request.controls
    targets = _writable(song, request.cells)
    plan = {cell: _guides(song, cell, controls, index) for cell, index in _bar_order(targets)}
    return _write_cells(model, song, plan, controls, seed)


def add_track(model: MidiModel, song: Song, request: AddTrack, seed: int) -> Song:
    """A new track of a General MIDI instrument, written for the whole song."""
    controls, program = request.controls, request.program
    track = Track(name=request.name or instrument_name(program), program=program)
    grown = insert_track(song, track)
    index = len(grown.tracks) - 1
    cells = [(index, bar) for bar in range(grown.bar_count)]
    plan = {cell: _guides(grown, cell, controls, i) for cell, i in _bar_order(cells)}
    return _write_cells(model, grown, plan, controls, seed)


def continue_song(model: MidiModel, song: Song, request: Continue, seed: int) -> Song:
    """Add bars at the end and write them for the chosen tracks (default: all)."""
    controls = request.controls
    if request.bars < 1:
        raise ComposeError(f"continue needs at least 1 bar, got {request.bars}")
    grown = set_bar_count(song, song.bar_count + request.bars)
    cells = cells_of(grown, request.tracks, (song.bar_count, grown.bar_count - 1))
    split_locked(grown, cells)
    plan = {cell: _guides(grown, cell, controls, i) for cell, i in _bar_order(cells)}
    return _write_cells(model, grown, plan, controls, seed)


def generate(model: MidiModel, request: Generate, seed: int) -> Song:
    """A new song from a style preset, with any of its meter, key, tempo and length changed."""
    preset = PRESETS.get(request.preset)
    if preset is None:
        raise ComposeError(
            f"there is no style preset {request.preset!r}: choose one of {', '.join(PRESETS)}"
        )
    numerator, denominator = request.meter or preset.meter
    key = request.key or key_from_name(preset.key)
    bars = request.bars or preset.bars
    _check_range("bars", bars, 1, 512)
    song = Song(
        title=request.title,
        bar_count=bars,
        tracks=tuple(Track(name=v.name, program=v.program) for v in preset.voices),
        tempos=(TempoChange(0, request.tempo_bpm or preset.tempo_bpm),),
        time_signatures=(TimeSignatureChange(0, numerator, denominator),),
        key_signatures=(key,),
    )
    plan = {}
    for cell, index in _bar_order(cells_of(song)):
        voice_range = preset.voices[cell[0]].pitch_range
        ranged = controls_with_range(request.controls, voice_range)
        plan[cell] = _guides(song, cell, ranged, index)
    return _write_cells(model, song, plan, request.controls, seed)


def controls_with_range(controls: Controls, pitch_range: tuple[int, int]) -> Controls:
    """The controls with a default pitch range (the composer's own range wins)."""
    if controls.pitch_range is not None:
        return controls
    return dataclasses.replace(controls, pitch_range=pitch_range)


def nudge(model: MidiModel, song: Song, request: Nudge, seed: int) -> Song:
    """Move the unlocked cells a little (strength near 0) or a lot (near 1) in a direction."""
    direction, strength, controls = request.direction, request.strength, request.controls
    if direction not in DIRECTIONS:
        raise ComposeError(f"nudge direction {direction!r} is unknown: use {', '.join(DIRECTIONS)}")
    if not 0.0 <= strength <= 1.0:
        raise ComposeError(f"nudge strength {strength} must be from 0 to 1")
    targets = _writable(song, request.cells)
    if direction in PITCHED_ONLY:
        drums = sorted({t + 1 for t, _ in targets if song.tracks[t].is_drum})
        if drums:
            raise ComposeError(
                f"'{direction}' has no meaning for drum tracks ({drums}): leave them out"
            )
    if strength == 0.0:
        return song
    plan = {
        cell: _nudge_guides(song, cell, direction, controls, index)
        for cell, index in _bar_order(targets)
    }
    candidate = _write_cells(model, song, plan, controls, seed)
    rng = np.random.default_rng([seed, 7])
    result = song
    for cell in targets:
        old = song.notes_in_bar(*cell)
        new = candidate.notes_in_bar(*cell)
        keep_draws, take_draws = rng.random(len(old)), rng.random(len(new))
        kept = [note for note, draw in zip(old, keep_draws, strict=True) if draw >= strength]
        taken = [note for note, draw in zip(new, take_draws, strict=True) if draw < strength]
        if _polyphony(old) <= 1 and _polyphony(new) <= 1:
            blended = _one_at_a_time(kept, taken)
        else:
            blended = kept + taken
        result = _write_cell(result, cell, blended)
    return result


# --- what the model is asked for each cell ----------------------------------------------------


Guides = tuple[BarControls, HardConstraints]


def _bar_order(cells: Iterable[Cell]) -> list[tuple[Cell, int]]:
    """Cells sorted by bar then track, each with its bar's index among the bars written."""
    ordered = sorted(set(cells), key=lambda cell: (cell[1], cell[0]))
    bars = sorted({bar for _, bar in ordered})
    return [(cell, bars.index(cell[1])) for cell in ordered]


def _guides(song: Song, cell: Cell, controls: Controls, bar_index: int) -> Guides:
    """Soft control tokens and hard limits for one cell from the composer's controls."""
    track = song.tracks[cell[0]]
    chord = None if track.is_drum else controls.chord_for(bar_index)
    pitch_range = controls.pitch_range or _register(song, cell[0])
    velocity = controls.velocity_range
    soft = BarControls(
        density=None if controls.density is None else density_bin(controls.density),
        polyphony=controls.polyphony,
        low_bin=None
        if controls.pitch_range is None
        else controls.pitch_range[0] // PITCH_RANGE_BIN,
        high_bin=None
        if controls.pitch_range is None
        else controls.pitch_range[1] // PITCH_RANGE_BIN,
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
    return soft, hard


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


def _nudge_guides(
    song: Song, cell: Cell, direction: str, controls: Controls, bar_index: int
) -> Guides:
    """What to ask for the candidate: the cell as it is, moved well toward the direction."""
    soft, hard = _guides(song, cell, controls, bar_index)
    notes = song.notes_in_bar(*cell)
    now = BarControls.measure(notes)
    count, onsets = len(notes), len({n.start_tick for n in notes})
    if direction in ("denser", "sparser"):
        wanted = max(count + 2, -(-3 * count // 2)) if direction == "denser" else count // 2
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
        wanted = max(onsets + 2, -(-3 * onsets // 2)) if direction == "busier" else onsets // 2
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
    return soft, hard


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


# --- writing cells ------------------------------------------------------------------------------


def _write_cells(
    model: MidiModel, song: Song, plan: Mapping[Cell, Guides], controls: Controls, seed: int
) -> Song:
    """Write every planned cell with the model, batch by batch in bar order (see the module
    docstring for why later empty bars are hidden from the prompt)."""
    batches = _batches(list(plan))
    for number, batch in enumerate(batches):
        later_empty = [
            bar
            for other in batches[number + 1 :]
            for track, bar in other
            if bar > batch[-1][1] and not song.notes_in_bar(track, bar)
        ]
        view = select(song, None, (0, min(later_empty) - 1)) if later_empty else song
        view = _as_the_model_knows(view)
        settings = SamplingSettings(
            temperature=controls.temperature,
            top_p=controls.top_p,
            seed=int(np.random.SeedSequence([seed, number]).generate_state(1)[0]),
            controls={cell: plan[cell][0] for cell in batch},
            constraints={cell: plan[cell][1] for cell in batch},
            chords={
                cell: chord for cell in batch if (chord := plan[cell][0].pitch_classes) is not None
            },
        )
        for cell, notes in _fill_in_parts(model, view, batch, settings).items():
            song = _write_cell(song, cell, notes)
    return song


def _fill_in_parts(
    model: MidiModel, song: Song, cells: list[Cell], settings: SamplingSettings
) -> dict[Cell, list[Note]]:
    """`fill_cells`, halving the batch while its bars and fills overflow the context (a busy
    song leaves less room per bar than the batch size assumes)."""
    try:
        return fill_cells(model, song, cells, settings)
    except ContextFullError:
        if len(cells) == 1:
            raise
    half = len(cells) // 2
    first = _fill_in_parts(model, song, cells[:half], settings)
    return first | _fill_in_parts(model, song, cells[half:], settings)


def _batches(cells: list[Cell]) -> list[list[Cell]]:
    """Cells in bar order, packed whole bars at a time into batches of at most
    `MAX_CELLS_PER_CALL` (a bar with more cells than that is split by track)."""
    ordered = sorted(cells, key=lambda cell: (cell[1], cell[0]))
    batches: list[list[Cell]] = []
    bars: dict[int, list[Cell]] = {}
    for cell in ordered:
        bars.setdefault(cell[1], []).append(cell)
    for bar_cells in bars.values():
        if batches and len(batches[-1]) + len(bar_cells) <= MAX_CELLS_PER_CALL:
            batches[-1].extend(bar_cells)
            continue
        for start in range(0, len(bar_cells), MAX_CELLS_PER_CALL):
            batches.append(bar_cells[start : start + MAX_CELLS_PER_CALL])
    return batches


def model_program(program: int) -> int:
    """The instrument the model is shown for `program`: itself when it met it in training,
    otherwise keyboards as the piano and others as the string of the nearest register."""
    if program in TRAINED_PROGRAMS:
        return program
    if program < 24:
        return 0
    low, high = playable_range(program)
    middle = (low + high) / 2
    return 42 if middle < 56 else 41 if middle < 68 else 40


def _as_the_model_knows(song: Song) -> Song:
    tracks = tuple(
        track if track.is_drum else dataclasses.replace(track, program=model_program(track.program))
        for track in song.tracks
    )
    return dataclasses.replace(song, tracks=tracks)


def _write_cell(song: Song, cell: Cell, notes: Iterable[Note]) -> Song:
    """Replace the notes starting in a cell, never touching a note outside it."""
    track_index, bar = cell
    track = song.tracks[track_index]
    if bar in track.locked_bars:
        raise ComposeError(f"bar {bar + 1} of track {track_index + 1} is locked")
    start, end = song.bar_span(bar)
    outside = [n for n in track.notes if not start <= n.start_tick < end]
    cleaned = clean_notes(
        (n.start_tick, n.pitch, n.duration_ticks, n.velocity)
        for n in notes
        if start <= n.start_tick < end
    )
    fitted: list[Note] = []
    for note in cleaned:
        same_pitch = [o for o in outside if o.pitch == note.pitch]
        if any(o.start_tick < note.start_tick < o.end_tick for o in same_pitch):
            continue
        next_onset = min(
            (o.start_tick for o in same_pitch if o.start_tick > note.start_tick),
            default=song.end_tick,
        )
        if note.end_tick > next_onset:
            fitted.append(dataclasses.replace(note, duration_ticks=next_onset - note.start_tick))
        else:
            fitted.append(note)
    written = dataclasses.replace(track, notes=tuple(sorted(outside + fitted)))
    tracks = list(song.tracks)
    tracks[track_index] = written
    return dataclasses.replace(song, tracks=tuple(tracks))


def _polyphony(notes: Sequence[Note]) -> int:
    """The most notes sounding at once."""
    events = sorted([(n.start_tick, 1) for n in notes] + [(n.end_tick, -1) for n in notes])
    most = sounding = 0
    for _, change in events:
        sounding += change
        most = max(most, sounding)
    return most


def _one_at_a_time(kept: Sequence[Note], taken: Sequence[Note]) -> list[Note]:
    """Merge two single lines into one: a note ends where the next begins; at a shared onset
    the new note wins."""
    by_start: dict[int, Note] = {note.start_tick: note for note in kept}
    by_start.update({note.start_tick: note for note in taken})
    ordered = [by_start[start] for start in sorted(by_start)]
    line: list[Note] = []
    for note, following in zip(ordered, [*ordered[1:], None], strict=False):
        if following is not None and note.end_tick > following.start_tick:
            line.append(
                dataclasses.replace(note, duration_ticks=following.start_tick - note.start_tick)
            )
        else:
            line.append(note)
    return line


# --- measuring what a nudge moves -----------------------------------------------------------------


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


# --- requests as JSON, for takes --------------------------------------------------------------


def request_to_json(request: Request) -> dict[str, Any]:
    """A JSON-ready description of a request (sets become sorted lists)."""
    return {"operation": request.operation, **_plain(dataclasses.asdict(request))}


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if k != "operation"}
    if isinstance(value, frozenset):
        return sorted(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value
