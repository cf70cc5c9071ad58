"""Near-copies that exact runs miss: the cardinality score of 16-note windows.

A melody is a set of points (onset tick, pitch). The cardinality score of a window of `WINDOW`
notes against a training line is the largest share of the window's points that one translation
(a shift in time and in pitch) lands exactly on points of the line. A copy with every fifth note
changed keeps about four notes in five where they were, so it scores ~0.8 although its longest
exact run is four notes; a verbatim copy scores 1.0; an unrelated melody ~0.2.

How candidates are found without comparing every window with every line: three-note shapes
(`SHAPES`: a note and two of the four after it) are indexed by their pitch and time steps; each
shape of the window found in the corpus votes for the translation that would align it. Pairs of
notes were tried first, but in quaver tunes nearly every pair is a stock figure found thousands
of times. Shapes found at more than `MAX_SHAPE_POSTINGS` places still do not vote. The
`CANDIDATES` most-voted translations are then scored exactly by looking each translated point up
in the corpus's point set.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from engine.originality.index import CorpusIndex, Ints, Line, WorkInfo
from engine.words import QT_TRANSLATE_NOOP

WINDOW = 16
STRIDE = 4
SIMILAR_SCORE = 0.8
SHAPES: tuple[tuple[int, int], ...] = ((1, 2), (1, 3), (2, 3), (2, 4), (3, 4))
"""Three-note shapes (first, first + near, first + far): some survive any one changed note."""
MAX_SHAPE_POSTINGS = 2000
CANDIDATES = 3
_LINE_GAP = 10**8
"""Ticks between lines on the corpus's one time axis, so no translation spans two lines."""
_TICK_SPAN = 2**20


@dataclass(frozen=True)
class Similar:
    """A stretch of a track whose 16-note windows score >= 0.8 against one training line."""

    track: int
    first_bar: int
    last_bar: int
    score: float
    work: WorkInfo
    work_track: int
    first_note: int = 0
    notes: int = WINDOW
    """How many notes of the track the overlapping windows span."""

    def describe(self) -> str:
        return QT_TRANSLATE_NOOP(
            "OriginalitySimilar",
            "similar: track {track}, bars {first}-{last} ({notes} notes): up to {score:.0%} of "
            "each {window}-note window's notes as in {title!r} ({composer}; {collection}; "
            "{licence}; {work_id}), its part {part}",
        ).format(
            track=self.track + 1,
            first=self.first_bar + 1,
            last=self.last_bar + 1,
            notes=self.notes,
            score=self.score,
            window=WINDOW,
            title=self.work.title,
            composer=self.work.composer,
            collection=self.work.collection,
            licence=self.work.licence_code,
            work_id=self.work.work_id,
            part=self.work_track + 1,
        )


class PointTable:
    """The corpus's notes as points on one time axis, and its three-note shapes."""

    def __init__(self, index: CorpusIndex) -> None:
        note_line = np.repeat(
            np.arange(index.line_count, dtype=np.int64), np.diff(index.note_starts)
        )
        self.note_line = note_line
        self.onsets: Ints = np.cumsum(index.iois) - index.iois + note_line * _LINE_GAP
        self.pitches = index.pitches
        self.point_keys = np.sort(self.onsets * 128 + self.pitches)
        keys, firsts = [], []
        for near, far in SHAPES:
            first = np.flatnonzero(note_line[far:] == note_line[:-far])
            keys.append(self.shape_keys(self.onsets, self.pitches, first, near, far))
            firsts.append(first)
        all_keys, all_firsts = np.concatenate(keys), np.concatenate(firsts)
        order = np.argsort(all_keys, kind="stable")
        self.shape_keys_sorted, self.shape_firsts = all_keys[order], all_firsts[order]

    @staticmethod
    def shape_keys(onsets: Ints, pitches: Ints, first: Ints, near: int, far: int) -> Ints:
        """The key of the three notes `first`, `first + near`, `first + far`: their two pitch
        steps and two time steps (clipped to 2**20 ticks)."""
        keys = np.full(len(first), near * 8 + far, np.int64)
        for gap in (near, far):
            keys = keys * 256 + np.clip(pitches[first + gap] - pitches[first], -127, 127) + 128
            keys = keys * _TICK_SPAN + np.clip(
                onsets[first + gap] - onsets[first], 0, _TICK_SPAN - 1
            )
        return keys

    def score(self, onsets: Ints, pitches: Ints) -> tuple[float, int, int]:
        """(best cardinality score, corpus line, first note) of the `WINDOW`-note windows of a
        span of points: each candidate translation is scored on every window of the span."""
        shifts = self._votes(onsets, pitches)
        if len(shifts) == 0:
            return 0.0, -1, 0
        values, counts = np.unique(shifts, return_counts=True)
        best, best_line, best_start = 0, -1, 0
        for shift in values[np.argsort(-counts, kind="stable")[:CANDIDATES]].tolist():
            dt, dp = shift // 256, shift % 256 - 128
            wanted = (onsets + dt) * 128 + pitches + dp
            where = np.searchsorted(self.point_keys, wanted)
            hit = where < len(self.point_keys)
            hit[hit] = self.point_keys[where[hit]] == wanted[hit]
            sums = np.convolve(hit.astype(np.int64), np.ones(WINDOW, np.int64), "valid")
            start = int(np.argmax(sums))
            if int(sums[start]) > best:
                best, best_start = int(sums[start]), start
                first_hit = start + int(np.argmax(hit[start:]))
                note = np.searchsorted(self.onsets, onsets[first_hit] + dt, side="right") - 1
                best_line = int(self.note_line[note])
        return best / WINDOW, best_line, best_start

    def _votes(self, onsets: Ints, pitches: Ints) -> Ints:
        """The translation each shape of the span found in the corpus votes for."""
        firsts, keys = [], []
        for near, far in SHAPES:
            first = np.arange(len(onsets) - far)
            firsts.append(first)
            keys.append(self.shape_keys(onsets, pitches, first, near, far))
        a, key = np.concatenate(firsts), np.concatenate(keys)
        lefts = np.searchsorted(self.shape_keys_sorted, key, side="left")
        rights = np.searchsorted(self.shape_keys_sorted, key, side="right")
        shifts = []
        for query, left, right in zip(a.tolist(), lefts.tolist(), rights.tolist(), strict=True):
            if 0 < right - left <= MAX_SHAPE_POSTINGS:
                found = self.shape_firsts[left:right]
                dt = self.onsets[found] - onsets[query]
                dp = self.pitches[found] - pitches[query]
                shifts.append(dt * 256 + dp + 128)
        return np.concatenate(shifts) if shifts else np.zeros(0, np.int64)


@functools.lru_cache(maxsize=2)
def point_table(index: CorpusIndex) -> PointTable:
    """The point table of an index, built once (about a second for the shipped corpus)."""
    return PointTable(index)


def window_scores(table: PointTable, line: Line) -> list[tuple[int, float, int]]:
    """(first note, score, corpus line) of the best `WINDOW`-note window in each span of
    `WINDOW + STRIDE - 1` notes, spans starting every `STRIDE` notes (so every window is
    scored once)."""
    count = len(line.pitches)
    if count < WINDOW:
        return []
    onsets = np.cumsum(line.iois) - line.iois
    scores = []
    for start in range(0, count - WINDOW + 1, STRIDE):
        span = slice(start, min(count, start + WINDOW + STRIDE - 1))
        score, corpus_line, offset = table.score(onsets[span] - onsets[start], line.pitches[span])
        scores.append((start + offset, score, corpus_line))
    return scores


def similar_windows(
    index: CorpusIndex, lines: Sequence[tuple[int, Line]], threshold: float = SIMILAR_SCORE
) -> list[Similar]:
    """Stretches of the lines whose windows score >= `threshold`, merged per corpus line."""
    table = point_table(index)
    found: list[Similar] = []
    for track, line in lines:
        for start, score, corpus_line in window_scores(table, line):
            if score < threshold:
                continue
            first_bar, last_bar = int(line.bars[start]), int(line.bars[start + WINDOW - 1])
            work = index.works[int(index.line_work[corpus_line])]
            work_track = int(index.line_track[corpus_line])
            previous = found[-1] if found else None
            if (
                previous is not None
                and previous.track == track
                and previous.work == work
                and previous.work_track == work_track
                and start <= previous.first_note + previous.notes
            ):
                found[-1] = dataclasses.replace(
                    previous,
                    last_bar=last_bar,
                    score=max(score, previous.score),
                    notes=start + WINDOW - previous.first_note,
                )
            else:
                found.append(
                    Similar(track, first_bar, last_bar, score, work, work_track, start, WINDOW)
                )
    return found
