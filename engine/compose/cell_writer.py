"""Writing cells with the model: batches in bar order, and notes placed without touching others.

The cells are taken in bar order, a few at a time (a batch fits the model's context with room
for its fills), and each batch is written by `engine.compose.decode` with the song so far as its
prompt: later batches hear what earlier ones wrote. Bars further on whose pending cells are
still empty (a new track, a continuation, a new song) are left out of the prompt, because the
model would read them as silence to lead into. Each batch's soft pitch ranges are read then,
from the bars written so far (`engine.compose.context`), and which tracks are ordered voices is
decided once per operation.

A cell is the notes that *start* in its bar. `write_cell` removes only those and never changes
a note outside the cell: a new note that would start while an outside note of the same pitch
still sounds is dropped, and one that would ring over the next outside onset of its pitch is
cut there. So every cell not written, locked or not, is bit-identical afterwards; and what a
locked bar sounds is unchanged too, notes ringing into it included (`engine.compose.cell_edit`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping

import numpy as np

from engine.compose.cell_edit import write_cell
from engine.compose.context import (
    voice_pairs,
    with_context_counts,
    with_context_range,
)
from engine.compose.controls import Controls, Guides
from engine.compose.decode import ContextFullError, SamplingSettings, fill_cells
from engine.compose.energy import with_energy
from engine.compose.midi_model import MidiModel
from engine.compose.phrase_parallel import with_phrase_parallel
from engine.compose.phrase_place import same_place_bars
from engine.song.edits import clear_cell_controls, select
from engine.song.gm import playable_range
from engine.song.song import Cell, Note, Song

Progress = Callable[[int, int], None]
"""Called with (steps done, steps in all); raising from it cancels the operation."""

MAX_CELLS_PER_CALL = 6
"""Cells one model call writes; each keeps `FILL_ROOM_TOKENS` of the context free."""

TRAINED_PROGRAMS = (0, 19, 24, 40, 41, 42, 43, 47, 52, 56, 60, 68, 71, 73, 74, 110)
"""General MIDI programs the shipped model met in its corpus (checked against the corpus by a
test). Other instruments are shown to the model as the nearest of these by register, and the
written part is given to the real instrument."""


def write_cells(
    model: MidiModel,
    song: Song,
    plan: Mapping[Cell, Guides],
    controls: Controls,
    seed: int,
    *,
    progress: Progress | None = None,
) -> Song:
    """Write every planned cell with the model, batch by batch in bar order (see the module
    docstring for why later empty bars are hidden from the prompt). `progress(done, total)` is
    called before each batch and at the end; it may raise to cancel."""
    batches = _batches(list(plan))
    pairs = voice_pairs(song, plan, controls)
    for number, batch in enumerate(batches):
        if progress is not None:
            progress(number, len(batches))
        later_empty = [
            bar
            for other in batches[number + 1 :]
            for track, bar in other
            if bar > batch[-1][1] and not song.notes_in_bar(track, bar)
        ]
        view = select(song, None, (0, min(later_empty) - 1)) if later_empty else song
        view = _as_the_model_knows(view)
        pending = {cell for other in batches[number:] for cell in other}
        asked = {cell: _from_context(plan[cell], song, cell, pending) for cell in batch}
        batch_seed = int(np.random.SeedSequence([seed, number]).generate_state(1)[0])
        settings = _settings(asked, controls, batch_seed, pairs)
        for cell, notes in _fill_in_parts(model, view, batch, settings).items():
            song = write_cell(song, cell, notes)
            if song.tracks[cell[0]].controls:
                # A bend belonged to the notes it bent, which are gone (the pedal, expression
                # and the channel's settings belong to the part and stay).
                song = clear_cell_controls(song, [cell], ("pitch_bend",))
    if progress is not None:
        progress(len(batches), len(batches))
    return song


def _from_context(guides: Guides, song: Song, cell: Cell, pending: set[Cell]) -> Guides:
    """A cell's guides completed from the written bars around it: its register, its
    section's energy (`engine.compose.energy`), and its counts and register centre between
    written bars."""
    asked_range = guides.tokens.low_bin is not None  # a nudge's 'higher' or 'lower'
    guides = with_context_range(guides, song, cell, pending)
    guides = with_phrase_parallel(guides, song, cell, pending)
    guides = with_energy(guides, song, cell, pending, move_register=not asked_range)
    return with_context_counts(guides, song, cell, pending, same_place_bars)


def _settings(
    asked: Mapping[Cell, Guides],
    controls: Controls,
    seed: int,
    voice_pairs: frozenset[tuple[int, int]],
) -> SamplingSettings:
    """What the sampler is told for one batch of cells."""
    return SamplingSettings(
        temperature=controls.temperature,
        top_p=controls.top_p,
        seed=seed,
        controls={cell: guides.tokens for cell, guides in asked.items()},
        constraints={cell: guides.limits for cell, guides in asked.items()},
        chords={
            cell: chord
            for cell, guides in asked.items()
            if (chord := guides.tokens.pitch_classes) is not None
        },
        planned_chords=frozenset(
            cell
            for cell, guides in asked.items()
            if guides.planned_chord and guides.tokens.pitch_classes is not None
        ),
        targets={cell: guides.targets for cell, guides in asked.items()},
        beat_chords={
            cell: chord
            for cell, guides in asked.items()
            if (chord := guides.beat_chord) is not None
        },
        register_centres={
            cell: centre
            for cell, guides in asked.items()
            if (centre := guides.register_centre) is not None
        },
        register_rooms={cell: guides.register_room for cell, guides in asked.items()},
        key_tones={
            cell: tones for cell, guides in asked.items() if (tones := guides.key_tones) is not None
        },
        echo_tones={
            cell: tones
            for cell, guides in asked.items()
            if (tones := guides.echo_tones) is not None
        },
        echo_onsets={
            cell: onsets
            for cell, guides in asked.items()
            if (onsets := guides.echo_onsets) is not None
        },
        rhythms={
            cell: rhythm for cell, guides in asked.items() if (rhythm := guides.rhythm) is not None
        },
        anchors={cell: guides.anchors for cell, guides in asked.items() if guides.anchors},
        voice_pairs=voice_pairs,
    )


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
