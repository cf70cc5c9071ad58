"""The shipped models, loaded once per test run and shared by every test that needs one.

Each model is the real one from models/ (or basic-pitch's, for notes), run by onnxruntime with
one thread: tests run beside each other on few cores, and one thread gives steady timings. A
test that needs a fresh or broken model builds its own.

The tests' JACK servers (tests/helpers/jack_server.py) run under a name of this test run's own,
so a run never joins, or shuts down, a server that someone else on the machine is using (their
music, or another test run), and the tests that must start a server of their own are not skipped.
"""

from __future__ import annotations

import os

import pytest

os.environ["JACK_DEFAULT_SERVER"] = f"tessera-tests-{os.getpid()}"

from engine.compose.midi_model import MidiModel
from engine.sound.render import NoteRenderer
from engine.sound.timbre import TimbreModel
from engine.transcribe.transcriber import NoteModel


@pytest.fixture(scope="session")
def midi_model() -> MidiModel:
    """The symbolic model that composes."""
    return MidiModel(threads=1)


@pytest.fixture(scope="session")
def timbre_model() -> TimbreModel:
    """The timbre model that gives every track its sound."""
    return TimbreModel(threads=1)


@pytest.fixture(scope="session")
def renderer(timbre_model: TimbreModel) -> NoteRenderer:
    """Notes through the timbre model, with its cache of rendered notes shared across tests."""
    return NoteRenderer(timbre_model)


@pytest.fixture(scope="session")
def note_model() -> NoteModel:
    """basic-pitch's note model, for audio to notes."""
    return NoteModel()
