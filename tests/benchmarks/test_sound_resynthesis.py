"""The controls' ceiling (`benchmarks.sound_resynthesis`): FluidSynth's own notes, analysed as
the training notes are, played through Tessera's engine in place of the model's frames."""

from __future__ import annotations

import numpy as np
import pytest

from benchmarks import sound_measures as measures
from benchmarks.audio_likeness import sine_render
from benchmarks.sound_renders import drum_hits, fluidsynth, mono, phrase
from benchmarks.sound_resynthesis import ResynthesisModel, resynthesis
from build_scripts.timbre import DRUM_PROGRAM, WINDOW_FRAMES
from build_scripts.timbre import NoteSpec as RenderedNote
from build_scripts.timbre.analysis import audio_to_controls
from build_scripts.timbre.render import render_notes
from engine.sound.synth import LAYOUT
from engine.sound.timbre import NoteSpec, TimbreModel, from_gm, snap_to_silence


def test_its_frames_are_the_analysis_of_fluidsynths_note(timbre_model: TimbreModel) -> None:
    model = ResynthesisModel(timbre_model, 40)
    ref = from_gm(timbre_model.space, 40)
    notes = [NoteSpec(ref, 67, 90, 0.5), NoteSpec(ref, 60, 50, 1.0)]
    frames = model.sample_notes(notes)
    assert [note.frames.shape for note in frames] == [
        (WINDOW_FRAMES, frames[0].frames.shape[1])
    ] * 2
    # Rendered as the batch is (FluidSynth starts each note of a batch in its own slot).
    rendered = render_notes(
        [RenderedNote(40, 67, 90, 0.5, "train"), RenderedNote(40, 60, 50, 1.0, "train")]
    )[1]
    expected = snap_to_silence(audio_to_controls(rendered, 60, WINDOW_FRAMES, is_drum=False))
    np.testing.assert_array_equal(frames[1].frames, expected)
    # A louder note reads louder: the velocity reaches FluidSynth.
    levels = [note.frames[:, LAYOUT.levels].max() for note in frames]
    assert levels[0] > levels[1]
    # The model's own frames for the same note are other frames.
    assert not np.array_equal(timbre_model.sample_notes(notes)[1].frames, expected)


def test_drum_hits_are_the_kits_own(timbre_model: TimbreModel) -> None:
    model = ResynthesisModel(timbre_model, 0)
    hit = model.sample_notes(
        [NoteSpec(from_gm(timbre_model.space, 128), 42, 100, 0.5, is_drum=True)]
    )
    rendered = render_notes([RenderedNote(DRUM_PROGRAM, 42, 100, 0.5, "train")])[0]
    # With the hit's envelope, which the synthesizer follows: the controls' ceiling.
    analysed = audio_to_controls(rendered, 42, WINDOW_FRAMES, is_drum=True, drum_envelope=True)
    np.testing.assert_array_equal(hit[0].frames, snap_to_silence(analysed))


def test_a_resynthesized_phrase_is_near_fluidsynth(timbre_model: TimbreModel) -> None:
    song = phrase(0)
    reference = mono(fluidsynth())(song)
    ceiling = measures.mel_distance_db(reference, resynthesis(timbre_model)(song))
    sine = measures.mel_distance_db(reference, sine_render(song))
    # FluidSynth's piano, resynthesized: 3.4 dB from it (the model 4.6, a sine 28.6).
    assert ceiling < 5.0
    assert ceiling < sine / 4
    kit = drum_hits((36, 42))
    assert measures.mel_distance_db(mono(fluidsynth())(kit), resynthesis(timbre_model)(kit)) < 6.0


def test_it_renders_one_instrument_at_a_time(timbre_model: TimbreModel) -> None:
    two = phrase(0)
    other = phrase(40).tracks[0]
    with pytest.raises(ValueError, match="one instrument"):
        resynthesis(timbre_model)(type(two)(bar_count=two.bar_count, tracks=(*two.tracks, other)))
