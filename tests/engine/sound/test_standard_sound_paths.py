"""The standard sound set on the paths that play in real time: the player (through a fake
sound card the test pulls) plays what the offline render makes, and the live synth plays a
channel set to the standard set at its pitch. Real FluidSynth, real timbre model."""

from __future__ import annotations

import dataclasses
import math
import threading
from typing import Any

import numpy as np

from benchmarks.tunes import d_major_tune
from engine.live.synth import LiveSynth
from engine.song.song import Song, TimbreRef
from engine.sound.playback import DEVICE_BLOCK_FRAMES, Player
from engine.sound.render import SAMPLE_RATE_HZ, NoteRenderer, render
from tests.helpers.fake_stream import FakeStream, opening_into

POLLS_BEFORE_GIVING_UP = 20_000
"""A hang guard for polling the player's worker (each poll waits 1 ms), not a timing limit."""
PREPARE_TIMEOUT_S = 120.0
"""A hang guard for the live synth's background renders, not a timing assertion."""


def _standard_tune() -> Song:
    tune = d_major_tune()
    tracks = tuple(dataclasses.replace(t, timbre=t.timbre.standard()) for t in tune.tracks)
    return dataclasses.replace(tune, tracks=tracks)


def _wait(ready: Any) -> None:
    event = threading.Event()
    for _ in range(POLLS_BEFORE_GIVING_UP):
        if ready():
            return
        event.wait(0.001)
    raise AssertionError("the worker never got there")


def test_the_player_plays_the_standard_render(renderer: NoteRenderer) -> None:
    streams: list[FakeStream] = []

    open_stream = opening_into(streams)

    player = Player(renderer, stream_factory=open_stream)
    try:
        song = _standard_tune()
        player.play(song)

        def two_blocks_ahead() -> bool:
            streams[-1].pull(0)  # lets the callback drop what it no longer needs, as a device
            return player.buffered_blocks >= 2

        blocks = []
        for _ in range(round(2.0 * SAMPLE_RATE_HZ / DEVICE_BLOCK_FRAMES)):
            _wait(two_blocks_ahead)
            blocks.append(streams[-1].pull())
        heard = np.concatenate(blocks)
    finally:
        player.close()
    assert np.abs(heard).max() > 0.05
    assert np.allclose(heard, render(song, renderer)[: len(heard)], atol=1e-6)


def test_the_live_synth_plays_a_standard_channel_at_its_pitch(renderer: NoteRenderer) -> None:
    streams: list[FakeStream] = []

    open_stream = opening_into(streams)

    synth = LiveSynth(
        renderer, programs={0: (TimbreRef().standard(), 0, False)}, stream_factory=open_stream
    )
    synth.start(prepare=False)
    try:
        key = synth.key_for(0, 69, 100)
        assert key.is_standard
        synth.prepare([key])
        assert synth.wait_prepared(PREPARE_TIMEOUT_S)
        synth.send((0x90, 69, 100))
        blocks = math.ceil(0.5 * SAMPLE_RATE_HZ / DEVICE_BLOCK_FRAMES)
        mono = np.concatenate([streams[-1].pull() for _ in range(blocks)])[:, 0]
    finally:
        synth.close()
    assert np.abs(mono).max() > 0.02
    part = mono[2_000:]
    size = 8 * len(part)
    spectrum = np.abs(np.fft.rfft(part * np.hanning(len(part)), size))
    peak_hz = float(np.argmax(spectrum)) * SAMPLE_RATE_HZ / size
    assert abs(1200 * math.log2(peak_hz / 440.0)) < 5
