"""Pure edit functions: each takes a Song and returns a new one, leaving the input untouched.

The UI's undo stack stores the Songs these return. Functions that would write into a locked
cell refuse with `LockedCellError`, so a lock is a guarantee rather than a convention; a new
note that would ring on into a locked bar is refused too, as what the bar sounds is locked
(the composing operations cut such notes at the bar line: `engine.compose.cell_edit`).
Track and bar indices are 0-based here; the CLI and the UI show them 1-based. The checks every
edit runs live in `engine.song.edit_checks` and the edits over a span of bars (`select`,
`clear_cell_controls`) in `engine.song.span_edits`; this module re-exports them, so every edit
is still found here.

Controllers (pitch bend, pedal, expression, other CCs; see `engine.song.song.ControlEvent`) belong
to time on their track, as the notes do, and follow one rule: an edit that takes a span of
bars takes the controllers of that span with it, and one that only changes notes leaves them.

- `select` (export or drag a selection, copy) keeps the controllers inside the span, opens
  with the state in force at its start (a pedal held down into it stays down) and ends with
  the pedal up and the bend centred, so a selection never leaves a stuck pedal or bend.
- `clear_cells` deletes a cell's notes and its performance (bend, pedal, expression,
  pressure: `PERFORMANCE_KINDS`); setup controllers (volume, pan, bank, RPN) stay, and what
  the cleared events left in force at the bar's end is restored there, so the next bar sounds
  as before.
- Regenerating a cell rewrites its notes and keeps the cell's pedal and expression (the
  performance around new notes); its pitch bend shaped the old notes, so the writer clears it
  with `clear_cell_controls(song, cells, ("pitch_bend",))`.
- `add_notes`, `remove_notes` and `replace_notes` (piano-roll edits) leave controllers alone;
  `set_bar_count` drops those past the new end, where they affect nothing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from engine.song.edit_checks import LockedCellError as LockedCellError
from engine.song.edit_checks import (
    check_not_holding_locks,
    check_not_ringing_into_locks,
    check_track_index,
    check_unlocked,
)
from engine.song.edit_checks import held_by_locks as held_by_locks
from engine.song.sections import shifted
from engine.song.song import (
    MAX_BAR_COUNT,
    KeySignatureChange,
    Note,
    Song,
    SongError,
    TempoChange,
    TimeSignatureChange,
    Track,
    bar_grid,
    changes_before,
    check_int,
)
from engine.song.span_edits import PERFORMANCE_KINDS as PERFORMANCE_KINDS
from engine.song.span_edits import REST_VALUES as REST_VALUES
from engine.song.span_edits import clear_cell_controls as clear_cell_controls
from engine.song.span_edits import select as select
from engine.song.styles import style_named
from engine.words import QT_TRANSLATE_NOOP


def _replace_track(song: Song, track_index: int, track: Track) -> Song:
    tracks = list(song.tracks)
    tracks[track_index] = track
    return dataclasses.replace(song, tracks=tuple(tracks))


def add_track(song: Song, track: Track, index: int | None = None) -> Song:
    """Insert `track` at `index` (default: after the last track)."""
    tracks = list(song.tracks)
    position = len(tracks) if index is None else check_int("track index", index, 0, len(tracks))
    tracks.insert(position, track)
    return dataclasses.replace(song, tracks=tuple(tracks))


def remove_track(song: Song, track_index: int) -> Song:
    check_track_index(song, track_index)
    if song.tracks[track_index].locked_bars:
        raise LockedCellError(
            QT_TRANSLATE_NOOP(
                "SongEdits",
                "track {track_index} has locked bars: unlock them before removing the track",
            ).format(track_index=track_index + 1)
        )
    return dataclasses.replace(
        song, tracks=song.tracks[:track_index] + song.tracks[track_index + 1 :]
    )


def update_track(song: Song, track_index: int, **changes: object) -> Song:
    """Change a track's name, program, drum flag, timbre or mix (not its notes or locks).

    The mix fields are `gain_db`, `pan`, `muted` and `solo`, e.g.
    `update_track(song, 0, muted=True)`; `Track` validates them, so a bad value raises
    SongError and the song is unchanged. Like every edit, the new Song is one undo step.
    """
    check_track_index(song, track_index)
    forbidden = {"notes", "locked_bars", "controls"} & changes.keys()
    if forbidden:
        raise SongError(
            QT_TRANSLATE_NOOP(
                "SongEdits", "use the note and lock edits to change {forbidden}"
            ).format(forbidden=sorted(forbidden))
        )
    track = dataclasses.replace(song.tracks[track_index], **changes)  # type: ignore[arg-type]
    return _replace_track(song, track_index, track)


def add_notes(song: Song, track_index: int, notes: Iterable[Note]) -> Song:
    """Add notes to a track; refuses notes that start in a locked bar or ring into one."""
    check_track_index(song, track_index)
    new_notes = tuple(notes)
    check_unlocked(song, track_index, new_notes)
    check_not_ringing_into_locks(song, track_index, new_notes)
    track = song.tracks[track_index]
    return _replace_track(
        song, track_index, dataclasses.replace(track, notes=track.notes + new_notes)
    )


def remove_notes(song: Song, track_index: int, notes: Iterable[Note]) -> Song:
    """Remove the given notes (matched by value) from a track; refuses a note in a locked
    cell or one ringing into a locked bar."""
    check_track_index(song, track_index)
    doomed = set(notes)
    check_unlocked(song, track_index, doomed)
    check_not_holding_locks(song, track_index, doomed)
    track = song.tracks[track_index]
    missing = doomed.difference(track.notes)
    if missing:
        raise SongError(
            QT_TRANSLATE_NOOP("SongEdits", "track {track_index} has no note {missing}").format(
                track_index=track_index + 1, missing=min(missing)
            )
        )
    kept = tuple(note for note in track.notes if note not in doomed)
    return _replace_track(song, track_index, dataclasses.replace(track, notes=kept))


def replace_notes(song: Song, track_index: int, old: Iterable[Note], new: Iterable[Note]) -> Song:
    """Swap notes for others in one step (a move, resize or velocity change)."""
    new_notes = tuple(new)
    check_unlocked(song, track_index, new_notes)
    check_not_ringing_into_locks(song, track_index, new_notes)
    removed = remove_notes(song, track_index, old)
    return add_notes(removed, track_index, new_notes)


def set_locked(song: Song, cells: Iterable[tuple[int, int]], locked: bool = True) -> Song:
    """Lock or unlock (track_index, bar) cells."""
    by_track: dict[int, set[int]] = {}
    for track_index, bar in cells:
        check_track_index(song, track_index)
        check_int("bar", bar, 0, song.bar_count - 1)
        by_track.setdefault(track_index, set()).add(bar)
    tracks = list(song.tracks)
    for track_index, bars in by_track.items():
        current = tracks[track_index].locked_bars
        updated = current | bars if locked else current - bars
        tracks[track_index] = dataclasses.replace(tracks[track_index], locked_bars=updated)
    return dataclasses.replace(song, tracks=tuple(tracks))


def set_bar_count(song: Song, bar_count: int) -> Song:
    """Grow or shrink the grid; shrinking refuses to drop notes or locks (delete them first).

    Tempo, meter and key changes past the new end are dropped: they no longer affect anything.
    """
    check_int("bar_count", bar_count, 1, MAX_BAR_COUNT)
    end = bar_grid(song.time_signatures, bar_count)[-1]
    tracks = tuple(
        dataclasses.replace(
            track,
            controls=tuple(c for c in track.controls if c.tick <= end),
            program_changes=tuple(c for c in track.program_changes if c.tick <= end),
        )
        for track in song.tracks
    )
    return dataclasses.replace(
        song,
        bar_count=bar_count,
        tracks=tracks,
        tempos=changes_before(song.tempos, end),
        time_signatures=changes_before(song.time_signatures, end),
        key_signatures=changes_before(song.key_signatures, end),
        texts=tuple(text for text in song.texts if text.tick <= end),
        sections=shifted(song.sections, 0, bar_count - 1),
    )


def set_tempo(song: Song, tempo_bpm: float, tick: int = 0) -> Song:
    """Set the tempo from `tick` on (replacing a change at that tick, keeping later ones)."""
    kept = [change for change in song.tempos if change.tick != tick]
    tempos = sorted([*kept, TempoChange(tick, tempo_bpm)], key=lambda change: change.tick)
    return dataclasses.replace(song, tempos=tuple(tempos))


def set_time_signature(song: Song, numerator: int, denominator: int, tick: int = 0) -> Song:
    kept = [change for change in song.time_signatures if change.tick != tick]
    meters = [*kept, TimeSignatureChange(tick, numerator, denominator)]
    return dataclasses.replace(song, time_signatures=tuple(sorted(meters, key=lambda c: c.tick)))


def set_key(song: Song, key: KeySignatureChange | None) -> Song:
    """Set one key for the whole song (None: no key signature)."""
    if key is not None and key.tick != 0:
        key = dataclasses.replace(key, tick=0)
    return dataclasses.replace(song, key_signatures=() if key is None else (key,))


def set_style(song: Song, style: str | None) -> Song:
    """Set the style the model writes the song in (None: no style), as one undoable edit.

    The notes already written stay as they are; the style steers the cells written from now on.
    An unknown name raises `UnknownStyleError`, whose message lists the styles there are.
    """
    if style is not None:
        style_named(style)
    return dataclasses.replace(song, style=style)


def clear_cells(song: Song, cells: Iterable[tuple[int, int]]) -> Song:
    """Delete the notes starting in these (track_index, bar) cells and the bars' performance
    controllers (see `clear_cell_controls`), as one edit; refuses a locked cell. A note ringing
    into a locked bar stays: it is part of what that bar sounds."""
    chosen = list(cells)
    song = clear_cell_controls(song, chosen)
    for track_index, bar in chosen:
        notes = song.notes_in_bar(track_index, bar)
        held = set(held_by_locks(song, track_index, notes))
        doomed = [note for note in notes if note not in held]
        if doomed:
            song = remove_notes(song, track_index, doomed)
    return song
