"""The timbre card says how its figures were sampled, and says it of the sampler the app runs;
rewriting only its metrics keeps every other field and a card the engine still loads."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from engine.runtime.cards import ModelLoadError
from engine.sound.sampler import SAMPLERS, ddim_sample
from engine.sound.timbre import (
    DEFAULT_MODEL_DIR,
    DEFAULT_SAMPLER,
    DEFAULT_STEPS,
    DEFAULT_TEMPERATURE,
    TimbreModel,
    from_gm,
)
from models.timbre.evaluate import EVALUATION_RATE_HZ, SWEEP, Sampling
from models.timbre.export import main as export_main
from models.timbre.export import rewrite_metrics


def _card(folder: Path = DEFAULT_MODEL_DIR) -> dict[str, object]:
    card: dict[str, object] = json.loads((folder / "card.json").read_text(encoding="utf-8"))
    return card


def test_the_shipped_metrics_name_the_sampler_the_app_runs() -> None:
    metrics = _card()["metrics"]
    assert isinstance(metrics, dict)
    assert SAMPLERS[metrics["sampler"]] is DEFAULT_SAMPLER
    assert metrics["sampler_steps"] == DEFAULT_STEPS
    assert metrics["sampler_temperature"] == DEFAULT_TEMPERATURE
    assert Sampling() == Sampling(metrics["sampler"], DEFAULT_STEPS, DEFAULT_TEMPERATURE)


def test_the_sweep_measures_the_old_ten_ddim_steps_beside_the_apps_sampler() -> None:
    metrics = _card()["metrics"]
    assert isinstance(metrics, dict)
    sweep = metrics["sampler_settings_on_train_notes"]
    assert list(sweep) == [str(row) for row in SWEEP]
    assert str(Sampling()) in sweep
    assert "ddim, 10 steps, temperature 0.6" in sweep
    # every figure at basic-pitch's rate, whatever rate the model was trained at
    assert metrics["evaluation_rate_hz"] == EVALUATION_RATE_HZ == 22_050


def test_a_sampling_renders_with_its_own_sampler(timbre_model: TimbreModel) -> None:
    ref = from_gm(timbre_model.space, 73)
    ddim = Sampling("ddim", 10).render(timbre_model, ref, (72, 90, 0.5), is_drum=False)
    direct = timbre_model.render_note(
        ref, 72, 90, 0.5, steps=10, sampler=ddim_sample, sample_rate_hz=EVALUATION_RATE_HZ
    )
    assert np.array_equal(ddim, direct)
    default = Sampling().render(timbre_model, ref, (72, 90, 0.5), is_drum=False)
    assert not np.array_equal(ddim, default)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    copy = tmp_path / "timbre"
    copy.mkdir()
    for name in ("model.onnx", "space.json", "card.json", "card.sha256"):
        shutil.copy(DEFAULT_MODEL_DIR / name, copy / name)
    return copy


def test_rewriting_the_metrics_keeps_the_rest_and_loads(folder: Path, tmp_path: Path) -> None:
    before = _card(folder)
    figures = tmp_path / "metrics.json"
    figures.write_text(json.dumps({"sampler": "ddim", "sampler_steps": 3}), encoding="utf-8")
    export_main(
        ["--metrics-only", str(folder), "--metrics", str(figures), "--keep-previous-as", "old"]
    )
    after = _card(folder)
    assert after["metrics"] == {"sampler": "ddim", "sampler_steps": 3}
    assert after["old"] == before["metrics"]
    assert {k: v for k, v in after.items() if k not in ("metrics", "old")} == {
        k: v for k, v in before.items() if k != "metrics"
    }
    assert TimbreModel(folder).card["metrics"]["sampler_steps"] == 3  # sealed again
    with pytest.raises(ValueError, match="already has 'old'"):
        rewrite_metrics(folder, {}, "old")
    assert _card(folder)["old"] == before["metrics"]


def test_a_card_edited_by_hand_is_not_sealed_again(folder: Path, tmp_path: Path) -> None:
    text = (folder / "card.json").read_text(encoding="utf-8")
    (folder / "card.json").write_text(text.replace('"parameters": ', '"parameters": 1'))
    with pytest.raises(ModelLoadError, match=r"does not match card\.sha256"):
        rewrite_metrics(folder, {"sampler_steps": 4}, None)
    figures = tmp_path / "metrics.json"
    figures.write_text('{"sampler_steps": 4}', encoding="utf-8")
    with pytest.raises(SystemExit, match=r"does not match card\.sha256"):
        export_main(["--metrics-only", str(folder), "--metrics", str(figures)])


def test_metrics_that_are_not_an_object_are_refused(folder: Path) -> None:
    with pytest.raises(ValueError, match="must be a JSON object, got list"):
        rewrite_metrics(folder, [1, 2], None)  # type: ignore[arg-type]
    assert _card(folder) == _card()


def test_metrics_only_takes_no_checkpoint(folder: Path) -> None:
    with pytest.raises(SystemExit):
        export_main(["some.pt", "--metrics-only", str(folder), "--metrics", "m.json"])
    with pytest.raises(SystemExit):
        export_main(["--metrics-only", str(folder)])
    with pytest.raises(SystemExit):
        export_main(["some.pt", str(folder), "--keep-previous-as", "old"])
