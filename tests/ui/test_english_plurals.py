"""English counts read "1 note" and "2 notes", not "1 note(s)": the shipped English file holds a
finished singular and plural for every counted message, and the real window shows them.

The English file is checked like the Chinese one: lupdate reads today's sources into a scratch
file and every message that counts (`%n`) must have two finished forms that keep the source's
placeholders; the shipped .qm must be what lrelease makes of the shipped .ts.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from build_scripts.translations import (
    ROOT,
    Message,
    counted_messages,
    english_forms,
    english_plurals,
    english_ts,
    english_untranslated,
    lrelease,
    read_ts,
    source_files,
)
from engine.song.edits import set_locked
from engine.song.song import PPQ, Note, Song, Track
from engine.studio.models import Models
from tests.helpers.windows import window_on
from ui.i18n import available_languages, install_translator, translate
from ui.main_window import MainWindow

BAR = 4 * PPQ
PLACEHOLDERS = re.compile(r"\{\w*\}|%n|%\d|%v")


def test_every_counted_message_has_a_finished_english_singular_and_plural(
    tmp_path: Path,
) -> None:
    scratch = tmp_path / "tessera_en.ts"
    counted = counted_messages(source_files(), scratch)
    assert len(counted) > 10, f"lupdate found only {len(counted)} counted messages"
    missing = english_untranslated(english_ts(), source_files(), tmp_path / "again.ts")
    assert not missing, (
        f"{len(missing)} counted message(s) have no finished English forms in "
        f"{english_ts().relative_to(ROOT)}: run `python -m build_scripts.translations`, then "
        "write the forms it cannot guess:\n"
        + "\n".join(f"{m.context}: {m.source!r}" for m in missing)
    )


def test_the_english_forms_keep_the_placeholders_of_their_source() -> None:
    wrong = [
        f"{message.context}: {message.source!r} -> {form!r}"
        for message in read_ts(english_ts()).values()
        for form in message.forms
        if sorted(PLACEHOLDERS.findall(form)) != sorted(PLACEHOLDERS.findall(message.source))
    ]
    assert not wrong, "English forms whose placeholders differ:\n" + "\n".join(wrong)


def test_the_shipped_english_qm_is_compiled_from_the_shipped_ts(tmp_path: Path) -> None:
    fresh = lrelease(english_ts(), tmp_path / "fresh.qm")
    assert fresh.read_bytes() == english_ts().with_suffix(".qm").read_bytes(), (
        "the English .qm is older than its .ts: run `python -m build_scripts.translations`"
    )


def test_the_rule_writes_s_forms_and_keeps_forms_written_by_hand() -> None:
    assert english_forms("%n take(s)") == ("%n take", "%n takes")
    assert english_forms("%n box(es) in {0}") == ("%n box in {0}", "%n boxes in {0}")
    assert english_forms("%n passages flagged") is None
    counted = [
        Message("C", "%n take(s)", "", "unfinished", ("", "")),
        Message("C", "%n passages flagged", "", "unfinished", ("", "")),
        Message("C", "%n min ago", "", "unfinished", ("", "")),
    ]
    by_hand = Message("C", "%n min ago", "", "", ("%n min ago", "%n mins ago"))
    gone = Message("C", "%n bar(s) gone", "", "", ("%n bar gone", "%n bars gone"))
    shipped = {by_hand.key: by_hand, gone.key: gone}
    result = {message.source: message for message in english_plurals(counted, shipped)}
    assert result["%n take(s)"].forms == ("%n take", "%n takes")
    assert result["%n take(s)"].finished
    assert not result["%n passages flagged"].finished  # a person writes its singular
    assert result["%n min ago"].forms == by_hand.forms
    assert result["%n bar(s) gone"].state == "vanished"  # kept for when its code comes back


def test_english_is_listed_once_and_installs_its_plurals(qapp: QApplication) -> None:
    assert [language.code for language in available_languages()].count("en") == 1
    assert install_translator(qapp, "en") == "en"
    assert translate("ArrangementGrid", "%n note(s)", None, 1) == "1 note"
    assert translate("ArrangementGrid", "%n note(s)", None, 2) == "2 notes"
    assert translate("Originality", "Checked {scope}: %n notes.", None, 1).endswith("1 note.")


def _ringing_song(ringing: int) -> Song:
    """A piano part whose first bar holds `ringing` notes that ring on into the locked bar 2,
    and one note that does not."""
    held = tuple(Note(BAR - PPQ // 2, 60 + 4 * index, PPQ, 80) for index in range(ringing))
    piano = Track("Piano", 0, notes=(Note(0, 55, PPQ, 80), *held))
    return set_locked(Song(title="Counts", bar_count=4, tracks=(piano,)), [(0, 1)])


def _window(qtbot: QtBot, folder: Path, song: Song) -> MainWindow:
    return window_on(qtbot, folder, Models(), song, show=True)  # no model is loaded to edit


def _tooltip(window: MainWindow, track: int, bar: int) -> str:
    grid = window.grid
    rect = grid.grid_geometry().cell_rect(track, bar)
    point = QPoint(rect.x + rect.width // 2, rect.y + rect.height // 2)
    event = QHelpEvent(QEvent.Type.ToolTip, point, grid.viewport().mapToGlobal(point))
    QApplication.sendEvent(grid.viewport(), event)
    return QToolTip.text()


def test_the_window_counts_in_english_with_one_and_two(qtbot: QtBot, tmp_path: Path) -> None:
    for count, note_word, cell_word in ((1, "1 note", "1 cell"), (2, "2 notes", "2 cells")):
        window = _window(qtbot, tmp_path / str(count), _ringing_song(count))
        assert _tooltip(window, 0, 0) == f"Piano, bar 1 · {count + 1} notes"
        assert _tooltip(window, 0, 1) == "Piano, bar 2 · 0 notes · locked"
        window.grid.set_selection([(0, 0), (0, 2)][:count])  # bar 3 is empty, not locked
        window.actions_by_name["delete"].trigger()
        # The status line says how many notes stayed, the undo action how many cells it clears.
        said = f"kept {note_word} ringing into a locked bar (unlock it to clear them)"
        assert window.status.text() == said
        assert window.actions_by_name["undo"].text() == f"&Undo Clear {cell_word}"
        assert _tooltip(window, 0, 0) == f"Piano, bar 1 · {note_word}"
