"""The timbre data set as torch tensors, read from the cache that build_scripts.timbre writes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from build_scripts.timbre import DATASET_PATH, SPLITS, audible


@dataclass(frozen=True)
class NoteSet:
    """Notes of one or more splits: controls (N, F, C) and per-note conditioning (N,)."""

    controls: torch.Tensor
    program: torch.Tensor
    pitch: torch.Tensor
    velocity: torch.Tensor
    duration: torch.Tensor

    @property
    def is_drum(self) -> torch.Tensor:
        return (self.program == 128).float()

    def __len__(self) -> int:
        return len(self.program)

    def take(self, index: torch.Tensor) -> NoteSet:
        return NoteSet(
            self.controls[index],
            self.program[index],
            self.pitch[index],
            self.velocity[index],
            self.duration[index],
        )


def load_notes(splits: tuple[str, ...], path: Path = DATASET_PATH) -> NoteSet:
    """The notes of `splits` (see build_scripts.timbre.SPLITS), in grid order."""
    if not path.is_file():
        raise FileNotFoundError(f"no timbre data set at {path}: run python -m build_scripts.timbre")
    data = np.load(path)
    keep = np.isin(data["split"], [SPLITS.index(split) for split in splits])
    keep &= audible(data["controls"])
    return NoteSet(
        controls=torch.from_numpy(data["controls"][keep].astype(np.float32)),
        program=torch.from_numpy(data["program"][keep].astype(np.int64)),
        pitch=torch.from_numpy(data["pitch"][keep].astype(np.float32)),
        velocity=torch.from_numpy(data["velocity"][keep].astype(np.float32)),
        duration=torch.from_numpy(data["duration"][keep].astype(np.float32)),
    )
