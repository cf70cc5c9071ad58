"""The timbre panel's audition: the Listen row and the player behind it.

Audition renders a short phrase (a C major arpeggio and chord in the instrument's playable
range, or a drum fill) in the background, then plays it through the panel's own `Player`, whose
callbacks come back to the UI thread through `ui.ui_thread.relay` (which holds the panel only
weakly). Play and Stop reach the sound card only from the panel's `ui.device_thread.DeviceThread`,
as the transport's do: Stop shows at once, and a device that stops answering is abandoned by
the engine after its time limit with a message, never a frozen window.

What is heard is chosen without a gap while it plays: A/B swaps between the Tessera timbre
before the last change made here and the current one, and "Compare" swaps to the track's other
sound (a Tessera track's standard set, the General MIDI SoundFont for the same instrument; a
standard-sound track's kept Tessera timbre), so a musician hears what choosing the other sound
in the Track panel would give. The choice of sound is `engine.sound.audition.audition_ref`.

`TimbreAudition` is the panel's base class; the panel gives it the track, the timbre before the
last change and the model (`_track`, `_previous`, `renderer`, `_when_loaded`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QPushButton, QWidget

from engine.errors import TesseraError
from engine.song.gm import instrument_name
from engine.song.song import Song, TimbreRef, Track
from engine.sound.audition import audition_ref, audition_song, hears_standard
from engine.sound.playback import Player
from engine.sound.render import NoteRenderer, SongMix
from ui.device_thread import DeviceThread
from ui.engine_words import engine_text
from ui.i18n import translate
from ui.jobs import JobRunner
from ui.ui_thread import relay

PlayerFactory = Callable[..., Player]
"""Called like `Player(renderer, on_error=callback, on_finished=callback)`."""
AuditionState = Literal["idle", "preparing", "playing"]


def ab_tip() -> str:
    return translate(
        "Timbre", "Switch between A, the sound before your last change here, and B, the sound now"
    )


def ab_standard_tip() -> str:
    return translate("Timbre", "A/B compares Tessera timbres: untick the comparison to hear them")


class TimbreAudition(QWidget):
    """The Listen row (Audition, A/B, Compare, Loop) of a panel showing one track's sound."""

    message = Signal(str)
    """What the panel just said in its status line (the window may echo it)."""
    failed = Signal(str, str)
    """An unexpected error in a background job: (text, traceback)."""
    auditioning = Signal(bool)
    """True when an audition starts preparing or playing, False when it stops."""

    def __init__(self, player_factory: PlayerFactory | None, parent: QWidget | None) -> None:
        super().__init__(parent)
        self._make_player: PlayerFactory = player_factory or Player
        self.player: Player | None = None
        self.jobs = JobRunner(self)
        self._audition: AuditionState = "idle"
        self.device = DeviceThread("tessera-audition-device")
        self._request = 0  # numbers play and stop requests: an answer to an older one is moot
        self.audition_button = QPushButton(translate("Timbre", "Audition"))
        self.audition_button.setToolTip(
            translate("Timbre", "Play a short phrase with this track's sound")
        )
        self.ab_button = QPushButton()
        self.ab_button.setToolTip(ab_tip())
        self.ab_button.setCheckable(True)
        self.compare = QCheckBox(translate("Timbre", "Compare with the standard sound"))
        self.loop = QCheckBox(translate("Timbre", "Loop"))
        self.loop.setToolTip(translate("Timbre", "Play the phrase over and over until you stop it"))
        self.audition_button.clicked.connect(self.toggle_audition)
        self.ab_button.toggled.connect(self._hearing_changed)
        self.compare.toggled.connect(self._hearing_changed)
        self.loop.toggled.connect(self._loop_toggled)

    # --- what the panel provides ---------------------------------------------------------------

    @property
    def renderer(self) -> NoteRenderer | None:
        raise NotImplementedError

    def _track(self) -> Track | None:
        """The shown track of the current song (None when none is shown)."""
        raise NotImplementedError

    def _previous(self) -> TimbreRef | None:
        raise NotImplementedError

    def _when_loaded(self, action: Callable[[], None]) -> None:
        raise NotImplementedError

    def say(self, text: str) -> None:
        raise NotImplementedError

    # --- showing -------------------------------------------------------------------------------

    def _show_listen(self, track: Track) -> None:
        """Label the comparison for the track's sound; A/B only while a change stands and a
        Tessera timbre is heard."""
        instrument = instrument_name(track.program, track.is_drum)
        if track.timbre.is_standard:
            self.compare.setText(translate("Timbre", "Compare with the Tessera timbre"))
            tip = translate(
                "Timbre",
                "Hear the Tessera timbre this track keeps instead of the standard {instrument} "
                "(the track's sound does not change)",
            )
        else:
            self.compare.setText(translate("Timbre", "Compare with the standard sound"))
            tip = translate(
                "Timbre",
                "Hear the General MIDI SoundFont's {instrument} instead of this sound "
                "(the track's sound does not change)",
            )
        self.compare.setToolTip(tip.format(instrument=instrument))
        available = self._previous() is not None
        if not available and self.ab_button.isChecked():
            self.ab_button.setChecked(False)
        standard = hears_standard(track.timbre, self.compare.isChecked())
        self.ab_button.setEnabled(available and not standard)
        self.ab_button.setToolTip(ab_standard_tip() if standard else ab_tip())
        self.ab_button.setText(
            translate("Timbre", "A/B: before")
            if self.ab_button.isChecked()
            else translate("Timbre", "A/B: now")
        )

    def _forget_listening(self) -> None:
        """Another track is shown: stop, and hear it as it is."""
        self.stop_audition()
        self.ab_button.setChecked(False)
        self.compare.setChecked(False)

    # --- audition ------------------------------------------------------------------------------

    def toggle_audition(self) -> None:
        if self._audition != "idle":
            self.stop_audition()
        elif self._track() is not None:
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

    def _heard(self, track: Track) -> TimbreRef:
        return audition_ref(
            track.timbre,
            self._previous(),
            before=self.ab_button.isChecked(),
            compare=self.compare.isChecked(),
        )

    def _phrase(self, track: Track) -> Song:
        return audition_song(track, self._heard(track))

    def _prepare(self) -> None:
        """Render every sound the Listen row can swap to (the timbre now and before, and the
        other sound) into the note cache off the UI thread, then play."""
        renderer, track = self.renderer, self._track()
        if self._audition != "preparing" or renderer is None or track is None:
            return
        previous = self._previous()
        refs = {
            audition_ref(track.timbre, previous, before=before, compare=compare)
            for before in (False, True)
            for compare in (False, True)
        }
        songs = [audition_song(track, ref) for ref in refs]

        def work(progress: Callable[[int, int], None]) -> None:
            for song in songs:
                mix = SongMix(song, renderer)
                mix.prepare(0, mix.end_bound_samples, progress)

        preparing = translate("Timbre", "Preparing the audition…")
        if not self.jobs.run(preparing, work, self._play, self._not_played):
            self._not_played(
                translate("Timbre", "the panel is still busy: try again in a moment"), ""
            )

    def _play(self, _result: Any = None) -> None:
        """Ask the device thread to play the phrase; `_play_answered` follows."""
        track = self._track()
        if self._audition != "preparing" or self.renderer is None or track is None:
            return
        song = self._phrase(track)
        try:
            if self.player is None:
                self.player = self._make_player(
                    self.renderer,
                    on_error=relay(self, "_player_failed"),
                    on_finished=relay(self, "_player_finished"),
                )
        except TesseraError as err:  # AudioDeviceError above all: say it, stay usable
            self._not_played(engine_text(err), "")
            return
        player, loop, name = self.player, self._loop_range(song), song.tracks[0].name
        self._request += 1
        answer, number = relay(self, "_play_answered"), self._request

        def play_on_device() -> None:
            try:
                player.play(song, loop=loop)
            except Exception as err:  # AudioDeviceError above all; any other is said too
                answer(
                    number, name, engine_text(err) if isinstance(err, TesseraError) else repr(err)
                )
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
        self.say(
            translate("Timbre", "auditioning {track}: {hearing}").format(
                track=name, hearing=self._hearing()
            )
        )

    def _not_played(self, text: str, trace: str) -> None:
        self._set_audition("idle")
        self.say(text)
        if trace:
            self.failed.emit(text, trace)

    def _hearing(self) -> str:
        track = self._track()
        if track is not None and hears_standard(track.timbre, self.compare.isChecked()):
            return translate("Timbre", "the standard sound (General MIDI SoundFont)")
        if self.ab_button.isChecked():
            return translate("Timbre", "A, before the last change")
        return translate("Timbre", "B, the timbre now")

    def _loop_range(self, song: Song) -> tuple[float, float] | None:
        return (0.0, song.duration_seconds) if self.loop.isChecked() else None

    def _set_audition(self, state: AuditionState) -> None:
        was_idle, self._audition = self._audition == "idle", state
        self.audition_button.setText(
            translate("Timbre", "Audition") if state == "idle" else translate("Timbre", "Stop")
        )
        if was_idle != (state == "idle"):
            self.auditioning.emit(state != "idle")

    def _hearing_changed(self) -> None:
        """A/B or the comparison was switched: show it, and swap what plays without a gap."""
        track = self._track()
        if track is None:
            return
        self._show_listen(track)
        if self._audition == "playing" and self.player is not None:
            self.player.set_song(self._phrase(track))
            self.say(translate("Timbre", "now hearing {hearing}").format(hearing=self._hearing()))

    def _loop_toggled(self) -> None:
        track = self._track()
        if self._audition == "playing" and self.player is not None and track is not None:
            self.player.set_loop(self._loop_range(self._phrase(track)))

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
