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


def _check_index(song: Song, index: int) -> Section:
    if not song.sections:
        raise SongError("the song has no sections: add one first")
    if not isinstance(index, int) or isinstance(index, bool):
        raise SongError(f"a section number must be an integer, got {index!r}")
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
            f"bars {first_bar + 1}-{first_bar + bars} meet the section {other.name!r} (bars "
            f"{other.first_bar + 1}-{other.last_bar + 1}): shorten or delete it first"
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
                f"section {updated.name!r} at bars {updated.first_bar + 1}-"
                f"{updated.last_bar + 1} would overlap {other.name!r} (bars "
                f"{other.first_bar + 1}-{other.last_bar + 1}): shorten or move that one first"
            )
    return _with_sections(song, [*others, updated])


def remove_section(song: Song, index: int) -> Song:
    """The song without section `index` (its bars and notes stay)."""
    _check_index(song, index)
    return _with_sections(song, [s for i, s in enumerate(song.sections) if i != index])
