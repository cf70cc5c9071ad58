"""Build the timbre model's training data: single notes rendered from a free SoundFont.

Every General MIDI program 0-127 (since version 9 the sound effects 120-127 too, such as
seashore and gunshot, at pitches like any instrument's) and the standard drum kit are rendered
note by note
with FluidSynth from Debian's fluid-soundfont-gm (FluidR3 GM, MIT licence), then analysed into
control frames (`build_scripts.timbre.analysis`). The grid of notes is exact and derived here, in
one place, so the manifest can describe it instead of listing thousands of rows.

    python -m build_scripts.timbre            # render, analyse, write cache and manifest

Splits: for every instrument, 4 of its 24 pitches are held out ("test_pitch"); the rest is
"train". The drum kit, the only one, is trained on every key. Up to version 3 the model held
12 instruments out entirely ("test_instrument") to measure how it generalizes to timbres it
never heard; since version 4 every General MIDI instrument is trained, because a held-out
instrument is one the app plays badly (the string quartet's cello was one), and the split is
empty.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from engine.sound.synth import LAYOUT

PROJECT_ROOT = Path(__file__).resolve().parents[2]
TIMBRE_DIR = PROJECT_ROOT / "models" / "timbre"
CACHE_DIR = TIMBRE_DIR / "cache"
DATASET_PATH = CACHE_DIR / "dataset.npz"
MANIFEST_PATH = TIMBRE_DIR / "manifest.json"

SOUNDFONT_PACKAGE = "fluid-soundfont-gm"
DEFAULT_SOUNDFONT = Path("/usr/share/sounds/sf2/FluidR3_GM.sf2")
"""Where Debian's fluid-soundfont-gm installs the SoundFont; TESSERA_SOUNDFONT overrides it."""
SOUNDFONT_COPYRIGHT = Path("/usr/share/doc/fluid-soundfont-gm/copyright")

MELODIC_PROGRAMS = tuple(range(120))
SOUND_EFFECT_PROGRAMS = tuple(range(120, 128))
"""Guitar fret noise to gunshot: rendered and trained like any instrument since timbre model v9.
Their pitch is only where the SoundFont plays their sample faster or slower. Left out (to
version 8) they played the prior's mean vector, 20-27 dB from FluidSynth."""
PROGRAMS = MELODIC_PROGRAMS + SOUND_EFFECT_PROGRAMS
"""Every General MIDI program in the data set."""
DRUM_PROGRAM = 128
"""The drum kit's instrument index (GM drums are not a program; they sit on channel 10)."""
DRUM_KEYS = tuple(range(35, 82))
"""General MIDI percussion keys, Acoustic Bass Drum (35) to Open Triangle (81)."""
HELD_OUT_PROGRAMS: tuple[int, ...] = ()
"""Instruments never seen in training (the "test_instrument" split): none since version 4.
Version 3 held out (1, 11, 17, 26, 34, 42, 57, 66, 74, 81, 89, 105)."""
PITCHES_PER_PROGRAM = 24
"""Pitches rendered per instrument, 2-2.6 semitones apart across its range (version 3: 12,
4-5 semitones apart, which left whole key zones of a SoundFont's samples unheard)."""
HELD_OUT_PITCH_SLOTS = (4, 9, 14, 19)
"""Which of each instrument's pitches (low to high) are held out: interior ones, a sixth of
them as in version 3 (2 of 12)."""
VELOCITIES = (40, 80, 120)
DURATIONS_SECONDS = (0.5, 2.0)
DRUM_DURATION_SECONDS = 0.5
WINDOW_FRAMES = 128
"""Control frames per note: 2.56 s at 50 frames per second (the note, then its release)."""

FAMILY_RANGES = (
    (33, 96),  # piano
    (55, 96),  # chromatic percussion
    (36, 96),  # organ
    (40, 84),  # guitar
    (28, 60),  # bass
    (36, 84),  # strings
    (36, 90),  # ensemble
    (40, 82),  # brass
    (44, 88),  # reed
    (60, 96),  # pipe
    (48, 96),  # synth lead
    (36, 84),  # synth pad
    (36, 84),  # synth effects
    (48, 84),  # ethnic
    (48, 84),  # percussive
    (36, 84),  # sound effects
)
"""Lowest and highest MIDI pitch rendered, per family of eight programs (roughly each family's
playing range)."""
PROGRAM_RANGES = {
    40: (55, 96),  # violin
    41: (48, 84),  # viola
    42: (36, 72),  # cello
    43: (28, 55),  # contrabass
    47: (40, 57),  # timpani
    56: (55, 84),  # trumpet
    57: (40, 72),  # trombone
    58: (28, 58),  # tuba
    60: (41, 77),  # french horn
    64: (56, 88),  # soprano sax
    67: (36, 69),  # baritone sax
    70: (34, 72),  # bassoon
    72: (74, 103),  # piccolo
    116: (36, 60),  # taiko drum
}


SPLITS = ("train", "test_pitch", "test_instrument")
"""Split names; the data set stores each note's split as an index into this tuple."""


def audible(controls: npt.NDArray[np.floating]) -> npt.NDArray[np.bool_]:
    """(N,) True for notes with any sound, from control frames (N, F, C). FluidR3 has no sample
    for a few instruments at the top of their rendered range (alto sax and English horn at MIDI
    88); those render silent and are left out of training (the manifest lists them)."""
    heard: npt.NDArray[np.bool_] = controls[:, :, LAYOUT.levels].max(axis=(1, 2)) > -1.0
    return heard


class SoundFontMissingError(RuntimeError):
    """The SoundFont is not installed where expected."""


def soundfont_path() -> Path:
    """The FluidR3 GM SoundFont: $TESSERA_SOUNDFONT, or where the Debian package puts it."""
    path = Path(os.environ.get("TESSERA_SOUNDFONT", DEFAULT_SOUNDFONT))
    if not path.is_file():
        raise SoundFontMissingError(
            f"no SoundFont at {path}: install it with "
            f"`apt-get install {SOUNDFONT_PACKAGE}` (see build_scripts/debian-packages.txt) "
            "or point TESSERA_SOUNDFONT at FluidR3_GM.sf2"
        )
    return path


@dataclass(frozen=True, order=True)
class NoteSpec:
    """One rendered note. `program` is 0-119, or DRUM_PROGRAM with `pitch` the drum key."""

    program: int
    pitch: int
    velocity: int
    duration_seconds: float
    split: str

    @property
    def is_drum(self) -> bool:
        return self.program == DRUM_PROGRAM


def program_pitches(program: int) -> tuple[int, ...]:
    """Up to `PITCHES_PER_PROGRAM` pitches of a melodic program, evenly spread over its range."""
    low, high = PROGRAM_RANGES.get(program, FAMILY_RANGES[program // 8])
    spread = np.round(np.linspace(low, high, PITCHES_PER_PROGRAM)).astype(int)
    return tuple(int(p) for p in np.unique(spread))  # a narrow range (timpani) has fewer


def note_grid() -> list[NoteSpec]:
    """Every note of the data set, in render order (program, pitch, velocity, duration)."""
    notes: list[NoteSpec] = []
    for program in PROGRAMS:
        for slot, pitch in enumerate(program_pitches(program)):
            if program in HELD_OUT_PROGRAMS:
                split = "test_instrument"
            else:
                split = "test_pitch" if slot in HELD_OUT_PITCH_SLOTS else "train"
            notes += [
                NoteSpec(program, pitch, velocity, duration, split)
                for velocity in VELOCITIES
                for duration in DURATIONS_SECONDS
            ]
    notes += [
        NoteSpec(DRUM_PROGRAM, key, velocity, DRUM_DURATION_SECONDS, "train")
        for key in DRUM_KEYS
        for velocity in VELOCITIES
    ]
    return notes
