"""The takes list: every composing operation's result, newest at the bottom, one click to return.

Double-clicking a take (or pressing Restore) makes it the current song as a new undo step, so
going back to an earlier version can itself be undone. Listen plays a take without restoring it,
to compare takes by ear (A/B) before choosing one; the take stays what is heard while the
composer goes on editing, until Back to the Song (the panel shows which take is heard).
"""

from __future__ import annotations

from PySide6.QtCore import Signal, SignalInstance
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QPushButton, QVBoxLayout, QWidget

from engine.song.takes import Take


class TakesPanel(QWidget):
    restore_requested = Signal(int)
    """A take number, counted from 1 as the list shows them."""
    listen_requested = Signal(int)
    """A take number to play without restoring it."""
    back_requested = Signal()
    """Stop listening to a take: hear the song again."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.restore = QPushButton("Restore take")
        self.listen = QPushButton("Listen")
        self.listen.setToolTip("Play this take without restoring it")
        self.hearing = QLabel()
        self.back = QPushButton("Back to the Song")
        self.back.setToolTip("Hear the song you are editing again")
        buttons = QHBoxLayout()
        buttons.addWidget(self.listen)
        buttons.addWidget(self.restore)
        hearing = QHBoxLayout()
        hearing.addWidget(self.hearing, 1)
        hearing.addWidget(self.back)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addLayout(hearing)
        self.list.itemDoubleClicked.connect(lambda _item: self._request(self.restore_requested))
        self.list.currentRowChanged.connect(self._enable)
        self.restore.clicked.connect(lambda: self._request(self.restore_requested))
        self.listen.clicked.connect(lambda: self._request(self.listen_requested))
        self.back.clicked.connect(self.back_requested)
        self._enable(-1)
        self.show_takes((), None)

    def show_takes(self, takes: tuple[Take, ...], listening: int | None) -> None:
        """List the takes, marking the one being listened to (its number, or None)."""
        row = self.list.currentRow()
        self.list.clear()
        for number, take in enumerate(takes, start=1):
            heard = "  ◀ listening" if number == listening else ""
            self.list.addItem(f"{number}. {take.describe()}{heard}")
        if 0 <= row < self.list.count():
            self.list.setCurrentRow(row)
        else:
            self.list.scrollToBottom()
            self._enable(-1)
        self.hearing.setText(
            f"Listening to take {listening}" if listening is not None else "Hearing the song"
        )
        self.back.setEnabled(listening is not None)

    def _enable(self, row: int) -> None:
        self.restore.setEnabled(row >= 0)
        self.listen.setEnabled(row >= 0)

    def _request(self, signal: SignalInstance) -> None:
        row = self.list.currentRow()
        if row >= 0:
            signal.emit(row + 1)
