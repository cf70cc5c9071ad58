"""The best the timbre model's controls allow: every note FluidSynth plays, analysed into
control frames exactly as the model's training notes are (`build_scripts.timbre.analysis`),
then played through Tessera's engine in place of the frames the model samples.

Why: the model learns to produce these frames and can at best reproduce them, so how near this
render comes to FluidSynth is the ceiling of any timbre model over the same controls (64
harmonics and 32 noise bands, 50 frames a second, and a drum hit's envelope every 5 ms, which
the synthesizer follows: `engine.sound.drum_envelope`) and the same synthesizer, note shaping
and release handling. A target the ceiling itself misses asks for new controls or a new
synthesizer, not for more training.

`python -m benchmarks.sound_reference --resynthesis` adds it as a column.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from benchmarks.sound_renders import Renderer, tessera
from build_scripts.timbre import DRUM_PROGRAM, WINDOW_FRAMES
from build_scripts.timbre import NoteSpec as RenderedNote
from build_scripts.timbre.analysis import audio_to_controls
from build_scripts.timbre.render import render_notes
from engine.song.song import Song
from engine.sound.note_cache import NoteRenderer
from engine.sound.sampler import Sampler
from engine.sound.timbre import NoteSpec, TimbreModel, snap_to_silence

NAME = "resynthesized FluidSynth"
"""The column's name in the benchmark's tables."""


class ResynthesisModel(TimbreModel):
    """A timbre model whose frames for a note are the analysis of FluidSynth's own rendering of
    it, for one instrument at a time (`program`; the drum kit for drum notes). It shares the
    loaded model's card, space and session, so notes are resolved, shaped, synthesized and
    ended exactly as the model's are; only the sampling is replaced."""

    def __init__(self, model: TimbreModel, program: int) -> None:
        # Not TimbreModel.__init__: the loaded model's state is taken as it is, not reloaded.
        self.__dict__.update(model.__dict__)
        self.program = program

    def _sample_batch(
        self, notes: Sequence[NoteSpec], steps: int, temperature: float, sampler: Sampler
    ) -> npt.NDArray[np.float32]:
        """Each note rendered by FluidSynth at its velocity and (window-capped) length and
        analysed into the window's frames (`steps`, `temperature` and `sampler` have nothing to
        do). A batch is one instrument: the songs rendered are one track each."""
        is_drum = notes[0].is_drum
        if any(note.is_drum != is_drum for note in notes):
            raise ValueError("resynthesis renders one instrument at a time")
        program = DRUM_PROGRAM if is_drum else self.program
        rendered = [
            RenderedNote(program, n.pitch, n.velocity, n.duration_seconds, "train") for n in notes
        ]
        frames = [
            audio_to_controls(audio, note.pitch, WINDOW_FRAMES, is_drum=is_drum, drum_envelope=True)
            for note, audio in zip(notes, render_notes(rendered), strict=True)
        ]
        return snap_to_silence(np.stack(frames).astype(np.float32))


def resynthesis(model: TimbreModel) -> Renderer:
    """Renders a one-instrument song (the benchmark's phrases and drum hits) through Tessera's
    engine with `ResynthesisModel` frames: mono, dry and narrow, as the Tessera column is."""
    if model.frames != WINDOW_FRAMES:
        raise ValueError(
            f"the model's window is {model.frames} frames and the training data's "
            f"{WINDOW_FRAMES}: resynthesis compares like with like only at the same window"
        )

    def run(song: Song) -> npt.NDArray[np.float32]:
        pitched = {track.program for track in song.tracks if not track.is_drum}
        if len(pitched) > 1:
            raise ValueError("resynthesis renders songs of one instrument (and drums)")
        renderer = NoteRenderer(ResynthesisModel(model, pitched.pop() if pitched else 0))
        return tessera(renderer, standard=False)(song)

    return run
