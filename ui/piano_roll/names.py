"""What the piano roll calls its rows and notes: note names, drum lanes, and the hover text.

A pitched track's rows are piano keys named like 'F#4' (middle C is C4), with every C labelled
so each octave can be found. A drum track's rows are drum lanes named by the drum a player
would name ('Kick', 'Snare', 'Closed Hat'); the General MIDI name of each key
(`engine.song.drums.GM_DRUM_NAMES`) names the rest. Names are translated when shown, in the
"DrumNames" context, so the words follow the user's language.
"""

from __future__ import annotations

from fractions import Fraction

from PySide6.QtCore import QT_TRANSLATE_NOOP

from engine.song.drums import GM_DRUM_NAMES
from engine.song.song import PPQ, Note, Track
from ui.i18n import translate
from ui.piano_roll.geometry import PITCH_COUNT, pitch_name

COMMON_KIT: frozenset[int] = frozenset({36, 38, 39, 42, 46, 49, 51, 43, 45, 48})
"""The keys a drum track always shows as lanes: kick, snare, clap, closed and open hat, crash,
ride and three toms. Any other key gets a lane only where the part plays it."""

_PLAIN_DRUM_NAMES: dict[int, object] = {
    35: QT_TRANSLATE_NOOP("DrumNames", "Low Kick"),
    36: QT_TRANSLATE_NOOP("DrumNames", "Kick"),
    38: QT_TRANSLATE_NOOP("DrumNames", "Snare"),
    39: QT_TRANSLATE_NOOP("DrumNames", "Clap"),
    42: QT_TRANSLATE_NOOP("DrumNames", "Closed Hat"),
    44: QT_TRANSLATE_NOOP("DrumNames", "Pedal Hat"),
    46: QT_TRANSLATE_NOOP("DrumNames", "Open Hat"),
    49: QT_TRANSLATE_NOOP("DrumNames", "Crash"),
    51: QT_TRANSLATE_NOOP("DrumNames", "Ride"),
    57: QT_TRANSLATE_NOOP("DrumNames", "Crash 2"),
    59: QT_TRANSLATE_NOOP("DrumNames", "Ride 2"),
}
"""The words drummers use for the kit's main pieces, where the General MIDI name is a mouthful
('Closed Hi-Hat', 'Crash Cymbal 1'); every other key keeps its General MIDI name."""


GM_DRUM_WORDS: tuple[object, ...] = (
    QT_TRANSLATE_NOOP("DrumNames", "Acoustic Bass Drum"),
    QT_TRANSLATE_NOOP("DrumNames", "Bass Drum 1"),
    QT_TRANSLATE_NOOP("DrumNames", "Side Stick"),
    QT_TRANSLATE_NOOP("DrumNames", "Acoustic Snare"),
    QT_TRANSLATE_NOOP("DrumNames", "Hand Clap"),
    QT_TRANSLATE_NOOP("DrumNames", "Electric Snare"),
    QT_TRANSLATE_NOOP("DrumNames", "Low Floor Tom"),
    QT_TRANSLATE_NOOP("DrumNames", "Closed Hi-Hat"),
    QT_TRANSLATE_NOOP("DrumNames", "High Floor Tom"),
    QT_TRANSLATE_NOOP("DrumNames", "Pedal Hi-Hat"),
    QT_TRANSLATE_NOOP("DrumNames", "Low Tom"),
    QT_TRANSLATE_NOOP("DrumNames", "Open Hi-Hat"),
    QT_TRANSLATE_NOOP("DrumNames", "Low-Mid Tom"),
    QT_TRANSLATE_NOOP("DrumNames", "Hi-Mid Tom"),
    QT_TRANSLATE_NOOP("DrumNames", "Crash Cymbal 1"),
    QT_TRANSLATE_NOOP("DrumNames", "High Tom"),
    QT_TRANSLATE_NOOP("DrumNames", "Ride Cymbal 1"),
    QT_TRANSLATE_NOOP("DrumNames", "Chinese Cymbal"),
    QT_TRANSLATE_NOOP("DrumNames", "Ride Bell"),
    QT_TRANSLATE_NOOP("DrumNames", "Tambourine"),
    QT_TRANSLATE_NOOP("DrumNames", "Splash Cymbal"),
    QT_TRANSLATE_NOOP("DrumNames", "Cowbell"),
    QT_TRANSLATE_NOOP("DrumNames", "Crash Cymbal 2"),
    QT_TRANSLATE_NOOP("DrumNames", "Vibraslap"),
    QT_TRANSLATE_NOOP("DrumNames", "Ride Cymbal 2"),
    QT_TRANSLATE_NOOP("DrumNames", "Hi Bongo"),
    QT_TRANSLATE_NOOP("DrumNames", "Low Bongo"),
    QT_TRANSLATE_NOOP("DrumNames", "Mute Hi Conga"),
    QT_TRANSLATE_NOOP("DrumNames", "Open Hi Conga"),
    QT_TRANSLATE_NOOP("DrumNames", "Low Conga"),
    QT_TRANSLATE_NOOP("DrumNames", "High Timbale"),
    QT_TRANSLATE_NOOP("DrumNames", "Low Timbale"),
    QT_TRANSLATE_NOOP("DrumNames", "High Agogo"),
    QT_TRANSLATE_NOOP("DrumNames", "Low Agogo"),
    QT_TRANSLATE_NOOP("DrumNames", "Cabasa"),
    QT_TRANSLATE_NOOP("DrumNames", "Maracas"),
    QT_TRANSLATE_NOOP("DrumNames", "Short Whistle"),
    QT_TRANSLATE_NOOP("DrumNames", "Long Whistle"),
    QT_TRANSLATE_NOOP("DrumNames", "Short Guiro"),
    QT_TRANSLATE_NOOP("DrumNames", "Long Guiro"),
    QT_TRANSLATE_NOOP("DrumNames", "Claves"),
    QT_TRANSLATE_NOOP("DrumNames", "Hi Wood Block"),
    QT_TRANSLATE_NOOP("DrumNames", "Low Wood Block"),
    QT_TRANSLATE_NOOP("DrumNames", "Mute Cuica"),
    QT_TRANSLATE_NOOP("DrumNames", "Open Cuica"),
    QT_TRANSLATE_NOOP("DrumNames", "Mute Triangle"),
    QT_TRANSLATE_NOOP("DrumNames", "Open Triangle"),
)
"""The General MIDI drum names, written out here so the translation tool finds every one (the
engine's table holds the same names; a test keeps the two equal)."""


def drum_lane_name(key: int) -> str:
    """The translated name of a drum key's lane: 'Kick' for 36, 'Low Tom' for 45."""
    plain = _PLAIN_DRUM_NAMES.get(key)
    if plain is not None:
        return translate("DrumNames", str(plain))
    if key in GM_DRUM_NAMES:
        # The General MIDI names live in the engine; translators find them in this context.
        return translate("DrumNames", GM_DRUM_NAMES[key])
    return translate("DrumNames", "Drum key {key}").format(key=key)


def drum_lanes(keys_in_use: set[int], show_all: bool = False) -> tuple[int, ...]:
    """A drum track's rows, highest key first: the common kit, every key the part plays, and
    with `show_all` the whole General MIDI map."""
    keys = COMMON_KIT | keys_in_use | (set(GM_DRUM_NAMES) if show_all else set())
    return tuple(sorted((key for key in keys if 0 <= key < PITCH_COUNT), reverse=True))


def track_rows(track: Track, show_all_drums: bool = False) -> tuple[int, ...] | None:
    """The rows a track is drawn on: a drum track's lanes, or None for all 128 piano keys."""
    if not track.is_drum:
        return None
    return drum_lanes({note.pitch for note in track.notes}, show_all_drums)


def row_name(pitch: int, is_drum: bool) -> str:
    """What a row (or a note on it) is called: a drum lane's name, or a pitch such as 'F#4'."""
    return drum_lane_name(pitch) if is_drum else pitch_name(pitch)


def key_labels(rows: tuple[int, ...], is_drum: bool) -> dict[int, str]:
    """The rows the keyboard strip labels: every drum lane, or every C (one per octave)."""
    if is_drum:
        return {pitch: drum_lane_name(pitch) for pitch in rows}
    return {pitch: pitch_name(pitch) for pitch in rows if pitch % 12 == 0}


def row_hover_text(pitch: int, is_drum: bool) -> str:
    """The keyboard's hover text: 'F#4 (MIDI 66)', or 'Snare: Acoustic Snare, key 38'."""
    if not is_drum:
        return translate("PianoRoll", "{name} (MIDI note {number})").format(
            name=pitch_name(pitch), number=pitch
        )
    general = GM_DRUM_NAMES.get(pitch)
    if general is None or _PLAIN_DRUM_NAMES.get(pitch) is None:
        return translate("PianoRoll", "{name}, drum key {number}").format(
            name=drum_lane_name(pitch), number=pitch
        )
    return translate("PianoRoll", "{name} ({general}), drum key {number}").format(
        name=drum_lane_name(pitch), general=translate("DrumNames", general), number=pitch
    )


def length_text(duration_ticks: int) -> str:
    """A note's length as a note value ('1/8', '3/16', '2 whole notes'), or in ticks when it
    is no simple value (a played, unquantised note)."""
    value = Fraction(duration_ticks, 4 * PPQ)
    wholes = value.numerator  # a bare name: lupdate skips a call whose count is `a.b`
    if value.denominator == 1:
        return translate("PianoRoll", "%n whole note(s)", None, wholes)
    if value.denominator <= 64:
        return f"{value.numerator}/{value.denominator}"
    return translate("PianoRoll", "%n tick(s)", None, duration_ticks)


def note_hover_text(note: Note, is_drum: bool) -> str:
    """A note's hover text: 'F#4, velocity 90, length 1/8'."""
    return translate("PianoRoll", "{name}, velocity {velocity}, length {length}").format(
        name=row_name(note.pitch, is_drum),
        velocity=note.velocity,
        length=length_text(note.duration_ticks),
    )
