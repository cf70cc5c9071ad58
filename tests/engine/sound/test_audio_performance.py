"""Controllers heard in a render, measured on the shipped timbre model: the sustain pedal
makes a note ring on, pitch bend moves its pitch (by the RPN 0 range when the track sets
one), expression makes it quieter and a program change switches the instrument."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from engine.song.performance import performance_of
from engine.song.song import PPQ, ControlEvent, Note, ProgramChange, Song, Track
from engine.sound.render import SAMPLE_RATE_HZ, NoteRenderer, SongMix, render
from engine.sound.song_mix import bend_audio
from tests.helpers.audio_checks import cents, fundamental_hz, level_db

VIOLIN = 40
"""An instrument that holds its level while a key (or the pedal) is down."""
SILENT_DB = -60.0


def one_note(*controls: ControlEvent, program: int = VIOLIN, pitch: int = 60) -> Song:
    """A quarter note on beat 1 of a 2-bar song at 120 BPM (0.5 s long), with controls, dry
    (no reverb to ring on after the note) and narrow."""
    note = (Note(0, pitch, PPQ, 100),)
    track = Track("Violin", program, notes=note, controls=controls, width=0.0, reverb_send_db=-60)
    return Song(bar_count=2, tracks=(track,))


def seconds(audio: np.ndarray, start: float, end: float) -> np.ndarray:
    return audio[round(start * SAMPLE_RATE_HZ) : round(end * SAMPLE_RATE_HZ), 0]


def test_sustain_pedal_holds_a_released_note_until_it_comes_up(renderer: NoteRenderer) -> None:
    dry = render(one_note(), renderer)
    pedalled = render(
        one_note(ControlEvent(0, "sustain", 127), ControlEvent(6 * PPQ, "sustain", 0)), renderer
    )
    # The key is released at 0.5 s; the pedal comes up at 3 s.
    assert level_db(seconds(dry, 1.5, 2.5)) < SILENT_DB
    assert level_db(seconds(pedalled, 1.5, 2.5)) > -40
    assert level_db(seconds(pedalled, 1.5, 2.5)) == pytest.approx(
        level_db(seconds(pedalled, 0.2, 0.4)), abs=6
    )
    assert level_db(seconds(pedalled, 3.6, 3.9)) < SILENT_DB  # and stops when the pedal is up


def test_a_pedal_pressed_after_the_release_holds_nothing(renderer: NoteRenderer) -> None:
    late = render(one_note(ControlEvent(2 * PPQ, "sustain", 127)), renderer)
    assert level_db(seconds(late, 1.5, 2.5)) < SILENT_DB


@pytest.mark.parametrize(
    ("controls", "heard_pitch"),
    [
        ((ControlEvent(0, "pitch_bend", 8191),), 62),  # the default range: 2 semitones
        ((ControlEvent(0, "pitch_bend", -8192),), 58),
        (
            (  # RPN 0 set to 12 semitones, then a full bend up: an octave
                ControlEvent(0, "cc", 0, 101),
                ControlEvent(0, "cc", 0, 100),
                ControlEvent(0, "cc", 12, 6),
                ControlEvent(0, "pitch_bend", 8191),
            ),
            72,
        ),
    ],
)
def test_pitch_bend_moves_the_heard_pitch(
    renderer: NoteRenderer, controls: tuple[ControlEvent, ...], heard_pitch: int
) -> None:
    audio = render(one_note(*controls), renderer)
    assert abs(cents(fundamental_hz(audio[:, 0], 0.1), heard_pitch)) <= 25


def test_a_bend_inside_a_note_moves_its_spectral_peak_from_then_on(
    renderer: NoteRenderer,
) -> None:
    song = one_note(ControlEvent(PPQ // 2, "pitch_bend", 8191))  # bent half-way, at 0.25 s
    mono = render(song, renderer)[:, 0]
    assert abs(cents(fundamental_hz(mono, 0.02, 0.2), 60)) <= 25
    assert abs(cents(fundamental_hz(mono, 0.27, 0.2), 62)) <= 25


def test_bend_audio_reads_faster_up_and_slower_down() -> None:
    time = np.arange(SAMPLE_RATE_HZ) / SAMPLE_RATE_HZ
    harmonics = [np.sin(2 * np.pi * 220 * k * time) / k for k in (1, 2, 3)]
    tone = np.sum(harmonics, axis=0).astype(np.float32)
    up = bend_audio(tone, ((0, 12.0),))
    down = bend_audio(tone, ((0, -12.0),))
    assert len(up) == pytest.approx(len(tone) / 2, abs=2)
    assert len(down) == pytest.approx(len(tone) * 2, abs=3)
    assert abs(cents(fundamental_hz(up, 0.1), 69)) <= 10  # 440 Hz
    assert abs(cents(fundamental_hz(down, 0.1), 45)) <= 10  # 110 Hz


def test_expression_lowers_the_level_on_the_gm_curve(renderer: NoteRenderer) -> None:
    full = render(one_note(), renderer)
    half = render(one_note(ControlEvent(0, "expression", 64)), renderer)
    expected_db = 40 * np.log10(64 / 127)  # -11.9 dB
    measured = level_db(seconds(half, 0.05, 0.45)) - level_db(seconds(full, 0.05, 0.45))
    assert measured == pytest.approx(expected_db, abs=0.5)


def test_a_program_change_switches_the_timbre_for_later_notes(renderer: NoteRenderer) -> None:
    notes = (Note(0, 60, PPQ, 100), Note(4 * PPQ, 60, PPQ, 100))
    track = Track("Keys", 0, notes=notes, program_changes=(ProgramChange(4 * PPQ, 40),))
    mix = SongMix(Song(bar_count=2, tracks=(track,)), renderer)
    assert mix.keys[0].timbre == renderer.resolve(track.timbre, 0, False)
    assert mix.keys[1].timbre == renderer.resolve(track.timbre, 40, False)
    assert mix.keys[0].timbre != mix.keys[1].timbre
    same = dataclasses.replace(track, program_changes=())
    plain = SongMix(Song(bar_count=2, tracks=(same,)), renderer)
    assert plain.keys[0].timbre == plain.keys[1].timbre


def test_the_pedal_holds_a_note_until_it_is_struck_again_or_the_song_ends() -> None:
    notes = (Note(0, 60, 100, 90), Note(500, 60, 100, 90), Note(0, 64, 100, 90))
    track = Track(
        "Keys", notes=tuple(sorted(notes)), controls=(ControlEvent(50, "sustain", 100),)
    )  # down, never up
    performance = performance_of(track, song_end_tick=1920)
    first, _, second = track.notes  # (0, 60), (0, 64), (500, 60)
    assert performance.sounding_end_tick(first, next_strike_tick=500) == 500
    assert performance.sounding_end_tick(second, next_strike_tick=None) == 1920
    drums = performance_of(dataclasses.replace(track, is_drum=True), song_end_tick=1920)
    assert drums.sounding_end_tick(first, next_strike_tick=500) == 100


def test_the_bend_range_follows_rpn_0_coarse_and_fine() -> None:
    controls = (
        ControlEvent(0, "pitch_bend", 8191),
        ControlEvent(10, "cc", 0, 101),
        ControlEvent(10, "cc", 0, 100),
        ControlEvent(10, "cc", 7, 6),
        ControlEvent(10, "cc", 50, 38),
        ControlEvent(20, "cc", 127, 101),
        ControlEvent(30, "cc", 1, 6),
    )  # data entry with no RPN selected: ignored
    bend = performance_of(Track("Lead", controls=controls), song_end_tick=1920).bend
    assert bend == ((0, 2.0), (10, 7.0), (10, 7.5))
