"""The open project: its undo history, takes, file path, unsaved state and crash recovery.

A plain class the app keeps one of per window; the UI only shows it. It never loses the user's
work: saving is atomic, a failed save leaves the session dirty, and `autosave` writes the
current song (with its takes) to a recovery folder that `find_recoveries` lists after a crash.
A clean save or close removes the recovery copy.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from engine.compose.requests import Request, request_to_json
from engine.errors import TesseraError
from engine.project.atomic_write import write_atomically
from engine.project.project_file import load_project_with_takes, save_project
from engine.project.song_files import open_song, save_song
from engine.song.song import Song
from engine.song.takes import Take, record, take_at
from engine.song.undo import History


class RecoveryError(TesseraError):
    """A recovery copy that cannot be read."""


@dataclass(frozen=True)
class Recovery:
    """An autosaved copy left behind by a session that did not close cleanly."""

    project_path: Path
    original_path: Path | None
    title: str
    saved_at: float

    def describe(self) -> str:
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(self.saved_at))
        where = self.original_path.name if self.original_path else "an unsaved song"
        return f"'{self.title}' ({where}), autosaved {when}"


class ProjectSession:
    """One open song with its history; `recovery_dir` is where autosaves go."""

    def __init__(self, recovery_dir: Path, song: Song | None = None) -> None:
        self.recovery_dir = recovery_dir
        self.history = History(song or Song())
        self.takes: tuple[Take, ...] = ()
        self.path: Path | None = None
        self._saved: Song | None = self.history.present
        self._recovery_id = uuid.uuid4().hex[:12]

    # --- state ------------------------------------------------------------------------------

    @property
    def song(self) -> Song:
        return self.history.present

    @property
    def dirty(self) -> bool:
        """True when the song differs from what was last opened or saved."""
        return self._saved != self.song

    # --- files ------------------------------------------------------------------------------

    def open(self, path: str | os.PathLike[str]) -> list[str]:
        """Open a project or MIDI file; returns import warnings. The old song stays on error."""
        path = Path(path)
        if path.suffix.lower() == ".json":
            song, takes = load_project_with_takes(path)
            warnings: list[str] = []
        else:
            song, warnings = open_song(path)
            takes = ()
        self.discard_recovery()
        self.history = History(song)
        self.takes = takes
        # A MIDI file is not a project: saving asks for a project name instead of overwriting.
        self.path = path if path.suffix.lower() == ".json" else None
        self._saved = song if self.path else None
        self._recovery_id = uuid.uuid4().hex[:12]
        return warnings

    def new(self, song: Song) -> None:
        self.discard_recovery()
        self.history = History(song, present_label="New song")
        self.takes = ()
        self.path = None
        self._saved = None
        self._recovery_id = uuid.uuid4().hex[:12]

    def save(self, path: str | os.PathLike[str] | None = None) -> None:
        """Save the project (with its takes) to `path` or the current one."""
        target = Path(path) if path is not None else self.path
        if target is None:
            raise TesseraError("this song has no project file yet: choose where to save it")
        if target.suffix.lower() != ".json":
            raise TesseraError(
                f"{target.name} is not a project file: save projects as .json "
                "(use Export MIDI for a .mid)"
            )
        save_project(self.song, target, self.takes)
        self.path = target
        self._saved = self.song
        self.discard_recovery()

    def export(
        self,
        path: str | os.PathLike[str],
        tracks: list[int] | None = None,
        bars: tuple[int, int] | None = None,
    ) -> list[str]:
        """Write the song or a selection as MIDI (or a project), without changing the session."""
        return save_song(self.song, path, tracks, bars)

    # --- edits ------------------------------------------------------------------------------

    def apply_edit(self, song: Song, label: str) -> None:
        """Make an edited Song current, as one undo step."""
        self.history = self.history.push(song, label)

    def commit_operation(self, request: Request, seed: int, result: Song, label: str) -> None:
        """Record a finished composing operation as a take and an undo step."""
        take = Take(request.operation, request_to_json(request), seed, result)
        self.takes = record(self.takes, take)
        self.apply_edit(result, label)

    def restore_take(self, number: int) -> None:
        take = take_at(self.takes, number)
        self.apply_edit(take.song, f"Restore take {number}")

    def undo(self) -> None:
        self.history = self.history.undo()

    def redo(self) -> None:
        self.history = self.history.redo()

    # --- crash recovery ---------------------------------------------------------------------

    @property
    def recovery_path(self) -> Path:
        return self.recovery_dir / f"{self._recovery_id}.json"

    def autosave(self) -> bool:
        """Write a recovery copy when there are unsaved changes; True if one was written."""
        if not self.dirty:
            return False
        self.recovery_dir.mkdir(parents=True, exist_ok=True)
        save_project(self.song, self.recovery_path, self.takes)
        meta = {"original_path": str(self.path) if self.path else None, "saved_at": time.time()}
        text = json.dumps(meta).encode("utf-8")
        write_atomically(self.recovery_path.with_suffix(".meta"), lambda f: f.write(text))
        return True

    def discard_recovery(self) -> None:
        for path in (self.recovery_path, self.recovery_path.with_suffix(".meta")):
            path.unlink(missing_ok=True)

    def restore(self, recovery: Recovery) -> None:
        """Continue from a recovery copy: unsaved, with its takes and its original path."""
        song, takes = load_project_with_takes(recovery.project_path)
        self.history = History(song, present_label="Recovered song")
        self.takes = takes
        self.path = recovery.original_path
        self._saved = None
        for path in (recovery.project_path, recovery.project_path.with_suffix(".meta")):
            path.unlink(missing_ok=True)


def find_recoveries(recovery_dir: Path) -> list[Recovery]:
    """Recovery copies left in the folder, newest first; unreadable ones are skipped."""
    found: list[Recovery] = []
    for project in sorted(recovery_dir.glob("*.json")):
        try:
            meta = json.loads(project.with_suffix(".meta").read_text("utf-8"))
            song, _ = load_project_with_takes(project)
        except (OSError, ValueError, TesseraError):
            continue
        original = meta.get("original_path")
        found.append(
            Recovery(project, Path(original) if original else None, song.title, meta["saved_at"])
        )
    return sorted(found, key=lambda r: r.saved_at, reverse=True)
