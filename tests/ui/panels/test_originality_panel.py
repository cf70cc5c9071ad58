"""The originality panel and the prompt dialog, offscreen, on real corpus data.

A train passage is pasted into a held-out work; the check runs on the window's JobRunner, the
panel lists it in the flag colour with its work, a click emits its bars, and the report's badges
land on the arrangement grid's cells. The prompt dialog fills its fields from the words and
lets each be changed.
"""

from __future__ import annotations

import dataclasses

from pytestqt.qtbot import QtBot

from build_scripts.corpus.build import load_cached_song
from build_scripts.corpus.originality_index import train_rows
from engine.originality.check import Report
from engine.song.song import Song, bars_to_cover
from engine.studio.use_cases import Studio
from ui.arrangement.view import ArrangementGrid
from ui.dialogs.prompt import PromptDialog
from ui.jobs import JobRunner
from ui.panels.originality import FLAG_COLOUR, OriginalityPanel


def _planted() -> tuple[Song, str]:
    """A held-out work with 30 notes of a train work's melody appended to its first track."""
    rows = train_rows()
    source_id = rows[100]["id"]
    source = load_cached_song(source_id)
    validation = load_cached_song(_first_held_out())
    notes = sorted(source.tracks[0].notes, key=lambda n: (n.start_tick, -n.pitch))[:30]
    offset = validation.end_tick - notes[0].start_tick
    moved = [dataclasses.replace(n, start_tick=n.start_tick + offset) for n in notes]
    first = validation.tracks[0]
    merged = tuple(sorted((*first.notes, *moved), key=lambda n: (n.start_tick, n.pitch)))
    bars = bars_to_cover(validation.time_signatures, max(n.end_tick for n in merged))
    tracks = (dataclasses.replace(first, notes=merged), *validation.tracks[1:])
    return dataclasses.replace(validation, tracks=tracks, bar_count=bars), source_id


def _first_held_out() -> str:
    import csv

    from build_scripts.corpus import MANIFEST_PATH

    with MANIFEST_PATH.open(encoding="utf-8", newline="") as handle:
        return next(r["id"] for r in csv.DictReader(handle) if r["split"] == "validation")


def test_a_background_check_lists_the_copy_and_badges_its_bars(qtbot: QtBot) -> None:
    song, source_id = _planted()
    panel, grid = OriginalityPanel(), ArrangementGrid()
    jobs = JobRunner(panel)  # owned by the panel, as the window owns its runner
    qtbot.addWidget(panel)
    qtbot.addWidget(grid)
    grid.show_song(song)
    studio = Studio.headless()  # the check needs no model
    studio.new(song)
    panel.report_ready.connect(lambda report: grid.set_cell_badges(report.bar_badges()))
    errors: list[str] = []
    with qtbot.waitSignal(panel.report_ready, timeout=30_000):
        assert panel.check_in_background(jobs, studio, None, lambda text, _: errors.append(text))
    assert jobs.wait()
    qtbot.waitUntil(lambda: not jobs.busy)
    assert errors == []
    report = panel.report
    assert isinstance(report, Report)
    flagged = [p for p in report.flagged if p.work.work_id == source_id]
    assert flagged, report.lines()
    first_row = panel.list.item(0)
    assert first_row.foreground().color() == FLAG_COLOUR
    assert "flagged" in panel.summary.text()
    assert "works" in panel.source.text()
    assert grid.cell_badges()[(0, flagged[0].first_bar)] == "!"
    with qtbot.waitSignal(panel.passage_chosen) as chosen:
        panel.list.setCurrentRow(0)
    top = report.passages[0]
    assert chosen.args == [top.track, top.first_bar, top.last_bar]


def test_the_prompt_dialog_shows_what_it_understood_and_takes_edits(qtbot: QtBot) -> None:
    dialog = PromptDialog()
    qtbot.addWidget(dialog)
    dialog.text.setText("slow and sad folk tune for strings in 3/4")
    assert dialog.preset.currentText() == "string-quartet"
    assert dialog.tempo.value() == 72
    assert dialog.meter.text() == "3/4"
    assert "tempo 72 from 'slow'" in dialog.understood.text()
    dialog.tempo.setValue(96)
    dialog.key.setText("E minor")
    request = dialog.request()
    assert (request.preset, request.tempo_bpm, request.meter) == ("string-quartet", 96.0, (3, 4))
    assert request.key is not None
    assert request.key.mode == "minor"
    dialog.key.setText("H major")  # not a key: left to the preset rather than failing
    assert dialog.request().key is None
