"""Record a clip from the microphone (a hummed or played melody) for audio-to-notes.

`Recorder` opens the default input device through sounddevice (imported lazily: see
`engine.sound.device`, which puts a time limit on each device operation) and copies each block
the sound card hands over into a buffer allocated up front, so the callback never allocates
or waits. `level` is the last block's peak, for a meter. Without an input device, `start`
raises AudioDeviceError with what to do; importing an audio file still works.

A microphone that goes away never costs the take: one that does not open or start in time is
DeviceNotAnsweringError naming the microphone; one that hangs when asked to stop is abandoned
after the time limit, and `stop` still returns what it heard; one that is unplugged mid-take
(PortAudio ends the stream) calls `on_lost`, and the take so far is kept. `problem` says which,
for the caller to show. Each take has its own buffer, so a stream abandoned on its thread can
never write into a later take.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from engine.sound.device import (
    DEVICE_TIMEOUT_SECONDS,
    DeviceNotAnsweringError,
    call_with_timeout,
    close_stream,
    open_device_stream,
)
from engine.words import QT_TRANSLATE_NOOP

RECORD_RATE_HZ = 22_050
"""The transcription model's own rate: asked of the device first, so nothing is resampled."""
MAX_RECORD_SECONDS = 300.0
"""Longer takes are cut here (the recording stops itself)."""
NOT_ANSWERING = (
    "the microphone stopped answering when asked to stop, so it was let go; what it recorded "
    "before is kept. Check the input device before recording again"
)
LOST = (
    "the microphone went away while recording (unplugged, or its sound server stopped); what "
    "it recorded before is kept. Connect it again to record more"
)


class InputStream(Protocol):
    """The part of `sounddevice.InputStream` the recorder uses (tests pass a fake one)."""

    samplerate: float

    def start(self) -> None: ...
    def stop(self) -> None: ...
    def close(self) -> None: ...


InputStreamFactory = Callable[..., InputStream]
"""Called like `sounddevice.InputStream(samplerate=, channels=, dtype=, callback=,
finished_callback=)`."""


def _open_sounddevice_input(**settings: Any) -> InputStream:
    stream: InputStream = open_device_stream("input", **settings)
    return stream


class _Take:
    """One take's buffer, filled by its own stream's callback only."""

    def __init__(self, frames: int) -> None:
        self.buffer = np.zeros(frames, dtype=np.float32)
        self.filled = 0
        self.level = 0.0

    def callback(self, indata: np.ndarray, frames: int, _time: Any, _status: Any) -> None:
        count = min(frames, len(self.buffer) - self.filled)
        if count > 0:
            self.buffer[self.filled : self.filled + count] = indata[:count, 0]
            self.filled += count
        self.level = float(np.abs(indata[:frames, 0]).max(initial=0.0))

    def audio(self) -> npt.NDArray[np.float32]:
        return self.buffer[: self.filled].copy()


class Recorder:
    """One take from the microphone: `start`, then `stop` returns (mono float32, rate).

    `start` and `stop` reach the device and can each take up to `device_timeout_s` when it
    stops answering: a UI calls them from a thread of its own, never its event loop."""

    def __init__(
        self,
        stream_factory: InputStreamFactory | None = None,
        max_seconds: float = MAX_RECORD_SECONDS,
        device_timeout_s: float = DEVICE_TIMEOUT_SECONDS,
    ) -> None:
        self._open = stream_factory or _open_sounddevice_input
        self._max_seconds = max_seconds
        self.device_timeout_s = device_timeout_s
        self._stream: InputStream | None = None
        self._take = _Take(0)
        self._on_lost: Callable[[], object] | None = None
        self.rate = RECORD_RATE_HZ
        self.problem = ""
        """What went wrong with the device during the last take ("" when nothing did)."""

    @property
    def recording(self) -> bool:
        return self._stream is not None

    @property
    def seconds(self) -> float:
        return self._take.filled / self.rate

    @property
    def level(self) -> float:
        return self._take.level

    def start(self, on_lost: Callable[[], object] | None = None) -> None:
        """Open the microphone and start keeping what it hears (AudioDeviceError without one,
        DeviceNotAnsweringError when it does not answer in time). `on_lost` is called, from
        the device's thread, if the microphone goes away while recording."""
        self.stop()
        self.problem = ""
        self._on_lost = on_lost
        take = _Take(0)
        settings = {
            "samplerate": RECORD_RATE_HZ,
            "channels": 1,
            "dtype": "float32",
            "callback": take.callback,
            "finished_callback": lambda: self._finished(take),
        }
        stream = self._in_time(lambda: self._open(**settings), "opening", close_stream)
        self.rate = round(getattr(stream, "samplerate", RECORD_RATE_HZ))
        take.buffer = np.zeros(round(self._max_seconds * self.rate), dtype=np.float32)
        self._take, self._stream = take, stream
        try:
            self._in_time(stream.start, "starting")
        except Exception:
            self._stream = None
            close_stream(stream, self.device_timeout_s)
            raise

    def stop(self) -> tuple[npt.NDArray[np.float32], int]:
        """Close the microphone; the take so far (empty if nothing was recorded). A device that
        does not stop in time is abandoned (see `engine.sound.device`), `problem` says so, and
        the take is kept."""
        stream, self._stream = self._stream, None
        if stream is not None and not close_stream(stream, self.device_timeout_s):
            self.problem = NOT_ANSWERING
        return self._take.audio(), self.rate

    def _in_time(
        self, action: Callable[[], Any], what: str, late: Callable[[Any], object] | None = None
    ) -> Any:
        try:
            return call_with_timeout(action, what, self.device_timeout_s, late)
        except DeviceNotAnsweringError as err:
            raise DeviceNotAnsweringError(
                QT_TRANSLATE_NOOP(
                    "Recording",
                    "the microphone did not answer within {device_timeout_s:g} s while "
                    "{what}: check the input device (and that no other program holds it) "
                    "and record again, or import an audio file instead",
                ).format(device_timeout_s=self.device_timeout_s, what=what)
            ) from err

    def _finished(self, take: _Take) -> None:
        """PortAudio ended `take`'s stream: by `stop`, or after it (nothing to say), or the
        device went away."""
        if self._stream is None or self._take is not take:
            return
        self.problem = LOST
        if self._on_lost is not None:
            self._on_lost()
