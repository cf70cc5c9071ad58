"""Speed and memory of the shipped symbolic model, each figure with its baseline in the same run.

    python -m benchmarks.midi_model

Prints: decode tokens/s with onnxruntime (the engine's path) against eager torch on the same
weights, at the better of one and two torch threads (under CPU contention two torch threads can
fall to a few tokens/s, which would flatter the ratio); the time to prefill the same prompt; the
latency to regenerate one track-bar with 16 bars of context and one whole bar of four tracks
(median and 90th percentile over several seeds); and the peak memory of a fresh process that
loads the engine and the model. Needs the training extra (torch) for the baseline.
"""

from __future__ import annotations

import dataclasses
import statistics
import subprocess
import sys
import time

import numpy as np

from engine.compose.controls import Controls, guides
from engine.compose.decode import SamplingSettings, fill_cells
from engine.compose.infill import TAKES, write_takes
from engine.compose.midi_model import DEFAULT_MODEL_DIR, MidiModel
from engine.song.song import PPQ, Note, Song, Track

WEIGHTS = DEFAULT_MODEL_DIR / "weights.pt"
CONTEXT_TOKENS = 300
DECODE_STEPS = 200


def decode_rate_onnx(model: MidiModel, prompt: list[int]) -> float:
    _, cache = model.prefill(prompt)
    started = time.perf_counter()
    for _ in range(DECODE_STEPS):
        _, cache = model.step(5, cache)
    return DECODE_STEPS / (time.perf_counter() - started)


def decode_rates_torch(prompt: list[int]) -> dict[int, float]:
    """Eager-torch decode tokens/s by thread count; empty without torch."""
    try:
        import torch

        from models.midi.export import load_checkpoint
    except ImportError:
        return {}
    network, _ = load_checkpoint(WEIGHTS)
    rates = {}
    for threads in (1, 2):
        torch.set_num_threads(threads)
        with torch.no_grad():
            _, cache = network(torch.tensor([prompt]), network.empty_cache())
            started = time.perf_counter()
            for _ in range(DECODE_STEPS):
                _, cache = network(torch.tensor([[5]]), cache)
        rates[threads] = DECODE_STEPS / (time.perf_counter() - started)
    return rates


def prefill_ms(model: MidiModel, prompt: list[int]) -> float:
    """The fastest of three prefills of the prompt."""
    times = []
    for _ in range(3):
        started = time.perf_counter()
        model.prefill(prompt)
        times.append((time.perf_counter() - started) * 1000)
    return min(times)


def demo_song(bars: int = 17) -> Song:
    """Four tracks of plausible material: melody, chords, bass, drums."""
    rng = np.random.default_rng(0)
    bar = 4 * PPQ
    melody = [
        Note(b * bar + q * PPQ, int(rng.integers(64, 76)), PPQ, 90)
        for b in range(bars)
        for q in range(4)
    ]
    chords = [Note(b * bar, p, bar, 70) for b in range(bars) for p in (48, 52, 55)]
    bass = [Note(b * bar + h * 2 * PPQ, 36, 2 * PPQ, 90) for b in range(bars) for h in range(2)]
    drums = [
        Note(b * bar + q * PPQ, 36 if q % 2 == 0 else 38, PPQ // 4, 100)
        for b in range(bars)
        for q in range(4)
    ]
    tracks = (
        Track("Melody", 73, notes=tuple(melody)),
        Track("Chords", 0, notes=tuple(chords)),
        Track("Bass", 33, notes=tuple(bass)),
        Track("Drums", is_drum=True, notes=tuple(drums)),
    )
    return Song(title="bench", bar_count=bars, tracks=tracks)


def latency_ms(model: MidiModel, song: Song, cells: list[tuple[int, int]]) -> list[float]:
    times = []
    for seed in range(7):
        started = time.perf_counter()
        fill_cells(model, song, cells, SamplingSettings(seed=seed))
        times.append((time.perf_counter() - started) * 1000)
    return times


def regenerate_ms(
    model: MidiModel, song: Song, cell: tuple[int, int], takes: int, *, fresh: bool
) -> list[float]:
    """Regenerating one cell as the app does (`write_takes`: several takes, the best kept;
    one take is the engine before takes): each time in a song not prompted before (`fresh`),
    or in the same song asked again."""
    times = []
    for seed in range(7):
        melody = song.tracks[0]
        moved = dataclasses.replace(melody.notes[0], pitch=melody.notes[0].pitch + seed + 1)
        melody = dataclasses.replace(melody, notes=(moved, *melody.notes[1:]))
        if fresh:
            song = dataclasses.replace(song, tracks=(melody, *song.tracks[1:]))
        plan = {cell: guides(song, cell, Controls(), 0)}
        started = time.perf_counter()
        write_takes(model, song, plan, Controls(), seed, takes=takes)
        times.append((time.perf_counter() - started) * 1000)
    return times


def peak_memory_mb() -> float:
    """Peak resident memory of a fresh process that loads the engine and the model.

    Read from /proc (VmHWM, reset by exec): ru_maxrss would report this benchmark's own peak,
    which a child inherits across fork on Linux.
    """
    code = (
        "from engine.compose.midi_model import MidiModel; MidiModel(); "
        "print(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(out.stdout.strip()) / 1024


def _spread(values: list[float]) -> str:
    ordered = sorted(values)
    p90 = ordered[int(0.9 * (len(ordered) - 1))]
    return f"median {statistics.median(ordered):.0f} ms, p90 {p90:.0f} ms"


def main() -> None:
    model = MidiModel(threads=2)
    prompt = [
        int(i) for i in np.random.default_rng(0).integers(8, len(model.vocab), CONTEXT_TOKENS)
    ]
    onnx_rate = decode_rate_onnx(model, prompt)
    torch_rates = decode_rates_torch(prompt) if WEIGHTS.exists() else {}
    print(f"model: {model.card.raw['parameters']:,} parameters, providers {model.providers}")
    print(f"decode after {CONTEXT_TOKENS} tokens: onnxruntime {onnx_rate:.0f} tok/s", end="")
    if torch_rates:
        best = max(torch_rates.values())
        each = ", ".join(f"{t} thread(s) {r:.0f}" for t, r in torch_rates.items())
        print(f", eager torch {best:.0f} tok/s ({each}), ratio {onnx_rate / best:.2f}x")
    else:
        print(" (torch baseline skipped: no torch or no weights.pt)")
    print(f"prefill {CONTEXT_TOKENS} tokens: {prefill_ms(model, prompt):.1f} ms")
    song = demo_song()
    print(
        "regenerate 1 track-bar, 16 bars of context:", _spread(latency_ms(model, song, [(0, 16)]))
    )
    print(
        "regenerate 1 bar x 4 tracks, 16 bars of context:",
        _spread(latency_ms(model, song, [(t, 16) for t in range(4)])),
    )
    for fresh, which in ((False, "the same song asked again"), (True, "a song never prompted")):
        for takes in (1, TAKES, 1, TAKES):
            times = regenerate_ms(model, song, (0, 16), takes, fresh=fresh)
            print(f"regenerate 1 track-bar as the app does, {takes} take(s), {which}:", end=" ")
            print(_spread(times))
    print(f"peak memory, engine + model in a fresh process: {peak_memory_mb():.0f} MB")


if __name__ == "__main__":
    main()
