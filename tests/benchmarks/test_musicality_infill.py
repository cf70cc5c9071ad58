"""The infill benchmark with takes: the chooser of the take kept reads only the song the model
was given (the held-out cell blanked), so nothing of the answer reaches the choice either; and
the infill-only run prints and writes its figures."""

from __future__ import annotations

import argparse
import dataclasses
import json
from collections.abc import Sequence
from pathlib import Path

import pytest

from benchmarks.musicality_infill import (
    INFILL_ROWS,
    InfillRequest,
    cell_count,
    check_no_leak,
    infill_main,
    infill_requests,
    infill_works,
    pick_cells,
    preset_requests,
    run_infill,
)
from benchmarks.musicality_sources import manifest_rows, style_sources
from engine.compose import infill
from engine.compose.cell_edit import write_cell
from engine.compose.midi_model import MidiModel
from engine.compose.presets import PRESETS
from engine.song.song import Cell, Song


def chorale_requests(count: int) -> list[InfillRequest]:
    requests = preset_requests("chorale", works=4, cells=count)
    assert len(requests) == count
    return requests


def test_the_take_chooser_is_given_the_blanked_song_only(
    midi_model: MidiModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The chooser is handed the blanked song, not the original, and takes that differ from it
    only inside the cell (where the model may well write a note of the answer: that is a
    good guess, not a leak)."""
    requests = chorale_requests(3)
    seen: list[tuple[Song, Sequence[Cell], Sequence[Song]]] = []
    choose = infill.best_take

    def spy(song: Song, cells: Sequence[Cell], takes: Sequence[Song]) -> int:
        seen.append((song, cells, takes))
        return choose(song, cells, takes)

    monkeypatch.setattr(infill, "best_take", spy)
    written, _, errors = run_infill(midi_model, requests, seed=0)
    assert not errors
    assert len(written) == len(requests)
    assert len(seen) == len(requests)
    for item, (song, cells, takes) in zip(requests, seen, strict=True):
        assert cells == [item.cell]
        assert len(takes) == infill.TAKES
        assert song == item.song
        track, bar = item.cell
        assert not set(item.answer) & set(song.tracks[track].notes)
        for take in takes:
            for other in range(song.bar_count):
                if other != bar:
                    assert take.notes_in_bar(track, other) == song.notes_in_bar(track, other)


def test_the_answer_put_back_does_not_change_the_choice() -> None:
    """Given the same takes, the chooser picks the same one whether the cell holds the answer
    or nothing: it never reads the cell it chooses for."""
    for item in chorale_requests(6):
        original = write_cell(item.song, item.cell, list(item.answer))
        assert original.notes_in_bar(*item.cell) == item.answer
        shifted = [dataclasses.replace(n, pitch=n.pitch + 1) for n in item.answer]
        takes = [
            write_cell(item.song, item.cell, list(item.previous)),
            write_cell(item.song, item.cell, shifted),
            write_cell(item.song, item.cell, list(item.answer)),
        ]
        blank = infill.best_take(item.song, [item.cell], takes)
        assert infill.best_take(original, [item.cell], takes) == blank


def test_preset_requests_are_checked_and_match_the_full_benchmark() -> None:
    """The infill-only run draws its cells as `benchmarks.musicality` does, each checked."""
    requests = chorale_requests(5)
    for item in requests:
        check_no_leak(item)
    songs = sorted({item.song.title for item in requests})
    assert songs
    again = preset_requests("chorale", works=4, cells=5)
    assert [r.cell for r in again] == [r.cell for r in requests]
    assert infill_requests(pick_cells([], 5)) == []


def test_infill_blanks_cells_of_the_whole_held_out_works() -> None:
    """The song-level rows compare new songs with the works' first bars; the infill rows read
    every bar of the works: the two held-out quartets' cells reach past their first 16 bars,
    and the songs the model is given are the whole works, each cell blanked."""
    preset = PRESETS["string-quartet"]
    material = style_sources(manifest_rows(), "string-quartet", preset, "test", limit=2, bars=16)
    works = infill_works(material)
    assert [w.bar_count for w in works] == [m.whole.bar_count for m in material.works]
    assert all(w.bar_count > 16 for w in works)
    requests = preset_requests("string-quartet", works=2, cells=None)
    assert len(requests) > 4 * len(pick_cells([m.excerpt for m in material.works], None))
    assert max(item.cell[1] for item in requests) >= 16
    for item in requests[:20]:
        check_no_leak(item)
        assert item.song.bar_count in {w.bar_count for w in works}


def test_all_cells_are_every_usable_cell_in_the_same_order() -> None:
    """`--cells all` writes back every usable held-out cell: a count draws the first of the
    same seeded order, and a count beyond the pool gives the pool."""
    songs = sorted({r.song.title: r.song for r in chorale_requests(5)}.items())
    works = [song for _, song in songs]
    every = pick_cells(works, None)
    assert len(every) > 5
    assert pick_cells(works, 5) == every[:5]
    assert pick_cells(works, len(every) + 100) == every
    assert len({(song.title, cell) for song, cell in every}) == len(every)


@pytest.mark.parametrize(("text", "count"), [("all", None), ("ALL", None), ("0", 0), ("12", 12)])
def test_cells_reads_a_count_or_all(text: str, count: int | None) -> None:
    assert cell_count(text) == count


@pytest.mark.parametrize("text", ["-1", "some", "1.5", ""])
def test_cells_refuses_anything_else_and_says_what_it_takes(text: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError, match="cells"):
        cell_count(text)


def test_the_infill_run_prints_and_writes_model_and_copy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "infill.json"
    argv = ["--presets", "chorale", "--works", "2", "--cells", "2", "--threads", "1"]
    infill_main([*argv, "--takes", "2", "--out", str(out)])
    printed = capsys.readouterr().out
    assert "takes per regenerate: 2" in printed
    assert "chorale: 2 cells" in printed
    record = json.loads(out.read_text())
    assert record["arguments"]["takes"] == 2
    rows = record["presets"]["chorale"]["rows"]
    assert set(rows) == set(INFILL_ROWS)
    for figures in rows.values():
        assert 0.0 <= figures["model"] <= 1.0
        assert 0.0 <= figures["copy"] <= 1.0
        assert figures["nearer"]["winner"] in ("model", "copy", "tie")
        assert figures["nearer"]["low"] <= figures["nearer"]["high"]
    assert "nearer: " in printed
