"""The originality check on real data: the shipped index and works from the corpus cache.

Planted copies of train passages (transposed, pasted into held-out works) must always be found
at full length with their source work; an edited copy (every fifth note changed) must be caught
by the cardinality score although its exact runs are short; held-out human music must rarely
trip the flag; the shipped index must describe the train split of the committed manifest.
"""

from __future__ import annotations

import csv
import dataclasses
import itertools
import random
from pathlib import Path

import numpy as np
import pytest

from app.cli import main
from build_scripts.corpus import MANIFEST_PATH
from build_scripts.corpus.build import load_cached_song
from build_scripts.corpus.originality_index import build_index, train_rows
from engine.originality.check import (
    FLAG_NOTES,
    WARN_NOTES,
    OriginalityError,
    check,
    copied_run_ending,
    default_index,
)
from engine.originality.index import INDEX_PATH, load_index
from engine.project.project_file import save_project
from engine.song.song import Note, Song, Track, bars_to_cover

PLANTED = 25
"""Notes pasted: 25 keep the inter-onset times of 24, so a run of >= 24 notes must be found."""


def _rows(split: str) -> list[dict[str, str]]:
    with MANIFEST_PATH.open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle) if row["split"] == split]


def _skyline_notes(song: Song) -> tuple[int, list[Note]]:
    """(track index, its highest note at each onset) of the first pitched track with notes."""
    for index, track in enumerate(song.tracks):
        if not track.is_drum and len(track.notes) > 40:
            top: dict[int, Note] = {}
            for note in track.notes:
                if note.start_tick not in top or note.pitch > top[note.start_tick].pitch:
                    top[note.start_tick] = note
            return index, [top[tick] for tick in sorted(top)]
    return -1, []


def _plant(host: Song, passage: list[Note], shift: int, edit_every: int = 0) -> Song:
    """`host` with `passage` (transposed by `shift`) appended to its first track after its end."""
    start = host.end_tick - passage[0].start_tick
    moved = [
        dataclasses.replace(
            note,
            start_tick=note.start_tick + start,
            pitch=note.pitch + shift + int(bool(edit_every) and i % edit_every == edit_every - 1),
        )
        for i, note in enumerate(passage)
    ]
    first = host.tracks[0]
    notes = tuple(sorted((*first.notes, *moved), key=lambda n: (n.start_tick, n.pitch)))
    bars = bars_to_cover(host.time_signatures, max(n.end_tick for n in notes))
    tracks = (dataclasses.replace(first, notes=notes), *host.tracks[1:])
    return dataclasses.replace(host, tracks=tracks, bar_count=max(bars, host.bar_count))


def _cases(count: int, seed: int) -> list[tuple[str, list[Note], Song]]:
    """(source work id, a 25-note train passage, a held-out host work) chosen at random."""
    rng = random.Random(seed)
    train, hosts = train_rows(), _rows("validation")
    cases: list[tuple[str, list[Note], Song]] = []
    while len(cases) < count:
        row = rng.choice(train)
        _, line = _skyline_notes(load_cached_song(row["id"]))
        if len(line) < PLANTED + 2:
            continue
        start = rng.randrange(len(line) - PLANTED)
        passage = line[start : start + PLANTED]
        if len({b.pitch - a.pitch for a, b in itertools.pairwise(passage)}) < 4:
            continue  # a scale or a drone: not a passage anyone would call a copy
        cases.append((row["id"], passage, load_cached_song(rng.choice(hosts)["id"])))
    return cases


@pytest.mark.parametrize("seed", [1, 2])
def test_planted_copies_are_always_found_with_their_work(seed: int) -> None:
    for work_id, passage, host in _cases(15, seed):
        shift = random.Random(work_id).randrange(-5, 6)
        report = check(_plant(host, passage, shift), similarity=False)
        found = [p for p in report.flagged if p.work.work_id == work_id and p.track == 0]
        assert found, f"a copy of {work_id} was not flagged: {report.lines()}"
        assert max(p.notes for p in found) >= PLANTED - 1
        assert found[0].transposition == shift or any(p.transposition == shift for p in found)


def test_a_flagged_passage_badges_its_bars_and_names_its_licence() -> None:
    work_id, passage, host = _cases(1, 7)[0]
    planted = _plant(host, passage, 2)
    report = check(planted)
    passage_found = next(p for p in report.flagged if p.work.work_id == work_id)
    first_bar = planted.bar_at_tick(host.end_tick)
    assert passage_found.first_bar >= first_bar - 1
    badges = report.bar_badges()
    assert badges[(0, passage_found.first_bar)] == "!"
    assert all(mark in "!?" for mark in badges.values())
    row = next(r for r in train_rows() if r["id"] == work_id)
    assert passage_found.work.licence_code == row["licence_code"]
    assert passage_found.work.composer == row["composer"]
    assert row["title"] in "\n".join(report.lines())


def test_a_selection_outside_the_copy_is_not_flagged() -> None:
    work_id, passage, host = _cases(1, 11)[0]
    planted = _plant(host, passage, 0)
    original_bars = [(0, bar) for bar in range(host.bar_count - 1)]
    inside = check(planted, cells=[(0, b) for b in range(planted.bar_count)], similarity=False)
    outside = check(planted, cells=original_bars, similarity=False)
    assert any(p.work.work_id == work_id for p in inside.flagged)
    assert not any(p.work.work_id == work_id for p in outside.flagged)


def test_an_edited_copy_escapes_exact_runs_but_not_the_cardinality_score() -> None:
    caught = 0
    cases = _cases(8, 3)
    for work_id, passage, host in cases:
        planted = _plant(host, passage, 3, edit_every=5)
        report = check(planted)
        assert not any(p.work.work_id == work_id and p.notes >= 16 for p in report.passages)
        caught += any(s.work.work_id == work_id and s.score >= 0.8 for s in report.similar)
    assert caught >= len(cases) - 1, f"only {caught} of {len(cases)} edited copies scored >= 0.8"


def test_held_out_human_works_rarely_trip_the_flag() -> None:
    rows = _rows("validation")
    flagged = sum(bool(check(load_cached_song(r["id"]), similarity=False).flagged) for r in rows)
    assert flagged / len(rows) <= 0.10, f"{flagged} of {len(rows)} held-out works flagged"


def test_the_shipped_index_holds_exactly_the_train_split() -> None:
    index = default_index()
    assert [w.work_id for w in index.works] == [r["id"] for r in train_rows()]
    assert index.line_count >= len(index.works)
    assert INDEX_PATH.stat().st_size < 5_000_000
    assert FLAG_NOTES > WARN_NOTES


def test_the_builder_reproduces_the_shipped_index_byte_for_byte(tmp_path: Path) -> None:
    rebuilt = tmp_path / "index.npz"
    build_index(out=rebuilt)
    assert rebuilt.read_bytes() == INDEX_PATH.read_bytes(), (
        "the shipped originality index is stale: run `python -m build_scripts.corpus index`"
    )


def test_a_missing_or_damaged_index_says_how_to_rebuild_it(tmp_path: Path) -> None:
    with pytest.raises(OriginalityError, match=r"missing.*build_scripts\.corpus index"):
        load_index(tmp_path / "none.npz")
    broken = tmp_path / "broken.npz"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(OriginalityError, match="damaged"):
        load_index(broken)


def test_an_empty_or_drum_only_song_has_nothing_to_report() -> None:
    drums = Track(
        "Drums", 0, is_drum=True, notes=tuple(Note(i * 240, 36, 120, 90) for i in range(64))
    )
    report = check(Song(bar_count=8, tracks=(drums,)))
    assert report.passages == ()
    assert report.checked_notes == 0
    assert "no passage" in report.lines()[-1]
    assert np.isfinite(report.max_similarity)


def test_cli_check_exits_3_on_a_copy_and_0_on_held_out_music(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    work_id, passage, host = _cases(1, 13)[0]
    copied, clean = tmp_path / "copied.json", tmp_path / "clean.json"
    save_project(_plant(host, passage, -2), copied)
    save_project(load_cached_song(_rows("test")[0]["id"]), clean)
    assert main(["check", str(copied)]) == 3
    out = capsys.readouterr().out
    assert "FLAG: track 1" in out
    assert work_id in out
    assert main(["check", str(clean), "--no-similar"]) == 0
    assert main(["check", str(tmp_path / "missing.json")]) == 1


def test_the_sampling_guard_measures_the_copied_run_a_next_step_would_end() -> None:
    index = default_index()
    line = int(np.argmax(np.diff(index.starts) >= 40))
    first = int(index.starts[line])
    codes = index.codes[first : first + 30].copy()
    assert copied_run_ending(index, codes) >= FLAG_NOTES
    altered = codes.copy()
    altered[-1] = 0  # a step no melody takes (interval -128, odd ratio)
    assert copied_run_ending(index, altered) == 0
    assert copied_run_ending(index, codes[:5]) == 0


def test_cli_check_against_a_folder_of_the_users_own_references(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    references = tmp_path / "refs"
    references.mkdir()
    reference_id = _rows("test")[3]["id"]
    reference = load_cached_song(reference_id)
    save_project(reference, references / "mine.json")
    _, passage = _skyline_notes(reference)
    host = load_cached_song(_rows("validation")[5]["id"])
    song = tmp_path / "song.json"
    save_project(_plant(host, passage[:30], 4), song)
    assert main(["check", str(song), "--no-similar"]) == 0  # held-out: not in the shipped index
    assert main(["check", str(song), "--no-similar", "--against", str(references)]) == 3
    out = capsys.readouterr().out
    assert "FLAG: track 1" in out.split("reference song(s)")[1]
    assert "mine.json" in out
    assert main(["check", str(song), "--against", str(tmp_path / "none")]) == 1
