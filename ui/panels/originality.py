"""The originality report: which passages of the song match training works, and where.

`OriginalityPanel` shows a `engine.originality.check.Report`: a summary line, one row per passage
(flagged or warned, with the work, composer, collection and licence) and per near-copy, and
what the index was built from. Clicking a row emits `passage_chosen(track, first_bar,
last_bar)` so the window can select those cells. The check itself is the front door's
(`Studio.check_job`, as `tessera-cli check` runs it) on the window's `JobRunner`
(`check_in_background`), so the first check, which loads the index (about a second), never
blocks the UI thread; `Report.bar_badges()` feeds `ArrangementGrid.set_cell_badges`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from engine.originality.check import FLAG_NOTES, WARN_NOTES, Report, default_index
from engine.song.song import Cell
from engine.studio.outcomes import Checked
from engine.studio.use_cases import Studio
from ui.jobs import JobRunner

FLAG_COLOUR = QColor(200, 60, 40)
WARN_COLOUR = QColor(190, 130, 20)


class OriginalityPanel(QWidget):
    check_requested = Signal()
    """The user pressed "Check originality" (the window runs `check_in_background`)."""
    passage_chosen = Signal(int, int, int)
    """(track, first bar, last bar), 0-based, of the row the user clicked."""
    report_ready = Signal(object)
    """The Report of the last check, once it is shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel("Not checked yet: press Check to compare the song with the corpus.")
        self.summary.setWordWrap(True)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.source = QLabel()
        self.source.setWordWrap(True)
        self.check_button = QPushButton("Check originality")
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.source)
        layout.addWidget(self.check_button)
        self.report: Report | None = None
        self._spans: list[tuple[int, int, int]] = []
        self.check_button.clicked.connect(self.check_requested)
        self.list.currentRowChanged.connect(self._chosen)

    def show_report(self, report: Report) -> None:
        """List the report's passages and near-copies, longest first."""
        self.report = report
        self.list.clear()
        self._spans = []
        flagged = len(report.flagged)
        self.summary.setText(
            f"{flagged} passage(s) flagged (>= {FLAG_NOTES} notes shared with one training "
            f"work), {len(report.passages) - flagged} warned (>= {WARN_NOTES}), "
            f"{len(report.similar)} near-copies (16-note windows scoring >= 80%). Longest shared "
            f"run: {report.longest_notes} notes of {report.checked_notes} checked."
        )
        for passage in report.passages:
            item = QListWidgetItem(passage.describe())
            item.setForeground(FLAG_COLOUR if passage.flagged else WARN_COLOUR)
            self.list.addItem(item)
            self._spans.append((passage.track, passage.first_bar, passage.last_bar))
        for similar in report.similar:
            self.list.addItem(QListWidgetItem(similar.describe()))
            self._spans.append((similar.track, similar.first_bar, similar.last_bar))
        self.source.setText(index_summary())
        self.report_ready.emit(report)

    def check_in_background(
        self,
        jobs: JobRunner,
        studio: Studio,
        cells: Iterable[Cell] | None,
        on_error: Callable[[str, str], None],
    ) -> bool:
        """Check the studio's song (or the cells) on the job runner; False when another job is
        running."""
        return jobs.start(studio.check_job(cells), self._checked, on_error)

    def _checked(self, checked: Checked) -> None:
        self.show_report(checked.report)  # the runner delivers it on the UI thread

    def _chosen(self, row: int) -> None:
        if 0 <= row < len(self._spans):
            self.passage_chosen.emit(*self._spans[row])


def index_summary() -> str:
    """What the index holds: train works by collection and licence (from the shipped file)."""
    works = default_index().works
    collections = Counter(work.collection for work in works).most_common(4)
    licences = Counter(work.licence_code for work in works).most_common()
    shown = ", ".join(f"{name} {count}" for name, count in collections)
    return (
        f"Compared with the model's training set: {len(works)} works ({shown}, ...); "
        f"licences: {', '.join(f'{code} {count}' for code, count in licences)}."
    )
