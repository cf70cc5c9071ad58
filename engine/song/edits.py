"""Pure edit functions: each takes a Song and returns a new one, leaving the input untouched.

The UI's undo stack stores the Songs these return. Functions that would write into a locked
cell refuse with `LockedCellError`, so a lock is a guarantee rather than a convention; a new
note that would ring on into a locked bar is refused too, as what the bar sounds is locked
(the composing operations cut such notes at the bar line: `engine.compose.cell_edit`).
Track and bar indices are 0-based here; the CLI and the UI show them 1-based.

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
from collections.abc import Iterable, Sequence

from engine.song.sections import shifted
from engine.song.song import (
    MAX_BAR_COUNT,
    ControlEvent,
    ControlKind,
    KeySignatureChange,
    MapChange,
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
from engine.song.styles import style_named
from engine.words import QT_TRANSLATE_NOOP


class LockedCellError(SongError):
    """An edit tried to change a locked (track, bar) cell."""


def _check_track_index(song: Song, track_index: int) -> None:
    if not song.tracks:
        raise SongError(QT_TRANSLATE_NOOP("SongEdits", "the song has no tracks"))
    check_int("track index", track_index, 0, len(song.tracks) - 1)


def _replace_track(song: Song, track_index: int, track: Track) -> Song:
    tracks = list(song.tracks)
    tracks[track_index] = track
    return dataclasses.replace(song, tracks=tuple(tracks))


def _check_unlocked(song: Song, track_index: int, notes: Iterable[Note]) -> None:
    locked = song.tracks[track_index].locked_bars
    if not locked:
        return
    for note in notes:
        bar = song.bar_at_tick(note.start_tick)
        if bar in locked:
            raise LockedCellError(
                QT_TRANSLATE_NOOP(
                    "SongEdits",
                    "bar {bar} of track {track_index} ({name!r}) is locked: unlock it to "
                    "edit its notes",
                ).format(
                    bar=bar + 1, track_index=track_index + 1, name=song.tracks[track_index].name
                )
            )


def _locked_bar_reached(song: Song, track_index: int, note: Note) -> int | None:
    """The first locked bar of the track, after the note's own, that the note rings into."""
    locked = song.tracks[track_index].locked_bars
    first, last = song.bar_at_tick(note.start_tick), song.bar_at_tick(note.end_tick - 1)
    return next((bar for bar in range(first + 1, last + 1) if bar in locked), None)


def held_by_locks(song: Song, track_index: int, notes: Iterable[Note]) -> list[Note]:
    """The notes that ring into a locked bar of their track: they are part of what that bar
    sounds, so no edit may remove, move or shorten them while it is locked."""
    if not song.tracks[track_index].locked_bars:
        return []
    return [note for note in notes if _locked_bar_reached(song, track_index, note) is not None]


def _check_not_ringing_into_locks(song: Song, track_index: int, notes: Iterable[Note]) -> None:
    """A lock holds what its bar sounds, not only the notes starting there: a new note may not
    ring on into a locked bar of its track."""
    for note in held_by_locks(song, track_index, notes):
        reached = _locked_bar_reached(song, track_index, note)
        assert reached is not None
        line = song.bar_span(reached)[0]
        raise LockedCellError(
            QT_TRANSLATE_NOOP(
                "SongEdits",
                "a note from tick {start_tick} to {end_tick} would ring into bar "
                "{reached} of track {track_index} ({name!r}), which is locked: end it "
                "by tick {line} or unlock the bar",
            ).format(
                start_tick=note.start_tick,
                end_tick=note.end_tick,
                reached=reached + 1,
                track_index=track_index + 1,
                name=song.tracks[track_index].name,
                line=line,
            )
        )


def _check_not_holding_locks(song: Song, track_index: int, notes: Iterable[Note]) -> None:
    """Removing a note that rings into a locked bar would change what that bar sounds."""
    for note in held_by_locks(song, track_index, notes):
        reached = _locked_bar_reached(song, track_index, note)
        assert reached is not None
        raise LockedCellError(
            QT_TRANSLATE_NOOP(
                "SongEdits",
                "the note from tick {start_tick} to {end_tick} rings into bar "
                "{reached} of track {track_index} ({name!r}), which is locked: unlock "
                "bar {reached} to change or delete it",
            ).format(
                start_tick=note.start_tick,
                end_tick=note.end_tick,
                reached=reached + 1,
                track_index=track_index + 1,
                name=song.tracks[track_index].name,
            )
        )


def add_track(song: Song, track: Track, index: int | None = None) -> Song:
    """Insert `track` at `index` (default: after the last track)."""
    tracks = list(song.tracks)
    position = len(tracks) if index is None else check_int("track index", index, 0, len(tracks))
    tracks.insert(position, track)
    return dataclasses.replace(song, tracks=tuple(tracks))


def remove_track(song: Song, track_index: int) -> Song:
    _check_track_index(song, track_index)
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
    _check_track_index(song, track_index)
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
    _check_track_index(song, track_index)
    new_notes = tuple(notes)
    _check_unlocked(song, track_index, new_notes)
    _check_not_ringing_into_locks(song, track_index, new_notes)
    track = song.tracks[track_index]
    return _replace_track(
        song, track_index, dataclasses.replace(track, notes=track.notes + new_notes)
    )


def remove_notes(song: Song, track_index: int, notes: Iterable[Note]) -> Song:
    """Remove the given notes (matched by value) from a track; refuses a note in a locked
    cell or one ringing into a locked bar."""
    _check_track_index(song, track_index)
    doomed = set(notes)
    _check_unlocked(song, track_index, doomed)
    _check_not_holding_locks(song, track_index, doomed)
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
    _check_unlocked(song, track_index, new_notes)
    _check_not_ringing_into_locks(song, track_index, new_notes)
    removed = remove_notes(song, track_index, old)
    return add_notes(removed, track_index, new_notes)


def set_locked(song: Song, cells: Iterable[tuple[int, int]], locked: bool = True) -> Song:
    """Lock or unlock (track_index, bar) cells."""
    by_track: dict[int, set[int]] = {}
    for track_index, bar in cells:
        _check_track_index(song, track_index)
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


def _changes_in_window(
    changes: Sequence[MapChange], start: int, end: int, in_force: MapChange | None
) -> tuple[MapChange, ...]:
    """Changes inside (start, end), shifted to begin at 0, led by the one in force at start."""
    shifted = [dataclasses.replace(in_force, tick=0)] if in_force is not None else []
    shifted += [
        dataclasses.replace(change, tick=change.tick - start)
        for change in changes
        if start < change.tick < end
    ]
    return tuple(shifted)


def select(
    song: Song, track_indices: Sequence[int] | None = None, bars: tuple[int, int] | None = None
) -> Song:
    """A new Song holding only some tracks and bars (`bars` is an inclusive 0-based range).

    Notes that start inside the range are kept and cut at its end; the tempo, meter and key in
    force at the first selected bar become the new song's opening ones, and so do each
    track's program and controllers (see the module's rule). Texts inside the range are
    kept, and copyright notices always.
    """
    indices = list(range(len(song.tracks))) if track_indices is None else list(track_indices)
    for track_index in indices:
        _check_track_index(song, track_index)
    first, last = (0, song.bar_count - 1) if bars is None else bars
    check_int("first bar", first, 0, song.bar_count - 1)
    check_int("last bar", last, first, song.bar_count - 1)
    start, end = song.bar_start_ticks[first], song.bar_start_ticks[last + 1]

    tracks = []
    for track_index in indices:
        track = song.tracks[track_index]
        notes = tuple(
            dataclasses.replace(
                note,
                start_tick=note.start_tick - start,
                duration_ticks=min(note.duration_ticks, end - note.start_tick),
            )
            for note in track.notes
            if start <= note.start_tick < end
        )
        locks = frozenset(bar - first for bar in track.locked_bars if first <= bar <= last)
        changes = tuple(
            dataclasses.replace(change, tick=change.tick - start)
            for change in track.program_changes
            if start < change.tick and _inside(change.tick, start, end, song.end_tick)
        )
        tracks.append(
            dataclasses.replace(
                track,
                notes=notes,
                locked_bars=locks,
                program=track.program_at(start),
                program_changes=changes,
                controls=_controls_in_window(track.controls, start, end, song.end_tick),
            )
        )
    texts = tuple(
        dataclasses.replace(text, tick=max(text.tick - start, 0))
        for text in song.texts
        if _inside(text.tick, start, end, song.end_tick)
        or (text.kind == "copyright" and text.tick < start)
    )
    return Song(
        title=song.title,
        bar_count=last - first + 1,
        tracks=tuple(tracks),
        tempos=_changes_in_window(song.tempos, start, end, song.tempo_at(start)),
        time_signatures=_changes_in_window(
            song.time_signatures, start, end, song.time_signature_at(start)
        ),
        key_signatures=_changes_in_window(song.key_signatures, start, end, song.key_at(start)),
        style=song.style,
        texts=tuple(sorted(texts, key=lambda text: text.tick)),
        sections=shifted(song.sections, first, last),
    )


PERFORMANCE_KINDS: tuple[ControlKind, ...] = (
    "pitch_bend",
    "sustain",
    "expression",
    "channel_pressure",
)
"""Controllers that are part of playing a bar (cleared with its notes); the rest ('cc':
volume, pan, bank, RPN) set a track up and stay."""
REST_VALUES: dict[str, int] = {
    "pitch_bend": 0,
    "sustain": 0,
    "expression": 127,
    "channel_pressure": 0,
}
"""Each performance kind's value when nothing is being done (a synth's reset state)."""
_AT_REST = REST_VALUES


def _inside(tick: int, start: int, end: int, song_end: int) -> bool:
    """Whether an event at `tick` belongs to the span [start, end): an event on the span's
    end belongs to the next bar, except at the song's very end, where there is none."""
    return start <= tick < end or tick == end == song_end


def _at_rest(control: ControlEvent) -> bool:
    rest = _AT_REST.get(control.kind)
    if control.kind == "sustain":
        return control.value < 64
    return rest is not None and control.value == rest


def _controls_in_window(
    controls: Sequence[ControlEvent], start: int, end: int, song_end: int
) -> tuple[ControlEvent, ...]:
    """The controllers of [start, end) shifted to begin at 0, opened by the last value of each
    controller set before `start` (unless at rest) and, for a span inside the song, closed by
    a pedal up and a centred bend at the span's end if either was left active."""
    last_before: dict[tuple[str, int], tuple[int, ControlEvent]] = {}
    for index, control in enumerate(controls):
        if control.tick >= start:
            break
        last_before[control.key] = (index, control)
    opening = [
        dataclasses.replace(control, tick=0)
        for _, control in sorted(last_before.values(), key=lambda item: item[0])
        if not _at_rest(control)
    ]
    inside = [
        dataclasses.replace(control, tick=control.tick - start)
        for control in controls
        if _inside(control.tick, start, end, song_end)
    ]
    closing = []
    if end < song_end:
        in_force = {control.key: control for control in opening + inside}
        for key in (("sustain", 0), ("pitch_bend", 0)):
            active = in_force.get(key)
            if active is not None and not _at_rest(active):
                closing.append(ControlEvent(end - start, key[0], 0))
    return tuple(opening + inside + closing)


def clear_cell_controls(
    song: Song,
    cells: Iterable[tuple[int, int]],
    kinds: Sequence[ControlKind] = PERFORMANCE_KINDS,
) -> Song:
    """Delete the controllers of `kinds` set inside these (track_index, bar) cells.

    What they left in force at a bar's end is set again there, so the bars after sound as
    before (a pedal pressed in the cleared bar and released later is still down after it).
    Refuses a locked cell.
    """
    by_track: dict[int, list[int]] = {}
    for track_index, bar in cells:
        _check_track_index(song, track_index)
        check_int("bar", bar, 0, song.bar_count - 1)
        if bar in song.tracks[track_index].locked_bars:
            raise LockedCellError(
                QT_TRANSLATE_NOOP(
                    "SongEdits", "bar {bar} of track {track_index} is locked: unlock it to clear it"
                ).format(bar=bar + 1, track_index=track_index + 1)
            )
        by_track.setdefault(track_index, []).append(bar)
    tracks = list(song.tracks)
    for track_index, bars in by_track.items():
        controls = list(tracks[track_index].controls)
        for bar in sorted(set(bars)):
            controls = _clear_span(controls, *song.bar_span(bar), set(kinds))
        tracks[track_index] = dataclasses.replace(tracks[track_index], controls=tuple(controls))
    return dataclasses.replace(song, tracks=tuple(tracks))


def _clear_span(
    controls: list[ControlEvent], start: int, end: int, kinds: set[str]
) -> list[ControlEvent]:
    def cleared(control: ControlEvent) -> bool:
        return start <= control.tick < end and control.kind in kinds

    kept = [control for control in controls if not cleared(control)]
    restored = []
    for key in dict.fromkeys(control.key for control in controls if cleared(control)):
        before = [c for c in controls if c.key == key and c.tick < end][-1]
        after = [c for c in kept if c.key == key and c.tick < end]
        set_at_end = any(c.key == key and c.tick == end for c in kept)
        was = before.value if not _at_rest(before) else None
        now = after[-1].value if after and not _at_rest(after[-1]) else None
        if was != now and not set_at_end:
            restored.append(dataclasses.replace(before, tick=end))
    return sorted(kept + restored, key=lambda control: control.tick)


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
