"""Measure the shipped timbre model offline; print the figures and write them as JSON.

    python -m models.timbre.evaluate --out runs/timbre/metrics.json [--model models/timbre]
        [--sampler dpm++2m --steps 4] [--notes 60]

Every note is sampled the way the app samples it unless `--sampler` and `--steps` say otherwise
(the engine's `DEFAULT_SAMPLER` and `DEFAULT_STEPS`, at its `DEFAULT_TEMPERATURE`); the figures
name the sampler, its steps and its temperature, so a card says what its metrics were measured
with.

Every figure is measured at `EVALUATION_RATE_HZ` (22.05 kHz: the SoundFont's 44.1 kHz renders
resampled, the model's notes synthesized at that rate), so cards of models trained at either
rate compare, and basic-pitch hears audio at its own rate.

- Spectral distance (multi-resolution STFT, `models.timbre.metrics`) between generated notes
  and the SoundFont's own renders, on held-out pitches of trained instruments and on held-out
  instruments (these use their GM family's mean vector, as the app does), next to the
  analysis-resynthesis upper bound (the SoundFont note analysed and resynthesized: the best the
  control frames allow) and a plain sine tone at the right pitch and loudness.
- Sampler settings: samplers, step counts and noise temperatures compared on training notes
  (ten DDIM steps, the engine's setting before DPM-Solver++(2M), among them).
- Pitch accuracy: the share of generated melodic notes that basic-pitch's ONNX model hears
  within 50 cents of the requested pitch, for held-out notes and for new timbres from seeds.
- Nudge monotonicity: spectral distance from the un-nudged note as the strength grows.
- Smoothness of the space: rank correlation between the distance of two timbre vectors and
  the spectral distance of their notes (instruments and prior samples, same noise seed).
- Descriptors: the change in spectral centroid (brighter/darker) and attack time
  (softer/harder attack) that a full-strength step makes, averaged over instruments.
"""

from __future__ import annotations

import argparse
import json
import statistics
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from typing import Any

import numpy as np
import soxr

from build_scripts.timbre import DRUM_PROGRAM, MELODIC_PROGRAMS, NoteSpec, note_grid
from build_scripts.timbre.analysis import audio_to_controls
from build_scripts.timbre.render import render_notes
from engine.song.song import TimbreRef
from engine.sound.sampler import SAMPLERS
from engine.sound.synth import ANALYSIS_RATE_HZ, FRAME_RATE_HZ, Audio, fade_edges, midi_to_hz
from engine.sound.synth import controls_to_audio as synthesize
from engine.sound.timbre import (
    DEFAULT_MODEL_DIR,
    DEFAULT_SAMPLER,
    DEFAULT_STEPS,
    DEFAULT_TEMPERATURE,
    TimbreModel,
    describe,
    from_gm,
    generate,
    nudge,
)
from engine.transcribe.transcriber import MODEL_RATE_HZ
from models.timbre.metrics import spectral_centroid_hz, spectral_distance
from models.timbre.pitch import PitchTracker

NUDGE_STRENGTHS = (0.0, 0.1, 0.25, 0.5, 0.75, 1.0)
PROBE_PROGRAMS = (0, 19, 24, 40, 56, 65, 73, 80, 88, 104)
DEFAULT_SAMPLER_NAME = next(name for name, f in SAMPLERS.items() if f is DEFAULT_SAMPLER)
EVALUATION_RATE_HZ = MODEL_RATE_HZ
"""The rate every figure is measured at: basic-pitch's (22.05 kHz), and v1's analysis rate."""


def at_evaluation_rate(audio: Audio) -> Audio:
    """A SoundFont render (at the analysis rate) resampled to `EVALUATION_RATE_HZ`."""
    if ANALYSIS_RATE_HZ == EVALUATION_RATE_HZ:
        return audio
    resampled: Audio = soxr.resample(audio, ANALYSIS_RATE_HZ, EVALUATION_RATE_HZ, quality="HQ")
    return resampled.astype(np.float32)


@dataclass(frozen=True)
class Sampling:
    """How notes are sampled: a sampler's name (`engine.sound.sampler.SAMPLERS`), its step count
    and the initial noise's temperature. One object, so no figure is measured with a step count
    meant for another sampler."""

    sampler: str = DEFAULT_SAMPLER_NAME
    steps: int = DEFAULT_STEPS
    temperature: float = DEFAULT_TEMPERATURE

    def render(
        self, model: TimbreModel, ref: TimbreRef, note: tuple[int, int, float], is_drum: bool
    ) -> Audio:
        """One note, (pitch, velocity, duration in seconds), at the evaluation rate."""
        pitch, velocity, duration_seconds = note
        return model.render_note(
            ref, pitch, velocity, duration_seconds, is_drum=is_drum, steps=self.steps,
            temperature=self.temperature, sampler=SAMPLERS[self.sampler],
            sample_rate_hz=EVALUATION_RATE_HZ,
        )  # fmt: skip

    def __str__(self) -> str:
        return f"{self.sampler}, {self.steps} steps, temperature {self.temperature:g}"


SWEEP = (
    Sampling("ddim", 10, 0.6),  # the engine's setting until DPM-Solver++(2M), and the old card's
    Sampling("ddim", 4, 0.6),  # the same step cut without the second-order solver
    Sampling("dpm++2m", 2, 0.6),
    Sampling("dpm++2m", 4, 1.0),
    Sampling("dpm++2m", 4, 0.8),
    Sampling("dpm++2m", 4, 0.6),
    Sampling("dpm++2m", 4, 0.4),
    Sampling("dpm++2m", 8, 0.6),
)
"""The rows of "sampler_settings_on_train_notes"."""


def sine_baseline(reference: Audio, note: NoteSpec) -> Audio:
    """A sine at the note's pitch, gated to its duration, with the reference's RMS level."""
    time_s = np.arange(len(reference)) / EVALUATION_RATE_HZ
    gate = (time_s < note.duration_seconds).astype(np.float32)
    held = reference[: int(note.duration_seconds * EVALUATION_RATE_HZ)]
    level = float(np.sqrt(np.mean(held**2)) * np.sqrt(2))
    tone = level * np.sin(2 * np.pi * midi_to_hz(note.pitch) * time_s) * gate
    return fade_edges(tone.astype(np.float32), EVALUATION_RATE_HZ)


def spread(notes: list[NoteSpec], count: int) -> list[NoteSpec]:
    """`count` notes spread evenly over the list (every instrument, pitch and velocity)."""
    picks = np.linspace(0, len(notes) - 1, min(count, len(notes))).round().astype(int)
    return [notes[i] for i in sorted(set(picks.tolist()))]


def held_out_quality(
    model: TimbreModel, notes: list[NoteSpec], tracker: PitchTracker, sampling: Sampling
) -> dict[str, Any]:
    distances: dict[str, list[float]] = {"generated": [], "resynthesis": [], "sine": []}
    cents: list[float] = []
    for _, group in groupby(notes, key=lambda n: n.program):
        group_notes = list(group)
        for rendered, note in zip(render_notes(group_notes), group_notes, strict=True):
            frame_count = model.frames
            ref = from_gm(model.space, note.program)
            generated = sampling.render(
                model, ref, (note.pitch, note.velocity, note.duration_seconds), note.is_drum
            )
            controls = audio_to_controls(rendered, note.pitch, frame_count, is_drum=note.is_drum)
            resynthesis = synthesize(
                controls, note.pitch, is_drum=note.is_drum, sample_rate_hz=EVALUATION_RATE_HZ
            )
            reference = at_evaluation_rate(rendered)[: len(resynthesis)]
            distances["generated"].append(spectral_distance(reference, generated))
            distances["resynthesis"].append(spectral_distance(reference, resynthesis))
            distances["sine"].append(spectral_distance(reference, sine_baseline(reference, note)))
            if note.program in MELODIC_PROGRAMS:  # a drum or a sound effect has no pitch to hear
                heard = tracker.note_pitch(generated, note.duration_seconds)
                cents.append(100 * (heard - note.pitch))
    return {
        "notes": len(notes),
        **{f"mrstft_{k}": round(statistics.mean(v), 4) for k, v in distances.items()},
        **_pitch_summary(cents),
    }


def _pitch_summary(cents: list[float]) -> dict[str, Any]:
    if not cents:  # drums: no pitch to check
        return {}
    errors = np.abs(np.asarray(cents))
    return {
        "pitch_notes": len(cents),
        "pitch_within_50_cents": round(float(np.mean(errors <= 50)), 4),
        "pitch_median_abs_cents": round(float(np.median(errors)), 1),
    }


def new_timbre_pitch(
    model: TimbreModel, tracker: PitchTracker, sampling: Sampling
) -> dict[str, Any]:
    """Pitch accuracy of timbres generated from seeds, over a spread of pitches and velocities."""
    cents = []
    for seed in range(12):
        for pitch in (40, 52, 60, 67, 76, 88):
            velocity = (40, 80, 120)[seed % 3]
            audio = sampling.render(
                model, generate(model.space, seed), (pitch, velocity, 1.0), is_drum=False
            )
            cents.append(100 * (tracker.note_pitch(audio, 1.0) - pitch))
    return _pitch_summary(cents)


def probe(model: TimbreModel, ref: TimbreRef, sampling: Sampling) -> Audio:
    return sampling.render(model, ref, (60, 80, 1.0), is_drum=False)


def nudge_curve(model: TimbreModel, sampling: Sampling) -> dict[str, Any]:
    curves = []
    for program in PROBE_PROGRAMS:
        start = from_gm(model.space, program)
        original = probe(model, start, sampling)
        for direction in range(3):
            curves.append(
                [
                    spectral_distance(
                        original,
                        probe(model, nudge(model.space, start, s, direction), sampling),
                    )
                    for s in NUDGE_STRENGTHS
                ]
            )
    table = np.asarray(curves)
    monotonic = np.all(np.diff(table, axis=1) > 0, axis=1)
    return {
        "strengths": list(NUDGE_STRENGTHS),
        "mean_distance": [round(float(v), 4) for v in table.mean(axis=0)],
        "share_strictly_increasing": round(float(monotonic.mean()), 4),
        "curves": len(curves),
    }


def sampler_settings(model: TimbreModel, notes: list[NoteSpec]) -> dict[str, float]:
    """Mean spectral distance to the SoundFont on *training* notes for the `SWEEP`'s samplers,
    step counts and noise temperatures: how the engine's defaults were chosen, without the
    held-out notes, and what the sampler change did (ten DDIM steps are a row)."""
    references: dict[NoteSpec, Audio] = {}
    for _, group in groupby(notes, key=lambda n: n.program):
        group_notes = list(group)
        rendered = [at_evaluation_rate(audio) for audio in render_notes(group_notes)]
        references.update(zip(group_notes, rendered, strict=True))
    results = {}
    for sampling in SWEEP:
        distances = [
            spectral_distance(
                audio,
                sampling.render(model, from_gm(model.space, note.program),
                                (note.pitch, note.velocity, note.duration_seconds), note.is_drum),
            )
            for note, audio in references.items()
        ]  # fmt: skip
        results[str(sampling)] = round(statistics.mean(distances), 4)
    return results


def rank_correlation(a: list[float], b: list[float]) -> float:
    """Spearman's rank correlation (no ties expected in these continuous measures)."""
    ranks = [np.argsort(np.argsort(np.asarray(values))) for values in (a, b)]
    return float(np.corrcoef(ranks[0], ranks[1])[0, 1])


def space_smoothness(model: TimbreModel, sampling: Sampling) -> dict[str, Any]:
    """Do nearby vectors sound alike? Rank correlation of vector distance and spectral
    distance over pairs of instruments and of random timbres from the prior."""
    refs = [from_gm(model.space, p) for p in PROBE_PROGRAMS]
    refs += [generate(model.space, seed) for seed in range(10)]
    refs = [TimbreRef("generated", 0, ref.vector) for ref in refs]  # the same noise for all
    audio = [probe(model, ref, sampling) for ref in refs]
    vector_gaps, sound_gaps = [], []
    for i in range(len(refs)):
        for j in range(i + 1, len(refs)):
            gap = np.asarray(refs[i].vector) - np.asarray(refs[j].vector)
            vector_gaps.append(float(np.linalg.norm(gap)))
            sound_gaps.append(spectral_distance(audio[i], audio[j]))
    return {
        "pairs": len(vector_gaps),
        "spearman": round(rank_correlation(vector_gaps, sound_gaps), 4),
    }


def attack_seconds(audio: Audio) -> float:
    """Time until the 10 ms RMS envelope, read every millisecond, first reaches half its peak."""
    window, hop = EVALUATION_RATE_HZ // 100, EVALUATION_RATE_HZ // 1000
    squares = np.concatenate(([0.0], np.cumsum(np.square(audio, dtype=np.float64))))
    starts = np.arange(0, max(1, len(audio) - window), hop)
    envelope = (squares[starts + window] - squares[starts]) / window
    return float(np.argmax(envelope >= 0.25 * envelope.max()) * hop / EVALUATION_RATE_HZ)


def monotonic(values: list[float], rising: bool) -> bool:
    """Whether a measure moves the named way at every step of strength: never back by more than
    a twentieth of its whole change (or a millisecond's worth), and some way overall."""
    steps = np.diff(values) * (1 if rising else -1)
    total = float(np.sum(steps))
    return total > 0 and bool(np.all(steps >= -max(0.05 * total, 1e-3)))


def descriptor_effects(model: TimbreModel, sampling: Sampling) -> dict[str, Any]:
    effects: dict[str, Any] = {}
    for name, measure, unit in (
        ("brighter", lambda a: spectral_centroid_hz(a, EVALUATION_RATE_HZ), "centroid_hz"),
        ("darker", lambda a: spectral_centroid_hz(a, EVALUATION_RATE_HZ), "centroid_hz"),
        ("softer_attack", attack_seconds, "attack_seconds"),
        ("harder_attack", attack_seconds, "attack_seconds"),
    ):
        changes, steady = [], []
        rising = name in ("brighter", "softer_attack")
        for program in PROBE_PROGRAMS:
            start = from_gm(model.space, program)
            values = [
                measure(probe(model, describe(model.space, start, name, strength), sampling))
                for strength in NUDGE_STRENGTHS
            ]
            changes.append(values[-1] - values[0])
            steady.append(monotonic(values, rising))
        effects[name] = {
            "share_monotonic_with_strength": round(float(np.mean(steady)), 4),
            f"mean_change_{unit}": round(statistics.mean(changes), 4),
            "share_in_the_named_direction": round(
                float(
                    np.mean([(c > 0) == (name in ("brighter", "softer_attack")) for c in changes])
                ),
                4,
            ),
            "fit_r2": model.space.descriptor_r2[name],
        }
    return effects


def measure(model: TimbreModel, sampling: Sampling, notes: int) -> dict[str, Any]:
    """Every figure, each generated note sampled with `sampling` (the sweep's rows apart)."""
    tracker = PitchTracker()
    grid = note_grid()
    held_out = {
        split: held_out_quality(model, spread(split_notes, notes), tracker, sampling)
        for split in ("test_pitch", "test_instrument")
        # since version 4 no instrument is held out (build_scripts.timbre.HELD_OUT_PROGRAMS)
        if (split_notes := [n for n in grid if n.split == split])
    }
    drums = spread([n for n in grid if n.program == DRUM_PROGRAM], 24)
    return {
        "sampler": sampling.sampler,
        "sampler_steps": sampling.steps,
        "sampler_temperature": sampling.temperature,
        "frame_rate_hz": FRAME_RATE_HZ,
        "evaluation_rate_hz": EVALUATION_RATE_HZ,
        **held_out,
        "drums_train": held_out_quality(model, drums, tracker, sampling),
        "new_timbres": new_timbre_pitch(model, tracker, sampling),
        "sampler_settings_on_train_notes": sampler_settings(
            model, spread([n for n in grid if n.split == "train" and not n.is_drum], 24)
        ),
        "nudge": nudge_curve(model, sampling),
        "space_smoothness": space_smoothness(model, sampling),
        "descriptors": descriptor_effects(model, sampling),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL_DIR)
    parser.add_argument("--out", type=Path, help="write the figures to this JSON file")
    parser.add_argument("--notes", type=int, default=60, help="held-out notes per split (card: 60)")
    parser.add_argument(
        "--sampler", choices=sorted(SAMPLERS), default=DEFAULT_SAMPLER_NAME,
        help=f"how notes are sampled (default: the app's, {DEFAULT_SAMPLER_NAME})",
    )  # fmt: skip
    parser.add_argument(
        "--steps", type=int, default=DEFAULT_STEPS,
        help=f"sampler steps (default: the app's, {DEFAULT_STEPS})",
    )  # fmt: skip
    args = parser.parse_args(argv)
    model = TimbreModel(args.model, threads=1)
    metrics = measure(model, Sampling(args.sampler, args.steps), args.notes)
    print(json.dumps(metrics, indent=2))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
