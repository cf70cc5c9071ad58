"""Collect the app's words for translators and compile their translations.

    .venv/bin/python -m build_scripts.translations            # update every .ts, compile each .qm
    .venv/bin/python -m build_scripts.translations --add fr   # start a French translation
    .venv/bin/python -m build_scripts.translations --missing  # list what is not translated yet

`pyside6-lupdate` reads every `translate("Context", "text")` call in `ui/` and `app/gui.py` into
`ui/translations/tessera_<locale>.ts` (Qt Linguist's XML: one message per context and text,
kept with its translation; a message no longer in the code is marked vanished, not dropped,
so a translation made ahead of the code that needs it survives), then `pyside6-lrelease`
compiles each into the `.qm` file the app loads (`ui.i18n.install_translator`). A language is
available in the app as soon as its `.qm` file is there. Locations are left out of the `.ts`
files so that moving code does not rewrite them.

English, the source language, has a file of its own, `tessera_en.ts`, holding only the counted
messages (`lupdate -pluralonly`) with their singular and plural forms: "%n note(s)" reads
"1 note" and "2 notes". A form written "(s)" or "(es)" is filled in by rule; any other is
left unfinished for a person to write, and `--missing` lists it.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "ui" / "translations"
PREFIX = "tessera_"
SOURCE_FOLDERS = ("ui",)
SOURCE_FILES = ("app/gui.py",)


class TranslationToolError(RuntimeError):
    """A Qt translation tool is missing or failed (what it said is in the message)."""


def source_files(root: Path = ROOT) -> list[Path]:
    """Every Python file whose words the app shows: `ui/` and the GUI's entry point."""
    files = [path for folder in SOURCE_FOLDERS for path in sorted((root / folder).rglob("*.py"))]
    return files + [root / name for name in SOURCE_FILES]


def _tool(name: str) -> str:
    """The PySide6 tool `name`, beside this Python (a virtualenv's bin/) or on the PATH."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else name


def _run(command: list[str]) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    except FileNotFoundError as err:
        raise TranslationToolError(
            f"{command[0]} was not found: install PySide6 (it ships pyside6-lupdate and "
            "pyside6-lrelease) in this Python's environment"
        ) from err
    if done.returncode != 0:
        raise TranslationToolError(
            f"{Path(command[0]).name} failed with exit status {done.returncode}: "
            f"{(done.stderr or done.stdout).strip()}"
        )
    return done.stdout


def language_of(ts_path: Path) -> str:
    """'zh_CN' for tessera_zh_CN.ts."""
    return ts_path.stem.removeprefix(PREFIX)


def lupdate(sources: Sequence[Path], ts_path: Path, language: str | None = None) -> str:
    """Add the messages of `sources` to `ts_path` (made when missing), keeping translations;
    returns lupdate's summary."""
    target = language or language_of(ts_path)
    command = [_tool("pyside6-lupdate"), *map(str, sources), "-locations", "none"]
    return _run([*command, "-target-language", target, "-ts", str(ts_path)])


def lrelease(ts_path: Path, qm_path: Path | None = None) -> Path:
    """Compile `ts_path` into its `.qm` file (beside it unless `qm_path` is given)."""
    qm = qm_path or ts_path.with_suffix(".qm")
    _run([_tool("pyside6-lrelease"), "-silent", str(ts_path), "-qm", str(qm)])
    return qm


@dataclass(frozen=True)
class Message:
    """One message of a .ts file: where it is shown, its English text, and its translation."""

    context: str
    source: str
    comment: str
    state: str
    """'' (finished), 'unfinished', 'vanished' or 'obsolete' (Qt Linguist's type)."""
    forms: tuple[str, ...]
    """The translation: one text, or one per plural form for a `%n` message."""

    @property
    def key(self) -> tuple[str, str, str]:
        return self.context, self.source, self.comment

    @property
    def finished(self) -> bool:
        return self.state == "" and bool(self.forms) and all(self.forms)


def read_ts(ts_path: Path) -> dict[tuple[str, str, str], Message]:
    """The messages of a .ts file by (context, source, comment)."""
    messages: dict[tuple[str, str, str], Message] = {}
    for context in ET.parse(ts_path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for element in context.iter("message"):
            translation = element.find("translation")
            if translation is None:
                forms: tuple[str, ...] = ()
                state = "unfinished"
            else:
                numerus = translation.findall("numerusform")
                texts = [form.text or "" for form in numerus] if numerus else [translation.text]
                forms = tuple(text or "" for text in texts)
                state = translation.get("type", "")
            message = Message(
                name, element.findtext("source") or "", element.findtext("comment") or "",
                state, forms,
            )  # fmt: skip
            messages[message.key] = message
    return messages


def untranslated(ts_path: Path, sources: Sequence[Path], scratch: Path) -> list[Message]:
    """Every message of `sources` with no finished translation in `ts_path` (lupdate reads
    the sources into the scratch file `scratch`, so the shipped file is not touched)."""
    lupdate(sources, scratch, language_of(ts_path))
    shipped = read_ts(ts_path)
    found = read_ts(scratch)
    return [
        message for key, message in found.items() if key not in shipped or not shipped[key].finished
    ]


def update_all(root: Path = ROOT) -> list[Path]:
    """lupdate then lrelease every .ts in `ui/translations`; returns the .qm files."""
    compiled = []
    for ts_path in sorted((root / "ui" / "translations").glob(PREFIX + "*.ts")):
        if language_of(ts_path) == ENGLISH:
            continue  # only its plurals: `update_english`
        print(lupdate(source_files(root), ts_path).strip())
        compiled.append(lrelease(ts_path))
    return [*compiled, update_english(root)]


# --- English: the plural forms only -------------------------------------------------------

ENGLISH = "en"
PLURAL_MARKS = ("(s)", "(es)")
"""How the English source writes a counted word: "note(s)", "box(es)"."""


def english_ts(root: Path = ROOT) -> Path:
    """English's translation file: only the singular and plural forms of counted messages."""
    return root / "ui" / "translations" / f"{PREFIX}{ENGLISH}.ts"


def counted_messages(sources: Sequence[Path], scratch: Path) -> list[Message]:
    """Every message of `sources` that counts, read by lupdate into the scratch file `scratch`.

    A count is told by the `%n` in its text: PySide6's lupdate marks only `self.tr(text, None,
    n)` as numerus (so `-pluralonly` finds none of the `translate(context, text, None, n)` calls
    the app makes), and every counted call carries `%n` for the number."""
    lupdate(sources, scratch, ENGLISH)
    return [message for message in read_ts(scratch).values() if "%n" in message.source]


def english_forms(source: str) -> tuple[str, str] | None:
    """'%n take(s)' -> ('%n take', '%n takes'); None when the source marks no plural by rule
    ('%n passages flagged' needs a person to write its singular)."""
    if not any(mark in source for mark in PLURAL_MARKS):
        return None
    singular, plural = source, source
    for mark in PLURAL_MARKS:
        singular = singular.replace(mark, "")
        plural = plural.replace(mark, mark[1:-1])
    return singular, plural


def english_plurals(
    counted: Sequence[Message], shipped: dict[tuple[str, str, str], Message]
) -> list[Message]:
    """The English file's messages: each counted one with the forms written before (by hand or
    by rule), else the rule's, else unfinished; one no longer in the code stays, vanished, so
    forms written ahead of it are not lost."""
    messages = []
    for message in counted:
        before = shipped.get(message.key)
        forms: tuple[str, ...] | None = english_forms(message.source)
        if before is not None and len(before.forms) == 2 and all(before.forms):
            forms = before.forms
        state = "" if forms else "unfinished"
        messages.append(dataclasses.replace(message, state=state, forms=forms or ("", "")))
    keys = {message.key for message in counted}
    gone = [m for key, m in shipped.items() if key not in keys and len(m.forms) == 2]
    messages += [dataclasses.replace(m, state="vanished") for m in gone if all(m.forms)]
    return sorted(messages, key=lambda message: message.key)


def write_english_ts(ts_path: Path, messages: Sequence[Message]) -> None:
    """Write `messages` as Qt Linguist's XML, every one a numerus message of two forms."""
    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<!DOCTYPE TS>",
             f'<TS version="2.1" language="{ENGLISH}">']  # fmt: skip
    for context, group in itertools.groupby(messages, key=lambda message: message.context):
        lines += ["<context>", f"    <name>{escape(context)}</name>"]
        for message in group:
            lines += [
                '    <message numerus="yes">',
                f"        <source>{escape(message.source)}</source>",
            ]
            if message.comment:
                lines.append(f"        <comment>{escape(message.comment)}</comment>")
            state = f' type="{message.state}"' if message.state else ""
            lines.append(f"        <translation{state}>")
            lines += [
                f"            <numerusform>{escape(form)}</numerusform>" for form in message.forms
            ]
            lines += ["        </translation>", "    </message>"]
        lines.append("</context>")
    lines.append("</TS>")
    ts_path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def update_english(root: Path = ROOT) -> Path:
    """Refresh the English plural file from the sources, fill what the rule knows, compile it;
    returns the .qm file."""
    ts_path = english_ts(root)
    scratch = ts_path.with_name(f".scratch-{ts_path.name}")
    try:
        counted = counted_messages(source_files(root), scratch)
    finally:
        scratch.unlink(missing_ok=True)
    shipped = read_ts(ts_path) if ts_path.exists() else {}
    messages = english_plurals(counted, shipped)
    write_english_ts(ts_path, messages)
    waiting = sum(message.state == "unfinished" for message in messages)
    print(f"{ts_path.name}: {len(counted)} counted message(s), {waiting} waiting for their forms")
    return lrelease(ts_path)


def english_untranslated(ts_path: Path, sources: Sequence[Path], scratch: Path) -> list[Message]:
    """Every message of `sources` that counts with no finished singular and plural in the
    English `ts_path` (read through the scratch file `scratch`)."""
    shipped = read_ts(ts_path)
    return [
        message
        for message in counted_messages(sources, scratch)
        if message.key not in shipped
        or not shipped[message.key].finished
        or len(shipped[message.key].forms) != 2
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--add", metavar="LOCALE", help="start a translation (e.g. fr, zh_TW)")
    parser.add_argument(
        "--missing", action="store_true", help="list the messages not translated yet"
    )
    args = parser.parse_args(argv)
    try:
        if args.add:
            ts_path = TRANSLATIONS / f"{PREFIX}{args.add}.ts"
            print(lupdate(source_files(), ts_path, args.add).strip())
            print(f"now translate {ts_path.relative_to(ROOT)} (e.g. in pyside6-linguist), then run "
                  "this again to compile it")  # fmt: skip
            return 0
        if args.missing:
            missing = 0
            for ts_path in sorted(TRANSLATIONS.glob(PREFIX + "*.ts")):
                scratch = Path(ts_path.parent / f".scratch-{ts_path.name}")
                check = english_untranslated if language_of(ts_path) == ENGLISH else untranslated
                try:
                    for message in check(ts_path, source_files(), scratch):
                        print(f"{ts_path.name}: {message.context}: {message.source!r}")
                        missing += 1
                finally:
                    scratch.unlink(missing_ok=True)
            return 1 if missing else 0
        for qm in update_all():
            print(f"compiled {qm.relative_to(ROOT)}")
    except TranslationToolError as err:
        print(f"translations: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
