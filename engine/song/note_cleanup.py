"""Make a list of notes safe for MIDI: no zero-length notes, no same-pitch overlaps.

MIDI has no notion of a note, only note-on and note-off events; two overlapping notes of the
same pitch on one channel are paired differently by different readers, and a zero-length note
is dropped or left hanging. Import and export both pass notes through `clean_notes`, so a
Song that came from a MIDI file exports to the same notes it was read from.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from engine.song.song import PPQ, Note

ZERO_LENGTH_DURATION_TICKS = PPQ // 8
"""A zero-length note in a file becomes a 32nd note: audible, and short enough for drums."""


@dataclass
class CleanupReport:
    """How many notes `clean_notes` had to change, for a one-line warning to the user."""

    lengthened: int = 0
    shortened: int = 0
    merged: int = 0
    messages: list[str] = field(default_factory=list)

    def summary(self, where: str) -> list[str]:
        parts = []
        if self.lengthened:
            parts.append(f"{self.lengthened} zero-length notes lengthened to a 32nd")
        if self.shortened:
            parts.append(f"{self.shortened} notes shortened where the same pitch overlapped")
        if self.merged:
            parts.append(f"{self.merged} duplicate notes merged")
        return [f"{where}: {part}" for part in parts]


def clean_notes(
    rows: Iterable[tuple[int, int, int, int]], report: CleanupReport | None = None
) -> list[Note]:
    """Turn (start_tick, pitch, duration_ticks, velocity) rows into clean, sorted Notes.

    Zero-length notes become `ZERO_LENGTH_DURATION_TICKS` long; where a note of the same pitch
    starts before an earlier one ends, the earlier one is cut at that start; two notes of the
    same pitch starting on the same tick become one (the longer, louder of the two).
    """
    report = report if report is not None else CleanupReport()
    # Rows in time order (cheap: they nearly always come that way), each pitch's latest row
    # remembered by its index, so no per-pitch sort is needed and the result is in order.
    result: list[tuple[int, int, int, int]] = []
    latest: dict[int, int] = {}
    for start, pitch, raw_duration, raw_velocity in sorted(rows):
        duration = raw_duration
        if duration <= 0:
            duration = ZERO_LENGTH_DURATION_TICKS
            report.lengthened += 1
        velocity = min(max(raw_velocity, 1), 127)
        index = latest.get(pitch)
        if index is not None:
            p_start, _, p_duration, p_velocity = result[index]
            if p_start == start:
                report.merged += 1
                result[index] = (start, pitch, max(duration, p_duration), max(velocity, p_velocity))
                continue
            if p_start + p_duration > start:
                result[index] = (p_start, pitch, start - p_start, p_velocity)
                report.shortened += 1
        latest[pitch] = len(result)
        result.append((start, pitch, duration, velocity))
    return [Note(*row) for row in result]
