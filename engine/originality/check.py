"""Does a song copy its training corpus? Find the passages it shares with training works.

Two measures, because each misses what the other finds:

- **Exact runs** (`find_runs`). Every 8-step n-gram of each melody line of the song is looked up
  in the index of the train split (`engine.originality.index`); each hit is extended backward
  and forward to the longest run of identical steps (pitch interval + inter-onset ratio, so a
  transposed or augmented copy matches). A run of `FLAG_NOTES` notes or more is flagged, one of
  `WARN_NOTES` or more is a warning. Runs are reported in notes, with the user's bars and the
  work's title, composer, collection and licence from the manifest.
- **Cardinality** (`engine.originality.similar`): a copy with every fifth note changed has no
  exact run past four notes, but most of its notes still sit where the original's do, up to one
  shift in time and pitch. The score of a 16-note window is the largest share of its notes a
  single (time, pitch) translation lands on notes of one training line; >= 0.8 is suspicious
  (a random melody scores about 0.23).

Why these thresholds. No note count is a legal rule; the defaults follow the human baseline
(`benchmarks/originality.py`: held-out validation and test works, grouped away from train by
tune family, checked against the train index). Measured: 13.7% of those human works share an
exact run of >= 16 notes with a training work, 0.6% one of >= 24, so a flag at 24 notes says
"more than real music of these styles shares", and a warning at 16 is common in real music.
Half of the human works (54%) have some 16-note window scoring >= 0.8 (stock fiddle figures),
so a single window is listed but does not badge a bar; a near-copy sustained over >= 24 notes
does. Overall 8-note overlap is no verdict: most real tunes share one with another.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from engine.originality.index import (
    INDEX_PATH,
    MIN_DISTINCT_STEPS,
    NGRAM_STEPS,
    CorpusIndex,
    Ints,
    Line,
    OriginalityError,
    WorkInfo,
    load_index,
    skyline,
    step_codes,
    window_hashes,
)
from engine.originality.similar import Similar, similar_windows
from engine.song.song import Cell, Song
from engine.words import QT_TRANSLATE_NOOP

__all__ = [
    "FLAG_NOTES",
    "WARN_NOTES",
    "CorpusIndex",
    "OriginalityError",
    "Passage",
    "Report",
    "WorkInfo",
    "check",
    "copied_run_ending",
    "default_index",
    "find_runs",
]

WARN_NOTES = 16
FLAG_NOTES = 24
MAX_POSTINGS = 200
"""An n-gram found at more places than this is a stock figure: it seeds no search (a run through
it is still found from its other n-grams and extended across it)."""
MAX_PASSAGES = 50


@dataclass(frozen=True)
class Run:
    """An exact run: `steps` equal steps from step `query_step` of a query line and from global
    step `position` of the index (`steps + 1` notes)."""

    query_step: int
    position: int
    steps: int

    @property
    def notes(self) -> int:
        return self.steps + 1


@dataclass(frozen=True)
class Passage:
    """A passage of the user's song found in a training work (bars are 0-based)."""

    track: int
    first_bar: int
    last_bar: int
    notes: int
    work: WorkInfo
    work_track: int
    work_first_bar: int
    work_last_bar: int
    transposition: int
    """Semitones from the work's passage to the user's."""

    @property
    def flagged(self) -> bool:
        return self.notes >= FLAG_NOTES

    def describe(self) -> str:
        """One line for people: where, how long, which work and its licence."""
        level = "FLAG" if self.flagged else "warn"
        shift = ""
        if self.transposition:
            shift = QT_TRANSLATE_NOOP("OriginalityCheck", ", transposed {shift:+d}").format(
                shift=self.transposition
            )
        return QT_TRANSLATE_NOOP(
            "OriginalityCheck",
            "{level}: track {track}, bars {first}-{last}: {notes} notes as in {title!r} "
            "({composer}; {collection}; {licence}; {work_id}), its part {part}, bars "
            "{work_first}-{work_last}{shift}",
        ).format(
            level=level,
            track=self.track + 1,
            first=self.first_bar + 1,
            last=self.last_bar + 1,
            notes=self.notes,
            title=self.work.title,
            composer=self.work.composer,
            collection=self.work.collection,
            licence=self.work.licence_code,
            work_id=self.work.work_id,
            part=self.work_track + 1,
            work_first=self.work_first_bar + 1,
            work_last=self.work_last_bar + 1,
            shift=shift,
        )


@dataclass(frozen=True)
class Report:
    """What a check found: passages longest first, and the near-copies by cardinality."""

    passages: tuple[Passage, ...]
    similar: tuple[Similar, ...] = ()
    longest_notes: int = 0
    """The longest exact run found (0 when none reached the 9-note seed length)."""
    checked_notes: int = 0

    @property
    def flagged(self) -> tuple[Passage, ...]:
        return tuple(p for p in self.passages if p.flagged)

    @property
    def max_similarity(self) -> float:
        return max((s.score for s in self.similar), default=0.0)

    def bar_badges(self) -> dict[Cell, str]:
        """A badge per (track, bar) cell: '!' inside a flagged passage, '?' inside a warned one
        or a near-copy sustained over `FLAG_NOTES` notes; for `ArrangementGrid.set_cell_badges`.

        A single 16-note window at >= 0.8 is listed but not badged: half of the held-out human
        works have one (stock fiddle figures), so it would badge most real music."""
        badges: dict[Cell, str] = {}
        spans = [
            (p.track, p.first_bar, p.last_bar, "!" if p.flagged else "?") for p in self.passages
        ]
        spans += [
            (s.track, s.first_bar, s.last_bar, "?") for s in self.similar if s.notes >= FLAG_NOTES
        ]
        for track, first_bar, last_bar, mark in spans:
            for bar in range(first_bar, last_bar + 1):
                if badges.get((track, bar)) != "!":
                    badges[(track, bar)] = mark
        return badges

    def lines(self) -> list[str]:
        """The report as text, for `tessera-cli check` and the report panel."""
        out = [
            f"checked {self.checked_notes} notes; longest run shared with a training work: "
            f"{self.longest_notes} notes (flag at {FLAG_NOTES}, warn at {WARN_NOTES})"
        ]
        out += [passage.describe() for passage in self.passages]
        out += [similar.describe() for similar in self.similar]
        if not self.passages and not self.similar:
            out.append("no passage reaches the warning threshold")
        return out


@functools.lru_cache(maxsize=2)
def default_index(path: Path = INDEX_PATH) -> CorpusIndex:
    """The shipped index, loaded once per process."""
    return load_index(path)


def find_runs(index: CorpusIndex, codes: Ints, min_steps: int = NGRAM_STEPS) -> list[Run]:
    """Every maximal exact run of at least `min_steps` steps between `codes` and the index."""
    hashes, distinct = window_hashes(codes)
    runs: list[Run] = []
    covered: dict[tuple[int, int], int] = {}
    corpus = index.codes
    for start in range(len(hashes)):
        if distinct[start] < MIN_DISTINCT_STEPS:
            continue
        hits = index.postings(hashes[start])
        if len(hits) > MAX_POSTINGS:
            continue
        for hit in hits.tolist():
            line = int(index.code_line[hit])
            diagonal = (line, hit - start)
            if covered.get(diagonal, -1) > start:
                continue
            first, last = int(index.starts[line]), int(index.starts[line + 1])
            back = 0
            while (
                start - back > 0
                and hit - back > first
                and (codes[start - back - 1] == corpus[hit - back - 1])
            ):
                back += 1
            ahead = 0
            while (
                start + ahead < len(codes)
                and hit + ahead < last
                and (codes[start + ahead] == corpus[hit + ahead])
            ):
                ahead += 1
            covered[diagonal] = start + ahead
            if back + ahead >= min_steps:
                runs.append(Run(start - back, hit - back, back + ahead))
    return runs


def copied_run_ending(index: CorpusIndex, codes: Ints) -> int:
    """Notes in the longest exact run shared with the corpus that ends at the last of `codes`
    (0 when the last `NGRAM_STEPS` steps are not in the index).

    The building block for blocking copies while sampling: with `codes` = the melody so far
    plus a candidate's step, a result >= `FLAG_NOTES` means the candidate would carry a copied
    run past the flag threshold. A step needs the next onset (its inter-onset ratio), so a
    sampler can apply it one note late; the seed must be informative (`MIN_DISTINCT_STEPS`).
    """
    if len(codes) < NGRAM_STEPS:
        return 0
    tail = codes[-NGRAM_STEPS:]
    hashes, _ = window_hashes(tail)
    best = 0
    for hit in index.postings(hashes[0]).tolist():
        if not np.array_equal(index.codes[hit : hit + NGRAM_STEPS], tail):
            continue  # a hash collision
        first = int(index.starts[int(index.code_line[hit])])
        back, start = 0, len(codes) - NGRAM_STEPS
        while (
            start - back > 0
            and hit - back > first
            and (codes[start - back - 1] == index.codes[hit - back - 1])
        ):
            back += 1
        best = max(best, NGRAM_STEPS + back + 1)
    return best


def _passage(index: CorpusIndex, track: int, line: Line, run: Run) -> Passage:
    line_number = int(index.code_line[run.position])
    offset = run.position - int(index.starts[line_number])
    work_note = int(index.note_starts[line_number]) + offset
    return Passage(
        track=track,
        first_bar=int(line.bars[run.query_step]),
        last_bar=int(line.bars[run.query_step + run.steps]),
        notes=run.notes,
        work=index.works[int(index.line_work[line_number])],
        work_track=int(index.line_track[line_number]),
        work_first_bar=int(index.bars[work_note]),
        work_last_bar=int(index.bars[work_note + run.steps]),
        transposition=int(line.pitches[run.query_step] - index.pitches[work_note]),
    )


def _best_passages(passages: Iterable[Passage]) -> list[Passage]:
    """Longest first; one passage per (track, bars, work), at most `MAX_PASSAGES`."""
    seen: set[tuple[int, int, int, str]] = set()
    kept: list[Passage] = []
    for passage in sorted(passages, key=lambda p: (-p.notes, p.track, p.first_bar, p.work.work_id)):
        key = (passage.track, passage.first_bar, passage.last_bar, passage.work.work_id)
        if key not in seen:
            seen.add(key)
            kept.append(passage)
    return kept[:MAX_PASSAGES]


def selection_lines(song: Song, cells: Iterable[Cell] | None = None) -> list[tuple[int, Line]]:
    """(track, line) for each pitched track and each stretch of consecutive selected bars."""
    chosen = (
        sorted(set(cells))
        if cells is not None
        else [(t, b) for t in range(len(song.tracks)) for b in range(song.bar_count)]
    )
    by_track: dict[int, list[int]] = {}
    for track, bar in chosen:
        by_track.setdefault(track, []).append(bar)
    lines: list[tuple[int, Line]] = []
    for track, bars in by_track.items():
        if not 0 <= track < len(song.tracks) or song.tracks[track].is_drum:
            continue
        stretches: list[list[int]] = []
        for bar in bars:
            if stretches and bar == stretches[-1][-1] + 1:
                stretches[-1].append(bar)
            else:
                stretches.append([bar])
        for stretch in stretches:
            start, end = song.bar_span(stretch[0])[0], song.bar_span(stretch[-1])[1]
            notes = [n for n in song.tracks[track].notes if start <= n.start_tick < end]
            if len(notes) > 1:
                lines.append((track, skyline(notes, song.bar_at_tick)))
    return lines


def check(
    song: Song,
    cells: Iterable[Cell] | None = None,
    index: CorpusIndex | None = None,
    similarity: bool = True,
) -> Report:
    """Check a song (or the selected cells) against the training corpus.

    Raises OriginalityError when the shipped index cannot be read.
    """
    corpus = index if index is not None else default_index()
    passages: list[Passage] = []
    longest = 0
    checked = 0
    lines = selection_lines(song, cells)
    for track, line in lines:
        checked += len(line.pitches)
        for run in find_runs(corpus, step_codes(line.pitches, line.iois)):
            longest = max(longest, run.notes)
            if run.notes >= WARN_NOTES:
                passages.append(_passage(corpus, track, line, run))
    kept = _best_passages(passages)
    similar: Sequence[Similar] = similar_windows(corpus, lines) if similarity else ()
    near = [
        s
        for s in similar
        if not any(
            p.track == s.track and p.first_bar <= s.first_bar and s.last_bar <= p.last_bar
            for p in kept
        )
    ]
    return Report(tuple(kept), tuple(near), longest, checked)
