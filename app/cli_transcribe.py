"""`tessera-cli transcribe`: a hummed or played clip (WAV, FLAC, MP3, OGG) becomes a track.

The clip's notes (engine.transcribe.transcriber) go onto a new song, or onto an existing one with
`--into`, as one track with every bar locked (engine.transcribe.to_song), so the composing
commands build around it. A new song's tempo is `--tempo` or estimated from the notes.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from engine.project.song_files import open_song, save_song
from engine.song.gm import program_from_name
from engine.song.theory import NOTE_NAMES

TRANSCRIBE_EPILOG = """transcribing examples:
  tessera-cli transcribe hummed.wav melody.json --monophonic
  tessera-cli transcribe riff.flac riff.mid --tempo 96 --quantise 1/8 --program "electric guitar"
  tessera-cli transcribe solo.mp3 song.json --into song.json --monophonic --program violin
"""


def add_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `transcribe` to the `tessera-cli` parser."""
    command = commands.add_parser("transcribe", help="turn an audio clip into a locked track")
    command.add_argument("clip", help="the audio clip: .wav, .flac, .mp3, .ogg or .aiff")
    command.add_argument("output", help="file to write (.json project or .mid)")
    command.add_argument(
        "--monophonic", action="store_true", help="one note at a time (a hummed or sung melody)"
    )
    command.add_argument(
        "--quantise", default="1/16", help="grid: 1/4, 1/8, 1/8t, 1/16, 1/16t, 1/32 or off"
    )
    command.add_argument("--tempo", type=float, help="the clip's BPM (default: estimated)")
    command.add_argument("--program", default="0", help="GM program number or name (default 0)")
    command.add_argument("--name", help="track name (default: the clip's file name)")
    command.add_argument("--into", metavar="SONG", help="add the track to this song (.json/.mid)")
    command.add_argument(
        "--keep-lead-in",
        action="store_true",
        help="keep the silence before the first note (default: it starts bar 1)",
    )
    command.add_argument("--onset-threshold", type=float, default=0.7, help="0-1 (default 0.7)")
    command.add_argument("--frame-threshold", type=float, default=0.2, help="0-1 (default 0.2)")
    command.add_argument(
        "--min-note", type=float, default=0.05, help="shortest note in seconds (default 0.05)"
    )


def _pitch_name(pitch: int) -> str:
    return f"{NOTE_NAMES[pitch % 12]}{pitch // 12 - 1}"


def run(args: argparse.Namespace) -> int:
    """Transcribe, place and write; returns the exit status."""
    from engine.transcribe.to_song import grid_ticks, place_clip
    from engine.transcribe.transcriber import TranscriptionError, load_clip, transcribe

    program = program_from_name(args.program)
    grid_ticks(args.quantise)  # a bad grid fails before the clip is read
    audio, sample_rate = load_clip(args.clip)
    notes = transcribe(
        audio,
        sample_rate,
        onset_threshold=args.onset_threshold,
        frame_threshold=args.frame_threshold,
        min_note_seconds=args.min_note,
        monophonic=args.monophonic,
    )
    if not notes:
        raise TranscriptionError(
            f"no notes heard in {Path(args.clip).name}: try a lower --onset-threshold or "
            "--frame-threshold, or a louder, cleaner recording"
        )
    low, high = min(n.pitch for n in notes), max(n.pitch for n in notes)
    print(
        f"heard {len(notes)} notes, {_pitch_name(low)} to {_pitch_name(high)}, in "
        f"{len(audio) / sample_rate:.1f} s of audio"
    )
    song = None
    if args.into:
        if args.tempo is not None:
            raise TranscriptionError(
                "--tempo sets a new song's tempo; with --into the clip is read at that song's "
                "tempo map: leave out --tempo"
            )
        song, warnings = open_song(args.into)
        for warning in warnings:
            print(f"warning: {warning}")
    placed, estimated = place_clip(
        notes,
        song,
        name=args.name or Path(args.clip).stem,
        program=program,
        quantise=args.quantise,
        tempo_bpm=args.tempo,
        keep_lead_in=args.keep_lead_in,
    )
    if estimated is not None:
        print(f"tempo: {estimated:g} BPM (estimated; give --tempo to set it)")
    track = placed.tracks[-1]
    for warning in save_song(placed, args.output):
        print(f"warning: {warning}")
    print(
        f"wrote {args.output}: track {len(placed.tracks)} {track.name!r}, "
        f"{len(track.notes)} notes, bars 1-{placed.bar_count} locked"
    )
    if Path(args.output).suffix.lower() != ".json":
        print("note: a MIDI file keeps no locks; write a .json project to keep them")
    return 0
