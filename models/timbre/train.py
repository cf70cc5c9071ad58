"""Train the timbre denoiser on the train split of the rendered notes.

    python -m models.timbre.train --out runs/timbre --steps 40000
    python -m models.timbre.train --out runs/timbre --steps 40000 --resume   # continue
    python -m models.timbre.train --out runs/next --steps 12000 --lr 5e-4 \
        --init-from models/timbre/weights.pt    # train on from an exported model

Seeded; checkpoints (model, EMA weights, optimizer, step, config, random state, elapsed time)
every --checkpoint-every steps and at the end, written atomically. The validation loss (on the
held-out pitches of the training instruments, with fixed noise and times) is logged to
log.jsonl. The exported model uses the EMA weights (decay --ema), as is usual for diffusion.
The loss is EDM's (see model.py): the net's output against its ideal value, every noise level
weighted alike.

--init-from starts both the net and its average from an exported model's weights.pt (which
holds only the EMA weights, not the optimizer's moments or the step), so a shipped model can
be trained on after its run's checkpoints are gone: a new run, counted from step 0 with its own
warm-up and decay, whose recipe is the shipped model's plus this one command.
"""

from __future__ import annotations

import argparse
import copy
import json
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np
import torch

from build_scripts.timbre import DATASET_PATH, MELODIC_PROGRAMS
from engine.sound.synth import CHANNEL_COUNT
from models.schedule import learning_rate
from models.timbre.data import NoteSet, load_notes
from models.timbre.model import DenoiserConfig, TimbreDenoiser, alpha_sigma, preconditioning

ATTACK_FRAMES_WEIGHTED = 4
"""A note's first frames, which `--attack-weight` counts more: 60 ms past its start, as long as
the SoundFont's plucked, struck and blown attacks take to reach full level."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="folder for checkpoints and log")
    parser.add_argument("--steps", type=int, default=40_000)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--width", type=int, default=192)
    parser.add_argument("--blocks", type=int, default=10)
    parser.add_argument("--timbre-dim", type=int, default=24)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--warmup", type=int, default=500)
    parser.add_argument("--ema", type=float, default=0.999)
    parser.add_argument(
        "--timbre-jitter",
        type=float,
        default=0.05,
        help="std of the Gaussian noise added to timbre vectors in training",
    )
    parser.add_argument(
        "--timbre-penalty",
        type=float,
        default=1e-3,
        help="weight of the mean squared timbre vector in the loss",
    )
    parser.add_argument(
        "--drum-weight",
        type=float,
        default=13.0,
        help="how much more often a drum hit is drawn than a melodic note: 141 of 14,481 "
        "training notes (v4; v3 drew them 6 times as often among 6,609)",
    )
    parser.add_argument(
        "--smoothed-skip",
        action="store_true",
        help="give the skip path a smoothed copy of the input (an experiment: see model.py)",
    )
    parser.add_argument(
        "--delta-weight",
        type=float,
        default=0.0,
        help="weight of the frame-to-frame change's squared error (sharp attacks and decays)",
    )
    parser.add_argument(
        "--attack-weight",
        type=float,
        default=1.0,
        help=f"how much more a note's first {ATTACK_FRAMES_WEIGHTED} frames' squared error counts",
    )
    parser.add_argument(
        "--place-apart",
        type=_programs,
        default=(),
        help="programs (e.g. 120-127) whose timbre vectors the starting weights never trained: "
        "they start outside the melodic instruments' cloud (see place_apart)",
    )
    parser.add_argument("--seed", type=int, default=1234)
    parser.add_argument("--eval-every", type=int, default=250)
    parser.add_argument("--checkpoint-every", type=int, default=250)
    parser.add_argument("--limit-notes", type=int, help="train on the first N notes only (tests)")
    parser.add_argument(
        "--threads",
        type=int,
        default=1,
        help="torch CPU threads (default 1: on 2 shared cores, 2 threads ran 25x slower)",
    )
    parser.add_argument(
        "--data",
        type=Path,
        default=DATASET_PATH,
        help="the data set written by build_scripts.timbre",
    )
    parser.add_argument("--resume", action="store_true", help="continue from out/checkpoint.pt")
    parser.add_argument(
        "--times",
        type=_times,
        default=(),
        help="train only at these noise levels (comma-separated, in (0, 1]; one listed twice is "
        "drawn twice as often), such as the app sampler's 1.0,0.7,0.4,0.1; default: all alike",
    )
    parser.add_argument(
        "--init-from",
        type=Path,
        help="start from an exported model's weights.pt (its architecture replaces --width, "
        "--blocks and --timbre-dim)",
    )
    return parser


def diffusion_loss(
    model: TimbreDenoiser,
    notes: NoteSet,
    t: torch.Tensor,
    noise: torch.Tensor,
    jitter: torch.Tensor | None = None,
    *,
    delta_weight: float = 0.0,
    attack_weight: float = 1.0,
) -> torch.Tensor:
    """EDM-weighted squared error of the x0 estimate, at times t (B,) with noise (B, F, C).

    The weight 1 / c_out^2 makes this the plain mean squared error of the net's own output
    against its ideal value, the same scale at every noise level.

    `delta_weight` adds the squared error of the change from each frame to the next, weighted
    alike. An attack or a drum hit's decay is a large change over one or two of a note's 128
    frames, so the plain error, averaged over all frames, barely feels it when the net spreads
    that change over three or four; the change's own error does.

    `attack_weight` counts the error of each note's first `ATTACK_FRAMES_WEIGHTED` frames that
    many times over (the mean stays on the same scale: the weights are normalised). Every
    training note starts at frame 0, so these frames hold its attack: on 4 of 128 frames, an
    error that rises over 40 ms where the note is at full level in 20 ms costs the plain mean
    next to nothing, and v7 learned exactly that (a piano's first full frame 4-6 dB under its
    peak, where FluidSynth's analysed frames are within 0.5 dB).
    """
    t = t.clamp(min=1e-3)  # at t = 0 the weight would be infinite
    alpha, sigma = (s[:, None, None] for s in alpha_sigma(t))  # (B, 1, 1)
    noisy = alpha * notes.controls + sigma * noise  # (B, F, C)
    timbre = model.timbres(notes.program)  # (B, D)
    if jitter is not None:
        timbre = timbre + jitter
    estimate = model(noisy, t, timbre, notes.pitch, notes.velocity, notes.duration, notes.is_drum)
    c_out = preconditioning(t)[1][:, None, None]  # (B, 1, 1)
    error = (estimate - notes.controls) / c_out
    if attack_weight == 1.0:
        loss = torch.mean(error**2)
    else:
        weights = torch.ones(error.shape[1], dtype=error.dtype)
        weights[:ATTACK_FRAMES_WEIGHTED] = attack_weight
        weights = weights / weights.mean()
        loss = torch.mean(weights[None, :, None] * error**2)
    if delta_weight:
        loss = loss + delta_weight * torch.mean(torch.diff(error, dim=1) ** 2)
    return loss


@torch.no_grad()
def validation_loss(
    model: TimbreDenoiser, notes: NoteSet, seed: int = 99, times: tuple[float, ...] = ()
) -> float:
    """Loss at fixed times and noise (their own seed), so values compare across steps: times
    drawn uniformly, or `times` in turn."""
    generator = torch.Generator().manual_seed(seed)
    t = torch.rand(len(notes), generator=generator)
    if times:
        t = torch.tensor(times, dtype=torch.float32)[torch.arange(len(notes)) % len(times)]
    noise = torch.randn(notes.controls.shape, generator=generator)
    model.eval()
    losses = [
        float(
            diffusion_loss(
                model,
                notes.take(torch.arange(i, min(i + 64, len(notes)))),
                t[i : i + 64],
                noise[i : i + 64],
            )
        )
        * min(64, len(notes) - i)
        for i in range(0, len(notes), 64)
    ]
    model.train()
    return sum(losses) / len(notes)


def _validation_subset(notes: NoteSet, count: int = 256) -> NoteSet:
    """An evenly spread, fixed subset of the validation notes."""
    return notes.take(torch.linspace(0, len(notes) - 1, min(count, len(notes))).long())


def train(args: argparse.Namespace, train_notes: NoteSet, validation_notes: NoteSet) -> None:
    """The training loop; writes checkpoint.pt and log.jsonl into `args.out`."""
    torch.set_num_threads(args.threads)
    config, model = _new_model(args)
    ema = copy.deepcopy(model).requires_grad_(False)
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.0)
    generator = torch.Generator().manual_seed(args.seed)
    step, started = 0, time.time()
    args.out.mkdir(parents=True, exist_ok=True)
    checkpoint_path = args.out / "checkpoint.pt"
    if args.resume and checkpoint_path.exists():
        state = torch.load(checkpoint_path, map_location="cpu", weights_only=False)
        model.load_state_dict(state["model"])
        ema.load_state_dict(state["ema"])
        optimizer.load_state_dict(state["optimizer"])
        generator.set_state(state["generator"])
        step, started = state["step"], started - state["elapsed_seconds"]
    validation = _validation_subset(validation_notes)
    draw_weights = 1.0 + (args.drum_weight - 1.0) * train_notes.is_drum
    log = (args.out / "log.jsonl").open("a", encoding="utf-8")
    while step < args.steps:
        for group in optimizer.param_groups:
            group["lr"] = learning_rate(step, args)
        index = torch.multinomial(draw_weights, args.batch_size, True, generator=generator)
        batch = train_notes.take(index)
        t = draw_times(args.batch_size, args.times, generator)
        noise = torch.randn(batch.controls.shape, generator=generator)
        jitter = args.timbre_jitter * torch.randn(
            args.batch_size, config.timbre_dim, generator=generator
        )
        loss = diffusion_loss(
            model,
            batch,
            t,
            noise,
            jitter,
            delta_weight=args.delta_weight,
            attack_weight=args.attack_weight,
        )
        penalty = args.timbre_penalty * model.timbres(batch.program).pow(2).mean()
        optimizer.zero_grad(set_to_none=True)
        (loss + penalty).backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        with torch.no_grad():
            for averaged, live in zip(ema.parameters(), model.parameters(), strict=True):
                averaged.lerp_(live, 1.0 - args.ema)
        step += 1
        last = step == args.steps
        if step % args.eval_every == 0 or last:
            record = _progress(step, float(loss.detach()), ema, validation, args.times)
            record["elapsed_seconds"] = round(time.time() - started, 1)
            print(json.dumps(record), flush=True)
            log.write(json.dumps(record) + "\n")
            log.flush()
        if step % args.checkpoint_every == 0 or last:
            state = {
                "model": model.state_dict(),
                "ema": ema.state_dict(),
                "optimizer": optimizer.state_dict(),
                "generator": generator.get_state(),
                "step": step,
                "config": asdict(config),
                "elapsed_seconds": time.time() - started,
                "args": {key: str(value) for key, value in vars(args).items()},
            }
            _save(checkpoint_path, state)
    log.close()


def _new_model(args: argparse.Namespace) -> tuple[DenoiserConfig, TimbreDenoiser]:
    """The net a run starts from: seeded fresh weights of the asked size, or an exported
    model's weights and size (`--init-from`)."""
    config = DenoiserConfig(
        width=args.width,
        blocks=args.blocks,
        timbre_dim=args.timbre_dim,
        smoothed_skip=args.smoothed_skip,
    )
    initial = _initial_weights(args.init_from) if args.init_from else None
    if initial is not None:
        config = DenoiserConfig(**{**initial["config"], "channels": CHANNEL_COUNT})
    torch.manual_seed(args.seed)
    model = TimbreDenoiser(config)
    if initial is not None:
        weights = widened(initial["model"], initial["config"]["channels"], config)
        model.load_state_dict(weights)
    if args.place_apart:
        with torch.no_grad():
            model.timbres.weight.copy_(place_apart(model.timbres.weight, args.place_apart))
    return config, model


PLACE_APART_DISTANCE = 15.0
"""How far (in the melodic vectors' own spread: a Mahalanobis distance) a vector placed apart
starts from their mean. A melodic instrument's own is about 4.8 (in 24 dimensions about the
square root of 24), so 15 is three times as far as a typical one."""
PLACE_APART_SEED = 8
"""Seeds the directions the placed vectors start in (version 9's run used this one)."""


def place_apart(timbres: torch.Tensor, programs: tuple[int, ...]) -> torch.Tensor:
    """The timbre table (rows, D) with the rows of `programs` moved `PLACE_APART_DISTANCE`
    from the melodic instruments' mean, each in its own seeded random direction, scaled by the
    melodic vectors' covariance; every other row as it was (a copy).

    Why: instruments the starting weights never trained (the sound effects, for version 9) keep
    their rows' random start near the origin, which is the middle of the melodic instruments'
    cloud and of the prior that new timbres are drawn from. Trained there, the net learned hiss
    around them, and 5 of 24 new timbres from the prior came out as noise (none without them);
    started apart, none did, and the effects were learned as well."""
    table = timbres.detach().numpy()
    melodic = table[list(MELODIC_PROGRAMS)]
    mean = melodic.mean(axis=0)
    cholesky = np.linalg.cholesky(np.cov(melodic.T) + 1e-4 * np.eye(table.shape[1]))
    rng = np.random.default_rng(PLACE_APART_SEED)
    placed = timbres.detach().clone()
    for program in programs:
        direction = rng.standard_normal(size=(table.shape[1],))
        direction *= PLACE_APART_DISTANCE / float(np.linalg.norm(direction))
        placed[program] = torch.from_numpy(mean + cholesky @ direction).to(placed.dtype)
    return placed


def widened(
    weights: dict[str, torch.Tensor], channels: int, config: DenoiserConfig
) -> dict[str, torch.Tensor]:
    """An exported net's weights for a frame layout with more channels after its own (v5's 96
    levels -> v6's levels and contour): the new channels' input columns and output rows start
    at zero, so the net starts as the old one did on every old channel, and its estimate of a
    new channel starts as the noisy input scaled (EDM's skip path) until training teaches it."""
    added = config.channels - channels
    if added == 0:
        return weights
    if added < 0:
        raise SystemExit(
            f"train: --init-from has {channels} channels, more than this layout's "
            f"{config.channels}: start that layout's run from scratch"
        )
    if config.smoothed_skip:
        raise SystemExit("train: widening a net with a smoothed skip is not supported")
    out = dict(weights)
    patch, width = config.patch, config.width
    inputs = weights["patch_in.weight"].reshape(width, patch, channels + 2)
    zeros = torch.zeros(width, patch, added)
    columns = [inputs[:, :, :channels], zeros, inputs[:, :, channels:]]  # then gate, position
    out["patch_in.weight"] = torch.cat(columns, dim=2).reshape(width, -1)
    values = weights["patch_out.weight"].shape[0] // (patch * channels)
    rows = weights["patch_out.weight"].reshape(patch, values, channels, width)
    out["patch_out.weight"] = torch.cat(
        [rows, torch.zeros(patch, values, added, width)], dim=2
    ).reshape(-1, width)
    bias = weights["patch_out.bias"].reshape(patch, values, channels)
    out["patch_out.bias"] = torch.cat([bias, torch.zeros(patch, values, added)], dim=2).reshape(-1)
    return out


def _progress(
    step: int,
    train_loss: float,
    ema: TimbreDenoiser,
    validation: NoteSet,
    times: tuple[float, ...],
) -> dict[str, Any]:
    """The log's record for `step`: the batch's loss and the average model's validation loss
    (also at the trained `times` alone, where the run trains only at some)."""
    record: dict[str, Any] = {
        "step": step,
        "train_loss": round(train_loss, 5),
        "validation_loss": round(validation_loss(ema, validation), 5),
    }
    if times:
        used = tuple(sorted(set(times)))
        record["validation_loss_at_times"] = round(validation_loss(ema, validation, times=used), 5)
    return record


def draw_times(count: int, times: tuple[float, ...], generator: torch.Generator) -> torch.Tensor:
    """Noise levels for a batch: uniform in [0, 1), or drawn from `times` alike (a time listed
    twice is drawn twice as often)."""
    if not times:
        return torch.rand(count, generator=generator)
    index = torch.randint(len(times), (count,), generator=generator)
    return torch.tensor(times, dtype=torch.float32)[index]


def _times(text: str) -> tuple[float, ...]:
    """`--times`: comma-separated noise levels in (0, 1]."""
    try:
        times = tuple(float(part) for part in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"--times takes numbers separated by commas, such as 0.1,0.4,0.7,1.0; got {text!r}"
        ) from None
    if not times or not all(0.0 < t <= 1.0 for t in times):
        raise argparse.ArgumentTypeError(f"--times must lie in (0, 1]; got {text!r}")
    return times


def _programs(text: str) -> tuple[int, ...]:
    """ "120-127" or "120,121" -> the programs, each 0-127."""
    programs: list[int] = []
    try:
        for part in text.split(","):
            low, _, high = part.strip().partition("-")
            programs += range(int(low), int(high or low) + 1)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected programs such as 120-127, got {text!r}"
        ) from None
    if not programs or not all(0 <= p <= 127 for p in programs):
        raise argparse.ArgumentTypeError(f"programs must be 0-127, got {text!r}")
    return tuple(programs)


def _initial_weights(path: Path) -> dict[str, Any]:
    """An exported model's weights and architecture, or a clear stop if `path` is not one."""
    if not path.is_file():
        raise SystemExit(f"train: --init-from {path}: no such file; give an exported weights.pt")
    state = torch.load(path, map_location="cpu", weights_only=False)
    if not isinstance(state, dict) or not {"model", "config"} <= state.keys():
        raise SystemExit(
            f"train: --init-from {path} is not an exported model's weights.pt "
            "(it needs 'model' and 'config'); export the model first"
        )
    if "optimizer" in state:
        raise SystemExit(
            f"train: --init-from {path} is a run's checkpoint: a run continues with --resume "
            "in its own --out folder, or export it and start from its weights.pt"
        )
    return state


def _save(path: Path, state: dict[str, Any]) -> None:
    """Write to a temporary file and rename it, so a stop never corrupts the checkpoint."""
    temporary = path.with_suffix(".tmp")
    torch.save(state, temporary)
    temporary.replace(path)


def main(argv: list[str] | None = None) -> None:
    args = _parser().parse_args(argv)
    train_notes = load_notes(("train",), args.data)
    validation_notes = load_notes(("test_pitch",), args.data)
    if args.limit_notes:
        train_notes = train_notes.take(torch.arange(min(args.limit_notes, len(train_notes))))
        validation_notes = validation_notes.take(torch.arange(min(16, len(validation_notes))))
    train(args, train_notes, validation_notes)


if __name__ == "__main__":
    main()
