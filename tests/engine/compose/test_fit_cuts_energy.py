"""A video's sections are written at their exact energy, not their role's default: three
verses fitted at 0.2, 0.5 and 0.9 come out with more notes per bar and a higher mean
velocity as the energy rises (the real model); given energies, a section repeats an earlier
one of its kind only at a like energy; without them a form plans exactly as before."""

from __future__ import annotations

import statistics

import pytest

from engine.compose.controls import ComposeError
from engine.compose.fit_cuts import CutFit, FittedSection
from engine.compose.forms import REPEAT_ENERGY_SPAN, parse_form, plan_form
from engine.compose.midi_model import MidiModel
from engine.compose.operations import generate
from engine.compose.plan import FormError
from engine.compose.requests import Generate
from engine.song.song import KeySignatureChange, Song

KEY = KeySignatureChange(0, 0, "minor")


def _verses(levels: list[float], bars: int) -> CutFit:
    """Fitted sections all in the verse role, one per level, as `fit_cuts` makes them."""
    return CutFit(
        tuple(
            FittedSection("verse", bars, 80.0, index * 6.0, (index + 1) * 6.0, level)
            for index, level in enumerate(levels)
        ),
        (4, 4),
        (),
    )


def _per_section(song: Song) -> list[tuple[float, float]]:
    """(notes per bar, mean velocity) of each section, every track together."""
    out = []
    for section in song.sections:
        notes = [
            note
            for track in range(len(song.tracks))
            for bar in range(section.first_bar, section.first_bar + section.bars)
            for note in song.notes_in_bar(track, bar)
        ]
        assert notes, f"section {section.name} is silent"
        out.append((len(notes) / section.bars, statistics.mean(n.velocity for n in notes)))
    return out


def test_the_notes_follow_each_sections_exact_energy(midi_model: MidiModel) -> None:
    levels = [0.2, 0.5, 0.9]
    fit = _verses(levels, bars=2)
    assert fit.form == "verse:2 verse:2 verse:2"
    assert fit.energies == (0.2, 0.5, 0.9)
    request = Generate(preset="lofi", form=fit.form, energies=fit.energies, style="lofi")
    song = generate(midi_model, request, seed=0)
    assert [s.role for s in song.sections] == ["verse"] * 3
    assert [s.energy for s in song.sections] == levels
    measured = _per_section(song)
    density = [notes for notes, _velocity in measured]
    loudness = [velocity for _notes, velocity in measured]
    assert density[0] < density[1] < density[2], measured
    assert loudness[0] < loudness[1] < loudness[2], measured
    assert loudness[2] - loudness[0] > 20, measured


def test_given_energies_a_section_repeats_only_one_at_a_like_energy() -> None:
    form = parse_form("verse:4 verse:4 verse:4 chorus:4", "pop")
    apart = plan_form("pop", KEY, form, 1, energies=(0.3, 0.8, 0.3 + REPEAT_ENERGY_SPAN, 0.9))
    assert [p.source for p in apart.phrases] == [None, None, 0, None]
    assert [s.energy for s in apart.sections] == [0.3, 0.8, 0.4, 0.9]
    plain = plan_form("pop", KEY, form, 1)
    assert [p.source for p in plain.phrases] == [None, 0, 0, None]
    assert [s.energy for s in plain.sections] == [None, None, None, None]


def test_energies_that_do_not_fit_the_form_are_refused() -> None:
    form = parse_form("verse:4 chorus:4", "pop")
    with pytest.raises(FormError, match="3 section energies were given for a form of 2"):
        plan_form("pop", KEY, form, 1, energies=(0.1, 0.2, 0.3))
    with pytest.raises(FormError, match=r"energies\[1\] must be a number from 0 to 1, got 1.5"):
        plan_form("pop", KEY, form, 1, energies=(0.1, 1.5))
    with pytest.raises(ComposeError, match="section energies need a form of roles"):
        generate(None, Generate(preset="lofi", form="AABA", energies=(0.5,)), 0)  # type: ignore[arg-type]
