"""Qt tests run offscreen, with no display; a window's models are the test run's shared ones."""

import os

import pytest
from PySide6.QtWidgets import QApplication

from engine.compose.midi_model import MidiModel
from engine.sound.render import NoteRenderer
from engine.studio.models import Models
from engine.transcribe.transcriber import NoteModel
from ui.i18n import install_translator

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def models(midi_model: MidiModel, renderer: NoteRenderer, note_model: NoteModel) -> Models:
    """One owner of the loaded models, as a window has, on the models `tests/conftest.py`
    loads once per run (so a window's first compose, play or transcription does not load its
    own copy)."""
    return Models(midi=lambda: midi_model, renderer=lambda: renderer, notes=lambda: note_model)


@pytest.fixture(autouse=True, scope="session")
def english(qapp: QApplication) -> None:
    """Every UI test starts in English as a composer whose system is English sees it, counts
    included ("1 note", "2 notes"); a test that switches language switches back to this."""
    install_translator(qapp, "en")
