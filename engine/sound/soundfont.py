"""The standard sound set: General MIDI notes played by FluidSynth from the FluidR3 GM SoundFont.

A track whose sound is "General MIDI (SoundFont)" (`TimbreRef(kind="soundfont")`) is heard
through here instead of the timbre model; `engine.sound.note_cache.NoteRenderer` sends it each
note alone, so every render path (export, playback, the live synth, audition) mixes, caches and
limits these notes exactly as it does the model's.

Library and licences. FluidSynth is the sound the timbre model was trained to copy, so the
standard set is the reference itself, not an imitation. It is reached through `pyfluidsynth`
(ctypes bindings, LGPL-2.1) loading the system's `libfluidsynth.so.3` (Debian's libfluidsynth3,
LGPL-2.1): both are dynamically linked and replaceable by the user, which is what the LGPL asks,
and neither is GPL. The library is the system's, found at run time, never bundled; note that
Debian builds it with GNU readline (GPL-3) for FluidSynth's own interactive shell, so that
library is loaded into the process too, though Tessera neither ships nor calls it (a FluidSynth
built without readline, or the MIT `tinysoundfont`, would avoid even that). The SoundFont
(Debian's fluid-soundfont-gm, FluidR3_GM.sf2) is MIT. Nothing is downloaded: the file is found
where the Debian package installs it, or at $TESSERA_SOUNDFONT. The bindings and the library
load only when the first such note is rendered, so a song without the standard set never
touches them.

How a note is made (`SoundFontSynth.render_note`): the program is selected on one channel
(bank 128 on the drum channel for drums), the note is held for its length, released, and
rendered until it falls 62 dB under its peak or `MAX_TAIL_SECONDS` after the release, at 44.1 kHz,
dry (FluidSynth's reverb and chorus off: the mixer adds the space), as the mean of FluidSynth's
two channels. Everything is written in whole 64-sample blocks, FluidSynth's own step, so a
note-on always lands on the first sample, and a fixed chord played and cut off before each note
leaves the reused voices the same (`SoundFontSynth._prime`), so a note sounds the same every
time, whatever was rendered before it.
"""

from __future__ import annotations

import ctypes
import os
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import numpy.typing as npt

from engine.errors import TesseraError
from engine.words import QT_TRANSLATE_NOOP

SAMPLE_RATE_HZ = 44_100
SOUNDFONT_PATHS = (
    Path("/usr/share/sounds/sf2/FluidR3_GM.sf2"),
    Path("/usr/share/soundfonts/FluidR3_GM.sf2"),
)
"""Where Debian's fluid-soundfont-gm (and distributions that copy its layout) put the file."""
SOUNDFONT_VARIABLE = "TESSERA_SOUNDFONT"
INSTALL_FIX = (
    "install the standard sound set with `sudo apt-get install fluid-soundfont-gm libfluidsynth3` "
    f"(see build_scripts/debian-packages.txt), or point {SOUNDFONT_VARIABLE} at a General MIDI "
    ".sf2 file; or choose 'Tessera timbre' for the track"
)
FLUID_GAIN = 0.4
"""FluidSynth's master gain, the one the timbre model's training notes were rendered with
(build_scripts/timbre/render.py), so a standard note and the model's copy of it are equally
loud before `LOUDNESS_MATCH`."""
LOUDNESS_MATCH = 0.83
"""Scale on every standard note (-1.6 dB) so it sits in a mix like the model's notes. Measured
on eight notes (piano C4, strings C4, flute C5, finger bass E2, each at velocities 64 and 100,
held 0.5 s; RMS of the first 0.5 s): the model's RMS was 0.59 to 0.96 times FluidSynth's at
this gain, median 0.83. Drums are not matched: the model's kit is itself off by up to 15 dB
(its hi-hat 5.7 times too loud, kick and snare 3 times too quiet)."""
BLOCK_FRAMES = 64
"""FluidSynth applies events and writes audio in blocks of this many samples."""
MAX_TAIL_SECONDS = 2.5
"""The longest release kept after the note-off. The mixer bounds a note's audio by its held
length plus the timbre model's window (2.56 s), so a longer tail would be cut there anyway;
a cymbal that still rings is faded over `FADE_SECONDS` instead."""
FADE_SECONDS = 0.05
SILENT = 1e-4
"""-80 dBFS: with `RELEASE_FLOOR`, the level under which a block counts as silence."""
RELEASE_FLOOR = 10 ** (-62 / 20)
"""A release is rendered until a whole block is 62 dB under the note's peak (2 dB past where
the note cache ends it, so the cut lands inside what was rendered)."""
TAIL_STEP_BLOCKS = 16
"""The release is rendered 16 blocks (23 ms) at a time, checking for silence after each."""
PRIMER_CHANNEL = 1
PRIMER_PITCHES = tuple(range(48, 96, 6))
"""Eight piano notes (16 voices: FluidR3's piano is two layers), see `SoundFontSynth._prime`."""
DRUM_CHANNEL = 9
MELODIC_CHANNEL = 0
DRUM_BANK = 128


class SoundFontError(TesseraError):
    """The standard sound set cannot play: FluidSynth or the SoundFont is missing or broken."""


def find_soundfont() -> Path:
    """The General MIDI SoundFont: $TESSERA_SOUNDFONT if set, else FluidR3 where Debian puts it."""
    chosen = os.environ.get(SOUNDFONT_VARIABLE)
    candidates = (Path(chosen),) if chosen else SOUNDFONT_PATHS
    for path in candidates:
        if path.is_file():
            return path
    looked = ", ".join(str(p) for p in candidates)
    raise SoundFontError(
        QT_TRANSLATE_NOOP(
            "Soundfont", "no General MIDI SoundFont found (looked at {looked}): {install_fix}"
        ).format(looked=looked, install_fix=INSTALL_FIX)
    )


def _bindings() -> ModuleType:
    """pyfluidsynth, imported now (it loads libfluidsynth as it is imported)."""
    try:
        import fluidsynth  # type: ignore[import-untyped]
    except (ImportError, OSError) as err:
        raise SoundFontError(
            QT_TRANSLATE_NOOP(
                "Soundfont", "FluidSynth could not be loaded ({err}): {install_fix}"
            ).format(err=err, install_fix=INSTALL_FIX)
        ) from err
    module: ModuleType = fluidsynth
    return module


class SoundFontSynth:
    """One FluidSynth instance with the SoundFont loaded; renders one note at a time.
    Not thread-safe: `NoteRenderer` calls it under its lock."""

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = Path(path) if path is not None else find_soundfont()
        if not self.path.is_file():
            raise SoundFontError(
                QT_TRANSLATE_NOOP("Soundfont", "no SoundFont at {path}: {install_fix}").format(
                    path=self.path, install_fix=INSTALL_FIX
                )
            )
        fluidsynth = _bindings()
        self._synth: Any = fluidsynth.Synth(
            gain=FLUID_GAIN,
            samplerate=SAMPLE_RATE_HZ,
            channels=16,
            **{"synth.reverb.active": 0, "synth.chorus.active": 0, "synth.verbose": 0},
        )
        self._sfid = self._synth.sfload(str(self.path))
        if self._sfid < 0:
            self._synth.delete()
            raise SoundFontError(
                QT_TRANSLATE_NOOP(
                    "Soundfont", "{path} is not a SoundFont FluidSynth can read: {install_fix}"
                ).format(path=self.path, install_fix=INSTALL_FIX)
            )
        # The bindings' get_samples writes 16-bit samples; FluidSynth's float writer keeps a
        # release's quiet end (below 16-bit's step) as the note cache's -80 dB silence needs.
        write = fluidsynth._fl.fluid_synth_write_float
        write.restype = ctypes.c_int
        channel_buffer = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int]  # pointer, offset, step
        write.argtypes = [ctypes.c_void_p, ctypes.c_int, *channel_buffer, *channel_buffer]
        self._write = write
        self._selected: tuple[int, int, int] | None = None  # (channel, bank, program)
        self._synth.program_select(PRIMER_CHANNEL, self._sfid, 0, 0)

    def close(self) -> None:
        self._synth.delete()

    def render_note(
        self, program: int, pitch: int, velocity: int, held_seconds: float, *, is_drum: bool
    ) -> npt.NDArray[np.float32]:
        """Mono float32 audio of one note from its note-on to the end of its release."""
        if not 0 <= program <= 127 or not 0 <= pitch <= 127 or not 1 <= velocity <= 127:
            raise SoundFontError(
                QT_TRANSLATE_NOOP(
                    "Soundfont",
                    "a standard note needs program 0-127, pitch 0-127 and velocity 1-127, "
                    "got {program}, {pitch}, {velocity}",
                ).format(program=program, pitch=pitch, velocity=velocity)
            )
        channel = DRUM_CHANNEL if is_drum else MELODIC_CHANNEL
        self._select(channel, DRUM_BANK if is_drum else 0, 0 if is_drum else program)
        self._prime()
        self._synth.noteon(channel, pitch, velocity)
        held = self._samples(_blocks(held_seconds))
        self._synth.noteoff(channel, pitch)
        tail, ringing = [], True
        peak = float(np.abs(held).max(initial=0.0))
        for _ in range(_blocks(MAX_TAIL_SECONDS) // TAIL_STEP_BLOCKS):
            tail.append(self._samples(TAIL_STEP_BLOCKS))
            level = float(np.abs(tail[-1]).max())
            peak = max(peak, level)
            # Until the release is 60 dB under the note's own peak (the note cache trims it
            # there), or the absolute silence, whichever comes first.
            if level < max(peak * RELEASE_FLOOR, SILENT * RELEASE_FLOOR):
                ringing = False
                break
        self._synth.all_sounds_off(channel)  # nothing of this note reaches the next one
        audio = np.concatenate([held, *tail])
        if ringing:  # a cymbal still sounding at the cap: fade it rather than click
            fade = min(len(audio), round(FADE_SECONDS * SAMPLE_RATE_HZ))
            audio[-fade:] *= np.linspace(1.0, 0.0, fade, dtype=np.float32)
        return audio * np.float32(LOUDNESS_MATCH)

    def _prime(self) -> None:
        """Leave FluidSynth's voices as the same chord always leaves them.

        FluidSynth reuses its voices, and a reused voice starts its first block from what the
        last note left (measured: up to 4e-4, -67 dBFS, in its first 64 samples), so a note
        would depend on the notes before it. A fixed chord (`PRIMER_PITCHES`) played and cut
        off before every note leaves that state the same each time."""
        self._samples(1)  # the last note's voices, cut off, are freed in this block
        for pitch in PRIMER_PITCHES:
            self._synth.noteon(PRIMER_CHANNEL, pitch, 100)
        self._samples(4)
        self._synth.all_sounds_off(PRIMER_CHANNEL)
        self._samples(1)

    def _select(self, channel: int, bank: int, program: int) -> None:
        if self._selected != (channel, bank, program):
            if self._synth.program_select(channel, self._sfid, bank, program) != 0:
                raise SoundFontError(
                    QT_TRANSLATE_NOOP(
                        "Soundfont",
                        "{path} has no instrument for bank {bank}, program {program}: "
                        "{install_fix}",
                    ).format(path=self.path, bank=bank, program=program, install_fix=INSTALL_FIX)
                )
            self._selected = (channel, bank, program)

    def _samples(self, blocks: int) -> npt.NDArray[np.float32]:
        """The next `blocks` blocks of FluidSynth's output, its two channels averaged."""
        frames = blocks * BLOCK_FRAMES
        left = np.zeros(frames, dtype=np.float32)
        right = np.zeros(frames, dtype=np.float32)
        self._write(self._synth.synth, frames, left.ctypes.data, 0, 1, right.ctypes.data, 0, 1)
        mono: npt.NDArray[np.float32] = 0.5 * (left + right)
        return mono


def _blocks(seconds: float) -> int:
    """Whole FluidSynth blocks covering `seconds` (at least one)."""
    return max(1, -(-round(seconds * SAMPLE_RATE_HZ) // BLOCK_FRAMES))
