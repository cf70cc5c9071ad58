"""Hold an imported Song against the reference count of its file: kept, moved, lost.

`summarize` turns a Song into plain JSON (it runs in the isolated child, so only the summary
crosses back); `compare` matches it note by note against `midi_reference.Reference`.

Matching, in order, each file note taking at most one Song note:
1. exact: same pitch, start and duration (each within 1 tick, the rounding of a resolution
   change to 480 ticks per quarter) in a Song track that came from the note's file track and
   channel (a Song track "comes from" the group it shares most (start, pitch) pairs with);
2. moved, by what changed: duration; track (same start and pitch, another track); time (same
   pitch and group, the nearest start within a bar of 4/4); pitch (same start and group);
3. lost: none of the above. Song notes left over are "added".

Controllers and texts are counted wherever a Song keeps them: the Song may gain fields for
them while this benchmark is in use, so they are found by looking at the dataclass fields
Song and Track have beyond today's (see `_event_counts`), not by names fixed here.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from benchmarks.midi_reference import EVENT_KINDS, Group, Reference, name_readings
from engine.song.song import PPQ, Song, Track

TOLERANCE_TICKS = 1
NEAR_TICKS = 4 * PPQ
"""How far a note may have moved in time and still count as moved rather than lost."""

KNOWN_SONG_FIELDS = frozenset(
    ("title", "bar_count", "tracks", "tempos", "time_signatures", "key_signatures", "style")
)
KNOWN_TRACK_FIELDS = frozenset(
    ("name", "program", "is_drum", "notes", "locked_bars", "timbre", "gain_db", "pan", "muted")
) | {"solo"}
"""The fields Song and Track had before they could hold controllers and texts: any other
field is searched for them (named here, not read from the classes, which may have grown)."""

WARNING_WORDS = {
    "notes": ("note",),
    "pitch_bend": ("bend", "controller"),  # a count of "controller events" includes bends
    "sustain": ("sustain", "pedal", "cc64", "controller"),
    "expression": ("expression", "cc11", "controller"),
    "channel_pressure": ("pressure", "aftertouch", "controller"),
    "other_cc": ("controller", "cc"),
    "lyrics": ("lyric",),
    "marker": ("marker",),
    "text": ("text",),
    "copyright": ("copyright",),
}
"""A warning with a word starting with one of these is taken to tell the user of that kind
('note' matches 'notes', 'cc' matches 'CC64' but not 'accidental')."""

SongSummary = dict[str, Any]


def summarize(song: Song, warnings: list[str]) -> SongSummary:
    """The parts of an imported Song the comparison needs, as JSON-ready values."""
    return {
        "title": song.title,
        "warnings": list(warnings),
        "tracks": [
            {
                "name": track.name,
                "program": track.program,
                "programs": _programs(track),
                "is_drum": track.is_drum,
                "notes": [
                    [note.start_tick, note.pitch, note.duration_ticks] for note in track.notes
                ],
            }
            for track in song.tracks
        ],
        "events": _event_counts(song),
    }


def _event_counts(song: Song) -> dict[str, int]:
    """Count controllers and texts in any field Song or Track has beyond today's.

    Each item is classed by its own `kind` (or `type`) where it has one ("pitch_bend",
    "sustain", "cc" with a `number`, "lyric", "marker"...; see `KIND_NAMES`), else by a
    controller `number` (64 sustain, 11 expression, others "other_cc"), else by the field's
    name ("bend", "pedal", "lyrics"...). Items with a `program` are program changes, counted
    by `_programs`. A plain string field (a copyright notice) counts once by its name.
    """
    counts = dict.fromkeys(EVENT_KINDS, 0)
    holders: list[tuple[object, frozenset[str]]] = [(song, KNOWN_SONG_FIELDS)]
    holders += [(track, KNOWN_TRACK_FIELDS) for track in song.tracks]
    for holder, known in holders:
        for item_field in dataclasses.fields(holder):  # type: ignore[arg-type]
            if item_field.name in known:
                continue
            value = getattr(holder, item_field.name)
            items = value if isinstance(value, tuple | list) else [value]
            for item in items:
                kind = _event_kind(item_field.name.lower(), item)
                if kind is not None:
                    counts[kind] += 1
    return counts


KIND_NAMES = {
    "pitch_bend": "pitch_bend",
    "bend": "pitch_bend",
    "sustain": "sustain",
    "pedal": "sustain",
    "expression": "expression",
    "channel_pressure": "channel_pressure",
    "aftertouch": "channel_pressure",
    "cc": "other_cc",
    "lyric": "lyrics",
    "lyrics": "lyrics",
    "marker": "marker",
    "copyright": "copyright",
    "text": "text",
    "cue": "text",
}
"""An item's own `kind` (or `type`) -> the kind counted here."""
CC_KINDS = {64: "sustain", 11: "expression"}


def _event_kind(field_name: str, item: object) -> str | None:
    """The kind of one item of an unknown field (see `_event_counts`), or None if not one."""
    if item is None or item == "" or hasattr(item, "program"):
        return None
    own_kind = str(getattr(item, "kind", getattr(item, "type", ""))).lower()
    if own_kind in KIND_NAMES:
        kind = KIND_NAMES[own_kind]
        return CC_KINDS.get(getattr(item, "number", -1), kind) if kind == "other_cc" else kind
    number = getattr(item, "number", getattr(item, "control", None))
    if isinstance(number, int):
        return CC_KINDS.get(number, "other_cc")
    for word, kind in KIND_NAMES.items():
        if word != "cc" and word in field_name:
            return kind
    return None


def _programs(track: Track) -> list[int]:
    """The track's program and any later ones it changes to (in a field beyond today's)."""
    programs = [track.program]
    for item_field in dataclasses.fields(track):
        if item_field.name not in KNOWN_TRACK_FIELDS:
            value = getattr(track, item_field.name)
            items = value if isinstance(value, tuple | list) else [value]
            programs += [
                item.program for item in items if isinstance(getattr(item, "program", None), int)
            ]
    return programs


@dataclass
class Tally:
    """One file's comparison; totals are sums of these."""

    notes_in_file: int = 0
    exact: int = 0
    moved: dict[str, int] = field(default_factory=dict)
    """Notes moved, by what changed (a plain dict: `dataclasses.asdict` garbles a Counter)."""
    lost: int = 0
    added: int = 0
    events_in_file: dict[str, int] = field(default_factory=dict)
    events_kept: dict[str, int] = field(default_factory=dict)
    lost_silently: dict[str, int] = field(default_factory=dict)
    moved_silently: int = 0
    names_in_file: int = 0
    names_kept: int = 0
    names_non_ascii: int = 0
    names_non_ascii_decoded: int = 0
    programs_in_file: int = 0
    programs_kept: int = 0
    warnings: int = 0


def compare(reference: Reference, summary: SongSummary) -> Tally:
    """Match the Song's notes, events and names against the file's reference count."""
    tally = Tally(notes_in_file=len(reference.notes), warnings=len(summary["warnings"]))
    matcher = _Matcher(reference, summary["tracks"])
    tally.exact, tally.moved, tally.lost, tally.added = matcher.run()
    # A file the import refused (or failed on) loses everything, but loudly: not silently.
    warned = set(WARNING_WORDS) if summary.get("failed") else _warned_kinds(summary["warnings"])
    tally.lost_silently["notes"] = 0 if "notes" in warned else tally.lost
    tally.moved_silently = 0 if "notes" in warned else sum(tally.moved.values())
    for kind in EVENT_KINDS:
        in_file, kept = reference.events[kind], summary["events"].get(kind, 0)
        tally.events_in_file[kind] = in_file
        tally.events_kept[kind] = min(in_file, kept)
        lost = in_file - tally.events_kept[kind]
        tally.lost_silently[kind] = 0 if kind in warned else lost
    _compare_names(reference, summary, matcher.track_groups, tally)
    _compare_programs(reference, summary, matcher.track_groups, tally)
    return tally


def _warned_kinds(warnings: list[str]) -> set[str]:
    """The kinds some warning names, by a word that starts with one of `WARNING_WORDS`."""
    text = " ".join(warnings).lower()
    return {
        kind
        for kind, words in WARNING_WORDS.items()
        if any(re.search(rf"\b{word}", text) for word in words)
    }


def _compare_names(
    reference: Reference, summary: SongSummary, track_groups: list[Group | None], tally: Tally
) -> None:
    """A file track's name is kept when a Song track from it starts with a reading of it
    (see `name_readings`) and holds no replacement or control characters."""
    for file_track, raw in reference.track_names.items():
        readings = name_readings(raw)
        names = [
            track["name"]
            for track, group in zip(summary["tracks"], track_groups, strict=True)
            if group is not None and group[0] == file_track
        ]
        kept = any(
            _readable(name) and any(name.startswith(reading) for reading in readings)
            for name in names
        )
        tally.names_in_file += 1
        tally.names_kept += kept
        if not raw.isascii():
            tally.names_non_ascii += 1
            tally.names_non_ascii_decoded += kept


def _readable(name: str) -> bool:
    return not any(char == "\ufffd" or unicodedata.category(char) == "Cc" for char in name)


def _compare_programs(
    reference: Reference, summary: SongSummary, track_groups: list[Group | None], tally: Tally
) -> None:
    """Each (group, program) that sounds in the file should be a Song track's program."""
    in_file = {(note.group, note.program) for note in reference.notes if note.group[1] != 9}
    in_song = {
        (group, program)
        for track, group in zip(summary["tracks"], track_groups, strict=True)
        if group is not None
        for program in track.get("programs", [track["program"]])
    }
    tally.programs_in_file = len(in_file)
    tally.programs_kept = len(in_file & in_song)


class _Matcher:
    """The note matching described in the module docstring, over plain lists."""

    def __init__(self, reference: Reference, tracks: list[dict[str, Any]]) -> None:
        scale = PPQ / reference.ticks_per_beat
        self.ref = [
            (n.group, round(n.start_tick * scale), n.pitch, round(n.duration_ticks * scale))
            for n in reference.notes
        ]
        self.ref_programs = [n.program for n in reference.notes]
        self.song = [
            (index, start, pitch, duration)
            for index, track in enumerate(tracks)
            for start, pitch, duration in track["notes"]
        ]
        self.used = [False] * len(self.song)
        self.by_key: dict[tuple[int, int], list[int]] = defaultdict(list)
        for note_id, (_, start, pitch, _) in enumerate(self.song):
            self.by_key[(pitch, start)].append(note_id)
        self.track_groups = self._map_tracks(tracks)

    def _map_tracks(self, tracks: list[dict[str, Any]]) -> list[Group | None]:
        """Each Song track's file group: the one whose notes it shares most, weighing a
        shared onset and pitch 4, a shared duration 2 and a shared program 1, so that a
        track doubling another (same notes, other instrument) still finds its own group.
        A Song note counts once per group, however many duplicates of it the file holds."""
        shared: list[Counter[Group]] = [Counter() for _ in tracks]
        seen: set[tuple[int, Group]] = set()
        ref_notes = zip(self.ref, self.ref_programs, strict=True)
        for (group, start, pitch, duration), program in ref_notes:
            for note_id in self._near(pitch, start):
                if (note_id, group) in seen:
                    continue
                seen.add((note_id, group))
                track = self.song[note_id][0]
                same_duration = abs(self.song[note_id][3] - duration) <= TOLERANCE_TICKS
                same_program = tracks[track]["program"] == program
                shared[track][group] += 4 + 2 * same_duration + same_program
        chosen: list[Group | None] = []
        for counts in shared:  # of equal best groups, one no earlier track took (a doubling)
            best = [g for g, score in counts.items() if score == max(counts.values(), default=0)]
            untaken = [group for group in best if group not in chosen]
            chosen.append(untaken[0] if untaken else best[0] if best else None)
        return chosen

    def _near(self, pitch: int, start: int) -> list[int]:
        found: list[int] = []
        for tick in range(start - TOLERANCE_TICKS, start + TOLERANCE_TICKS + 1):
            found += self.by_key.get((pitch, tick), [])
        return found

    def _take(self, candidates: list[int]) -> bool:
        for note_id in candidates:
            if not self.used[note_id]:
                self.used[note_id] = True
                return True
        return False

    def run(self) -> tuple[int, dict[str, int], int, int]:
        """(exact, moved by what changed, lost, added)."""
        left = list(range(len(self.ref)))
        exact_left = self._pass(left, self._exact)
        exact = len(left) - len(exact_left)
        moved: Counter[str] = Counter()
        for reason, finder in (("duration", self._same_onset), ("track", self._other_track)):
            remaining = self._pass(exact_left, finder)
            moved[reason] = len(exact_left) - len(remaining)
            exact_left = remaining
        remaining = self._pass(exact_left, self._nearest_in_time)
        moved["time"] = len(exact_left) - len(remaining)
        lost_ids = self._pass(remaining, self._other_pitch)
        moved["pitch"] = len(remaining) - len(lost_ids)
        return exact, dict(+moved), len(lost_ids), self.used.count(False)

    def _pass(self, ref_ids: list[int], finder: Any) -> list[int]:
        """Run `finder` on each file note; return the ids it found no Song note for."""
        return [ref_id for ref_id in ref_ids if not self._take(finder(*self.ref[ref_id]))]

    def _from(self, group: Group, note_id: int) -> bool:
        return self.track_groups[self.song[note_id][0]] == group

    def _exact(self, group: Group, start: int, pitch: int, duration: int) -> list[int]:
        return [
            i
            for i in self._near(pitch, start)
            if self._from(group, i) and abs(self.song[i][3] - duration) <= TOLERANCE_TICKS
        ]

    def _same_onset(self, group: Group, start: int, pitch: int, _duration: int) -> list[int]:
        return [i for i in self._near(pitch, start) if self._from(group, i)]

    def _other_track(self, _group: Group, start: int, pitch: int, _duration: int) -> list[int]:
        return self._near(pitch, start)

    def _nearest_in_time(self, group: Group, start: int, pitch: int, _d: int) -> list[int]:
        """Unused notes of this pitch and group within `NEAR_TICKS`, nearest first."""
        onsets, ids = self._by_group_pitch[(group, pitch)]
        low = bisect.bisect_left(onsets, start - NEAR_TICKS)
        high = bisect.bisect_right(onsets, start + NEAR_TICKS)
        window = [i for i in ids[low:high] if not self.used[i]]
        return sorted(window, key=lambda i: abs(self.song[i][1] - start))

    def _other_pitch(self, group: Group, start: int, _pitch: int, _d: int) -> list[int]:
        return [
            i
            for tick in range(start - TOLERANCE_TICKS, start + TOLERANCE_TICKS + 1)
            for i in self._by_group_onset.get((group, tick), [])
        ]

    @cached_property
    def _by_group_pitch(self) -> defaultdict[tuple[Group, int], tuple[list[int], list[int]]]:
        """(group, pitch) -> (onsets, note ids), sorted by onset, for the time pass."""
        index: defaultdict[tuple[Group, int], tuple[list[int], list[int]]] = defaultdict(
            lambda: ([], [])
        )
        for note_id in sorted(range(len(self.song)), key=lambda i: self.song[i][1]):
            track, start, pitch, _ = self.song[note_id]
            group = self.track_groups[track]
            if group is not None:
                index[(group, pitch)][0].append(start)
                index[(group, pitch)][1].append(note_id)
        return index

    @cached_property
    def _by_group_onset(self) -> dict[tuple[Group, int], list[int]]:
        index: defaultdict[tuple[Group, int], list[int]] = defaultdict(list)
        for note_id, (track, start, _, _) in enumerate(self.song):
            group = self.track_groups[track]
            if group is not None:
                index[(group, start)].append(note_id)
        return index
