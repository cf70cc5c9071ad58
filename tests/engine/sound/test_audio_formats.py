"""Every audio format Tessera writes, written block by block as a render streams it and read
back with libsndfile: WAV and FLAC exactly, MP3 and OGG Vorbis as long and as loud as what went
in; an unknown suffix is refused before any work, naming the formats that are written."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest
import soundfile

from engine.sound.audio_files import (
    AUDIO_SUFFIXES,
    SAMPLE_RATE_HZ,
    AudioError,
    audio_file_format,
    write_blocks,
)

SECONDS = 3.0
BLOCK_FRAMES = 4096


def _tone() -> npt.NDArray[np.float32]:
    """Three seconds of a 440 Hz tone with a quieter fifth in the right channel."""
    t = np.arange(int(SECONDS * SAMPLE_RATE_HZ)) / SAMPLE_RATE_HZ
    left = 0.4 * np.sin(2 * np.pi * 440 * t)
    right = 0.2 * np.sin(2 * np.pi * 660 * t)
    return np.stack([left, right], axis=1).astype(np.float32)


def _blocks(audio: npt.NDArray[np.float32]) -> list[npt.NDArray[np.float32]]:
    return [audio[i : i + BLOCK_FRAMES] for i in range(0, len(audio), BLOCK_FRAMES)]


def _rms(audio: npt.NDArray[np.float32]) -> float:
    return float(np.sqrt(np.mean(np.square(audio, dtype=np.float64))))


@pytest.mark.parametrize("suffix", [".mp3", ".ogg"])
def test_compressed_exports_read_back_as_long_and_as_loud(tmp_path: Path, suffix: str) -> None:
    tone = _tone()
    path = tmp_path / f"tone{suffix}"
    written = write_blocks(path, _blocks(tone))
    assert written.frames == len(tone)
    assert written.peak == pytest.approx(0.4, abs=1e-3)
    back, rate = soundfile.read(path, dtype="float32")
    assert rate == SAMPLE_RATE_HZ
    assert back.shape[1] == 2
    assert len(back) / rate == pytest.approx(SECONDS, abs=0.05)  # an encoder's padding at most
    for channel in (0, 1):
        assert _rms(back[:, channel]) == pytest.approx(_rms(tone[:, channel]), rel=0.1)
    # The left channel is still the louder one: the channels are not swapped or mixed down.
    assert _rms(back[:, 0]) > 1.5 * _rms(back[:, 1])
    info = soundfile.info(str(path))
    assert info.format == suffix.lstrip(".").upper()


@pytest.mark.parametrize("suffix", [".wav", ".flac"])
def test_lossless_exports_hold_the_samples(tmp_path: Path, suffix: str) -> None:
    tone = _tone()
    path = tmp_path / f"tone{suffix}"
    write_blocks(path, _blocks(tone))
    back, _ = soundfile.read(path, dtype="float32")
    assert back.shape == tone.shape
    assert np.abs(back - tone).max() < 1e-6  # 24-bit rounding


def test_every_offered_suffix_is_known() -> None:
    assert AUDIO_SUFFIXES == (".wav", ".flac", ".mp3", ".ogg")
    assert audio_file_format("x.OGG") == ("OGG", "VORBIS")
    assert audio_file_format("x.mp3") == ("MP3", "MPEG_LAYER_III")


def test_an_unknown_suffix_is_refused_naming_the_formats_written(tmp_path: Path) -> None:
    with pytest.raises(AudioError, match=r"\.wav, \.flac, \.mp3 or \.ogg, not \.aac") as caught:
        write_blocks(tmp_path / "song.aac", _blocks(_tone()))
    assert "song.aac" in str(caught.value)
    assert not (tmp_path / "song.aac").exists()
    with pytest.raises(AudioError, match="without a suffix"):
        audio_file_format(tmp_path / "song")
