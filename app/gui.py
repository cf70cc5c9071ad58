"""`tessera`: start the desktop app, optionally opening a MIDI file or project given as argument."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence


def _has_display() -> bool:
    if sys.platform != "linux" or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not _has_display():
        print(
            "tessera: no display found (DISPLAY and WAYLAND_DISPLAY are unset). Start it from a "
            "desktop session, or use the headless `tessera-cli --help`.",
            file=sys.stderr,
        )
        return 1
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from app.media_logging import quiet_qt_media
    from engine.errors import TesseraError
    from ui.engine_words import engine_text
    from ui.i18n import install_translator, stored_choice, translate

    quiet_qt_media()  # before the first video loads Qt Multimedia
    app = QApplication.instance() or QApplication([sys.argv[0], *args])
    assert isinstance(app, QApplication)
    # The language is chosen before any window is built: widgets keep the words they start with.
    install_translator(app, stored_choice(QSettings("Tessera", "Tessera")))
    try:
        # Loading the window reads the preset files: a mistake in one the user edited is
        # shown as what it is, with where it is, rather than a crash.
        from ui.main_window import MainWindow
        from ui.start.launch import open_at_launch
        from ui.theme import follow_system_theme
    except TesseraError as err:
        print(f"tessera: {err}", file=sys.stderr)
        QMessageBox.critical(None, translate("Startup", "Tessera cannot start"), engine_text(err))
        return 1
    app.setApplicationName("Tessera")
    app.setOrganizationName("Tessera")
    follow_system_theme(app)
    window = MainWindow()
    window.show()
    window.audio.start_loading()  # the timbre model loads while the composer looks around
    open_at_launch(window, args)  # recovery, else the file named, else the start (unless off)
    if os.environ.get("TESSERA_QUIT_AFTER_SHOW"):  # the packaging smoke check: start, then quit
        QTimer.singleShot(0, app.quit)
    status = app.exec()
    from ui.jobs import wait_for_jobs

    wait_for_jobs(timeout_s=30.0)  # a model still loading must finish before the process ends
    return status


if __name__ == "__main__":
    sys.exit(main())
