"""Rendering in bounded memory: block by block to the file, the same samples as one pass, and
long songs refused with their length before any work."""

from __future__ import annotations

import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest
import soundfile

from engine.song.song import PPQ, Note, Song, TempoChange, Track
from engine.sound import render as render_module
from engine.sound.audio_files import write_blocks
from engine.sound.render import (
    SAMPLE_RATE_HZ,
    AudioError,
    NoteRenderer,
    SongMix,
    duration_class,
    render,
    render_to_file,
)
from engine.sound.song_mix import MAX_HELD_SECONDS
from tests.helpers.audio_checks import one_pass

BAR_TICKS = 4 * PPQ


def _loud_song() -> Song:
    """Chords loud enough for the limiter, notes ringing over block edges, a long last release
    with a quiet stretch before the loud tail of a brass note."""
    chords = tuple(
        Note(beat * PPQ, pitch, 3 * PPQ, 127) for beat in range(6) for pitch in (48, 55, 64)
    )
    tail = (Note(7 * PPQ + PPQ // 2, 72, PPQ // 2, 127),)
    return Song(
        bar_count=2,
        tracks=(
            Track("Brass", 61, notes=chords, gain_db=12.0),
            Track("Strings", 48, notes=tail, pan=0.5),
        ),
    )


def _sparse_song(bars: int, tempo_bpm: float = 120.0) -> Song:
    """A note in the first and in the last bar, silence between (the 50-byte MIDI file with
    one note at bar 1500 is this song)."""
    notes = (Note(0, 60, PPQ, 100), Note((bars - 1) * BAR_TICKS, 64, PPQ, 100))
    return Song(
        bar_count=bars,
        tempos=(TempoChange(0, tempo_bpm),),
        tracks=(Track("Piano", 0, notes=notes),),
    )


def test_blocks_give_the_samples_ofone_pass(
    renderer: NoteRenderer, monkeypatch: pytest.MonkeyPatch
) -> None:
    song = _loud_song()
    reference = one_pass(song, renderer)
    assert np.abs(reference).max() > 0.5  # the limiter and the tails are really exercised
    for block_seconds in (0.01, 0.37, 4.0):
        monkeypatch.setattr(render_module, "BLOCK_SECONDS", block_seconds)
        blocked = render(song, renderer)
        assert blocked.shape == reference.shape
        # float64 rounding in the limiter's gain is all that may differ between block edges
        assert np.abs(blocked - reference).max() < 1e-6


def test_the_file_holds_the_rendered_samples(renderer: NoteRenderer, tmp_path: Path) -> None:
    song = _loud_song()
    expected = render(song, renderer)
    written = render_to_file(tmp_path / "song.flac", song, renderer)
    audio, rate = soundfile.read(tmp_path / "song.flac", dtype="float32")
    assert rate == SAMPLE_RATE_HZ
    assert audio.shape == expected.shape
    assert np.abs(audio - expected).max() < 2**-22  # 24-bit rounding
    assert written.frames == len(expected)
    assert written.peak == pytest.approx(float(np.abs(expected).max()))
    assert [p.name for p in tmp_path.iterdir()] == ["song.flac"]  # no partial file left


def _peak_bytes_of_file_render(song: Song, renderer: NoteRenderer, path: Path) -> int:
    renderer.render(SongMix(song, renderer).keys)  # notes cached first: only mixing is measured
    tracemalloc.start()
    try:
        render_to_file(path, song, renderer)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_does_not_grow_with_the_songs_length(renderer: NoteRenderer, tmp_path: Path) -> None:
    short = _peak_bytes_of_file_render(_sparse_song(30), renderer, tmp_path / "one.wav")
    long = _peak_bytes_of_file_render(_sparse_song(300), renderer, tmp_path / "ten.wav")
    ten_minutes = 10 * 60 * SAMPLE_RATE_HZ * 2 * 4  # the whole song as float32 stereo
    assert soundfile.info(str(tmp_path / "ten.wav")).duration >= 10 * 60  # the whole song
    assert long < 1.5 * short + 2**20  # ten times the music, not ten times the memory
    assert long < ten_minutes / 10


def test_a_song_over_an_hour_is_refused_before_any_work(
    renderer: NoteRenderer, tmp_path: Path
) -> None:
    slow = _sparse_song(100, tempo_bpm=5.0)  # 100 bars of 4/4 at 5 BPM: 80 minutes
    before = renderer.misses
    with pytest.raises(AudioError, match=r"lasts 80\.0 minutes.*60 minutes.*--bars"):
        render_to_file(tmp_path / "slow.wav", slow, renderer)
    assert renderer.misses == before
    assert not list(tmp_path.iterdir())
    with pytest.raises(AudioError, match=r"lasts 80\.\d minutes.*15 minutes.*render_to_file"):
        render(slow, renderer)


def test_an_endless_note_is_held_a_minute(renderer: NoteRenderer) -> None:
    endless = Song(
        bar_count=200,
        tempos=(TempoChange(0, 40.0),),  # 200 bars of 6 s: a note held 20 minutes
        tracks=(Track("Organ", 19, notes=(Note(0, 60, 200 * BAR_TICKS, 90),)),),
    )
    mix = SongMix(endless, renderer)
    assert mix.keys[0].duration == duration_class(MAX_HELD_SECONDS)
    audio = renderer.audio(mix.keys[0])
    assert len(audio) < (MAX_HELD_SECONDS + 5) * SAMPLE_RATE_HZ


def test_a_stopped_render_leaves_the_earlier_file(tmp_path: Path) -> None:
    target = tmp_path / "song.wav"
    write_blocks(target, [np.full((100, 2), 0.25, dtype=np.float32)])

    def failing() -> Iterator[npt.NDArray[np.float32]]:
        yield np.zeros((10, 2), dtype=np.float32)
        raise KeyboardInterrupt  # a cancelled job or any error between blocks

    with pytest.raises(KeyboardInterrupt):
        write_blocks(target, failing())
    audio, _ = soundfile.read(target, dtype="float32")
    assert audio.shape == (100, 2)
    assert np.allclose(audio, 0.25, atol=2**-22)
    assert [p.name for p in tmp_path.iterdir()] == ["song.wav"]
    with pytest.raises(AudioError, match=r"the folder .*nowhere does not exist"):
        write_blocks(tmp_path / "nowhere" / "song.wav", [np.zeros((1, 2), np.float32)])
