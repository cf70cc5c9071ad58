"""The learning-rate schedule both of Tessera's models train with."""

from __future__ import annotations

import argparse
import math


def learning_rate(step: int, args: argparse.Namespace) -> float:
    """Linear warm-up over `args.warmup` steps, then cosine decay to a tenth of `args.lr` at
    `args.steps` (so a resumed run with a new `--steps` re-derives the rest of the curve)."""
    peak, warmup, steps = float(args.lr), int(args.warmup), int(args.steps)
    if step < warmup:
        return peak * (step + 1) / warmup
    progress = min(1.0, (step - warmup) / max(1, steps - warmup))
    return peak * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * progress)))
