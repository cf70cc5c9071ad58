"""The timbre model's drum table (`engine.sound.drum_table`): each drum key's envelope from its
own training renders, written into the drum frames the net samples."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from benchmarks.sound_reference import measure_drums
from benchmarks.sound_renders import fluidsynth, mono, tessera
from build_scripts.timbre import DRUM_KEYS, VELOCITIES
from build_scripts.timbre.drum_table import TABLE_PATH, drum_envelopes
from engine.sound.drum_table import TABLE_NAME, DrumTable
from engine.sound.render import NoteRenderer
from engine.sound.timbre import TimbreModel, TimbreModelError

SHORT_HITS = (37, 61, 70)
"""Side stick, low bongo, maracas: hits that die in 50-220 ms, which the net's frames alone
rang on 1.4-1.7x as long as FluidSynth's."""


@pytest.fixture(scope="module")
def table() -> DrumTable:
    return DrumTable.load(TABLE_PATH)


def test_the_shipped_table_is_what_the_builder_makes_from_the_renders(table: DrumTable) -> None:
    assert table.keys == DRUM_KEYS
    assert table.velocities == VELOCITIES
    rebuilt = drum_envelopes().astype(np.float32)
    assert rebuilt.shape == table.envelopes.shape
    assert np.abs(rebuilt - table.envelopes).max() < 0.01  # float16 steps, not another table


def test_velocities_between_the_training_ones_blend_and_outside_them_hold(
    table: DrumTable,
) -> None:
    rows = table.envelopes[DRUM_KEYS.index(38)]
    frames = rows.shape[1]

    def at(velocity: int) -> np.ndarray:
        found = table.envelope(38, velocity, frames)
        assert found is not None
        return found

    assert np.array_equal(at(80), rows[1])
    assert np.allclose(at(100), 0.5 * rows[1] + 0.5 * rows[2])
    assert np.array_equal(at(1), rows[0])
    assert np.array_equal(at(127), rows[2])
    assert table.envelope(34, 80, frames) is None  # not a key of the kit
    longer = table.envelope(38, 80, frames + 5)
    assert longer is not None
    assert np.all(longer[frames:] == -1.0)


def _decay_misses(model: TimbreModel) -> list[float]:
    """How far each short hit's decay (to -30 dB) is from FluidSynth's, as |log2| ratios."""
    renders = {
        "FluidSynth": mono(fluidsynth()),
        "Tessera timbre": tessera(NoteRenderer(model), standard=False),
    }
    drums = measure_drums(SHORT_HITS, renders)
    return [abs(float(np.log2(d.decay["Tessera timbre"] / d.decay["FluidSynth"]))) for d in drums]


def test_the_shipped_model_with_its_table_dies_as_fluidsynths_short_hits_do() -> None:
    model = TimbreModel()
    assert model.drum_table is not None
    with_table = _decay_misses(model)
    model.drum_table = None
    without = _decay_misses(model)
    assert all(miss < np.log2(1.3) for miss in with_table), with_table
    assert all(a < b for a, b in zip(with_table, without, strict=True)), (with_table, without)


def test_a_damaged_table_is_named_with_its_fix(tmp_path: Path) -> None:
    folder = tmp_path / "timbre"
    shutil.copytree(TABLE_PATH.parent, folder, ignore=shutil.ignore_patterns("cache", "*.pt"))
    (folder / TABLE_NAME).write_bytes(b"not a table")
    with pytest.raises(TimbreModelError, match=r"drum table .* cannot be read.*drum_table"):
        TimbreModel(folder)
