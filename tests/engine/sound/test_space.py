"""Stereo space by numbers: width and reverb on real renders through the shipped timbre model
(a string quartet is wide, a bass stays a point, the room's tail ends the song), the reverb's
decay time against its design, and blocks of any size giving the samples of one pass."""

from __future__ import annotations

import dataclasses

import numpy as np
import numpy.typing as npt
import pytest

from engine.song.edits import update_track
from engine.song.song import MIN_REVERB_SEND_DB, PPQ, Note, Song, Track
from engine.sound import render as render_module
from engine.sound.render import (
    CEILING,
    SAMPLE_RATE_HZ,
    SILENT,
    NoteRenderer,
    Reverb,
    SongMix,
    render,
)
from engine.sound.reverb import RT60_SECONDS, reverb_tail_frames
from engine.sound.song_mix import pan_gains
from engine.sound.space import (
    DRUM_SPACE,
    FAMILY_SPACE,
    SIDE_LOW_HZ,
    Space,
    decorrelator_taps,
    send_gain,
    track_space,
    width_gains,
)
from tests.helpers.audio_checks import one_pass

BAR = 4 * PPQ
DRY = {"width": 0.0, "reverb_send_db": MIN_REVERB_SEND_DB}
"""Track fields that mix a track as before there was space: a point, no reverb."""


def string_quartet() -> Song:
    """Four bars of chords for two violins, viola and cello, two half notes a bar."""
    chords = [(67, 64, 60, 48), (69, 65, 60, 53), (71, 67, 62, 55), (72, 67, 64, 48)]
    players = [("Violin I", 40), ("Violin II", 40), ("Viola", 41), ("Cello", 42)]
    tracks = []
    for voice, (name, program) in enumerate(players):
        notes = tuple(
            Note(bar * BAR + half * 2 * PPQ, chord[voice] + 2 * (half and voice == 0), 2 * PPQ, 80)
            for bar, chord in enumerate(chords)
            for half in range(2)
        )
        tracks.append(Track(name, program, notes=notes))
    return Song(title="Quartet", bar_count=4, tracks=tuple(tracks))


def line(name: str, program: int, lowest: int) -> Song:
    """Two bars of quarter notes climbing from `lowest`, one track."""
    notes = tuple(Note(beat * PPQ, lowest + (0, 3, 5, 7)[beat % 4], PPQ, 90) for beat in range(8))
    return Song(bar_count=2, tracks=(Track(name, program, notes=notes),))


def bass_line() -> Song:
    return line("Bass", 33, 40)


def with_tracks(song: Song, **changes: object) -> Song:
    tracks = tuple(dataclasses.replace(t, **changes) for t in song.tracks)  # type: ignore[arg-type]
    return dataclasses.replace(song, tracks=tracks)


def correlation(audio: npt.NDArray[np.float32]) -> float:
    """Left/right correlation of a whole render (1.0: mono; 0: unrelated channels)."""
    left, right = audio[:, 0].astype(np.float64), audio[:, 1].astype(np.float64)
    return float(left @ right / np.sqrt((left @ left) * (right @ right)))


def rt60_seconds(response: npt.NDArray[np.float64], low_hz: float, high_hz: float) -> float:
    """Decay time of a band by Schroeder's backward integration, fitted from -5 to -35 dB
    (T30) and scaled to 60 dB."""
    size = 2 * len(response)  # room for the band filter's ringing, none wrapped round
    frequencies = np.fft.rfftfreq(size, 1 / SAMPLE_RATE_HZ)
    inside = (frequencies - low_hz) / (high_hz - low_hz)
    window = np.where((inside > 0) & (inside < 1), np.sin(np.pi * inside) ** 2, 0.0)
    band = np.fft.irfft(np.fft.rfft(response, size) * window, size)  # a smooth band, no delay
    energy = np.cumsum(band[::-1] ** 2)[::-1]
    decay_db = 10 * np.log10(energy / energy[0])
    first, last = int(np.argmax(decay_db < -5)), int(np.argmax(decay_db < -35))
    seconds = np.arange(len(band)) / SAMPLE_RATE_HZ
    slope_db_per_second = np.polyfit(seconds[first:last], decay_db[first:last], 1)[0]
    return float(-60 / slope_db_per_second)


def test_a_string_quartet_is_wide_and_a_bass_stays_a_point(renderer: NoteRenderer) -> None:
    quartet = string_quartet()
    before = render(with_tracks(quartet, **DRY), renderer)
    after = render(quartet, renderer)
    assert correlation(before) > 0.999  # mono, as every mix was
    assert correlation(after) < 0.9
    assert correlation(render(bass_line(), renderer)) > 0.95
    assert track_space(bass_line().tracks[0]) == Space(0.0, None)
    for audio in (before, after):
        assert np.isfinite(audio).all()
        assert np.abs(audio).max() <= CEILING


def test_width_keeps_the_mono_sum_and_width_zero_is_the_pan_law(renderer: NoteRenderer) -> None:
    point = with_tracks(line("Violin", 40, 67), pan=0.5, **DRY)  # a point, off centre
    wide = with_tracks(point, width=1.0)
    narrow_audio, wide_audio = render(point, renderer), render(wide, renderer)
    frames = min(len(narrow_audio), len(wide_audio))  # the side's filter rings 12 ms longer
    narrow_audio, wide_audio = narrow_audio[:frames], wide_audio[:frames]
    left, right = pan_gains(0.0, 0.5)
    assert np.allclose(narrow_audio[:, 0] * right, narrow_audio[:, 1] * left, atol=1e-7)
    # the side is added to one channel and taken from the other: their sum is the track's mid
    mid, _ = width_gains(1.0)
    wide_sum = wide_audio[:, 0] / left + wide_audio[:, 1] / right
    narrow_sum = narrow_audio[:, 0] / left + narrow_audio[:, 1] / right
    assert np.abs(wide_sum - mid * narrow_sum).max() < 1e-4 * np.abs(narrow_sum).max()
    assert correlation(wide_audio) < 0.6 < correlation(narrow_audio)


def test_the_decorrelator_passes_every_frequency_above_the_bass_at_unit_gain() -> None:
    spectrum = np.abs(np.fft.rfft(decorrelator_taps()))
    frequencies = np.fft.rfftfreq(len(decorrelator_taps()), 1 / SAMPLE_RATE_HZ)
    assert np.allclose(spectrum[frequencies >= SIDE_LOW_HZ], 1.0)
    assert np.allclose(spectrum[frequencies < SIDE_LOW_HZ], 0.0)


def test_the_reverb_decays_in_its_design_time() -> None:
    impulse = np.zeros((reverb_tail_frames(), 2))
    impulse[0] = 1.0
    room = Reverb()
    response = np.concatenate(
        [room.process(impulse[i : i + 1000]) for i in range(0, len(impulse), 1000)]
    )
    assert int(np.flatnonzero(response[:, 0])[0]) == 1024  # the pre-delay, 23 ms
    for channel in range(2):
        mids = rt60_seconds(response[:, channel], 500.0, 1000.0)
        assert mids == pytest.approx(RT60_SECONDS, rel=0.2)
        assert rt60_seconds(response[:, channel], 5000.0, 10000.0) < 0.8 * mids  # highs go first
    power = np.abs(np.fft.rfft(response, axis=0)) ** 2
    frequencies = np.fft.rfftfreq(len(response), 1 / SAMPLE_RATE_HZ)
    mids = power[(frequencies >= 200) & (frequencies <= 2000)].mean(axis=0)
    assert mids == pytest.approx([1.0, 1.0], rel=0.02)  # a send's level is the room's level
    assert abs(np.corrcoef(response[:, 0], response[:, 1])[0, 1]) < 0.05  # a wide room
    assert not room.process(np.zeros((reverb_tail_frames(), 2))).any()  # and then silence
    assert room.idle


def test_no_send_leaves_the_bus_silent(renderer: NoteRenderer) -> None:
    assert send_gain(None) == send_gain(MIN_REVERB_SEND_DB) == send_gain(-np.inf) == 0.0
    dry = with_tracks(string_quartet(), reverb_send_db=MIN_REVERB_SEND_DB)
    mix = SongMix(dry, renderer)
    assert mix.track_sends == [0.0] * 4
    with_room, without = (np.zeros((mix.end_bound_samples, 2), np.float32) for _ in range(2))
    room = Reverb()
    mix.mix_into(with_room, 0, room)
    mix.mix_into(without, 0)
    assert np.array_equal(with_room, without)
    assert room.idle
    wet = SongMix(string_quartet(), renderer)
    assert wet.end_bound_samples > mix.end_bound_samples  # the room's tail is waited for


@pytest.mark.parametrize("block_seconds", [0.37, 4.0])
def test_blocks_give_the_samples_of_one_pass_with_the_room(
    renderer: NoteRenderer, monkeypatch: pytest.MonkeyPatch, block_seconds: float
) -> None:
    song = with_tracks(string_quartet(), gain_db=9.0)  # loud enough for the limiter too
    reference = one_pass(song, renderer)
    assert np.abs(reference).max() > 0.5
    monkeypatch.setattr(render_module, "BLOCK_SECONDS", block_seconds)
    blocked = render(song, renderer)
    assert blocked.shape == reference.shape
    assert np.abs(blocked - reference).max() < 1e-6
    assert np.isfinite(blocked).all()
    assert np.abs(blocked).max() <= CEILING


def test_the_song_ends_with_the_rooms_tail(renderer: NoteRenderer) -> None:
    quartet = string_quartet()
    dry = render(with_tracks(quartet, reverb_send_db=MIN_REVERB_SEND_DB), renderer)
    wet = render(quartet, renderer)
    # The render is never shorter for its room, and where the dry notes end the room still
    # sounds: their last second differs by more than SILENT. (A loud note's own release, run
    # to 60 dB under its peak, may now end after the room has fallen under SILENT.)
    assert len(wet) >= len(dry)
    last = slice(len(dry) - SAMPLE_RATE_HZ, len(dry))
    assert np.abs(wet[last] - dry[last]).max() > SILENT
    assert np.abs(wet[-SAMPLE_RATE_HZ // 20 :]).max() < 10 ** (-60 / 20)  # ends below -60 dBFS
    assert len(wet) <= SongMix(quartet, renderer).end_bound_samples


def test_family_defaults_and_a_tracks_own_setting() -> None:
    strings, bass = Track("Strings", 48), Track("Bass", 33)
    assert track_space(strings).width > 0.5
    assert track_space(strings).reverb_send_db is not None
    assert track_space(bass) == Space(0.0, None)
    assert track_space(Track("Kit", is_drum=True)) == DRUM_SPACE
    own = dataclasses.replace(bass, width=0.4, reverb_send_db=-9.0)
    assert track_space(own) == Space(0.4, -9.0)
    off = dataclasses.replace(strings, reverb_send_db=MIN_REVERB_SEND_DB)
    assert track_space(off).reverb_send_db is None
    song = update_track(Song(tracks=(strings,)), 0, width=0.2, reverb_send_db=-20.0)  # an edit
    assert track_space(song.tracks[0]) == Space(0.2, -20.0)
    assert track_space(update_track(song, 0, width=None).tracks[0]).width == FAMILY_SPACE[6].width
