"""Reading the preset files of the top-level `presets/` folder: the ensembles new songs start
from (`ensembles.toml`), how each style's songs are planned (`styles.toml`), the beats its
drums keep (`beats.toml`) and its typical forms and tempo range (`forms.toml`).

Why files and not code: a musician adds a preset, or changes a style's progressions, form or
beat, without touching Python. Why TOML: it reads like the settings it is, has comments, and
Python reads it without a library (`tomllib`). Every value is checked on load, and a mistake
is reported with the file, the table and the field, and what to write instead.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from engine.errors import TesseraError
from engine.words import QT_TRANSLATE_NOOP

PRESETS_DIR = Path(__file__).parents[2] / "presets"
"""The shipped preset files, beside the engine (and so in the packaged app too)."""


class PresetFileError(TesseraError):
    """A preset file that cannot be read or holds a value Tessera cannot use."""


def read_tables(path: Path) -> dict[str, dict[str, Any]]:
    """The file's top-level tables by name; refuses a missing, unreadable or malformed file,
    and a top-level value that is not a table."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise PresetFileError(
            QT_TRANSLATE_NOOP("PresetFiles", "cannot read {path}: {value}").format(
                path=path, value=err.strerror or err
            )
        ) from err
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise PresetFileError(
            QT_TRANSLATE_NOOP("PresetFiles", "{name} is not valid TOML: {err}").format(
                name=path.name, err=err
            )
        ) from err
    for name, value in data.items():
        if not isinstance(value, dict):
            raise PresetFileError(
                QT_TRANSLATE_NOOP(
                    "PresetFiles",
                    "{name}: {name_2!r} should be a table ([{name_2}] with its fields under it)",
                ).format(name=path.name, name_2=name)
            )
    return data


class Fields:
    """One table's fields, read with checks; every error names the file and the table."""

    def __init__(self, where: str, table: Mapping[str, Any], known: Sequence[str]) -> None:
        self.where = where
        self.table = table
        unknown = sorted(set(table) - set(known))
        if unknown:
            raise self.error(f"unknown field {unknown[0]!r}: the fields are {', '.join(known)}")

    def error(self, message: str) -> PresetFileError:
        return PresetFileError(
            QT_TRANSLATE_NOOP("PresetFiles", "{where}: {message}").format(
                where=self.where, message=message
            )
        )

    def has(self, name: str) -> bool:
        return name in self.table

    def text(self, name: str, default: str | None = None) -> str:
        value = self.table.get(name, default)
        if not isinstance(value, str):
            raise self.error(f"{name!r} should be text in quotes, got {value!r}")
        return value

    def integer(self, name: str, low: int, high: int, default: int | None = None) -> int:
        value = self.table.get(name, default)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise self.error(
                f"{name!r} should be a whole number from {low} to {high}, got {value!r}"
            )
        return value

    def number(self, name: str, low: float, high: float) -> float:
        value = self.table.get(name)
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not low <= value <= high
        ):
            raise self.error(f"{name!r} should be a number from {low:g} to {high:g}, got {value!r}")
        return float(value)

    def flag(self, name: str, default: bool = False) -> bool:
        value = self.table.get(name, default)
        if not isinstance(value, bool):
            raise self.error(f"{name!r} should be true or false, got {value!r}")
        return value

    def texts(self, name: str) -> list[str]:
        value = self.table.get(name)
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            raise self.error(f'{name!r} should be a list of texts, such as ["I V vi IV"]')
        return value

    def tables(self, name: str) -> list[Mapping[str, Any]]:
        value = self.table.get(name)
        if not isinstance(value, list) or not value or not all(isinstance(v, dict) for v in value):
            raise self.error(f"{name!r} should be a list of {{ ... }} entries")
        return value
