"""Where a file dialog opens and which name it suggests.

Each kind of file (projects, MIDI export, audio export, audio import) remembers the folder it
was last read from or written to, in the window's QSettings, so a dialog opens where the
composer was working rather than where the app was started. A save dialog also suggests the
song's title as a file name that every system accepts, with the right suffix. The functions
here are plain (a settings object in, a path out), so tests check them without a dialog.
"""

from __future__ import annotations

import re
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

MAX_NAME_CHARS = 80
"""A suggested name is cut to this many characters (a title can be a whole sentence)."""
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]+')
"""Characters some system refuses in a file name (Windows is the strictest)."""
_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"{port}{i}" for port in ("com", "lpt") for i in range(10)),
}
"""Names Windows refuses whatever their suffix."""


class FileKind(Enum):
    """The kinds of file dialog, each with a folder of its own (the value is its settings key)."""

    PROJECT = "folders/projects"
    MIDI_EXPORT = "folders/midi-export"
    AUDIO_EXPORT = "folders/audio-export"
    AUDIO_IMPORT = "folders/audio-import"


_STANDARD = {
    FileKind.PROJECT: QStandardPaths.StandardLocation.DocumentsLocation,
    FileKind.MIDI_EXPORT: QStandardPaths.StandardLocation.DocumentsLocation,
    FileKind.AUDIO_EXPORT: QStandardPaths.StandardLocation.MusicLocation,
    FileKind.AUDIO_IMPORT: QStandardPaths.StandardLocation.MusicLocation,
}


def safe_file_name(title: str, fallback: str = "Untitled") -> str:
    """`title` as a file name without a suffix that every system accepts: characters a system
    refuses become a space, runs of spaces one, no dots or spaces at the ends, at most
    `MAX_NAME_CHARS` characters. Letters of any script stay ('悲伤的歌' is a fine name)."""
    name = " ".join(_UNSAFE.sub(" ", title).split())[:MAX_NAME_CHARS].strip(" .")
    if not name or name.lower() in _RESERVED:
        return fallback
    return name


def last_folder(settings: QSettings, kind: FileKind, beside: Path | None = None) -> Path:
    """The folder a dialog for `kind` opens in: the one last used for that kind when it still
    exists, else the folder of `beside` (the open project), else the system's Documents or
    Music folder, else home."""
    stored = settings.value(kind.value)
    candidates = [Path(str(stored))] if stored else []
    if beside is not None:
        candidates.append(beside.parent)
    standard = QStandardPaths.writableLocation(_STANDARD[kind])
    if standard:
        candidates.append(Path(standard))
    return next((folder for folder in candidates if folder.is_dir()), Path.home())


def remember_folder(settings: QSettings, kind: FileKind, path: str | Path) -> None:
    """Remember the folder of a file just chosen for `kind` (a folder chosen is kept itself)."""
    chosen = Path(path)
    folder = chosen if chosen.is_dir() else chosen.parent
    settings.setValue(kind.value, str(folder.resolve()))
    settings.sync()


def suggested_path(
    settings: QSettings,
    kind: FileKind,
    title: str | None = None,
    suffix: str = "",
    beside: Path | None = None,
) -> str:
    """The path a dialog for `kind` starts at: its last folder, with `title` made a safe file
    name and `suffix` added when a title is given (an open dialog passes none)."""
    folder = last_folder(settings, kind, beside)
    if title is None:
        return str(folder)
    return str(folder / (safe_file_name(title) + suffix))


def with_suffix(path: str, suffixes: tuple[str, ...], default: str) -> str:
    """`path` as typed in a save dialog: kept when it ends in one of `suffixes` (any case),
    else given `default` (the format the dialog's filter showed)."""
    if Path(path).suffix.lower() in suffixes:
        return path
    return path + default


def suffix_of_filter(selected: str, suffixes: tuple[str, ...], default: str) -> str:
    """The suffix a dialog's chosen filter stands for ('MP3 audio (*.mp3)' -> '.mp3'), or
    `default` when it names none of `suffixes`."""
    return next((s for s in suffixes if f"*{s})" in selected or f"*{s} " in selected), default)
