"""File → Audio to Notes: a hummed, sung or played clip (from a file or the microphone) becomes
a locked track the model can build around.

`AudioToNotesDialog` picks the source and the options as an `engine.studio.use_cases.Clip`; the
window hands it to the front door (`Studio.transcribe_job`, as `tessera-cli transcribe` does),
runs the job on its `JobRunner` and applies the result as one undoable edit.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import QTimer
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

CLIP_FILTER = "Audio clips (*.wav *.flac *.mp3 *.ogg *.aiff *.aif);;All files (*)"
DEFAULT_PROGRAM = 73
"""Flute: a hummed line sounds like a melody instrument, and the composer can change it."""


class AudioToNotesDialog(QDialog):
    """Choose a clip or record one, then the options for the new track."""

    def __init__(self, recorder: Recorder | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Audio to Notes")
        self.recorder = recorder or Recorder()
        self._path: Path | None = None
        self._take: tuple[npt.NDArray[np.float32], int] | None = None
        self.source = QLabel("no clip yet: choose a file or record one")
        self.choose = QPushButton("Choose File…")
        self.record = QPushButton("Record")
        self.record.setCheckable(True)
        self.record.setToolTip("Hum, sing or play into the microphone; press again to stop")
        self.meter = QProgressBar()
        self.meter.setRange(0, 100)
        self.meter.setTextVisible(False)
        self.meter.setMaximumHeight(8)
        self.name = QLineEdit("Melody")
        self.monophonic = QCheckBox("One note at a time (a hummed or sung melody)")
        self.monophonic.setChecked(True)
        self.instrument = QComboBox()
        for program, name in enumerate(GM_PROGRAM_NAMES):
            self.instrument.addItem(f"{program + 1:3d} {name}", program)
        self.instrument.setCurrentIndex(DEFAULT_PROGRAM)
        self.grid = QComboBox()
        self.grid.addItems(list(QUANTISE_GRIDS))
        self.grid.setCurrentText("1/16")
        self.status = QLabel()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Add as Locked Track")
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
        form.addRow("Clip", sources)
        form.addRow("", self.source)
        form.addRow("Level", self.meter)
        form.addRow("Track name", self.name)
        form.addRow("", self.monophonic)
        form.addRow("Instrument", self.instrument)
        form.addRow("Snap to", self.grid)
        form.addRow(self.status)
        form.addRow(self.buttons)

    def choose_path(self, path: str | Path) -> None:
        """Use an audio file as the clip."""
        self._path, self._take = Path(path), None
        self.source.setText(f"file: {self._path.name}")
        if self.name.text() in ("", "Melody"):
            self.name.setText(self._path.stem)
        self._ready()

    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Audio clip", "", CLIP_FILTER)
        if path:
            self.choose_path(path)

    def _record_toggled(self, on: bool) -> None:
        if on:
            try:
                self.recorder.start()
            except TesseraError as err:
                self.record.setChecked(False)
                self.status.setText(str(err))
                return
            self.status.setText("recording… press Record again to stop")
            self._timer.start()
            return
        if not self.recorder.recording:
            return
        self._timer.stop()
        audio, rate = self.recorder.stop()
        self.meter.setValue(0)
        if not len(audio):
            self.status.setText("nothing was recorded")
            return
        self._path, self._take = None, (audio, rate)
        self.source.setText(f"recording: {len(audio) / rate:.1f} s")
        self.status.setText("")
        self._ready()

    def _show_level(self) -> None:
        self.meter.setValue(round(100 * min(1.0, self.recorder.level)))
        self.source.setText(f"recording: {self.recorder.seconds:.1f} s")

    def _ready(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)

    def request(self) -> Clip:
        """The clip and options chosen (call after the dialog was accepted)."""
        audio, rate = self._take if self._take is not None else (None, 0)
        return Clip(
            name=self.name.text().strip() or "Melody",
            path=self._path,
            audio=audio,
            rate=rate,
            monophonic=self.monophonic.isChecked(),
            program=int(self.instrument.currentData()),
            quantise=self.grid.currentText(),
        )

    def done(self, result: int) -> None:
        """Closing the dialog stops the microphone."""
        if self.recorder.recording:
            self._timer.stop()
            self.recorder.stop()
        super().done(result)
