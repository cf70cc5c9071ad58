"""The transport: play, stop, loop the selection, tempo, and a playhead that follows the sound.

`AudioEngine` is the window's sound: the player, on the note renderer of the window's
`engine.studio.models.Models` (the one timbre model every panel, job and the live synth share,
asked to load in the background when the window opens, so the first Play is quick), and the
sound card players open. The load runs on its own `JobRunner`; the player's callbacks arrive
on the player's worker thread and come back through `ui.ui_thread.relay`, re-emitted as Qt
signals. Play and Stop reach the sound card only from the adapter's `DeviceThread`: the UI
thread asks and goes on, Stop shows at once, and a device that stops answering is abandoned
by the engine after its time limit with a message (`error`), never a frozen window.

`TransportBar` is the toolbar a composer drives: Play/Stop (Space), Loop (the selected bars,
or the whole song), Return to start, the tempo (an undoable edit), and the position as bar.beat
and minutes:seconds. While stopped, `cue_moved` says where Play will start (the selection's
or loop's first bar, else the start), as the selection, the song or a stop moves it: the
Picture dock shows that frame, as a DAW's video window does. It follows the window's document:
while playing, every edit is heard from the next mixed block (`Player.set_song`), so a
composer can lock, regenerate and nudge with the music running. What it plays is the
document's `heard_song`: the song, or a take the composer is listening to, which stays what is
heard through any edit until the composer returns to the song.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QPalette
from PySide6.QtWidgets import QDoubleSpinBox, QLabel, QStyle, QToolBar, QWidget

from engine.errors import TesseraError
from engine.song.edits import set_tempo
from engine.song.song import MAX_TEMPO_BPM, MIN_TEMPO_BPM, Song
from engine.sound.playback import Player, StreamFactory, bar_range_seconds
from engine.sound.render import NoteRenderer
from engine.studio.document import Changed
from engine.studio.models import Models
from ui.device_thread import DeviceThread
from ui.document import DocumentSignals
from ui.engine_words import engine_text
from ui.i18n import translate
from ui.icons import glyph_icon
from ui.jobs import JobRunner
from ui.ui_thread import relay

PlayState = Literal["stopped", "starting", "playing"]


class AudioEngine(QObject):
    """The window's player on the shared note renderer, with the player's news as signals."""

    loaded = Signal()
    load_failed = Signal(str)
    started = Signal()
    position_changed = Signal(float)
    stopped = Signal()
    error = Signal(str)

    def __init__(
        self,
        models: Models,
        stream_factory: StreamFactory | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.models = models
        self._stream_factory = stream_factory
        self._player: Player | None = None
        self._loader = JobRunner(self)
        self.device = DeviceThread()
        self.state: PlayState = "stopped"
        """What the composer sees: "starting" while the device thread opens the sound card."""
        self._request = 0  # numbers play and stop requests: an answer to an older one is moot

    @property
    def stream_factory(self) -> StreamFactory | None:
        """How players open the sound card (None: the default output device)."""
        return self._stream_factory

    @property
    def renderer(self) -> NoteRenderer | None:
        """The note renderer once the timbre model has loaded (None before)."""
        return self.models.renderer() if self.models.is_loaded("timbre") else None

    def load_now(self) -> NoteRenderer:
        """The renderer, loading the model on this thread if needed (for background jobs)."""
        return self.models.renderer()

    def start_loading(self) -> None:
        """Load the model in the background; `loaded` or `load_failed` follows."""
        if self.renderer is not None or self._loader.busy:
            return
        self._loader.run(
            translate("Transport", "Loading the timbre model…"),
            lambda _progress: self.models.renderer(),
            lambda _renderer: self.loaded.emit(),
            lambda text, _trace: self.load_failed.emit(
                translate("Transport", "the timbre model could not load: {error}").format(
                    error=text
                )
            ),
        )

    def new_player(self, renderer: NoteRenderer, **callbacks: Any) -> Player:
        """A player of its own (an audition) on this sound card; callbacks as `Player`'s."""
        return Player(renderer, stream_factory=self._stream_factory, **callbacks)

    @property
    def player(self) -> Player | None:
        """The player, made on first use once the model is there."""
        renderer = self.renderer
        if self._player is None and renderer is not None:
            self._player = self.new_player(
                renderer,
                on_position=relay(self, "_position"),
                on_error=relay(self, "_player_failed"),
                on_finished=relay(self, "_player_finished"),
            )
        return self._player

    def play(self, song: Song, start_seconds: float, loop: tuple[float, float] | None) -> None:
        """Ask the device thread to play; `started` or `error` follows. Never waits."""
        player = self.player
        if player is None:
            raise TesseraError(
                translate(
                    "Transport", "the timbre model has not loaded yet: wait for it, then play"
                )
            )
        self._request += 1
        self.state = "starting"
        answer, number = relay(self, "_play_answered"), self._request

        def play_on_device() -> None:
            try:
                player.play(song, start_seconds=start_seconds, loop=loop)
            except Exception as err:  # AudioDeviceError above all; any other is said too
                answer(number, engine_text(err) if isinstance(err, TesseraError) else repr(err))
                return
            answer(number, "")

        self.device.submit(play_on_device)

    def stop(self) -> None:
        """Stopped at once for the window; the device thread stops the sound card (a device
        that does not answer is abandoned, and `error` says so)."""
        self._request += 1
        self.state = "stopped"
        player = self._player
        if player is not None:
            self.device.submit(player.stop)

    def close(self) -> None:
        self.stop()

    def _play_answered(self, number: int, failure: str) -> None:
        if number != self._request:  # stopped (or played again) meanwhile
            return
        if failure:
            self.state = "stopped"
            self.error.emit(failure)
        else:
            self.state = "playing"
            self.started.emit()

    def _position(self, seconds: float) -> None:
        if self.state == "playing":
            self.position_changed.emit(seconds)

    def _player_failed(self, text: str) -> None:
        if self.state == "playing":
            self.state = "stopped"
        self.error.emit(text)

    def _player_finished(self) -> None:
        if self.state == "playing":
            self.state = "stopped"
            self.stopped.emit()


class TransportBar(QToolBar):
    """Play/Stop, Loop, Return to start, tempo and position, for the window's document."""

    message = Signal(str)
    playhead_moved = Signal(object)  # the tick under the playhead, or None when stopped
    cue_moved = Signal(float)
    """While stopped: the seconds Play will start from, whenever they may have moved."""

    def __init__(
        self,
        audio: AudioEngine,
        document: DocumentSignals,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(translate("Transport", "Transport"), parent)
        self.setObjectName("transport-toolbar")
        self.setMovable(False)  # its buttons keep their places
        self.setIconSize(QSize(16, 16))  # as tall as the text buttons beside them
        self.audio, self.document = audio, document.document
        self._start_when_loaded = False
        self._from_start = False
        """Return to Start was pressed while stopped: Play starts at bar 1 (see `cue_seconds`)."""
        self._playing_what = ""
        self._shows_stop = False
        style = self.style()
        self.play_action = self._add(
            translate("Transport", "Play"),
            "Space",
            self.toggle_play,
            translate("Transport", "Play or stop (Space)"),
        )
        self.loop_action = self._add(
            translate("Transport", "Loop"), "Ctrl+L", self._loop_changed, ""
        )
        self.loop_action.setCheckable(True)
        self.loop_action.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_BrowserReload))
        self.loop_action.setToolTip(
            translate("Transport", "Loop the selected bars (the whole song without a selection)")
        )
        # W as in Reaper: Home already moves the grid's cursor to the first bar
        self.start_action = self._add(
            translate("Transport", "Return to Start"),
            "W",
            self.return_to_start,
            translate("Transport", "Back to bar 1 (W)"),
        )
        self._draw_icons()  # icons: Play and Stop are one width, in the theme's text colour
        self.tempo = QDoubleSpinBox()
        self.tempo.setRange(MIN_TEMPO_BPM, MAX_TEMPO_BPM)
        self.tempo.setDecimals(1)
        self.tempo.setSuffix(translate("Transport", " BPM"))
        self.tempo.setKeyboardTracking(False)  # one edit when typing is done, not per digit
        self.tempo.setToolTip(translate("Transport", "The song's opening tempo"))
        self.tempo.valueChanged.connect(self._tempo_changed)
        self.addWidget(self.tempo)
        self.position = QLabel()
        # As wide as the widest position, so the label never resizes while playing.
        self.position.setMinimumWidth(self.fontMetrics().horizontalAdvance("888.8   88:88.8") + 4)
        self.position.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.addWidget(self.position)
        audio.position_changed.connect(self._show_position)
        audio.started.connect(self._started)
        audio.stopped.connect(self._stopped)
        audio.error.connect(self._failed)
        audio.loaded.connect(self._model_loaded)
        audio.load_failed.connect(self._failed)
        document.changed.connect(self._document_changed)
        self._show_position(0.0)

    def _add(self, text: str, key: str, slot: Callable[[], object], tip: str) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if tip:
            action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())  # drop `checked`
        self.addAction(action)
        return action

    # --- what the document says ----------------------------------------------------------------

    def _document_changed(self, what: Changed) -> None:
        """Show the song's tempo; let a running player hear the edit, or keep to the take."""
        if what & Changed.SONG:
            self.tempo.blockSignals(True)
            self.tempo.setValue(self.document.song.tempos[0].tempo_bpm)
            self.tempo.blockSignals(False)
        player = self.audio.player
        if what & (Changed.SONG | Changed.LISTENING) and (
            player is not None and player.state != "stopped"
        ):
            heard = self.document.heard_song
            player.set_song(heard)
            player.set_loop(self._loop_range(heard))
        if what & Changed.SELECTION:
            self._from_start = False  # a new selection is a new cue
        if what & (Changed.SONG | Changed.SELECTION | Changed.LISTENING):
            self._cue()

    def _tempo_changed(self, bpm: float) -> None:
        song = self.document.song
        if abs(song.tempos[0].tempo_bpm - bpm) > 1e-6:
            label = translate("Transport", "Set tempo to {bpm} BPM").format(bpm=f"{bpm:g}")
            self.document.apply_edit(set_tempo(song, bpm), label)

    # --- transport -----------------------------------------------------------------------------

    @property
    def playing(self) -> bool:
        """The sound card is playing (not while it is still being opened)."""
        return self.audio.state == "playing"

    def toggle_play(self) -> None:
        if self.audio.state != "stopped" or self._start_when_loaded:
            self.stop()
        else:
            self.play()

    def play(self) -> None:
        """Play what the document has the composer hear (the song, or a take being compared)
        from the start of the loop or selection, else from the start."""
        if self.audio.renderer is None:
            self._start_when_loaded = True
            self.message.emit(translate("Transport", "loading the timbre model…"))
            self.audio.start_loading()
            return
        song = self.document.heard_song
        listening = self.document.listening
        loop = self._loop_range(song)
        self._playing_what = _playing_text(listening, looping=loop is not None)
        self.audio.play(song, self.cue_seconds(), loop)  # `started` or `error` follows
        self._show_playing(True)

    def stop(self) -> None:
        self._start_when_loaded = False
        self.audio.stop()
        self._stopped()

    def _show_playing(self, playing: bool) -> None:
        """Play turns into Stop (and back): the menu's text and the button's icon."""
        self._shows_stop = playing
        self.play_action.setText(
            translate("Transport", "Stop") if playing else translate("Transport", "Play")
        )
        self.play_action.setIcon(self._icons["stop" if playing else "play"])

    def _draw_icons(self) -> None:
        colour = self.palette().color(QPalette.ColorRole.ButtonText)
        self._icons = {glyph: glyph_icon(glyph, colour) for glyph in ("play", "stop", "start")}
        self.play_action.setIcon(self._icons["stop" if self._shows_stop else "play"])
        self.start_action.setIcon(self._icons["start"])

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """Redraw the icons in the new theme's colours."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._draw_icons()

    def _started(self) -> None:
        self._show_playing(True)
        self.message.emit(self._playing_what)

    def return_to_start(self) -> None:
        """Back to bar 1: at once while playing; while stopped, Play then starts there (not
        at the selection) until the selection changes, as a DAW's Return to Start does."""
        player = self.audio.player
        if player is not None and player.state != "stopped":
            player.seek(0.0)
        else:
            self._from_start = True
            self._cue()
        self._show_position(0.0)

    def cue_seconds(self) -> float:
        """Where Play starts in what is heard: the loop's start, else bar 1 after Return to
        Start, else the selection's first bar, else the start of the song."""
        song = self.document.heard_song
        loop = self._loop_range(song)
        if loop:
            return loop[0]
        return 0.0 if self._from_start else self._selection_start(song)

    def _cue(self) -> None:
        if self.audio.state == "stopped" and not self._start_when_loaded:
            self.cue_moved.emit(self.cue_seconds())

    def _selection_start(self, song: Song) -> float:
        cells = self.document.selection
        if not cells:
            return 0.0
        bar = min([bar for _, bar in cells] + [song.bar_count - 1])  # a take may be shorter
        return song.tick_to_seconds(song.bar_start_ticks[bar])

    def _loop_range(self, song: Song) -> tuple[float, float] | None:
        if not self.loop_action.isChecked():
            return None
        bars = [bar for _, bar in self.document.selection if bar < song.bar_count]
        bars = bars or [0, song.bar_count - 1]
        return bar_range_seconds(song, min(bars), max(bars) + 1)

    def _loop_changed(self) -> None:
        player = self.audio.player
        if player is not None and player.state != "stopped":
            player.set_loop(self._loop_range(self.document.heard_song))

    def _model_loaded(self) -> None:
        if self._start_when_loaded:
            self._start_when_loaded = False
            self.play()

    def _stopped(self) -> None:
        self._show_playing(False)
        self.playhead_moved.emit(None)
        self._cue()  # back to where Play starts, as a DAW returns to its cursor
        player = self.audio.player
        self._show_position(player.position_seconds if player is not None else 0.0)

    def _failed(self, text: str) -> None:
        self._start_when_loaded = False
        self._show_playing(False)
        self.playhead_moved.emit(None)
        self._cue()
        self.message.emit(text)

    def _show_position(self, seconds: float) -> None:
        song = self.document.heard_song
        tick = max(0, round(song.seconds_to_tick(seconds)))
        bar = song.bar_at_tick(tick)
        meter = song.time_signature_at(tick)
        beat_ticks = meter.ticks_per_bar // meter.numerator
        beat = (tick - song.bar_start_ticks[bar]) // max(1, beat_ticks)
        minutes, rest = divmod(seconds, 60)
        self.position.setText(f"{bar + 1}.{beat + 1}   {int(minutes)}:{rest:04.1f}")
        if self.playing:
            self.playhead_moved.emit(tick)


def _playing_text(listening: int | None, *, looping: bool) -> str:
    """The status line while playing: what is heard, and whether it loops."""
    if listening is None:
        if looping:
            return translate("Transport", "playing (looping)")
        return translate("Transport", "playing")
    if looping:
        return translate("Transport", "playing take {number} (looping)").format(number=listening)
    return translate("Transport", "playing take {number}").format(number=listening)
