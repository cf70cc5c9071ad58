"""Attribute controls: a bar's measurable character, as tokens the model learns to obey.

Each control is computed from the notes that start in a bar (so training data labels itself)
and, at generation time, set by the composer to steer a cell: note density, polyphony, pitch
range, pitch-class set, mean velocity and rhythm (the number of distinct onset positions).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from engine.compose.vocab import (
    MAX_POLYPHONY,
    PITCH_RANGE_BIN,
    TICKS_PER_STEP,
    VELOCITY_LEVELS,
    density_bin,
    nearest,
)
from engine.song.song import Note, Song

Sounding = tuple[int, int, int, int]
"""One note as heard in a bar: (pitch, start, end, velocity), ticks from the bar's start."""


@dataclass(frozen=True)
class BarControls:
    """The binned attributes of one (track, bar) cell; `None` fields are left to the model."""

    density: int | None = None
    polyphony: int | None = None
    low_bin: int | None = None
    high_bin: int | None = None
    pitch_classes: frozenset[int] | None = None
    mean_velocity: int | None = None
    onsets: int | None = None

    @classmethod
    def measure(cls, notes: Sequence[Note]) -> BarControls:
        """The controls that describe `notes` exactly (an empty bar has density 0 only)."""
        if not notes:
            return cls(density=0)
        starts = [note.start_tick // TICKS_PER_STEP for note in notes]
        per_onset = {start: starts.count(start) for start in set(starts)}
        pitches = [note.pitch for note in notes]
        return cls(
            density=density_bin(len(notes)),
            polyphony=min(max(per_onset.values()), MAX_POLYPHONY),
            low_bin=min(pitches) // PITCH_RANGE_BIN,
            high_bin=max(pitches) // PITCH_RANGE_BIN,
            pitch_classes=frozenset(pitch % 12 for pitch in pitches),
            mean_velocity=nearest(VELOCITY_LEVELS, sum(n.velocity for n in notes) / len(notes)),
            onsets=density_bin(len(per_onset)),
        )

    def tokens(self) -> list[str]:
        """Control tokens in their fixed order, skipping unset ones."""
        out: list[str] = []
        if self.density is not None:
            out.append(f"Density_{self.density}")
        if self.polyphony is not None:
            out.append(f"Poly_{self.polyphony}")
        if self.low_bin is not None:
            out.append(f"Low_{self.low_bin}")
        if self.high_bin is not None:
            out.append(f"High_{self.high_bin}")
        if self.pitch_classes is not None:
            out.extend(f"PC_{pc}" for pc in sorted(self.pitch_classes))
        if self.mean_velocity is not None:
            out.append(f"MeanVel_{self.mean_velocity}")
        if self.onsets is not None:
            out.append(f"Onsets_{self.onsets}")
        return out


CONTROL_PREFIXES = ("Density_", "Poly_", "Low_", "High_", "PC_", "MeanVel_", "Onsets_")


def sounding_polyphony(notes: Sequence[Note]) -> int:
    """The most notes sounding at once (a note ends where the next same-tick one starts).

    The `Poly_` control counts notes *starting* together; a hard polyphony limit counts notes
    *sounding* together, which is what a player's hands or a voice's lungs limit.
    """
    events = sorted([(n.start_tick, 1) for n in notes] + [(n.end_tick, -1) for n in notes])
    most = sounding = 0
    for _, change in events:
        sounding += change
        most = max(most, sounding)
    return most


def clipped_to(notes: Sequence[Note], start: int, end: int) -> list[Note]:
    """The notes sounding between two ticks, each cut to them: what is heard there, wherever
    the notes start."""
    return [
        Note(
            max(n.start_tick, start),
            n.pitch,
            min(n.end_tick, end) - max(n.start_tick, start),
            n.velocity,
        )
        for n in notes
        if n.start_tick < end and n.end_tick > start
    ]


def sounding_in_bar(song: Song, track_index: int, bar: int) -> tuple[Sounding, ...]:
    """What a track sounds in a bar: each note overlapping it (those ringing in from earlier
    bars included), clipped to the bar, as (pitch, start, end, velocity) from the bar's start,
    in order. Two bars with the same sounding content sound the same, whichever bar their
    notes start in."""
    start, end = song.bar_span(bar)
    return tuple(
        sorted(
            (n.pitch, n.start_tick - start, n.end_tick - start, n.velocity)
            for n in clipped_to(song.tracks[track_index].notes, start, end)
        )
    )
