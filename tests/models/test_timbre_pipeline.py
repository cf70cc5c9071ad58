"""The timbre pipeline end to end on a tiny model and a few real FluidSynth notes: render,
analyse, train, resume, export, ONNX/torch parity, and loading the export in the engine."""

from __future__ import annotations

import dataclasses
import json
import tempfile
from pathlib import Path

import numpy as np
import numpy.typing as npt
import onnxruntime as ort
import pytest
import torch

from build_scripts.timbre import DRUM_PROGRAM, SPLITS, WINDOW_FRAMES, NoteSpec
from build_scripts.timbre.analysis import audio_to_controls
from build_scripts.timbre.render import render_notes
from engine.song.song import TIMBRE_DIMENSION
from engine.sound.synth import (
    ANALYSIS_RATE_HZ,
    CHANNEL_COUNT,
    CONTOUR_CHANNELS,
    controls_to_audio,
)
from engine.sound.timbre import DEFAULT_MODEL_DIR, TimbreModel, TimbreModelError, from_gm
from models.timbre.export import load_checkpoint
from models.timbre.export import main as export_main
from models.timbre.metrics import spectral_distance
from models.timbre.model import DenoiserConfig, TimbreDenoiser, preconditioning
from models.timbre.train import draw_times, widened
from models.timbre.train import main as train_main

TINY_NOTES = [
    NoteSpec(program, pitch, velocity, duration, split)
    for program, pitches in ((0, (55, 67)), (73, (72, 79)))
    for pitch, split in zip(pitches, ("train", "test_pitch"), strict=True)
    for velocity in (60, 110)
    for duration in (0.5, 2.0)
] + [NoteSpec(DRUM_PROGRAM, key, 100, 0.5, "train") for key in (36, 38, 42)]


@pytest.fixture(scope="module")
def tiny_dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    controls = []
    for program in (0, 73, DRUM_PROGRAM):
        notes = [n for n in TINY_NOTES if n.program == program]
        controls += [
            audio_to_controls(audio, n.pitch, WINDOW_FRAMES, is_drum=n.is_drum)
            for audio, n in zip(render_notes(notes), notes, strict=True)
        ]
    path = tmp_path_factory.mktemp("timbre") / "dataset.npz"
    np.savez(
        path,
        controls=np.stack(controls).astype(np.float16),
        program=np.array([n.program for n in TINY_NOTES], dtype=np.int16),
        pitch=np.array([n.pitch for n in TINY_NOTES], dtype=np.int16),
        velocity=np.array([n.velocity for n in TINY_NOTES], dtype=np.int16),
        duration=np.array([n.duration_seconds for n in TINY_NOTES], dtype=np.float32),
        split=np.array([SPLITS.index(n.split) for n in TINY_NOTES], dtype=np.int8),
    )
    return path


def test_resynthesis_is_far_closer_to_the_soundfont_than_a_sine() -> None:
    notes = [n for n in TINY_NOTES if n.program == 0]
    for audio, note in zip(render_notes(notes), notes, strict=True):
        controls = audio_to_controls(audio, note.pitch, WINDOW_FRAMES, is_drum=False)
        resynthesis = controls_to_audio(controls, note.pitch, sample_rate_hz=ANALYSIS_RATE_HZ)
        level = np.sqrt(np.mean(audio**2) * 2)
        time_s = np.arange(len(resynthesis)) / ANALYSIS_RATE_HZ
        sine = (level * np.sin(2 * np.pi * 440 * 2 ** ((note.pitch - 69) / 12) * time_s)).astype(
            np.float32
        )
        ours = spectral_distance(audio, resynthesis)
        assert ours < 0.6 * spectral_distance(audio, sine)
        rms_ratio = np.sqrt(np.mean(resynthesis**2) / np.mean(audio[: len(resynthesis)] ** 2))
        assert 0.8 < rms_ratio < 1.25


def _tiny_args(out: Path, data: Path, steps: int) -> list[str]:
    return [
        "--out", str(out), "--data", str(data), "--steps", str(steps), "--batch-size", "4",
        "--width", "32", "--blocks", "5", "--timbre-dim", str(TIMBRE_DIMENSION),
        "--eval-every", "5", "--checkpoint-every", "5", "--warmup", "2",
    ]  # fmt: skip
    # The timbre size is the app's: a song's timbre vectors are checked against it on load.


def test_train_resume_export_and_parity(tiny_dataset: Path, tmp_path: Path) -> None:
    run = tmp_path / "run"
    train_main(_tiny_args(run, tiny_dataset, 10))
    first = torch.load(run / "checkpoint.pt", weights_only=False)
    assert first["step"] == 10
    train_main([*_tiny_args(run, tiny_dataset, 15), "--resume"])
    log = [json.loads(line) for line in (run / "log.jsonl").read_text().splitlines()]
    assert [r["step"] for r in log] == [5, 10, 15]
    assert all(np.isfinite(r["validation_loss"]) for r in log)

    folder = tmp_path / "model"
    export_main([str(run / "checkpoint.pt"), str(folder), "--data", str(tiny_dataset)])
    card = json.loads((folder / "card.json").read_text())
    assert card["training"]["steps"] == 15
    assert card["architecture"]["width"] == 32

    model, _ = load_checkpoint(run / "checkpoint.pt")
    session = ort.InferenceSession(str(folder / "model.onnx"), providers=["CPUExecutionProvider"])
    rng = np.random.default_rng(0)
    feeds = {
        "x": rng.standard_normal((3, 128, CHANNEL_COUNT)).astype(np.float32),
        "t": np.array([0.1, 0.5, 0.9], np.float32),
        "timbre": rng.standard_normal((3, TIMBRE_DIMENSION)).astype(np.float32),
        "pitch": np.array([40, 60, 90], np.float32),
        "velocity": np.array([30, 80, 127], np.float32),
        "duration": np.array([0.3, 1.0, 2.0], np.float32),
        "is_drum": np.array([0, 0, 1], np.float32),
    }
    with torch.no_grad():
        expected = model(*(torch.from_numpy(v) for v in feeds.values())).numpy()
    (got,) = session.run(["x0"], feeds)
    np.testing.assert_allclose(got, expected, atol=1e-4)

    engine_model = TimbreModel(folder, threads=1)
    ref = from_gm(engine_model.space, 73, seed=3)
    audio = engine_model.render_note(ref, 72, 100, 1.0, steps=4)
    assert np.isfinite(audio).all()
    assert np.array_equal(audio, engine_model.render_note(ref, 72, 100, 1.0, steps=4))


def test_a_run_can_start_from_an_exported_model(tiny_dataset: Path, tmp_path: Path) -> None:
    """--init-from loads an export's weights and architecture; with a zero learning rate the
    new run's net and average are still exactly those weights after its steps."""
    first, folder, second = tmp_path / "first", tmp_path / "model", tmp_path / "second"
    train_main(_tiny_args(first, tiny_dataset, 5))
    export_main([str(first / "checkpoint.pt"), str(folder), "--data", str(tiny_dataset)])
    exported = torch.load(folder / "weights.pt", weights_only=False)
    args = [*_tiny_args(second, tiny_dataset, 3), "--lr", "0", "--width", "48"]
    train_main([*args, "--init-from", str(folder / "weights.pt")])
    state = torch.load(second / "checkpoint.pt", weights_only=False)
    assert state["step"] == 3
    assert state["config"]["width"] == 32  # the export's size, not --width
    for name, weight in exported["model"].items():
        assert torch.equal(state["model"][name], weight), name
        assert torch.equal(state["ema"][name], weight), name


def test_init_from_a_checkpoint_or_a_missing_file_says_what_to_give(
    tiny_dataset: Path, tmp_path: Path
) -> None:
    run = tmp_path / "run"
    train_main(_tiny_args(run, tiny_dataset, 5))
    args = _tiny_args(tmp_path / "next", tiny_dataset, 5)
    with pytest.raises(SystemExit, match="continues with --resume"):
        train_main([*args, "--init-from", str(run / "checkpoint.pt")])
    with pytest.raises(SystemExit, match="no such file"):
        train_main([*args, "--init-from", str(tmp_path / "missing.pt")])


def test_a_run_at_chosen_noise_levels_logs_its_loss_there(
    tiny_dataset: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--times draws only the listed noise levels (a level listed twice twice as often), and
    a level outside (0, 1] is refused with what the option takes."""
    generator = torch.Generator().manual_seed(0)
    drawn = draw_times(4000, (0.1, 0.1, 0.7), generator)
    assert sorted(set(drawn.tolist())) == pytest.approx([0.1, 0.7])
    assert 0.62 < float((drawn < 0.5).float().mean()) < 0.71
    run = tmp_path / "run"
    train_main([*_tiny_args(run, tiny_dataset, 5), "--times", "0.1,0.4,0.7,1.0"])
    (record,) = [json.loads(line) for line in (run / "log.jsonl").read_text().splitlines()]
    assert np.isfinite(record["validation_loss_at_times"])
    assert record["validation_loss_at_times"] != record["validation_loss"]
    with pytest.raises(SystemExit):
        train_main([*_tiny_args(run, tiny_dataset, 5), "--times", "0,0.5"])
    assert "--times must lie in (0, 1]" in capsys.readouterr().err


def test_a_changed_onnx_file_is_refused(tiny_dataset: Path, tmp_path: Path) -> None:
    run, folder = tmp_path / "run", tmp_path / "model"
    train_main(_tiny_args(run, tiny_dataset, 5))
    export_main([str(run / "checkpoint.pt"), str(folder), "--data", str(tiny_dataset)])
    with (folder / "model.onnx").open("ab") as file:
        file.write(b"\0")
    with pytest.raises(TimbreModelError, match="does not match its card"):
        TimbreModel(folder)


def test_shipped_onnx_matches_its_torch_weights() -> None:
    state = torch.load(DEFAULT_MODEL_DIR / "weights.pt", weights_only=False)
    from models.timbre.model import DenoiserConfig, TimbreDenoiser

    model = TimbreDenoiser(DenoiserConfig(**state["config"]))
    model.load_state_dict(state["model"])
    model.eval()
    session = ort.InferenceSession(
        str(DEFAULT_MODEL_DIR / "model.onnx"), providers=["CPUExecutionProvider"]
    )
    rng = np.random.default_rng(1)
    dim = model.config.timbre_dim
    feeds = {
        "x": rng.standard_normal((2, 128, CHANNEL_COUNT)).astype(np.float32),
        "t": np.array([0.2, 0.8], np.float32),
        "timbre": rng.standard_normal((2, dim)).astype(np.float32),
        "pitch": np.array([48, 42], np.float32),  # a melodic note and a closed hi-hat
        "velocity": np.array([50, 110], np.float32),
        "duration": np.array([0.5, 2.0], np.float32),
        "is_drum": np.array([0, 1], np.float32),
    }
    with torch.no_grad():
        expected = model(*(torch.from_numpy(v) for v in feeds.values())).numpy()
    np.testing.assert_allclose(session.run(["x0"], feeds)[0], expected, atol=1e-4)


def test_the_smoothed_skip_leaves_attacks_releases_and_drums_alone() -> None:
    """The experimental smoothed skip (`DenoiserConfig.smoothed_skip`): a note's first frames,
    the frames around its release and a drum hit are never smoothed, and the net exports to
    ONNX with the same output as torch."""
    from models.timbre.export import export_onnx
    from models.timbre.model import (
        ATTACK_FRAMES_KEPT,
        RELEASE_FRAMES_KEPT,
        DenoiserConfig,
        TimbreDenoiser,
    )

    torch.manual_seed(0)
    model = TimbreDenoiser(DenoiserConfig(width=32, blocks=5, smoothed_skip=True)).eval()
    mask = model._smoothable(torch.tensor([1.0, 1.0]), torch.tensor([0.0, 1.0]))
    release = 50  # 1 s at 50 frames a second
    melodic, drum = mask[0].numpy(), mask[1].numpy()
    assert not melodic[:ATTACK_FRAMES_KEPT].any()
    assert not melodic[release - RELEASE_FRAMES_KEPT : release + RELEASE_FRAMES_KEPT + 1].any()
    assert melodic[ATTACK_FRAMES_KEPT : release - RELEASE_FRAMES_KEPT].all()
    assert melodic[release + RELEASE_FRAMES_KEPT + 1 :].all()
    assert not drum.any()
    # Where the mask is 0 the skip is the raw input, so such frames match the model without it.
    path = Path(tempfile.mkdtemp()) / "smoothed.onnx"
    export_onnx(model, path)
    rng = np.random.default_rng(2)
    feeds = {
        "x": rng.standard_normal((2, 128, CHANNEL_COUNT)).astype(np.float32),
        "t": np.array([0.1, 0.6], np.float32),
        "timbre": rng.standard_normal((2, model.config.timbre_dim)).astype(np.float32),
        "pitch": np.array([60, 38], np.float32),
        "velocity": np.array([80, 100], np.float32),
        "duration": np.array([1.0, 0.5], np.float32),
        "is_drum": np.array([0, 1], np.float32),
    }
    with torch.no_grad():
        expected = model(*(torch.from_numpy(v) for v in feeds.values())).numpy()
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    np.testing.assert_allclose(session.run(["x0"], feeds)[0], expected, atol=1e-4)


def _loss_and_error(
    dataset: Path, *, delta_weight: float = 0.0, attack_weight: float = 1.0
) -> tuple[float, float, npt.NDArray[np.float32]]:
    """A small fresh net's plain loss and its loss with these weights (`diffusion_loss`'s) on
    the tiny data set at t = 0.3, and the preconditioned error itself (notes, frames,
    channels), computed here from the net's own estimate."""
    from models.timbre.data import load_notes
    from models.timbre.model import DenoiserConfig, TimbreDenoiser, alpha_sigma, preconditioning
    from models.timbre.train import diffusion_loss

    notes = load_notes(("train",), dataset)
    torch.manual_seed(0)
    model = TimbreDenoiser(DenoiserConfig(width=32, blocks=3)).eval()
    t = torch.full((len(notes),), 0.3)
    noise = torch.randn(notes.controls.shape, generator=torch.Generator().manual_seed(1))
    with torch.no_grad():
        plain = float(diffusion_loss(model, notes, t, noise))
        weighted = float(
            diffusion_loss(
                model, notes, t, noise, delta_weight=delta_weight, attack_weight=attack_weight
            )
        )
        alpha, sigma = (s[:, None, None] for s in alpha_sigma(t))
        estimate = model(
            alpha * notes.controls + sigma * noise,
            t,
            model.timbres(notes.program),
            notes.pitch,
            notes.velocity,
            notes.duration,
            notes.is_drum,
        )
    error = ((estimate - notes.controls) / preconditioning(t)[1][:, None, None]).numpy()
    return plain, weighted, error


def test_the_change_loss_weighs_each_frame_to_frame_change_of_the_error(tiny_dataset: Path) -> None:
    """`--delta-weight`: at 0 the loss is the plain one; above 0 it adds that weight times the
    mean squared change of the (preconditioned) error from each frame to the next, read here
    from the net's own estimate, so a level right on average but smeared across an onset
    costs more than the plain error says."""
    plain, weighted, error = _loss_and_error(tiny_dataset, delta_weight=2.0)
    assert plain == pytest.approx(float(np.mean(error**2)), rel=1e-5)
    change = float(np.mean(np.diff(error, axis=1) ** 2))
    assert change > 0
    assert weighted == pytest.approx(plain + 2.0 * change, rel=1e-5)


def test_the_attack_weight_counts_the_first_frames_more(tiny_dataset: Path) -> None:
    """`--attack-weight`: a note's first `ATTACK_FRAMES_WEIGHTED` frames count that many times
    over, the weights normalised so the loss stays a mean; at 1 it is the plain loss."""
    from models.timbre.train import ATTACK_FRAMES_WEIGHTED

    same, unweighted, _ = _loss_and_error(tiny_dataset, attack_weight=1.0)
    assert unweighted == same
    plain, weighted, error = _loss_and_error(tiny_dataset, attack_weight=8.0)
    squared = np.mean(error**2, axis=(0, 2))  # per frame
    weights = np.ones(len(squared))
    weights[:ATTACK_FRAMES_WEIGHTED] = 8.0
    assert weighted == pytest.approx(float(np.sum(weights * squared) / weights.sum()), rel=1e-5)
    attack, rest = squared[:ATTACK_FRAMES_WEIGHTED].mean(), squared[ATTACK_FRAMES_WEIGHTED:].mean()
    assert (weighted > plain) == (attack > rest)


def test_instruments_placed_apart_start_outside_the_melodic_cloud() -> None:
    """`--place-apart`: the named rows of the timbre table move to `PLACE_APART_DISTANCE` from
    the melodic instruments' mean in their own spread (a Mahalanobis distance), each its own
    way; every other row stays; a bad list of programs is refused with what was wrong."""
    from models.timbre.train import PLACE_APART_DISTANCE, _parser, place_apart

    table = torch.from_numpy(np.random.default_rng(0).normal(0.0, 0.4, (129, 24)).astype("f4"))
    placed = place_apart(table, (120, 121, 122))
    assert torch.equal(placed[:120], table[:120])
    assert torch.equal(placed[123:], table[123:])
    melodic = table[:120].double().numpy()
    inverse = np.linalg.inv(np.cov(melodic.T) + 1e-4 * np.eye(24))
    offsets = placed[120:123].double().numpy() - melodic.mean(axis=0)
    distances = np.sqrt(np.einsum("id,de,ie->i", offsets, inverse, offsets))
    assert distances == pytest.approx([PLACE_APART_DISTANCE] * 3, rel=1e-4)
    own = np.sqrt(
        np.einsum("id,de,ie->i", melodic - melodic.mean(0), inverse, melodic - melodic.mean(0))
    )
    assert np.median(own) < PLACE_APART_DISTANCE / 2
    assert len({tuple(row) for row in placed[120:123].tolist()}) == 3
    arguments = ["--out", "runs/x", "--place-apart"]
    assert _parser().parse_args([*arguments, "120-122,127"]).place_apart == (120, 121, 122, 127)
    for wrong in ("effects", "120-130"):
        with pytest.raises(SystemExit):
            _parser().parse_args([*arguments, wrong])


def test_a_net_widened_by_the_contour_answers_as_before_on_the_old_channels() -> None:
    """`train.widened`: a net of version 5's layout (levels only) moved to the layout with the
    contour gives the same estimate on every old channel, whatever the new channels hold, and
    on the new ones starts from the skip path alone (EDM's c_skip times its noisy input)."""
    torch.manual_seed(0)
    small = DenoiserConfig(width=32, blocks=5, timbre_dim=TIMBRE_DIMENSION)
    old = TimbreDenoiser(
        dataclasses.replace(small, channels=CHANNEL_COUNT - CONTOUR_CHANNELS)
    ).eval()
    with torch.no_grad():
        for weight in old.parameters():
            weight.normal_(0.0, 0.1)  # every weight in use, the zero-initialized ones too
    config = dataclasses.replace(small, channels=CHANNEL_COUNT)
    new = TimbreDenoiser(config).eval()
    new.load_state_dict(widened(old.state_dict(), CHANNEL_COUNT - CONTOUR_CHANNELS, config))
    x = torch.randn(3, 128, CHANNEL_COUNT)
    t = torch.tensor([0.2, 0.5, 0.9])
    rest = (
        torch.randn(3, TIMBRE_DIMENSION),
        torch.tensor([48.0, 60.0, 38.0]),
        torch.tensor([60.0, 100.0, 90.0]),
        torch.tensor([0.5, 2.0, 0.5]),
        torch.tensor([0.0, 0.0, 1.0]),
    )
    with torch.no_grad():
        before = old(x[:, :, :-CONTOUR_CHANNELS], t, *rest)
        after = new(x, t, *rest)
    torch.testing.assert_close(after[:, :, :-CONTOUR_CHANNELS], before)
    c_skip = preconditioning(t)[0][:, None, None]
    new_channels = slice(CHANNEL_COUNT - CONTOUR_CHANNELS, None)
    torch.testing.assert_close(after[:, :, new_channels], c_skip * x[:, :, new_channels])
