"""The piano roll's toolbar: the select and draw tools, the snap grid and the view toggles.

It only reports choices as signals and shows the state it is given with `sync`; the piano
roll owns that state.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QLabel, QToolBar, QWidget

from ui.i18n import translate
from ui.piano_roll.geometry import SNAP_CHOICES
from ui.piano_roll.gestures import Tool


class RollToolbar(QToolBar):
    tool_chosen = Signal(object)
    """A `Tool`."""
    snap_chosen = Signal(int)
    """Snap grid in ticks."""
    ghosts_toggled = Signal(bool)
    all_drums_toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tool_actions = {
            Tool.SELECT: self._tool_action(
                Tool.SELECT,
                translate("PianoRoll", "Select"),
                "V",
                translate(
                    "PianoRoll", "Select tool (V): click or drag to pick notes and move them"
                ),
            ),
            Tool.DRAW: self._tool_action(
                Tool.DRAW,
                translate("PianoRoll", "Draw"),
                "D",
                translate(
                    "PianoRoll", "Draw tool (D): click to add a note, drag to make it longer"
                ),
            ),
        }
        self.addSeparator()
        self.addWidget(QLabel(translate("PianoRoll", " Snap "), self))
        self.snap_box = QComboBox(self)
        self.snap_box.setToolTip(
            translate("PianoRoll", "The grid new notes and drags land on (a note value)")
        )
        for label, ticks in SNAP_CHOICES:
            self.snap_box.addItem(_snap_label(label), ticks)
        self.snap_box.activated.connect(
            lambda index: self.snap_chosen.emit(int(self.snap_box.itemData(index)))
        )
        self.addWidget(self.snap_box)
        self.ghost_action = self.addAction(translate("PianoRoll", "Other tracks"))
        self.ghost_action.setCheckable(True)
        self.ghost_action.setToolTip(
            translate("PianoRoll", "Show the other tracks' notes faintly behind this track's")
        )
        self.ghost_action.triggered.connect(self.ghosts_toggled.emit)
        self.all_drums_action = self.addAction(translate("PianoRoll", "All drums"))
        self.all_drums_action.setCheckable(True)
        self.all_drums_action.setToolTip(
            translate(
                "PianoRoll",
                "Show a lane for every General MIDI drum, not only the common kit and the "
                "drums this part plays",
            )
        )
        self.all_drums_action.triggered.connect(self.all_drums_toggled.emit)
        self.addSeparator()
        self.title = QLabel("", self)
        self.addWidget(self.title)

    def _tool_action(self, tool: Tool, label: str, key: str, tip: str) -> QAction:
        action = self.addAction(label)
        action.setCheckable(True)
        action.setShortcut(key)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setToolTip(tip)
        action.triggered.connect(lambda _=False: self.tool_chosen.emit(tool))
        return action

    def show_title(self, track_name: str, track_index: int, bars: tuple[int, int]) -> None:
        """Name the shown cells: 'Fiddle: bars 1-4' (bars 1-based, as the composer counts)."""
        name = track_name or translate("PianoRoll", "Track {number}").format(number=track_index + 1)
        first, last = bars[0] + 1, bars[1] + 1
        if first == last:
            where = translate("PianoRoll", "bar {first}").format(first=first)
        else:
            where = translate("PianoRoll", "bars {first}-{last}").format(first=first, last=last)
        self.title.setText(f"  {name}: {where}")

    def sync(
        self, tool: Tool, snap_ticks: int, ghosts_visible: bool, drums: bool, all_drums: bool
    ) -> None:
        """Show the piano roll's state (a snap value not in the list shows as blank); the drum
        toggle shows only beside a drum track."""
        for choice, action in self._tool_actions.items():
            action.setChecked(choice is tool)
        self.snap_box.setCurrentIndex(self.snap_box.findData(snap_ticks))
        self.ghost_action.setChecked(ghosts_visible)
        self.all_drums_action.setVisible(drums)
        self.all_drums_action.setChecked(all_drums)


def _snap_label(label: str) -> str:
    """A snap choice's words in the user's language (the note values themselves stay)."""
    return label.replace(" triplet", translate("PianoRoll", " triplet")).replace(
        " (model step)", translate("PianoRoll", " (model step)")
    )
