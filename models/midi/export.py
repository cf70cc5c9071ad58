"""Export a trained checkpoint to an ONNX graph laid out for fast cached decoding on onnxruntime.

    python -m models.midi.export runs/midi/checkpoint.pt models/midi --metrics metrics.json
    python -m models.midi.export models/midi/weights.pt models/midi --keep-card

The first form writes model.onnx, weights.pt, tokenizer.json and card.json into the destination
folder; the second rewrites only model.onnx and the card's "onnx" section, keeping its training
record and metrics (for a new graph layout of the same weights). With P tokens already cached
and T new ones, the graph is:

    input_ids (1, T) int64, position_ids (1, T) int64 = P..P+T-1,
    seqlens_k (1,) int32 = P+T-1, total_sequence_length () int32 = P+T,
    past_key_<i>, past_value_<i> (1, n_head, block_size, head_dim) float32, one pair per layer
    -> logits (1, T, vocab) float32,
    present_key_<i>, present_value_<i> (1, n_head, block_size, head_dim) float32

so one graph prefills a prompt (P = 0) and decodes one token at a time (T = 1).

Why the graph is written node by node rather than traced from model.py: traced, a decoding step
ran ~225 small kernels and copied the whole key/value cache several times (split per layer,
concat with the new token, stack into the output), which took half of each step. Here attention is
onnxruntime's GroupQueryAttention over a cache buffer sized for the whole context: when the
caller binds each past and present pair to the same memory, the kernel writes the new token's
keys and values in place and reads the first P+T positions, so nothing is copied between steps.
The rest uses onnxruntime's fused kernels (SkipLayerNormalization adds the residual and the
previous linear bias and normalises in one pass, BiasGelu adds a bias and applies exact GELU),
so a step is ~9 kernels per layer. These com.microsoft operators ship with the CPU provider of
the pip package. The parity tests check this graph against model.py's forward.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import platform
from pathlib import Path
from typing import Any, cast

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper, numpy_helper
from torch import nn

from build_scripts.corpus.splits import MANIFEST
from engine.compose.vocab import Vocabulary
from engine.runtime.cards import write_card as write_card_files
from models.midi.model import Block, MidiTransformer, ModelConfig
from models.midi.sources import parse_mix

OPSET = 17
IR_VERSION = 8
"""The ONNX IR version that goes with opset 17. The onnx package would otherwise stamp its newest
(14 with onnx 1.23), which onnxruntime 1.20, the oldest this project supports, refuses."""
CONTRIB_OPSET = 1
"""Version of onnxruntime's com.microsoft operator domain."""
STEP_INPUTS = ["input_ids", "position_ids", "seqlens_k", "total_sequence_length"]


def cache_name(kind: str, part: str, layer: int) -> str:
    """Graph name of one cache tensor: kind is "past" or "present", part "key" or "value"."""
    return f"{kind}_{part}_{layer}"


def cache_names(n_layer: int, kind: str) -> list[str]:
    """All cache tensors of one kind, layer by layer, key before value."""
    return [cache_name(kind, part, layer) for layer in range(n_layer) for part in ("key", "value")]


def load_checkpoint(path: Path) -> tuple[MidiTransformer, dict[str, Any]]:
    """The model (in eval mode, without dropout) and the checkpoint's other fields."""
    state = torch.load(path, map_location="cpu", weights_only=False)
    config = ModelConfig(**{**state["config"], "dropout": 0.0})
    model = MidiTransformer(config)
    model.load_state_dict(state["model"])
    return model.eval(), state


class _GraphBuilder:
    """Collects nodes and weights; each node's outputs are named after the node."""

    def __init__(self) -> None:
        self.nodes: list[onnx.NodeProto] = []
        self.weights: list[onnx.TensorProto] = []

    def weight(self, name: str, tensor: torch.Tensor) -> str:
        array = tensor.detach().to(torch.float32).numpy()
        self.weights.append(numpy_helper.from_array(np.ascontiguousarray(array), name))
        return name

    def linear_weight(self, name: str, linear: nn.Linear) -> str:
        """The weight as MatMul's right operand: (in, out), transposed once here, not per run."""
        return self.weight(name, linear.weight.T)

    def node(
        self, op: str, inputs: list[str], outputs: list[str], domain: str = "", **attributes: Any
    ) -> None:
        self.nodes.append(
            helper.make_node(op, inputs, outputs, name=outputs[0], domain=domain, **attributes)
        )

    def skip_layer_norm(
        self, name: str, x: str, residual: str, norm: nn.LayerNorm, bias: str = ""
    ) -> tuple[str, str]:
        """(norm(x + residual + bias), x + residual + bias): the residual add and the next norm."""
        normed, summed = f"{name}.out", f"{name}.sum"
        inputs = [x, residual, self.weight(f"{name}.weight", norm.weight)]
        inputs += [self.weight(f"{name}.bias", norm.bias), bias]
        self.node(
            "SkipLayerNormalization",
            inputs,
            [normed, "", "", summed],
            domain="com.microsoft",
            epsilon=norm.eps,
        )
        return normed, summed


def _block(
    graph: _GraphBuilder, layer: int, block: Block, *, h: str, x: str, next_norm: nn.LayerNorm
) -> tuple[str, str]:
    """One transformer block. h = ln_1(x) is already computed (fused with the residual add).

    Returns next_norm(x') and x', the block's output residual stream, both (1, T, C).
    """
    p = f"blocks.{layer}"
    qkv_weight = graph.linear_weight(f"{p}.qkv.weight", block.attn.qkv)
    graph.node("MatMul", [h, qkv_weight], [f"{p}.qkv.matmul"])
    qkv_bias = graph.weight(f"{p}.qkv.bias", block.attn.qkv.bias)
    graph.node("Add", [f"{p}.qkv.matmul", qkv_bias], [f"{p}.qkv"])  # (1, T, 3C) = [q | k | v]
    past = [cache_name("past", part, layer) for part in ("key", "value")]
    present = [cache_name("present", part, layer) for part in ("key", "value")]
    graph.node(
        "GroupQueryAttention",
        [f"{p}.qkv", "", "", *past, "seqlens_k", "total_sequence_length"],
        [f"{p}.attn", *present],
        domain="com.microsoft",
        num_heads=block.attn.n_head,
        kv_num_heads=block.attn.n_head,
    )  # (1, T, C), causal, scaled by 1/sqrt(head_dim) like model.py
    proj_weight = graph.linear_weight(f"{p}.proj.weight", block.attn.proj)
    graph.node("MatMul", [f"{p}.attn", proj_weight], [f"{p}.proj"])
    proj_bias = graph.weight(f"{p}.proj.bias", block.attn.proj.bias)
    h, x = graph.skip_layer_norm(f"{p}.ln_2", f"{p}.proj", x, block.ln_2, proj_bias)
    fc, gelu, fc_out = block.mlp[0], block.mlp[1], block.mlp[2]
    if not (isinstance(fc, nn.Linear) and isinstance(fc_out, nn.Linear)):
        raise TypeError(f"expected the MLP Linear, GELU, Linear of model.py, got {block.mlp}")
    if not (isinstance(gelu, nn.GELU) and gelu.approximate == "none"):
        raise TypeError(f"BiasGelu is the exact (erf) GELU, but the model uses {gelu}")
    graph.node("MatMul", [h, graph.linear_weight(f"{p}.fc.weight", fc)], [f"{p}.fc"])
    fc_bias = graph.weight(f"{p}.fc.bias", fc.bias)
    graph.node("BiasGelu", [f"{p}.fc", fc_bias], [f"{p}.gelu"], domain="com.microsoft")
    out_weight = graph.linear_weight(f"{p}.fc_out.weight", fc_out)
    graph.node("MatMul", [f"{p}.gelu", out_weight], [f"{p}.mlp"])  # (1, T, C)
    out_bias = graph.weight(f"{p}.fc_out.bias", fc_out.bias)
    return graph.skip_layer_norm(f"{p}.next_norm", f"{p}.mlp", x, next_norm, out_bias)


def build_graph(model: MidiTransformer) -> onnx.ModelProto:
    """The decoding graph described in the module docstring, with the model's weights."""
    config = model.config
    graph = _GraphBuilder()
    token_table = graph.weight("token_embedding", model.token_embedding.weight)
    position_table = graph.weight("position_embedding", model.position_embedding.weight)
    graph.node("Gather", [token_table, "input_ids"], ["tokens"])  # (1, T, C)
    graph.node("Gather", [position_table, "position_ids"], ["positions"])  # (1, T, C)
    blocks = cast("list[Block]", list(model.blocks))
    next_norms = [block.ln_1 for block in blocks[1:]] + [model.ln_f]
    h, x = graph.skip_layer_norm("blocks.0.ln_1", "tokens", "positions", blocks[0].ln_1)
    for layer, (block, next_norm) in enumerate(zip(blocks, next_norms, strict=True)):
        h, x = _block(graph, layer, block, h=h, x=x, next_norm=next_norm)
    # The head's weight is tied to the token table; it is stored again transposed for MatMul
    # (0.5 MB) rather than transposed on every run.
    graph.node("MatMul", [h, graph.linear_weight("head.weight", model.head)], ["logits"])

    cache_shape = [1, config.n_head, config.block_size, config.head_dim]
    inputs = [
        helper.make_tensor_value_info("input_ids", TensorProto.INT64, [1, "steps"]),
        helper.make_tensor_value_info("position_ids", TensorProto.INT64, [1, "steps"]),
        helper.make_tensor_value_info("seqlens_k", TensorProto.INT32, [1]),
        helper.make_tensor_value_info("total_sequence_length", TensorProto.INT32, []),
    ] + [
        helper.make_tensor_value_info(name, TensorProto.FLOAT, cache_shape)
        for name in cache_names(config.n_layer, "past")
    ]
    logits_shape: list[int | str] = [1, "steps", config.vocab_size]
    outputs = [helper.make_tensor_value_info("logits", TensorProto.FLOAT, logits_shape)] + [
        helper.make_tensor_value_info(name, TensorProto.FLOAT, cache_shape)
        for name in cache_names(config.n_layer, "present")
    ]
    return helper.make_model(
        helper.make_graph(graph.nodes, "tessera-midi", inputs, outputs, graph.weights),
        opset_imports=[
            helper.make_opsetid("", OPSET),
            helper.make_opsetid("com.microsoft", CONTRIB_OPSET),
        ],
        producer_name="tessera models.midi.export",
        ir_version=IR_VERSION,
    )


def export_onnx(model: MidiTransformer, path: Path) -> None:
    graph = build_graph(model)
    onnx.checker.check_model(graph, full_check=True)  # com.microsoft nodes are left to onnxruntime
    onnx.save(graph, str(path))


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def onnx_card(folder: Path, config: ModelConfig) -> dict[str, Any]:
    """The card's "onnx" section: what the engine needs to check and drive the graph."""
    return {
        "file": "model.onnx",
        "opset": OPSET,
        "contrib_opset": CONTRIB_OPSET,
        "sha256": sha256_of(folder / "model.onnx"),
        "inputs": STEP_INPUTS + cache_names(config.n_layer, "past"),
        "outputs": ["logits", *cache_names(config.n_layer, "present")],
        "cache": "per layer (1, n_head, block_size, head_dim), updated in place "
        "when each past and present pair is bound to the same buffer",
    }


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
        "onnx": onnx_card(folder, config),
        "training_data": training_data_card(state, manifest),
        "training": {
            "steps": state["step"],
            "tokens": state.get("tokens"),
            "seconds": round(state["elapsed_seconds"]),
            "hardware": f"{platform.machine()} CPU, {torch.get_num_threads()} threads",
            "torch": torch.__version__,
            "args": state.get("args", {}),
        },
        "metrics": metrics,
        "licence": (
            "MIT (weights); trained only on the public-domain and permissively licensed music "
            "listed in the manifests above (CC BY 4.0 attribution and BSD-3-Clause notice: "
            "engine/runtime/provenance.py, shown in Help > About the models)"
        ),
    }
    _save_card(folder, card)


DATA_SOURCES: dict[str, dict[str, str]] = {
    "corpus": {
        "manifest": "models/corpus/manifest.csv",
        "licence": "public-domain compositions; encodings redistributed by music21 without "
        "restriction (basis per work in the manifest)",
    },
    "groove": {
        "manifest": "models/corpus/band_manifest.csv",
        "licence": "CC-BY-4.0 (Groove MIDI Dataset; attribution in engine/runtime/provenance.py)",
    },
    "freedoom": {
        "manifest": "models/corpus/band_manifest.csv",
        "licence": "BSD-3-Clause (Freedoom; notice in engine/runtime/provenance.py)",
    },
    "arranged": {
        "manifest": "models/corpus/arranged_manifest.csv",
        "licence": "public-domain melodies of the corpus's train split, set in band styles by "
        "build_scripts.arranger, with drums from Groove MIDI's train split (CC-BY-4.0)",
    },
}
"""Each training source: the manifest that lists its items and the terms they come under."""


def training_data_card(state: dict[str, Any], manifest: Path = MANIFEST) -> dict[str, Any]:
    """The card's data section: the mix the run drew from, each source's manifest (with its
    sha256) and licence, and the tokens each source gave."""
    args = state.get("args", {})
    mix = parse_mix(args.get("mix") or "corpus=1")
    root = manifest.parents[2]
    read = state.get("manifest_sha256", {})
    sources = {}
    for name, weight in mix.items():
        entry = dict(DATA_SOURCES[name], weight=str(weight))
        path = root / entry["manifest"]
        now = sha256_of(path) if path.exists() else "missing"
        entry["manifest_sha256"] = read.get(name, now)
        entry["manifest_unchanged_since_training"] = str(read.get(name, now) == now).lower()
        sources[name] = entry
    return {
        "sources": sources,
        "tokens_by_source": state.get("tokens_by_source", {}),
        "initialised_from": None if args.get("init_from") in (None, "None") else args["init_from"],
        "held_out": "validation and test figures use real music only (no arranged songs)",
    }


def refresh_onnx_card(folder: Path, model: MidiTransformer) -> None:
    """Update only the "onnx" section of an existing card, after re-exporting the same weights."""
    card = json.loads((folder / "card.json").read_text(encoding="utf-8"))
    card["onnx"] = onnx_card(folder, model.config)
    _save_card(folder, card)


def _save_card(folder: Path, card: dict[str, Any]) -> None:
    """card.json and the card.sha256 beside it, which the engine checks the card against."""
    write_card_files(folder, card)


def main() -> None:
    parser = argparse.ArgumentParser(description="Export a checkpoint to ONNX with its card.")
    parser.add_argument("checkpoint", type=Path)
    parser.add_argument("destination", type=Path)
    parser.add_argument("--metrics", type=Path, help="JSON of measured metrics for the card")
    parser.add_argument(
        "--keep-card",
        action="store_true",
        help="rewrite only model.onnx and the card's onnx section (same weights, new graph)",
    )
    args = parser.parse_args()
    model, state = load_checkpoint(args.checkpoint)
    args.destination.mkdir(parents=True, exist_ok=True)
    export_onnx(model, args.destination / "model.onnx")
    if args.keep_card:
        refresh_onnx_card(args.destination, model)
        print(f"re-exported the graph of {args.destination} from {args.checkpoint}")
        return
    kept = ("model", "config", "step", "elapsed_seconds", "args", "manifest_sha256")
    weights = {k: state[k] for k in kept if k in state}
    torch.save(weights, args.destination / "weights.pt")  # the eager-torch speed baseline
    Vocabulary.build().save(args.destination / "tokenizer.json")
    metrics = json.loads(args.metrics.read_text("utf-8")) if args.metrics else {}
    write_card(args.destination, model, state, metrics)
    print(f"exported {model.parameter_count():,} parameters to {args.destination}")


if __name__ == "__main__":
    main()
