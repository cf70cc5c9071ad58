"""Names musicians type, turned into numbers: pitches, keys and scales, chords.

Written here rather than taken from music21 because the app's runtime does not carry music21
(a large package with its own corpus), and the part Tessera needs is a few tables: pitch names
such as `C#4` or `Bb2`, scales such as `D minor` or `A dorian`, and chord symbols such as `Am`,
`G7`, `F#m7b5` or `Csus4`. Every parser raises `TheoryError` naming what it could not read and
showing an example that works.
"""

from __future__ import annotations

import re

from engine.errors import TesseraError
from engine.song.song import MODE_DEGREES, MODES, KeySignatureChange, Mode
from engine.words import QT_TRANSLATE_NOOP

NOTE_NAMES = ("C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B")
_LETTERS = {"C": 0, "D": 2, "E": 4, "F": 5, "G": 7, "A": 9, "B": 11}
_ACCIDENTALS = {"": 0, "#": 1, "b": -1, "##": 2, "bb": -2}

SCALES: dict[str, tuple[int, ...]] = {
    "major": (0, 2, 4, 5, 7, 9, 11),
    "minor": (0, 2, 3, 5, 7, 8, 10),
    "harmonic-minor": (0, 2, 3, 5, 7, 8, 11),
    "melodic-minor": (0, 2, 3, 5, 7, 9, 11),
    "dorian": (0, 2, 3, 5, 7, 9, 10),
    "phrygian": (0, 1, 3, 5, 7, 8, 10),
    "lydian": (0, 2, 4, 6, 7, 9, 11),
    "mixolydian": (0, 2, 4, 5, 7, 9, 10),
    "pentatonic": (0, 2, 4, 7, 9),
    "minor-pentatonic": (0, 3, 5, 7, 10),
    # The five modes of the Chinese pentatonic (五声调式), each named by its final: the same
    # five tones (C D E G A for C gong) centred on each of them in turn.
    "gong": (0, 2, 4, 7, 9),
    "shang": (0, 2, 5, 7, 10),
    "jue": (0, 3, 5, 8, 10),
    "zhi": (0, 2, 5, 7, 9),
    "yu": (0, 3, 5, 7, 10),
    "blues": (0, 3, 5, 6, 7, 10),
    "chromatic": tuple(range(12)),
}
"""Scale steps in semitones above the tonic."""

CHORD_QUALITIES: dict[str, tuple[int, ...]] = {
    "": (0, 4, 7),
    "m": (0, 3, 7),
    "dim": (0, 3, 6),
    "aug": (0, 4, 8),
    "sus2": (0, 2, 7),
    "sus4": (0, 5, 7),
    "5": (0, 7),
    "6": (0, 4, 7, 9),
    "m6": (0, 3, 7, 9),
    "7": (0, 4, 7, 10),
    "maj7": (0, 4, 7, 11),
    "m7": (0, 3, 7, 10),
    "m7b5": (0, 3, 6, 10),
    "dim7": (0, 3, 6, 9),
    "9": (0, 4, 7, 10, 2),
    "add9": (0, 4, 7, 2),
}
"""Chord symbol suffixes and their intervals above the root."""

_QUALITY_ALIASES = {"min": "m", "-": "m", "M7": "maj7", "Maj7": "maj7", "+": "aug", "o": "dim"}
_PITCH_CLASS = re.compile(r"^([A-Ga-g])(##|bb|#|b)?")


class TheoryError(TesseraError):
    """A pitch, key, scale or chord name that cannot be read."""


def _pitch_class_prefix(text: str, what: str, example: str) -> tuple[int, str]:
    """The pitch class a name starts with (`F#`, `Bb`, `e`) and the rest of the text."""
    match = _PITCH_CLASS.match(text.strip())
    if match is None:
        raise TheoryError(
            QT_TRANSLATE_NOOP(
                "Theory", "{what} {text!r} does not start with a note name: try {example}"
            ).format(what=what, text=text, example=example)
        )
    letter, accidental = match.group(1).upper(), match.group(2) or ""
    return (_LETTERS[letter] + _ACCIDENTALS[accidental]) % 12, text.strip()[match.end() :]


def parse_pitch(text: str) -> int:
    """`60`, `C4` (middle C = 60), `F#3`, `Bb-1` -> a MIDI pitch number from 0 to 127."""
    text = text.strip()
    if re.fullmatch(r"\d+", text):
        pitch = int(text)
    else:
        pitch_class, rest = _pitch_class_prefix(text, "pitch", "'C4', 'F#3' or 60")
        if not re.fullmatch(r"-?\d", rest):
            raise TheoryError(
                QT_TRANSLATE_NOOP(
                    "Theory", "pitch {text!r} needs an octave number: try 'C4' (= 60) or 'F#3'"
                ).format(text=text)
            )
        letter = _LETTERS[text[0].upper()]
        # The octave belongs to the letter: B#3 is C4 and Cb4 is B3, as in scientific notation.
        pitch = (int(rest) + 1) * 12 + letter + (pitch_class - letter + 6) % 12 - 6
    if not 0 <= pitch <= 127:
        raise TheoryError(
            QT_TRANSLATE_NOOP(
                "Theory", "pitch {text!r} is outside MIDI's 0-127 (C-1 to G9)"
            ).format(text=text)
        )
    return pitch


def parse_pitch_range(text: str) -> tuple[int, int]:
    """`C3-C5`, `48-72` or `E2..G3` -> (low, high) MIDI pitches, low <= high."""
    parts = re.split(r"\.\.|(?<=\d)-(?=[A-Ga-g\d])", text.strip())
    if len(parts) != 2:
        raise TheoryError(
            QT_TRANSLATE_NOOP(
                "Theory", "pitch range {text!r} is not understood: try 'C3-C5' or '48-72'"
            ).format(text=text)
        )
    low, high = parse_pitch(parts[0]), parse_pitch(parts[1])
    if low > high:
        raise TheoryError(
            QT_TRANSLATE_NOOP(
                "Theory", "pitch range {text!r} runs downwards: put the lower pitch first"
            ).format(text=text)
        )
    return low, high


def parse_scale(text: str) -> frozenset[int]:
    """`D minor`, `A dorian`, `Bb` (major), `E blues` -> the pitch classes of that scale."""
    tonic, rest = _pitch_class_prefix(text, "scale", "'D minor' or 'A dorian'")
    name = rest.strip().lower().replace(" ", "-") or "major"
    if name not in SCALES:
        raise TheoryError(
            f"scale {text!r}: {name!r} is not a scale Tessera knows; use one of "
            + ", ".join(SCALES)
        )
    return frozenset((tonic + step) % 12 for step in SCALES[name])


def parse_chord(text: str) -> frozenset[int]:
    """`Am`, `G7`, `F#m7b5`, `Csus4`, `D/F#` -> the chord's pitch classes (with the bass)."""
    symbol, _, bass = text.strip().partition("/")
    root, quality = _pitch_class_prefix(symbol, "chord", "'Am', 'G7' or 'Csus4'")
    quality = _QUALITY_ALIASES.get(quality, quality)
    if quality not in CHORD_QUALITIES:
        raise TheoryError(
            f"chord {text!r}: {quality!r} is not a chord type Tessera knows; use one of "
            + ", ".join(repr(q) for q in CHORD_QUALITIES)
        )
    classes = {(root + step) % 12 for step in CHORD_QUALITIES[quality]}
    if bass:
        classes.add(_pitch_class_prefix(bass, "bass note", "'D/F#'")[0])
    return frozenset(classes)


ABOVE_A_ROOT = frozenset({3, 4, 6, 7, 10, 11})
"""Semitones above its root that a chord built in thirds holds: a third, a fifth (diminished
or perfect), a seventh. Not 8: above the third of a major seventh chord its root is a minor
sixth (C# E G# A), which an augmented fifth would let pass for a root."""


CHORD_SHAPES = (
    frozenset({0, 4, 7}),
    frozenset({0, 3, 7}),
    frozenset({0, 3, 6}),
    frozenset({0, 4, 7, 10}),
    frozenset({0, 3, 7, 10}),
    frozenset({0, 3, 6, 10}),
    frozenset({0, 3, 6, 9}),
)
"""The chords of common-practice harmony, as semitones above their root: the major, minor and
diminished triads, and the dominant, minor, half-diminished and diminished sevenths."""
CHORDS = tuple(
    frozenset((root + tone) % 12 for tone in shape) for shape in CHORD_SHAPES for root in range(12)
)
"""Every `CHORD_SHAPES` chord on every root, as pitch classes."""


def is_chord(classes: frozenset[int]) -> bool:
    """Whether pitch classes sounding together are all tones of one chord (`CHORDS`): C E G
    and E G are, C D E is not (a passing or neighbour tone against a chord)."""
    return any(classes <= chord for chord in CHORDS)


def chord_completions(classes: frozenset[int], key: frozenset[int] | None) -> frozenset[int]:
    """The pitch classes that, added to `classes`, leave them one chord (`is_chord`): each tone
    of every chord that holds them all, the sounding tones included (a doubling). With `key`,
    only chords whose tones beyond `classes` are in it: the parts already sounding may be
    chromatic (a secondary dominant), but a completion does not bring a new accidental in.
    Empty when no chord holds them."""
    fitting = [
        chord for chord in CHORDS if classes <= chord and (key is None or chord - classes <= key)
    ]
    return frozenset().union(*fitting)


def chord_root(chord: frozenset[int]) -> int | None:
    """The root of a chord's pitch classes (None for none): the tone every other one stands a
    third, fifth or seventh above, preferring one with a perfect fifth above it, then the one
    with a third. Cmaj7 `{0, 4, 7, 11}` -> 0: above E, the C is a sixth, so E is not the root.
    A chord that fits no root this way (a suspension) takes a tone with a fifth above it, the
    lowest pitch class number first (Csus4 -> C)."""
    if not chord:
        return None

    def fit(root: int) -> tuple[bool, bool, bool]:
        above = {(tone - root) % 12 for tone in chord} - {0}
        return (above <= ABOVE_A_ROOT, 7 in above, bool(above & {3, 4}))

    return max(sorted(chord), key=fit)


MAJOR_STEPS_OF_SCALE = SCALES["major"]

MINOR_THIRD_MODES = frozenset({"minor", "dorian", "phrygian"})
"""The modes whose home chord is minor."""


def mode_offset(mode: Mode) -> int:
    """Semitones from the signature's major tonic up to the mode's final (dorian: 2)."""
    return MAJOR_STEPS_OF_SCALE[MODE_DEGREES[mode]]


def key_tonic(key: KeySignatureChange) -> int:
    """The tonic's pitch class: the signature's major tonic, its relative minor, or a church
    mode's final (E for E dorian under two sharps)."""
    return (7 * key.sharps_flats + mode_offset(key.mode)) % 12


def key_scale(key: KeySignatureChange) -> frozenset[int]:
    """The scale of a key: its signature's seven tones, whichever mode (the natural minor)."""
    return frozenset((key_tonic(key) + step) % 12 for step in SCALES[key.mode])


def has_minor_third(key: KeySignatureChange) -> bool:
    """Whether the key's home chord is minor (minor, dorian, phrygian)."""
    return key.mode in MINOR_THIRD_MODES


def tonic_triad(key: KeySignatureChange) -> frozenset[int]:
    """The key's home chord (I in major, i in minor, the final's triad in a church mode)."""
    third = 3 if has_minor_third(key) else 4
    return frozenset((key_tonic(key) + step) % 12 for step in (0, third, 7))


def signature_pentatonic(key: KeySignatureChange) -> frozenset[int]:
    """The five tones of the signature's major pentatonic, which every mode of the signature
    shares (two sharps: D E F# A B; D minor's one flat: F G A C D, D yu's)."""
    gong = (7 * key.sharps_flats) % 12
    return frozenset((gong + step) % 12 for step in SCALES["gong"])


def midi_key(key: KeySignatureChange) -> KeySignatureChange:
    """The key as a MIDI file (or an ABC book) declares it: MIDI knows major and minor only, so
    a church mode is written as its signature's major key, the notes under it unchanged."""
    if key.mode in ("major", "minor"):
        return key
    return KeySignatureChange(key.tick, key.sharps_flats, "major")


def key_from_name(text: str) -> KeySignatureChange:
    """`D minor`, `Eb major`, `F#`, `E dorian` -> the key signature at tick 0. A church mode
    takes its parent major's signature (E dorian: two sharps)."""
    tonic, rest = _pitch_class_prefix(text, "key", "'D minor', 'Eb major' or 'E dorian'")
    mode = {"ionian": "major", "aeolian": "minor"}.get(rest.strip().lower(), rest.strip().lower())
    mode = mode or "major"
    if mode not in MODES:
        raise TheoryError(
            QT_TRANSLATE_NOOP(
                "Theory", "key {text!r}: a key's mode is one of {modes}, not {mode!r}"
            ).format(text=text, mode=mode, modes=", ".join(MODES))
        )
    major_tonic = (tonic - mode_offset(mode)) % 12
    # The signature with the fewest accidentals, from 5 flats to 6 sharps: Db rather than C#,
    # B rather than Cb; F# and Gb tie at six and F# is used.
    sharps_flats = next(f for f in range(-5, 7) if (7 * f) % 12 == major_tonic)
    return KeySignatureChange(0, sharps_flats, mode)
