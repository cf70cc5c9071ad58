"""A cell regenerated between written bars echoes the bar that plays the same part of its
phrase: found from the bars around it only, never from the cell, and asked of the model
through the control tokens it follows. Measured on real held-out fiddle tunes."""

from __future__ import annotations

import dataclasses

import pytest

from benchmarks.musicality_infill import InfillRequest, preset_requests, set_jaccard
from engine.compose import cell_writer, leans
from engine.compose.cell_edit import write_cell
from engine.compose.controls import Controls, Guides, guides
from engine.compose.midi_model import MidiModel
from engine.compose.operations import Regenerate, apply
from engine.compose.phrase_parallel import parallel_bar, with_phrase_parallel
from engine.compose.vocab import TICKS_PER_STEP
from engine.song.song import Note, Song

CELLS = 24


@pytest.fixture(scope="module")
def fiddle_cells() -> list[InfillRequest]:
    """Held-out fiddle-tune cells, each blanked in its song (the benchmark's own draw)."""
    requests = preset_requests("folk-tune", works=10, cells=CELLS)
    assert len(requests) == CELLS
    return requests


def _classes(notes: tuple[Note, ...] | list[Note]) -> set[int]:
    return {n.pitch % 12 for n in notes}


def test_the_parallel_bar_is_read_from_the_bars_around_never_from_the_cell(
    fiddle_cells: list[InfillRequest],
) -> None:
    found = 0
    for item in fiddle_cells:
        track, bar = item.cell
        blank = parallel_bar(item.song, item.cell, set())
        # The answer put back, or a cluster far from it, finds the same bar.
        answered = write_cell(item.song, item.cell, list(item.answer))
        cluster = [dataclasses.replace(n, pitch=20 + i) for i, n in enumerate(item.answer)]
        clustered = write_cell(item.song, item.cell, cluster)
        assert parallel_bar(answered, item.cell, set()) == blank
        assert parallel_bar(clustered, item.cell, set()) == blank
        if blank is not None:
            found += 1
            assert abs(blank - bar) in (4, 8)
            assert item.song.notes_in_bar(track, blank)
    assert found >= CELLS // 2


def test_the_parallel_bar_shares_more_of_the_held_out_bar_than_the_bar_before(
    fiddle_cells: list[InfillRequest],
) -> None:
    """Why the rule exists: in real tunes the phrase's bar is the better guess."""
    parallel, before = [], []
    for item in fiddle_cells:
        other = parallel_bar(item.song, item.cell, set())
        if other is None:
            continue
        answer = _classes(item.answer)
        parallel.append(set_jaccard(_classes(item.song.notes_in_bar(item.cell[0], other)), answer))
        before.append(set_jaccard(_classes(item.previous), answer))
    assert sum(parallel) / len(parallel) > sum(before) / len(before) + 0.1


def test_only_a_cell_between_written_bars_and_asked_nothing_echoes_its_phrase(
    fiddle_cells: list[InfillRequest],
) -> None:
    item = next(i for i in fiddle_cells if parallel_bar(i.song, i.cell, set()) is not None)
    track, bar = item.cell
    other = parallel_bar(item.song, item.cell, set())
    assert other is not None
    plain = guides(item.song, item.cell, Controls(), 0)
    echoed = with_phrase_parallel(plain, item.song, item.cell, set())
    echo = item.song.notes_in_bar(track, other)
    assert echoed.tokens.pitch_classes == frozenset(_classes(echo))
    assert echoed.echo_tones == frozenset(_classes(echo))
    assert echoed.targets.notes == len(echo)
    assert echoed.limits.min_notes >= 1
    start = item.song.bar_span(other)[0]
    onsets = {(n.start_tick - start) // TICKS_PER_STEP for n in echo}
    assert echoed.echo_onsets == tuple((step, 2) for step in sorted(onsets))  # its rhythm
    # The bar after still to be written (a new song, a continuation): no echo.
    assert parallel_bar(item.song, item.cell, {(track, bar + 1)}) is None
    assert with_phrase_parallel(plain, item.song, item.cell, {(track, bar + 1)}) == plain
    # The parallel bar itself being rewritten: not read.
    assert parallel_bar(item.song, item.cell, {(track, other)}) != other
    # Counts or pitch classes the composer asked for win.
    for asked in (Controls(density=8), Controls(scale=frozenset({0, 2, 4, 5, 7, 9, 11}))):
        own: Guides = guides(item.song, item.cell, asked, 0)
        if own.tokens.pitch_classes is None and own.tokens.density is None:
            continue
        assert with_phrase_parallel(own, item.song, item.cell, set()) == own


def _regenerated(model: MidiModel, items: list[InfillRequest]) -> list[float]:
    shares = []
    for seed, item in enumerate(items):
        written: Song = apply(model, item.song, Regenerate((item.cell,)), seed)
        notes = written.notes_in_bar(*item.cell)
        shares.append(set_jaccard(_classes(notes), _classes(item.answer)))
    return shares


def test_a_regenerated_bar_echoes_its_phrase(
    midi_model: MidiModel, fiddle_cells: list[InfillRequest], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the phrase's bar asked for, regenerated fiddle-tune bars share more pitch classes
    with the held-out bars than without (the model then reads only the bars beside it)."""
    items = [i for i in fiddle_cells if parallel_bar(i.song, i.cell, set()) is not None]
    echoed = _regenerated(midi_model, items)
    monkeypatch.setattr(cell_writer, "with_phrase_parallel", lambda g, *_: g)
    unechoed = _regenerated(midi_model, items)
    assert sum(echoed) / len(items) > sum(unechoed) / len(items) + 0.05


def test_an_echoing_bar_plays_the_phrase_bars_tones(
    midi_model: MidiModel, fiddle_cells: list[InfillRequest], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Asked for the phrase's pitch classes through its control tokens alone, the model played
    two or three of them, repeated; raising each until it is played (`ECHO_TONE_BONUS`), the
    regenerated bars share more pitch classes with the held-out bars."""
    items = [i for i in fiddle_cells if parallel_bar(i.song, i.cell, set()) is not None]
    raised = _regenerated(midi_model, items)
    monkeypatch.setattr(leans, "ECHO_TONE_BONUS", 0.0)
    asked_only = _regenerated(midi_model, items)
    assert sum(raised) / len(items) > sum(asked_only) / len(items) + 0.04
