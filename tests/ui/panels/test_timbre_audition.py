"""The timbre panel's audition, offscreen, on the real timbre model and a real ProjectSession.

Audition is checked with a player that records what it is asked to play, with the real Player
on a fake sound card, with no sound card at all, and with a sound card that hangs when asked to
stop (the panel keeps answering, and says so). Play and Stop reach the sound card from the
panel's device thread, so an audition starts a moment after the click.
"""

from __future__ import annotations

import threading
import time
import weakref
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import shiboken6
from pytestqt.qtbot import QtBot

from engine.song.gm import DRUM_KIT_RANGE, playable_range
from engine.song.song import Song, TimbreRef
from engine.sound.audition import arpeggio_root, audition_notes
from engine.sound.device import NOT_ANSWERING
from engine.sound.playback import AudioDeviceError, Player
from engine.sound.render import NoteRenderer, SongMix
from engine.sound.timbre import DRUM_KIT, from_gm, generate
from engine.studio.models import Models
from engine.studio.session import ProjectSession
from tests.helpers.fake_stream import FakeStream, HangingStream
from tests.helpers.responsive import assert_answers
from tests.ui.panels.timbre_bench import (
    CELLO,
    DRUMS,
    VIOLIN,
    _auditioning,
    _bench,
    _recording_players,
    _song,
    pull_audition,
    real_player_bench,
    recording_bench,
)
from ui.panels.timbre import TimbrePanel

TIMEOUT_S = 0.5
"""A short device timeout for the sound card that hangs, so the test waits little."""


def test_a_drum_track_locks_to_the_kit_and_auditions_drum_hits(
    qtbot: QtBot, tmp_path: Path, renderer: NoteRenderer
) -> None:
    bench, players = recording_bench(qtbot, tmp_path, renderer)
    panel = bench.panel
    panel.set_track(DRUMS)
    assert panel.kind.text() == "General MIDI: Drums"
    locked = bench.one_step(DRUMS, panel.lock_button.click, "Lock timbre of Kit")
    assert locked == from_gm(bench.space, DRUM_KIT)
    panel.seed.setValue(3)
    assert bench.one_step(DRUMS, panel.generate_button.click, "Generate timbre of Kit (seed 3)")
    panel.audition_button.click()
    _auditioning(qtbot, panel)
    song, _loop = players[0].played[0]
    (track,) = song.tracks
    assert track.is_drum
    assert track.timbre == generate(bench.space, 3)
    assert track.notes
    assert all(DRUM_KIT_RANGE[0] <= n.pitch <= DRUM_KIT_RANGE[1] for n in track.notes)
    panel.audition_button.click()
    assert panel.audition_button.text() == "Audition"  # at once, while the device stops
    qtbot.waitUntil(lambda: players[0].state == "stopped")


def test_audition_plays_the_tracks_timbre_in_range_and_ab_swaps(
    qtbot: QtBot, tmp_path: Path, renderer: NoteRenderer
) -> None:
    bench, players = recording_bench(qtbot, tmp_path, renderer)
    panel = bench.panel
    panel.set_track(CELLO)
    assert not panel.ab_button.isEnabled()  # nothing changed here yet
    panel.nudge_button.click()
    nudged = bench.timbre(CELLO)
    assert panel.ab_button.isEnabled()
    panel.loop.setChecked(True)
    with qtbot.waitSignal(panel.auditioning) as started:
        panel.audition_button.click()
    assert started.args == [True]
    _auditioning(qtbot, panel)
    player = players[0]
    song, loop = player.played[0]
    (track,) = song.tracks
    assert (track.program, track.is_drum, track.timbre) == (42, False, nudged)
    low, high = playable_range(42)
    pitches = sorted(n.pitch for n in track.notes)
    assert low <= pitches[0] <= pitches[-1] <= high
    assert {p % 12 for p in pitches} == {0, 4, 7}  # C major
    assert loop == (0.0, song.duration_seconds)
    assert renderer.missing(SongMix(song, renderer).keys) == []  # rendered before playing
    panel.ab_button.setChecked(True)  # A: the timbre before the nudge
    assert player.swapped[-1].tracks[0].timbre == TimbreRef()
    assert panel.ab_button.text() == "A/B: before"
    panel.ab_button.setChecked(False)
    assert player.swapped[-1].tracks[0].timbre == nudged
    player._state = "stopped"  # the end of the phrase, reported from the player's thread
    assert player.on_finished is not None
    with qtbot.waitSignal(panel.auditioning) as ended:
        threading.Thread(target=player.on_finished).start()
    assert ended.args == [False]
    assert panel.audition_button.text() == "Audition"
    bench.undo()  # the nudge is undone: there is no "before" to compare with any more
    assert not panel.ab_button.isEnabled()


def test_no_sound_card_is_a_message_and_the_panel_stays_usable(
    qtbot: QtBot, tmp_path: Path, renderer: NoteRenderer
) -> None:
    attempts: list[int] = []

    def no_device(renderer: NoteRenderer, **callbacks: Any) -> Player:
        attempts.append(1)
        raise AudioDeviceError("no audio output device to play through: connect one")

    bench = _bench(qtbot, tmp_path, renderer, no_device)
    panel = bench.panel
    for tries in (1, 2):
        panel.audition_button.click()
        qtbot.waitUntil(lambda: "no audio output device" in panel.status.text(), timeout=60_000)
        assert len(attempts) == tries
        assert panel.audition_button.text() == "Audition"
        panel.status.clear()
    panel.seed.setValue(8)
    bench.one_step(VIOLIN, panel.generate_button.click, "Generate timbre of Violin (seed 8)")


def test_a_real_player_without_a_device_says_so(
    qtbot: QtBot, tmp_path: Path, renderer: NoteRenderer
) -> None:
    def refuse(**_settings: Any) -> FakeStream:
        raise AudioDeviceError("no audio output device to play through (PortAudio error)")

    def factory(renderer: NoteRenderer, **callbacks: Any) -> Player:
        return Player(renderer, stream_factory=refuse, **callbacks)

    panel = _bench(qtbot, tmp_path, renderer, factory).panel
    panel.audition_button.click()
    qtbot.waitUntil(lambda: "no audio output device" in panel.status.text(), timeout=60_000)
    assert panel.audition_button.text() == "Audition"
    assert panel.player is not None
    assert panel.player.state == "stopped"


def test_audition_sounds_through_the_real_player(
    qtbot: QtBot, tmp_path: Path, renderer: NoteRenderer
) -> None:
    bench, streams = real_player_bench(qtbot, tmp_path, renderer)
    panel = bench.panel
    panel.audition_button.click()
    pulled = pull_audition(qtbot, panel, streams)
    assert panel.audition_button.text() == "Audition"  # the phrase ended by itself
    sound = np.concatenate(pulled)
    assert np.abs(sound).max() > 0.05
    assert len(sound) >= 4 * 44_100  # two bars at 120 BPM


@pytest.mark.parametrize("program", [0, 8, 32, 40, 42, 43, 73])
def test_the_phrase_stays_in_the_instruments_range(program: int) -> None:
    low, high = playable_range(program)
    pitches = [n.pitch for n in audition_notes(program, is_drum=False)]
    assert low <= min(pitches) <= max(pitches) <= high
    assert arpeggio_root(low, high) % 12 == 0
    assert max(pitches) - min(pitches) == 12  # a whole octave, C to C


def test_a_device_that_hangs_on_stop_never_freezes_the_panel(
    qtbot: QtBot, tmp_path: Path, renderer: NoteRenderer
) -> None:
    kind: list[type[FakeStream]] = [HangingStream]
    streams: list[FakeStream] = []
    callers: list[str] = []  # the threads that call the player's play and stop

    def open_stream(**settings: Any) -> FakeStream:
        streams.append(kind[0](**settings))
        return streams[-1]

    class WatchedPlayer(Player):
        def play(self, song: Song, **options: Any) -> None:
            callers.append(threading.current_thread().name)
            super().play(song, **options)

        def stop(self) -> None:
            callers.append(threading.current_thread().name)
            super().stop()

    def factory(renderer: NoteRenderer, **callbacks: Any) -> Player:
        return WatchedPlayer(
            renderer, stream_factory=open_stream, device_timeout_s=TIMEOUT_S, **callbacks
        )

    panel = _bench(qtbot, tmp_path, renderer, factory).panel
    panel.loop.setChecked(True)  # it plays until it is stopped
    panel.audition_button.click()
    _auditioning(qtbot, panel)
    stream = streams[-1]
    assert isinstance(stream, HangingStream)
    try:
        stream.pull()
        pressed = time.monotonic()
        panel.audition_button.click()  # Stop, and the device hangs in stop()
        assert panel.audition_button.text() == "Audition"
        assert_answers(qtbot, since=pressed)
        assert stream.hung.wait(10)  # the device was asked to stop ...
        assert_answers(qtbot)  # ... and hangs there, while the panel goes on answering
        qtbot.waitUntil(lambda: NOT_ANSWERING in panel.status.text(), timeout=20_000)
        assert set(callers) == {"tessera-audition-device"}  # never the UI thread
        assert "MainThread" not in stream.callers
        assert panel.audition_button.text() == "Audition"
        kind[0] = FakeStream  # a working device again: the next audition plays
        panel.audition_button.click()
        _auditioning(qtbot, panel)
        panel.audition_button.click()
        qtbot.waitUntil(lambda: streams[-1].closed)
    finally:
        stream.release()


def test_the_audition_player_holds_the_panel_only_weakly(
    qtbot: QtBot, tmp_path: Path, renderer: NoteRenderer
) -> None:
    players, factory = _recording_players()
    session = ProjectSession(tmp_path / "recovery", _song())
    panel = TimbrePanel(
        lambda: session.song, session.apply_edit, Models(renderer=lambda: renderer), factory
    )
    panel.set_track(VIOLIN)
    panel.audition_button.click()
    _auditioning(qtbot, panel)
    player = players[0]
    for callback in (player.on_error, player.on_finished):
        assert callback is not None
        held = [cell.cell_contents for cell in callback.__closure__ or ()]
        assert not any(item is panel or getattr(item, "__self__", None) is panel for item in held)
        assert any(isinstance(item, weakref.ref) and item() is panel for item in held)
    panel.audition_button.click()
    qtbot.waitUntil(lambda: player.state == "stopped")
    shiboken6.delete(panel)  # the window closed, and a late call comes from the device
    assert player.on_error is not None
    player.on_error("the device went away")
    qtbot.wait(50)  # it was dropped: no call into a deleted panel, no error
