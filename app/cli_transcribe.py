"""`tessera-cli transcribe`: a hummed or played clip (WAV, FLAC, MP3, OGG) becomes a track.

The window's Audio to Notes (`Studio.transcribe`): the clip's notes go onto a new song, or onto
an existing one with `--into`, as one track with every bar locked, so the composing commands
build around it. A new song's tempo is `--tempo` or estimated from the notes.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from app import cli_args
from app.cli import waiting_for
from app.cli_args import CommandLineError, number, text
from engine.song.gm import program_from_name
from engine.song.song import MAX_TEMPO_BPM, MIN_TEMPO_BPM
from engine.studio.outcomes import Clip, StudioError
from engine.studio.use_cases import Studio
from engine.transcribe.to_song import GRIDS, grid_ticks

MAX_MIN_NOTE_SECONDS = 10.0
"""The longest shortest-note the note model takes (`engine.transcribe.notes.NoteSettings`)."""
TRANSCRIBE_EPILOG = """transcribing examples:
  tessera-cli transcribe hummed.wav melody.json --monophonic
  tessera-cli transcribe riff.flac riff.mid --tempo 96 --quantise 1/8 --program "electric guitar"
  tessera-cli transcribe solo.mp3 song.json --into song.json --monophonic --program violin
"""


def add_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `transcribe` to the `tessera-cli` parser."""
    command = commands.add_parser("transcribe", help="turn an audio clip into a locked track")
    command.add_argument(
        "clip", type=cli_args.clip_in, help="the audio clip: .wav, .flac, .mp3, .ogg or .aiff"
    )
    command.add_argument(
        "output", type=cli_args.song_out, help="file to write (.json project or .mid)"
    )
    command.add_argument(
        "--monophonic", action="store_true", help="one note at a time (a hummed or sung melody)"
    )
    command.add_argument(
        "--quantise",
        default="1/16",
        type=text("--quantise", 20),
        help=f"grid: {', '.join(GRIDS)} (default 1/16)",
    )
    command.add_argument(
        "--tempo",
        type=number(MIN_TEMPO_BPM, MAX_TEMPO_BPM, unit=" BPM"),
        help="the clip's BPM (default: estimated)",
    )
    command.add_argument(
        "--program",
        type=text("program", 60),
        default="0",
        help="GM program number or name (default 0)",
    )
    command.add_argument(
        "--name", type=text("name", 100), help="track name (default: the clip's file name)"
    )
    command.add_argument(
        "--into",
        metavar="SONG",
        type=cli_args.song_in,
        help="add the track to this song (.json/.mid)",
    )
    command.add_argument(
        "--keep-lead-in",
        action="store_true",
        help="keep the silence before the first note (default: it starts bar 1)",
    )
    for name, default in (("--onset-threshold", 0.7), ("--frame-threshold", 0.2)):
        command.add_argument(
            name,
            type=_threshold,
            default=default,
            help=f"above 0 and below 1 (default {default})",
        )
    command.add_argument(
        "--min-note",
        type=number(0, MAX_MIN_NOTE_SECONDS, unit=" seconds"),
        default=0.05,
        help=f"shortest note in seconds, 0-{MAX_MIN_NOTE_SECONDS:g} (default 0.05)",
    )


def _threshold(typed: str) -> float:
    """A model threshold: strictly between 0 and 1 (`NoteSettings` asks so)."""
    value = number(0, 1, above_low=True)(typed)
    if value >= 1:
        raise argparse.ArgumentTypeError(f"must be above 0 and below 1, got {typed!r}")
    return value


def check(args: argparse.Namespace) -> None:
    """The options that need each other or the engine's names, before any audio is read."""
    program_from_name(args.program)
    grid_ticks(args.quantise)
    if args.into and args.tempo is not None:
        raise CommandLineError(
            "--tempo sets a new song's tempo; with --into the clip is read at that song's "
            "tempo map: leave out --tempo"
        )


def run(args: argparse.Namespace, studio: Studio) -> int:
    """Transcribe, place and write; returns the exit status."""
    program = program_from_name(args.program)
    if args.into and args.tempo is not None:
        raise StudioError(
            "--tempo sets a new song's tempo; with --into the clip is read at that song's "
            "tempo map: leave out --tempo"
        )
    # Held from reading --into to writing the output: another command on the same project
    # waits its turn rather than one of the two changes being lost.
    with studio.holding(args.into, args.output, on_wait=waiting_for):
        _transcribe_into(args, studio, program)
    placed = studio.song
    track = placed.tracks[-1]
    print(
        f"wrote {args.output}: track {len(placed.tracks)} {track.name!r}, "
        f"{len(track.notes)} notes, bars 1-{placed.bar_count} locked"
    )
    if Path(args.output).suffix.lower() != ".json":
        print("note: a MIDI file keeps no locks; write a .json project to keep them")
    return 0


def _transcribe_into(args: argparse.Namespace, studio: Studio, program: int) -> None:
    """Open --into (if given), add the clip's track and write the output, takes and all."""
    if args.into:
        for warning in studio.open(args.into):
            print(f"warning: {warning}")
    clip = Clip(
        name=args.name or Path(args.clip).stem,
        path=Path(args.clip),
        monophonic=args.monophonic,
        program=program,
        quantise=args.quantise,
        tempo_bpm=args.tempo,
        keep_lead_in=args.keep_lead_in,
        onset_threshold=args.onset_threshold,
        frame_threshold=args.frame_threshold,
        min_note_seconds=args.min_note,
    )
    done = studio.transcribe(clip)
    print(done.describe_heard())
    if done.heard.estimated_tempo is not None:
        print(f"tempo: {done.heard.estimated_tempo:g} BPM (estimated; give --tempo to set it)")
    for warning in studio.write(args.output):
        print(f"warning: {warning}")
