"""Help → Guided Tour: a few plain-language steps, each pointing at the real part of the window
it is about (the grid, Lock, Regenerate, the piano roll, the takes, Play, Export).

The tour is a small window of its own beside the part it points at, which is outlined while
its step shows; Back and Next walk the steps, and it never blocks the window: a composer can
try each thing as it is explained. Steps are made when the tour starts, so they are in the
language of that moment and find the widgets as the window is laid out then.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRubberBand,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import translate

if TYPE_CHECKING:
    from ui.main_window import MainWindow


@dataclass(frozen=True)
class Step:
    """One stop of the tour: what it points at (found when shown) and what it says."""

    name: str
    target: Callable[[], QWidget | None]
    title: str
    text: str


def _toolbar_button(window: MainWindow, action_name: str) -> QWidget | None:
    """The main toolbar's button for one of the window's actions (None if it has none)."""
    action = window.actions_by_name[action_name]
    for toolbar in window.findChildren(QToolBar):
        button = toolbar.widgetForAction(action)
        if button is not None and button.isVisible():
            return button
    return None


def _dock_of(widget: QWidget) -> QWidget:
    """The dock a panel sits in, brought to the front (the panel itself if it is not docked)."""
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QDockWidget):
        parent = parent.parentWidget()
    if parent is None:
        return widget
    parent.show()
    parent.raise_()
    return parent


def tour_steps(window: MainWindow) -> list[Step]:
    """The tour of this window, in the order a first song is made."""
    play = window.transport.widgetForAction(window.transport.play_action)
    return [
        Step(
            "grid",
            lambda: window.grid,
            translate("Tour", "Your song"),
            translate(
                "Tour",
                "Each row is an instrument and each column a bar. Click a cell to select it, "
                "or drag across several.",
            ),
        ),
        Step(
            "lock",
            lambda: _toolbar_button(window, "lock"),
            translate("Tour", "Keep what you like"),
            translate(
                "Tour",
                "Lock (L) keeps the selected cells as they are: the AI writes around them and "
                "never changes them.",
            ),
        ),
        Step(
            "regenerate",
            lambda: _toolbar_button(window, "regenerate"),
            translate("Tour", "A new idea"),
            translate(
                "Tour",
                "Regenerate (R) writes new music in the selected cells. Ctrl+Z takes it back.",
            ),
        ),
        Step(
            "piano_roll",
            lambda: window.piano_roll,
            translate("Tour", "Change single notes"),
            translate(
                "Tour",
                "The piano roll shows the notes of the selected cells. Drag a note to move it, "
                "drag its end to lengthen it, double-click to add one, Delete to remove it.",
            ),
        ),
        Step(
            "takes",
            lambda: _dock_of(window.takes),
            translate("Tour", "Every version is kept"),
            translate(
                "Tour",
                "Each time the AI writes, the result is kept here as a take. Listen to one, "
                "or go back to it.",
            ),
        ),
        Step(
            "play",
            lambda: play,
            translate("Tour", "Listen"),
            translate("Tour", "Play or stop with the Space bar."),
        ),
        Step(
            "export",
            window.menuBar,
            translate("Tour", "Take it with you"),
            translate(
                "Tour",
                "File → Export MIDI saves the notes for another music program; Export Audio "
                "makes a sound file for a video. Save keeps the project to work on later.",
            ),
        ),
    ]


class GuidedTour(QDialog):
    """The tour's window: a step's title and words, Back, Next (Finish), and an outline
    around the part of the window the step is about."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("guided-tour")
        self.setWindowTitle(translate("Tour", "Guided Tour"))
        self.setWindowFlag(Qt.WindowType.Tool)
        self.setModal(False)
        self.window_ = window
        self.steps = tour_steps(window)
        self.index = 0
        self.outline = QRubberBand(QRubberBand.Shape.Rectangle, window)
        self.counter = QLabel()
        self.title = QLabel()
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setMinimumWidth(320)
        self.back = QPushButton(translate("Tour", "Back"))
        self.next = QPushButton()
        close = QPushButton(translate("Tour", "Close"))
        self.back.clicked.connect(lambda: self.go(self.index - 1))
        self.next.clicked.connect(self._next)
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.counter)
        buttons.addStretch(1)
        for button in (self.back, self.next, close):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        self.target: QWidget | None = None

    def start(self) -> None:
        self.show()
        self.go(0)

    def go(self, index: int) -> None:
        """Show step `index` (kept within the tour) and outline what it is about."""
        self.index = max(0, min(index, len(self.steps) - 1))
        step = self.steps[self.index]
        self.counter.setText(
            translate("Tour", "Step {number} of {count}").format(
                number=self.index + 1, count=len(self.steps)
            )
        )
        self.title.setText(f"<b>{step.title}</b>")
        self.text.setText(step.text)
        self.back.setEnabled(self.index > 0)
        last = self.index == len(self.steps) - 1
        self.next.setText(translate("Tour", "Finish") if last else translate("Tour", "Next"))
        self.target = step.target()
        self._point_at(self.target)

    def _next(self) -> None:
        if self.index == len(self.steps) - 1:
            self.close()
        else:
            self.go(self.index + 1)

    def _point_at(self, target: QWidget | None) -> None:
        """Outline the target and stand beside it (below it, or above when there is no room)."""
        window = self.window_
        if target is None or not target.isVisible():
            self.outline.hide()
            return
        corner = target.mapTo(window, QPoint(0, 0))
        area = QRect(corner, target.size()).adjusted(-3, -3, 3, 3)
        self.outline.setGeometry(area.intersected(window.rect()))
        self.outline.show()
        self.outline.raise_()
        self.adjustSize()
        below = window.mapToGlobal(area.bottomLeft()) + QPoint(0, 8)
        screen = window.screen().availableGeometry()
        if below.y() + self.height() > screen.bottom():
            below = window.mapToGlobal(area.topLeft()) - QPoint(0, self.height() + 8)
        below.setX(max(screen.left(), min(below.x(), screen.right() - self.width())))
        below.setY(max(screen.top(), below.y()))
        self.move(below)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self.outline.hide()
        super().closeEvent(event)
