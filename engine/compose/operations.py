"""The composing operations: lock, regenerate, add a track, generate, continue and nudge.

Each operation is a pure function of `(model, song, request, seed)` returning a new Song; `apply`
dispatches on the request's type, so the CLI, the app and the benchmark run the same code. How
cells are written is in `engine.compose.cell_writer`, and why a lock holds, in notes and in
sound, in `engine.compose.cell_edit`; what the controls ask of the model is in
`engine.compose.controls`.

A nudge blends its cells' notes with a candidate written toward its direction: why, and how,
is in `engine.compose.nudge_blend`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence

import numpy as np

from engine.compose.cell_edit import within_polyphony, write_cell
from engine.compose.cell_writer import Progress, write_cells
from engine.compose.context import melody_range
from engine.compose.controls import (
    DIRECTIONS,
    PITCHED_ONLY,
    ComposeError,
    Controls,
    Guides,
    bar_order,
    check_range,
    chord_of_bar,
    controls_with_range,
    direction_measure,
    guides,
    nudge_guides,
)
from engine.compose.ending import close_on_final, closing_chords
from engine.compose.final_chord import close_final_chord
from engine.compose.fit import song_shape
from engine.compose.forms import plan_form
from engine.compose.infill import write_takes
from engine.compose.midi_model import MidiModel
from engine.compose.nudge_blend import Blend, blend_limit
from engine.compose.plan import FormError, SongPlan, bass_steps, plan_song
from engine.compose.presets import PRESETS, Voice, final_for_seed, key_for_seed, voice_tracks
from engine.compose.register import register_room
from engine.compose.requests import (
    AddTrack,
    Continue,
    CopySection,
    Generate,
    Lock,
    Nudge,
    Regenerate,
    Request,
    request_to_json,
)
from engine.compose.vocab import TICKS_PER_STEP
from engine.song.edits import add_track as insert_track
from engine.song.edits import set_bar_count, set_locked
from engine.song.gm import instrument_name, playable_range, plays_one_line
from engine.song.song import Cell, Song, TempoChange, TimeSignatureChange, Track
from engine.song.stage import added_track_pan
from engine.song.styles import NO_STYLE, style_named
from engine.words import QT_TRANSLATE_NOOP, message_of

__all__ = [
    "DIRECTIONS",
    "PRESETS",
    "AddTrack",
    "Cell",
    "ComposeError",
    "Continue",
    "Controls",
    "Generate",
    "Lock",
    "Nudge",
    "Progress",
    "Regenerate",
    "Request",
    "apply",
    "cells_of",
    "chord_of_bar",
    "direction_measure",
    "request_to_json",
    "split_locked",
]


PROGRESS_UNITS = 1000
"""Progress steps per phrase of a new song."""


def apply(  # noqa: PLR0911 (one return per kind of request)
    model: MidiModel | None,
    song: Song | None,
    request: Request,
    seed: int,
    progress: Progress | None = None,
) -> Song:
    """Carry out one request; the same song, request and seed always give the same Song."""
    if isinstance(request, Lock):
        return lock(_need_song(song), request.cells, request.locked)
    if isinstance(request, Generate):
        return generate(_need_model(model), request, seed, progress)
    if isinstance(request, CopySection):
        from engine.compose.section_ops import copy_section  # the section requests' own module

        return copy_section(_need_song(song), request)
    song, model = _need_song(song), _need_model(model)
    if isinstance(request, Regenerate):
        return regenerate(model, song, request, seed, progress)
    if isinstance(request, AddTrack):
        return add_track(model, song, request, seed, progress)
    if isinstance(request, Continue):
        return continue_song(model, song, request, seed, progress)
    if isinstance(request, Nudge):
        return nudge(model, song, request, seed, progress)
    from engine.compose.section_ops import apply_section  # the section requests' own module

    return apply_section(model, song, request, seed, progress)


def needs_model(request: Request) -> bool:
    """Whether carrying out `request` writes notes with the symbolic model (a lock or a copy of
    a section's bars does not, so it need not wait for the model to load)."""
    return not isinstance(request, Lock | CopySection)


def _need_song(song: Song | None) -> Song:
    if song is None:
        raise ComposeError(
            QT_TRANSLATE_NOOP(
                "Operations", "this operation works on a song: open or generate one first"
            )
        )
    return song


def _need_model(model: MidiModel | None) -> MidiModel:
    if model is None:
        raise ComposeError(
            QT_TRANSLATE_NOOP(
                "Operations", "this operation needs the symbolic model, which is not loaded"
            )
        )
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
                QT_TRANSLATE_NOOP(
                    "Operations", "track {track} does not exist: the song has {tracks_count} tracks"
                ).format(track=track + 1, tracks_count=len(song.tracks))
            )
        if not 0 <= bar < song.bar_count:
            raise ComposeError(
                QT_TRANSLATE_NOOP(
                    "Operations", "bar {bar} does not exist: the song has {bar_count} bars"
                ).format(bar=bar + 1, bar_count=song.bar_count)
            )
        (held if bar in song.tracks[track].locked_bars else free).append((track, bar))
    return free, held


def _writable(song: Song, cells: Iterable[Cell]) -> list[Cell]:
    free, held = split_locked(song, cells)
    if not free:
        where = ", ".join(f"track {t + 1} bar {b + 1}" for t, b in held[:4])
        more = f" and {len(held) - 4} more" if len(held) > 4 else ""
        raise ComposeError(
            QT_TRANSLATE_NOOP(
                "Operations",
                "every selected cell is locked ({where}{more}): unlock some or select others",
            ).format(where=where, more=more)
        )
    return free


def lock(song: Song, cells: Iterable[Cell], locked: bool = True) -> Song:
    split_locked(song, cells)  # only to name a cell that does not exist
    return set_locked(song, cells, locked)


# --- the operations ---------------------------------------------------------------------------


def regenerate(
    model: MidiModel, song: Song, request: Regenerate, seed: int, progress: Progress | None = None
) -> Song:
    """Rewrite the unlocked cells among the request's so they fit everything around them."""
    controls = request.controls
    targets = _writable(song, request.cells)
    plan = {cell: guides(song, cell, controls, index) for cell, index in bar_order(targets)}
    return write_takes(model, song, plan, controls, seed, progress=progress)


def add_track(
    model: MidiModel, song: Song, request: AddTrack, seed: int, progress: Progress | None = None
) -> Song:
    """A new track of a General MIDI instrument or drum kit, written for the whole song."""
    controls, program, is_drum = request.controls, request.program, request.is_drum
    name = request.name or instrument_name(program, is_drum)
    pan = added_track_pan(song.tracks, program, is_drum)  # seated beside the others
    grown = insert_track(song, Track(name=name, program=program, is_drum=is_drum, pan=pan))
    index = len(grown.tracks) - 1
    cells = [(index, bar) for bar in range(grown.bar_count)]
    plan = {
        cell: guides(grown, cell, controls, i).at_least_one_note() for cell, i in bar_order(cells)
    }
    return write_cells(model, grown, plan, controls, seed, progress=progress)


def continue_song(
    model: MidiModel, song: Song, request: Continue, seed: int, progress: Progress | None = None
) -> Song:
    """Add bars at the end and write them for the chosen tracks (default: all)."""
    controls = request.controls
    if request.bars < 1:
        raise ComposeError(
            QT_TRANSLATE_NOOP("Operations", "continue needs at least 1 bar, got {bars}").format(
                bars=request.bars
            )
        )
    grown = set_bar_count(song, song.bar_count + request.bars)
    cells = cells_of(grown, request.tracks, (song.bar_count, grown.bar_count - 1))
    split_locked(grown, cells)
    plan = {cell: guides(grown, cell, controls, i) for cell, i in bar_order(cells)}
    return write_cells(model, grown, plan, controls, seed, progress=progress)


def generate(
    model: MidiModel, request: Generate, seed: int, progress: Progress | None = None
) -> Song:
    """A new song from a style preset, with any of its meter, key, tempo and length changed,
    written by its form (letters, `engine.compose.plan`, or section roles,
    `engine.compose.forms`) into `Song.sections`, and fitted to `seconds` when asked
    (`engine.compose.fit.song_shape`)."""
    preset = PRESETS.get(request.preset)
    if preset is None:
        raise ComposeError(
            QT_TRANSLATE_NOOP(
                "Operations", "there is no style preset {preset!r}: choose one of {choices}"
            ).format(preset=request.preset, choices=", ".join(PRESETS))
        )
    numerator, denominator = request.meter or preset.meter
    key = request.key or key_for_seed(preset, seed)
    final = 0 if request.key else final_for_seed(preset, key, seed)
    style = requested_style(request, preset.style)
    shape = song_shape(request, preset, style or preset.style)
    check_range("bars", shape.bars, 1, 512)
    voices = _voices(preset.voices, request.lead_program)
    song = Song(
        title=request.title,
        bar_count=shape.bars,
        tracks=voice_tracks(voices),
        tempos=(TempoChange(0, shape.tempo_bpm),),
        time_signatures=(TimeSignatureChange(0, numerator, denominator),),
        key_signatures=(key,),
        style=style,
    )
    try:
        if shape.form is not None:
            plan = plan_form(style or preset.style, key, shape.form, seed, request.energies)
        elif request.energies:
            raise FormError(
                QT_TRANSLATE_NOOP(
                    "Operations", "section energies need a form of roles ('verse:8 chorus:8')"
                )
            )
        else:
            plan = plan_song(style or preset.style, key, shape.bars, seed, shape.letters)
    except FormError as err:
        raise ComposeError(message_of(err)) from err
    song = dataclasses.replace(song, sections=plan.sections)
    plan = dataclasses.replace(
        plan, chords=closing_chords(plan.chords, key, style or preset.style, final)
    )
    return _write_plan(
        model,
        song,
        plan,
        voices,
        controls=request.controls,
        seed=seed,
        progress=progress,
        variation=request.variation,
        final=final,
    )


def _voices(voices: Sequence[Voice], lead_program: int | None) -> list[Voice]:
    """The preset's voices, the first played by `lead_program` when one is asked."""
    chosen = list(voices)
    if lead_program is not None:
        check_range("lead_program", lead_program, 0, 127)
        chosen[0] = dataclasses.replace(
            chosen[0],
            name=instrument_name(lead_program),
            program=lead_program,
            pitch_range=playable_range(lead_program),
            polyphony=1 if plays_one_line(lead_program) else chosen[0].polyphony,
            reverb_send_db=None,  # the new instrument's family default; the seat stays
        )
    return chosen


def _write_plan(
    model: MidiModel,
    song: Song,
    plan: SongPlan,
    voices: Sequence[Voice],
    *,
    controls: Controls,
    seed: int,
    progress: Progress | None,
    variation: float = 0.0,
    final: int = 0,
) -> Song:
    """Write a new song phrase by phrase (see `engine.compose.plan`): a new section is written
    whole over its planned chords; a repeated one is copied from its first playing, and only
    its last bar (and any bar whose planned chord differs from the source's) is written again,
    hearing the repeat around it, or a share `variation` of its bars (`rewritten_bars`). The
    song then ends on its tonic, or the degree `final` of its key (`close_on_final`), a
    choir's voices on its tonic chord (`close_final_chord`)."""
    named = controls.chords
    chords: Sequence[frozenset[int] | None] = named or plan.chords
    steps = len(plan.phrases)

    def bar_guides(cell: Cell) -> Guides:
        """The composer's chords as they ask (`Controls.chords`); a planned chord as the
        accompaniment's harmony (asked and pulled for, as a named one), and for the lead (the
        first voice) pulled for on the strong beats only, so the melody moves by step
        between chord tones (`engine.compose.leans.BEAT_CHORD_BONUS`)."""
        chord = chords[cell[1] % len(chords)]
        if named or cell[0] != 0:
            asked = dataclasses.replace(controls, chords=() if chord is None else (chord,))
            written = _voice_guides(song, cell, 0, voices[cell[0]], asked)
            return dataclasses.replace(written, planned_chord=not named)
        return dataclasses.replace(
            _voice_guides(song, cell, 0, voices[cell[0]], controls), beat_chord=chord
        )

    for number, phrase in enumerate(plan.phrases):
        if phrase.source is None:
            bars = list(phrase.bar_range)
        else:
            song = _copy_bars(song, phrase.source, phrase.first_bar, phrase.bars)
            again = rewritten_bars(phrase.bars, variation, np.random.default_rng([seed, number]))
            bars = [
                bar
                for offset, bar in enumerate(phrase.bar_range)
                if offset in again
                or chords[bar % len(chords)] != chords[(phrase.source + offset) % len(chords)]
            ]
        cells = [(track, bar) for bar in bars for track in range(len(song.tracks))]
        guided = {cell: bar_guides(cell) for cell in cells}
        phrase_seed = int(np.random.SeedSequence([seed, number]).generate_state(1)[0])
        song = write_cells(
            model,
            song,
            guided,
            controls,
            phrase_seed,
            progress=_phrase_progress(progress, number, steps),
        )
    if progress is not None:
        progress(steps, steps)
    return close_final_chord(close_on_final(song, voices, final), voices)


def rewritten_bars(bars: int, variation: float, rng: np.random.Generator) -> frozenset[int]:
    """Which bars (offsets) of a repeated section are written again: its last (a second
    ending) and, for a variation v from 0 to 1, a share v of all its bars chosen at random
    (v=1: every bar, a new section in the same role)."""
    if not 0.0 <= variation <= 1.0:
        raise ComposeError(
            QT_TRANSLATE_NOOP(
                "Operations", "variation {variation:g} must be from 0 (exact) to 1 (all new)"
            ).format(variation=variation)
        )
    count = max(1, round(variation * bars))
    others = rng.permutation(bars - 1)[: count - 1]
    return frozenset({bars - 1, *(int(offset) for offset in others)})


def _phrase_progress(progress: Progress | None, number: int, phrases: int) -> Progress | None:
    """Progress of one phrase's writing as a share of the whole song's."""
    if progress is None:
        return None
    outer = progress

    def report(done: int, total: int) -> None:
        outer(
            number * PROGRESS_UNITS + done * PROGRESS_UNITS // max(1, total),
            phrases * PROGRESS_UNITS,
        )

    return report


def _copy_bars(song: Song, source: int, target: int, count: int) -> Song:
    """The song with bars `target..` holding every track's notes of bars `source..` again. A
    note ringing into the repeat from the bar before it stops where the repeat starts: it
    would sound over the repeat's first notes (two at once in a bass line)."""
    if target > 0:
        start = song.bar_start_ticks[target]
        for track in range(len(song.tracks)):
            before = song.notes_in_bar(track, target - 1)
            if any(note.end_tick > start for note in before):
                clipped = [
                    dataclasses.replace(note, duration_ticks=start - note.start_tick)
                    if note.end_tick > start
                    else note
                    for note in before
                ]
                song = write_cell(song, (track, target - 1), clipped)
    for offset in range(count):
        shift = song.bar_start_ticks[target + offset] - song.bar_start_ticks[source + offset]
        for track in range(len(song.tracks)):
            notes = [
                dataclasses.replace(note, start_tick=note.start_tick + shift)
                for note in song.notes_in_bar(track, source + offset)
            ]
            song = write_cell(song, (track, target + offset), notes)
    return song


def _voice_guides(song: Song, cell: Cell, index: int, voice: Voice, controls: Controls) -> Guides:
    """What a new song's cell asks for: never empty, as thick as its voice plays, and in the
    voice's range as a hard limit only (`guides` reads each bar's soft range from the bars
    written before it), narrowed to a singable span for a single line (`melody_range`), with
    the room its instrument roams in (`register_room`)."""
    one_line = voice.polyphony == 1 and not voice.is_drum
    voice_range = melody_range(voice.pitch_range) if one_line else voice.pitch_range
    ranged = controls_with_range(controls, voice_range)
    written = guides(song, cell, ranged, index).at_least_one_note().at_most(voice.polyphony)
    return dataclasses.replace(
        written,
        register_room=register_room(voice.program, voice.register),
        home_register=voice.register,
        home_onsets=voice.onsets,
        least_onsets=voice.least_onsets,
        rhythm=_bass_rhythm(song, cell) if one_line else None,
    )


def _bass_rhythm(song: Song, cell: Cell) -> frozenset[int] | None:
    """For a band's bass (the lowest of two or more pitched parts), the steps where its style's
    bass starts a note (`engine.compose.plan.bass_steps`): it is pulled against the others.

    Why: left to the model, new pop, jazz, blues and country basses ran in sixteenth notes on
    one pitch, then stopped once the bar's count was reached, half the bar empty; the style's
    bass pumps eighths, walks in quarters or alternates root and fifth on the half notes."""
    pitched = [index for index, track in enumerate(song.tracks) if not track.is_drum]
    if len(pitched) < 2 or cell[0] != pitched[-1]:
        return None
    start, end = song.bar_span(cell[1])
    return bass_steps(song.style, (end - start) // TICKS_PER_STEP)


def requested_style(request: Generate, preset_style: str | None) -> str | None:
    """The style a new song is written in: the request's, else its preset's."""
    if request.style is None:
        return preset_style
    return None if request.style == NO_STYLE else style_named(request.style).name


def nudge(
    model: MidiModel, song: Song, request: Nudge, seed: int, progress: Progress | None = None
) -> Song:
    """Move the unlocked cells a little (strength near 0) or a lot (near 1) in a direction."""
    direction, strength, controls = request.direction, request.strength, request.controls
    if direction not in DIRECTIONS:
        raise ComposeError(
            QT_TRANSLATE_NOOP(
                "Operations", "nudge direction {direction!r} is unknown: use {choices}"
            ).format(direction=direction, choices=", ".join(DIRECTIONS))
        )
    if not 0.0 <= strength <= 1.0:
        raise ComposeError(
            QT_TRANSLATE_NOOP("Operations", "nudge strength {strength} must be from 0 to 1").format(
                strength=strength
            )
        )
    targets = _writable(song, request.cells)
    if direction in PITCHED_ONLY:
        drums = sorted({t + 1 for t, _ in targets if song.tracks[t].is_drum})
        if drums:
            raise ComposeError(
                QT_TRANSLATE_NOOP(
                    "Operations",
                    "'{direction}' has no meaning for drum tracks ({drums}): leave them out",
                ).format(direction=direction, drums=drums)
            )
    if strength == 0.0:
        return song
    plan = {
        cell: nudge_guides(song, cell, direction, controls, index)
        for cell, index in bar_order(targets)
    }
    candidate = write_cells(model, song, plan, controls, seed, progress=progress)
    rng = np.random.default_rng([seed, 7])
    result = song
    for cell in targets:
        blend = Blend(direction, strength, blend_limit(song, cell, controls, plan[cell]))
        notes = blend.of(song, candidate, cell, rng)
        result = write_cell(result, cell, within_polyphony(result, cell, notes, blend.limit))
    return result
