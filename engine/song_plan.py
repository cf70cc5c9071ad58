"""The plan of a new song before a note is written: its form, its chords bar by bar, and the
hits its drums keep.

Why plan at all. A model that writes bar after bar with nothing to aim at wanders: measured on
new songs, bars almost never came back (0-7% near-repeats, human tunes 6-38%), phrases rarely
ended on the tonic (10-30%, human 50-100%) and the drums kept a backbeat in one bar of ten. A
songwriter starts from a form (verse, verse, chorus...), a progression and a beat, and so does
`engine.compose.generate`: the model writes each new phrase over the planned chords (a soft
pull, as `--chords` gives), a repeated phrase comes back as it was with only its last bar
written again (a second ending), the song closes on its tonic, and a drum bar of a style with
a beat keeps that beat's anchor hits (`anchor_hits`) while the model plays everything else.

The tables are textbook idioms, named as musicians name them: progressions as scale degrees
(I-V-vi-IV, i-VI-III-VII, the 12-bar blues, ii-V-I), forms as section letters (AABB for a
reel's two strains played twice, AABA for a 32-bar song), beats as the hits that make them
(kick on 1 with snare on 2 and 4 for a backbeat, a kick on every beat for house). The band
arranger that writes training data (`build_scripts.arranger`) reads its progressions from
here too.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from engine.drums import KICKS
from engine.errors import TesseraError
from engine.song import KeySignatureChange
from engine.theory import key_tonic
from engine.vocab import STEPS_PER_QUARTER

I, II, III, IV, V, VI, VII = range(7)  # noqa: E741 (Roman numerals, as degrees are written)
"""Scale degrees, 0-based."""

Template = tuple[int, ...]

POP_MAJOR: tuple[Template, ...] = ((I, V, VI, IV), (VI, IV, I, V), (I, VI, IV, V), (I, IV, VI, V))
MINOR: tuple[Template, ...] = ((I, VI, III, VII), (I, IV, V, I), (I, VII, VI, V), (I, VI, IV, V))
JAZZ_MAJOR: tuple[Template, ...] = ((II, V, I, I), (I, VI, II, V), (III, VI, II, V))
JAZZ_MINOR: tuple[Template, ...] = ((I, IV, V, I), (I, VI, II, V))
BLUES_12: tuple[Template, ...] = (
    (I, I, I, I, IV, IV, I, I, V, IV, I, V),
    (I, IV, I, I, IV, IV, I, I, V, IV, I, V),
)
"""The 12-bar blues and its quick-change variant (IV in bar 2), turnaround V in bar 12."""
PENTA_MAJOR: tuple[Template, ...] = ((I, VI, IV, I), (I, II, VI, I), (VI, IV, I, I))
PENTA_MINOR: tuple[Template, ...] = ((I, VI, III, I), (I, IV, III, I), (VI, III, I, I))
COUNTRY_MAJOR: tuple[Template, ...] = ((I, IV, I, V), (I, I, IV, V), (I, V, IV, I))
FOLK_MAJOR: tuple[Template, ...] = ((I, IV, I, V), (I, I, IV, V), (I, IV, V, I))
"""A fiddle tune's harmony: tonic, subdominant and dominant. With the subdominant only now
and then, new tunes in G leaned on D's chord, rarely sounded C, and read as D major."""
CLASSICAL_MAJOR: tuple[Template, ...] = ((I, IV, V, I), (I, VI, II, V), (I, V, VI, IV))
CLASSICAL_MINOR: tuple[Template, ...] = ((I, IV, V, I), (I, VI, II, V), (I, VII, III, V))

MAX_FORM_PHRASES = 32
MAJOR_STEPS = (0, 2, 4, 5, 7, 9, 11)
MINOR_STEPS = (0, 2, 3, 5, 7, 8, 10)


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


STYLE_PLANS: dict[str, StylePlan] = {
    "folk": StylePlan(FOLK_MAJOR, CLASSICAL_MINOR, "AABB", 4, beat=None),
    "classical": StylePlan(
        CLASSICAL_MAJOR, CLASSICAL_MINOR, "ABAC", 2, beat=None, progression=False
    ),
    "pop": StylePlan(POP_MAJOR, MINOR, "AABB", 4),
    "rock": StylePlan(POP_MAJOR, MINOR, "AABB", 4),
    "metal": StylePlan(POP_MAJOR, MINOR, "AABB", 4),
    "ballad": StylePlan(POP_MAJOR, MINOR, "AABA", 4),
    "lofi": StylePlan(JAZZ_MAJOR, MINOR, "AABB", 4, "sevenths"),
    "hiphop": StylePlan(POP_MAJOR, MINOR, "AABB", 4),
    "house": StylePlan(POP_MAJOR, MINOR, "AABB", 4, beat="four-on-the-floor"),
    "funk": StylePlan(POP_MAJOR, MINOR, "AABB", 4, "sevenths"),
    "soul": StylePlan(POP_MAJOR, MINOR, "AABA", 4, "sevenths"),
    "reggae": StylePlan(POP_MAJOR, MINOR, "AABB", 4, beat="one-drop"),
    "latin": StylePlan(JAZZ_MAJOR, JAZZ_MINOR, "AABA", 4, "sevenths", beat="bossa"),
    "jazz": StylePlan(JAZZ_MAJOR, JAZZ_MINOR, "AABA", 4, "sevenths", beat="swing"),
    "blues": StylePlan(BLUES_12, BLUES_12, "A", 12, "blues"),
    "country": StylePlan(COUNTRY_MAJOR, MINOR, "AABB", 4),
    "cinematic": StylePlan(POP_MAJOR, MINOR, "ABAB", 4, beat=None),
    "chinese": StylePlan(PENTA_MAJOR, PENTA_MINOR, "AABA", 4, "pentatonic"),
}
"""Every style of `engine.styles`, planned."""

SNARE_OR_CLAP = frozenset({38, 39, 40})
SIDE_STICK_OR_SNARE = frozenset({37, 38, 40})
RIDE = frozenset({51, 59, 53})
PEDAL_HAT = frozenset({44})

BEATS: dict[str, tuple[tuple[float, frozenset[int]], ...]] = {
    "backbeat": ((0, KICKS), (1, SNARE_OR_CLAP), (3, SNARE_OR_CLAP)),
    "four-on-the-floor": (
        (0, KICKS), (1, KICKS), (1, SNARE_OR_CLAP), (2, KICKS), (3, KICKS), (3, SNARE_OR_CLAP),
    ),
    "one-drop": ((2, KICKS), (2, SIDE_STICK_OR_SNARE)),
    "bossa": ((0, KICKS), (2, KICKS)),
    "swing": ((0, RIDE), (1, RIDE), (1, PEDAL_HAT), (2, RIDE), (3, RIDE), (3, PEDAL_HAT)),
}  # fmt: skip
"""A beat's anchor hits in a 4/4 bar: (beat from 0, the drums any one of which makes the hit).
Only what makes the beat recognisable; every other hit is the model's."""


Anchors = tuple[tuple[int, frozenset[int]], ...]
"""Hits a drum bar keeps: (step in the bar, the drums any one of which makes the hit)."""


def anchor_hits(style: str | None, meter: tuple[int, int]) -> Anchors:
    """The hits (step in the bar, drums) a drum bar of the style keeps: its beat's anchors in
    a 4/4 bar; none for another meter, a style without a beat, or no style."""
    plan = STYLE_PLANS.get(style or "")
    if plan is None or plan.beat is None or meter != (4, 4):
        return ()
    return tuple((round(beat * STEPS_PER_QUARTER), drums) for beat, drums in BEATS[plan.beat])


def chord_of_degree(key: KeySignatureChange, degree: int, harmony: str) -> frozenset[int]:
    """The pitch classes of the chord on a scale degree: a diatonic triad (or seventh chord),
    a dominant seventh for the blues, and a major V in a minor key (harmonic minor's)."""
    tonic = key_tonic(key)
    steps = MINOR_STEPS if key.mode == "minor" else MAJOR_STEPS
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


def plan_song(
    style: str | None,
    key: KeySignatureChange,
    bars: int,
    seed: int,
    form: str | None = None,
) -> SongPlan:
    """The form and chords of a new song of `bars` bars (the same seed gives the same plan).

    `form` overrides the style's letters ('AABA'; one letter per phrase, '-' or '' for no
    repeats). Each new section takes its own progression from the style's templates, a
    repeated one its source's chords; the last two bars are V and I, the cadence a song ends
    on (for a song of two bars or more)."""
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
    templates = plan.minor if key.mode == "minor" else plan.major
    chords: list[frozenset[int] | None] = [None] * bars
    section_templates: dict[str, Template] = {}
    for phrase in phrases if plan.progression else ():
        template = section_templates.setdefault(phrase.label, rng.choice(templates))
        for offset, bar in enumerate(phrase.bar_range):
            chords[bar] = chord_of_degree(key, template[offset % len(template)], plan.harmony)
    if bars >= 2:
        chords[-2] = chord_of_degree(key, V, plan.harmony)
        chords[-1] = chord_of_degree(key, I, plan.harmony)
    return SongPlan(tuple(phrases), tuple(chords))


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
            f"form {form!r} is not a row of section letters: write one letter per phrase, "
            "such as AABA or ABAB (at most 32), or '-' for no repeats"
        )
    return text.upper()
