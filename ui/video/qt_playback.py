"""One `QMediaPlayer` decoding one file into a queue of frames, for a reader on any thread.

The player runs at `DECODE_RATE` times real time with no audio output into a `QVideoSink`;
frames are queued as they arrive, the player pauses while `QUEUE_HIGH` wait and plays again
once the reader has taken all but `QUEUE_LOW`. The player and its sink are made, called and
deleted only on the application's thread (`ui.video.qt_thread`); the reader may be a job
thread. How the reader waits for news depends on where it is: on the application's own thread
(the command line) it runs Qt's events itself; on a job thread it sleeps on a condition that
every signal handler wakes, while the window's event loop delivers those signals.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QEventLoop, QTimer, QUrl
from PySide6.QtMultimedia import QMediaPlayer, QVideoFrame, QVideoSink

from engine.video.probe import VideoError, unreadable
from engine.words import QT_TRANSLATE_NOOP
from ui.video.qt_frames import QtFrame
from ui.video.qt_thread import QtThread

DECODE_RATE = 256.0
"""How many times real time the player is asked to run; decoding is the limit in practice."""
QUEUE_HIGH, QUEUE_LOW = 24, 4
STALL_S = 30.0
"""No frame and no news for this long means the decoder is stuck: a VideoError, not a hang."""
WAKE_MS = 200
"""How often a waiting reader looks again even without news (the stall check needs it)."""
Status = QMediaPlayer.MediaStatus
_LOADED = (Status.LoadedMedia, Status.BufferedMedia, Status.BufferingMedia)


class Playback:
    """One player decoding one file into a queue (see the module's notes)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.queue: deque[QtFrame] = deque()
        self.error = ""
        self.status = Status.NoMedia
        self.news = time.monotonic()
        self.qt = QtThread()
        self.changed = threading.Condition()
        self.loop: QEventLoop | None = None
        self.waker: QTimer | None = None
        self.qt.call(self._open)

    def _open(self) -> None:
        """Make the player on the application's thread and give it the file."""
        self.player = QMediaPlayer()
        if not self.player.isAvailable():  # no media backend: the FFmpeg plugin is missing
            shiboken6.delete(self.player)
            raise VideoError(
                QT_TRANSLATE_NOOP(
                    "VideoProbe",
                    "cannot read the video {name}: Qt Multimedia found no media backend (its "
                    "FFmpeg plugin is missing); reinstall Tessera, or install PySide6-Addons",
                ).format(name=self.path.name)
            )
        self.sink = QVideoSink()
        self.player.setVideoSink(self.sink)
        self.sink.videoFrameChanged.connect(self._frame)
        self.player.mediaStatusChanged.connect(self._status)
        self.player.errorOccurred.connect(self._error)
        if self.qt.here:  # the reader runs Qt's events itself: a timer wakes it to look again
            self.loop = QEventLoop()
            self.waker = QTimer()
            self.waker.setInterval(WAKE_MS)
            self.waker.timeout.connect(lambda: None)
            self.waker.start()
        self.player.setSource(QUrl.fromLocalFile(str(self.path.absolute())))

    @property
    def ended(self) -> bool:
        return bool(self.error) or self.status in (Status.EndOfMedia, Status.InvalidMedia)

    def wait(self, done: Callable[[], object]) -> None:
        """Wait until `done()` is true; a VideoError when nothing happens for `STALL_S`."""
        while not done():
            if self.loop is not None:
                self.loop.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
            else:
                with self.changed:
                    if not done():
                        self.changed.wait(WAKE_MS / 1000)
            if time.monotonic() - self.news > STALL_S:
                raise unreadable(self.path, f"its decoder stopped for {STALL_S:.0f} s")

    def heard(self) -> None:
        """Something happened (a frame, a status, an encoder's request): wake the reader."""
        self.news = time.monotonic()
        with self.changed:
            self.changed.notify_all()

    def loaded(self) -> None:
        """Wait until the file is open; a VideoError when it cannot be."""
        self.wait(lambda: self.ended or self.status in _LOADED)
        if self.error or self.status == Status.InvalidMedia:
            raise unreadable(
                self.path, f"it is not a video Qt can play ({self.error or 'invalid'})"
            )
        if not self.qt.call(self.player.hasVideo):
            raise unreadable(
                self.path, QT_TRANSLATE_NOOP("VideoProbe", "it holds no picture (no video stream)")
            )

    def start(self) -> None:
        self.qt.call(self._start)

    def _start(self) -> None:
        self.player.setPlaybackRate(DECODE_RATE)
        self.player.play()

    def take(self) -> QtFrame | None:
        """The next frame, or None at the end."""
        self.wait(lambda: self.queue or self.ended)
        if not self.queue:
            return None
        if len(self.queue) <= QUEUE_LOW and not self.ended:
            self.qt.post(self._resume)
        return self.queue.popleft()

    def close(self) -> None:
        """Stop, let go of the file and delete the player and its sink on the application's
        thread (a job thread must never be the one that destroys them)."""
        self.qt.call(self._close)
        self.queue.clear()

    def _close(self) -> None:
        if self.waker is not None:
            self.waker.stop()
            shiboken6.delete(self.waker)
        self.sink.videoFrameChanged.disconnect(self._frame)
        self.player.mediaStatusChanged.disconnect(self._status)
        self.player.errorOccurred.disconnect(self._error)
        self.player.stop()
        self.player.setSource(QUrl())
        shiboken6.delete(self.player)
        shiboken6.delete(self.sink)

    def _playing(self) -> bool:
        return self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState

    def _resume(self) -> None:
        if shiboken6.isValid(self.player) and not self.ended and not self._playing():
            self.player.play()

    def _frame(self, frame: QVideoFrame) -> None:
        if frame.isValid():
            self.queue.append(QtFrame(QVideoFrame(frame)))
            if len(self.queue) >= QUEUE_HIGH and self._playing():
                self.player.pause()
        self.heard()

    def _status(self, status: QMediaPlayer.MediaStatus) -> None:
        self.status = status
        self.heard()

    def _error(self, _error: QMediaPlayer.Error, text: str) -> None:
        self.error = text or "unknown error"
        self.heard()
