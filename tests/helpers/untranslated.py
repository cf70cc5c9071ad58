"""Find words shown to the user that bypass `translate()`, and `translate()` calls lupdate cannot
read, by walking the Python syntax tree of the UI's sources.

A text is words when it holds a letter (any script): "Play", "bars {0}-{1}", f"Vary {name}".
Symbols, numbers and placeholders alone ("%", "—", f"{title} ({where})", "") need no
translation. A text is fine when it comes from `translate(...)` or from a variable (whose own
literal, if any, is checked where it is passed); a literal, an f-string, or a literal formatted
or joined with `+`/`%`/`.format` is not.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

TEXT_METHODS: dict[str, tuple[int, ...]] = {
    **dict.fromkeys(
        ("setText", "setToolTip", "setWindowTitle", "setPlaceholderText", "setStatusTip",
         "setWhatsThis", "setTitle", "setLabelText", "setAccessibleName",
         "setAccessibleDescription", "showMessage", "addMenu", "addAction", "addItem",
         "addItems", "setHeaderLabels", "setHorizontalHeaderLabels", "setVerticalHeaderLabels",
         "addRow", "addToolBar", "setSuffix", "setPrefix", "setSpecialValueText",
         "setCancelButtonText", "setInformativeText", "setDetailedText", "setNameFilter",
         "setNameFilters", "addButton", "setWindowIconText", "setFormat"),
        (0,),
    ),
    **dict.fromkeys(("insertItem", "addTab", "setTabText", "setTabToolTip", "setItemText",
                     "setButtonText"), (1,)),
    "insertTab": (2,),
}  # fmt: skip
"""Qt methods that show a text, and the positions of their text arguments."""

TEXT_CONSTRUCTORS = frozenset(
    ("QAction", "QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QGroupBox", "QMenu",
     "QCommandLinkButton", "QListWidgetItem", "QTableWidgetItem", "QTreeWidgetItem",
     "QStandardItem", "QDockWidget", "QToolBar", "QProgressDialog", "QMessageBox")
)  # fmt: skip
"""Qt classes whose constructor takes a text to show (every positional text is checked)."""

STATIC_DIALOGS: dict[str, tuple[int, ...]] = {
    **dict.fromkeys(("information", "warning", "critical", "question", "about"), (1, 2)),
    **dict.fromkeys(("getText", "getInt", "getDouble", "getMultiLineText"), (1, 2)),
    "getItem": (1, 2, 3),
    **dict.fromkeys(
        ("getOpenFileName", "getOpenFileNames", "getSaveFileName", "getExistingDirectory"),
        (1, 3),
    ),
}
"""QMessageBox / QInputDialog / QFileDialog functions: title, label, items, filter."""

TEXT_KEYWORDS = frozenset(
    ("text", "toolTip", "windowTitle", "placeholderText", "statusTip", "whatsThis", "title",
     "suffix", "prefix", "specialValueText", "caption", "filter", "label", "labelText",
     "accessibleName")
)  # fmt: skip
"""Keyword arguments (Qt properties set in a constructor, or dialog arguments) that show text."""

DRAWING = frozenset(("drawText", "drawStaticText"))
"""QPainter text: any positional text argument."""


@dataclass(frozen=True)
class Finding:
    path: Path
    line: int
    call: str
    text: str

    def __str__(self) -> str:
        if self.call == "translate":
            return f"{self.path}:{self.line}: {self.text}"
        return f"{self.path}:{self.line}: {self.call}({self.text})"


PROPER_NAMES = frozenset(("Tessera",))
"""Names that stay as they are in every language (the app's own name)."""
_NOT_WORDS = re.compile(r"<[^<>]*>|\{[^{}]*\}|%[a-zA-Z%]|&[a-z]+;")
"""Markup, placeholders and entities: '<b>{title}</b>', '%p%' hold no words to translate."""


def is_words(text: str) -> bool:
    """Whether a literal holds words a reader needs in their language."""
    bare = _NOT_WORDS.sub(" ", text)
    return bare.strip() not in PROPER_NAMES and any(char.isalpha() for char in bare)


def has_words(node: ast.expr) -> bool:
    """Whether `node` is text with letters that did not come through translate()."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and is_words(node.value)
    if isinstance(node, ast.JoinedStr):
        return any(has_words(part) for part in node.values if isinstance(part, ast.Constant))
    if isinstance(node, ast.BinOp | ast.IfExp):
        parts = (node.left, node.right) if isinstance(node, ast.BinOp) else (node.body, node.orelse)
        return any(has_words(part) for part in parts)
    if isinstance(node, ast.List | ast.Tuple | ast.Set):
        return any(has_words(element) for element in node.elts)
    return _formats_words(node)


def _formats_words(node: ast.expr) -> bool:
    """`"Bar {0}".format(n)`, `"Bar".upper()`: a literal with words, dressed."""
    dressed = ("format", "replace", "strip", "upper", "lower", "capitalize")
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in dressed
        and has_words(node.func.value)
    )


def _name(func: ast.expr) -> tuple[str, str]:
    """(receiver, name) of a call: ('QMessageBox', 'warning'), ('', 'QLabel'), ('?', 'setText')."""
    if isinstance(func, ast.Name):
        return "", func.id
    if isinstance(func, ast.Attribute):
        receiver = func.value.id if isinstance(func.value, ast.Name) else "?"
        return receiver, func.attr
    return "?", ""


def _text_arguments(call: ast.Call) -> Iterator[ast.expr]:
    receiver, name = _name(call.func)
    positions: tuple[int, ...] = ()
    if name in TEXT_CONSTRUCTORS or name in DRAWING:
        positions = tuple(range(len(call.args)))
    elif receiver in ("QMessageBox", "QInputDialog", "QFileDialog") and name in STATIC_DIALOGS:
        positions = STATIC_DIALOGS[name]
    elif name in TEXT_METHODS:
        positions = TEXT_METHODS[name]
    for position in positions:
        if position < len(call.args):
            yield call.args[position]
    if name.startswith("Q") or positions:  # Qt's own keyword texts, not tempfile's `prefix`
        for keyword in call.keywords:
            if keyword.arg in TEXT_KEYWORDS:
                yield keyword.value


def literal_texts(path: Path, shown_as: Path | None = None) -> list[Finding]:
    """Every call in `path` that shows a literal text with words without translate()."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    findings = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        for argument in _text_arguments(node):
            if has_words(argument):
                findings.append(
                    Finding(shown_as or path, node.lineno, _name(node.func)[1],
                            ast.unparse(argument)[:80])
                )  # fmt: skip
    return findings


def _is_text(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _marked_contexts(tree: ast.AST) -> set[str]:
    """Contexts whose texts the file marks with QT_TRANSLATE_NOOP("Context", "text"), Qt's way
    to list texts kept in a table and translated later by `translate("Context", variable)`."""
    return {
        str(ast.literal_eval(node.args[0]))
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "QT_TRANSLATE_NOOP"
        and node.args
        and _is_text(node.args[0])
    }


def translate_calls(
    path: Path, shown_as: Path | None = None
) -> tuple[set[tuple[str, str]], list[Finding]]:
    """The (context, text) of every `translate()` call in `path`, and the calls lupdate cannot
    read: a context that is not a literal, a text that is not one (unless the file marks its
    context's texts with QT_TRANSLATE_NOOP), a count that is not a plain name or number
    (lupdate skips the whole call: `len(x)` or `self.count` as the count loses the message),
    or a keyword argument."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    marked = _marked_contexts(tree)
    found: set[tuple[str, str]] = set()
    unreadable = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
            continue
        if node.func.id != "translate":
            continue
        args = node.args
        count_ok = (
            len(args) < 4
            or isinstance(args[3], ast.Name | ast.Constant)
            or (isinstance(args[3], ast.UnaryOp) and isinstance(args[3].operand, ast.Constant))
        )
        simple = (
            count_ok and not node.keywords and (len(args) < 3 or isinstance(args[2], ast.Constant))
        )
        if len(args) >= 2 and _is_text(args[0]) and _is_text(args[1]) and simple:
            found.add((str(ast.literal_eval(args[0])), str(ast.literal_eval(args[1]))))
        elif not (
            len(args) >= 2 and _is_text(args[0]) and ast.literal_eval(args[0]) in marked and simple
        ):
            unreadable.append(
                Finding(shown_as or path, node.lineno, "translate", ast.unparse(node)[:100])
            )
    return found, unreadable
