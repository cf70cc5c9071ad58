"""The originality report: which passages of the song match training works, and where.

`OriginalityPanel` shows a `engine.originality.check.Report` in plain words: first what was
checked ("the whole song, 212 notes", or "the selected 2 cells of 40"), then what was found,
then one row per passage (copied or close, with the work, composer, collection and licence) and
per near-copy, and what the index was built from. Clicking a row emits `passage_chosen(track,
first_bar, last_bar)` so the window can select those cells.

With nothing selected the whole song is checked; a selection is checked alone, and the summary
says so and how to check everything. Selected cells that hold no notes would check nothing, so
the whole song is checked instead, and the summary says why. Once `watch` connects the panel to
the document, the report does not outlive the song it describes: an edit clears the rows and
says the report is out of date, and a new selection updates the line saying what the next check
will cover.

The check itself is the front door's (`Studio.check_job`, as `tessera-cli check` runs it) on the
window's `JobRunner` (`check_in_background`), so the first check, which loads the index (about a
second), never blocks the UI thread; `Report.bar_badges()` feeds `ArrangementGrid.set_cell_badges`.
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

from engine.originality.check import FLAG_NOTES, WARN_NOTES, Passage, Report, default_index
from engine.originality.similar import Similar
from engine.song.song import Cell, Song
from engine.studio.document import Changed
from engine.studio.outcomes import Checked
from engine.studio.use_cases import Studio
from ui.document import DocumentSignals
from ui.engine_words import engine_text
from ui.i18n import translate
from ui.jobs import JobRunner
from ui.panels.words import bars_text, one_or_many, track_name

FLAG_COLOUR = QColor(200, 60, 40)
WARN_COLOUR = QColor(190, 130, 20)


def notes_in_cells(song: Song, cells: Iterable[Cell]) -> int:
    """How many notes start in the cells (cells outside the song count none)."""
    return sum(
        len(song.notes_in_bar(track, bar))
        for track, bar in cells
        if 0 <= track < len(song.tracks) and 0 <= bar < song.bar_count
    )


def scope_text(song: Song, cells: tuple[Cell, ...]) -> str:
    """What a check of `cells` (none: the whole song) covers, in words."""
    if not cells or notes_in_cells(song, cells) == 0:
        return translate("Originality", "the whole song")
    return translate("Originality", "the selected {count} cells of {total}").format(
        count=len(cells), total=len(song.tracks) * song.bar_count
    )


class OriginalityPanel(QWidget):
    check_requested = Signal()
    """The user pressed "Check originality" (the window runs `check_in_background`)."""
    passage_chosen = Signal(int, int, int)
    """(track, first bar, last bar), 0-based, of the row the user clicked."""
    report_ready = Signal(object)
    """The Report of the last check, once it is shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel(
            translate(
                "Originality",
                "Not checked yet: press Check originality to see whether any passage of the "
                "song copies music the model learned from.",
            )
        )
        self.summary.setWordWrap(True)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setToolTip(translate("Originality", "Click a passage to select its bars"))
        self.source = QLabel()
        self.source.setWordWrap(True)
        self.scope = QLabel()
        self.scope.setWordWrap(True)
        self.check_button = QPushButton(translate("Originality", "Check originality"))
        self.check_button.setToolTip(
            translate(
                "Originality",
                "Compare the song (or the selected cells) with the music the model learned from",
            )
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.source)
        layout.addWidget(self.scope)
        layout.addWidget(self.check_button)
        self.report: Report | None = None
        self._checked_scope = ""
        self._signals: DocumentSignals | None = None
        self._spans: list[tuple[int, int, int]] = []
        self._names: list[str] = []
        self.check_button.clicked.connect(self.check_requested)
        self.list.currentRowChanged.connect(self._chosen)

    # --- following the document ------------------------------------------------------------

    def watch(self, signals: DocumentSignals) -> None:
        """Follow the document: an edit makes the report stale, a selection changes what the
        next check covers."""
        self._signals = signals
        signals.changed.connect(self._document_changed)
        self._document_changed(Changed.SELECTION)

    def _document_changed(self, what: Changed) -> None:
        if self._signals is None:
            return
        document = self._signals.document
        if what & Changed.SONG and self.report is not None:
            self.report = None
            self.list.clear()
            self._spans = []
            self.summary.setText(
                translate(
                    "Originality",
                    "The song has changed since the last check ({scope}): press Check "
                    "originality to check it again.",
                ).format(scope=self._checked_scope)
            )
        if what & (Changed.SONG | Changed.SELECTION):
            self.show_scope(document.song, document.selection)

    def show_scope(self, song: Song, selection: tuple[Cell, ...]) -> None:
        """Say what the next check will cover, and how to check the whole song."""
        scope = scope_text(song, selection)
        if selection and notes_in_cells(song, selection) > 0:
            text = translate(
                "Originality", "Check will cover {scope}: select nothing to check the whole song."
            )
        elif selection:
            text = translate(
                "Originality",
                "The selected cells hold no notes, so Check will cover {scope}.",
            )
        else:
            text = translate("Originality", "Check will cover {scope}.")
        self.scope.setText(text.format(scope=scope))

    # --- checking ------------------------------------------------------------------------------

    def check_in_background(
        self,
        jobs: JobRunner,
        studio: Studio,
        cells: Iterable[Cell] | None,
        on_error: Callable[[str, str], None],
    ) -> bool:
        """Check the studio's song (or the cells, when they hold notes) on the job runner;
        False when another job is running."""
        song = studio.song
        chosen = tuple(cells) if cells is not None else ()
        if notes_in_cells(song, chosen) == 0:
            chosen = ()  # nothing to check there: the whole song instead
        scope = scope_text(song, chosen)
        names = [track.name for track in song.tracks]

        def show(checked: Checked) -> None:
            self._checked_scope, self._names = scope, names
            self.show_report(checked.report)

        return jobs.start(studio.check_job(chosen or None), show, on_error)

    def show_report(self, report: Report) -> None:
        """Say what was checked and found, and list the passages and near-copies."""
        self.report = report
        self.list.clear()
        self._spans = []
        self.summary.setText(self._summary(report))
        for passage in report.passages:
            item = QListWidgetItem(self._passage_text(passage))
            item.setToolTip(engine_text(passage.describe()))
            item.setForeground(FLAG_COLOUR if passage.flagged else WARN_COLOUR)
            self.list.addItem(item)
            self._spans.append((passage.track, passage.first_bar, passage.last_bar))
        for similar in report.similar:
            item = QListWidgetItem(self._similar_text(similar))
            item.setToolTip(engine_text(similar.describe()))
            self.list.addItem(item)
            self._spans.append((similar.track, similar.first_bar, similar.last_bar))
        self.source.setText(index_summary())
        self.report_ready.emit(report)

    def _summary(self, report: Report) -> str:
        notes = report.checked_notes
        checked = one_or_many(
            notes,
            translate("Originality", "Checked {scope}: 1 note."),
            translate("Originality", "Checked {scope}: %n notes.", None, notes),
        )
        lines = [checked.format(scope=self._checked_scope or translate("Originality", "the song"))]
        flagged = len(report.flagged)
        warned = len(report.passages) - flagged
        if not report.passages and not report.similar:
            lines.append(
                translate(
                    "Originality",
                    "Nothing found: no run of {notes} notes matches a work the model learned from.",
                ).format(notes=WARN_NOTES)
            )
        if flagged:
            lines.append(
                one_or_many(
                    flagged,
                    translate(
                        "Originality",
                        "1 passage flagged: {notes} or more notes in a row as in one work.",
                    ),
                    translate(
                        "Originality",
                        "%n passages flagged: {notes} or more notes in a row as in one work.",
                        None,
                        flagged,
                    ),
                ).format(notes=FLAG_NOTES)
            )
        if warned:
            lines.append(
                one_or_many(
                    warned,
                    translate(
                        "Originality",
                        "1 passage close: {notes} or more notes in a row as in one work.",
                    ),
                    translate(
                        "Originality",
                        "%n passages close: {notes} or more notes in a row as in one work.",
                        None,
                        warned,
                    ),
                ).format(notes=WARN_NOTES)
            )
        similar = len(report.similar)
        if similar:
            lines.append(
                one_or_many(
                    similar,
                    translate(
                        "Originality",
                        "1 stretch nearly the same as a work (80 % of the notes or more).",
                    ),
                    translate(
                        "Originality",
                        "%n stretches nearly the same as a work (80 % of the notes or more).",
                        None,
                        similar,
                    ),
                )
            )
        return "\n".join(lines)

    def _where(self, track: int, first_bar: int, last_bar: int) -> str:
        return translate("Originality", "{track}, {bars}").format(
            track=track_name(track, self._names), bars=bars_text(range(first_bar, last_bar + 1))
        )

    def _passage_text(self, passage: Passage) -> str:
        if passage.flagged:
            text = translate("Originality", "Copied")
        else:
            text = translate("Originality", "Close")
        return translate(
            "Originality",
            "{level} — {where}: {notes} notes as in “{title}” ({composer}; {licence})",
        ).format(
            level=text,
            where=self._where(passage.track, passage.first_bar, passage.last_bar),
            notes=passage.notes,
            title=passage.work.title,
            composer=passage.work.composer,
            licence=passage.work.licence_code,
        )

    def _similar_text(self, similar: Similar) -> str:
        return translate(
            "Originality",
            "Similar — {where}: up to {percent} % of the notes as in “{title}” ({composer}; "
            "{licence})",
        ).format(
            where=self._where(similar.track, similar.first_bar, similar.last_bar),
            percent=round(similar.score * 100),
            title=similar.work.title,
            composer=similar.work.composer,
            licence=similar.work.licence_code,
        )

    def _chosen(self, row: int) -> None:
        if 0 <= row < len(self._spans):
            self.passage_chosen.emit(*self._spans[row])


def index_summary() -> str:
    """What the index holds: train works by collection and licence (from the shipped file)."""
    works = default_index().works
    collections = Counter(work.collection for work in works).most_common(4)
    licences = Counter(work.licence_code for work in works).most_common()
    return translate(
        "Originality",
        "Compared with the music the model learned from: {works} works ({collections}, …); "
        "licences: {licences}.",
    ).format(
        works=len(works),
        collections=", ".join(f"{name} {count}" for name, count in collections),
        licences=", ".join(f"{code} {count}" for code, count in licences),
    )
