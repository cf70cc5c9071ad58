"""The model pipeline end to end on a tiny model: train (one process and DDP), resume, export,
load in the engine with card checks, and ONNX/torch parity for prefill and cached steps."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import onnx
import pytest
import torch
from onnx import TensorProto, helper

from engine.compose.midi_model import DEFAULT_MODEL_DIR, MidiModel
from engine.compose.vocab import Vocabulary
from engine.project.project_file import save_project
from engine.runtime.cards import write_card as write_card_files
from engine.runtime.onnx import ModelLoadError
from engine.song.song import PPQ, Note, Song, Track
from models.midi.export import (
    export_onnx,
    load_checkpoint,
    refresh_onnx_card,
    sha256_of,
    write_card,
)
from models.midi.model import MidiTransformer
from models.midi.sources import Source
from models.midi.train import _build, _initialise_from, _parser, train

TINY = [
    "--n-layer",
    "1",
    "--n-head",
    "2",
    "--n-embd",
    "32",
    "--block-size",
    "256",
    "--batch-size",
    "2",
    "--eval-every",
    "3",
    "--checkpoint-every",
    "3",
    "--warmup",
    "2",
]
PARITY_TOLERANCE = 1e-4
"""Largest allowed absolute logit difference between onnxruntime and eager torch (float32)."""
SHIPPED_TOLERANCE = 1e-3
"""The same for the shipped model, whose logits are larger (trained weights, 4 layers)."""


def _songs(count: int, seed: int) -> list[Song]:
    rng = np.random.default_rng(seed)
    songs = []
    for _ in range(count):
        steps = rng.integers(0, 16, size=12) * (PPQ // 2)
        notes = {Note(int(s), int(rng.integers(55, 80)), PPQ // 2, 80) for s in sorted(set(steps))}
        bass = {Note(bar * 4 * PPQ, int(rng.integers(36, 48)), 4 * PPQ, 70) for bar in range(2)}
        songs.append(
            Song(
                bar_count=2,
                tracks=(
                    Track("lead", 73, notes=tuple(notes)),
                    Track("bass", 33, notes=tuple(bass)),
                ),
            )
        )
    return songs


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("run")
    train(
        _parser().parse_args(["--out", str(out), "--steps", "6", *TINY]),
        [Source("tiny", 1.0, tuple(_songs(6, 1)))],
        [Source("tiny", 1.0, tuple(_songs(2, 2)))],
    )
    return out


def test_training_logs_finite_losses_and_resumes(trained: Path, tmp_path: Path) -> None:
    records = [json.loads(line) for line in (trained / "log.jsonl").read_text().splitlines()]
    assert [r["step"] for r in records] == [3, 6]
    assert all(np.isfinite(r["validation_loss"]) for r in records)
    resumed = tmp_path / "resumed"
    shutil.copytree(trained, resumed)
    train(
        _parser().parse_args(["--out", str(resumed), "--steps", "9", "--resume", *TINY]),
        [Source("tiny", 1.0, tuple(_songs(6, 1)))],
        [Source("tiny", 1.0, tuple(_songs(2, 2)))],
    )
    steps = [json.loads(line)["step"] for line in (resumed / "log.jsonl").read_text().splitlines()]
    assert steps == [3, 6, 9]
    assert torch.load(resumed / "checkpoint.pt", weights_only=False)["step"] == 9


@pytest.fixture(scope="module")
def exported(trained: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("model")
    model, state = load_checkpoint(trained / "checkpoint.pt")
    export_onnx(model, folder / "model.onnx")
    Vocabulary.build().save(folder / "tokenizer.json")
    write_card(folder, model, state, {"note": "tiny test model"})
    return folder


def assert_parity(
    torch_model: MidiTransformer, onnx_model: MidiModel, prompt_length: int, tolerance: float
) -> None:
    """Prefill a random prompt, then three cached steps: logits and caches must agree."""
    ids = [
        int(i) for i in np.random.default_rng(0).integers(8, len(onnx_model.vocab), prompt_length)
    ]
    with torch.no_grad():
        expected, torch_cache = torch_model(torch.tensor([ids]), torch_model.empty_cache())
    all_logits, _ = onnx_model.run(ids, onnx_model.empty_cache())  # every position, as evaluate
    assert np.abs(all_logits - expected[0].numpy()).max() < tolerance
    logits, cache = onnx_model.prefill(ids)
    assert np.abs(logits - expected[0, -1].numpy()).max() < tolerance
    for token in (5, 17, 300):
        with torch.no_grad():
            expected, torch_cache = torch_model(torch.tensor([[token]]), torch_cache)
        logits, cache = onnx_model.step(token, cache)
        assert np.abs(logits - expected[0, -1].numpy()).max() < tolerance
        assert np.abs(cache.keys_values() - torch_cache.numpy()).max() < tolerance
    assert cache.length == prompt_length + 3
    assert cache.keys_values().shape == torch_cache.shape


def test_onnx_matches_torch_for_prefill_and_cached_steps(trained: Path, exported: Path) -> None:
    torch_model, _ = load_checkpoint(trained / "checkpoint.pt")
    assert_parity(torch_model, MidiModel(exported, threads=1), 40, PARITY_TOLERANCE)


def test_interleaved_sequences_each_keep_their_own_cache(exported: Path) -> None:
    """Steps reuse one binding; switching between two caches must rebind, never mix them."""
    model = MidiModel(exported, threads=1)
    first, second = [9, 10, 11], [12, 13, 14, 15]
    _, cache_a = model.prefill(first)
    _, cache_b = model.prefill(second)
    step_a, cache_a = model.step(5, cache_a)
    step_b, cache_b = model.step(6, cache_b)
    whole_a, _ = model.run([*first, 5], model.empty_cache())  # a fresh binding every run
    whole_b, _ = model.run([*second, 6], model.empty_cache())
    assert np.abs(step_a - whole_a[-1]).max() < PARITY_TOLERANCE
    assert np.abs(step_b - whole_b[-1]).max() < PARITY_TOLERANCE
    assert (cache_a.length, cache_b.length) == (4, 5)


def test_logits_returned_by_a_step_are_not_overwritten_by_the_next(exported: Path) -> None:
    model = MidiModel(exported, threads=1)
    _, cache = model.prefill([9, 10])
    logits, cache = model.step(5, cache)
    kept = logits.copy()
    model.step(6, cache)
    assert np.array_equal(logits, kept)


def test_a_full_context_is_refused(exported: Path) -> None:
    model = MidiModel(exported, threads=1)
    _, cache = model.prefill([9] * model.card.block_size)
    with pytest.raises(ModelLoadError, match=r"context of 257 tokens exceeds the model's 256"):
        model.step(5, cache)


def test_re_exporting_the_graph_keeps_the_cards_record(trained: Path, exported: Path) -> None:
    folder = exported.parent / "refreshed"
    shutil.copytree(exported, folder)
    (folder / "model.onnx").write_bytes(b"an older graph")
    stale = json.loads((folder / "card.json").read_text())
    stale["onnx"] = {"sha256": "of the older graph", "inputs": ["cache"]}
    (folder / "card.json").write_text(json.dumps(stale))
    model, _ = load_checkpoint(trained / "checkpoint.pt")
    export_onnx(model, folder / "model.onnx")
    refresh_onnx_card(folder, model)
    before = json.loads((exported / "card.json").read_text())
    after = json.loads((folder / "card.json").read_text())
    assert after == before  # same weights, same graph bytes: only the onnx section was stale
    assert MidiModel(folder, threads=1).card.raw["metrics"] == {"note": "tiny test model"}


def test_the_engine_refuses_a_graph_exported_for_another_version(
    exported: Path, tmp_path: Path
) -> None:
    old = tmp_path / "old"
    shutil.copytree(exported, old)
    cache = helper.make_tensor_value_info("cache", TensorProto.FLOAT, [1])
    present = helper.make_tensor_value_info("present", TensorProto.FLOAT, [1])
    identity = helper.make_node("Identity", ["cache"], ["present"])
    onnx.save(
        helper.make_model(helper.make_graph([identity], "old", [cache], [present])),
        old / "model.onnx",
    )
    card = json.loads((old / "card.json").read_text())
    card["onnx"]["sha256"] = sha256_of(old / "model.onnx")
    write_card_files(old, card)  # a consistent card: the graph is what is wrong
    with pytest.raises(ModelLoadError, match=r"takes inputs \['cache'\].*re-export it"):
        MidiModel(old)


def test_the_engine_refuses_a_damaged_or_mismatched_model(exported: Path, tmp_path: Path) -> None:
    damaged = tmp_path / "damaged"
    shutil.copytree(exported, damaged)
    blob = bytearray((damaged / "model.onnx").read_bytes())
    blob[-1] ^= 0xFF
    (damaged / "model.onnx").write_bytes(bytes(blob))
    with pytest.raises(ModelLoadError, match=r"does not match its card"):
        MidiModel(damaged)
    stale = tmp_path / "stale"
    shutil.copytree(exported, stale)
    card = json.loads((stale / "card.json").read_text())
    card["tokenizer"]["version"] = "tessera-mmm-0"
    write_card_files(stale, card)
    with pytest.raises(ModelLoadError, match=r"trained with tokenizer 'tessera-mmm-0'"):
        MidiModel(stale)
    with pytest.raises(ModelLoadError, match=r"no model card"):
        MidiModel(tmp_path / "nowhere")


def test_torchrun_trains_with_two_processes_on_gloo(tmp_path: Path) -> None:
    for split, songs in (("train", _songs(4, 3)), ("validation", _songs(2, 4))):
        (tmp_path / "data" / split).mkdir(parents=True)
        for index, song in enumerate(songs):
            save_project(song, tmp_path / "data" / split / f"{index}.json")
    command = [
        sys.executable,
        "-m",
        "torch.distributed.run",
        "--standalone",  # a free rendezvous port, so two runs on one machine don't meet
        "--nproc-per-node",
        "2",
        "-m",
        "models.midi.train",
        "--out",
        str(tmp_path / "run"),
        "--steps",
        "3",
        "--data-dir",
        str(tmp_path / "data"),
        *TINY,
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    record = json.loads((tmp_path / "run" / "log.jsonl").read_text().splitlines()[-1])
    assert record["step"] == 3
    batch_tokens_two_ranks = record["tokens"]
    assert batch_tokens_two_ranks > 0


def test_the_shipped_onnx_model_matches_its_torch_weights() -> None:
    torch_model, _ = load_checkpoint(DEFAULT_MODEL_DIR / "weights.pt")
    assert_parity(torch_model, MidiModel(DEFAULT_MODEL_DIR, threads=2), 120, SHIPPED_TOLERANCE)


def test_a_model_grows_into_a_longer_vocabulary_keeping_its_old_tokens(
    trained: Path, tmp_path: Path
) -> None:
    """`--init-from` a checkpoint with fewer tokens: its rows are copied, the new ones start at
    zero, and a checkpoint of another shape is refused with a message."""
    state = torch.load(trained / "checkpoint.pt", weights_only=False)
    short = tmp_path / "short.pt"
    cut = {k: v[:-5] if k in ("token_embedding.weight", "head.weight") else v
           for k, v in state["model"].items()}  # fmt: skip
    torch.save({"model": cut}, short)
    args = _parser().parse_args(["--out", str(tmp_path / "grown"), *TINY])
    model = _build(args, Vocabulary.build(), torch.device("cpu"))
    _initialise_from(model, short)
    weights = model.token_embedding.weight.detach()
    assert torch.equal(weights[:-5], cut["token_embedding.weight"])
    assert not weights[-5:].any()
    assert model.head.weight is model.token_embedding.weight  # still tied
    wide = {k: torch.cat([v, v[:, :1]], dim=1) if k == "token_embedding.weight" else v
            for k, v in state["model"].items()}  # fmt: skip
    torch.save({"model": wide}, tmp_path / "wide.pt")
    with pytest.raises(ValueError, match="does not fit the model"):
        _initialise_from(model, tmp_path / "wide.pt")
