"""A song's form in a MIDI file: each section as a marker meta event at its first bar.

Every DAW shows markers on its timeline, so a section written as a marker named after it
('Verse', '副歌', "A'") is what a DAW user sees of the form. A marker has a place but no end:
a DAW's marker runs until the next one, and so does a section read back. Tessera's form may
leave bars between sections (a gap, or bars after the last section); there the export writes
an empty marker, which ends the section before it (`SECTION_END`), so a file Tessera wrote
reads back with the same sections: names, roles and bars.

What a file cannot carry: a section's energy is a project setting only (MIDI has no place for
it), so sections read from a file play at their role's default energy; the role itself is not
written but read again from the name (`engine.song.sections.role_from_name`), so a section
whose name says another role ('Hook' for a verse) comes back in the role its name says, and a
name that says none comes back as 'other'.

Reading: a marker on a bar line becomes a section from its bar to the bar before the next
section marker (or the song's end), the first such marker on a bar line if there are several.
A marker whose text cannot be a section's name (empty, or longer than `MAX_SECTION_NAME`), or
that is not on a bar line, stays a marker of the song's words (`SongText`), so nothing the
file says is lost; markers that became sections are not also kept as words, so a round trip
does not write them twice. A word marker on a bar line of a song that has sections there
becomes a section of its own when read back, as it shows in a DAW.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from engine.song.sections import Section, role_from_name
from engine.song.song import Song, SongText, bar_grid
from engine.song.values import SongError

SECTION_END = ""
"""The text of the marker that ends a section where no other section follows at once."""


def section_markers(song: Song) -> list[tuple[int, str]]:
    """(tick, text) of the markers the song's form needs, in time order: each section's name
    at its first bar, and `SECTION_END` at the bar after a section that the next one does not
    start at (unless the song ends there). A marker the song's words already hold at the same
    tick with the same text is left out: it would be written twice."""
    starts = song.bar_start_ticks
    wanted: list[tuple[int, str]] = []
    next_firsts = [section.first_bar for section in song.sections[1:]] + [song.bar_count]
    for section, next_first in zip(song.sections, next_firsts, strict=False):  # [] if none
        wanted.append((starts[section.first_bar], section.name))
        after = section.last_bar + 1
        if after < next_first:  # a gap: no section starts where this one ends
            wanted.append((starts[after], SECTION_END))
    held = {(text.tick, text.text) for text in song.texts if text.kind == "marker"}
    return [marker for marker in wanted if marker not in held]


def _can_name_a_section(text: str) -> bool:
    try:
        Section(0, 1, text)
    except SongError:
        return False
    return True


def sections_from_markers(
    texts: Sequence[SongText], bar_starts: Sequence[int]
) -> tuple[tuple[Section, ...], tuple[SongText, ...]]:
    """(sections, the texts left as words) read from a song's `texts` in time order over the
    bar grid `bar_starts` (each bar's first tick, then the song's end): see the module's notes.
    """
    bar_of = {tick: bar for bar, tick in enumerate(bar_starts[:-1])}
    sections: list[Section] = []
    kept: list[SongText] = []
    running: tuple[int, str] | None = None  # (first bar, name) of the section being read
    taken: set[int] = set()
    for text in texts:
        bar = bar_of.get(text.tick) if text.kind == "marker" else None
        ends = text.text == SECTION_END
        if (
            bar is None
            or text.tick in taken
            or (ends and running is None)
            or (not ends and not _can_name_a_section(text.text))
        ):
            kept.append(text)
            continue
        if running is not None:
            sections.append(_section(*running, bar))
        running = None if ends else (bar, text.text)
        taken.add(text.tick)
    if running is not None:
        sections.append(_section(*running, len(bar_starts) - 1))
    return tuple(sections), tuple(kept)


def _section(first_bar: int, name: str, next_bar: int) -> Section:
    return Section(first_bar, next_bar - first_bar, name, role_from_name(name))


def with_markers_as_sections(song: Song) -> Song:
    """The song as reading its MIDI export gives it back: its form written as markers, then
    every marker on a bar line read as a section (see the module's notes)."""
    written = [SongText(tick, "marker", text) for tick, text in section_markers(song)]
    texts = sorted((*written, *song.texts), key=lambda text: text.tick)
    grid = bar_grid(song.time_signatures, song.bar_count)
    sections, kept = sections_from_markers(texts, grid)
    return dataclasses.replace(song, sections=sections, texts=kept)
