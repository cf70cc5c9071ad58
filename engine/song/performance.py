"""What a track's controllers do to its notes, in ticks: pedal, bend, volume and expression.

The renderer (`engine.sound.render`) asks three questions of each note, and this module answers
them from the track's `controls` the way a General MIDI synth would:

- how long it *sounds*: a note released while the sustain pedal (CC64 >= 64) is down rings
  on until the pedal comes up, or until the same pitch is struck again;
- how its pitch moves: pitch bend in semitones over time, with the bend range the track set
  through RPN 0 (CC101 = 0, CC100 = 0, then CC6 semitones and CC38 cents), else 2 semitones;
- how loud it is beside the track's fader: expression (CC11) and any volume (CC7) change
  after the first note, as a gain on the GM curve (dB = 40 * log10(value / 127)).

Drum tracks ignore the pedal and bend, as GM drum kits do.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from engine.song.song import Note, Track

DEFAULT_BEND_RANGE_SEMITONES = 2.0
RPN_MSB_CC, RPN_LSB_CC, DATA_ENTRY_CC, DATA_ENTRY_FINE_CC = 101, 100, 6, 38
VOLUME_CC = 7
BendCurve = tuple[tuple[int, float], ...]
"""(tick, semitones) steps: the bend holds each value from its tick to the next one."""


@dataclass(frozen=True)
class Performance:
    """A track's controllers as lookups for the renderer (build one with `performance_of`)."""

    pedal_downs: tuple[int, ...] = ()
    pedal_ups: tuple[int, ...] = ()
    """Sustain intervals [down, up): a pedal never released is up at the song's end."""
    bend: BendCurve = ()
    volume: tuple[tuple[int, int], ...] = ()
    expression: tuple[tuple[int, int], ...] = ()
    opening_volume: int = 127
    """The CC7 in force at the first note, which the track's fader stands for."""

    def sounding_end_tick(self, note: Note, next_strike_tick: int | None) -> int:
        """Where the note stops sounding: its end, or later while the pedal holds it."""
        index = bisect.bisect_right(self.pedal_downs, note.end_tick) - 1
        if index < 0 or self.pedal_ups[index] <= note.end_tick:
            return note.end_tick
        end = self.pedal_ups[index]
        return end if next_strike_tick is None else max(note.end_tick, min(end, next_strike_tick))

    def bend_between(self, start_tick: int, end_tick: int) -> BendCurve:
        """The bend steps over [start_tick, end_tick), led by the one in force at the start;
        empty when the pitch stays put there."""
        ticks = [tick for tick, _ in self.bend]
        first = bisect.bisect_right(ticks, start_tick) - 1
        steps = [(start_tick, self.bend[first][1] if first >= 0 else 0.0)]
        steps += [step for step in self.bend[first + 1 :] if step[0] < end_tick]
        if all(semitones == 0.0 for _, semitones in steps):
            return ()
        return tuple(steps)

    def gain_at(self, tick: int) -> float:
        """The amplitude factor of expression and of volume changes since the first note."""
        volume = _value_at(self.volume, tick, self.opening_volume)
        expression = _value_at(self.expression, tick, 127)
        # CC7 below 4 is the fader's -60 dB floor (see `engine.project.midi.writer.cc7_to_gain_db`)
        return (volume / max(self.opening_volume, 4)) ** 2 * (expression / 127) ** 2

    @property
    def max_bend_down_semitones(self) -> float:
        return max((-semitones for _, semitones in self.bend), default=0.0)


def _value_at(steps: tuple[tuple[int, int], ...], tick: int, default: int) -> int:
    index = bisect.bisect_right(steps, (tick, 128)) - 1
    return steps[index][1] if index >= 0 else default


def performance_of(track: Track, song_end_tick: int) -> Performance:
    """Read a track's controllers once, for every note of it to be rendered."""
    downs, ups = _pedal(track, song_end_tick) if not track.is_drum else ((), ())
    volume = tuple(
        (c.tick, c.value) for c in track.controls if c.kind == "cc" and c.number == VOLUME_CC
    )
    first_note = track.notes[0].start_tick if track.notes else 0
    return Performance(
        pedal_downs=downs,
        pedal_ups=ups,
        bend=_bend(track) if not track.is_drum else (),
        volume=volume,
        expression=tuple((c.tick, c.value) for c in track.controls if c.kind == "expression"),
        opening_volume=_value_at(volume, first_note, 127),
    )


def _pedal(track: Track, song_end_tick: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Sustain intervals as (downs, ups); a pedal never released is up at the song's end."""
    downs: list[int] = []
    ups: list[int] = []
    for control in track.controls:
        if control.kind != "sustain":
            continue
        if control.value >= 64 and len(downs) == len(ups):
            downs.append(control.tick)
        elif control.value < 64 and len(downs) > len(ups):
            ups.append(control.tick)
    if len(ups) < len(downs):
        ups.append(song_end_tick)
    return tuple(downs), tuple(ups)


def _bend(track: Track) -> BendCurve:
    """The bend in semitones, stepping wherever the bend or its RPN 0 range changes."""
    steps: list[tuple[int, float]] = []
    value, semitone_range = 0, DEFAULT_BEND_RANGE_SEMITONES
    rpn = [127, 127]  # (MSB, LSB) of the selected RPN; 127/127 is none
    for control in track.controls:
        if control.kind == "pitch_bend":
            value = control.value
        elif control.kind != "cc":
            continue
        elif control.number == RPN_MSB_CC:
            rpn[0] = control.value
        elif control.number == RPN_LSB_CC:
            rpn[1] = control.value
        elif control.number == DATA_ENTRY_CC and rpn == [0, 0]:
            semitone_range = float(control.value)
        elif control.number == DATA_ENTRY_FINE_CC and rpn == [0, 0]:
            semitone_range = int(semitone_range) + control.value / 100
        semitones = value * semitone_range / (8192 if value < 0 else 8191)
        if (steps[-1][1] if steps else 0.0) != semitones:  # no bend until one moves it
            steps.append((control.tick, semitones))
    return tuple(steps)


def next_strikes(notes: tuple[Note, ...]) -> list[int | None]:
    """For each note, the tick the same pitch is struck next on the track (None: never)."""
    following: dict[int, int] = {}
    result: list[int | None] = [None] * len(notes)
    for index in range(len(notes) - 1, -1, -1):
        note = notes[index]
        result[index] = following.get(note.pitch)
        following[note.pitch] = note.start_tick
    return result
