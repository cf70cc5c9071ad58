"""A MIDI track's channel events to notes, controller moves and program changes, per channel.

Notes are paired the way synthesizers sound them: at most one note sounds per channel and
pitch, a note-off ends it, and a note-on on a pitch that is still sounding *re-strikes* it (the
earlier note ends there, a new one begins: both are kept). A note-off that then finds nothing
sounding is the re-struck note's own and is absorbed. Two exceptions keep what the file meant:
a note-on repeated on the very same tick is one note (the louder, ending at the later
note-off), and a note-off written just after a re-strike on the same tick belongs to the
earlier note. Notes never released end where their track ends.

Everything here works in Song ticks (480 per quarter) through a `TickScale`, so a file at
another resolution, in SMPTE time or laid end to end (type 2) is handled by the caller.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from engine.project.midi.events import RawTrack
from engine.song.song import EXPRESSION_CC, SUSTAIN_CC, ControlEvent, ProgramChange
from engine.words import QT_TRANSLATE_NOOP

ALL_NOTES_OFF_CCS = (120, 123)
"""All Sound Off and All Notes Off end every note sounding on the channel."""

NoteRow = tuple[int, int, int, int]
"""(start_tick, pitch, duration_ticks, velocity) in Song ticks."""


@dataclass(frozen=True)
class TickScale:
    """File ticks (after a type-2 offset) to Song ticks: round(tick * numerator / denominator)."""

    numerator: int
    denominator: int

    def __call__(self, tick: int) -> int:
        return (tick * self.numerator + self.denominator // 2) // self.denominator


@dataclass
class Part:
    """What one channel of one file track holds, in Song ticks."""

    track: int
    port: int
    channel: int
    rows: list[NoteRow] = field(default_factory=list)
    controls: list[ControlEvent] = field(default_factory=list)


@dataclass
class Walked:
    """Every track's parts, the file's program changes and what pairing had to decide."""

    parts: list[Part] = field(default_factory=list)
    programs: dict[tuple[int, int], list[tuple[int, int]]] = field(default_factory=dict)
    """(port, channel) -> [(tick, program)] in play order, from whichever track sets them."""
    counts: Counter[str] = field(default_factory=Counter)


def walk_track(
    raw: RawTrack, walked: Walked, *, scale: TickScale, offset: int, port: int, end_tick: int
) -> None:
    """Pair one track's notes and collect its controls and program changes into `walked`.

    `offset` (file ticks) places a type-2 pattern; `end_tick` (Song ticks) is where notes
    never released end. The common cases (a note starting on a silent pitch, a note-off
    ending it) are inline: this loop runs once per event of the file.
    """
    pairing = _Pairing(walked.counts)
    sounding = pairing.sounding
    parts: dict[int, Part] = {}
    numerator, denominator = scale.numerator, scale.denominator
    base = offset * numerator + denominator // 2
    for file_tick, status, first, second in raw.channel_events:
        tick = (file_tick * numerator + base) // denominator
        kind = status & 0xF0
        part = parts.get(status & 0x0F)
        if part is None:
            part = parts[status & 0x0F] = Part(raw.index, port, status & 0x0F)
        if kind <= 0x90:  # note-off (0x80) or note-on (0x90); channel statuses start at 0x80
            key = (status & 0x0F) << 7 | first
            held = sounding.get(key)
            if kind == 0x90 and second:
                if held is None:
                    sounding[key] = [tick, second, 0, -1]
                else:
                    pairing.strike_sounding(part, held, tick, first, second)
            elif held is None or held[2] or held[3] == tick:
                pairing.unusual_off(part, held, tick, first)
            else:
                part.rows.append((held[0], first, tick - held[0], held[1]))
                del sounding[key]
        else:
            _other_event(walked, part, pairing, tick=tick, kind=kind, first=first, second=second)
    pairing.end_all(parts, end_tick)
    walked.parts.extend(parts[channel] for channel in sorted(parts))


def _other_event(
    walked: Walked, part: Part, pairing: _Pairing, *, tick: int, kind: int, first: int, second: int
) -> None:
    """A controller, bend, program change or pressure message."""
    if kind == 0xB0:
        if first in ALL_NOTES_OFF_CCS:
            pairing.release_channel(part, tick)
        part.controls.append(_control(tick, first, second))
    elif kind == 0xE0:
        part.controls.append(ControlEvent(tick, "pitch_bend", ((second << 7) | first) - 8192))
    elif kind == 0xC0:
        walked.programs.setdefault((part.port, part.channel), []).append((tick, first))
    elif kind == 0xD0:
        part.controls.append(ControlEvent(tick, "channel_pressure", first))
    else:  # 0xA0
        walked.counts[QT_TRANSLATE_NOOP("MidiNotes", "polyphonic aftertouch events dropped")] += 1


class _Pairing:
    """Which notes sound on one track, keyed channel * 128 + pitch, as
    [start, velocity, note-offs owed by duplicates, tick it re-struck at (-1: none)]."""

    def __init__(self, counts: Counter[str]) -> None:
        self.sounding: dict[int, list[int]] = {}
        self.extra_offs: dict[int, int] = {}  # offs owed by re-strikes, absorbed when met
        self.counts = counts

    def strike_sounding(
        self, part: Part, held: list[int], tick: int, pitch: int, velocity: int
    ) -> None:
        """A note-on on a pitch that sounds: the same note twice, or a re-strike."""
        key = part.channel << 7 | pitch
        if held[0] == tick:  # the same note twice: one note, ended by the later off
            held[1] = max(held[1], velocity)
            held[2] += 1
            self.counts[
                QT_TRANSLATE_NOOP("MidiNotes", "duplicate note-ons merged into one note")
            ] += 1
            return
        part.rows.append((held[0], pitch, tick - held[0], held[1]))
        self.sounding[key] = [tick, velocity, 0, tick]
        self.extra_offs[key] = self.extra_offs.get(key, 0) + 1
        self.counts[
            QT_TRANSLATE_NOOP(
                "MidiNotes", "re-struck notes split (a note-on on a sounding note ends it)"
            )
        ] += 1

    def unusual_off(self, part: Part, held: list[int] | None, tick: int, pitch: int) -> None:
        """A note-off for a silent pitch, a duplicated note or one re-struck on this tick."""
        key = part.channel << 7 | pitch
        owed = self.extra_offs.get(key, 0)
        if held is not None and held[3] == tick and owed:
            self.extra_offs[key] = owed - 1  # the off of the note re-struck on this very tick
        elif held is not None and held[2]:
            held[2] -= 1  # a duplicate's off: the note lasts to the last one
        elif held is not None:
            part.rows.append((held[0], pitch, tick - held[0], held[1]))
            del self.sounding[key]
        elif owed:
            self.extra_offs[key] = owed - 1
        else:
            self.counts[
                QT_TRANSLATE_NOOP("MidiNotes", "note-offs with no note sounding ignored")
            ] += 1

    def release_channel(self, part: Part, tick: int) -> None:
        """All Notes Off: every note sounding on the part's channel ends at `tick`."""
        for key in [key for key in self.sounding if key >> 7 == part.channel]:
            start, velocity, _, _ = self.sounding.pop(key)
            part.rows.append((start, key & 127, tick - start, velocity))

    def end_all(self, parts: dict[int, Part], end_tick: int) -> None:
        """Notes never released end at `end_tick` (a synth holds them to the end)."""
        if self.sounding:
            self.counts[
                QT_TRANSLATE_NOOP(
                    "MidiNotes", "notes without a note-off ended where their track ends"
                )
            ] += len(self.sounding)
        for key, (start, velocity, _, _) in self.sounding.items():
            parts[key >> 7].rows.append((start, key & 127, max(end_tick - start, 0), velocity))
        self.sounding.clear()


def _control(tick: int, number: int, value: int) -> ControlEvent:
    if number == SUSTAIN_CC:
        return ControlEvent(tick, "sustain", value)
    if number == EXPRESSION_CC:
        return ControlEvent(tick, "expression", value)
    return ControlEvent(tick, "cc", value, number)


def program_timeline(
    changes: list[tuple[int, int]], first_tick: int, last_tick: int
) -> tuple[int, tuple[ProgramChange, ...]]:
    """(program at `first_tick`, later changes up to `last_tick`) from a channel's changes.

    A change on the first note's tick counts as before it (files write the change first); of
    several changes on one tick the last one played wins; a change to the program already
    sounding is no change and is left out. Program 0 plays where nothing was set, as in GM.
    """
    by_tick: dict[int, int] = {}
    for tick, program in sorted(changes, key=lambda change: change[0]):  # stable within a tick
        by_tick[tick] = program
    opening = 0
    later: list[ProgramChange] = []
    for tick, program in by_tick.items():
        if tick <= first_tick:
            opening = program
        elif tick <= last_tick and program != (later[-1].program if later else opening):
            later.append(ProgramChange(tick, program))
    return opening, tuple(later)
