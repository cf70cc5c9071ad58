"""General MIDI program names (programs 0-127, as every library numbers them), and the words
composers use for instruments, English and Chinese, mapped onto them.

One table serves the CLI (`add-track --instrument`), the app's Add Track dialog and the prompt
reader, so "drums", "rhodes" or "古筝" mean the same instrument everywhere.
"""

from __future__ import annotations

from engine.errors import TesseraError
from engine.words import QT_TRANSLATE_NOOP

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


ONE_LINE_FAMILIES = (range(56, 88), range(104, 112))
"""Brass, reeds, pipes, synth leads and the ethnic winds and fiddles: instruments that play
one note at a time as a lead (a keyboard, guitar or harp plays chords)."""


def plays_one_line(program: int) -> bool:
    """Whether a lead on this General MIDI program plays a single line (see above)."""
    return any(program in family for family in ONE_LINE_FAMILIES)


def playable_range(program: int, is_drum: bool = False) -> tuple[int, int]:
    """The usual written range (lowest, highest MIDI pitch) of a General MIDI instrument.

    Used as the default pitch range when the model writes a part for an instrument, so a bass
    line stays low and a flute stays high unless the composer says otherwise.
    """
    if is_drum:
        return DRUM_KIT_RANGE
    return _STRING_RANGES.get(program, _FAMILY_RANGES[program // 8])


DRUM_KIT_WORDS: frozenset[str] = frozenset(
    ("drums", "drum", "drum kit", "drumkit", "drum-kit", "kit", "drum set", "drumset",
     "drum-set", "percussion", "鼓", "架子鼓", "爵士鼓", "鼓组")
)  # fmt: skip
"""Words for a General MIDI drum kit (a track on channel 10), not a pitched program: without
this table "drums" would be found inside "Steel Drums", a pitched instrument."""

INSTRUMENT_WORDS: dict[str, int] = {
    # English words that are no part of a GM name, or whose first GM match is the wrong sound
    "rhodes": 4, "electric piano": 4, "wurlitzer": 5, "keys": 4, "clav": 7,
    "electric guitar": 27, "clean guitar": 27, "jazz guitar": 26, "overdrive guitar": 29,
    "overdriven guitar": 29, "distorted guitar": 30, "distortion guitar": 30, "fuzz guitar": 30,
    "synth": 81, "synth lead": 81, "lead synth": 81, "pad": 89, "synth pad": 89,
    "strings": 48, "string ensemble": 48, "sax": 65, "saxophone": 65, "bass guitar": 33,
    "electric bass": 33, "upright bass": 32, "double bass": 32, "synth bass": 38,
    # Chinese instruments: the nearest General MIDI sound (GM has no Chinese instruments)
    "erhu": 110,  # bowed two-string fiddle -> Fiddle
    "guzheng": 107, "zheng": 107,  # plucked zither with moving bridges -> Koto, its relative
    "pipa": 106,  # plucked fretted lute -> Shamisen, the nearest plucked lute (not Banjo)
    "dizi": 73,  # transverse bamboo flute -> Flute
    "xiao": 77,  # end-blown bamboo flute -> Shakuhachi
    "suona": 111,  # double-reed shawm -> Shanai
    "yangqin": 15,  # hammered dulcimer -> Dulcimer
    # the same in Chinese
    "二胡": 110, "古筝": 107, "筝": 107, "琵琶": 106, "笛子": 73, "竹笛": 73, "箫": 77,
    "唢呐": 111, "扬琴": 15, "钢琴": 0, "电钢琴": 4, "电钢": 4, "吉他": 24, "木吉他": 25,
    "民谣吉他": 25, "电吉他": 27, "失真吉他": 30, "贝斯": 33, "贝司": 33, "电贝斯": 33,
    "合成器": 81, "铺底": 89, "弦乐": 48, "小提琴": 40, "中提琴": 41, "大提琴": 42,
    "低音提琴": 43, "长笛": 73, "单簧管": 71, "双簧管": 68, "大管": 70, "小号": 56,
    "长号": 57, "圆号": 60, "萨克斯": 65, "风琴": 16, "管风琴": 19, "手风琴": 21, "口琴": 22,
    "竖琴": 46, "马林巴": 12, "钟琴": 9,
}  # fmt: skip
"""Lower-case instrument words -> General MIDI program, checked before the GM names."""


def program_from_name(text: str) -> int:
    """`41`, `viola`, `Acoustic Grand Piano`, `choir`, `rhodes`, `二胡` -> a GM program (0-127).

    A word of `INSTRUMENT_WORDS` gives its program; otherwise a name may be any part of a
    General MIDI program name and the first program containing it wins, so `piano` is program 0
    and `bass` is program 32 (Acoustic Bass). Drum kits are not programs: see
    `instrument_from_name`.
    """
    stripped = text.strip()
    if stripped.isdigit():
        program = int(stripped)
        if not 0 <= program <= 127:
            raise InstrumentError(
                QT_TRANSLATE_NOOP("Gm", "program {program} is outside General MIDI's 0-127").format(
                    program=program
                )
            )
        return program
    wanted = " ".join(stripped.lower().split())
    if wanted in INSTRUMENT_WORDS:
        return INSTRUMENT_WORDS[wanted]
    for program, name in enumerate(GM_PROGRAM_NAMES):
        if wanted and wanted in name.lower():
            return program
    raise InstrumentError(
        QT_TRANSLATE_NOOP(
            "Gm",
            "no General MIDI instrument is called {text!r}: use a number from 0 to "
            "127 or part of a name such as 'violin', 'piano', 'choir' or 'flute' "
            "(or 'drums' for a drum kit)",
        ).format(text=text)
    )


def is_drum_kit_name(text: str) -> bool:
    """True for 'drums', 'Drum kit', 'percussion', '架子鼓' and the other drum-kit words."""
    return " ".join(text.strip().lower().split()) in DRUM_KIT_WORDS


def instrument_from_name(text: str) -> tuple[int, bool]:
    """(program, is_drum) for an instrument a composer names: a drum-kit word gives (0, True),
    a GM drum track (its program is unused); anything else is `program_from_name`'s."""
    if is_drum_kit_name(text):
        return 0, True
    return program_from_name(text), False
