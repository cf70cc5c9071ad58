"""Train the symbolic model on the corpus's train split, on CPUs or GPUs, one or many processes.

    python -m models.midi.train --out runs/midi --steps 6000             # one process
    torchrun --standalone --nproc-per-node 2 -m models.midi.train --out runs/midi     # PyTorch DDP
    python -m models.midi.train --out runs/band --init-from models/midi/weights.pt --steps 1500

Examples are drawn from the sources of `--mix` (see `models.midi.sources`) with its weights.
`--init-from` starts from another run's weights: a model trained with an older, shorter
vocabulary grows new embedding rows for the tokens appended since (their ids come last), so
a band-styles model continues from the corpus model instead of starting again.

Seeded; checkpoints (model, optimizer, step, config, random state) every --checkpoint-every
steps and at the end, and `--resume` continues from the last one. Validation loss is logged to
`log.jsonl` in the output folder. DDP uses gloo on CPUs and nccl on GPUs.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import time
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

import torch
from torch import distributed as dist
from torch.nn import functional as F  # noqa: N812
from torch.nn.parallel import DistributedDataParallel

from engine.compose.vocab import Vocabulary
from engine.project.project_file import load_project
from models.midi.data import ExampleSettings, make_example
from models.midi.model import MidiTransformer, ModelConfig
from models.midi.sources import DEFAULT_MIX, Source, load_sources, manifest_hashes, parse_mix
from models.schedule import learning_rate

PAD_ID = 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="folder for checkpoints and log")
    parser.add_argument("--steps", type=int, default=6000)
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--block-size", type=int, default=1024)
    parser.add_argument("--n-layer", type=int, default=4)
    parser.add_argument("--n-head", type=int, default=4)
    parser.add_argument("--n-embd", type=int, default=192)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--warmup", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1234)
    parser.add_argument("--eval-every", type=int, default=250)
    parser.add_argument("--checkpoint-every", type=int, default=250)
    parser.add_argument("--limit-works", type=int, help="use only the first N works (tests)")
    parser.add_argument(
        "--data-dir",
        type=Path,
        help="train on DIR/train/*.json and DIR/validation/*.json instead of the corpus splits",
    )
    parser.add_argument("--resume", action="store_true", help="continue from out/checkpoint.pt")
    parser.add_argument(
        "--mix", default=DEFAULT_MIX, help=f"sources and weights (default {DEFAULT_MIX})"
    )
    parser.add_argument(
        "--init-from", type=Path, help="start from these weights (a checkpoint or weights.pt)"
    )
    return parser


BUCKET_BATCHES = 4
"""Examples are drawn this many batches at a time and batched by length: a batch is padded to
its longest example, and examples run from ~20 to 1,025 tokens, so random batches spent about
half of each step on padding."""


def batches(
    sources: list[Source],
    vocab: Vocabulary,
    rng: random.Random,
    settings: ExampleSettings,
    size: int,
    *,
    tokens_by_source: dict[str, int] | None = None,
) -> Iterator[torch.Tensor]:
    """Endless padded batches (B, T+1): each example from a source drawn by weight, then a
    random song of it; batches of similar lengths, in random order. `tokens_by_source` (if
    given) counts the tokens each source gave."""
    weights = [source.weight for source in sources]
    while True:
        rows: list[list[int]] = []
        while len(rows) < size * BUCKET_BATCHES:
            source = rng.choices(sources, weights)[0]
            example = make_example(rng.choice(source.songs), vocab, rng, settings)
            if example is not None and len(example) > 1:
                rows.append(example)
                if tokens_by_source is not None:
                    count = tokens_by_source.get(source.name, 0)
                    tokens_by_source[source.name] = count + len(example)
        rows.sort(key=len)
        groups = [rows[i : i + size] for i in range(0, len(rows), size)]
        rng.shuffle(groups)
        for group in groups:
            width = max(len(row) for row in group)
            yield torch.tensor([row + [PAD_ID] * (width - len(row)) for row in group])


def loss_on(model: torch.nn.Module, batch: torch.Tensor) -> torch.Tensor:
    logits, _ = model(batch[:, :-1])  # (B, T, V)
    targets = batch[:, 1:]  # (B, T)
    return F.cross_entropy(logits.flatten(0, 1), targets.flatten(), ignore_index=PAD_ID)


@torch.no_grad()
def evaluate(model: torch.nn.Module, fixed_batches: list[torch.Tensor]) -> float:
    """Mean per-token loss over fixed batches (the same ones every time)."""
    model.eval()
    total = tokens = 0.0
    for batch in fixed_batches:
        count = float((batch[:, 1:] != PAD_ID).sum())
        total += float(loss_on(model, batch)) * count
        tokens += count
    model.train()
    return total / tokens


def _validation_record(
    model: torch.nn.Module, validation: dict[str, list[torch.Tensor]]
) -> dict[str, object]:
    """The validation loss over every source's batches, and each source's own."""
    by_source = {name: evaluate(model, fixed) for name, fixed in validation.items()}
    everything = [batch for fixed in validation.values() for batch in fixed]
    return {
        "validation_loss": round(evaluate(model, everything), 4) if everything else None,
        "validation_loss_by_source": {name: round(v, 4) for name, v in by_source.items()},
    }


def _fixed_batches(
    sources: list[Source], vocab: Vocabulary, settings: ExampleSettings, count: int
) -> dict[str, list[torch.Tensor]]:
    """Per source, the same evaluation batches on every call (their own seed), so losses
    compare across steps and the log shows how each kind of music is learned."""
    fixed = {}
    for source in sources:
        stream = batches([source], vocab, random.Random(99), settings, 8)
        fixed[source.name] = [next(stream) for _ in range(count)]
    return fixed


def _setup_distributed() -> tuple[int, int, torch.device]:
    world = int(os.environ.get("WORLD_SIZE", "1"))
    rank = int(os.environ.get("RANK", "0"))
    device = (
        torch.device("cuda", rank % torch.cuda.device_count())
        if torch.cuda.is_available()
        else torch.device("cpu")
    )
    if world > 1:
        dist.init_process_group("nccl" if device.type == "cuda" else "gloo")
    if device.type == "cpu":
        torch.set_num_threads(max(1, (os.cpu_count() or 1) // world))
    return rank, world, device


def main(argv: list[str] | None = None) -> None:
    args = _parser().parse_args(argv)
    rank = int(os.environ.get("RANK", "0"))
    if args.data_dir:
        train_sources = [_folder_source(args.data_dir / "train")]
        validation_sources = [_folder_source(args.data_dir / "validation")]
    else:
        mix = parse_mix(args.mix)
        args.manifest_sha256 = manifest_hashes(mix)  # as read, before the data is loaded
        train_sources = load_sources(mix, "train", args.limit_works)
        held_out = {name: 1.0 for name in mix if name != "arranged"}  # real music only
        validation_sources = (
            load_sources(held_out, "validation", args.limit_works) if rank == 0 else []
        )
    train(args, train_sources, validation_sources)


def _folder_source(folder: Path) -> Source:
    return Source(folder.name, 1.0, tuple(load_project(p) for p in sorted(folder.glob("*.json"))))


def _build(args: argparse.Namespace, vocab: Vocabulary, device: torch.device) -> MidiTransformer:
    config = ModelConfig(
        vocab_size=len(vocab),
        block_size=args.block_size,
        n_layer=args.n_layer,
        n_head=args.n_head,
        n_embd=args.n_embd,
    )
    torch.manual_seed(args.seed)
    return MidiTransformer(config).to(device)


def _initialise_from(model: MidiTransformer, path: Path) -> None:
    """Load another run's weights; embedding rows for tokens it did not have (their ids come
    after all of its own) start at zero, so older tokens keep their meaning, a new token adds
    nothing to the residual stream until it is learned, and its logit starts neutral."""
    state = torch.load(path, map_location="cpu", weights_only=False)["model"]
    own = model.state_dict()
    for name, tensor in state.items():
        if name not in own:
            raise ValueError(f"{path} has a weight {name!r} this model does not: sizes differ")
        if name.endswith("token_embedding.weight") or name.endswith("head.weight"):
            rows = tensor.shape[0]
            if rows > own[name].shape[0] or tensor.shape[1:] != own[name].shape[1:]:
                raise ValueError(f"{path}'s {name} {tuple(tensor.shape)} does not fit the model")
            grown = torch.zeros_like(own[name])
            grown[:rows] = tensor
            state[name] = grown
    model.load_state_dict(state)


def train(
    args: argparse.Namespace, train_sources: list[Source], validation_sources: list[Source]
) -> None:
    """The training loop; writes checkpoint.pt and log.jsonl into `args.out`."""
    rank, world, device = _setup_distributed()
    vocab = Vocabulary.build()
    settings = ExampleSettings(block_size=args.block_size)
    model = _build(args, vocab, device)
    if args.init_from and not (args.resume and (args.out / "checkpoint.pt").exists()):
        _initialise_from(model, args.init_from)
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.1)
    rng = random.Random(args.seed + rank)
    step, started, tokens_seen = 0, time.time(), 0
    tokens_by_source: dict[str, int] = {}
    args.out.mkdir(parents=True, exist_ok=True)
    checkpoint_path = args.out / "checkpoint.pt"
    if args.resume and checkpoint_path.exists():
        state = torch.load(checkpoint_path, map_location=device, weights_only=False)
        model.load_state_dict(state["model"])
        optimizer.load_state_dict(state["optimizer"])
        step, rng = state["step"], state["rng"][rank] if rank < len(state["rng"]) else rng
        started -= state["elapsed_seconds"]
        tokens_seen = int(state.get("tokens", 0))
        tokens_by_source = dict(state.get("tokens_by_source", {}))
    trained = DistributedDataParallel(model) if world > 1 else model
    stream = batches(
        train_sources, vocab, rng, settings, args.batch_size, tokens_by_source=tokens_by_source
    )
    validation = _fixed_batches(validation_sources, vocab, settings, 8) if rank == 0 else {}
    log = (args.out / "log.jsonl").open("a", encoding="utf-8")
    while step < args.steps:
        for group in optimizer.param_groups:
            group["lr"] = learning_rate(step, args)
        batch = next(stream).to(device)
        loss = loss_on(trained, batch)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()  # type: ignore[no-untyped-call]
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        step += 1
        tokens_seen += int((batch != PAD_ID).sum()) * world
        last = step == args.steps
        if rank == 0 and (step % args.eval_every == 0 or last):
            record = {
                "step": step,
                "train_loss": round(loss.item(), 4),
                **_validation_record(model, validation),
                "tokens_by_source": dict(sorted(tokens_by_source.items())),
                "elapsed_seconds": round(time.time() - started, 1),
                "tokens": tokens_seen,
            }
            print(json.dumps(record), flush=True)
            log.write(json.dumps(record) + "\n")
            log.flush()
        if rank == 0 and (step % args.checkpoint_every == 0 or last):
            _save(
                checkpoint_path,
                model=model,
                optimizer=optimizer,
                step=step,
                rng=rng,
                elapsed=time.time() - started,
                tokens=tokens_seen,
                tokens_by_source=tokens_by_source,
                args=args,
            )
    log.close()
    if world > 1:
        dist.barrier()  # rank 0 may still be saving; leave together so no peer sees a hang-up
        dist.destroy_process_group()


def _save(
    path: Path,
    *,
    model: MidiTransformer,
    optimizer: torch.optim.Optimizer,
    step: int,
    rng: random.Random,
    elapsed: float,
    tokens: int,
    tokens_by_source: dict[str, int],
    args: argparse.Namespace,
) -> None:
    """Write the checkpoint to a temporary file and rename it, so a stop never corrupts it."""
    state = {
        "model": model.state_dict(),
        "optimizer": optimizer.state_dict(),
        "step": step,
        "config": asdict(model.config),
        "rng": [rng],
        "elapsed_seconds": elapsed,
        "tokens": tokens,
        "tokens_by_source": dict(sorted(tokens_by_source.items())),
        "manifest_sha256": getattr(args, "manifest_sha256", {}),
        "args": {k: str(v) for k, v in vars(args).items() if k != "manifest_sha256"},
    }
    temporary = path.with_suffix(".tmp")
    torch.save(state, temporary)
    temporary.replace(path)


if __name__ == "__main__":
    main()
