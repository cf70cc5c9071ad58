"""The Picture dock: the scored video, muted, following the transport as a DAW's video window.

A `QMediaPlayer` (Qt Multimedia, no audio output, so it is silent) shows the video in a
`QVideoWidget`. The song's time is the video's time, since the score starts with the picture.
While playing, the transport's playhead (`TransportBar.playhead_moved`: a tick, None once
stopped) drives it: on the first tick of a play the player seeks and starts; while it plays it
is left alone unless it drifts more than `DRIFT_MS` from the playhead (a loop back, a seek, a
slow machine), when it seeks again; a stop pauses it. While stopped, `show_at` pauses it on
the frame where Play will start (`TransportBar.cue_moved`: a click on the ruler, the cursor,
Home/End, a stop), so the composer sees the picture the music will start under.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QUrl
from PySide6.QtMultimedia import QMediaPlayer
from PySide6.QtMultimediaWidgets import QVideoWidget
from PySide6.QtWidgets import QDockWidget, QMainWindow

from engine.song.song import Song
from ui.i18n import translate

DRIFT_MS = 150
"""How far the picture may stray from the playhead before it is put back."""


_READY = (
    QMediaPlayer.MediaStatus.LoadedMedia,
    QMediaPlayer.MediaStatus.BufferingMedia,
    QMediaPlayer.MediaStatus.BufferedMedia,
    QMediaPlayer.MediaStatus.EndOfMedia,
)


class PictureDock(QObject):
    """The dock and its player (see the module's notes)."""

    def __init__(self, window: QMainWindow, song: Callable[[], Song]) -> None:
        super().__init__(window)
        self._song = song
        self.path: Path | None = None
        self.view = QVideoWidget()
        self.view.setObjectName("video-picture")
        self.view.setMinimumSize(160, 90)
        self.player = QMediaPlayer(self)
        self.player.setVideoOutput(self.view)
        self._pending_ms: int | None = None
        """A seek asked for while the file was still loading (Qt would drop it)."""
        self.player.mediaStatusChanged.connect(self._status)
        self.dock = QDockWidget(translate("VideoScoring", "Picture"), window)
        self.dock.setObjectName("video-picture-dock")
        self.dock.setWidget(self.view)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()

    def load(self, path: Path, seconds: float = 0.0) -> None:
        """Show the video at `path`, paused on its frame at `seconds`."""
        if path != self.path:
            self.path = path
            self.player.setSource(QUrl.fromLocalFile(str(path.absolute())))
        self.show_at(seconds)
        self.dock.show()

    def follow(self, tick: int | None) -> None:
        """The transport's playhead: a tick while playing, None once stopped."""
        if self.path is None:
            return
        if tick is None:
            self.player.pause()
            return
        target = round(self._song().tick_to_seconds(tick) * 1000)
        if self.player.playbackState() != QMediaPlayer.PlaybackState.PlayingState:
            self._seek(target)
            self.player.play()
        elif abs(self.player.position() - target) > DRIFT_MS:
            self._seek(target)

    def show_at(self, seconds: float) -> None:
        """Pause on the frame at `seconds` (the transport is stopped)."""
        if self.path is None:
            return
        self.player.pause()
        self._seek(round(seconds * 1000))

    def _seek(self, ms: int) -> None:
        if self.player.mediaStatus() in _READY:
            self._pending_ms = None
            self.player.setPosition(ms)
        else:
            self._pending_ms = ms

    def _status(self, status: QMediaPlayer.MediaStatus) -> None:
        if status in _READY and self._pending_ms is not None:
            self._seek(self._pending_ms)

    def close(self) -> None:
        self.player.stop()
