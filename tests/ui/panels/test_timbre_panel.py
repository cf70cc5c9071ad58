"""The timbre panel, offscreen, on the real timbre model and a real ProjectSession.

Every button is clicked as a composer would and must change the selected track's timbre to
exactly what the engine's pure functions give, as one undo step that undo takes back to the
exact previous ref. Auditioning what the panel makes is tested in `test_timbre_audition`.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from pytestqt.qtbot import QtBot

from engine.song.song import TimbreRef
from engine.sound.render import NoteRenderer
from engine.sound.timbre import (
    DESCRIBE_SCALE,
    TimbreModelError,
    from_gm,
    generate,
    interpolate,
    nudge,
)
from engine.studio.models import Models
from engine.studio.session import ProjectSession
from tests.ui.panels.timbre_bench import CELLO, VIOLIN, Bench, _bench, _song
from tests.ui.panels.visible_text import code_like, controls, visible_texts
from ui.panels.timbre import DESCRIPTORS, FRESH_SEEDS, TimbrePanel


@pytest.fixture
def bench(qtbot: QtBot, tmp_path: Path, renderer: NoteRenderer) -> Bench:
    return _bench(qtbot, tmp_path, renderer)


def test_generate_is_reproducible_and_one_undo_step(bench: Bench) -> None:
    panel = bench.panel
    panel.seed.setValue(1234)
    ref = bench.one_step(
        VIOLIN, panel.generate_button.click, "Generate timbre of Violin (seed 1234)"
    )
    assert ref == generate(bench.space, 1234)
    assert panel.kind.text() == "A generated sound (no. 1234)"
    assert panel.lock_state.text() == "Locked"
    panel.set_track(CELLO)
    panel.seed.setValue(1234)
    panel.generate_button.click()
    assert bench.timbre(CELLO) == bench.timbre(VIOLIN)  # the same seed, the same timbre
    rerolled = bench.one_step(
        CELLO,
        panel.reroll_button.click,
        lambda: f"Generate timbre of Cello (seed {panel.seed.value()})",
    )
    assert rerolled.seed == panel.seed.value() != 1234
    assert rerolled == generate(bench.space, panel.seed.value())


def test_the_panel_speaks_in_sounds_not_numbers(bench: Bench) -> None:
    """Every control says what it does to the sound; the seeds sit under a folded Advanced;
    the direction is a short number with a button for another; nothing reads like code."""
    panel = bench.panel
    found = controls(panel)
    assert len(found) >= 15
    assert [type(w).__name__ for w in found if not w.toolTip().strip()] == []
    tips = {key: panel.descriptor_buttons[key].toolTip() for key, _text, _verb in DESCRIPTORS}
    assert "high frequencies" in tips["brighter"]
    assert "warmer" in tips["darker"]
    assert "gently" in tips["softer_attack"]
    assert "plucked" in tips["harder_attack"]
    assert not panel.advanced.is_expanded()
    for seed_box in (panel.seed, panel.direction_seed):
        assert panel.advanced.body.isAncestorOf(seed_box)
        assert not seed_box.isVisibleTo(panel)
    panel.direction_seed.setValue(41)
    assert panel.direction.text() == "Direction 41"
    panel.another_direction.click()
    assert panel.direction.text() == "Direction 42"
    assert panel.direction_seed.value() == 42  # the same direction, reachable under Advanced
    bench.one_step(VIOLIN, panel.nudge_button.click, "Nudge timbre of Violin (0.30, direction 42)")
    assert panel.direction.text() == "Direction 43"  # each Nudge takes the next one
    panel.reroll_button.click()
    new_sound = bench.timbre(VIOLIN).seed
    assert new_sound is not None
    assert 0 < new_sound < FRESH_SEEDS  # a new sound with a short number
    texts = visible_texts(panel)
    assert "Try another sound" in texts
    assert code_like(texts) == []
    panel.advanced.set_expanded(True)
    assert panel.seed.isVisibleTo(panel)


def test_lock_keeps_the_gm_sound_and_reset_to_gm_unlocks(
    bench: Bench, renderer: NoteRenderer
) -> None:
    panel = bench.panel
    assert panel.kind.text() == "General MIDI: Violin"
    assert panel.lock_state.text().startswith("Not locked")
    assert "seed and vector" in panel.lock_state.toolTip()
    assert panel.lock_button.isEnabled()
    assert not panel.reset_button.isEnabled()
    locked = bench.one_step(VIOLIN, panel.lock_button.click, "Lock timbre of Violin")
    assert locked == from_gm(bench.space, 40)
    assert not panel.lock_button.isEnabled()
    assert panel.reset_button.isEnabled()
    model = renderer.model
    heard_locked = model.render_note(locked, 67, 90, 0.5, program=40)
    heard_default = model.render_note(TimbreRef(), 67, 90, 0.5, program=40)
    assert np.array_equal(heard_locked, heard_default)  # locking does not change the sound
    reset = bench.one_step(VIOLIN, panel.reset_button.click, "Reset timbre of Violin to GM")
    assert reset == TimbreRef()
    assert panel.kind.text() == "General MIDI: Violin"


def test_nudge_strength_sets_how_far_it_moves(bench: Bench) -> None:
    panel = bench.panel
    panel.seed.setValue(5)
    panel.generate_button.click()
    start = bench.timbre(VIOLIN)
    steps = len(bench.session.history.past)
    panel.strength.setValue(0)
    panel.nudge_button.click()
    assert bench.timbre(VIOLIN) == start  # strength 0 leaves the vector as it was
    assert len(bench.session.history.past) == steps
    assert panel.status.text().endswith("no change")
    distances = []
    for percent in (20, 80):
        panel.strength.setValue(percent)
        panel.direction_seed.setValue(77)
        label = f"Nudge timbre of Violin ({percent / 100:.2f}, direction 77)"
        moved = bench.one_step(VIOLIN, panel.nudge_button.click, label)
        assert moved == nudge(bench.space, start, percent / 100, 77)
        assert panel.direction_seed.value() != 77  # a new direction for the next click
        distances.append(np.linalg.norm(np.subtract(moved.vector, start.vector)))
        bench.undo()
    assert 0 < distances[0] < distances[1]
    assert distances[1] == pytest.approx(4 * distances[0])


def test_nudging_a_gm_timbre_starts_from_the_instrument(bench: Bench) -> None:
    panel = bench.panel
    panel.set_track(CELLO)
    panel.strength.setValue(50)
    panel.direction_seed.setValue(9)
    moved = bench.one_step(
        CELLO, panel.nudge_button.click, "Nudge timbre of Cello (0.50, direction 9)"
    )
    assert moved == nudge(bench.space, from_gm(bench.space, 42), 0.5, 9)
    assert panel.description.text().startswith("distance 0.50")


def test_descriptors_move_along_their_direction(bench: Bench) -> None:
    panel = bench.panel
    panel.lock_button.click()
    base = bench.timbre(VIOLIN)
    panel.strength.setValue(40)
    for key, _text, verb in DESCRIPTORS:
        moved = bench.one_step(VIOLIN, panel.descriptor_buttons[key].click, f"{verb} Violin (0.40)")
        step = np.subtract(moved.vector, base.vector)
        assert np.allclose(step, DESCRIBE_SCALE * 0.4 * bench.space.descriptors[key])
        assert moved.seed == base.seed
        assert f"{key.replace('_', ' ')} 0.40" in panel.description.text()
        bench.undo()
        assert bench.timbre(VIOLIN) == base


def test_interpolate_fraction_gives_the_endpoints(bench: Bench) -> None:
    panel = bench.panel
    panel.seed.setValue(11)
    panel.generate_button.click()
    start = bench.timbre(VIOLIN)
    names = [panel.other_track.itemText(i) for i in range(panel.other_track.count())]
    assert names == ["2: Cello", "3: Kit"]
    panel.other_track.setCurrentIndex(0)
    steps = len(bench.session.history.past)
    panel.fraction.setValue(0)
    panel.interpolate_button.click()
    assert bench.timbre(VIOLIN) == start  # fraction 0 is this track's timbre
    assert len(bench.session.history.past) == steps
    cello = from_gm(bench.space, 42)
    panel.fraction.setValue(100)
    label = "Interpolate timbre of Violin toward Cello (1.00)"
    whole = bench.one_step(VIOLIN, panel.interpolate_button.click, label)
    assert np.allclose(whole.vector, cello.vector)
    assert whole.seed == 11  # the noise stays this track's
    bench.undo()
    panel.fraction.setValue(50)
    label = "Interpolate timbre of Violin toward Cello (0.50)"
    half = bench.one_step(VIOLIN, panel.interpolate_button.click, label)
    assert half == interpolate(start, cello, 0.5)


def test_a_click_before_the_model_has_loaded_is_carried_out_once(
    qtbot: QtBot, tmp_path: Path, renderer: NoteRenderer
) -> None:
    bench = _bench(qtbot, tmp_path, renderer, show=False)
    panel = bench.panel
    assert panel.renderer is None
    panel.seed.setValue(3)
    panel.generate_button.click()
    assert panel.status.text() == "loading the timbre model…"
    qtbot.waitUntil(lambda: bench.session.history.can_undo, timeout=30_000)
    qtbot.waitUntil(lambda: not panel.jobs.busy)
    assert len(bench.session.history.past) == 1
    assert bench.timbre(VIOLIN) == generate(bench.space, 3)


def test_a_model_that_cannot_load_is_a_message(qtbot: QtBot, tmp_path: Path) -> None:
    def broken() -> NoteRenderer:
        raise TimbreModelError("no timbre model card at models/timbre/card.json: reinstall")

    session = ProjectSession(tmp_path / "recovery", _song())
    panel = TimbrePanel(lambda: session.song, session.apply_edit, Models(renderer=broken))
    qtbot.addWidget(panel)
    panel.set_track(VIOLIN)
    panel.generate_button.click()
    qtbot.waitUntil(lambda: "could not load" in panel.status.text(), timeout=10_000)
    assert "reinstall" in panel.status.text()
    assert not session.history.can_undo
    assert panel.isEnabled()


def test_no_track_disables_the_panel(bench: Bench) -> None:
    panel = bench.panel
    assert panel.isEnabled()
    panel.set_track(None)
    assert not panel.isEnabled()
    panel.set_track(7)  # past the end, as after a track was removed
    assert not panel.isEnabled()
    assert panel.track_index is None
