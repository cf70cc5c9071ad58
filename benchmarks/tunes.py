"""Small songs the engine and UI tests share."""

from __future__ import annotations

from engine.song.song import PPQ, Note, Song, Track

BAR = 4 * PPQ


def d_major_tune() -> Song:
    """A D-major fiddle melody over a cello line, eight bars of 4/4."""
    scale = [62, 64, 66, 67, 69, 71, 73, 74]
    melody = [
        Note(b * BAR + q * PPQ, scale[(b + q * 2) % 8], PPQ, 88) for b in range(8) for q in range(4)
    ]
    bass = [Note(b * BAR, 38 if b % 2 == 0 else 45, BAR, 72) for b in range(8)]
    return Song(
        title="Tune",
        bar_count=8,
        tracks=(Track("Fiddle", 110, notes=tuple(melody)), Track("Cello", 42, notes=tuple(bass))),
    )
