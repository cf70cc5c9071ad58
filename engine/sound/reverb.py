"""The shared reverb: one stereo room that every track sends to, heard with the dry mix.

The room is a convolution with a synthetic impulse response: stereo noise (a fixed seed, so
every render is the same to the last sample) decaying exponentially, the lows in
`RT60_SECONDS`, the highs above `CROSSOVER_HZ` in `HIGH_RT60_SECONDS` (air and walls take the
highs first), with a short swell at the start. The left and right responses are independent
noise, so even a centred, mono track comes back from the room wide. Each channel's response
passes the mids (`MIDS_HZ`, where an instrument's power lies) at unit power gain on average: a
send at -12 dB gives a reverb about 12 dB under a sustained note.

The convolution is partitioned (overlap-save, the partitions' spectra held in a frequency-domain
delay line; the first 160 ms in `PARTITION_FRAMES` pieces, the rest in `TAIL_PARTITION_FRAMES`
pieces, four times cheaper per sample), so a block of any size costs the same per sample and the
state carries from block to block: blocks of any size give the samples of one pass, bit for bit,
because every partition is computed the same way whatever the block. The room's first
`PARTITION_FRAMES` are silent: that is its pre-delay (23 ms), and it is what lets a partition's
output be computed from inputs already complete.

Written here because none of the project's libraries streams a convolution with state between
blocks (scipy, not a dependency, convolves whole arrays; pedalboard's reverb is GPL); it is a
few numpy lines per partition and is checked by numbers (RT60, block independence) in tests.
"""

from __future__ import annotations

import functools
import math
from typing import Any

import numpy as np
import numpy.typing as npt

from engine.sound.audio_files import CHANNELS, SAMPLE_RATE_HZ

__all__ = [
    "CROSSOVER_HZ",
    "HIGH_RT60_SECONDS",
    "PARTITION_FRAMES",
    "RT60_SECONDS",
    "Reverb",
    "impulse_response",
    "reverb_tail_frames",
]

RT60_SECONDS = 1.8
"""Time for the room's sound to fall 60 dB below the mid frequencies: a small hall, kind to a
string quartet or a choir and short enough not to blur a pop song at -15 dB."""
HIGH_RT60_SECONDS = 0.9
"""The same above `CROSSOVER_HZ`: highs die first, so the tail is warm, never hissing."""
CROSSOVER_HZ = 3000.0
HIGH_LEVEL = 0.5
"""The highs' share at the start of the tail (-6 dB): a room is darker than a noise burst."""
MIDS_HZ = (200.0, 2000.0)
"""Where most of an instrument's power lies: the room's gain is 1 on average across it."""
SWELL_SECONDS = 0.01
"""The tail fades in over this long instead of starting with a click."""
PARTITION_FRAMES = 1024
"""Samples per partition of the response's head; also the pre-delay (23 ms at 44.1 kHz)."""
HEAD_PARTITIONS = 7
TAIL_PARTITION_FRAMES = 8192
"""Samples per partition of the rest: eight head partitions, so the tail's own one-partition
delay is exactly the pre-delay and the head (`_segments`)."""
IMPULSE_SEED = 60
"""Fixed, so every reverb is the same room."""

Stereo64 = npt.NDArray[np.float64]


@functools.cache
def impulse_response(rt60_seconds: float = RT60_SECONDS) -> Stereo64:
    """The room's response (frames, 2), without the pre-delay: `rt60_seconds` long, by which
    time the mid frequencies have fallen 60 dB; a power gain of 1 through the mids
    (`MIDS_HZ`) in each channel."""
    frames = round(rt60_seconds * SAMPLE_RATE_HZ)
    seconds = np.arange(frames) / SAMPLE_RATE_HZ
    noise = np.fft.rfft(np.random.default_rng(IMPULSE_SEED).standard_normal((CHANNELS, frames)))
    lows = _lowpass(np.fft.rfftfreq(frames, 1 / SAMPLE_RATE_HZ))
    low = np.fft.irfft(noise * lows, frames)
    high = np.fft.irfft(noise * np.sqrt(1.0 - lows**2), frames)
    high_rt60 = rt60_seconds * HIGH_RT60_SECONDS / RT60_SECONDS

    def decay(rt60: float) -> Stereo64:
        return np.asarray(10 ** (-3.0 * seconds / rt60))  # -60 dB at rt60

    room = low * decay(rt60_seconds) + HIGH_LEVEL * high * decay(high_rt60)
    swell = min(frames, round(SWELL_SECONDS * SAMPLE_RATE_HZ))
    room[:, :swell] *= np.sin(np.linspace(0.0, math.pi / 2, swell)) ** 2
    power = np.abs(np.fft.rfft(room, axis=1)) ** 2
    mids = _band(np.fft.rfftfreq(frames, 1 / SAMPLE_RATE_HZ))
    room /= np.sqrt(power[:, mids].mean(axis=1, keepdims=True))
    response = np.ascontiguousarray(room.T)
    response.setflags(write=False)
    return response


def _band(frequencies_hz: npt.NDArray[np.floating[Any]]) -> npt.NDArray[np.bool_]:
    return np.asarray((frequencies_hz >= MIDS_HZ[0]) & (frequencies_hz <= MIDS_HZ[1]))


def _lowpass(frequencies_hz: npt.NDArray[np.floating[Any]]) -> npt.NDArray[np.float64]:
    """A 4th-order Butterworth magnitude at `CROSSOVER_HZ`, applied to the noise's spectrum
    (noise has no phase worth keeping); the highs get the power it leaves."""
    return np.asarray(1.0 / np.sqrt(1.0 + (frequencies_hz / CROSSOVER_HZ) ** 8))


def _weights(segment: Stereo64, size: int) -> npt.NDArray[np.complex64]:
    """A segment of the response (2, frames) as the spectra of its `size`-sample partitions,
    last partition first and the list written twice (2, 2K, size + 1), so the delay line's
    weights are one contiguous slice (`_Partitioned._output`)."""
    count = math.ceil(segment.shape[1] / size)
    parts = np.zeros((CHANNELS, count * size))
    parts[:, : segment.shape[1]] = segment
    padded = np.zeros((CHANNELS, count, 2 * size))
    padded[:, :, :size] = parts.reshape(CHANNELS, count, size)
    spectra = np.fft.rfft(padded, axis=2)[:, ::-1]  # (2, K, size + 1), K-1 .. 0
    doubled = np.concatenate([spectra, spectra], axis=1).astype(np.complex64)
    doubled.setflags(write=False)
    return doubled


@functools.cache
def _segments(rt60_seconds: float) -> tuple[tuple[npt.NDArray[np.complex64], int], ...]:
    """The response cut in two, each with its partition size: the head in small partitions
    (they set the pre-delay), the long tail in large ones, which cost far less per sample. A
    partitioned convolution delays its segment by one partition, so the tail's segment starts
    with the zeros that bring it to its place after the head."""
    response = impulse_response(rt60_seconds).T  # (2, frames)
    head = HEAD_PARTITIONS * PARTITION_FRAMES
    lead = head + PARTITION_FRAMES - TAIL_PARTITION_FRAMES  # the tail's delay beyond its own
    tail = np.concatenate([np.zeros((CHANNELS, lead)), response[:, head:]], axis=1)
    return (
        (_weights(response[:, :head], PARTITION_FRAMES), PARTITION_FRAMES),
        (_weights(tail, TAIL_PARTITION_FRAMES), TAIL_PARTITION_FRAMES),
    )


def reverb_tail_frames(rt60_seconds: float = RT60_SECONDS) -> int:
    """After the last sound sent, the room is silent within this many samples: for each
    segment, the partition the sound came in, the segment's delay and length, and one more
    partition whose overlap-save window still holds the sound (its exact result is zero; the
    FFT's rounding is not)."""
    return max((int(weights.shape[1]) // 2 + 2) * size for weights, size in _segments(rt60_seconds))


class Reverb:
    """The reverb bus: `process` takes the sends of consecutive samples and returns the room's
    sound for the same samples; the tail carries from call to call until `reset`."""

    def __init__(self, rt60_seconds: float = RT60_SECONDS) -> None:
        self._segments = [_Partitioned(*segment) for segment in _segments(rt60_seconds)]

    @property
    def idle(self) -> bool:
        """True when nothing sent is still ringing (the output is exact zeros until a send)."""
        return all(segment.idle for segment in self._segments)

    def reset(self) -> None:
        """Silence the room at once (a seek: the old tail belongs to another place)."""
        for segment in self._segments:
            segment.reset()

    def process(self, sends: npt.NDArray[np.floating[Any]]) -> Stereo64:
        """The room's sound (frames, 2) for `sends` (frames, 2), the samples after the last
        call's."""
        head, *rest = self._segments
        wet = head.process(sends)
        for segment in rest:
            wet += segment.process(sends)
        return wet


class _Partitioned:
    """One segment of the response as a uniformly partitioned convolution (overlap-save),
    its output one partition behind its input."""

    def __init__(self, weights: npt.NDArray[np.complex64], size: int) -> None:
        self._weights = weights
        self._partitions = weights.shape[1] // 2
        self._size = size
        self._spectra = np.zeros((CHANNELS, self._partitions, size + 1), dtype=np.complex64)
        self._window = np.zeros((CHANNELS, 2 * size))  # last partition, then the one filling
        self._out = np.zeros((CHANNELS, size))
        self._fill = 0
        self._count = 0  # partitions of input completed
        self._quiet = self._partitions + 1  # consecutive silent input partitions

    @property
    def idle(self) -> bool:
        return self._quiet > self._partitions and not self._window[:, self._size :].any()

    def reset(self) -> None:
        self._spectra[:] = 0
        self._window[:] = 0
        self._fill = self._count = 0
        self._quiet = self._partitions + 1

    def process(self, sends: npt.NDArray[np.floating[Any]]) -> Stereo64:
        size = self._size
        wet = np.empty((len(sends), CHANNELS))
        done = 0
        while done < len(sends):
            if self._fill == 0:
                self._out = self._output()
            take = min(size - self._fill, len(sends) - done)
            wet[done : done + take] = self._out[:, self._fill : self._fill + take].T
            filling = self._window[:, size + self._fill : size + self._fill + take]
            filling[:] = sends[done : done + take].T
            self._fill += take
            done += take
            if self._fill == size:
                self._push()
        return wet

    def _push(self) -> None:
        """File the completed input partition's spectrum in the delay line."""
        size = self._size
        slot = self._count % self._partitions
        if self._window.any():
            self._spectra[:, slot] = np.fft.rfft(self._window, axis=1)
        else:
            self._spectra[:, slot] = 0
        self._quiet = self._quiet + 1 if not self._window[:, size:].any() else 0
        self._window[:, :size] = self._window[:, size:]
        self._count += 1
        self._fill = 0

    def _output(self) -> Stereo64:
        """The output partition `_count`: every stored input spectrum times the response
        partition that reaches this far (slot s holds input i = s mod K, which meets response
        partition m - 1 - i, found at `_weights[(s - m) mod K]`)."""
        size = self._size
        if self._quiet > self._partitions:
            return np.zeros((CHANNELS, size))
        offset = -self._count % self._partitions
        weights = self._weights[:, offset : offset + self._partitions]
        total = (self._spectra * weights).sum(axis=1)  # (2, size + 1); 3x einsum's speed
        return np.fft.irfft(total, 2 * size, axis=1)[:, size:]
