"""Every word the app shows goes through Qt's translation system, so Chinese sits beside English.

Write user-visible text as `translate("Context", "English text")`: Qt's `lupdate` finds these
calls by name (a bare `translate(` with a literal context and text), so a translator sees every
string in Qt Linguist, and at run time the installed translator answers in the user's language.
The context is the class or area the text belongs to ("MainWindow", "Inspector"), which tells the
translator where the words appear. Counts use Qt's plural form: `translate("Takes", "%n take(s)",
None, count)`.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """`text` in the user's language (English when no translation is installed or known)."""
    return QCoreApplication.translate(context, text, disambiguation, n)
