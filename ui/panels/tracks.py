"""The track panel: the selected track's name, instrument, sound and mix (mute, solo, gain,
pan, and its stereo space: width and reverb send, see `ui.panels.track_space`).

The Sound choice is "Tessera timbre" (the timbre model: generated, lockable, nudgeable in the
Timbre panel) or "General MIDI (SoundFont)" (the standard set: FluidSynth playing the installed
General MIDI SoundFont). Choosing the standard set keeps a locked timbre in the track, so
choosing the Tessera timbre again gives it back (`engine.song.song.TimbreRef.standard`).

Instruments are numbered from 1 as the General MIDI list (and every other place in the app)
numbers them: "1: Acoustic Grand Piano" is program 0 in the file. Every control's tooltip says
what it does to the sound.

Every change is one undoable edit through `apply_edit`. A slider drag is one edit when it is
released (not one per pixel); keyboard steps on a slider are one edit each. The panel never
holds its own copy of the track: `show_track` reads it from the song each time.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSlider,
    QWidget,
)

from engine.song.edits import update_track
from engine.song.gm import GM_PROGRAM_NAMES
from engine.song.song import MAX_GAIN_DB, MIN_GAIN_DB, Song, Track
from ui.i18n import translate
from ui.panels.track_space import REVERB, WIDTH, SpaceControl
from ui.panels.words import instrument_label

GAIN_STEPS_PER_DB = 2
"""The gain slider moves in half decibels."""


def sound_name(standard: bool) -> str:
    """The Sound box's name for the model's sound or the standard set."""
    if standard:
        return translate("TrackPanel", "General MIDI (SoundFont)")
    return translate("TrackPanel", "Tessera timbre")


def _tipped(widget: QWidget, tip: str) -> None:
    widget.setToolTip(tip)


class TrackPanel(QWidget):
    """Name, instrument, Mute, Solo, gain, pan, width and reverb of one track of the window's
    song."""

    def __init__(
        self,
        song: Callable[[], Song],
        apply_edit: Callable[[Song, str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._song, self._apply_edit = song, apply_edit
        self.track_index: int | None = None
        self.name = QLineEdit()
        _tipped(self.name, translate("TrackPanel", "The track's name, as the grid shows it"))
        self.name.editingFinished.connect(self._rename)
        self.instrument = QComboBox()
        for program in range(len(GM_PROGRAM_NAMES)):
            self.instrument.addItem(instrument_label(program), program)
        _tipped(
            self.instrument,
            translate("TrackPanel", "The instrument this track plays (General MIDI 1-128)"),
        )
        self.instrument.activated.connect(self._change_instrument)
        self.drums = QCheckBox(translate("TrackPanel", "Drum kit"))
        _tipped(
            self.drums,
            translate(
                "TrackPanel",
                "Play a drum kit instead of a pitched instrument: each note is a different drum",
            ),
        )
        self.drums.clicked.connect(self._change_instrument)
        self.sound = QComboBox()
        for standard in (False, True):
            self.sound.addItem(sound_name(standard), standard)
        _tipped(
            self.sound,
            translate(
                "TrackPanel",
                "Tessera timbre: the app's own sound for the instrument, which the Timbre panel "
                "can change, lock and nudge. General MIDI (SoundFont): the standard sound set "
                "every MIDI player knows",
            ),
        )
        self.sound.activated.connect(self._change_sound)
        self.mute = QPushButton(translate("TrackPanel", "Mute"))
        _tipped(self.mute, translate("TrackPanel", "Silence this track"))
        self.solo = QPushButton(translate("TrackPanel", "Solo"))
        _tipped(self.solo, translate("TrackPanel", "Hear only this track (and other soloed ones)"))
        for button, flag in ((self.mute, "muted"), (self.solo, "solo")):
            button.setCheckable(True)
            button.clicked.connect(lambda checked, flag=flag: self._set(flag, bool(checked)))
        self.gain = QSlider(Qt.Orientation.Horizontal)
        self.gain.setRange(
            round(MIN_GAIN_DB * GAIN_STEPS_PER_DB), round(MAX_GAIN_DB * GAIN_STEPS_PER_DB)
        )
        _tipped(self.gain, translate("TrackPanel", "How loud this track is in the mix"))
        self.gain_value = QLabel()
        self.pan = QSlider(Qt.Orientation.Horizontal)
        self.pan.setRange(-100, 100)
        _tipped(
            self.pan,
            translate("TrackPanel", "Where the track sits between the left and right speakers"),
        )
        self.pan_value = QLabel()
        for slider in (self.gain, self.pan):
            slider.valueChanged.connect(self._slider_moved)
            slider.sliderReleased.connect(self._slider_released)
        self.stereo_width = SpaceControl(WIDTH, self._set_space)
        self.reverb = SpaceControl(REVERB, self._set_space)
        reset = QPushButton(translate("TrackPanel", "Reset mix"))
        reset.setToolTip(
            translate(
                "TrackPanel",
                "Back to the usual level, centred, not muted or soloed, with the instrument's "
                "usual width and reverb",
            )
        )
        reset.clicked.connect(self._reset_mix)
        self._inputs: tuple[QWidget, ...] = (
            self.name, self.instrument, self.drums, self.sound, self.mute, self.solo, self.gain,
            self.pan,
        )  # fmt: skip
        self._lay_out(reset)
        self.show_track(None)

    def _lay_out(self, reset: QPushButton) -> None:
        form = QFormLayout(self)
        form.addRow(translate("TrackPanel", "Name"), self.name)
        form.addRow(translate("TrackPanel", "Instrument"), self.instrument)
        form.addRow("", self.drums)
        form.addRow(translate("TrackPanel", "Sound"), self.sound)
        buttons = QHBoxLayout()
        buttons.addWidget(self.mute)
        buttons.addWidget(self.solo)
        buttons.addWidget(reset)
        form.addRow(translate("TrackPanel", "Mix"), buttons)
        for label, slider, value in (
            (translate("TrackPanel", "Volume"), self.gain, self.gain_value),
            (translate("TrackPanel", "Pan"), self.pan, self.pan_value),
        ):
            row = QHBoxLayout()
            row.addWidget(slider, 1)
            value.setMinimumWidth(56)
            row.addWidget(value)
            form.addRow(label, row)
        form.addRow(translate("TrackPanel", "Width"), self.stereo_width)
        form.addRow(translate("TrackPanel", "Reverb"), self.reverb)

    # --- showing -------------------------------------------------------------------------------

    def show_track(self, index: int | None) -> None:
        """Show a track of the current song (None, or an index past the end, disables the panel)."""
        song = self._song()
        if index is not None and not 0 <= index < len(song.tracks):
            index = None
        self.track_index = index
        self.setEnabled(index is not None)
        track = song.tracks[index] if index is not None else Track("")
        blockers = [QSignalBlocker(widget) for widget in self._inputs]  # showing is not editing
        self.name.setText(track.name)
        self.instrument.setCurrentIndex(track.program)
        self.instrument.setEnabled(not track.is_drum)
        self.drums.setChecked(track.is_drum)
        self.sound.setCurrentIndex(self.sound.findData(track.timbre.is_standard))
        self.mute.setChecked(track.muted)
        self.solo.setChecked(track.solo)
        self.gain.setValue(round(track.gain_db * GAIN_STEPS_PER_DB))
        self.pan.setValue(round(track.pan * 100))
        del blockers
        self.stereo_width.show_track(track)
        self.reverb.show_track(track)
        self._show_values()

    def _show_values(self) -> None:
        gain = f"{self.gain.value() / GAIN_STEPS_PER_DB:+.1f}"
        self.gain_value.setText(translate("TrackPanel", "{db} dB").format(db=gain))
        pan = self.pan.value()
        if pan == 0:
            text = translate("TrackPanel", "C", "pan: centre")
        elif pan < 0:
            text = translate("TrackPanel", "L{amount}").format(amount=-pan)
        else:
            text = translate("TrackPanel", "R{amount}").format(amount=pan)
        self.pan_value.setText(text)

    # --- edits ---------------------------------------------------------------------------------

    def _track(self) -> Track | None:
        if self.track_index is None:
            return None
        return self._song().tracks[self.track_index]

    def _set(self, field: str, value: object) -> None:
        track = self._track()
        if track is None or self.track_index is None or getattr(track, field) == value:
            return
        labels = {
            ("muted", True): translate("TrackPanel", "Mute {track}"),
            ("muted", False): translate("TrackPanel", "Unmute {track}"),
            ("solo", True): translate("TrackPanel", "Solo {track}"),
            ("solo", False): translate("TrackPanel", "Unsolo {track}"),
        }
        label = labels.get((field, bool(value)), translate("TrackPanel", "Rename {track}"))
        name = track.name or translate("TrackPanel", "track {number}").format(
            number=self.track_index + 1
        )
        song = update_track(self._song(), self.track_index, **{field: value})
        self._apply_edit(song, label.format(track=name))

    def _rename(self) -> None:
        self._set("name", self.name.text().strip())

    def _change_instrument(self) -> None:
        track = self._track()
        if track is None or self.track_index is None:
            return
        program = int(self.instrument.currentData())
        is_drum = self.drums.isChecked()
        if (track.program, track.is_drum) == (program, is_drum):
            return
        song = update_track(self._song(), self.track_index, program=program, is_drum=is_drum)
        label = translate("TrackPanel", "Change instrument of {track}")
        self._apply_edit(song, label.format(track=track.name))

    def _change_sound(self) -> None:
        track = self._track()
        if track is None or self.track_index is None:
            return
        standard = bool(self.sound.currentData())
        if track.timbre.is_standard == standard:
            return
        timbre = track.timbre.standard() if standard else track.timbre.tessera()
        song = update_track(self._song(), self.track_index, timbre=timbre)
        label = translate("TrackPanel", "Sound of {track}: {sound}")
        self._apply_edit(song, label.format(track=track.name, sound=sound_name(standard)))

    def _slider_moved(self) -> None:
        self._show_values()
        if not (self.gain.isSliderDown() or self.pan.isSliderDown()):
            self._slider_released()  # a keyboard or wheel step is an edit of its own

    def _slider_released(self) -> None:
        track = self._track()
        if track is None or self.track_index is None:
            return
        gain = self.gain.value() / GAIN_STEPS_PER_DB
        pan = self.pan.value() / 100
        if (track.gain_db, track.pan) == (gain, pan):
            return
        song = update_track(self._song(), self.track_index, gain_db=gain, pan=pan)
        if track.gain_db != gain:
            label = translate("TrackPanel", "Set gain of {track}")
        else:
            label = translate("TrackPanel", "Pan {track}")
        self._apply_edit(song, label.format(track=track.name))

    def _set_space(self, field: str, value: float | None) -> None:
        """Set the track's width or reverb send (None: its family's default) as one edit."""
        track = self._track()
        if track is None or self.track_index is None or getattr(track, field) == value:
            return
        labels = {
            ("width", True): translate("TrackPanel", "Default width of {track}"),
            ("width", False): translate("TrackPanel", "Set width of {track}"),
            ("reverb_send_db", True): translate("TrackPanel", "Default reverb of {track}"),
            ("reverb_send_db", False): translate("TrackPanel", "Set reverb of {track}"),
        }
        song = update_track(self._song(), self.track_index, **{field: value})
        self._apply_edit(song, labels[field, value is None].format(track=track.name))

    def _reset_mix(self) -> None:
        track = self._track()
        if track is None or self.track_index is None:
            return
        song = update_track(
            self._song(), self.track_index, gain_db=0.0, pan=0.0, muted=False, solo=False,
            width=None, reverb_send_db=None,
        )  # fmt: skip
        if song != self._song():
            label = translate("TrackPanel", "Reset mix of {track}")
            self._apply_edit(song, label.format(track=track.name))
