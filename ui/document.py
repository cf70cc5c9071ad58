"""The Qt face of `engine.studio.document.Document`: its news as one signal the views connect to.

The document is plain Python so it can be tested without a display; this adapter only turns
its observer call into `changed(Changed)`. Views read the song, selection, takes and what is
heard from `document` and redraw on `changed`, instead of a window calling each of them.
Every change happens on the UI thread (jobs hand results over through `ui.ui_thread`), so the
signal is delivered at once, in order.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from engine.studio.document import Changed, Document


class DocumentSignals(QObject):
    """`changed(what)` after every change to `document`; `what` is an
    `engine.studio.document.Changed`."""

    changed = Signal(object)

    def __init__(self, document: Document, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        document.observe(self._tell)

    def _tell(self, what: Changed) -> None:
        self.changed.emit(what)


__all__ = ["DocumentSignals"]
