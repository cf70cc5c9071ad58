"""Edits that take a span of bars with its controllers: `select` (a song cut to some tracks and
bars: export, drag, copy) and `clear_cell_controls` (a cell's performance cleared).

Both follow the rule the song's edits share (see `engine.song.edits`): a span of bars takes
its controllers with it. So a selection opens with the state in force at its start and ends
with the pedal up and the bend centred, and clearing a cell restores at the bar's end what the
cleared events left in force. What a controller's rest is (`REST_VALUES`) and which kinds are
performance rather than set-up (`PERFORMANCE_KINDS`) are defined here, once, for both; the
composing operations use them too. They live apart from the note and track edits because they
work on time spans and controller streams, not on single notes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence

from engine.song.edit_checks import LockedCellError, check_track_index
from engine.song.sections import shifted
from engine.song.song import (
    ControlEvent,
    ControlKind,
    MapChange,
    Song,
    check_int,
)
from engine.words import QT_TRANSLATE_NOOP


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
        check_track_index(song, track_index)
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
        check_track_index(song, track_index)
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
