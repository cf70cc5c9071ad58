"""The side panels as docks that fit any window from 1024 x 640 up.

Each panel sits in a `QScrollArea`, so a dock asks for little height and a tall panel (the Live
panel's form, the inspector) scrolls instead of stretching the window: without it the stacked
docks alone asked for ~945 px and the window could not be shorter. The first panel (the
inspector) stands above; the rest share one tabbed area under it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QFrame, QMainWindow, QScrollArea, QStyle, QWidget

MAX_DOCK_WIDTH_PX = 400
"""The most the docks start with: a 1024 px window keeps 620 px for the grid and piano roll."""


def scrolling(panel: QWidget) -> QScrollArea:
    """`panel` in a frameless scroll area that resizes it and scrolls when it does not fit."""
    area = QScrollArea()
    area.setObjectName(f"{panel.objectName() or type(panel).__name__}-scroll")
    area.setWidget(panel)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    return area


def add_side_docks(
    window: QMainWindow, panels: Sequence[tuple[str, str, QWidget]]
) -> list[QDockWidget]:
    """Dock each (object name, title, panel) on the right, scrolling; the first on top, the
    others tabbed together below it with the second one raised."""
    docks = []
    for name, title, panel in panels:
        dock = QDockWidget(title, window)
        dock.setObjectName(name)
        dock.setWidget(scrolling(panel))
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        docks.append(dock)
    for dock in docks[2:]:
        window.tabifyDockWidget(docks[1], dock)
    if len(docks) > 1:
        docks[1].raise_()
    window.resizeDocks(docks[:2], [_dock_width(window, panels)] * 2, Qt.Orientation.Horizontal)
    if len(docks) > 1:  # the inspector its full height where the window has room
        first = panels[0][2].sizeHint().height()
        window.resizeDocks(docks[:2], [first, first // 2], Qt.Orientation.Vertical)
    return docks


def _dock_width(window: QMainWindow, panels: Sequence[tuple[str, str, QWidget]]) -> int:
    """Wide enough for the widest panel and a vertical scroll bar (no sideways scrolling), up
    to MAX_DOCK_WIDTH_PX."""
    widest = max(panel.minimumSizeHint().width() for _name, _title, panel in panels)
    bar = window.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
    return min(widest + bar + 4, MAX_DOCK_WIDTH_PX)
