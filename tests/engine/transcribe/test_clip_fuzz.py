"""Damaged and hostile audio clips: each one loads or is refused in one line, never a traceback.

Real clips in every format the app reads are written by libsndfile, then damaged with a fixed
seed: cut short, bytes flipped in the header and the body, header fields set to impossible
values (no channels, 65,535 channels, a rate of 0 or 4 GHz, a data chunk claiming 4 GiB), and
junk. `load_clip` (what Audio to Notes and `tessera-cli transcribe` read a clip with) must
return samples or raise TranscriptionError naming the file; anything else fails the test.
"""

from __future__ import annotations

import random
import struct
from pathlib import Path

import numpy as np
import pytest
import soundfile

from engine.transcribe.notes import TranscriptionError
from engine.transcribe.transcriber import load_clip

SEED = 17
CASES_PER_FORMAT = 160
RATE_HZ = 22_050
FORMATS = {
    "wav": ("WAV", "PCM_16"),
    "flac": ("FLAC", "PCM_16"),
    "ogg": ("OGG", "VORBIS"),
    "aiff": ("AIFF", "PCM_24"),
    "float.wav": ("WAV", "FLOAT"),
}


def _clip_bytes(tmp_path: Path, suffix: str) -> bytes:
    kind, subtype = FORMATS[suffix]
    seconds = np.arange(RATE_HZ // 2) / RATE_HZ
    tone = (0.4 * np.sin(2 * np.pi * 330 * seconds)).astype(np.float32)
    path = tmp_path / f"clean.{suffix}"
    soundfile.write(path, np.stack([tone, tone[::-1]], axis=1), RATE_HZ, subtype, format=kind)
    return path.read_bytes()


def _wav_field_damage(data: bytes, rng: random.Random) -> bytes:
    """Set one of a WAV header's numbers to something no clip has."""
    damaged = bytearray(data)
    offset, form = rng.choice(
        [(22, "<H"), (24, "<I"), (28, "<I"), (32, "<H"), (34, "<H"), (4, "<I"), (40, "<I")]
    )
    value = rng.choice([0, 1, 0xFFFF if form == "<H" else 0xFFFFFFFF, 3, 7])
    struct.pack_into(form, damaged, offset, value)
    return bytes(damaged)


def _damage(data: bytes, rng: random.Random, suffix: str) -> bytes:
    how = rng.randrange(6)
    if how == 0:
        return data[: rng.randrange(len(data))]
    if how == 1:  # a few bytes in the header
        damaged = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            damaged[rng.randrange(min(64, len(damaged)))] = rng.randrange(256)
        return bytes(damaged)
    if how == 2:  # bytes anywhere
        damaged = bytearray(data)
        for _ in range(rng.randint(1, 40)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        return bytes(damaged)
    if how == 3 and suffix.endswith("wav"):
        return _wav_field_damage(data, rng)
    if how == 4:
        return data[:64] + bytes(rng.randrange(256) for _ in range(rng.randrange(2000)))
    return bytes(rng.randrange(256) for _ in range(rng.randrange(1, 3000)))


@pytest.mark.parametrize("suffix", list(FORMATS))
def test_damaged_clips_load_or_are_refused_in_one_line(tmp_path: Path, suffix: str) -> None:
    clean = _clip_bytes(tmp_path, suffix)
    mono, rate = load_clip(tmp_path / f"clean.{suffix}")
    assert rate == RATE_HZ
    assert len(mono) == RATE_HZ // 2  # the clean clip itself loads whole
    rng = random.Random(f"{SEED}-{suffix}")
    outcomes = {"loaded": 0, "refused": 0}
    for case in range(CASES_PER_FORMAT):
        path = tmp_path / f"case{case}.{suffix}"
        path.write_bytes(_damage(clean, rng, suffix))
        try:
            samples, sample_rate = load_clip(path)
        except TranscriptionError as err:
            message = str(err)
            assert "\n" not in message
            assert path.name in message or str(path) in message
            outcomes["refused"] += 1
            continue
        assert samples.dtype == np.float32
        assert np.isfinite(samples).all()
        assert sample_rate > 0
        outcomes["loaded"] += 1
    assert outcomes["refused"] > 0  # the damage reaches the reader; not every case is benign
