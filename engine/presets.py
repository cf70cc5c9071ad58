"""Style presets to start a new song from: an ensemble with each voice's range, and the usual
meter, key, tempo and length.

The first five follow what the first model learned from (fiddle tunes, chorales, string
quartets, piano pieces). The band presets, one per band style of `engine.styles` and named
after it, are a small band as that style is usually played: a lead with a singable range of
about an octave and a half (not the instrument's whole compass, which makes for leaps no player
would write), chords or comping in the middle (about C3-E5), a bass (a GM bass program, about
E1-G3), a General MIDI drum kit and, for cinematic and ballad, strings or a pad. The lead is
always the first voice, so a prompt's instrument ("... with rhodes") replaces it; a lead that
sings one line (a sax, a flute, a lead guitar or synth) plays one note at a time.
"""

from __future__ import annotations

from dataclasses import dataclass

Meter = tuple[int, int]


@dataclass(frozen=True)
class Voice:
    name: str
    program: int
    pitch_range: tuple[int, int]
    is_drum: bool = False
    polyphony: int | None = None
    """The most notes the part sounds at once (a hard limit when a song is generated; None:
    no limit): 1 for a sung voice or a fiddle tune, 2 for a quartet's strings (double stops),
    4 for a pianist's hand. Unlimited, the model wrote clusters of 5-17 notes in one voice."""


@dataclass(frozen=True)
class Preset:
    """A style to start a new song from: an ensemble and the usual meter, key and tempo."""

    voices: tuple[Voice, ...]
    meter: tuple[int, int]
    key: str
    tempo_bpm: float
    bars: int
    style: str | None = None
    """The `engine.styles` name the model writes the song in."""


ORCHESTRAL_PRESETS: dict[str, Preset] = {
    "folk-tune": Preset(
        (Voice("Fiddle", 110, (55, 93), polyphony=1),), (6, 8), "D major", 116, 16, "folk"
    ),
    "reel": Preset(
        (Voice("Fiddle", 110, (55, 93), polyphony=1),), (4, 4), "G major", 104, 16, "folk"
    ),
    "chorale": Preset(
        (
            Voice("Soprano", 52, (60, 81), polyphony=1),
            Voice("Alto", 52, (53, 74), polyphony=1),
            Voice("Tenor", 52, (48, 69), polyphony=1),
            Voice("Bass", 52, (40, 62), polyphony=1),
        ),
        (4, 4),
        "G major",
        76,
        8,
        "classical",
    ),
    "string-quartet": Preset(
        (
            Voice("Violin I", 40, (55, 96), polyphony=2),
            Voice("Violin II", 40, (55, 88), polyphony=2),
            Voice("Viola", 41, (48, 81), polyphony=2),
            Voice("Cello", 42, (36, 72), polyphony=2),
        ),
        (3, 4),
        "C major",
        108,
        16,
        "classical",
    ),
    "piano": Preset(
        (
            Voice("Right hand", 0, (55, 96), polyphony=4),
            Voice("Left hand", 0, (28, 67), polyphony=4),
        ),
        (4, 4),
        "C major",
        92,
        8,
        "classical",
    ),
}
"""The presets of the first model's styles (folk tunes and classical pieces)."""

DRUMS = Voice("Drums", 0, (35, 81), is_drum=True)
"""The General MIDI drum kit every band preset plays (keys 35-81 of the GM percussion map)."""


def _band(
    style: str, *voices: Voice, key: str, tempo_bpm: float, bars: int, meter: Meter = (4, 4)
) -> tuple[str, Preset]:
    """A band preset named like its style: its voices, then the drum kit."""
    return style, Preset((*voices, DRUMS), meter, key, tempo_bpm, bars, style)


BAND_PRESETS: dict[str, Preset] = dict(
    [
        _band(
            "pop",
            Voice("Lead synth", 81, (60, 79), polyphony=1),
            Voice("Piano", 0, (48, 76)),
            Voice("Bass", 33, (28, 52)),
            key="G major", tempo_bpm=112, bars=8,
        ),
        _band(
            "rock",
            Voice("Lead guitar", 29, (55, 76), polyphony=1),
            Voice("Rhythm guitar", 30, (47, 71)),
            Voice("Bass", 34, (28, 52)),
            key="A major", tempo_bpm=126, bars=8,
        ),
        _band(
            "metal",
            Voice("Lead guitar", 30, (52, 74), polyphony=1),
            Voice("Rhythm guitar", 30, (43, 67)),
            Voice("Bass", 34, (28, 50)),
            key="E minor", tempo_bpm=160, bars=8,
        ),
        _band(
            "ballad",
            Voice("Piano", 0, (60, 81)),
            Voice("Nylon guitar", 24, (48, 72)),
            Voice("Strings", 48, (48, 76)),
            Voice("Bass", 35, (28, 52)),
            key="Eb major", tempo_bpm=70, bars=8,
        ),
        _band(
            "lofi",
            Voice("Jazz guitar", 26, (55, 76), polyphony=1),
            Voice("Rhodes", 4, (48, 72)),
            Voice("Bass", 33, (28, 50)),
            key="A minor", tempo_bpm=80, bars=8,
        ),
        _band(
            "hiphop",
            Voice("Lead synth", 80, (60, 79), polyphony=1),
            Voice("Synth strings", 50, (48, 72)),
            Voice("Synth bass", 38, (28, 48)),
            key="C minor", tempo_bpm=90, bars=8,
        ),
        _band(
            "house",
            Voice("Lead synth", 81, (60, 79), polyphony=1),
            Voice("Poly synth", 90, (48, 72)),
            Voice("Synth bass", 39, (33, 52)),
            key="A minor", tempo_bpm=124, bars=16,
        ),
        _band(
            "funk",
            Voice("Horns", 61, (58, 79)),
            Voice("Clavinet", 7, (48, 72)),
            Voice("Slap bass", 36, (28, 52)),
            key="E minor", tempo_bpm=104, bars=8,
        ),
        _band(
            "soul",
            Voice("Alto sax", 65, (56, 77), polyphony=1),
            Voice("Organ", 16, (48, 72)),
            Voice("Bass", 33, (28, 52)),
            key="Bb major", tempo_bpm=92, bars=8,
        ),
        _band(
            "reggae",
            Voice("Trumpet", 56, (58, 79), polyphony=1),
            Voice("Skank guitar", 27, (52, 76)),
            Voice("Bass", 33, (28, 48)),
            key="G major", tempo_bpm=76, bars=8,
        ),
        _band(
            "latin",
            Voice("Flute", 73, (67, 86), polyphony=1),
            Voice("Nylon guitar", 24, (48, 72)),
            Voice("Bass", 32, (28, 50)),
            key="D minor", tempo_bpm=132, bars=16,
        ),
        _band(
            "jazz",
            Voice("Tenor sax", 66, (53, 74), polyphony=1),
            Voice("Piano", 0, (48, 72)),
            Voice("Bass", 32, (28, 52)),
            key="F major", tempo_bpm=138, bars=16,
        ),
        _band(
            "blues",
            Voice("Lead guitar", 27, (55, 76), polyphony=1),
            Voice("Piano", 0, (48, 72)),
            Voice("Bass", 33, (28, 52)),
            key="A major", tempo_bpm=96, bars=12,
        ),
        _band(
            "country",
            Voice("Fiddle", 110, (62, 81), polyphony=1),
            Voice("Steel guitar", 25, (48, 72)),
            Voice("Bass", 34, (28, 50)),
            key="G major", tempo_bpm=116, bars=8,
        ),
        _band(
            "cinematic",
            Voice("French horn", 60, (53, 74), polyphony=1),
            Voice("Strings", 48, (48, 76)),
            Voice("Choir", 52, (48, 72)),
            Voice("Bass", 32, (28, 50)),
            key="D minor", tempo_bpm=96, bars=16,
        ),
        _band(
            "chinese",
            # dizi (bamboo flute) and guzheng (zither) as their nearest GM sounds: flute, koto
            Voice("Dizi", 73, (67, 86), polyphony=1),
            Voice("Guzheng", 107, (48, 76)),
            Voice("Bass", 35, (28, 50)),
            key="D major", tempo_bpm=84, bars=8,
        ),
    ]
)  # fmt: skip
"""One preset per band style of `engine.styles`, named like the style."""

PRESETS: dict[str, Preset] = {**ORCHESTRAL_PRESETS, **BAND_PRESETS}
"""Every preset by name, the five first-model presets first."""
