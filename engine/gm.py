"""General MIDI program names (programs 0-127, as every library numbers them)."""

from __future__ import annotations

from engine.errors import TesseraError

GM_PROGRAM_NAMES: tuple[str, ...] = (
    "Acoustic Grand Piano",
    "Bright Acoustic Piano",
    "Electric Grand Piano",
    "Honky-tonk Piano",
    "Electric Piano 1",
    "Electric Piano 2",
    "Harpsichord",
    "Clavinet",
    "Celesta",
    "Glockenspiel",
    "Music Box",
    "Vibraphone",
    "Marimba",
    "Xylophone",
    "Tubular Bells",
    "Dulcimer",
    "Drawbar Organ",
    "Percussive Organ",
    "Rock Organ",
    "Church Organ",
    "Reed Organ",
    "Accordion",
    "Harmonica",
    "Tango Accordion",
    "Acoustic Guitar (nylon)",
    "Acoustic Guitar (steel)",
    "Electric Guitar (jazz)",
    "Electric Guitar (clean)",
    "Electric Guitar (muted)",
    "Overdriven Guitar",
    "Distortion Guitar",
    "Guitar Harmonics",
    "Acoustic Bass",
    "Electric Bass (finger)",
    "Electric Bass (pick)",
    "Fretless Bass",
    "Slap Bass 1",
    "Slap Bass 2",
    "Synth Bass 1",
    "Synth Bass 2",
    "Violin",
    "Viola",
    "Cello",
    "Contrabass",
    "Tremolo Strings",
    "Pizzicato Strings",
    "Orchestral Harp",
    "Timpani",
    "String Ensemble 1",
    "String Ensemble 2",
    "Synth Strings 1",
    "Synth Strings 2",
    "Choir Aahs",
    "Voice Oohs",
    "Synth Voice",
    "Orchestra Hit",
    "Trumpet",
    "Trombone",
    "Tuba",
    "Muted Trumpet",
    "French Horn",
    "Brass Section",
    "Synth Brass 1",
    "Synth Brass 2",
    "Soprano Sax",
    "Alto Sax",
    "Tenor Sax",
    "Baritone Sax",
    "Oboe",
    "English Horn",
    "Bassoon",
    "Clarinet",
    "Piccolo",
    "Flute",
    "Recorder",
    "Pan Flute",
    "Blown Bottle",
    "Shakuhachi",
    "Whistle",
    "Ocarina",
    "Lead 1 (square)",
    "Lead 2 (sawtooth)",
    "Lead 3 (calliope)",
    "Lead 4 (chiff)",
    "Lead 5 (charang)",
    "Lead 6 (voice)",
    "Lead 7 (fifths)",
    "Lead 8 (bass + lead)",
    "Pad 1 (new age)",
    "Pad 2 (warm)",
    "Pad 3 (polysynth)",
    "Pad 4 (choir)",
    "Pad 5 (bowed)",
    "Pad 6 (metallic)",
    "Pad 7 (halo)",
    "Pad 8 (sweep)",
    "FX 1 (rain)",
    "FX 2 (soundtrack)",
    "FX 3 (crystal)",
    "FX 4 (atmosphere)",
    "FX 5 (brightness)",
    "FX 6 (goblins)",
    "FX 7 (echoes)",
    "FX 8 (sci-fi)",
    "Sitar",
    "Banjo",
    "Shamisen",
    "Koto",
    "Kalimba",
    "Bagpipe",
    "Fiddle",
    "Shanai",
    "Tinkle Bell",
    "Agogo",
    "Steel Drums",
    "Woodblock",
    "Taiko Drum",
    "Melodic Tom",
    "Synth Drum",
    "Reverse Cymbal",
    "Guitar Fret Noise",
    "Breath Noise",
    "Seashore",
    "Bird Tweet",
    "Telephone Ring",
    "Helicopter",
    "Applause",
    "Gunshot",
)

assert len(GM_PROGRAM_NAMES) == 128


def instrument_name(program: int, is_drum: bool = False) -> str:
    """A readable instrument name for a track header or a default track name."""
    return "Drums" if is_drum else GM_PROGRAM_NAMES[program]


class InstrumentError(TesseraError):
    """An instrument name or number that is not a General MIDI program."""


_FAMILY_RANGES = (
    (21, 108),  # pianos
    (60, 108),  # chromatic percussion
    (36, 96),  # organs
    (40, 88),  # guitars
    (28, 67),  # basses
    (36, 96),  # strings (see _STRING_RANGES)
    (36, 96),  # ensembles and choirs
    (40, 84),  # brass
    (46, 91),  # reeds
    (60, 100),  # pipes
    (48, 96),  # synth leads
    (36, 96),  # synth pads
    (36, 96),  # synth effects
    (40, 88),  # ethnic
    (48, 84),  # percussive
    (36, 96),  # sound effects
)
_STRING_RANGES = {40: (55, 103), 41: (48, 91), 42: (36, 76), 43: (28, 67)}
DRUM_KIT_RANGE = (35, 81)
"""The General MIDI percussion key map (Acoustic Bass Drum to Open Triangle)."""


def playable_range(program: int, is_drum: bool = False) -> tuple[int, int]:
    """The usual written range (lowest, highest MIDI pitch) of a General MIDI instrument.

    Used as the default pitch range when the model writes a part for an instrument, so a bass
    line stays low and a flute stays high unless the composer says otherwise.
    """
    if is_drum:
        return DRUM_KIT_RANGE
    return _STRING_RANGES.get(program, _FAMILY_RANGES[program // 8])


def program_from_name(text: str) -> int:
    """`41`, `viola`, `Acoustic Grand Piano`, `choir` -> a General MIDI program (0-127).

    A name may be any part of a General MIDI program name; the first program containing it
    wins, so `piano` is program 0 and `bass` is program 32 (Acoustic Bass).
    """
    stripped = text.strip()
    if stripped.isdigit():
        program = int(stripped)
        if not 0 <= program <= 127:
            raise InstrumentError(f"program {program} is outside General MIDI's 0-127")
        return program
    wanted = stripped.lower()
    for program, name in enumerate(GM_PROGRAM_NAMES):
        if wanted and wanted in name.lower():
            return program
    raise InstrumentError(
        f"no General MIDI instrument is called {text!r}: use a number from 0 to 127 or part "
        "of a name such as 'violin', 'piano', 'choir' or 'flute'"
    )
