"""Notes rendered ahead for the internal synth: the bank, the nearest-key rule, the worker.

The internal synth (`engine.live.synth`) must never render while a key waits, so a worker
thread renders notes with the timbre model (`engine.sound.render.NoteRenderer`) into a `NoteBank`
before they are played: first the notes an instrument is likely to play (`prepare_instrument`,
coarse to fine, so within a fraction of a second every pitch has a render near it), and, ahead
of that backlog, the exact key of every note that had to borrow a neighbour, for next time.

A note's length is unknown at note-on, so every pitched note is rendered held for
`HOLD_SECONDS` (about the model's longest direct note) and released early at its note-off.

The nearest-key rule (`NoteBank.nearest`): velocities share a render in steps of
`VELOCITY_STEP` (8), as notes of nearly equal length share a duration class; the player
corrects the level by `VELOCITY_DB_PER_STEP`. A pitched note plays its own pitch's render at the
nearest velocity ready; if its pitch has none, the nearest pitch within `MAX_SHIFT_SEMITONES`
(there the nearest velocity), resampled to the right pitch. A drum plays only its own drum
sound. With no render near enough there is nothing to play this time.

Lookups (`nearest`, from the synth's sender) and the worker's inserts share one lock, held for
a dictionary operation or two and never while the model runs.
"""

from __future__ import annotations

import collections
import threading
from collections.abc import Callable, Iterable

import numpy as np
import numpy.typing as npt

from engine.song.gm import playable_range
from engine.song.song import TimbreRef
from engine.sound.note_cache import held_class
from engine.sound.render import NoteKey, NoteRenderer, duration_class
from engine.sound.timbre import BATCH_NOTES, DRUM_HIT_SECONDS

Mono = npt.NDArray[np.float32]
Instrument = tuple[TimbreRef, int, bool]
"""What a MIDI channel plays: (timbre ref, General MIDI program, drum flag)."""

HOLD_SECONDS = 2.0
HOLD_CLASS = duration_class(HOLD_SECONDS)
"""Every pitched note is rendered held this long (class 80, 2.03 s: inside the model's 2.05 s
window, so no sustain stretching) and released early at its note-off."""
VELOCITY_STEP = 8
VELOCITY_LEVELS = (40, 80, 112)
"""The velocities `likely_keys` renders for every pitch (the middle one first)."""
VELOCITY_DB_PER_STEP = 0.25
"""Level change per velocity step of the shipped timbre model's notes: measured RMS rises
about 28 dB from velocity 16 to 127 for piano, bass, strings and drums alike."""
MAX_SHIFT_SEMITONES = 3
BANK_MEGABYTES = 512
"""Renders kept for playing (0.45 MB a pitched note): about four instruments prepared in full.
The least recently played go first (the renderer's own cache may keep them longer)."""


def _by_distance(values: Iterable[int], target: int) -> list[int]:
    """`values` nearest `target` first (the lower of two equally near)."""
    return sorted(values, key=lambda value: (abs(value - target), value))


_VELOCITIES = range(VELOCITY_STEP, 128 - VELOCITY_STEP // 2, VELOCITY_STEP)  # 8..120
_NEAREST_VELOCITIES = {v: _by_distance(_VELOCITIES, v) for v in _VELOCITIES}
_SHIFTS = _by_distance(range(-MAX_SHIFT_SEMITONES, MAX_SHIFT_SEMITONES + 1), 0)
_BankKey = tuple[int, int, int]  # (instrument id, pitch, velocity)


def quantise_velocity(velocity: int) -> int:
    """The velocity a note's render is made at: the nearest multiple of `VELOCITY_STEP`."""
    return min(_VELOCITIES[-1], max(VELOCITY_STEP, VELOCITY_STEP * round(velocity / VELOCITY_STEP)))


class NoteBank:
    """Renders ready to play, filled by a worker thread (`start`, `stop`) from a queue."""

    def __init__(
        self,
        renderer: NoteRenderer,
        *,
        megabytes: float = BANK_MEGABYTES,
        on_error: Callable[[str], None] | None = None,
    ) -> None:
        self.renderer = renderer
        self.on_error = on_error
        self._capacity_bytes = int(megabytes * 2**20)
        self._bytes = 0
        self._bank: collections.OrderedDict[_BankKey, Mono] = collections.OrderedDict()
        self._ids: dict[tuple[TimbreRef, bool], int] = {}
        self._timbres: dict[Instrument, TimbreRef] = {}
        self._lock = threading.Lock()
        self._urgent: collections.deque[NoteKey] = collections.deque()
        self._backlog: collections.deque[NoteKey] = collections.deque()
        self._queued: set[NoteKey] = set()
        self._prepared: set[Instrument] = set()
        self._queue_lock = threading.Lock()
        self._idle = threading.Event()
        self._idle.set()
        self._wake = threading.Event()
        self._quit = threading.Event()
        self._worker: threading.Thread | None = None

    def start(self) -> None:
        if self._worker is None:
            self._quit.clear()
            self._worker = threading.Thread(target=self._run, name="live-synth", daemon=True)
            self._worker.start()

    def stop(self) -> None:
        """Stop the worker after its current batch (the queue and the bank stay)."""
        self._quit.set()
        self._wake.set()
        worker, self._worker = self._worker, None
        if worker is not None and worker is not threading.current_thread():
            worker.join()

    # Keys and lookups ----------------------------------------------------------------------

    def key(self, instrument: Instrument, pitch: int, velocity: int) -> NoteKey:
        """The render a note asks for: its instrument's timbre, pitch and shared velocity."""
        timbre = self._timbres.get(instrument)
        if timbre is None:  # resolving builds the vector: once per instrument, not per note
            timbre = self._timbres[instrument] = self.renderer.resolve(*instrument)
        is_drum = instrument[2]
        duration = held_class(timbre, True, DRUM_HIT_SECONDS) if is_drum else HOLD_CLASS
        return NoteKey(timbre, is_drum, pitch, quantise_velocity(velocity), duration)

    def nearest(self, key: NoteKey) -> tuple[Mono, int, int] | None:
        """(audio, pitch, velocity) of the render to play for `key` by the nearest-key rule."""
        with self._lock:
            ident = self._ids.get((key.timbre, key.is_drum))
            if ident is None:
                return None
            for shift in (0,) if key.is_drum else _SHIFTS:
                pitch = key.pitch + shift
                for velocity in _NEAREST_VELOCITIES[key.velocity]:
                    audio = self._bank.get((ident, pitch, velocity))
                    if audio is not None:
                        self._bank.move_to_end((ident, pitch, velocity))
                        return audio, pitch, velocity
        return None

    def is_ready(self, key: NoteKey) -> bool:
        """Whether `key` itself is in the bank."""
        with self._lock:
            ident = self._ids.get((key.timbre, key.is_drum))
            return ident is not None and (ident, key.pitch, key.velocity) in self._bank

    # Queueing ------------------------------------------------------------------------------

    def likely_keys(self, instrument: Instrument) -> list[NoteKey]:
        """Every pitch of the instrument's usual range at `VELOCITY_LEVELS`, coarse to fine:
        first every seventh pitch at the middle level (each pitch then has a render within
        three semitones), then the other pitches, then the other levels; middle pitches first."""
        _, program, is_drum = instrument
        low, high = playable_range(program, is_drum)
        centre = (low + high) / 2
        pitches = sorted(range(low, high + 1), key=lambda p: abs(p - centre))
        coarse = {p for p in pitches if (p - low) % (2 * MAX_SHIFT_SEMITONES + 1) == 0}
        middle = VELOCITY_LEVELS[len(VELOCITY_LEVELS) // 2]
        order = [(p, middle) for p in pitches if is_drum or p in coarse]
        order += [(p, middle) for p in pitches if not is_drum and p not in coarse]
        order += [(p, v) for v in VELOCITY_LEVELS if v != middle for p in pitches]
        return [self.key(instrument, p, v) for p, v in order]

    def prepare(self, keys: Iterable[NoteKey], *, urgent: bool = False) -> None:
        """Render `keys` in the background; `urgent` ones before the backlog."""
        with self._queue_lock:
            todo = [key for key in keys if not self.is_ready(key)]
            waiting = [key for key in todo if urgent and key in self._backlog]
            for key in waiting:  # a note is waiting to be heard: move it to the front
                self._backlog.remove(key)
            todo = [key for key in todo if key not in self._queued or key in waiting]
            if not todo:
                return
            self._queued.update(todo)
            (self._urgent if urgent else self._backlog).extend(todo)
            self._idle.clear()
        self._wake.set()

    def prepare_instrument(self, instrument: Instrument) -> None:
        """Render the instrument's `likely_keys` in the background (once per instrument)."""
        if instrument not in self._prepared:
            self._prepared.add(instrument)
            self.prepare(self.likely_keys(instrument))

    def wait_prepared(self, timeout: float | None = None) -> bool:
        """Wait until every queued key is rendered; False if `timeout` seconds passed first."""
        return self._idle.wait(timeout)

    # The worker ----------------------------------------------------------------------------

    def _next_batch(self) -> list[NoteKey]:
        with self._queue_lock:
            batch: list[NoteKey] = []
            for pending in (self._urgent, self._backlog):
                while pending and len(batch) < BATCH_NOTES:
                    batch.append(pending.popleft())
            if not batch:
                self._idle.set()
            return batch

    def _run(self) -> None:
        while not self._quit.is_set():
            batch = self._next_batch()
            if not batch:
                self._wake.wait(0.05)
                self._wake.clear()
                continue
            try:
                self.renderer.render(batch)
            except Exception as err:  # reported, never a dead thread: the synth goes on
                if self.on_error is not None:
                    self.on_error(f"the synth could not render a note: {err}")
            for key in batch:
                audio = self.renderer.cached(key)
                if audio is not None:
                    self._store(key, audio)
            with self._queue_lock:
                self._queued.difference_update(batch)

    def _store(self, key: NoteKey, audio: Mono) -> None:
        """Add a render, forgetting the least recently played beyond the bank's size."""
        with self._lock:
            ident = self._ids.setdefault((key.timbre, key.is_drum), len(self._ids))
            old = self._bank.get((ident, key.pitch, key.velocity))
            self._bytes += audio.nbytes - (0 if old is None else old.nbytes)
            self._bank[(ident, key.pitch, key.velocity)] = audio
            while self._bytes > self._capacity_bytes and len(self._bank) > 1:
                self._bytes -= self._bank.popitem(last=False)[1].nbytes
