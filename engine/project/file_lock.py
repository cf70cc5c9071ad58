"""Locks that keep two programs from writing one project at once, and stamps that notice when
a file changed on disk since it was read.

Why. Two `tessera-cli` commands on one project each read the file, change their copy and write
it back: without a lock the second write silently drops the first command's change. And a window
that opened a project a while ago must not overwrite a change another program saved since.

- `holding(path)`: an exclusive OS lock (`filelock`, flock on Unix) on a hidden sidecar file
  next to the project (`.song.json.lock`), for a whole read-modify-write. The OS drops it when
  the process dies, even on kill -9, so a crash never leaves a project locked. Holds nest within
  one process (the command holds the lock and its save takes it again).
- `try_hold(path)` / `is_held(path)`: a long-lived hold (a window's recovery copy) and the
  question another instance asks before offering that copy.
- `FileStamp`: a file's size, mtime and content hash, kept when it is read or written, so a
  save can tell whether someone else wrote it meanwhile.

The locks keep processes apart; inside one process the document belongs to one thread.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout

from engine.errors import TesseraError
from engine.words import QT_TRANSLATE_NOOP

WAIT_S = 600.0
"""How long a command waits for another one to finish with a project before giving up."""


class FileBusyError(TesseraError):
    """Another program kept a project locked for longer than we would wait."""


class FileChangedError(TesseraError):
    """The file changed on disk since it was read: saving would overwrite someone's work."""

    def __init__(self, path: Path, read: FileStamp, now: FileStamp) -> None:
        self.path = path
        super().__init__(
            QT_TRANSLATE_NOOP(
                "FileLock",
                "{name} was changed by another program since it was opened here ({change}); "
                "saving now would overwrite that change. Reopen it to build on that change, "
                "or save this version under another name",
            ).format(name=path.name, change=describe_change(read, now))
        )


def lock_path(path: str | os.PathLike[str]) -> Path:
    """The sidecar lock file for `path`: hidden, in the same folder (`.song.json.lock`)."""
    target = Path(path)
    return target.with_name(f".{target.name}.lock")


_registry_guard = threading.Lock()


def _lock_for(path: str | os.PathLike[str]) -> FileLock:
    """This process's one lock object for `path`, so holds nest instead of deadlocking."""
    sidecar = lock_path(Path(path).resolve())
    with _registry_guard:
        return FileLock(sidecar, thread_local=False, is_singleton=True)


@contextlib.contextmanager
def holding(
    path: str | os.PathLike[str],
    *,
    wait_s: float = WAIT_S,
    on_wait: Callable[[], None] | None = None,
) -> Iterator[None]:
    """Hold `path`'s lock for the block; `on_wait` is told once if another program holds it.

    Where no lock file can be made (a read-only or missing folder) the block runs unlocked:
    nobody can write a project there either, and reading it or failing to must still work
    and say why in its own words."""
    lock = _lock_for(path)
    locked = False
    if Path(path).resolve().parent.is_dir():  # never make a folder just to hold a lock in it
        try:
            _acquire(lock, path, wait_s, on_wait)
            locked = True
        except OSError:
            pass
    try:
        yield
    finally:
        if locked:
            _forget_if_nothing_written(path)
            lock.release()


def _forget_if_nothing_written(path: str | os.PathLike[str]) -> None:
    """Remove the sidecar while still holding it when the block left no file to guard (a
    command that failed, or read a name that does not exist), so a mistyped name leaves no
    hidden file behind. A program waiting on the removed sidecar then works on a file that
    does not exist either: it creates a whole new one or fails, and no change is merged away."""
    if not Path(path).exists():
        with contextlib.suppress(OSError):
            lock_path(Path(path).resolve()).unlink()


def _acquire(
    lock: FileLock, path: str | os.PathLike[str], wait_s: float, on_wait: Callable[[], None] | None
) -> None:
    try:
        lock.acquire(timeout=0)
    except Timeout:
        if on_wait is not None:
            on_wait()
        try:
            lock.acquire(timeout=wait_s)
        except Timeout as err:
            raise FileBusyError(
                QT_TRANSLATE_NOOP(
                    "FileLock",
                    "{name} is still being written by another program after {wait_s:g} s "
                    "(its lock is {lock}); try again when it is done",
                ).format(name=Path(path).name, wait_s=wait_s, lock=lock_path(path).name)
            ) from err


@dataclass
class HeldFile:
    """A long-lived hold on one file's lock (see `try_hold`)."""

    path: Path
    _lock: FileLock

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release()


def try_hold(path: str | os.PathLike[str], wait_s: float = 0.0) -> HeldFile | None:
    """Hold `path`'s lock until `release` (or the process ends); None when another program
    holds it for longer than `wait_s`, or this process holds it already."""
    lock = _lock_for(path)
    if lock.is_locked:
        return None
    try:
        lock.acquire(timeout=wait_s)
    except Timeout:
        return None
    return HeldFile(Path(path), lock)


def is_held(path: str | os.PathLike[str]) -> bool:
    """Whether a live process (this one included) holds `path`'s lock; False where no lock
    file can be made (nobody can hold one there)."""
    try:
        held = try_hold(path)
    except OSError:
        return False
    if held is None:
        return True
    held.release()
    return False


@dataclass(frozen=True)
class FileStamp:
    """What a file was when read or written: size, modification time (ns) and SHA-256."""

    size: int
    mtime_ns: int
    sha256: str

    @classmethod
    def of(cls, path: str | os.PathLike[str]) -> FileStamp | None:
        """The file's stamp now, or None when there is no such regular file (a pipe or a device
        put in its place is not read: opened without blocking, never hashed)."""
        try:
            descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        except FileNotFoundError:
            return None
        with open(descriptor, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                return None
            digest = hashlib.file_digest(handle, "sha256").hexdigest()
        return cls(info.st_size, info.st_mtime_ns, digest)

    def same_content(self, other: FileStamp) -> bool:
        """True when both stamps are of the same bytes (a touched but unchanged file is)."""
        return (self.size, self.sha256) == (other.size, other.sha256)


def describe_change(read: FileStamp, now: FileStamp) -> str:
    """'12,345 bytes then, 12,400 now' or 'same size, different content'."""
    if read.size != now.size:
        return f"{read.size:,} bytes when opened, {now.size:,} now"
    return "same size, different content"


__all__ = [
    "FileBusyError",
    "FileChangedError",
    "FileStamp",
    "HeldFile",
    "describe_change",
    "holding",
    "is_held",
    "lock_path",
    "try_hold",
]
