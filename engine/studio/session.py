"""The open project: its undo history, takes, file path, unsaved state and crash recovery.

A plain class the app keeps one of per window; the UI only shows it. It never loses the user's
work:

- saving is atomic and a failed save leaves the session dirty;
- a project is read and written under its lock (`engine.project.file_lock`), and a save over a
  file someone else changed since it was read here raises `FileChangedError` instead of
  silently overwriting it (`save(..., overwrite=True)` once the composer has agreed);
- `autosave` writes the current song (with its takes) to a recovery folder, and the session
  holds an OS lock on that copy while it lives, so `find_recoveries` (after a crash) never
  offers a copy another running window is still writing;
- a restored copy stays on disk, now this session's own, until the song is saved or autosaved
  again (a second crash right after restoring loses nothing); a declined one is discarded
  (`discard_recovery_copy`). A clean save or close removes the recovery copy.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from engine.atomic_write import write_atomically
from engine.compose.requests import Request, request_to_json
from engine.errors import TesseraError
from engine.project.file_lock import (
    FileChangedError,
    FileStamp,
    HeldFile,
    holding,
    is_held,
    lock_path,
    try_hold,
)
from engine.project.project_file import load_project_with_takes, save_project
from engine.project.song_files import open_song, save_song
from engine.song.song import Song
from engine.song.takes import Take, record, take_at
from engine.song.undo import History
from engine.sound.timbre_version import installed_version, made_elsewhere_warnings
from engine.studio.take_restore import Restored, restore_around_locks
from engine.words import QT_TRANSLATE_NOOP

HOLD_WAIT_S = 2.0
"""How long a session waits for its own recovery copy's lock (another window may be peeking)."""


class RecoveryError(TesseraError):
    """A recovery copy that cannot be read."""


@dataclass(frozen=True)
class Recovery:
    """An autosaved copy left behind by a session that did not close cleanly."""

    project_path: Path
    original_path: Path | None
    title: str
    saved_at: float
    original_stamp: FileStamp | None = None
    """The project file as the crashed session read it, to notice a change made since."""

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
        self._disk: FileStamp | None = None
        """`path` as this session last read or wrote it."""
        self._recovery_id = uuid.uuid4().hex[:12]
        self._recovery_hold: HeldFile | None = None

    # --- state ------------------------------------------------------------------------------

    @property
    def song(self) -> Song:
        return self.history.present

    @property
    def dirty(self) -> bool:
        """True when the song differs from what was last opened or saved."""
        return self._saved != self.song

    # --- files ------------------------------------------------------------------------------

    @contextlib.contextmanager
    def holding(
        self, paths: list[str | os.PathLike[str]], on_wait: Callable[[Path], None] | None = None
    ) -> Iterator[None]:
        """Hold the lock of each project in `paths` for a whole read-modify-write (a command
        line's open, change and save), so another program's command waits instead of losing
        its change or ours. `on_wait` hears of each one another program holds."""
        chosen = sorted({Path(p).resolve() for p in paths if Path(p).suffix.lower() == ".json"})
        with contextlib.ExitStack() as stack:
            for path in chosen:  # always in the same order, so two commands never deadlock
                told = (lambda p=path: on_wait(p)) if on_wait is not None else None
                stack.enter_context(holding(path, on_wait=told))
            yield

    def open(self, path: str | os.PathLike[str]) -> list[str]:
        """Open a project or MIDI file; returns import warnings (for a project, its generated
        timbres made by another timbre model). The old song stays on error."""
        path = Path(path)
        stamp = None
        if path.suffix.lower() == ".json":
            with holding(path):  # never read half of another program's read-modify-write
                song, takes = load_project_with_takes(path)
                stamp = FileStamp.of(path)
            warnings = made_elsewhere_warnings(song, installed_version())
        else:
            song, warnings = open_song(path)
            takes = ()
        self.discard_recovery()
        self.history = History(song)
        self.takes = takes
        # A MIDI file is not a project: saving asks for a project name instead of overwriting.
        self.path = path if path.suffix.lower() == ".json" else None
        self._saved = song if self.path else None
        self._disk = stamp
        self._recovery_id = uuid.uuid4().hex[:12]
        return warnings

    def new(self, song: Song) -> None:
        self.discard_recovery()
        self.history = History(song, present_label="New song")
        self.takes = ()
        self.path = None
        self._saved = None
        self._disk = None
        self._recovery_id = uuid.uuid4().hex[:12]

    def save(self, path: str | os.PathLike[str] | None = None, *, overwrite: bool = False) -> None:
        """Save the project (with its takes) to `path` or the current one.

        Raises `FileChangedError` when the file this session read was changed on disk since
        (another program saved it): saving would lose that change. `overwrite` saves anyway.
        """
        target = Path(path) if path is not None else self.path
        if target is None:
            raise TesseraError(
                QT_TRANSLATE_NOOP(
                    "StudioSession", "this song has no project file yet: choose where to save it"
                )
            )
        if target.suffix.lower() != ".json":
            raise TesseraError(
                QT_TRANSLATE_NOOP(
                    "StudioSession",
                    "{name} is not a project file: save projects as .json (use Export MIDI "
                    "for a .mid)",
                ).format(name=target.name)
            )
        with holding(target):
            if not overwrite:
                self._check_unchanged(target)
            save_project(self.song, target, self.takes)
            self._disk = FileStamp.of(target)
        self.path = target
        self._saved = self.song
        self.discard_recovery()

    def _check_unchanged(self, target: Path) -> None:
        """Refuse to write over the file this session read if someone changed it since."""
        if self.path is None or self._disk is None or not _same_file(target, self.path):
            return  # a new name: the composer chose to write there
        now = FileStamp.of(target)
        if now is not None and not now.same_content(self._disk):
            raise FileChangedError(target, self._disk, now)

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

    def restore_take(self, number: int) -> Restored:
        """Make take `number` current as one undo step, keeping every locked cell as it is
        (see `engine.studio.take_restore`); returns the cells kept."""
        take = take_at(self.takes, number)
        restored = restore_around_locks(self.song, take.song)
        self.apply_edit(restored.song, f"Restore take {number}")
        return restored

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
        if self._recovery_hold is None:  # held before the copy exists: never offered while we live
            self._recovery_hold = try_hold(self.recovery_path, wait_s=HOLD_WAIT_S)
            if self._recovery_hold is None:
                raise RecoveryError(
                    QT_TRANSLATE_NOOP(
                        "StudioSession",
                        "cannot lock the recovery copy {name}: another program holds it",
                    ).format(name=self.recovery_path.name)
                )
        save_project(self.song, self.recovery_path, self.takes)
        stamp = dataclasses.asdict(self._disk) if self._disk is not None else None
        meta = {
            "original_path": str(self.path) if self.path else None,
            "original_stamp": stamp,
            "saved_at": time.time(),
        }
        text = json.dumps(meta).encode("utf-8")
        write_atomically(self.recovery_path.with_suffix(".meta"), lambda f: f.write(text))
        return True

    def discard_recovery(self) -> None:
        """Remove this session's recovery copy (after a save, on close, on a new song)."""
        _remove_copy(self.recovery_path)
        if self._recovery_hold is not None:
            self._recovery_hold.release()
            self._recovery_hold = None

    def restore(self, recovery: Recovery) -> None:
        """Continue from a recovery copy: unsaved, with its takes and its original path.

        The copy becomes this session's own: it stays on disk (locked by this session) until
        the song is saved, or the next autosave writes over it."""
        hold = try_hold(recovery.project_path, wait_s=HOLD_WAIT_S)
        if hold is None:
            raise RecoveryError(
                QT_TRANSLATE_NOOP(
                    "StudioSession", "{describe} is open in another Tessera window"
                ).format(describe=recovery.describe())
            )
        try:
            song, takes = load_project_with_takes(recovery.project_path)
        except BaseException:
            hold.release()
            raise
        self.discard_recovery()
        self.history = History(song, present_label="Recovered song")
        self.takes = takes
        self.path = recovery.original_path
        self._saved = None
        self._disk = recovery.original_stamp
        self.recovery_dir = recovery.project_path.parent
        self._recovery_id = recovery.project_path.stem
        self._recovery_hold = hold


def _same_file(a: Path, b: Path) -> bool:
    return a.resolve() == b.resolve()


def _remove_copy(project: Path) -> None:
    """Delete a recovery copy, its description and its lock file (the lock is ours)."""
    for path in (project, project.with_suffix(".meta"), lock_path(project)):
        path.unlink(missing_ok=True)


def discard_recovery_copy(recovery: Recovery) -> bool:
    """Delete a recovery copy the composer declined; False when another window holds it."""
    hold = try_hold(recovery.project_path)
    if hold is None:
        return False
    try:
        _remove_copy(recovery.project_path)
    finally:
        hold.release()
    return True


def _recovery_at(project: Path) -> Recovery:
    """The recovery copy `project` as described by its .meta file (raises if unreadable)."""
    meta = json.loads(project.with_suffix(".meta").read_text("utf-8"))
    song, _ = load_project_with_takes(project)
    stamp = meta.get("original_stamp")
    original = meta.get("original_path")
    return Recovery(
        project,
        Path(original) if original else None,
        song.title,
        float(meta["saved_at"]),
        FileStamp(**stamp) if stamp else None,
    )


def find_recoveries(recovery_dir: Path) -> list[Recovery]:
    """Recovery copies left in the folder by sessions that are gone, newest first; copies a
    running session holds, and unreadable ones, are skipped."""
    found: list[Recovery] = []
    for project in sorted(recovery_dir.glob("*.json")):
        if is_held(project):
            continue
        try:
            found.append(_recovery_at(project))
        except (OSError, ValueError, TypeError, KeyError, TesseraError):
            continue
    return sorted(found, key=lambda r: r.saved_at, reverse=True)
