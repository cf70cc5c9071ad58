"""The section band's edits of a song's form, each a new Song and the label its undo step shows.

These wrap `engine.song.section_edits` with what the app adds: a label that names the section
('Rename section "Verse" to "Verse 2"'), None for an edit that would change nothing (a drag that
came back, the same name typed again) so it leaves no empty undo step, and a recast label that
follows the role when the section still wore its old role's name. A refused edit raises the
engine's SongError, whose message the window shows in its status line.
"""

from __future__ import annotations

from engine.song.section_edits import add_section, remove_section, update_section
from engine.song.sections import Section
from engine.song.song import Song
from engine.song.values import SongError
from ui.arrangement.role_names import is_role_name, new_section_name, role_word
from ui.i18n import translate

Edit = tuple[Song, str] | None
"""A changed song and its undo label, or None when nothing would change."""


def _section(song: Song, index: int) -> Section:
    if not 0 <= index < len(song.sections):
        count = len(song.sections)  # a plain name: lupdate reads no expression as the count
        text = translate(
            "FormEdits", "there is no section {0}: the song has %n section(s)", None, count
        )
        raise SongError(text.format(index + 1))
    return song.sections[index]


def add(song: Song, first_bar: int, bars: int, role: str) -> Edit:
    """A section of `role` over `bars` bars from `first_bar`, named after its role in the
    composer's language."""
    name = new_section_name(role)
    added = add_section(song, first_bar, bars, role, name)
    text = translate("FormEdits", "Add section '{0}' (bars {1}-{2})")
    return added, text.format(name, first_bar + 1, first_bar + bars)


def rename(song: Song, index: int, name: str) -> Edit:
    """Section `index` called `name` (surrounding spaces dropped)."""
    section = _section(song, index)
    name = name.strip()
    if name == section.name:
        return None
    renamed = update_section(song, index, name=name)
    return renamed, translate("FormEdits", "Rename section '{0}' to '{1}'").format(
        section.name, name
    )


def set_role(song: Song, index: int, role: str) -> Edit:
    """Section `index` relabelled as `role`, its notes untouched. A section still named after
    its old role ('Verse') takes the new role's name ('Chorus'); a name the composer typed
    stays."""
    section = _section(song, index)
    if role == section.role:
        return None
    follows_role = is_role_name(section.name, section.role)
    name = new_section_name(role) if follows_role else None
    relabelled = update_section(song, index, role=role, name=name)
    text = translate("FormEdits", "Set section '{0}' to {1}")
    return relabelled, text.format(section.name, role_word(role))


def set_energy(song: Song, index: int, level: float | None) -> Edit:
    """Section `index` at energy `level` (0-1), or back to its role's default when None."""
    section = _section(song, index)
    if level is None:
        if section.energy is None:
            return None
        cleared = update_section(song, index, clear_energy=True)
        text = translate("FormEdits", "Reset energy of '{0}' to the {1} default")
        return cleared, text.format(section.name, role_word(section.role))
    if section.energy is not None and abs(section.energy - level) < 1e-9:
        return None
    levelled = update_section(song, index, energy=level)
    text = translate("FormEdits", "Set energy of '{0}' to {1}%")
    return levelled, text.format(section.name, round(level * 100))


def place(song: Song, index: int, first_bar: int, bars: int) -> Edit:
    """Section `index` moved to start at `first_bar` and/or resized to `bars` bars."""
    section = _section(song, index)
    if (first_bar, bars) == (section.first_bar, section.bars):
        return None
    placed = update_section(song, index, first_bar=first_bar, bars=bars)
    if bars == section.bars:
        text = translate("FormEdits", "Move section '{0}' to bars {1}-{2}")
    else:
        text = translate("FormEdits", "Resize section '{0}' to bars {1}-{2}")
    return placed, text.format(section.name, first_bar + 1, first_bar + bars)


def delete(song: Song, index: int) -> Edit:
    """The song without section `index` (its bars and notes stay)."""
    section = _section(song, index)
    text = translate("FormEdits", "Delete section '{0}'")
    return remove_section(song, index), text.format(section.name)
