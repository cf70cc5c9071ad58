"""The scored copy written with Qt Multimedia: the source's frames re-encoded, the soundtrack.

A `QMediaPlayer` decodes the source (as `ui.video.qt_media` does) and each frame, with its own
time, is pushed into a `QVideoFrameInput`; the soundtrack goes into a `QAudioBufferInput` in
`AUDIO_CHUNK` pieces; both feed a `QMediaCaptureSession` whose `QMediaRecorder` encodes them
as fast as it can (it asks for more with `readyToSend…`, so nothing runs in real time), and
stops by itself once both inputs have sent their end. Like the player (`ui.video.qt_playback`),
every Qt object here is made, fed and deleted on the application's thread; the job thread that
asked for the copy only hands frames over and waits. The picture is MPEG-4 Part 2 at
`VeryHighQuality` and the sound AAC: the only encoders of Qt's LGPL-only FFmpeg that every
player reads. webm needs VP8/VP9 and Opus, which it lacks, and its Matroska writer starts
every stream 1 s late (measured: the first frame at 1.001 s), so a webm or mkv copy is
written as mp4, which every player opens.
"""

from __future__ import annotations

from collections import deque
from pathlib import Path

import numpy as np
import numpy.typing as npt
import shiboken6
from PySide6.QtCore import QUrl
from PySide6.QtMultimedia import (
    QAudioBuffer,
    QAudioBufferInput,
    QAudioFormat,
    QMediaCaptureSession,
    QMediaFormat,
    QMediaMetaData,
    QMediaRecorder,
    QVideoFrame,
    QVideoFrameInput,
)

from engine.video.probe import VideoError
from engine.words import QT_TRANSLATE_NOOP
from ui.video.qt_frames import QtFrame
from ui.video.qt_media import ensure_application
from ui.video.qt_playback import Playback

AUDIO_RATE = 44_100
AUDIO_CHUNK = 4096
QUEUE_LIMIT = 16
"""Frames decoded and waiting for the encoder before the decoder is left to wait."""
CONTAINERS = {
    ".mp4": QMediaFormat.FileFormat.MPEG4,
    ".m4v": QMediaFormat.FileFormat.MPEG4,
    ".mov": QMediaFormat.FileFormat.QuickTime,
}
"""The containers written, by suffix; anything else is written as mp4 (see `output_path`)."""


def output_path(target: Path) -> Path:
    """`target`, or the same name ending in .mp4 when its container is not written well."""
    return target if target.suffix.lower() in CONTAINERS else target.with_suffix(".mp4")


class _Recording:
    """One capture session fed from a player and a soundtrack (see the module's notes)."""

    def __init__(self, source: Path, target: Path, audio: npt.NDArray[np.float32]) -> None:
        ensure_application()
        self.playback = Playback(source)
        self.target = target
        self.pending: deque[QtFrame] = deque()
        self.audio = np.ascontiguousarray(audio, dtype=np.float32)
        self.sent_samples = 0
        self.picture_done = self.sound_done = self.stopped = self.all_taken = False
        self.fps = 0.0
        self.frames_sent = 0
        self.error = ""
        self.format = QAudioFormat()
        self.format.setSampleRate(AUDIO_RATE)
        self.format.setChannelCount(2)
        self.format.setSampleFormat(QAudioFormat.SampleFormat.Float)
        self.playback.qt.call(self._open)

    def _open(self) -> None:
        """Make the capture session and its inputs on the application's thread."""
        self.session = QMediaCaptureSession()
        self.video_in = QVideoFrameInput()
        self.audio_in = QAudioBufferInput()
        self.session.setVideoFrameInput(self.video_in)
        self.session.setAudioBufferInput(self.audio_in)
        self.recorder = QMediaRecorder()
        self.session.setRecorder(self.recorder)
        self._configure()
        self.video_in.readyToSendVideoFrame.connect(self._send_picture)
        self.audio_in.readyToSendAudioBuffer.connect(self._send_sound)
        self.recorder.recorderStateChanged.connect(self._state)
        self.recorder.errorOccurred.connect(self._failed)

    def _configure(self) -> None:
        container = CONTAINERS.get(self.target.suffix.lower(), QMediaFormat.FileFormat.MPEG4)
        media = QMediaFormat(container)
        media.setVideoCodec(QMediaFormat.VideoCodec.MPEG4)
        media.setAudioCodec(QMediaFormat.AudioCodec.AAC)
        self.recorder.setMediaFormat(media)
        self.recorder.setQuality(QMediaRecorder.Quality.VeryHighQuality)
        self.recorder.setEncodingMode(QMediaRecorder.EncodingMode.ConstantQualityEncoding)
        self.recorder.setAudioSampleRate(AUDIO_RATE)
        self.recorder.setAudioChannelCount(2)
        self.recorder.setAutoStop(True)
        self.recorder.setOutputLocation(QUrl.fromLocalFile(str(self.target.absolute())))

    def run(self) -> int:
        """Record the whole copy; the number of frames written."""
        playback, qt = self.playback, self.playback.qt
        try:
            playback.loaded()
            qt.call(self._begin)
            while not self.stopped:
                playback.wait(lambda: len(self.pending) < QUEUE_LIMIT or self.stopped)
                frame = playback.take()
                if frame is None:
                    break
                if self.fps:
                    frame.frame.setStreamFrameRate(self.fps)
                self.pending.append(frame)
                qt.post(self._send_picture)
            self.all_taken = True
            qt.post(self._send_picture)
            playback.wait(lambda: self.stopped or self.error)
        finally:
            qt.call(self._close)
            playback.close()
        if self.error:
            raise VideoError(
                QT_TRANSLATE_NOOP(
                    "VideoMux",
                    "could not write {name}: {err}; check the folder can be written and "
                    "has space, or choose an mp4 or mkv name",
                ).format(name=self.target.name.removeprefix("."), err=self.error)
            )
        if not self.frames_sent:
            raise VideoError(
                QT_TRANSLATE_NOOP("VideoMux", "no frame of {name} could be re-encoded").format(
                    name=playback.path.name
                )
            )
        return self.frames_sent

    def _begin(self) -> None:
        """Start the recorder at the source's frame rate, the player and the sound."""
        fps = self.playback.player.metaData().value(QMediaMetaData.Key.VideoFrameRate)
        if isinstance(fps, (int, float)) and fps > 0:
            self.fps = float(fps)
            self.recorder.setVideoFrameRate(self.fps)
        self.recorder.record()
        self.playback.start()
        self._send_sound()

    def _close(self) -> None:
        """Delete the recorder, its inputs and session on the application's thread."""
        self.video_in.readyToSendVideoFrame.disconnect(self._send_picture)
        self.audio_in.readyToSendAudioBuffer.disconnect(self._send_sound)
        self.recorder.recorderStateChanged.disconnect(self._state)
        self.recorder.errorOccurred.disconnect(self._failed)
        for part in (self.recorder, self.video_in, self.audio_in, self.session):
            shiboken6.delete(part)

    def _send_picture(self) -> None:
        while self.pending:
            if not self.video_in.sendVideoFrame(self.pending[0].frame):
                return
            self.pending.popleft()
            self.frames_sent += 1
            self.playback.heard()
        if self.all_taken and not self.picture_done and not self.pending:
            self.picture_done = self.video_in.sendVideoFrame(QVideoFrame())

    def _send_sound(self) -> None:
        total = len(self.audio)
        while self.sent_samples < total:
            chunk = self.audio[self.sent_samples : self.sent_samples + AUDIO_CHUNK]
            start_us = round(self.sent_samples * 1e6 / AUDIO_RATE)
            if not self.audio_in.sendAudioBuffer(
                QAudioBuffer(chunk.tobytes(), self.format, start_us)
            ):
                return
            self.sent_samples += len(chunk)
        if not self.sound_done:
            self.sound_done = self.audio_in.sendAudioBuffer(QAudioBuffer())

    def _state(self, state: QMediaRecorder.RecorderState) -> None:
        if state == QMediaRecorder.RecorderState.StoppedState:
            self.stopped = True
        self.playback.heard()

    def _failed(self, _error: QMediaRecorder.Error, text: str) -> None:
        self.error = text or "the recorder failed"
        self.stopped = True
        self.playback.heard()


def record_copy(
    source: Path, target: Path, audio: npt.NDArray[np.float32], duration_s: float
) -> int:
    """Write `target`: every frame of `source` re-encoded, `audio` (stereo float32 at
    `AUDIO_RATE`, `duration_s` long) as its sound; the number of frames written."""
    expected = round(duration_s * AUDIO_RATE)
    if abs(len(audio) - expected) > 1:
        raise VideoError(
            QT_TRANSLATE_NOOP(
                "VideoMux", "the soundtrack is {sound:.3f} s, not the video's {video:.3f} s"
            ).format(sound=len(audio) / AUDIO_RATE, video=duration_s)
        )
    return _Recording(source, target, audio).run()
