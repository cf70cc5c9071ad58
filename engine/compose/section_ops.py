"""Section operations: regenerate, vary, copy and recast one section of the song's form.

Each is a pure function of `(model, song, request, seed)`, as every composing operation is
(`engine.compose.operations.apply` sends the section requests here): the same song, request and
seed give the same song. This module reads the request (which section, which tracks, where its
new music goes) and keeps the form; how the music is written again, varied and copied, locks
kept, is in `engine.compose.section_music`.

Scope. 'one' changes the section asked only; 'all' then gives its new music to every repeat of
it (`engine.song.sections.repeats_of`), cut, cycled or with a new last bar where a repeat is of
another length (`engine.compose.section_music.spread`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from engine.compose.cell_writer import Progress
from engine.compose.controls import ComposeError, Controls
from engine.compose.midi_model import MidiModel
from engine.compose.requests import (
    SECTION_SCOPES,
    CopySection,
    RecastSection,
    RegenerateSection,
    SectionRequest,
    VarySection,
)
from engine.compose.section_music import Stages, copy_bars, rewrite, spread, vary
from engine.song.sections import NAMED_BY_NAME, ROLE_NAMES, ROLES, Section, repeats_of
from engine.song.song import Cell, Song
from engine.words import QT_TRANSLATE_NOOP


def apply_section(
    model: MidiModel | None,
    song: Song,
    request: SectionRequest,
    seed: int,
    progress: Progress | None = None,
) -> Song:
    """Carry out one section request; the same song, request and seed give the same Song."""
    if isinstance(request, CopySection):
        return copy_section(song, request)
    if model is None:
        raise ComposeError(
            QT_TRANSLATE_NOOP(
                "SectionOps", "{operation} needs the symbolic model, which is not loaded"
            ).format(operation=request.operation)
        )
    if isinstance(request, RegenerateSection):
        return regenerate_section(model, song, request, seed, progress)
    if isinstance(request, VarySection):
        return vary_section(model, song, request, seed, progress)
    return recast_section(model, song, request, seed, progress)


def regenerate_section(
    model: MidiModel,
    song: Song,
    request: RegenerateSection,
    seed: int,
    progress: Progress | None = None,
) -> Song:
    """The section's unlocked cells (of the chosen tracks) written anew in its role, hearing
    the bars around it; with scope 'all' copied to every repeat too."""
    return _with_repeats(model, song, request, seed, progress, strength=None)


def vary_section(
    model: MidiModel, song: Song, request: VarySection, seed: int, progress: Progress | None = None
) -> Song:
    """The section with a share of it written again, growing with the strength (see
    `engine.compose.section_music`); with scope 'all' the varied section goes to every repeat
    too. Strength 0 returns the song as it is."""
    strength = _strength(request.strength, "vary")
    return _with_repeats(model, song, request, seed, progress, strength=strength)


def _with_repeats(
    model: MidiModel,
    song: Song,
    request: RegenerateSection | VarySection,
    seed: int,
    progress: Progress | None,
    *,
    strength: float | None,
) -> Song:
    """The section written anew (`strength` None) or varied, then, with scope 'all', given
    to every repeat of it."""
    section_of(song, request.section)
    scope = _scope(request.scope)
    tracks = tracks_of(song, request.tracks)
    cells = free_cells(song, request.section, tracks)
    if strength == 0.0:
        return song
    stages = Stages(progress, 2 if scope == "all" else 1)
    controls = request.controls
    if strength is None:
        song = rewrite(model, song, cells, controls=controls, seed=seed, progress=stages.at(0))
    else:
        song = vary(
            model,
            song,
            cells,
            strength=strength,
            controls=controls,
            seed=seed,
            progress=stages.at(0),
        )
    if scope == "all":
        song = _to_repeats(
            model,
            song,
            request.section,
            tracks=tracks,
            controls=controls,
            seed=seed,
            progress=stages.at(1),
        )
    stages.finish()
    return song


def copy_section(song: Song, request: CopySection) -> Song:
    """The section's notes (every track) copied to bars from `to_bar`, where a section of the
    same name, role and energy now stands, cutting the sections it covers; locked cells at the
    target keep their notes."""
    section = section_of(song, request.section)
    to_bar = request.to_bar
    number = request.section + 1
    if not 0 <= to_bar < song.bar_count:
        raise ComposeError(
            QT_TRANSLATE_NOOP(
                "SectionOps",
                "cannot copy section {number} to bar {to_bar}: the song has bars "
                "1-{bar_count}; give a bar inside it (add bars first to copy past the "
                "end)",
            ).format(number=number, to_bar=to_bar + 1, bar_count=song.bar_count)
        )
    last = to_bar + section.bars - 1
    if last >= song.bar_count:
        raise ComposeError(
            QT_TRANSLATE_NOOP(
                "SectionOps",
                "section {number} {name!r} ({bars} bars) copied to bar {to_bar} would "
                "run to bar {last}, but the song has {bar_count}: add {last_2} bar(s) "
                "first, or copy it to bar {bar_count_2} or earlier",
            ).format(
                number=number,
                name=section.name,
                bars=section.bars,
                to_bar=to_bar + 1,
                last=last + 1,
                bar_count=song.bar_count,
                last_2=last + 1 - song.bar_count,
                bar_count_2=song.bar_count - section.bars + 1,
            )
        )
    if to_bar == section.first_bar:
        raise ComposeError(
            QT_TRANSLATE_NOOP(
                "SectionOps",
                "section {number} {name!r} already starts at bar {to_bar}: give "
                "another bar to copy it to",
            ).format(number=number, name=section.name, to_bar=to_bar + 1)
        )
    target = dataclasses.replace(section, first_bar=to_bar)
    copied = copy_bars(song, song, section, target, range(len(song.tracks)))
    kept = [part for other in song.sections for part in _cut(other, to_bar, last)]
    return dataclasses.replace(
        copied, sections=tuple(sorted([*kept, target], key=lambda s: s.first_bar))
    )


def recast_section(
    model: MidiModel,
    song: Song,
    request: RecastSection,
    seed: int,
    progress: Progress | None = None,
) -> Song:
    """'Make this a chorus': the section takes `role` and a name for it, and the music of the
    song's first section of that role fitted to its length (bars cut or cycled, the last bar
    written again when the lengths differ), varied by `strength`; written anew in the role
    when the song has no section of it. No other section changes."""
    index = request.section
    section = section_of(song, index)
    if request.role not in ROLES:
        raise ComposeError(
            QT_TRANSLATE_NOOP(
                "SectionOps", "there is no section role {role!r}: use one of {choices}"
            ).format(role=request.role, choices=", ".join(ROLES))
        )
    strength = _strength(request.strength, "make")
    tracks = tuple(range(len(song.tracks)))
    cells = free_cells(song, index, tracks)
    source = next((i for i, s in enumerate(song.sections) if s.role == request.role), None)
    recast = _recast_form(song, index, request.role, source)
    stages = Stages(progress, 2)
    if source is None:
        recast = rewrite(
            model, recast, cells, controls=Controls(), seed=seed, progress=stages.at(0)
        )
    elif source != index:
        recast = spread(
            model,
            recast,
            song.sections[source],
            [section],
            tracks=tracks,
            controls=Controls(),
            seed=seed,
            progress=stages.at(0),
        )
    if source is not None and strength > 0.0:
        recast = vary(
            model,
            recast,
            cells,
            strength=strength,
            controls=Controls(),
            seed=seed,
            progress=stages.at(1),
        )
    stages.finish()
    return recast


# --- what a request names -------------------------------------------------------------------


def section_of(song: Song, index: int) -> Section:
    """Section `index` of the song (0-based), or a ComposeError that says what there is."""
    if not song.sections:
        raise ComposeError(
            QT_TRANSLATE_NOOP(
                "SectionOps",
                "the song has no sections: mark its verses, choruses and so on first "
                "(or write it with a form), then work on a section",
            )
        )
    if isinstance(index, bool) or not isinstance(index, int):
        raise ComposeError(
            QT_TRANSLATE_NOOP(
                "SectionOps", "a section number must be a whole number, got {index!r}"
            ).format(index=index)
        )
    if not 0 <= index < len(song.sections):
        raise ComposeError(
            QT_TRANSLATE_NOOP(
                "SectionOps",
                "there is no section {index}: the song has {sections_count} "
                "section(s), numbered 1-{sections_count}",
            ).format(index=index + 1, sections_count=len(song.sections))
        )
    return song.sections[index]


def tracks_of(song: Song, tracks: Sequence[int] | None) -> tuple[int, ...]:
    """The chosen tracks (every track for None), each checked to exist."""
    if tracks is None:
        return tuple(range(len(song.tracks)))
    if not tracks:
        raise ComposeError(
            QT_TRANSLATE_NOOP(
                "SectionOps", "no tracks were chosen: choose at least one, or all (the default)"
            )
        )
    for track in tracks:
        if not 0 <= track < len(song.tracks):
            raise ComposeError(
                QT_TRANSLATE_NOOP(
                    "SectionOps",
                    "track {track} does not exist: the song has {tracks_count} track(s)",
                ).format(track=track + 1, tracks_count=len(song.tracks))
            )
    return tuple(sorted(set(tracks)))


def free_cells(song: Song, index: int, tracks: Sequence[int]) -> list[Cell]:
    """The unlocked cells of section `index` on `tracks`; a ComposeError when every one is
    locked (nothing could change)."""
    section = song.sections[index]
    cells = [(t, bar) for bar in section.bar_range for t in tracks]
    free = [(t, bar) for t, bar in cells if bar not in song.tracks[t].locked_bars]
    if not free:
        raise ComposeError(
            QT_TRANSLATE_NOOP(
                "SectionOps",
                "every cell of section {index} {name!r} (bars {first_bar}-{last_bar}) "
                "on the chosen tracks is locked: unlock some, or choose other tracks",
            ).format(
                index=index + 1,
                name=section.name,
                first_bar=section.first_bar + 1,
                last_bar=section.last_bar + 1,
            )
        )
    return free


def _scope(scope: str) -> str:
    if scope not in SECTION_SCOPES:
        raise ComposeError(
            QT_TRANSLATE_NOOP("SectionOps", "scope {scope!r} is unknown: use {choices}").format(
                scope=scope, choices=" or ".join(SECTION_SCOPES)
            )
        )
    return scope


def _strength(strength: float, what: str) -> float:
    if not 0.0 <= strength <= 1.0:
        raise ComposeError(
            QT_TRANSLATE_NOOP(
                "SectionOps", "{what} strength must be from 0 to 1, got {strength}"
            ).format(what=what, strength=strength)
        )
    return float(strength)


# --- the form -------------------------------------------------------------------------------


def _cut(section: Section, first: int, last: int) -> list[Section]:
    """What is left of `section` outside bars `first..last`: itself, one part or two."""
    before = min(section.last_bar, first - 1) - section.first_bar + 1
    after = section.last_bar - max(section.first_bar, last + 1) + 1
    parts = []
    if before > 0:
        parts.append(dataclasses.replace(section, bars=before))
    if after > 0:
        start = max(section.first_bar, last + 1)
        parts.append(dataclasses.replace(section, first_bar=start, bars=after))
    return parts


def _recast_form(song: Song, index: int, role: str, source: int | None) -> Song:
    """The song with section `index` of `role`, named as a repeat of `source` would be: a strain
    (or 'other' section) takes its source's name, since its repeats are found by name; any
    other role takes the role's name, with the next free number when the song has others of
    the role ('Chorus 3'). Its energy becomes the role's default."""
    sections = list(song.sections)
    others = [s for i, s in enumerate(sections) if i != index]
    if source is not None and role in NAMED_BY_NAME:
        name = sections[source].name
    elif not any(s.role == role for s in others):
        name = ROLE_NAMES[role]
    else:
        taken = {s.name.casefold() for s in others}
        count = 1 + sum(s.role == role for s in others)
        while f"{ROLE_NAMES[role]} {count}".casefold() in taken:
            count += 1
        name = f"{ROLE_NAMES[role]} {count}"
    sections[index] = dataclasses.replace(sections[index], role=role, name=name, energy=None)
    return dataclasses.replace(song, sections=tuple(sections))


def _to_repeats(
    model: MidiModel,
    song: Song,
    index: int,
    *,
    tracks: Sequence[int],
    controls: Controls,
    seed: int,
    progress: Progress | None,
) -> Song:
    """Section `index`'s music (on `tracks`) given to every other repeat of it."""
    others = [song.sections[i] for i in repeats_of(song.sections, index) if i != index]
    return spread(
        model,
        song,
        song.sections[index],
        others,
        tracks=tracks,
        controls=controls,
        seed=seed,
        progress=progress,
    )


def locked_cells_kept(song: Song, request: SectionRequest) -> int:
    """How many locked cells among those `request` would write are left as they are (what the
    app and the command line tell the composer after a section operation)."""
    section = section_of(song, request.section)
    every_track = tuple(range(len(song.tracks)))
    if isinstance(request, CopySection):
        bars = list(range(request.to_bar, request.to_bar + section.bars))
        tracks = every_track
    elif isinstance(request, RecastSection):
        bars, tracks = list(section.bar_range), every_track
    else:
        chosen = repeats_of(song.sections, request.section) if request.scope == "all" else ()
        bars = sorted({b for i in {request.section, *chosen} for b in song.sections[i].bar_range})
        tracks = tuple(request.tracks or every_track)
    return sum(
        bar in song.tracks[track].locked_bars
        for track in tracks
        if 0 <= track < len(song.tracks)
        for bar in bars
        if 0 <= bar < song.bar_count
    )
