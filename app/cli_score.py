"""`tessera-cli score`: original music fitted to a video's cuts, length and mood, offline.

`tessera-cli score video.mp4 --style lo-fi -o scored.mp4` analyses the picture (cuts, energy),
fits a song whose section boundaries land on cuts and which lasts exactly as long as the video
(`engine.studio.scoring`), writes it through the normal compose path, and writes beside the
output: the project (`scored.song.json`, to keep editing), the soundtrack (`scored.wav`), the
muxed copy (`scored.mp4`; the original is never touched) and the evidence of origin
(`scored.origin.json` and `.txt`). `--cuts-only` prints the cuts and energy and writes nothing.
The video is read and written by Qt Multimedia (always installed) or by PyAV when the optional
`video` extra is there (`--video-backend`, see `ui.video.qt_media.backend_named`).
"""

from __future__ import annotations

import argparse
import math
import secrets
import sys
from pathlib import Path

from app import cli_args
from app.cli_args import CommandLineError, InputFile, OutputFile
from engine.errors import TesseraError
from engine.studio.scoring import (
    ScoreOptions,
    fit_lines,
    plan,
    score_video,
    section_hits,
    style_for,
)
from engine.studio.use_cases import Studio
from engine.video.analysis import analyse
from engine.video.backend import VideoBackend
from engine.video.probe import VIDEO_SUFFIXES

SCORE_EPILOG = """video examples:
  tessera-cli score video.mp4 --style lo-fi -o scored.mp4
  tessera-cli score video.mp4 --cuts-only
  tessera-cli score video.mov --style pop --cut 3.2 --no-cut 7.5 --seed 4 -o scored.mov
  tessera-cli score video.mkv --energy 0=0.3,20=0.8,40=0.4 -o scored.mkv
"""
MAX_SECONDS_TYPED = 24 * 3600.0


def _video(typed: str, what: str) -> str:
    name = cli_args.folder_in(typed)  # the path's own checks (empty, NUL, length)
    suffix = Path(name).suffix.lower()
    if suffix not in VIDEO_SUFFIXES:
        raise argparse.ArgumentTypeError(
            f"{cli_args.shown(Path(name).name)}: {what} should end in "
            f"{', '.join(VIDEO_SUFFIXES)}, not {suffix or '(no suffix)'}"
        )
    return str(name)


def video_in(typed: str) -> InputFile:
    return InputFile(_video(typed, "a video to score"))


def video_out(typed: str) -> OutputFile:
    return OutputFile(_video(typed, "the scored video"))


def energy_points(typed: str) -> tuple[tuple[float, float], ...]:
    """'0=0.3,20=0.8': energy (0-1) at times in seconds."""
    points = []
    for item in typed.replace(" ", "").split(","):
        time, sep, value = item.partition("=")
        try:
            point = (float(time), float(value))
        except ValueError:
            point = None
        if (
            not sep
            or point is None
            or not all(map(_finite, point))
            or point[0] < 0
            or not 0 <= point[1] <= 1
        ):
            raise argparse.ArgumentTypeError(
                f"{cli_args.shown(item)} should be TIME=ENERGY such as 20=0.8 (seconds, 0-1)"
            )
        points.append(point)
    return tuple(points)


def _finite(value: float) -> bool:
    return math.isfinite(value)


def add_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `score` to the `tessera-cli` parser."""
    score = commands.add_parser(
        "score", help="write original music fitted to a video's cuts and length, and mux it in"
    )
    score.add_argument("video", type=video_in, help="the video (.mp4, .mov, .mkv, .webm)")
    score.add_argument(
        "-o",
        "--output",
        type=video_out,
        help="the scored copy to write (its project, .wav and .origin.json go beside it)",
    )
    score.add_argument(
        "--style", type=cli_args.text("style", 40), default="lofi", help="e.g. lo-fi, pop, jazz"
    )
    score.add_argument("--seed", type=cli_args.seed, help="random seed (default: new, printed)")
    seconds = cli_args.number(0.0, MAX_SECONDS_TYPED)
    score.add_argument(
        "--cut", type=seconds, action="append", default=[], metavar="SECONDS",
        help="add a cut at this time (repeatable)",
    )  # fmt: skip
    score.add_argument(
        "--no-cut", type=seconds, action="append", default=[], metavar="SECONDS",
        help="delete the detected cut nearest this time (within 0.5 s; repeatable)",
    )  # fmt: skip
    score.add_argument(
        "--energy", type=energy_points, metavar="T=E,...",
        help="draw the energy curve yourself: energy 0-1 at times, e.g. 0=0.3,20=0.8",
    )  # fmt: skip
    score.add_argument(
        "--video-backend", choices=("auto", "qt", "pyav"), default="auto",
        help="what reads and writes the video: qt (Qt Multimedia, always installed; the copy's "
        "picture is re-encoded as MPEG-4), pyav (the optional video extra; the picture is "
        "copied untouched) or auto (pyav when installed, else qt)",
    )  # fmt: skip
    score.add_argument(
        "--cuts-only", action="store_true",
        help="print the detected cuts and energy curve and the fitted plan; write nothing",
    )  # fmt: skip


def check(args: argparse.Namespace) -> None:
    """What the options say together, before the video is opened or a model loaded."""
    if not args.cuts_only and args.output is None:
        raise CommandLineError(
            "score needs -o with the scored copy's name, e.g. -o scored.mp4 (or --cuts-only)"
        )
    try:
        style_for(args.style)
    except TesseraError as err:
        raise CommandLineError(f"--style: {err}") from err


def run(args: argparse.Namespace, studio: Studio) -> int:
    seed = args.seed if args.seed is not None else secrets.randbelow(2**31)
    options = ScoreOptions(
        style=args.style,
        seed=seed,
        add_cuts=tuple(args.cut),
        remove_cuts=tuple(args.no_cut),
        energy_points=args.energy or (),
    )
    backend = video_backend(args.video_backend)
    if args.cuts_only:
        analysis = analyse(args.video, backend=backend)
        fitted = plan(analysis, options)
        print("\n".join(analysis.lines()[:2]))
        print(f"cuts ({len(fitted.cuts.times)}): {fitted.cuts.text()}")
        print(f"energy: {fitted.energy.text()}")
        print(f"fit: {fitted.fit.bars} bars, {fitted.fit.form}")
        print("\n".join(fit_lines(fitted)))
        return 0
    scored = score_video(studio, args.video, args.output, options, say=_say, backend=backend)
    hits = section_hits(scored.song, scored.fitted.cuts.times)
    on_cuts = sum(error <= 0.05 for error in hits)
    print("\n".join(fit_lines(scored.fitted)))
    print(
        f"seed {seed}; {on_cuts} of {len(hits)} section boundaries on cuts (worst "
        f"{max(hits, default=0.0) * 1000:.1f} ms); soundtrack {scored.audio_seconds:.3f} s for "
        f"a {scored.fitted.analysis.duration_s:.3f} s video"
    )
    for path in (scored.video, scored.audio, scored.project, scored.origin):
        print(f"wrote {path}")
    return 0


def video_backend(name: str) -> VideoBackend:
    """The backend the user chose (see `--video-backend`), with a Qt application object for
    Qt Multimedia when it is the one (the command line has no window). Qt Multimedia's and
    FFmpeg's chatter is quietened before it loads (`app.media_logging`), so the terminal shows
    Tessera's lines and FFmpeg's warnings and errors only."""
    from app.media_logging import quiet_qt_media

    quiet_qt_media()
    from ui.video.qt_media import backend_named, ensure_application

    backend = backend_named(name)
    if backend.name == "qt":
        ensure_application()
    return backend


def _say(text: str) -> None:
    print(text, file=sys.stderr)
