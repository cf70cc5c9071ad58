"""The front door on real models and files: compose records a take and an undo step and is
saved with the project; writing refuses to lose locks; render writes the engine's render; check
finds a song in a folder of references; a clip becomes a locked track; a request made while the
composer edits lands around the edit."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest
import soundfile

from benchmarks.transcription import render_fluidsynth
from benchmarks.tunes import d_major_tune
from engine.compose.midi_model import MidiModel
from engine.compose.operations import (
    AddTrack,
    Continue,
    Controls,
    Generate,
    Lock,
    Nudge,
    Regenerate,
    apply,
)
from engine.originality.check import OriginalityError
from engine.project.project_file import load_project_with_takes, save_project
from engine.song.edits import select, set_locked, set_tempo
from engine.song.selection import SelectionError
from engine.sound.render import AudioError, NoteRenderer, RenderSelection, render
from engine.studio.models import Models
from engine.studio.outcomes import Clip, Selection, StudioError
from engine.studio.use_cases import Studio, describe_request
from engine.transcribe.transcriber import NoteModel

RATE = 22_050


@pytest.fixture
def studio(midi_model: MidiModel, renderer: NoteRenderer, note_model: NoteModel) -> Studio:
    models = Models(midi=lambda: midi_model, renderer=lambda: renderer, notes=lambda: note_model)
    made = Studio.headless(models)
    made.new(d_major_tune())
    return made


def test_compose_records_a_take_and_an_undo_step_that_save_keeps(
    studio: Studio, tmp_path: Path
) -> None:
    studio.set_locked([(1, 2)], True)
    before = studio.song
    request = Regenerate(((1, 2), (1, 3), (1, 4)), Controls(scale=None))
    composed = studio.compose(request, seed=5)
    assert composed.applied
    assert composed.locked_kept == 1
    assert composed.message == "Regenerate 3: done (seed 5); 1 locked cell(s) left as they are"
    assert studio.song == apply(studio.models.midi(), before, request, 5)  # the engine's result
    assert studio.song.notes_in_bar(1, 2) == before.notes_in_bar(1, 2)
    assert studio.document.session.history.undo_label == "Regenerate 3 (seed 5)"
    assert [(t.operation, t.seed) for t in studio.takes] == [("regenerate", 5)]
    project = tmp_path / "tune.json"
    assert studio.write(project) == []
    song, takes = load_project_with_takes(project)
    assert (song, takes) == (studio.song, studio.takes)
    assert not studio.document.session.dirty


def test_writing_a_midi_file_refuses_to_lose_locks(studio: Studio, tmp_path: Path) -> None:
    studio.compose(Lock(((0, 0),)), seed=0)
    target = tmp_path / "tune.mid"
    with pytest.raises(StudioError, match=r"tune\.mid is a MIDI file, which cannot hold locks"):
        studio.write(target, keep_locks=True)
    assert not target.exists()
    assert studio.write(target) == []  # the notes alone, when locks need not be kept
    assert target.exists()


def test_a_result_lands_around_an_edit_made_while_the_model_wrote(studio: Studio) -> None:
    job = studio.compose_job(Regenerate(((1, 5),), Controls()), seed=3)
    result = job.work(None)
    studio.document.apply_edit(set_tempo(studio.song, 96.0), "Set tempo")  # meanwhile
    composed = job.finish(result)
    assert composed.applied
    assert studio.song.tempos[0].tempo_bpm == 96.0
    assert studio.song.notes_in_bar(1, 5) == result.notes_in_bar(1, 5)
    assert studio.takes[-1].song == studio.song


def test_requests_are_named_as_the_undo_list_shows_them() -> None:
    cells = ((0, 1), (0, 2))
    assert describe_request(Regenerate(cells)) == "Regenerate 2"
    assert describe_request(Nudge(cells, "higher", 0.5)) == "Nudge higher 0.50"
    assert describe_request(AddTrack(42, None)) == "Add track"
    assert describe_request(AddTrack(0, None, is_drum=True)) == "Add drum kit"
    assert describe_request(Continue(4)) == "Continue 4 bars"
    assert describe_request(Generate("chorale")) == "New chorale"
    assert describe_request(Lock(cells, locked=False)) == "Unlock 2 cell(s)"


def test_a_selection_is_read_from_text() -> None:
    song = d_major_tune()
    chosen = Selection.from_text(song, "2", "3-4")
    assert (chosen.tracks, chosen.bars, chosen.everything) == ((1,), (2, 3), False)
    assert chosen.cells(song) == ((1, 2), (1, 3))
    assert chosen.for_render() == RenderSelection((1,), 2, 4)
    assert Selection.from_text(song, None, "").everything
    with pytest.raises(SelectionError, match="outside 1-8"):
        Selection.from_text(song, None, "7-12")


def test_render_writes_the_engines_render_of_the_selection(
    studio: Studio, renderer: NoteRenderer, tmp_path: Path
) -> None:
    with pytest.raises(AudioError, match=r"not \.aac"):
        studio.render_job(tmp_path / "tune.aac")  # refused before any work
    target = tmp_path / "cello.flac"
    rendered = studio.render(target, Selection((1,), (2, 3)))
    written, rate = soundfile.read(target, dtype="float32")
    expected = render(studio.song, renderer, RenderSelection((1,), 2, 4))
    assert written.shape == expected.shape
    assert np.abs(written - expected).max() < 2**-22
    assert rendered.seconds == pytest.approx(len(expected) / rate)
    assert rendered.peak_dbfs is not None
    assert rendered.peak_dbfs < 0
    assert rendered.summary().startswith(f"{rendered.seconds:.1f} s, peak")


def test_check_finds_the_song_among_the_users_references(studio: Studio, tmp_path: Path) -> None:
    references = tmp_path / "mine"
    references.mkdir()
    save_project(studio.song, references / "tune.json")
    checked = studio.check(similarity=False, against=references)
    assert checked.reference_count == 1
    assert checked.references is not None
    assert checked.references.flagged
    assert checked.flagged
    alone = studio.check([(1, 0)], similarity=False)
    assert alone.references is None
    with pytest.raises(OriginalityError, match=r"holds no \.mid or \.json songs"):
        studio.check(against=tmp_path)


def test_a_clip_becomes_a_locked_track_beside_the_song(studio: Studio) -> None:
    line = select(d_major_tune(), [0])
    melody = dataclasses.replace(line, tracks=(dataclasses.replace(line.tracks[0], program=73),))
    played = render_fluidsynth(melody, RATE).astype(np.float32)
    before = studio.song
    with pytest.raises(StudioError, match="choose an audio file"):
        studio.transcribe_job(Clip("nothing"))
    done = studio.transcribe(Clip("descant", audio=played, rate=RATE, monophonic=True))
    assert done.applied
    song = studio.song
    assert song.tracks[:2] == before.tracks
    added = song.tracks[done.track]
    assert (done.track, added.name) == (2, "descant")
    assert added.locked_bars == frozenset(range(song.bar_count))  # the song grows to fit it
    wanted = {note.pitch for note in melody.tracks[0].notes}
    assert {note.pitch for note in added.notes} <= wanted
    assert done.heard.notes >= 0.9 * len(melody.tracks[0].notes)
    assert done.describe_heard().startswith(f"heard {done.heard.notes} notes, D4 to ")
    assert studio.document.session.history.undo_label == "Add descant from audio"
    studio.document.undo()
    assert studio.song == before


def test_set_style_is_one_undo_step_and_knows_the_styles(studio: Studio) -> None:
    assert studio.set_style("jazz")
    assert not studio.set_style("jazz")
    assert studio.document.session.history.undo_label == "Set style to Swing / Jazz"
    with pytest.raises(Exception, match="choose one of folk"):
        studio.set_style("polka")
    studio.set_locked([(0, 0)], True)
    assert studio.song == set_locked(
        dataclasses.replace(d_major_tune(), style="jazz"), [(0, 0)], True
    )
