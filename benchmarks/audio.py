"""Speed of hearing a song: offline render real-time factor, cold and warm, and time to sound.

    python -m benchmarks.audio [--runs 3] [--bars 32] [--tracks 4]

The song is a corpus piece from the test split (the first with enough parts), cut to `--tracks`
tracks and `--bars` bars, plus a drum track, so the timbre model renders the instruments and
the kit it learned. Prints:

- the offline render's real-time factor (seconds of audio per second of work) with a cold
  note cache (a fresh `NoteRenderer`, every distinct note through the model) and a warm one
  (the same renderer again: pure mixing), with FluidSynth rendering the same MIDI file as the
  baseline measured in the same run, and each as a ratio to it;
- the time from `Player.play` to the first mixed block reaching the sound card's callback,
  cold and warm, through an output stream that a thread pulls at the real device pace, and
  the callback's underruns over the first seconds of a cold start.

Timings are noisy on a shared CPU: compare the ratios within one run.
"""

from __future__ import annotations

import argparse
import dataclasses
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import numpy as np

from build_scripts.corpus.splits import load_split
from build_scripts.timbre import soundfont_path
from engine.project.midi.files import export_midi
from engine.song.edits import select
from engine.song.song import PPQ, Note, Song, Track
from engine.sound.playback import DEVICE_BLOCK_FRAMES, Player
from engine.sound.render import SAMPLE_RATE_HZ, NoteRenderer, render
from engine.sound.timbre import TimbreModel


def benchmark_song(bars: int, tracks: int) -> Song:
    """The test-split piece with the most varied notes among those with enough parts and
    bars, cut to `tracks` parts and `bars` bars, with a rock beat added."""
    candidates = [
        select(song, range(tracks), (0, bars - 1))
        for song in load_split("test")
        if len(song.tracks) >= tracks and song.bar_count >= bars
    ]
    if not candidates:
        raise SystemExit(f"no test-split piece has {tracks} parts and {bars} bars")
    song = max(candidates, key=_variety)
    beat = []
    for bar in range(bars):
        start, end = song.bar_span(bar)
        for tick in range(start, end, PPQ // 2):
            beat.append(Note(tick, 42, PPQ // 4, 70))
            if (tick - start) % (2 * PPQ) == 0:
                beat.append(Note(tick, 36, PPQ // 4, 100))
            elif (tick - start) % PPQ == 0:
                beat.append(Note(tick, 38, PPQ // 4, 95))
    return dataclasses.replace(
        song, tracks=(*song.tracks, Track("Drums", is_drum=True, notes=tuple(beat)))
    )


def _variety(song: Song) -> int:
    """Distinct (program, pitch, velocity, length) notes: what a cold render pays for."""
    return len(
        {
            (track.program, note.pitch, note.velocity, note.duration_ticks)
            for track in song.tracks
            for note in track.notes
        }
    )


def fluidsynth_seconds(song: Song) -> float | None:
    """Wall time for the FluidSynth command line to render the song's MIDI file to WAV."""
    if shutil.which("fluidsynth") is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        midi, wav = Path(folder) / "song.mid", Path(folder) / "song.wav"
        export_midi(song, midi)
        command = ["fluidsynth", "-ni", "-q", "-r", str(SAMPLE_RATE_HZ), "-F", str(wav)]
        started = time.perf_counter()
        subprocess.run([*command, str(soundfont_path()), str(midi)], check=True)
        return time.perf_counter() - started


class PacedStream:
    """An output stream whose callback a thread calls at the real device pace."""

    def __init__(self, **settings: Any) -> None:
        self.samplerate = settings["samplerate"]
        self._callback = settings["callback"]
        self._running = threading.Event()
        self._thread = threading.Thread(target=self._pull, daemon=True)

    def start(self) -> None:
        self._running.set()
        self._thread.start()

    def stop(self) -> None:
        self._running.clear()

    def close(self) -> None:
        self._running.clear()

    def _pull(self) -> None:
        out = np.zeros((DEVICE_BLOCK_FRAMES, 2), dtype=np.float32)
        period = DEVICE_BLOCK_FRAMES / self.samplerate
        due = time.perf_counter()
        while self._running.is_set():
            self._callback(out, DEVICE_BLOCK_FRAMES, None, None)
            due += period
            time.sleep(max(0.0, due - time.perf_counter()))


def time_to_first_sound(renderer: NoteRenderer, song: Song, listen: float) -> tuple[float, int]:
    """(ms from play to the first mixed block in the callback, underruns in `listen` s)."""
    player = Player(renderer, stream_factory=PacedStream)
    started = time.perf_counter()
    player.play(song)
    while player.first_sound_at is None:
        time.sleep(0.001)
    first = 1000 * (player.first_sound_at - started)
    time.sleep(listen)
    player.stop()
    return first, player.underruns


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--bars", type=int, default=32)
    parser.add_argument("--tracks", type=int, default=4, help="corpus parts (a kit is added)")
    parser.add_argument("--listen", type=float, default=5.0, help="seconds of cold playback")
    args = parser.parse_args(argv)
    song = benchmark_song(args.bars, args.tracks)
    seconds = song.duration_seconds
    print(
        f"song: {song.title!r} cut to {args.bars} bars, {len(song.tracks)} tracks "
        f"({args.tracks} parts + drums), {song.note_count} notes, {seconds:.1f} s"
    )
    cold, warm, distinct = [], [], 0
    for _ in range(args.runs):
        renderer = NoteRenderer(TimbreModel())
        started = time.perf_counter()
        audio = render(song, renderer)
        cold.append(time.perf_counter() - started)
        started = time.perf_counter()
        render(song, renderer)
        warm.append(time.perf_counter() - started)
        distinct = renderer.misses
    length = len(audio) / SAMPLE_RATE_HZ
    baseline = fluidsynth_seconds(song)
    print(f"distinct notes rendered by the model: {distinct} of {song.note_count}")
    rows = [("cold cache", statistics.median(cold)), ("warm cache", statistics.median(warm))]
    if baseline is not None:
        rows.append(("FluidSynth (baseline)", baseline))
    for name, wall in rows:
        ratio = f"   {baseline / wall:5.2f}x FluidSynth's speed" if baseline else ""
        print(f"offline render, {name:<22} {wall:7.3f} s   {length / wall:7.1f}x real time{ratio}")
    peak = float(np.abs(audio).max())
    print(f"render peak {20 * np.log10(peak):.1f} dBFS over {length:.1f} s of audio")
    renderer = NoteRenderer(TimbreModel())
    for label in ("cold", "warm"):
        first_ms, underruns = time_to_first_sound(renderer, song, args.listen)
        print(
            f"play -> first sound, {label} cache: {first_ms:6.1f} ms; "
            f"underruns in {args.listen:.0f} s: {underruns}"
        )


if __name__ == "__main__":
    main()
