"""Pitch, scale, chord and key names as musicians type them."""

from __future__ import annotations

import pytest

from engine.song.gm import InstrumentError, playable_range, program_from_name
from engine.song.song import KeySignatureChange
from engine.song.theory import (
    TheoryError,
    chord_completions,
    chord_root,
    is_chord,
    key_from_name,
    key_scale,
    key_tonic,
    midi_key,
    parse_chord,
    parse_pitch,
    parse_pitch_range,
    parse_scale,
    tonic_triad,
)


@pytest.mark.parametrize(
    ("text", "pitch"),
    [
        ("60", 60),
        ("C4", 60),
        ("c4", 60),
        ("A4", 69),
        ("F#3", 54),
        ("Bb2", 46),
        ("B#3", 60),
        ("Cb4", 59),
        ("C-1", 0),
        ("G9", 127),
    ],
)
def test_pitch_names(text: str, pitch: int) -> None:
    assert parse_pitch(text) == pitch


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("H4", "does not start with a note name"),
        ("C", "needs an octave"),
        ("G#9", "outside"),
        ("200", "outside"),
    ],
)
def test_bad_pitch_names_say_what_to_type(text: str, message: str) -> None:
    with pytest.raises(TheoryError, match=message):
        parse_pitch(text)


def test_pitch_ranges() -> None:
    assert parse_pitch_range("C3-C5") == (48, 72)
    assert parse_pitch_range("48-72") == (48, 72)
    assert parse_pitch_range("Bb2..F4") == (46, 65)
    with pytest.raises(TheoryError, match="downwards"):
        parse_pitch_range("C5-C3")
    with pytest.raises(TheoryError, match="not understood"):
        parse_pitch_range("C3")


def test_scales() -> None:
    assert parse_scale("C major") == frozenset({0, 2, 4, 5, 7, 9, 11})
    assert parse_scale("D minor") == frozenset({2, 4, 5, 7, 9, 10, 0})
    assert parse_scale("A dorian") == frozenset({9, 11, 0, 2, 4, 6, 7})
    assert parse_scale("Eb") == parse_scale("Eb major")
    assert parse_scale("E minor pentatonic") == frozenset({4, 7, 9, 11, 2})
    with pytest.raises(TheoryError, match="not a scale Tessera knows"):
        parse_scale("C bebop")


@pytest.mark.parametrize(
    ("text", "classes"),
    [
        ("C", {0, 4, 7}),
        ("Am", {9, 0, 4}),
        ("G7", {7, 11, 2, 5}),
        ("F#m7b5", {6, 9, 0, 4}),
        ("Csus4", {0, 5, 7}),
        ("D/F#", {2, 6, 9}),
        ("Bbmaj7", {10, 2, 5, 9}),
        ("Edim", {4, 7, 10}),
    ],
)
def test_chord_symbols(text: str, classes: set[int]) -> None:
    assert parse_chord(text) == frozenset(classes)


@pytest.mark.parametrize(
    ("text", "root"),
    [
        ("C", 0),
        ("Am", 9),
        ("G7", 7),
        ("Cmaj7", 0),  # not E: above E the C is a sixth
        ("Am7", 9),  # not C: above C the A is a sixth
        ("Bdim", 11),
        ("F#m7b5", 6),
        ("Caug", 0),
        ("D/F#", 2),  # the bass note is not the root
        ("Csus4", 0),
    ],
)
def test_chord_roots(text: str, root: int) -> None:
    assert chord_root(parse_chord(text)) == root


def test_a_chord_with_no_tones_has_no_root() -> None:
    assert chord_root(frozenset()) is None


def test_unknown_chord_quality_is_named() -> None:
    with pytest.raises(TheoryError, match="'xyz' is not a chord type"):
        parse_chord("Cxyz")


def test_keys_scales_and_triads() -> None:
    d_minor = key_from_name("D minor")
    assert d_minor == KeySignatureChange(0, -1, "minor")
    assert key_from_name("F# major").sharps_flats == 6
    assert key_from_name("Db major").sharps_flats == -5
    assert key_from_name("Gb").sharps_flats == 6  # spelt as F#: six sharps, as six flats
    assert key_scale(d_minor) == parse_scale("D minor")
    assert tonic_triad(d_minor) == parse_chord("Dm")
    assert tonic_triad(KeySignatureChange(0, 3, "major")) == parse_chord("A")
    with pytest.raises(TheoryError, match="mode is one of major, minor, dorian"):
        key_from_name("D locrian")


def test_a_church_mode_keeps_its_parent_majors_signature() -> None:
    """E dorian is written with D major's two sharps and centres on E; a MIDI file, which
    knows major and minor only, declares it as D major, as the ABC books of fiddle tunes do."""
    e_dorian = key_from_name("E dorian")
    assert e_dorian == KeySignatureChange(0, 2, "dorian")
    assert key_tonic(e_dorian) == 4
    assert e_dorian.name == "E dorian"
    assert key_scale(e_dorian) == key_scale(key_from_name("D major"))
    assert tonic_triad(e_dorian) == parse_chord("Em")
    assert midi_key(e_dorian) == key_from_name("D major")
    assert midi_key(d_minor := key_from_name("D minor")) == d_minor
    a_mixolydian = key_from_name("A mixolydian")
    assert (a_mixolydian.sharps_flats, key_tonic(a_mixolydian)) == (2, 9)
    assert tonic_triad(a_mixolydian) == parse_chord("A")
    assert key_from_name("Bb lydian").name == "Bb lydian"  # one flat: F major's
    assert key_from_name("Bb lydian").sharps_flats == -1
    assert key_from_name("C# dorian").name == "C# dorian"  # B major's five sharps
    assert key_from_name("F phrygian").name == "F phrygian"  # Db major's five flats
    assert key_from_name("A aeolian") == key_from_name("A minor")
    assert key_from_name("G ionian") == key_from_name("G major")


def test_instruments_by_name_and_range() -> None:
    assert program_from_name("cello") == 42
    assert program_from_name("Piano") == 0
    assert program_from_name("41") == 41
    assert playable_range(33)[1] < playable_range(73)[0] + 24  # a bass sits below a flute
    assert playable_range(0, is_drum=True) == (35, 81)
    with pytest.raises(InstrumentError, match="no General MIDI instrument"):
        program_from_name("theremin-ish")
    with pytest.raises(InstrumentError, match="0-127"):
        program_from_name("300")


def test_a_chord_is_the_tones_of_one_triad_or_seventh() -> None:
    assert is_chord(frozenset({0, 4, 7}))  # C major
    assert is_chord(frozenset({4, 7}))  # two of its tones
    assert is_chord(frozenset({7, 11, 2, 5}))  # G7
    assert is_chord(frozenset({11, 2, 5, 8}))  # B diminished seventh
    assert not is_chord(frozenset({0, 2, 4}))  # C D E: a passing tone
    assert not is_chord(frozenset({0, 1}))  # a minor second clashes in every chord


def test_a_chord_is_completed_within_the_key_unless_its_parts_already_left_it() -> None:
    c_major = key_scale(KeySignatureChange(0, 0, "major"))
    # C and E: C major (G), A minor (A), A minor seventh (A, G); C7's B flat is not in the key.
    assert chord_completions(frozenset({0, 4}), c_major) == {0, 4, 7, 9}
    assert 10 in chord_completions(frozenset({0, 4}), None)
    # D and F sharp (a secondary dominant already sounding): D major's A and D7's C are in the
    # key, so the chord is completed; F sharp itself is a doubling.
    assert chord_completions(frozenset({2, 6}), c_major) >= {2, 6, 9, 0}
    assert chord_completions(frozenset({0, 1}), None) == frozenset()
