"""The originality index: the training corpus as melody lines, and the n-gram table over them.

What a melody line is. Each pitched track of a work is read as its skyline: at each onset the
highest note, in onset order. A part in a chorale or a quartet is one voice, so its skyline is
that voice; in a piano or chord track the top voice is the tune a listener recognises, and the
inner voices of a chord are not indexed (a copied accompaniment is not what the check looks
for). Drum tracks are skipped.

What a step is. Note k of a line becomes step k: (semitones from note k to note k+1, the ratio
of their inter-onset intervals reduced by their gcd). That is the same step as
build_scripts/corpus/families.py uses to group tune families, so a run here means what a run
means there; it is defined here because the app (which ships without build_scripts) must read
the user's song the same way the builder read the corpus. Intervals make a run transposition
invariant and ratios make it tempo invariant (a copy at double note values still matches).

What ships. The file holds each train line's pitches, inter-onset ticks and bar numbers (small
integers that compress to a few MB) and the manifest fields of each work; the hashed n-gram
table (8 steps -> positions) is derived from them when the file is loaded, in well under a
second. Shipping the hashes instead would be about four times larger and incompressible.
"""

from __future__ import annotations

import io
import itertools
import json
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from numpy.lib.stride_tricks import sliding_window_view

from engine.errors import TesseraError
from engine.song.song import Note, Song
from engine.words import QT_TRANSLATE_NOOP

INDEX_PATH = Path(__file__).parents[2] / "models" / "corpus" / "originality_index.npz"
INDEX_FORMAT = 1
NGRAM_STEPS = 8
"""Seed length: 8 steps = 9 notes, below any passage worth reporting (16 notes and up)."""
MIN_DISTINCT_STEPS = 3
"""A seed of fewer distinct steps (a scale, a repeated note) says nothing about a tune."""
MAX_RATIO_TERM = 63
_PRIME = np.uint64(1_000_003)

Ints = npt.NDArray[np.int64]


class OriginalityError(TesseraError):
    """The originality index is missing, damaged or of another format; the message says why."""


@dataclass(frozen=True)
class WorkInfo:
    """The manifest fields a report shows for a training work."""

    work_id: str
    title: str
    composer: str
    collection: str
    licence_code: str


@dataclass(frozen=True)
class Line:
    """One melody line: skyline pitches, inter-onset ticks (the last note's own duration) and
    the 0-based bar of each note."""

    pitches: Ints
    iois: Ints
    bars: Ints


def skyline(notes: Sequence[Note], bar_of_tick: Any) -> Line:
    """The line of a track's notes: the highest note at each onset, in onset order.

    `bar_of_tick` maps a tick to its 0-based bar (e.g. `Song.bar_at_tick`).
    """
    top: dict[int, Note] = {}
    for note in notes:
        held = top.get(note.start_tick)
        if held is None or note.pitch > held.pitch:
            top[note.start_tick] = note
    ticks = sorted(top)
    if not ticks:
        empty = np.zeros(0, np.int64)
        return Line(empty, empty, empty)
    iois = [later - earlier for earlier, later in itertools.pairwise(ticks)]
    iois.append(max(1, top[ticks[-1]].duration_ticks))
    return Line(
        np.array([top[tick].pitch for tick in ticks], np.int64),
        np.array(iois, np.int64),
        np.array([bar_of_tick(tick) for tick in ticks], np.int64),
    )


def song_lines(song: Song) -> list[tuple[int, Line]]:
    """(track index, line) of every pitched track of a song that has notes."""
    return [
        (index, skyline(track.notes, song.bar_at_tick))
        for index, track in enumerate(song.tracks)
        if not track.is_drum and track.notes
    ]


def step_codes(pitches: Ints, iois: Ints) -> Ints:
    """One integer per step (len(pitches) - 1 of them): interval and reduced IOI ratio."""
    if len(pitches) < 2:
        return np.zeros(0, np.int64)
    intervals = np.clip(np.diff(pitches), -127, 127) + 128
    after, before = iois[1:], iois[:-1]
    divisor = np.gcd(after, before)
    num, den = after // divisor, before // divisor
    odd = (num > MAX_RATIO_TERM) | (den > MAX_RATIO_TERM)
    num, den = np.where(odd, 0, num), np.where(odd, 0, den)
    codes: Ints = (intervals * 64 + num) * 64 + den
    return codes


def window_hashes(codes: Ints, n: int = NGRAM_STEPS) -> tuple[npt.NDArray[np.uint64], Ints]:
    """(hash, distinct steps) of every window of `n` consecutive codes."""
    count = len(codes) - n + 1
    if count <= 0:
        return np.zeros(0, np.uint64), np.zeros(0, np.int64)
    hashes = np.zeros(count, np.uint64)
    unsigned = codes.astype(np.uint64)
    for offset in range(n):
        hashes = hashes * _PRIME + unsigned[offset : offset + count]
    ordered = np.sort(sliding_window_view(codes, n), axis=1)
    distinct = 1 + (np.diff(ordered, axis=1) != 0).sum(axis=1)
    return hashes, distinct.astype(np.int64)


class CorpusIndex:
    """The train lines of the corpus with their hashed n-gram table.

    `codes` concatenates every line's steps; line `k` owns `codes[starts[k]:starts[k+1]]`.
    `keys` (sorted) and `positions` map each informative n-gram to where it starts in `codes`.
    """

    def __init__(
        self,
        works: Sequence[WorkInfo],
        *,
        line_work: Ints,
        line_track: Ints,
        pitches: Ints,
        iois: Ints,
        bars: Ints,
        note_starts: Ints,
    ) -> None:
        self.works = tuple(works)
        self.line_work, self.line_track = line_work, line_track
        self.pitches, self.iois, self.bars, self.note_starts = pitches, iois, bars, note_starts
        lines = len(line_work)
        # Step j joins notes j and j+1; the steps that would join two lines are dropped.
        last_notes = note_starts[1:] - 1
        joins_lines = np.zeros(max(0, len(pitches) - 1), bool)
        joins_lines[last_notes[(last_notes >= 0) & (last_notes < len(joins_lines))]] = True
        self.codes: Ints = step_codes(pitches, iois)[~joins_lines]
        steps_per_line = np.maximum(np.diff(note_starts) - 1, 0)
        self.starts: Ints = np.concatenate([[0], np.cumsum(steps_per_line)]).astype(np.int64)
        self.code_line: Ints = np.repeat(np.arange(lines, dtype=np.int64), np.diff(self.starts))
        hashes, distinct = window_hashes(self.codes)
        where = np.arange(len(hashes), dtype=np.int64)
        inside = where + NGRAM_STEPS <= self.starts[1:][self.code_line[: len(hashes)]]
        keep = inside & (distinct >= MIN_DISTINCT_STEPS)
        order = np.argsort(hashes[keep], kind="stable")
        self.keys = hashes[keep][order]
        self.positions: Ints = where[keep][order]

    @property
    def line_count(self) -> int:
        return len(self.line_work)

    def step_bar(self, position: int) -> int:
        """The bar (in its work) of the note a step at a global position starts from."""
        line = int(self.code_line[position])
        return int(self.bars[self.note_starts[line] + position - self.starts[line]])

    def postings(self, key: np.uint64) -> Ints:
        left = int(np.searchsorted(self.keys, key, side="left"))
        right = int(np.searchsorted(self.keys, key, side="right"))
        return self.positions[left:right]


def index_from_songs(songs: Sequence[tuple[WorkInfo, Song]]) -> CorpusIndex:
    """An in-memory index of any songs (e.g. a user's own reference folder), built the way the
    corpus builder builds the shipped one."""
    works: list[WorkInfo] = []
    line_work, line_track, counts = [], [], [0]
    parts: list[Line] = []
    for number, (work, song) in enumerate(songs):
        works.append(work)
        for track, line in song_lines(song):
            if len(line.pitches) > 1:
                line_work.append(number)
                line_track.append(track)
                counts.append(len(line.pitches))
                parts.append(line)
    empty = np.zeros(0, np.int64)
    return CorpusIndex(
        works,
        line_work=np.array(line_work, np.int64),
        line_track=np.array(line_track, np.int64),
        pitches=np.concatenate([line.pitches for line in parts] or [empty]),
        iois=np.concatenate([line.iois for line in parts] or [empty]),
        bars=np.concatenate([line.bars for line in parts] or [empty]),
        note_starts=np.cumsum(counts).astype(np.int64),
    )


def save_index(
    path: Path, works: Sequence[WorkInfo], lines: Sequence[tuple[int, int, Line]]
) -> None:
    """Write the index file: `lines` holds (work number, track index, line) in a fixed order."""
    counts = [len(line.pitches) for _, _, line in lines]
    meta = {
        "format": INDEX_FORMAT,
        "ngram_steps": NGRAM_STEPS,
        "works": [[w.work_id, w.title, w.composer, w.collection, w.licence_code] for w in works],
    }
    empty = np.zeros(0, np.int64)
    _write_npz(
        path,
        meta=np.frombuffer(json.dumps(meta, ensure_ascii=False).encode("utf-8"), np.uint8),
        line_work=np.array([work for work, _, _ in lines], np.int32),
        line_track=np.array([track for _, track, _ in lines], np.int16),
        note_starts=np.concatenate([[0], np.cumsum(counts)]).astype(np.int64),
        pitches=np.concatenate([line.pitches for *_, line in lines] or [empty]).astype(np.uint8),
        iois=np.concatenate([line.iois for *_, line in lines] or [empty]).astype(np.int32),
        bars=np.concatenate([line.bars for *_, line in lines] or [empty]).astype(np.uint16),
    )


def _write_npz(path: Path, **arrays: npt.NDArray[Any]) -> None:
    """Like `np.savez_compressed`, but byte-identical for identical arrays: fixed entry order and
    timestamps, so a rebuild of an unchanged corpus leaves the committed file unchanged."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(arrays):
            entry = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.ascontiguousarray(arrays[name]))
            archive.writestr(entry, buffer.getvalue())


def load_index(path: Path = INDEX_PATH) -> CorpusIndex:
    """Read the index file written by the corpus builder and derive its n-gram table."""
    try:
        with np.load(path) as data:
            meta = json.loads(bytes(data["meta"]).decode("utf-8"))
            arrays = {
                name: data[name].astype(np.int64)
                for name in ("line_work", "line_track", "note_starts", "pitches", "iois", "bars")
            }
    except FileNotFoundError as err:
        raise OriginalityError(
            QT_TRANSLATE_NOOP(
                "OriginalityIndex",
                "the originality index {path} is missing: rebuild it with `python -m "
                "build_scripts.corpus index`",
            ).format(path=path)
        ) from err
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as err:
        raise OriginalityError(
            QT_TRANSLATE_NOOP(
                "OriginalityIndex",
                "cannot read the originality index {path} ({err}): the file is "
                "damaged; rebuild it with `python -m build_scripts.corpus index`",
            ).format(path=path, err=err)
        ) from err
    if meta.get("format") != INDEX_FORMAT or meta.get("ngram_steps") != NGRAM_STEPS:
        raise OriginalityError(
            QT_TRANSLATE_NOOP(
                "OriginalityIndex",
                "the originality index {path} has format {get!r}, this Tessera reads "
                "format {index_format}: rebuild it with `python -m "
                "build_scripts.corpus index`",
            ).format(path=path, get=meta.get("format"), index_format=INDEX_FORMAT)
        )
    works = [WorkInfo(*fields) for fields in meta["works"]]
    return CorpusIndex(works, **arrays)
