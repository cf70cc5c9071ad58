"""Qt Multimedia as Tessera's video backend (`engine.video.backend`), there on every install.

PySide6's add-ons carry Qt Multimedia with an FFmpeg built LGPL-only (no GPL encoder), so a
plain install can read and write video. Reading is `ui.video.qt_playback` (a `QMediaPlayer`
decoding into a queue, its Qt objects kept on the application's thread, so a job thread may
read), frames become pictures in `ui.video.qt_frames`, and writing is `ui.video.qt_export`.

Qt needs an application object: `ensure_application` makes a `QCoreApplication` for the
command line when none exists (no window system needed).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import QCoreApplication
from PySide6.QtMultimedia import QMediaMetaData

from engine.video.backend import VideoBackend
from engine.video.probe import VideoError, VideoInfo, unreadable
from engine.words import QT_TRANSLATE_NOOP
from ui.video.qt_frames import QtFrame
from ui.video.qt_playback import Playback

_app: QCoreApplication | None = None


def ensure_application() -> None:
    """A QCoreApplication when none exists (the command line; no window system needed)."""
    global _app  # noqa: PLW0603 - the one application object must outlive every call
    if QCoreApplication.instance() is None:
        _app = QCoreApplication(["tessera-cli"])


def decoded_frames(path: Path) -> Iterator[QtFrame]:
    """Every frame of the video at `path`, in order, decoded by Qt Multimedia."""
    ensure_application()
    playback = Playback(path)
    count = 0
    try:
        playback.loaded()
        playback.start()
        while (frame := playback.take()) is not None:
            count += 1
            yield frame
        if not count:
            why = playback.error or "no frame could be decoded"
            raise unreadable(path, f"its picture cannot be decoded ({why})")
    finally:
        playback.close()


def probe_with_qt(path: Path) -> VideoInfo:
    """The video's facts as Qt Multimedia reads them from its headers."""
    ensure_application()
    playback = Playback(path)
    try:
        playback.loaded()
        return playback.qt.call(lambda: _facts(playback))
    finally:
        playback.close()


def _facts(playback: Playback) -> VideoInfo:
    """What a loaded player knows of its file (asked on the application's thread)."""
    path, player = playback.path, playback.player
    duration_s = player.duration() / 1000.0
    if duration_s <= 0:
        why = QT_TRANSLATE_NOOP("VideoProbe", "its length is unknown or zero (is it cut short?)")
        raise unreadable(path, why)
    meta = player.metaData()
    size = meta.value(QMediaMetaData.Key.Resolution)
    rate = meta.value(QMediaMetaData.Key.VideoFrameRate)
    fps = float(rate) if isinstance(rate, (int, float)) and rate > 0 else 25.0
    width, height = (size.width(), size.height()) if size is not None else (0, 0)
    codec = meta.stringValue(QMediaMetaData.Key.VideoCodec) or "unknown"
    has_audio = bool(player.audioTracks()) or player.hasAudio()
    return VideoInfo(path, duration_s, fps, width, height, has_audio, codec.lower())


class QtMediaBackend:
    """Reads with Qt Multimedia and writes the scored copy with its recorder (the picture
    re-encoded as MPEG-4 at a very high quality, the sound as AAC)."""

    name = "qt"
    copies_picture = False

    def probe(self, path: Path) -> VideoInfo:
        return probe_with_qt(path)

    def frames(self, path: Path) -> Iterator[QtFrame]:
        return decoded_frames(path)

    def output_path(self, target: Path) -> Path:
        from ui.video.qt_export import output_path

        return output_path(target)

    def audio_rate(self, target: Path) -> int:
        from ui.video.qt_export import AUDIO_RATE

        return AUDIO_RATE

    def write(
        self, source: Path, partial: Path, audio: npt.NDArray[np.float32], duration_s: float
    ) -> None:
        from ui.video.qt_export import record_copy

        record_copy(source, partial, audio, duration_s)


def backend_named(name: str = "auto") -> VideoBackend:
    """'qt', 'pyav', or 'auto': PyAV when it is installed (its copy keeps the picture
    untouched), Qt Multimedia otherwise."""
    from engine.video import pyav
    from engine.video.pyav_backend import PyAVBackend

    if name == "pyav" or (name == "auto" and pyav.available()):
        if not pyav.available():
            raise pyav.VideoSupportMissingError(pyav.INSTALL_HINT)
        return PyAVBackend()
    if name in ("qt", "auto"):
        return QtMediaBackend()
    raise VideoError(
        QT_TRANSLATE_NOOP(
            "VideoBackend", "unknown video backend {name}: choose auto, qt or pyav"
        ).format(name=repr(name))
    )
