"""Pure edits of a song's form: add, rename, recast, move, resize and delete sections.

Each returns a new Song (so each is one undoable step) and leaves the notes alone: a section is
a name over bars, and moving the name moves no music. Writing music into a section (regenerate,
vary, copy, make it a chorus) is composing and lives in `engine.compose.section_ops`.

A section that would overlap another, run past the last bar or start before the first is
refused with a SongError that says which and what to do; the song is unchanged.
"""

from __future__ import annotations

import dataclasses

from engine.song.sections import Section, new_section, section_at_bar
from engine.song.song import Song
from engine.song.values import SongError, check_int
from engine.words import QT_TRANSLATE_NOOP


def _check_index(song: Song, index: int) -> Section:
    if not song.sections:
        raise SongError(
            QT_TRANSLATE_NOOP("SectionEdits", "the song has no sections: add one first")
        )
    if not isinstance(index, int) or isinstance(index, bool):
        raise SongError(
            QT_TRANSLATE_NOOP(
                "SectionEdits", "a section number must be an integer, got {index!r}"
            ).format(index=index)
        )
    check_int("section number", index + 1, 1, len(song.sections))
    return song.sections[index]


def _with_sections(song: Song, sections: list[Section]) -> Song:
    """The song holding `sections` (sorted by first bar; Song checks overlaps and the grid)."""
    return dataclasses.replace(song, sections=tuple(sorted(sections, key=lambda s: s.first_bar)))


def set_sections(song: Song, sections: tuple[Section, ...]) -> Song:
    """The song with a whole new form (checked as any Song's)."""
    return _with_sections(song, list(sections))


def add_section(
    song: Song, first_bar: int, bars: int, role: str = "other", name: str | None = None
) -> Song:
    """The song with a new section over bars `first_bar..first_bar+bars-1` (0-based), named
    after its role unless `name` is given."""
    check_int("section first bar", first_bar + 1, 1, song.bar_count)
    check_int("section length in bars", bars, 1, song.bar_count - first_bar)
    taken = [
        song.sections[i]
        for i in {section_at_bar(song.sections, bar) for bar in range(first_bar, first_bar + bars)}
        if i is not None
    ]
    if taken:
        other = min(taken, key=lambda s: s.first_bar)
        raise SongError(
            QT_TRANSLATE_NOOP(
                "SectionEdits",
                "bars {first_bar}-{first_bar_2} meet the section {name!r} (bars "
                "{first_bar_3}-{last_bar}): shorten or delete it first",
            ).format(
                first_bar=first_bar + 1,
                first_bar_2=first_bar + bars,
                name=other.name,
                first_bar_3=other.first_bar + 1,
                last_bar=other.last_bar + 1,
            )
        )
    return _with_sections(song, [*song.sections, new_section(first_bar, bars, role, name)])


def update_section(
    song: Song,
    index: int,
    *,
    name: str | None = None,
    role: str | None = None,
    energy: float | None = None,
    clear_energy: bool = False,
    first_bar: int | None = None,
    bars: int | None = None,
) -> Song:
    """The song with section `index` renamed, recast to another role, given an energy (or its
    role's default again, `clear_energy`), moved to start at `first_bar` or resized to `bars`.
    A move or resize into a neighbour is refused; the notes never move."""
    section = _check_index(song, index)
    changes: dict[str, object] = {}
    if name is not None:
        changes["name"] = name
    if role is not None:
        changes["role"] = role
    if clear_energy:
        changes["energy"] = None
    elif energy is not None:
        changes["energy"] = energy
    if first_bar is not None:
        check_int("section first bar", first_bar + 1, 1, song.bar_count)
        changes["first_bar"] = first_bar
    if bars is not None:
        check_int("section length in bars", bars, 1, song.bar_count)
        changes["bars"] = bars
    updated = dataclasses.replace(section, **changes)  # type: ignore[arg-type]
    others = [s for i, s in enumerate(song.sections) if i != index]
    for other in others:
        if updated.first_bar <= other.last_bar and other.first_bar <= updated.last_bar:
            raise SongError(
                QT_TRANSLATE_NOOP(
                    "SectionEdits",
                    "section {name!r} at bars {first_bar}-{last_bar} would overlap "
                    "{name_2!r} (bars {first_bar_2}-{last_bar_2}): shorten or move that "
                    "one first",
                ).format(
                    name=updated.name,
                    first_bar=updated.first_bar + 1,
                    last_bar=updated.last_bar + 1,
                    name_2=other.name,
                    first_bar_2=other.first_bar + 1,
                    last_bar_2=other.last_bar + 1,
                )
            )
    return _with_sections(song, [*others, updated])


def remove_section(song: Song, index: int) -> Song:
    """The song without section `index` (its bars and notes stay)."""
    _check_index(song, index)
    return _with_sections(song, [s for i, s in enumerate(song.sections) if i != index])
