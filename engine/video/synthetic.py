"""Videos of coloured shots with known cut times, for the tests and the benchmark.

Each shot is a flat colour with a square moving across it (so the picture has motion as well as
cuts); the cut times are exact frame times. Written with encoders FFmpeg carries itself or under
permissive licences (mpeg4, VP8/VP9), never a GPL one.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import numpy as np

from engine.video.pyav import av
from engine.video.pyav_backend import audio_codec

CODECS = {".mp4": "mpeg4", ".mov": "mpeg4", ".mkv": "mpeg4", ".webm": "libvpx", ".avi": "mpeg4"}
"""The picture encoder for each kind of file: none of them GPL."""
PALETTE = (
    (200, 40, 40),
    (40, 160, 60),
    (40, 60, 200),
    (220, 200, 40),
    (160, 40, 180),
    (40, 190, 200),
    (240, 130, 30),
    (90, 90, 90),
)


@dataclass(frozen=True)
class Made:
    """A made video and the truth about it."""

    path: Path
    cuts: tuple[float, ...]
    duration_s: float
    fps: float


def make_shots_video(
    path: str | os.PathLike[str],
    shot_frames: Sequence[int],
    *,
    fps: int = 25,
    size: tuple[int, int] = (160, 96),
    motion: Sequence[float] | None = None,
    audio: bool = False,
) -> Made:
    """A video of one shot per entry of `shot_frames` (its length in frames), each a colour
    with a square moving `motion[i]` pixels a frame (default 2); with `audio`, a quiet tone."""
    target = Path(path)
    width, height = size
    codec = CODECS.get(target.suffix.lower(), "mpeg4")
    with av.open(str(target), mode="w") as container:
        stream = container.add_stream(codec, rate=fps)
        assert isinstance(stream, av.video.stream.VideoStream)
        stream.width, stream.height = width, height
        stream.pix_fmt = "yuv420p"
        stream.bit_rate = 400_000
        sound_codec, rate = audio_codec(target)
        sound = container.add_stream(sound_codec, rate=rate) if audio else None
        assert sound is None or isinstance(sound, av.audio.stream.AudioStream)
        total = sum(shot_frames)
        number = 0
        for shot, frames in enumerate(shot_frames):
            speed = 2.0 if motion is None else motion[shot]
            for step in range(frames):
                picture = _shot_frame(width, height, PALETTE[shot % len(PALETTE)], step * speed)
                frame = av.VideoFrame.from_ndarray(picture, format="rgb24")
                frame.pts = number
                frame.time_base = Fraction(1, fps)
                container.mux(stream.encode(frame))
                number += 1
        container.mux(stream.encode(None))
        if sound is not None:
            _tone(container, sound, total / fps, rate)
    cuts = tuple(float(sum(shot_frames[:i])) / fps for i in range(1, len(shot_frames)))
    return Made(target, cuts, total / fps, float(fps))


def _shot_frame(width: int, height: int, colour: tuple[int, int, int], offset: float) -> np.ndarray:
    picture = np.empty((height, width, 3), dtype=np.uint8)
    picture[:] = colour
    side = max(height // 4, 4)
    left = int(offset) % max(width - side, 1)
    top = (height - side) // 2
    picture[top : top + side, left : left + side] = (255 - np.array(colour)).astype(np.uint8)
    return picture


def _tone(
    container: av.container.OutputContainer,
    stream: av.audio.stream.AudioStream,
    seconds: float,
    rate: int,
) -> None:
    samples = int(seconds * rate)
    tone = (0.1 * np.sin(2 * np.pi * 220 * np.arange(samples) / rate)).astype(np.float32)
    chunk = 1024
    for start in range(0, samples, chunk):
        part = tone[start : start + chunk].reshape(1, -1)
        frame = av.AudioFrame.from_ndarray(part, format="flt", layout="mono")
        frame.sample_rate = rate
        frame.pts = start
        container.mux(stream.encode(frame))
    container.mux(stream.encode(None))
