"""What a track carries in time besides its notes: controller moves, program changes and
words (lyrics, markers), each a frozen value checked on construction like the rest of the Song.

A module of its own so `engine.song.song` stays the document's shape; every wing still imports
these names from there, where they are re-exported."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, TypeVar

from engine.song.values import SongError, check_int, check_text, shown
from engine.words import QT_TRANSLATE_NOOP

MAX_TICK = 2**31 - 1
"""The last tick a Song can place anything at (a signed 32-bit count, as most readers hold)."""

ControlKind = Literal["pitch_bend", "sustain", "expression", "channel_pressure", "cc"]
CONTROL_KINDS: tuple[ControlKind, ...] = (
    "pitch_bend",
    "sustain",
    "expression",
    "channel_pressure",
    "cc",
)
SUSTAIN_CC = 64
EXPRESSION_CC = 11
MIN_PITCH_BEND = -8192
MAX_PITCH_BEND = 8191
TextKind = Literal["text", "copyright", "lyric", "marker", "cue"]
TEXT_KINDS: tuple[TextKind, ...] = ("text", "copyright", "lyric", "marker", "cue")


@dataclass(frozen=True, slots=True)
class ControlEvent:
    """A controller move on a track at `tick`, as the performance played it.

    `kind` names what it does: 'pitch_bend' (value -8192..8191, 0 is no bend), 'sustain' (the
    damper pedal, CC64: 64 and above is down), 'expression' (CC11, 0..127), 'channel_pressure'
    (aftertouch, 0..127) and 'cc' for every other controller, with its `number` (0..127; never
    11 or 64, which have their own kinds, so one move has one spelling and Songs compare equal).
    """

    tick: int
    kind: ControlKind
    value: int
    number: int = 0

    def __post_init__(self) -> None:
        check_int("tick", self.tick, 0, MAX_TICK)
        if self.kind not in CONTROL_KINDS:
            raise SongError(
                QT_TRANSLATE_NOOP(
                    "Song", "control kind must be one of {control_kinds}, got {shown}"
                ).format(control_kinds=CONTROL_KINDS, shown=shown(self.kind))
            )
        if self.kind == "pitch_bend":
            check_int("pitch bend value", self.value, MIN_PITCH_BEND, MAX_PITCH_BEND)
        else:
            check_int(f"{self.kind} value", self.value, 0, 127)
        if self.kind == "cc":
            check_int("controller number", self.number, 0, 127)
            if self.number in (SUSTAIN_CC, EXPRESSION_CC):
                kind = "sustain" if self.number == SUSTAIN_CC else "expression"
                raise SongError(
                    QT_TRANSLATE_NOOP(
                        "Song", "controller {number} is kind {kind!r}, not 'cc'"
                    ).format(number=self.number, kind=kind)
                )
        elif self.number != 0:
            raise SongError(
                QT_TRANSLATE_NOOP("Song", "only a 'cc' control has a number, got {shown}").format(
                    shown=shown(self.number)
                )
            )

    @property
    def key(self) -> tuple[str, int]:
        """What the event sets: (kind, number); a later event with the same key replaces it."""
        return self.kind, self.number


@dataclass(frozen=True, slots=True)
class ProgramChange:
    """The track switches to General MIDI `program` at `tick` (a mid-song instrument change)."""

    tick: int
    program: int

    def __post_init__(self) -> None:
        check_int("tick", self.tick, 0, MAX_TICK)
        check_int("program", self.program, 0, 127)


@dataclass(frozen=True, slots=True)
class SongText:
    """Words placed in time: a lyric syllable, a marker ('Chorus'), a copyright notice, a cue
    or any other text a MIDI file carries (karaoke lines are 'text')."""

    tick: int
    kind: TextKind
    text: str

    def __post_init__(self) -> None:
        check_int("tick", self.tick, 0, MAX_TICK)
        if self.kind not in TEXT_KINDS:
            raise SongError(
                QT_TRANSLATE_NOOP(
                    "Song", "text kind must be one of {text_kinds}, got {shown}"
                ).format(text_kinds=TEXT_KINDS, shown=shown(self.kind))
            )
        check_text("text", self.text)


TimedEvent = TypeVar("TimedEvent", ControlEvent, ProgramChange, SongText)
