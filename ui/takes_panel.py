"""The takes list: every composing operation's result, newest at the bottom, one click to return.

Double-clicking a take (or pressing Restore) makes it the current song as a new undo step, so
going back to an earlier version can itself be undone. Listen plays a take without restoring it,
to compare takes by ear (A/B) before choosing one.
"""

from __future__ import annotations

from PySide6.QtCore import Signal, SignalInstance
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QPushButton, QVBoxLayout, QWidget

from engine.takes import Take


class TakesPanel(QWidget):
    restore_requested = Signal(int)
    """A take number, counted from 1 as the list shows them."""
    listen_requested = Signal(int)
    """A take number to play without restoring it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.restore = QPushButton("Restore take")
        self.listen = QPushButton("Listen")
        self.listen.setToolTip("Play this take without restoring it")
        buttons = QHBoxLayout()
        buttons.addWidget(self.listen)
        buttons.addWidget(self.restore)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.list.itemDoubleClicked.connect(lambda _item: self._request(self.restore_requested))
        self.list.currentRowChanged.connect(self._enable)
        self.restore.clicked.connect(lambda: self._request(self.restore_requested))
        self.listen.clicked.connect(lambda: self._request(self.listen_requested))
        self._enable(-1)

    def show_takes(self, takes: tuple[Take, ...]) -> None:
        self.list.clear()
        for number, take in enumerate(takes, start=1):
            self.list.addItem(f"{number}. {take.describe()}")
        self.list.scrollToBottom()
        self._enable(-1)

    def _enable(self, row: int) -> None:
        self.restore.setEnabled(row >= 0)
        self.listen.setEnabled(row >= 0)

    def _request(self, signal: SignalInstance) -> None:
        row = self.list.currentRow()
        if row >= 0:
            signal.emit(row + 1)
