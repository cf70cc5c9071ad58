"""Band styles without the model: every band preset is a playable band (lead, chords, bass, one
GM drum kit), a preset can be asked for in another style, and instrument words (drums included,
English and Chinese) name the same instrument everywhere."""

from __future__ import annotations

import pytest

from engine.compose.operations import PRESETS, Generate, requested_style
from engine.compose.presets import BAND_PRESETS, ORCHESTRAL_PRESETS, Voice
from engine.song.gm import InstrumentError, instrument_from_name, playable_range, program_from_name
from engine.song.styles import NO_STYLE, STYLE_NAMES, UnknownStyleError, style_named
from engine.song.theory import key_from_name

BAND_STYLES = [name for name in STYLE_NAMES if name not in ("folk", "classical")]


def test_the_first_five_presets_stay_and_carry_their_styles() -> None:
    assert list(PRESETS)[:5] == ["folk-tune", "reel", "chorale", "string-quartet", "piano"]
    styles = {name: preset.style for name, preset in ORCHESTRAL_PRESETS.items()}
    assert styles == {
        "folk-tune": "folk",
        "reel": "folk",
        "chorale": "classical",
        "string-quartet": "classical",
        "piano": "classical",
    }
    assert PRESETS["chorale"].voices[0].pitch_range == (60, 84)


@pytest.mark.parametrize("style", BAND_STYLES)
def test_each_band_style_has_a_preset_named_like_it(style: str) -> None:
    preset = PRESETS[style]
    assert preset is BAND_PRESETS[style]
    assert preset.style == style
    style_named(style)  # a real style
    assert preset.meter == (4, 4) or style == "ballad"
    assert 8 <= preset.bars <= 16
    key_from_name(preset.key)


@pytest.mark.parametrize("name", list(BAND_PRESETS))
def test_every_voice_sits_inside_its_instruments_range(name: str) -> None:
    # (The folk presets' fiddle, kept as it was, reaches 93, above GM 110's family range.)
    for voice in PRESETS[name].voices:
        low, high = voice.pitch_range
        lowest, highest = playable_range(voice.program, voice.is_drum)
        assert lowest <= low < high <= highest, f"{name}: {voice}"


@pytest.mark.parametrize("style", BAND_STYLES)
def test_a_band_is_a_lead_chords_one_bass_and_one_drum_kit(style: str) -> None:
    voices = PRESETS[style].voices
    drums = [v for v in voices if v.is_drum]
    basses = [v for v in voices if not v.is_drum and 32 <= v.program <= 39]
    # A kit (B1-B3); the styles whose grooves may want congas or wood blocks keep the whole
    # GM percussion map. Latin's drummers play a kit, as Groove MIDI's latin drummers do.
    kit = (35, 81) if style in ("cinematic", "chinese") else (35, 59)
    assert drums == [Voice("Drums", 0, kit, is_drum=True)]
    assert len(basses) == 1
    assert basses[0].polyphony == 1  # a bass line, one note at a time, not chords
    assert basses[0].pitch_range[0] >= 26
    assert basses[0].pitch_range[1] <= 56
    lead, chords = voices[0], voices[1]
    assert not lead.is_drum
    assert lead not in basses
    assert 14 <= lead.pitch_range[1] - lead.pitch_range[0] <= 22  # about an octave and a half
    assert chords.pitch_range[0] >= 40
    assert chords.pitch_range[1] <= 78
    assert len(voices) == (5 if style in ("ballad", "cinematic") else 4)


def test_tempos_follow_the_styles() -> None:
    tempo = {name: PRESETS[name].tempo_bpm for name in BAND_STYLES}
    assert tempo["ballad"] < tempo["lofi"] < tempo["house"] < tempo["metal"]
    assert 118 <= tempo["house"] <= 130
    assert {PRESETS[name].key.split()[1] for name in ("cinematic", "lofi")} == {"minor"}


def test_a_preset_may_be_written_in_another_style() -> None:
    band = PRESETS["pop"]
    assert requested_style(Generate("pop"), band.style) == "pop"
    assert requested_style(Generate("pop", style="rock"), band.style) == "rock"
    assert requested_style(Generate("pop", style=NO_STYLE), band.style) is None
    with pytest.raises(UnknownStyleError, match="choose one of folk, classical, pop"):
        requested_style(Generate("pop", style="waltzing"), band.style)


@pytest.mark.parametrize(
    "word", ["drums", "Drum kit", "kit", "percussion", "drum set", "鼓", "架子鼓"]
)
def test_drum_words_name_a_drum_kit_not_steel_drums(word: str) -> None:
    assert instrument_from_name(word) == (0, True)


@pytest.mark.parametrize(
    ("word", "program"),
    [
        ("cello", 42), ("41", 41), ("steel drums", 114), ("rhodes", 4), ("electric guitar", 27),
        ("distorted guitar", 30), ("synth", 81), ("pad", 89), ("erhu", 110), ("二胡", 110),
        ("guzheng", 107), ("古筝", 107), ("pipa", 106), ("琵琶", 106), ("dizi", 73),
        ("笛子", 73), ("钢琴", 0), ("吉他", 24), ("电吉他", 27), ("贝斯", 33), ("合成器", 81),
        ("bass", 32),
    ],
)  # fmt: skip
def test_instrument_words_in_english_and_chinese(word: str, program: int) -> None:
    assert instrument_from_name(word) == (program, False)
    assert program_from_name(word) == program


def test_an_unknown_instrument_says_how_to_ask_for_drums() -> None:
    with pytest.raises(InstrumentError, match="or 'drums' for a drum kit"):
        instrument_from_name("theremin-ish")
