"""Open and save a Song by file name: MIDI files and Tessera project files.

The CLI and the UI both go through here, so a suffix means the same thing everywhere.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from engine.errors import TesseraError
from engine.project.midi.files import MIDI_SUFFIXES, export_midi, read_midi
from engine.project.project_file import load_project, save_project
from engine.song.edits import select
from engine.song.song import Song
from engine.words import QT_TRANSLATE_NOOP


class UnsupportedFileError(TesseraError):
    """A file name whose suffix is neither MIDI nor a Tessera project."""


def _kind(path: str | os.PathLike[str]) -> str:
    suffix = Path(path).suffix.lower()
    if suffix in MIDI_SUFFIXES:
        return "midi"
    if suffix == ".json":
        return "project"
    raise UnsupportedFileError(
        QT_TRANSLATE_NOOP(
            "SongFiles",
            "{name}: unknown file type {value!r}; use a MIDI file ({choices}) or a "
            "Tessera project (.json)",
        ).format(
            name=Path(path).name, value=suffix or "(no suffix)", choices=", ".join(MIDI_SUFFIXES)
        )
    )


def open_song(path: str | os.PathLike[str]) -> tuple[Song, list[str]]:
    """Read a MIDI file or a project; returns the Song and any import warnings."""
    if _kind(path) == "midi":
        imported = read_midi(path)
        return imported.song, imported.warnings
    return load_project(path), []


def save_song(
    song: Song,
    path: str | os.PathLike[str],
    track_indices: Sequence[int] | None = None,
    bars: tuple[int, int] | None = None,
) -> list[str]:
    """Write a Song (or a selection of tracks x bars) as MIDI or as a project, by suffix."""
    if _kind(path) == "midi":
        return export_midi(song, path, track_indices, bars)
    if track_indices is not None or bars is not None:
        song = select(song, track_indices, bars)
    save_project(song, path)
    return []
