"""The plan of a new song before a note is written: its form, its chords bar by bar, and the
hits its drums keep.

Why plan at all. A model that writes bar after bar with nothing to aim at wanders: measured on
new songs, bars almost never came back (0-7% near-repeats, human tunes 6-38%), phrases rarely
ended on the tonic (10-30%, human 50-100%) and the drums kept a backbeat in one bar of ten. A
songwriter starts from a form (verse, verse, chorus...), a progression and a beat, and so does
`engine.compose.operations.generate`: the model writes each new phrase over the planned chords (a
soft pull, as `--chords` gives), a repeated phrase comes back as it was with only its last bar
written again (a second ending), the song closes on its tonic, and a drum bar of a style with
a beat keeps that beat's anchor hits (`anchor_hits`) while the model plays everything else.

The tables are textbook idioms, named as musicians name them, kept as data in the top-level
`presets/` folder (`styles.toml`, `beats.toml`; read and checked by `load_style_plans` and
`load_beats`): progressions as scale degrees (I-V-vi-IV, i-VI-III-VII, the 12-bar blues,
ii-V-I), forms as section letters (AABB for a reel's two strains played twice, AABA for a
32-bar song), beats as the hits that make them (kick on 1 with snare on 2 and 4 for a
backbeat, a kick on every beat for house). The arranger that writes training data keeps its
own tables (`build_scripts.arranger`), so editing a preset never changes the training data.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from engine.compose.preset_files import PRESETS_DIR, Fields, PresetFileError, read_tables
from engine.compose.vocab import STEPS_PER_QUARTER
from engine.errors import TesseraError
from engine.song.drums import KICKS
from engine.song.sections import Section
from engine.song.song import KeySignatureChange
from engine.song.styles import STYLE_NAMES
from engine.song.theory import SCALES, key_scale, key_tonic, signature_pentatonic
from engine.words import QT_TRANSLATE_NOOP, message_of

I, V = 0, 4  # noqa: E741 (Roman numerals, as degrees are written)
"""The tonic's and the dominant's scale degrees (0-based), for the closing cadence."""
ROMAN_DEGREES = ("I", "II", "III", "IV", "V", "VI", "VII")

Template = tuple[int, ...]
"""A progression as scale degrees, one chord per bar."""

MAX_FORM_PHRASES = 32
II, IV, VII = 1, 3, 6

MODE_TEMPLATES: dict[str, tuple[Template, ...]] = {
    "dorian": ((I, VII, I, VII), (I, IV, I, VII), (I, VII, IV, I)),
    "mixolydian": ((I, VII, I, V), (I, VII, IV, I), (I, IV, VII, I)),
    "phrygian": ((I, II, I, VII), (I, II, VII, I)),
    "lydian": ((I, II, I, V), (I, II, V, I)),
}
"""The progressions of a song in a church mode, whatever its style: a style's major and minor
templates lean on the dominant's leading tone, which a mode does not have (dorian's VI is a
diminished triad, "I VI II V" would sit on it). These are the modes' own: the flat seventh's
major chord under the final (Em-D in E dorian, A-G in A mixolydian), dorian's major IV, the
phrygian second and the lydian second, as fiddle tunes and modal rock songs use them."""
CADENCE_DEGREES: dict[str, int] = {"dorian": VII, "mixolydian": VII, "phrygian": II}
"""The chord before a song's last in a mode whose V is no dominant (a minor v, a diminished
one): the flat seventh's major chord (D-Em closes E dorian), the phrygian's second. Others
close V-I."""


@dataclass(frozen=True)
class StylePlan:
    """How a style's songs are laid out: chords, form and beat."""

    major: tuple[Template, ...]
    minor: tuple[Template, ...]
    form: str
    """Section letters, one per phrase; cycled when the song has more phrases."""
    phrase_bars: int
    harmony: str = "triads"
    """'triads', 'sevenths', 'blues' or 'pentatonic'."""
    beat: str | None = "backbeat"
    """A name in `BEATS`, or None for drums the model plays freely."""
    progression: bool = True
    """Whether every bar gets a planned chord; without, only the closing V-I. Chorales and
    quartets move their harmony within the bar, voice by voice: a chord per bar pulled their
    voices onto the same tones (unisons, crossings), so they keep only the cadence."""
    pulse: int | None = None
    """Notes per quarter note the lead's line runs in (2: running eighths, as a reel or a jig
    is played), pulled for softly when nothing else asks for a count (`pulse_onsets`); None
    for a style whose melodies move freely."""
    sparse_accents: bool = False
    """Whether the drums' toms and crash cymbals are pulled against
    (`engine.compose.leans.KIT_COLOUR_PENALTY`): a pop or funk groove is kick, snare and
    hi-hat with a fill now and then, where metal, country or jazz drummers use them freely."""
    bass_rhythm: tuple[int, ...] = ()
    """The sixteenths of a 4/4 bar where the style's bass starts its notes (a rock bass pumps
    eighths, a jazz bass walks in quarters, a house bass sits on the offbeats): a new song's
    bass is pulled against starting a note anywhere else (`bass_steps`,
    `engine.compose.sampling.FillGrammar.rhythm`). Empty: the model's own rhythm."""


DRUM_GROUPS: dict[str, frozenset[int]] = {
    "kick": KICKS,
    "snare": frozenset({38, 39, 40}),
    "side-stick": frozenset({37, 38, 40}),
    "ride": frozenset({51, 53, 59}),
    "pedal-hat": frozenset({44}),
    "hat": frozenset({42, 44, 46}),
}
"""The drums a beat's hit may be made with, by the names beats.toml uses."""
SNARE_OR_CLAP = DRUM_GROUPS["snare"]

Hits = tuple[tuple[float, frozenset[int]], ...]
"""A beat's anchor hits: (quarter notes from the bar's start, drums any one of which makes it)."""

BEATS_FILE = PRESETS_DIR / "beats.toml"
STYLES_FILE = PRESETS_DIR / "styles.toml"
STYLE_FIELDS = (
    "major",
    "minor",
    "chords",
    "harmony",
    "form",
    "phrase_bars",
    "beat",
    "pulse",
    "accents",
    "bass",
)
ACCENTS = ("free", "sparse")
PULSES = {"eighths": 2, "sixteenths": 4}
HARMONIES = ("triads", "sevenths", "blues", "pentatonic")


def load_beats(path: Path = BEATS_FILE) -> dict[str, Hits]:
    """The beats of a beats file, each hit checked: a beat from 1 to 4.99 in a 4/4 bar and
    a drum group of `DRUM_GROUPS`."""
    beats: dict[str, Hits] = {}
    for name, table in read_tables(path).items():
        fields = Fields(f"{path.name}, beat [{name}]", table, ("hits",))
        hits = []
        for number, entry in enumerate(fields.tables("hits"), start=1):
            hit = Fields(f"{fields.where}, hit {number}", entry, ("beat", "drums"))
            drums = hit.text("drums")
            if drums not in DRUM_GROUPS:
                raise hit.error(f"drums {drums!r} is not one of {', '.join(DRUM_GROUPS)}")
            hits.append((hit.number("beat", 1, 4.99) - 1, DRUM_GROUPS[drums]))
        beats[name] = tuple(hits)
    return beats


def load_style_plans(
    path: Path = STYLES_FILE, beats: Mapping[str, Hits] | None = None
) -> dict[str, StylePlan]:
    """The plan of every style in a styles file; every style the model knows must have one,
    and each beat it names must be in `beats`."""
    known_beats = BEATS if beats is None else beats
    plans: dict[str, StylePlan] = {}
    for name, table in read_tables(path).items():
        fields = Fields(f"{path.name}, style [{name}]", table, STYLE_FIELDS)
        if name not in STYLE_NAMES:
            raise fields.error(
                f"{name!r} is not a style the model knows: use one of {', '.join(STYLE_NAMES)}"
            )
        harmony = fields.text("harmony")
        if harmony not in HARMONIES:
            raise fields.error(f"harmony {harmony!r} is not one of {', '.join(HARMONIES)}")
        chords = fields.text("chords")
        if chords not in ("every-bar", "cadence"):
            raise fields.error(f'chords {chords!r} should be "every-bar" or "cadence"')
        beat = fields.text("beat", "") or None
        if beat is not None and beat not in known_beats:
            raise fields.error(
                f'beat {beat!r} is not in beats.toml: use one of {", ".join(known_beats)} or ""'
            )
        pulse = fields.text("pulse", "") or None
        if pulse is not None and pulse not in PULSES:
            raise fields.error(f'pulse {pulse!r} is not one of {", ".join(PULSES)} or ""')
        accents = fields.text("accents", "free")
        if accents not in ACCENTS:
            raise fields.error(f'accents {accents!r} should be "free" or "sparse"')
        bass = _bass_rhythm(fields)
        try:
            form = check_form(fields.text("form"))
        except FormError as err:
            raise fields.error(message_of(err)) from err
        plans[name] = StylePlan(
            _templates(fields, "major"),
            _templates(fields, "minor"),
            form,
            fields.integer("phrase_bars", 1, 32),
            harmony,
            beat,
            chords == "every-bar",
            None if pulse is None else PULSES[pulse],
            accents == "sparse",
            bass,
        )
    missing = [name for name in STYLE_NAMES if name not in plans]
    if missing:
        raise PresetFileError(
            QT_TRANSLATE_NOOP(
                "Plan", "{name} has no plan for the style {missing!r}: add a [{missing}] table"
            ).format(name=path.name, missing=missing[0])
        )
    return plans


def _templates(fields: Fields, name: str) -> tuple[Template, ...]:
    templates = []
    for text in fields.texts(name):
        words = text.upper().split()
        if not words or any(word not in ROMAN_DEGREES for word in words):
            raise fields.error(
                f'{name} progression {text!r} should be scale degrees such as "I V VI IV"'
            )
        templates.append(tuple(ROMAN_DEGREES.index(word) for word in words))
    return tuple(templates)


Anchors = tuple[tuple[int, frozenset[int]], ...]
"""Hits a drum bar keeps: (step in the bar, the drums any one of which makes the hit)."""


def anchor_hits(style: str | None, meter: tuple[int, int]) -> Anchors:
    """The hits (step in the bar, drums) a drum bar of the style keeps: its beat's anchors in
    a 4/4 bar; none for another meter, a style without a beat, or no style."""
    plan = STYLE_PLANS.get(style or "")
    if plan is None or plan.beat is None or meter != (4, 4):
        return ()
    return tuple((round(beat * STEPS_PER_QUARTER), drums) for beat, drums in BEATS[plan.beat])


def sparse_accents(style: str | None) -> bool:
    """Whether the style's drums keep their toms and crashes for now and then
    (`StylePlan.sparse_accents`)."""
    plan = STYLE_PLANS.get(style or "")
    return plan is not None and plan.sparse_accents


BASS_SLOTS = 16
"""A bass rhythm's slots: the sixteenths of a 4/4 bar."""


def _bass_rhythm(fields: Fields) -> tuple[int, ...]:
    """A style's `bass`: 16 characters, "x" where the bass starts a note, "." where not."""
    text = fields.text("bass", "")
    if not text:
        return ()
    if len(text) != BASS_SLOTS or set(text) - {"x", "."} or "x" not in text:
        raise fields.error(
            f'bass {text!r} should be 16 sixteenths of a 4/4 bar, "x" where the bass starts '
            'a note and "." where not, such as "x...x...x...x..." (quarters)'
        )
    return tuple(slot for slot, mark in enumerate(text) if mark == "x")


def bass_steps(style: str | None, bar_steps: int) -> frozenset[int] | None:
    """The steps of a bar `bar_steps` long where the style's bass starts a note
    (`StylePlan.bass_rhythm`, a 4/4 bar's sixteenths laid on the bar from its start; a shorter
    bar takes those that fit); None for a style without one."""
    plan = STYLE_PLANS.get(style or "")
    if plan is None or not plan.bass_rhythm:
        return None
    per_slot = STEPS_PER_QUARTER // 4
    steps = frozenset(slot * per_slot for slot in plan.bass_rhythm if slot * per_slot < bar_steps)
    return steps or None


def pulse_onsets(style: str | None, bar_quarters: float) -> int | None:
    """How many onsets a bar of the style's lead line runs in (`StylePlan.pulse`): 8 for a
    4/4 bar of running eighths, 6 for a 6/8 bar; None for a style without a pulse."""
    plan = STYLE_PLANS.get(style or "")
    if plan is None or plan.pulse is None:
        return None
    return round(plan.pulse * bar_quarters)


def style_key_tones(style: str | None, key: KeySignatureChange) -> frozenset[int]:
    """The tones a style's parts lean to in a key (`decode.KEY_TONE_BONUS`): the key's scale,
    or for a pentatonic style (`StylePlan.harmony`, the Chinese one) the five tones of its
    signature's major pentatonic, which every mode of that signature shares (D major: D E F# A
    B; D minor: F G A C D, D yu's), leaving the fourth and the seventh without the lean."""
    plan = STYLE_PLANS.get(style or "")
    if plan is not None and plan.harmony == "pentatonic":
        return signature_pentatonic(key)
    return key_scale(key)


def chord_of_degree(key: KeySignatureChange, degree: int, harmony: str) -> frozenset[int]:
    """The pitch classes of the chord on a scale degree: a diatonic triad (or seventh chord),
    a dominant seventh for the blues, and a major V in a minor key (harmonic minor's)."""
    tonic = key_tonic(key)
    steps = SCALES[key.mode]
    if harmony == "blues":
        root = (tonic + steps[degree % 7]) % 12
        return frozenset((root + step) % 12 for step in (0, 4, 7, 10))
    size = 4 if harmony == "sevenths" else 3
    chord = {(tonic + steps[(degree + 2 * index) % 7]) % 12 for index in range(size)}
    if key.mode == "minor" and degree % 7 == V:
        chord.add((tonic + 11) % 12)  # the leading tone
        chord.discard((tonic + 10) % 12)
    return frozenset(chord)


@dataclass(frozen=True)
class Phrase:
    """A run of bars of one section; `source` is the first bar of the phrase it repeats."""

    label: str
    first_bar: int
    bars: int
    source: int | None = None

    @property
    def bar_range(self) -> range:
        return range(self.first_bar, self.first_bar + self.bars)


@dataclass(frozen=True)
class SongPlan:
    phrases: tuple[Phrase, ...]
    chords: tuple[frozenset[int] | None, ...]
    """The planned chord of each bar (None: the model's choice)."""
    sections: tuple[Section, ...] = ()
    """The song's form as `Song.sections`: one per section of a role form, one strain per
    phrase of a form of letters."""


def plan_song(
    style: str | None,
    key: KeySignatureChange,
    bars: int,
    seed: int,
    form: str | None = None,
) -> SongPlan:
    """The form and chords of a new song of `bars` bars (the same seed gives the same plan).

    `form` overrides the style's letters ('AABA'; one letter per phrase, '-' or '' for no
    repeats); a form of section roles is planned by `engine.compose.forms.plan_form`. Chords:
    `plan_chords`."""
    plan = STYLE_PLANS.get(style or "", STYLE_PLANS["classical"])
    rng = random.Random(seed)
    letters = plan.form if form is None else check_form(form)
    phrase_bars = min(plan.phrase_bars, bars)
    phrases: list[Phrase] = []
    first_of: dict[str, Phrase] = {}
    start = 0
    while start < bars:
        label = letters[len(phrases) % len(letters)] if letters else str(len(phrases))
        length = min(phrase_bars, bars - start)
        if bars - start - length < phrase_bars // 2:
            length = bars - start  # a short remainder joins the last phrase
        earlier = first_of.get(label)
        source = earlier.first_bar if earlier is not None and earlier.bars == length else None
        phrase = Phrase(label, start, length, source)
        phrases.append(phrase)
        first_of.setdefault(label, phrase)
        start += length
    return SongPlan(
        tuple(phrases), plan_chords(plan, key, phrases, bars, rng), letter_sections(phrases)
    )


def plan_chords(
    plan: StylePlan,
    key: KeySignatureChange,
    phrases: Sequence[Phrase],
    bars: int,
    rng: random.Random,
) -> tuple[frozenset[int] | None, ...]:
    """The planned chord of each bar: each new section label takes its own progression from
    the style's templates (a church mode's from `MODE_TEMPLATES`; a repeat, its first
    playing's), and the last two bars are V and I, the cadence a song ends on (for a song of two
    bars or more; a mode without a dominant closes from `CADENCE_DEGREES`)."""
    templates = MODE_TEMPLATES.get(key.mode) or (plan.minor if key.mode == "minor" else plan.major)
    chords: list[frozenset[int] | None] = [None] * bars
    section_templates: dict[str, Template] = {}
    for phrase in phrases if plan.progression else ():
        template = section_templates.setdefault(phrase.label, rng.choice(templates))
        for offset, bar in enumerate(phrase.bar_range):
            chords[bar] = chord_of_degree(key, template[offset % len(template)], plan.harmony)
    if bars >= 2:
        chords[-2] = chord_of_degree(key, CADENCE_DEGREES.get(key.mode, V), plan.harmony)
        chords[-1] = chord_of_degree(key, I, plan.harmony)
    return tuple(chords)


def letter_sections(phrases: Sequence[Phrase]) -> tuple[Section, ...]:
    """The sections of a form of letters: each phrase a strain named by its letter ('A', 'B'),
    so its repeats are found by name; none for a form without repeats ('-')."""
    if not all(phrase.label.isalpha() for phrase in phrases):
        return ()
    return tuple(
        Section(phrase.first_bar, phrase.bars, phrase.label, "strain") for phrase in phrases
    )


class FormError(TesseraError, ValueError):
    """A form that is not a row of section letters."""


def check_form(form: str) -> str:
    """A form as the composer typed it, checked: letters A-Z (one per phrase, at most 32), or
    '-' (or 'none') for a song without planned repeats, which comes back as ''."""
    text = form.strip()
    if text.lower() in ("-", "none"):
        return ""
    letters_only = all(letter.isascii() and letter.isalpha() for letter in text)
    if not text or not letters_only or len(text) > MAX_FORM_PHRASES:
        raise FormError(
            QT_TRANSLATE_NOOP(
                "Plan",
                "form {form!r} is not a row of section letters: write one letter per "
                "phrase, such as AABA or ABAB (at most 32), or '-' for no repeats",
            ).format(form=form)
        )
    return text.upper()


BEATS: dict[str, Hits] = load_beats()
"""Every beat of `presets/beats.toml`."""
STYLE_PLANS: dict[str, StylePlan] = load_style_plans()
"""Every style's plan, from `presets/styles.toml`."""
