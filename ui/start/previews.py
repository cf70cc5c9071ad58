"""Short previews of the style presets, for the start screen's Listen buttons.

A preview is `PREVIEW_BARS` bars of the preset composed by the shipped model with a fixed seed,
every track on the standard sound set (the General MIDI SoundFont: no timbre model to run per
note, so it is the quickest to make), rendered once offline through the same mixer as Export
Audio. That render runs on a job runner of the previews' own, never the UI thread nor the
window's runner (a preview never makes a composer's job wait, nor the reverse); it leaves the
notes in the shared note cache, so the window's player (`ui.panels.transport.AudioEngine`,
the one that plays the song) then plays the preview at once. Each preview is made once per
session and kept; a machine without the SoundFont hears the timbre model instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from PySide6.QtCore import QObject, Signal

from engine.compose import operations
from engine.compose.operations import Generate
from engine.errors import TesseraError
from engine.song.edits import update_track
from engine.song.song import Song
from engine.song.timbre_ref import TimbreRef
from engine.sound.audio_files import SAMPLE_RATE_HZ
from engine.sound.render import render
from engine.sound.soundfont import SoundFontError
from engine.studio.models import Models
from ui.engine_words import engine_text
from ui.jobs import JobRunner
from ui.panels.transport import AudioEngine

PREVIEW_BARS = 4
PREVIEW_SEED = 2024
"""The same seed every time: a style's preview is the same tune in every session."""
PreviewState = Literal["idle", "preparing", "playing"]


@dataclass(frozen=True)
class Preview:
    """A made preview: the song played and how long its render lasts."""

    preset: str
    song: Song
    seconds: float


def on_standard_sounds(song: Song) -> Song:
    """Every track on the standard sound set (the General MIDI SoundFont)."""
    for index in range(len(song.tracks)):
        song = update_track(song, index, timbre=TimbreRef("soundfont"))
    return song


def make_preview(models: Models, preset: str) -> Preview:
    """Compose and render the preset's preview (slow: call it off the UI thread)."""
    request = Generate(preset, bars=PREVIEW_BARS, title=preset)
    composed = operations.apply(models.midi(), None, request, PREVIEW_SEED, None)
    song = on_standard_sounds(composed)
    renderer = models.renderer()
    try:
        audio = render(song, renderer)
    except SoundFontError:  # no SoundFont installed: the timbre model plays it
        song = composed
        audio = render(song, renderer)
    return Preview(preset, song, len(audio) / SAMPLE_RATE_HZ)


class StylePreviews(QObject):
    """Makes (once) and plays the previews; `state_changed(preset, state)` follows each card's
    state, `failed(text)` says why a preview could not be made or played."""

    state_changed = Signal(str, str)
    failed = Signal(str)

    def __init__(
        self,
        models: Models,
        audio: AudioEngine,
        stop_sound: Callable[[], None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        """`stop_sound` stops the player (the window's transport's Stop, so its buttons
        follow); by default the audio engine's."""
        super().__init__(parent)
        self.models, self.audio = models, audio
        self._stop_sound = stop_sound or audio.stop
        self.made: dict[str, Preview] = {}
        self.playing: str | None = None
        self._wanted: str | None = None
        self._runner = JobRunner(self)
        audio.stopped.connect(self._ended)
        audio.error.connect(self._ended)

    @property
    def busy(self) -> bool:
        """A preview is being made."""
        return self._runner.busy

    def toggle(self, preset: str) -> None:
        """Listen: play the preset's preview (making it first if needed), or stop it when it
        is the one playing."""
        if preset in (self.playing, self._wanted):
            self.stop()
            return
        self.stop()
        self._wanted = preset
        if preset in self.made:
            self._play(self.made[preset])
            return
        self.state_changed.emit(preset, "preparing")
        if not self._runner.busy:
            self._make(preset)

    def stop(self) -> None:
        """Stop the preview playing, and forget one being waited for."""
        wanted, playing = self._wanted, self.playing
        self._wanted = self.playing = None
        if playing is not None:
            self._stop_sound()
        for preset in {wanted, playing} - {None}:
            assert preset is not None
            self.state_changed.emit(preset, "idle")

    def _make(self, preset: str) -> None:
        self._runner.run(
            "preview",
            lambda _progress: make_preview(self.models, preset),
            self._made,
            lambda text, _trace: self._not_made(preset, text),
        )

    def _made(self, preview: Preview) -> None:
        self.made[preview.preset] = preview
        if self._wanted == preview.preset:
            self._play(preview)
        elif self._wanted is not None and self._wanted not in self.made:
            self._make(self._wanted)  # asked for another while this one was being made

    def _not_made(self, preset: str, text: str) -> None:
        if self._wanted == preset:
            self._wanted = None
        self.state_changed.emit(preset, "idle")
        self.failed.emit(text)

    def _play(self, preview: Preview) -> None:
        self._wanted = None
        try:
            self.audio.play(preview.song, 0.0, None)
        except TesseraError as err:
            self.state_changed.emit(preview.preset, "idle")
            self.failed.emit(engine_text(err))
            return
        self.playing = preview.preset
        self.state_changed.emit(preview.preset, "playing")

    def _ended(self, *_why: object) -> None:
        """The player stopped (the end of the preview, Stop, or an error)."""
        if self.playing is not None:
            preset, self.playing = self.playing, None
            self.state_changed.emit(preset, "idle")
