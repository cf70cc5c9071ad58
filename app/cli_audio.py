"""`tessera-cli render`, `play` and `sound`: hear a song through its tracks' sounds.

Render is the window's Export Audio (`Studio.render`); play runs the engine's player on the
models' one note renderer. `sound` is the Track panel's Sound choice: each chosen track plays
the standard General MIDI set (FluidSynth and the SoundFont, `--standard`) or its Tessera timbre
(`--tessera`, which gives back a locked timbre the track had), saved in the project.
`render --sound` renders every track with one of the two without changing the project.
"""

from __future__ import annotations

import argparse
import sys
import threading

from app import cli_args
from app.cli import waiting_for
from app.cli_args import OutputFile, whole
from engine.song.edits import update_track
from engine.song.selection import parse_span
from engine.song.song import MAX_BAR_COUNT, Song
from engine.sound.playback import Player, bar_range_seconds
from engine.studio.outcomes import Selection
from engine.studio.use_cases import Studio

COMMANDS = ("render", "play", "sound")
AUDIO_EPILOG = """audio examples:
  tessera-cli render song.json song.wav
  tessera-cli render song.mid chorus.flac --tracks 1,2 --bars 9-16
  tessera-cli render song.json standard.wav --sound standard
  tessera-cli render song.json share.mp3
  tessera-cli play song.json --loop 5-8
  tessera-cli sound song.json --tracks 2 --standard
"""
SOUNDS = ("standard", "tessera")
"""`render --sound`: every track through the standard set, or through its Tessera timbre."""


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `render` and `play` to the `tessera-cli` parser."""
    render_command = commands.add_parser(
        "render", help="render a song to a 44.1 kHz stereo WAV, FLAC, MP3 or OGG file"
    )
    render_command.add_argument(
        "source", type=cli_args.song_in, help="a MIDI file (.mid) or a Tessera project (.json)"
    )
    render_command.add_argument(
        "destination",
        type=cli_args.audio_out,
        help="the audio file to write (.wav, .flac, .mp3 or .ogg)",
    )
    cli_args.add_selection(render_command)
    render_command.add_argument(
        "--sound",
        choices=SOUNDS,
        help="render every track with the standard General MIDI sound set or its Tessera "
        "timbre, leaving the project as it is (default: each track's own choice)",
    )

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

    sound = commands.add_parser(
        "sound", help="choose the standard General MIDI sound set or the Tessera timbre per track"
    )
    sound.add_argument("file", type=cli_args.project_in, help="a Tessera project (.json)")
    choice = sound.add_mutually_exclusive_group(required=True)
    choice.add_argument(
        "--standard",
        action="store_true",
        help="play the tracks with the standard General MIDI set (FluidSynth, FluidR3 GM)",
    )
    choice.add_argument(
        "--tessera",
        action="store_true",
        help="play the tracks with their Tessera timbre (a locked one comes back)",
    )
    sound.add_argument(
        "--tracks",
        type=cli_args.selection("tracks", one_span=False),
        help="1-based tracks, e.g. '2' or '1,3' (default: all)",
    )
    sound.add_argument(
        "-o",
        "--output",
        type=_project_out,
        help="the project to write (default: the file itself)",
    )


def _project_out(typed: str) -> OutputFile:
    """A project to write: the sound choice lives in a project, never in a MIDI file."""
    name = cli_args.song_out(typed)
    if not name.lower().endswith(".json"):
        raise argparse.ArgumentTypeError(
            f"{cli_args.shown(name)} is a MIDI file, which cannot hold a track's sound: write "
            "a project instead, such as song.json"
        )
    return name


def with_sound(song: Song, tracks: tuple[int, ...] | None, standard: bool) -> Song:
    """The song with the chosen tracks (None: all) on the standard set or their Tessera timbre."""
    for index in range(len(song.tracks)) if tracks is None else tracks:
        timbre = song.tracks[index].timbre
        song = update_track(song, index, timbre=timbre.standard() if standard else timbre.tessera())
    return song


def run(args: argparse.Namespace, studio: Studio) -> int:
    if args.command == "sound":
        return _sound(args, studio)
    for warning in studio.open(args.source):
        print(f"warning: {warning}", file=sys.stderr)
    if args.command == "render":
        return _render(args, studio)
    return _play(args, studio)


def _sound(args: argparse.Namespace, studio: Studio) -> int:
    destination = args.output or args.file
    with studio.holding(args.file, destination, on_wait=waiting_for):
        for warning in studio.open(args.file):
            print(f"warning: {warning}", file=sys.stderr)
        tracks = Selection.from_text(studio.song, args.tracks, None).tracks
        song = with_sound(studio.song, tracks, args.standard)
        name = "the standard General MIDI set" if args.standard else "the Tessera timbre"
        changed = sum(a != b for a, b in zip(studio.song.tracks, song.tracks, strict=True))
        studio.document.apply_edit(song, f"Sound: {name}")
        studio.save(destination)
    print(f"sound: {changed} track(s) now play {name}: wrote {destination}")
    return 0


def _render(args: argparse.Namespace, studio: Studio) -> int:
    if args.sound is not None:  # this render only: the project on disk is not written
        song = with_sound(studio.song, None, args.sound == "standard")
        studio.document.apply_edit(song, f"Render with the {args.sound} sound")
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
        print(f"\rrendering {100 * done // total}%", end="", file=sys.stderr, flush=True)
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
