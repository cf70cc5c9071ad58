"""The section band's edits of a song's form, each a new Song and the label its undo step shows.

These wrap `engine.song.section_edits` with what the app adds: a label that names the section
('Rename section "Verse" to "Verse 2"'), None for an edit that would change nothing (a drag that
came back, the same name typed again) so it leaves no empty undo step, and a recast label that
follows the role when the section still wore its old role's name. A refused edit raises the
engine's SongError, whose message the window shows in its status line.
"""

from __future__ import annotations

from engine.song.section_edits import add_section, remove_section, update_section
from engine.song.sections import ROLE_NAMES, Section
from engine.song.song import Song
from engine.song.values import SongError

Edit = tuple[Song, str] | None
"""A changed song and its undo label, or None when nothing would change."""


def _section(song: Song, index: int) -> Section:
    if not 0 <= index < len(song.sections):
        raise SongError(
            f"there is no section {index + 1}: the song has {len(song.sections)} section(s)"
        )
    return song.sections[index]


def add(song: Song, first_bar: int, bars: int, role: str) -> Edit:
    """A section of `role` over `bars` bars from `first_bar`, named after its role."""
    added = add_section(song, first_bar, bars, role)
    name = ROLE_NAMES.get(role, "Section")
    return added, f"Add section '{name}' (bars {first_bar + 1}-{first_bar + bars})"


def rename(song: Song, index: int, name: str) -> Edit:
    """Section `index` called `name` (surrounding spaces dropped)."""
    section = _section(song, index)
    name = name.strip()
    if name == section.name:
        return None
    renamed = update_section(song, index, name=name)
    return renamed, f"Rename section '{section.name}' to '{name}'"


def set_role(song: Song, index: int, role: str) -> Edit:
    """Section `index` relabelled as `role`, its notes untouched. A section still named after
    its old role ('Verse') takes the new role's name ('Chorus'); a name the composer typed
    stays."""
    section = _section(song, index)
    if role == section.role:
        return None
    follows_role = section.name == ROLE_NAMES.get(section.role)
    name = ROLE_NAMES.get(role) if follows_role else None
    relabelled = update_section(song, index, role=role, name=name)
    return relabelled, f"Set section '{section.name}' to {role}"


def set_energy(song: Song, index: int, level: float | None) -> Edit:
    """Section `index` at energy `level` (0-1), or back to its role's default when None."""
    section = _section(song, index)
    if level is None:
        if section.energy is None:
            return None
        cleared = update_section(song, index, clear_energy=True)
        return cleared, f"Reset energy of '{section.name}' to the {section.role} default"
    if section.energy is not None and abs(section.energy - level) < 1e-9:
        return None
    levelled = update_section(song, index, energy=level)
    return levelled, f"Set energy of '{section.name}' to {round(level * 100)}%"


def place(song: Song, index: int, first_bar: int, bars: int) -> Edit:
    """Section `index` moved to start at `first_bar` and/or resized to `bars` bars."""
    section = _section(song, index)
    if (first_bar, bars) == (section.first_bar, section.bars):
        return None
    placed = update_section(song, index, first_bar=first_bar, bars=bars)
    verb = "Move" if bars == section.bars else "Resize"
    return placed, f"{verb} section '{section.name}' to bars {first_bar + 1}-{first_bar + bars}"


def delete(song: Song, index: int) -> Edit:
    """The song without section `index` (its bars and notes stay)."""
    section = _section(song, index)
    return remove_section(song, index), f"Delete section '{section.name}'"
