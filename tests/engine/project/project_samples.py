"""Real projects for the project-file tests: songs with every field a project stores, and takes.

Built through the engine's own types and request encoding (as the app records a take), so the
files the tests damage are exactly what Tessera writes.
"""

from __future__ import annotations

from engine.compose.controls import Controls
from engine.compose.requests import Generate, Regenerate, request_to_json
from engine.song.song import (
    PPQ,
    TIMBRE_DIMENSION,
    ControlEvent,
    KeySignatureChange,
    Note,
    ProgramChange,
    Song,
    SongText,
    TempoChange,
    TimbreRef,
    TimeSignatureChange,
    Track,
)
from engine.song.takes import Take


def rich_song(title: str = "Fuzz — Ünïcode ♪", shift: int = 0) -> Song:
    """A three-bar song using every field: meters, keys, tempos, mix, timbre, controls, texts."""
    vector = tuple((index - 12) / 7 for index in range(TIMBRE_DIMENSION))
    lead = Track(
        "Lead 笛",
        program=73,
        notes=tuple(Note(i * 240, 60 + (i + shift) % 12, 240, 90 + i) for i in range(12)),
        locked_bars=frozenset({1}),
        timbre=TimbreRef(kind="generated", seed=7 + shift, vector=vector),
        gain_db=-3.5,
        pan=0.25,
        controls=(ControlEvent(0, "sustain", 127), ControlEvent(480, "cc", 10, 7)),
        program_changes=(ProgramChange(960, 74),),
    )
    drums = Track(
        "Drums", is_drum=True, notes=(Note(0, 36, 60, 120), Note(480, 38, 60, 100)), muted=True
    )
    return Song(
        title=title,
        bar_count=3,
        tracks=(lead, drums),
        tempos=(TempoChange(0, 96.5), TempoChange(3 * PPQ, 120)),
        time_signatures=(TimeSignatureChange(0, 3, 4), TimeSignatureChange(6 * PPQ, 7, 8)),
        key_signatures=(KeySignatureChange(0, -3, "minor"),),
        style="folk",
        texts=(SongText(0, "lyric", "la"), SongText(480, "marker", "Chorus")),
    )


def rich_takes(song: Song) -> tuple[Take, ...]:
    """Two takes as the app records them: a regenerate of two cells and a generate."""
    regenerate = Regenerate(cells=((0, 1), (1, 2)), controls=Controls())
    generate = Generate(preset="folk-trio", bars=3, title=song.title)
    return (
        Take(regenerate.operation, request_to_json(regenerate), 12345, song),
        Take(generate.operation, request_to_json(generate), 2**31 - 1, rich_song(shift=1)),
    )
