"""File → Audio to Notes: a hummed, sung or played clip (from a file or the microphone) becomes
a locked track the model can build around.

`AudioToNotesDialog` picks the source and the options as an `engine.studio.use_cases.Clip`; the
window hands it to the front door (`Studio.transcribe_job`, as `tessera-cli transcribe` does),
runs the job on its `JobRunner` and applies the result as one undoable edit.

Recording reaches the microphone only from the dialog's `ui.device_thread.DeviceThread`: the
Record button answers at once, and what the device thread did comes back through
`ui.ui_thread.relay`. A microphone that hangs or goes away is a message in a dialog that keeps
answering, and what it recorded before is kept (see `engine.sound.recording`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QWidget,
)

from engine.errors import TesseraError
from engine.song.gm import GM_PROGRAM_NAMES
from engine.sound.recording import Recorder
from engine.studio.outcomes import QUANTISE_GRIDS, Clip
from ui.device_thread import DeviceThread
from ui.engine_words import engine_text
from ui.folders import FileKind, remember_folder, suggested_path
from ui.i18n import translate
from ui.panels.words import instrument_label
from ui.ui_thread import relay

DEFAULT_PROGRAM = 73
"""Flute: a hummed line sounds like a melody instrument, and the composer can change it."""


class AudioToNotesDialog(QDialog):
    """Choose a clip or record one, then the options for the new track."""

    def __init__(
        self,
        recorder: Recorder | None = None,
        parent: QWidget | None = None,
        settings: QSettings | None = None,
    ) -> None:
        """`settings` remember the folder clips were last chosen from (none: the system's)."""
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(translate("AudioToNotes", "Audio to Notes"))
        self.recorder = recorder or Recorder()
        self.device = DeviceThread("tessera-microphone")
        self.state: Literal["idle", "starting", "recording"] = "idle"
        """What the composer sees: "starting" while the device thread opens the microphone."""
        self._request = 0  # numbers Record presses: an answer to an older one is moot
        self._path: Path | None = None
        self._take: tuple[npt.NDArray[np.float32], int] | None = None
        self.source = QLabel(translate("AudioToNotes", "no clip yet: choose a file or record one"))
        self.choose = QPushButton(translate("AudioToNotes", "Choose File…"))
        self.record = QPushButton(translate("AudioToNotes", "Record"))
        self.record.setCheckable(True)
        self.record.setToolTip(
            translate("AudioToNotes", "Hum, sing or play into the microphone; press again to stop")
        )
        self.meter = QProgressBar()
        self.meter.setRange(0, 100)
        self.meter.setTextVisible(False)
        self.meter.setMaximumHeight(8)
        self.name = QLineEdit(translate("AudioToNotes", "Melody"))
        self.monophonic = QCheckBox(
            translate("AudioToNotes", "One note at a time (a hummed or sung melody)")
        )
        self.monophonic.setChecked(True)
        self.instrument = QComboBox()
        for program in range(len(GM_PROGRAM_NAMES)):
            self.instrument.addItem(instrument_label(program), program)
        self.instrument.setCurrentIndex(DEFAULT_PROGRAM)
        self.grid = QComboBox()
        self.grid.addItems(list(QUANTISE_GRIDS))
        self.grid.setCurrentText("1/16")
        self.status = QLabel()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(translate("AudioToNotes", "Add as Locked Track"))
        ok.setEnabled(False)
        self._timer = QTimer(self)
        self._timer.setInterval(50)
        self._timer.timeout.connect(self._show_level)
        self._lay_out()
        self.choose.clicked.connect(self._choose_file)
        self.record.toggled.connect(self._record_toggled)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def _lay_out(self) -> None:
        form = QFormLayout(self)
        sources = QHBoxLayout()
        sources.addWidget(self.choose)
        sources.addWidget(self.record)
        form.addRow(translate("AudioToNotes", "Clip"), sources)
        form.addRow("", self.source)
        form.addRow(translate("AudioToNotes", "Level"), self.meter)
        form.addRow(translate("AudioToNotes", "Track name"), self.name)
        form.addRow("", self.monophonic)
        form.addRow(translate("AudioToNotes", "Instrument"), self.instrument)
        form.addRow(translate("AudioToNotes", "Snap to"), self.grid)
        form.addRow(self.status)
        form.addRow(self.buttons)

    def choose_path(self, path: str | Path) -> None:
        """Use an audio file as the clip."""
        self._path, self._take = Path(path), None
        self.source.setText(translate("AudioToNotes", "file: {name}").format(name=self._path.name))
        if self.name.text() in ("", translate("AudioToNotes", "Melody")):
            self.name.setText(self._path.stem)
        self._ready()

    def _choose_file(self) -> None:
        start = suggested_path(self.settings, FileKind.AUDIO_IMPORT) if self.settings else ""
        clips = translate(
            "AudioToNotes", "Audio clips (*.wav *.flac *.mp3 *.ogg *.aiff *.aif);;All files (*)"
        )
        caption = translate("AudioToNotes", "Audio clip")
        path, _ = QFileDialog.getOpenFileName(self, caption, start, clips)
        if path:
            if self.settings is not None:
                remember_folder(self.settings, FileKind.AUDIO_IMPORT, path)
            self.choose_path(path)

    def _record_toggled(self, on: bool) -> None:
        if on:
            self._start_recording()
        elif self.state != "idle":
            self._stop_recording()

    def _start_recording(self) -> None:
        """Ask the device thread to open the microphone; `_started` answers."""
        self._request += 1
        self.state = "starting"
        recorder, number = self.recorder, self._request
        answer, lost = relay(self, "_started"), relay(self, "_microphone_lost")

        def start_on_device() -> None:
            try:
                recorder.start(on_lost=lambda: lost(number))
            except Exception as err:  # AudioDeviceError above all; any other is said too
                answer(number, engine_text(err) if isinstance(err, TesseraError) else repr(err))
                return
            answer(number, "")

        self.status.setText(translate("AudioToNotes", "opening the microphone…"))
        self.device.submit(start_on_device)

    def _started(self, number: int, failure: str) -> None:
        if number != self._request or self.state != "starting":  # stopped meanwhile
            return
        if failure:
            self.state = "idle"
            self._set_record_button(False)
            self.status.setText(failure)
            return
        self.state = "recording"
        self.status.setText(translate("AudioToNotes", "recording… press Record again to stop"))
        self._timer.start()

    def _stop_recording(self) -> None:
        """Idle at once for the dialog; the device thread closes the microphone, and
        `_stopped` shows the take."""
        self._request += 1
        self.state = "idle"
        self._timer.stop()
        self._set_record_button(False)
        self.status.setText(translate("AudioToNotes", "stopping the microphone…"))
        recorder, answer = self.recorder, relay(self, "_stopped")

        def stop_on_device() -> None:
            audio, rate = recorder.stop()
            answer(audio, rate, recorder.problem)

        self.device.submit(stop_on_device)

    def _stopped(self, audio: npt.NDArray[np.float32], rate: int, problem: str) -> None:
        """Keep the take (even from a microphone that hung or went away: `problem` says so);
        a new recording already starting keeps its own status line."""
        say = self.status.setText if self.state == "idle" else lambda _text: None
        self.meter.setValue(0)
        if not len(audio):
            say(problem or translate("AudioToNotes", "nothing was recorded"))
            return
        self._path, self._take = None, (audio, rate)
        text = translate("AudioToNotes", "recording: {seconds} s")
        self.source.setText(text.format(seconds=f"{len(audio) / rate:.1f}"))
        say(problem)
        self._ready()

    def _microphone_lost(self, number: int) -> None:
        """The microphone went away mid-take: stop, keeping what it recorded."""
        if number == self._request and self.state == "recording":
            self._stop_recording()

    def _set_record_button(self, on: bool) -> None:
        """Show Record pressed or not without asking the device for anything."""
        self.record.blockSignals(True)
        self.record.setChecked(on)
        self.record.blockSignals(False)

    def _show_level(self) -> None:
        self.meter.setValue(round(100 * min(1.0, self.recorder.level)))
        text = translate("AudioToNotes", "recording: {seconds} s")
        self.source.setText(text.format(seconds=f"{self.recorder.seconds:.1f}"))

    def _ready(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)

    def request(self) -> Clip:
        """The clip and options chosen (call after the dialog was accepted)."""
        audio, rate = self._take if self._take is not None else (None, 0)
        return Clip(
            name=self.name.text().strip() or translate("AudioToNotes", "Melody"),
            path=self._path,
            audio=audio,
            rate=rate,
            monophonic=self.monophonic.isChecked(),
            program=int(self.instrument.currentData()),
            quantise=self.grid.currentText(),
        )

    def done(self, result: int) -> None:
        """Closing the dialog stops the microphone (on the device thread)."""
        if self.state != "idle":
            self._stop_recording()
        super().done(result)
