"""The music side of a live session: settings, the grid, and what the model is asked.

Played notes are quantised to the session grid (a sixteenth by default) at the session tempo
and kept as Notes in ticks. The model's context is a Song cut at the bar being written: for an
answer or a continuation, one "line" track holding the player's notes and the model's earlier
answers, continued by one bar; for accompaniment, the player's track beside the chosen tracks,
whose next bar is written. Cells are written as `engine.compose.operations` writes them (through
`engine.compose.cell_writer`), except that a live bar is never left empty.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from engine.compose.cell_writer import write_cells
from engine.compose.controls import Controls, bar_order, guides
from engine.compose.midi_model import MidiModel
from engine.errors import TesseraError
from engine.song.edits import add_track, set_bar_count
from engine.song.song import (
    PPQ,
    Cell,
    KeySignatureChange,
    Note,
    Song,
    TempoChange,
    TimbreRef,
    TimeSignatureChange,
    Track,
)
from engine.song.theory import key_scale
from engine.words import QT_TRANSLATE_NOOP

LiveMode = Literal["answer", "continue", "accompany"]
MODES: tuple[LiveMode, ...] = ("answer", "continue", "accompany")
LiveSound = Literal["tessera", "standard"]
SOUNDS: tuple[LiveSound, ...] = ("tessera", "standard")
"""What the Tessera synth plays through: the timbre model, or the standard General MIDI set
(FluidSynth with the installed SoundFont)."""


class LiveError(TesseraError):
    """Live settings that cannot work; the message says which and why."""


@dataclass(frozen=True)
class Voice:
    """One accompaniment track: its name, General MIDI program, drum flag and MIDI channel,
    and the sound it keeps whatever the session's (a song track's own choice; None: the
    session's `sound`)."""

    name: str
    program: int
    is_drum: bool = False
    channel: int = 1
    timbre: TimbreRef | None = None


DEFAULT_VOICES = (Voice("Bass", 33, channel=1), Voice("Chords", 0, channel=2))
DRUMS = Voice("Drums", 0, is_drum=True, channel=9)


@dataclass(frozen=True)
class LiveSettings:
    """How a session plays. Times are in beats so they follow the tempo."""

    mode: LiveMode = "answer"
    tempo_bpm: float = 100.0
    meter: tuple[int, int] = (4, 4)
    key: KeySignatureChange | None = None
    """None: detect the key from what was played (Krumhansl-Kessler profiles)."""
    answer_bars: int = 2
    pause_beats: float = 1.0
    """A phrase is over after this long with no key held (answer and continue modes)."""
    lookahead_beats: float = 2.0
    """Accompaniment for a bar is asked for this long before the bar starts."""
    player_program: int = 0
    answer_channel: int = 1
    voices: tuple[Voice, ...] = DEFAULT_VOICES
    controls: Controls = field(default_factory=Controls)
    grid_ticks: int = PPQ // 4
    late_after_ms: float = 10.0
    seed: int = 0
    follow_clock: bool = False
    """Follow incoming MIDI clock: the tempo tracks it beat by beat, and MIDI Start puts bar 1
    where it arrives (a DAW or drum machine leads)."""
    sound: LiveSound = "tessera"
    """The Tessera synth's sound for the player's keys, the answers and every voice without
    a timbre of its own (see `SOUNDS`)."""

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise LiveError(
                QT_TRANSLATE_NOOP(
                    "LiveMusic", "live mode {mode!r} is unknown: use {choices}"
                ).format(mode=self.mode, choices=", ".join(MODES))
            )
        if self.sound not in SOUNDS:
            raise LiveError(
                QT_TRANSLATE_NOOP(
                    "LiveMusic", "live sound {sound!r} is unknown: use {choices}"
                ).format(sound=self.sound, choices=", ".join(SOUNDS))
            )
        if not 20.0 <= self.tempo_bpm <= 300.0:
            raise LiveError(
                QT_TRANSLATE_NOOP(
                    "LiveMusic", "live tempo {tempo_bpm} BPM must be from 20 to 300"
                ).format(tempo_bpm=self.tempo_bpm)
            )
        if self.answer_bars < 1:
            raise LiveError(
                QT_TRANSLATE_NOOP(
                    "LiveMusic", "an answer needs at least 1 bar, got {answer_bars}"
                ).format(answer_bars=self.answer_bars)
            )
        if self.pause_beats <= 0 or self.lookahead_beats <= 0:
            raise LiveError(
                QT_TRANSLATE_NOOP("LiveMusic", "pause and look-ahead must be more than 0 beats")
            )

    @property
    def seconds_per_tick(self) -> float:
        return 60.0 / (self.tempo_bpm * PPQ)

    @property
    def bar_ticks(self) -> int:
        return self.meter[0] * PPQ * 4 // self.meter[1]

    def timbre(self, voice: Voice | None = None) -> TimbreRef:
        """What a part sounds through: the voice's own timbre, else the session's sound."""
        if voice is not None and voice.timbre is not None:
            return voice.timbre
        return TimbreRef().standard() if self.sound == "standard" else TimbreRef()

    def controls_in(self, key: KeySignatureChange | None) -> Controls:
        """The session controls with the key's scale as a hard mask (unless one is set)."""
        if key is None or self.controls.scale is not None:
            return self.controls
        return dataclasses.replace(self.controls, scale=key_scale(key))


def quantise(ticks: float, grid_ticks: int) -> int:
    return max(0, round(ticks / grid_ticks) * grid_ticks)


def played_note(
    onset_ticks: float, release_ticks: float, pitch: int, velocity: int, grid_ticks: int
) -> Note:
    """A played note on the grid: onset to the nearest step, at least one step long."""
    start = quantise(onset_ticks, grid_ticks)
    end = max(start + grid_ticks, quantise(release_ticks, grid_ticks))
    return Note(start, pitch, end - start, max(1, min(127, velocity)))


CONTEXT_BARS = 8
"""Bars of the session the model hears before the bar it writes; older notes are left out so a
long session answers as fast as a short one."""


def _cut(notes: Iterable[Note], end_tick: int, bar_ticks: int) -> tuple[Note, ...]:
    """Notes of the last `CONTEXT_BARS` bars before `end_tick`, shortened to end there."""
    first = end_tick - CONTEXT_BARS * bar_ticks
    return tuple(
        dataclasses.replace(n, duration_ticks=min(n.end_tick, end_tick) - n.start_tick)
        for n in notes
        if first <= n.start_tick < end_tick
    )


def _frame(
    settings: LiveSettings, bar_count: int, tracks: Sequence[Track], key: KeySignatureChange | None
) -> Song:
    return Song(
        title="Live",
        bar_count=max(1, bar_count),
        tracks=tuple(tracks),
        tempos=(TempoChange(0, settings.tempo_bpm),),
        time_signatures=(TimeSignatureChange(0, *settings.meter),),
        key_signatures=() if key is None else (dataclasses.replace(key, tick=0),),
    )


Work = list[tuple[tuple[Cell, ...], Controls]]
"""Cells to write, in groups that share controls."""


def write_live(model: MidiModel, song: Song, work: Work, seed: int) -> Song:
    """Write the cells with the model, never leaving one empty: an answer or an accompaniment
    that says nothing in its bar is no answer (the composing operations allow empty bars)."""
    for cells, controls in work:
        plan = {
            cell: guides(song, cell, controls, index).at_least_one_note()
            for cell, index in bar_order(cells)
        }
        song = write_cells(model, song, plan, controls, seed)
    return song


def answer_work(
    settings: LiveSettings, line: Sequence[Note], bar: int, key: KeySignatureChange | None
) -> tuple[Song, Work]:
    """The context and cells that write `bar` of the line (player + earlier answers)."""
    track = Track(
        "Line",
        settings.player_program,
        notes=_cut(line, bar * settings.bar_ticks, settings.bar_ticks),
    )
    song = _frame(settings, bar + 1, [track], key)
    return song, [(((0, bar),), settings.controls_in(key))]


def accompany_work(
    settings: LiveSettings,
    player: Sequence[Note],
    parts: Sequence[Sequence[Note]],
    bar: int,
    key: KeySignatureChange | None,
) -> tuple[Song, Work]:
    """The context and cells that write `bar` of every accompaniment voice."""
    cut = bar * settings.bar_ticks
    tracks = [Track("Player", settings.player_program, notes=_cut(player, cut, settings.bar_ticks))]
    for voice, notes in zip(settings.voices, parts, strict=True):
        tracks.append(
            Track(voice.name, voice.program, voice.is_drum, _cut(notes, cut, settings.bar_ticks))
        )
    song = _frame(settings, bar + 1, tracks, key)
    pitched = tuple((i + 1, bar) for i, v in enumerate(settings.voices) if not v.is_drum)
    drums = tuple((i + 1, bar) for i, v in enumerate(settings.voices) if v.is_drum)
    work: Work = []
    if pitched:
        work.append((pitched, settings.controls_in(key)))
    if drums:
        work.append((drums, dataclasses.replace(settings.controls, scale=None)))
    return song, work


Part = tuple[str, int, bool, Sequence[Note], TimbreRef]
"""A recorded track: its name, program, drum flag, notes and the sound it was heard through."""


def recorded_song(
    settings: LiveSettings, parts: Sequence[Part], key: KeySignatureChange | None
) -> Song:
    """A Song of what was played and answered, one track per part, each keeping its sound."""
    end = max((n.end_tick for _, _, _, notes, _ in parts for n in notes), default=1)
    bars = max(1, -(-end // settings.bar_ticks))
    tracks = [
        Track(name, program, drum, tuple(sorted(notes)), timbre=timbre)
        for name, program, drum, notes, timbre in parts
    ]
    return _frame(settings, bars, tracks, key)


def add_recording(song: Song, recording: Song, at_bar: int = 0) -> Song:
    """`song` with the recording's tracks added as new tracks starting at `at_bar` (the song
    grows if the recording runs past its end; its tempo and meter are kept)."""
    offset = song.bar_start_ticks[min(at_bar, song.bar_count)]
    needed_end = offset + recording.end_tick
    grown = song
    while grown.end_tick < needed_end:
        grown = set_bar_count(grown, grown.bar_count + 1)
    for track in recording.tracks:
        shifted = tuple(
            dataclasses.replace(n, start_tick=n.start_tick + offset) for n in track.notes
        )
        grown = add_track(grown, dataclasses.replace(track, notes=shifted))
    return grown
