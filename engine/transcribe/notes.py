"""Notes read from the note model's frame-wise posteriors, with numpy (no model here).

The model (`engine.transcribe.transcriber`) gives, for each of 88 keys (A0 = MIDI 21 upward) and
each frame (256 samples at 22.05 kHz, ~11.6 ms), two probabilities: that a note *starts* there
(onset) and that a note *sounds* there (frame). How notes are read from them:

Polyphonic (any number of notes at once), key by key:
1. Held regions: frames whose frame posterior is at least `frame_threshold`; dips below it of
   up to `GAP_FRAMES` frames are bridged (the merge rule: a wobble is not a new note).
2. Onset peaks: local maxima in time of the onset posterior at least `onset_threshold`. Each
   peak inside a held region (or up to `ATTACK_FRAMES` before it: the frame posterior may rise
   a little earlier or later) starts a note that lasts to the region's end or to the next peak
   of the same key (the split rule: a repeated note is struck again while the last one still
   sounds), unless that peak comes within `REPEAT_MIN_FRAMES` (one attack can peak twice).
3. A held region, or its start before the first peak, that no onset explains (a slurred change
   of note on a bowed or blown instrument shows a weak onset) is a note too when it is at least
   `UNEXPLAINED_MIN_FRAMES` long and its frame posterior reaches `onset_threshold` somewhere.
4. A note starts up to `BACKTRACK_FRAMES` before its onset peak while its frame posterior is
   still rising there (the peak comes ~2 frames late), and ends after its last frame at
   `END_FRACTION` of its peak frame posterior (the posterior fades slowly through the release).
5. Notes shorter than `min_note_seconds` are dropped.

Monophonic (one note at a time: a hummed, sung or played melody):
1. Candidates come from polyphonic steps 1-4 (without the short ones), with one more split
   rule: a dip in the clip's loudness that no onset peak explains splits the note held
   loudest through it (`reattacks`: in one voice that is a repeated note, which the model's
   onset output often misses when legato).
2. Candidates that start within `ATTACK_FRAMES` of each other are rivals (the note and its
   harmonics or neighbouring keys): the strongest stays, by its mean frame posterior over its
   first `STRENGTH_FRAMES` frames plus its onset posterior.
3. Each note ends at the latest where the next begins (release tails), then step 5 above.
On 16 held-out melodies rendered by FluidSynth (benchmarks/transcription.py) this raised onset
F1 over the polyphonic reading from 0.93 to 0.97 on flute and from 0.90 to 0.92 on violin, and
F1 with offsets from 0.73 to 0.91 and from 0.51 to 0.81. The constants were tuned on other
melodies (the corpus's validation split).

Velocity comes from loudness: the loudest RMS frame in the note's first `ATTACK_SECONDS`, in dB
below the clip's loudest frame, mapped linearly from `QUIET_DB` (velocity 20) to 0 dB (110).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from engine.errors import TesseraError
from engine.words import QT_TRANSLATE_NOOP

LOWEST_PITCH = 21
"""MIDI pitch of the model's first key (A0)."""
KEY_COUNT = 88
GAP_FRAMES = 2
"""Dips of the frame posterior this short (~23 ms) inside a note are bridged."""
ATTACK_FRAMES = 3
"""An onset peak may come this many frames before the frame posterior rises."""
UNEXPLAINED_MIN_FRAMES = 10
"""A held region without an onset peak must last this long (~116 ms) to count as a note."""
REPEAT_MIN_FRAMES = 8
"""A second onset peak of the same key sooner than this (~93 ms) is part of the same attack."""
STRENGTH_FRAMES = 8
"""Monophonic: a candidate's strength is its mean frame posterior over this many frames (plus
its onset posterior)."""
DIP_DB = 3.0
"""Monophonic re-attacks: the least loudness dip (dB, 3-frame mean) that splits a held note,"""
ROUGHNESS_FACTOR = 6.0
"""... or this many times the median frame-to-frame loudness change around it, if larger."""
DIP_SIDE_FRAMES = 6
"""... measured against the loudest frame this close on either side (~70 ms)."""
REATTACK_AFTER_FRAMES = 13
"""... and only this long (~150 ms) after the held note began: an attack can overshoot and dip
before the sustain (FluidR3's voice "oohs" does)."""
BACKTRACK_FRAMES = 2
END_FRACTION = 0.8
ATTACK_SECONDS = 0.1
QUIET_DB = -40.0
FloatArray = npt.NDArray[np.float32]


class TranscriptionError(TesseraError):
    """A clip that cannot be turned into notes, or notes that cannot become a track."""


@dataclass(frozen=True, slots=True)
class TranscribedNote:
    """One note heard in a clip: times in seconds from the clip's start, MIDI pitch, velocity."""

    start_seconds: float
    end_seconds: float
    pitch: int
    velocity: int

    @property
    def duration_seconds(self) -> float:
        return self.end_seconds - self.start_seconds


@dataclass(frozen=True)
class Posteriors:
    """The model's output for a whole clip, frame by frame."""

    onsets: FloatArray
    """(frames, 88) probability that a note of each key starts in the frame."""
    frames: FloatArray
    """(frames, 88) probability that a note of each key sounds in the frame."""
    loudness_db: FloatArray
    """(frames,) RMS of the audio in each frame, in dB below the clip's loudest frame (<= 0)."""
    frames_per_second: float


@dataclass(frozen=True)
class NoteSettings:
    """How notes are read from posteriors (see the module docstring)."""

    onset_threshold: float = 0.7
    frame_threshold: float = 0.2
    min_note_seconds: float = 0.05
    monophonic: bool = False

    def __post_init__(self) -> None:
        for name in ("onset_threshold", "frame_threshold"):
            value = getattr(self, name)
            if not 0.0 < value < 1.0:
                raise TranscriptionError(
                    QT_TRANSLATE_NOOP(
                        "TranscribedNotes", "{name} must be between 0 and 1, got {value!r}"
                    ).format(name=name, value=value)
                )
        if not 0.0 <= self.min_note_seconds <= 10.0:
            raise TranscriptionError(
                QT_TRANSLATE_NOOP(
                    "TranscribedNotes",
                    "min_note_seconds must be from 0 to 10, got {min_note_seconds!r}",
                ).format(min_note_seconds=self.min_note_seconds)
            )


def onset_peaks(onsets: FloatArray, threshold: float) -> npt.NDArray[np.bool_]:
    """(frames, keys) True where a key's onset posterior is a local peak at or above threshold.

    A peak is at least its predecessor and more than its successor, so a flat top counts once.
    """
    padded = np.pad(onsets, ((1, 1), (0, 0)))  # (frames + 2, keys)
    middle = padded[1:-1]
    peaks: npt.NDArray[np.bool_] = (
        (middle >= threshold) & (middle >= padded[:-2]) & (middle > padded[2:])
    )
    return peaks


def held_runs(held: npt.NDArray[np.bool_]) -> Iterator[tuple[int, int]]:
    """(start, end) frame spans, end exclusive, of `held`, bridging gaps of up to GAP_FRAMES."""
    edges = np.diff(np.concatenate(([0], held.astype(np.int8), [0])))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    if len(starts) == 0:
        return
    run_start, run_end = int(starts[0]), int(ends[0])
    for start, end in zip(starts[1:].tolist(), ends[1:].tolist(), strict=True):
        if start - run_end > GAP_FRAMES:
            yield run_start, run_end
            run_start = start
        run_end = end
    yield run_start, run_end


def _span(
    key_frames: FloatArray, start: int, end: int, floor: int, frame_threshold: float
) -> tuple[int, int]:
    """A note's frames, from an onset (or the start of a held stretch) to the next boundary:
    the start moves back up to BACKTRACK_FRAMES (not before `floor`) while the frame
    posterior is still rising above `frame_threshold` (the onset peak comes a little late);
    the end comes after the last frame at END_FRACTION of the note's peak posterior or more
    (the posterior fades slowly through the release, long after the note stopped)."""
    start = max(0, start)
    segment = key_frames[start:end]
    if len(segment):
        loud_enough = np.flatnonzero(segment >= END_FRACTION * segment.max())
        end = start + int(loud_enough[-1]) + 1
    lowest = max(floor, start - BACKTRACK_FRAMES)
    while start - 1 >= lowest and frame_threshold <= key_frames[start - 1] < key_frames[start]:
        start -= 1
    return start, end


def _run_segments(
    run: tuple[int, int],
    peaks: npt.NDArray[np.intp],
    key_frames: FloatArray,
    settings: NoteSettings,
) -> Iterator[tuple[int, int]]:
    """The notes (start, end frames) in one held run of a key, split at its onset peaks."""
    start, end = run
    threshold = settings.frame_threshold
    inside = peaks[(peaks >= start - ATTACK_FRAMES) & (peaks < end)].tolist()
    first = inside[0] if inside else end
    floor = 0
    if first - start > ATTACK_FRAMES:  # a stretch no onset explains
        convincing = first - start >= UNEXPLAINED_MIN_FRAMES and bool(
            key_frames[start:first].max() >= settings.onset_threshold
        )
        if convincing:
            span = _span(key_frames, start, first, start, threshold)
            floor = span[1]
            yield span
    onsets: list[int] = []
    for peak in inside:
        if not onsets or peak - onsets[-1] >= REPEAT_MIN_FRAMES:
            onsets.append(peak)
    for onset, following in itertools.pairwise([*onsets, end]):
        span = _span(key_frames, onset, following, floor, threshold)
        floor = span[1]
        yield span


def _note(post: Posteriors, key: int, start: int, end: int) -> TranscribedNote:
    attack = max(1, round(ATTACK_SECONDS * post.frames_per_second))
    loudness = float(post.loudness_db[start : min(end, start + attack)].max(initial=QUIET_DB))
    share = min(1.0, max(0.0, 1.0 - loudness / QUIET_DB))
    return TranscribedNote(
        start_seconds=start / post.frames_per_second,
        end_seconds=end / post.frames_per_second,
        pitch=LOWEST_PITCH + key,
        velocity=round(20 + 90 * share),
    )


def _finish(
    post: Posteriors, spans: list[tuple[int, int, int]], settings: NoteSettings
) -> list[TranscribedNote]:
    """Notes from (key, start, end) frame spans, without the short ones, in time order."""
    shortest = settings.min_note_seconds * post.frames_per_second
    notes = [_note(post, key, start, end) for key, start, end in spans if end - start >= shortest]
    return sorted(notes, key=lambda note: (note.start_seconds, note.pitch))


def polyphonic_notes(post: Posteriors, settings: NoteSettings) -> list[TranscribedNote]:
    """Every note heard, any number at a time (steps 1-4 of the module docstring)."""
    peak_mask = onset_peaks(post.onsets, settings.onset_threshold)  # (frames, 88)
    spans: list[tuple[int, int, int]] = []
    for key in range(post.frames.shape[1]):
        key_frames = post.frames[:, key]
        peaks = np.flatnonzero(peak_mask[:, key])
        for run in held_runs(key_frames >= settings.frame_threshold):
            for start, end in _run_segments(run, peaks, key_frames, settings):
                spans.append((key, start, end))
    return _finish(post, spans, settings)


def reattacks(post: Posteriors, peak_mask: npt.NDArray[np.bool_]) -> npt.NDArray[np.intp]:
    """Frames where the clip's loudness dips and comes back with no onset peak near: in one
    voice, a note struck again at the same pitch (the model's onset output often misses a
    legato repeat). The dip must be `DIP_DB`, or `ROUGHNESS_FACTOR` times the typical
    frame-to-frame change around it (a choir's beating), below the loudest frame within
    `DIP_SIDE_FRAMES` on either side; the note starts a frame before the quietest point."""
    raw = post.loudness_db.astype(np.float64)
    if len(raw) < 3:
        return np.zeros(0, dtype=np.intp)
    level = np.convolve(np.pad(raw, 1, mode="edge"), np.ones(3) / 3, mode="valid")  # (frames,)
    change = np.abs(np.diff(raw, prepend=raw[0]))
    explained = np.convolve(peak_mask.any(axis=1), np.ones(2 * ATTACK_FRAMES + 1), "same") > 0
    found = []
    for frame in np.flatnonzero((level[1:-1] <= level[:-2]) & (level[1:-1] < level[2:])) + 1:
        side = (
            slice(max(0, frame - DIP_SIDE_FRAMES), frame),
            slice(frame + 1, frame + 1 + DIP_SIDE_FRAMES),
        )
        rough = float(np.median(change[max(0, frame - 15) : frame + 16]))
        depth = min(level[side[0]].max(), level[side[1]].max()) - level[frame]
        if depth >= max(DIP_DB, ROUGHNESS_FACTOR * rough) and not explained[frame]:
            found.append(frame - 1)
    return np.array(found, dtype=np.intp)


class Candidate(NamedTuple):
    """A possible note of a monophonic reading, in frames."""

    start: int
    end: int
    key: int
    strength: float


def _candidates(post: Posteriors, settings: NoteSettings) -> list[Candidate]:
    """Polyphonic steps 1-4, with re-attacks as extra split points of the key held loudest
    there, in order of start; those shorter than `min_note_seconds` are left out already."""
    peak_mask = onset_peaks(post.onsets, settings.onset_threshold)  # (frames, 88)
    again = reattacks(post, peak_mask)
    held_key = np.argmax(post.frames[again], axis=1) if len(again) else again  # (reattacks,)
    shortest = settings.min_note_seconds * post.frames_per_second
    candidates = []
    for key in range(post.frames.shape[1]):
        key_frames = post.frames[:, key]
        onsets = np.flatnonzero(peak_mask[:, key])
        mine = again[held_key == key]
        for run in held_runs(key_frames >= settings.frame_threshold):
            struck = np.concatenate(([run[0]], onsets[(onsets > run[0]) & (onsets < run[1])]))
            inside = [
                frame
                for frame in mine[(mine > run[0]) & (mine < run[1])].tolist()
                if frame - struck[struck <= frame].max() >= REATTACK_AFTER_FRAMES
            ]
            peaks = np.union1d(onsets, np.array(inside, dtype=np.intp))
            for start, end in _run_segments(run, peaks, key_frames, settings):
                head = float(key_frames[start : start + STRENGTH_FRAMES].mean())
                onset = float(post.onsets[max(0, start - 1) : start + 2, key].max())
                if end - start >= shortest:
                    candidates.append(Candidate(start, end, key, head + onset))
    return sorted(candidates)


def _strongest_rivals(candidates: list[Candidate]) -> list[Candidate]:
    """The strongest of each group of candidates starting within ATTACK_FRAMES of the first."""
    kept = []
    first = 0
    while first < len(candidates):
        last = first
        while (
            last + 1 < len(candidates)
            and candidates[last + 1].start - candidates[first].start <= ATTACK_FRAMES
        ):
            last += 1
        kept.append(max(candidates[first : last + 1], key=lambda rival: rival.strength))
        first = last + 1
    return kept


def monophonic_notes(post: Posteriors, settings: NoteSettings) -> list[TranscribedNote]:
    """At most one note at a time (see the module docstring)."""
    kept = _strongest_rivals(_candidates(post, settings))
    spans = [
        (note.key, note.start, min(note.end, following.start))
        for note, following in itertools.pairwise(kept)
    ]
    if kept:
        spans.append((kept[-1].key, kept[-1].start, kept[-1].end))
    return _finish(post, spans, settings)


def extract_notes(post: Posteriors, settings: NoteSettings) -> list[TranscribedNote]:
    """The notes in a clip's posteriors, one voice or many as `settings.monophonic` says."""
    if settings.monophonic:
        return monophonic_notes(post, settings)
    return polyphonic_notes(post, settings)
