"""What the status line says after composing is in the composer's language."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from engine.compose.requests import Regenerate
from engine.studio.outcomes import Composed
from ui.compose_actions import composed_text
from ui.i18n import install_translator

DONE = Composed(Regenerate(((0, 1), (0, 2))), 5, "Regenerate 2", True, "", locked_kept=1)


def test_english_says_what_was_done_with_its_seed_and_the_kept_locks() -> None:
    assert composed_text(DONE) == "Regenerate: done (seed 5); 1 locked cell left as they are"


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    assert install_translator(qapp, "zh_CN") == "zh_CN"
    yield
    install_translator(qapp, "en")


@pytest.mark.usefixtures("chinese")
def test_chinese_says_the_same_in_chinese() -> None:
    assert composed_text(DONE) == "重新生成：完成（种子 5）; 1 个锁定的格子保持原样"
