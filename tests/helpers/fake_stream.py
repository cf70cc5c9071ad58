"""A stand-in for sounddevice's output stream, for playback tests without a sound card."""

from __future__ import annotations

from typing import Any

import numpy as np

from engine.sound.playback import DEVICE_BLOCK_FRAMES


class FakeStream:
    """Stands in for sounddevice.OutputStream: the test pulls blocks through the callback."""

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

    def pull(self, frames: int = DEVICE_BLOCK_FRAMES) -> np.ndarray:
        out = np.full((frames, 2), np.nan, dtype=np.float32)  # the callback must write it all
        self.settings["callback"](out, frames, None, None)
        return out

    def vanish(self) -> None:
        """What PortAudio does when the device is unplugged: the stream just finishes."""
        self.settings["finished_callback"]()
