"""Render and analyse every note of the grid; write the dataset cache and the manifest.

The dataset (models/timbre/cache/dataset.npz, git-ignored) holds, for every note in grid
order, its control frames (float16, (notes, WINDOW_FRAMES, CHANNEL_COUNT)) and its program,
pitch, velocity, duration and split. The manifest (models/timbre/manifest.json, shipped with
the model) names the SoundFont package, its version, the file's sha256, its licence and
notice, and the exact grid with per-program pitches and splits, plus a hash of the item list.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import time
from concurrent.futures import ProcessPoolExecutor
from itertools import groupby

import numpy as np
import numpy.typing as npt

from build_scripts.timbre import (
    CACHE_DIR,
    DATASET_PATH,
    DRUM_DURATION_SECONDS,
    DRUM_KEYS,
    DRUM_PROGRAM,
    DURATIONS_SECONDS,
    HELD_OUT_PITCH_SLOTS,
    HELD_OUT_PROGRAMS,
    MANIFEST_PATH,
    PROGRAMS,
    SOUNDFONT_COPYRIGHT,
    SOUNDFONT_PACKAGE,
    SPLITS,
    VELOCITIES,
    WINDOW_FRAMES,
    NoteSpec,
    audible,
    note_grid,
    program_pitches,
    soundfont_path,
)
from build_scripts.timbre.analysis import audio_to_controls
from build_scripts.timbre.render import GAIN, render_notes
from engine.song.gm import GM_PROGRAM_NAMES
from engine.sound.synth import ANALYSIS_RATE_HZ, FRAME_RATE_HZ


def _instrument_controls(notes: list[NoteSpec]) -> npt.NDArray[np.float16]:
    audio = render_notes(notes)
    return np.stack(
        [
            audio_to_controls(clip, note.pitch, WINDOW_FRAMES, is_drum=note.is_drum)
            for clip, note in zip(audio, notes, strict=True)
        ]
    ).astype(np.float16)


def items_sha256(notes: list[NoteSpec]) -> str:
    """Hash of the item list, one `program,pitch,velocity,duration,split` line per note."""
    lines = "".join(
        f"{n.program},{n.pitch},{n.velocity},{n.duration_seconds:g},{n.split}\n" for n in notes
    )
    return hashlib.sha256(lines.encode()).hexdigest()


def _package_version() -> str:
    result = subprocess.run(
        ["dpkg-query", "-W", "-f=${Version}", SOUNDFONT_PACKAGE],
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout.strip() or "unknown"


def manifest(notes: list[NoteSpec], seconds: float, silent: list[NoteSpec]) -> dict[str, object]:
    path = soundfont_path()
    notice = (
        SOUNDFONT_COPYRIGHT.read_text(encoding="utf-8") if SOUNDFONT_COPYRIGHT.is_file() else ""
    )
    return {
        "source": {
            "package": f"{SOUNDFONT_PACKAGE} (Debian)",
            "version": _package_version(),
            "file": path.name,
            "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
            "licence": "MIT",
            "notice": notice,
        },
        "renderer": {
            "program": "fluidsynth (command line)",
            "sample_rate_hz": ANALYSIS_RATE_HZ,
            "gain": GAIN,
            "reverb": False,
            "chorus": False,
        },
        "controls": {"frame_rate_hz": FRAME_RATE_HZ, "frames_per_note": WINDOW_FRAMES},
        "grid": {
            "programs": f"{PROGRAMS[0]}-{PROGRAMS[-1]}",
            "velocities": list(VELOCITIES),
            "durations_seconds": list(DURATIONS_SECONDS),
            "pitches": {
                f"{program} {GM_PROGRAM_NAMES[program]}": list(program_pitches(program))
                for program in PROGRAMS
            },
            "held_out_programs": list(HELD_OUT_PROGRAMS),
            "held_out_pitch_slots": list(HELD_OUT_PITCH_SLOTS),
            "drum_kit": {
                "instrument_index": DRUM_PROGRAM,
                "keys": f"{DRUM_KEYS[0]}-{DRUM_KEYS[-1]}",
                "duration_seconds": DRUM_DURATION_SECONDS,
                "split": "train",
            },
        },
        "items": {
            "count": len(notes),
            "per_split": {split: sum(n.split == split for n in notes) for split in SPLITS},
            "order": "program, pitch, velocity, duration (as listed above)",
            "sha256": items_sha256(notes),
            "silent_renders_excluded_from_training": [
                f"program {n.program} pitch {n.pitch} velocity {n.velocity} "
                f"duration {n.duration_seconds:g} s"
                for n in silent
            ],
        },
        "render_and_analysis_seconds": round(seconds, 1),
    }


def write_manifest(notes: list[NoteSpec], seconds: float) -> None:
    """The manifest for the cached data set (its silent renders listed as excluded)."""
    loudness = audible(np.load(DATASET_PATH)["controls"])
    silent = [note for note, heard in zip(notes, loudness, strict=True) if not heard]
    text = json.dumps(manifest(notes, seconds, silent), indent=2) + "\n"
    MANIFEST_PATH.write_text(text, "utf-8")


def build(processes: int = 2) -> None:
    notes = note_grid()
    started = time.time()
    groups = [list(group) for _, group in groupby(notes, key=lambda n: n.program)]
    with ProcessPoolExecutor(processes) as pool:
        controls = np.concatenate(list(pool.map(_instrument_controls, groups)))
    seconds = time.time() - started
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    np.savez(
        DATASET_PATH,
        controls=controls,
        program=np.array([n.program for n in notes], dtype=np.int16),
        pitch=np.array([n.pitch for n in notes], dtype=np.int16),
        velocity=np.array([n.velocity for n in notes], dtype=np.int16),
        duration=np.array([n.duration_seconds for n in notes], dtype=np.float32),
        split=np.array([SPLITS.index(n.split) for n in notes], dtype=np.int8),
    )
    write_manifest(notes, seconds)
    print(f"{len(notes)} notes rendered and analysed in {seconds:.0f} s -> {DATASET_PATH}")
