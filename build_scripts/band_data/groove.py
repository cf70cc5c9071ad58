"""The Groove MIDI Dataset (CC BY 4.0) as Songs: one General MIDI drum track per file.

Why this reader: the dataset was played on a Roland TD-11, whose keys differ from General MIDI
for hi-hat edges, rims and cymbal edges (22, 26, 40, 47, 50, 52, 55, 58), so every note is
folded with `engine.song.drums.td11_to_gm` before the model sees it; a key with no GM sound is
dropped and counted. Timing and velocity are kept exactly (480 ticks per quarter, as the
files are written), because the human feel is what the data is for. Every file is checked
against the dataset's SHA256SUMS first, so the manifest pins the exact bytes that were parsed.
"""

from __future__ import annotations

import csv
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from build_scripts.band_data import SPLITS, BandDataError
from build_scripts.corpus import CORPUS_DIR
from engine.project.midi.reader import MidiImportError, read_midi
from engine.song.drums import td11_to_gm
from engine.song.note_cleanup import CleanupReport, clean_notes
from engine.song.song import Note, Song, Track, bar_grid, bars_to_cover, changes_before
from engine.song.styles import style_of_groove_genre

GROOVE_DIR = CORPUS_DIR / "groove-midi"
"""The dataset's copy inside the repository (MIDI files, info.csv, LICENSE, SHA256SUMS)."""
GROOVE_LICENCE = "CC-BY-4.0"
GROOVE_ATTRIBUTION = (
    "Jon Gillick, Adam Roberts, Jesse Engel, Douglas Eck, and David Bamman. "
    '"Learning to Groove with Inverse Sequence Transformations." ICML 2019. '
    "Groove MIDI Dataset, Magenta, Google (CC BY 4.0)."
)
RESTORE_HINT = "restore the folder from git (git checkout -- models/corpus/groove-midi)"


@dataclass(frozen=True)
class GrooveItem:
    """One Groove MIDI file: its Song and the labels from info.csv."""

    id: str
    song: Song
    genre: str
    """info.csv's style column, e.g. 'funk/groove1'."""
    style: str | None
    bpm: float
    kind: Literal["beat", "fill"]
    split: Literal["train", "validation", "test"]
    """The dataset's own split."""
    source_file: str
    """Path relative to models/corpus/groove-midi."""
    source_sha256: str
    drummer: str
    meter: tuple[int, int]


@dataclass
class FoldReport:
    """What folding the TD-11 keys onto General MIDI changed, over all files read."""

    notes_read: int = 0
    dropped: Counter[int] = field(default_factory=Counter)
    """Notes whose TD-11 key has no GM drum, by key."""
    merged: int = 0
    """Notes that landed on the same GM key and tick as another hit and became one."""

    def summary(self) -> str:
        dropped = ", ".join(f"key {key}: {count}" for key, count in sorted(self.dropped.items()))
        return (
            f"TD-11 -> GM fold: {self.notes_read} notes read, "
            f"{sum(self.dropped.values())} dropped outside the GM map ({dropped or 'none'}), "
            f"{self.merged} merged onto another hit of the same GM key"
        )


def fold_drums(notes: tuple[Note, ...], report: FoldReport) -> list[Note]:
    """TD-11 notes folded onto GM keys, keys without a GM sound dropped (and counted)."""
    rows = []
    for note in notes:
        key = td11_to_gm(note.pitch)
        if key is None:
            report.dropped[note.pitch] += 1
            continue
        rows.append((note.start_tick, key, note.duration_ticks, note.velocity))
    cleanup = CleanupReport()
    folded = clean_notes(rows, cleanup)
    report.notes_read += len(notes)
    report.merged += len(rows) - len(folded)
    return folded


def read_checksums(root: Path = GROOVE_DIR) -> dict[str, str]:
    """sha256 by path relative to `root`, from the dataset's SHA256SUMS."""
    sums: dict[str, str] = {}
    try:
        lines = (root / "SHA256SUMS").read_text("utf-8").splitlines()
    except OSError as err:
        raise BandDataError(f"cannot read {root / 'SHA256SUMS'} ({err}); {RESTORE_HINT}") from err
    for line in lines:
        if line.strip():
            digest, name = line.split(maxsplit=1)
            sums[name.strip().removeprefix("./")] = digest
    return sums


def verified_file(root: Path, rel_path: str, sums: dict[str, str]) -> str:
    """The sha256 of a dataset file after checking it against SHA256SUMS."""
    expected = sums.get(rel_path)
    if expected is None:
        raise BandDataError(f"{rel_path} is in info.csv but not in SHA256SUMS; {RESTORE_HINT}")
    try:
        actual = hashlib.sha256((root / rel_path).read_bytes()).hexdigest()
    except OSError as err:
        raise BandDataError(f"cannot read groove file {rel_path} ({err}); {RESTORE_HINT}") from err
    if actual != expected:
        raise BandDataError(
            f"groove file {rel_path} has sha256 {actual}, but SHA256SUMS says {expected}: the "
            f"file was altered or corrupted; {RESTORE_HINT}"
        )
    return actual


def groove_song(path: Path, title: str, style: str | None, report: FoldReport) -> Song:
    """One file as a Song: a single GM drum track, the file's tempo and meter."""
    try:
        imported = read_midi(path).song
    except MidiImportError as err:
        raise BandDataError(f"groove file {path.name} cannot be read: {err}") from err
    notes = tuple(note for track in imported.tracks for note in track.notes)
    folded = fold_drums(tuple(sorted(notes)), report)
    meters = imported.time_signatures
    bar_count = bars_to_cover(meters, max(note.end_tick for note in folded))
    end_tick = bar_grid(meters, bar_count)[-1]
    return Song(
        title=title,
        bar_count=bar_count,
        tracks=(Track("Drums", program=0, is_drum=True, notes=tuple(folded)),),
        tempos=changes_before(imported.tempos, end_tick),
        time_signatures=changes_before(meters, end_tick),
        style=style,
    )


def _item(root: Path, row: dict[str, str], sums: dict[str, str], report: FoldReport) -> GrooveItem:
    rel_path = row["midi_filename"]
    digest = verified_file(root, rel_path, sums)
    genre, kind, split = row["style"], row["beat_type"], row["split"]
    if kind not in ("beat", "fill") or split not in SPLITS:
        raise BandDataError(f"info.csv row {row['id']} has beat_type {kind!r}, split {split!r}")
    style = style_of_groove_genre(genre)
    session = row["session"].split("/")[-1]
    title = f"Groove {row['drummer']} {session} {genre.split('/')[0]} {row['bpm']}bpm {kind}"
    song = groove_song(root / rel_path, title, style, report)
    meter = song.time_signatures[0]
    if (
        f"{meter.numerator}-{meter.denominator}" != row["time_signature"]
        or len(song.time_signatures) != 1
    ):
        raise BandDataError(
            f"{rel_path}: info.csv says {row['time_signature']}, the file says "
            f"{[(m.numerator, m.denominator) for m in song.time_signatures]}; {RESTORE_HINT}"
        )
    return GrooveItem(
        id="groove-" + row["id"].replace("/", "-"),
        song=song,
        genre=genre,
        style=style,
        bpm=float(row["bpm"]),
        kind="beat" if kind == "beat" else "fill",
        split="train" if split == "train" else "validation" if split == "validation" else "test",
        source_file=rel_path,
        source_sha256=digest,
        drummer=row["drummer"],
        meter=(meter.numerator, meter.denominator),
    )


def read_info(root: Path = GROOVE_DIR) -> list[dict[str, str]]:
    """info.csv's rows (one per MIDI file)."""
    try:
        with (root / "info.csv").open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))
    except OSError as err:
        raise BandDataError(f"cannot read {root / 'info.csv'} ({err}); {RESTORE_HINT}") from err


def load_groove_with_report(
    split: str | None = None, root: Path = GROOVE_DIR, every: int = 1
) -> tuple[list[GrooveItem], FoldReport]:
    """Every file (or one split's), sorted by id, and what the TD-11 fold changed.

    `every` > 1 reads only every n-th file of info.csv: a quick trial for tests.
    """
    if split is not None and split not in SPLITS:
        raise BandDataError(f"unknown split {split!r}: choose one of {', '.join(SPLITS)}")
    sums = read_checksums(root)
    report = FoldReport()
    rows = read_info(root)[::every]
    items = [_item(root, row, sums, report) for row in rows if split in (None, row["split"])]
    return sorted(items, key=lambda item: item.id), report


def load_groove(
    split: str | None = None, root: Path = GROOVE_DIR, every: int = 1
) -> list[GrooveItem]:
    """Every Groove MIDI file (or one split's) as a GrooveItem, sorted by id.

    Raises BandDataError if a file is missing or differs from SHA256SUMS.
    """
    return load_groove_with_report(split, root, every)[0]
