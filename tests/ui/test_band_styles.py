"""Band styles in the window, offscreen: the inspector's Style box is an undoable edit, the New
Song dialog's Style follows its preset and can change it, and Add Track offers a drum kit."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from benchmarks.tunes import d_major_tune
from engine.compose.operations import PRESETS, ComposeError
from engine.song.gm import InstrumentError
from engine.song.styles import STYLES
from engine.studio.models import Models
from ui.compose_actions import DRUM_KIT_CHOICE, instrument_choice
from ui.dialogs.new_song import NewSongDialog
from ui.main_window import MainWindow
from ui.panels.style_box import NO_STYLE_LABEL


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, models: Models) -> MainWindow:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    main = MainWindow(recovery_dir=tmp_path / "recovery", settings=settings, models=models)
    main.confirm_discard = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
    qtbot.addWidget(main)
    main.session.new(d_major_tune())
    main.refresh()
    return main


def _choose_style(window: MainWindow, label: str) -> None:
    """Pick a style in the inspector's box as a user does (`activated` follows a choice)."""
    box = window.inspector.style_choice
    index = box.findText(label)
    assert index >= 0, label
    box.setCurrentIndex(index)
    box.activated.emit(index)


def test_the_style_box_is_an_undoable_edit(window: MainWindow) -> None:
    box = window.inspector.style_choice
    labels = [box.itemText(i) for i in range(box.count())]
    assert labels == [NO_STYLE_LABEL, *(style.label for style in STYLES)]
    assert box.currentText() == NO_STYLE_LABEL  # the tune has no style
    _choose_style(window, "Lo-fi hip hop")
    assert window.session.song.style == "lofi"
    assert window.session.history.undo_label == "Set style to Lo-fi hip hop"
    _choose_style(window, "Rock")
    assert window.session.song.style == "rock"
    window.undo()
    assert window.session.song.style == "lofi"
    assert box.currentText() == "Lo-fi hip hop"  # the box shows the song it is given
    window.undo()
    assert window.session.song == d_major_tune()
    assert box.currentText() == NO_STYLE_LABEL
    window.redo()
    assert (window.session.song.style, box.currentText()) == ("lofi", "Lo-fi hip hop")


def test_the_new_song_dialog_style_follows_the_preset_and_can_change_it(qtbot: QtBot) -> None:
    dialog = NewSongDialog()
    qtbot.addWidget(dialog)
    dialog.preset.setCurrentText("house")
    assert dialog.style_choice.currentText() == "House / EDM"
    assert dialog.bars.value() == PRESETS["house"].bars
    assert dialog.request().preset == "house"
    dialog.style_choice.setCurrentText("Funk")
    request = dialog.request()
    assert (request.preset, request.style) == ("house", "funk")
    dialog.preset.setCurrentText("chorale")
    assert (dialog.style_name(), dialog.request().preset) == ("classical", "chorale")
    assert dialog.request().style == "classical"
    assert dialog.request().form is None
    dialog.form_letters.setText("abab")
    assert dialog.request().form == "abab"
    dialog.form_letters.setText("A-B 2")
    with pytest.raises(ComposeError, match="one letter per phrase"):
        dialog.request()


def test_add_track_offers_a_drum_kit_and_takes_typed_names() -> None:
    assert instrument_choice(DRUM_KIT_CHOICE) == (0, True)
    assert instrument_choice("43: Cello") == (42, False)  # numbered from 1, as GM numbers them
    assert instrument_choice("drums") == (0, True)
    assert instrument_choice("架子鼓") == (0, True)
    assert instrument_choice("rhodes") == (4, False)
    with pytest.raises(InstrumentError, match="'drums' for a drum kit"):
        instrument_choice("zither-ish")


def test_add_track_in_the_window_writes_a_drum_kit(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    offered: list[str] = []

    def choose(
        _parent: object, _title: str, _label: str, items: list[str], *_rest: object
    ) -> tuple[str, bool]:
        offered.extend(items)
        return DRUM_KIT_CHOICE, True

    monkeypatch.setattr(QInputDialog, "getItem", choose)
    window.actions_by_name["add_track"].trigger()
    qtbot.waitUntil(lambda: not window.jobs.busy, timeout=120_000)
    assert offered[0] == DRUM_KIT_CHOICE
    assert "43: Cello" in offered
    kit = window.session.song.tracks[-1]
    assert (kit.name, kit.is_drum) == ("Drums", True)
    assert kit.notes
    assert window.session.takes[-1].request["is_drum"] is True
    window.grid.set_selection([(len(window.session.song.tracks) - 1, 0)])
    assert window.piano_roll.is_drum_track()
