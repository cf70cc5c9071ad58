"""The mixer in MIDI controllers: a track's gain as CC7 (channel volume), its pan as CC10 and
its reverb send as CC91, each way.

The export (`engine.project.midi.writer`) writes these at tick 0; the import
(`engine.project.midi.reader`) reads back the values in force at a track's first note
(`mix_at`, `reverb_send_at`): later ones are automation, which a Song keeps as controls and
does not turn into a setting. Each mapping and its inverse give the same controller value back,
so export -> import -> export writes the same bytes. A track's width has no General MIDI
controller and stays in the project.
"""

from __future__ import annotations

import math

from engine.project.midi.notes import Part
from engine.song.song import (
    MAX_REVERB_SEND_DB,
    MIN_GAIN_DB,
    MIN_REVERB_SEND_DB,
    ControlEvent,
)
from engine.song.stage import default_seat

__all__ = [
    "PAN_CC",
    "PAN_CENTRE_CC",
    "REVERB_CC",
    "VOLUME_CC",
    "cc7_to_gain_db",
    "cc10_to_pan",
    "cc91_to_send_db",
    "gain_db_to_cc7",
    "mix_at",
    "pan_to_cc10",
    "reverb_send_at",
    "send_db_to_cc91",
]

VOLUME_CC = 7
"""Channel volume, the controller a DAW or GM synth treats as the channel's fader."""
PAN_CC = 10
PAN_CENTRE_CC = 64
REVERB_CC = 91
"""Reverb send level (General MIDI 2's "effect 1 depth")."""


def gain_db_to_cc7(gain_db: float) -> int:
    """A track gain in dB as a CC7 value 0-127, by the GM volume curve dB = 40 * log10(cc / 127).

    0 dB is 127, the top of the controller, so a gain above 0 dB cannot be expressed and is
    written as 127; the quietest gain, -60 dB, is 4.
    """
    return max(0, min(127, round(127 * 10 ** (gain_db / 40))))


def cc7_to_gain_db(value: int) -> float:
    """A CC7 value 0-127 as a track gain in dB (the inverse of `gain_db_to_cc7`).

    Rounded to 0.1 dB, which keeps every value 4-127 distinct, so CC7 -> dB -> CC7 gives the
    same value. Values 0-3 lie below -60 dB and become `MIN_GAIN_DB`, the mixer's silence.
    """
    if value <= 0:
        return MIN_GAIN_DB
    return max(MIN_GAIN_DB, round(40 * math.log10(value / 127), 1))


def pan_to_cc10(pan: float) -> int:
    """A pan from -1.0 (left) to +1.0 (right) as a CC10 value: 0 left, 64 centre, 127 right.

    MIDI has 64 steps left of centre and 63 right of it, so each side is scaled on its own.
    """
    return PAN_CENTRE_CC + round(pan * (64 if pan < 0 else 63))


def cc10_to_pan(value: int) -> float:
    """A CC10 value 0-127 as a pan from -1.0 to +1.0 (the inverse of `pan_to_cc10`).

    Rounded to 0.01, finer than a CC10 step (1/64), so CC10 -> pan -> CC10 gives the same value.
    """
    steps = value - PAN_CENTRE_CC
    return round(steps / (64 if steps < 0 else 63), 2)


def send_db_to_cc91(send_db: float | None) -> int:
    """A reverb send in dB (None for none) as a CC91 value 0-127.

    General MIDI gives CC91 no curve; this is CC7's (40 dB per decade of the value) with the
    top, 127, at the loudest send (`MAX_REVERB_SEND_DB`, +6 dB), so GM2's default of 40 is
    -14 dB, about a piano's default send. No send, and any send at or below
    `MIN_REVERB_SEND_DB`, is 0.
    """
    if send_db is None or send_db <= MIN_REVERB_SEND_DB:
        return 0
    return max(0, min(127, round(127 * 10 ** ((send_db - MAX_REVERB_SEND_DB) / 40))))


def cc91_to_send_db(value: int) -> float:
    """A CC91 value 0-127 as a reverb send in dB (the inverse of `send_db_to_cc91`).

    Rounded to 0.1 dB, which keeps every value 3-127 distinct, so CC91 -> dB -> CC91 gives the
    same value. Values 0-2 lie below -60 dB and become `MIN_REVERB_SEND_DB`: no send.
    """
    if value <= 0:
        return MIN_REVERB_SEND_DB
    send_db = round(MAX_REVERB_SEND_DB + 40 * math.log10(value / 127), 1)
    return max(MIN_REVERB_SEND_DB, send_db)


def mix_at(part: Part, first_note_tick: int) -> tuple[float, float]:
    """(gain_db, pan) from the last CC7 and CC10 at or before the first note; 0.0 if none."""
    volume = pan = None
    for control in part.controls:
        if control.tick > first_note_tick:
            break
        if control.kind == "cc" and control.number == VOLUME_CC:
            volume = control.value
        elif control.kind == "cc" and control.number == PAN_CC:
            pan = control.value
    return (
        cc7_to_gain_db(volume) if volume is not None else 0.0,
        cc10_to_pan(pan) if pan is not None else 0.0,
    )


def reverb_send_at(
    part: Part, first_note_tick: int, program: int, is_drum: bool
) -> tuple[float | None, tuple[ControlEvent, ...]]:
    """(reverb send, the other controls): the last CC91 at or before the first note as the
    send (None when there is none, or when it is the family's default, which is what the
    export writes for a track left at its default), and the controls without those CC91s."""
    value = None
    kept = []
    for control in part.controls:
        if control.kind == "cc" and control.number == REVERB_CC and control.tick <= first_note_tick:
            value = control.value
        else:
            kept.append(control)
    default = send_db_to_cc91(default_seat(program, is_drum).reverb_send_db)
    send = None if value is None or value == default else cc91_to_send_db(value)
    return send, tuple(kept)
