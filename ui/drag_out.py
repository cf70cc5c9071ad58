"""Drag the selection out of the window into a DAW or a file manager as a .mid file.

The file is written to a temporary folder when the drag starts and kept until the app exits,
because the receiving program may read it after the drop has returned.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDrag, QMouseEvent
from PySide6.QtWidgets import QApplication, QToolButton, QWidget

from engine.project.midi.files import export_midi
from engine.song.song import Song
from ui.i18n import translate

SelectionSource = Callable[[], tuple[Song, list[int] | None, tuple[int, int] | None]]

_DRAG_FOLDER: Path | None = None


def _drag_folder() -> Path:
    global _DRAG_FOLDER  # noqa: PLW0603 - one folder per process, removed at exit
    if _DRAG_FOLDER is None:
        _DRAG_FOLDER = Path(tempfile.mkdtemp(prefix="tessera-drag-"))
        atexit.register(shutil.rmtree, _DRAG_FOLDER, True)
    return _DRAG_FOLDER


def selection_mime(song: Song, tracks: list[int] | None, bars: tuple[int, int] | None) -> QMimeData:
    """Write the selection as a MIDI file and describe it as a dragged file URL."""
    safe = "".join(c if c.isalnum() or c in " -_" else "_" for c in song.title).strip() or "song"
    suffix = f" bars {bars[0] + 1}-{bars[1] + 1}" if bars else ""
    path = _drag_folder() / f"{safe}{suffix}.mid"
    export_midi(song, path, tracks, bars)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    return mime


class MidiDragButton(QToolButton):
    """A toolbar handle: press and drag it to carry the selection out as a .mid file."""

    def __init__(self, source: SelectionSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = source
        self.setObjectName("drag-midi")
        self.setText(translate("MidiDragButton", "Drag MIDI"))
        self.setToolTip(
            translate(
                "MidiDragButton",
                "Drag the selected cells (or the whole song) into a DAW as a .mid file",
            )
        )
        self._pressed_at: QPoint | None = None

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        self._pressed_at = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        start = self._pressed_at
        far = QApplication.startDragDistance()
        if start is None or (event.position().toPoint() - start).manhattanLength() < far:
            return
        self._pressed_at = None
        drag = QDrag(self)
        drag.setMimeData(selection_mime(*self.source()))
        drag.exec(Qt.DropAction.CopyAction)
