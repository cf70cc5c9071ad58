"""A copy of a video with a soundtrack in place of its sound; the original is never touched.

The picture's packets are copied as they are (no re-encode, so no picture encoder runs at all);
the soundtrack is encoded with FFmpeg's own AAC encoder (Opus for a webm file, which cannot hold
AAC), cut or padded to exactly the picture's length. The copy is written beside its final name
and moved into place when whole, so a failure leaves no half-written video.
"""

from __future__ import annotations

import os
from fractions import Fraction
from pathlib import Path

import numpy as np
import numpy.typing as npt

from engine.video.probe import VideoError, open_video
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


def refuse_overwrite(source: Path, target: Path) -> None:
    """A VideoError when writing `target` would overwrite the video it is made from."""
    same = target.resolve() == source.resolve()
    if not same and target.exists():
        try:
            same = os.path.samefile(source, target)
        except OSError:
            same = False
    if same:
        raise VideoError(
            QT_TRANSLATE_NOOP(
                "VideoMux",
                "will not overwrite the original video {name}: choose another output "
                "name, such as {stem}-scored{suffix}",
            ).format(name=source.name, stem=source.stem, suffix=source.suffix)
        )


def mux_soundtrack(
    source: str | os.PathLike[str],
    target: str | os.PathLike[str],
    audio: npt.NDArray[np.float32],
    sample_rate_hz: int,
    duration_s: float,
) -> Path:
    """Write `target`: `source`'s picture copied packet for packet, with `audio` ((frames,
    channels) float32 at `sample_rate_hz`) as its only sound, `duration_s` long."""
    src, out = Path(source), Path(target)
    refuse_overwrite(src, out)
    codec, rate = audio_codec(out)
    pcm = _resampled(audio, sample_rate_hz, rate)
    pcm = _exact_length(pcm, round(duration_s * rate))
    partial = out.with_name(f".{out.name}.partial{out.suffix}")
    try:
        with open_video(src) as reader, av.open(str(partial), mode="w") as writer:
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
            _encode(writer, sound, pcm, rate)
        os.replace(partial, out)
    except (av.FFmpegError, OSError, ValueError) as err:
        partial.unlink(missing_ok=True)
        raise VideoError(
            QT_TRANSLATE_NOOP(
                "VideoMux",
                "could not write {name}: {err}; check the folder can be written and "
                "has space, or choose an mp4 or mkv name",
            ).format(name=out.name, err=err)
        ) from err
    finally:
        partial.unlink(missing_ok=True)
    return out


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


def _resampled(audio: npt.NDArray[np.float32], from_hz: int, to_hz: int) -> npt.NDArray[np.float32]:
    """Stereo float32 at `to_hz` (soxr converts the rate when it differs)."""
    stereo = audio if audio.ndim == 2 else audio[:, None]
    if stereo.shape[1] == 1:
        stereo = np.repeat(stereo, 2, axis=1)
    stereo = stereo[:, :2].astype(np.float32)
    if from_hz == to_hz:
        return stereo
    import soxr

    return np.asarray(soxr.resample(stereo, from_hz, to_hz), dtype=np.float32)


def _exact_length(pcm: npt.NDArray[np.float32], frames: int) -> npt.NDArray[np.float32]:
    if len(pcm) >= frames:
        return pcm[:frames]
    return np.concatenate([pcm, np.zeros((frames - len(pcm), pcm.shape[1]), np.float32)])
