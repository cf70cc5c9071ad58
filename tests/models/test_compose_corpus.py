"""What the compose operations assume about the shipped model's training corpus."""

from __future__ import annotations

from build_scripts.corpus import MANIFEST_PATH
from build_scripts.corpus.manifest import read_rows
from engine.compose.cell_writer import TRAINED_PROGRAMS, model_program


def test_trained_programs_are_the_training_splits_programs() -> None:
    seen = {
        int(program)
        for row in read_rows(MANIFEST_PATH)
        if row["split"] == "train"
        for program in row["programs"].split()
        if program.isdigit()
    }
    assert set(TRAINED_PROGRAMS) == seen


def test_unknown_instruments_are_shown_as_a_known_one_of_their_register() -> None:
    assert model_program(42) == 42
    assert model_program(33) == 42  # a bass is shown as a cello
    assert model_program(4) == 0  # an electric piano as the piano
    assert all(model_program(p) in TRAINED_PROGRAMS for p in range(128))
