"""How well audio becomes notes: note-level F1 of `engine.transcribe.transcriber` on rendered
melodies.

    PYTHONPATH=. python -m benchmarks.transcription [--melodies 16] [--bars 8] [--json out.json]
    PYTHONPATH=. python -m benchmarks.transcription --tune    # choose the thresholds

Melodies with known notes: the fiddle line of `d_major_tune` (benchmarks/tunes.py) and the
first --bars bars of single-line tunes from the corpus's *test* split. Each is rendered
(a) by FluidSynth from the FluidR3 GM SoundFont, dry, at 44.1 kHz, as flute, violin, piano,
choir "aahs" and voice "oohs" (stand-ins for singing and humming), and (b) by Tessera's own
audio engine (`engine.sound.render.render`, the timbre model's flute and violin). Every clip is
transcribed with the engine's default thresholds, polyphonic and `monophonic=True`, and scored
with mir_eval: a note matches when its pitch is within 50 cents and its onset within 50 ms of
a reference note's ("onset F1"); "+offset F1" also needs its end within 20% of the reference
note's length (at least 50 ms). Figures are means over clips. The tempo columns say how often
`estimate_tempo` on the transcribed notes found the melody's tempo within 4%, or a related
metrical level (half, double, 2/3 or 3/2 of it).

`--tune` sweeps the thresholds on melodies of the *validation* split instead (FluidSynth clips
only) and prints the best settings; the engine's defaults were chosen that way, so the
reported figures come from melodies the thresholds never saw. Transcription is deterministic:
a rerun prints the same table.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
import statistics
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import mir_eval
import numpy as np
import numpy.typing as npt

from benchmarks.compose_nudge import markdown
from benchmarks.tunes import d_major_tune
from build_scripts.timbre import soundfont_path
from build_scripts.timbre.render import GAIN, read_wav
from engine.project.midi.files import export_midi
from engine.song.edits import select
from engine.song.song import Song
from engine.transcribe.notes import NoteSettings, Posteriors, extract_notes
from engine.transcribe.to_song import estimate_tempo
from engine.transcribe.transcriber import (
    NoteModel,
    TranscribedNote,
    to_model_rate,
    transcribe,
)

RUN = "PYTHONPATH=. python -m benchmarks.transcription"
RENDER_RATE_HZ = 44_100
FLUIDSYNTH_PROGRAMS = {"flute": 73, "violin": 40, "piano": 0, "choir aahs": 52, "voice oohs": 53}
TESSERA_PROGRAMS = {"flute": 73, "violin": 40}
ONSET_TOLERANCE_SECONDS = 0.05
FloatArray = npt.NDArray[np.float32]


@dataclass(frozen=True)
class Clip:
    """A rendered melody and the notes it was rendered from."""

    melody: str
    source: str
    instrument: str
    audio: FloatArray
    sample_rate: int
    reference: tuple[TranscribedNote, ...]
    tempo_bpm: float
    """The melody's tempo (its first; the test melodies keep one)."""


@dataclass(frozen=True)
class Scores:
    onset_precision: float
    onset_recall: float
    onset_f1: float
    offset_f1: float


# --- melodies -------------------------------------------------------------------------------


def is_single_line(song: Song) -> bool:
    """One track whose notes never overlap: a melody with a known one-note-at-a-time answer."""
    if len(song.tracks) != 1 or song.tracks[0].is_drum or not song.tracks[0].notes:
        return False
    notes = song.tracks[0].notes
    return all(b.start_tick >= a.end_tick for a, b in itertools.pairwise(notes))


def corpus_melodies(split: str, count: int, bars: int) -> list[Song]:
    """The first `bars` bars of the first `count` single-line tunes of a corpus split."""
    from build_scripts.corpus.splits import (
        load_split,  # the corpus cache: offline tooling, loaded lazily
    )

    melodies = []
    for song in load_split(split):
        if is_single_line(song) and song.bar_count >= bars:
            melodies.append(select(song, [0], (0, bars - 1)))
        if len(melodies) == count:
            break
    return melodies


def report_melodies(count: int, bars: int) -> list[Song]:
    """`d_major_tune`'s fiddle line, then `count - 1` test-split tunes."""
    tune = d_major_tune()
    return [select(tune, [0]), *corpus_melodies("test", count - 1, bars)]


def reference_notes(song: Song) -> tuple[TranscribedNote, ...]:
    """Every note of the song's first track, in seconds under its tempo map."""
    return tuple(
        TranscribedNote(
            song.tick_to_seconds(note.start_tick),
            song.tick_to_seconds(note.end_tick),
            note.pitch,
            note.velocity,
        )
        for note in song.tracks[0].notes
    )


def with_program(song: Song, program: int) -> Song:
    track = dataclasses.replace(song.tracks[0], program=program)
    return dataclasses.replace(song, tracks=(track,))


# --- rendering ------------------------------------------------------------------------------


def render_fluidsynth(song: Song, sample_rate: int = RENDER_RATE_HZ) -> FloatArray:
    """The song played by FluidSynth from FluidR3 GM, dry (no reverb or chorus), mono."""
    with tempfile.TemporaryDirectory() as folder:
        midi_path, wav_path = Path(folder) / "melody.mid", Path(folder) / "melody.wav"
        export_midi(song, midi_path)
        command = ["fluidsynth", "-ni", "-q", "-R", "0", "-C", "0", "-g", str(GAIN)]
        command += ["-r", str(sample_rate), "-F", str(wav_path)]
        subprocess.run([*command, str(soundfont_path()), str(midi_path)], check=True)
        return read_wav(wav_path)


def tessera_renderer() -> Callable[[Song], FloatArray]:
    """Render with Tessera's own audio engine (timbre model), mixed to mono at 44.1 kHz."""
    from engine.sound.render import SAMPLE_RATE_HZ, NoteRenderer, render
    from engine.sound.timbre import TimbreModel

    assert SAMPLE_RATE_HZ == RENDER_RATE_HZ
    renderer = NoteRenderer(TimbreModel(threads=1))

    def run(song: Song) -> FloatArray:
        stereo = render(song, renderer)  # (frames, 2)
        return np.ascontiguousarray(stereo.mean(axis=1), dtype=np.float32)

    return run


def render_clips(melodies: Sequence[Song], tessera: bool) -> list[Clip]:
    clips = []
    sources: list[tuple[str, dict[str, int], Callable[[Song], FloatArray]]] = [
        ("FluidSynth", FLUIDSYNTH_PROGRAMS, render_fluidsynth)
    ]
    if tessera:
        sources.append(("Tessera", TESSERA_PROGRAMS, tessera_renderer()))
    for source, programs, render in sources:
        for instrument, program in programs.items():
            for song in melodies:
                played = with_program(song, program)
                audio = render(played)
                ref = reference_notes(played)
                tempo = played.tempos[0].tempo_bpm
                clips.append(
                    Clip(song.title, source, instrument, audio, RENDER_RATE_HZ, ref, tempo)
                )
    return clips


# --- scoring --------------------------------------------------------------------------------


def _intervals_pitches(
    notes: Sequence[TranscribedNote],
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    intervals = np.array([[n.start_seconds, n.end_seconds] for n in notes], dtype=np.float64)
    hertz = 440.0 * 2 ** ((np.array([n.pitch for n in notes], dtype=np.float64) - 69) / 12)
    return intervals.reshape(-1, 2), hertz


def note_scores(
    reference: Sequence[TranscribedNote], estimate: Sequence[TranscribedNote]
) -> Scores:
    """mir_eval's note-level precision, recall and F1 (onset only), and F1 with offsets."""
    ref_intervals, ref_hz = _intervals_pitches(reference)
    est_intervals, est_hz = _intervals_pitches(estimate)
    score = mir_eval.transcription.precision_recall_f1_overlap
    onset = score(
        ref_intervals,
        ref_hz,
        est_intervals,
        est_hz,
        onset_tolerance=ONSET_TOLERANCE_SECONDS,
        offset_ratio=None,
    )
    offset = score(
        ref_intervals, ref_hz, est_intervals, est_hz, onset_tolerance=ONSET_TOLERANCE_SECONDS
    )
    return Scores(float(onset[0]), float(onset[1]), float(onset[2]), float(offset[2]))


def clip_posteriors(clips: Sequence[Clip], model: NoteModel) -> list[Posteriors]:
    return [model.posteriors(to_model_rate(clip.audio, clip.sample_rate)) for clip in clips]


def mean_scores(scores: Sequence[Scores]) -> Scores:
    fields = [f.name for f in dataclasses.fields(Scores)]
    return Scores(*(statistics.fmean(getattr(s, name) for s in scores) for name in fields))


# --- the two runs ---------------------------------------------------------------------------


def tempo_level(estimate: float, truth: float) -> str:
    """'right' within 4% of the true tempo, 'other level' within 4% of 1/2, 2/3, 3/2 or 2
    times it (the beat heard at another metrical level), else 'wrong'."""
    for ratio, verdict in ((1.0, "right"), (0.5, "other"), (2 / 3, "other")):
        for candidate in (ratio, 1 / ratio):
            if abs(estimate / (truth * candidate) - 1) <= 0.04:
                return verdict
    return "wrong"


def measure(clips: Sequence[Clip], model: NoteModel) -> list[dict[str, object]]:
    """One row per (source, instrument, mode): mean scores over the clips, engine defaults,
    and how often `estimate_tempo` on the transcribed notes finds the melody's tempo."""
    rows: list[dict[str, object]] = []
    groups = itertools.groupby(clips, key=lambda clip: (clip.source, clip.instrument))
    for (source, instrument), group in groups:
        members = list(group)
        for monophonic in (False, True):
            scores, tempos = [], []
            for clip in members:
                notes = transcribe(clip.audio, clip.sample_rate, monophonic=monophonic, model=model)
                scores.append(note_scores(clip.reference, notes))
                tempos.append(tempo_level(estimate_tempo(notes), clip.tempo_bpm))
            rows.append(
                {
                    "source": source,
                    "instrument": instrument,
                    "mode": "monophonic" if monophonic else "polyphonic",
                    "clips": len(members),
                    "notes": sum(len(clip.reference) for clip in members),
                    **dataclasses.asdict(mean_scores(scores)),
                    "tempo_right": tempos.count("right") / len(tempos),
                    "tempo_other_level": tempos.count("other") / len(tempos),
                }
            )
    return rows


COLUMNS = {
    "source": "source",
    "instrument": "instrument",
    "mode": "mode",
    "clips": "clips",
    "notes": "notes",
    "monophonic": "monophonic",
    "onset_threshold": "onset thr",
    "frame_threshold": "frame thr",
    "min_note_seconds": "min note s",
    "onset_precision": "onset P",
    "onset_recall": "onset R",
    "onset_f1": "onset F1",
    "offset_f1": "+offset F1",
    "tempo_right": "tempo right",
    "tempo_other_level": "tempo x2/x3/2",
}


def table(rows: Sequence[dict[str, object]]) -> str:
    """A markdown table of the rows' keys (in COLUMNS order), numbers to three places."""
    keys = [key for key in COLUMNS if key in rows[0]]

    def cell(value: object) -> str:
        return f"{value:.3f}" if isinstance(value, float) else str(value)

    return markdown([COLUMNS[k] for k in keys], [[cell(row[k]) for k in keys] for row in rows])


TUNING_GRID: dict[str, tuple[float, ...]] = {
    "onset_threshold": (0.5, 0.6, 0.7, 0.8),
    "frame_threshold": (0.15, 0.2, 0.25, 0.3),
    "min_note_seconds": (0.03, 0.05, 0.08),
}


def tune(clips: Sequence[Clip], model: NoteModel, top: int = 5) -> list[dict[str, object]]:
    """Mean onset F1 over the clips for every setting of TUNING_GRID, best first, per mode."""
    posteriors = clip_posteriors(clips, model)
    results: list[dict[str, object]] = []
    for monophonic in (False, True):
        trials: list[tuple[float, dict[str, object]]] = []
        for values in itertools.product(*TUNING_GRID.values()):
            chosen = dict(zip(TUNING_GRID, values, strict=True))
            settings = NoteSettings(**chosen, monophonic=monophonic)
            mean = mean_scores(
                [
                    note_scores(clip.reference, extract_notes(post, settings))
                    for clip, post in zip(clips, posteriors, strict=True)
                ]
            )
            row = {**dataclasses.asdict(settings), **dataclasses.asdict(mean)}
            trials.append((mean.onset_f1, row))
        trials.sort(key=lambda trial: -trial[0])
        results += [row for _, row in trials[:top]]
    return results


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--melodies", type=int, default=16, help="melodies (default 16)")
    parser.add_argument("--bars", type=int, default=8, help="bars of each tune (default 8)")
    parser.add_argument("--no-tessera", action="store_true", help="FluidSynth clips only")
    parser.add_argument("--tune", action="store_true", help="sweep thresholds on validation")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    model = NoteModel()
    if args.tune:
        clips = render_clips(corpus_melodies("validation", args.melodies, args.bars), False)
        rows = tune(clips, model)
        print(f"best thresholds on {len(clips)} validation clips ({RUN} --tune)")
    else:
        clips = render_clips(report_melodies(args.melodies, args.bars), not args.no_tessera)
        rows = measure(clips, model)
        print(f"note-level scores on {len(clips)} clips, onset within 50 ms ({RUN})")
    print(table(rows))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
        print(f"wrote {args.json}")


if __name__ == "__main__":
    main()
