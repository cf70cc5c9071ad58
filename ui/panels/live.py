"""The live panel: choose ports and a mode, start playing, watch the latency, record the result.

The engine's `LiveSession` calls plain callbacks from its own threads (the loop and the model
worker, see `engine.live.session`); the panel hands them to the UI thread through
`ui.ui_thread.UiThread`, as every worker in the app does. The panel loads its own model
instance, because a MidiModel must not be used by two threads and the compose jobs use theirs.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from engine.compose.midi_model import MidiModel
from engine.errors import TesseraError
from engine.live.music import MODES, LiveSettings, add_recording
from engine.live.ports import Message, MidiPorts, RtMidiPorts
from engine.live.rig import LiveRig, open_rig
from engine.live.synth import LiveSynth, live_renderer, open_live_synth
from engine.song.song import Song
from engine.song.theory import key_from_name
from engine.sound.render import NoteRenderer
from ui.ui_thread import UiThread

DETECT_KEY = "Detect from playing"
SONG_KEY = "The song's key"
METER_FULL_MS = 100
SYNTH_OUTPUT = "Tessera synth"
"""The first output choice: the internal synth (engine.live.synth) on the default audio device."""


class LivePanel(QWidget):
    recorded = Signal(object)
    """A Song: the current song with the live tracks added (the window makes it an undo step)."""

    def __init__(
        self,
        song: Callable[[], Song],
        ports: Callable[[], MidiPorts] = RtMidiPorts,
        model: Callable[[], MidiModel] = lambda: MidiModel(threads=1),
        parent: QWidget | None = None,
        synth: Callable[[LiveSettings], LiveSynth] | None = None,
    ) -> None:
        super().__init__(parent)
        self._song, self._make_ports, self._make_model = song, ports, model
        self._make_synth = synth or self._open_synth
        self._renderer: NoteRenderer | None = None
        self._synth: LiveSynth | None = None
        self._ports: MidiPorts | None = None
        self._model: MidiModel | None = None
        self.rig: LiveRig | None = None
        self._start_bar = 0
        self.on_event = UiThread(self).wrap(self._on_event)
        """The live session's callback: safe from its threads, handled on the UI thread."""
        self._build()
        self.timer = QTimer(self)
        self.timer.setInterval(100)
        self.timer.timeout.connect(self._show_figures)
        self.refresh_ports()

    def _build(self) -> None:
        self.inputs, self.outputs = QComboBox(), QComboBox()
        self.refresh = QPushButton("Refresh ports")
        self.mode = QComboBox()
        self.mode.addItems(list(MODES))
        self.tempo = QDoubleSpinBox()
        self.tempo.setRange(20.0, 300.0)
        self.tempo.setValue(100.0)
        self.key = QComboBox()
        self.key.addItems([DETECT_KEY, SONG_KEY])
        self.bars = QSpinBox()
        self.bars.setRange(1, 16)
        self.bars.setValue(2)
        self.record = QCheckBox("Record into the song")
        self.follow_clock = QCheckBox("Follow MIDI clock (tempo and Start from the keyboard port)")
        self.hear_keys = QCheckBox("Hear my keys through the Tessera synth")
        self.hear_keys.setChecked(True)
        self.start = QPushButton("Start")
        self.meter = QProgressBar()
        self.meter.setRange(0, METER_FULL_MS)
        self.meter.setFormat("model %v ms")
        self.figures = QLabel("not playing")
        self.message = QLabel()
        self.message.setWordWrap(True)
        form = QFormLayout()
        rows: tuple[tuple[str, QWidget], ...] = (
            ("Keyboard", self.inputs),
            ("Output", self.outputs),
            ("", self.refresh),
            ("Mode", self.mode),
            ("Tempo (BPM)", self.tempo),
            ("", self.follow_clock),
            ("Key", self.key),
            ("Answer bars", self.bars),
            ("", self.hear_keys),
            ("", self.record),
        )
        for label, widget in rows:
            form.addRow(label, widget)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        below: tuple[QWidget, ...] = (self.start, self.meter, self.figures, self.message)
        for item in below:
            layout.addWidget(item)
        layout.addStretch(1)
        self.refresh.clicked.connect(self.refresh_ports)
        self.start.clicked.connect(self.toggle)

    def refresh_ports(self) -> None:
        """List the MIDI ports, or say why there are none."""
        self.inputs.clear()
        self.outputs.clear()
        self.outputs.addItem(SYNTH_OUTPUT)
        try:
            self._ports = self._ports or self._make_ports()
            self.inputs.addItems(self._ports.input_names())
            self.outputs.addItems(self._ports.output_names())
        except TesseraError as err:
            self._ports = None
            self.message.setText(str(err))
        ready = self.inputs.count() > 0 and self.outputs.count() > 0
        self.start.setEnabled(ready or self.rig is not None)
        if self._ports is not None and not ready:
            self.message.setText("no MIDI keyboard or output found: connect one and refresh")

    def settings(self) -> LiveSettings:
        song = self._song()
        key = None
        if self.key.currentText() == SONG_KEY:
            key = song.key_at(0)
        elif self.key.currentText() != DETECT_KEY:
            key = key_from_name(self.key.currentText())
        return LiveSettings(
            mode=MODES[self.mode.currentIndex()],
            tempo_bpm=self.tempo.value(),
            key=key,
            answer_bars=self.bars.value(),
            follow_clock=self.follow_clock.isChecked(),
        )

    def toggle(self) -> None:
        if self.rig is None:
            self.start_live()
        else:
            self.stop_live()

    def start_live(self) -> None:
        if self._ports is None:
            return
        try:
            self._model = self._model or self._make_model()
            settings = self.settings()
            output: str | Callable[[Message], None] = self.outputs.currentText()
            echo = None
            if output == SYNTH_OUTPUT:
                self._synth = self._make_synth(settings)
                self._synth.on_error = lambda text: self.on_event("error", text)
                output = self._synth.send
                echo = self._synth.send if self.hear_keys.isChecked() else None
            self.rig = open_rig(
                self._ports,
                self._model,
                settings,
                self.inputs.currentText(),
                output,
                on_event=self.on_event,
                echo=echo,
            )
        except TesseraError as err:
            self._close_synth()
            self.message.setText(str(err))
            return
        self._start_bar = self._song().bar_count
        self.start.setText("Stop")
        self.message.setText("")
        self.timer.start()

    def stop_live(self) -> None:
        rig, self.rig = self.rig, None
        if rig is None:
            return
        self.timer.stop()
        rig.close()
        self._close_synth()
        self._show_figures(rig)
        self.start.setText("Start")
        if self.record.isChecked() and rig.session.player:
            self.recorded.emit(
                add_recording(self._song(), rig.session.recording(), self._start_bar)
            )

    def _open_synth(self, settings: LiveSettings) -> LiveSynth:
        """The internal synth, on a renderer kept between sessions (its renders stay warm)."""
        self._renderer = self._renderer or live_renderer()
        return open_live_synth(settings, self._renderer)

    def _close_synth(self) -> None:
        synth, self._synth = self._synth, None
        if synth is not None:
            synth.close()

    def _on_event(self, kind: str, text: str) -> None:
        if kind in ("disconnected", "error"):
            self.message.setText(text)
            self.stop_live()
        elif kind == "status":
            self.figures.setText(text)

    def _show_figures(self, rig: LiveRig | None = None) -> None:
        rig = rig or self.rig
        if rig is None:
            return
        stats = rig.session.stats
        answered = [a for a in stats.answers if a.latency_ms is not None]
        if stats.generation_ms:
            self.meter.setValue(min(METER_FULL_MS, round(stats.generation_ms[-1])))
        latency = f"{answered[-1].latency_ms:.0f} ms" if answered else "-"
        self.figures.setText(
            f"last note to answer: {latency}; notes late: {stats.notes_late}/{stats.notes_sent}"
        )
