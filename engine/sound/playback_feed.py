"""What the playback worker mixes and how it reaches the sound card: the feed of one generation,
the resampler to the device's rate, and the settings every output stream is opened with.

`Player` (`engine.sound.playback`) owns the transport, the ring of blocks and the threads; a
`Feed` is the worker's state for one generation of it (where the mix has got to, the reverb's
tail, the limiter, and mixed audio waiting for a ring slot), started afresh on every seek, loop
change or play, so the room's tail from the old place is not heard at the new one. The block
sizes, `output_stream_settings` and `resampler` are shared with the live synth
(`engine.live.synth`), which plays through the same kind of stream. They live apart from the
player because none of them holds transport state or touches a thread.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from engine.sound.render import (
    CHANNELS,
    SAMPLE_RATE_HZ,
    SILENT,
    Limiter,
    Reverb,
    SongMix,
)

BLOCK_FRAMES = 1024
"""Frames mixed per ring slot (23 ms): small enough that the first sound comes quickly."""
DEVICE_BLOCK_FRAMES = 512
"""Frames per sound-card callback (12 ms of output latency at 44.1 kHz)."""


def output_stream_settings(
    callback: Callable[..., None], finished: Callable[[], None]
) -> dict[str, object]:
    """What every output stream here is opened with (the player's and the live synth's):
    44.1 kHz stereo float32 in `DEVICE_BLOCK_FRAMES` blocks, and both callbacks."""
    return {
        "samplerate": SAMPLE_RATE_HZ,
        "channels": CHANNELS,
        "dtype": "float32",
        "blocksize": DEVICE_BLOCK_FRAMES,
        "callback": callback,
        "finished_callback": finished,
    }


class Feed:
    """The worker's state for one generation: where the mix has got to, the reverb's tail, the
    limiter, and mixed audio (at the device's rate) waiting for a ring slot."""

    def __init__(self, generation: int, start_sample: int, device_rate: int) -> None:
        self.generation = generation
        self.position = start_sample  # the next song sample to mix
        self.pending = np.zeros((0, CHANNELS), dtype=np.float32)
        self.pending_song_start = float(start_sample)  # the song sample of pending[0]
        self.ended = False  # the song's last sound has been mixed
        self._limiter = Limiter()
        self._reverb = Reverb()
        self._block = np.zeros((BLOCK_FRAMES, CHANNELS), dtype=np.float32)
        self._song_per_device_frame = SAMPLE_RATE_HZ / device_rate
        self._resampler = resampler(device_rate)

    @property
    def done(self) -> bool:
        return self.ended and not len(self.pending)

    def mix_block(self, mix: SongMix, loop: tuple[int, int] | None) -> None:
        """Mix the next block (stopping at the loop's end) onto the pending audio."""
        frames = BLOCK_FRAMES
        if loop is not None and self.position < loop[1]:
            frames = min(frames, loop[1] - self.position)
        block = self._block[:frames]
        mix.mix_into(block, self.position, self._reverb)
        self._limiter.process(block)
        self.position += frames
        if loop is not None and self.position >= loop[1]:
            self.position = loop[0]
        elif self.position >= mix.music_samples and not np.abs(block).max() > SILENT:
            self.ended = True
        converted = block if self._resampler is None else self._resampler(block, self.ended)
        self.pending = np.concatenate([self.pending, converted])

    def consume(self, frames: int, loop: tuple[int, int] | None) -> None:
        """Drop `frames` of pending audio that went into a slot; move its song position on."""
        self.pending = self.pending[frames:]
        self.pending_song_start += frames * self._song_per_device_frame
        if loop is not None and self.pending_song_start >= loop[1]:
            self.pending_song_start -= loop[1] - loop[0]


def resampler(
    device_rate: int, quality: str = "HQ"
) -> Callable[[np.ndarray, bool], np.ndarray] | None:
    """None at the mix's own rate; otherwise a streaming converter of stereo blocks to the
    device's rate, called as convert(block, last) (soxr: a sound card or JACK server that runs
    at 48 kHz refuses a 44.1 kHz stream). `quality` is soxr's: "HQ" holds back tens of ms
    when fed small blocks, "LQ" under a millisecond (what live play needs)."""
    if device_rate == SAMPLE_RATE_HZ:
        return None
    import soxr

    stream = soxr.ResampleStream(
        SAMPLE_RATE_HZ, device_rate, CHANNELS, dtype="float32", quality=quality
    )

    def convert(block: np.ndarray, last: bool) -> np.ndarray:
        return np.asarray(stream.resample_chunk(block, last=last), dtype=np.float32)

    return convert
