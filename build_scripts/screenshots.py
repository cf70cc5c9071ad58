"""Render screenshots of the main window into docs/ (offscreen; no display needed).

    .venv/bin/python -m build_scripts.screenshots

Opens a held-out corpus piece when the corpus cache exists (a built-in tune otherwise), locks a
track, selects a few bars so the piano roll shows them, and saves the window in the light and
the dark theme.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # imported after choosing the platform above
from PySide6.QtWidgets import QApplication, QMessageBox

from engine.song.edits import select, set_locked
from engine.song.song import PPQ, Note, Song, Track
from ui.main_window import MainWindow
from ui.theme import apply_theme

DOCS = Path(__file__).parents[1] / "docs"


def _example() -> Song:
    try:
        from build_scripts.corpus.splits import load_split

        pieces = [s for s in load_split("test") if len(s.tracks) == 4 and s.bar_count >= 12]
        return select(pieces[0], None, (0, 11))
    except (FileNotFoundError, IndexError):
        notes = tuple(Note(b * 4 * PPQ + q * PPQ, 60 + (b + q) % 8, PPQ, 90)
                      for b in range(12) for q in range(4))  # fmt: skip
        return Song(title="Example", bar_count=12, tracks=(Track("Lead", 0, notes=notes),))


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    DOCS.mkdir(exist_ok=True)
    song = set_locked(_example(), [(0, bar) for bar in range(4)])
    settings = QSettings(str(DOCS / ".screenshot-settings.ini"), QSettings.Format.IniFormat)
    for theme in ("light", "dark"):
        apply_theme(app, dark=theme == "dark")
        window = MainWindow(recovery_dir=DOCS / ".screenshot-recovery", settings=settings)
        window.session.new(song)
        window.refresh()
        window.grid.set_selection([(1, bar) for bar in range(4, 8)])
        window.resize(1400, 860)
        window.show()
        app.processEvents()
        path = DOCS / f"main-window-{theme}.png"
        window.grab().save(str(path))
        print(f"wrote {path}")
        window.session.discard_recovery()
        window.confirm_discard = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
        window.close()
    (DOCS / ".screenshot-settings.ini").unlink(missing_ok=True)
    shutil.rmtree(DOCS / ".screenshot-recovery", ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
