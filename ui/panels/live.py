"""The live panel: choose ports and a mode, start playing, watch the latency, record the result.

The engine's `LiveSession` calls plain callbacks from its own threads (the loop and the model
worker, see `engine.live.session`); the panel hands them to the UI thread through
`ui.ui_thread.UiThread`, as every worker in the app does. The figures are read from the
session's counters ten times a second (a meter's refresh, not a result to hand over).

Start goes through the front door `tessera-cli live` uses too (`Studio.start_live`), with the
window's models: the same symbolic model the compose jobs write with (its steps are safe from
both threads at once) and the same note renderer the transport plays through, for the Tessera
synth. A model that is not loaded yet loads when Start needs it. The Sound box says what that
synth plays through: the timbre model or the standard General MIDI set (`LiveSettings.sound`).

Start and Stop run on the panel's `ui.device_thread.DeviceThread`, never on the UI thread: they
open and close MIDI ports and the sound card, which can hang when a device went away (and Start
may load a model). The button answers at once ("Starting…", or "Start" again after Stop), and
what the device thread did comes back through `ui.ui_thread.relay`.
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

from engine.compose.control_text import key_from_text
from engine.errors import TesseraError
from engine.live.music import MODES, SOUNDS, LiveSettings
from engine.live.ports import MidiPorts, RtMidiPorts
from engine.live.synth import LiveSynth
from engine.sound.playback import StreamFactory
from engine.studio.outcomes import LivePlay
from engine.studio.use_cases import Studio
from ui.device_thread import DeviceThread
from ui.engine_words import engine_text
from ui.i18n import translate
from ui.ui_thread import relay

METER_FULL_MS = 100
SYNTH_OUTPUT = "Tessera synth"
"""The first output choice in English (shown translated): the internal synth
(engine.live.synth) on the default audio device."""


def sound_labels() -> dict[str, str]:
    """The Sound box's entry for each of `engine.live.music.SOUNDS` (as the Track panel names
    them), in the composer's language."""
    return {
        "tessera": translate("LivePanel", "Tessera timbre"),
        "standard": translate("LivePanel", "General MIDI (SoundFont)"),
    }


def mode_labels() -> dict[str, str]:
    """The Mode box's entry for each of `engine.live.music.MODES`."""
    return {
        "answer": translate("LivePanel", "answer"),
        "continue": translate("LivePanel", "continue"),
        "accompany": translate("LivePanel", "accompany"),
    }


class LivePanel(QWidget):
    recorded = Signal(object)
    """A Song: the current song with the live tracks added (the window makes it an undo step)."""

    def __init__(
        self,
        studio: Studio,
        ports: Callable[[], MidiPorts] = RtMidiPorts,
        parent: QWidget | None = None,
        *,
        synth: Callable[[LiveSettings], LiveSynth] | None = None,
        stream_factory: StreamFactory | None = None,
    ) -> None:
        """Live play on `studio`'s song with its models; `synth` makes the Tessera synth
        (default: on the shared note renderer, through `stream_factory`'s sound card)."""
        super().__init__(parent)
        self.studio, self._make_ports = studio, ports
        self._make_synth, self._stream_factory = synth, stream_factory
        self._ports: MidiPorts | None = None
        self.live: LivePlay | None = None
        self._starting = False  # the device thread is opening the ports and the synth
        self._stop_when_started = False
        self._start_bar = 0
        self.device = DeviceThread("tessera-live-device")
        self.on_event = relay(self, "_on_event")
        """The live session's callback: safe from its threads, handled on the UI thread (it
        holds the panel only weakly)."""
        self._build()
        self.timer = QTimer(self)
        self.timer.setInterval(100)
        self.timer.timeout.connect(self._show_figures)
        self.refresh_ports()

    def _build(self) -> None:
        self.inputs, self.outputs = QComboBox(), QComboBox()
        self.refresh = QPushButton(translate("LivePanel", "Refresh ports"))
        self.sound = QComboBox()
        labels = sound_labels()
        for sound in SOUNDS:
            self.sound.addItem(labels[sound], sound)
        self.sound.setToolTip(
            translate(
                "LivePanel",
                "What the Tessera synth plays your keys and the answers with. Tessera timbre: "
                "the timbre model's sound. General MIDI (SoundFont): the standard General MIDI "
                "sound set. A MIDI output plays its own sounds.",
            )
        )
        self.mode = QComboBox()
        modes = mode_labels()
        for mode in MODES:
            self.mode.addItem(modes[mode], mode)
        self.tempo = QDoubleSpinBox()
        self.tempo.setRange(20.0, 300.0)
        self.tempo.setValue(100.0)
        self.key = QComboBox()
        self.key.addItems(
            [
                translate("LivePanel", "Detect from playing"),
                translate("LivePanel", "The song's key"),
            ]
        )
        self.bars = QSpinBox()
        self.bars.setRange(1, 16)
        self.bars.setValue(2)
        self.record = QCheckBox(translate("LivePanel", "Record into the song"))
        # Short, so the panel fits a narrow dock; the tooltip says the rest.
        self.follow_clock = QCheckBox(translate("LivePanel", "Follow MIDI clock"))
        self.follow_clock.setToolTip(
            translate("LivePanel", "Take the tempo and Start from the keyboard port's MIDI clock")
        )
        self.hear_keys = QCheckBox(translate("LivePanel", "Hear my keys through the synth"))
        self.hear_keys.setToolTip(
            translate("LivePanel", "Play the keys you press through the Tessera synth too")
        )
        self.hear_keys.setChecked(True)
        self.start = QPushButton(translate("LivePanel", "Start"))
        self.meter = QProgressBar()
        self.meter.setRange(0, METER_FULL_MS)
        self.meter.setFormat(translate("LivePanel", "model %v ms"))
        self.figures = QLabel(translate("LivePanel", "not playing"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.setRowWrapPolicy(
            QFormLayout.RowWrapPolicy.WrapLongRows
        )  # labels above in a narrow dock
        rows: tuple[tuple[str, QWidget], ...] = (
            (translate("LivePanel", "Keyboard"), self.inputs),
            (translate("LivePanel", "Output"), self.outputs),
            ("", self.refresh),
            (translate("LivePanel", "Sound"), self.sound),
            (translate("LivePanel", "Mode"), self.mode),
            (translate("LivePanel", "Tempo (BPM)"), self.tempo),
            ("", self.follow_clock),
            (translate("LivePanel", "Key"), self.key),
            (translate("LivePanel", "Answer bars"), self.bars),
            ("", self.hear_keys),
            ("", self.record),
        )
        for label, widget in rows:
            form.addRow(label, widget)
        # Start first, then its figures: reachable without scrolling in a short dock.
        layout = QVBoxLayout(self)
        for item in (self.start, self.meter, self.figures, self.message):
            layout.addWidget(item)
        layout.addLayout(form)
        layout.addStretch(1)
        self.refresh.clicked.connect(self.refresh_ports)
        self.start.clicked.connect(self.toggle)
        self.outputs.currentTextChanged.connect(self._output_chosen)

    def _output_chosen(self, output: str) -> None:
        """The sound is the Tessera synth's: a MIDI output plays its own, so it is offered only
        with the synth."""
        self.sound.setEnabled(self.outputs.currentIndex() == 0 and bool(output))

    def refresh_ports(self) -> None:
        """List the MIDI ports, or say why there are none."""
        self.inputs.clear()
        self.outputs.clear()
        self.outputs.addItem(translate("LivePanel", "Tessera synth"))
        try:
            self._ports = self._ports or self._make_ports()
            self.inputs.addItems(self._ports.input_names())
            self.outputs.addItems(self._ports.output_names())
        except TesseraError as err:
            self._ports = None
            self.message.setText(engine_text(err))
        ready = self.inputs.count() > 0 and self.outputs.count() > 0
        self.start.setEnabled(ready or self.live is not None)
        if self._ports is not None and not ready:
            self.message.setText(
                translate("LivePanel", "no MIDI keyboard or output found: connect one and refresh")
            )

    def settings(self) -> LiveSettings:
        song = self.studio.song
        key = None
        if self.key.currentIndex() == 1:  # the song's key
            key = song.key_at(0)
        elif self.key.currentIndex() != 0:  # 0: detect from playing
            key = key_from_text(self.key.currentText())
        return LiveSettings(
            mode=MODES[self.mode.currentIndex()],
            tempo_bpm=self.tempo.value(),
            key=key,
            answer_bars=self.bars.value(),
            follow_clock=self.follow_clock.isChecked(),
            sound=SOUNDS[self.sound.currentIndex()],
        )

    def toggle(self) -> None:
        if self.live is None and not self._starting:
            self.start_live()
        else:
            self.stop_live()

    def start_live(self) -> None:
        """Ask the device thread to open the ports and the synth and start; `live` is set
        once it has (or `message` says why not)."""
        if self._ports is None or self._starting or self.live is not None:
            return
        synth = self.outputs.currentIndex() == 0  # the Tessera synth
        studio, ports, settings = self.studio, self._ports, self.settings()
        keyboard, output = self.inputs.currentText(), None if synth else self.outputs.currentText()
        hear_keys, on_event = synth and self.hear_keys.isChecked(), self.on_event
        make_synth, stream_factory = self._make_synth, self._stream_factory
        started = relay(self, "_started")

        def start_on_device() -> None:
            try:
                live = studio.start_live(
                    ports, settings, keyboard, output, hear_keys=hear_keys, on_event=on_event,
                    synth=make_synth, stream_factory=stream_factory,
                )  # fmt: skip
            except Exception as err:  # TesseraError above all; any other is said too
                started(None, engine_text(err) if isinstance(err, TesseraError) else repr(err))
                return
            started(live, "")

        self._starting, self._stop_when_started = True, False
        self.start.setText(translate("LivePanel", "Starting…"))
        self.message.setText("")
        self.device.submit(start_on_device)

    def _started(self, live: LivePlay | None, failure: str) -> None:
        self._starting = False
        if live is None:
            self.start.setText(translate("LivePanel", "Start"))
            self.message.setText(failure)
            return
        self.live = live
        self._start_bar = self.studio.song.bar_count
        self.start.setText(translate("LivePanel", "Stop"))
        self.timer.start()
        if self._stop_when_started:  # Stop was pressed while it started
            self.stop_live()

    def stop_live(self) -> None:
        """Stopped at once for the panel; the device thread closes the ports and the synth,
        then the figures and the recording (if asked for) follow."""
        if self._starting:
            self._stop_when_started = True
            self.start.setText(translate("LivePanel", "Start"))
            return
        live, self.live = self.live, None
        if live is None:
            return
        self.timer.stop()
        self.start.setText(translate("LivePanel", "Start"))
        closed, failed = relay(self, "_closed"), relay(self, "_close_failed")

        def close_on_device() -> None:
            try:
                live.close()
            except TesseraError as err:  # a port that did not answer: said, not a traceback
                failed(engine_text(err))
            finally:
                closed(live)

        self.device.submit(close_on_device)

    def _close_failed(self, text: str) -> None:
        self.message.setText(text)

    def _closed(self, live: LivePlay) -> None:
        self._show_figures(live)
        if self.record.isChecked() and live.session.player:
            self.recorded.emit(live.added_to(self.studio.song, self._start_bar, engine_text))

    def _on_event(self, kind: str, text: str) -> None:
        if kind in ("disconnected", "error"):
            self.message.setText(text)
            self.stop_live()
        elif kind == "status":
            self.figures.setText(text)

    def _show_figures(self, live: LivePlay | None = None) -> None:
        live = live or self.live
        if live is None:
            return
        stats = live.session.stats
        answered = [a for a in stats.answers if a.latency_ms is not None]
        if stats.generation_ms:
            self.meter.setValue(min(METER_FULL_MS, round(stats.generation_ms[-1])))
        latency = (
            translate("LivePanel", "{ms} ms").format(ms=f"{answered[-1].latency_ms:.0f}")
            if answered
            else "-"
        )
        self.figures.setText(
            translate(
                "LivePanel", "last note to answer: {latency}; notes late: {late}/{sent}"
            ).format(latency=latency, late=stats.notes_late, sent=stats.notes_sent)
        )
