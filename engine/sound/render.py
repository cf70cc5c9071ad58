"""Hear a Song: every note through its track's timbre, mixed, limited and written to a file.

The flow from a Song to samples:

1. `SongMix` (`engine.sound.song_mix`) schedules the notes of the audible tracks (mute and solo
   as in a DAW, `engine.song.song.audible_track_indices`) in the selected bars, each with its
   start sample, its track's gain, pan, width and reverb send (`engine.sound.space`), and a
   `NoteKey`.
2. `NoteRenderer` (`engine.sound.note_cache`) turns keys into mono note audio with the timbre
   model, batched, and keeps each result in an LRU cache, so a repeated note costs nothing and a
   second render or a replay is pure mixing.
3. `SongMix.mix_into` sums any stretch of samples: the offline render mixes `BLOCK_SECONDS` at a
   time, playback (`engine.sound.playback`) one short block at a time ahead of the sound card.
   Each track is placed in the stereo picture by its pan and width, and the tracks' sends feed
   one shared `Reverb` (`engine.sound.reverb`) whose tail the caller carries from block to block.
4. `Limiter` (`engine.sound.limiter`) keeps the master under `CEILING`, so nothing ever clips.
5. `render_to_file` writes each block to the file as it is made, so memory does not grow with
   the song (the cache, a block and the tail of the last notes); `render` gathers the blocks in
   memory, for checks and tests, and refuses audio longer than `MAX_IN_MEMORY_SECONDS`. A
   file render is refused beyond `MAX_RENDER_SECONDS` (one hour) before any work. The end is
   the last sound above `SILENT`, the reverb's tail included.

A note is held at most `MAX_HELD_SECONDS`: the synthesizer makes a note's audio whole, so an
endless note (a slow tempo, a note tied over hundreds of bars) would otherwise ask for gigabytes
at once. Everything here is headless and deterministic: the same Song and timbres give the same
samples, whatever the block size.

This module is the offline render (steps 4 and 5); it re-exports the names of the modules it
draws on (`SongMix` and the rest of `engine.sound.song_mix` among them), where callers have
always found them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import numpy as np

from engine.song.song import Song
from engine.sound.audio_files import (
    CHANNELS,
    FILE_SUBTYPES,
    SAMPLE_RATE_HZ,
    AudioError,
    StereoAudio,
    WrittenAudio,
    audio_file_subtype,
    write_audio,
    write_blocks,
)
from engine.sound.limiter import CEILING, RELEASE_DB_PER_SECOND, Limiter
from engine.sound.note_cache import (
    CLASSES_PER_DOUBLING,
    DEFAULT_CACHE_MEGABYTES,
    SHORTEST_CLASS_SECONDS,
    SILENT,
    NoteKey,
    NoteRenderer,
    Progress,
    class_seconds,
    duration_class,
    trim_tail,
)
from engine.sound.reverb import Reverb
from engine.sound.song_mix import (
    MASTER_GAIN_DB,
    MAX_HELD_SECONDS,
    RenderSelection,
    SongMix,
    bend_audio,
    pan_gains,
)
from engine.words import QT_TRANSLATE_NOOP

__all__ = [
    "BLOCK_SECONDS",
    "CEILING",
    "CHANNELS",
    "CLASSES_PER_DOUBLING",
    "DEFAULT_CACHE_MEGABYTES",
    "FILE_SUBTYPES",
    "MASTER_GAIN_DB",
    "MAX_HELD_SECONDS",
    "MAX_IN_MEMORY_SECONDS",
    "MAX_RENDER_SECONDS",
    "RELEASE_DB_PER_SECOND",
    "SAMPLE_RATE_HZ",
    "SHORTEST_CLASS_SECONDS",
    "SILENT",
    "AudioError",
    "Limiter",
    "NoteKey",
    "NoteRenderer",
    "Progress",
    "RenderSelection",
    "Reverb",
    "SongMix",
    "StereoAudio",
    "WrittenAudio",
    "audio_file_subtype",
    "bend_audio",
    "class_seconds",
    "duration_class",
    "pan_gains",
    "render",
    "render_blocks",
    "render_to_file",
    "trim_tail",
    "write_audio",
]

BLOCK_SECONDS = 4.0
"""How much audio an offline render mixes, limits and writes at a time (~1.4 MB a block)."""
MAX_RENDER_SECONDS = 3600.0
"""The longest song (or selection) rendered to a file: one hour, ~640 MB of 24-bit WAV."""
MAX_IN_MEMORY_SECONDS = 900.0
"""The longest audio `render` returns as one array (15 minutes, ~320 MB of float32)."""


def render(
    song: Song,
    renderer: NoteRenderer,
    selection: RenderSelection | None = None,
    progress: Progress | None = None,
) -> StereoAudio:
    """The whole song (or selection) as 44.1 kHz stereo float32, limited, trimmed after the
    last release (never before the last bar's end). Longer than `MAX_IN_MEMORY_SECONDS` (with
    the last release) is an AudioError: stream such a song to a file with `render_to_file`."""
    mix = SongMix(song, renderer, selection)
    _check_length(
        mix.end_bound_samples,
        MAX_IN_MEMORY_SECONDS,
        "in memory",
        f"render it to a file with render_to_file, or {SHORTEN}",
    )
    out = np.empty((mix.end_bound_samples, CHANNELS), dtype=np.float32)
    filled = 0
    for block in _limited_blocks(mix, progress):
        out[filled : filled + len(block)] = block
        filled += len(block)
    return out[:filled]


def render_to_file(
    path: str | os.PathLike[str],
    song: Song,
    renderer: NoteRenderer,
    selection: RenderSelection | None = None,
    progress: Progress | None = None,
) -> WrittenAudio:
    """Render the song (or selection) into a 24-bit WAV or FLAC, block by block, in memory that
    does not grow with the song. The same samples as `render`; a song longer than
    `MAX_RENDER_SECONDS` is refused before any work."""
    return write_blocks(path, render_blocks(song, renderer, selection, progress))


def render_blocks(
    song: Song,
    renderer: NoteRenderer,
    selection: RenderSelection | None = None,
    progress: Progress | None = None,
) -> Iterator[StereoAudio]:
    """The render as consecutive blocks of at most `BLOCK_SECONDS` (the length is checked now,
    the blocks are made as they are asked for)."""
    mix = SongMix(song, renderer, selection)
    _check_length(
        mix.music_samples, MAX_RENDER_SECONDS, "to a file", f"{SHORTEN} or a faster tempo"
    )
    return _limited_blocks(mix, progress)


SHORTEN = "choose fewer bars (tessera-cli render --bars, or a bar range in Export Audio)"


def _check_length(samples: int, limit_seconds: float, where: str, advice: str) -> None:
    """AudioError, saying the length and `advice`, when `samples` of audio are more than a
    render `where` may hold."""
    if samples > limit_seconds * SAMPLE_RATE_HZ:
        raise AudioError(
            QT_TRANSLATE_NOOP(
                "Render",
                "the music chosen lasts {samples:.1f} minutes, longer than the "
                "{limit_seconds:g} minutes Tessera renders {where}: {advice}",
            ).format(
                samples=samples / SAMPLE_RATE_HZ / 60,
                limit_seconds=limit_seconds / 60,
                where=where,
                advice=advice,
            )
        )


def _limited_blocks(mix: SongMix, progress: Progress | None) -> Iterator[StereoAudio]:
    """Mix and limit the song block by block; trim after the last sound above `SILENT` (never
    before the music's end). Quiet audio after the music's end is held back until something
    louder follows it; it is only the release of notes that started before the end and the
    room's tail, so it is never longer than one note (`MAX_HELD_SECONDS` and a release) and
    the reverb's tail."""
    block_frames = round(BLOCK_SECONDS * SAMPLE_RATE_HZ)
    limiter = Limiter()
    reverb = Reverb()
    # Every note first, in the song's order (the note cache's budget bounds what is kept): the
    # model's batches, and so the samples to the last bit, are the same whatever the block size.
    mix.prepare(0, mix.end_bound_samples, progress)
    quiet: list[StereoAudio] = []
    for first in range(0, mix.end_bound_samples, block_frames):
        block = np.empty((min(block_frames, mix.end_bound_samples - first), CHANNELS), np.float32)
        mix.mix_into(block, first, reverb)
        limiter.process(block)
        keep = max(0, min(len(block), mix.music_samples - first))
        loud = np.flatnonzero(np.abs(block[keep:]).max(axis=1, initial=0.0) > SILENT)
        if len(loud):
            keep += int(loud[-1]) + 1
        if keep:
            yield from quiet
            quiet.clear()
            yield block[:keep]
        if keep < len(block):
            quiet.append(block[keep:])
