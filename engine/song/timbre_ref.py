"""Which sound a track uses (`TimbreRef`) and the checks on a timbre vector.

Kept apart from `engine.song.song`, which re-exports these names.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from engine.song.values import SongError, check_int, check_number, shown
from engine.words import QT_TRANSLATE_NOOP

TIMBRE_DIMENSION = 24
"""Numbers in a generated timbre's vector: the timbre model's `timbre_dim` (models/timbre/card.json;
a test keeps the two equal). A vector of another length cannot be rendered."""
MAX_TIMBRE_COMPONENT = 1000.0
"""The largest size of one vector number. The shipped instruments stay within 1.3 and a nudge moves
at most about 0.4, so no edit gets near it; past it the model's float32 sums stop being music."""
MAX_MODEL_VERSION = 1_000_000
"""The largest timbre model version a timbre may name (versions count up from 1)."""
MAX_SEED = 2**64 - 1
"""Seeds are unsigned 64-bit numbers (the random generators refuse negative ones)."""


TimbreKind = Literal["gm", "generated", "soundfont"]
TIMBRE_KINDS: tuple[TimbreKind, ...] = ("gm", "generated", "soundfont")


@dataclass(frozen=True, slots=True)
class TimbreRef:
    """Which sound a track uses: the timbre model's General MIDI default for its program
    ("gm"), a model timbre ("generated"), or the standard sound set ("soundfont": FluidSynth
    playing the General MIDI SoundFont, see `engine.sound.soundfont`).

    A generated timbre is reproduced exactly from its `seed` and `vector`. A "soundfont" ref may
    keep the model timbre the track had (`seed` and `vector`, both or neither), so choosing the
    Tessera timbre again gives it back (`standard()` and `tessera()` switch). `program` is set
    only on a resolved standard-sound ref (the note cache's key, the instrument FluidSynth
    plays); a track's ref leaves it None and plays the track's program.
    """

    kind: TimbreKind = "gm"
    seed: int | None = None
    vector: tuple[float, ...] = ()
    program: int | None = None
    model: int | None = None
    """The version of the timbre model whose space `vector` is in (`engine.sound.timbre_space`
    stamps it). Each model learns its own space, so a vector only sounds as it did under the
    model that made it (`engine.sound.timbre_version` tells the composer when it does not).
    None: not recorded (timbres made before model v3 did not record it)."""

    def __post_init__(self) -> None:
        if self.kind not in TIMBRE_KINDS:
            raise SongError(
                QT_TRANSLATE_NOOP(
                    "TimbreRef", "timbre kind must be 'gm', 'generated' or 'soundfont', got {shown}"
                ).format(shown=shown(self.kind))
            )
        if self.seed is not None:
            check_int("timbre seed", self.seed, 0, MAX_SEED)
        if self.kind == "generated" and (self.seed is None or not self.vector):
            raise SongError(
                QT_TRANSLATE_NOOP("TimbreRef", "a generated timbre needs both a seed and a vector")
            )
        if self.kind == "soundfont" and (self.seed is None) != (not self.vector):
            raise SongError(
                QT_TRANSLATE_NOOP(
                    "TimbreRef",
                    "a standard-sound timbre keeps both a seed and a vector, or neither",
                )
            )
        if self.program is not None:
            if self.kind != "soundfont":
                raise SongError(
                    QT_TRANSLATE_NOOP(
                        "TimbreRef", "only a standard-sound timbre names a program, not {kind!r}"
                    ).format(kind=self.kind)
                )
            check_int("timbre program", self.program, 0, 127)
        if self.model is not None:
            check_int("timbre model", self.model, 1, MAX_MODEL_VERSION)
            if not self.vector:
                raise SongError(
                    QT_TRANSLATE_NOOP(
                        "TimbreRef", "only a timbre with a vector names the model that made it"
                    )
                )
        object.__setattr__(self, "vector", _timbre_vector(self.vector))

    @property
    def is_standard(self) -> bool:
        """True for the standard sound set (the SoundFont), False for a Tessera timbre."""
        return self.kind == "soundfont"

    def standard(self) -> TimbreRef:
        """The standard sound set, keeping a generated timbre to come back to."""
        if self.kind == "soundfont":
            return self
        if self.kind == "generated":
            return TimbreRef("soundfont", self.seed, self.vector, model=self.model)
        return TimbreRef("soundfont")

    def tessera(self) -> TimbreRef:
        """The Tessera timbre this ref stands for: a standard ref's kept timbre, else the
        General MIDI default; a Tessera ref as it is."""
        if self.kind != "soundfont":
            return self
        if self.vector:
            return TimbreRef("generated", self.seed, self.vector, model=self.model)
        return TimbreRef()


def _timbre_vector(values: Iterable[object]) -> tuple[float, ...]:
    """A timbre vector checked as the model needs it: empty (the General MIDI default) or
    `TIMBRE_DIMENSION` finite numbers (a NaN renders silence and a wrong length cannot render)."""
    vector = tuple(values)
    if len(vector) not in (0, TIMBRE_DIMENSION):
        raise SongError(
            QT_TRANSLATE_NOOP(
                "TimbreRef",
                "timbre vector must hold {timbre_dimension} numbers (or none), got {vector_count}",
            ).format(timbre_dimension=TIMBRE_DIMENSION, vector_count=len(vector))
        )
    bound = MAX_TIMBRE_COMPONENT
    return tuple(
        check_number(f"timbre vector[{index}]", number, -bound, bound)
        for index, number in enumerate(vector)
    )
