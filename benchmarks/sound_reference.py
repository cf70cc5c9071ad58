"""How close Tessera sounds to the General MIDI reference, instrument by instrument and drum by
drum, and whether it meets the targets of "sound a creator would publish".

    PYTHONPATH=. python -m benchmarks.sound_reference [--programs 0,40,73] [--drum-keys 36,38]
        [--every N] [--speed-bars 16] [--second-soundfont] [--resynthesis]
        [--sampler ddim --steps 10]
        [--speed-only --speed-runs 3 --speed-against ddim:10]

The reference is FluidSynth playing FluidR3 GM (the set the timbre model learned from), dry and
mono at 44.1 kHz. Each General MIDI instrument plays a short phrase (three short notes across
its range, then one note held 2 s and 4 s of silence; `benchmarks.sound_renders`), and each
drum key one hit, rendered by the reference, by Tessera's timbre model (a one-track song at
width 0 with no reverb send, so only the timbre is compared), by Tessera's standard sound set
(the same track with the SoundFont timbre: FluidSynth inside Tessera's mixer), by timidity (a
second synthesizer; its configured set) and as sine tones (a render that knows the notes and
nothing else). `--resynthesis` adds FluidSynth's own notes analysed into the timbre model's
controls and played through Tessera (`benchmarks.sound_resynthesis`): the nearest any timbre
model over those controls can come. Tables (medians per GM family; every drum key):

- timbre distance: mel spectrogram in dB (64 bands, floored 80 dB under the loudest cell),
  mean absolute difference after matching RMS (`benchmarks.sound_measures.mel_distance_db`);
- noise between harmonics of the held note (dB re the harmonic peaks);
- attack (10 % to 90 % of the held note's peak envelope) and release (time to -60 dB after the
  note-off re the note's peak, and whether it is complete: not cut above -60 dB, no tail
  between -60 and -80 dB longer than 0.1 s);
- vibrato depth of the held note (cents, half the 5-95 % spread of its pitch track);
- per drum key: distance, spectral centroid and decay (to -30 dB) as ratios to the reference;
- stereo: left/right correlation of a string quartet seated as the string-quartet preset
  seats it, and centred, with everyone's defaults (Tessera's widths and shared reverb;
  FluidSynth's reverb and chorus); `--stereo-only` measures only this;
- speed: offline render of a corpus song, cold and warm note cache, against FluidSynth
  (`benchmarks.audio`), in wall and CPU seconds; `--speed-only` measures only this.
  `--speed-against ddim:10` renders it the same way with another sampler and step count too,
  alternating with the first, each of `--speed-runs` times (the median and the range are
  shown), so a busy machine weighs on both.

`--sampler` and `--steps` choose how Tessera's timbre model samples its notes everywhere (by
default, the model's own: `engine.sound.timbre.DEFAULT_SAMPLER` and `DEFAULT_STEPS`), so the
tables can be compared before and after a change of sampler.

Then the issue's targets, met or not, with the numbers, for Tessera's timbre (and, for
comparison, the standard set and timidity). A full run (128 programs, 47 keys) takes about two
minutes on two cores; `--every 4` or `--programs` picks fewer.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import resource
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from benchmarks import sound_measures as measures
from benchmarks.audio import benchmark_song, fluidsynth_seconds
from benchmarks.compose_nudge import markdown
from benchmarks.sound_renders import (
    DRUM_SPACING_BEATS,
    Renderer,
    drum_hits,
    fluidsynth,
    held_span,
    phrase,
    phrase_pitches,
    quartet,
    renderers,
    seated_quartet,
)
from benchmarks.sound_resynthesis import NAME as RESYNTHESIS
from benchmarks.sound_resynthesis import resynthesis
from benchmarks.sound_targets import REFERENCE, Drum, Instrument, median, ratio, targets
from engine.song.drums import GM_DRUM_NAMES
from engine.song.song import MIN_REVERB_SEND_DB, PPQ, Song, TimbreRef
from engine.sound.note_cache import NoteRenderer
from engine.sound.render import render
from engine.sound.sampler import SAMPLERS
from engine.sound.synth import midi_to_hz
from engine.sound.timbre import DEFAULT_SAMPLER, DEFAULT_STEPS, TimbreModel

JUDGED = ("Tessera timbre", "Tessera standard set", "timidity", RESYNTHESIS)
FAMILIES = (
    "Piano", "Chromatic perc.", "Organ", "Guitar", "Bass", "Strings", "Ensemble", "Brass",
    "Reed", "Pipe", "Synth lead", "Synth pad", "Synth effects", "Ethnic", "Percussive",
    "Sound effects",
)  # fmt: skip
HELD_SKIP_SECONDS = 0.4
"""The held note is measured from 0.4 s after its onset (past the attack) to 0.1 s before its
note-off."""
RATE = measures.RATE
Table = tuple[str, list[str], list[list[str]]]
DEFAULT_SAMPLER_NAME = next(name for name, f in SAMPLERS.items() if f is DEFAULT_SAMPLER)


@dataclass(frozen=True)
class Sampling:
    """How the timbre model samples notes: a sampler's name (`SAMPLERS`) and a step count."""

    sampler: str = DEFAULT_SAMPLER_NAME
    steps: int = DEFAULT_STEPS

    @classmethod
    def parse(cls, text: str) -> Sampling:
        """ "ddim:10" -> Sampling("ddim", 10)."""
        name, _, steps = text.partition(":")
        if name not in SAMPLERS or not steps.isdigit():
            raise argparse.ArgumentTypeError(f"expected SAMPLER:STEPS from {sorted(SAMPLERS)}")
        return cls(name, int(steps))

    def renderer(self, model: TimbreModel) -> NoteRenderer:
        """A note renderer with a cold cache that samples this way."""
        return NoteRenderer(model, steps=self.steps, sampler=SAMPLERS[self.sampler])

    def __str__(self) -> str:
        return f"{self.sampler}, {self.steps} steps"


@dataclass(frozen=True)
class Config:
    programs: tuple[int, ...] = tuple(range(128))
    drum_keys: tuple[int, ...] = tuple(range(35, 82))
    speed_bars: int = 16
    speed_tracks: int = 4
    second_soundfont: bool = False
    sampling: Sampling = Sampling()
    speed_runs: int = 1
    speed_against: Sampling | None = None
    resynthesis: bool = False


@dataclass
class Report:
    tables: list[Table]
    targets: Table


def measure_instrument(program: int, renders: dict[str, Renderer]) -> Instrument:
    song = phrase(program)
    onset, note_off = held_span(song)
    f0 = midi_to_hz(phrase_pitches(program)[1])
    result = Instrument(program)
    reference: np.ndarray | None = None
    for name, renderer in renders.items():
        audio = renderer(song)
        reference = audio if reference is None else reference
        if name != REFERENCE:
            result.distance[name] = measures.mel_distance_db(reference, audio)
        note = audio[round(onset * RATE) :]
        held = note[round(HELD_SKIP_SECONDS * RATE) : round((note_off - onset - 0.1) * RATE)]
        result.noise[name] = measures.noise_between_harmonics_db(held, f0)
        result.attack[name] = measures.attack_seconds(
            note[: round(min(1.0, note_off - onset) * RATE)]
        )
        result.release[name] = measures.release(note, note_off - onset)
        result.vibrato[name] = measures.vibrato_cents(held, f0)
    return result


def measure_drums(keys: Sequence[int], renders: dict[str, Renderer]) -> list[Drum]:
    song = drum_hits(tuple(keys))
    spacing = round(song.tick_to_seconds(DRUM_SPACING_BEATS * PPQ) * RATE)
    drums = [Drum(key) for key in keys]
    reference: list[np.ndarray] = []
    for name, renderer in renders.items():
        audio = np.pad(renderer(song), (0, spacing * len(keys)))
        for i, drum in enumerate(drums):
            hit = audio[i * spacing : (i + 1) * spacing]
            if name == REFERENCE:
                reference.append(hit)
            else:
                drum.distance[name] = measures.mel_distance_db(reference[i], hit)
            drum.centroid[name] = measures.centroid_hz(hit)
            drum.decay[name] = measures.decay_seconds(hit)
    return drums


def stereo_rows(renderer: NoteRenderer) -> list[list[str]]:
    """Left/right correlation of the quartet seated as the string-quartet preset seats it
    (first: the target's row) and with every track centred: Tessera with every other default
    (timbre model and standard set) and FluidSynth with its default reverb and chorus, hearing
    the pans and sends from the exported file (CC10, CC91)."""
    seated, centred = seated_quartet(), quartet()

    def standard(song: Song) -> Song:
        tracks = tuple(dataclasses.replace(t, timbre=TimbreRef("soundfont")) for t in song.tracks)
        return dataclasses.replace(song, tracks=tracks)

    dry = dataclasses.replace(
        centred,
        tracks=tuple(
            dataclasses.replace(t, width=0.0, reverb_send_db=MIN_REVERB_SEND_DB)
            for t in centred.tracks
        ),
    )
    rows = [
        ("Tessera timbre, seated", render(seated, renderer)),
        ("Tessera standard set, seated", render(standard(seated), renderer)),
        ("FluidSynth, seated, its reverb and chorus", fluidsynth(effects=True)(seated)),
        ("Tessera timbre, centred", render(centred, renderer)),
        ("Tessera standard set, centred", render(standard(centred), renderer)),
        ("Tessera timbre, centred, width 0 and no reverb", render(dry, renderer)),
        ("FluidSynth, centred, its reverb and chorus", fluidsynth(effects=True)(centred)),
    ]
    return [[name, f"{measures.stereo_correlation(audio):.3f}"] for name, audio in rows]


FLUIDSYNTH = "FluidSynth command line"
SPEED_HEADER = ["render", "seconds", "real time", "vs FluidSynth", "CPU seconds"]
Timing = tuple[float, float]
"""(wall seconds, CPU seconds of every thread of the process, or of FluidSynth's)."""


def speed_rows(model: TimbreModel, config: Config) -> tuple[list[list[str]], float]:
    """Offline render of a corpus song: cold note cache, warm, and FluidSynth's command line;
    the rows (median seconds; its real-time factor, with the range when there are several
    runs; speed relative to FluidSynth's median; median CPU seconds, which a busy machine
    stretches less than wall time) and the median cold real-time factor of `config.sampling`."""
    timings, length = _render_times(model, config)
    reference = median([w for w, _ in timings[FLUIDSYNTH]]) if FLUIDSYNTH in timings else 0.0
    rows = []
    for name, runs in timings.items():
        walls = [wall for wall, _ in runs]
        wall = median(walls)
        spread = f" ({length / max(walls):.1f}-{length / min(walls):.1f})" if len(runs) > 1 else ""
        relative = f"{reference / wall:.2f}x" if reference else "-"
        cpu = median([cpu for _, cpu in runs])
        rows.append([name, f"{wall:.2f}", f"{length / wall:.1f}x{spread}", relative, f"{cpu:.2f}"])
    return rows, length / median([w for w, _ in timings["Tessera, cold note cache"]])


def _render_times(model: TimbreModel, config: Config) -> tuple[dict[str, list[Timing]], float]:
    """Timings by row name, `config.speed_runs` rounds of: cold and warm with
    `config.sampling`, then with `config.speed_against` (if any), then FluidSynth; and the
    song's length in seconds. Alternating, a busy machine slows each about as much."""
    song = benchmark_song(config.speed_bars, config.speed_tracks)
    samplings = [config.sampling, *([config.speed_against] if config.speed_against else [])]
    timings: dict[str, list[Timing]] = {}
    length = 0.0
    for _ in range(config.speed_runs):
        for index, sampling in enumerate(samplings):
            label = "Tessera" if index == 0 else f"Tessera ({sampling})"
            renderer = sampling.renderer(model)
            for cache in ("cold", "warm"):
                started, cpu = time.perf_counter(), time.process_time()
                length = len(render(song, renderer)) / RATE
                timings.setdefault(f"{label}, {cache} note cache", []).append(
                    (time.perf_counter() - started, time.process_time() - cpu)
                )
        cpu = _children_cpu_seconds()
        baseline = fluidsynth_seconds(song)
        if baseline is not None:
            timings.setdefault(FLUIDSYNTH, []).append((baseline, _children_cpu_seconds() - cpu))
    return timings, length


def _children_cpu_seconds() -> float:
    """CPU seconds of the finished child processes (FluidSynth's command line)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def family_table(
    title: str,
    instruments: Sequence[Instrument],
    names: Sequence[str],
    cell: Callable[[Instrument, str], float],
    digits: int = 1,
) -> Table:
    """Median of `cell` per GM family present, and over all, for each renderer in `names`."""
    rows = []
    groups = [(FAMILIES[f], [i for i in instruments if i.program // 8 == f]) for f in range(16)]
    for family, members in [*groups, ("all instruments", list(instruments))]:
        if members:
            values = [median([cell(i, n) for i in members]) for n in names]
            rows.append([family, str(len(members)), *(f"{v:.{digits}f}" for v in values)])
    return title, ["family", "n", *names], rows


def release_table(instruments: Sequence[Instrument], names: Sequence[str]) -> Table:
    rows = []
    groups = [(FAMILIES[f], [i for i in instruments if i.program // 8 == f]) for f in range(16)]
    for family, members in [*groups, ("all instruments", list(instruments))]:
        if members:
            cells = []
            for name in names:
                to_60 = median([i.release[name].to_minus_60_seconds for i in members])
                ends = [i.release[name] for i in members]
                cut = sum(end.end_level_db > -60 for end in ends)
                tail = sum(end.tail_seconds > 0.1 for end in ends)
                complete = sum(end.complete for end in ends)
                cells.append(f"{1000 * to_60:.0f} ms; {complete} ok, {cut} cut, {tail} tail")
            rows.append([family, *cells])
    title = (
        "Release: median ms from note-off to -60 dB re the note's peak; notes complete, cut off"
        " above -60 dB, with a tail from -60 to -80 dB over 0.1 s"
    )
    return title, ["family", *names], rows


def drum_table(drums: Sequence[Drum], names: Sequence[str]) -> Table:
    judged = [n for n in names if n != REFERENCE]
    rows = []
    for drum in drums:
        ratios = [
            f"{drum.distance[n]:.1f} / {ratio(drum.centroid, n):.2f} / {ratio(drum.decay, n):.2f}"
            for n in judged
        ]
        ref = f"{drum.centroid[REFERENCE]:.0f} Hz, {1000 * drum.decay[REFERENCE]:.0f} ms"
        rows.append([f"{drum.key} {GM_DRUM_NAMES.get(drum.key, '?')}", ref, *ratios])
    title = "Drum keys: reference centroid and decay; then distance dB / centroid x / decay x"
    return title, ["key", REFERENCE, *judged], rows


def run(config: Config, model: TimbreModel | None = None) -> Report:
    """Render and measure everything in `config`; the tables and the targets."""
    model = model or TimbreModel()
    renderer = config.sampling.renderer(model)
    renders = renderers(renderer, config.second_soundfont)
    if config.resynthesis:
        renders = {**renders, RESYNTHESIS: resynthesis(model)}
    names = list(renders)
    instruments = [measure_instrument(p, renders) for p in config.programs]
    drums = measure_drums(config.drum_keys, renders) if config.drum_keys else []
    others = [n for n in names if n != REFERENCE]
    tables: list[Table] = []
    if instruments:
        tables += [
            family_table(
                "Timbre distance to FluidSynth (mel dB, median)",
                instruments,
                others,
                lambda i, n: i.distance[n],
            ),
            family_table(
                "Noise between harmonics (dB re peaks, median)",
                instruments,
                names,
                lambda i, n: i.noise[n],
            ),
            family_table(
                "Attack 10-90% (ms, median)", instruments, names, lambda i, n: 1000 * i.attack[n], 0
            ),
            release_table(instruments, names),
            family_table(
                "Vibrato depth of the held note (cents, median)",
                instruments,
                names,
                lambda i, n: i.vibrato[n],
            ),
        ]
    if drums:
        tables.append(drum_table(drums, names))
    tables.append(
        (
            "Stereo: left/right correlation of a string quartet",
            ["render", "correlation"],
            stereo_rows(renderer),
        )
    )
    judged = [n for n in JUDGED if n in names]
    goals = targets(instruments, drums, judged)
    correlation = float(tables[-1][2][0][1])
    goals.append(
        [
            "quartet L/R correlation < 0.9",
            f"{'MET' if correlation < 0.9 else 'not met'} ({correlation:.3f})",
        ]
    )
    if config.speed_bars:
        speed, cold = speed_rows(model, config)
        tables.append(("Render speed (offline)", SPEED_HEADER, speed))
        goals.append(
            [
                "cold render >= 20x real time",
                f"{'MET' if cold >= 20 else 'not met'} ({cold:.1f}x on {os.cpu_count()} cores)",
            ]
        )
    width = 1 + len(judged)
    goals = [g + [""] * (width - len(g)) for g in goals]
    return Report(tables, ("Targets (issue 18)", ["target", *judged], goals))


def _numbers(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(",") if part.strip())


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--programs", type=_numbers, default=tuple(range(128)), help="e.g. 0,40,73")
    parser.add_argument("--drum-keys", type=_numbers, default=tuple(range(35, 82)))
    parser.add_argument("--every", type=int, default=1, help="only every Nth program and key")
    parser.add_argument("--speed-bars", type=int, default=16, help="0 skips the speed test")
    parser.add_argument("--speed-tracks", type=int, default=4)
    parser.add_argument("--speed-runs", type=int, default=1, help="renders of each, alternating")
    parser.add_argument(
        "--speed-against", type=Sampling.parse, default=None, help="e.g. ddim:10, timed too"
    )
    parser.add_argument("--sampler", choices=sorted(SAMPLERS), default=DEFAULT_SAMPLER_NAME)
    parser.add_argument("--steps", type=int, default=DEFAULT_STEPS, help="sampler steps")
    parser.add_argument("--second-soundfont", action="store_true", help="add MuseScore General")
    parser.add_argument(
        "--resynthesis",
        action="store_true",
        help="add FluidSynth's notes analysed and played through Tessera: the controls' ceiling",
    )
    parser.add_argument("--stereo-only", action="store_true", help="only the quartet's stereo")
    parser.add_argument("--speed-only", action="store_true", help="only the render speed")
    return parser


def main(argv: Sequence[str] | None = None) -> None:
    args = _parser().parse_args(argv)
    config = Config(
        args.programs[:: args.every], args.drum_keys[:: args.every], args.speed_bars,
        args.speed_tracks, args.second_soundfont, Sampling(args.sampler, args.steps),
        args.speed_runs, args.speed_against, args.resynthesis,
    )  # fmt: skip
    print(f"Tessera's timbre model samples with {config.sampling}")
    if args.stereo_only:
        rows = stereo_rows(config.sampling.renderer(TimbreModel()))
        print(markdown(["render", "L/R correlation"], rows))
        return
    if args.speed_only:
        rows, _cold = speed_rows(TimbreModel(), config)
        print(markdown(SPEED_HEADER, rows))
        return
    started = time.perf_counter()
    report = run(config)
    for title, header, rows in [*report.tables, report.targets]:
        print(f"\n## {title}\n\n{markdown(header, rows)}")
    print(f"\n{len(config.programs)} programs, {len(config.drum_keys)} drum keys, "
          f"{time.perf_counter() - started:.0f} s")  # fmt: skip


if __name__ == "__main__":
    main()
