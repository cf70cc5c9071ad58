"""Style presets to start a new song from: an ensemble with each voice's range, and the usual
meter, key, tempo and length. They follow what the shipped model learned from (fiddle tunes,
chorales, string quartets, piano pieces), so a new song starts where the model is at home.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Voice:
    name: str
    program: int
    pitch_range: tuple[int, int]


@dataclass(frozen=True)
class Preset:
    """A style to start a new song from: an ensemble and the usual meter, key and tempo."""

    voices: tuple[Voice, ...]
    meter: tuple[int, int]
    key: str
    tempo_bpm: float
    bars: int


PRESETS: dict[str, Preset] = {
    "folk-tune": Preset((Voice("Fiddle", 110, (55, 93)),), (6, 8), "D major", 116, 16),
    "reel": Preset((Voice("Fiddle", 110, (55, 93)),), (4, 4), "G major", 104, 16),
    "chorale": Preset(
        (
            Voice("Soprano", 52, (60, 81)),
            Voice("Alto", 52, (53, 74)),
            Voice("Tenor", 52, (48, 69)),
            Voice("Bass", 52, (40, 62)),
        ),
        (4, 4),
        "G major",
        76,
        8,
    ),
    "string-quartet": Preset(
        (
            Voice("Violin I", 40, (55, 96)),
            Voice("Violin II", 40, (55, 88)),
            Voice("Viola", 41, (48, 81)),
            Voice("Cello", 42, (36, 72)),
        ),
        (3, 4),
        "C major",
        108,
        16,
    ),
    "piano": Preset(
        (Voice("Right hand", 0, (55, 96)), Voice("Left hand", 0, (28, 67))),
        (4, 4),
        "C major",
        92,
        8,
    ),
}
