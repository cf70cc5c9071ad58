"""Which arrangement cells are selected, and how clicks, headers and keys change that.

`CellSelection` is plain Python (no Qt) so every selection rule is tested without a display.
The selection is a *base* set of cells plus one *rectangle* spanned from an anchor cell to
the focus cell (the keyboard cursor). A plain click or arrow key starts afresh (empty base,
a one-cell rectangle); Shift moves the rectangle's far corner and keeps the anchor; Ctrl
toggles one cell and keeps everything else as the new base, so a following Shift or drag
adds a rectangle on top. A track header spans a rectangle over every bar of its rows, a bar
ruler box one over every track of its columns.
"""

from __future__ import annotations

from collections.abc import Iterable

from engine.song.song import Cell
from ui.arrangement.geometry import Hit, HitKind, clamp


class CellSelection:
    """A DAW-style selection over a `track_count` x `bar_count` grid."""

    def __init__(self, track_count: int = 0, bar_count: int = 0) -> None:
        self.track_count = track_count
        self.bar_count = bar_count
        self.anchor: Cell | None = None
        self.focus: Cell | None = None
        self._base: frozenset[Cell] = frozenset()
        self._rect: tuple[range, range] = (range(0), range(0))  # (tracks, bars)
        self._cells: frozenset[Cell] = frozenset()

    # Reading -----------------------------------------------------------------------------------

    def cells(self) -> list[Cell]:
        """The selected cells, sorted by track, then bar."""
        return sorted(self._cells)

    def __contains__(self, cell: object) -> bool:
        return cell in self._cells

    def __len__(self) -> int:
        return len(self._cells)

    def tracks(self) -> set[int]:
        """The tracks with at least one selected cell."""
        return {track for track, _ in self._cells}

    def bars(self) -> set[int]:
        """The bars with at least one selected cell."""
        return {bar for _, bar in self._cells}

    def _exists(self, cell: Cell) -> bool:
        return 0 <= cell[0] < self.track_count and 0 <= cell[1] < self.bar_count

    def _update(self, base: Iterable[Cell], tracks: range, bars: range) -> None:
        self._base = frozenset(base)
        self._rect = (tracks, bars)
        self._cells = self._base | {(t, b) for t in tracks for b in bars}

    @staticmethod
    def _span(first: int, last: int) -> range:
        return range(min(first, last), max(first, last) + 1)

    # Cells -------------------------------------------------------------------------------------

    def click(self, cell: Cell) -> None:
        """Select only this cell; it becomes the anchor and the focus."""
        if not self._exists(cell):
            return
        self.anchor = self.focus = cell
        self._update((), range(cell[0], cell[0] + 1), range(cell[1], cell[1] + 1))

    def extend_to(self, cell: Cell) -> None:
        """Span the rectangle from the anchor to this cell (Shift+click, drag, Shift+arrow)."""
        if not self._exists(cell):
            return
        if self.anchor is None:
            self.click(cell)
            return
        self.focus = cell
        tracks = self._span(self.anchor[0], cell[0])
        self._update(self._base, tracks, self._span(self.anchor[1], cell[1]))

    def toggle(self, cell: Cell) -> None:
        """Add or remove one cell, keeping the rest (Ctrl+click)."""
        if not self._exists(cell):
            return
        self.anchor = self.focus = cell
        if cell in self._cells:
            self._update(self._cells - {cell}, range(0), range(0))
        else:
            self._update(self._cells, range(cell[0], cell[0] + 1), range(cell[1], cell[1] + 1))

    def move_focus(self, d_track: int, d_bar: int, extend: bool) -> None:
        """Arrow keys: move the focus one step (clamped), selecting it or extending to it."""
        if self.track_count == 0 or self.bar_count == 0:
            return
        track, bar = self.focus if self.focus is not None else (0, 0)
        target = (
            clamp(track + d_track, 0, self.track_count - 1),
            clamp(bar + d_bar, 0, self.bar_count - 1),
        )
        if extend:
            self.extend_to(target)
        else:
            self.click(target)

    # Whole tracks and bars ---------------------------------------------------------------------

    def click_track(self, track: int) -> None:
        """Select every bar of one track."""
        if 0 <= track < self.track_count and self.bar_count:
            self.anchor = self.focus = (track, 0)
            self._update((), range(track, track + 1), range(self.bar_count))

    def extend_to_track(self, track: int) -> None:
        """Select every bar of the tracks from the anchor's track to this one."""
        if not 0 <= track < self.track_count or not self.bar_count:
            return
        anchor_track = self.anchor[0] if self.anchor is not None else track
        self.anchor = (anchor_track, 0)
        self.focus = (track, self.focus[1] if self.focus is not None else 0)
        self._update(self._base, self._span(anchor_track, track), range(self.bar_count))

    def click_bar(self, bar: int) -> None:
        """Select one bar of every track (a column)."""
        if 0 <= bar < self.bar_count and self.track_count:
            self.anchor = self.focus = (0, bar)
            self._update((), range(self.track_count), range(bar, bar + 1))

    def extend_to_bar(self, bar: int) -> None:
        """Select every track over the bars from the anchor's bar to this one."""
        if not 0 <= bar < self.bar_count or not self.track_count:
            return
        anchor_bar = self.anchor[1] if self.anchor is not None else bar
        self.anchor = (0, anchor_bar)
        self.focus = (self.focus[0] if self.focus is not None else 0, bar)
        self._update(self._base, range(self.track_count), self._span(anchor_bar, bar))

    def toggle_cells(self, cells: Iterable[Cell]) -> None:
        """Ctrl+click on a header: remove these cells if all are selected, else add them."""
        wanted = {cell for cell in cells if self._exists(cell)}
        if not wanted:
            return
        kept = self._cells - wanted if wanted <= self._cells else self._cells | wanted
        self.anchor = self.focus = min(wanted)
        self._update(kept, range(0), range(0))

    def select_all(self) -> None:
        self._update((), range(self.track_count), range(self.bar_count))
        if self.focus is None and self.track_count and self.bar_count:
            self.focus = (0, 0)
        self.anchor = (0, 0) if self.track_count and self.bar_count else None

    def clear(self) -> None:
        """Select nothing; the focus stays where it is."""
        self.anchor = self.focus
        self._update((), range(0), range(0))

    def replace(self, cells: Iterable[Cell]) -> None:
        """Select exactly these cells (those outside the grid are dropped)."""
        chosen = [cell for cell in cells if self._exists(cell)]
        if chosen:
            self.anchor = self.focus = min(chosen)
        self._update(chosen, range(0), range(0))

    def resize(self, track_count: int, bar_count: int) -> None:
        """Fit a new grid size: cells that no longer exist are dropped, the focus is clamped."""
        self.track_count, self.bar_count = track_count, bar_count
        tracks, bars = self._rect
        self._update(
            (cell for cell in self._base if self._exists(cell)),
            range(tracks.start, min(tracks.stop, track_count)),
            range(bars.start, min(bars.stop, bar_count)),
        )
        if track_count == 0 or bar_count == 0:
            self.anchor = self.focus = None
            return
        if self.focus is not None:
            self.focus = (min(self.focus[0], track_count - 1), min(self.focus[1], bar_count - 1))
        if self.anchor is not None and not self._exists(self.anchor):
            self.anchor = self.focus


# Mouse gestures --------------------------------------------------------------------------------


def press(selection: CellSelection, hit: Hit, shift: bool, control: bool) -> HitKind | None:
    """Apply a left click to the selection; return what a drag from here extends, if anything.

    Cells: click, Shift extends, Ctrl toggles. Track headers and bar numbers: the whole row or
    column, Shift extends over headers, Ctrl toggles the line. The corner selects all; a click
    on empty space clears (unless a modifier is held).
    """
    if hit.cell is not None:
        if control:
            selection.toggle(hit.cell)
            return HitKind.CELL if hit.cell in selection else None
        (selection.extend_to if shift else selection.click)(hit.cell)
        return HitKind.CELL
    line = _line_cells(selection, hit)
    if line is not None:
        index = hit.track if hit.kind is HitKind.TRACK_HEADER else hit.bar
        assert index is not None  # _line_cells checked it
        if control:
            selection.toggle_cells(line)
            return None
        drag_to(selection, hit.kind, (index, index), start=not shift)
        return hit.kind
    if hit.kind is HitKind.CORNER:
        selection.select_all()
    elif not (shift or control):
        selection.clear()
    return None


def drag_to(selection: CellSelection, kind: HitKind, target: Cell, *, start: bool = False) -> None:
    """Extend (or, with `start`, begin) a drag of this kind to target (track, bar).

    A cell drag spans a rectangle; a header drag spans whole tracks (target's track); a ruler
    drag spans whole bars (target's bar).
    """
    track, bar = target
    if kind is HitKind.CELL:
        (selection.click if start else selection.extend_to)(target)
    elif kind is HitKind.TRACK_HEADER:
        (selection.click_track if start else selection.extend_to_track)(track)
    elif kind is HitKind.BAR_RULER:
        (selection.click_bar if start else selection.extend_to_bar)(bar)


def select_for_menu(selection: CellSelection, hit: Hit) -> bool:
    """Before a context menu: select what was right-clicked unless it is all selected already.

    Returns False when the click hit nothing a menu applies to.
    """
    if hit.cell is not None:
        if hit.cell not in selection:
            selection.click(hit.cell)
        return True
    line = _line_cells(selection, hit)
    if line is None:
        return False
    if any(cell not in selection for cell in line):
        index = hit.track if hit.kind is HitKind.TRACK_HEADER else hit.bar
        assert index is not None  # _line_cells checked it
        drag_to(selection, hit.kind, (index, index), start=True)
    return True


def _line_cells(selection: CellSelection, hit: Hit) -> list[Cell] | None:
    """Every cell of the track or bar whose header was hit, or None for other hits."""
    if hit.kind is HitKind.TRACK_HEADER and hit.track is not None:
        return [(hit.track, bar) for bar in range(selection.bar_count)]
    if hit.kind is HitKind.BAR_RULER and hit.bar is not None:
        return [(track, hit.bar) for track in range(selection.track_count)]
    return None
