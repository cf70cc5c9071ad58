"""The takes list: every composing operation's result, newest at the bottom, one click to return.

Double-clicking a take (or pressing Restore) makes it the current song as a new undo step, so
going back to an earlier version can itself be undone.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QListWidget, QPushButton, QVBoxLayout, QWidget

from engine.takes import Take


class TakesPanel(QWidget):
    restore_requested = Signal(int)
    """A take number, counted from 1 as the list shows them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.restore = QPushButton("Restore take")
        self.restore.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.restore)
        self.list.itemDoubleClicked.connect(lambda _item: self._request())
        self.list.currentRowChanged.connect(lambda row: self.restore.setEnabled(row >= 0))
        self.restore.clicked.connect(self._request)

    def show_takes(self, takes: tuple[Take, ...]) -> None:
        self.list.clear()
        for number, take in enumerate(takes, start=1):
            self.list.addItem(f"{number}. {take.describe()}")
        self.list.scrollToBottom()
        self.restore.setEnabled(False)

    def _request(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.restore_requested.emit(row + 1)
