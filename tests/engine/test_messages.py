"""The engine's messages stay English text and keep what the window needs to translate them.

`engine.words.Words` is a `str` (so `str(err)`, the command line and every English assertion
work unchanged) that remembers its context, template and values. The syntax-tree checks keep
every mark readable by `pyside6-lupdate` (two literals, nothing else), every `.format` filling
exactly the fields its template names (a typo would raise KeyError instead of the message), and
every engine error raised with words rather than a bare English literal.
"""

from __future__ import annotations

import ast
import pickle
import string
from pathlib import Path

import pytest

from engine.compose.control_text import ControlError, controls_from_text
from engine.errors import TesseraError
from engine.project.midi.events import MidiImportError
from engine.project.song_files import open_song
from engine.words import QT_TRANSLATE_NOOP, Words, message_of

ENGINE = Path(__file__).resolve().parents[2] / "engine"
MARK = "QT_TRANSLATE_NOOP"
PROGRAMMING_ERRORS = frozenset(
    ("ValueError", "TypeError", "KeyError", "IndexError", "RuntimeError", "AssertionError")
)
"""Built-in errors the engine raises for a caller's mistake (a bug), never shown as a message."""
LABEL_FIRST = {"ControlError": 1}
"""Errors whose message is not their first argument: ControlError(field, message)."""


def test_words_read_as_the_english_text_and_keep_template_and_values() -> None:
    said = QT_TRANSLATE_NOOP("Ctx", "{name} is {size:.1f} s long").format(name="a.mid", size=2.25)
    assert said == "a.mid is 2.2 s long"
    assert isinstance(said, str)
    assert (said.context, said.template, dict(said.params)) == (
        "Ctx",
        "{name} is {size:.1f} s long",
        {"name": "a.mid", "size": 2.25},
    )
    assert said.filled
    plain = QT_TRANSLATE_NOOP("Ctx", "a literal {brace}")
    assert plain == "a literal {brace}"
    assert not plain.filled
    with pytest.raises(TypeError, match="named values"):
        plain.format("positional")


def test_an_error_put_in_words_becomes_what_it_says_not_the_error() -> None:
    inner = TesseraError(QT_TRANSLATE_NOOP("Ctx", "inner {n}").format(n=3))
    outer = QT_TRANSLATE_NOOP("Ctx", "outer: {err}").format(err=inner)
    assert outer == "outer: inner 3"
    kept = outer.params["err"]
    assert isinstance(kept, Words)
    assert kept.template == "inner {n}"
    assert not any(isinstance(value, BaseException) for value in outer.params.values())
    assert message_of(ValueError("plain")) == "plain"
    assert message_of(inner) is inner.args[0]


def test_words_survive_pickling_with_their_template() -> None:
    said = QT_TRANSLATE_NOOP("Ctx", "take {number}").format(number=4)
    again = pickle.loads(pickle.dumps(said))
    assert again == "take 4"
    assert (again.context, again.template, dict(again.params)) == (
        "Ctx",
        "take {number}",
        {"number": 4},
    )


def test_a_corrupt_midi_file_raises_english_words_the_window_can_translate(tmp_path: Path) -> None:
    bad = tmp_path / "broken.mid"
    bad.write_bytes(b"RIFF this is not a MIDI file at all")
    with pytest.raises(MidiImportError) as caught:
        open_song(bad)
    err = caught.value
    assert str(err).startswith("broken.mid is not a MIDI file (it does not start with the 'MThd'")
    said = message_of(err)
    assert isinstance(said, Words)
    assert said.context == "MidiReader"
    assert said.template.startswith("{name} is not a MIDI file")
    assert said.params["name"] == "broken.mid"


def _marks(tree: ast.AST) -> list[ast.Call]:
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == MARK
    ]


def _engine_trees() -> list[tuple[Path, ast.Module]]:
    return [
        (path, ast.parse(path.read_text(encoding="utf-8"))) for path in sorted(ENGINE.rglob("*.py"))
    ]


def test_every_mark_is_two_literals_as_lupdate_reads_them() -> None:
    unreadable = []
    count = 0
    for path, tree in _engine_trees():
        for call in _marks(tree):
            count += 1
            literal = [
                isinstance(arg, ast.Constant) and isinstance(arg.value, str) for arg in call.args
            ]
            if call.keywords or literal != [True, True]:
                unreadable.append(f"{path.relative_to(ENGINE.parent)}:{call.lineno}")
    assert count > 300, f"only {count} marked messages: is the scan reading engine/?"
    assert not unreadable, "marks lupdate cannot read (write two literals):\n" + "\n".join(
        unreadable
    )


def test_every_format_fills_exactly_the_fields_its_template_names() -> None:
    """A field the values miss raises KeyError where the user should have read a message; a
    value no field names is a message that silently lost a part."""
    wrong = []
    for path, tree in _engine_trees():
        for node in ast.walk(tree):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "format"
                and node.func.value in _marks(node.func.value)
            ):
                continue
            mark = node.func.value
            assert isinstance(mark, ast.Call)
            template = mark.args[1]
            assert isinstance(template, ast.Constant)
            assert isinstance(template.value, str)
            fields = {name for _, name, _, _ in string.Formatter().parse(template.value) if name}
            given = {keyword.arg for keyword in node.keywords}
            if None in given or node.args:
                continue  # **values: checked where the values are made
            if fields != given:
                wrong.append(
                    f"{path.relative_to(ENGINE.parent)}:{node.lineno}: {fields} vs {given}"
                )
    assert not wrong, "formats that do not fill their template's fields:\n" + "\n".join(wrong)


def test_every_engine_error_is_raised_with_words_not_a_bare_english_literal() -> None:
    """A message written as a plain string or f-string would reach the window in English only."""
    bare = []
    for path, tree in _engine_trees():
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)):
                continue
            func = node.exc.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if not name.endswith("Error") or name in PROGRAMMING_ERRORS:
                continue
            for arg in node.exc.args[LABEL_FIRST.get(name, 0) :]:
                text = isinstance(arg, ast.Constant) and isinstance(arg.value, str) and arg.value
                if isinstance(arg, ast.JoinedStr) or text:
                    bare.append(f"{path.relative_to(ENGINE.parent)}:{node.lineno} {name}")
    assert not bare, (
        'engine errors raised with plain English (write QT_TRANSLATE_NOOP("Context", '
        '"template {name}").format(name=...)):\n' + "\n".join(bare)
    )


def test_an_error_wrapped_by_another_keeps_its_words() -> None:
    """A control typed wrong is read by the theory code and re-raised as a ControlError: the
    words must pass through (a `str(err)` on the way would leave them English only)."""
    with pytest.raises(ControlError) as downwards:
        controls_from_text(pitch_range="C5-C3")
    said = message_of(downwards.value)
    assert said == "pitch range 'C5-C3' runs downwards: put the lower pitch first"
    assert isinstance(said, Words)
    assert said.template == "pitch range {text!r} runs downwards: put the lower pitch first"
    with pytest.raises(ControlError) as order:
        controls_from_text(voice_order="sideways")
    labelled = message_of(order.value)
    assert isinstance(labelled, Words)
    assert labelled.template == "{label}: {reason}"
    assert labelled.startswith("voice order: 'sideways' is not one of")
    assert isinstance(labelled.params["label"], Words)
