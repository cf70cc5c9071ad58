"""Speed of the timbre model: milliseconds to generate and synthesize one 2-second note.

    python -m benchmarks.timbre [--runs 30] [--steps 10] [--threads 1]

Prints the median and 90th percentile over several seeds and pitches of: the sampler alone
(onnxruntime, the engine's path), synthesis alone at 44.1 kHz and at 22.05 kHz, and the whole
`render_note` at 44.1 kHz; then the sampler with eager torch on the same weights and the ratio
(torch / onnxruntime), at the better of one and two torch threads. Needs the training extra
(torch) for the baseline. Timings are noisy on a shared CPU: compare ratios within one run.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from engine.sound.sampler import ddim_sample
from engine.sound.synth import ANALYSIS_RATE_HZ, CHANNEL_COUNT, OUTPUT_RATE_HZ, controls_to_audio
from engine.sound.timbre import DEFAULT_MODEL_DIR, TimbreModel, from_gm

PROGRAMS = (0, 24, 40, 56, 73, 88)


def timed_ms(action: Callable[[int], object], runs: int) -> list[float]:
    action(0)  # warm-up
    times = []
    for run in range(runs):
        started = time.perf_counter()
        action(run)
        times.append(1000 * (time.perf_counter() - started))
    return times


def summary(name: str, times: list[float]) -> float:
    median = statistics.median(times)
    p90 = float(np.percentile(times, 90))
    print(f"{name:<44} median {median:7.1f} ms   p90 {p90:7.1f} ms")
    return median


def torch_sampler_ms(model: TimbreModel, runs: int, steps: int) -> dict[int, float]:
    """Median ms of the same DDIM loop with the eager torch denoiser, by thread count."""
    try:
        import torch

        from models.timbre.model import DenoiserConfig, TimbreDenoiser
    except ImportError:
        return {}
    state = torch.load(model.folder / "weights.pt", map_location="cpu", weights_only=False)
    net = TimbreDenoiser(DenoiserConfig(**state["config"]))
    net.load_state_dict(state["model"])
    net.eval()
    ref = from_gm(model.space, 0)
    vector = torch.tensor([ref.vector], dtype=torch.float32)

    def denoise(x: np.ndarray, t: float) -> np.ndarray:
        with torch.no_grad():
            x0 = net(
                torch.from_numpy(x[None]),
                torch.tensor([t]),
                vector,
                torch.tensor([60.0]),
                torch.tensor([80.0]),
                torch.tensor([2.0]),
                torch.tensor([0.0]),
            )
        return x0[0].numpy()  # type: ignore[no-any-return]

    results = {}
    noise = np.random.default_rng(0).standard_normal((model.frames, CHANNEL_COUNT))
    for threads in (1, 2):
        torch.set_num_threads(threads)
        results[threads] = statistics.median(
            timed_ms(lambda _: ddim_sample(denoise, noise, steps), runs)
        )
    return results


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--steps", type=int, default=10)
    parser.add_argument("--threads", type=int, default=1, help="onnxruntime intra-op threads")
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL_DIR, help="model folder")
    args = parser.parse_args(argv)
    model = TimbreModel(args.model, threads=args.threads)
    refs = [from_gm(model.space, p, seed=i) for i, p in enumerate(PROGRAMS)]
    pitches = (40, 52, 60, 67, 76, 84)
    print(
        f"timbre model: {args.steps} DDIM steps, onnxruntime {args.threads} thread(s), "
        f"{model.providers[0]}, a 2-s note (plus release)"
    )

    def sample(run: int) -> np.ndarray:
        return model.sample_controls(
            refs[run % 6], pitches[run % 6], 80, 2.0, steps=args.steps, sampler=ddim_sample
        )

    onnx_ms = summary("generate control frames (onnxruntime)", timed_ms(sample, args.runs))
    frames = sample(0)
    for rate in sorted({OUTPUT_RATE_HZ, ANALYSIS_RATE_HZ, 22_050}, reverse=True):

        def synthesize(run: int, rate: int = rate) -> object:
            return controls_to_audio(frames, pitches[run % 6], sample_rate_hz=rate)

        summary(f"synthesize at {rate} Hz", timed_ms(synthesize, args.runs))
    summary(
        "render_note = generate + synthesize (44.1 kHz)",
        timed_ms(
            lambda run: model.render_note(
                refs[run % 6], pitches[run % 6], 80, 2.0, steps=args.steps, sampler=ddim_sample
            ),
            args.runs,
        ),
    )
    eager = torch_sampler_ms(model, max(5, args.runs // 3), args.steps)
    if not eager:
        print("eager torch baseline: torch is not installed (pip install -e .[train])")
        return
    best = min(eager.values())
    threads = ", ".join(f"{k} thread(s) {v:.1f} ms" for k, v in eager.items())
    print(f"generate with eager torch (median): {threads}")
    print(f"ratio eager torch / onnxruntime: {best / onnx_ms:.2f}x")


if __name__ == "__main__":
    main()
