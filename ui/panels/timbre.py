"""The timbre panel: the selected track's sound, generated, locked, nudged, moved along a
descriptor, mixed toward another track's sound, described and auditioned.

Every change is one undoable edit through `apply_edit`, labelled with what was done and the seed
it used, so any timbre can be made again. The edits are pure vector arithmetic
(`engine.sound.timbre`) and run at once; only the timbre model is slow to load. The panel uses the
window's `engine.studio.models.Models` (the one timbre model the transport and the live synth
play through too) and asks for it on the panel's own `JobRunner` the first time the panel is
shown or used (a click made while it loads is carried out once it is there), so a long compose
job never holds the panel up.

A track on the standard sound set (the General MIDI SoundFont, chosen in the Track panel) keeps
a Tessera timbre to come back to. The panel says so, and its edits shape that kept timbre while
the track goes on playing the standard set: a musician comparing the two sounds can refine the
Tessera one without the song changing under them, and switching back in the Track panel gives
exactly what was shaped here. The status line says where an edit went.

The Listen row (Audition, A/B, the comparison with the other sound, Loop) is the base class
`ui.panels.timbre_audition.TimbreAudition`; the audition phrase, the sound it is played with and
the description of a timbre are pure functions in `engine.sound.audition`.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
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
from engine.sound.audition import describe_offset, gm_default, resolved
from engine.sound.render import NoteRenderer
from engine.sound.timbre import (
    TimbreSpace,
    describe,
    generate,
    interpolate,
    nudge,
)
from engine.studio.models import Models
from ui.panels.timbre_audition import PlayerFactory, TimbreAudition

MAX_SEED = 2**31 - 1
TESSERA_CHOICE = "Tessera timbre"
"""The Track panel's name for the model's sound (as against the standard set)."""
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


def _sound_text(track: Track) -> str:
    """What the track sounds through: the standard set, a generated timbre or the GM default."""
    instrument = instrument_name(track.program, track.is_drum)
    if track.timbre.is_standard:
        return f"Standard sound: the General MIDI SoundFont's {instrument}"
    if track.timbre.kind == "generated":
        return f"Generated, seed {track.timbre.seed}"
    return f"General MIDI: {instrument}"


def _state_text(ref: TimbreRef) -> str:
    """Locked or not; for a standard-sound track, the Tessera timbre it keeps (which the edits
    here shape) and how to hear it in the song."""
    if not ref.is_standard:
        return "Locked" if ref.kind == "generated" else "Not locked (follows the GM default)"
    kept = ref.tessera()
    timbre = f"generated, seed {kept.seed}" if kept.kind == "generated" else "the GM default"
    return (
        f"Keeps a Tessera timbre ({timbre}): the edits here shape it; choose "
        f"'{TESSERA_CHOICE}' in the Track panel to hear it in the song"
    )


class TimbrePanel(TimbreAudition):
    """The timbre of one track of the window's song; `set_track` chooses it."""

    model_loaded = Signal()

    def __init__(
        self,
        song: Callable[[], Song],
        apply_edit: Callable[[Song, str], None],
        models: Models,
        player_factory: PlayerFactory | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(player_factory, parent)
        self._song, self._apply_edit, self.models = song, apply_edit, models
        self.track_index: int | None = None
        self._pending: list[Callable[[], None]] = []
        self._last_change: dict[int, tuple[TimbreRef, TimbreRef]] = {}
        """Per track: (before, after) of the last change made here, for A/B."""
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
        form.addRow("", self.compare)
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

    # --- showing -------------------------------------------------------------------------------

    def set_track(self, index: int | None) -> None:
        """Show a track of the current song (None, or an index past the end, disables the panel)."""
        if index != self.track_index:
            self._forget_listening()
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
        self.title.setText(f"Timbre of {_name(track, index)}")
        self.kind.setText(_sound_text(track))
        self.lock_state.setText(_state_text(track.timbre))
        generated = track.timbre.tessera().kind == "generated"
        self.lock_button.setEnabled(not generated)
        self.reset_button.setEnabled(generated)
        self.description.setText(self._describe(track))
        self._list_other_tracks(song, index)
        self._show_listen(track)
        if self._audition == "playing" and self.player is not None:
            self.player.set_song(self._phrase(track))  # hear an edit made while auditioning

    def _describe(self, track: Track) -> str:
        """The Tessera timbre against the GM default (a standard track's kept timbre)."""
        if self.renderer is None:
            return "(shown once the timbre model has loaded)"
        ref = track.timbre.tessera()
        if ref.kind == "gm":
            return "the General MIDI default itself"
        space = self.renderer.model.space
        return describe_offset(space, ref, gm_default(space, track))

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

    def _track(self) -> Track | None:
        song = self._song()
        index = self.track_index
        return song.tracks[index] if index is not None and index < len(song.tracks) else None

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
            if track.timbre.is_standard:  # shape the kept timbre; the sound stays the standard
                ref = ref.standard()
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
        kept = " (the Tessera timbre it keeps; it still plays the standard sound)"
        self.say(label + (kept if ref.is_standard else ""))

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
