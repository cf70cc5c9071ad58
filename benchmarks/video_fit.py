"""Scoring videos: cut detection, cut alignment, length and speed, on videos made here.

Each case is a video of coloured shots with known cut times (`engine.video.synthetic`), made
in several lengths, frame rates, containers and cut patterns. For each one the benchmark
measures:

- cut detection: precision and recall of the detected cuts (a hit is within one frame of a
  true cut) and the mean and largest time error of the hits;
- analysis speed: seconds of video analysed per second (one decoding pass);
- cut alignment: for each section boundary of the fitted, composed song (read from the song's
  own tempo map), its distance to the nearest true cut; and the share of true cuts a section
  boundary lands on within ±50 ms (cuts closer together than a bar cannot all be boundaries);
- length error: the soundtrack WAV's, and the muxed copy's picture and decoded sound, against
  the video's length;
- export speed: seconds of video composed, rendered and muxed per second (`score_video`), and
  seconds of video muxed per second (the soundtrack put into a copy, alone);
- the copy's cuts: the largest distance of the cuts found in the scored copy from the true
  ones (Qt Multimedia re-encodes the picture; PyAV copies it).

Each case runs through each backend (`--backend`): Qt Multimedia (`ui.video.qt_media`, what a
plain install uses) and PyAV (the optional lossless extra).

Run: `python -m benchmarks.video_fit` (all cases) or `--quick` (two small ones).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import av
import numpy as np
import soundfile

from engine.studio.models import Models
from engine.studio.scoring import ScoreOptions, score_video, section_hits
from engine.studio.use_cases import Studio
from engine.video.analysis import Analysis, analyse
from engine.video.backend import VideoBackend
from engine.video.mux import mux_soundtrack
from engine.video.synthetic import make_shots_video
from ui.video.qt_media import backend_named, ensure_application

BACKENDS = ("qt", "pyav")

HIT_MS = 50.0


@dataclass(frozen=True)
class Case:
    name: str
    suffix: str
    fps: int
    shot_seconds: tuple[float, ...]
    style: str = "lofi"
    size: tuple[int, int] = (160, 96)


CASES = (
    Case("even 6 s shots, 25 fps mp4", ".mp4", 25, (6.0, 6.0, 6.0, 6.0)),
    Case("uneven shots, 30 fps mov", ".mov", 30, (5.2, 9.9, 7.4, 3.7, 8.4, 3.9)),
    Case("vlog, 24 fps mkv", ".mkv", 24, (12.0, 4.5, 7.0, 15.5, 6.0, 10.0), "pop"),
    Case("fast cutting, 25 fps webm", ".webm", 25, (1.2,) * 10 + (6.0, 2.0, 2.0, 2.0, 8.0)),
    Case("one long shot, 30 fps mp4", ".mp4", 30, (45.0,), "pop"),
    Case("ad, 60 fps mp4", ".mp4", 60, (3.0, 2.5, 4.0, 5.0, 3.5, 6.0), "house"),
    Case("three minutes, 25 fps mp4", ".mp4", 25, (8.0, 11.0, 6.5, 14.0, 9.0) * 4, "pop"),
    Case("720p, 30 fps mp4", ".mp4", 30, (7.0, 5.5, 9.0), "pop", (1280, 720)),
)
QUICK = (
    Case("quick even", ".mp4", 25, (6.0, 6.0)),
    Case("quick uneven webm", ".webm", 25, (4.4, 7.6, 3.0)),
)


@dataclass
class Row:
    case: str
    backend: str
    seconds: float
    cuts: int
    precision: float
    recall: float
    cut_error_ms_mean: float
    cut_error_ms_max: float
    analysis_x: float
    boundaries: int
    boundary_error_ms_max: float
    cuts_on_boundaries: float
    wav_error_ms: float
    muxed_picture_error_ms: float
    muxed_sound_error_ms: float
    export_x: float
    mux_x: float
    copy_cut_error_ms_max: float


def detection(
    analysis: Analysis, truth: Sequence[float], fps: float
) -> tuple[float, float, list[float]]:
    """(precision, recall, errors of the hits in seconds): a hit is within one frame."""
    found = list(analysis.cuts.times)
    errors = []
    matched = 0
    for cut in truth:
        near = min(found, key=lambda f: abs(f - cut), default=None)
        if near is not None and abs(near - cut) <= 1.0 / fps + 1e-6:
            matched += 1
            errors.append(abs(near - cut))
    precision = matched / len(found) if found else 1.0
    recall = matched / len(truth) if truth else 1.0
    return precision, recall, errors


def muxed_lengths(path: Path) -> tuple[float, float]:
    """(picture, sound) seconds of a muxed file, from its decoded frames and samples."""
    with av.open(str(path)) as container:
        picture = container.streams.video[0]
        rate = float(picture.average_rate or 25)
        frames = sum(1 for _ in container.decode(picture))
    with av.open(str(path)) as container:
        sound = container.streams.audio[0]
        samples = sum(frame.samples for frame in container.decode(sound))
        # Opus and AAC decoders drop their priming samples, so this is the heard length
        return frames / rate, samples / sound.rate


def measure(case: Case, folder: Path, studio: Studio, seed: int, backend: VideoBackend) -> Row:
    frames = [round(seconds * case.fps) for seconds in case.shot_seconds]
    made = make_shots_video(
        folder / f"in{case.suffix}", frames, fps=case.fps, size=case.size, audio=True
    )
    start = time.perf_counter()
    analysis = analyse(made.path, backend=backend)
    analysis_s = time.perf_counter() - start
    precision, recall, errors = detection(analysis, made.cuts, case.fps)
    start = time.perf_counter()
    scored = score_video(
        studio,
        made.path,
        folder / f"scored{case.suffix}",
        ScoreOptions(style=case.style, seed=seed),
        backend=backend,
    )
    export_s = time.perf_counter() - start
    out = scored.video
    wav, rate = soundfile.read(str(scored.audio), dtype="float32", always_2d=True)
    start = time.perf_counter()
    mux_soundtrack(made.path, folder / f"again{case.suffix}", np.asarray(wav), rate,
                   analysis.duration_s, backend=backend)  # fmt: skip
    mux_s = time.perf_counter() - start
    copy_cuts = analyse(out, backend=backend).cuts.times
    copy_errors = [
        min((abs(f - cut) for f in copy_cuts), default=float("inf")) for cut in made.cuts
    ]
    hits = section_hits(scored.song, made.cuts) if made.cuts else []
    boundaries = [
        scored.song.tick_to_seconds(scored.song.bar_start_ticks[s.first_bar])
        for s in scored.song.sections[1:]
    ]
    on = sum(any(abs(b - cut) * 1000 <= HIT_MS for b in boundaries) for cut in made.cuts)
    wav_frames = soundfile.info(str(scored.audio)).frames
    picture_s, sound_s = muxed_lengths(out)
    return Row(
        case.name,
        backend.name,
        made.duration_s,
        len(made.cuts),
        precision,
        recall,
        1000 * sum(errors) / len(errors) if errors else 0.0,
        1000 * max(errors, default=0.0),
        made.duration_s / analysis_s,
        len(boundaries),
        1000 * max(hits, default=0.0),
        on / len(made.cuts) if made.cuts else 1.0,
        1000 * abs(wav_frames / 44_100 - made.duration_s),
        1000 * abs(picture_s - made.duration_s),
        1000 * abs(sound_s - made.duration_s),
        made.duration_s / export_s,
        made.duration_s / mux_s,
        1000 * max(copy_errors, default=0.0),
    )


def run(
    cases: Sequence[Case],
    models: Models | None = None,
    seed: int = 0,
    backends: Sequence[str] = BACKENDS,
) -> list[Row]:
    ensure_application()
    studio = Studio.headless(models)
    rows = []
    for name in backends:
        backend = backend_named(name)
        for number, case in enumerate(cases):
            with tempfile.TemporaryDirectory() as folder:
                rows.append(measure(case, Path(folder), studio, seed + number, backend))
    return rows


def table(rows: Sequence[Row]) -> list[str]:
    out = [
        "case                         | via  | len s | cuts | P    R    | cut err ms mean/max | "
        "analysis x | bounds | bound err ms | cuts on bounds | len err ms wav/pic/snd | export x"
        " | mux x | copy cut err ms"
    ]
    for r in rows:
        out.append(
            f"{r.case:<28} | {r.backend:<4} | {r.seconds:5.1f} | {r.cuts:4d} | "
            f"{r.precision:.2f} {r.recall:.2f} | "
            f"{r.cut_error_ms_mean:8.1f} / {r.cut_error_ms_max:6.1f} | {r.analysis_x:10.0f} | "
            f"{r.boundaries:6d} | {r.boundary_error_ms_max:12.3f} | {r.cuts_on_boundaries:14.0%} | "
            f"{r.wav_error_ms:5.2f} / {r.muxed_picture_error_ms:5.2f} / "
            f"{r.muxed_sound_error_ms:5.2f} | {r.export_x:8.2f} | {r.mux_x:5.1f} | "
            f"{r.copy_cut_error_ms_max:15.3f}"
        )
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="two small videos only")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, help="write every figure to this JSON file")
    parser.add_argument(
        "--backend", choices=(*BACKENDS, "both"), default="both", help="which video backend"
    )
    args = parser.parse_args(argv)
    backends = BACKENDS if args.backend == "both" else (args.backend,)
    rows = run(QUICK if args.quick else CASES, seed=args.seed, backends=backends)
    print("\n".join(table(rows)))
    if args.out:
        args.out.write_text(json.dumps([asdict(r) for r in rows], indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
