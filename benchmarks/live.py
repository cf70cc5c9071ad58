"""Live play in real time: how fast the model answers a phrase, and how many notes go out late.

    python -m benchmarks.live [--phrases 20] [--tempo 160] [--threads 1]

A scripted player plays one-bar phrases (random notes of a random major or minor key, random
rhythms, seeded) into a loopback port; the session answers each with one bar. Everything runs
on the real monotonic clock with the real model, so the figures include this machine's load.

Prints, as median and 95th percentile over the phrases:
- model ms: from the phrase's last note (its release) to the first answer bar being written;
  the speculative look-ahead starts that work at the release.
- wait past the bar line: how long an answer waited for the model after its bar began (0 when
  the look-ahead had it ready), and the share of answers that waited at all.
- first-note lateness: first answering note sent minus its due time on the grid.
- last note to first answering note: the whole musical gap (the pause that ends the phrase plus
  the wait to the next bar line), for reference.
and the share of all answering notes sent more than 10 ms after their time.
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

from engine.compose.midi_model import MidiModel
from engine.live.music import LiveSettings
from engine.live.ports import LoopbackPorts
from engine.live.session import LiveSession
from engine.song.theory import key_from_name, key_scale

KEYBOARD, SYNTH = "Loopback Keyboard", "Loopback Synth"
TONICS = ("C", "D", "Eb", "E", "F", "G", "A", "Bb")


def phrase(rng: np.random.Generator, start_beat: float) -> list[tuple[float, int, float]]:
    """(beat, pitch, length in beats): notes on eighths over the first 2.5 beats of a bar."""
    key = key_from_name(f"{rng.choice(TONICS)} {rng.choice(['major', 'minor'])}")
    pitches = [p for p in range(57, 80) if p % 12 in key_scale(key)]
    notes, beat = [], 0.0
    while beat < 2.5:
        length = float(rng.choice([0.5, 0.5, 1.0]))
        notes.append((start_beat + beat, int(rng.choice(pitches)), min(length, 2.5 - beat) * 0.9))
        beat += length
    return notes


def play(ports: LoopbackPorts, session: LiveSession, notes: list[tuple[float, int, float]]) -> None:
    """Send the notes at their times, sleeping short and spinning the last millisecond."""
    beat_s = 60.0 / session.settings.tempo_bpm
    events = sorted(
        [(session.start_s + b * beat_s, (0x90, p, 90)) for b, p, _ in notes]
        + [(session.start_s + (b + n) * beat_s, (0x80, p, 0)) for b, p, n in notes]
    )
    for due, message in events:
        while (left := due - time.monotonic()) > 0:
            time.sleep(left - 0.001 if left > 0.002 else 0)
        ports.play(KEYBOARD, message)


def percentiles(values: list[float]) -> str:
    if not values:
        return "n/a"
    return f"p50 {np.percentile(values, 50):6.1f}  p95 {np.percentile(values, 95):6.1f}"


def run(phrases: int, tempo_bpm: float, threads: int, seed: int) -> None:
    ports = LoopbackPorts()
    out = ports.open_output(SYNTH)
    settings = LiveSettings(tempo_bpm=tempo_bpm, answer_bars=1, pause_beats=1.0, seed=seed)
    session = LiveSession(MidiModel(threads=threads), settings, out.send)
    ports.open_input(KEYBOARD, session.receive)
    rng = np.random.default_rng(seed)
    session.start()
    beats_per_bar = settings.meter[0]
    for index in range(phrases):  # phrase in bar 3k+1, answer in 3k+2, a bar's rest
        play(ports, session, phrase(rng, (3 * index + 1) * beats_per_bar))
    time.sleep(3 * beats_per_bar * 60.0 / tempo_bpm)
    session.stop()
    report(session, phrases)


def report(session: LiveSession, phrases: int) -> None:
    answers = [a for a in session.stats.answers if a.first_sent_s is not None]
    model_ms = [(a.ready_s - a.trigger_s) * 1e3 for a in answers if a.ready_s]
    waits = [a.model_wait_ms for a in answers]
    lateness = [a.first_note_late_ms for a in answers if a.first_note_late_ms is not None]
    gaps = [a.latency_ms for a in answers if a.latency_ms is not None]
    stats = session.stats
    silent = sum(1 for a in stats.answers if a.notes == 0)
    print(f"phrases judged over {len(stats.answers)}, answers with no notes {silent}")
    print(
        f"phrases played {phrases}, answered {len(answers)} at {session.settings.tempo_bpm:g} BPM"
    )
    print(f"model ms, last note -> first answer bar ready   {percentiles(model_ms)}")
    print(f"model ms per bar written (all bars)             {percentiles(stats.generation_ms)}")
    print(f"wait past the bar line, ms                      {percentiles(waits)}")
    print(
        f"answers that waited for the model               {sum(w > 0 for w in waits)}/{len(waits)}"
    )
    print(f"first answering note lateness, ms               {percentiles(lateness)}")
    print(f"last note -> first answering note, ms (musical) {percentiles(gaps)}")
    share = stats.notes_late / stats.notes_sent if stats.notes_sent else 0.0
    print(f"notes late by >10 ms: {stats.notes_late}/{stats.notes_sent} ({share:.1%})")
    if model_ms:
        print(f"median model ms vs the 30 ms aim: {statistics.median(model_ms) / 30:.1f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--phrases", type=int, default=20)
    parser.add_argument("--tempo", type=float, default=160.0)
    parser.add_argument("--threads", type=int, default=1, help="onnxruntime threads")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    run(args.phrases, args.tempo, args.threads, args.seed)


if __name__ == "__main__":
    main()
