"""The timbre panel with the standard sound set (the General MIDI SoundFont), offscreen, on the
real timbre model, a real ProjectSession and real FluidSynth renders.

A standard-sound track is shown as playing the SoundFont and naming the Tessera timbre it keeps;
the panel's edits shape that kept timbre without switching the track's sound; "Compare" swaps
the audition between a track's Tessera timbre and the standard set for the same instrument
through the same player, and the two halves are audibly different sounds.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest
from pytestqt.qtbot import QtBot

from engine.song.edits import update_track
from engine.song.song import Song, TimbreRef
from engine.sound.audition import audition_song
from engine.sound.render import NoteRenderer, SongMix, render
from engine.sound.timbre import from_gm, generate, nudge
from tests.ui.panels.timbre_bench import (
    CELLO,
    DRUMS,
    VIOLIN,
    Bench,
    _auditioning,
    _bench,
    pull_audition,
    real_player_bench,
    recording_bench,
)

SAMPLE_RATE_HZ = 44_100


def _set_timbre(bench: Bench, index: int, ref: TimbreRef) -> None:
    """Choose the track's sound as the Track panel does: one edit of the song."""
    bench.session.apply_edit(update_track(bench.session.song, index, timbre=ref), "Sound")
    bench.panel.refresh()


def _centroid_hz(audio: npt.NDArray[np.float32]) -> float:
    """The spectral centroid of the mono mix: where the sound's energy sits in frequency."""
    mono = audio.mean(axis=1)
    power = np.abs(np.fft.rfft(mono)) ** 2
    frequencies = np.fft.rfftfreq(len(mono), 1 / SAMPLE_RATE_HZ)
    return float((frequencies * power).sum() / power.sum())


def test_a_standard_track_says_it_plays_the_soundfont_and_names_its_kept_timbre(
    bench: Bench,
) -> None:
    panel = bench.panel
    _set_timbre(bench, VIOLIN, generate(bench.space, 5).standard())
    assert panel.kind.text() == "Standard sound: the General MIDI SoundFont's Violin"
    assert "Keeps a Tessera timbre (generated, seed 5)" in panel.lock_state.text()
    assert "'Tessera timbre' in the Track panel" in panel.lock_state.text()
    assert panel.description.text().startswith("distance")  # the kept timbre, measured
    assert not panel.lock_button.isEnabled()  # the kept timbre is already fixed
    assert panel.reset_button.isEnabled()
    assert panel.compare.text() == "Compare with the Tessera timbre"
    _set_timbre(bench, VIOLIN, TimbreRef("soundfont"))  # nothing kept: the GM default
    assert "Keeps a Tessera timbre (the GM default)" in panel.lock_state.text()
    assert panel.description.text() == "the General MIDI default itself"
    assert panel.lock_button.isEnabled()
    assert not panel.reset_button.isEnabled()
    _set_timbre(bench, VIOLIN, TimbreRef())
    assert panel.kind.text() == "General MIDI: Violin"
    assert panel.compare.text() == "Compare with the standard sound"


def test_edits_on_a_standard_track_shape_the_kept_timbre_and_keep_the_sound(
    bench: Bench,
) -> None:
    panel = bench.panel
    kept = generate(bench.space, 5)
    _set_timbre(bench, VIOLIN, kept.standard())
    panel.strength.setValue(50)
    panel.direction_seed.setValue(9)
    label = "Nudge timbre of Violin (0.50, direction 9)"
    moved = bench.one_step(VIOLIN, panel.nudge_button.click, label)
    assert moved.is_standard  # the song still plays the standard set ...
    assert moved.tessera() == nudge(bench.space, kept, 0.5, 9)  # ... and keeps the nudged one
    assert "still plays the standard sound" in panel.status.text()
    panel.seed.setValue(21)
    generated = bench.one_step(
        VIOLIN, panel.generate_button.click, "Generate timbre of Violin (seed 21)"
    )
    assert generated == generate(bench.space, 21).standard()
    reset = bench.one_step(VIOLIN, panel.reset_button.click, "Reset timbre of Violin to GM")
    assert reset == TimbreRef("soundfont")
    locked = bench.one_step(VIOLIN, panel.lock_button.click, "Lock timbre of Violin")
    assert locked == from_gm(bench.space, 40).standard()


def test_comparing_with_the_standard_plays_the_soundfont_for_the_same_instrument(
    qtbot: QtBot, tmp_path: Path, renderer: NoteRenderer
) -> None:
    bench, players = recording_bench(qtbot, tmp_path, renderer)
    panel = bench.panel
    panel.set_track(CELLO)
    panel.nudge_button.click()
    nudged = bench.timbre(CELLO)
    assert panel.ab_button.isEnabled()
    panel.audition_button.click()
    _auditioning(qtbot, panel)
    player = players[0]
    tessera_song, _loop = player.played[0]
    assert tessera_song.tracks[0].timbre == nudged
    panel.compare.setChecked(True)
    standard_song = player.swapped[-1]
    (track,) = standard_song.tracks
    assert track.timbre.kind == "soundfont"
    assert (track.program, track.is_drum) == (42, False)  # the same instrument
    assert track.notes == tessera_song.tracks[0].notes  # the same phrase
    assert bench.timbre(CELLO) == nudged  # comparing never changes the track
    assert panel.status.text() == "now hearing the standard sound (General MIDI SoundFont)"
    assert not panel.ab_button.isEnabled()  # A/B compares Tessera timbres
    assert renderer.missing(SongMix(standard_song, renderer).keys) == []  # rendered before
    panel.compare.setChecked(False)
    assert player.swapped[-1].tracks[0].timbre == nudged
    assert panel.ab_button.isEnabled()
    panel.audition_button.click()
    panel.set_track(VIOLIN)  # another track is heard as it is, not compared
    assert not panel.compare.isChecked()


def test_a_standard_track_auditions_the_soundfont_and_compares_with_its_kept_timbre(
    qtbot: QtBot, tmp_path: Path, renderer: NoteRenderer
) -> None:
    bench, players = recording_bench(qtbot, tmp_path, renderer)
    panel = bench.panel
    kept = generate(bench.space, 5)
    _set_timbre(bench, VIOLIN, kept.standard())
    panel.audition_button.click()
    _auditioning(qtbot, panel)
    assert panel.status.text().endswith("the standard sound (General MIDI SoundFont)")
    song, _loop = players[0].played[0]
    (track,) = song.tracks
    assert track.timbre.is_standard
    assert track.program == 40
    panel.compare.setChecked(True)
    assert players[0].swapped[-1].tracks[0].timbre == kept
    assert panel.status.text() == "now hearing B, the timbre now"


def _heard_halves(
    qtbot: QtBot, tmp_path: Path, renderer: NoteRenderer, index: int
) -> tuple[Song, Song]:
    """What the panel asked to play: the Tessera phrase, then the standard one compared."""
    bench, players = recording_bench(qtbot, tmp_path, renderer)
    panel = bench.panel
    panel.set_track(index)
    panel.audition_button.click()
    _auditioning(qtbot, panel)
    panel.compare.setChecked(True)
    return players[0].played[0][0], players[0].swapped[-1]


@pytest.mark.parametrize("index", [VIOLIN, DRUMS])
def test_the_comparison_is_audible(
    qtbot: QtBot, tmp_path: Path, renderer: NoteRenderer, index: int
) -> None:
    tessera_song, standard_song = _heard_halves(qtbot, tmp_path, renderer, index)
    assert standard_song.tracks[0].timbre.is_standard
    tessera, standard = render(tessera_song, renderer), render(standard_song, renderer)
    assert np.abs(tessera).max() > 0.05
    assert np.abs(standard).max() > 0.05  # the SoundFont sounds, it is not silence
    length = min(len(tessera), len(standard))
    difference = tessera[:length] - standard[:length]
    rms = float(np.sqrt(np.mean(tessera[:length] ** 2)))
    assert float(np.sqrt(np.mean(difference**2))) > 0.5 * rms
    centroids = _centroid_hz(tessera), _centroid_hz(standard)
    # measured: violin 950 Hz against 1560 Hz, drums 1310 Hz against 1540 Hz
    assert centroids[0] != pytest.approx(centroids[1], rel=0.1)


@pytest.fixture
def bench(qtbot: QtBot, tmp_path: Path, renderer: NoteRenderer) -> Bench:
    return _bench(qtbot, tmp_path, renderer)


def test_a_standard_track_sounds_the_soundfont_through_the_real_player(
    qtbot: QtBot, tmp_path: Path, renderer: NoteRenderer
) -> None:
    bench, streams = real_player_bench(qtbot, tmp_path, renderer)
    panel = bench.panel
    _set_timbre(bench, VIOLIN, TimbreRef("soundfont"))
    panel.audition_button.click()
    pulled = pull_audition(qtbot, panel, streams)
    heard = np.concatenate(pulled)
    assert np.abs(heard).max() > 0.05
    track = bench.session.song.tracks[VIOLIN]
    standard = _centroid_hz(render(audition_song(track, TimbreRef("soundfont")), renderer))
    tessera = _centroid_hz(render(audition_song(track, TimbreRef()), renderer))
    # where the energy sits, which a late block of silence from the sound card loop cannot move
    assert abs(_centroid_hz(heard) - standard) < 0.1 * abs(tessera - standard)
