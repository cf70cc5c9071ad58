"""Hear a Song: every note through its track's timbre, mixed, limited and written to a file.

The flow from a Song to samples:

1. `SongMix` schedules the notes of the audible tracks (mute and solo as in a DAW,
   `engine.song.song.audible_track_indices`) in the selected bars, each with its start sample, its
   track's gain and pan, and a `NoteKey`.
2. `NoteRenderer` turns keys into mono note audio with the timbre model
   (`engine.sound.timbre.TimbreModel.render_notes`, batched) and keeps each result in an LRU cache,
   so a repeated note costs nothing and a second render or a replay is pure mixing.
3. `SongMix.mix_into` sums any stretch of samples: the offline render mixes the whole song,
   playback (`engine.sound.playback`) mixes one short block at a time ahead of the sound card.
4. `Limiter` keeps the master under `CEILING`, so nothing ever clips.

A note's key holds its held length as a *duration class* (twelve per doubling, so a class is
within 3 % of the real length) rather than the exact length: notes of nearly equal length share
one rendering, and a tempo change of a few percent keeps the cache warm. Everything here is
headless and deterministic: the same Song and timbres give the same samples.
"""

from __future__ import annotations

import bisect
import math
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from engine.errors import TesseraError
from engine.song.performance import BendCurve, next_strikes, performance_of
from engine.song.song import Song, TimbreRef, audible_track_indices
from engine.sound.synth import FRAME_RATE_HZ, OUTPUT_RATE_HZ
from engine.sound.timbre import BATCH_NOTES, DEFAULT_STEPS, NoteSpec, TimbreModel

SAMPLE_RATE_HZ = OUTPUT_RATE_HZ
"""Renders and playback run at 44.1 kHz, the timbre synthesizer's own rate."""
CHANNELS = 2
MASTER_GAIN_DB = 12.0
"""Gain on the sum of all tracks. The timbre model's notes peak near -20 dBFS at velocity 100
(they copy the SoundFont renders it learned from); +12 dB brings a typical four-track song to a
healthy level and leaves the limiter to catch the loudest moments."""
CEILING = 10 ** (-1.0 / 20)
"""The limiter's ceiling, -1 dBFS: headroom for the rounding of a 24-bit file or a player's
resampling."""
RELEASE_DB_PER_SECOND = 60.0
"""How fast the limiter lets go after a peak: 6 dB in 0.1 s."""
SILENT = 1e-4
"""-80 dBFS: below this a note's tail is cut and a render's end is trimmed."""
SHORTEST_CLASS_SECONDS = 0.02
CLASSES_PER_DOUBLING = 12
DEFAULT_CACHE_MEGABYTES = 512
BENT_CACHE_BYTES = 64 * 2**20
"""Bent notes kept per SongMix (a note is bent once, then mixed block by block)."""
FILE_SUBTYPES = {".wav": "PCM_24", ".flac": "PCM_24"}
"""The formats `write_audio` writes, both 24-bit: what a DAW imports without a question."""

StereoAudio = npt.NDArray[np.float32]
"""(frames, 2) float32 in -1..1."""
Progress = Callable[[int, int], None]
"""Called with (done, total) as notes are rendered."""


class AudioError(TesseraError):
    """A render or audio file that cannot be made: bad selection, unwritable file."""


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
    and duration class. Drum hits have one length, so their class is always 0."""

    timbre: TimbreRef
    is_drum: bool
    pitch: int
    velocity: int
    duration: int

    def spec(self) -> NoteSpec:
        seconds = class_seconds(self.duration)
        return NoteSpec(self.timbre, self.pitch, self.velocity, seconds, is_drum=self.is_drum)


def trim_tail(audio: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """The note without the silent end of its release (the model always writes its full
    window), so mixing and the cache don't carry seconds of zeros."""
    loud = np.flatnonzero(np.abs(audio) > SILENT)
    end = int(loud[-1]) + 1 if len(loud) else 0
    return np.ascontiguousarray(audio[:end])


class NoteRenderer:
    """The timbre model behind an LRU note cache. Safe to share between threads: one lock
    guards the model (onnxruntime sessions are used from one thread at a time here) and the
    cache, so offline renders and playback can use the same warm cache."""

    def __init__(
        self,
        model: TimbreModel,
        *,
        cache_megabytes: float = DEFAULT_CACHE_MEGABYTES,
        steps: int = DEFAULT_STEPS,
    ) -> None:
        self.model = model
        self.steps = steps
        self._capacity_bytes = int(cache_megabytes * 2**20)
        self._cache: OrderedDict[NoteKey, npt.NDArray[np.float32]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def resolve(self, ref: TimbreRef, program: int, is_drum: bool) -> TimbreRef:
        return self.model.resolve(ref, program, is_drum)

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
        """Render every uncached key into the cache, in batches, reporting (done, total)."""
        todo = self.missing(keys)
        for first in range(0, len(todo), BATCH_NOTES):
            batch = todo[first : first + BATCH_NOTES]
            with self._lock:
                batch = [key for key in batch if key not in self._cache]
                audio = self.model.render_notes([key.spec() for key in batch], steps=self.steps)
                for key, note in zip(batch, audio, strict=True):
                    self._store(key, trim_tail(note))
            if progress is not None:
                progress(min(first + BATCH_NOTES, len(todo)), len(todo))

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


@dataclass(frozen=True, slots=True)
class RenderSelection:
    """Part of a song to hear: some tracks and/or a bar range [first_bar, end_bar), 0-based.

    Notes that start inside the bars play to the end of their release; audio starts at the
    first bar. Mute and solo still apply within the chosen tracks.
    """

    tracks: tuple[int, ...] | None = None
    first_bar: int = 0
    end_bar: int | None = None

    def check(self, song: Song) -> tuple[frozenset[int], int, int]:
        """(tracks, first bar, end bar) for this song, or AudioError saying what is wrong."""
        end_bar = song.bar_count if self.end_bar is None else self.end_bar
        if not 0 <= self.first_bar < end_bar <= song.bar_count:
            raise AudioError(
                f"bars {self.first_bar + 1}-{end_bar} are not a range inside the song's "
                f"{song.bar_count} bars: choose a first bar before the last"
            )
        tracks = range(len(song.tracks)) if self.tracks is None else self.tracks
        unknown = sorted(set(tracks) - set(range(len(song.tracks))))
        if unknown:
            raise AudioError(
                f"track {unknown[0] + 1} does not exist: the song has {len(song.tracks)} tracks"
            )
        return frozenset(tracks), self.first_bar, end_bar


def pan_gains(gain_db: float, pan: float) -> tuple[float, float]:
    """(left, right) gains for a track: constant-power pan (-3 dB each side at the centre)."""
    level = 10 ** ((gain_db + MASTER_GAIN_DB) / 20)
    angle = (pan + 1.0) * math.pi / 4
    return level * math.cos(angle), level * math.sin(angle)


class SongMix:
    """A Song's notes scheduled in samples from the selection's first bar, ready to mix.

    Building one is cheap (no audio); `mix_into` renders whatever notes it needs that are not
    cached yet, so call `prepare` first when you want that work done ahead of time.
    """

    def __init__(
        self, song: Song, renderer: NoteRenderer, selection: RenderSelection | None = None
    ) -> None:
        tracks, first_bar, end_bar = (selection or RenderSelection()).check(song)
        self.renderer = renderer
        first_tick, end_tick = song.bar_start_ticks[first_bar], song.bar_start_ticks[end_bar]
        origin = song.tick_to_seconds(first_tick)
        self.music_samples = round((song.tick_to_seconds(end_tick) - origin) * SAMPLE_RATE_HZ)
        self.track_gains: list[tuple[float, float]] = []
        scheduled: list[tuple[int, int, NoteKey, float, _Bend | None]] = []
        longest, stretch = 0.0, 1.0
        window = renderer.model.frames / FRAME_RATE_HZ
        for index in audible_track_indices(song):
            if index not in tracks:
                continue
            track = song.tracks[index]
            slot = len(self.track_gains)
            self.track_gains.append(pan_gains(track.gain_db, track.pan))
            performance = performance_of(track, song.end_tick)
            stretch = max(stretch, 2 ** (performance.max_bend_down_semitones / 12))
            timbres: dict[int, TimbreRef] = {}
            for note, next_strike in zip(track.notes, next_strikes(track.notes), strict=True):
                if not first_tick <= note.start_tick < end_tick:
                    continue
                program = track.program_at(note.start_tick)
                if program not in timbres:
                    timbres[program] = renderer.resolve(track.timbre, program, track.is_drum)
                start = song.tick_to_seconds(note.start_tick)
                sounding_end = performance.sounding_end_tick(note, next_strike)
                held = song.tick_to_seconds(sounding_end) - start
                duration = 0 if track.is_drum else duration_class(held)
                key = NoteKey(timbres[program], track.is_drum, note.pitch, note.velocity, duration)
                bend = None
                if performance.bend:  # the tempo-map lookups only for tracks that bend
                    life_end = math.ceil(song.seconds_to_tick(start + held + window))
                    steps = performance.bend_between(note.start_tick, life_end)
                    bend = _bend_in_samples(song, steps, start)
                gain = performance.gain_at(note.start_tick)
                start_sample = round((start - origin) * SAMPLE_RATE_HZ)
                scheduled.append((start_sample, slot, key, gain, bend))
                longest = max(longest, class_seconds(duration))
        scheduled.sort(key=lambda item: item[0])
        self.starts = [item[0] for item in scheduled]
        self.slots = [item[1] for item in scheduled]
        self.keys = [item[2] for item in scheduled]
        self.gains = [item[3] for item in scheduled]
        self.bends = {i: item[4] for i, item in enumerate(scheduled) if item[4] is not None}
        self._bent: OrderedDict[int, npt.NDArray[np.float32]] = OrderedDict()
        self._bent_bytes = 0
        self._longest_samples = math.ceil((longest + window) * stretch * SAMPLE_RATE_HZ) + 1
        """An upper bound on any note's audio length: its held part plus one model window
        (a stretched note is the window with its sustain lengthened), slowed by the deepest
        bend down, so a note that starts this long before a block cannot reach into it."""

    @property
    def end_bound_samples(self) -> int:
        """No sound comes after this sample (the music's end or the last release)."""
        last = self.starts[-1] + self._longest_samples if self.starts else 0
        return max(self.music_samples, last)

    def indices_between(self, first: int, end: int) -> range:
        """Indices of the notes that start in samples [first, end)."""
        return range(bisect.bisect_left(self.starts, first), bisect.bisect_left(self.starts, end))

    def prepare(
        self,
        first: int,
        end: int,
        progress: Progress | None = None,
        max_notes: int | None = None,
    ) -> None:
        """Render into the cache the notes that start in samples [first, end), or only the
        first `max_notes` of them still missing (so playback can render ahead in small steps)."""
        keys = [self.keys[i] for i in self.indices_between(first, end)]
        if max_notes is not None:
            keys = self.renderer.missing(keys)[:max_notes]
        self.renderer.render(keys, progress)

    def mix_into(self, out: StereoAudio, first: int) -> None:
        """Overwrite `out` (frames, 2) with the mix of samples [first, first + frames)."""
        frames = len(out)
        out.fill(0.0)
        indices = self.indices_between(first - self._longest_samples, first + frames)
        if not indices:
            return
        self.renderer.render([self.keys[i] for i in indices])
        tracks = np.zeros((len(self.track_gains), frames), dtype=np.float32)
        for i in indices:
            audio = self._note_audio(i)
            offset = self.starts[i] - first
            begin, end = max(0, -offset), min(len(audio), frames - offset)
            if begin < end:
                piece = audio[begin:end]
                gain = self.gains[i]
                tracks[self.slots[i], offset + begin : offset + end] += (
                    piece if gain == 1.0 else piece * np.float32(gain)
                )
        for slot, (left, right) in enumerate(self.track_gains):
            out[:, 0] += left * tracks[slot]
            out[:, 1] += right * tracks[slot]

    def _note_audio(self, index: int) -> npt.NDArray[np.float32]:
        """The note's audio, bent if its track bends it (bent audio kept in a small LRU, so
        playback, which mixes a note block by block, bends it once)."""
        audio = self.renderer.audio(self.keys[index])
        bend = self.bends.get(index)
        if bend is None:
            return audio
        bent = self._bent.get(index)
        if bent is None:
            bent = bend_audio(audio, bend)
            self._bent[index] = bent
            self._bent_bytes += bent.nbytes
            while self._bent_bytes > BENT_CACHE_BYTES and len(self._bent) > 1:
                _, evicted = self._bent.popitem(last=False)
                self._bent_bytes -= evicted.nbytes
        else:
            self._bent.move_to_end(index)
        return bent


_Bend = tuple[tuple[int, float], ...]
"""(sample offset from the note's start, semitones) steps of a bent note."""


def _bend_in_samples(song: Song, steps: BendCurve, start_seconds: float) -> _Bend | None:
    """A note's bend steps (over its sounding part and release) in samples from its start;
    None when its pitch stays put."""
    if not steps:
        return None
    return tuple(
        (round((song.tick_to_seconds(tick) - start_seconds) * SAMPLE_RATE_HZ), semitones)
        for tick, semitones in steps
    )


def bend_audio(audio: npt.NDArray[np.float32], bend: _Bend) -> npt.NDArray[np.float32]:
    """Play a note's audio at the bent pitch: read it faster (up) or slower (down) by
    2 ** (semitones / 12), step by step, with linear interpolation. Like a tape or a
    sampler's pitch wheel this also shortens or lengthens the note a little; a bend is
    a small, short move, so that is not heard."""
    if len(audio) < 2:
        return audio
    slowest = 2 ** (min([semitones for _, semitones in bend] + [0.0]) / 12)
    frames = math.ceil(len(audio) / slowest) + 1
    rates = np.empty(frames, dtype=np.float64)
    offsets = [max(0, min(offset, frames)) for offset, _ in bend]
    for (begin, (_, semitones)), end in zip(
        zip(offsets, bend, strict=True), [*offsets[1:], frames], strict=True
    ):
        rates[begin:end] = 2 ** (semitones / 12)
    positions = np.concatenate(([0.0], np.cumsum(rates[:-1])))
    positions = positions[positions <= len(audio) - 1]
    return np.interp(positions, np.arange(len(audio)), audio).astype(np.float32)


class Limiter:
    """A master peak limiter that never lets a sample past `ceiling`, block by block.

    Attack is instant (the gain at a sample is already low enough for that sample) and the gain
    recovers at `release_db_per_second`: a peak-hold in decibels with a linear fall. Written by
    hand because none of the project's libraries has one; it is vectorised so a block costs a
    few numpy passes: the reduction at sample i is the largest of (needed[k] - (i - k) * rate)
    over k <= i, which is a running maximum of needed[k] + k * rate, minus i * rate.
    """

    def __init__(
        self,
        sample_rate_hz: int = SAMPLE_RATE_HZ,
        ceiling: float = CEILING,
        release_db_per_second: float = RELEASE_DB_PER_SECOND,
    ) -> None:
        self.ceiling = ceiling
        self._rate = release_db_per_second / sample_rate_hz
        self._reduction_db = 0.0

    def reset(self) -> None:
        self._reduction_db = 0.0

    def process(self, block: StereoAudio) -> StereoAudio:
        """Limit `block` in place (and return it); the state carries to the next block."""
        if not len(block):
            return block
        peak = np.abs(block).max(axis=1)
        if self._reduction_db == 0.0 and peak.max() <= self.ceiling:
            return block  # nothing to do, and nothing held from an earlier peak
        peak = peak.astype(np.float64)
        needed = 20 * np.log10(np.maximum(peak, 1e-12) / self.ceiling)
        steps = np.arange(len(block), dtype=np.float64) * self._rate
        held = np.maximum.accumulate(needed + steps) - steps
        carried = self._reduction_db - steps - self._rate
        reduction = np.maximum(np.maximum(held, carried), 0.0)
        if reduction.any():
            block *= (10 ** (-reduction / 20)).astype(np.float32)[:, None]
            # float32 rounding can leave a peak a hair above the ceiling
            np.clip(block, -self.ceiling, self.ceiling, out=block)
        self._reduction_db = float(reduction[-1])
        return block


def render(
    song: Song,
    renderer: NoteRenderer,
    selection: RenderSelection | None = None,
    progress: Progress | None = None,
) -> StereoAudio:
    """The whole song (or selection) as 44.1 kHz stereo float32, limited, trimmed after the
    last release (never before the last bar's end)."""
    mix = SongMix(song, renderer, selection)
    mix.prepare(0, mix.end_bound_samples, progress)
    out = np.zeros((mix.end_bound_samples, CHANNELS), dtype=np.float32)
    mix.mix_into(out, 0)
    Limiter().process(out)
    loud = np.flatnonzero(np.abs(out).max(axis=1) > SILENT)
    end = max(mix.music_samples, int(loud[-1]) + 1 if len(loud) else 0)
    return out[:end]


def audio_file_subtype(path: str | os.PathLike[str]) -> str:
    """The sample format for an audio file name, or AudioError for a format not written here
    (check before a long render, not after)."""
    target = Path(path)
    subtype = FILE_SUBTYPES.get(target.suffix.lower())
    if subtype is None:
        raise AudioError(
            f"cannot write {target.name}: audio is written as .wav or .flac, "
            f"not {target.suffix or 'a file without a suffix'}"
        )
    if not target.parent.is_dir():
        raise AudioError(f"cannot write {target}: the folder {target.parent} does not exist")
    return subtype


def write_audio(
    path: str | os.PathLike[str], audio: StereoAudio, sample_rate_hz: int = SAMPLE_RATE_HZ
) -> None:
    """Write a 24-bit WAV or FLAC (by the file's suffix). A file that cannot be written is an
    AudioError, and an existing file is only replaced once the new one is complete."""
    import soundfile  # the app's first render pays for libsndfile, not its start-up

    target = Path(path)
    subtype = audio_file_subtype(target)
    partial = target.with_name(f".{target.name}.partial{target.suffix}")
    try:
        soundfile.write(str(partial), audio, sample_rate_hz, subtype=subtype)
        os.replace(partial, target)
    except (OSError, RuntimeError) as err:  # soundfile reports libsndfile errors as these
        partial.unlink(missing_ok=True)
        raise AudioError(f"could not write {target}: {err}") from err
