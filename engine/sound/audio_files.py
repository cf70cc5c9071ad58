"""Audio files written by Tessera: 24-bit WAV or FLAC, or MP3 or OGG (Vorbis) to share, streamed
block by block.

A render is written as it is made (`write_blocks`): memory holds one block, not the song, so a
long song costs disk, never RAM. The file appears under its name only once it is complete: the
blocks go to a hidden partial file beside it, which replaces the target at the end, so a failed
or cancelled render leaves an earlier file as it was.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import numpy as np
import numpy.typing as npt

from engine.atomic_write import write_atomically
from engine.errors import TesseraError
from engine.sound.synth import OUTPUT_RATE_HZ
from engine.words import QT_TRANSLATE_NOOP

SAMPLE_RATE_HZ = OUTPUT_RATE_HZ
"""Renders and playback run at 44.1 kHz, the timbre synthesizer's own rate."""
CHANNELS = 2
FILE_FORMATS = {
    ".wav": ("WAV", "PCM_24"),
    ".flac": ("FLAC", "PCM_24"),
    ".mp3": ("MP3", "MPEG_LAYER_III"),
    ".ogg": ("OGG", "VORBIS"),
}
"""Each suffix written here, with libsndfile's container and sample format: 24-bit WAV and FLAC
are what a DAW imports without a question; MP3 and OGG Vorbis are what a video editor, a phone
or a message takes (libsndfile 1.1 and later encodes both)."""
FILE_SUBTYPES = {suffix: subtype for suffix, (_, subtype) in FILE_FORMATS.items()}
AUDIO_SUFFIXES = tuple(FILE_FORMATS)
"""The audio file suffixes Tessera writes, in the order they are offered."""

StereoAudio = npt.NDArray[np.float32]
"""(frames, 2) float32 in -1..1."""


class AudioError(TesseraError):
    """A render or audio file that cannot be made: bad selection, too long, unwritable file."""


@dataclass(frozen=True)
class WrittenAudio:
    """What went into a file: its length and its loudest sample."""

    frames: int
    peak: float
    sample_rate_hz: int = SAMPLE_RATE_HZ

    @property
    def seconds(self) -> float:
        return self.frames / self.sample_rate_hz

    @property
    def peak_dbfs(self) -> float | None:
        """The peak in dB below full scale; None for silence."""
        return 20 * math.log10(self.peak) if self.peak > 0 else None


def supported_suffixes_text() -> str:
    """The suffixes written here, as a sentence lists them: '.wav, .flac, .mp3 or .ogg'."""
    return ", ".join(AUDIO_SUFFIXES[:-1]) + " or " + AUDIO_SUFFIXES[-1]


def audio_file_format(path: str | os.PathLike[str]) -> tuple[str, str]:
    """(container, sample format) for an audio file name, or AudioError for a format not
    written here (check before a long render, not after)."""
    target = Path(path)
    chosen = FILE_FORMATS.get(target.suffix.lower())
    if chosen is None:
        raise AudioError(
            QT_TRANSLATE_NOOP(
                "AudioFiles",
                "cannot write {name}: audio is written as {supported_suffixes_text}, "
                "not {value}; choose one of those suffixes",
            ).format(
                name=target.name,
                supported_suffixes_text=supported_suffixes_text(),
                value=target.suffix or "a file without a suffix",
            )
        )
    if not target.parent.is_dir():
        raise AudioError(
            QT_TRANSLATE_NOOP(
                "AudioFiles", "cannot write {target}: the folder {parent} does not exist"
            ).format(target=target, parent=target.parent)
        )
    return chosen


def audio_file_subtype(path: str | os.PathLike[str]) -> str:
    """The sample format for an audio file name (see `audio_file_format`)."""
    return audio_file_format(path)[1]


def write_blocks(
    path: str | os.PathLike[str],
    blocks: Iterable[npt.NDArray[np.float32]],
    sample_rate_hz: int = SAMPLE_RATE_HZ,
    channels: int = CHANNELS,
) -> WrittenAudio:
    """Write each block, (frames, channels), as it comes to a 24-bit WAV or FLAC, an MP3 or an
    OGG Vorbis file (by the file's suffix). A file that cannot be written is an AudioError.
    The file is written like a project (`engine.atomic_write`): whatever stops the blocks (an
    error, a cancelled job, a kill -9) leaves the earlier file, if any, as it was; a link stays
    a link and the file's mode stays."""
    import soundfile  # the app's first render pays for libsndfile, not its start-up

    target = Path(path)
    kind, subtype = audio_file_format(target)
    written = [0, 0.0]  # frames, peak

    def write(handle: IO[bytes]) -> None:
        with soundfile.SoundFile(
            handle, "w", sample_rate_hz, channels, subtype=subtype, format=kind
        ) as file:
            for block in blocks:
                file.write(block)
                written[0] += len(block)
                written[1] = max(written[1], float(np.abs(block).max(initial=0.0)))

    try:
        write_atomically(target, write)
    except (OSError, RuntimeError) as err:  # soundfile reports libsndfile errors as these
        raise AudioError(
            QT_TRANSLATE_NOOP("AudioFiles", "could not write {target}: {err}").format(
                target=target, err=err
            )
        ) from err
    return WrittenAudio(int(written[0]), written[1], sample_rate_hz)


def write_audio(
    path: str | os.PathLike[str],
    audio: npt.NDArray[np.float32],
    sample_rate_hz: int = SAMPLE_RATE_HZ,
) -> None:
    """Write audio already in memory, (frames,) or (frames, channels), as `write_blocks` does."""
    channels = 1 if audio.ndim == 1 else int(audio.shape[1])
    write_blocks(path, [audio], sample_rate_hz, channels)
