"""The window's file handling: open, save, export, recent files, autosave, crash recovery and
the guard against losing unsaved work. A mixin, so the main window stays about layout and
wiring; it relies on the window's `studio` (with its `document`), `settings`, `recent_menu`,
`say` and `show_error`. Opening, saving and exporting go through the front door `tessera-cli`
uses too (`engine.studio.use_cases.Studio`); its document tells the views. Autosave and crash
recovery are the window's own, on the document's session: a declined recovery copy is deleted,
and a save over a project another program changed since it was opened asks first.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import cast

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from engine.errors import TesseraError
from engine.project.file_lock import FileChangedError
from engine.studio.document import Document
from engine.studio.session import Recovery, discard_recovery_copy, find_recoveries
from engine.studio.use_cases import Studio

OPEN_FILTER = "Songs (*.json *.mid *.midi);;Tessera projects (*.json);;MIDI files (*.mid *.midi)"
MAX_RECENT = 8


class ProjectFiles:
    """File actions for a window that owns a `Studio` and its `Document` (mixed into
    MainWindow)."""

    studio: Studio
    document: Document
    settings: QSettings
    recent_menu: QMenu | None

    def _window(self) -> QWidget:
        """This object as the QWidget it is mixed into, to parent dialogs."""
        return cast(QWidget, self)

    def say(self, text: str) -> None:
        raise NotImplementedError

    def show_error(self, text: str, trace: str) -> None:
        raise NotImplementedError

    # --- files -------------------------------------------------------------------------------

    def open_path(self, path: str | Path) -> bool:
        """Open a MIDI file or project; a bad file shows a message and keeps the current song."""
        if not self._may_discard():
            return False
        try:
            warnings = self.studio.open(path)
        except TesseraError as err:
            self.show_error(f"Cannot open {Path(path).name}: {err}", "")
            return False
        self._remember(Path(path))
        self.say("; ".join(warnings) if warnings else f"opened {Path(path).name}")
        return True

    def save(self) -> bool:
        path = self.document.session.path
        if path is None:
            return self.choose_and_save()
        return self.save_path(path)

    def save_path(self, path: str | Path, *, overwrite: bool = False) -> bool:
        """Save to `path`; if another program changed that file since it was opened here, ask
        first (overwrite that change, save under another name, or cancel)."""
        try:
            self.studio.save(path, overwrite=overwrite)
        except FileChangedError as err:
            answer = self.confirm_overwrite(err)
            if answer == QMessageBox.StandardButton.Save:
                return self.save_path(path, overwrite=True)
            if answer == QMessageBox.StandardButton.SaveAll:
                return self.choose_and_save()
            self.say(f"not saved: {err.path.name} was changed by another program")
            return False
        except TesseraError as err:
            self.show_error(f"Cannot save: {err}", "")
            return False
        self._remember(Path(path))
        self.say(f"saved {Path(path).name}")
        return True

    def export_path(self, path: str | Path) -> bool:
        try:
            warnings = self.studio.export(path)
        except TesseraError as err:
            self.show_error(f"Cannot export: {err}", "")
            return False
        self.say("; ".join(warnings) if warnings else f"exported {Path(path).name}")
        return True

    def choose_and_open(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self._window(), "Open", "", OPEN_FILTER)
        if path:
            self.open_path(path)

    def choose_and_save(self) -> bool:
        path, _ = QFileDialog.getSaveFileName(
            self._window(), "Save project", "", "Tessera project (*.json)"
        )
        if not path:
            return False
        return self.save_path(path if path.endswith(".json") else path + ".json")

    def choose_and_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self._window(), "Export MIDI", "", "MIDI file (*.mid)"
        )
        if path:
            self.export_path(path)

    def _remember(self, path: Path) -> None:
        recent = [str(path.resolve())] + [p for p in self._recent() if p != str(path.resolve())]
        self.settings.setValue("recent", recent[:MAX_RECENT])
        self._fill_recent_menu()

    def _recent(self) -> list[str]:
        value = self.settings.value("recent", [])
        return [str(v) for v in value] if isinstance(value, list) else [str(value)]

    def _fill_recent_menu(self) -> None:
        if self.recent_menu is None:
            return
        self.recent_menu.clear()
        for path in self._recent():
            action = self.recent_menu.addAction(Path(path).name)
            action.setToolTip(path)
            action.triggered.connect(lambda _checked=False, p=path: self.open_path(p))

    # --- never losing work -------------------------------------------------------------------

    def autosave(self) -> bool:
        try:
            return self.document.session.autosave()
        except TesseraError as err:
            self.say(f"autosave failed: {err}")
            return False

    def offer_recovery(self, ask: Callable[[Recovery], bool] | None = None) -> bool:
        """After a crash: offer the newest recovery copy no running window holds; True if it
        was restored. A declined copy is deleted, so it is not offered at every start."""
        found = find_recoveries(self.document.session.recovery_dir)
        if not found:
            return False
        ask = ask or self._ask_to_recover
        if not ask(found[0]):
            discard_recovery_copy(found[0])
            self.say(f"discarded {found[0].describe()}")
            return False
        try:
            self.document.restore(found[0])
        except TesseraError as err:
            self.show_error(f"Cannot restore: {err}", "")
            return False
        self.say(f"restored {found[0].describe()}")
        return True

    def _ask_to_recover(self, recovery: Recovery) -> bool:
        answer = QMessageBox.question(
            self._window(),
            "Restore unsaved work?",
            f"Tessera did not close cleanly. Restore {recovery.describe()}?\n\n"
            "No deletes this copy.",
        )
        return answer == QMessageBox.StandardButton.Yes

    def confirm_overwrite(self, changed: FileChangedError) -> QMessageBox.StandardButton:
        """Ask what to do when the project changed on disk since it was opened (tests replace
        this): Save overwrites the other change, Save All stands for Save As, Cancel keeps both
        as they are."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Project changed on disk",
            f"{changed}.",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.SaveAll
            | QMessageBox.StandardButton.Cancel,
            self._window(),
        )
        box.button(QMessageBox.StandardButton.Save).setText("Overwrite")
        box.button(QMessageBox.StandardButton.SaveAll).setText("Save As…")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return QMessageBox.StandardButton(box.exec())

    def confirm_discard(self) -> QMessageBox.StandardButton:
        """Ask what to do with unsaved changes (tests replace this)."""
        buttons = (
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        return QMessageBox.question(
            self._window(), "Unsaved changes", "Save the changes to this song first?", buttons
        )

    def _may_discard(self) -> bool:
        if not self.document.session.dirty:
            return True
        answer = self.confirm_discard()
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard
