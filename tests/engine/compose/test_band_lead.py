"""A band's lead and a quartet's first violin start at least a few notes in their first bar
(`Voice.least_onsets`): every later bar follows the bars before it, and left to the model one
new jazz lead and one latin lead in ten played a single long note a bar for a whole song, and
some new quartets' first violins did (seed 6: one note a bar in 15 of 16 bars)."""

from __future__ import annotations

import statistics
from pathlib import Path

import pytest

from engine.compose import energy
from engine.compose.control_tokens import BarControls
from engine.compose.controls import Guides
from engine.compose.fill_limits import HardConstraints
from engine.compose.midi_model import MidiModel
from engine.compose.operations import Generate, apply
from engine.compose.preset_files import PresetFileError
from engine.compose.presets import ENSEMBLES_FILE, PRESETS, load_presets
from engine.song.sections import Section
from engine.song.song import Song, TimeSignatureChange, Track


def test_every_band_lead_and_the_first_violin_have_a_least_count_and_nothing_else_does() -> None:
    for name, preset in PRESETS.items():
        band = any(voice.is_drum for voice in preset.voices)
        held = band or name == "string-quartet"
        assert preset.voices[0].least_onsets == (3 if held else None), name
        assert all(voice.least_onsets is None for voice in preset.voices[1:]), name


def test_least_onsets_belong_to_a_pitched_part(tmp_path: Path) -> None:
    ensembles = ENSEMBLES_FILE.read_text(encoding="utf-8")
    bad = tmp_path / "ensembles.toml"
    bad.write_text(
        ensembles.replace(
            'drums = true, range = "B1-B3"', 'drums = true, range = "B1-B3", least_onsets = 2', 1
        ),
        encoding="utf-8",
    )
    with pytest.raises(PresetFileError, match="'least_onsets' is for a pitched part"):
        load_presets(bad)


def test_only_a_parts_first_bar_is_held_to_its_least_count() -> None:
    guides = Guides(BarControls(), HardConstraints(), least_onsets=3)
    waltz = Song(
        bar_count=2,
        tracks=(Track("Lead", 73),),
        time_signatures=(TimeSignatureChange(0, 3, 4),),
        sections=(Section(0, 2, "A", "strain"),),
    )
    first = energy.with_energy(guides, waltz, (0, 0), pending=frozenset({(0, 0), (0, 1)}))
    assert first.limits.min_onsets == 2  # 3 a 4/4 bar, scaled to a 3/4 bar
    free = Guides(BarControls(), HardConstraints())
    assert energy.with_energy(free, waltz, (0, 0), frozenset({(0, 0)})).limits.min_onsets == 0


def _lead_onsets(model: MidiModel, preset: str = "jazz", seed: int = 3) -> float:
    """The median onsets a bar of the first part of the new song whose lead, left to the model,
    played one long note a bar for 16 bars (jazz at seed 3, a quartet at seed 6)."""
    song = apply(model, None, Generate(preset, bars=16), seed)
    return statistics.median(
        len({note.start_tick for note in song.notes_in_bar(0, bar)}) for bar in range(16)
    )


def test_a_new_jazz_lead_plays_a_line_not_a_note_a_bar(
    midi_model: MidiModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _lead_onsets(midi_model) >= 3
    monkeypatch.setattr(energy, "_at_least_home_onsets", lambda guides, song, bar: guides)
    assert _lead_onsets(midi_model) == 1


def test_a_new_quartets_first_violin_plays_a_line_not_a_note_a_bar(
    midi_model: MidiModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _lead_onsets(midi_model, "string-quartet", 6) >= 3
    monkeypatch.setattr(energy, "_at_least_home_onsets", lambda guides, song, bar: guides)
    assert _lead_onsets(midi_model, "string-quartet", 6) == 1
