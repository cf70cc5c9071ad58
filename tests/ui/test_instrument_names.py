"""Instrument lists speak the composer's language, and a Chinese label still picks its program."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from engine.song.gm import GM_PROGRAM_NAMES
from ui.compose_actions import instrument_choice, instrument_choices
from ui.i18n import install_translator
from ui.panels.words import instrument_label


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    assert install_translator(qapp, "zh_CN") == "zh_CN"
    yield
    install_translator(qapp, "en")


@pytest.mark.usefixtures("chinese")
def test_add_track_lists_chinese_names_and_each_label_picks_its_program() -> None:
    names, cello = instrument_choices()
    assert names[cello].startswith("43：")
    assert "Cello" not in names[cello]
    for program in (0, 40, 42, 127):
        label = names[program + 1]
        assert label == instrument_label(program)
        assert GM_PROGRAM_NAMES[program] not in label
        assert instrument_choice(label) == (program, False)


def test_english_labels_are_unchanged() -> None:
    assert instrument_label(42) == "43: Cello"
    assert instrument_choice("43: Cello") == (42, False)
