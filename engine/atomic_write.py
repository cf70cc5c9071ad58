"""Write a file so that a crash leaves either the old file or the new one, never half of one.

The new bytes go to a hidden temporary file beside the target (`.{name}.{pid}.{random}.tmp`),
are flushed to the disk, then renamed over the target, and on POSIX the folder is flushed too so
the rename itself survives a power cut. Saving keeps what the user set up around the file:

- through a symbolic link, the link's target is written and the link stays a link;
- an existing file keeps its permission bits; a new one gets the usual mode for the user's umask
  (the temporary file is created with 0o666 and the system applies the umask, as for any file);
- a temporary file left by a save that was killed is removed by the next save of the same file,
  but only once it is stale: its writer (the process id in its name) is gone, or it is older than
  `STALE_AFTER_S` (for names without a process id, or a writer on another machine sharing the
  folder), so a second writer's live temporary file is never deleted under it.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO

STALE_AFTER_S = 60.0
"""A temporary file untouched this long belongs to no running save (a save writes steadily and
takes seconds even for the largest project)."""
_TEMP_MIDDLE = re.compile(r"(?:(?P<pid>\d+)\.[0-9a-f]{8}|[a-z0-9_]{8})")
"""The middle of a temporary file's name: `{pid}.{8 hex}` as written here, or the 8 characters
that earlier versions (Python's `tempfile`) used."""


def write_atomically(path: str | os.PathLike[str], write: Callable[[IO[bytes]], object]) -> None:
    """Call `write` on a temporary file beside `path`, flush it to disk, then rename it over `path`.

    The temporary file sits in the same folder as the file finally written (the link's target,
    for a link) so the rename is atomic on every platform; if `write` raises, the temporary file
    is removed and `path` is untouched.
    """
    target = Path(os.path.realpath(path))
    mode = _mode_to_keep(target)
    remove_stale_temporaries(target)
    temporary = target.parent / f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    handle = os.open(temporary, flags, 0o666)
    try:
        with os.fdopen(handle, "wb") as file:
            write(file)
            file.flush()
            if mode is not None and hasattr(os, "fchmod"):
                os.fchmod(file.fileno(), mode)
            os.fsync(file.fileno())
        if mode is not None and not hasattr(os, "fchmod"):
            os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    _sync_folder(target.parent)


def _mode_to_keep(target: Path) -> int | None:
    """The permission bits of the file being replaced, or None for a new file."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        return None


def _sync_folder(folder: Path) -> None:
    """Flush the folder's entry list, so the rename is on disk and not only in memory (POSIX)."""
    if os.name != "posix":
        return  # Windows makes a rename durable with the file; folders cannot be opened
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        # The new file is already in place: a file system that cannot flush a folder (some
        # network ones refuse) must not turn a finished save into an error.
        with contextlib.suppress(OSError):
            os.fsync(descriptor)
    finally:
        os.close(descriptor)


def remove_stale_temporaries(target: Path) -> list[Path]:
    """Delete the stale temporary files of earlier saves of `target`; returns those deleted."""
    prefix, suffix = f".{target.name}.", ".tmp"
    removed = []
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return []  # the save itself will report the folder's problem
    for entry in entries:
        name = entry.name
        if not (name.startswith(prefix) and name.endswith(suffix)):
            continue
        middle = _TEMP_MIDDLE.fullmatch(name[len(prefix) : -len(suffix)])
        if middle is None or not _is_stale(entry, middle["pid"]):
            continue
        with contextlib.suppress(OSError):  # another save may have just removed it
            os.unlink(entry.path)
            removed.append(Path(entry.path))
    return removed


def _is_stale(entry: os.DirEntry[str], pid: str | None) -> bool:
    try:
        info = entry.stat(follow_symlinks=False)
    except OSError:
        return False
    if not stat.S_ISREG(info.st_mode):
        return False
    if time.time() - info.st_mtime > STALE_AFTER_S:
        return True
    return pid is not None and not _process_exists(int(pid))


def _process_exists(pid: int) -> bool:
    """Whether a process with this id runs on this machine (True when it cannot be told)."""
    if os.name != "posix" or pid <= 0:
        return True  # on Windows signal 0 would interrupt the process: rely on age alone
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True
