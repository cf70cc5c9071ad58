"""The largest memory and longest run of any `tessera-cli` command on any input under 1 KB.

Run `python -m benchmarks.hostile_inputs` from the project root. It writes small files that ask
for a lot (every one under 1 KB) into a temporary folder:

- a 50-byte MIDI file whose one note sits at bar 1,500 (50 minutes of silence before it);
- a MIDI file at 4 BPM whose one note lasts 100,000 bars (1,667 hours);
- a project of 100,000 bars of 1/64 with a note spanning all of them;
- a project at 4 BPM with one note ringing for 100,000 bars;
- a project nested 60 deep in a take's request, and one whose title is given 13 times;

then runs each command that reads a song (info, convert, export, render, regenerate, takes,
check) on each, one process per run, and prints the exit status, whether a traceback was seen,
the wall time and the peak resident memory (ru_maxrss of the child, from `os.wait4`), with the
largest of each at the end. Beside them, the same commands on a plain 8-bar tune are the
baseline: a hostile input should cost about what a real song does.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import mido

from benchmarks.tunes import d_major_tune
from engine.project.project_file import save_project, song_to_dict

LONGEST_TICKS = 100_000 * 4 * 480 - 1
"""A note as long as the longest song may be (100,000 bars of 4/4): at 4 BPM, 1,667 hours."""
TIMEOUT_S = 600.0
"""A run still going after this is reported as a hang."""


def _midi(path: Path, tempo_bpm: float, start_ticks: int, length_ticks: int) -> Path:
    midi = mido.MidiFile(ticks_per_beat=480)
    track = mido.MidiTrack()
    track.append(mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(tempo_bpm)))
    track.append(mido.Message("note_on", note=60, velocity=90, time=start_ticks))
    track.append(mido.Message("note_off", note=60, velocity=0, time=length_ticks))
    midi.tracks.append(track)
    midi.save(path)
    return path


def hostile_files(folder: Path) -> dict[str, Path]:
    """Every input, by name; each is checked to be under 1 KB."""
    files = {
        "note at bar 1500 (MIDI)": _midi(folder / "late.mid", 120, 1500 * 4 * 480, 480),
        "4 BPM, 100,000-bar note (MIDI)": _midi(folder / "long.mid", 4, 0, LONGEST_TICKS),
        "100,000 bars of 1/64": _bars(folder / "bars.json"),
        "4 BPM, 100,000-bar note": _long_note(folder / "slow.json"),
        "take request 60 deep": _deep_take(folder / "deep.json"),
        "repeated keys": _repeated(folder / "keys.json"),
    }
    for name, path in files.items():
        assert path.stat().st_size < 1024, f"{name} is {path.stat().st_size} bytes"
    return files


def _tiny(extra: dict[str, object]) -> dict[str, object]:
    data = song_to_dict(d_major_tune())
    track = data["tracks"][0]
    track["notes"] = []
    data["tracks"] = [track]
    data.update(extra)
    return data


def _bars(path: Path) -> Path:
    data = _tiny(
        {
            "bar_count": 100_000,
            "time_signatures": [{"tick": 0, "numerator": 1, "denominator": 64}],
        }
    )
    data["tracks"][0]["notes"] = [[0, 60, 30 * 100_000 - 1, 80]]  # type: ignore[index]
    path.write_text(json.dumps(data, separators=(",", ":")), "utf-8")
    return path


def _long_note(path: Path) -> Path:
    data = _tiny({"tempos": [{"tick": 0, "tempo_bpm": 4}], "bar_count": 100_000})
    data["tracks"][0]["notes"] = [[0, 60, LONGEST_TICKS, 80]]  # type: ignore[index]
    path.write_text(json.dumps(data, separators=(",", ":")), "utf-8")
    return path


def _deep_take(path: Path) -> Path:
    data = _tiny({})
    nested: object = 1
    for _ in range(60):
        nested = [nested]
    song = dict(data)
    data["takes"] = [{"operation": "generate", "request": {"x": nested}, "seed": 1, "song": song}]
    text = json.dumps(data, separators=(",", ":"))
    if len(text) >= 1024:  # the take's song is the tiny one; keep the whole under 1 KB
        data["takes"][0]["song"] = _tiny({})  # type: ignore[index]
        text = json.dumps(data, separators=(",", ":"))
    path.write_text(text, "utf-8")
    return path


def _repeated(path: Path) -> Path:
    text = json.dumps(_tiny({}), separators=(",", ":"))
    repeats = "".join(f',"title":"t{i}"' for i in range(12))
    path.write_text(text[:-1] + repeats + "}", "utf-8")
    return path


def commands(song: Path, out: Path) -> dict[str, list[str]]:
    return {
        "info": ["info", str(song)],
        "convert": ["convert", str(song), str(out / "copy.json")],
        "export": ["export", str(song), str(out / "copy.mid")],
        "render": ["render", str(song), str(out / "copy.wav")],
        "regenerate": [
            "regenerate",
            str(song),
            "--tracks",
            "1",
            "--bars",
            "1",
            "--seed",
            "1",
            "-o",
            str(out / "regen.json"),
        ],
        "takes": ["takes", str(song)] if song.suffix == ".json" else ["info", str(song)],
        "check": ["check", str(song)],
    }


def run(argv: list[str]) -> tuple[int, bool, float, float]:
    """Exit status, whether a traceback was printed, seconds and peak memory in MiB."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as output:
        child = subprocess.Popen(
            [sys.executable, "-m", "app.cli", *argv], stdout=output, stderr=output
        )
        deadline = started + TIMEOUT_S
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                child.kill()
                pid, status, usage = os.wait4(child.pid, 0)
                break
            time.sleep(0.02)
        child.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        traceback = b"Traceback" in output.read()
    seconds = time.perf_counter() - started
    return child.returncode, traceback, seconds, usage.ru_maxrss / 1024


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        inputs = {"(baseline) 8-bar tune": folder / "tune.json"}
        save_project(d_major_tune(), inputs["(baseline) 8-bar tune"])
        inputs.update(hostile_files(folder))
        worst = (0.0, ""), (0.0, "")
        tracebacks = 0
        print(f"{'input':30} {'command':11} {'status':>6} {'seconds':>8} {'peak MiB':>9}")
        for name, path in inputs.items():
            size = path.stat().st_size
            for command, argv in commands(path, folder).items():
                status, traceback, seconds, peak = run(argv)
                tracebacks += traceback
                flag = "  TRACEBACK" if traceback else ""
                print(f"{name:30} {command:11} {status:>6} {seconds:>8.2f} {peak:>9.1f}{flag}")
                if not name.startswith("(baseline)"):
                    label = f"{command} on {name} ({size} bytes)"
                    worst = (
                        max(worst[0], (peak, label)),
                        max(worst[1], (seconds, label)),
                    )
        print(f"\ntracebacks: {tracebacks}")
        print(f"largest memory: {worst[0][0]:.0f} MiB, {worst[0][1]}")
        print(f"longest run: {worst[1][0]:.1f} s, {worst[1][1]}")


if __name__ == "__main__":
    main()
