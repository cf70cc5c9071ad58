"""The takes list: every composing operation's result, newest at the bottom, one click to return.

Each entry reads as a musician would say it: what was done, where, and when
("3. Regenerate · Piano, bars 3-4 · 2 min ago"); the seed and the request's details sit in the
entry's tooltip for whoever wants to make it again. A take records no time of its own, so the
panel notes when it first listed each take added by an operation (the one new take at the end of
the list); takes read with a project show no time. The times are brought up to date every
half minute.

Double-clicking a take (or pressing Restore) makes it the current song as a new undo step, so
going back to an earlier version can itself be undone. Listen plays a take without restoring it,
to compare takes by ear (A/B) before choosing one; the take stays what is heard while the
composer goes on editing, until Back to the Song (the panel shows which take is heard).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QTimer, Signal, SignalInstance
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from engine.song.gm import instrument_name
from engine.song.takes import Take
from ui.i18n import translate
from ui.panels.words import (
    ago,
    bars_text,
    cells_text,
    direction_name,
    one_or_many,
    operation_name,
)

REFRESH_MS = 30_000
"""How often the "2 min ago" times are brought up to date."""
SEPARATOR = " · "


def take_what(take: Take) -> str:
    """What a take did and where: "Regenerate · Piano, bars 3-4", "Continue · 4 bars"."""
    request: Mapping[str, Any] = take.request
    names = [track.name for track in take.song.tracks]
    what = operation_name(take.operation)
    if take.operation == "nudge" and isinstance(request.get("direction"), str):
        what = translate("Takes", "Nudge: {direction}").format(
            direction=direction_name(request["direction"])
        )
    parts = [what]
    if isinstance(request.get("cells"), list | tuple) and request["cells"]:
        parts.append(cells_text(request["cells"], names))
    elif take.operation == "continue" and isinstance(request.get("bars"), int):
        bars = request["bars"]
        parts.append(
            one_or_many(
                bars,
                translate("Takes", "1 more bar"),
                translate("Takes", "%n more bars", None, bars),
            )
        )
    elif take.operation == "add-track":
        parts.append(_added(request))
    elif take.operation == "generate":
        parts.append(take.song.title)
    elif isinstance(request.get("section"), int):
        parts.append(_section(take, request["section"]))
    return SEPARATOR.join(part for part in parts if part)


def _section(take: Take, index: int) -> str:
    """A section by its name and bars in the take's song ("Chorus, bars 9-16")."""
    sections = take.song.sections
    if not 0 <= index < len(sections):
        return translate("Takes", "section {number}").format(number=index + 1)
    section = sections[index]
    bars = bars_text(range(section.first_bar, section.first_bar + section.bars))
    return translate("Takes", "{section}, {bars}").format(section=section.name, bars=bars)


def _added(request: Mapping[str, Any]) -> str:
    if isinstance(request.get("name"), str) and request["name"]:
        return str(request["name"])
    if request.get("is_drum"):
        return translate("Takes", "Drum kit")
    program = request.get("program")
    return instrument_name(program) if isinstance(program, int) and 0 <= program < 128 else ""


def take_tooltip(take: Take) -> str:
    """The details behind an entry: the seed that makes the take again."""
    return translate(
        "Takes", "Made with seed {seed}: the same seed on the same song gives these notes again"
    ).format(seed=take.seed)


class TakesPanel(QWidget):
    restore_requested = Signal(int)
    """A take number, counted from 1 as the list shows them."""
    listen_requested = Signal(int)
    """A take number to play without restoring it."""
    back_requested = Signal()
    """Stop listening to a take: hear the song again."""

    def __init__(
        self, parent: QWidget | None = None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._takes: tuple[Take, ...] = ()
        self._listening: int | None = None
        self._made: list[tuple[Take, float]] = []
        """When the panel first listed each take an operation added (matched by identity)."""
        self.list = QListWidget()
        self.list.setToolTip(
            translate(
                "Takes", "Every version the app wrote, newest last: double-click one to go back"
            )
        )
        self.restore = QPushButton(translate("Takes", "Restore take"))
        self.restore.setToolTip(
            translate("Takes", "Make this take the song again (you can undo this)")
        )
        self.listen = QPushButton(translate("Takes", "Listen"))
        self.listen.setToolTip(translate("Takes", "Play this take without restoring it"))
        self.hearing = QLabel()
        self.back = QPushButton(translate("Takes", "Back to the Song"))
        self.back.setToolTip(translate("Takes", "Hear the song you are editing again"))
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
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self._relabel)
        self.timer.start()
        self._enable(-1)
        self.show_takes((), None)

    def show_takes(self, takes: tuple[Take, ...], listening: int | None) -> None:
        """List the takes, marking the one being listened to (its number, or None)."""
        self._note_times(takes)
        self._takes, self._listening = takes, listening
        row = self.list.currentRow()
        self.list.clear()
        for number in range(1, len(takes) + 1):
            item = QListWidgetItem(self.label(number))
            item.setToolTip(take_tooltip(takes[number - 1]))
            self.list.addItem(item)
        if 0 <= row < self.list.count():
            self.list.setCurrentRow(row)
        else:
            self.list.scrollToBottom()
            self._enable(-1)
        self.hearing.setText(
            translate("Takes", "Listening to take {number}").format(number=listening)
            if listening is not None
            else translate("Takes", "Hearing the song")
        )
        self.back.setEnabled(listening is not None)

    def label(self, number: int) -> str:
        """The entry for take `number` (from 1): "3. Regenerate · Piano, bars 3-4 · just now"."""
        take = self._takes[number - 1]
        parts = [take_what(take)]
        made = next((at for known, at in self._made if known is take), None)
        if made is not None:
            parts.append(ago(self._clock() - made))
        text = translate("Takes", "{number}. {what}").format(
            number=number, what=SEPARATOR.join(parts)
        )
        if number == self._listening:
            text += translate("Takes", "  ◀ listening")
        return text

    def _note_times(self, takes: tuple[Take, ...]) -> None:
        """Stamp the one take an operation just added at the end; forget takes no longer kept."""
        kept = [(take, at) for take, at in self._made if any(take is t for t in takes)]
        listed = self._takes
        new = [take for take in takes if not any(take is old for old in listed)]
        if len(new) == 1 and takes and takes[-1] is new[0] and (listed or len(takes) == 1):
            kept.append((new[0], self._clock()))
        self._made = kept

    def _relabel(self) -> None:
        """Bring the times up to date without disturbing the selection."""
        for row in range(self.list.count()):
            self.list.item(row).setText(self.label(row + 1))

    def _enable(self, row: int) -> None:
        self.restore.setEnabled(row >= 0)
        self.listen.setEnabled(row >= 0)

    def _request(self, signal: SignalInstance) -> None:
        row = self.list.currentRow()
        if row >= 0:
            signal.emit(row + 1)
