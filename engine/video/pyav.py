"""PyAV, imported when a video is first touched, so Tessera runs without it.

PyAV's wheels carry their own FFmpeg, which is why no system FFmpeg is needed; but every wheel
published so far also carries the x264 and x265 encoders (GPL-2.0), linked into its libavcodec.
Tessera never calls them (it copies the picture when muxing, encodes sound with FFmpeg's own AAC
or Opus, and makes its test videos with mpeg4 or VP8/VP9), yet installing the wheel ships them.
So PyAV is an optional extra (`video`) that the app does not install by default: Qt Multimedia
reads and writes video on a plain install (`ui.video.qt_media`), and PyAV, when it is there,
is the lossless backend (`engine.video.pyav_backend`). Its modules name it through the
stand-in below: until PyAV is used nothing is imported, and asking for it without it installed
is one clear error that says how to add it.
"""

from __future__ import annotations

import importlib
import importlib.util
from types import ModuleType
from typing import TYPE_CHECKING, Any

from engine.errors import TesseraError

INSTALL_HINT = (
    "the lossless video backend needs PyAV, which is not installed: it is an optional extra "
    "because its wheel bundles GPL-licensed encoders. To add it, run "
    "`.venv/bin/pip install -e '.[video]'` in the Tessera folder, or use the Qt Multimedia "
    "backend (--video-backend qt), which re-encodes the picture"
)


class VideoSupportMissingError(TesseraError):
    """PyAV is not installed, so videos cannot be read or written."""


class _LazyPyAV:
    """Stands in for the `av` module: the first attribute asked for imports it."""

    _module: ModuleType | None = None

    def __getattr__(self, name: str) -> Any:
        module = type(self)._module
        if module is None:
            try:
                module = importlib.import_module("av")
                for part in ("container", "audio.stream", "video.stream"):
                    importlib.import_module(f"av.{part}")
            except ImportError as err:
                raise VideoSupportMissingError(INSTALL_HINT) from err
            type(self)._module = module
        return getattr(module, name)


def available() -> bool:
    """Whether PyAV is installed (and not blocked from import); without it the app reads and
    writes video with Qt Multimedia instead."""
    try:
        return importlib.util.find_spec("av") is not None
    except (ImportError, ValueError):
        return False


__all__ = ["INSTALL_HINT", "VideoSupportMissingError", "av", "available"]

if TYPE_CHECKING:
    import av
    import av.audio.stream
    import av.container
    import av.video.stream
else:
    av = _LazyPyAV()
