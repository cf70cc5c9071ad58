"""Style presets to start a new song from: an ensemble with each voice's range, and the usual
meter, key, tempo and length.

The first five follow what the first model learned from (fiddle tunes, chorales, string
quartets, piano pieces). The band presets, one per band style of `engine.song.styles` and named
after it, are a small band as that style is usually played: a lead with a singable range of
about an octave and a half (not the instrument's whole compass, which makes for leaps no player
would write), chords or comping in the middle (about C3-E5), a bass (a GM bass program, about
E1-G3), a General MIDI drum kit and, for cinematic and ballad, strings or a pad. The lead is
always the first voice, so a prompt's instrument ("... with rhodes") replaces it; a lead that
sings one line (a sax, a flute, a lead guitar or synth) plays one note at a time.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from engine.compose.forms import form_text, is_role_form, parse_form
from engine.compose.plan import check_form
from engine.compose.preset_files import PRESETS_DIR, Fields, PresetFileError, read_tables
from engine.errors import TesseraError
from engine.song.song import (
    MAX_PAN,
    MAX_REVERB_SEND_DB,
    MIN_PAN,
    MIN_REVERB_SEND_DB,
    MODES,
    KeySignatureChange,
    Mode,
    Track,
)
from engine.song.stage import added_track_pan
from engine.song.styles import STYLE_NAMES
from engine.song.theory import key_from_name, parse_pitch, parse_pitch_range
from engine.words import QT_TRANSLATE_NOOP, message_of

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
    pan: float | None = None
    """Where the voice sits, -1 (left) to 1 (right), as an ensemble sits on a stage; None
    seats it by its instrument family (`engine.song.stage.added_track_pan`)."""
    reverb_send_db: float | None = None
    """The voice's reverb send in dB; None leaves its instrument family's default."""
    register: int | None = None
    """The pitch the voice's notes lie around where nothing of it is written yet (its first
    bars): the mean pitch of the part in the style's training works. None: the model's choice.
    Asked only through the range of a new song's bars (`engine.compose.context`), the model
    put a quartet's first violin at a mean pitch of 60.5 (30 songs) where the training
    quartets' lies at 73.2."""
    onsets: int | None = None
    """How many notes a 4/4 bar of this single line starts in the style's training songs (the
    median over the arranged songs of the style, `python -m build_scripts.arranger.densities`):
    what a new song's first bar of the part is steered toward (`Guides.home_onsets`), scaled to
    its bar's length. None: the model's choice. Left to the model, the first bar's count was a
    wide draw that every later bar then followed (they are steered to the bars written before
    them): new jazz, pop, blues and country basses played 10-15 sixteenth notes a bar on one
    pitch for whole songs, where the style's bass plays 2-8 notes."""
    least_onsets: int | None = None
    """The fewest notes a new song's first bar of this part starts (onsets), a hard limit
    scaled to its bar's length (`Guides.least_onsets`); later bars follow the bars before them.
    None: the model's choice. Left to it, one new jazz and one new latin lead in ten played a
    single long note a bar for a whole song (the style's arranged leads start a median 7-8
    notes in a bar they play; lower quartiles 4-9 over the band styles), and so did some new
    quartets' first violins (37% of their bars held one onset or none; held-out 16%)."""


@dataclass(frozen=True)
class Preset:
    """A style to start a new song from: an ensemble and the usual meter, key and tempo."""

    voices: tuple[Voice, ...]
    meter: tuple[int, int]
    key: str
    tempo_bpm: float
    bars: int
    style: str | None = None
    """The `engine.song.styles` name the model writes the song in."""
    form: str | None = None
    """Section letters for a new song (`engine.compose.plan`) or section roles with their bars
    (`engine.compose.forms`); None takes the style's letters."""
    modes: tuple[tuple[Mode, int], ...] = ()
    """How often a new song is in each mode on the key's signature, as weights (a fiddle tune
    in D major, B minor, E dorian or A mixolydian, all with two sharps); empty: always `key`.
    A key the user asks for is kept as it is (`key_for_seed`)."""
    finals: tuple[tuple[int, int], ...] = ()
    """How often a new song in the key's own mode ends on each degree of it (0-based, tonic
    0), as weights: the counts of the style's corpus tunes by their last note
    (`engine.compose.ending`); empty: always the tonic. A song in a key the user asks for, or
    in another of `modes`, ends on its tonic (`final_for_seed`)."""


def key_for_seed(preset: Preset, seed: int) -> KeySignatureChange:
    """The key of a new song from the preset when the user names none: the preset's key, or
    with `Preset.modes` one of its signature's modes drawn by the seed (`spread_choice`: the
    same seed, the same mode)."""
    key = key_from_name(preset.key)
    if not preset.modes:
        return key
    modes, weights = zip(*preset.modes, strict=True)
    return KeySignatureChange(0, key.sharps_flats, modes[spread_choice(weights, seed, MODE_STEP)])


def final_for_seed(preset: Preset, key: KeySignatureChange, seed: int) -> int:
    """The degree a new song's melody ends on (0-based, tonic 0) when the user names no key:
    with `Preset.finals`, drawn by the seed (`spread_choice`) for a song in the preset key's
    own mode; otherwise the tonic."""
    if not preset.finals or key.mode != key_from_name(preset.key).mode:
        return 0
    degrees, weights = zip(*preset.finals, strict=True)
    return int(degrees[spread_choice(weights, seed, FINAL_STEP)])


MODE_STEP, FINAL_STEP = (5**0.5 - 1) / 2, 2**0.5 - 1
"""The irrational steps of the mode's and the final's draws: two different ones, so the two
draws do not follow each other (a minor tune is not always the one a final would go with)."""


def spread_choice(weights: Sequence[int], seed: int, step: float) -> int:
    """The index a weighted choice takes for a seed: seed n lands at the fraction n * step of
    the way through the weights laid end to end (a Weyl sequence, in 64-bit fixed point so a
    seed up to 2**63 keeps its precision). Consecutive seeds spread evenly, so any run of them
    (the next seed a take asks, the benchmark's seeds 0-29) takes each choice about as often as
    its weight; independent draws clumped (24 tonic endings of 30 where the weights give 21.6).
    A choice of its own, so the song's other draws, seeded apart, do not move."""
    scale = 2**64
    fraction = (seed * round(step * scale)) % scale / scale
    point = fraction * sum(weights)
    for index, reached in enumerate(itertools.accumulate(weights)):
        if point < reached:
            return index
    return max(range(len(weights)), key=lambda index: (weights[index] > 0, index))


DEGREE_NAMES = ("tonic", "second", "third", "fourth", "fifth", "sixth", "seventh")
"""The names a preset's `finals` gives the degrees of its key, tonic first."""
ENSEMBLES_FILE = PRESETS_DIR / "ensembles.toml"
VOICE_FIELDS = (
    "name",
    "program",
    "range",
    "polyphony",
    "drums",
    "pan",
    "send",
    "register",
    "onsets",
    "least_onsets",
)
MAX_MODE_WEIGHT = 100_000
PRESET_FIELDS = ("style", "meter", "key", "modes", "finals", "tempo", "bars", "form", "voices")


def load_presets(path: Path = ENSEMBLES_FILE) -> dict[str, Preset]:
    """Every preset of an ensembles file, in the file's order, each value checked (the error
    names the file, the preset and the field)."""
    presets = {}
    for name, table in read_tables(path).items():
        presets[name] = _preset(Fields(f"{path.name}, preset [{name}]", table, PRESET_FIELDS))
    if not presets:
        raise PresetFileError(
            QT_TRANSLATE_NOOP(
                "Presets", "{name} holds no preset: add a [name] table with its voices"
            ).format(name=path.name)
        )
    return presets


def _preset(fields: Fields) -> Preset:
    style = fields.text("style") if fields.has("style") else None
    if style is not None and style not in STYLE_NAMES:
        raise fields.error(
            f"style {style!r} is not one the model knows: use one of {', '.join(STYLE_NAMES)}"
        )
    meter = fields.text("meter")
    top, _, bottom = meter.partition("/")
    if not (
        top.isdigit() and bottom.isdigit() and int(top) > 0 and int(bottom) in (1, 2, 4, 8, 16)
    ):
        raise fields.error(f"meter {meter!r} should be written like 4/4 or 6/8")
    key = fields.text("key")
    try:
        key_from_name(key)
    except TesseraError as err:
        raise fields.error(message_of(err)) from err
    form = None
    if fields.has("form"):
        try:
            typed = fields.text("form")
            form = form_text(parse_form(typed, style)) if is_role_form(typed) else check_form(typed)
        except TesseraError as err:
            raise fields.error(message_of(err)) from err
    voices = tuple(
        _voice(Fields(f"{fields.where}, voice {number}", table, VOICE_FIELDS))
        for number, table in enumerate(fields.tables("voices"), start=1)
    )
    modes = _modes(fields, key) if fields.has("modes") else ()
    finals = _finals(fields) if fields.has("finals") else ()
    return Preset(
        voices,
        (int(top), int(bottom)),
        key,
        fields.number("tempo", 20, 300),
        fields.integer("bars", 1, 512),
        style,
        form,
        modes,
        finals,
    )


def _modes(fields: Fields, key: str) -> tuple[tuple[Mode, int], ...]:
    """A preset's `modes = { major = 151, dorian = 24 }`: a weight per mode on its key's
    signature (whole numbers, 0 to `MAX_MODE_WEIGHT`: counts of real tunes), the key's own mode
    among them."""
    table = fields.table["modes"]
    if not isinstance(table, dict) or not table:
        raise fields.error(
            "'modes' should be weights per mode, such as { major = 80, dorian = 20 }"
        )
    weights = Fields(f"{fields.where}, modes", table, MODES)
    own = key_from_name(key).mode
    if own not in table:
        raise fields.error(f"'modes' should give the key's own mode ({own}) a weight too")
    chosen = tuple(
        (mode, weights.integer(mode, 0, MAX_MODE_WEIGHT)) for mode in MODES if mode in table
    )
    if not any(weight for _, weight in chosen):
        raise fields.error("'modes' should give at least one mode a weight above 0")
    return chosen


def _finals(fields: Fields) -> tuple[tuple[int, int], ...]:
    """A preset's `finals = { tonic = 151, fifth = 31, second = 24 }`: a weight per degree of
    its key a new song's melody ends on (whole numbers, 0 to `MAX_MODE_WEIGHT`: counts of real
    tunes), the tonic among them."""
    table = fields.table["finals"]
    if not isinstance(table, dict) or not table:
        raise fields.error(
            "'finals' should be weights per degree, such as { tonic = 150, fifth = 30 }"
        )
    weights = Fields(f"{fields.where}, finals", table, DEGREE_NAMES)
    if "tonic" not in table:
        raise fields.error("'finals' should give the tonic a weight too")
    chosen = tuple(
        (degree, weights.integer(name, 0, MAX_MODE_WEIGHT))
        for degree, name in enumerate(DEGREE_NAMES)
        if name in table
    )
    if not any(weight for _, weight in chosen):
        raise fields.error("'finals' should give at least one degree a weight above 0")
    return chosen


def _voice(fields: Fields) -> Voice:
    is_drum = fields.flag("drums")
    if is_drum and fields.has("program"):
        raise fields.error("a drum kit has no program: leave 'program' out")
    span = fields.text("range")
    try:
        pitch_range = parse_pitch_range(span)
    except TesseraError as err:
        raise fields.error(f"range {span!r}: {err}") from err
    return Voice(
        fields.text("name"),
        0 if is_drum else fields.integer("program", 0, 127),
        pitch_range,
        is_drum,
        fields.integer("polyphony", 1, 16) if fields.has("polyphony") else None,
        fields.number("pan", MIN_PAN, MAX_PAN) if fields.has("pan") else None,
        fields.number("send", MIN_REVERB_SEND_DB, MAX_REVERB_SEND_DB)
        if fields.has("send")
        else None,
        _register(fields, pitch_range) if fields.has("register") else None,
        _onsets(fields, is_drum) if fields.has("onsets") else None,
        _least_onsets(fields, is_drum) if fields.has("least_onsets") else None,
    )


MAX_ONSETS = 48
"""The most notes a 4/4 bar can start: one at every step of the model's grid."""


def _onsets(fields: Fields, is_drum: bool) -> int:
    """A single line's `onsets` per 4/4 bar."""
    if is_drum or not fields.has("polyphony") or fields.integer("polyphony", 1, 16) != 1:
        raise fields.error(
            "'onsets' is how many notes a bar of a single line starts: give the voice "
            "polyphony = 1, or leave 'onsets' out"
        )
    return fields.integer("onsets", 1, MAX_ONSETS)


def _least_onsets(fields: Fields, is_drum: bool) -> int:
    """A pitched voice's `least_onsets` per 4/4 bar."""
    if is_drum:
        raise fields.error(
            "'least_onsets' is for a pitched part (a drum kit keeps its style's beat): "
            "leave it out of the drums"
        )
    return fields.integer("least_onsets", 1, MAX_ONSETS)


def _register(fields: Fields, pitch_range: tuple[int, int]) -> int:
    """A voice's `register`, a pitch ("C#5" or 73) inside its range."""
    text = fields.text("register")
    try:
        pitch = parse_pitch(text)
    except TesseraError as err:
        raise fields.error(f"register {text!r}: {err}") from err
    low, high = pitch_range
    if not low <= pitch <= high:
        raise fields.error(
            f"register {text!r} lies outside the voice's range ({low}-{high}): "
            "give a pitch inside it, or leave 'register' out"
        )
    return pitch


def voice_tracks(voices: Sequence[Voice]) -> tuple[Track, ...]:
    """Each voice as an empty track in its seat: its own pan and send, or, for a voice the
    preset does not seat, its family's distance from the centre on the side the tracks before
    it leave emptier."""
    tracks: list[Track] = []
    for voice in voices:
        pan = voice.pan
        if pan is None:
            pan = added_track_pan(tracks, voice.program, voice.is_drum)
        tracks.append(
            Track(
                name=voice.name,
                program=voice.program,
                is_drum=voice.is_drum,
                pan=pan,
                reverb_send_db=voice.reverb_send_db,
            )
        )
    return tuple(tracks)


PRESETS: dict[str, Preset] = load_presets()
"""Every preset by name, in the order of `presets/ensembles.toml`."""

BAND_PRESETS: dict[str, Preset] = {
    name: preset for name, preset in PRESETS.items() if preset.style == name
}
"""The presets named after their style: one band per band style of `engine.song.styles`."""

ORCHESTRAL_PRESETS: dict[str, Preset] = {
    name: preset for name, preset in PRESETS.items() if name not in BAND_PRESETS
}
"""The presets of the first model's styles (folk tunes and classical pieces)."""
