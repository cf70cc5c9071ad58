"""Latency of the internal synth: from `LiveSynth.send(note_on)` to the note's first sound.

    python -m benchmarks.live_synth [--notes 200] [--seed 0]

The synth plays through an output stream whose callback a thread calls at the real device pace
(`benchmarks.audio.PacedStream`, 512-frame blocks at 44.1 kHz). Each note-on is sent at a
random moment within a block; the figure is the time from `send` to the callback handing out
the first block that holds the note's sound (non-silent samples), as median and 95th
percentile. Two runs: with every note rendered ahead and the renderer idle, and with the
renderer busy rendering an instrument's likely notes in the background (the first seconds of
a session). Also printed: how long `send` itself takes, and where in the first block the sound
begins (the note's own attack fade, not waiting).

Not included: the sound card's own output buffer, which a real device adds on top (PortAudio's
suggested latency, typically one or two more blocks). The baseline is one device block: a
block-based synth that applies note-ons at block starts cannot do better than up to one block.
"""

from __future__ import annotations

import argparse
import statistics
import threading
import time
from typing import Any

import numpy as np

from benchmarks.audio import PacedStream
from engine.live.synth import LiveSynth
from engine.song.song import TimbreRef
from engine.sound.playback import DEVICE_BLOCK_FRAMES
from engine.sound.render import SAMPLE_RATE_HZ, NoteRenderer
from engine.sound.timbre import TimbreModel

PIANO = (TimbreRef(), 0, False)
PITCHES = range(48, 73)
VELOCITY = 80
BLOCK_MS = 1000 * DEVICE_BLOCK_FRAMES / SAMPLE_RATE_HZ
BUSY_PROGRAMS = (48, 33, 73)
"""Strings, bass and flute: enough rendering to keep the worker busy through the run."""
ROWS = (
    ("send(note_on) -> first sounding block handed out", "latency", "ms"),
    ("time inside send()", "send", "us"),
    ("where the sound starts in that block", "onset", "ms"),
)


class Listener:
    """Wraps the synth's callback: notes when the first non-silent block after a send went out."""

    def __init__(self) -> None:
        self.sent_at: float | None = None
        self.heard_at: float | None = None
        self.onset_frame = 0
        self.heard = threading.Event()

    def stream(self, **settings: Any) -> PacedStream:
        callback = settings["callback"]

        def listening(outdata: np.ndarray, frames: int, when: Any, status: Any) -> None:
            callback(outdata, frames, when, status)
            if self.sent_at is not None and self.heard_at is None:
                loud = np.flatnonzero(np.abs(outdata[:, 0]) > 0.0)
                if len(loud):
                    self.heard_at = time.perf_counter()
                    self.onset_frame = int(loud[0])
                    self.heard.set()

        settings["callback"] = listening
        return PacedStream(**settings)


def measure(synth: LiveSynth, listener: Listener, notes: int, seed: int) -> dict[str, list[float]]:
    rng = np.random.default_rng(seed)
    figures: dict[str, list[float]] = {"latency": [], "send": [], "onset": [], "rendering": []}
    for _ in range(notes):
        time.sleep(0.02 + rng.uniform(0.0, BLOCK_MS / 1000))  # a random moment within a block
        listener.heard.clear()
        listener.heard_at = None
        pitch = int(rng.choice(PITCHES))
        listener.sent_at = time.perf_counter()
        synth.send((0x90, pitch, VELOCITY))
        sent = time.perf_counter()
        if not listener.heard.wait(5.0):
            raise RuntimeError(f"pitch {pitch} was never heard: is it rendered?")
        assert listener.heard_at is not None
        figures["latency"].append(1000 * (listener.heard_at - listener.sent_at))
        figures["send"].append(1e6 * (sent - listener.sent_at))
        figures["onset"].append(1000 * listener.onset_frame / SAMPLE_RATE_HZ)
        figures["rendering"].append(float(not synth.wait_prepared(0.0)))
        listener.sent_at = None
        synth.send((0xB0, 120, 0))  # all sound off: silent again within 5 ms
        time.sleep(0.02)
    return figures


def percentiles(values: list[float], unit: str) -> str:
    p95 = float(np.percentile(values, 95))
    return f"p50 {statistics.median(values):6.2f} {unit}   p95 {p95:6.2f} {unit}"


def run(notes: int, seed: int) -> None:
    renderer = NoteRenderer(TimbreModel(threads=1))
    for label, busy in (("renderer idle", False), ("renderer busy ahead", True)):
        listener = Listener()
        synth = LiveSynth(renderer, programs={0: PIANO}, stream_factory=listener.stream)
        synth.start(prepare=False)
        synth.prepare([synth.key_for(0, pitch, VELOCITY) for pitch in PITCHES])
        synth.wait_prepared()
        if busy:  # other instruments' likely notes, rendering while the notes are played
            for program in BUSY_PROGRAMS:
                synth.bank.prepare_instrument((TimbreRef(), program, False))
        figures = measure(synth, listener, notes, seed)
        synth.close()
        rendering = round(sum(figures["rendering"]))
        print(f"{label} ({rendering} of {notes} notes played while rendering):")
        for name, key, unit in ROWS:
            print(f"  {name:<50} {percentiles(figures[key], unit)}")
        ratio = float(np.percentile(figures["latency"], 95)) / BLOCK_MS
        print(f"  p95 latency vs one device block ({BLOCK_MS:.1f} ms, the baseline): {ratio:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--notes", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    run(args.notes, args.seed)


if __name__ == "__main__":
    main()
