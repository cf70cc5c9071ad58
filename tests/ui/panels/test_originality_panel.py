"""The originality panel and the prompt dialog, offscreen, on real corpus data.

A train passage is pasted into a held-out work; the check runs on the window's JobRunner, the
panel lists it in the flag colour with its work, a click emits its bars, and the report's badges
land on the arrangement grid's cells. The prompt dialog fills its fields from the words and
lets each be changed.

The panel says plainly what it checked: the whole song when nothing (or no note) is selected,
"the selected 2 cells of 40" otherwise; its words follow the song and the selection, so a report
never outlives the song it describes.
"""

from __future__ import annotations

import dataclasses

from pytestqt.qtbot import QtBot

from build_scripts.corpus.build import load_cached_song
from build_scripts.corpus.originality_index import train_rows
from engine.originality.check import Report, check
from engine.song.edits import update_track
from engine.song.song import Cell, Song, bars_to_cover
from engine.studio.use_cases import Studio
from tests.ui.panels.visible_text import code_like, visible_texts
from ui.arrangement.view import ArrangementGrid
from ui.dialogs.prompt import PromptDialog
from ui.document import DocumentSignals
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


def _check(
    qtbot: QtBot, panel: OriginalityPanel, studio: Studio, cells: list[Cell] | None
) -> Report:
    """Run the panel's check on a runner of its own and wait for the report it shows."""
    jobs = JobRunner(panel)
    errors: list[str] = []
    with qtbot.waitSignal(panel.report_ready, timeout=30_000):
        assert panel.check_in_background(jobs, studio, cells, lambda text, _: errors.append(text))
    qtbot.waitUntil(lambda: not jobs.busy)
    assert errors == []
    assert panel.report is not None
    return panel.report


def _with_empty_bars() -> Song:
    """The planted song with two empty bars at its end (cells that hold no notes)."""
    song, _source_id = _planted()
    return dataclasses.replace(song, bar_count=song.bar_count + 2)


def _cells(song: Song, *, with_notes: bool) -> list[Cell]:
    """Two cells of the song's first track that hold notes, or two that hold none."""
    found = [
        (0, bar) for bar in range(song.bar_count) if bool(song.notes_in_bar(0, bar)) == with_notes
    ]
    assert len(found) >= 2
    return found[:2]


def test_nothing_selected_checks_the_whole_song_and_says_so(qtbot: QtBot) -> None:
    song = _with_empty_bars()
    panel = OriginalityPanel()
    qtbot.addWidget(panel)
    studio = Studio.headless()
    studio.new(song)
    whole = check(song).checked_notes
    assert whole > 0
    report = _check(qtbot, panel, studio, None)
    assert report.checked_notes == whole
    assert panel.summary.text().startswith(f"Checked the whole song: {whole} notes.")
    assert code_like(visible_texts(panel)) == []
    panel.show()
    assert panel.list.count() > 0  # the copy is listed, in words
    assert panel.list.item(0).text().startswith("Copied — ")

    chosen = _cells(song, with_notes=True)
    report = _check(qtbot, panel, studio, chosen)
    assert 0 < report.checked_notes < whole
    total = len(song.tracks) * song.bar_count
    assert f"Checked the selected 2 cells of {total}:" in panel.summary.text()

    empty = _cells(song, with_notes=False)  # "0 notes of 8 checked" no more: the whole song
    report = _check(qtbot, panel, studio, empty)
    assert report.checked_notes == whole
    assert panel.summary.text().startswith("Checked the whole song")


def test_the_panels_words_follow_the_song_and_the_selection(qtbot: QtBot) -> None:
    song = _with_empty_bars()
    panel = OriginalityPanel()
    qtbot.addWidget(panel)
    studio = Studio.headless()
    studio.new(song)
    signals = DocumentSignals(studio.document)
    panel.watch(signals)
    assert panel.scope.text() == "Check will cover the whole song."
    chosen = _cells(song, with_notes=True)
    studio.document.set_selection(chosen)
    total = len(song.tracks) * song.bar_count
    assert panel.scope.text() == (
        f"Check will cover the selected 2 cells of {total}: select nothing to check the whole song."
    )
    studio.document.set_selection(_cells(song, with_notes=False))
    assert panel.scope.text().startswith("The selected cells hold no notes")
    studio.document.set_selection(())
    _check(qtbot, panel, studio, None)
    checked = panel.summary.text()
    assert checked.startswith("Checked the whole song")
    studio.document.set_selection(chosen)  # choosing cells keeps the report, says what is next
    assert panel.summary.text() == checked
    assert panel.list.count() > 0

    studio.document.apply_edit(update_track(studio.song, 0, name="Violin"), "Rename")
    assert panel.report is None  # the report described the song before the edit
    assert panel.list.count() == 0
    assert panel.summary.text().startswith("The song has changed since the last check")
    _check(qtbot, panel, studio, chosen)
    assert panel.summary.text().startswith(f"Checked the selected 2 cells of {total}")
