"""Where each track sits in the stereo picture: its width and how much it sends to the reverb.

A note's audio is mono. A track with width 0 is placed by its pan alone (the constant-power law
of `engine.sound.render.pan_gains`), so it is a point: left and right are the same signal. A
wider track adds a *side* signal, a decorrelated copy of itself added to the left and taken from
the right (mid/side): the two channels differ, as a section's or a pad's do, while their sum,
which is what a mono speaker plays, is the track as it was. The decorrelated copy comes from one
fixed FIR filter with a flat magnitude and random phases (`decorrelator_taps`); it passes
nothing below `SIDE_LOW_HZ`, so bass stays centred however wide the track. `decorrelate` runs it
by FFT on a grid of cells fixed in the song's samples, so a cell is computed the same way, to
the last bit, whichever block asks for it.

Defaults come from the General MIDI family (the program's group of eight), in the table that
the MIDI export and composing read too (`engine.song.stage`): strings, ensembles, choirs,
organs and pads wide and fairly wet; basses and synth leads centred, and basses dry; drums
narrow with a little reverb. A track's own `width` and `reverb_send_db`, when set, win.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from engine.song.song import MIN_REVERB_SEND_DB, Track
from engine.song.stage import DRUM_SEAT, FAMILY_SEATS, effective_reverb_send_db
from engine.sound.audio_files import SAMPLE_RATE_HZ

__all__ = [
    "DECORRELATOR_TAPS",
    "DRUM_SPACE",
    "FAMILY_SPACE",
    "SIDE_AT_FULL_WIDTH",
    "SIDE_CELL_FRAMES",
    "SIDE_LOW_HZ",
    "Space",
    "decorrelate",
    "decorrelator_taps",
    "send_gain",
    "track_space",
    "width_gains",
]

SIDE_AT_FULL_WIDTH = 0.7
"""Side level, relative to the track, at width 1. A centred dry note then has a left/right
correlation of (1 - 0.49) / (1 + 0.49) = 0.34, about a SoundFont pad's; more side would dig
deep notches into each channel (the side and the mid add in and out of phase by frequency)."""
DECORRELATOR_TAPS = 512
"""Length of the decorrelating filter: 11.6 ms, long enough that its phase turns many times
across a cello's harmonics, short enough not to be heard as an echo."""
SIDE_FFT_FRAMES = 2048
SIDE_CELL_FRAMES = SIDE_FFT_FRAMES - (DECORRELATOR_TAPS - 1)
"""Side samples made by one FFT of `SIDE_FFT_FRAMES` (overlap-save)."""
FFT_ROUNDING_FLOOR = 1e-9
"""-180 dBFS: side samples below this are the FFT's rounding where the exact answer is 0 (a
cell's samples before its first note), and are made 0, so silence stays digital silence."""
SIDE_LOW_HZ = 120.0
"""The side signal starts above this: bass notes stay in the middle of the picture."""
DECORRELATOR_SEED = 18
"""Fixed, so every render of a song is the same to the last sample."""


@dataclass(frozen=True, slots=True)
class Space:
    """A track's place in the picture: its width (0-1) and reverb send (dB, None for none)."""

    width: float
    reverb_send_db: float | None


FAMILY_SPACE: tuple[Space, ...] = tuple(
    Space(seat.width, seat.reverb_send_db) for seat in FAMILY_SEATS
)
"""Default width and reverb send of each General MIDI family (programs 0-7, 8-15, ...), from
the one table of stage defaults (`engine.song.stage`)."""
DRUM_SPACE = Space(DRUM_SEAT.width, DRUM_SEAT.reverb_send_db)
"""A drum kit: nearly a point (the kick and snare in the middle), a little room."""


def track_space(track: Track) -> Space:
    """The width and reverb send a track is mixed with: its own, or its family's default
    (by its first program; a send at `MIN_REVERB_SEND_DB` is no send)."""
    default = DRUM_SPACE if track.is_drum else FAMILY_SPACE[track.program // 8]
    width = default.width if track.width is None else track.width
    return Space(width, effective_reverb_send_db(track))


def send_gain(reverb_send_db: float | None) -> float:
    """Linear send gain; exactly 0 for no send, `MIN_REVERB_SEND_DB` or below (or -inf)."""
    if reverb_send_db is None or reverb_send_db <= MIN_REVERB_SEND_DB:
        return 0.0
    return 10 ** (reverb_send_db / 20)


def width_gains(width: float) -> tuple[float, float]:
    """(mid, side) gains for a width: the side at `SIDE_AT_FULL_WIDTH` * width, the mid
    lowered so each channel keeps the track's power. Width 0 is exactly (1, 0)."""
    side = SIDE_AT_FULL_WIDTH * width
    return 1.0 / math.sqrt(1.0 + side * side), side


@functools.cache
def decorrelator_taps() -> npt.NDArray[np.float64]:
    """The side signal's filter: unit magnitude and random phase at each of its frequencies
    above `SIDE_LOW_HZ`, nothing below (a fixed seed: the same taps in every run).

    Written here because no library the project uses ships a decorrelator; it is twelve
    lines of numpy."""
    rng = np.random.default_rng(DECORRELATOR_SEED)
    bins = DECORRELATOR_TAPS // 2 + 1
    frequencies = np.fft.rfftfreq(DECORRELATOR_TAPS, 1 / SAMPLE_RATE_HZ)
    spectrum = np.exp(2j * np.pi * rng.random(bins))
    spectrum[frequencies < SIDE_LOW_HZ] = 0.0
    spectrum[-1] = 1.0  # the Nyquist bin of a real filter is real
    taps = np.fft.irfft(spectrum, DECORRELATOR_TAPS)
    taps.setflags(write=False)  # shared by every mix
    return taps


@functools.cache
def _decorrelator_spectrum() -> npt.NDArray[np.complex128]:
    spectrum = np.fft.rfft(decorrelator_taps(), SIDE_FFT_FRAMES)
    spectrum.setflags(write=False)
    return spectrum


def decorrelate(sides: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """The decorrelated side (channels, cells * `SIDE_CELL_FRAMES`) of `sides` (channels,
    cells * `SIDE_CELL_FRAMES` + `DECORRELATOR_TAPS` - 1), whose first samples are the
    history the first cell's filter needs. One FFT per cell, always of the same shape, so the
    same cell gives the same samples whichever stretch of cells it is computed in."""
    history = DECORRELATOR_TAPS - 1
    cells = (sides.shape[1] - history) // SIDE_CELL_FRAMES
    out = np.empty((sides.shape[0], cells * SIDE_CELL_FRAMES))
    for cell in range(cells):
        begin = cell * SIDE_CELL_FRAMES
        window = np.fft.rfft(sides[:, begin : begin + SIDE_FFT_FRAMES], axis=1)
        filtered = np.fft.irfft(window * _decorrelator_spectrum(), SIDE_FFT_FRAMES, axis=1)
        out[:, begin : begin + SIDE_CELL_FRAMES] = filtered[:, history:]
    out[np.abs(out) < FFT_ROUNDING_FLOOR] = 0.0
    return out
