"""Song form: named runs of bars (intro, verse, chorus, bridge, A and B strains...).

A songwriter thinks in sections, and so does the Song: `Song.sections` is a row of `Section`
values in bar order, none overlapping, each inside the grid. Bars between sections belong to
none, as in a DAW whose markers leave a gap. A section says three things:

- where it is (`first_bar`, `bars`);
- what it is for (`role`, one of `ROLES`) and what the composer calls it (`name`, any text:
  "Verse 2", "副歌", "A");
- how much it should push (`energy` from 0 to 1, or None for its role's default,
  `DEFAULT_ENERGY`), which composing turns into density, loudness, register, how many tracks
  play and the drum fill into the next section (`engine.compose.energy`).

Repeats. Sections of one role are repeats of one another (every chorus plays the chorus
again), so a change can go to all of them or to one only. Strains and sections of the role
"other" are told apart by name instead: in a fiddle tune's AABB, the two A strains repeat each
other and the B strains each other (`repeat_key`).

In a MIDI file a section is a marker meta event at its first bar, which every DAW shows on its
timeline; reading a file turns markers on bar lines back into sections (`role_from_name` reads
the role from the marker's words, English or Chinese).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from engine.song.values import SongError, check_int, check_number, check_text, shown
from engine.words import QT_TRANSLATE_NOOP

ROLES = (
    "intro",
    "verse",
    "pre-chorus",
    "chorus",
    "bridge",
    "solo",
    "break",
    "build",
    "drop",
    "outro",
    "strain",
    "other",
)
"""What a section is for, as songwriters name it. A 'strain' is a fiddle tune's or a march's
A or B part (told apart by name); 'other' is any section the composer names themself."""

NAMED_BY_NAME = frozenset({"strain", "other"})
"""Roles whose repeats are found by name rather than by role."""

DEFAULT_ENERGY: dict[str, float] = {
    "intro": 0.3,
    "verse": 0.45,
    "pre-chorus": 0.6,
    "chorus": 0.8,
    "bridge": 0.55,
    "solo": 0.7,
    "break": 0.25,
    "build": 0.65,
    "drop": 0.95,
    "outro": 0.3,
    "strain": 0.55,
    "other": 0.5,
}
"""Each role's energy when the composer has set none: a chorus pushes above its verse, a
pre-chorus climbs between them, a bridge stands apart (below the chorus, above the verse),
an intro and an outro sit low, a break drops out and a drop hits hardest."""

ROLE_NAMES: dict[str, str] = {
    "intro": "Intro",
    "verse": "Verse",
    "pre-chorus": "Pre-chorus",
    "chorus": "Chorus",
    "bridge": "Bridge",
    "solo": "Solo",
    "break": "Break",
    "build": "Build",
    "drop": "Drop",
    "outro": "Outro",
    "strain": "A",
    "other": "Section",
}
"""The name a new section of each role gets until the composer types one."""

MAX_SECTION_NAME = 60
"""The longest section name, in characters: it is drawn on a band above the grid and written
as a MIDI marker."""

ROLE_WORDS: dict[str, str] = {
    "intro": "intro",
    "introduction": "intro",
    "prelude": "intro",
    "verse": "verse",
    "strophe": "verse",
    "pre-chorus": "pre-chorus",
    "prechorus": "pre-chorus",
    "pre chorus": "pre-chorus",
    "pre": "pre-chorus",
    "lift": "pre-chorus",
    "chorus": "chorus",
    "refrain": "chorus",
    "hook": "chorus",
    "bridge": "bridge",
    "middle 8": "bridge",
    "middle eight": "bridge",
    "solo": "solo",
    "instrumental": "solo",
    "break": "break",
    "breakdown": "break",
    "interlude": "break",
    "build": "build",
    "buildup": "build",
    "build-up": "build",
    "riser": "build",
    "drop": "drop",
    "outro": "outro",
    "coda": "outro",
    "ending": "outro",
    "tag": "outro",
    "strain": "strain",
    "前奏": "intro",
    "引子": "intro",
    "主歌": "verse",
    "预副歌": "pre-chorus",
    "导歌": "pre-chorus",
    "副歌": "chorus",
    "高潮": "chorus",
    "桥段": "bridge",
    "过渡": "bridge",
    "独奏": "solo",
    "间奏": "break",
    "尾奏": "outro",
    "结尾": "outro",
    "尾声": "outro",
}
"""Words a marker or a typed name may use for each role (English lower case, or Chinese)."""

_STRAIN_NAME = re.compile(r"^(?:strain |part )?([a-h])'*\d*$")
"""A strain's name: a letter, perhaps primed or numbered ('A', "A'", 'B2', 'part B')."""
_ORDINAL = re.compile(r"(?:[\s_#-]*(?:\d+|[一二三四五六七八九十]+)|[\s_#-]+[ivx]+)$")
"""A trailing count ('Verse 2', 'Chorus III', '主歌二'), left out when reading a role. A Roman
count needs a space or mark before it, so 'Remix' keeps its letters."""


@dataclass(frozen=True, slots=True)
class Section:
    """A named run of bars of the song (see the module's notes)."""

    first_bar: int
    bars: int
    name: str
    role: str = "other"
    energy: float | None = None
    """From 0 (barely there) to 1 (everything at once); None takes `DEFAULT_ENERGY[role]`."""

    def __post_init__(self) -> None:
        check_int("section first_bar", self.first_bar, 0, 10**9)
        check_int("section bars", self.bars, 1, 10**9)
        check_text("section name", self.name)
        if not self.name.strip() or len(self.name) > MAX_SECTION_NAME:
            raise SongError(
                QT_TRANSLATE_NOOP(
                    "Sections",
                    "a section name must be 1 to {max_section_name} characters, got "
                    "{shown}: type a short name such as 'Chorus'",
                ).format(max_section_name=MAX_SECTION_NAME, shown=shown(self.name))
            )
        if self.role not in ROLES:
            raise SongError(
                QT_TRANSLATE_NOOP(
                    "Sections", "section role must be one of {choices}, got {shown}"
                ).format(choices=", ".join(ROLES), shown=shown(self.role))
            )
        if self.energy is not None:
            object.__setattr__(
                self, "energy", check_number("section energy", self.energy, 0.0, 1.0)
            )

    @property
    def last_bar(self) -> int:
        return self.first_bar + self.bars - 1

    @property
    def bar_range(self) -> range:
        return range(self.first_bar, self.first_bar + self.bars)

    @property
    def level(self) -> float:
        """The energy this section plays at: its own, or its role's default."""
        return DEFAULT_ENERGY[self.role] if self.energy is None else self.energy


def new_section(first_bar: int, bars: int, role: str, name: str | None = None) -> Section:
    """A section of a role, named after the role unless `name` is given."""
    return Section(first_bar, bars, ROLE_NAMES.get(role, "Section") if name is None else name, role)


def check_sections(sections: Iterable[object], bar_count: int) -> tuple[Section, ...]:
    """`sections` as a tuple, checked: Section values in bar order, none overlapping another,
    each inside a grid of `bar_count` bars. Raises SongError naming the first that is not."""
    items = tuple(sections)
    for item in items:
        if not isinstance(item, Section):
            raise SongError(
                QT_TRANSLATE_NOOP(
                    "Sections", "sections must all be Section values, got {shown}"
                ).format(shown=shown(item))
            )
    checked: tuple[Section, ...] = items  # type: ignore[assignment]  # each checked above
    for section in checked:
        if section.last_bar >= bar_count:
            raise SongError(
                QT_TRANSLATE_NOOP(
                    "Sections",
                    "section {shown} runs to bar {last_bar}, but the song has only "
                    "{bar_count} bars: add bars or shorten the section",
                ).format(
                    shown=shown(section.name), last_bar=section.last_bar + 1, bar_count=bar_count
                )
            )
    for earlier, later in itertools.pairwise(checked):
        if later.first_bar <= earlier.last_bar:
            raise SongError(
                QT_TRANSLATE_NOOP(
                    "Sections",
                    "section {shown} (from bar {first_bar}) overlaps {shown_2} (bars "
                    "{first_bar_2}-{last_bar}): sections must follow one another in bar "
                    "order",
                ).format(
                    shown=shown(later.name),
                    first_bar=later.first_bar + 1,
                    shown_2=shown(earlier.name),
                    first_bar_2=earlier.first_bar + 1,
                    last_bar=earlier.last_bar + 1,
                )
            )
    return checked


def repeat_key(section: Section) -> str:
    """What a section's repeats share: its role, or for a strain or an 'other' section its
    name less any trailing count or prime ('A', "A'" and 'A2' are one strain)."""
    if section.role not in NAMED_BY_NAME:
        return section.role
    name = section.name.strip().casefold()
    strain = _STRAIN_NAME.match(name)
    if strain:
        return f"{section.role}:{strain.group(1)}"
    return f"{section.role}:{_ORDINAL.sub('', name) or name}"


def repeats_of(sections: Sequence[Section], index: int) -> tuple[int, ...]:
    """The indices of every section that repeats section `index` (itself included), in order."""
    key = repeat_key(sections[index])
    return tuple(i for i, section in enumerate(sections) if repeat_key(section) == key)


def first_of_kind(sections: Sequence[Section], index: int) -> int:
    """The index of the first section that section `index` repeats (itself when it is first)."""
    return repeats_of(sections, index)[0]


def section_at_bar(sections: Sequence[Section], bar: int) -> int | None:
    """The index of the section holding `bar`, or None when no section does."""
    for index, section in enumerate(sections):
        if section.first_bar <= bar <= section.last_bar:
            return index
    return None


def role_from_name(name: str) -> str:
    """The role a section's name says ('Chorus 2' -> chorus, '主歌' -> verse, "A'" -> strain),
    or 'other' when the name names none."""
    text = " ".join(name.strip().casefold().replace("_", " ").split())
    if _STRAIN_NAME.match(text):
        return "strain"
    bare = _ORDINAL.sub("", text).strip() or text
    for candidate in (text, bare, bare.replace(" ", "-"), bare.replace("-", " ")):
        if candidate in ROLE_WORDS:
            return ROLE_WORDS[candidate]
    for word, role in sorted(ROLE_WORDS.items(), key=lambda item: -len(item[0])):
        if not word.isascii() and word in bare:
            return role  # Chinese is written without spaces: "第一段主歌"
    first = bare.split(" ")[0] if bare else ""
    return ROLE_WORDS.get(first, "other")


def shifted(sections: Iterable[Section], first: int, last: int) -> tuple[Section, ...]:
    """The sections that meet bars `first..last` (inclusive), cut to them and counted from
    `first`: the form of a selection of the song (an exported passage, a shortened grid)."""
    kept = []
    for section in sections:
        start, end = max(section.first_bar, first), min(section.last_bar, last)
        if start <= end:
            kept.append(
                Section(start - first, end - start + 1, section.name, section.role, section.energy)
            )
    return tuple(kept)


def find_section(sections: Sequence[Section], text: str) -> int:
    """The index of the section a composer means by `text`: its number from 1 ('3'), its name
    ('Bridge', 'verse 2', case and spaces aside), or a role and a count ('verse 2' is the
    second verse, 'chorus' the first chorus). Raises SongError listing the sections there are."""
    wanted = " ".join(text.strip().casefold().split())
    if wanted.isdigit() and 1 <= int(wanted) <= len(sections):
        return int(wanted) - 1
    for index, section in enumerate(sections):
        if " ".join(section.name.casefold().split()) == wanted:
            return index
    count = re.search(r"\s*(\d+)$", wanted)
    nth = int(count.group(1)) if count else 1
    role = role_from_name(wanted[: count.start()] if count else wanted)
    of_role = [i for i, section in enumerate(sections) if section.role == role]
    if role != "other" and 1 <= nth <= len(of_role):
        return of_role[nth - 1]
    there = ", ".join(f"{i + 1} {s.name}" for i, s in enumerate(sections)) or "none"
    raise SongError(
        QT_TRANSLATE_NOOP(
            "Sections",
            "no section {text!r} in the song (sections: {there}): give a number or a name",
        ).format(text=text, there=there)
    )
