"""The Song document: frozen dataclasses shared by the engine, the UI and every file format.

A Song is a value. Nothing mutates it; edits (see `engine.song.edits`) return a new Song, and undo
is a stack of Songs. Every time is an integer tick at `PPQ` ticks per quarter note, so two
Songs compare equal exactly when they hold the same music.

Constructors validate their fields and raise `SongError` naming the field and the allowed
range, so an impossible Song can never exist, whether it came from a file, a model or a hand
edit.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal, TypeVar

from engine.song.sections import Section, check_sections
from engine.song.styles import STYLE_NAMES

# The value checks, the timbre reference and the events in time on a track live in `values`,
# `timbre_ref` and `track_events`; they are re-exported here (the `x as x` form), where every
# wing has always imported them from.
from engine.song.timbre_ref import MAX_SEED as MAX_SEED
from engine.song.timbre_ref import MAX_TIMBRE_COMPONENT as MAX_TIMBRE_COMPONENT
from engine.song.timbre_ref import TIMBRE_DIMENSION as TIMBRE_DIMENSION
from engine.song.timbre_ref import TIMBRE_KINDS as TIMBRE_KINDS
from engine.song.timbre_ref import TimbreKind as TimbreKind
from engine.song.timbre_ref import TimbreRef as TimbreRef
from engine.song.track_events import CONTROL_KINDS as CONTROL_KINDS
from engine.song.track_events import EXPRESSION_CC as EXPRESSION_CC
from engine.song.track_events import MAX_PITCH_BEND as MAX_PITCH_BEND
from engine.song.track_events import MAX_TICK as MAX_TICK
from engine.song.track_events import MIN_PITCH_BEND as MIN_PITCH_BEND
from engine.song.track_events import SUSTAIN_CC as SUSTAIN_CC
from engine.song.track_events import TEXT_KINDS as TEXT_KINDS
from engine.song.track_events import ControlEvent as ControlEvent
from engine.song.track_events import ControlKind as ControlKind
from engine.song.track_events import ProgramChange as ProgramChange
from engine.song.track_events import SongText as SongText
from engine.song.track_events import TextKind as TextKind
from engine.song.track_events import TimedEvent as TimedEvent
from engine.song.values import SongError as SongError
from engine.song.values import check_int as check_int
from engine.song.values import check_number as check_number
from engine.song.values import check_text as check_text
from engine.song.values import shown as shown
from engine.words import QT_TRANSLATE_NOOP

PPQ = 480
"""Ticks per quarter note for every Song (and for every exported MIDI file)."""

MIN_TEMPO_BPM = 4.0
MAX_TEMPO_BPM = 1000.0
ALLOWED_DENOMINATORS = (1, 2, 4, 8, 16, 32, 64)
MAX_NUMERATOR = 64
MAX_BAR_COUNT = 100_000
MIN_GAIN_DB = -60.0
"""The quietest a track's fader goes; a mixer treats it as silence, so -inf is never needed."""
MAX_GAIN_DB = 12.0
MIN_PAN = -1.0
"""Hard left."""
MAX_PAN = 1.0
"""Hard right (0.0 is the centre)."""
MIN_REVERB_SEND_DB = -60.0
"""A reverb send this low (or lower) sends nothing: the track stays dry."""
MAX_REVERB_SEND_DB = 6.0
DRUM_CHANNEL = 9
"""General MIDI drums live on MIDI channel 10, which is index 9 in every library."""

Mode = Literal["major", "minor", "dorian", "phrygian", "lydian", "mixolydian"]
MODES: tuple[Mode, ...] = ("major", "minor", "dorian", "phrygian", "lydian", "mixolydian")
"""The modes a key may be in. A church mode keeps the signature of its parent major key (E
dorian has D major's two sharps): that is how fiddle tunes, and the ABC books they come from,
write the dorian and mixolydian tunes that are a third of their repertoire."""
MODE_DEGREES: dict[Mode, int] = {
    "major": 0, "dorian": 1, "phrygian": 2, "lydian": 3, "mixolydian": 4, "minor": 5
}  # fmt: skip
"""The step of the signature's major scale that each mode's final stands on (minor: the sixth,
aeolian)."""

# One cell of the arrangement grid: (track index, bar index), both 0-based.
Cell = tuple[int, int]

_SHARP_MAJOR_TONICS = ("C", "G", "D", "A", "E", "B", "F#", "C#")
_FLAT_MAJOR_TONICS = ("C", "F", "Bb", "Eb", "Ab", "Db", "Gb", "Cb")
_SHARP_MINOR_TONICS = ("A", "E", "B", "F#", "C#", "G#", "D#", "A#")
_FLAT_MINOR_TONICS = ("A", "D", "G", "C", "F", "Bb", "Eb", "Ab")
_LETTERS = "CDEFGAB"
_SHARPS_ORDER = "FCGDAEB"


def _spelled_final(sharps_flats: int, mode: Mode) -> str:
    """A church mode's final spelled with the signature's accidentals: the letter `MODE_DEGREES`
    steps above the parent major's tonic, sharp or flat where the signature makes it so."""
    parent = (_SHARP_MAJOR_TONICS if sharps_flats >= 0 else _FLAT_MAJOR_TONICS)[abs(sharps_flats)]
    letter = _LETTERS[(_LETTERS.index(parent[0]) + MODE_DEGREES[mode]) % 7]
    if sharps_flats > 0 and letter in _SHARPS_ORDER[:sharps_flats]:
        return letter + "#"
    if sharps_flats < 0 and letter in _SHARPS_ORDER[::-1][:-sharps_flats]:
        return letter + "b"
    return letter


def _check_sorted_ticks(name: str, ticks: list[int]) -> None:
    if any(later <= earlier for earlier, later in itertools.pairwise(ticks)):
        raise SongError(
            QT_TRANSLATE_NOOP(
                "Song", "{name} must be in order of tick with at most one change per tick"
            ).format(name=name)
        )


@dataclass(frozen=True, slots=True, order=True)
class Note:
    """One note. Field order is the canonical sort order: start, pitch, duration, velocity."""

    start_tick: int
    pitch: int
    duration_ticks: int
    velocity: int

    def __post_init__(self) -> None:
        check_int("start_tick", self.start_tick, 0, MAX_TICK)
        check_int("pitch", self.pitch, 0, 127)
        check_int("duration_ticks", self.duration_ticks, 1, MAX_TICK)
        check_int("velocity", self.velocity, 1, 127)

    @property
    def end_tick(self) -> int:
        return self.start_tick + self.duration_ticks


@dataclass(frozen=True, slots=True)
class TempoChange:
    tick: int
    tempo_bpm: float

    def __post_init__(self) -> None:
        check_int("tick", self.tick, 0, MAX_TICK)
        bpm = self.tempo_bpm
        if isinstance(bpm, bool) or not isinstance(bpm, int | float):
            raise SongError(
                QT_TRANSLATE_NOOP("Song", "tempo_bpm must be a number, got {shown}").format(
                    shown=shown(bpm)
                )
            )
        if not MIN_TEMPO_BPM <= bpm <= MAX_TEMPO_BPM:
            raise SongError(
                QT_TRANSLATE_NOOP(
                    "Song",
                    "tempo_bpm must be from {min_tempo_bpm:g} to {max_tempo_bpm:g}, got {shown}",
                ).format(min_tempo_bpm=MIN_TEMPO_BPM, max_tempo_bpm=MAX_TEMPO_BPM, shown=shown(bpm))
            )
        object.__setattr__(self, "tempo_bpm", float(bpm))


@dataclass(frozen=True, slots=True)
class TimeSignatureChange:
    """A meter that starts a new bar at `tick` (a change inside a bar cuts that bar short)."""

    tick: int
    numerator: int
    denominator: int

    def __post_init__(self) -> None:
        check_int("tick", self.tick, 0, MAX_TICK)
        check_int("numerator", self.numerator, 1, MAX_NUMERATOR)
        if self.denominator not in ALLOWED_DENOMINATORS or isinstance(self.denominator, bool):
            raise SongError(
                QT_TRANSLATE_NOOP(
                    "Song", "denominator must be one of {allowed_denominators}, got {shown}"
                ).format(allowed_denominators=ALLOWED_DENOMINATORS, shown=shown(self.denominator))
            )

    @property
    def ticks_per_bar(self) -> int:
        return self.numerator * PPQ * 4 // self.denominator


@dataclass(frozen=True, slots=True)
class KeySignatureChange:
    """A key: sharps (positive) or flats (negative), and the mode. MIDI stores only major and
    minor; a church mode is written to a MIDI file as its signature's major key
    (`engine.song.theory.midi_key`)."""

    tick: int
    sharps_flats: int
    mode: Mode = "major"

    def __post_init__(self) -> None:
        check_int("tick", self.tick, 0, MAX_TICK)
        check_int("sharps_flats", self.sharps_flats, -7, 7)
        if self.mode not in MODES:
            raise SongError(
                QT_TRANSLATE_NOOP("Song", "mode must be one of {modes}, got {shown}").format(
                    modes=", ".join(MODES), shown=shown(self.mode)
                )
            )

    @property
    def tonic_name(self) -> str:
        """The tonic spelled as the key signature implies, e.g. 'F#' or 'Bb'."""
        index = abs(self.sharps_flats)
        if self.mode == "major":
            return (_SHARP_MAJOR_TONICS if self.sharps_flats >= 0 else _FLAT_MAJOR_TONICS)[index]
        if self.mode == "minor":
            return (_SHARP_MINOR_TONICS if self.sharps_flats >= 0 else _FLAT_MINOR_TONICS)[index]
        return _spelled_final(self.sharps_flats, self.mode)

    @property
    def name(self) -> str:
        return f"{self.tonic_name} {self.mode}"


MapChange = TypeVar("MapChange", TempoChange, TimeSignatureChange, KeySignatureChange)
"""Any entry of a Song's tempo, meter or key map (each has a `tick`)."""


def _in_tick_order(
    name: str, events: Iterable[TimedEvent], kind: type[TimedEvent]
) -> tuple[TimedEvent, ...]:
    """`events` as a tuple sorted by tick, keeping the given order within a tick (the order of
    controller moves at one tick matters: an RPN is three CCs in a row)."""
    items = tuple(events)
    if any(not isinstance(item, kind) for item in items):
        raise SongError(
            QT_TRANSLATE_NOOP("Song", "{name} must all be {name_2} values").format(
                name=name, name_2=kind.__name__
            )
        )
    if any(later.tick < earlier.tick for earlier, later in itertools.pairwise(items)):
        items = tuple(sorted(items, key=lambda event: event.tick))
    return items


@dataclass(frozen=True, slots=True)
class Track:
    """One instrument: its notes (kept sorted), GM program, locked bars and mixer settings.

    The mix is part of the document, not of the UI, so it is saved, undone and exported with
    the music: `gain_db` is the fader (0 dB leaves the sound as rendered), `pan` runs from -1.0
    (left) through 0.0 (centre) to +1.0 (right). `muted` and `solo` decide which tracks a mixer
    plays (see `audible_track_indices`). `width` (0 a point, 1 as wide as a section or a pad)
    and `reverb_send_db` (how much goes to the shared reverb; `MIN_REVERB_SEND_DB` is none) are
    None until someone sets them: the mixer then uses its instrument family's default
    (`engine.sound.space`).
    """

    name: str
    program: int = 0
    is_drum: bool = False
    notes: tuple[Note, ...] = ()
    locked_bars: frozenset[int] = frozenset()
    timbre: TimbreRef = field(default_factory=TimbreRef)
    gain_db: float = 0.0
    pan: float = 0.0
    muted: bool = False
    solo: bool = False
    controls: tuple[ControlEvent, ...] = ()
    """Pitch bend, pedal and controller moves in time order (see `ControlEvent`)."""
    program_changes: tuple[ProgramChange, ...] = ()
    """Later instrument changes: `program` plays until the first of these."""
    width: float | None = None
    """Stereo width from 0 to 1, or None for the instrument family's default."""
    reverb_send_db: float | None = None
    """Reverb send in dB (`MIN_REVERB_SEND_DB` to `MAX_REVERB_SEND_DB`), or None for the
    instrument family's default."""

    def __post_init__(self) -> None:
        check_text("track name", self.name)
        check_int("program", self.program, 0, 127)
        if not isinstance(self.is_drum, bool):
            raise SongError(
                QT_TRANSLATE_NOOP("Song", "is_drum must be true or false, got {shown}").format(
                    shown=shown(self.is_drum)
                )
            )
        notes = tuple(self.notes)
        if any(not isinstance(note, Note) for note in notes):
            raise SongError(QT_TRANSLATE_NOOP("Song", "a track's notes must all be Note values"))
        if any(later < earlier for earlier, later in itertools.pairwise(notes)):
            notes = tuple(sorted(notes))
        object.__setattr__(self, "notes", notes)
        try:
            locked = frozenset(self.locked_bars)
        except TypeError as err:  # a list inside: unhashable
            raise SongError(
                QT_TRANSLATE_NOOP("Song", "locked bars must be bar numbers, got {shown}").format(
                    shown=shown(self.locked_bars)
                )
            ) from err
        for bar in locked:
            check_int("locked bar", bar, 0, MAX_BAR_COUNT - 1)
        object.__setattr__(self, "locked_bars", locked)
        object.__setattr__(
            self, "gain_db", check_number("gain_db", self.gain_db, MIN_GAIN_DB, MAX_GAIN_DB)
        )
        object.__setattr__(self, "pan", check_number("pan", self.pan, MIN_PAN, MAX_PAN))
        for name in ("muted", "solo"):
            if not isinstance(getattr(self, name), bool):
                raise SongError(
                    QT_TRANSLATE_NOOP("Song", "{name} must be true or false, got {shown}").format(
                        name=name, shown=shown(getattr(self, name))
                    )
                )
        object.__setattr__(
            self, "controls", _in_tick_order("controls", self.controls, ControlEvent)
        )
        changes = _in_tick_order("program_changes", self.program_changes, ProgramChange)
        _check_sorted_ticks("program_changes", [change.tick for change in changes])
        object.__setattr__(self, "program_changes", changes)
        if self.width is not None:
            object.__setattr__(self, "width", check_number("width", self.width, 0.0, 1.0))
        if self.reverb_send_db is not None:
            send = check_number(
                "reverb_send_db", self.reverb_send_db, MIN_REVERB_SEND_DB, MAX_REVERB_SEND_DB
            )
            object.__setattr__(self, "reverb_send_db", send)

    @property
    def end_tick(self) -> int:
        """The tick where the last note ends (0 for an empty track)."""
        return max((note.end_tick for note in self.notes), default=0)

    @property
    def last_event_tick(self) -> int:
        """The latest tick anything of the track lies at: a note's end, a control, a change."""
        return max(
            self.end_tick,
            self.controls[-1].tick if self.controls else 0,
            self.program_changes[-1].tick if self.program_changes else 0,
        )

    def program_at(self, tick: int) -> int:
        """The General MIDI program sounding at `tick`."""
        ticks = [change.tick for change in self.program_changes]
        index = bisect.bisect_right(ticks, tick) - 1
        return self.program_changes[index].program if index >= 0 else self.program


def bar_grid(meters: Sequence[TimeSignatureChange], bar_count: int) -> tuple[int, ...]:
    """Bar boundaries, `bar_count + 1` ticks: a bar ends at its length or at a meter change."""
    starts = [0]
    meter_index = 0
    while len(starts) <= bar_count:
        start = starts[-1]
        while meter_index + 1 < len(meters) and meters[meter_index + 1].tick <= start:
            meter_index += 1
        end = start + meters[meter_index].ticks_per_bar
        if meter_index + 1 < len(meters):
            end = min(end, meters[meter_index + 1].tick)
        starts.append(end)
    return tuple(starts)


def changes_before(changes: Sequence[MapChange], end_tick: int) -> tuple[MapChange, ...]:
    """The tempo, meter or key changes that come before `end_tick` (later ones affect nothing)."""
    return tuple(change for change in changes if change.tick < end_tick)


def bars_to_cover(meters: Sequence[TimeSignatureChange], end_tick: int) -> int:
    """The fewest bars (at least one) whose grid reaches `end_tick` under these meters.

    Counted per meter section, never by building the grid, so a far tick under a short meter
    (a file's stray event at tick 2**28 in 1/64) costs one division, and the caller can refuse
    the count before anything of that size exists.
    """
    bars = 0
    for meter, following in zip(meters, (*meters[1:], None), strict=True):
        if meter.tick >= end_tick:
            break
        stop = end_tick if following is None else min(following.tick, end_tick)
        bars += -(-(stop - meter.tick) // meter.ticks_per_bar)
    return max(bars, 1)


def _default_tempos() -> tuple[TempoChange, ...]:
    return (TempoChange(0, 120.0),)


def _default_meters() -> tuple[TimeSignatureChange, ...]:
    return (TimeSignatureChange(0, 4, 4),)


@dataclass(frozen=True)
class Song:
    """A whole piece: tracks over a grid of `bar_count` bars with a tempo, meter and key map.

    Invariants checked on construction: the tempo and meter maps start at tick 0; every
    change, note and lock lies inside the bar grid.
    """

    title: str = "Untitled"
    bar_count: int = 8
    tracks: tuple[Track, ...] = ()
    tempos: tuple[TempoChange, ...] = field(default_factory=_default_tempos)
    time_signatures: tuple[TimeSignatureChange, ...] = field(default_factory=_default_meters)
    key_signatures: tuple[KeySignatureChange, ...] = ()
    style: str | None = None
    """The song's musical style, one of `engine.song.styles.STYLE_NAMES` (None: not said). The model
    writes in it; a song imported from a MIDI file has none until the composer picks one."""
    texts: tuple[SongText, ...] = ()
    """Lyrics, markers, copyright and other words in time order (from a MIDI file, or typed)."""
    sections: tuple[Section, ...] = ()
    """The song's form: named runs of bars in bar order (`engine.song.sections`)."""

    def __post_init__(self) -> None:
        check_text("title", self.title)
        if self.style is not None and self.style not in STYLE_NAMES:
            raise SongError(
                QT_TRANSLATE_NOOP(
                    "Song", "style must be one of {choices} or none, got {shown}"
                ).format(choices=", ".join(STYLE_NAMES), shown=shown(self.style))
            )
        check_int("bar_count", self.bar_count, 1, MAX_BAR_COUNT)
        for name in ("tracks", "tempos", "time_signatures", "key_signatures"):
            object.__setattr__(self, name, tuple(getattr(self, name)))
        object.__setattr__(self, "texts", _in_tick_order("texts", self.texts, SongText))
        self._check_maps()
        object.__setattr__(self, "sections", check_sections(self.sections, self.bar_count))
        end = self.end_tick
        if self.texts and self.texts[-1].tick > end:
            raise SongError(
                QT_TRANSLATE_NOOP(
                    "Song", "a {kind} lies at tick {tick}, after the song's end (tick {end})"
                ).format(kind=self.texts[-1].kind, tick=self.texts[-1].tick, end=end)
            )
        for index, track in enumerate(self.tracks):
            if track.end_tick > end:
                raise SongError(
                    QT_TRANSLATE_NOOP(
                        "Song",
                        "track {index} ({shown}) has a note ending at tick {end_tick}, after "
                        "the song's last bar ends at tick {end}: add bars first",
                    ).format(index=index, shown=shown(track.name), end_tick=track.end_tick, end=end)
                )
            if track.last_event_tick > end:
                raise SongError(
                    QT_TRANSLATE_NOOP(
                        "Song",
                        "track {index} ({shown}) has a control or program change at tick "
                        "{last_event_tick}, after the song's end (tick {end})",
                    ).format(
                        index=index,
                        shown=shown(track.name),
                        last_event_tick=track.last_event_tick,
                        end=end,
                    )
                )
            if track.locked_bars and max(track.locked_bars) >= self.bar_count:
                raise SongError(
                    QT_TRANSLATE_NOOP(
                        "Song",
                        "track {index} ({shown}) locks bar {locked_bars}, but the song has "
                        "only {bar_count} bars",
                    ).format(
                        index=index,
                        shown=shown(track.name),
                        locked_bars=max(track.locked_bars),
                        bar_count=self.bar_count,
                    )
                )

    def _check_maps(self) -> None:
        if not self.tempos or self.tempos[0].tick != 0:
            raise SongError(QT_TRANSLATE_NOOP("Song", "tempos must start with a tempo at tick 0"))
        if not self.time_signatures or self.time_signatures[0].tick != 0:
            raise SongError(
                QT_TRANSLATE_NOOP(
                    "Song", "time_signatures must start with a time signature at tick 0"
                )
            )
        maps: dict[str, list[int]] = {
            "tempos": [change.tick for change in self.tempos],
            "time_signatures": [change.tick for change in self.time_signatures],
            "key_signatures": [change.tick for change in self.key_signatures],
        }
        for name, ticks in maps.items():
            _check_sorted_ticks(name, ticks)
            if ticks and ticks[-1] >= self.end_tick:
                raise SongError(
                    QT_TRANSLATE_NOOP(
                        "Song",
                        "{name} has a change at tick {ticks}, at or after the song's end (tick "
                        "{end_tick})",
                    ).format(name=name, ticks=ticks[-1], end_tick=self.end_tick)
                )

    # The bar grid -----------------------------------------------------------------------

    @cached_property
    def bar_start_ticks(self) -> tuple[int, ...]:
        """`bar_count + 1` ticks: where each bar starts, then where the last one ends."""
        return bar_grid(self.time_signatures, self.bar_count)

    @property
    def end_tick(self) -> int:
        return self.bar_start_ticks[-1]

    def bar_span(self, bar: int) -> tuple[int, int]:
        """(start_tick, end_tick) of a bar, 0-based."""
        check_int("bar", bar, 0, self.bar_count - 1)
        return self.bar_start_ticks[bar], self.bar_start_ticks[bar + 1]

    def bar_at_tick(self, tick: int) -> int:
        """The 0-based bar that contains `tick` (ticks past the end give the last bar)."""
        return min(bisect.bisect_right(self.bar_start_ticks, tick) - 1, self.bar_count - 1)

    def time_signature_at(self, tick: int) -> TimeSignatureChange:
        ticks = [change.tick for change in self.time_signatures]
        return self.time_signatures[bisect.bisect_right(ticks, tick) - 1]

    def tempo_at(self, tick: int) -> TempoChange:
        ticks = [change.tick for change in self.tempos]
        return self.tempos[bisect.bisect_right(ticks, tick) - 1]

    def key_at(self, tick: int) -> KeySignatureChange | None:
        ticks = [change.tick for change in self.key_signatures]
        index = bisect.bisect_right(ticks, tick) - 1
        return self.key_signatures[index] if index >= 0 else None

    def tick_to_seconds(self, tick: int) -> float:
        """Wall-clock time of a tick under the tempo map."""
        seconds = 0.0
        for change, following in zip(self.tempos, (*self.tempos[1:], None), strict=True):
            segment_end = tick if following is None else min(tick, following.tick)
            if segment_end <= change.tick:
                break
            seconds += (segment_end - change.tick) * 60.0 / (change.tempo_bpm * PPQ)
        return seconds

    def seconds_to_tick(self, seconds: float) -> float:
        """The (fractional) tick at `seconds` under the tempo map: the inverse of
        tick_to_seconds. Times past the last tempo change continue at its tempo; times before
        the start give ticks before 0."""
        starts = [self.tick_to_seconds(change.tick) for change in self.tempos]
        index = max(0, bisect.bisect_right(starts, seconds) - 1)
        change = self.tempos[index]
        return change.tick + (seconds - starts[index]) * change.tempo_bpm * PPQ / 60.0

    @property
    def duration_seconds(self) -> float:
        return self.tick_to_seconds(self.end_tick)

    @property
    def note_count(self) -> int:
        return sum(len(track.notes) for track in self.tracks)

    def notes_in_bar(self, track_index: int, bar: int) -> tuple[Note, ...]:
        """The notes of one grid cell: those of the track that start inside the bar."""
        start, end = self.bar_span(bar)
        notes = self.tracks[track_index].notes
        low = bisect.bisect_left(notes, start, key=lambda note: note.start_tick)
        high = bisect.bisect_left(notes, end, key=lambda note: note.start_tick)
        return notes[low:high]


def audible_track_indices(song: Song) -> tuple[int, ...]:
    """The tracks a mixer should play, in track order.

    DAW convention: if any track is soloed, only soloed tracks play; otherwise every track
    plays. Mute beats solo either way, so a track that is both soloed and muted stays silent
    (and still silences the unsoloed tracks), as it does on a mixing desk.
    """
    soloing = any(track.solo for track in song.tracks)
    return tuple(
        index
        for index, track in enumerate(song.tracks)
        if not track.muted and (track.solo or not soloing)
    )
