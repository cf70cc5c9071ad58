"""Export a trained timbre denoiser to ONNX, with its timbre space and card.

    python -m models.timbre.export runs/timbre/checkpoint.pt models/timbre [--metrics m.json]
    python -m models.timbre.export --metrics-only models/timbre --metrics m.json
        [--keep-previous-as metrics_ddim_10_steps]

Writes into the destination folder:
- model.onnx: one denoiser call (the sampler runs in numpy in the engine, one call per step),
  inputs x (1, F, C), t (1,), timbre (1, D), pitch (1,), velocity (1,), duration (1,),
  is_drum (1,), all float32 -> x0 (1, F, C), the clean estimate. The batch axis is dynamic.
- weights.pt: the EMA weights and config, for the eager-torch benchmark and evaluation.
- space.json: the timbre space: one vector per trained instrument, the prior (mean and
  Cholesky factor of a Gaussian fitted to those vectors) and the descriptor directions.
- card.json: architecture, size, training record, data provenance, licence and metrics.

`--metrics-only FOLDER` rewrites nothing but the metrics of an exported folder's card (and
`card.sha256`), with no checkpoint: for the same weights measured again, e.g. after the engine's
sampler changed. The card must still match its hash; `--keep-previous-as KEY` keeps the metrics
it replaces under KEY beside them, so the card shows what changed. A full export writes the
card afresh, without such a KEY (new weights need new figures).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import warnings
from pathlib import Path
from typing import Any

import torch

from build_scripts.timbre import (
    DATASET_PATH,
    DRUM_PROGRAM,
    HELD_OUT_PROGRAMS,
    MANIFEST_PATH,
    MELODIC_PROGRAMS,
    PROGRAMS,
)
from engine.runtime.cards import ModelLoadError, read_card, write_card
from engine.sound.synth import (
    ANALYSIS_RATE_HZ,
    CHANNEL_COUNT,
    CONTOUR_SPAN_CENTS,
    FASTEST_VIBRATO_HZ,
    FRAME_RATE_HZ,
    HARMONIC_COUNT,
    NOISE_BAND_COUNT,
    SLOWEST_VIBRATO_HZ,
)
from models.timbre.data import load_notes
from models.timbre.descriptors import descriptor_directions
from models.timbre.model import DenoiserConfig, TimbreDenoiser

OPSET = 17
IR_VERSION = 8
"""The ONNX IR version that goes with opset 17 (onnxruntime 1.20, the oldest supported)."""
INPUTS = ["x", "t", "timbre", "pitch", "velocity", "duration", "is_drum"]
SPACE_VERSION = 1
MODEL_VERSION = 9
"""2: 44.1 kHz training renders, noise read between the harmonics, a vector per drum key.
3: the same data and recipe in a wider net (192 channels, from 128).
4: every instrument trained (v3 held 12 out), at 24 pitches each instead of 12.
5: version 4's run trained on to 28,000 steps (`--steps 28000 --resume`: the learning rate
   rises again and decays to the new end).
6: a contour channel (the fundamental's bend, so strings, voices and winds carry vibrato):
   version 5's net widened by it (`train.py --init-from`, `widened`) and trained on.
7: version 6 trained on, its training notes' noise bands read as the median of the bins
   between the harmonics (`build_scripts.timbre.analysis.noise_levels`).
8: version 7 trained on with the frame-to-frame change's error in the loss
   (`train.py --delta-weight 1`), so its attacks reach full level sooner.
9: version 7 trained on the same way with the sound effects (120-127) in the data, their
   vectors started apart from the melodic instruments' (`train.py --place-apart 120-127`)."""


def load_checkpoint(path: Path) -> tuple[TimbreDenoiser, dict[str, Any]]:
    """The EMA model in eval mode, and the checkpoint's other fields."""
    state = torch.load(path, map_location="cpu", weights_only=False)
    model = TimbreDenoiser(DenoiserConfig(**state["config"]))
    model.load_state_dict(state.get("ema", state["model"]))
    return model.eval(), state


def trained_programs() -> list[int]:
    return [p for p in PROGRAMS if p not in HELD_OUT_PROGRAMS] + [DRUM_PROGRAM]


def export_onnx(model: TimbreDenoiser, path: Path) -> None:
    import onnx

    c = model.config
    example = (
        torch.zeros(1, c.frames, c.channels),
        torch.full((1,), 0.5),
        torch.zeros(1, c.timbre_dim),
        torch.full((1,), 60.0),
        torch.full((1,), 80.0),
        torch.full((1,), 1.0),
        torch.zeros(1),
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the TorchScript exporter's deprecation notice
        torch.onnx.export(
            model,
            example,
            str(path),
            input_names=INPUTS,
            output_names=["x0"],
            opset_version=OPSET,
            dynamic_axes={name: {0: "batch"} for name in [*INPUTS, "x0"]},
            dynamo=False,
        )
    graph = onnx.load(str(path))
    graph.ir_version = IR_VERSION
    onnx.save(graph, str(path))


def timbre_space(model: TimbreDenoiser, data: Path = DATASET_PATH) -> dict[str, Any]:
    """Instrument vectors, the Gaussian prior fitted to them, and descriptor directions."""
    programs = trained_programs()
    vectors = model.timbres.weight.detach()[programs].double()  # (I, D)
    # The prior is over melodic instruments: the kit is one of a kind, and a new timbre drawn
    # among the sound effects (seashore, helicopter) would be no instrument to play a part on.
    tuned = [p for p in programs if p in MELODIC_PROGRAMS]
    melodic = vectors[[programs.index(p) for p in tuned]]
    mean = melodic.mean(dim=0)
    centred = melodic - mean
    covariance = centred.T @ centred / (len(melodic) - 1)
    covariance += 1e-4 * torch.eye(len(mean), dtype=torch.float64)
    cholesky = torch.linalg.cholesky(covariance)
    return {
        "version": SPACE_VERSION,
        "dimension": int(vectors.shape[1]),
        "instruments": {
            str(p): [round(float(v), 6) for v in row]
            for p, row in zip(programs, vectors, strict=True)
        },
        "prior": {
            "mean": [round(float(v), 6) for v in mean],
            "cholesky": [[round(float(v), 6) for v in row] for row in cholesky],
        },
        "descriptors": descriptor_directions(
            {p: row.numpy() for p, row in zip(tuned, melodic, strict=True)},
            cholesky,
            load_notes(("train",), data),
        ),
    }


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def card(
    model: TimbreDenoiser,
    state: dict[str, Any],
    onnx_path: Path,
    metrics: dict[str, Any],
    data: Path = DATASET_PATH,
) -> dict[str, Any]:
    c = model.config
    return {
        "name": "tessera-timbre",
        "version": MODEL_VERSION,
        "task": "conditional diffusion over per-note synthesis control frames",
        "architecture": {
            "type": "1-D conv denoiser, FiLM, EDM-preconditioned x0 estimate, cosine schedule",
            **{key: getattr(c, key) for key in ("frames", "channels", "patch", "width", "blocks")},
            "timbre_dim": c.timbre_dim,
            "cond_dim": c.cond_dim,
            "drum_key_embedding": c.drum_key_embedding,
            "smoothed_skip": c.smoothed_skip,
        },
        "parameters": sum(p.numel() for p in model.parameters()),
        "controls": {
            "frame_rate_hz": FRAME_RATE_HZ,
            "harmonics": HARMONIC_COUNT,
            "noise_bands": NOISE_BAND_COUNT,
            "channels": CHANNEL_COUNT,
            "contour_span_cents": CONTOUR_SPAN_CENTS,
            "vibrato_hz": [SLOWEST_VIBRATO_HZ, FASTEST_VIBRATO_HZ],
            "analysis_rate_hz": ANALYSIS_RATE_HZ,
            "noise_read": "between the harmonics",
        },
        "onnx": {
            "file": "model.onnx",
            "opset": OPSET,
            "sha256": _sha256(onnx_path),
            "inputs": INPUTS,
            "outputs": ["x0"],
        },
        "space": {"file": "space.json", "sha256": _sha256(onnx_path.parent / "space.json")},
        "training_data": {
            "manifest": "models/timbre/manifest.json",
            "manifest_sha256": _sha256(MANIFEST_PATH),
            "dataset_sha256": _sha256(data),
            "licence_note": "notes rendered from FluidR3 GM (MIT, notice in the manifest)",
        },
        "training": {
            "steps": state["step"],
            "seconds": round(float(state["elapsed_seconds"])),
            "hardware": f"{platform.machine()} CPU, {os.cpu_count()} cores, "
            f"{state.get('args', {}).get('threads', '?')} torch thread(s)",
            "torch": torch.__version__,
            "args": _portable(state.get("args", {})),
        },
        "licence": "MIT (model weights); training data FluidR3 GM, MIT",
        "metrics": metrics,
    }


def _portable(args: dict[str, str]) -> dict[str, str]:
    """Training arguments with paths inside the project written relative to it, so the card
    names no machine's folders."""
    root = str(Path(__file__).resolve().parents[2]) + os.sep
    return {key: value.replace(root, "") for key, value in args.items()}


def rewrite_metrics(folder: Path, metrics: dict[str, Any], keep_previous_as: str | None) -> None:
    """Replace only the metrics of `folder`'s card and seal it again; every other field is
    written back as it was read. Refuses a card that does not match its hash (it would be
    sealed as if exported) and a `keep_previous_as` key the card already has (a second run
    would overwrite the figures it is meant to keep)."""
    if not isinstance(metrics, dict):
        raise ValueError(f"the metrics must be a JSON object, got {type(metrics).__name__}")
    card_data = dict(read_card(folder, "export the model again from its checkpoint").raw)
    if keep_previous_as is not None:
        if keep_previous_as in card_data:
            raise ValueError(f"the card already has {keep_previous_as!r}; choose another key")
        card_data[keep_previous_as] = card_data.get("metrics", {})
    card_data["metrics"] = metrics
    write_card(folder, card_data)


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("checkpoint", type=Path, nargs="?")
    parser.add_argument("destination", type=Path, nargs="?")
    parser.add_argument("--metrics", type=Path, help="JSON file of evaluation figures for the card")
    parser.add_argument("--data", type=Path, default=DATASET_PATH, help="the training data set")
    parser.add_argument(
        "--metrics-only", type=Path, metavar="FOLDER",
        help="rewrite only the metrics of FOLDER's card (needs --metrics, no checkpoint)",
    )  # fmt: skip
    parser.add_argument(
        "--keep-previous-as", metavar="KEY", help="with --metrics-only: keep the old metrics"
    )
    args = parser.parse_args(argv)
    if args.metrics_only is not None:
        if args.metrics is None or args.checkpoint is not None:
            parser.error("--metrics-only takes --metrics and no checkpoint")
    elif args.checkpoint is None or args.destination is None:
        parser.error("a checkpoint and a destination folder are needed")
    elif args.keep_previous_as is not None:
        parser.error("--keep-previous-as goes with --metrics-only")
    return args


def main(argv: list[str] | None = None) -> None:
    args = _arguments(argv)
    if args.metrics_only is not None:
        figures = json.loads(args.metrics.read_text(encoding="utf-8"))
        try:
            rewrite_metrics(args.metrics_only, figures, args.keep_previous_as)
        except (ValueError, ModelLoadError) as err:
            raise SystemExit(f"export: {err}") from err
        print(f"rewrote the metrics of {args.metrics_only / 'card.json'}")
        return
    model, state = load_checkpoint(args.checkpoint)
    args.destination.mkdir(parents=True, exist_ok=True)
    onnx_path = args.destination / "model.onnx"
    export_onnx(model, onnx_path)
    torch.save(
        {"model": model.state_dict(), "config": state["config"]}, args.destination / "weights.pt"
    )
    space_path = args.destination / "space.json"
    space_path.write_text(json.dumps(timbre_space(model, args.data), indent=1) + "\n", "utf-8")
    metrics: dict[str, Any] = {}
    card_path = args.destination / "card.json"
    if args.metrics:
        metrics = json.loads(args.metrics.read_text(encoding="utf-8"))
    elif card_path.is_file():
        metrics = json.loads(card_path.read_text(encoding="utf-8")).get("metrics", {})
    # card.sha256 beside it: the engine refuses a card that is not the one exported here
    write_card(args.destination, card(model, state, onnx_path, metrics, args.data))
    print(f"exported step {state['step']} to {args.destination}")


if __name__ == "__main__":
    main()
