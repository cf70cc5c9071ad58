"""`tessera-cli render` and `tessera-cli play`: hear a song through its timbres."""

from __future__ import annotations

import argparse
import sys
import threading

import numpy as np

from engine.project.song_files import open_song
from engine.song.selection import parse_indices, parse_span
from engine.song.song import Song
from engine.sound.playback import Player, bar_range_seconds
from engine.sound.render import (
    SAMPLE_RATE_HZ,
    NoteRenderer,
    RenderSelection,
    audio_file_subtype,
    render,
    write_audio,
)
from engine.sound.timbre import TimbreModel

COMMANDS = ("render", "play")
AUDIO_EPILOG = """audio examples:
  tessera-cli render song.json song.wav
  tessera-cli render song.mid chorus.flac --tracks 1,2 --bars 9-16
  tessera-cli play song.json --loop 5-8
"""


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `render` and `play` to the `tessera-cli` parser."""
    render_command = commands.add_parser(
        "render", help="render a song to a 44.1 kHz stereo WAV or FLAC file"
    )
    render_command.add_argument("source", help="a MIDI file (.mid) or a Tessera project (.json)")
    render_command.add_argument("destination", help="the audio file to write (.wav or .flac)")
    render_command.add_argument("--tracks", help="1-based tracks, e.g. '1,3' (default: all)")
    render_command.add_argument("--bars", help="1-based bar range, e.g. '5-8' (default: all)")

    play = commands.add_parser("play", help="play a song on the default audio output")
    play.add_argument("source", help="a MIDI file (.mid) or a Tessera project (.json)")
    play.add_argument("--from-bar", type=int, default=1, help="1-based bar to start at")
    play.add_argument("--loop", help="1-based bar range to repeat until Ctrl+C, e.g. '5-8'")


def run(args: argparse.Namespace) -> int:
    song, warnings = open_song(args.source)
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    renderer = NoteRenderer(TimbreModel())
    if args.command == "render":
        return _render(args, song, renderer)
    return _play(args, song, renderer)


def _render(args: argparse.Namespace, song: Song, renderer: NoteRenderer) -> int:
    audio_file_subtype(args.destination)  # a wrong name fails now, not after the render
    tracks = parse_indices(args.tracks, "tracks", len(song.tracks)) if args.tracks else None
    first, last = parse_span(args.bars, "bars", song.bar_count) if args.bars else (0, None)
    selection = RenderSelection(
        tracks=tuple(tracks) if tracks is not None else None,
        first_bar=first,
        end_bar=None if last is None else last + 1,
    )
    audio = render(song, renderer, selection, progress=_show_progress)
    write_audio(args.destination, audio)
    peak = float(np.abs(audio).max(initial=0.0))
    peak_text = f"{20 * np.log10(peak):.1f} dBFS" if peak > 0 else "silent"
    print(
        f"wrote {args.destination}: {len(audio) / SAMPLE_RATE_HZ:.1f} s, peak {peak_text}, "
        f"{renderer.misses} distinct notes rendered"
    )
    return 0


def _show_progress(done: int, total: int) -> None:
    if sys.stderr.isatty():
        print(f"\rrendering notes {done}/{total}", end="", file=sys.stderr, flush=True)
        if done == total:
            print(file=sys.stderr)


def _play(args: argparse.Namespace, song: Song, renderer: NoteRenderer) -> int:
    start_bar = parse_span(str(args.from_bar), "--from-bar", song.bar_count)[0]
    loop = None
    if args.loop:
        first, last = parse_span(args.loop, "--loop", song.bar_count)
        loop = bar_range_seconds(song, first, last + 1)
        start_bar = first
    done = threading.Event()
    errors: list[str] = []

    def failed(message: str) -> None:
        errors.append(message)
        done.set()

    player = Player(renderer, on_error=failed, on_finished=done.set)
    start = song.tick_to_seconds(song.bar_start_ticks[start_bar])
    player.play(song, start_seconds=start, loop=loop)
    print(f"playing {args.source} from bar {start_bar + 1}" + (" (looping)" if loop else ""))
    print("press Ctrl+C to stop")
    try:
        done.wait()
    except KeyboardInterrupt:
        print()
    finally:
        player.stop()
    if errors:
        print(f"tessera-cli: error: {errors[0]}", file=sys.stderr)
        return 1
    return 0
