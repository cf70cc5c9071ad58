"""The Live panel's Sound choice, offscreen: loopback ports, the real model and FluidSynth, the
synth on a fake output stream. Choosing General MIDI (SoundFont) plays the keys through the
standard set; the choice is offered only for the Tessera synth."""

from __future__ import annotations

import math

import numpy as np
from pytestqt.qtbot import QtBot

from engine.compose.midi_model import MidiModel
from engine.live.music import LiveSettings
from engine.live.ports import LoopbackPorts
from engine.live.synth import LiveSynth, live_programs
from engine.song.song import TimbreRef
from engine.sound.playback import DEVICE_BLOCK_FRAMES
from engine.sound.render import SAMPLE_RATE_HZ, NoteRenderer
from engine.studio.models import Models
from engine.studio.use_cases import Studio
from tests.helpers.audio_checks import fundamental_hz
from tests.helpers.fake_stream import FakeStream, opening_into
from tests.helpers.live_player import KEYBOARD, SYNTH
from ui.panels.live import SYNTH_OUTPUT, LivePanel

PREPARE_TIMEOUT_S = 120.0
"""A hang guard for the synth's background render, not a timing assertion."""


def test_the_sound_box_sets_the_live_sound_for_the_synth_only(qtbot: QtBot) -> None:
    panel = LivePanel(Studio.headless(Models()), ports=LoopbackPorts)
    qtbot.addWidget(panel)
    assert panel.sound.currentText() == "Tessera timbre"
    assert panel.settings().sound == "tessera"
    panel.sound.setCurrentText("General MIDI (SoundFont)")
    assert panel.settings().sound == "standard"
    assert "General MIDI" in panel.sound.toolTip()
    assert panel.outputs.currentText() == SYNTH_OUTPUT
    assert panel.sound.isEnabled()
    panel.outputs.setCurrentText(SYNTH)  # a MIDI output plays its own sounds
    assert not panel.sound.isEnabled()
    panel.outputs.setCurrentText(SYNTH_OUTPUT)
    assert panel.sound.isEnabled()


def test_my_keys_sound_through_the_standard_set(
    qtbot: QtBot, midi_model: MidiModel, renderer: NoteRenderer
) -> None:
    ports = LoopbackPorts()
    streams: list[FakeStream] = []
    asked: list[LiveSettings] = []

    open_stream = opening_into(streams)

    def synth(settings: LiveSettings) -> LiveSynth:
        asked.append(settings)
        made = LiveSynth(renderer, programs=live_programs(settings), stream_factory=open_stream)
        made.start(prepare=False)
        made.prepare([made.key_for(0, 69, 100)])
        assert made.wait_prepared(PREPARE_TIMEOUT_S)
        return made

    studio = Studio.headless(Models(midi=lambda: midi_model))
    panel = LivePanel(studio, ports=lambda: ports, synth=synth)
    qtbot.addWidget(panel)
    panel.sound.setCurrentText("General MIDI (SoundFont)")
    panel.start.click()
    qtbot.waitUntil(lambda: panel.live is not None, timeout=60_000)
    live = panel.live
    assert live is not None
    assert live.synth is not None
    assert asked[0].sound == "standard"
    assert live.synth.key_for(0, 69, 100).timbre == TimbreRef("soundfont", program=0)
    ports.play(KEYBOARD, (0x90, 69, 100))
    blocks = math.ceil(0.5 * SAMPLE_RATE_HZ / DEVICE_BLOCK_FRAMES)
    mono = np.concatenate([streams[0].pull() for _ in range(blocks)])[:, 0]
    ports.play(KEYBOARD, (0x80, 69, 0))
    panel.start.click()
    assert panel.live is None
    assert np.abs(mono).max() > 0.01
    assert abs(1200 * math.log2(fundamental_hz(mono, 0.1, 0.35) / 440.0)) < 10  # the piano's A4
