"""The piano roll's toolbar: the select and draw tools, the snap grid and the ghost toggle.

It only reports choices as signals and shows the state it is given with `sync`; the piano
roll owns that state.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QLabel, QToolBar, QWidget

from ui.piano_roll.geometry import SNAP_CHOICES
from ui.piano_roll.gestures import Tool

_TOOL_KEYS = ((Tool.SELECT, "Select", "V"), (Tool.DRAW, "Draw", "D"))


class RollToolbar(QToolBar):
    tool_chosen = Signal(object)
    """A `Tool`."""
    snap_chosen = Signal(int)
    """Snap grid in ticks."""
    ghosts_toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tool_actions = {}
        for tool, label, key in _TOOL_KEYS:
            action = self.addAction(label)
            action.setCheckable(True)
            action.setShortcut(key)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.setToolTip(f"{label} tool ({key})")
            action.triggered.connect(lambda _=False, chosen=tool: self.tool_chosen.emit(chosen))
            self._tool_actions[tool] = action
        self.addSeparator()
        self.addWidget(QLabel(" Snap ", self))
        self.snap_box = QComboBox(self)
        for label, ticks in SNAP_CHOICES:
            self.snap_box.addItem(label, ticks)
        self.snap_box.activated.connect(
            lambda index: self.snap_chosen.emit(int(self.snap_box.itemData(index)))
        )
        self.addWidget(self.snap_box)
        self.ghost_action = self.addAction("Other tracks")
        self.ghost_action.setCheckable(True)
        self.ghost_action.setToolTip("Show the other tracks' notes faintly behind this track's")
        self.ghost_action.triggered.connect(self.ghosts_toggled.emit)
        self.addSeparator()
        self.title = QLabel("", self)
        self.addWidget(self.title)

    def sync(self, tool: Tool, snap_ticks: int, ghosts_visible: bool) -> None:
        """Show the piano roll's state (a snap value not in the list shows as blank)."""
        for choice, action in self._tool_actions.items():
            action.setChecked(choice is tool)
        self.snap_box.setCurrentIndex(self.snap_box.findData(snap_ticks))
        self.ghost_action.setChecked(ghosts_visible)
