"""The timbre model's drum table (`engine.sound.drum_table`): each drum key's envelope from its
own training renders, written into the drum frames the net samples."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import numpy as np
import pytest

from benchmarks.sound_reference import measure_drums
from benchmarks.sound_renders import fluidsynth, mono, tessera
from build_scripts.timbre import DRUM_KEYS, VELOCITIES
from build_scripts.timbre.drum_table import TABLE_PATH, drum_levels, release_rates
from engine.sound.drum_envelope import (
    BANDS,
    DIFFERENCE_SPAN_DB,
    ENVELOPE_STEPS,
    unit_to_difference,
)
from engine.sound.drum_table import TABLE_NAME, DrumTable, released
from engine.sound.render import NoteRenderer
from engine.sound.timbre import TimbreModel, TimbreModelError

SHORT_HITS = (37, 61, 70, 75)
"""Side stick, low bongo, maracas, claves: hits that die in 28-220 ms, which the net's frames
alone rang on 1.4-2x as long as FluidSynth's (the claves 2x even with the first table, which
added FluidSynth's shape to the net's frames rather than setting it)."""


@pytest.fixture(scope="module")
def table() -> DrumTable:
    return DrumTable.load(TABLE_PATH)


def test_the_shipped_table_is_what_the_builder_makes_from_the_renders(table: DrumTable) -> None:
    assert table.keys == DRUM_KEYS
    assert table.velocities == VELOCITIES
    rebuilt = drum_levels().astype(np.float32)
    assert rebuilt.shape == table.levels.shape
    assert np.abs(rebuilt - table.levels).max() < 0.1  # float16 steps of dB, not another table
    # Each hit's loudest point lies near the loudest its frames read (its 5 ms peak is louder
    # than the 40 ms frames' smoothed one, never 12 dB more), and its tail far under it.
    keys, velocities, frames, _ = table.levels.shape
    bands = table.levels.reshape(keys, velocities, frames, BANDS, ENVELOPE_STEPS)
    peaks = bands.max(axis=(2, 4))
    assert np.all((peaks > -3.0) & (peaks < 12.0))
    claves = table.levels[DRUM_KEYS.index(75)]
    assert np.all(claves[:, 10:] < -30.0)  # a hit that falls 30 dB in 28 ms, 0.2 s on


def test_velocities_between_the_training_ones_blend_and_outside_them_hold(
    table: DrumTable,
) -> None:
    rows = table.levels[DRUM_KEYS.index(38)]

    def at(velocity: int) -> np.ndarray:
        found = table.shape(38, velocity)
        assert found is not None
        return found

    assert np.array_equal(at(80), rows[1])
    assert np.allclose(at(100), 0.5 * rows[1] + 0.5 * rows[2])
    assert np.array_equal(at(1), rows[0])
    assert np.array_equal(at(127), rows[2])
    assert table.shape(34, 80) is None  # not a key of the kit


def test_a_hit_takes_fluidsynths_shape_at_the_level_of_the_nets_frames(table: DrumTable) -> None:
    """Frames that ring on (a level falling 0.5 dB a frame where FluidSynth's claves are gone)
    are cut to the table's shape, moved to the frames' loudest: the heard envelope is the
    table's plus that loudest, point by point, within the 20 dB the differences span."""
    shape = table.shape(75, 80)
    assert shape is not None
    frames = len(shape)
    ringing = np.repeat(-20.0 - 0.5 * np.arange(frames, dtype=np.float64), ENVELOPE_STEPS)
    reference = np.tile(ringing.reshape(frames, ENVELOPE_STEPS), (1, BANDS))
    units = table.envelope(75, 80, reference)
    assert units is not None
    heard = reference + unit_to_difference(units)
    wanted = np.clip(-20.0 + shape, reference - DIFFERENCE_SPAN_DB, reference + DIFFERENCE_SPAN_DB)
    assert np.allclose(heard, wanted, atol=1e-3)
    assert heard[5:].max() < reference[5:].max() - 10.0  # dies where the frames ring on
    # A frame that is silent keeps its silence, and a key not in the kit has no envelope.
    reference[10:] = -200.0
    silent = table.envelope(75, 80, reference)
    assert silent is not None
    assert np.all(unit_to_difference(silent[10:]) == 0.0)
    assert table.envelope(34, 80, reference) is None


def _decay_misses(model: TimbreModel, keys: tuple[int, ...] = SHORT_HITS) -> list[float]:
    """How far each hit's decay (to -30 dB) is from FluidSynth's, as |log2| ratios."""
    renders = {
        "FluidSynth": mono(fluidsynth()),
        "Tessera timbre": tessera(NoteRenderer(model), standard=False),
    }
    drums = measure_drums(keys, renders)
    return [abs(float(np.log2(d.decay["Tessera timbre"] / d.decay["FluidSynth"]))) for d in drums]


def test_the_shipped_release_rates_are_what_the_builder_measures(table: DrumTable) -> None:
    """Each key's fall after its note-off, measured again from FluidSynth's renders: the long
    and short whistles held while down (gone 60 ms after), the cymbals ringing on."""
    rebuilt = release_rates()
    assert rebuilt.keys() == table.release_rates.keys()
    for key, rate in rebuilt.items():
        assert table.release_rates[key] == pytest.approx(rate, rel=1e-4)
    assert min(table.release_rates[71], table.release_rates[72]) > 500.0
    assert max(table.release_rates[key] for key in (46, 49, 51, 57)) < 10.0


def test_a_released_hit_falls_from_its_note_off_at_its_rate() -> None:
    audio = np.ones(1000, dtype=np.float32)
    out = released(audio, 200, 100.0, 1000)  # 100 dB a second: 20 dB in 0.2 s
    assert np.all(out[:200] == 1.0)
    assert 20 * np.log10(out[400]) == pytest.approx(-20.0, abs=0.01)
    assert np.all(np.diff(out[200:]) < 0.0)
    assert released(audio, 1000, 100.0, 1000) is audio


def test_held_drum_sounds_stop_with_their_note_as_fluidsynths_do() -> None:
    """The long whistle and the cuicas struck for an eighth note (the net's hit is always its
    0.5 s training length) die within 30 % of FluidSynth's; without the release rates the
    whistle and the mute cuica rang on 1.3x or longer."""
    held = (72, 78, 79)
    model = TimbreModel()
    assert all(miss < np.log2(1.3) for miss in _decay_misses(model, held))
    assert model.drum_table is not None
    model.drum_table = dataclasses.replace(model.drum_table, release_rates={})
    ringing = _decay_misses(model, held)
    assert ringing[0] > np.log2(1.3)
    assert ringing[1] > np.log2(1.3)


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
