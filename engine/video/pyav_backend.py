"""The PyAV backend (the optional `video` extra): decodes with the FFmpeg its wheel carries and
copies the picture packet for packet into the scored copy, so the picture is never re-encoded;
the soundtrack is encoded with FFmpeg's own AAC encoder (Opus in webm, which takes no AAC)."""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path

import numpy as np
import numpy.typing as npt

from engine.video.probe import VideoError, VideoInfo, checked_file, unreadable
from engine.video.pyav import av
from engine.words import QT_TRANSLATE_NOOP

AAC_RATE = 44_100
OPUS_RATE = 48_000
FRAME_SAMPLES = 1024


def audio_codec(path: Path) -> tuple[str, int]:
    """The audio encoder and sample rate for a video file name: AAC (FFmpeg's own encoder),
    or Opus in webm, the one container that takes no AAC."""
    if path.suffix.lower() == ".webm":
        return "libopus", OPUS_RATE
    return "aac", AAC_RATE


class _Frame:
    """A PyAV frame, scaled by FFmpeg when asked."""

    def __init__(self, frame: av.VideoFrame) -> None:
        self._frame = frame
        self.time_s = float(frame.time) if frame.time is not None else None

    def rgb(self, width: int, height: int) -> npt.NDArray[np.uint8]:
        picture = self._frame.to_ndarray(width=width, height=height, format="rgb24")
        return np.asarray(picture, dtype=np.uint8)


class PyAVBackend:
    """Reads and writes videos with PyAV (see the module's notes)."""

    name = "pyav"
    copies_picture = True

    def probe(self, path: Path) -> VideoInfo:
        with open_video(path) as container:
            stream = container.streams.video[0]
            rate = stream.average_rate or stream.guessed_rate or Fraction(25)
            duration = _duration(container, stream)
            if duration is None or duration <= 0:
                raise unreadable(
                    path,
                    QT_TRANSLATE_NOOP(
                        "VideoProbe", "its length is unknown or zero (is it cut short?)"
                    ),
                )
            codec = stream.codec_context.name if stream.codec_context else "unknown"
            return VideoInfo(
                path,
                duration,
                float(rate),
                int(stream.codec_context.width),
                int(stream.codec_context.height),
                bool(container.streams.audio),
                codec,
            )

    def frames(self, path: Path) -> Iterator[_Frame]:
        decoded = 0
        try:
            with open_video(path) as container:
                stream = container.streams.video[0]
                stream.thread_type = "AUTO"
                for frame in container.decode(stream):
                    decoded += 1
                    yield _Frame(frame)
        except av.FFmpegError as err:
            if not decoded:
                raise unreadable(path, f"its picture cannot be decoded ({_reason(err)})") from err
            # a file cut short: what was decoded is the video

    def output_path(self, target: Path) -> Path:
        return target

    def audio_rate(self, target: Path) -> int:
        return audio_codec(target)[1]

    def write(
        self, source: Path, partial: Path, audio: npt.NDArray[np.float32], duration_s: float
    ) -> None:
        codec, rate = audio_codec(partial)
        try:
            with open_video(source) as reader, av.open(str(partial), mode="w") as writer:
                picture_in = reader.streams.video[0]
                picture_out = writer.add_stream_from_template(picture_in)
                sound = writer.add_stream(codec, rate=rate, layout="stereo")
                assert isinstance(sound, av.audio.stream.AudioStream)
                sound.time_base = Fraction(1, rate)
                for packet in reader.demux(picture_in):
                    if packet.dts is None:
                        continue  # the demuxer's flush packet
                    packet.stream = picture_out
                    writer.mux(packet)
                _encode(writer, sound, audio, rate)
        except (av.FFmpegError, ValueError) as err:
            raise VideoError(
                QT_TRANSLATE_NOOP(
                    "VideoMux",
                    "could not write {name}: {err}; check the folder can be written and "
                    "has space, or choose an mp4 or mkv name",
                ).format(name=partial.name.removeprefix("."), err=_reason(err))
            ) from err


def open_video(path: Path) -> av.container.InputContainer:
    """The video opened for reading, or a VideoError that says why not."""
    where = checked_file(path)
    try:
        container = av.open(str(where), mode="r")
    except (av.FFmpegError, OSError, ValueError) as err:
        raise unreadable(where, f"it is not a video FFmpeg knows ({_reason(err)})") from err
    if not container.streams.video:
        container.close()
        raise unreadable(
            where, QT_TRANSLATE_NOOP("VideoProbe", "it holds no picture (no video stream)")
        )
    return container


def _duration(
    container: av.container.InputContainer, stream: av.video.stream.VideoStream
) -> float | None:
    """The picture's length from the headers (the analysis measures it from the frames)."""
    if stream.duration is not None and stream.time_base is not None:
        return float(stream.duration * stream.time_base)
    if container.duration is not None:
        return float(container.duration) / av.time_base
    return None


def _encode(
    writer: av.container.OutputContainer,
    sound: av.audio.stream.AudioStream,
    pcm: npt.NDArray[np.float32],
    rate: int,
) -> None:
    planar = np.ascontiguousarray(pcm.T)
    for start in range(0, planar.shape[1], FRAME_SAMPLES):
        frame = av.AudioFrame.from_ndarray(
            np.ascontiguousarray(planar[:, start : start + FRAME_SAMPLES]),
            format="fltp",
            layout="stereo",
        )
        frame.sample_rate = rate
        frame.pts = start
        frame.time_base = Fraction(1, rate)
        writer.mux(sound.encode(frame))
    writer.mux(sound.encode(None))


def _reason(err: BaseException) -> str:
    """FFmpeg's words for what went wrong, without its error number and the path."""
    if isinstance(err, av.FFmpegError) and err.strerror:
        return str(err.strerror).strip()[:120]
    text = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
    return text[:120]
