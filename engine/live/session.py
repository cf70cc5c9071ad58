"""Live MIDI play: a musician plays, the model answers, continues or accompanies in time.

`LiveSession` is a plain class with callbacks (the UI adapter re-emits them as Qt signals).
Messages from the keyboard go to `receive` from any thread; the player's own notes are never
routed through the model or echoed. A loop (`step`, about every millisecond) takes the
messages in, decides when a phrase is over, hands model work to one worker thread (a
MidiModel must not be used from two threads), and sends the scheduled notes on time.

Look-ahead. In answer and continue modes the first answer bar is asked for speculatively as
soon as the player lets go of every key, so it is usually ready before the pause that ends the
phrase has passed; a new note-on discards it. The answer starts on the first bar line after the
phrase is judged over; each further bar is asked for as soon as the previous one is ready, a
bar ahead of time. In accompany mode each bar is asked for `lookahead_beats` before it starts.
"""

from __future__ import annotations

import dataclasses
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from engine.compose.midi_model import MidiModel
from engine.live.music import (
    LiveSettings,
    Part,
    Work,
    accompany_work,
    answer_work,
    played_note,
    recorded_song,
    write_live,
)
from engine.live.ports import Message
from engine.live.timing import (
    CLOCKS_PER_QUARTER,
    MIDI_CLOCK,
    MIDI_START,
    NOTE_OFF,
    NOTE_ON,
    AnswerTiming,
    Clock,
    ClockTempo,
    LiveStats,
    MonotonicClock,
    Scheduler,
    SentMessage,
    detect_key,
)
from engine.song.song import PPQ, KeySignatureChange, Note, Song
from engine.words import QT_TRANSLATE_NOOP, Words

CLOCK_TEMPO_TOLERANCE_BPM = 0.5
"""A followed clock's tempo must move by this much before the grid is retimed (jitter is less)."""
EventCallback = Callable[[str, str], None]
"""Called with (kind, text): kind is 'status', 'answer', 'disconnected' or 'error'."""


@dataclass
class _Job:
    kind: str  # "answer" or "accompany"
    version: int
    bar: int
    song: Song | None = None
    work: Work = field(default_factory=list)
    result: dict[int, list[Note]] | None = None
    elapsed_ms: float = 0.0
    done_s: float = 0.0


class LiveSession:
    """See the module docstring. `output` receives every message the model plays (a MIDI output
    port's `send`, or the internal synth once the audio engine exists)."""

    def __init__(
        self,
        model: MidiModel,
        settings: LiveSettings,
        output: Callable[[Message], None],
        *,
        clock: Clock | None = None,
        on_event: EventCallback | None = None,
        input_alive: Callable[[], bool] | None = None,
        threaded: bool = True,
    ) -> None:
        self.model, self.settings, self.clock = model, settings, clock or MonotonicClock()
        self.on_event = on_event or (lambda kind, text: None)
        self.input_alive, self.threaded = input_alive, threaded
        self.scheduler = Scheduler(output, settings.late_after_ms / 1e3, self._sent)
        self.stats = LiveStats()
        self.clock_tempo = ClockTempo()
        self._clock_pulses = 0
        self._clock_started = False  # a MIDI Start was seen: pulses count from the leader's bar 1
        self._inbox: queue.SimpleQueue[tuple[float, Message]] = queue.SimpleQueue()
        self._jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._done: queue.SimpleQueue[_Job] = queue.SimpleQueue()
        self._held: dict[int, tuple[float, int]] = {}
        self.player: list[Note] = []
        self.answers: list[Note] = []
        self.parts: list[list[Note]] = [[] for _ in settings.voices]
        self._version = 0
        self._phrase_open = False
        self._last_release_s = 0.0
        self._answer: AnswerTiming | None = None
        self._answer_bars_left = 0
        self._wanted: tuple[int, int] | None = None  # (version, bar) of the answer bar awaited
        self._next_accompany_bar = 1
        self._pending: set[tuple[str, int, int]] = set()
        self._ready: dict[tuple[int, int], _Job] = {}
        self._threads: list[threading.Thread] = []
        self._running = threading.Event()
        self._next_alive_check_s = 0.0
        self.start_s = self.clock.now()

    # --- time and grid ----------------------------------------------------------------------

    def tick_to_s(self, tick: float) -> float:
        return self.start_s + tick * self.settings.seconds_per_tick

    def s_to_tick(self, time_s: float) -> float:
        return (time_s - self.start_s) / self.settings.seconds_per_tick

    def bar_at(self, time_s: float) -> int:
        return int(self.s_to_tick(time_s) // self.settings.bar_ticks)

    def first_bar_from(self, time_s: float) -> int:
        """The first bar that starts at or after `time_s`."""
        return int(-(-self.s_to_tick(time_s) // self.settings.bar_ticks))

    @property
    def key(self) -> KeySignatureChange | None:
        if self.settings.key is not None:
            return self.settings.key
        return detect_key((n.pitch, n.duration_ticks) for n in self.player)

    # --- running ----------------------------------------------------------------------------

    def start(self) -> None:
        """Start at bar 0 now; with `threaded`, run the loop and the model worker in threads."""
        self.start_s = self.clock.now()
        self._running.set()
        if self.threaded:
            for target, name in ((self._work, "live-model"), (self._loop, "live-loop")):
                thread = threading.Thread(target=target, name=name, daemon=True)
                thread.start()
                self._threads.append(thread)
        self.on_event("status", f"live: {self.settings.mode} at {self.settings.tempo_bpm:g} BPM")

    def stop(self) -> None:
        """Stop playing: every sounding note gets its note-off, then all-notes-off."""
        self._running.clear()
        self._jobs.put(None)
        for thread in self._threads:
            thread.join(timeout=5.0)
        self._threads.clear()
        channels = {self.settings.answer_channel, *(v.channel for v in self.settings.voices)}
        try:
            self.scheduler.stop(channels)
        except Exception as err:  # the output is gone: it has nothing left to silence
            self.on_event("error", f"the output did not take its note-offs: {err}")
        self._release_held(self.clock.now())
        self.on_event("status", "live: stopped")

    def receive(self, message: Message) -> None:
        """Take one message from the keyboard (any thread)."""
        self._inbox.put((self.clock.now(), message))

    def _loop(self) -> None:
        while self._running.is_set():
            try:
                self.step()
            except Exception as err:  # e.g. the output unplugged: told, never a silent stop
                self._running.clear()
                self.on_event("error", f"live playing stopped: {err}")
                return
            time.sleep(0.0005)

    def step(self) -> None:
        """One pass: take input, decide, collect model results, send what is due."""
        now = self.clock.now()
        while not self._inbox.empty():
            arrived, message = self._inbox.get()
            self._take(arrived, message)
        self._check_input(now)
        self._judge_phrase(now)
        if self.settings.mode == "accompany":
            self._plan_accompaniment(now)
        else:
            self._plan_answer(now)
        if not self.threaded:
            self._work_inline()
        while not self._done.empty():
            self._collect(self._done.get())
        self.scheduler.send_due(now, self.clock)

    # --- the player ---------------------------------------------------------------------------

    def _take(self, arrived: float, message: Message) -> None:
        status = message[0] & 0xF0 if message else 0
        if message and message[0] == MIDI_CLOCK:
            self._clock_pulse(arrived)
        elif message and message[0] == MIDI_START and self.settings.follow_clock:
            self.start_s = arrived  # the leader's bar 1 starts now
            self.clock_tempo.reset()
            self._clock_pulses, self._clock_started = 0, True
        elif status == NOTE_ON and len(message) == 3 and message[2] > 0:
            self._press(arrived, message[1], message[2])
        elif status in (NOTE_ON, NOTE_OFF) and len(message) == 3:
            self._release(arrived, message[1])

    def _clock_pulse(self, arrived: float) -> None:
        """Count a MIDI clock pulse; when following, once a beat, retime the grid to the
        clock's tempo: after a MIDI Start the grid is the leader's (pulses since Start), before
        one the tick at this moment stays where it is."""
        self.clock_tempo.pulse(arrived)
        self._clock_pulses += 1
        if not self.settings.follow_clock or self._clock_pulses % CLOCKS_PER_QUARTER:
            return
        tempo = self.clock_tempo.tempo_bpm
        if tempo is None or abs(tempo - self.settings.tempo_bpm) < CLOCK_TEMPO_TOLERANCE_BPM:
            return
        tempo = min(max(tempo, 20.0), 300.0)
        # After a Start the leader's position is exact: the first pulse is beat 1's downbeat.
        tick_now = (
            (self._clock_pulses - 1) * PPQ / CLOCKS_PER_QUARTER
            if self._clock_started
            else self.s_to_tick(arrived)
        )
        self.settings = dataclasses.replace(self.settings, tempo_bpm=tempo)
        self.start_s = arrived - tick_now * self.settings.seconds_per_tick
        self.on_event("status", f"tempo from MIDI clock: {tempo:.1f} BPM")

    def _press(self, now: float, pitch: int, velocity: int) -> None:
        self._held[pitch] = (now, velocity)
        self._version += 1
        self._phrase_open = True
        if self.settings.mode != "accompany" and self._answer_bars_left:
            self._answer_bars_left = 0  # the player takes over: the current bar rings out
            self._wanted = None

    def _release(self, now: float, pitch: int) -> None:
        pressed = self._held.pop(pitch, None)
        if pressed is None:
            return
        onset, velocity = pressed
        note = played_note(
            self.s_to_tick(onset), self.s_to_tick(now), pitch, velocity, self.settings.grid_ticks
        )
        self.player.append(note)
        self._last_release_s = now
        if self.settings.mode != "accompany" and not self._held:
            bar = self.first_bar_from(
                now + self.settings.pause_beats * 60 / self.settings.tempo_bpm
            )
            self._submit(_Job("answer", self._version, bar))

    def _release_held(self, now: float) -> None:
        for pitch in list(self._held):
            self._release(now, pitch)

    def _check_input(self, now: float) -> None:
        if self.input_alive is None or now < self._next_alive_check_s:
            return
        self._next_alive_check_s = now + 0.5
        if not self.input_alive():
            self.input_alive = None
            self._release_held(now)
            self.on_event(
                "disconnected", "the MIDI keyboard was disconnected: plug it in and restart live"
            )

    # --- answers ------------------------------------------------------------------------------

    def _judge_phrase(self, now: float) -> None:
        if self.settings.mode == "accompany" or not self._phrase_open or self._held:
            return
        if now - self._last_release_s < self.settings.pause_beats * 60 / self.settings.tempo_bpm:
            return
        self._phrase_open = False
        bar = self.first_bar_from(now)
        self._answer = AnswerTiming(
            self._last_release_s, first_due_s=self.tick_to_s(bar * self.settings.bar_ticks)
        )
        self.stats.answers.append(self._answer)
        self._answer_bars_left = (
            self.settings.answer_bars if self.settings.mode == "answer" else 10**9
        )
        self._wanted = (self._version, bar)
        ready = self._ready.pop(self._wanted, None)
        if ready is not None:
            self._play_answer(ready)
        elif not self._is_pending(self._version, bar):
            self._submit(_Job("answer", self._version, bar))

    def _plan_accompaniment(self, now: float) -> None:
        bar = self._next_accompany_bar
        lead_s = self.settings.lookahead_beats * 60 / self.settings.tempo_bpm
        if now >= self.tick_to_s(bar * self.settings.bar_ticks) - lead_s:
            self._next_accompany_bar += 1
            self._submit(_Job("accompany", 0, bar))

    # --- the model ----------------------------------------------------------------------------

    def _is_pending(self, version: int, bar: int) -> bool:
        return ("answer", version, bar) in self._pending

    def _submit(self, job: _Job) -> None:
        """Queue model work with a snapshot of its context, taken here on the loop thread."""
        key = self.key
        if job.kind == "answer":
            line = [*self.player, *self.answers]
            job.song, job.work = answer_work(self.settings, line, job.bar, key)
        else:
            job.song, job.work = accompany_work(
                self.settings, self.player, self.parts, job.bar, key
            )
        self._pending.add((job.kind, job.version, job.bar))
        self._jobs.put(job)

    def _work(self) -> None:
        while (job := self._jobs.get()) is not None:
            try:
                self._run(job)
            except Exception as err:  # reported to the user, never lost in a thread
                self._done.put(job)
                self.on_event("error", f"the model failed while playing live: {err}")

    def _work_inline(self) -> None:
        while not self._jobs.empty():
            job = self._jobs.get()
            if job is not None:
                self._run(job)

    def _run(self, job: _Job) -> None:
        if job.kind == "answer" and job.version != self._version:
            self._done.put(job)  # stale: the player went on playing
            return
        started = time.perf_counter()
        assert job.song is not None
        out = write_live(self.model, job.song, job.work, self.settings.seed * 100_003 + job.bar)
        if job.kind == "answer":
            job.result = {0: list(out.notes_in_bar(0, job.bar))}
        else:
            job.result = {i: list(out.notes_in_bar(i + 1, job.bar)) for i in range(len(self.parts))}
        job.elapsed_ms = (time.perf_counter() - started) * 1e3
        job.done_s = self.clock.now()
        self._done.put(job)

    def _collect(self, job: _Job) -> None:
        self._pending.discard((job.kind, job.version, job.bar))
        if job.result is None:
            return
        self.stats.generation_ms.append(job.elapsed_ms)
        if job.kind == "accompany":
            for index, notes in job.result.items():
                voice = self.settings.voices[index]
                self.parts[index].extend(notes)
                self._schedule(notes, voice.channel, "accompany")
            return
        if self._wanted == (job.version, job.bar):
            self._play_answer(job)
        elif job.version == self._version:
            self._ready = {(job.version, job.bar): job}  # speculative: the phrase is not over yet

    def _play_answer(self, job: _Job) -> None:
        assert job.result is not None
        if self._answer is not None and job.bar == self._answer_first_bar():
            self._answer.ready_s, self._answer.generation_ms = job.done_s, job.elapsed_ms
        notes = job.result.get(0, [])
        if self._answer is not None:
            self._answer.notes += len(notes)
        self.answers.extend(notes)
        self._schedule(notes, self.settings.answer_channel, "answer")
        self._answer_bars_left -= 1
        self._wanted = (job.version, job.bar + 1) if self._answer_bars_left > 0 else None

    def _plan_answer(self, now: float) -> None:
        """Ask for the next answer bar once it is `lookahead_beats` away."""
        if self._wanted is None or self._is_pending(*self._wanted):
            return
        version, bar = self._wanted
        lead_s = self.settings.lookahead_beats * 60 / self.settings.tempo_bpm
        if now >= self.tick_to_s(bar * self.settings.bar_ticks) - lead_s:
            self._submit(_Job("answer", version, bar))

    def _answer_first_bar(self) -> int:
        assert self._answer is not None
        return round(self.s_to_tick(self._answer.first_due_s) / self.settings.bar_ticks)

    def _schedule(self, notes: list[Note], channel: int, tag: str) -> None:
        for note in notes:
            self.scheduler.add_note(
                self.tick_to_s(note.start_tick),
                self.tick_to_s(note.end_tick),
                note.pitch,
                note.velocity,
                channel=channel,
                tag=tag,
            )

    def _sent(self, sent: SentMessage) -> None:
        is_on = sent.message[0] & 0xF0 == NOTE_ON
        if is_on:
            self.stats.notes_sent += 1
            self.stats.notes_late += sent.late_ms > self.settings.late_after_ms
        answer = self._answer
        if is_on and sent.tag == "answer" and answer is not None and answer.first_sent_s is None:
            answer.first_sent_s, answer.first_note_due_s = sent.sent_s, sent.due_s
            self.on_event("answer", f"answer latency {answer.latency_ms:.0f} ms")

    # --- recording ------------------------------------------------------------------------------

    def recording(self) -> Song:
        """Everything played and answered so far, as a Song of new tracks."""
        settings = self.settings
        parts: list[Part] = [
            (
                QT_TRANSLATE_NOOP("LiveRecording", "Live player"),
                settings.player_program,
                False,
                self.player,
                settings.timbre(),
            )
        ]
        if settings.mode == "accompany":
            for voice, notes in zip(settings.voices, self.parts, strict=True):
                # The voice's name is a preset voice's, translated under that context.
                name = QT_TRANSLATE_NOOP("LiveRecording", "Live {voice}").format(
                    voice=Words("PresetVoices", voice.name)
                )
                parts.append((name, voice.program, voice.is_drum, notes, settings.timbre(voice)))
        else:
            parts.append(
                (
                    QT_TRANSLATE_NOOP("LiveRecording", "Live answer"),
                    settings.player_program,
                    False,
                    self.answers,
                    settings.timbre(),
                )
            )
        return recorded_song(self.settings, parts, self.key)
