"""Where the section band draws each section, what a point on it hits, and where a drag lands.

Nothing here imports Qt, so the band's rules are tested without a display. The band shares the
grid's `GridGeometry` (zoom and horizontal scroll), so a section's block spans exactly the
columns of its bars; y runs inside the band only. A drag snaps to whole bars and is clamped to
the neighbouring sections and to the grid, so a gesture can only produce a form the Song
accepts.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from engine.song.sections import Section, repeat_key
from ui.arrangement.geometry import GridGeometry, PixelRect, clamp
from ui.arrangement.role_names import role_word
from ui.i18n import translate

BAND_HEIGHT_PX = 26
"""The band's height: one line of text over a block whose fill shows its energy."""
BLOCK_MARGIN_PX = 2
"""Space above and below each block inside the band."""
EDGE_GRAB_PX = 5
"""How close to a block's left or right edge a press resizes rather than moves it."""
ENERGY_DRAG_PX = 100
"""A vertical energy drag over this many pixels goes from 0 to 1 (1% a pixel)."""
NEW_SECTION_BARS = 8
"""How many bars 'Add section' on an empty part of the band takes, at most (the gap decides)."""

ROLE_HUES: dict[str, int] = {
    "intro": 190,
    "verse": 215,
    "pre-chorus": 265,
    "chorus": 20,
    "bridge": 140,
    "solo": 48,
    "break": 200,
    "build": 310,
    "drop": 355,
    "outro": 175,
}
"""A hue (degrees) per role, so a chorus is warm wherever it stands and a verse cool. Strains
and 'other' sections take a hue from their repeat key instead, so an A strain and its repeats
share a colour and differ from the B strain."""
GREY_ROLES = frozenset({"break"})
"""Roles drawn with little colour: a break is where the band steps back."""


class BandPart(Enum):
    """Which part of the band a point falls on."""

    BODY = "body"
    LEFT_EDGE = "left edge"
    RIGHT_EDGE = "right edge"
    EMPTY = "empty"
    HEADER = "header"


@dataclass(frozen=True, slots=True)
class BandHit:
    """What a point on the band hits: a section (its index and which part) or an empty bar."""

    part: BandPart
    index: int | None = None
    bar: int | None = None


def bar_at(geometry: GridGeometry, x: float) -> int:
    """The bar under viewport x, unbounded (negative left of the song, past the end right)."""
    return math.floor((x - geometry.header_width_px + geometry.scroll_x_px) / geometry.bar_width_px)


def block_rect(geometry: GridGeometry, section: Section, band_height_px: int) -> PixelRect:
    """A section's block: its bars' columns, inset from the band's top and bottom."""
    left = geometry.bar_left_px(section.first_bar)
    return PixelRect(
        left,
        BLOCK_MARGIN_PX,
        section.bars * geometry.bar_width_px,
        band_height_px - 2 * BLOCK_MARGIN_PX,
    )


def band_hit(geometry: GridGeometry, sections: Sequence[Section], x: float) -> BandHit:
    """What viewport x falls on. An edge is grabbed within EDGE_GRAB_PX of it, but never more
    than a third of the block, so a one-bar section at a narrow zoom can still be moved."""
    if x < geometry.header_width_px:
        return BandHit(BandPart.HEADER)
    bar = bar_at(geometry, x)
    for index, section in enumerate(sections):
        if section.first_bar <= bar <= section.last_bar:
            left = geometry.bar_left_px(section.first_bar)
            width = section.bars * geometry.bar_width_px
            grab = min(EDGE_GRAB_PX, width // 3)
            if x < left + grab:
                return BandHit(BandPart.LEFT_EDGE, index, bar)
            if x >= left + width - grab:
                return BandHit(BandPart.RIGHT_EDGE, index, bar)
            return BandHit(BandPart.BODY, index, bar)
    if 0 <= bar < geometry.bar_count:
        return BandHit(BandPart.EMPTY, None, bar)
    return BandHit(BandPart.EMPTY)


def free_span(sections: Sequence[Section], index: int, bar_count: int) -> tuple[int, int]:
    """(first, last) bar that section `index` may occupy: from the end of the section before it
    to the start of the one after it (or the grid's ends)."""
    low = sections[index - 1].last_bar + 1 if index > 0 else 0
    high = sections[index + 1].first_bar - 1 if index + 1 < len(sections) else bar_count - 1
    return low, high


def dragged(
    sections: Sequence[Section], index: int, part: BandPart, bars_moved: int, bar_count: int
) -> tuple[int, int]:
    """(first_bar, bars) of section `index` after dragging `part` by `bars_moved` bars.

    The body moves the whole section, which stops at its neighbours; an edge moves one end,
    which stops at the neighbour on that side and never passes the other end (a section keeps
    at least one bar).
    """
    section = sections[index]
    low, high = free_span(sections, index, bar_count)
    if part is BandPart.LEFT_EDGE:
        first = clamp(section.first_bar + bars_moved, low, section.last_bar)
        return first, section.last_bar - first + 1
    if part is BandPart.RIGHT_EDGE:
        last = clamp(section.last_bar + bars_moved, section.first_bar, high)
        return section.first_bar, last - section.first_bar + 1
    first = clamp(section.first_bar + bars_moved, low, high - section.bars + 1)
    return first, section.bars


def content_x(geometry: GridGeometry, x: float) -> float:
    """Viewport x -> x from the first bar's left edge, which scrolling does not change."""
    return x - geometry.header_width_px + geometry.scroll_x_px


def bars_moved(geometry: GridGeometry, start_content_x: float, x: float) -> int:
    """Whole bars from where a drag began (in content pixels, so a drag that scrolls the view
    keeps its count) to viewport x, snapping at half a bar."""
    return round((content_x(geometry, x) - start_content_x) / geometry.bar_width_px)


def energy_after_drag(level: float, start_y: float, y: float) -> float:
    """An energy dragged up (more) or down (less) from `level`, to the nearest percent."""
    return round(min(1.0, max(0.0, level + (start_y - y) / ENERGY_DRAG_PX)), 2)


def new_section_span(
    sections: Sequence[Section], bar: int, bar_count: int, selected_bars: Sequence[int] = ()
) -> tuple[int, int]:
    """(first_bar, bars) for a section added at `bar`: the selected bars' run when `bar` is in
    it, else from `bar` up to NEW_SECTION_BARS bars, stopping at the next section or the end."""
    if selected_bars and min(selected_bars) <= bar <= max(selected_bars):
        return min(selected_bars), max(selected_bars) - min(selected_bars) + 1
    following = [s.first_bar for s in sections if s.first_bar > bar]
    stop = min([*following, bar_count, bar + NEW_SECTION_BARS])
    return bar, max(1, stop - bar)


def section_hue(section: Section) -> int:
    """The hue a section is drawn in: its role's, or for a strain or 'other' section one drawn
    from its repeat key, so that repeats of one kind always share a colour."""
    if section.role in ROLE_HUES:
        return ROLE_HUES[section.role]
    key = repeat_key(section)
    kind, _, name = key.partition(":")
    if kind == "strain" and len(name) == 1:  # A, B, C... a golden-angle step apart
        return round(30 + (ord(name) - ord("a")) * 137.508) % 360
    return zlib.crc32(key.encode()) % 360


def band_tooltip(sections: Sequence[Section], hit: BandHit) -> str:
    """What the band says about a point: the section there (name, role, bars, energy and
    whose it is) with how to edit it, or how to add a section on an empty bar."""
    if hit.index is None:
        return (
            translate("SectionBand", "Right-click to add a section here")
            if hit.bar is not None
            else ""
        )
    section = sections[hit.index]
    role = role_word(section.role)
    if section.energy is not None:
        own = translate("SectionBand", "set by hand")
    else:
        own = translate("SectionBand", "{0} default").format(role)
    about = translate("SectionBand", "{0} ({1}) · bars {2}-{3} · energy {4}% ({5})")
    how = translate(
        "SectionBand",
        "Drag to move, drag an edge to resize, Ctrl+drag up or down for energy, "
        "double-click to rename, right-click for more",
    )
    first, last, level = section.first_bar + 1, section.last_bar + 1, round(section.level * 100)
    return about.format(section.name, role, first, last, level, own) + "\n" + how
