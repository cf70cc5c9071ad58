"""The grid follows the document's changed cells: what the last operation wrote is marked.

The document finds the cells by comparing the songs before and after each operation
(`engine.studio.cell_changes`), so the marks show what really changed, not what was asked for:
a locked cell kept, or a cell written with the same notes again, stays unmarked. The marks
last until the song changes again (the next operation, an edit, undo or redo).
"""

from __future__ import annotations

from engine.studio.document import Changed
from ui.arrangement.view import ArrangementGrid
from ui.document import DocumentSignals


def follow_changed_cells(grid: ArrangementGrid, signals: DocumentSignals) -> None:
    """Keep `grid`'s changed-cell marks equal to the document's after every song change."""

    def shown(what: Changed) -> None:
        if what & Changed.SONG:
            grid.set_changed_cells(signals.document.changed_cells)

    signals.changed.connect(shown)
    grid.set_changed_cells(signals.document.changed_cells)


__all__ = ["follow_changed_cells"]
