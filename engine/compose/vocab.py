"""The token vocabulary of Tessera's symbolic model, derived in one place and able to print itself.

Why not MidiTok's `MMM` tokenizer (tried first, MidiTok 3.1.0): it tokenizes symusic Scores, not
the Song grid, so every track repeats the tempo and meter and tempos come back binned to odd
values; its attribute controls cover density, polyphony, pitch class and duration but not pitch
range, velocity or rhythm; it builds no infilling sequence (placeholders plus fills at the end),
which is the format this model needs; and it pulls huggingface_hub and tokenizers into the
app's runtime. The grammar masks of the sampler also need a token grammar known exactly. So
the vocabulary below is Tessera's own; it is small (about 500 tokens) and versioned.

The time grid is 12 steps per quarter note (40 ticks at PPQ 480): sixteenths and eighth-note
triplets land on it exactly.
"""

from __future__ import annotations

import bisect
import enum
import json
import math
import os
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np
import numpy.typing as npt

from engine.errors import TesseraError
from engine.song.song import PPQ
from engine.song.styles import STYLE_NAMES
from engine.words import QT_TRANSLATE_NOOP

TOKENIZER_VERSION = "tessera-mmm-2"
"""2 appends the `Style_` tokens after every token of 1, so version 1 ids are unchanged and a
version-1 model can be grown into a version-2 one (see `models.midi.train --init-from`)."""

STEPS_PER_QUARTER = 12
TICKS_PER_STEP = PPQ // STEPS_PER_QUARTER
MAX_BAR_STEPS = 8 * STEPS_PER_QUARTER
"""The longest bar the grid can hold: 8 quarters (4/2 or 8/4)."""

DURATION_STEPS = (*range(1, 13), 15, 16, 18, 21, 24, 30, 36, 42, 48, 60, 72, 84, 96)
"""Allowed note lengths in steps: every step up to a quarter, then musical values up to 8 beats."""

VELOCITY_LEVELS = tuple(range(8, 128, 8))
"""16 loudness levels (8, 16, ..., 120); a note's velocity snaps to the nearest."""

TEMPO_BPM_LEVELS = tuple(round(40 * 2 ** (i / 8)) for i in range(22))
"""Tempo header values, 40-240 BPM in steps of about 9%."""

METERS = (
    *((n, 2) for n in range(1, 5)),
    *((n, 4) for n in range(1, 9)),
    *((n, 8) for n in range(1, 17)),
    *((n, 16) for n in range(1, 17)),
)
"""The time signatures a bar token can carry: every bar up to 8 quarters in halves, quarters,
eighths or sixteenths, so pickup bars (which the corpus writes as, e.g., 1/8) fit too."""

DENSITY_EDGES = (1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33)
"""Bar note-count bins: 0, 1, 2, 3, 4, 5-6, 7-8, 9-12, 13-16, 17-24, 25-32, 33+."""
MAX_POLYPHONY = 6
PITCH_RANGE_BIN = 6
"""Pitch range controls in half-octave bins (pitch // 6)."""

SPECIAL_TOKENS = ("PAD", "BOS", "EOS", "Track_End", "Bar_End", "Fill", "Fill_Start", "Fill_End")


class Kind(enum.IntEnum):
    """What a token is, read from its id (`Vocabulary.kinds`): the decode loop and the
    sampler's grammar run once per token written, and work on ids without spelling them out."""

    OTHER = 0
    POS = 1
    PITCH = 2
    DUR = 3
    VEL = 4
    BAR = 5
    """A bar's opening token, `Bar_n/d` (not `Bar_End`)."""
    BAR_END = 6
    PROGRAM = 7
    FILL_START = 8
    FILL_END = 9


_KIND_PREFIXES = {
    "Pos": Kind.POS,
    "Pitch": Kind.PITCH,
    "Dur": Kind.DUR,
    "Vel": Kind.VEL,
    "Program": Kind.PROGRAM,
}
_VALUED = (Kind.POS, Kind.PITCH, Kind.DUR, Kind.VEL)

IdArray = npt.NDArray[np.intp]


def _frozen(ids: list[int]) -> IdArray:
    """An id array shared by every user of a vocabulary, so made read-only."""
    array = np.array(ids, dtype=np.intp)
    array.flags.writeable = False
    return array


class TokenizerError(TesseraError):
    """A Song the token grid cannot hold, or tokens that do not decode."""


class TokenizerVersionError(TokenizerError):
    """A model's vocabulary file does not match this version of Tessera's tokenizer."""


def nearest(levels: tuple[int, ...], value: float) -> int:
    """The level closest to `value` (ties go to the lower level)."""
    index = bisect.bisect_left(levels, value)
    if index == 0:
        return levels[0]
    if index == len(levels):
        return levels[-1]
    below, above = levels[index - 1], levels[index]
    return below if value - below <= above - value else above


def density_bin(note_count: int) -> int:
    return bisect.bisect_right(DENSITY_EDGES, note_count)


def tempo_level(tempo_bpm: float) -> int:
    """The tempo level closest on a log scale (tempo is felt as a ratio)."""
    return min(TEMPO_BPM_LEVELS, key=lambda level: abs(math.log(level / tempo_bpm)))


@dataclass(frozen=True)
class Vocabulary:
    """Token strings and their ids. Sections, in id order, are listed by `describe`."""

    tokens: tuple[str, ...]
    version: str = TOKENIZER_VERSION

    @classmethod
    def build(cls) -> Vocabulary:
        sections = [list(SPECIAL_TOKENS)]
        sections.append([f"Tempo_{bpm}" for bpm in TEMPO_BPM_LEVELS])
        sections.append(
            [f"Key_{sf}_{mode}" for sf in range(-7, 8) for mode in ("major", "minor")]
            + ["Key_none"]
        )
        sections.append([f"Program_{p}" for p in range(128)] + ["Program_drums"])
        sections.append([f"Bar_{n}/{d}" for n, d in METERS])
        sections.append([f"Density_{i}" for i in range(len(DENSITY_EDGES) + 1)])
        sections.append([f"Poly_{i}" for i in range(1, MAX_POLYPHONY + 1)])
        sections.append([f"Low_{i}" for i in range(128 // PITCH_RANGE_BIN + 1)])
        sections.append([f"High_{i}" for i in range(128 // PITCH_RANGE_BIN + 1)])
        sections.append([f"PC_{i}" for i in range(12)])
        sections.append([f"MeanVel_{v}" for v in VELOCITY_LEVELS])
        sections.append([f"Onsets_{i}" for i in range(len(DENSITY_EDGES) + 1)])
        sections.append([f"Pos_{i}" for i in range(MAX_BAR_STEPS)])
        sections.append([f"Pitch_{p}" for p in range(128)])
        sections.append([f"Dur_{d}" for d in DURATION_STEPS])
        sections.append([f"Vel_{v}" for v in VELOCITY_LEVELS])
        sections.append(["Style_none"] + [f"Style_{name}" for name in STYLE_NAMES])
        return cls(tuple(token for section in sections for token in section))

    @cached_property
    def ids(self) -> dict[str, int]:
        return {token: index for index, token in enumerate(self.tokens)}

    def __len__(self) -> int:
        return len(self.tokens)

    def id(self, token: str) -> int:
        try:
            return self.ids[token]
        except KeyError as err:
            raise TokenizerError(
                QT_TRANSLATE_NOOP("Vocab", "{token!r} is not a token of {version}").format(
                    token=token, version=self.version
                )
            ) from err

    @cached_property
    def kinds(self) -> tuple[Kind, ...]:
        """The kind of every token, by id."""
        kinds = []
        for token in self.tokens:
            prefix = token.partition("_")[0]
            if token == "Bar_End":
                kinds.append(Kind.BAR_END)
            elif token in ("Fill_Start", "Fill_End"):
                kinds.append(Kind.FILL_START if token == "Fill_Start" else Kind.FILL_END)
            elif prefix == "Bar":
                kinds.append(Kind.BAR)
            else:
                kinds.append(_KIND_PREFIXES.get(prefix, Kind.OTHER))
        return tuple(kinds)

    @cached_property
    def values(self) -> tuple[int, ...]:
        """The number a Pos, Pitch, Dur or Vel token carries (its step, pitch, length in steps
        or velocity), by id; -1 for every other token."""
        return tuple(
            int(token.partition("_")[2]) if kind in _VALUED else -1
            for token, kind in zip(self.tokens, self.kinds, strict=True)
        )

    @cached_property
    def pitch_ids(self) -> IdArray:
        """The id of `Pitch_p` at index p, for p in 0-127."""
        return _frozen([self.id(f"Pitch_{pitch}") for pitch in range(128)])

    @cached_property
    def pos_ids(self) -> IdArray:
        """The id of `Pos_s` at index s, for every step a bar can hold."""
        return _frozen([self.id(f"Pos_{step}") for step in range(MAX_BAR_STEPS)])

    @cached_property
    def duration_ids(self) -> IdArray:
        """The ids of the `Dur_` tokens, in `DURATION_STEPS` order."""
        return _frozen([self.id(f"Dur_{steps}") for steps in DURATION_STEPS])

    @cached_property
    def velocity_ids(self) -> dict[int, int]:
        """The id of each `Vel_` token, by velocity level."""
        return {level: self.id(f"Vel_{level}") for level in VELOCITY_LEVELS}

    def encode(self, tokens: Iterable[str]) -> list[int]:
        """The ids of a token sequence: where a prompt's strings end (the model and the
        sampler's grammar work on ids only)."""
        ids = self.ids
        try:
            return [ids[token] for token in tokens]
        except KeyError as err:
            raise TokenizerError(
                QT_TRANSLATE_NOOP("Vocab", "{args!r} is not a token of {version}").format(
                    args=err.args[0], version=self.version
                )
            ) from err

    def ids_with_prefix(self, prefix: str) -> list[int]:
        """Ids of every token of one kind, e.g. 'Pitch_' (the sampler's masks use these)."""
        return [index for token, index in self.ids.items() if token.startswith(prefix)]

    def describe(self) -> str:
        """One line per token kind: its id range and how many there are."""
        kinds: dict[str, list[int]] = {}
        for index, token in enumerate(self.tokens):
            kind = "special" if token in SPECIAL_TOKENS else token.split("_")[0]
            kinds.setdefault(kind, []).append(index)
        lines = [f"{self.version}: {len(self)} tokens"]
        lines += [
            f"  {kind:<10} {ids[0]:>4}-{ids[-1]:<4} ({len(ids)})" for kind, ids in kinds.items()
        ]
        return "\n".join(lines)

    def save(self, path: str | os.PathLike[str]) -> None:
        data = {"version": self.version, "tokens": list(self.tokens)}
        Path(path).write_text(json.dumps(data, indent=0) + "\n", encoding="utf-8")

    @classmethod
    def load_checked(cls, path: str | os.PathLike[str]) -> Vocabulary:
        """Load a model's vocabulary file and refuse it unless it matches this tokenizer."""
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
            version, tokens = data["version"], tuple(data["tokens"])
        except (OSError, ValueError, KeyError, TypeError) as err:
            raise TokenizerVersionError(
                QT_TRANSLATE_NOOP("Vocab", "cannot read the vocabulary file {path}: {err}").format(
                    path=path, err=err
                )
            ) from err
        current = cls.build()
        if version != current.version or tokens != current.tokens:
            raise TokenizerVersionError(
                QT_TRANSLATE_NOOP(
                    "Vocab",
                    "the model was trained with tokenizer {version!r} ({tokens_count} "
                    "tokens) but this Tessera uses {version_2!r} ({current_count} tokens): "
                    "install the model that ships with this version, or retrain it",
                ).format(
                    version=version,
                    tokens_count=len(tokens),
                    version_2=current.version,
                    current_count=len(current),
                )
            )
        return current
