"""The pitch pulls a cell is written under (`engine.compose.decode._pitch_bias`): the tonic in
the outer voices where the bar's chord holds it, a bass kept to the key where the chord
leaves it, the bass's strong beats leaning to its chord's root (`_bass_root`), and a part kept
near its register (a new string part less so); and a jazz song's planned chords coming home to
the tonic."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from engine.compose import cell_writer
from engine.compose.decode import (
    CHORD_TONE_BONUS,
    KEY_TONE_BONUS,
    MINOR_THIRD_BONUS,
    PLANNED_CHORD_BONUS,
    REGISTER_SLOPE,
    TONIC_BONUS,
    TONIC_IN_CHORD_BONUS,
    SamplingSettings,
    _bass_root,
    _is_lone_lead,
    _pitch_bias,
    _tonic_pull,
    tonic_bonus,
)
from engine.compose.midi_model import MidiModel
from engine.compose.operations import Generate, apply
from engine.compose.plan import HARMONIES, chord_of_degree, plan_song
from engine.compose.presets import PRESETS
from engine.compose.register import (
    BOWED_REGISTER_ROOM,
    REGISTER_ROOM,
    RegisterRoom,
    register_room,
)
from engine.song.song import Cell, KeySignatureChange, Song, Track
from engine.song.theory import SCALES, chord_root, key_from_name, key_scale, key_tonic

A_MAJOR = key_from_name("A major")
A7 = chord_of_degree(A_MAJOR, 0, "blues")  # A C# E G: its G is outside A major
E7 = chord_of_degree(A_MAJOR, 4, "blues")  # E G# B D: no A in it


def _band(key: KeySignatureChange = A_MAJOR) -> Song:
    tracks = (
        Track(name="lead", program=27),
        Track(name="keys", program=0),
        Track(name="bass", program=33),
        Track(name="drums", program=0, is_drum=True),
    )
    return Song(bar_count=2, tracks=tracks, key_signatures=(key,))


def _pulls(model: MidiModel, cell: Cell, settings: SamplingSettings) -> dict[int, float]:
    """The bias on each pitch class of the octave from A2 (MIDI 45)."""
    bias = _pitch_bias(model, _band(), cell, settings)
    assert bias is not None
    return {(45 + n) % 12: float(bias[model.vocab.id(f"Pitch_{45 + n}")]) for n in range(12)}


def _settings(cell: Cell, chord: frozenset[int] | None, lead: bool = False) -> SamplingSettings:
    scale = key_scale(A_MAJOR)
    chords = {} if chord is None or lead else {cell: chord}
    beat_chords = {cell: chord} if chord is not None and lead else {}
    return SamplingSettings(chords=chords, beat_chords=beat_chords, key_tones={cell: scale})


def test_the_tonic_is_pulled_where_the_chord_holds_it_and_not_over_the_dominant() -> None:
    assert tonic_bonus(9, None) == TONIC_BONUS
    assert tonic_bonus(9, A7) == TONIC_IN_CHORD_BONUS
    assert tonic_bonus(9, E7) == 0.0


def test_the_lead_leans_to_the_tonic_only_over_a_chord_that_holds_it(midi_model: MidiModel) -> None:
    over_tonic = _pulls(midi_model, (0, 0), _settings((0, 0), A7, lead=True))
    over_dominant = _pulls(midi_model, (0, 0), _settings((0, 0), E7, lead=True))
    # The lead's chord is pulled for on its beats by the grammar, not here: only the key and
    # the tonic show in this bias.
    assert over_tonic[9] == KEY_TONE_BONUS + TONIC_IN_CHORD_BONUS
    assert over_dominant[9] == KEY_TONE_BONUS
    assert over_tonic[11] == over_dominant[11] == KEY_TONE_BONUS  # B: in the key, no tonic


def test_a_minor_keys_third_is_pulled_with_its_tonic(midi_model: MidiModel) -> None:
    a_minor = key_from_name("A minor")
    song = _band(a_minor)
    scale = key_scale(a_minor)

    def lead_bias(chord: frozenset[int]) -> dict[int, float]:
        settings = SamplingSettings(beat_chords={(0, 0): chord}, key_tones={(0, 0): scale})
        bias = _pitch_bias(midi_model, song, (0, 0), settings)
        assert bias is not None
        return {p % 12: float(bias[midi_model.vocab.id(f"Pitch_{p}")]) for p in range(57, 69)}

    over_tonic = lead_bias(chord_of_degree(a_minor, 0, "sevenths"))  # Am7: A C E G
    assert over_tonic[9] == KEY_TONE_BONUS + TONIC_IN_CHORD_BONUS
    assert over_tonic[0] == KEY_TONE_BONUS + MINOR_THIRD_BONUS  # C, the minor third
    assert over_tonic[4] == KEY_TONE_BONUS  # E, the fifth: in the key, no pull of its own
    over_dominant = lead_bias(chord_of_degree(a_minor, 4, "sevenths"))  # E7: no A in it
    assert over_dominant[0] == over_dominant[9] == KEY_TONE_BONUS
    in_major = _pulls(midi_model, (0, 0), _settings((0, 0), A7, lead=True))
    assert in_major[0] == 0.0  # A major's C natural: outside the key, and no third pulled
    settings = SamplingSettings(
        chords={(2, 0): chord_of_degree(a_minor, 0, "sevenths")}, key_tones={(2, 0): scale}
    )
    bass = _pitch_bias(midi_model, song, (2, 0), settings)  # the bass names the root
    assert bass is not None
    assert bass[midi_model.vocab.id("Pitch_48")] == CHORD_TONE_BONUS + KEY_TONE_BONUS  # C3


def test_an_inner_part_has_no_tonic_pull(midi_model: MidiModel) -> None:
    keys = _pulls(midi_model, (1, 0), _settings((1, 0), A7))
    assert keys[9] == keys[4] == CHORD_TONE_BONUS + KEY_TONE_BONUS  # the root as the fifth


def test_a_chord_the_style_plans_is_pulled_for_less_than_one_the_composer_names(
    midi_model: MidiModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    planned = dataclasses.replace(_settings((1, 0), A7), planned_chords=frozenset({(1, 0)}))
    keys = _pulls(midi_model, (1, 0), planned)
    assert keys[4] == PLANNED_CHORD_BONUS + KEY_TONE_BONUS
    assert PLANNED_CHORD_BONUS < CHORD_TONE_BONUS
    # A new pop song's keys and bass are asked for the plan's chords as planned ones.
    written: list[SamplingSettings] = []
    real = cell_writer._settings

    def spy(*args: Any, **kwargs: Any) -> SamplingSettings:
        written.append(real(*args, **kwargs))
        return written[-1]

    monkeypatch.setattr(cell_writer, "_settings", spy)
    apply(midi_model, None, Generate("pop"), 0)
    chorded = {cell for settings in written for cell in settings.chords}
    planned_cells = {cell for settings in written for cell in settings.planned_chords}
    assert chorded
    assert planned_cells == chorded


def test_the_tonic_pull_the_grammar_takes_back_is_the_cells_own() -> None:
    song = _band()
    over_tonic = _settings((0, 0), A7, lead=True)
    assert _tonic_pull(song, (0, 0), over_tonic) == (9, TONIC_IN_CHORD_BONUS)
    assert _tonic_pull(song, (0, 0), _settings((0, 0), E7, lead=True)) == (9, 0.0)
    assert _tonic_pull(song, (1, 0), _settings((1, 0), A7)) is None  # an inner part
    assert _tonic_pull(song, (0, 0), SamplingSettings()) is None  # no key's scale asked
    assert _is_lone_lead(song, (0, 0), ensemble=())  # a band's lead: released after its tonic
    assert not _is_lone_lead(song, (1, 0), ensemble=())  # the keys
    assert not _is_lone_lead(song, (2, 0), ensemble=())  # the bass
    assert not _is_lone_lead(song, (0, 0), ensemble={0, 1, 2})  # an ensemble's top voice


def _tonic_and_fifth(model: MidiModel, song: Song, cell: Cell) -> tuple[float, float]:
    """The bias on A3 (the tonic of A major) and E4 (its fifth) for a cell with no chord."""
    settings = SamplingSettings(key_tones={cell: key_scale(A_MAJOR)})
    bias = _pitch_bias(model, song, cell, settings)
    assert bias is not None
    tonic, fifth = (float(bias[model.vocab.id(f"Pitch_{p}")]) for p in (57, 64))
    return tonic, fifth


def _strings(*programs: int) -> Song:
    tracks = tuple(Track(name=str(p), program=p) for p in programs)
    return Song(bar_count=2, tracks=tracks, key_signatures=(A_MAJOR,))


def test_a_string_quartets_parts_under_the_first_violin_lean_to_the_tonic(
    midi_model: MidiModel,
) -> None:
    """The viola, second violin and cello tell the key; the first violin's melody is free of
    the pull, as it is of nothing else (the key's scale still holds)."""
    quartet = _strings(40, 40, 41, 42)
    for cell in ((1, 0), (2, 0), (3, 0)):  # no planned chord: the whole tonic pull
        assert _tonic_and_fifth(midi_model, quartet, cell) == (
            KEY_TONE_BONUS + TONIC_BONUS,
            KEY_TONE_BONUS,
        )
    assert _tonic_and_fifth(midi_model, quartet, (0, 0)) == (KEY_TONE_BONUS, KEY_TONE_BONUS)
    # A band the model is shown as strings (its guitars and bass: `model_program`) has drums:
    # its lead keeps the pull, as every part of it does.
    drums = Track(name="drums", program=0, is_drum=True)
    band = dataclasses.replace(quartet, tracks=(*quartet.tracks[:3], drums))
    for cell in ((0, 0), (1, 0), (2, 0)):
        assert _tonic_and_fifth(midi_model, band, cell)[0] == KEY_TONE_BONUS + TONIC_BONUS
    # A fiddle tune's only part is its lead, and a lone line tells its key itself.
    assert _tonic_and_fifth(midi_model, _strings(40), (0, 0)) == (
        KEY_TONE_BONUS + TONIC_BONUS,
        KEY_TONE_BONUS,
    )
    # A band's inner part (the keys above) still has none: only bowed strings pull them all.


def test_the_bass_keeps_to_the_key_where_a_blues_chord_leaves_it(midi_model: MidiModel) -> None:
    bass = _pulls(midi_model, (2, 0), _settings((2, 0), A7))
    keys = _pulls(midi_model, (1, 0), _settings((1, 0), A7))
    assert keys[7] == CHORD_TONE_BONUS  # the keys still colour the chord with its G
    assert bass[7] == 0.0  # the bass does not walk on it
    assert bass[4] == CHORD_TONE_BONUS + KEY_TONE_BONUS
    assert bass[9] == CHORD_TONE_BONUS + KEY_TONE_BONUS + TONIC_IN_CHORD_BONUS


@pytest.mark.parametrize("key_name", ["A major", "D minor", "Eb major", "F# minor"])
def test_every_planned_chord_has_its_degree_as_its_root(key_name: str) -> None:
    key = key_from_name(key_name)
    steps = SCALES[key.mode]
    for harmony in HARMONIES:
        for degree in range(7):
            chord = chord_of_degree(key, degree, harmony)
            assert chord_root(chord) == (key_tonic(key) + steps[degree]) % 12, (harmony, degree)


def test_only_the_bass_leans_to_its_chords_root() -> None:
    song = _band()
    settings = SamplingSettings(chords={(t, 0): E7 for t in range(3)})
    assert _bass_root(song, (2, 0), settings) == 4  # E7's root, E
    assert _bass_root(song, (0, 0), settings) is None  # the lead
    assert _bass_root(song, (1, 0), settings) is None  # the keys, an inner part
    assert _bass_root(song, (2, 1), settings) is None  # a bar with no chord asked
    alone = Song(bar_count=2, tracks=(Track(name="bass", program=33),))
    assert _bass_root(alone, (0, 0), SamplingSettings(chords={(0, 0): E7})) is None  # a lead


def test_every_jazz_phrase_touches_the_tonic_chord() -> None:
    # ii-V phrases that never reached I (iii-vi-ii-V) made new jazz songs sound in the key a
    # fifth above: every phrase of every plan now has the tonic chord in it.
    jazz = PRESETS["jazz"]
    key = key_from_name(jazz.key)
    tonic_chord = chord_of_degree(key, 0, "sevenths")
    for seed in range(20):
        plan = plan_song(jazz.style, key, jazz.bars, seed)
        for phrase in plan.phrases:
            assert tonic_chord in {plan.chords[bar] for bar in phrase.bar_range}, (seed, phrase)


def _register_pull(model: MidiModel, room: RegisterRoom, centre: float) -> dict[int, float]:
    """The pull on each pitch from a register centre alone (no chord, no key)."""
    song = Song(bar_count=2, tracks=(Track(name="part", program=40),))
    settings = SamplingSettings(register_centres={(0, 0): centre}, register_rooms={(0, 0): room})
    bias = _pitch_bias(model, song, (0, 0), settings)
    assert bias is not None
    return {pitch: float(bias[model.vocab.id(f"Pitch_{pitch}")]) for pitch in range(40, 90)}


def test_a_new_string_part_roams_further_from_its_register(midi_model: MidiModel) -> None:
    assert register_room(52) == REGISTER_ROOM  # a choir
    assert register_room(40) == BOWED_REGISTER_ROOM  # a violin
    kept, roaming = (
        _register_pull(midi_model, r, 64.0) for r in (REGISTER_ROOM, register_room(40))
    )
    assert kept[69] == roaming[69] == 0.0  # a fourth away: free for both
    assert kept[72] == -REGISTER_SLOPE * 3  # a minor sixth: pulled back
    assert roaming[72] == 0.0  # not for a new string part
    assert roaming[76] == -REGISTER_SLOPE * 2  # an octave up: that too
    assert kept[56] == -REGISTER_SLOPE * 3  # below as above


def _c_pulls(
    model: MidiModel, key: KeySignatureChange, chord: frozenset[int]
) -> tuple[float, float]:
    """The pull on C and C# (MIDI 60, 61) for a keyboard part over `chord` in `key`."""
    song = Song(bar_count=2, tracks=(Track(name="keys", program=0),), key_signatures=(key,))
    settings = SamplingSettings(chords={(0, 0): chord}, key_tones={(0, 0): key_scale(key)})
    bias = _pitch_bias(model, song, (0, 0), settings)
    assert bias is not None
    c_natural, c_sharp = (float(bias[model.vocab.id(f"Pitch_{p}")]) for p in (60, 61))
    return c_natural, c_sharp


def test_over_v_a_minor_key_leans_to_its_leading_tone(midi_model: MidiModel) -> None:
    """In D minor the key pull goes to C natural, but over A7 (V) to C#, harmonic minor's
    raised seventh: there the natural seventh is a wrong note against the chord."""
    d_minor = key_from_name("D minor")
    over_a7 = _c_pulls(midi_model, d_minor, chord_of_degree(d_minor, 4, "sevenths"))
    over_dm7 = _c_pulls(midi_model, d_minor, chord_of_degree(d_minor, 0, "sevenths"))
    assert over_a7 == (0.0, CHORD_TONE_BONUS + KEY_TONE_BONUS)
    assert over_dm7 == (CHORD_TONE_BONUS + KEY_TONE_BONUS, 0.0)  # C: Dm7's seventh, in the key
    # A major key's V holds its leading tone anyway: nothing changes there.
    d_major = key_from_name("D major")
    over_a7_major = _c_pulls(midi_model, d_major, chord_of_degree(d_major, 4, "sevenths"))
    assert over_a7_major == (0.0, CHORD_TONE_BONUS + KEY_TONE_BONUS)
