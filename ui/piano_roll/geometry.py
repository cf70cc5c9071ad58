"""The piano roll's geometry and gesture maths: pure functions over ticks, pitches and pixels.

Nothing here imports Qt, so every rule the editor follows (where a tick is drawn, which grid
point a drag lands on, whether a click hits a note's body or its right edge, how far a move
may go) is tested without a display. Scene x grows with time from the first shown bar;
scene y grows downward from the highest pitch, one row of `key_height_px` per semitone.
"""

from __future__ import annotations

import bisect
import dataclasses
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum

from engine.song.song import PPQ, Note, Song

PITCH_COUNT = 128
MIN_PIXELS_PER_QUARTER = 8.0
MAX_PIXELS_PER_QUARTER = 1200.0
MIN_KEY_HEIGHT_PX = 4.0
MAX_KEY_HEIGHT_PX = 48.0
EDGE_GRIP_PX = 6.0
"""How wide the resize grip at a note's right end is (at most a third of the note)."""

SNAP_CHOICES: tuple[tuple[str, int], ...] = (
    ("1/1", 4 * PPQ),
    ("1/2", 2 * PPQ),
    ("1/4", PPQ),
    ("1/8", PPQ // 2),
    ("1/8 triplet", PPQ // 3),
    ("1/16", PPQ // 4),
    ("1/16 triplet", PPQ // 6),
    ("1/48 (model step)", PPQ // 12),
)
"""Snap values offered in the toolbar; each is a multiple of the model's 40-tick grid."""

DEFAULT_SNAP_TICKS = PPQ // 4
_NOTE_NAMES = ("C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B")


def pitch_name(pitch: int) -> str:
    """MIDI pitch -> name with octave, middle C (60) being 'C4'."""
    return f"{_NOTE_NAMES[pitch % 12]}{pitch // 12 - 1}"


def is_black_key(pitch: int) -> bool:
    return "#" in _NOTE_NAMES[pitch % 12]


class Zone(Enum):
    """Where a point falls on a note: its body (move it) or its right edge (resize it)."""

    BODY = "body"
    RIGHT_EDGE = "right edge"


@dataclass(frozen=True, slots=True)
class Hit:
    note: Note
    zone: Zone


@dataclass(frozen=True, slots=True)
class RollGeometry:
    """Maps ticks and pitches of the shown range [first_tick, end_tick) to scene pixels.

    `rows` lists the pitches drawn as rows, highest first; None draws all 128 (a piano). A drum
    track draws only some keys (its lanes), so a groove is not lost among 128 mostly empty rows.
    """

    first_tick: int
    end_tick: int
    pixels_per_quarter: float = 96.0
    key_height_px: float = 14.0
    rows: tuple[int, ...] | None = None

    @property
    def pixels_per_tick(self) -> float:
        return self.pixels_per_quarter / PPQ

    @property
    def width_px(self) -> float:
        return self.tick_to_x(self.end_tick)

    @property
    def row_pitches(self) -> tuple[int, ...]:
        """The pitches drawn as rows, top (highest) first."""
        return self.rows if self.rows is not None else tuple(range(PITCH_COUNT - 1, -1, -1))

    @property
    def height_px(self) -> float:
        return len(self.row_pitches) * self.key_height_px

    def tick_to_x(self, tick: float) -> float:
        return (tick - self.first_tick) * self.pixels_per_tick

    def x_to_tick(self, x: float) -> int:
        """Scene x -> the tick of the pixel's left edge (floor), not clamped to the range."""
        return self.first_tick + math.floor(x / self.pixels_per_tick + 1e-9)

    def x_to_ticks(self, dx: float) -> float:
        """A horizontal distance in pixels -> ticks (fractional: drags are snapped later)."""
        return dx / self.pixels_per_tick

    def pitch_to_y(self, pitch: int) -> float:
        """The top of a pitch's row; a pitch with no row of its own (a note dragged off the
        drum lanes) is drawn on the row below where it would sit."""
        if self.rows is None:
            return (PITCH_COUNT - 1 - pitch) * self.key_height_px
        return sum(1 for row in self.rows if row > pitch) * self.key_height_px

    def y_to_pitch(self, y: float) -> int:
        """The pitch of the row at scene y (above the top row: the top row's, and so on)."""
        pitches = self.row_pitches
        row = min(max(math.floor(y / self.key_height_px), 0), len(pitches) - 1)
        return pitches[row]

    def note_rect(self, note: Note) -> tuple[float, float, float, float]:
        """(x, y, width, height) of a note's rectangle; at least 2 px wide so it stays visible."""
        width = max(note.duration_ticks * self.pixels_per_tick, 2.0)
        return (
            self.tick_to_x(note.start_tick),
            self.pitch_to_y(note.pitch),
            width,
            self.key_height_px,
        )

    def hit_test(self, notes_in_z_order: Sequence[Note], x: float, y: float) -> Hit | None:
        """The topmost note under (x, y), and whether the point is on its right edge.

        `notes_in_z_order` lists notes bottom first, as drawn; the last one drawn wins.
        """
        for note in reversed(notes_in_z_order):
            left, top, width, height = self.note_rect(note)
            if left <= x < left + width and top <= y < top + height:
                grip = min(EDGE_GRIP_PX, width / 3)
                zone = Zone.RIGHT_EDGE if x >= left + width - grip else Zone.BODY
                return Hit(note, zone)
        return None

    def notes_in_rect(
        self, notes: Iterable[Note], left: float, top: float, right: float, bottom: float
    ) -> list[Note]:
        """Notes whose rectangle overlaps the (normalised) rubber band."""
        x0, x1 = sorted((left, right))
        y0, y1 = sorted((top, bottom))
        found = []
        for note in notes:
            nx, ny, width, height = self.note_rect(note)
            if nx < x1 and nx + width > x0 and ny < y1 and ny + height > y0:
                found.append(note)
        return found

    def zoomed(self, pixels_per_quarter: float, key_height_px: float) -> RollGeometry:
        """The same range at another zoom, clamped to the allowed zoom limits."""
        return dataclasses.replace(
            self,
            pixels_per_quarter=min(
                max(pixels_per_quarter, MIN_PIXELS_PER_QUARTER), MAX_PIXELS_PER_QUARTER
            ),
            key_height_px=min(max(key_height_px, MIN_KEY_HEIGHT_PX), MAX_KEY_HEIGHT_PX),
        )


# The bar grid ---------------------------------------------------------------------------


def snap_tick(
    tick: float, bar_start_ticks: Sequence[int], snap_ticks: int, *, nearest: bool
) -> int:
    """Snap `tick` to the grid of `snap_ticks` that restarts at every bar line.

    The grid restarts per bar so that bars of odd length (7/8 after 3/4, or a bar cut short by
    a meter change) keep their downbeats on the grid. `nearest` rounds (drags), otherwise the
    tick falls to the start of the grid cell it is in (clicks). A bar's end is a grid point.
    """
    last_bar = len(bar_start_ticks) - 2
    bar = min(max(bisect.bisect_right(bar_start_ticks, tick) - 1, 0), last_bar)
    start, end = bar_start_ticks[bar], bar_start_ticks[bar + 1]
    below = start + math.floor((tick - start) / snap_ticks) * snap_ticks
    chosen = below
    if nearest:
        above = min(below + snap_ticks, end)
        chosen = above if tick - below >= above - tick else below
    return min(max(chosen, start), end)


@dataclass(frozen=True, slots=True)
class GridLines:
    """Ticks of the vertical lines over a bar range: bar lines, beats, and snap steps."""

    bar_ticks: tuple[int, ...]
    beat_ticks: tuple[int, ...]
    step_ticks: tuple[int, ...]


def grid_lines(song: Song, bars: tuple[int, int], snap_ticks: int) -> GridLines:
    """Lines for bars `first..last` (inclusive): each bar's meter sets its beats.

    A beat is one denominator note (an eighth in 7/8); steps are drawn only where they are
    finer than the beat. The closing bar line of the range is included.
    """
    first, last = bars
    bar_lines: list[int] = []
    beats: list[int] = []
    steps: list[int] = []
    for bar in range(first, last + 1):
        start, end = song.bar_span(bar)
        bar_lines.append(start)
        beat = PPQ * 4 // song.time_signature_at(start).denominator
        beats.extend(range(start + beat, end, beat))
        if snap_ticks < beat:
            steps.extend(
                t for t in range(start + snap_ticks, end, snap_ticks) if (t - start) % beat
            )
    bar_lines.append(song.bar_start_ticks[last + 1])
    return GridLines(tuple(bar_lines), tuple(beats), tuple(steps))


def bar_labels(
    song: Song,
    bars: tuple[int, int],
    locked_bars: frozenset[int] = frozenset(),
    locked_word: str = "locked",
) -> list[tuple[int, str]]:
    """(start tick, label) per bar: 1-based number, the meter where it changes, and
    `locked_word` (the caller's language) on a locked bar."""
    labels = []
    for bar in range(bars[0], bars[1] + 1):
        start = song.bar_start_ticks[bar]
        meter = song.time_signature_at(start)
        changed = bar == bars[0] or meter != song.time_signature_at(start - 1)
        label = f"{bar + 1}  {meter.numerator}/{meter.denominator}" if changed else str(bar + 1)
        labels.append((start, f"{label}  {locked_word}" if bar in locked_bars else label))
    return labels


# Gestures as note arithmetic ------------------------------------------------------------


def clamp_move(
    notes: Sequence[Note],
    delta_ticks: int,
    delta_pitch: int,
    geometry: RollGeometry,
    song_end_tick: int,
) -> tuple[int, int]:
    """Limit a move so every note still starts in the shown range and ends inside the song."""
    if not notes:
        return 0, 0
    low_tick = geometry.first_tick - min(note.start_tick for note in notes)
    high_tick = min(
        geometry.end_tick - 1 - max(note.start_tick for note in notes),
        song_end_tick - max(note.end_tick for note in notes),
    )
    low_pitch = -min(note.pitch for note in notes)
    high_pitch = PITCH_COUNT - 1 - max(note.pitch for note in notes)
    return min(max(delta_ticks, low_tick), high_tick), min(max(delta_pitch, low_pitch), high_pitch)


def moved(notes: Iterable[Note], delta_ticks: int, delta_pitch: int) -> tuple[Note, ...]:
    return tuple(
        dataclasses.replace(
            note, start_tick=note.start_tick + delta_ticks, pitch=note.pitch + delta_pitch
        )
        for note in notes
    )


def to_other_lanes(notes: Iterable[Note], rows: Sequence[int], lanes: int) -> tuple[Note, ...]:
    """Move each note `lanes` rows up (down when negative) among a drum track's lanes (`rows`,
    top first), stopping at the top and bottom lanes: Up on a kick gives the drum drawn above
    it, not the next key number. A note on no lane keeps its key."""
    result = []
    for note in notes:
        pitch = note.pitch
        if pitch in rows:
            pitch = rows[min(max(rows.index(pitch) - lanes, 0), len(rows) - 1)]
        result.append(dataclasses.replace(note, pitch=pitch))
    return tuple(result)


def resized(
    notes: Iterable[Note], delta_ticks: int, snap_ticks: int, song_end_tick: int
) -> tuple[Note, ...]:
    """Lengthen (or shorten) every note by `delta_ticks`, ending inside the song.

    A note never shrinks below one snap step, nor below its own length if it was shorter.
    """
    result = []
    for note in notes:
        shortest = min(note.duration_ticks, snap_ticks)
        duration = min(
            max(note.duration_ticks + delta_ticks, shortest), song_end_tick - note.start_tick
        )
        result.append(dataclasses.replace(note, duration_ticks=duration))
    return tuple(result)


def with_velocity(notes: Iterable[Note], velocity: int) -> tuple[Note, ...]:
    return tuple(dataclasses.replace(note, velocity=velocity) for note in notes)


# The velocity lane ----------------------------------------------------------------------

VELOCITY_LANE_MARGIN_PX = 4


def velocity_to_y(velocity: int, lane_height_px: int) -> float:
    """Top of a velocity bar: 127 reaches the top margin, 0 would sit on the bottom margin."""
    usable = lane_height_px - 2 * VELOCITY_LANE_MARGIN_PX
    return lane_height_px - VELOCITY_LANE_MARGIN_PX - velocity / 127 * usable


def y_to_velocity(y: float, lane_height_px: int) -> int:
    """Lane y -> velocity 1-127 (above the top margin gives 127, below the bottom gives 1)."""
    usable = lane_height_px - 2 * VELOCITY_LANE_MARGIN_PX
    value = round((lane_height_px - VELOCITY_LANE_MARGIN_PX - y) / usable * 127)
    return min(max(value, 1), 127)


def nearest_stem(
    notes: Sequence[Note], geometry: RollGeometry, x: float, reach_px: float
) -> Note | None:
    """The note whose velocity stem (at its start) is closest to x, within `reach_px`."""
    best: Note | None = None
    best_distance = reach_px
    for note in notes:
        distance = abs(geometry.tick_to_x(note.start_tick) - x)
        if distance <= best_distance:
            best, best_distance = note, distance
    return best
