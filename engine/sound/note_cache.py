"""Notes from the timbre model, kept in an LRU cache: what every render and player mixes.

A note's key (`NoteKey`) holds its held length as a *duration class* (twelve per doubling, so a
class is within 3 % of the real length) rather than the exact length: notes of nearly equal
length share one rendering, and a tempo change of a few percent keeps the cache warm.
`NoteRenderer` renders keys in batches and keeps each result, trimmed of its silent end, until
the cache's size budget pushes it out.

A key of the standard sound set (a resolved `TimbreRef(kind="soundfont", program=...)`) is
rendered by FluidSynth from the General MIDI SoundFont (`engine.sound.soundfont`) instead of the
model, one note at a time, and cached the same way, so every path that mixes notes (export,
playback, the live synth, audition) honours a track's choice of sound. FluidSynth and the
SoundFont are loaded at the first such note, never for a song that does not use them.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from engine.song.song import TimbreRef
from engine.sound.note_frames import SampledNote
from engine.sound.sampler import Sampler
from engine.sound.soundfont import SoundFontSynth
from engine.sound.synth import OUTPUT_RATE_HZ, Audio
from engine.sound.timbre import BATCH_NOTES, DEFAULT_SAMPLER, DEFAULT_STEPS, NoteSpec, TimbreModel

SILENT = 1e-4
"""-80 dBFS: below this a note's tail is cut and a render's end is trimmed."""
SHORTEST_CLASS_SECONDS = 0.02
CLASSES_PER_DOUBLING = 12
DEFAULT_CACHE_MEGABYTES = 512

Progress = Callable[[int, int], None]
"""Called with (done, total) as notes are rendered."""


def duration_class(seconds: float) -> int:
    """The class of a held length: twelve per doubling from 20 ms (each within 3 %)."""
    ratio = max(seconds, SHORTEST_CLASS_SECONDS) / SHORTEST_CLASS_SECONDS
    return round(CLASSES_PER_DOUBLING * math.log2(ratio))


def class_seconds(duration: int) -> float:
    """The held length every note of a duration class is rendered with."""
    return SHORTEST_CLASS_SECONDS * 2 ** (duration / CLASSES_PER_DOUBLING)


@dataclass(frozen=True, slots=True)
class NoteKey:
    """What makes two notes sound the same: the resolved timbre, drum flag, pitch, velocity
    and duration class. The model's drum hits have one length, so their class is always 0; a
    standard-set drum note is FluidSynth's, as long as it is held (`held_class`)."""

    timbre: TimbreRef
    is_drum: bool
    pitch: int
    velocity: int
    duration: int

    @property
    def is_standard(self) -> bool:
        """True for a note of the standard sound set (FluidSynth), False for the model's."""
        return self.timbre.is_standard

    def spec(self) -> NoteSpec:
        seconds = class_seconds(self.duration)
        return NoteSpec(self.timbre, self.pitch, self.velocity, seconds, is_drum=self.is_drum)


def held_class(timbre: TimbreRef, is_drum: bool, held_seconds: float) -> int:
    """The duration class of a note held `held_seconds`: 0 for a drum hit of the model, which
    has one length (`engine.sound.timbre.DRUM_HIT_SECONDS`; its note-off is applied as it is
    mixed, `engine.sound.drum_table`). A standard-set drum note keeps its length: FluidSynth
    holds a long whistle or a cuica while its key is down, and played for 20 ms (class 0) its
    whistles lasted a quarter of their length (0.23x FluidSynth's own decay), its side stick
    and low wood block two thirds."""
    return 0 if is_drum and not timbre.is_standard else duration_class(held_seconds)


RELEASE_END_DB = -60.0
"""Where a note's release ends, relative to its own peak: the usual measure of a sound dying
away (RT60). A fixed level would cut a quiet note while still audible against its own peak and
keep seconds of a loud note's inaudible tail."""
END_FADE_SECONDS = 0.02
"""The fade after that point, so the end is never a step, however loud the note."""


def trim_tail(audio: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """The note up to where its release falls `RELEASE_END_DB` below its peak, then a short
    fade: FluidSynth renders a standard-sound note until silence, so mixing and the cache
    carry neither seconds of near-zeros nor a step at the end. (The model's notes end
    themselves: `engine.sound.note_frames.end_tail`.)"""
    peak = float(np.abs(audio).max(initial=0.0))
    if peak == 0.0:
        return np.ascontiguousarray(audio[:0])
    loud = np.flatnonzero(np.abs(audio) > peak * 10 ** (RELEASE_END_DB / 20))
    fade = round(END_FADE_SECONDS * OUTPUT_RATE_HZ)
    end = min(len(audio), int(loud[-1]) + 1 + fade)
    trimmed = np.array(audio[:end], dtype=np.float32)
    ramp = min(fade, end)
    if end < len(audio):  # faded only where something was cut off
        trimmed[end - ramp :] *= np.linspace(1.0, 0.0, ramp, dtype=np.float32)
    return trimmed


class NoteRenderer:
    """The timbre model (and FluidSynth, for the standard sound set) behind an LRU note cache.
    Safe to share between threads: one lock guards the model (onnxruntime sessions are used
    from one thread at a time here), the SoundFont synth and the cache, so offline renders and
    playback can use the same warm cache.

    `soundfont` makes the synth for standard-sound notes when the first one is rendered (by
    default FluidSynth with the installed General MIDI SoundFont)."""

    def __init__(
        self,
        model: TimbreModel,
        *,
        cache_megabytes: float = DEFAULT_CACHE_MEGABYTES,
        steps: int = DEFAULT_STEPS,
        sampler: Sampler = DEFAULT_SAMPLER,
        soundfont: Callable[[], SoundFontSynth] = SoundFontSynth,
    ) -> None:
        self.model = model
        self.steps, self.sampler = steps, sampler
        self._make_soundfont = soundfont
        self._soundfont: SoundFontSynth | None = None
        self._capacity_bytes = int(cache_megabytes * 2**20)
        self._cache: OrderedDict[NoteKey, npt.NDArray[np.float32]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def resolve(self, ref: TimbreRef, program: int, is_drum: bool) -> TimbreRef:
        """The ref a note key holds: the standard set with the program FluidSynth plays (0,
        the standard kit, for drums), or the model's resolved timbre."""
        if ref.is_standard:
            return TimbreRef("soundfont", program=0 if is_drum else program)
        return self.model.resolve(ref, program, is_drum)

    def drum_release(self, timbre: TimbreRef, key: int) -> float | None:
        """How fast the model's hit on drum `key` is turned down after its note-off, in dB a
        second (`engine.sound.drum_table.DrumTable.release_rates`); None for the standard set
        (FluidSynth releases its own notes) or a key or model without one."""
        table = None if timbre.is_standard else self.model.drum_table
        return None if table is None else table.release_rates.get(key)

    @property
    def cached_bytes(self) -> int:
        return self._bytes

    def cached(self, key: NoteKey) -> npt.NDArray[np.float32] | None:
        """The note's audio if it was rendered before (and is still cached), else None."""
        with self._lock:
            audio = self._cache.get(key)
            if audio is not None:
                self._cache.move_to_end(key)
                self.hits += 1
            return audio

    def missing(self, keys: Sequence[NoteKey]) -> list[NoteKey]:
        """The distinct keys among `keys` that still need the model, in order."""
        with self._lock:
            return list(dict.fromkeys(key for key in keys if key not in self._cache))

    def render(self, keys: Sequence[NoteKey], progress: Progress | None = None) -> None:
        """Render every uncached key into the cache, reporting (done, total): the model's in
        batches, the standard set's one by one through FluidSynth.

        The model's notes are made in two stages: the denoiser samples a batch's control
        frames (holding the lock: the model is used by one thread at a time), then the frames
        become audio. With more than one batch, a helper thread synthesizes each batch while
        the denoiser samples the next, so the two share the cores; every note is computed as
        it would be alone, so the cache holds the same samples to the last bit."""
        todo = self.missing(keys)
        modelled = [key for key in todo if not key.is_standard]
        standard = [key for key in todo if key.is_standard]
        self._render_modelled(modelled, len(todo), progress)
        for done, key in enumerate(standard, start=len(modelled) + 1):
            with self._lock:
                if key not in self._cache:
                    self._store(key, trim_tail(self._render_standard(key)))
            if progress is not None and (done % BATCH_NOTES == 0 or done == len(todo)):
                progress(done, len(todo))

    def _render_modelled(
        self, modelled: list[NoteKey], total: int, progress: Progress | None
    ) -> None:
        """The model's notes in batches, synthesis one batch behind sampling (`render`)."""
        pool = ThreadPoolExecutor(1, "note-synth") if len(modelled) > BATCH_NOTES else None
        pending: list[tuple[int, list[NoteKey], Future[list[Audio]]]] = []
        try:
            for first in range(0, len(modelled), BATCH_NOTES):
                with self._lock:
                    batch = [
                        k for k in modelled[first : first + BATCH_NOTES] if k not in self._cache
                    ]
                    sampled = self.model.sample_notes(
                        [k.spec() for k in batch], steps=self.steps, sampler=self.sampler
                    )
                if pool is None:
                    self._keep(batch, _synthesize(sampled))
                    if progress is not None:
                        progress(min(first + BATCH_NOTES, len(modelled)), total)
                    continue
                pending.append((first, batch, pool.submit(_synthesize, sampled)))
                if len(pending) > 1:
                    self._finish(pending.pop(0), len(modelled), total, progress)
            while pending:
                self._finish(pending.pop(0), len(modelled), total, progress)
        finally:
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)

    def _finish(
        self,
        job: tuple[int, list[NoteKey], Future[list[Audio]]],
        modelled: int,
        total: int,
        progress: Progress | None,
    ) -> None:
        first, batch, audio = job
        self._keep(batch, audio.result())
        if progress is not None:
            progress(min(first + BATCH_NOTES, modelled), total)

    def _keep(self, batch: list[NoteKey], audio: list[Audio]) -> None:
        """Store a batch's notes as synthesized: `SampledNote.audio` already ended each one
        once its release fell 60 dB under its peak, by its RMS level, which `trim_tail`'s
        sample peaks would cut short (a note another thread stored meanwhile is kept)."""
        with self._lock:
            for key, note in zip(batch, audio, strict=True):
                if key not in self._cache:
                    self._store(key, note)

    def _render_standard(self, key: NoteKey) -> npt.NDArray[np.float32]:
        """One standard-sound note through FluidSynth (made now if this is the first)."""
        if self._soundfont is None:
            self._soundfont = self._make_soundfont()
        program = key.timbre.program or 0
        seconds = class_seconds(key.duration)
        return self._soundfont.render_note(
            program, key.pitch, key.velocity, seconds, is_drum=key.is_drum
        )

    def audio(self, key: NoteKey) -> npt.NDArray[np.float32]:
        """The note's audio, rendering it now if needed."""
        audio = self.cached(key)
        if audio is None:
            self.render([key])
            audio = self.cached(key)
        assert audio is not None  # rendered just above; the cache keeps the newest entry
        return audio

    def _store(self, key: NoteKey, audio: npt.NDArray[np.float32]) -> None:
        self.misses += 1
        self._cache[key] = audio
        self._bytes += audio.nbytes
        while self._bytes > self._capacity_bytes and len(self._cache) > 1:
            _, evicted = self._cache.popitem(last=False)
            self._bytes -= evicted.nbytes


def _synthesize(sampled: list[SampledNote]) -> list[Audio]:
    """A batch's audio from its sampled frames (numpy only: runs on the helper thread)."""
    return [note.audio() for note in sampled]
