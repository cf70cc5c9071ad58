"""The General MIDI drum map, and how other kits' keys fold onto it.

A drum track's notes are keys of the GM percussion map (35 Acoustic Bass Drum to 81 Open
Triangle), not pitches: the piano roll names them, the model writes them, and the sound engine
plays each key as its own instrument. Kits that use other keys (the Roland TD-11 of the Groove
MIDI Dataset) are folded onto the GM key that sounds closest before anything else sees them.
"""

from __future__ import annotations

GM_DRUM_NAMES: dict[int, str] = {
    35: "Acoustic Bass Drum", 36: "Bass Drum 1", 37: "Side Stick", 38: "Acoustic Snare",
    39: "Hand Clap", 40: "Electric Snare", 41: "Low Floor Tom", 42: "Closed Hi-Hat",
    43: "High Floor Tom", 44: "Pedal Hi-Hat", 45: "Low Tom", 46: "Open Hi-Hat",
    47: "Low-Mid Tom", 48: "Hi-Mid Tom", 49: "Crash Cymbal 1", 50: "High Tom",
    51: "Ride Cymbal 1", 52: "Chinese Cymbal", 53: "Ride Bell", 54: "Tambourine",
    55: "Splash Cymbal", 56: "Cowbell", 57: "Crash Cymbal 2", 58: "Vibraslap",
    59: "Ride Cymbal 2", 60: "Hi Bongo", 61: "Low Bongo", 62: "Mute Hi Conga",
    63: "Open Hi Conga", 64: "Low Conga", 65: "High Timbale", 66: "Low Timbale",
    67: "High Agogo", 68: "Low Agogo", 69: "Cabasa", 70: "Maracas", 71: "Short Whistle",
    72: "Long Whistle", 73: "Short Guiro", 74: "Long Guiro", 75: "Claves", 76: "Hi Wood Block",
    77: "Low Wood Block", 78: "Mute Cuica", 79: "Open Cuica", 80: "Mute Triangle",
    81: "Open Triangle",
}  # fmt: skip

KICKS = frozenset({35, 36})
SNARES = frozenset({37, 38, 39, 40})
"""Snare-like back-beat sounds: side stick, snares and hand clap."""
TIME_KEEPERS = frozenset({42, 44, 46, 51, 53, 59, 54, 69, 70})
"""Hi-hats, rides, tambourine, shakers: the steady pulse of a groove."""
TOMS = frozenset({41, 43, 45, 47, 48, 50})
CRASHES = frozenset({49, 52, 55, 57})
"""Crash, Chinese and splash cymbals: accents, not time."""

TD11_TO_GM: dict[int, int] = {
    22: 42,  # hi-hat closed, edge
    26: 46,  # hi-hat open, edge
    40: 38,  # snare rim shot: GM 40 is a different (electronic) snare
    47: 45,  # tom 2 rim: GM 47 is another tom
    50: 48,  # tom 1 rim: GM 50 is another tom
    52: 57,  # crash 2 edge: GM 52 is a Chinese cymbal
    55: 49,  # crash 1 edge: GM 55 is a splash
    58: 43,  # tom 3 rim: GM 58 is a vibraslap
}
"""Roland TD-11 keys (as the Groove MIDI Dataset records them) whose GM key is another sound,
folded to the GM key of the drum that was hit. Every other TD-11 key it uses (36, 37, 38, 42,
43, 44, 45, 46, 48, 49, 51, 53, 57, 59) already means the same drum in GM."""


def drum_name(key: int) -> str:
    """'Acoustic Snare' for 38; keys outside the GM map are named by number."""
    return GM_DRUM_NAMES.get(key, f"Drum key {key}")


def td11_to_gm(key: int) -> int | None:
    """The GM key for a TD-11 key, or None for a key outside the GM drum map."""
    folded = TD11_TO_GM.get(key, key)
    return folded if folded in GM_DRUM_NAMES else None
