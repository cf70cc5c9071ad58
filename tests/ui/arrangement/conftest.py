"""The arrangement grid tests' fixtures: a shown grid and the selections it sends."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.arrangement.grid_helpers import (
    Cells,
    grid_song,
)
from ui.arrangement.view import ArrangementGrid


@pytest.fixture
def grid(qtbot: QtBot) -> ArrangementGrid:
    widget = ArrangementGrid()
    qtbot.addWidget(widget)
    widget.resize(900, 300)
    widget.show_song(grid_song())
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def emitted(grid: ArrangementGrid) -> list[Cells]:
    """Every list `selection_changed` sends, in order."""
    seen: list[Cells] = []
    grid.selection_changed.connect(seen.append)
    return seen
