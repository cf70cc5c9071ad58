"""Does a rendered song sound like its instruments? Listening by numbers, track by track.

    python -m benchmarks.audio_likeness [--tracks 24] [--bars 8]

For tracks of test-split corpus pieces (at most `PER_INSTRUMENT` of any one instrument, so the
instruments vary; cut to `--bars` bars), each track is rendered alone by Tessera
(its General MIDI timbre from the timbre model) and by FluidSynth from the FluidR3 GM SoundFont
the timbre model learned from, once with the track's own instrument and once with each of a
set of contrasting instruments. Both renders are brought to the same RMS level and compared
with the multi-resolution spectral distance (models/timbre/metrics.py: 0 is identical).

Prints, over all tracks: where the track's own instrument ranks among the candidates by distance
to Tessera's render (how often first, how often in the closest three, the mean rank), the mean
distance to the own instrument and to the others, and the same for a plain sine-tone render of
the notes as the baseline.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics

import numpy as np

from benchmarks.transcription import render_fluidsynth, tessera_renderer
from build_scripts.corpus.splits import load_split
from engine.song.edits import select
from engine.song.gm import instrument_name
from engine.song.song import Song
from engine.sound.synth import midi_to_hz
from models.timbre.metrics import spectral_distance

CONTRASTS = (0, 24, 40, 42, 56, 68, 71, 73)
"""Piano, guitar, violin, cello, trumpet, oboe, clarinet, flute."""
RATE = 44_100
PER_INSTRUMENT = 3


def _level(audio: np.ndarray) -> np.ndarray:
    rms = float(np.sqrt(np.mean(np.square(audio, dtype=np.float64))))
    return (audio / rms).astype(np.float32) if rms > 0 else audio


def sine_render(song: Song) -> np.ndarray:
    """Every note as a plain sine with 10 ms ramps: a render that knows the notes, no timbre."""
    out = np.zeros(round((song.duration_seconds + 1.0) * RATE), dtype=np.float32)
    for track in song.tracks:
        for note in track.notes:
            start = round(song.tick_to_seconds(note.start_tick) * RATE)
            end = round(song.tick_to_seconds(note.end_tick) * RATE)
            t = np.arange(end - start) / RATE
            tone = np.sin(2 * np.pi * midi_to_hz(note.pitch) * t) * note.velocity / 127
            ramp = np.minimum(1.0, np.minimum(t, t[::-1]) / 0.01)
            out[start:end] += (tone * ramp).astype(np.float32)
    return out


def varied_tracks(count: int, bars: int) -> list[Song]:
    """Up to `count` one-track songs from the test split, at most PER_INSTRUMENT per program."""
    chosen: list[Song] = []
    per_program: dict[int, int] = {}
    for song in load_split("test"):
        if song.bar_count < bars:
            continue
        for index, track in enumerate(song.tracks):
            if track.is_drum or per_program.get(track.program, 0) >= PER_INSTRUMENT:
                continue
            solo = select(song, [index], (0, bars - 1))
            if solo.tracks[0].notes and len(chosen) < count:
                chosen.append(solo)
                per_program[track.program] = per_program.get(track.program, 0) + 1
    return chosen


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tracks", type=int, default=24)
    parser.add_argument("--bars", type=int, default=8)
    args = parser.parse_args(argv)
    tessera = tessera_renderer()
    rows: dict[str, list[tuple[int, float, float]]] = {"Tessera": [], "sine tones": []}
    for solo in varied_tracks(args.tracks, args.bars):
        program = solo.tracks[0].program
        references = {}
        for candidate in sorted({program, *CONTRASTS}):
            voiced = dataclasses.replace(
                solo, tracks=(dataclasses.replace(solo.tracks[0], program=candidate),)
            )
            references[candidate] = _level(render_fluidsynth(voiced, RATE))
        for name, rendered in (("Tessera", tessera(solo)), ("sine tones", sine_render(solo))):
            distances = {p: spectral_distance(r, _level(rendered)) for p, r in references.items()}
            others = [d for p, d in distances.items() if p != program]
            rank = sorted(distances.values()).index(distances[program]) + 1
            rows[name].append((rank, distances[program], statistics.mean(others)))
        rank, own, other = rows["Tessera"][-1]
        print(f"  {solo.title[:30]:<30} {instrument_name(program):<16} rank {rank}, "
              f"own {own:.2f}, others {other:.2f}")  # fmt: skip
    candidates = len(CONTRASTS) + 1
    for name, results in rows.items():
        ranks = [rank for rank, _, _ in results]
        print(
            f"{name:<11} own instrument closest in {ranks.count(1)}/{len(results)} tracks, in the "
            f"closest 3 in {sum(r <= 3 for r in ranks)}/{len(results)} (chance 1/{candidates} and "
            f"3/{candidates}); mean rank {statistics.mean(ranks):.1f} of {candidates}; mean "
            f"distance to own {statistics.mean(r[1] for r in results):.2f}, to others "
            f"{statistics.mean(r[2] for r in results):.2f}"
        )


if __name__ == "__main__":
    main()
