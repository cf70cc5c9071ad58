"""Qt Multimedia as Tessera's video backend (`engine.video.backend`), there on every install.

PySide6's add-ons carry Qt Multimedia with an FFmpeg built LGPL-only (no GPL encoder), so a
plain install can read and write video. Reading: a `QMediaPlayer` plays the file into a
`QVideoSink` at `DECODE_RATE` times real time with no audio output; frames arrive in order as
queued signals, the player pauses while `QUEUE_HIGH` wait, and `frames` hands them out one by
one while it runs a local event loop, so it works on a job thread as well as the UI thread.
A frame is converted only when asked, straight from its YUV planes with numpy (block means,
so no full-size RGB picture is ever made). Writing is `ui.video.qt_export`.

Qt needs an application object: `ensure_application` makes a `QCoreApplication` for the
command line when none exists (no window system needed).
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer, QUrl
from PySide6.QtGui import QImage
from PySide6.QtMultimedia import QMediaMetaData, QMediaPlayer, QVideoFrame, QVideoSink

from engine.video.backend import VideoBackend
from engine.video.probe import VideoError, VideoInfo, unreadable
from engine.words import QT_TRANSLATE_NOOP

DECODE_RATE = 256.0
"""How many times real time the player is asked to run; decoding is the limit in practice."""
QUEUE_HIGH, QUEUE_LOW = 24, 4
STALL_S = 30.0
"""No frame and no news for this long means the decoder is stuck: a VideoError, not a hang."""
_app: QCoreApplication | None = None
Status = QMediaPlayer.MediaStatus


def ensure_application() -> None:
    """A QCoreApplication when none exists (the command line; no window system needed)."""
    global _app  # noqa: PLW0603 - the one application object must outlive every call
    if QCoreApplication.instance() is None:
        _app = QCoreApplication(["tessera-cli"])


class QtFrame:
    """A decoded QVideoFrame, converted to RGB only when asked."""

    def __init__(self, frame: QVideoFrame) -> None:
        self.frame = frame
        start = frame.startTime()
        self.time_s = start / 1e6 if start >= 0 else None

    def rgb(self, width: int, height: int) -> npt.NDArray[np.uint8]:
        small = _small_yuv(self.frame, height, width)
        if small is None:
            return _rgb_from_image(self.frame.toImage(), width, height)
        return _yuv_to_rgb(*small)


class _Playback:
    """One player decoding one file into a queue (see the module's notes)."""

    def __init__(self, path: Path) -> None:
        ensure_application()
        self.path = path
        self.queue: deque[QtFrame] = deque()
        self.error = ""
        self.status = Status.NoMedia
        self.news = time.monotonic()
        self.player = QMediaPlayer()
        self.sink = QVideoSink()
        self.player.setVideoSink(self.sink)
        self.sink.videoFrameChanged.connect(self._frame)
        self.player.mediaStatusChanged.connect(self._status)
        self.player.errorOccurred.connect(self._error)
        self.loop = QEventLoop()
        self.waker = QTimer()
        self.waker.setInterval(200)
        self.waker.timeout.connect(lambda: None)
        self.waker.start()
        self.player.setSource(QUrl.fromLocalFile(str(path.absolute())))

    @property
    def ended(self) -> bool:
        return bool(self.error) or self.status in (Status.EndOfMedia, Status.InvalidMedia)

    def wait(self, done: object) -> None:
        """Run Qt's events until `done()` is true; a VideoError when nothing happens for
        `STALL_S`."""
        assert callable(done)
        while not done():
            self.loop.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
            if time.monotonic() - self.news > STALL_S:
                raise unreadable(self.path, f"its decoder stopped for {STALL_S:.0f} s")

    def loaded(self) -> None:
        """Wait until the file is open; a VideoError when it cannot be."""
        self.wait(lambda: self.ended or self.status in _LOADED)
        if self.error or self.status == Status.InvalidMedia:
            raise unreadable(
                self.path, f"it is not a video Qt can play ({self.error or 'invalid'})"
            )
        if not self.player.hasVideo():
            raise unreadable(
                self.path, QT_TRANSLATE_NOOP("VideoProbe", "it holds no picture (no video stream)")
            )

    def start(self) -> None:
        self.player.setPlaybackRate(DECODE_RATE)
        self.player.play()

    def take(self) -> QtFrame | None:
        """The next frame, or None at the end."""
        self.wait(lambda: self.queue or self.ended)
        if not self.queue:
            return None
        if len(self.queue) <= QUEUE_LOW and not self.ended and not self._playing():
            self.player.play()
        return self.queue.popleft()

    def close(self) -> None:
        """Stop and let go of the file; the Qt objects go with this object (a job thread runs
        no event loop afterwards, so nothing is left to `deleteLater`)."""
        self.waker.stop()
        self.sink.videoFrameChanged.disconnect(self._frame)
        self.player.stop()
        self.player.setSource(QUrl())
        self.queue.clear()

    def _playing(self) -> bool:
        return self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState

    def _frame(self, frame: QVideoFrame) -> None:
        self.news = time.monotonic()
        if frame.isValid():
            self.queue.append(QtFrame(QVideoFrame(frame)))
            if len(self.queue) >= QUEUE_HIGH and self._playing():
                self.player.pause()

    def _status(self, status: QMediaPlayer.MediaStatus) -> None:
        self.news = time.monotonic()
        self.status = status

    def _error(self, _error: QMediaPlayer.Error, text: str) -> None:
        self.news = time.monotonic()
        self.error = text or "unknown error"


_LOADED = (Status.LoadedMedia, Status.BufferedMedia, Status.BufferingMedia)


def decoded_frames(path: Path) -> Iterator[QtFrame]:
    """Every frame of the video at `path`, in order, decoded by Qt Multimedia."""
    playback = _Playback(path)
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
    playback = _Playback(path)
    try:
        playback.loaded()
        meta = playback.player.metaData()
        duration_s = playback.player.duration() / 1000.0
        if duration_s <= 0:
            raise unreadable(
                path,
                QT_TRANSLATE_NOOP("VideoProbe", "its length is unknown or zero (is it cut short?)"),
            )
        size = meta.value(QMediaMetaData.Key.Resolution)
        rate = meta.value(QMediaMetaData.Key.VideoFrameRate)
        fps = float(rate) if isinstance(rate, (int, float)) and rate > 0 else 25.0
        width, height = (size.width(), size.height()) if size is not None else (0, 0)
        codec = meta.stringValue(QMediaMetaData.Key.VideoCodec) or "unknown"
        has_audio = bool(playback.player.audioTracks()) or playback.player.hasAudio()
        return VideoInfo(path, duration_s, fps, width, height, has_audio, codec.lower())
    finally:
        playback.close()


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


Planes = tuple[npt.NDArray[np.float32], npt.NDArray[np.float32], npt.NDArray[np.float32]]


def _small_yuv(frame: QVideoFrame, rows: int, columns: int) -> Planes | None:
    """The Y, U and V planes of a planar or NV12 frame, each shrunk to rows x columns while
    the frame is mapped (nothing full-size is copied); None for other layouts."""
    kind = frame.pixelFormat().name
    if kind not in ("Format_YUV420P", "Format_YUV422P", "Format_NV12"):
        return None
    if not frame.map(QVideoFrame.MapMode.ReadOnly):
        return None
    try:
        width, height = frame.width(), frame.height()
        chroma_h = height if kind == "Format_YUV422P" else (height + 1) // 2
        chroma_w = (width + 1) // 2
        luma = _shrink(_plane(frame, 0, height, width), rows, columns)
        if kind == "Format_NV12":
            both = _plane(frame, 1, chroma_h, 2 * chroma_w)
            blue, red = both[:, 0::2], both[:, 1::2]
        else:
            blue, red = _plane(frame, 1, chroma_h, chroma_w), _plane(frame, 2, chroma_h, chroma_w)
        return luma, _shrink(blue, rows, columns), _shrink(red, rows, columns)
    finally:
        frame.unmap()


def _plane(frame: QVideoFrame, index: int, rows: int, columns: int) -> npt.NDArray[np.uint8]:
    stride = frame.bytesPerLine(index)
    data = np.frombuffer(frame.bits(index), dtype=np.uint8, count=stride * rows)
    return data.reshape(rows, stride)[:, :columns]


def _shrink(plane: npt.NDArray[np.uint8], rows: int, columns: int) -> npt.NDArray[np.float32]:
    """`plane` scaled to rows x columns: the mean of each block when shrinking, the nearest
    sample otherwise."""
    height, width = plane.shape
    if height >= rows and width >= columns:
        block_h, block_w = height // rows, width // columns
        top, left = (height - block_h * rows) // 2, (width - block_w * columns) // 2
        cropped = plane[top : top + block_h * rows, left : left + block_w * columns]
        blocks = cropped.reshape(rows, block_h, columns, block_w)
        means: npt.NDArray[np.float32] = blocks.mean(axis=(1, 3), dtype=np.float32)
        return means
    ys = np.minimum((np.arange(rows) + 0.5) * height / rows, height - 1).astype(int)
    xs = np.minimum((np.arange(columns) + 0.5) * width / columns, width - 1).astype(int)
    return plane[np.ix_(ys, xs)].astype(np.float32)


def _yuv_to_rgb(
    luma: npt.NDArray[np.float32], blue: npt.NDArray[np.float32], red: npt.NDArray[np.float32]
) -> npt.NDArray[np.uint8]:
    """BT.601 limited range, as FFmpeg assumes for untagged video."""
    y = (luma - 16.0) * (255.0 / 219.0)
    u, v = (blue - 128.0) * (255.0 / 224.0), (red - 128.0) * (255.0 / 224.0)
    rgb = np.stack([y + 1.402 * v, y - 0.344136 * u - 0.714136 * v, y + 1.772 * u], axis=-1)
    out: npt.NDArray[np.uint8] = np.clip(np.rint(rgb), 0, 255).astype(np.uint8)
    return out


def _rgb_from_image(image: QImage, width: int, height: int) -> npt.NDArray[np.uint8]:
    """Any other frame layout, through Qt's own conversion."""
    if image.isNull():
        raise VideoError(
            QT_TRANSLATE_NOOP(
                "VideoProbe", "a frame of the video could not be converted to a picture"
            )
        )
    small = image.scaled(width, height).convertToFormat(QImage.Format.Format_RGB888)
    stride = small.bytesPerLine()
    data = np.frombuffer(small.constBits(), dtype=np.uint8, count=stride * height)
    return data.reshape(height, stride)[:, : width * 3].reshape(height, width, 3).copy()
