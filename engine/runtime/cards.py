"""Model cards read whole and checked: the card's own hash first, then every value the engine uses.

A model folder holds its card (`card.json`) and, beside it, `card.sha256`: the card's sha256 in
the format `sha256sum` writes and checks (`sha256sum -c card.sha256` in the folder). The card
holds the hashes of the model's other files (the .onnx graph, the timbre space), so the one line
in `card.sha256` covers the whole folder: a card edited by hand, cut short or swapped is refused
before any of its values is used, instead of sizing an allocation or a division.

Why a file beside the card rather than a hash field inside it: the bytes hashed are exactly
the file's bytes (no canonical JSON to agree on), the standard tool checks it, and the export
code writes both in one place (`write_card`). A deliberate edit of a shipped card (new metrics)
is sealed again with `sha256sum card.json > card.sha256` in the model's folder.

The hash only proves that the card is the one its export wrote. Each value is still checked
for its type and range as it is read (`Card.integer`, `Card.sha256`, ...), so even a card that
was exported wrongly, or a folder built by hand with a fresh hash, gives a `ModelLoadError`
naming the file, the field and the fix, never a crash deep inside numpy or onnxruntime.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from engine.errors import TesseraError
from engine.words import QT_TRANSLATE_NOOP

CARD_FILE = "card.json"
HASH_FILE = "card.sha256"
MAX_CARD_BYTES = 4 * 2**20
"""A card is a few kilobytes of JSON; anything past 4 MiB is not one."""
_SHA256 = re.compile(r"[0-9a-f]{64}")


class ModelLoadError(TesseraError):
    """A model file is missing, damaged, or does not match this version of Tessera.

    Defined here, beside the card checks, so reading a card (the app's About the models) needs
    no onnxruntime; `engine.runtime.onnx` raises it too."""


def open_nonblocking(path: str, flags: int) -> int:
    """An `open` opener that never waits: a named pipe put where a file should be is opened at
    once (and then refused as not a regular file) instead of blocking for a writer."""
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0))


def card_hash_line(card_bytes: bytes) -> str:
    """The line `card.sha256` holds for a card: its hash, two spaces and its name."""
    return f"{hashlib.sha256(card_bytes).hexdigest()}  {CARD_FILE}\n"


def write_card(folder: Path, card: dict[str, Any]) -> None:
    """Write `card.json` and its `card.sha256` (the export code's one way to write a card)."""
    text = (json.dumps(card, indent=2) + "\n").encode("utf-8")
    (folder / CARD_FILE).write_bytes(text)
    (folder / HASH_FILE).write_text(card_hash_line(text), encoding="utf-8")


def _read_small(path: Path, limit: int, fix: str, what: str) -> bytes:
    """The bytes of a small regular file, or ModelLoadError saying what is wrong and `fix`.
    A device, a pipe or a huge file is refused from its metadata, before any read."""
    try:
        with open(path, "rb", buffering=0, opener=open_nonblocking) as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise ModelLoadError(
                    QT_TRANSLATE_NOOP("ModelCards", "{path} is not a regular file: {fix}").format(
                        path=path, fix=fix
                    )
                )
            if info.st_size > limit:
                raise ModelLoadError(
                    QT_TRANSLATE_NOOP(
                        "ModelCards",
                        "{path} is {st_size:,} bytes, more than the {limit:,} a model's {name} "
                        "may be: {fix}",
                    ).format(path=path, st_size=info.st_size, limit=limit, name=path.name, fix=fix)
                )
            return handle.read(limit + 1)
    except FileNotFoundError as err:
        raise ModelLoadError(
            QT_TRANSLATE_NOOP("ModelCards", "no {what} at {path}: {fix}").format(
                what=what, path=path, fix=fix
            )
        ) from err
    except OSError as err:
        raise ModelLoadError(
            QT_TRANSLATE_NOOP("ModelCards", "cannot read {path} ({strerror}): {fix}").format(
                path=path, strerror=err.strerror, fix=fix
            )
        ) from err


@dataclass(frozen=True)
class Card:
    """A model card whose bytes match its `card.sha256`, with checked readers for its values.

    `fix` ends every message: how to get a good copy back (reinstall, or the export command).
    """

    path: Path
    raw: dict[str, Any]
    fix: str

    def value(self, *keys: str) -> object:
        """The value at `keys` (e.g. "architecture", "n_head"), or ModelLoadError if absent."""
        node: object = self.raw
        for depth, key in enumerate(keys):
            if not isinstance(node, dict) or key not in node:
                where = ".".join(keys[: depth + 1])
                raise ModelLoadError(
                    QT_TRANSLATE_NOOP("ModelCards", "{path}: {where} is missing: {fix}").format(
                        path=self.path, where=where, fix=self.fix
                    )
                )
            node = node[key]
        return node

    def integer(self, *keys: str, low: int, high: int) -> int:
        """A whole number from `low` to `high` (JSON true/false and 4.0 are refused)."""
        found = self.value(*keys)
        if isinstance(found, bool) or not isinstance(found, int) or not low <= found <= high:
            self.wrong(keys, f"a whole number from {low:,} to {high:,}", found)
        assert isinstance(found, int)  # wrong() raised otherwise
        return found

    def text(self, *keys: str, choices: tuple[str, ...] | None = None) -> str:
        """A string (one of `choices`, when given)."""
        found = self.value(*keys)
        if not isinstance(found, str) or (choices is not None and found not in choices):
            wanted = f"one of {list(choices)}" if choices is not None else "text"
            self.wrong(keys, wanted, found)
        assert isinstance(found, str)
        return found

    def sha256(self, *keys: str) -> str:
        """A sha256 as 64 lowercase hex digits."""
        found = self.value(*keys)
        if not isinstance(found, str) or not _SHA256.fullmatch(found):
            self.wrong(keys, "a sha256 (64 hex digits)", found)
        assert isinstance(found, str)
        return found

    def wrong(self, keys: tuple[str, ...], wanted: str, found: object) -> None:
        """Raise the ModelLoadError for a value that is not what the engine needs."""
        shown = repr(found) if len(repr(found)) <= 60 else repr(found)[:57] + "..."
        raise ModelLoadError(
            QT_TRANSLATE_NOOP(
                "ModelCards", "{path}: {field} must be {wanted}, got {shown}: {fix}"
            ).format(path=self.path, field=".".join(keys), wanted=wanted, shown=shown, fix=self.fix)
        )


def read_card(folder: Path, fix: str) -> Card:
    """The folder's card, checked against `card.sha256` and parsed; ModelLoadError (naming the
    file and ending with `fix`) when either is missing, damaged or does not match."""
    card_path, hash_path = folder / CARD_FILE, folder / HASH_FILE
    card_bytes = _read_small(card_path, MAX_CARD_BYTES, fix, "model card")
    recorded = _read_small(hash_path, 1024, fix, "card hash").decode("utf-8", "replace").split()
    if len(recorded) != 2 or recorded[1] != CARD_FILE or not _SHA256.fullmatch(recorded[0]):
        raise ModelLoadError(
            QT_TRANSLATE_NOOP(
                "ModelCards",
                "{hash_path} is damaged (it must hold one line: the card's sha256 and "
                "{card_file}): {fix}",
            ).format(hash_path=hash_path, card_file=CARD_FILE, fix=fix)
        )
    if hashlib.sha256(card_bytes).hexdigest() != recorded[0]:
        raise ModelLoadError(
            QT_TRANSLATE_NOOP(
                "ModelCards",
                "{card_path} does not match {name} (the card was edited or damaged "
                "after export): {fix}",
            ).format(card_path=card_path, name=hash_path.name, fix=fix)
        )
    try:
        raw = json.loads(card_bytes.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as err:
        raise ModelLoadError(
            QT_TRANSLATE_NOOP("ModelCards", "{card_path} is not valid JSON ({err}): {fix}").format(
                card_path=card_path, err=err, fix=fix
            )
        ) from err
    if not isinstance(raw, dict):
        raise ModelLoadError(
            QT_TRANSLATE_NOOP("ModelCards", "{card_path} must hold a JSON object: {fix}").format(
                card_path=card_path, fix=fix
            )
        )
    return Card(card_path, raw, fix)
