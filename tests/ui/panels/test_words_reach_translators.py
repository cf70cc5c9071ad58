"""Every `translate(...)` call in the panels reaches the translators.

Qt's extractor (`pyside6-lupdate`) reads the source, not the running app, and silently skips a
call it cannot parse (a count written as `len(x)` rather than a plain name, for one), which would
leave those words in English forever. This runs the real extractor over the panels' files and
compares what it found with every `translate` call Python's own parser sees.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

PANELS = Path(__file__).resolve().parents[3] / "ui" / "panels"
FILES = (
    "advanced.py",
    "inspector.py",
    "originality.py",
    "style_box.py",
    "takes.py",
    "timbre.py",
    "timbre_audition.py",
    "timbre_layout.py",
    "timbre_words.py",
    "track_space.py",
    "tracks.py",
    "words.py",
)


def _lupdate() -> str:
    beside_python = Path(sys.executable).parent / "pyside6-lupdate"
    found = str(beside_python) if beside_python.exists() else shutil.which("pyside6-lupdate")
    if found is None:
        pytest.skip("pyside6-lupdate is not installed (it comes with PySide6)")
    return found


def _calls(path: Path) -> tuple[set[tuple[str, str]], list[int]]:
    """(context, text) of every literal translate call, and the lines of any other."""
    literal: set[tuple[str, str]] = set()
    other: list[int] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "translate":
            context, text = node.args[0], node.args[1]
            if isinstance(context, ast.Constant) and isinstance(text, ast.Constant):
                literal.add((str(context.value), str(text.value)))
            else:
                other.append(node.lineno)
    return literal, other


def test_every_panel_string_is_extracted(tmp_path: Path) -> None:
    target = tmp_path / "panels.ts"
    sources = [str(PANELS / name) for name in FILES]
    subprocess.run(
        [_lupdate(), *sources, "-ts", str(target)], check=True, capture_output=True, timeout=120
    )
    extracted = {
        (context.findtext("name", ""), message.findtext("source", ""))
        for context in ET.parse(target).getroot().iter("context")
        for message in context.iter("message")
    }
    wanted: set[tuple[str, str]] = set()
    for name in FILES:
        literal, other = _calls(PANELS / name)
        assert other == [], f"{name}: translate() with a text that is not literal at {other}"
        wanted |= literal
    assert len(wanted) > 200
    assert sorted(wanted - extracted) == []
