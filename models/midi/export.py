"""Export a trained checkpoint to ONNX with the key/value cache as an explicit input and output.

    python -m models.midi.export runs/midi/checkpoint.pt models/midi --metrics metrics.json

Writes model.onnx, tokenizer.json and card.json into the destination folder. The graph:

    input_ids (1, T) int64, cache (n_layer, 2, 1, n_head, P, head_dim) float32
    -> logits (1, T, vocab) float32, present (n_layer, 2, 1, n_head, P+T, head_dim) float32

so one graph prefills a prompt (P = 0) and decodes one token at a time (T = 1).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import platform
from pathlib import Path
from typing import Any

import torch

from engine.vocab import Vocabulary
from models.midi.data import MANIFEST
from models.midi.model import MidiTransformer, ModelConfig

OPSET = 17


def load_checkpoint(path: Path) -> tuple[MidiTransformer, dict[str, Any]]:
    """The model (in eval mode, without dropout) and the checkpoint's other fields."""
    state = torch.load(path, map_location="cpu", weights_only=False)
    config = ModelConfig(**{**state["config"], "dropout": 0.0})
    model = MidiTransformer(config)
    model.load_state_dict(state["model"])
    return model.eval(), state


def export_onnx(model: MidiTransformer, path: Path) -> None:
    ids = torch.zeros((1, 4), dtype=torch.long)
    cache = model.empty_cache()
    torch.onnx.export(
        model,
        (ids, cache),
        str(path),
        input_names=["input_ids", "cache"],
        output_names=["logits", "present"],
        dynamic_axes={
            "input_ids": {1: "steps"},
            "cache": {4: "past"},
            "logits": {1: "steps"},
            "present": {4: "total"},
        },
        opset_version=OPSET,
        dynamo=False,
    )


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_card(
    folder: Path,
    model: MidiTransformer,
    state: dict[str, Any],
    metrics: dict[str, Any],
    manifest: Path = MANIFEST,
) -> None:
    config = model.config
    card = {
        "name": "tessera-midi",
        "task": "multi-track symbolic music infilling (MMM-style), bar by bar",
        "architecture": {
            "type": "decoder-only transformer",
            **config.to_dict(),
            "positional": "learned",
            "weight_tying": True,
        },
        "parameters": model.parameter_count(),
        "tokenizer": {"version": Vocabulary.build().version, "file": "tokenizer.json"},
        "onnx": {
            "file": "model.onnx",
            "opset": OPSET,
            "sha256": sha256_of(folder / "model.onnx"),
            "inputs": ["input_ids", "cache"],
            "outputs": ["logits", "present"],
        },
        "training_data": {
            "manifest": "models/corpus/manifest.csv",
            "manifest_sha256": sha256_of(manifest) if manifest.exists() else None,
            "licence_note": "public-domain compositions only; see the manifest",
        },
        "training": {
            "steps": state["step"],
            "tokens": state.get("tokens"),
            "seconds": round(state["elapsed_seconds"]),
            "hardware": f"{platform.machine()} CPU, {torch.get_num_threads()} threads",
            "torch": torch.__version__,
            "args": state.get("args", {}),
        },
        "metrics": metrics,
        "licence": "MIT (weights); trained only on the public-domain works in the manifest",
    }
    (folder / "card.json").write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description="Export a checkpoint to ONNX with its card.")
    parser.add_argument("checkpoint", type=Path)
    parser.add_argument("destination", type=Path)
    parser.add_argument("--metrics", type=Path, help="JSON of measured metrics for the card")
    args = parser.parse_args()
    model, state = load_checkpoint(args.checkpoint)
    args.destination.mkdir(parents=True, exist_ok=True)
    export_onnx(model, args.destination / "model.onnx")
    weights = {k: state[k] for k in ("model", "config", "step", "elapsed_seconds", "args")}
    torch.save(weights, args.destination / "weights.pt")  # the eager-torch speed baseline
    Vocabulary.build().save(args.destination / "tokenizer.json")
    metrics = json.loads(args.metrics.read_text("utf-8")) if args.metrics else {}
    write_card(args.destination, model, state, metrics)
    print(f"exported {model.parameter_count():,} parameters to {args.destination}")


if __name__ == "__main__":
    main()
