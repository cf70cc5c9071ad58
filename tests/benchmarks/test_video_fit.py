"""The video-fit benchmark's quick run on real videos it makes, through both backends: every
figure is measured and the scored copies are right (cuts found, boundaries on cuts, exact
lengths, the copy's cuts where they were)."""

from __future__ import annotations

from benchmarks.video_fit import QUICK, run, table
from engine.compose.midi_model import MidiModel
from engine.studio.models import Models


def test_the_quick_benchmark_measures_every_case(midi_model: MidiModel) -> None:
    rows = run(QUICK, Models(midi=lambda: midi_model))
    assert [(row.backend, row.case) for row in rows] == [
        (backend, case.name) for backend in ("qt", "pyav") for case in QUICK
    ]
    for row in rows:
        assert (row.precision, row.recall) == (1.0, 1.0)
        assert row.boundary_error_ms_max <= 50.0
        assert row.wav_error_ms < 1.0
        assert row.muxed_picture_error_ms < 1.0
        assert row.muxed_sound_error_ms < 30.0  # the encoder's last frame at most
        assert row.analysis_x > 0
        assert row.export_x > 0
        assert row.mux_x > 0
        assert row.copy_cut_error_ms_max < 1.0
    assert rows[0].cuts_on_boundaries == 1.0
    assert len(table(rows)) == 1 + 2 * len(QUICK)
