"""Offline rendering checked by numbers: timing, pitch, silence, mix settings, the limiter,
the note cache, selections and audio files, all on the shipped timbre model."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest
import soundfile

from benchmarks.tunes import d_major_tune
from engine.song.song import PPQ, Note, Song, Track
from engine.sound.render import (
    CEILING,
    SAMPLE_RATE_HZ,
    AudioError,
    Limiter,
    NoteRenderer,
    RenderSelection,
    SongMix,
    class_seconds,
    duration_class,
    render,
    write_audio,
)
from engine.sound.timbre import TimbreModel
from tests.helpers.audio_checks import (
    cents,
    fundamental_hz,
    level_db,
    onset_seconds,
    spaced_notes_song,
)

SILENCE_DB = -60.0


def _note_times(song: Song, track: int = 0) -> list[float]:
    return [song.tick_to_seconds(note.start_tick) for note in song.tracks[track].notes]


@pytest.mark.parametrize("program", [0, 33, 40, 68])
def test_each_note_starts_on_time_at_its_pitch(renderer: NoteRenderer, program: int) -> None:
    pitches = [48, 60, 67, 72]
    song = spaced_notes_song(program, pitches)
    mono = render(song, renderer)[:, 0]
    for expected, pitch in zip(_note_times(song), pitches, strict=True):
        assert abs(onset_seconds(mono, expected) - expected) <= 0.010
        assert abs(cents(fundamental_hz(mono, expected + 0.05), pitch)) <= 25


def test_drum_hits_start_on_time(renderer: NoteRenderer) -> None:
    song = spaced_notes_song(0, [36, 38, 42, 36], is_drum=True)
    mono = render(song, renderer)[:, 0]
    for expected in _note_times(song):
        assert abs(onset_seconds(mono, expected) - expected) <= 0.010


def test_tempo_places_notes(renderer: NoteRenderer) -> None:
    slow = spaced_notes_song(0, [60, 64], tempo_bpm=60.0)
    mono = render(slow, renderer)[:, 0]
    assert _note_times(slow) == [1.0, 5.0]
    for expected in (1.0, 5.0):
        assert abs(onset_seconds(mono, expected) - expected) <= 0.010


def test_silences_are_silent(renderer: NoteRenderer) -> None:
    song = spaced_notes_song(40, [60, 67])
    audio = render(song, renderer)
    first = round(_note_times(song)[0] * SAMPLE_RATE_HZ)
    assert not audio[:first].any()  # nothing before the first note, not even noise
    # one quarter note at 120 bpm and its release are over 1.6 s later, before the next note
    gap = audio[round(2.1 * SAMPLE_RATE_HZ) : round(2.45 * SAMPLE_RATE_HZ)]
    assert level_db(gap) < SILENCE_DB
    assert level_db(audio[first : first + SAMPLE_RATE_HZ // 4]) > -40.0


def _with_track(song: Song, index: int, **changes: object) -> Song:
    tracks = list(song.tracks)
    tracks[index] = dataclasses.replace(tracks[index], **changes)  # type: ignore[arg-type]
    return dataclasses.replace(song, tracks=tuple(tracks))


def _same_start(a: np.ndarray, b: np.ndarray) -> bool:
    frames = min(len(a), len(b))
    return bool(np.allclose(a[:frames], b[:frames], atol=1e-6))


def test_mute_and_solo_play_exactly_the_chosen_tracks(renderer: NoteRenderer) -> None:
    song = d_major_tune()  # a fiddle melody over a cello line
    fiddle_alone = render(dataclasses.replace(song, tracks=song.tracks[:1]), renderer)
    cello_alone = render(dataclasses.replace(song, tracks=song.tracks[1:]), renderer)
    assert not _same_start(fiddle_alone, cello_alone)
    assert _same_start(render(_with_track(song, 1, muted=True), renderer), fiddle_alone)
    assert _same_start(render(_with_track(song, 1, solo=True), renderer), cello_alone)
    # as in a DAW, a solo silences the other tracks even while the soloed one is muted
    assert not render(_with_track(song, 1, muted=True, solo=True), renderer).any()
    everything_muted = dataclasses.replace(
        song, tracks=tuple(dataclasses.replace(t, muted=True) for t in song.tracks)
    )
    assert not render(everything_muted, renderer).any()


def test_pan_and_gain(renderer: NoteRenderer) -> None:
    song = _with_track(spaced_notes_song(0, [60, 64]), 0, width=0.0, reverb_send_db=-60.0)
    centre = render(song, renderer)  # a track with no width and no reverb: the pan law alone
    assert np.allclose(centre[:, 0], centre[:, 1])
    hard_left = render(_with_track(song, 0, pan=-1.0), renderer)
    assert not hard_left[:, 1].any()
    assert level_db(hard_left[:, 0]) > level_db(centre[:, 0])
    # constant power: a hard-panned side carries both centre channels' energy
    assert level_db(hard_left[:, 0]) == pytest.approx(level_db(centre[:, 0]) + 3.01, abs=0.05)
    quieter = render(_with_track(song, 0, gain_db=-6.0), renderer)
    assert level_db(quieter) == pytest.approx(level_db(centre) - 6.0, abs=0.05)


def test_a_loud_mix_never_clips_and_a_quiet_one_is_untouched(renderer: NoteRenderer) -> None:
    chord = [48, 55, 60, 64, 67, 72]
    notes = tuple(Note(PPQ * beat, pitch, PPQ, 127) for beat in range(8) for pitch in chord)
    loud = Song(
        bar_count=2,
        tracks=tuple(Track(f"Brass {i}", 61, notes=notes, gain_db=12.0) for i in range(4)),
    )
    mix = SongMix(loud, renderer)
    unlimited = np.zeros((mix.end_bound_samples, 2), dtype=np.float32)
    mix.mix_into(unlimited, 0)
    assert np.abs(unlimited).max() > 2.0  # the limiter has real work to do
    limited = render(loud, renderer)
    assert np.abs(limited).max() <= CEILING
    quiet = spaced_notes_song(0, [60])
    quiet_mix = SongMix(quiet, renderer)
    raw = np.zeros((quiet_mix.end_bound_samples, 2), dtype=np.float32)
    quiet_mix.mix_into(raw, 0)
    assert np.abs(raw).max() < CEILING
    assert np.array_equal(render(quiet, renderer), raw[: len(render(quiet, renderer))])


def test_limiter_holds_then_releases() -> None:
    rate = 1000
    limiter = Limiter(sample_rate_hz=rate, release_db_per_second=60.0)
    burst = np.full((10, 2), 2.0, dtype=np.float32)
    quiet = np.full((rate, 2), 0.1, dtype=np.float32)
    assert np.abs(limiter.process(burst)).max() <= CEILING
    after = limiter.process(quiet)[:, 0]
    # 2.0 needs 7 dB of reduction past -1 dBFS, released at 60 dB/s: back to unity in ~0.12 s
    assert after[0] < 0.1 * 10 ** (-6.5 / 20)
    assert np.all(np.diff(after) >= 0)
    assert np.allclose(after[200:], 0.1)


def test_repeated_notes_render_once(renderer: NoteRenderer) -> None:
    riff = tuple(Note(PPQ * beat, 57 + beat % 2, PPQ // 2, 90) for beat in range(16))
    song = Song(bar_count=4, tracks=(Track("Riff", 24, notes=riff),))
    misses = renderer.misses
    first = render(song, renderer)
    assert renderer.misses - misses == 2  # two pitches, one velocity, one length
    again = render(song, renderer)
    assert renderer.misses - misses == 2
    assert np.array_equal(first, again)


def test_duration_classes_stay_within_three_percent() -> None:
    for seconds in np.geomspace(0.03, 20.0, 200):
        assert class_seconds(duration_class(seconds)) == pytest.approx(seconds, rel=0.03)
    assert duration_class(0.001) == 0


def test_progress_counts_rendered_notes() -> None:
    fresh = NoteRenderer(TimbreModel(threads=1))
    song = spaced_notes_song(0, list(range(48, 48 + 20)))
    calls: list[tuple[int, int]] = []
    render(song, fresh, progress=lambda done, total: calls.append((done, total)))
    assert calls[-1] == (20, 20)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    calls.clear()
    render(song, fresh, progress=lambda done, total: calls.append((done, total)))
    assert calls == []  # everything cached: nothing to report


def test_a_bar_range_and_a_track_selection(renderer: NoteRenderer) -> None:
    song = d_major_tune()
    bars = render(song, renderer, RenderSelection(first_bar=2, end_bar=4))
    start, end = song.bar_start_ticks[2], song.bar_start_ticks[4]
    only_those_bars = dataclasses.replace(
        song,
        tracks=tuple(
            dataclasses.replace(t, notes=tuple(n for n in t.notes if start <= n.start_tick < end))
            for t in song.tracks
        ),
    )
    offset = round(song.tick_to_seconds(start) * SAMPLE_RATE_HZ)
    expected = render(only_those_bars, renderer)[offset:]
    assert len(bars) >= round(4.0 * SAMPLE_RATE_HZ)  # two bars at 120 bpm, then the release
    assert np.allclose(bars, expected[: len(bars)], atol=1e-6)
    assert level_db(expected[len(bars) :]) < SILENCE_DB
    fiddle = render(song, renderer, RenderSelection(tracks=(0,)))
    assert _same_start(fiddle, render(dataclasses.replace(song, tracks=song.tracks[:1]), renderer))


@pytest.mark.parametrize(
    ("selection", "message"),
    [
        (RenderSelection(first_bar=4, end_bar=2), "bars 5-2"),
        (RenderSelection(first_bar=0, end_bar=99), "inside the song's 8 bars"),
        (RenderSelection(tracks=(5,)), "track 6 does not exist"),
    ],
)
def test_bad_selections_are_explained(
    renderer: NoteRenderer, selection: RenderSelection, message: str
) -> None:
    with pytest.raises(AudioError, match=message):
        render(d_major_tune(), renderer, selection)


@pytest.mark.parametrize("suffix", [".wav", ".flac"])
def test_files_hold_the_render_at_24_bits(
    renderer: NoteRenderer, tmp_path: Path, suffix: str
) -> None:
    audio = render(spaced_notes_song(0, [60, 67]), renderer)
    path = tmp_path / f"song{suffix}"
    write_audio(path, audio)
    read, rate = soundfile.read(path, dtype="float32")
    info = soundfile.info(path)
    assert (rate, info.channels, info.subtype) == (SAMPLE_RATE_HZ, 2, "PCM_24")
    assert read.shape == audio.shape
    assert np.abs(read - audio).max() < 2**-22
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no partial file left behind


def test_bad_file_names_keep_the_old_file(renderer: NoteRenderer, tmp_path: Path) -> None:
    audio = render(spaced_notes_song(0, [60]), renderer)
    with pytest.raises(AudioError, match=r"\.wav, \.flac, \.mp3 or \.ogg, not \.aac"):
        write_audio(tmp_path / "song.aac", audio)
    with pytest.raises(AudioError, match=r"folder .* does not exist"):
        write_audio(tmp_path / "no such folder" / "song.wav", audio)
    (tmp_path / "taken.wav").mkdir()
    with pytest.raises(AudioError, match="could not write"):
        write_audio(tmp_path / "taken.wav", audio)
    existing = tmp_path / "keep.wav"
    existing.write_bytes(b"the user's old file")
    with pytest.raises(AudioError):
        write_audio(existing, np.full((10, 2), np.nan, dtype=np.float32)[:, :0])
    assert existing.read_bytes() == b"the user's old file"
