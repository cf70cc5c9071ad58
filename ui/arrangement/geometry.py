"""The arrangement grid's geometry: where a cell, header or ruler box is drawn, and what is hit.

Nothing here imports Qt, so the layout rules are tested without a display. Coordinates are
viewport pixels: a fixed header column (`header_width_px`) on the left and a fixed bar ruler
(`ruler_height_px`) on top frame the cells, which scroll under them by `scroll_x_px` and
`scroll_y_px`. Every bar is `bar_width_px` wide whatever its meter; inside a bar, time runs
linearly, so a 3/4 bar packs three beats into the width a 4/4 bar spends on four.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import NamedTuple

from engine.song.song import PPQ, Note, Song

MIN_BAR_WIDTH_PX = 16
MAX_BAR_WIDTH_PX = 480
DEFAULT_BAR_WIDTH_PX = 72
ROW_HEIGHT_PX = 44
HEADER_WIDTH_PX = 176
RULER_HEIGHT_PX = 36
MIX_BUTTON_PX = (18, 16)
"""Width and height of a track header's Mute and Solo buttons."""
MIX_BUTTON_GAP_PX = 4


class PixelRect(NamedTuple):
    """An axis-aligned box in viewport pixels."""

    x: int
    y: int
    width: int
    height: int


class HitKind(Enum):
    """Which part of the grid a point falls on."""

    CELL = "cell"
    TRACK_HEADER = "track header"
    MUTE_BUTTON = "mute button"
    SOLO_BUTTON = "solo button"
    BAR_RULER = "bar ruler"
    CORNER = "corner"
    NOWHERE = "nowhere"


@dataclass(frozen=True, slots=True)
class Hit:
    """What a point hits: a cell (track and bar), a header (track), a ruler box (bar) or none."""

    kind: HitKind
    track: int | None = None
    bar: int | None = None

    @property
    def cell(self) -> tuple[int, int] | None:
        """(track, bar) when a cell was hit, else None."""
        if self.kind is HitKind.CELL and self.track is not None and self.bar is not None:
            return self.track, self.bar
        return None


def clamp(value: int, low: int, high: int) -> int:
    return max(low, min(high, value))


def clamp_bar_width(bar_width_px: int) -> int:
    """A zoom level the grid can draw: from MIN_BAR_WIDTH_PX to MAX_BAR_WIDTH_PX."""
    return clamp(bar_width_px, MIN_BAR_WIDTH_PX, MAX_BAR_WIDTH_PX)


@dataclass(frozen=True, slots=True)
class GridGeometry:
    """The layout of `track_count` rows by `bar_count` columns at one zoom and scroll."""

    track_count: int
    bar_count: int
    bar_width_px: int = DEFAULT_BAR_WIDTH_PX
    row_height_px: int = ROW_HEIGHT_PX
    header_width_px: int = HEADER_WIDTH_PX
    ruler_height_px: int = RULER_HEIGHT_PX
    scroll_x_px: int = 0
    scroll_y_px: int = 0

    @property
    def content_width_px(self) -> int:
        """Width of all bars side by side (the horizontally scrolled part)."""
        return self.bar_count * self.bar_width_px

    @property
    def content_height_px(self) -> int:
        """Height of all track rows stacked (the vertically scrolled part)."""
        return self.track_count * self.row_height_px

    def bar_left_px(self, bar: int) -> int:
        """Viewport x of a bar's left edge (it may lie outside the viewport)."""
        return self.header_width_px + bar * self.bar_width_px - self.scroll_x_px

    def track_top_px(self, track: int) -> int:
        """Viewport y of a track row's top edge (it may lie outside the viewport)."""
        return self.ruler_height_px + track * self.row_height_px - self.scroll_y_px

    def cell_rect(self, track: int, bar: int) -> PixelRect:
        return PixelRect(
            self.bar_left_px(bar), self.track_top_px(track), self.bar_width_px, self.row_height_px
        )

    def track_header_rect(self, track: int) -> PixelRect:
        return PixelRect(0, self.track_top_px(track), self.header_width_px, self.row_height_px)

    def mix_button_rect(self, track: int, solo: bool) -> PixelRect:
        """The Mute (or Solo) button at the right of a track's header, centred in the row."""
        width, height = MIX_BUTTON_PX
        right = (
            self.header_width_px - MIX_BUTTON_GAP_PX - (0 if solo else width + MIX_BUTTON_GAP_PX)
        )
        top = self.track_top_px(track) + (self.row_height_px - height) // 2
        return PixelRect(right - width, top, width, height)

    def bar_ruler_rect(self, bar: int) -> PixelRect:
        return PixelRect(self.bar_left_px(bar), 0, self.bar_width_px, self.ruler_height_px)

    def content_x_to_viewport_x(self, content_x: float) -> float:
        return self.header_width_px + content_x - self.scroll_x_px

    def _bar_under(self, x: int) -> int:
        return (x - self.header_width_px + self.scroll_x_px) // self.bar_width_px

    def _track_under(self, y: int) -> int:
        return (y - self.ruler_height_px + self.scroll_y_px) // self.row_height_px

    def hit_test(self, x: int, y: int) -> Hit:
        """What the viewport point (x, y) falls on; points past the last row or bar hit nothing."""
        in_header, in_ruler = x < self.header_width_px, y < self.ruler_height_px
        if x < 0 or y < 0:
            return Hit(HitKind.NOWHERE)
        if in_header and in_ruler:
            return Hit(HitKind.CORNER)
        bar, track = self._bar_under(x), self._track_under(y)
        bar_ok, track_ok = 0 <= bar < self.bar_count, 0 <= track < self.track_count
        if in_ruler:
            return Hit(HitKind.BAR_RULER, bar=bar) if bar_ok else Hit(HitKind.NOWHERE)
        if in_header:
            return self._header_hit(x, y, track) if track_ok else Hit(HitKind.NOWHERE)
        if bar_ok and track_ok:
            return Hit(HitKind.CELL, track=track, bar=bar)
        return Hit(HitKind.NOWHERE)

    def _header_hit(self, x: int, y: int, track: int) -> Hit:
        """A track header's Mute or Solo button, else the header itself."""
        for kind, solo in ((HitKind.MUTE_BUTTON, False), (HitKind.SOLO_BUTTON, True)):
            box = self.mix_button_rect(track, solo)
            if box.x <= x < box.x + box.width and box.y <= y < box.y + box.height:
                return Hit(kind, track=track)
        return Hit(HitKind.TRACK_HEADER, track=track)

    def nearest_track(self, y: int) -> int:
        """The row under y, or the closest one when y lies above or below the rows."""
        return clamp(self._track_under(y), 0, max(0, self.track_count - 1))

    def nearest_bar(self, x: int) -> int:
        """The bar under x, or the closest one when x lies left or right of the bars."""
        return clamp(self._bar_under(x), 0, max(0, self.bar_count - 1))

    def tracks_in(self, top_px: int, bottom_px: int) -> range:
        """The rows that show between viewport y `top_px` and `bottom_px` (exclusive)."""
        top = max(top_px, self.ruler_height_px) - self.ruler_height_px + self.scroll_y_px
        bottom = bottom_px - self.ruler_height_px + self.scroll_y_px
        first = max(0, top // self.row_height_px)
        last = min(self.track_count, -(-bottom // self.row_height_px))
        return range(first, max(first, last))

    def bars_in(self, left_px: int, right_px: int) -> range:
        """The bars that show between viewport x `left_px` and `right_px` (exclusive)."""
        left = max(left_px, self.header_width_px) - self.header_width_px + self.scroll_x_px
        right = right_px - self.header_width_px + self.scroll_x_px
        first = max(0, left // self.bar_width_px)
        last = min(self.bar_count, -(-right // self.bar_width_px))
        return range(first, max(first, last))


def tick_to_content_x(bar_start_ticks: Sequence[int], tick: int, bar_width_px: int) -> float:
    """A tick -> x in content pixels (0 = the first bar's left edge), bar by bar.

    `bar_start_ticks` is `Song.bar_start_ticks` (bar starts, then the end of the last bar).
    Each bar gets `bar_width_px` whatever its length, and the tick's place inside its bar is
    linear, so the same tick offset lands further right in a short bar than in a long one.
    Ticks before the song give 0; ticks at or after its end give the full width.
    """
    bar_count = len(bar_start_ticks) - 1
    if tick <= bar_start_ticks[0]:
        return 0.0
    if tick >= bar_start_ticks[-1]:
        return float(bar_count * bar_width_px)
    bar = bisect.bisect_right(bar_start_ticks, tick) - 1
    start, end = bar_start_ticks[bar], bar_start_ticks[bar + 1]
    return (bar + (tick - start) / (end - start)) * bar_width_px


def scroll_to_reveal(start_px: float, length_px: float, scroll_px: int, view_px: int) -> int:
    """The smallest change to `scroll_px` that shows [start, start + length) in `view_px`.

    A span longer than the view is aligned to its start.
    """
    if start_px < scroll_px or length_px > view_px:
        return int(start_px)
    if start_px + length_px > scroll_px + view_px:
        return int(start_px + length_px - view_px + 0.999)
    return scroll_px


def scroll_to_follow(x_px: float, scroll_px: int, view_px: int, lead_fraction: float = 0.1) -> int:
    """Page-turn scrolling for a playhead: keep `scroll_px` while x is in view, else jump.

    When the playhead leaves the view (either side), the view jumps so the playhead stands
    `lead_fraction` of the view from its left edge, as a DAW turns the page.
    """
    if scroll_px <= x_px < scroll_px + view_px:
        return scroll_px
    return max(0, int(x_px - view_px * lead_fraction))


MIN_PITCH_SPAN = 12
"""A track's miniature spans at least an octave, so a one-note part is not drawn huge."""
DRUM_TICK_FRACTION = 0.18
"""A drum hit is a vertical tick this fraction of the cell's drawing height."""


def track_pitch_range(notes: Sequence[Note]) -> tuple[int, int]:
    """(low, high) pitch for a track's miniatures: its notes' range, widened to an octave."""
    if not notes:
        return 60 - MIN_PITCH_SPAN // 2, 60 + MIN_PITCH_SPAN // 2
    low = min(note.pitch for note in notes)
    high = max(note.pitch for note in notes)
    missing = MIN_PITCH_SPAN - (high - low)
    if missing > 0:
        low -= missing // 2
        high += missing - missing // 2
    return low, high


def miniature_lines(
    notes: Sequence[Note],
    bar_span_ticks: tuple[int, int],
    area: PixelRect,
    pitch_range: tuple[int, int],
    is_drum: bool,
) -> list[tuple[float, float, float, float]]:
    """One cell's notes as line segments (x1, y1, x2, y2) inside `area`.

    x follows time inside the bar; y follows pitch, the track's highest pitch at the top.
    A pitched note is a horizontal stroke to its end (clipped at the bar line, at least 2 px
    long); a drum hit is a short vertical tick at its start.
    """
    start_tick, end_tick = bar_span_ticks
    bar_ticks = max(1, end_tick - start_tick)
    low, high = pitch_range
    span = max(1, high - low)
    tick_px = area.height * DRUM_TICK_FRACTION
    lines: list[tuple[float, float, float, float]] = []
    for note in notes:
        x1 = area.x + area.width * (note.start_tick - start_tick) / bar_ticks
        y = area.y + area.height * (high - note.pitch) / span
        if is_drum:
            lines.append((x1, y - tick_px / 2, x1, y + tick_px / 2))
            continue
        end = min(note.end_tick, end_tick)
        x2 = max(x1 + 2.0, area.x + area.width * (end - start_tick) / bar_ticks)
        lines.append((x1, y, min(x2, float(area.x + area.width)), y))
    return lines


@dataclass(frozen=True, slots=True)
class RulerLabel:
    """What the ruler writes over one bar: its 1-based number and a meter where it changes."""

    bar: int
    number: str
    meter: str | None


def ruler_labels(song: Song) -> list[RulerLabel]:
    """A label per bar; the meter (e.g. '3/4') is given on bar 1 and wherever it changes.

    A bar cut short by a meter change inside it shows its real length, e.g. '2/4'.
    """
    labels: list[RulerLabel] = []
    previous: tuple[int, int] | None = None
    for bar in range(song.bar_count):
        start, end = song.bar_span(bar)
        meter = song.time_signature_at(start)
        beats = (end - start) * meter.denominator / (4 * PPQ)
        numerator = int(beats) if beats == int(beats) else meter.numerator
        shown = (numerator, meter.denominator)
        text = f"{shown[0]}/{shown[1]}" if shown != previous else None
        labels.append(RulerLabel(bar, str(bar + 1), text))
        previous = shown
    return labels


def label_stride(bar_width_px: int, label_width_px: int) -> int:
    """Number every bar when labels fit, else every 2nd, 4th, 8th... bar."""
    stride = 1
    while stride * bar_width_px < label_width_px and stride < 1024:
        stride *= 2
    return stride
