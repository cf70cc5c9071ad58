"""Stand-ins for sounddevice's streams, for playback and recording tests without a sound card:
an output stream and a microphone that work, and ones whose device stopped answering."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import numpy as np

from engine.sound.playback import DEVICE_BLOCK_FRAMES


class FakeDevice:
    """What every fake stream shares: the settings it was opened with, start, stop, close."""

    def __init__(self, **settings: Any) -> None:
        self.settings = settings
        self.samplerate = settings["samplerate"]
        self.started = self.closed = False

    def start(self) -> None:
        self.started = True

    def stop(self) -> None:
        self.started = False

    def close(self) -> None:
        self.closed = True

    def vanish(self) -> None:
        """What PortAudio does when the device is unplugged: the stream just finishes."""
        self.settings["finished_callback"]()


class FakeStream(FakeDevice):
    """Stands in for sounddevice.OutputStream: the test pulls blocks through the callback."""

    def pull(self, frames: int = DEVICE_BLOCK_FRAMES) -> np.ndarray:
        out = np.full((frames, 2), np.nan, dtype=np.float32)  # the callback must write it all
        self.settings["callback"](out, frames, None, None)
        return out


class FakeMicrophone(FakeDevice):
    """Stands in for sounddevice.InputStream: the test feeds blocks through the callback."""

    def feed(self, audio: np.ndarray, block: int = 512) -> None:
        """Hand mono `audio` to the recorder, a block at a time, as the sound card does."""
        for first in range(0, len(audio), block):
            chunk = audio[first : first + block, None].astype(np.float32)
            self.settings["callback"](chunk, len(chunk), None, None)


class _Hangs(FakeDevice):
    """A device that went away the way PortAudio's JACK host shows it: `stop()` and `close()`
    never return (here: not until `release()`, or a minute as a hang guard for the test run).
    Records which threads called into it."""

    HANG_GUARD_SECONDS = 60.0

    def __init__(self, **settings: Any) -> None:
        super().__init__(**settings)
        self._released = threading.Event()
        self.callers: list[str] = []
        self.hung = threading.Event()

    def stop(self) -> None:
        self.callers.append(threading.current_thread().name)
        self.hung.set()
        self._released.wait(self.HANG_GUARD_SECONDS)
        super().stop()

    def close(self) -> None:
        self.callers.append(threading.current_thread().name)
        self._released.wait(self.HANG_GUARD_SECONDS)
        super().close()

    def release(self) -> None:
        """Let the hung calls return (at the end of a test)."""
        self._released.set()


class HangingStream(_Hangs, FakeStream):
    """An output device that stopped answering: `stop()` and `close()` hang."""


class HangingMicrophone(_Hangs, FakeMicrophone):
    """A microphone that stopped answering: `stop()` and `close()` hang."""


def opening_into(streams: list[FakeStream]) -> Callable[..., FakeStream]:
    """A stream factory (what a Player or LiveSynth opens its sound card with) that makes
    `FakeStream`s and keeps each in `streams`, for the test to pull and inspect."""

    def open_stream(**settings: Any) -> FakeStream:
        streams.append(FakeStream(**settings))
        return streams[-1]

    return open_stream
