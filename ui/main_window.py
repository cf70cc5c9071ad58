"""The main window: arrangement grid over piano roll, inspector and takes at the side.

It holds no music of its own: the `engine.studio.document.Document` owns the song, its history and
takes, the selection and the take being listened to; the widgets show it, send edits back as
new Songs, and redraw when its `changed` signal says what changed. What a composer does with the
project (open, compose, save, render, check, audio to notes) goes through the front door
`tessera-cli` uses too, `engine.studio.use_cases.Studio`, and every model comes from the window's
one `engine.studio.models.Models`, shared by the compose jobs, the transport, the timbre panel
and the live panel. Long work runs through `JobRunner` with progress and cancel in the status
bar. Opening, saving, autosave and crash recovery live in `ui.project_files`, the actions and
menus in `ui.window_menus`; an autosave timer fires every minute.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint, QSettings, QStandardPaths, Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QWidget,
)

from engine.compose.operations import Generate
from engine.errors import TesseraError
from engine.live.ports import MidiPorts, RtMidiPorts
from engine.song.edit_checks import held_by_locks
from engine.song.edits import remove_notes, set_style
from engine.song.song import Song, Track
from engine.studio.document import Changed, Document
from engine.studio.models import Models
from engine.studio.session import ProjectSession
from engine.studio.use_cases import Studio
from ui.arrangement.changed_cells import follow_changed_cells
from ui.arrangement.section_actions import SectionActions
from ui.arrangement.section_band import SectionBand, band_over
from ui.arrangement.view import ArrangementGrid
from ui.audio_actions import AudioActions
from ui.compose_actions import (
    ComposeActions,
    instrument_choice,
    instrument_choices,
    run_safely,
)
from ui.dialogs.new_song import NewSongDialog
from ui.dialogs.prompt import PromptDialog
from ui.docks import add_side_docks
from ui.document import DocumentSignals
from ui.drag_out import MidiDragButton
from ui.engine_words import engine_text
from ui.help.shortcuts import ShortcutsDialog
from ui.help.tour import GuidedTour
from ui.i18n import translate
from ui.jobs import JobRunner, progress_text
from ui.key_box import KeyBox
from ui.panels.about_models import AboutModelsDialog
from ui.panels.inspector import Inspector
from ui.panels.live import LivePanel
from ui.panels.originality import OriginalityPanel
from ui.panels.takes import TakesPanel
from ui.panels.timbre import TimbrePanel
from ui.panels.tracks import TrackPanel
from ui.panels.transport import AudioEngine, TransportBar
from ui.piano_roll.view import PianoRoll
from ui.project_files import ProjectFiles
from ui.start.launch import StartPage
from ui.toolbar import MainToolbar
from ui.video.actions import VideoScoring
from ui.window_menus import show_history, window_actions, window_menus

AUTOSAVE_MS = 60_000


def default_recovery_dir() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base or tempfile.gettempdir()) / "recovery"


class MainWindow(ProjectFiles, AudioActions, QMainWindow):
    def __init__(
        self,
        recovery_dir: Path | None = None,
        settings: QSettings | None = None,
        parent: QWidget | None = None,
        audio: AudioEngine | None = None,
        *,
        models: Models | None = None,
        ports: Callable[[], MidiPorts] = RtMidiPorts,
    ) -> None:
        """`models` (default: the shipped ones, loaded when first needed) serve every part of
        the window; an `audio` engine given brings its own models when `models` is not given.
        `ports` opens the MIDI system for live play."""
        super().__init__(parent)
        if models is None:
            models = audio.models if audio is not None else Models()
        self.models = models
        untitled = translate("MainWindow", "Untitled")
        session = ProjectSession(recovery_dir or default_recovery_dir(), _starter_song(untitled))
        self.document = Document(session)
        self.studio = Studio(self.document, self.models)
        self.document_signals = DocumentSignals(self.document, self)
        self.settings = settings or QSettings("Tessera", "Tessera")
        self.last_message = ""
        self.jobs = JobRunner(self)
        self.grid = ArrangementGrid()
        self.piano_roll = PianoRoll()
        self.inspector = Inspector()
        self.takes = TakesPanel()
        self.originality = OriginalityPanel()
        self.audio = audio or AudioEngine(self.models, parent=self)
        if self.audio.models is not self.models:
            raise ValueError("the window and its audio engine must share one Models")
        self.live = LivePanel(self.studio, ports, stream_factory=self.audio.stream_factory)
        self.transport = TransportBar(self.audio, self.document_signals)
        self.track_panel = TrackPanel(lambda: self.document.song, self.apply_edit)
        self.timbre_panel = TimbrePanel(
            lambda: self.document.song, self.apply_edit, self.models, self.audio.new_player
        )
        self.compose = ComposeActions(self.studio, self.inspector, self.jobs, self)
        self.band = SectionBand()
        self.sections = SectionActions(self.band, self.document, self.compose, self)
        self.drag_button = MidiDragButton(self._selection_song)
        self.video_scoring = VideoScoring(  # File → Score a Video… (ui/video)
            self, self.studio, self.jobs, self.grid, self.document_signals
        )
        self.video_scoring.message.connect(self.say)
        self.video_scoring.failed.connect(self.show_error)
        self._lay_out()
        self._build_actions()
        self._connect()
        self.start_page = StartPage.install(self)  # shown by `show_start_screen`
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.start()
        self.resize(1280, 800)
        self.refresh()
        self.grid.setFocus()  # single-key shortcuts (L, R, N) act on the grid's selection

    @property
    def session(self) -> ProjectSession:
        """The document's project session (file, history, takes)."""
        return self.document.session

    # --- layout ------------------------------------------------------------------------------

    def _lay_out(self) -> None:
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(band_over(self.band, self.grid))
        split.addWidget(self.piano_roll)
        split.setSizes([420, 320])
        self.setCentralWidget(split)
        # Each panel scrolls in its dock; track, timbre, takes, originality and live share one
        # tabbed area under the inspector, so the window fits from 1024 x 640 up.
        self.docks = add_side_docks(
            self,
            (
                ("Inspector", translate("MainWindow", "Inspector"), self.inspector),
                ("Track", translate("MainWindow", "Track"), self.track_panel),
                ("Timbre", translate("MainWindow", "Timbre"), self.timbre_panel),
                ("Takes", translate("MainWindow", "Takes"), self.takes),
                ("Originality", translate("MainWindow", "Originality"), self.originality),
                ("Live", translate("MainWindow", "Live"), self.live),
            ),
        )
        self.status = QLabel()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(200)
        self.cancel_button = QPushButton(translate("MainWindow", "Cancel"))
        self.progress.hide()
        self.cancel_button.hide()
        self.statusBar().addWidget(self.status, 1)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.cancel_button)

    def _build_actions(self) -> None:
        a = self.actions_by_name = window_actions(self)
        built = window_menus(self, a)
        self.menus = built.menus
        self.settings_menu = built.settings_menu
        self.recent_menu = built.recent_menu
        self._fill_recent_menu()  # the list stored by earlier runs
        self.key_box = KeyBox(lambda: self.document.song, self.apply_edit)
        self.statusBar().addPermanentWidget(self.key_box)  # the song's key, at the right
        # The transport comes first so Play, Loop and the tempo keep their places however
        # narrow the window; the main toolbar's labels never change width (see MainToolbar).
        self.addToolBar(self.transport)
        self.toolbar = MainToolbar(a, self.drag_button, self)
        self.addToolBar(self.toolbar)

    def _connect(self) -> None:
        self.document_signals.changed.connect(self._document_changed)
        self.grid.selection_changed.connect(self.document.set_selection)
        follow_changed_cells(self.grid, self.document_signals)
        self.grid.cell_activated.connect(lambda _track, _bar: self.piano_roll.setFocus())
        self.grid.context_menu_requested.connect(self._cell_menu)
        self.grid.mute_toggled.connect(lambda track: self._toggle_track(track, "muted", "Mute"))
        self.grid.solo_toggled.connect(lambda track: self._toggle_track(track, "solo", "Solo"))
        self.transport.playhead_moved.connect(self.grid.set_playhead_tick)
        self.transport.playhead_moved.connect(self.video_scoring.follow_playhead)  # Picture dock
        self.transport.cue_moved.connect(self.video_scoring.show_cue)  # its frame when stopped
        self.transport.message.connect(self.say)
        self.piano_roll.song_edited.connect(
            lambda song: self.apply_edit(song, translate("MainWindow", "Edit notes"))
        )
        self.piano_roll.message.connect(self.say)
        self.piano_roll.hovered.connect(self.statusBar().showMessage)  # note/key names on hover
        self.takes.restore_requested.connect(self.restore_take)
        self.takes.listen_requested.connect(self.listen_to_take)
        self.takes.back_requested.connect(self.document.stop_listening)
        self.timbre_panel.message.connect(self.say)
        self.timbre_panel.failed.connect(self.show_error)
        self.timbre_panel.auditioning.connect(self._audition_started)
        self.audio.loaded.connect(self.timbre_panel.refresh)  # its description needs the model
        self.live.recorded.connect(
            lambda song: self.apply_edit(song, translate("MainWindow", "Record live"))
        )
        self.originality.check_requested.connect(
            lambda: run_safely(self.check_originality, self.say)
        )
        self.originality.watch(self.document_signals)  # a stale report clears itself
        self.originality.report_ready.connect(
            lambda report: self.grid.set_cell_badges(report.bar_badges())
        )
        self.originality.passage_chosen.connect(
            lambda track, first, last: self.document.set_selection(
                (track, bar) for bar in range(first, last + 1)
            )
        )
        self.inspector.reroll.clicked.connect(lambda: run_safely(self.compose.reroll, self.say))
        self.inspector.style_chosen.connect(self.set_style)
        self.compose.message.connect(self.say)
        self.sections.message.connect(self.say)
        self.compose.failed.connect(self.show_error)
        self.jobs.started.connect(self._job_started)
        self.jobs.progress.connect(self._job_progress)
        self.jobs.ended.connect(self._job_ended)
        self.cancel_button.clicked.connect(self.jobs.cancel)

    def _cell_menu(self, _cells: object, where: QPoint) -> None:
        """Right-click on cells: the operations that act on a selection."""
        menu = QMenu(self)
        for name in ("lock", "unlock", None, "regenerate", "nudge", "reroll", None, "delete"):
            if name is None:
                menu.addSeparator()
            else:
                menu.addAction(self.actions_by_name[name])
        self.sections.add_to_cell_menu(menu)
        menu.popup(where)

    # --- showing -----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Tell every view the whole document changed (after changing `session` directly)."""
        self.document.announce(Changed.EVERYTHING)

    def _document_changed(self, what: Changed) -> None:
        """Bring the views the document does not reach itself up to date with what changed
        (the transport and compose actions follow the document on their own)."""
        song = self.document.song
        if what & Changed.SONG:
            self.grid.show_song(song)
            self.band.show_song(song)
            self.inspector.show_song_style(song.style)
            self.key_box.show_song(song)
            self.grid.set_cell_badges({})  # an originality report is stale after any change
        if what & Changed.SELECTION:
            self.grid.set_selection(self.document.selection)
        if what & (Changed.SONG | Changed.SELECTION):
            self._show_piano_roll()
        if what & (Changed.TAKES | Changed.LISTENING):
            self.takes.show_takes(self.session.takes, self.document.listening)
        if what & (Changed.SONG | Changed.FILE):
            self._show_history(song)

    def _show_history(self, song: Song) -> None:
        show_history(self, song)

    def _show_piano_roll(self) -> None:
        cells = self.document.selection
        song = self.document.song
        if not cells or not song.tracks:
            track, bars = 0, (0, min(3, song.bar_count - 1))
        else:
            track = cells[0][0]
            in_track = [bar for t, bar in cells if t == track]
            bars = (min(in_track), max(in_track))
        if song.tracks:
            self.piano_roll.show_cells(song, track, bars)
        self.track_panel.show_track(track if song.tracks else None)
        self.timbre_panel.set_track(track if song.tracks else None)

    def say(self, text: str) -> None:
        self.last_message = text
        self.status.setText(text)

    def show_error(self, text: str, trace: str) -> None:
        """An error from a job: engine errors as a message, anything else with its traceback."""
        self.say(text)
        box = QMessageBox(QMessageBox.Icon.Warning, "Tessera", text, parent=self)
        if trace:
            box.setDetailedText(trace)
        box.setModal(False)
        box.show()

    def _job_started(self, label: str) -> None:
        self.say(progress_text(label, 0, 0))
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()

    def _job_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)
        self.progress.setFormat("%p%")
        self.say(progress_text(self.jobs.label, done, total))

    def _job_ended(self) -> None:
        self.progress.hide()
        self.cancel_button.hide()

    # --- edits -------------------------------------------------------------------------------

    def apply_edit(self, song: Song, label: str) -> None:
        self.document.apply_edit(song, label)

    def set_style(self, style: str | None) -> None:
        """Set the song's style (from the inspector's Style box), as one undoable edit."""
        self.studio.set_style(style)

    def undo(self) -> None:
        self.document.undo()

    def redo(self) -> None:
        self.document.redo()

    def restore_take(self, number: int) -> None:
        """Go back to a take; locked cells stay as they are, and the status line names them."""
        try:
            note = self.document.restore_take(number)
        except TesseraError as err:  # a take in another meter than the locked cells
            self.show_error(
                translate("MainWindow", "Cannot restore take {number}: {error}").format(
                    number=number, error=engine_text(err)
                ),
                "",
            )
            return
        restored = translate("MainWindow", "restored take {number}").format(number=number)
        self.say(restored + (f"; {note}" if note else ""))

    def listen_to_take(self, number: int) -> None:
        """Play a take to compare it; it stays what is heard until Back to the Song."""
        self.document.listen(number)
        self.transport.play()

    def delete_cells(self) -> None:
        """Clear the notes of the selected cells. Locked cells stay, and so does a note ringing
        on into a locked bar (it is part of what that bar sounds); the status line says so."""
        song = self.document.song
        cells = [c for c in self.document.selection if c[1] not in song.tracks[c[0]].locked_bars]
        kept = 0
        for track, bar in cells:
            notes = song.notes_in_bar(track, bar)
            held = set(held_by_locks(song, track, notes))
            kept += len(held)
            song = remove_notes(song, track, [note for note in notes if note not in held])
        if cells:
            count = len(cells)
            self.apply_edit(song, translate("MainWindow", "Clear %n cell(s)", None, count))
        if kept:
            self.say(
                translate(
                    "MainWindow",
                    "kept %n note(s) ringing into a locked bar (unlock it to clear them)",
                    None,
                    kept,
                )
            )

    def _selection_song(self) -> tuple[Song, list[int] | None, tuple[int, int] | None]:
        cells = self.document.selection
        if not cells:
            return self.document.song, None, None
        tracks = sorted({t for t, _ in cells})
        return self.document.song, tracks, (min(b for _, b in cells), max(b for _, b in cells))

    def new_song(self) -> None:
        dialog = NewSongDialog(self)
        if dialog.exec() != NewSongDialog.DialogCode.Accepted or not self._may_discard():
            return
        if dialog.empty():
            song = _starter_song(
                dialog.title.text() or translate("MainWindow", "Untitled"), dialog.bars.value()
            )
            self.studio.new(set_style(song, dialog.style_name()))
            return
        request = dialog.request()
        self.studio.new(_starter_song(request.title, request.bars or 8))
        self.compose.generate(request)

    def new_song_from_prompt(self) -> None:
        """A sentence becomes a configured song: the dialog shows what was understood."""
        dialog = PromptDialog(parent=self)
        if dialog.exec() == PromptDialog.DialogCode.Accepted:
            self.compose_new_song(dialog.request())

    def compose_new_song(self, request: Generate) -> None:
        """A new song composed from a request (the Describe dialog, the start screen): one
        compose job, one take, one undo step."""
        if not self._may_discard():
            return
        self.studio.new(_starter_song(request.title, request.bars or 8))
        self.compose.generate(request)

    def check_originality(self) -> None:
        cells = self.document.selection or None
        if not self.originality.check_in_background(self.jobs, self.studio, cells, self.show_error):
            self.say(
                translate("MainWindow", "still busy with {job}: wait or cancel it first").format(
                    job=self.jobs.label
                )
            )

    def choose_and_add_track(self) -> None:
        """Pick an instrument, or type one ('drums', 'rhodes', '二胡'), for a new track."""
        names, cello = instrument_choices()
        choice, ok = QInputDialog.getItem(
            self,
            translate("MainWindow", "Add track"),
            translate("MainWindow", "Instrument"),
            names,
            cello,
            True,
        )
        if ok:
            program, is_drum = instrument_choice(choice)
            self.compose.add_track(program, is_drum=is_drum)

    def choose_and_continue(self) -> None:
        bars, ok = QInputDialog.getInt(
            self,
            translate("MainWindow", "Continue"),
            translate("MainWindow", "Bars to add"),
            4,
            1,
            64,
        )
        if ok:
            self.compose.continue_song(bars)

    def show_about_models(self) -> None:
        AboutModelsDialog(self).show()

    def show_start_screen(self) -> None:
        self.start_page.show()

    def show_tour(self) -> None:
        """The guided tour is about the grid and its panels: it starts from there."""
        self.start_page.show_grid()
        GuidedTour(self).start()

    def show_shortcuts(self) -> None:
        ShortcutsDialog(self).show()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self.live.stop_live()
        self.transport.stop()
        self.timbre_panel.stop_audition()
        if self.jobs.busy:
            self.jobs.cancel()
            self.jobs.wait()
        if not self._may_discard():
            event.ignore()
            return
        self.session.discard_recovery()
        event.accept()


def _starter_song(title: str = "Untitled", bars: int = 8) -> Song:
    """An empty song to start from: one piano track, 4/4 at 120 BPM."""
    return Song(title=title, bar_count=bars, tracks=(Track(translate("MainWindow", "Piano"), 0),))
