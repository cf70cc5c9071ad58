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

The panel speaks a musician's language: its buttons say what they do to the sound ("Try
another sound", "Brighter"), the direction a Nudge takes is a short "Direction 3" with a button
for another, and the seeds that make a sound again exactly sit under a collapsed Advanced
section. Its words live in `ui.panels.timbre_words`.

The widgets and their layout are the base class `ui.panels.timbre_layout.TimbreLayout`. The
Listen row (Audition, A/B, the comparison with the other sound, Loop) is its base class
`ui.panels.timbre_audition.TimbreAudition`; the audition phrase, the sound it is played with and
the description of a timbre are pure functions in `engine.sound.audition`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from engine.errors import TesseraError
from engine.song.edits import update_track
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
from ui.engine_words import engine_text
from ui.i18n import translate
from ui.panels.timbre_audition import PlayerFactory
from ui.panels.timbre_layout import (
    DESCRIPTORS,
    FRESH_SEEDS,
    MAX_SEED,
    TimbreLayout,
    fresh_seed,
)
from ui.panels.timbre_words import direction_text, sound_text, state_text

__all__ = ["DESCRIPTORS", "FRESH_SEEDS", "MAX_SEED", "TimbrePanel", "tessera_choice"]

Change = Callable[[TimbreSpace, Track, str], tuple[TimbreRef, str]]
"""(space, track, track's name) -> (new timbre, undo label)."""


def tessera_choice() -> str:
    """The Track panel's name for the model's sound (as against the standard set)."""
    return translate("TrackPanel", "Tessera timbre")


def _name(track: Track, index: int) -> str:
    return track.name or translate("Timbre", "track {number}").format(number=index + 1)


class TimbrePanel(TimbreLayout):
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

    def _connect(self) -> None:
        self.lock_button.clicked.connect(self.lock)
        self.reset_button.clicked.connect(self.reset_to_gm)
        self.generate_button.clicked.connect(lambda: self.generate(self.seed.value()))
        self.reroll_button.clicked.connect(self.reroll)
        self.nudge_button.clicked.connect(self.nudge)
        self.another_direction.clicked.connect(self.next_direction)
        self.direction_seed.valueChanged.connect(self._show_direction)
        self._show_direction()
        for key, _text, verb in DESCRIPTORS:
            self.descriptor_buttons[key].clicked.connect(
                lambda _checked=False, key=key, verb=verb: self.move_along(key, verb)
            )
        self.interpolate_button.clicked.connect(self.interpolate)

    def _show_direction(self) -> None:
        self.direction.setText(direction_text(self.direction_seed.value()))

    def next_direction(self) -> None:
        """Show the direction the next Nudge takes: one step on from the one shown."""
        self.direction_seed.setValue(self.direction_seed.value() % MAX_SEED + 1)

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
            self.title.setText(translate("Timbre", "Sound: no track selected"))
            for label in (self.kind, self.lock_state, self.description):
                label.setText("")
            return
        track = song.tracks[index]
        self.title.setText(
            translate("Timbre", "Sound of {track}").format(track=_name(track, index))
        )
        self.kind.setText(sound_text(track))
        self.lock_state.setText(state_text(track.timbre, tessera_choice()))
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
            return translate("Timbre", "(shown once the sound model has loaded)")
        ref = track.timbre.tessera()
        if ref.kind == "gm":
            return translate("Timbre", "the General MIDI default itself")
        space = self.renderer.model.space
        return describe_offset(space, ref, gm_default(space, track))

    def _list_other_tracks(self, song: Song, index: int) -> None:
        chosen = self.other_track.currentData()
        self.other_track.clear()
        for other, track in enumerate(song.tracks):
            if other != index:
                self.other_track.addItem(
                    translate("Timbre", "{number}: {name}").format(
                        number=other + 1, name=_name(track, other)
                    ),
                    other,
                )
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
        label = translate("Timbre", "Lock timbre of {track}")
        self._change(lambda space, track, name: (resolved(space, track), label.format(track=name)))

    def reset_to_gm(self) -> None:
        label = translate("Timbre", "Reset timbre of {track} to GM")
        self._change(lambda _s, _t, name: (TimbreRef(), label.format(track=name)))

    def generate(self, seed: int) -> None:
        self.seed.setValue(seed)
        label = translate("Timbre", "Generate timbre of {track} (seed {seed})")
        self._change(
            lambda space, _t, name: (generate(space, seed), label.format(track=name, seed=seed))
        )

    def reroll(self) -> None:
        """A new sound: a short seed other than the one shown."""
        self.generate(fresh_seed(self.seed.value()))

    def nudge(self) -> None:
        """Nudge along the direction shown, then show the next one for the next click."""
        strength, direction = self.strength.value() / 100, self.direction_seed.value()
        self.next_direction()
        label = translate("Timbre", "Nudge timbre of {track} ({strength}, direction {direction})")
        self._change(
            lambda space, track, name: (
                nudge(space, resolved(space, track), strength, direction),
                label.format(track=name, strength=f"{strength:.2f}", direction=direction),
            )
        )

    def move_along(self, descriptor: str, verb: str = "") -> None:
        """Move the sound along a descriptor ("brighter"...) by the strength set; `verb` is
        the English undo label's start when the descriptor has no words of its own."""
        strength = self.strength.value() / 100
        labels = {
            "brighter": translate("Timbre", "Brighten timbre of {track} ({strength})"),
            "darker": translate("Timbre", "Darken timbre of {track} ({strength})"),
            "softer_attack": translate("Timbre", "Soften attack of {track} ({strength})"),
            "harder_attack": translate("Timbre", "Harden attack of {track} ({strength})"),
        }
        label = labels.get(descriptor, verb + " {track} ({strength})")
        self._change(
            lambda space, track, name: (
                describe(space, resolved(space, track), descriptor, strength),
                label.format(track=name, strength=f"{strength:.2f}"),
            )
        )

    def interpolate(self) -> None:
        other, fraction = self.other_track.currentData(), self.fraction.value() / 100
        if other is None:
            self.say(translate("Timbre", "add another track to blend toward"))
            return
        target = self._song().tracks[other]
        toward = _name(target, other)
        label = translate("Timbre", "Interpolate timbre of {track} toward {other} ({fraction})")
        self._change(
            lambda space, track, name: (
                interpolate(resolved(space, track), resolved(space, target), fraction),
                label.format(track=name, other=toward, fraction=f"{fraction:.2f}"),
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
            self.say(engine_text(err))
            return
        if edited == song:
            self.say(translate("Timbre", "{label}: no change").format(label=label))
            return
        self._last_change[index] = (track.timbre, ref)
        self._apply_edit(edited, label)
        self.refresh()
        kept = translate(
            "Timbre", "{label} (the Tessera timbre it keeps; it still plays the standard sound)"
        )
        self.say(kept.format(label=label) if ref.is_standard else label)

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
        self.status.setText(translate("Timbre", "loading the timbre model…"))  # its own news
        self.jobs.run(
            translate("Timbre", "Loading the timbre model…"),
            lambda _p: self.models.renderer(),
            self._loaded,
            self._not_loaded,
        )

    def _loaded(self, _renderer: NoteRenderer) -> None:
        self.status.setText(translate("Timbre", "the timbre model is ready"))
        self.refresh()
        self.model_loaded.emit()
        pending, self._pending = self._pending, []
        for action in pending:
            action()

    def _not_loaded(self, text: str, trace: str) -> None:
        self._pending = []
        self._set_audition("idle")
        self.say(
            translate("Timbre", "the timbre model could not load: {reason}").format(reason=text)
        )
        if trace:
            self.failed.emit(text, trace)
