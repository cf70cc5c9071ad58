"""The two records passed between the builder and its worker processes.

They live apart from `build` so that `assemble` can name their types without importing the
process-pool code, and they hold only plain data so they pickle cheaply between processes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from build_scripts.corpus.families import Step


@dataclass(frozen=True, slots=True)
class Job:
    """What a worker process needs to parse and convert one work."""

    work_id: str
    path: str
    abc_text: str
    title: str
    default_program: int
    cache_file: str


@dataclass(frozen=True, slots=True)
class Converted:
    """A worker's answer: the Song's figures and melody, or the error that stopped it."""

    work_id: str
    error: str = ""
    parts: int = 0
    programs: str = ""
    bars: int = 0
    notes: int = 0
    song_sha256: str = ""
    music_sha256: str = ""
    steps: list[Step] = field(default_factory=list)
