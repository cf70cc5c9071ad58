"""General MIDI instrument names in the composer's language ("Acoustic Grand Piano" / 原声大钢琴).

The engine names the 128 General MIDI programs in English (`engine.song.gm.GM_PROGRAM_NAMES`);
every list, tooltip and sentence that shows an instrument shows `program_name(program)`, which
translates it in the "GMInstruments" context. The names are written out here as well so that
`lupdate` finds them (QT_TRANSLATE_NOOP marks a text for translators without translating it);
a test checks this table against the engine's.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from ui.i18n import translate

PROGRAM_NAMES: tuple[object, ...] = (
    QT_TRANSLATE_NOOP("GMInstruments", "Acoustic Grand Piano"),
    QT_TRANSLATE_NOOP("GMInstruments", "Bright Acoustic Piano"),
    QT_TRANSLATE_NOOP("GMInstruments", "Electric Grand Piano"),
    QT_TRANSLATE_NOOP("GMInstruments", "Honky-tonk Piano"),
    QT_TRANSLATE_NOOP("GMInstruments", "Electric Piano 1"),
    QT_TRANSLATE_NOOP("GMInstruments", "Electric Piano 2"),
    QT_TRANSLATE_NOOP("GMInstruments", "Harpsichord"),
    QT_TRANSLATE_NOOP("GMInstruments", "Clavinet"),
    QT_TRANSLATE_NOOP("GMInstruments", "Celesta"),
    QT_TRANSLATE_NOOP("GMInstruments", "Glockenspiel"),
    QT_TRANSLATE_NOOP("GMInstruments", "Music Box"),
    QT_TRANSLATE_NOOP("GMInstruments", "Vibraphone"),
    QT_TRANSLATE_NOOP("GMInstruments", "Marimba"),
    QT_TRANSLATE_NOOP("GMInstruments", "Xylophone"),
    QT_TRANSLATE_NOOP("GMInstruments", "Tubular Bells"),
    QT_TRANSLATE_NOOP("GMInstruments", "Dulcimer"),
    QT_TRANSLATE_NOOP("GMInstruments", "Drawbar Organ"),
    QT_TRANSLATE_NOOP("GMInstruments", "Percussive Organ"),
    QT_TRANSLATE_NOOP("GMInstruments", "Rock Organ"),
    QT_TRANSLATE_NOOP("GMInstruments", "Church Organ"),
    QT_TRANSLATE_NOOP("GMInstruments", "Reed Organ"),
    QT_TRANSLATE_NOOP("GMInstruments", "Accordion"),
    QT_TRANSLATE_NOOP("GMInstruments", "Harmonica"),
    QT_TRANSLATE_NOOP("GMInstruments", "Tango Accordion"),
    QT_TRANSLATE_NOOP("GMInstruments", "Acoustic Guitar (nylon)"),
    QT_TRANSLATE_NOOP("GMInstruments", "Acoustic Guitar (steel)"),
    QT_TRANSLATE_NOOP("GMInstruments", "Electric Guitar (jazz)"),
    QT_TRANSLATE_NOOP("GMInstruments", "Electric Guitar (clean)"),
    QT_TRANSLATE_NOOP("GMInstruments", "Electric Guitar (muted)"),
    QT_TRANSLATE_NOOP("GMInstruments", "Overdriven Guitar"),
    QT_TRANSLATE_NOOP("GMInstruments", "Distortion Guitar"),
    QT_TRANSLATE_NOOP("GMInstruments", "Guitar Harmonics"),
    QT_TRANSLATE_NOOP("GMInstruments", "Acoustic Bass"),
    QT_TRANSLATE_NOOP("GMInstruments", "Electric Bass (finger)"),
    QT_TRANSLATE_NOOP("GMInstruments", "Electric Bass (pick)"),
    QT_TRANSLATE_NOOP("GMInstruments", "Fretless Bass"),
    QT_TRANSLATE_NOOP("GMInstruments", "Slap Bass 1"),
    QT_TRANSLATE_NOOP("GMInstruments", "Slap Bass 2"),
    QT_TRANSLATE_NOOP("GMInstruments", "Synth Bass 1"),
    QT_TRANSLATE_NOOP("GMInstruments", "Synth Bass 2"),
    QT_TRANSLATE_NOOP("GMInstruments", "Violin"),
    QT_TRANSLATE_NOOP("GMInstruments", "Viola"),
    QT_TRANSLATE_NOOP("GMInstruments", "Cello"),
    QT_TRANSLATE_NOOP("GMInstruments", "Contrabass"),
    QT_TRANSLATE_NOOP("GMInstruments", "Tremolo Strings"),
    QT_TRANSLATE_NOOP("GMInstruments", "Pizzicato Strings"),
    QT_TRANSLATE_NOOP("GMInstruments", "Orchestral Harp"),
    QT_TRANSLATE_NOOP("GMInstruments", "Timpani"),
    QT_TRANSLATE_NOOP("GMInstruments", "String Ensemble 1"),
    QT_TRANSLATE_NOOP("GMInstruments", "String Ensemble 2"),
    QT_TRANSLATE_NOOP("GMInstruments", "Synth Strings 1"),
    QT_TRANSLATE_NOOP("GMInstruments", "Synth Strings 2"),
    QT_TRANSLATE_NOOP("GMInstruments", "Choir Aahs"),
    QT_TRANSLATE_NOOP("GMInstruments", "Voice Oohs"),
    QT_TRANSLATE_NOOP("GMInstruments", "Synth Voice"),
    QT_TRANSLATE_NOOP("GMInstruments", "Orchestra Hit"),
    QT_TRANSLATE_NOOP("GMInstruments", "Trumpet"),
    QT_TRANSLATE_NOOP("GMInstruments", "Trombone"),
    QT_TRANSLATE_NOOP("GMInstruments", "Tuba"),
    QT_TRANSLATE_NOOP("GMInstruments", "Muted Trumpet"),
    QT_TRANSLATE_NOOP("GMInstruments", "French Horn"),
    QT_TRANSLATE_NOOP("GMInstruments", "Brass Section"),
    QT_TRANSLATE_NOOP("GMInstruments", "Synth Brass 1"),
    QT_TRANSLATE_NOOP("GMInstruments", "Synth Brass 2"),
    QT_TRANSLATE_NOOP("GMInstruments", "Soprano Sax"),
    QT_TRANSLATE_NOOP("GMInstruments", "Alto Sax"),
    QT_TRANSLATE_NOOP("GMInstruments", "Tenor Sax"),
    QT_TRANSLATE_NOOP("GMInstruments", "Baritone Sax"),
    QT_TRANSLATE_NOOP("GMInstruments", "Oboe"),
    QT_TRANSLATE_NOOP("GMInstruments", "English Horn"),
    QT_TRANSLATE_NOOP("GMInstruments", "Bassoon"),
    QT_TRANSLATE_NOOP("GMInstruments", "Clarinet"),
    QT_TRANSLATE_NOOP("GMInstruments", "Piccolo"),
    QT_TRANSLATE_NOOP("GMInstruments", "Flute"),
    QT_TRANSLATE_NOOP("GMInstruments", "Recorder"),
    QT_TRANSLATE_NOOP("GMInstruments", "Pan Flute"),
    QT_TRANSLATE_NOOP("GMInstruments", "Blown Bottle"),
    QT_TRANSLATE_NOOP("GMInstruments", "Shakuhachi"),
    QT_TRANSLATE_NOOP("GMInstruments", "Whistle"),
    QT_TRANSLATE_NOOP("GMInstruments", "Ocarina"),
    QT_TRANSLATE_NOOP("GMInstruments", "Lead 1 (square)"),
    QT_TRANSLATE_NOOP("GMInstruments", "Lead 2 (sawtooth)"),
    QT_TRANSLATE_NOOP("GMInstruments", "Lead 3 (calliope)"),
    QT_TRANSLATE_NOOP("GMInstruments", "Lead 4 (chiff)"),
    QT_TRANSLATE_NOOP("GMInstruments", "Lead 5 (charang)"),
    QT_TRANSLATE_NOOP("GMInstruments", "Lead 6 (voice)"),
    QT_TRANSLATE_NOOP("GMInstruments", "Lead 7 (fifths)"),
    QT_TRANSLATE_NOOP("GMInstruments", "Lead 8 (bass + lead)"),
    QT_TRANSLATE_NOOP("GMInstruments", "Pad 1 (new age)"),
    QT_TRANSLATE_NOOP("GMInstruments", "Pad 2 (warm)"),
    QT_TRANSLATE_NOOP("GMInstruments", "Pad 3 (polysynth)"),
    QT_TRANSLATE_NOOP("GMInstruments", "Pad 4 (choir)"),
    QT_TRANSLATE_NOOP("GMInstruments", "Pad 5 (bowed)"),
    QT_TRANSLATE_NOOP("GMInstruments", "Pad 6 (metallic)"),
    QT_TRANSLATE_NOOP("GMInstruments", "Pad 7 (halo)"),
    QT_TRANSLATE_NOOP("GMInstruments", "Pad 8 (sweep)"),
    QT_TRANSLATE_NOOP("GMInstruments", "FX 1 (rain)"),
    QT_TRANSLATE_NOOP("GMInstruments", "FX 2 (soundtrack)"),
    QT_TRANSLATE_NOOP("GMInstruments", "FX 3 (crystal)"),
    QT_TRANSLATE_NOOP("GMInstruments", "FX 4 (atmosphere)"),
    QT_TRANSLATE_NOOP("GMInstruments", "FX 5 (brightness)"),
    QT_TRANSLATE_NOOP("GMInstruments", "FX 6 (goblins)"),
    QT_TRANSLATE_NOOP("GMInstruments", "FX 7 (echoes)"),
    QT_TRANSLATE_NOOP("GMInstruments", "FX 8 (sci-fi)"),
    QT_TRANSLATE_NOOP("GMInstruments", "Sitar"),
    QT_TRANSLATE_NOOP("GMInstruments", "Banjo"),
    QT_TRANSLATE_NOOP("GMInstruments", "Shamisen"),
    QT_TRANSLATE_NOOP("GMInstruments", "Koto"),
    QT_TRANSLATE_NOOP("GMInstruments", "Kalimba"),
    QT_TRANSLATE_NOOP("GMInstruments", "Bagpipe"),
    QT_TRANSLATE_NOOP("GMInstruments", "Fiddle"),
    QT_TRANSLATE_NOOP("GMInstruments", "Shanai"),
    QT_TRANSLATE_NOOP("GMInstruments", "Tinkle Bell"),
    QT_TRANSLATE_NOOP("GMInstruments", "Agogo"),
    QT_TRANSLATE_NOOP("GMInstruments", "Steel Drums"),
    QT_TRANSLATE_NOOP("GMInstruments", "Woodblock"),
    QT_TRANSLATE_NOOP("GMInstruments", "Taiko Drum"),
    QT_TRANSLATE_NOOP("GMInstruments", "Melodic Tom"),
    QT_TRANSLATE_NOOP("GMInstruments", "Synth Drum"),
    QT_TRANSLATE_NOOP("GMInstruments", "Reverse Cymbal"),
    QT_TRANSLATE_NOOP("GMInstruments", "Guitar Fret Noise"),
    QT_TRANSLATE_NOOP("GMInstruments", "Breath Noise"),
    QT_TRANSLATE_NOOP("GMInstruments", "Seashore"),
    QT_TRANSLATE_NOOP("GMInstruments", "Bird Tweet"),
    QT_TRANSLATE_NOOP("GMInstruments", "Telephone Ring"),
    QT_TRANSLATE_NOOP("GMInstruments", "Helicopter"),
    QT_TRANSLATE_NOOP("GMInstruments", "Applause"),
    QT_TRANSLATE_NOOP("GMInstruments", "Gunshot"),
)  # fmt: skip
"""The General MIDI program names, in program order (0-127), as lupdate reads them (PySide6
types QT_TRANSLATE_NOOP's result as `object`; each is the English text itself)."""


def program_name(program: int) -> str:
    """The name of General MIDI program `program` (0-127) in the composer's language."""
    return translate("GMInstruments", str(PROGRAM_NAMES[program]))


def numbered_program_name(program: int) -> str:
    """'1 Acoustic Grand Piano': the name with its 1-based General MIDI number."""
    return translate("GMInstruments", "{number} {name}").format(
        number=program + 1, name=program_name(program)
    )
