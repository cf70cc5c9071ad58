"""Screenshots of the real window at the sizes people use, light and dark, for the README.

    python -m ui.screenshots docs/

renders the window offscreen (no display needed) at 1024 x 640, 1366 x 768 and 1920 x 1080 in
both themes and writes `window-WIDTHxHEIGHT-THEME.png` into the folder; the screenshot tests
(tests/ui/test_layout.py) make the same pictures as test artefacts and check each layout.
`example_song` is the song shown: four tracks with a form, quiet and loud notes and a locked
bar, so every part of the window has something to show.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSettings, QSize
from PySide6.QtWidgets import QApplication, QMessageBox

from engine.song.edits import set_locked
from engine.song.section_edits import set_sections
from engine.song.sections import Section
from engine.song.song import PPQ, Note, Song, Track

SIZES = (QSize(1024, 640), QSize(1366, 768), QSize(1920, 1080))
"""The window sizes checked and shown: a small laptop, the common laptop, a desktop monitor."""
THEMES = ("light", "dark")
BAR = 4 * PPQ


def example_song() -> Song:
    """Sixteen bars in A minor: a lead whose velocity rises from 1 (the quietest note), chords,
    bass and drums, as intro, verse and chorus; the lead's first two bars locked."""
    degrees = [0, 2, 3, 5, 7, 8, 10, 12]
    roots = [57, 53, 48, 55]  # Am, F, C, G
    lead: list[Note] = []
    chords: list[Note] = []
    bass: list[Note] = []
    drums: list[Note] = []
    for bar in range(16):
        start, root = bar * BAR, roots[bar % 4]
        for step in range(8):
            pitch = 69 + degrees[(bar * 3 + step * 5) % 8]
            velocity = max(1, min(127, bar * 8 + step * 2 - 1)) if bar < 4 else 60 + step * 8
            lead.append(Note(start + step * PPQ // 2, pitch, PPQ // 2, velocity))
        for offset in (0, 3 if bar % 4 == 0 else 4, 7):
            chords.append(Note(start, root + 12 + offset, BAR, 64))
        bass.extend(Note(start + beat * PPQ, root - 12, PPQ, 90) for beat in (0, 2))
        for beat in range(4):
            drums.append(Note(start + beat * PPQ, 36 if beat % 2 == 0 else 38, PPQ // 4, 100))
            drums.append(Note(start + beat * PPQ + PPQ // 2, 42, PPQ // 4, 70))
    song = Song(
        title="Example",
        bar_count=16,
        tracks=(
            Track("Lead", 73, notes=tuple(lead)),
            Track("Piano", 0, notes=tuple(chords)),
            Track("Bass", 33, notes=tuple(bass)),
            Track("Drums", 0, is_drum=True, notes=tuple(sorted(drums, key=_order))),
        ),
    )
    form = (Section(0, 4, "Intro", "intro"), Section(4, 8, "Verse", "verse"),
            Section(12, 4, "Chorus", "chorus"))  # fmt: skip
    return set_locked(set_sections(song, form), [(0, 0), (0, 1)])


def _order(note: Note) -> tuple[int, int]:
    return note.start_tick, note.pitch


def save_screenshots(folder: Path, sizes: Sequence[QSize] = SIZES) -> list[Path]:
    """The window with `example_song` at each size in each theme, saved as PNG into `folder`."""
    from ui.main_window import MainWindow  # after the QApplication exists
    from ui.theme import apply_theme

    app = QApplication.instance()
    assert isinstance(app, QApplication), "make the QApplication first"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory(prefix="tessera-shots-") as scratch:
        settings = QSettings(str(Path(scratch) / "settings.ini"), QSettings.Format.IniFormat)
        for theme in THEMES:
            apply_theme(app, dark=theme == "dark")
            window = MainWindow(recovery_dir=Path(scratch) / "recovery", settings=settings)
            window.session.new(example_song())
            window.refresh()
            window.document.set_selection([(0, bar) for bar in range(4)])
            window.show()
            for size in sizes:
                window.resize(size)
                app.processEvents()
                path = folder / f"window-{size.width()}x{size.height()}-{theme}.png"
                window.grab().save(str(path))
                written.append(path)
            window.session.discard_recovery()
            window.confirm_discard = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
            window.close()
            window.deleteLater()
    return written


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print("usage: python -m ui.screenshots FOLDER   (e.g. docs/)", file=sys.stderr)
        return 2
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    for path in save_screenshots(Path(args[0])):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
