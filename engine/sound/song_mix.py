"""A Song's notes scheduled in samples and mixed over any stretch of them: `SongMix`.

Everything that makes sound from a Song mixes through this: the offline render
(`engine.sound.render`) `BLOCK_SECONDS` at a time, playback (`engine.sound.playback`) one short
block at a time ahead of the sound card, and the timbre panel's audition. A `SongMix` schedules
the notes of the audible tracks (mute and solo as in a DAW,
`engine.song.song.audible_track_indices`) in the selected bars (`RenderSelection`), each with
its start sample, its track's gain and pan (`pan_gains`), width and reverb send
(`engine.sound.space`), its pitch bend (`bend_audio`) and a `NoteKey` for the note cache; then
`mix_into` sums any stretch of samples, rendering the notes it needs that are not cached yet.
It lives apart from the offline render because it knows nothing of files, limiting or how long
a render may be: it only turns notes into a mix.

A note is held at most `MAX_HELD_SECONDS`: the synthesizer makes a note's audio whole, so an
endless note (a slow tempo, a note tied over hundreds of bars) would otherwise ask for gigabytes
at once. The same Song and timbres give the same samples, whatever the block size.
"""

from __future__ import annotations

import bisect
import math
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from engine.song.performance import BendCurve, next_strikes, performance_of
from engine.song.song import Song, TimbreRef, Track, audible_track_indices
from engine.sound.audio_files import CHANNELS, SAMPLE_RATE_HZ, AudioError, StereoAudio
from engine.sound.drum_table import released
from engine.sound.note_cache import (
    NoteKey,
    NoteRenderer,
    Progress,
    class_seconds,
    held_class,
)
from engine.sound.reverb import Reverb, reverb_tail_frames
from engine.sound.space import (
    DECORRELATOR_TAPS,
    SIDE_CELL_FRAMES,
    decorrelate,
    send_gain,
    track_space,
    width_gains,
)
from engine.sound.synth import FRAME_RATE_HZ
from engine.words import QT_TRANSLATE_NOOP

MASTER_GAIN_DB = 12.0
"""Gain on the sum of all tracks. The timbre model's notes peak near -20 dBFS at velocity 100
(they copy the SoundFont renders it learned from); +12 dB brings a typical four-track song to a
healthy level and leaves the limiter to catch the loudest moments."""
BENT_CACHE_BYTES = 64 * 2**20
"""Bent notes kept per SongMix (a note is bent once, then mixed block by block)."""
MAX_HELD_SECONDS = 60.0
"""The longest a note is held before its release. A note's audio is synthesized whole, ~100
bytes of working memory per sample, so a minute (~260 MB at the peak) is the most one note may
ask for; a longer note fades out after a minute, which a held note of an acoustic instrument
has long done."""


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
                QT_TRANSLATE_NOOP(
                    "Render",
                    "bars {first_bar}-{end_bar} are not a range inside the song's "
                    "{bar_count} bars: choose a first bar before the last",
                ).format(first_bar=self.first_bar + 1, end_bar=end_bar, bar_count=song.bar_count)
            )
        tracks = range(len(song.tracks)) if self.tracks is None else self.tracks
        unknown = sorted(set(tracks) - set(range(len(song.tracks))))
        if unknown:
            raise AudioError(
                QT_TRANSLATE_NOOP(
                    "Render", "track {unknown} does not exist: the song has {tracks_count} tracks"
                ).format(unknown=unknown[0] + 1, tracks_count=len(song.tracks))
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
        placed: list[Track] = []  # the tracks mixed, by slot
        scheduled: list[tuple[int, int, NoteKey, float, _Bend | None, _Release | None]] = []
        longest, stretch = 0.0, 1.0
        window = renderer.model.frames / FRAME_RATE_HZ
        for index in audible_track_indices(song):
            if index not in tracks:
                continue
            track = song.tracks[index]
            slot = len(placed)
            placed.append(track)
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
                held = min(song.tick_to_seconds(sounding_end) - start, MAX_HELD_SECONDS)
                key = NoteKey(
                    timbres[program],
                    track.is_drum,
                    note.pitch,
                    note.velocity,
                    held_class(timbres[program], track.is_drum, held),
                )
                bend = None
                if performance.bend:  # the tempo-map lookups only for tracks that bend
                    life_end = math.ceil(song.seconds_to_tick(start + held + window))
                    steps = performance.bend_between(note.start_tick, life_end)
                    bend = _bend_in_samples(song, steps, start)
                gain = performance.gain_at(note.start_tick)
                start_sample = round((start - origin) * SAMPLE_RATE_HZ)
                release = _drum_release(renderer, key, held) if track.is_drum else None
                scheduled.append((start_sample, slot, key, gain, bend, release))
                longest = max(longest, class_seconds(key.duration))
        scheduled.sort(key=lambda item: item[0])
        self.starts = [item[0] for item in scheduled]
        self.slots = [item[1] for item in scheduled]
        self.keys = [item[2] for item in scheduled]
        self.gains = [item[3] for item in scheduled]
        self.bends = {i: item[4] for i, item in enumerate(scheduled) if item[4] is not None}
        self.releases = {i: item[5] for i, item in enumerate(scheduled) if item[5] is not None}
        """A model's drum hits that its note-off turns down (`engine.sound.drum_table`)."""
        self._bent: OrderedDict[int, npt.NDArray[np.float32]] = OrderedDict()
        self._bent_bytes = 0
        self._longest_samples = math.ceil((longest + window) * stretch * SAMPLE_RATE_HZ) + 1
        """An upper bound on any note's audio length: its held part plus one model window
        (a stretched note is the window with its sustain lengthened), slowed by the deepest
        bend down, so a note that starts this long before a block cannot reach into it."""
        self._place(placed)

    def _place(self, tracks: list[Track]) -> None:
        """Each slot's gains, side and send, from its track's gain, pan and space."""
        self.track_gains: list[tuple[float, float]] = []
        """Each slot's (left, right) gains for the track itself (its mid, when wide)."""
        self.track_sides: list[float] = []
        """Each slot's side level (0 for a track with no width)."""
        self.track_sends: list[float] = []
        """Each slot's linear reverb send (0 for none)."""
        for track in tracks:
            space = track_space(track)
            mid, side = width_gains(space.width)
            left, right = pan_gains(track.gain_db, track.pan)
            self.track_gains.append((left * mid, right * mid) if side else (left, right))
            self.track_sides.append(side)
            self.track_sends.append(send_gain(space.reverb_send_db))
        self._tail_samples = reverb_tail_frames() if any(self.track_sends) else 0

    @property
    def end_bound_samples(self) -> int:
        """No sound comes after this sample (the music's end, or the last release and the
        reverb's tail after it)."""
        last = self.starts[-1] + self._longest_samples + self._tail_samples if self.starts else 0
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

    def mix_into(self, out: StereoAudio, first: int, reverb: Reverb | None = None) -> None:
        """Overwrite `out` (frames, 2) with the mix of samples [first, first + frames), the
        reverb's sound included. `reverb` holds the room's tail from the call that mixed the
        samples just before (or whatever came before, when playing jumps, as a loop does);
        without one the room starts silent at `first`, as when playing starts there."""
        frames = len(out)
        out.fill(0.0)
        body = self._tracks(first, frames)
        if body is not None:
            for slot, (left, right) in enumerate(self.track_gains):
                out[:, 0] += left * body[slot]
                out[:, 1] += right * body[slot]
        if any(self.track_sides):
            self._add_sides(out, first)
        room = Reverb() if reverb is None else reverb
        if not any(self.track_sends) and room.idle:
            return  # a dry mix, and nothing ringing from before an edit made it dry
        # Every sample goes through the room, silent or not, so its partitions fall on the same
        # samples whatever the blocks, and blocks give one pass's samples to the last bit.
        sends = np.zeros((frames, CHANNELS))
        for slot, (left, right) in enumerate(self.track_gains):
            send = self.track_sends[slot]
            if send and body is not None:
                sends[:, 0] += (send * left) * body[slot]
                sends[:, 1] += (send * right) * body[slot]
        out += room.process(sends)

    def _tracks(self, first: int, frames: int) -> npt.NDArray[np.float32] | None:
        """Each slot's notes summed over samples [first, first + frames) (slots, frames), or
        None when no note sounds there."""
        indices = self.indices_between(first - self._longest_samples, first + frames)
        if not indices:
            return None
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
        return tracks

    def _add_sides(self, out: StereoAudio, first: int) -> None:
        """Widen: add the tracks' decorrelated side to the left and take it from the right.
        The filter is linear, so one filtering per channel serves every track; it runs on the
        side cells that cover the block (`engine.sound.space.decorrelate`), so blocks give the
        samples of one pass."""
        history = DECORRELATOR_TAPS - 1
        first_cell = first // SIDE_CELL_FRAMES
        cells = -(-(first + len(out)) // SIDE_CELL_FRAMES) - first_cell
        begin = first_cell * SIDE_CELL_FRAMES
        tracks = self._tracks(begin - history, cells * SIDE_CELL_FRAMES + history)
        if tracks is None:
            return
        sides = np.zeros((CHANNELS, tracks.shape[1]))
        for slot, (left, right) in enumerate(self.track_gains):
            side = self.track_sides[slot]
            if side:
                sides[0] += (side * left) * tracks[slot]
                sides[1] += (side * right) * tracks[slot]
        wide = decorrelate(sides)[:, first - begin : first - begin + len(out)]
        out[:, 0] += wide[0]
        out[:, 1] -= wide[1]

    def _note_audio(self, index: int) -> npt.NDArray[np.float32]:
        """The note's audio, a drum hit turned down from its note-off, bent if its track bends
        it (such audio kept in a small LRU, so playback, which mixes a note block by block,
        shapes it once)."""
        audio = self.renderer.audio(self.keys[index])
        bend, release = self.bends.get(index), self.releases.get(index)
        if bend is None and release is None:
            return audio
        bent = self._bent.get(index)
        if bent is None:
            if release is not None:
                audio = released(audio, *release, SAMPLE_RATE_HZ)
            bent = audio if bend is None else bend_audio(audio, bend)
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
_Release = tuple[int, float]
"""(samples a drum note is held, dB a second it is turned down after)."""


def _drum_release(renderer: NoteRenderer, key: NoteKey, held_seconds: float) -> _Release | None:
    """How a drum note's hit is turned down from its note-off, if its key is."""
    fall = renderer.drum_release(key.timbre, key.pitch)
    return None if fall is None else (round(held_seconds * SAMPLE_RATE_HZ), fall)


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
