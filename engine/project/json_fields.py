"""Reading a JSON object field by field, each error naming the field's JSON path.

`Fields` wraps one object and remembers where it sits (`tracks[2].timbre`), so the project loader
(`engine.project.project_file`) reports `tracks[2].notes[14].pitch must be 0-127, got 300`, never
a traceback: every value is checked for its type before use and each error is one SongError line.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from engine.song.song import SongError, shown
from engine.words import QT_TRANSLATE_NOOP, message_of

T = TypeVar("T")


class Fields:
    """Reads one JSON object, remembering its path so every error names the exact field."""

    def __init__(self, value: object, path: str) -> None:
        if not isinstance(value, Mapping):
            raise SongError(
                QT_TRANSLATE_NOOP("JsonFields", "{value} must be a JSON object, got {kind}").format(
                    value=path or "the file", kind=_kind(value)
                )
            )
        self.value = value
        self.path = path
        self.used: set[str] = set()

    def get(self, key: str, expected: type | tuple[type, ...]) -> Any:
        where = self.at(key)
        if key not in self.value:
            raise SongError(
                QT_TRANSLATE_NOOP("JsonFields", "{where} is missing").format(where=where)
            )
        self.used.add(key)
        item = self.value[key]
        if isinstance(item, bool) and bool not in _as_tuple(expected):
            raise SongError(
                QT_TRANSLATE_NOOP("JsonFields", "{where} must be {names}, got {item!r}").format(
                    where=where, names=_names(expected), item=item
                )
            )
        if not isinstance(item, expected):
            raise SongError(
                QT_TRANSLATE_NOOP("JsonFields", "{where} must be {names}, got {kind}").format(
                    where=where, names=_names(expected), kind=_kind(item)
                )
            )
        return item

    def objects(self, key: str, build: Callable[[Fields], T]) -> tuple[T, ...]:
        items = self.get(key, list)
        return tuple(build_at(item, f"{self.at(key)}[{i}]", build) for i, item in enumerate(items))

    def at(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def finish(self) -> None:
        unknown = sorted(set(self.value) - self.used)
        if unknown:
            raise SongError(
                QT_TRANSLATE_NOOP("JsonFields", "{at} is not a field this version knows").format(
                    at=self.at(unknown[0])
                )
            )


def _as_tuple(expected: type | tuple[type, ...]) -> tuple[type, ...]:
    return expected if isinstance(expected, tuple) else (expected,)


def _names(expected: type | tuple[type, ...]) -> str:
    words = {
        int: "an integer",
        float: "a number",
        str: "text",
        bool: "true or false",
        list: "a list",
        dict: "an object",
        type(None): "null",
    }
    return " or ".join(words.get(kind, kind.__name__) for kind in _as_tuple(expected))


def _kind(value: object) -> str:
    return {
        dict: "an object",
        list: "a list",
        str: "text",
        bool: "true/false",
        type(None): "null",
    }.get(type(value), shown(value))


def build_at(value: object, path: str, build: Callable[[Fields], T]) -> T:
    """Build one value, prefixing any error from the constructors with the JSON path."""
    try:
        fields = Fields(value, path)
        result = build(fields)
        fields.finish()
    except SongError as err:
        message = message_of(err)
        if not message.startswith(path):
            message = QT_TRANSLATE_NOOP("JsonFields", "{path}: {err}").format(
                path=path, err=message
            )
        raise SongError(message) from err
    return result


def rows(f: Fields, key: str, width: int, build: Callable[..., T], shape: str) -> tuple[T, ...]:
    """A list of fixed-width rows built into values; errors name the row, e.g.
    `tracks[0].controls[3]: value must be ...`."""
    if key not in f.value:
        return ()
    result = []
    for index, row in enumerate(f.get(key, list)):
        path = f"{f.at(key)}[{index}]"
        if not isinstance(row, list) or len(row) != width:
            raise SongError(
                QT_TRANSLATE_NOOP("JsonFields", "{path} must be {shape}").format(
                    path=path, shape=shape
                )
            )
        try:
            result.append(build(*row))
        except SongError as err:
            raise SongError(
                QT_TRANSLATE_NOOP("JsonFields", "{path}: {err}").format(path=path, err=err)
            ) from err
    return tuple(result)


def each(f: Fields, key: str, check: Callable[[str, object], T]) -> tuple[T, ...]:
    """A list field checked item by item, so an error names the item, e.g. `locked_bars[2]`."""
    path = f.at(key)
    return tuple(check(f"{path}[{index}]", item) for index, item in enumerate(f.get(key, list)))
