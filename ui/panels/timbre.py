"""The timbre panel: the selected track's sound, generated, locked, nudged, moved along a
descriptor, mixed toward another track's sound, described and auditioned.

Every change is one undoable edit through `apply_edit`, labelled with what was done and the seed
it used, so any timbre can be made again. The edits are pure vector arithmetic
(`engine.sound.timbre`) and run at once; only the timbre model is slow to load. The panel uses the
window's `engine.studio.models.Models` (the one timbre model the transport and the live synth
play through too) and asks for it on the panel's own `JobRunner` the first time the panel is
shown or used (a click made while it loads is carried out once it is there), so a long compose
job never holds the panel up.

Audition renders a short phrase (a C major arpeggio and chord in the instrument's playable
range, or a drum fill) in the background, then plays it through the panel's own `Player`, whose
callbacks come back to the UI thread through `ui.ui_thread.relay` (which holds the panel only
weakly). Play and Stop reach the sound card only from the panel's `ui.device_thread.DeviceThread`,
as the transport's do: Stop shows at once, and a device that stops answering is abandoned by
the engine after its time limit with a message, never a frozen window. A/B swaps the phrase
between the timbre before the last change made here and the current one, without a gap while
it plays.

The audition phrase and the description of a timbre are pure functions in
`engine.sound.audition`.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any, Literal

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from engine.errors import TesseraError
from engine.song.edits import update_track
from engine.song.gm import instrument_name
from engine.song.song import Song, TimbreRef, Track
from engine.sound.audition import audition_song, describe_offset, gm_default, resolved
from engine.sound.playback import Player
from engine.sound.render import NoteRenderer, SongMix
from engine.sound.timbre import (
    TimbreSpace,
    describe,
    generate,
    interpolate,
    nudge,
)
from engine.studio.models import Models
from ui.device_thread import DeviceThread
from ui.jobs import JobRunner
from ui.ui_thread import relay

MAX_SEED = 2**31 - 1
PlayerFactory = Callable[..., Player]
"""Called like `Player(renderer, on_error=callback, on_finished=callback)`."""
Change = Callable[[TimbreSpace, Track, str], tuple[TimbreRef, str]]
"""(space, track, track's name) -> (new timbre, undo label)."""
DESCRIPTORS = (
    ("brighter", "Brighter", "Brighten timbre of"),
    ("darker", "Darker", "Darken timbre of"),
    ("softer_attack", "Softer attack", "Soften attack of"),
    ("harder_attack", "Harder attack", "Harden attack of"),
)
"""(descriptor, button text, undo label verb)."""
LOCK_TIP = (
    "A locked timbre is stored on the track as a generated timbre: it reproduces exactly from "
    "its seed and vector. An unlocked track follows the General MIDI default for its "
    "instrument. Lock keeps today's default sound fixed; Reset to GM unlocks."
)
DESCRIPTION_TIP = (
    "Distance from the General MIDI default in the timbre space's standard deviations (a Nudge "
    "of strength 1 moves 1.00); descriptor amounts in step strengths (Brighter at 0.30 adds "
    "brighter 0.30)."
)


def _slider(percent: int, tip: str) -> tuple[QSlider, QLabel]:
    slider = QSlider(Qt.Orientation.Horizontal)
    slider.setRange(0, 100)
    slider.setValue(percent)
    slider.setToolTip(tip)
    value = QLabel(f"{percent / 100:.2f}")
    value.setMinimumWidth(32)
    slider.valueChanged.connect(lambda step: value.setText(f"{step / 100:.2f}"))
    return slider, value


def _button(text: str, tip: str) -> QPushButton:
    button = QPushButton(text)
    button.setToolTip(tip)
    return button


def _seed_box(tip: str) -> QSpinBox:
    box = QSpinBox(minimum=0, maximum=MAX_SEED)
    box.setValue(random.randrange(MAX_SEED))
    box.setToolTip(tip)
    return box


def _row(*widgets: QWidget) -> QHBoxLayout:
    """Widgets side by side, the first one taking the spare width."""
    row = QHBoxLayout()
    for position, widget in enumerate(widgets):
        row.addWidget(widget, 1 if position == 0 else 0)
    return row


def _name(track: Track, index: int) -> str:
    return track.name or f"track {index + 1}"


class TimbrePanel(QWidget):
    """The timbre of one track of the window's song; `set_track` chooses it."""

    message = Signal(str)
    """What the panel just said in its status line (the window may echo it)."""
    failed = Signal(str, str)
    """An unexpected error in a background job: (text, traceback)."""
    auditioning = Signal(bool)
    """True when an audition starts preparing or playing, False when it stops."""
    model_loaded = Signal()

    def __init__(
        self,
        song: Callable[[], Song],
        apply_edit: Callable[[Song, str], None],
        models: Models,
        player_factory: PlayerFactory | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._song, self._apply_edit, self.models = song, apply_edit, models
        self._make_player: PlayerFactory = player_factory or Player
        self.track_index: int | None = None
        self.player: Player | None = None
        self.jobs = JobRunner(self)
        self._pending: list[Callable[[], None]] = []
        self._audition: Literal["idle", "preparing", "playing"] = "idle"
        self._last_change: dict[int, tuple[TimbreRef, TimbreRef]] = {}
        """Per track: (before, after) of the last change made here, for A/B."""
        self.device = DeviceThread("tessera-audition-device")
        self._request = 0  # numbers play and stop requests: an answer to an older one is moot
        self._build()
        self._lay_out()
        self._connect()
        self.set_track(None)

    def _build(self) -> None:
        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.kind, self.lock_state, self.description = QLabel(), QLabel(), QLabel()
        self.lock_state.setToolTip(LOCK_TIP)
        self.description.setToolTip(DESCRIPTION_TIP)
        self.description.setWordWrap(True)
        self.lock_button = _button("Lock", LOCK_TIP)
        self.reset_button = _button("Reset to GM", "Unlock: back to the General MIDI default")
        self.seed = _seed_box("The seed Generate draws a timbre with (same seed, same sound)")
        self.generate_button = _button("Generate", "A new timbre from the model with this seed")
        self.reroll_button = _button("Re-roll", "A new random seed, and Generate with it")
        self.strength, self.strength_value = _slider(30, "How far Nudge and the descriptors move")
        self.direction_seed = _seed_box("The seed of the nudge's direction (a new one each click)")
        self.nudge_button = _button("Nudge", "Move the timbre a little in a random direction")
        self.descriptor_buttons = {
            key: _button(text, f"{text}, by the strength above") for key, text, _ in DESCRIPTORS
        }
        self.other_track = QComboBox()
        self.other_track.setToolTip("The track whose timbre to move toward")
        self.fraction, self.fraction_value = _slider(50, "0 keeps this timbre, 1 takes the other")
        self.interpolate_button = _button("Interpolate", "Move toward the other track's timbre")
        self.audition_button = _button("Audition", "Play a short phrase with this timbre")
        self.ab_button = _button("", "Hear A, the timbre before the last change here, or B, now")
        self.ab_button.setCheckable(True)
        self.loop = QCheckBox("Loop")
        self.status = QLabel()
        self.status.setWordWrap(True)

    def _lay_out(self) -> None:
        descriptors = QGridLayout()
        for position, (key, _text, _verb) in enumerate(DESCRIPTORS):
            descriptors.addWidget(self.descriptor_buttons[key], position // 2, position % 2)
        form = QFormLayout()
        form.addRow(self.title)
        form.addRow("Sound", self.kind)
        form.addRow("State", self.lock_state)
        form.addRow("vs GM", self.description)
        form.addRow("", _row(self.lock_button, self.reset_button))
        form.addRow("Seed", _row(self.seed, self.generate_button, self.reroll_button))
        form.addRow("Strength", _row(self.strength, self.strength_value))
        form.addRow("Direction", _row(self.direction_seed, self.nudge_button))
        form.addRow("Character", descriptors)
        form.addRow("Toward", self.other_track)
        form.addRow("Fraction", _row(self.fraction, self.fraction_value, self.interpolate_button))
        form.addRow("Listen", _row(self.audition_button, self.ab_button, self.loop))
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(self.status)
        column.addStretch(1)

    def _connect(self) -> None:
        self.lock_button.clicked.connect(self.lock)
        self.reset_button.clicked.connect(self.reset_to_gm)
        self.generate_button.clicked.connect(lambda: self.generate(self.seed.value()))
        self.reroll_button.clicked.connect(self.reroll)
        self.nudge_button.clicked.connect(self.nudge)
        for key, _text, verb in DESCRIPTORS:
            self.descriptor_buttons[key].clicked.connect(
                lambda _checked=False, key=key, verb=verb: self.move_along(key, verb)
            )
        self.interpolate_button.clicked.connect(self.interpolate)
        self.audition_button.clicked.connect(self.toggle_audition)
        self.ab_button.toggled.connect(self._ab_toggled)
        self.loop.toggled.connect(self._loop_toggled)

    # --- showing -------------------------------------------------------------------------------

    def set_track(self, index: int | None) -> None:
        """Show a track of the current song (None, or an index past the end, disables the panel)."""
        if index != self.track_index:
            self.stop_audition()
            self.ab_button.setChecked(False)
            self.status.clear()  # the last message was about the other track
        self.track_index = index
        self.refresh()

    def refresh(self) -> None:
        """Show the song's current state of the track (call after every change to the song)."""
        song = self._song()
        if self.track_index is not None and not 0 <= self.track_index < len(song.tracks):
            self.track_index = None
        index = self.track_index
        self.setEnabled(index is not None)
        if index is None:
            self.title.setText("Timbre: no track selected")
            for label in (self.kind, self.lock_state, self.description):
                label.setText("")
            return
        track = song.tracks[index]
        generated = track.timbre.kind == "generated"
        self.title.setText(f"Timbre of {_name(track, index)}")
        instrument = instrument_name(track.program, track.is_drum)
        self.kind.setText(
            f"Generated, seed {track.timbre.seed}" if generated else f"General MIDI: {instrument}"
        )
        self.lock_state.setText("Locked" if generated else "Not locked (follows the GM default)")
        self.lock_button.setEnabled(not generated)
        self.reset_button.setEnabled(generated)
        self.description.setText(self._describe(track))
        self._list_other_tracks(song, index)
        self._show_ab()
        if self._audition == "playing" and self.player is not None:
            self.player.set_song(self._phrase(track))  # hear an edit made while auditioning

    def _describe(self, track: Track) -> str:
        if self.renderer is None:
            return "(shown once the timbre model has loaded)"
        if track.timbre.kind == "gm":
            return "the General MIDI default itself"
        space = self.renderer.model.space
        return describe_offset(space, track.timbre, gm_default(space, track))

    def _list_other_tracks(self, song: Song, index: int) -> None:
        chosen = self.other_track.currentData()
        self.other_track.clear()
        for other, track in enumerate(song.tracks):
            if other != index:
                self.other_track.addItem(f"{other + 1}: {_name(track, other)}", other)
        found = self.other_track.findData(chosen)
        self.other_track.setCurrentIndex(max(found, 0))
        self.interpolate_button.setEnabled(self.other_track.count() > 0)
        self.other_track.setEnabled(self.other_track.count() > 0)

    def _previous(self) -> TimbreRef | None:
        """The timbre before the last change made here, while that change still stands."""
        if self.track_index is None:
            return None
        change = self._last_change.get(self.track_index)
        current = self._song().tracks[self.track_index].timbre
        return change[0] if change is not None and change[1] == current else None

    def _show_ab(self) -> None:
        available = self._previous() is not None
        if not available and self.ab_button.isChecked():
            self.ab_button.setChecked(False)
        self.ab_button.setEnabled(available)
        self.ab_button.setText("A/B: before" if self.ab_button.isChecked() else "A/B: now")

    def say(self, text: str) -> None:
        self.status.setText(text)
        self.message.emit(text)

    # --- edits ---------------------------------------------------------------------------------

    def lock(self) -> None:
        """Store the GM default as a generated ref, so it stays fixed (and sounds the same)."""
        self._change(lambda space, track, name: (resolved(space, track), f"Lock timbre of {name}"))

    def reset_to_gm(self) -> None:
        self._change(lambda _s, _t, name: (TimbreRef(), f"Reset timbre of {name} to GM"))

    def generate(self, seed: int) -> None:
        self.seed.setValue(seed)
        self._change(
            lambda space, _t, name: (
                generate(space, seed),
                f"Generate timbre of {name} (seed {seed})",
            )
        )

    def reroll(self) -> None:
        self.generate(random.randrange(MAX_SEED))

    def nudge(self) -> None:
        """Nudge along the direction seed shown, then show a new one for the next click."""
        strength, direction = self.strength.value() / 100, self.direction_seed.value()
        self.direction_seed.setValue(random.randrange(MAX_SEED))
        self._change(
            lambda space, track, name: (
                nudge(space, resolved(space, track), strength, direction),
                f"Nudge timbre of {name} ({strength:.2f}, direction {direction})",
            )
        )

    def move_along(self, descriptor: str, verb: str) -> None:
        strength = self.strength.value() / 100
        self._change(
            lambda space, track, name: (
                describe(space, resolved(space, track), descriptor, strength),
                f"{verb} {name} ({strength:.2f})",
            )
        )

    def interpolate(self) -> None:
        other, fraction = self.other_track.currentData(), self.fraction.value() / 100
        if other is None:
            self.say("add another track to interpolate toward")
            return
        target = self._song().tracks[other]
        toward = _name(target, other)
        self._change(
            lambda space, track, name: (
                interpolate(resolved(space, track), resolved(space, target), fraction),
                f"Interpolate timbre of {name} toward {toward} ({fraction:.2f})",
            )
        )

    def _change(self, change: Change) -> None:
        """Apply `change` to the shown track as one undo step, once the model is there."""
        index = self.track_index
        if index is not None:
            self._when_loaded(lambda: self._apply(index, change))

    def _apply(self, index: int, change: Change) -> None:
        song = self._song()
        if self.renderer is None or index >= len(song.tracks):
            return
        track = song.tracks[index]
        try:
            ref, label = change(self.renderer.model.space, track, _name(track, index))
            edited = update_track(song, index, timbre=ref)
        except TesseraError as err:
            self.say(str(err))
            return
        if edited == song:
            self.say(f"{label}: no change")
            return
        self._last_change[index] = (track.timbre, ref)
        self._apply_edit(edited, label)
        self.refresh()
        self.say(label)

    # --- the model -----------------------------------------------------------------------------

    @property
    def renderer(self) -> NoteRenderer | None:
        """The shared note renderer once the timbre model has loaded (None before)."""
        return self.models.renderer() if self.models.is_loaded("timbre") else None

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self._load()  # load while the composer looks at the panel, before the first click

    def _when_loaded(self, action: Callable[[], None]) -> None:
        if self.renderer is not None:
            action()
            return
        self._pending.append(action)
        self._load()

    def _load(self) -> None:
        if self.renderer is not None or self.jobs.busy:
            return
        self.status.setText("loading the timbre model…")  # the panel's own news only
        self.jobs.run(
            "Loading the timbre model…",
            lambda _p: self.models.renderer(),
            self._loaded,
            self._not_loaded,
        )

    def _loaded(self, _renderer: NoteRenderer) -> None:
        self.status.setText("the timbre model is ready")
        self.refresh()
        self.model_loaded.emit()
        pending, self._pending = self._pending, []
        for action in pending:
            action()

    def _not_loaded(self, text: str, trace: str) -> None:
        self._pending = []
        self._set_audition("idle")
        self.say(f"the timbre model could not load: {text}")
        if trace:
            self.failed.emit(text, trace)

    # --- audition ------------------------------------------------------------------------------

    def toggle_audition(self) -> None:
        if self._audition != "idle":
            self.stop_audition()
        elif self.track_index is not None:
            self._set_audition("preparing")
            self._when_loaded(self._prepare)

    def stop_audition(self) -> None:
        """Stop an audition that is preparing or playing (call when the window closes)."""
        if self._audition == "preparing" and self.jobs.busy:
            self.jobs.cancel()
        self._request += 1
        if self.player is not None and self._audition != "idle":
            self.device.submit(self.player.stop)  # a device that hangs is the engine's to abandon
        self._set_audition("idle")

    def _phrase(self, track: Track) -> Song:
        previous = self._previous() if self.ab_button.isChecked() else None
        return audition_song(track, track.timbre if previous is None else previous)

    def _prepare(self) -> None:
        """Render A and B's phrases into the note cache off the UI thread, then play."""
        renderer, index = self.renderer, self.track_index
        if self._audition != "preparing" or renderer is None or index is None:
            return
        track = self._song().tracks[index]
        refs = dict.fromkeys((track.timbre, self._previous() or track.timbre))
        songs = [audition_song(track, ref) for ref in refs]

        def work(progress: Callable[[int, int], None]) -> None:
            for song in songs:
                mix = SongMix(song, renderer)
                mix.prepare(0, mix.end_bound_samples, progress)

        if not self.jobs.run("Preparing the audition…", work, self._play, self._not_played):
            self._not_played("the panel is still busy: try again in a moment", "")

    def _play(self, _result: Any = None) -> None:
        """Ask the device thread to play the phrase; `_play_answered` follows."""
        if self._audition != "preparing" or self.renderer is None or self.track_index is None:
            return
        song = self._phrase(self._song().tracks[self.track_index])
        try:
            if self.player is None:
                self.player = self._make_player(
                    self.renderer,
                    on_error=relay(self, "_player_failed"),
                    on_finished=relay(self, "_player_finished"),
                )
        except TesseraError as err:  # AudioDeviceError above all: say it, stay usable
            self._not_played(str(err), "")
            return
        player, loop, name = self.player, self._loop_range(song), song.tracks[0].name
        self._request += 1
        answer, number = relay(self, "_play_answered"), self._request

        def play_on_device() -> None:
            try:
                player.play(song, loop=loop)
            except Exception as err:  # AudioDeviceError above all; any other is said too
                answer(number, name, str(err) if isinstance(err, TesseraError) else repr(err))
                return
            answer(number, name, "")

        self.device.submit(play_on_device)

    def _play_answered(self, number: int, name: str, failure: str) -> None:
        if number != self._request or self._audition != "preparing":  # stopped meanwhile
            return
        if failure:
            self._not_played(failure, "")
            return
        self._set_audition("playing")
        self.say(f"auditioning {name}: {self._hearing()}")

    def _not_played(self, text: str, trace: str) -> None:
        self._set_audition("idle")
        self.say(text)
        if trace:
            self.failed.emit(text, trace)

    def _hearing(self) -> str:
        return "A, before the last change" if self.ab_button.isChecked() else "B, the timbre now"

    def _loop_range(self, song: Song) -> tuple[float, float] | None:
        return (0.0, song.duration_seconds) if self.loop.isChecked() else None

    def _set_audition(self, state: Literal["idle", "preparing", "playing"]) -> None:
        was_idle, self._audition = self._audition == "idle", state
        self.audition_button.setText("Audition" if state == "idle" else "Stop")
        if was_idle != (state == "idle"):
            self.auditioning.emit(state != "idle")

    def _ab_toggled(self) -> None:
        self._show_ab()
        if self._audition == "playing" and self.player is not None and self.track_index is not None:
            self.player.set_song(self._phrase(self._song().tracks[self.track_index]))
            self.say(f"now hearing {self._hearing()}")

    def _loop_toggled(self) -> None:
        if self._audition == "playing" and self.player is not None and self.track_index is not None:
            song = self._phrase(self._song().tracks[self.track_index])
            self.player.set_loop(self._loop_range(song))

    def _player_finished(self) -> None:
        if (
            self.player is not None
            and self.player.state == "stopped"
            and self._audition == "playing"
        ):
            self._set_audition("idle")

    def _player_failed(self, text: str) -> None:
        """The device failed while playing, or did not answer a Stop (the panel is idle
        already, and an audition asked for since stays what it is)."""
        if self._audition == "playing":
            self._set_audition("idle")
        self.say(text)
