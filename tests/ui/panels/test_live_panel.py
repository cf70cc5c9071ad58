"""The live panel, offscreen: loopback ports, the real model, a recording into the song, and
the internal synth on a fake output stream. Start and Stop run off the UI thread: a sound card
that hangs when stopped leaves the panel answering, with a message."""

from __future__ import annotations

import time
from typing import Any

import numpy as np
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from engine.compose.midi_model import MidiModel
from engine.live.music import LiveSettings
from engine.live.ports import LivePortError, LoopbackPorts
from engine.live.synth import LiveSynth, live_programs
from engine.song.song import Song, Track
from engine.sound.render import NoteRenderer
from engine.studio.models import Models
from engine.studio.outcomes import LivePlay
from engine.studio.use_cases import Studio
from tests.helpers.fake_stream import FakeStream, HangingStream, opening_into
from tests.helpers.live_player import C_MAJOR_PHRASE, KEYBOARD, SYNTH, phrase_events
from ui.panels.live import SYNTH_OUTPUT, LivePanel


def _start(qtbot: QtBot, panel: LivePanel) -> LivePlay:
    """Press Start and wait for the device thread to have opened the ports and the synth."""
    panel.start.click()
    assert panel.start.text() in ("Starting…", "Stop")  # the button answers at once
    qtbot.waitUntil(lambda: panel.live is not None, timeout=60_000)
    assert panel.start.text() == "Stop"
    assert panel.live is not None
    return panel.live


def _studio(song: Song | None = None, midi_model: MidiModel | None = None) -> Studio:
    """A studio on `song` whose models answer with the run's shared model (none: never used)."""
    studio = Studio.headless(Models() if midi_model is None else Models(midi=lambda: midi_model))
    if song is not None:
        studio.new(song)
    return studio


def test_panel_plays_records_and_shows_latency(qtbot: QtBot, midi_model: MidiModel) -> None:
    ports = LoopbackPorts()
    song = Song(bar_count=4, tracks=(Track("Piano"),))
    panel = LivePanel(_studio(song, midi_model), ports=lambda: ports)
    qtbot.addWidget(panel)
    assert panel.inputs.currentText() == KEYBOARD
    assert panel.outputs.currentText() == SYNTH_OUTPUT  # the internal synth comes first
    panel.outputs.setCurrentText(SYNTH)
    assert panel.start.isEnabled()
    panel.tempo.setValue(240.0)  # a bar lasts 1 s
    panel.bars.setValue(1)
    panel.record.setChecked(True)
    session = _start(qtbot, panel).session
    for due_s, message in phrase_events(C_MAJOR_PHRASE, 240.0, offset_s=1.0):
        time.sleep(max(0.0, session.start_s + due_s - time.monotonic()))
        ports.play(KEYBOARD, message)
    qtbot.waitUntil(
        lambda: bool(session.stats.answers) and session.stats.notes_sent > 0, timeout=30_000
    )
    qtbot.waitUntil(lambda: "last note to answer: -" not in panel.figures.text(), timeout=10_000)
    assert panel.meter.value() > 0
    with qtbot.waitSignal(panel.recorded, timeout=10_000) as recorded:
        panel.start.click()
    result = recorded.args[0]
    assert [t.name for t in result.tracks] == ["Piano", "Live player", "Live answer"]
    assert result.tracks[1].notes[0].start_tick == song.end_tick + song.bar_start_ticks[1]
    assert panel.live is None
    assert panel.start.text() == "Start"


def test_panel_says_when_there_is_no_midi_system(qtbot: QtBot) -> None:
    def no_system() -> LoopbackPorts:
        raise LivePortError("no MIDI system is available: start JACK")

    panel = LivePanel(_studio(), ports=no_system)
    qtbot.addWidget(panel)
    assert "no MIDI system" in panel.message.text()
    assert not panel.start.isEnabled()


def test_panel_reports_an_unplugged_keyboard(qtbot: QtBot, midi_model: MidiModel) -> None:
    ports = LoopbackPorts()
    panel = LivePanel(_studio(midi_model=midi_model), ports=lambda: ports)
    qtbot.addWidget(panel)
    panel.outputs.setCurrentText(SYNTH)
    _start(qtbot, panel)
    ports.unplug(KEYBOARD)
    qtbot.waitUntil(lambda: "disconnected" in panel.message.text(), timeout=5_000)
    assert panel.live is None


def test_the_tessera_synth_plays_the_answers(
    qtbot: QtBot, midi_model: MidiModel, renderer: NoteRenderer
) -> None:
    ports = LoopbackPorts()
    streams: list[FakeStream] = []

    def synth(settings: LiveSettings) -> LiveSynth:
        made = LiveSynth(renderer, programs=live_programs(settings), stream_factory=open_stream)
        made.start(prepare=False)
        channel = settings.answer_channel  # every pitch of the answers' octaves, one velocity
        made.prepare([made.key_for(channel, pitch, 80) for pitch in range(48, 85)])
        assert made.wait_prepared(120.0)  # a hang guard, not a timing assertion
        return made

    open_stream = opening_into(streams)

    panel = LivePanel(_studio(midi_model=midi_model), ports=lambda: ports, synth=synth)
    qtbot.addWidget(panel)
    panel.tempo.setValue(240.0)
    panel.bars.setValue(1)
    panel.hear_keys.setChecked(False)
    session = _start(qtbot, panel).session
    assert len(streams) == 1
    assert streams[0].started
    for due_s, message in phrase_events(C_MAJOR_PHRASE, 240.0, offset_s=1.0):
        time.sleep(max(0.0, session.start_s + due_s - time.monotonic()))
        ports.play(KEYBOARD, message)
        assert not np.abs(streams[0].pull()).any()  # the player's keys are not echoed
    loudest: list[float] = []

    def answered_aloud() -> bool:
        loudest.append(float(np.abs(streams[0].pull()).max()))
        return session.stats.notes_sent > 0 and max(loudest) > 0.01

    qtbot.waitUntil(answered_aloud, timeout=30_000)
    panel.start.click()
    assert panel.live is None  # stopped at once for the panel ...
    qtbot.waitUntil(lambda: streams[0].closed)  # ... and the device thread closes the synth


def test_hear_my_keys_plays_the_keyboard_through_the_synth(
    qtbot: QtBot, midi_model: MidiModel, renderer: NoteRenderer
) -> None:
    ports = LoopbackPorts()
    streams: list[FakeStream] = []

    open_stream = opening_into(streams)

    def synth(settings: LiveSettings) -> LiveSynth:
        made = LiveSynth(renderer, programs=live_programs(settings), stream_factory=open_stream)
        made.start(prepare=False)
        made.prepare([made.key_for(0, 60, 100)])
        assert made.wait_prepared(120.0)  # a hang guard, not a timing assertion
        return made

    panel = LivePanel(_studio(midi_model=midi_model), ports=lambda: ports, synth=synth)
    qtbot.addWidget(panel)
    assert panel.hear_keys.isChecked()
    _start(qtbot, panel)
    ports.play(KEYBOARD, (0x90, 60, 100))
    assert np.abs(streams[0].pull()).max() > 0.01  # the key sounds in the next block
    ports.play(KEYBOARD, (0x80, 60, 0))
    panel.start.click()
    assert panel.live is None


def test_stop_with_a_device_that_stopped_answering_keeps_the_panel_answering(
    qtbot: QtBot, midi_model: MidiModel, renderer: NoteRenderer
) -> None:
    ports = LoopbackPorts()
    streams: list[HangingStream] = []

    def open_stream(**settings: Any) -> HangingStream:
        streams.append(HangingStream(**settings))
        return streams[-1]

    def synth(settings: LiveSettings) -> LiveSynth:
        made = LiveSynth(renderer, programs=live_programs(settings), stream_factory=open_stream)
        made.start(prepare=False)
        return made

    panel = LivePanel(_studio(midi_model=midi_model), ports=lambda: ports, synth=synth)
    qtbot.addWidget(panel)
    _start(qtbot, panel)
    try:
        panel.start.click()  # Stop, and the sound card hangs in stop()
        assert panel.start.text() == "Start"
        assert streams[0].hung.wait(10)
        answered: list[bool] = []
        QTimer.singleShot(0, lambda: answered.append(True))
        qtbot.waitUntil(lambda: bool(answered), timeout=1000)  # a hang guard
        qtbot.waitUntil(lambda: "stopped answering" in panel.message.text(), timeout=20_000)
        assert "MainThread" not in streams[0].callers
    finally:
        streams[0].release()


def test_follow_midi_clock_is_a_setting(qtbot: QtBot) -> None:
    panel = LivePanel(_studio(), ports=LoopbackPorts)
    qtbot.addWidget(panel)
    assert not panel.settings().follow_clock
    panel.follow_clock.setChecked(True)
    assert panel.settings().follow_clock
