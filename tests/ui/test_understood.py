"""What the prompt reader understood, worded in English and in Simplified Chinese from the same
Reading data (the engine knows no language but the prompt's)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from engine.compose.prompt import read_prompt
from engine.song.gm import GM_PROGRAM_NAMES
from ui.gm_names import PROGRAM_NAMES, numbered_program_name, program_name
from ui.i18n import install_translator
from ui.understood import understood_lines, understood_text

CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    assert install_translator(qapp, "zh_CN") == "zh_CN"
    yield
    install_translator(qapp, "en")


def test_in_english_the_lines_read_as_the_command_line_says_them(qapp: QApplication) -> None:
    reading = read_prompt("slow waltz in E minor with drums, 2 minutes, zorblax")
    lines = understood_lines(reading)
    assert "tempo 72 from 'slow'" in lines
    assert "meter 3/4 from 'waltz'" in lines
    assert "key E minor from 'in e minor'" in lines
    assert "length 120 s (2:00) from '2 minutes'" in lines
    assert "drum kit from 'drums' (the Pop preset has one)" in lines
    folk = understood_lines(read_prompt("irish jig with drums"))
    assert any(
        line.startswith("drum kit from 'drums': the Folk tune preset has none") for line in folk
    )
    assert lines[-1] == "not understood: 'zorblax'"
    assert understood_text(reading).startswith("Understood: ")


def test_in_chinese_every_line_is_chinese_with_the_prompt_words(chinese: None) -> None:
    reading = read_prompt("悲伤的钢琴曲 慢 3/4拍 二十四小节 有鼓 嗷嗷")
    lines = understood_lines(reading)
    assert "速度 72，来自“慢”" in lines, lines
    assert "拍号 3/4，来自“3/4”" in lines, lines
    assert "长度 24 小节，来自“二十四小节”" in lines, lines
    assert any(line.startswith("调 D 小调") or line.startswith("调 C 小调") for line in lines), (
        lines
    )
    assert any(line.startswith("鼓组，来自“鼓”") for line in lines), lines
    assert lines[-1] == "未理解：“嗷嗷”"
    english = [line for line in lines if "from" in line or "preset" in line]
    assert not english, english
    assert understood_text(reading).startswith("理解为：")


def test_in_chinese_a_form_and_a_style_are_named_in_chinese(chinese: None) -> None:
    lines = understood_lines(read_prompt("流行 主歌 副歌 主歌 副歌"))
    assert "风格 流行，来自“流行”" in lines, lines
    assert "曲式 主歌 副歌 主歌 副歌，来自“主歌 副歌 主歌 副歌”" in lines, lines


def test_the_instrument_table_is_the_engines_and_speaks_chinese(chinese: None) -> None:
    assert [str(name) for name in PROGRAM_NAMES] == list(GM_PROGRAM_NAMES)
    assert program_name(0) == "原声大钢琴"
    assert numbered_program_name(40) == "41 小提琴"
    names = [program_name(program) for program in range(128)]
    assert all(CJK.search(name) for name in names), [n for n in names if not CJK.search(n)]
    assert len(set(names)) == 128  # no two instruments read alike
    lines = understood_lines(read_prompt("二胡"))
    assert "乐器 民间小提琴（GM 111），来自“二胡”" in lines, lines
