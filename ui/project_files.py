"""The window's file handling: open, save, export, recent files, autosave, crash recovery and
the guard against losing unsaved work. A mixin, so the main window stays about layout and
wiring; it relies on the window's `studio` (with its `document`), `settings`, `recent_menu`,
`say` and `show_error`. Opening, saving and exporting go through the front door `tessera-cli`
uses too (`engine.studio.use_cases.Studio`); its document tells the views. Autosave and crash
recovery are the window's own, on the document's session: each recovery copy found is offered in
turn and a declined one is deleted, and a save over a project another program changed since it
was opened asks first. Open Recent is kept in the window's QSettings and filled when the window
is built, so it survives a restart; a recent file that is gone is shown greyed out, and one that
vanished since is dropped with a message. Dialogs open in the folder last used for their kind
of file, suggesting the song's title as the name (`ui.folders`).
"""

from __future__ import annotations

import time
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
from ui.engine_words import engine_text
from ui.folders import FileKind, remember_folder, suggested_path, with_suffix
from ui.i18n import translate

MAX_RECENT = 8
RECENT_KEY = "recent"
PROJECT_SUFFIX = ".json"
MIDI_SUFFIXES = (".mid", ".midi")


def _open_filter() -> str:
    return translate(
        "ProjectFiles",
        "Songs (*.json *.mid *.midi);;Tessera projects (*.json);;MIDI files (*.mid *.midi)",
    )


def read_recent(settings: QSettings) -> list[str]:
    """The recent files stored in `settings`, newest first (an INI file gives back a list of
    one as a plain string, and an empty one as nothing)."""
    value = settings.value(RECENT_KEY)
    if value is None or value == "":
        return []
    items = value if isinstance(value, list) else [value]
    return [str(item) for item in items if str(item)]


def write_recent(settings: QSettings, paths: list[str]) -> None:
    """Store the recent files and write them out now (a crash must not lose them)."""
    settings.setValue(RECENT_KEY, paths[:MAX_RECENT])
    settings.sync()


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
        name = Path(path).name
        try:
            warnings = self.studio.open(path)
        except TesseraError as err:
            text = translate("ProjectFiles", "Cannot open {name}: {error}")
            self.show_error(text.format(name=name, error=engine_text(err)), "")
            return False
        self._remember(Path(path))
        remember_folder(self.settings, FileKind.PROJECT, path)
        opened = translate("ProjectFiles", "opened {name}").format(name=name)
        self.say("; ".join(map(engine_text, warnings)) if warnings else opened)
        return True

    def open_recent(self, path: str) -> bool:
        """Open a file from Open Recent; one that is gone is dropped from the list, saying so."""
        if not Path(path).is_file():
            write_recent(self.settings, [p for p in read_recent(self.settings) if p != path])
            self._fill_recent_menu()
            text = translate(
                "ProjectFiles", "{name} is no longer at {folder}: removed it from Open Recent"
            )
            self.say(text.format(name=Path(path).name, folder=Path(path).parent))
            return False
        return self.open_path(path)

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
            text = translate("ProjectFiles", "not saved: {name} was changed by another program")
            self.say(text.format(name=err.path.name))
            return False
        except TesseraError as err:
            self.show_error(
                translate("ProjectFiles", "Cannot save: {error}").format(error=engine_text(err)), ""
            )
            return False
        self._remember(Path(path))
        self.say(translate("ProjectFiles", "saved {name}").format(name=Path(path).name))
        return True

    def export_path(self, path: str | Path) -> bool:
        try:
            warnings = self.studio.export(path)
        except TesseraError as err:
            text = translate("ProjectFiles", "Cannot export: {error}")
            self.show_error(text.format(error=engine_text(err)), "")
            return False
        exported = translate("ProjectFiles", "exported {name}").format(name=Path(path).name)
        self.say("; ".join(map(engine_text, warnings)) if warnings else exported)
        return True

    def _suggested(self, kind: FileKind, suffix: str | None) -> str:
        """Where a dialog for `kind` starts: its last folder, with the song's title as the
        name when `suffix` is given."""
        title = self.document.song.title if suffix is not None else None
        beside = self.document.session.path
        return suggested_path(self.settings, kind, title, suffix or "", beside)

    def choose_and_open(self) -> None:
        start = self._suggested(FileKind.PROJECT, None)
        caption = translate("ProjectFiles", "Open")
        path, _ = QFileDialog.getOpenFileName(self._window(), caption, start, _open_filter())
        if path:
            self.open_path(path)

    def choose_and_save(self) -> bool:
        """Save As: the project's own file is suggested; a new song gets its title as the name
        in the folder projects were last saved to."""
        current = self.document.session.path
        start = str(current) if current else self._suggested(FileKind.PROJECT, PROJECT_SUFFIX)
        path, _ = QFileDialog.getSaveFileName(
            self._window(),
            translate("ProjectFiles", "Save project"),
            start,
            translate("ProjectFiles", "Tessera project (*.json)"),
        )
        if not path:
            return False
        remember_folder(self.settings, FileKind.PROJECT, path)
        return self.save_path(with_suffix(path, (PROJECT_SUFFIX,), PROJECT_SUFFIX))

    def choose_and_export(self) -> None:
        start = self._suggested(FileKind.MIDI_EXPORT, MIDI_SUFFIXES[0])
        path, _ = QFileDialog.getSaveFileName(
            self._window(),
            translate("ProjectFiles", "Export MIDI"),
            start,
            translate("ProjectFiles", "MIDI file (*.mid)"),
        )
        if path:
            remember_folder(self.settings, FileKind.MIDI_EXPORT, path)
            self.export_path(with_suffix(path, MIDI_SUFFIXES, MIDI_SUFFIXES[0]))

    def _remember(self, path: Path) -> None:
        here = str(path.resolve())
        write_recent(self.settings, [here] + [p for p in read_recent(self.settings) if p != here])
        self._fill_recent_menu()

    def _recent(self) -> list[str]:
        return read_recent(self.settings)

    def _fill_recent_menu(self) -> None:
        """List the recent files (called when the window is built, and after each change); a
        file that is gone is greyed out and says so."""
        if self.recent_menu is None:
            return
        self.recent_menu.clear()
        recent = self._recent()
        for path in recent:
            action = self.recent_menu.addAction(Path(path).name)
            action.setToolTip(path)
            action.setStatusTip(path)
            if not Path(path).is_file():
                text = translate("ProjectFiles", "{name} (missing)")
                action.setText(text.format(name=Path(path).name))
                action.setEnabled(False)
            action.triggered.connect(lambda _checked=False, p=path: self.open_recent(p))
        if recent:
            self.recent_menu.addSeparator()
        clear = self.recent_menu.addAction(translate("ProjectFiles", "Clear Recent"))
        clear.setEnabled(bool(recent))
        clear.triggered.connect(self.clear_recent)

    def clear_recent(self) -> None:
        write_recent(self.settings, [])
        self._fill_recent_menu()

    # --- never losing work -------------------------------------------------------------------

    def autosave(self) -> bool:
        try:
            return self.document.session.autosave()
        except TesseraError as err:
            self.say(
                translate("ProjectFiles", "autosave failed: {error}").format(error=engine_text(err))
            )
            return False

    def offer_recovery(self, ask: Callable[[Recovery], bool] | None = None) -> bool:
        """After a crash: offer each recovery copy no running window holds, newest first, until
        one is restored; True if one was. Every copy declined is deleted, so the same copy is
        never offered at the next start (each crash leaves a copy, and offering only the newest
        left the older ones to come back one launch after another)."""
        ask = ask or self._ask_to_recover
        for found in find_recoveries(self.document.session.recovery_dir):
            if ask(found):
                return self._restore(found)
            if discard_recovery_copy(found):
                text = translate("ProjectFiles", "discarded {copy}")
            else:  # a window opened meanwhile holds it: that window has it
                text = translate("ProjectFiles", "left {copy}: another Tessera window has it open")
            self.say(text.format(copy=describe_recovery(found)))
        return False

    def _restore(self, found: Recovery) -> bool:
        try:
            self.document.restore(found)
        except TesseraError as err:
            self.show_error(
                translate("ProjectFiles", "Cannot restore: {error}").format(error=engine_text(err)),
                "",
            )
            return False
        self.say(translate("ProjectFiles", "restored {copy}").format(copy=describe_recovery(found)))
        return True

    def _ask_to_recover(self, recovery: Recovery) -> bool:
        text = translate(
            "ProjectFiles",
            "Tessera did not close cleanly. Restore {copy}?\n\nNo deletes this copy.",
        )
        answer = QMessageBox.question(
            self._window(),
            translate("ProjectFiles", "Restore unsaved work?"),
            text.format(copy=describe_recovery(recovery)),
        )
        return answer == QMessageBox.StandardButton.Yes

    def confirm_overwrite(self, changed: FileChangedError) -> QMessageBox.StandardButton:
        """Ask what to do when the project changed on disk since it was opened (tests replace
        this): Save overwrites the other change, Save All stands for Save As, Cancel keeps both
        as they are."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            translate("ProjectFiles", "Project changed on disk"),
            f"{changed}.",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.SaveAll
            | QMessageBox.StandardButton.Cancel,
            self._window(),
        )
        box.button(QMessageBox.StandardButton.Save).setText(translate("ProjectFiles", "Overwrite"))
        box.button(QMessageBox.StandardButton.SaveAll).setText(
            translate("ProjectFiles", "Save As…")
        )
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
            self._window(),
            translate("ProjectFiles", "Unsaved changes"),
            translate("ProjectFiles", "Save the changes to this song first?"),
            buttons,
        )

    def _may_discard(self) -> bool:
        if not self.document.session.dirty:
            return True
        answer = self.confirm_discard()
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard


def describe_recovery(recovery: Recovery) -> str:
    """A recovery copy in the user's words: its song, its file and when it was autosaved."""
    when = time.strftime("%Y-%m-%d %H:%M", time.localtime(recovery.saved_at))
    if recovery.original_path is not None:
        text = translate("ProjectFiles", "'{title}' ({file}), autosaved {when}")
        return text.format(title=recovery.title, file=recovery.original_path.name, when=when)
    text = translate("ProjectFiles", "'{title}' (an unsaved song), autosaved {when}")
    return text.format(title=recovery.title, when=when)
