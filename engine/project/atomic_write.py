"""Write a file so that a crash leaves either the old file or the new one, never half of one."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO


def write_atomically(path: str | os.PathLike[str], write: Callable[[IO[bytes]], object]) -> None:
    """Call `write` on a temporary file beside `path`, flush it to disk, then rename it over `path`.

    The temporary file sits in the same folder so the rename is atomic on every platform; if
    `write` raises, the temporary file is removed and `path` is untouched.
    """
    target = Path(path)
    # Not a `with` block: the file must outlive the handle so it can be renamed into place.
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115
        mode="wb", dir=target.parent, prefix=f".{target.name}.", suffix=".tmp", delete=False
    )
    try:
        with handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(handle.name)
        raise
