"""Every word the app shows goes through Qt's translation system, so Chinese sits beside English.

Write user-visible text as `translate("Context", "English text")`: Qt's `lupdate` finds these
calls by name (a bare `translate(` with a literal context and text), so a translator sees every
string in Qt Linguist, and at run time the installed translator answers in the user's language.
The context is the class or area the text belongs to ("MainWindow", "Inspector"), which tells the
translator where the words appear. Counts use Qt's plural form: `translate("Takes", "%n take(s)",
None, count)`.

The shipped translations are `ui/translations/tessera_<locale>.qm` files (compiled from the
`.ts` files beside them by `python -m build_scripts.translations`); a language is available as
soon as its `.qm` file is there. English, the language the source is written in, ships a file
too, `tessera_en.qm`, holding only the counted messages: its singular and plural forms turn
"%n note(s)" into "1 note" and "2 notes". The choice is stored in the settings under `LANGUAGE_KEY`:
"system" (the default) follows the system locale, any other value names a language.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

log = logging.getLogger(__name__)

TRANSLATIONS_DIR = Path(__file__).resolve().parent / "translations"
"""Where the `.ts` sources and the compiled `.qm` files of the app's own words live."""
FILE_PREFIX = "tessera_"
LANGUAGE_KEY = "language"
"""The settings key of the composer's choice of language."""
SYSTEM = "system"
"""The stored choice that follows the system locale."""
ENGLISH = "en"
"""The language the source text is written in: its file holds only the plural forms."""


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """`text` in the user's language (English when no translation is installed or known)."""
    return QCoreApplication.translate(context, text, disambiguation, n)


@dataclass(frozen=True)
class Language:
    """A language the app can speak: its locale code and its name in its own words."""

    code: str
    """'en', 'zh_CN': the part of the translation file's name after the prefix."""
    name: str
    """How the language calls itself ('English', '简体中文'): shown untranslated, so a
    composer who cannot read the current language still finds their own."""


def available_languages(folder: Path = TRANSLATIONS_DIR) -> tuple[Language, ...]:
    """English, then every language whose compiled translation is shipped, by code."""
    codes = sorted(
        code
        for path in folder.glob(FILE_PREFIX + "*.qm")
        if (code := path.stem.removeprefix(FILE_PREFIX)) != ENGLISH  # first, by its own name
    )
    others = [Language(code, QLocale(code).nativeLanguageName() or code) for code in codes]
    return (Language(ENGLISH, "English"), *others)


def resolve_language(choice: str, system: QLocale | None = None) -> str:
    """The code of the language to show for a stored `choice`: the language itself when it is
    available, otherwise the one nearest the system locale (same name, then same language:
    zh_TW and zh_HK read Simplified Chinese rather than English), otherwise English."""
    codes = [language.code for language in available_languages()]
    if choice in codes:
        return choice
    locale = system or QLocale.system()
    if locale.name() in codes:
        return locale.name()
    same_language = [code for code in codes if QLocale(code).language() == locale.language()]
    return same_language[0] if same_language else ENGLISH


def stored_choice(settings: QSettings) -> str:
    """The language stored in `settings` ("system" when none is)."""
    value = settings.value(LANGUAGE_KEY, SYSTEM)
    return value if isinstance(value, str) and value else SYSTEM


_installed: list[QTranslator] = []
"""The translators in use; kept referenced here, because Qt does not own them."""


def install_translator(app: QCoreApplication, language: str = SYSTEM) -> str:
    """Make `app` speak `language` ("system", "en", "zh_CN"...) and return the code it now
    speaks. Replaces any translator installed before; a translation that cannot be read is
    logged and the app stays in English, because the words are only a convenience and must
    never stop the app starting. Qt's own dialog buttons (Cancel, Yes, No) follow as well."""
    while _installed:
        app.removeTranslator(_installed.pop())
    code = resolve_language(language)
    if code == ENGLISH:
        _install_english_plurals(app)
        return ENGLISH
    own = QTranslator(app)
    if not own.load(str(TRANSLATIONS_DIR / f"{FILE_PREFIX}{code}.qm")):
        log.warning("the %s translation in %s could not be read: showing English", code,
                    TRANSLATIONS_DIR)  # fmt: skip
        _install_english_plurals(app)
        return ENGLISH
    qt_own = QTranslator(app)
    if qt_own.load(
        QLocale(code), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ):
        app.installTranslator(qt_own)
        _installed.append(qt_own)
    app.installTranslator(own)
    _installed.append(own)
    return code


def _install_english_plurals(app: QCoreApplication) -> None:
    """English's own file: the singular and plural of every counted message ("1 note",
    "2 notes"). Without it the app still works, showing the source's "note(s)"."""
    plurals = QTranslator(app)
    if not plurals.load(str(TRANSLATIONS_DIR / f"{FILE_PREFIX}{ENGLISH}.qm")):
        log.warning("the English plural forms in %s could not be read: counts read 'note(s)'",
                    TRANSLATIONS_DIR)  # fmt: skip
        return
    app.installTranslator(plurals)
    _installed.append(plurals)
