"""Smoke-check the standalone app that build_scripts/package.sh builds into dist/tessera/.

    .venv/bin/python -m build_scripts.check_package [--bundle dist/tessera]

Runs the bundled programs as a musician would, from a scratch folder with its own HOME:
`tessera-cli info` on a MIDI file and a project made here, `generate` (the symbolic model),
`render` to WAV (the timbre model), `check` (the originality index), `transcribe` of a short
sine melody (basic-pitch's note model), `score` of a video of coloured shots made here (Qt
Multimedia and its FFmpeg plugin, the only video path in the bundle; the scored copy is probed
with PyAV from the venv: its picture frames, its soundtrack and their length against the
original's), and the windowed `tessera` under Qt's offscreen platform. It also checks that
every model file the spec bundles is in the folder, that Qt Multimedia's FFmpeg plugin and
libraries are, and that nothing that must stay out (torch, TensorFlow, PyAV, a GPL SoundFont)
got in, then prints the bundle size and the CLI's start time next to `python -m app.cli --help`
in the venv. Exits 1 if any check fails.

`spec_data_files` runs the spec with stand-ins for PyInstaller's classes, so the list of bundled
files can be checked without PyInstaller (tests/models/test_packaging.py does).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import mido
import numpy as np
import soundfile

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "build_scripts" / "tessera.spec"
DEFAULT_BUNDLE = ROOT / "dist" / "tessera"
CONTENTS = "_internal"
"""PyInstaller's folder (6.x default) beside the programs that holds libraries and data."""
GUI_QUIT_ENV = "TESSERA_QUIT_AFTER_SHOW"
"""Asks `tessera` to quit once its window is shown (app/gui.py); a build that ignores it passes
the GUI check when the program is still running after `gui_seconds`."""
FORBIDDEN = ("torch", "tensorflow", "music21", "pretty_midi", "miditok", "pytest", "av")
"""Top-level names in _internal/ that would mean a training or test dependency got in (PyAV's
wheel carries GPL encoders: engine/video/pyav.py)."""
QT_VIDEO = ("*ffmpegmediaplugin*", "*avcodec*", "*avformat*", "*avutil*", "*swscale*")
"""What `tessera-cli score` and the Picture dock read and write video with: Qt Multimedia's
FFmpeg plugin and the LGPL FFmpeg libraries it loads (file name patterns in _internal/)."""
SHOT_FRAMES = (100, 100)
"""The video `score` is checked on: two 4 s shots at 25 frames/s (one cut)."""
START_RUNS = 5


@dataclass
class Report:
    """Outcome of every check, printed as it goes."""

    failures: list[str] = field(default_factory=list)
    figures: dict[str, float] = field(default_factory=dict)

    def ok(self, name: str, detail: str = "") -> None:
        print(f"ok    {name}{': ' + detail if detail else ''}", flush=True)

    def fail(self, name: str, detail: str) -> None:
        self.failures.append(f"{name}: {detail}")
        print(f"FAIL  {name}: {detail}", flush=True)


@dataclass
class _Recorded:
    """Stand-in for PyInstaller's Analysis/PYZ/EXE/COLLECT: keeps its arguments."""

    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    pure: list[Any] = field(default_factory=list)
    scripts: list[Any] = field(default_factory=list)
    binaries: list[Any] = field(default_factory=list)
    datas: list[Any] = field(default_factory=list)


def run_spec(spec: Path = SPEC) -> dict[str, Any]:
    """Execute the spec with stand-ins; returns its namespace plus `analyses` (their kwargs)."""
    analyses: list[dict[str, Any]] = []

    def analysis(*args: Any, **kwargs: Any) -> _Recorded:
        analyses.append(kwargs)
        return _Recorded(args, kwargs)

    def recorded(*args: Any, **kwargs: Any) -> _Recorded:
        return _Recorded(args, kwargs)

    namespace: dict[str, Any] = {
        "__name__": "tessera_spec",
        "SPECPATH": str(spec.parent),
        "Analysis": analysis,
        "PYZ": recorded,
        "EXE": recorded,
        "COLLECT": recorded,
    }
    exec(compile(spec.read_text(encoding="utf-8"), str(spec), "exec"), namespace)
    namespace["analyses"] = analyses
    return namespace


def spec_data_files(spec: Path = SPEC) -> list[tuple[Path, str]]:
    """Every data file the spec bundles: (source, path inside _internal/), in spec order."""
    files: dict[str, Path] = {}
    for kwargs in run_spec(spec)["analyses"]:
        for source, folder in kwargs["datas"]:
            files[(Path(folder) / Path(source).name).as_posix()] = Path(source)
    return [(source, inside) for inside, source in files.items()]


def _run(command: Sequence[str | Path], cwd: Path, env: dict[str, str]) -> tuple[int, str, float]:
    started = time.perf_counter()
    done = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    return done.returncode, done.stdout + done.stderr, time.perf_counter() - started


def _scratch_env(home: Path) -> dict[str, str]:
    """The caller's environment with a fresh HOME, so no autosave or settings leak in or out."""
    env = dict(os.environ)
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local/share"),
        XDG_CACHE_HOME=str(home / ".cache"),
        QT_QPA_PLATFORM="offscreen",
    )
    return env


def write_midi(path: Path) -> None:
    """A two-bar C major arpeggio at 100 BPM, written with mido as any sequencer would."""
    midi = mido.MidiFile(type=1, ticks_per_beat=480)
    conductor = mido.MidiTrack([mido.MetaMessage("set_tempo", tempo=600_000)])
    piano = mido.MidiTrack([mido.MetaMessage("track_name", name="Piano")])
    for pitch in (60, 64, 67, 72, 67, 64, 60, 55):
        piano.append(mido.Message("note_on", note=pitch, velocity=90, time=0))
        piano.append(mido.Message("note_off", note=pitch, velocity=0, time=480))
    midi.tracks.extend([conductor, piano])
    midi.save(str(path))


def write_melody_wav(path: Path, sample_rate_hz: int = 22_050) -> None:
    """C4 E4 G4 C5, half a second each, as a quiet sine: something to transcribe."""
    time_s = np.arange(sample_rate_hz // 2) / sample_rate_hz  # (samples,)
    notes = [0.4 * np.sin(2 * np.pi * hz * time_s) for hz in (261.63, 329.63, 392.0, 523.25)]
    soundfile.write(str(path), np.concatenate(notes).astype(np.float32), sample_rate_hz)


def _check_wav(path: Path) -> str:
    info = soundfile.info(str(path))
    audio, _ = soundfile.read(str(path), dtype="float32")
    peak = float(np.abs(audio).max(initial=0.0))
    if info.duration <= 0 or peak <= 0:
        raise ValueError(f"{path.name} is empty or silent ({info.duration:.2f} s, peak {peak})")
    return f"{info.duration:.1f} s at {info.samplerate} Hz, peak {peak:.2f}"


def check_contents(bundle: Path, report: Report) -> None:
    """Both programs, every bundled data file, and none of the forbidden packages."""
    for program in ("tessera", "tessera-cli"):
        if not os.access(bundle / program, os.X_OK):
            report.fail(f"program {program}", f"not found or not executable in {bundle}")
    contents = bundle / CONTENTS
    missing = [inside for _, inside in spec_data_files() if not (contents / inside).is_file()]
    if missing:
        report.fail("bundled data", f"missing from {CONTENTS}/: {', '.join(missing)}")
    else:
        report.ok("bundled data", f"{len(spec_data_files())} files present")
    absent = [pattern for pattern in QT_VIDEO if not any(contents.rglob(pattern))]
    if absent:
        report.fail("qt video", f"no {', '.join(absent)} in {CONTENTS}/: Qt Multimedia is missing")
    else:
        report.ok("qt video", "Qt Multimedia's FFmpeg plugin and FFmpeg libraries present")
    names = {path.name.lower() for path in contents.iterdir()}
    found = sorted(name for name in names if name.split(".")[0].split("-")[0] in FORBIDDEN)
    soundfonts = sorted(p.name for p in contents.rglob("*") if p.suffix.lower() in (".sf2", ".sf3"))
    if found or soundfonts:
        report.fail("kept out", f"found {', '.join(found + soundfonts)}")
    else:
        report.ok("kept out", "no torch, TensorFlow, music21, PyAV, test tools or SoundFont")
    # PyInstaller links some libraries to one copy (symlinks): count each file once.
    files = [p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()]
    size_mb = sum(p.stat().st_size for p in files) / 2**20
    report.figures["bundle_mb"] = size_mb
    report.ok("size", f"{size_mb:.0f} MB in {len(files)} files")


def check_cli(bundle: Path, work: Path, env: dict[str, str], report: Report) -> None:
    """Run the CLI commands that touch each model and file format."""
    cli = bundle / "tessera-cli"
    write_midi(work / "arpeggio.mid")
    write_melody_wav(work / "melody.wav")
    steps: list[tuple[str, list[str | Path], Callable[[str], str] | None]] = [
        ("cli info (MIDI)", ["info", "arpeggio.mid"], lambda out: _expect(out, "notes:  8")),
        ("cli convert", ["convert", "arpeggio.mid", "arpeggio.json"], None),
        ("cli info (project)", ["info", "arpeggio.json"], lambda out: _expect(out, "Piano")),
        (
            "cli render",
            ["render", "arpeggio.json", "arpeggio.wav"],
            lambda _: _check_wav(work / "arpeggio.wav"),
        ),
        ("cli generate", ["generate", "tune.json", "--bars", "2", "--seed", "1"], None),
        ("cli check", ["check", "tune.json"], None),
        ("cli transcribe", ["transcribe", "melody.wav", "melody.json", "--monophonic"], None),
    ]
    for name, arguments, verify in steps:
        code, output, seconds = _run([cli, *arguments], work, env)
        last_line = output.strip().splitlines()[-1] if output.strip() else "(no output)"
        try:
            if code != 0:
                raise ValueError(f"exit status {code}: {output.strip()[-800:]}")
            detail = verify(output) if verify else last_line
        except ValueError as err:
            report.fail(name, str(err))
            continue
        report.ok(name, f"{detail} ({seconds:.2f} s)")


def check_score(bundle: Path, work: Path, env: dict[str, str], report: Report) -> None:
    """`tessera-cli score` on a video made here: the copy holds every frame of the original
    and a soundtrack of its length, and stderr holds no FFmpeg or Qt chatter. The same
    command in the venv through Qt Multimedia is timed beside it."""
    from engine.video.synthetic import make_shots_video  # PyAV: the venv's `video` extra

    made = make_shots_video(work / "shots.mp4", SHOT_FRAMES, fps=25)
    # A terminal's environment: a QT_FFMPEG_DEBUG of the caller's would print FFmpeg's lines.
    env = {k: v for k, v in env.items() if k not in ("QT_FFMPEG_DEBUG", "QT_LOGGING_RULES")}
    arguments = ["score", str(made.path), "--style", "lo-fi", "--seed", "3", "-o"]
    command: list[str | Path] = [bundle / "tessera-cli", *arguments, "scored.mp4"]
    code, _, stderr, seconds = _run_apart(command, work, env)
    try:
        if code != 0:
            raise ValueError(f"exit status {code}: {stderr.strip()[-800:]}")
        detail = _check_scored(work / "scored.mp4", made.duration_s, sum(SHOT_FRAMES))
        chatter = [line for line in stderr.splitlines() if _foreign(line)]
        if chatter:
            raise ValueError(f"FFmpeg or Qt wrote to stderr: {chatter[:3]}")
    except ValueError as err:
        report.fail("cli score", str(err))
        return
    venv_command = [sys.executable, "-m", "app.cli", *arguments, str(work / "venv.mp4")]
    venv_code, _, _, venv_seconds = _run_apart([*venv_command, "--video-backend", "qt"], ROOT, env)
    report.figures.update(score_s=seconds, venv_score_s=venv_seconds)
    beside = f"python -m app.cli score {venv_seconds:.2f} s" if venv_code == 0 else "venv failed"
    report.ok("cli score", f"{detail} ({seconds:.2f} s; {beside})")


def _run_apart(
    command: Sequence[str | Path], cwd: Path, env: dict[str, str]
) -> tuple[int, str, str, float]:
    """`_run` with stdout and stderr apart: (status, stdout, stderr, seconds)."""
    started = time.perf_counter()
    done = subprocess.run(
        [str(part) for part in command],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    return done.returncode, done.stdout, done.stderr, time.perf_counter() - started


def _check_scored(path: Path, duration_s: float, frames: int) -> str:
    """Probe the scored copy with PyAV (not the bundle's reader): its length, frames, sound."""
    from engine.video.pyav import av

    if not path.is_file():
        raise ValueError(f"{path.name} was not written")
    with av.open(str(path)) as container:
        if not container.streams.audio:
            raise ValueError(f"{path.name} has no soundtrack")
        picture, sound = container.streams.video[0], container.streams.audio[0]
        length_s = float(container.duration or 0) / av.time_base
        sound_s = float((sound.duration or 0) * (sound.time_base or 0))
        counted = sum(1 for _ in container.decode(picture))
    one_frame = 1 / 25
    if counted != frames or abs(length_s - duration_s) > one_frame:
        raise ValueError(
            f"{path.name}: {counted} frames, {length_s:.3f} s; the original has {frames} "
            f"frames, {duration_s:.3f} s"
        )
    if abs(sound_s - duration_s) > one_frame:
        raise ValueError(f"{path.name}: soundtrack {sound_s:.3f} s for a {duration_s:.3f} s video")
    return f"{path.name}: {counted} frames, {length_s:.3f} s, soundtrack {sound_s:.3f} s"


def _foreign(line: str) -> bool:
    """A line FFmpeg or Qt Multimedia wrote rather than Tessera (app/media_logging.py)."""
    return any(mark in line for mark in ("Qavg", "FFmpeg log", "qt.multimedia", "Input #")) or (
        line.startswith("[") and " @ 0x" in line
    )


def _expect(output: str, text: str) -> str:
    if text not in output:
        raise ValueError(f"expected {text!r} in the output, got: {output.strip()[:400]}")
    return f"prints {text!r}"


def check_gui(
    bundle: Path, work: Path, env: dict[str, str], report: Report, seconds: float
) -> None:
    """Start the windowed program offscreen; it must quit cleanly or still be running."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [str(bundle / "tessera"), "arpeggio.json"],
        cwd=work,
        env={**env, GUI_QUIT_ENV: "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        output, _ = process.communicate(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.terminate()
        output, _ = process.communicate(timeout=30)
        report.ok(
            "gui",
            f"still running after {seconds:g} s, ended by the check "
            f"(app/gui.py does not read {GUI_QUIT_ENV} yet)",
        )
        return
    elapsed = time.perf_counter() - started
    if process.returncode == 0:
        report.figures["gui_start_s"] = elapsed
        report.ok("gui", f"showed its window and quit in {elapsed:.2f} s")
    else:
        report.fail("gui", f"exit status {process.returncode}: {output.strip()[-800:]}")


def start_seconds(
    command: Sequence[str | Path], env: dict[str, str], runs: int = START_RUNS
) -> float:
    """Median wall time of `command` over `runs` runs (the first one warms the disk cache)."""
    _run(command, ROOT, env)
    return statistics.median(_run(command, ROOT, env)[2] for _ in range(runs))


def check_start_time(bundle: Path, env: dict[str, str], report: Report) -> None:
    frozen = start_seconds([bundle / "tessera-cli", "--help"], env)
    venv = start_seconds([sys.executable, "-m", "app.cli", "--help"], env)
    report.figures.update(cli_start_s=frozen, venv_cli_start_s=venv)
    report.ok(
        "cli start",
        f"tessera-cli --help {frozen * 1000:.0f} ms (median of {START_RUNS}); "
        f"python -m app.cli --help {venv * 1000:.0f} ms; ratio {frozen / venv:.2f}",
    )


def run_checks(bundle: Path = DEFAULT_BUNDLE, gui_seconds: float = 10.0) -> Report:
    """Every check against the built folder; see the module docstring."""
    report = Report()
    if not (bundle / "tessera-cli").is_file():
        report.fail("bundle", f"no tessera-cli in {bundle}: run build_scripts/package.sh first")
        return report
    check_contents(bundle, report)
    with tempfile.TemporaryDirectory(prefix="tessera-check-") as scratch:
        work = Path(scratch)
        (work / "home").mkdir()
        env = _scratch_env(work / "home")
        check_cli(bundle, work, env, report)
        check_score(bundle, work, env, report)
        check_gui(bundle, work, env, report, gui_seconds)
        check_start_time(bundle, env, report)
    return report


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--bundle", type=Path, default=DEFAULT_BUNDLE, help="the built folder")
    parser.add_argument(
        "--gui-seconds",
        type=float,
        default=10.0,
        help="how long the window may run before the check ends it",
    )
    args = parser.parse_args(argv)
    report = run_checks(args.bundle.resolve(), args.gui_seconds)
    print(f"{len(report.failures)} failed" if report.failures else "all checks passed")
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
