"""Every word the app shows has a finished Simplified Chinese translation, and the app speaks it.

Run on the real sources with the real Qt tools: `pyside6-lupdate` reads `ui/` and `app/gui.py`
into a scratch .ts and every message must be translated in the shipped one; a syntax-tree scan
finds texts handed to Qt without `translate()` (which lupdate cannot see) and `translate()` calls
lupdate cannot read; the shipped .qm must be what `pyside6-lrelease` makes of the shipped .ts;
and a real window built under zh_CN shows Chinese menus.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QSettings
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from build_scripts.translations import (
    ROOT,
    TRANSLATIONS,
    Message,
    lrelease,
    lupdate,
    read_ts,
    source_files,
)
from engine.song.song import Song
from engine.studio.models import Models
from tests.helpers.untranslated import has_words, literal_texts, translate_calls
from tests.helpers.windows import window_on
from ui.i18n import (
    LANGUAGE_KEY,
    SYSTEM,
    available_languages,
    install_translator,
    resolve_language,
    stored_choice,
    translate,
)
from ui.language_menu import language_menu

SHIPPED_TS = TRANSLATIONS / "tessera_zh_CN.ts"
SHIPPED_QM = TRANSLATIONS / "tessera_zh_CN.qm"
CJK = re.compile(r"[\u3400-\u9fff]")


def _relative(path: Path) -> Path:
    return path.relative_to(ROOT)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What lupdate reads from today's sources, in a scratch .ts (the shipped one untouched)."""
    scratch = tmp_path_factory.mktemp("lupdate") / "tessera_zh_CN.ts"
    lupdate(source_files(), scratch, "zh_CN")
    return scratch


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[str]:
    """The app speaking Simplified Chinese for one test, English again afterwards."""
    code = install_translator(qapp, "zh_CN")
    yield code
    install_translator(qapp, "en")


def test_every_message_has_a_finished_chinese_translation(extracted: Path) -> None:
    shipped = read_ts(SHIPPED_TS)
    found = read_ts(extracted)
    assert len(found) > 50, f"lupdate found only {len(found)} messages: is it reading ui/?"
    missing = [
        f"{m.context}: {m.source!r}"
        for key, m in sorted(found.items())
        if key not in shipped or not (shipped[key].finished or _ahead_of_code(shipped[key]))
    ]
    waiting = [f"{m.context}: {m.source!r}" for key, m in sorted(found.items())
               if key in shipped and _ahead_of_code(shipped[key])]  # fmt: skip
    assert not waiting, (
        f"{len(waiting)} message(s) were translated before their code came and are still "
        f"marked vanished in {_relative(SHIPPED_TS)}: run `python -m build_scripts.translations` "
        "to take them in:\n" + "\n".join(waiting)
    )
    assert not missing, (
        f"{len(missing)} message(s) have no finished zh_CN translation in "
        f"{_relative(SHIPPED_TS)} (translate them, then run `python -m "
        "build_scripts.translations`):\n" + "\n".join(missing)
    )


def _ahead_of_code(message: Message) -> bool:
    return message.state == "vanished" and bool(message.forms) and all(message.forms)


def test_every_translation_keeps_the_placeholders_of_its_source() -> None:
    """A translation that drops '{0}' or '%n' (or adds one) breaks `.format` or the count."""
    wrong = []
    for message in read_ts(SHIPPED_TS).values():
        wanted = sorted(re.findall(r"\{\w*\}|%n|%\d|%v", message.source))
        for form in message.forms if message.finished or _ahead_of_code(message) else ():
            if sorted(re.findall(r"\{\w*\}|%n|%\d|%v", form)) != wanted:
                wrong.append(f"{message.context}: {message.source!r} -> {form!r}")
    assert not wrong, "translations whose placeholders differ:\n" + "\n".join(wrong)


def test_no_text_reaches_qt_without_translate() -> None:
    findings = [
        str(finding) for path in source_files() for finding in literal_texts(path, _relative(path))
    ]
    assert not findings, (
        f"{len(findings)} text(s) shown without translate(): write them as "
        'translate("Context", "English text") (numbers and symbols alone may stay):\n'
        + "\n".join(findings)
    )


def test_lupdate_reads_every_translate_call(extracted: Path) -> None:
    """lupdate silently skips a call whose context or text is not a literal, or whose count is
    an expression (`len(x)`, `self.count`): such words would never reach a translator."""
    called: set[tuple[str, str]] = set()
    unreadable: list[str] = []
    for path in source_files():
        found, bad = translate_calls(path, _relative(path))
        called |= found
        unreadable += map(str, bad)
    assert not unreadable, (
        "translate() calls lupdate cannot read (use literal texts; put a count in a plain "
        "variable first):\n" + "\n".join(unreadable)
    )
    extracted_keys = {(m.context, m.source) for m in read_ts(extracted).values()}
    assert called <= extracted_keys, sorted(called - extracted_keys)


def test_the_scan_tells_words_from_symbols() -> None:
    """The scanner itself: what it must flag, and what it must let through."""
    import ast

    def words(source: str) -> bool:
        expression = ast.parse(source, mode="eval").body
        return has_words(expression)

    flagged_texts = ('"Play"', 'f"Vary {name}"', '"Bar " + str(n)', '"%d bars" % n',
                     '"bars {0}".format(n)', '["Name", "Bars"]',
                     '"x" if a else "小节"')  # fmt: skip
    for flagged in flagged_texts:
        assert words(flagged), flagged
    for allowed in ('""', '"%"', '"—"', 'f"{title} ({where})"', 'translate("A", "Play")',
                    "name", '"12:30"', 'f"<b>{title}</b>"', '"%p%"', '"Tessera"'):  # fmt: skip
        assert not words(allowed), allowed


def test_the_scan_finds_the_translate_calls_lupdate_would_skip(tmp_path: Path) -> None:
    source = tmp_path / "sample.py"
    source.write_text(
        "NAMES = (QT_TRANSLATE_NOOP('Drums', 'Kick'),)\n"
        "a = translate('Grid', 'Play')\n"
        "b = translate('Grid', '%n bar(s)', None, count)\n"
        "c = translate('Grid', '%n cell(s)', None, len(cells))\n"
        "d = translate('Drums', NAMES[0])\n"
        "e = translate('Grid', NAMES[0])\n"
        "f = translate(context, 'Stop')\n",
        encoding="utf-8",
    )
    found, unreadable = translate_calls(source)
    assert found == {("Grid", "Play"), ("Grid", "%n bar(s)")}
    assert [finding.line for finding in unreadable] == [4, 6, 7]


def test_the_shipped_qm_is_compiled_from_the_shipped_ts(tmp_path: Path) -> None:
    fresh = lrelease(SHIPPED_TS, tmp_path / "fresh.qm")
    assert fresh.read_bytes() == SHIPPED_QM.read_bytes(), (
        f"{_relative(SHIPPED_QM)} is older than {_relative(SHIPPED_TS)}: run "
        "`python -m build_scripts.translations`"
    )


def test_the_language_follows_the_system_unless_one_is_chosen() -> None:
    names = {language.code: language.name for language in available_languages()}
    assert next(iter(names)) == "en"  # the source language needs no file: always first
    assert (names["en"], names["zh_CN"]) == ("English", "简体中文")
    for system, expected in (("zh_CN", "zh_CN"), ("zh_TW", "zh_CN"), ("zh_HK", "zh_CN"),
                             ("en_US", "en"), ("de_DE", "en"), ("C", "en")):  # fmt: skip
        assert resolve_language(SYSTEM, QLocale(system)) == expected, system
    assert resolve_language("en", QLocale("zh_CN")) == "en"
    assert resolve_language("zh_CN", QLocale("en_GB")) == "zh_CN"
    assert resolve_language("klingon", QLocale("en_GB")) == "en"


def test_installed_chinese_translates_words_and_counts(chinese: str) -> None:
    assert chinese == "zh_CN"
    assert translate("SectionRoles", "Chorus") == "副歌"
    assert translate("SectionRoles", "Verse") == "主歌"
    many = translate("SectionDialogs", "Apply to all repeats (%n more)", None, 3)
    assert "3" in many
    assert CJK.search(many), many
    install_translator(QApplication.instance(), "en")  # type: ignore[arg-type]
    assert translate("SectionRoles", "Chorus") == "Chorus"


def test_the_language_menu_stores_the_choice_for_the_next_start(
    qtbot: QtBot, tmp_path: Path
) -> None:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    assert stored_choice(settings) == SYSTEM
    menu = language_menu(None, settings)  # type: ignore[arg-type]
    qtbot.addWidget(menu)
    actions = {action.data(): action for action in menu.actions() if action.isCheckable()}
    assert list(actions)[:2] == [SYSTEM, "en"]
    assert "zh_CN" in actions
    assert actions[SYSTEM].isChecked()
    assert actions["zh_CN"].text() == "简体中文"
    actions["zh_CN"].trigger()
    assert settings.value(LANGUAGE_KEY) == "zh_CN"
    assert (
        stored_choice(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
        == "zh_CN"
    )
    again = language_menu(None, settings)  # type: ignore[arg-type]
    qtbot.addWidget(again)
    checked = [action.data() for action in again.actions() if action.isChecked()]
    assert checked == ["zh_CN"]
    assert any("restart" in action.text() for action in again.actions())


def test_a_window_built_under_chinese_shows_chinese_menus(
    chinese: str, qtbot: QtBot, tmp_path: Path, models: Models
) -> None:
    window = window_on(qtbot, tmp_path, models, Song(), show=True)
    titles = [action.text() for action in window.menuBar().actions()]
    english = [title for title in titles if not CJK.search(title)]
    assert titles
    assert not english, f"menu titles still in English: {english} (all: {titles})"
    menus = [action.menu() for action in window.menuBar().actions()]
    items = [
        action.text()
        for menu in menus
        if isinstance(menu, QMenu)
        for action in menu.actions()
        if action.text() and not action.isSeparator()
    ]
    untranslated = [text for text in items if not CJK.search(text) and has_letters(text)]
    assert not untranslated, f"menu items still in English: {untranslated}"


def has_letters(text: str) -> bool:
    """Whether a text holds letters that are not a language's own name ('English')."""
    names = {language.name for language in available_languages()}
    return text not in names and any(char.isalpha() for char in text)
