"""Record a clip from the microphone (a hummed or played melody) for audio-to-notes.

`Recorder` opens the default input device through sounddevice (imported lazily: see
`engine.sound.device`, which puts a time limit on each device operation) and copies each block
the sound card hands over into a buffer allocated up front, so the callback never allocates
or waits. `level` is the last block's peak, for a meter. Without an input device, `start`
raises AudioDeviceError with what to do; importing an audio file still works.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from engine.sound.device import call_with_timeout, close_stream, open_device_stream

RECORD_RATE_HZ = 22_050
"""The transcription model's own rate: asked of the device first, so nothing is resampled."""
MAX_RECORD_SECONDS = 300.0
"""Longer takes are cut here (the recording stops itself)."""


class InputStream(Protocol):
    """The part of `sounddevice.InputStream` the recorder uses (tests pass a fake one)."""

    samplerate: float

    def start(self) -> None: ...
    def stop(self) -> None: ...
    def close(self) -> None: ...


InputStreamFactory = Callable[..., InputStream]
"""Called like `sounddevice.InputStream(samplerate=, channels=, dtype=, callback=)`."""


def _open_sounddevice_input(**settings: Any) -> InputStream:
    stream: InputStream = open_device_stream("input", **settings)
    return stream


class Recorder:
    """One take from the microphone: `start`, then `stop` returns (mono float32, rate)."""

    def __init__(
        self,
        stream_factory: InputStreamFactory | None = None,
        max_seconds: float = MAX_RECORD_SECONDS,
    ) -> None:
        self._open = stream_factory or _open_sounddevice_input
        self._max_seconds = max_seconds
        self._stream: InputStream | None = None
        self._buffer = np.zeros(0, dtype=np.float32)
        self._filled = 0
        self.rate = RECORD_RATE_HZ
        self.level = 0.0

    @property
    def recording(self) -> bool:
        return self._stream is not None

    @property
    def seconds(self) -> float:
        return self._filled / self.rate

    def start(self) -> None:
        """Open the microphone and start keeping what it hears (AudioDeviceError without one)."""
        self.stop()
        settings = {"samplerate": RECORD_RATE_HZ, "channels": 1, "dtype": "float32"}
        stream = call_with_timeout(  # a device that hangs is an error, not a frozen window
            lambda: self._open(**settings, callback=self._callback), "opening", late=close_stream
        )
        self.rate = round(getattr(stream, "samplerate", RECORD_RATE_HZ))
        self._buffer = np.zeros(round(self._max_seconds * self.rate), dtype=np.float32)
        self._filled = 0
        self.level = 0.0
        self._stream = stream
        call_with_timeout(stream.start, "starting")

    def stop(self) -> tuple[npt.NDArray[np.float32], int]:
        """Close the microphone; the take so far (empty if nothing was recorded). A device that
        does not stop in time is abandoned (see `engine.sound.device`); the take is kept."""
        stream, self._stream = self._stream, None
        if stream is not None:
            close_stream(stream)
        return self._buffer[: self._filled].copy(), self.rate

    def _callback(self, indata: np.ndarray, frames: int, _time: Any, _status: Any) -> None:
        count = min(frames, len(self._buffer) - self._filled)
        if count > 0:
            self._buffer[self._filled : self._filled + count] = indata[:count, 0]
            self._filled += count
        self.level = float(np.abs(indata[:frames, 0]).max(initial=0.0))
