"""The standard sound set: real FluidSynth playing the installed FluidR3 GM SoundFont.

Notes are measured, not compared with stored audio: the pitch of an A4 by its spectrum's peak,
drums by their spectral centroid (energy-weighted), silence by the peak. A song with one
standard track and one Tessera track goes through the real shipped timbre model.
"""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from benchmarks.sound_reference import measure_drums
from benchmarks.sound_renders import fluidsynth, mono, tessera
from engine.song.song import PPQ, TIMBRE_DIMENSION, Note, Song, SongError, TimbreRef, Track
from engine.sound.audition import describe_offset, gm_default, resolved
from engine.sound.note_cache import NoteKey, NoteRenderer, class_seconds, duration_class
from engine.sound.render import RenderSelection, SongMix, render
from engine.sound.soundfont import (
    MAX_TAIL_SECONDS,
    SAMPLE_RATE_HZ,
    SOUNDFONT_VARIABLE,
    SoundFontError,
    SoundFontSynth,
    find_soundfont,
)
from engine.sound.synth import FRAME_RATE_HZ
from engine.sound.timbre import TimbreError, TimbreModel

Audio = npt.NDArray[np.float32]


@pytest.fixture(scope="module")
def synth() -> SoundFontSynth:
    return SoundFontSynth()


def peak_hz(audio: Audio) -> float:
    """The strongest frequency, from an 8x zero-padded Hann-windowed spectrum (0.7 Hz bins)."""
    size = 8 * len(audio)
    spectrum = np.abs(np.fft.rfft(audio * np.hanning(len(audio)), size))
    return float(np.argmax(spectrum)) * SAMPLE_RATE_HZ / size


def centroid_hz(audio: Audio) -> float:
    """The energy-weighted spectral centroid."""
    power = np.abs(np.fft.rfft(audio)) ** 2
    return float((power * np.fft.rfftfreq(len(audio), 1 / SAMPLE_RATE_HZ)).sum() / power.sum())


def test_a_piano_a4_is_at_440_hz_and_its_release_ends(synth: SoundFontSynth) -> None:
    audio = synth.render_note(0, 69, 100, 1.0, is_drum=False)
    assert audio.dtype == np.float32
    assert 0.02 < np.abs(audio).max() < 1.0
    cents = 1200 * math.log2(peak_hz(audio[2_000:44_000]) / 440.0)
    assert abs(cents) < 3
    assert 1.0 < len(audio) / SAMPLE_RATE_HZ < 1.0 + MAX_TAIL_SECONDS
    assert np.abs(audio[-1024:]).max() < 1e-3  # released to near silence, not cut


def test_an_octave_up_is_twice_the_frequency(synth: SoundFontSynth) -> None:
    a4 = peak_hz(synth.render_note(73, 69, 100, 0.8, is_drum=False)[4_000:30_000])
    a5 = peak_hz(synth.render_note(73, 81, 100, 0.8, is_drum=False)[4_000:30_000])
    assert abs(1200 * math.log2(a5 / a4) - 1200) < 5


def test_a_kick_is_low_and_a_closed_hat_is_high(synth: SoundFontSynth) -> None:
    kick = synth.render_note(0, 36, 100, 0.02, is_drum=True)
    hat = synth.render_note(0, 42, 100, 0.02, is_drum=True)
    assert np.abs(kick).max() > 0.01
    assert np.abs(hat).max() > 0.005
    assert centroid_hz(kick) < 500
    assert centroid_hz(hat) > 5_000


def test_a_note_sounds_the_same_whatever_was_played_before(synth: SoundFontSynth) -> None:
    first = synth.render_note(48, 60, 90, 0.5, is_drum=False)
    synth.render_note(0, 49, 127, 0.02, is_drum=True)  # a crash still ringing when cut off
    synth.render_note(33, 40, 30, 2.0, is_drum=False)
    again = synth.render_note(48, 60, 90, 0.5, is_drum=False)
    assert np.array_equal(first, again)
    fresh = SoundFontSynth().render_note(48, 60, 90, 0.5, is_drum=False)
    assert np.array_equal(first, fresh)


def test_louder_velocity_is_louder(synth: SoundFontSynth) -> None:
    soft = synth.render_note(0, 60, 40, 0.5, is_drum=False)
    loud = synth.render_note(0, 60, 120, 0.5, is_drum=False)
    assert np.sqrt(np.mean(loud**2)) > 2 * np.sqrt(np.mean(soft**2))


def test_a_bad_note_is_refused(synth: SoundFontSynth) -> None:
    with pytest.raises(SoundFontError, match=r"program 0-127.*got 128, 60, 100"):
        synth.render_note(128, 60, 100, 0.5, is_drum=False)


def test_a_missing_soundfont_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "none.sf2"
    monkeypatch.setenv(SOUNDFONT_VARIABLE, str(missing))
    with pytest.raises(SoundFontError, match=r"looked at .*none\.sf2.*apt-get install fluid-"):
        find_soundfont()
    not_a_font = tmp_path / "text.sf2"
    not_a_font.write_text("not a SoundFont")
    with pytest.raises(SoundFontError, match=r"text\.sf2 is not a SoundFont"):
        SoundFontSynth(not_a_font)


def test_the_debian_soundfont_is_found_without_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SOUNDFONT_VARIABLE, raising=False)
    assert find_soundfont().name == "FluidR3_GM.sf2"


def test_standard_refs_keep_the_tessera_timbre_to_return_to() -> None:
    generated = TimbreRef("generated", 7, (0.5,) * TIMBRE_DIMENSION)
    standard = generated.standard()
    assert standard.is_standard
    assert standard.vector == generated.vector
    assert standard.tessera() == generated
    assert TimbreRef().standard().tessera() == TimbreRef()
    with pytest.raises(SongError, match="both a seed and a vector, or neither"):
        TimbreRef("soundfont", seed=3)
    with pytest.raises(SongError, match="only a standard-sound timbre names a program"):
        TimbreRef("gm", program=3)
    with pytest.raises(SongError, match="timbre kind must be 'gm', 'generated' or 'soundfont'"):
        TimbreRef("fluid")  # type: ignore[arg-type]


def test_the_renderer_keys_standard_notes_by_program_and_drums_by_the_kit(
    renderer: NoteRenderer, timbre_model: TimbreModel
) -> None:
    standard = TimbreRef().standard()
    assert renderer.resolve(standard, 40, False) == TimbreRef("soundfont", program=40)
    assert renderer.resolve(standard, 40, True) == TimbreRef("soundfont", program=0)
    with pytest.raises(TimbreError, match="rendered by FluidSynth, not the timbre model"):
        timbre_model.resolve(standard, 40, False)
    violin = NoteKey(renderer.resolve(standard, 40, False), False, 69, 100, duration_class(0.5))
    cello = NoteKey(renderer.resolve(standard, 42, False), False, 69, 100, duration_class(0.5))
    assert not np.array_equal(renderer.audio(violin), renderer.audio(cello))


def _duet(standard: bool = True) -> Song:
    notes = tuple(Note(i * PPQ, 60 + 2 * i, PPQ - 20, 96) for i in range(4))
    first = TimbreRef().standard() if standard else TimbreRef()
    return Song(
        title="Duet",
        bar_count=1,
        tracks=(
            Track("Piano", program=0, notes=notes, timbre=first),
            Track("Flute", program=73, notes=notes),
        ),
    )


def test_a_song_with_a_standard_and_a_tessera_track_renders_both(renderer: NoteRenderer) -> None:
    both = render(_duet(), renderer)
    piano = render(_duet(), renderer, RenderSelection(tracks=(0,)))
    flute = render(_duet(), renderer, RenderSelection(tracks=(1,)))
    model_piano = render(_duet(standard=False), renderer, RenderSelection(tracks=(0,)))
    for audio in (both, piano, flute, model_piano):
        assert np.abs(audio).max() > 0.05
    frames = min(len(piano), len(model_piano))
    assert np.abs(piano[:frames] - model_piano[:frames]).max() > 0.05  # FluidSynth, not the model
    keys = SongMix(_duet(), renderer).keys
    assert sorted(key.is_standard for key in keys) == [False] * 4 + [True] * 4
    assert renderer.missing(keys) == []  # both kinds are in the shared cache now


def test_the_timbre_panel_starts_from_the_timbre_a_standard_track_keeps(
    timbre_model: TimbreModel,
) -> None:
    space = timbre_model.space
    locked = TimbreRef("generated", 4, (0.1,) * TIMBRE_DIMENSION)
    track = Track("Lead", program=73, timbre=locked.standard())
    assert resolved(space, track) == locked
    plain = Track("Lead", program=73, timbre=TimbreRef().standard())
    assert resolved(space, plain) == gm_default(space, plain)
    described = describe_offset(space, track.timbre, gm_default(space, track))
    assert described == "the standard General MIDI set (SoundFont)"


def test_a_ringing_cymbal_is_faded_inside_the_mixers_bound(
    synth: SoundFontSynth, timbre_model: TimbreModel
) -> None:
    """The mixer bounds a note by its held length plus the model's window; a crash rings
    longer, so it is faded out before that bound rather than cut with a click."""
    crash = synth.render_note(0, 49, 127, 0.02, is_drum=True)
    bound_seconds = class_seconds(0) + timbre_model.frames / FRAME_RATE_HZ
    assert len(crash) <= bound_seconds * SAMPLE_RATE_HZ
    assert np.abs(crash[-2_000:-1_000]).max() > 1e-3  # still ringing near the cap
    assert abs(crash[-1]) < 1e-5  # and faded to nothing at it


def test_a_standard_drum_note_lasts_as_fluidsynth_holds_it(renderer: NoteRenderer) -> None:
    """A standard-set drum note is FluidSynth's as long as it is held: the whistles, side stick
    and low wood block decay as FluidSynth's own render of the same hits does (played for
    20 ms, the whistles lasted 0.23x as long). The model's hit keeps one cached length."""
    renders = {
        "FluidSynth": mono(fluidsynth()),
        "Tessera standard set": tessera(renderer, standard=True),
    }
    for drum in measure_drums((37, 71, 72, 77), renders):
        ratio = drum.decay["Tessera standard set"] / drum.decay["FluidSynth"]
        assert ratio == pytest.approx(1.0, abs=0.05), (drum.key, ratio)
    whistle = Note(0, 72, PPQ // 4, 100)  # an eighth at 120 bpm: 0.125 s
    kit = Track("Kit", is_drum=True, notes=(whistle,))
    standard = dataclasses.replace(kit, timbre=TimbreRef().standard())
    keys = SongMix(Song(bar_count=1, tracks=(standard,)), renderer).keys
    assert [key.duration for key in keys] == [duration_class(0.125)]
    assert [key.duration for key in SongMix(Song(bar_count=1, tracks=(kit,)), renderer).keys] == [0]
