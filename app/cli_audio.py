"""`tessera-cli render` and `tessera-cli play`: hear a song through its timbres.

Render is the window's Export Audio (`Studio.render`); play runs the engine's player on the
models' one note renderer.
"""

from __future__ import annotations

import argparse
import sys
import threading

from app import cli_args
from app.cli_args import whole
from engine.song.selection import parse_span
from engine.song.song import MAX_BAR_COUNT
from engine.sound.playback import Player, bar_range_seconds
from engine.studio.outcomes import Selection
from engine.studio.use_cases import Studio

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
    render_command.add_argument(
        "source", type=cli_args.song_in, help="a MIDI file (.mid) or a Tessera project (.json)"
    )
    render_command.add_argument(
        "destination", type=cli_args.audio_out, help="the audio file to write (.wav or .flac)"
    )
    cli_args.add_selection(render_command)

    play = commands.add_parser("play", help="play a song on the default audio output")
    play.add_argument(
        "source", type=cli_args.song_in, help="a MIDI file (.mid) or a Tessera project (.json)"
    )
    play.add_argument(
        "--from-bar",
        type=whole(1, MAX_BAR_COUNT),
        default=1,
        help="1-based bar to start at",
    )
    play.add_argument(
        "--loop",
        type=cli_args.selection("bars", one_span=True),
        help="1-based bar range to repeat until Ctrl+C, e.g. '5-8'",
    )


def run(args: argparse.Namespace, studio: Studio) -> int:
    for warning in studio.open(args.source):
        print(f"warning: {warning}", file=sys.stderr)
    if args.command == "render":
        return _render(args, studio)
    return _play(args, studio)


def _render(args: argparse.Namespace, studio: Studio) -> int:
    selection = Selection.from_text(studio.song, args.tracks, args.bars)
    rendered = studio.render(
        args.destination,
        None if selection.everything else selection,
        progress=_show_progress,
    )
    print(f"wrote {args.destination}: {rendered.summary()}")
    return 0


def _show_progress(done: int, total: int) -> None:
    if sys.stderr.isatty():
        print(f"\rrendering notes {done}/{total}", end="", file=sys.stderr, flush=True)
        if done == total:
            print(file=sys.stderr)


def _play(args: argparse.Namespace, studio: Studio) -> int:
    song = studio.song
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

    player = Player(studio.models.renderer(), on_error=failed, on_finished=done.set)
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
