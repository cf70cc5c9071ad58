"""Words the engine says to the user, kept translatable without Qt.

The engine is headless, so it cannot translate; it writes English. A message meant for the user
is written as

    QT_TRANSLATE_NOOP("MidiReader", "{name} is not a MIDI file").format(name=path.name)

which gives a `Words`: a `str` whose text is the English message (so `str(err)`, the command
line and every test that reads the English keep working unchanged), and which also keeps the
context, the English template and the values put into it. The window (`ui.engine_words`)
translates the template in the user's language and puts the same values in.

The marker's odd name is Qt's own: `pyside6-lupdate` collects every `QT_TRANSLATE_NOOP("Context",
"text")` call with a literal context and text (and nothing else inside its parentheses) into the
translation files, exactly as it collects the window's `translate(...)` calls. So the call must
stay bare and literal: no f-string inside, no third argument; values go into `.format(...)`.
A value that is itself `Words` (or an engine error carrying them) is translated in its turn.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any


class Words(str):
    """An English message that remembers how it was made: `context`, `template` (the English
    text with `{name}` fields, as written in the source and in the translation files) and
    `params` (the values of the fields, each a plain value or `Words`)."""

    context: str
    template: str
    params: Mapping[str, object]
    filled: bool
    """Whether the template's fields were filled (`.format`); unfilled words are the
    template's text as it is, braces and all."""

    def __new__(
        cls, context: str, template: str, params: Mapping[str, object] | None = None
    ) -> Words:
        values = {name: _kept(value) for name, value in (params or {}).items()}
        words = super().__new__(cls, template.format(**values) if params is not None else template)
        words.context = context
        words.template = template
        words.params = MappingProxyType(values)
        words.filled = params is not None
        return words

    def format(self, *args: object, **kwargs: object) -> Words:
        """These words with the template's `{name}` fields filled (by name only, so that a
        translation may put them in another order)."""
        if args:
            raise TypeError("Words.format takes named values only, e.g. .format(name=...)")
        return Words(self.context, self.template, {**self.params, **kwargs})

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled (sent to another process) with its context, template and values."""
        return (Words, (self.context, self.template, dict(self.params)))


def QT_TRANSLATE_NOOP(context: str, text: str) -> Words:  # noqa: N802 - the name lupdate finds
    """Mark `text` for translation under `context` (see the module's docstring)."""
    return Words(context, text)


def message_of(err: BaseException) -> str:
    """What an error says: its `Words` when it was raised with them (so the window can
    translate it), otherwise its English text."""
    if len(err.args) == 1 and isinstance(err.args[0], Words):
        return err.args[0]
    return str(err)


def _kept(value: object) -> object:
    """A value as `Words` keep it: an error becomes what it says (its translatable words or
    its text), so a message never holds an exception and the frames its traceback keeps."""
    if isinstance(value, BaseException):
        return message_of(value)
    return value
