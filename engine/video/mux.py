"""A copy of a video with a soundtrack in place of its sound; the original is never touched.

The backend (`engine.video.backend`) writes it: PyAV copies the picture's packets as they are,
Qt Multimedia re-encodes the picture. Either way the soundtrack is cut or padded to exactly the
picture's length, and the copy is written beside its final name and moved into place when
whole, so a failure leaves no half-written video.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import numpy.typing as npt

from engine.video.backend import VideoBackend, chosen
from engine.video.probe import VideoError, checked_file
from engine.words import QT_TRANSLATE_NOOP


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
                "will not overwrite the original video {name}: choose another output name, "
                "such as {suggested}",
            ).format(name=source.name, suggested=f"{source.stem}-scored{source.suffix}")
        )


def mux_soundtrack(
    source: str | os.PathLike[str],
    target: str | os.PathLike[str],
    audio: npt.NDArray[np.float32],
    sample_rate_hz: int,
    duration_s: float,
    *,
    backend: VideoBackend | None = None,
) -> Path:
    """Write `target` (or the name `backend` writes instead, which is returned): `source`'s
    picture with `audio` ((frames, channels) float32 at `sample_rate_hz`) as its only sound,
    `duration_s` long."""
    writer = chosen(backend)
    src = checked_file(source)
    out = writer.output_path(Path(target))
    refuse_overwrite(src, out)
    rate = writer.audio_rate(out)
    pcm = _exact_length(_resampled(audio, sample_rate_hz, rate), round(duration_s * rate))
    partial = out.with_name(f".{out.name}.partial{out.suffix}")
    try:
        writer.write(src, partial, pcm, duration_s)
        os.replace(partial, out)
    except OSError as err:
        raise VideoError(
            QT_TRANSLATE_NOOP(
                "VideoMux",
                "could not write {name}: {err}; check the folder can be written and has space",
            ).format(name=out.name, err=err)
        ) from err
    finally:
        partial.unlink(missing_ok=True)
    return out


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
