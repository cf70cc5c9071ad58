"""Song forms as songwriters write them: sections by role with their lengths in bars.

A form is a row of `FormPart`s, "intro:4 verse:8 chorus:8 verse:8 chorus:8 bridge:8 chorus:8
outro:4" as typed, or a fiddle tune's strains "A:8 A:8 B:8 B:8". Each style's typical forms
(the usual one first, then shorter and longer ones) and its usual tempo range are data in
`presets/forms.toml`, read and checked by `load_forms` like the other preset files.

`plan_form` turns a form into a `SongPlan`: one phrase and one `Section` per part. A part heard
before (the same role, or for a strain the same letter, and the same length) repeats its
first playing: `engine.compose.operations.generate` copies it and writes its last bar again
(a second ending), or more of it when the request asks for variation. Later choruses build:
the nth chorus (or drop) plays at its role's energy plus `BUILD_STEP` for each before it, kept
in the Section so every later operation writes it at that energy too.
"""

from __future__ import annotations

import dataclasses
import random
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from engine.compose.plan import (
    STYLE_PLANS,
    FormError,
    Phrase,
    SongPlan,
    plan_chords,
)
from engine.compose.preset_files import PRESETS_DIR, Fields, PresetFileError, read_tables
from engine.song.sections import DEFAULT_ENERGY, ROLE_NAMES, ROLE_WORDS, Section, repeat_key
from engine.song.song import KeySignatureChange, SongError, check_number
from engine.song.styles import STYLE_NAMES
from engine.words import QT_TRANSLATE_NOOP, message_of

FORMS_FILE = PRESETS_DIR / "forms.toml"
MAX_PARTS = 64
"""The most sections one form may have."""
MAX_PART_BARS = 64
MAX_FORM_BARS = 512
"""A new song's most bars (`engine.compose.control_text.MAX_NEW_SONG_BARS`)."""
BUILD_STEP = 0.05
"""Energy each later chorus (or drop) adds over the one before it: the last chorus lifts."""
BUILDING_ROLES = ("chorus", "drop")
REPEAT_ENERGY_SPAN = 0.1
"""When each section's energy is given (`plan_form`'s `energies`), how near an earlier section
of its kind and length must be in energy for a section to repeat it: a quiet verse and a busy
one are each written at their own energy, not one copied from the other."""
FALLBACK_BARS: Mapping[str, int] = {
    "intro": 4,
    "outro": 4,
    "pre-chorus": 4,
    "break": 4,
    "build": 4,
}
"""A part's length when neither the composer nor the style's forms give one (else 8 bars)."""
FORM_NAMES = ("usual", "short", "long")
"""Words for one of a style's own forms: its first, its fewest bars, its most bars."""
_PART = re.compile(r"^(?P<word>[^\s:]+)(?::(?P<bars>\d+))?$")
_STRAIN = re.compile(r"^[a-h]$")


@dataclass(frozen=True)
class FormPart:
    """One section of a form: its role, its length and, for a strain, its letter."""

    role: str
    bars: int
    letter: str | None = None

    @property
    def text(self) -> str:
        return f"{self.letter or self.role}:{self.bars}"


Form = tuple[FormPart, ...]


@dataclass(frozen=True)
class StyleForms:
    """A style's typical forms (its usual one first) and its usual tempo range."""

    forms: tuple[Form, ...]
    tempo_range: tuple[float, float]


def form_text(form: Sequence[FormPart]) -> str:
    """A form as it is typed: 'intro:4 verse:8 chorus:8'."""
    return " ".join(part.text for part in form)


def form_bars(form: Sequence[FormPart]) -> int:
    return sum(part.bars for part in form)


def is_role_form(text: str) -> bool:
    """Whether a typed form is written in role words ('verse chorus', 'A:8 B:8') rather than
    one letter per phrase ('AABA'); a style's form name ('long') counts as role words."""
    words = text.replace(",", " ").split()
    if len(words) != 1 or ":" in text:
        return bool(words)
    word = words[0].casefold()
    return word in ROLE_WORDS or word in FORM_NAMES


def parse_form(text: str, style: str | None = None) -> Form:
    """A form of role words, checked: each word a role ('verse', 'pre-chorus', '副歌'...) or a
    strain letter A-H, with ':bars' or the style's usual length for that part; or one of
    `FORM_NAMES` for the style's own. Raises FormError saying which word is wrong and why."""
    words = text.replace(",", " ").split()
    own = STYLE_FORMS.get(style or "")
    if len(words) == 1 and words[0].casefold() in FORM_NAMES:
        return _named_form(words[0].casefold(), own or STYLE_FORMS["pop"])
    return _parts(text, own)


def _parts(text: str, own: StyleForms | None) -> Form:
    """The parts of a form of role words, lengths missing taken from `own`."""
    words = text.replace(",", " ").split()
    if not words or len(words) > MAX_PARTS:
        raise FormError(
            QT_TRANSLATE_NOOP(
                "Forms",
                "form {text!r} should be 1 to {max_parts} sections such as 'intro "
                "verse chorus verse chorus outro' or 'verse:8 chorus:8'",
            ).format(text=text, max_parts=MAX_PARTS)
        )
    form = tuple(_part(word, own) for word in words)
    if form_bars(form) > MAX_FORM_BARS:
        raise FormError(
            QT_TRANSLATE_NOOP(
                "Forms",
                "form {text!r} has {form_bars} bars, more than a new song's "
                "{max_form_bars}: use fewer or shorter sections",
            ).format(text=text, form_bars=form_bars(form), max_form_bars=MAX_FORM_BARS)
        )
    return form


def _named_form(name: str, own: StyleForms) -> Form:
    if name == "short":
        return min(own.forms, key=form_bars)
    if name == "long":
        return max(own.forms, key=form_bars)
    return own.forms[0]


def _part(word: str, own: StyleForms | None) -> FormPart:
    match = _PART.match(word.casefold())
    if match is None:
        raise FormError(
            QT_TRANSLATE_NOOP(
                "Forms", "form word {word!r} should be a role with an optional length: 'verse:8'"
            ).format(word=word)
        )
    name, count = match.group("word"), match.group("bars")
    letter = name.upper() if _STRAIN.match(name) else None
    role = "strain" if letter else ROLE_WORDS.get(name)
    if role is None:
        roles = ", ".join(sorted(set(ROLE_WORDS.values()) - {"strain"}))
        raise FormError(
            QT_TRANSLATE_NOOP(
                "Forms",
                "form word {word!r} is not a section: use a role ({roles}) or a strain "
                "letter A-H, or write one letter per phrase such as AABA",
            ).format(word=word, roles=roles)
        )
    if count is None:
        return FormPart(role, _usual_bars(role, letter, own), letter)
    bars = int(count)
    if not 1 <= bars <= MAX_PART_BARS:
        raise FormError(
            QT_TRANSLATE_NOOP(
                "Forms", "form word {word!r}: a section lasts 1 to {max_part_bars} bars"
            ).format(word=word, max_part_bars=MAX_PART_BARS)
        )
    return FormPart(role, bars, letter)


def _usual_bars(role: str, letter: str | None, own: StyleForms | None) -> int:
    """The length a part has in the style's forms (its first appearance), else a fallback."""
    for form in own.forms if own else ():
        for part in form:
            if part.role == role and part.letter == letter:
                return part.bars
    return FALLBACK_BARS.get(role, 8)


def form_sections(form: Sequence[FormPart]) -> tuple[Section, ...]:
    """The sections of a form, in order: a strain named by its letter, a role heard once by
    the role ('Bridge'), a role heard more often counted ('Verse 1', 'Verse 2'); the nth
    chorus or drop builds on those before (`BUILD_STEP`)."""
    totals: dict[str, int] = {}
    for part in form:
        totals[part.role] = totals.get(part.role, 0) + 1
    seen: dict[str, int] = {}
    sections = []
    first = 0
    for part in form:
        count = seen[part.role] = seen.get(part.role, 0) + 1
        if part.letter:
            name = part.letter
        elif totals[part.role] > 1:
            name = f"{ROLE_NAMES[part.role]} {count}"
        else:
            name = ROLE_NAMES[part.role]
        energy = None
        if part.role in BUILDING_ROLES and count > 1:
            energy = min(1.0, round(DEFAULT_ENERGY[part.role] + BUILD_STEP * (count - 1), 3))
        sections.append(Section(first, part.bars, name, part.role, energy))
        first += part.bars
    return tuple(sections)


def plan_form(
    style: str | None,
    key: KeySignatureChange,
    form: Sequence[FormPart],
    seed: int,
    energies: Sequence[float] = (),
) -> SongPlan:
    """The plan of a song in a role form: a phrase per section, repeating the first section of
    its kind and length, and chords per section kind (`engine.compose.plan.plan_chords`).
    `energies` (one per part, or none) sets each section's energy; a section then repeats the
    first of its kind and length within `REPEAT_ENERGY_SPAN` of its energy, if any."""
    plan = STYLE_PLANS.get(style or "", STYLE_PLANS["classical"])
    sections = with_energies(form_sections(form), energies)
    phrases: list[Phrase] = []
    sources: dict[tuple[str, int], list[Section]] = {}
    for section in sections:
        kind = repeat_key(section)
        earlier = sources.setdefault((kind, section.bars), [])
        alike = [s for s in earlier if not energies or _near(s.level, section.level)]
        if not alike:
            earlier.append(section)
        repeated = alike[0].first_bar if alike else None
        phrases.append(Phrase(kind, section.first_bar, section.bars, repeated))
    bars = form_bars(form)
    chords = plan_chords(plan, key, phrases, bars, random.Random(seed))
    return SongPlan(tuple(phrases), chords, sections)


def with_energies(sections: Sequence[Section], energies: Sequence[float]) -> tuple[Section, ...]:
    """The sections each given its energy from `energies` (one per section), or as they are
    when none is given."""
    if not energies:
        return tuple(sections)
    if len(energies) != len(sections):
        raise FormError(
            QT_TRANSLATE_NOOP(
                "Forms",
                "{given} section energies were given for a form of {sections} sections: "
                "give one energy per section",
            ).format(given=len(energies), sections=len(sections))
        )
    try:
        return tuple(
            dataclasses.replace(section, energy=check_number(f"energies[{i}]", energy, 0.0, 1.0))
            for i, (section, energy) in enumerate(zip(sections, energies, strict=True))
        )
    except SongError as err:
        raise FormError(
            QT_TRANSLATE_NOOP("Forms", "section energy: {error}").format(error=message_of(err))
        ) from err


def _near(one: float, other: float) -> bool:
    return abs(one - other) <= REPEAT_ENERGY_SPAN + 1e-9


def load_forms(path: Path = FORMS_FILE) -> dict[str, StyleForms]:
    """Every style's forms and tempo range from a forms file; every style the model knows must
    have them, and each form must be written with every length given."""
    styles: dict[str, StyleForms] = {}
    for name, table in read_tables(path).items():
        fields = Fields(f"{path.name}, style [{name}]", table, ("forms", "tempo"))
        if name not in STYLE_NAMES:
            raise fields.error(
                f"{name!r} is not a style the model knows: use one of {', '.join(STYLE_NAMES)}"
            )
        forms = []
        for text in fields.texts("forms"):
            if any(":" not in word for word in text.split()):
                raise fields.error(f"form {text!r} should give every section's bars: 'verse:8'")
            try:
                forms.append(_parts(text, None))
            except FormError as err:
                raise fields.error(message_of(err)) from err
        styles[name] = StyleForms(tuple(forms), _tempo_range(fields))
    missing = [name for name in STYLE_NAMES if name not in styles]
    if missing:
        raise PresetFileError(
            QT_TRANSLATE_NOOP(
                "Forms", "{name} has no forms for the style {missing!r}: add a [{missing}] table"
            ).format(name=path.name, missing=missing[0])
        )
    return styles


def _tempo_range(fields: Fields) -> tuple[float, float]:
    value = fields.table.get("tempo")
    numbers = value if isinstance(value, list) else []
    if (
        len(numbers) != 2
        or not all(isinstance(n, int | float) and not isinstance(n, bool) for n in numbers)
        or not 20 <= numbers[0] < numbers[1] <= 300
    ):
        raise fields.error(
            f"'tempo' should be [slowest, fastest] in BPM within 20-300, got {value!r}"
        )
    return float(numbers[0]), float(numbers[1])


STYLE_FORMS: dict[str, StyleForms] = load_forms()
"""Every style's forms and tempo range, from `presets/forms.toml`."""
