"""The timbre panel, offscreen, on the real timbre model and a real ProjectSession.

Every button is clicked as a composer would and must change the selected track's timbre to
exactly what the engine's pure functions give, as one undo step that undo takes back to the
exact previous ref. Audition is checked with a player that records what it is asked to play,
with the real Player on a fake sound card, with no sound card at all, and with a sound card
that hangs when asked to stop (the panel keeps answering, and says so). Play and Stop reach the
sound card from the panel's device thread, so an audition starts a moment after the click.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import shiboken6
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from engine.song.gm import DRUM_KIT_RANGE, playable_range
from engine.song.song import PPQ, Note, Song, TimbreRef, Track
from engine.sound.audition import arpeggio_root, audition_notes
from engine.sound.device import NOT_ANSWERING
from engine.sound.playback import AudioDeviceError, Player
from engine.sound.render import NoteRenderer, SongMix
from engine.sound.timbre import (
    DESCRIBE_SCALE,
    DRUM_KIT,
    TimbreModelError,
    TimbreSpace,
    from_gm,
    generate,
    interpolate,
    nudge,
)
from engine.studio.models import Models
from engine.studio.session import ProjectSession
from tests.helpers.fake_stream import FakeStream, HangingStream, opening_into
from tests.ui.panels.visible_text import code_like, controls, visible_texts
from ui.panels.timbre import DESCRIPTORS, FRESH_SEEDS, TimbrePanel

VIOLIN, CELLO, DRUMS = 0, 1, 2
PULLS_BEFORE_GIVING_UP = 5_000
"""A hang guard for the sound-card loop, not a timing assertion."""
TIMEOUT_S = 0.5
"""A short device timeout for the sound card that hangs, so the test waits little."""


def _song() -> Song:
    melody = tuple(Note(q * PPQ, 67 + q, PPQ, 90) for q in range(4))
    beat = tuple(Note(q * PPQ, 36 if q % 2 == 0 else 38, PPQ // 2, 100) for q in range(4))
    return Song(
        title="Trio",
        bar_count=2,
        tracks=(
            Track("Violin", 40, notes=melody),
            Track("Cello", 42),
            Track("Kit", 0, is_drum=True, notes=beat),
        ),
    )


class RecordingPlayer(Player):
    """A Player that records what it is asked to play instead of opening a sound card."""

    def __init__(self, renderer: NoteRenderer, **callbacks: Any) -> None:
        super().__init__(renderer, **callbacks)
        self.played: list[tuple[Song, tuple[float, float] | None]] = []
        self.swapped: list[Song] = []

    def play(
        self, song: Song, *, start_seconds: float = 0.0, loop: tuple[float, float] | None = None
    ) -> None:
        self.played.append((song, loop))
        self._state = "playing"

    def set_song(self, song: Song) -> None:
        self.swapped.append(song)

    def stop(self) -> None:
        self._state = "stopped"


@dataclass
class Bench:
    session: ProjectSession
    panel: TimbrePanel
    space: TimbreSpace

    def timbre(self, index: int) -> TimbreRef:
        return self.session.song.tracks[index].timbre

    def undo(self) -> None:
        self.session.undo()
        self.panel.refresh()

    def one_step(
        self, index: int, act: Callable[[], object], label: str | Callable[[], str]
    ) -> TimbreRef:
        """Run `act`: it must be one undo step named `label` (or what `label()` says after the
        click), and undo must bring back the exact previous song and ref; redo leaves the
        change in place. Returns the new ref."""
        before, steps = self.session.song, len(self.session.history.past)
        act()
        assert len(self.session.history.past) == steps + 1
        assert self.session.history.undo_label == (label if isinstance(label, str) else label())
        after = self.session.song
        assert after.tracks[index].timbre != before.tracks[index].timbre
        self.undo()
        assert self.session.song == before
        assert self.timbre(index) == before.tracks[index].timbre
        self.session.redo()
        self.panel.refresh()
        assert self.session.song == after
        return self.timbre(index)


def _bench(
    qtbot: QtBot,
    tmp_path: Path,
    renderer: NoteRenderer,
    player_factory: Callable[..., Player] | None = None,
    *,
    show: bool = True,
) -> Bench:
    session = ProjectSession(tmp_path / "recovery", _song())
    models = Models(renderer=lambda: renderer)
    panel = TimbrePanel(lambda: session.song, session.apply_edit, models, player_factory)
    qtbot.addWidget(panel)
    panel.set_track(VIOLIN)
    if show:
        panel.show()  # showing the panel loads the model in the background
        qtbot.waitUntil(lambda: panel.renderer is not None, timeout=30_000)
        qtbot.waitUntil(lambda: not panel.jobs.busy)
    return Bench(session, panel, renderer.model.space)


def _auditioning(qtbot: QtBot, panel: TimbrePanel) -> None:
    """Wait until the device thread has started the audition's sound card."""
    qtbot.waitUntil(lambda: panel.status.text().startswith("auditioning"), timeout=60_000)
    assert panel.audition_button.text() == "Stop"


def _answers(qtbot: QtBot, since: float | None = None) -> None:
    """The event loop runs a timer posted now within a second (of `since`, a monotonic time,
    if given): a hang guard for a window that must not be blocked, not a speed claim."""
    since = time.monotonic() if since is None else since
    answered: list[float] = []
    QTimer.singleShot(0, lambda: answered.append(time.monotonic()))
    qtbot.waitUntil(lambda: bool(answered), timeout=1000)
    assert answered[0] - since < 1.0, "the window did not answer for a second"


@pytest.fixture
def bench(qtbot: QtBot, tmp_path: Path, renderer: NoteRenderer) -> Bench:
    return _bench(qtbot, tmp_path, renderer)


def test_generate_is_reproducible_and_one_undo_step(bench: Bench) -> None:
    panel = bench.panel
    panel.seed.setValue(1234)
    ref = bench.one_step(
        VIOLIN, panel.generate_button.click, "Generate timbre of Violin (seed 1234)"
    )
    assert ref == generate(bench.space, 1234)
    assert panel.kind.text() == "A generated sound (no. 1234)"
    assert panel.lock_state.text() == "Locked"
    panel.set_track(CELLO)
    panel.seed.setValue(1234)
    panel.generate_button.click()
    assert bench.timbre(CELLO) == bench.timbre(VIOLIN)  # the same seed, the same timbre
    rerolled = bench.one_step(
        CELLO,
        panel.reroll_button.click,
        lambda: f"Generate timbre of Cello (seed {panel.seed.value()})",
    )
    assert rerolled.seed == panel.seed.value() != 1234
    assert rerolled == generate(bench.space, panel.seed.value())


def test_the_panel_speaks_in_sounds_not_numbers(bench: Bench) -> None:
    """Every control says what it does to the sound; the seeds sit under a folded Advanced;
    the direction is a short number with a button for another; nothing reads like code."""
    panel = bench.panel
    found = controls(panel)
    assert len(found) >= 15
    assert [type(w).__name__ for w in found if not w.toolTip().strip()] == []
    tips = {key: panel.descriptor_buttons[key].toolTip() for key, _text, _verb in DESCRIPTORS}
    assert "high frequencies" in tips["brighter"]
    assert "warmer" in tips["darker"]
    assert "gently" in tips["softer_attack"]
    assert "plucked" in tips["harder_attack"]
    assert not panel.advanced.is_expanded()
    for seed_box in (panel.seed, panel.direction_seed):
        assert panel.advanced.body.isAncestorOf(seed_box)
        assert not seed_box.isVisibleTo(panel)
    panel.direction_seed.setValue(41)
    assert panel.direction.text() == "Direction 41"
    panel.another_direction.click()
    assert panel.direction.text() == "Direction 42"
    assert panel.direction_seed.value() == 42  # the same direction, reachable under Advanced
    bench.one_step(VIOLIN, panel.nudge_button.click, "Nudge timbre of Violin (0.30, direction 42)")
    assert panel.direction.text() == "Direction 43"  # each Nudge takes the next one
    panel.reroll_button.click()
    new_sound = bench.timbre(VIOLIN).seed
    assert new_sound is not None
    assert 0 < new_sound < FRESH_SEEDS  # a new sound with a short number
    texts = visible_texts(panel)
    assert "Try another sound" in texts
    assert code_like(texts) == []
    panel.advanced.set_expanded(True)
    assert panel.seed.isVisibleTo(panel)


def test_lock_keeps_the_gm_sound_and_reset_to_gm_unlocks(
    bench: Bench, renderer: NoteRenderer
) -> None:
    panel = bench.panel
    assert panel.kind.text() == "General MIDI: Violin"
    assert panel.lock_state.text().startswith("Not locked")
    assert "seed and vector" in panel.lock_state.toolTip()
    assert panel.lock_button.isEnabled()
    assert not panel.reset_button.isEnabled()
    locked = bench.one_step(VIOLIN, panel.lock_button.click, "Lock timbre of Violin")
    assert locked == from_gm(bench.space, 40)
    assert not panel.lock_button.isEnabled()
    assert panel.reset_button.isEnabled()
    model = renderer.model
    heard_locked = model.render_note(locked, 67, 90, 0.5, program=40)
    heard_default = model.render_note(TimbreRef(), 67, 90, 0.5, program=40)
    assert np.array_equal(heard_locked, heard_default)  # locking does not change the sound
    reset = bench.one_step(VIOLIN, panel.reset_button.click, "Reset timbre of Violin to GM")
    assert reset == TimbreRef()
    assert panel.kind.text() == "General MIDI: Violin"


def test_nudge_strength_sets_how_far_it_moves(bench: Bench) -> None:
    panel = bench.panel
    panel.seed.setValue(5)
    panel.generate_button.click()
    start = bench.timbre(VIOLIN)
    steps = len(bench.session.history.past)
    panel.strength.setValue(0)
    panel.nudge_button.click()
    assert bench.timbre(VIOLIN) == start  # strength 0 leaves the vector as it was
    assert len(bench.session.history.past) == steps
    assert panel.status.text().endswith("no change")
    distances = []
    for percent in (20, 80):
        panel.strength.setValue(percent)
        panel.direction_seed.setValue(77)
        label = f"Nudge timbre of Violin ({percent / 100:.2f}, direction 77)"
        moved = bench.one_step(VIOLIN, panel.nudge_button.click, label)
        assert moved == nudge(bench.space, start, percent / 100, 77)
        assert panel.direction_seed.value() != 77  # a new direction for the next click
        distances.append(np.linalg.norm(np.subtract(moved.vector, start.vector)))
        bench.undo()
    assert 0 < distances[0] < distances[1]
    assert distances[1] == pytest.approx(4 * distances[0])


def test_nudging_a_gm_timbre_starts_from_the_instrument(bench: Bench) -> None:
    panel = bench.panel
    panel.set_track(CELLO)
    panel.strength.setValue(50)
    panel.direction_seed.setValue(9)
    moved = bench.one_step(
        CELLO, panel.nudge_button.click, "Nudge timbre of Cello (0.50, direction 9)"
    )
    assert moved == nudge(bench.space, from_gm(bench.space, 42), 0.5, 9)
    assert panel.description.text().startswith("distance 0.50")


def test_descriptors_move_along_their_direction(bench: Bench) -> None:
    panel = bench.panel
    panel.lock_button.click()
    base = bench.timbre(VIOLIN)
    panel.strength.setValue(40)
    for key, _text, verb in DESCRIPTORS:
        moved = bench.one_step(VIOLIN, panel.descriptor_buttons[key].click, f"{verb} Violin (0.40)")
        step = np.subtract(moved.vector, base.vector)
        assert np.allclose(step, DESCRIBE_SCALE * 0.4 * bench.space.descriptors[key])
        assert moved.seed == base.seed
        assert f"{key.replace('_', ' ')} 0.40" in panel.description.text()
        bench.undo()
        assert bench.timbre(VIOLIN) == base


def test_interpolate_fraction_gives_the_endpoints(bench: Bench) -> None:
    panel = bench.panel
    panel.seed.setValue(11)
    panel.generate_button.click()
    start = bench.timbre(VIOLIN)
    names = [panel.other_track.itemText(i) for i in range(panel.other_track.count())]
    assert names == ["2: Cello", "3: Kit"]
    panel.other_track.setCurrentIndex(0)
    steps = len(bench.session.history.past)
    panel.fraction.setValue(0)
    panel.interpolate_button.click()
    assert bench.timbre(VIOLIN) == start  # fraction 0 is this track's timbre
    assert len(bench.session.history.past) == steps
    cello = from_gm(bench.space, 42)
    panel.fraction.setValue(100)
    label = "Interpolate timbre of Violin toward Cello (1.00)"
    whole = bench.one_step(VIOLIN, panel.interpolate_button.click, label)
    assert np.allclose(whole.vector, cello.vector)
    assert whole.seed == 11  # the noise stays this track's
    bench.undo()
    panel.fraction.setValue(50)
    label = "Interpolate timbre of Violin toward Cello (0.50)"
    half = bench.one_step(VIOLIN, panel.interpolate_button.click, label)
    assert half == interpolate(start, cello, 0.5)


def _recording_players() -> tuple[list[RecordingPlayer], Callable[..., Player]]:
    """A player factory that records every player it makes (the list fills as it is used)."""
    players: list[RecordingPlayer] = []

    def factory(renderer: NoteRenderer, **callbacks: Any) -> Player:
        players.append(RecordingPlayer(renderer, **callbacks))
        return players[-1]

    return players, factory


def test_a_drum_track_locks_to_the_kit_and_auditions_drum_hits(
    qtbot: QtBot, tmp_path: Path, renderer: NoteRenderer
) -> None:
    players, factory = _recording_players()
    bench = _bench(qtbot, tmp_path, renderer, factory)
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
    players, factory = _recording_players()
    bench = _bench(qtbot, tmp_path, renderer, factory)
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


def pull_audition(qtbot: QtBot, panel: TimbrePanel, streams: list[FakeStream]) -> list[Any]:
    """Pull the audition's blocks from the fake sound card, at about the device's pace, until
    the phrase ends (or a hang guard's worth of blocks)."""
    qtbot.waitUntil(lambda: bool(streams), timeout=60_000)
    player = panel.player
    assert player is not None
    pulled = []
    for _ in range(PULLS_BEFORE_GIVING_UP):
        if panel.audition_button.text() == "Audition":
            break
        if player.buffered_blocks == 0:
            qtbot.wait(2)
        pulled.append(streams[0].pull())
    return pulled


def test_audition_sounds_through_the_real_player(
    qtbot: QtBot, tmp_path: Path, renderer: NoteRenderer
) -> None:
    streams: list[FakeStream] = []

    open_stream = opening_into(streams)

    def factory(renderer: NoteRenderer, **callbacks: Any) -> Player:
        return Player(renderer, stream_factory=open_stream, **callbacks)

    panel = _bench(qtbot, tmp_path, renderer, factory).panel
    panel.audition_button.click()
    pulled = pull_audition(qtbot, panel, streams)
    assert panel.audition_button.text() == "Audition"  # the phrase ended by itself
    sound = np.concatenate(pulled)
    assert np.abs(sound).max() > 0.05
    assert len(sound) >= 4 * 44_100  # two bars at 120 BPM


def test_a_click_before_the_model_has_loaded_is_carried_out_once(
    qtbot: QtBot, tmp_path: Path, renderer: NoteRenderer
) -> None:
    bench = _bench(qtbot, tmp_path, renderer, show=False)
    panel = bench.panel
    assert panel.renderer is None
    panel.seed.setValue(3)
    panel.generate_button.click()
    assert panel.status.text() == "loading the timbre model…"
    qtbot.waitUntil(lambda: bench.session.history.can_undo, timeout=30_000)
    qtbot.waitUntil(lambda: not panel.jobs.busy)
    assert len(bench.session.history.past) == 1
    assert bench.timbre(VIOLIN) == generate(bench.space, 3)


def test_a_model_that_cannot_load_is_a_message(qtbot: QtBot, tmp_path: Path) -> None:
    def broken() -> NoteRenderer:
        raise TimbreModelError("no timbre model card at models/timbre/card.json: reinstall")

    session = ProjectSession(tmp_path / "recovery", _song())
    panel = TimbrePanel(lambda: session.song, session.apply_edit, Models(renderer=broken))
    qtbot.addWidget(panel)
    panel.set_track(VIOLIN)
    panel.generate_button.click()
    qtbot.waitUntil(lambda: "could not load" in panel.status.text(), timeout=10_000)
    assert "reinstall" in panel.status.text()
    assert not session.history.can_undo
    assert panel.isEnabled()


def test_no_track_disables_the_panel(bench: Bench) -> None:
    panel = bench.panel
    assert panel.isEnabled()
    panel.set_track(None)
    assert not panel.isEnabled()
    panel.set_track(7)  # past the end, as after a track was removed
    assert not panel.isEnabled()
    assert panel.track_index is None


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
        _answers(qtbot, since=pressed)
        assert stream.hung.wait(10)  # the device was asked to stop ...
        _answers(qtbot)  # ... and hangs there, while the panel goes on answering
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
