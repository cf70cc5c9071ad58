"""Real-time playback of a Song through the sound card: play, pause, stop, seek and loop.

Three threads meet here, and only through plain attributes and a preallocated ring of blocks:

- the caller (the UI or the CLI) changes the transport: `play`, `pause`, `seek`, `set_loop`,
  `set_song`;
- a worker thread mixes the song a block at a time (`engine.sound.render.SongMix`, which renders any
  uncached note with the timbre model) and writes each block into the next free ring slot,
  staying up to `buffer_seconds` ahead of the sound card; while the ring is full it renders
  the notes of the next few seconds into the cache, and it reports the playhead;
- the sound card's callback copies finished blocks into the output buffer. It never waits,
  locks, renders or allocates a buffer: if the worker is late it plays silence and counts an
  underrun.

Every ring slot carries the *generation* it was mixed for. A seek, a loop change or a new play
bumps the generation, so the callback skips blocks mixed for the old position at once, with no
lock between the two threads (each index has one writer; the GIL makes the writes atomic).

Each generation mixes with a reverb of its own that starts silent: after a seek the room's tail
from the old place is not heard at the new one. Within a generation the tail carries on, over a
loop's jump back (as a room would go on ringing) and over an edit (`set_song`).

The sound card itself is reached only through `engine.sound.device`, with a time limit on
every open, start, stop and close: a device that stops answering (unplugged, its server killed)
is abandoned, playback is marked stopped and `on_error` says so, and `stop()` always returns
within about `device_timeout_s`. A device that stops calling back for `STALL_SECONDS` while
playing counts as lost too (PortAudio's JACK host stops calling back, and never says it
finished, when the server dies).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any, Literal

import numpy as np

from engine.errors import TesseraError
from engine.song.song import Song
from engine.sound.device import (
    DEVICE_TIMEOUT_SECONDS,
    NOT_ANSWERING,
    AudioDeviceError,
    OutputStream,
    StreamFactory,
    call_with_timeout,
    close_stream,
    open_device_stream,
    open_sounddevice_stream,
    output_device_names,
    sounddevice_module,
)
from engine.sound.playback_feed import (
    BLOCK_FRAMES,
    DEVICE_BLOCK_FRAMES,
    Feed,
    output_stream_settings,
    resampler,
)
from engine.sound.render import (
    CHANNELS,
    SAMPLE_RATE_HZ,
    NoteRenderer,
    SongMix,
)
from engine.sound.timbre import BATCH_NOTES
from engine.words import QT_TRANSLATE_NOOP

__all__ = [  # the device's and the feed's names too, where callers have always found them
    "BLOCK_FRAMES",
    "BUFFER_SECONDS",
    "DEVICE_BLOCK_FRAMES",
    "AudioDeviceError",
    "OutputStream",
    "Player",
    "State",
    "StreamFactory",
    "bar_range_seconds",
    "close_stream",
    "open_device_stream",
    "open_sounddevice_stream",
    "output_device_names",
    "output_stream_settings",
    "resampler",
    "sounddevice_module",
]

BUFFER_SECONDS = 0.5
"""How far the worker mixes ahead of the sound card; it absorbs a slow note render."""
PREPARE_AHEAD_SECONDS = 4.0
"""How far ahead the worker renders notes into the cache while the ring is full."""
POSITION_INTERVAL_SECONDS = 1 / 30
"""How often the playhead is reported (a screen's frame rate is plenty)."""
STALL_SECONDS = 3.0
"""A started sound card that has not called back for this long is lost (it calls every 12 ms)."""

State = Literal["stopped", "playing", "paused"]


def bar_range_seconds(song: Song, first_bar: int, end_bar: int) -> tuple[float, float]:
    """(start, end) seconds of bars [first_bar, end_bar), 0-based: a loop range."""
    if not 0 <= first_bar < end_bar <= song.bar_count:
        raise TesseraError(
            QT_TRANSLATE_NOOP(
                "Playback", "bars {first_bar}-{end_bar} are not inside the song's {bar_count} bars"
            ).format(first_bar=first_bar + 1, end_bar=end_bar, bar_count=song.bar_count)
        )
    ticks = song.bar_start_ticks
    return song.tick_to_seconds(ticks[first_bar]), song.tick_to_seconds(ticks[end_bar])


class Player:
    """One song's transport. Callbacks run on the worker thread: a UI should forward them to
    its own thread (a queued Qt signal does). `play` and `stop` reach the sound card, waiting
    at most `device_timeout_s` for each thing they ask of it, so they can take seconds when
    a device stops answering: a UI calls them from a thread of its own, never its event loop."""

    def __init__(
        self,
        renderer: NoteRenderer,
        *,
        stream_factory: StreamFactory | None = None,
        buffer_seconds: float = BUFFER_SECONDS,
        on_position: Callable[[float], None] | None = None,
        on_error: Callable[[str], None] | None = None,
        on_finished: Callable[[], None] | None = None,
        device_timeout_s: float = DEVICE_TIMEOUT_SECONDS,
        watch_device: bool | None = None,
    ) -> None:
        """`watch_device`: whether a started device that stops calling back counts as lost;
        by default only the real sound card's does (a test's or a benchmark's stream is pulled
        at its own pace)."""
        self.renderer = renderer
        self._open_stream = stream_factory or open_sounddevice_stream
        self.device_timeout_s = device_timeout_s
        self._watch_device = stream_factory is None if watch_device is None else watch_device
        self._callbacks = 0  # sound-card callbacks so far (the device watch's heartbeat)
        self._started = False  # the stream has started (the watch begins)
        self._lock = threading.Lock()  # hands the stream over once when two threads stop
        self.on_position = on_position
        self.on_error = on_error
        self.on_finished = on_finished
        self._slots = max(2, round(buffer_seconds * SAMPLE_RATE_HZ / BLOCK_FRAMES))
        self._ring = np.zeros((self._slots * BLOCK_FRAMES, CHANNELS), dtype=np.float32)
        self._slot_generation = np.full(self._slots, -1, dtype=np.int64)
        self._slot_start = np.zeros(self._slots, dtype=np.int64)
        self._slot_length = np.zeros(self._slots, dtype=np.int64)
        self._written = 0  # slots written, ever (the worker's index)
        self._read = 0  # slots consumed, ever (the callback's index)
        self._read_offset = 0
        self._generation = 0
        self._start_sample = 0  # where the current generation starts playing
        self._end_slot: tuple[int, int] | None = None  # (generation, slot count) at the end
        self._drained = False
        self._device_lost = False
        self._paused = False
        self._playhead = 0
        self._loop: tuple[int, int] | None = None
        self._mix: SongMix | None = None
        self._stream: OutputStream | None = None
        self._device_rate = SAMPLE_RATE_HZ
        self._worker: threading.Thread | None = None
        self._quit = threading.Event()
        self._wake = threading.Event()
        self._state: State = "stopped"
        self._play_from = 0
        self.underruns = 0
        self.first_sound_at: float | None = None
        """time.perf_counter() when the callback first handed out mixed audio (for the
        benchmark's time to first sound)."""

    # The transport (caller's thread) --------------------------------------------------------

    @property
    def state(self) -> State:
        return self._state

    @property
    def position_seconds(self) -> float:
        return self._playhead / SAMPLE_RATE_HZ

    @property
    def buffered_blocks(self) -> int:
        """Blocks mixed for the current position and not yet played (a buffer meter)."""
        pending = range(self._read, self._written)
        slots = [index % self._slots for index in pending]
        return int(np.count_nonzero(self._slot_generation[slots] == self._generation))

    def play(
        self, song: Song, *, start_seconds: float = 0.0, loop: tuple[float, float] | None = None
    ) -> None:
        """Play `song` from `start_seconds`, looping [start, end) seconds if `loop` is given.

        Raises AudioDeviceError when there is no device, or it refuses to start or does not
        answer; the player is then stopped.
        """
        self.stop()
        self._mix = SongMix(song, self.renderer)
        self.set_loop(loop)
        self._play_from = self._seconds_to_sample(start_seconds)
        self._paused = False
        self._drained = self._device_lost = False
        self.first_sound_at = None
        self._started = False
        settings = output_stream_settings(self._callback, self._stream_finished)
        stream = self._stream = call_with_timeout(
            lambda: self._open_stream(**settings), "opening", self.device_timeout_s, close_stream
        )
        self._device_rate = round(getattr(stream, "samplerate", SAMPLE_RATE_HZ))
        self._restart_at(self._play_from)
        self._quit = threading.Event()  # the worker's own: an abandoned one never restarts
        self._worker = threading.Thread(
            target=self._run, args=(self._quit,), name="tessera-playback", daemon=True
        )
        self._worker.start()
        self._state = "playing"
        try:
            call_with_timeout(stream.start, "starting", self.device_timeout_s)
        except AudioDeviceError:
            self._stop()
            raise
        except Exception as err:  # PortAudio reports a refused start with several types
            self._stop()
            raise AudioDeviceError(
                QT_TRANSLATE_NOOP("Playback", "the audio device refused to start ({err})").format(
                    err=err
                )
            ) from err
        self._started = True

    def pause(self) -> None:
        """Hold the playhead where it is; `resume` continues from there."""
        if self._state == "playing":
            self._paused = True
            self._state = "paused"

    def resume(self) -> None:
        if self._state == "paused":
            self._paused = False
            self._state = "playing"

    def stop(self) -> None:
        """Stop the sound and return the playhead to where play started. A device that does
        not stop in time is abandoned, and `on_error` says so (the player is stopped)."""
        if not self._stop() and self.on_error:
            self.on_error(NOT_ANSWERING)

    def _stop(self) -> bool:
        """Stop; False when the device did not answer and its stream was abandoned."""
        if self._state == "stopped" and self._worker is None:
            return True
        self._state = "stopped"
        self._paused = True
        self._started = False
        self._quit.set()
        self._wake.set()
        with self._lock:
            stream, self._stream = self._stream, None
            worker, self._worker = self._worker, None
        answered = stream is None or close_stream(stream, self.device_timeout_s)
        if worker is not None and worker is not threading.current_thread():
            worker.join(self.device_timeout_s)  # a long render ends at its next step, unheard
        self._playhead = self._play_from
        return answered

    def seek(self, seconds: float) -> None:
        """Move the playhead; playing goes on from there after at most one device block."""
        self._restart_at(self._seconds_to_sample(seconds))
        if self._state == "stopped":
            self._play_from = self._playhead

    def set_loop(self, loop: tuple[float, float] | None) -> None:
        """Loop [start, end) seconds, or play straight through with None."""
        if loop is None:
            self._loop = None
            return
        start, end = (round(s * SAMPLE_RATE_HZ) for s in loop)
        if not 0 <= start < end:
            raise TesseraError(
                QT_TRANSLATE_NOOP(
                    "Playback", "a loop must end after it starts, got {loop}-{loop_2} s"
                ).format(loop=loop[0], loop_2=loop[1])
            )
        self._loop = (start, end)
        if self._state != "stopped" and not start <= self._playhead < end:
            self._restart_at(start)

    def set_song(self, song: Song) -> None:
        """Play an edited song from the next block on, without a gap."""
        self._mix = SongMix(song, self.renderer)

    def close(self) -> None:
        self.stop()

    def _seconds_to_sample(self, seconds: float) -> int:
        if seconds < 0:
            raise TesseraError(
                QT_TRANSLATE_NOOP(
                    "Playback", "cannot play from before the start ({seconds} s)"
                ).format(seconds=seconds)
            )
        return round(seconds * SAMPLE_RATE_HZ)

    def _restart_at(self, sample: int) -> None:
        self._start_sample = sample
        self._playhead = sample
        self._generation += 1  # after the start: the worker reads them in the other order
        self._wake.set()

    # The sound card's thread ----------------------------------------------------------------

    def _callback(self, outdata: np.ndarray, frames: int, _time: Any, status: Any) -> None:
        self._callbacks += 1
        if status and getattr(status, "output_underflow", False):
            self.underruns += 1
        filled = 0
        generation = self._generation
        while self._read < self._written:
            slot = self._read % self._slots
            if self._slot_generation[slot] != generation:
                self._read += 1
                self._read_offset = 0
                continue
            if self._paused or filled == frames:
                break
            length = int(self._slot_length[slot])
            count = min(frames - filled, length - self._read_offset)
            base = slot * BLOCK_FRAMES + self._read_offset
            outdata[filled : filled + count] = self._ring[base : base + count]
            filled += count
            self._read_offset += count
            self._playhead = int(self._slot_start[slot]) + round(
                self._read_offset * SAMPLE_RATE_HZ / self._device_rate
            )
            if self._read_offset >= length:
                self._read += 1
                self._read_offset = 0
        if filled and self.first_sound_at is None:
            self.first_sound_at = time.perf_counter()
        if filled < frames:
            outdata[filled:] = 0
            end = self._end_slot
            if end is not None and end[0] == generation and self._read >= end[1]:
                self._drained = True
            elif not self._paused and self.first_sound_at is not None:
                self.underruns += 1  # a gap in the sound (waiting for the first block is not)

    def _stream_finished(self) -> None:
        if self._state != "stopped":
            self._device_lost = True
            self._wake.set()

    # The worker thread ----------------------------------------------------------------------

    def _run(self, stop_asked: threading.Event) -> None:
        try:
            self._mix_ahead(stop_asked)
        except Exception as err:  # reported to the user, never a dead thread
            if not stop_asked.is_set():
                self._report_error(f"playback stopped: {err}")

    def _mix_ahead(self, stop_asked: threading.Event) -> None:
        feed: Feed | None = None
        last_report = 0.0
        heartbeat = _Heartbeat()
        while not stop_asked.is_set():
            if feed is None or feed.generation != self._generation:
                generation = self._generation
                feed = Feed(generation, self._start_sample, self._device_rate)
                self._end_slot = None
            if self._device_lost:
                self._report_error(
                    "the audio device stopped while playing (unplugged or taken by another "
                    "program): choose an output device and press play again"
                )
                return
            if self._drained:
                self._finish()
                return
            now = time.perf_counter()
            if self._watch_device and heartbeat.stalled(self._started, self._callbacks, now):
                self._report_error(NOT_ANSWERING)
                return
            if self.on_position and now - last_report >= POSITION_INTERVAL_SECONDS:
                last_report = now
                self.on_position(self.position_seconds)
            mix = self._mix
            if mix is None or feed.done or self._written - self._read >= self._slots:
                if mix is not None and not feed.done:  # a full ring: render notes ahead
                    ahead = feed.position + round(PREPARE_AHEAD_SECONDS * SAMPLE_RATE_HZ)
                    mix.prepare(feed.position, ahead, max_notes=BATCH_NOTES)
                self._wake.wait(0.005)
                self._wake.clear()
                continue
            self._write_slot(mix, feed)

    def _write_slot(self, mix: SongMix, feed: Feed) -> None:
        """Fill the next ring slot from the feed, mixing more of the song as needed."""
        while len(feed.pending) < BLOCK_FRAMES and not feed.ended:
            feed.mix_block(mix, self._loop)
        frames = min(BLOCK_FRAMES, len(feed.pending))
        slot = self._written % self._slots
        base = slot * BLOCK_FRAMES
        self._ring[base : base + frames] = feed.pending[:frames]
        self._slot_start[slot] = round(feed.pending_song_start)
        self._slot_length[slot] = frames
        self._slot_generation[slot] = feed.generation
        self._written += 1
        feed.consume(frames, self._loop)
        if feed.done:
            self._end_slot = (feed.generation, self._written)

    def _finish(self) -> None:
        self.stop()
        if self.on_finished:
            self.on_finished()

    def _report_error(self, message: str) -> None:
        self._stop()  # whether the lost device answers or not, this message says it all
        if self.on_error:
            self.on_error(message)


class _Heartbeat:
    """The worker's watch on the sound card: stalled once a started device has not called
    back for STALL_SECONDS."""

    def __init__(self) -> None:
        self._count = -1
        self._since = 0.0

    def stalled(self, started: bool, callbacks: int, now: float) -> bool:
        if not started or callbacks != self._count:
            self._count, self._since = callbacks, now
            return False
        return now - self._since > STALL_SECONDS
