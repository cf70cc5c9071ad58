"""A choir's last chord: every voice holds the tonic chord to the end, the bass on the tonic."""

from __future__ import annotations

import dataclasses

import pytest

from engine.compose.final_chord import close_final_chord
from engine.compose.midi_model import MidiModel
from engine.compose.operations import Generate, apply
from engine.compose.presets import PRESETS
from engine.song.song import PPQ, Note, Song, Track
from engine.song.theory import key_from_name, key_tonic

BAR = 4 * PPQ


def _choir(program: int = 52) -> Song:
    """Two bars in G major. In the last bar the soprano lands on G4 and holds; the alto sings
    A4 then F#4, the tenor holds D4 across the bar line, and the bass walks D3, C3, B2 in
    quarter notes from the downbeat: a half cadence, not an ending."""
    eighth = PPQ // 2
    soprano = (Note(0, 71, BAR, 80), Note(BAR, 67, BAR, 80))
    alto = (Note(0, 66, BAR, 80), Note(BAR, 69, 2 * eighth, 80), Note(BAR + PPQ, 66, PPQ, 80))
    tenor = (Note(0, 62, BAR + PPQ, 80),)
    bass = (
        Note(0, 43, BAR, 80),
        Note(BAR, 50, PPQ, 80),
        Note(BAR + PPQ, 48, PPQ, 80),
        Note(BAR + 2 * PPQ, 47, 2 * PPQ, 80),
    )
    names = ("Soprano", "Alto", "Tenor", "Bass")
    tracks = tuple(
        Track(name, program, notes=notes)
        for name, notes in zip(names, (soprano, alto, tenor, bass), strict=True)
    )
    return Song(bar_count=2, tracks=tracks, key_signatures=(key_from_name("G major"),))


def _last_chord(song: Song) -> list[int]:
    """The pitch each track sounds at the song's last tick, top down."""
    end = song.end_tick - 1
    return [
        max(n.pitch for n in track.notes if n.start_tick <= end < n.end_tick)
        for track in song.tracks
    ]


def test_a_choir_ends_on_the_tonic_chord_over_the_tonic_in_the_bass() -> None:
    song = close_final_chord(_choir(), PRESETS["chorale"].voices)
    chord = _last_chord(song)
    assert chord[0] == 67  # the melody's own ending stays
    assert chord[-1] % 12 == 7  # the bass on G
    assert {p % 12 for p in chord} <= {7, 11, 2}  # the tonic triad, G, B and D
    assert 11 in {p % 12 for p in chord}  # with its third
    assert chord == sorted(chord, reverse=True)  # no voice crosses another
    for track in song.tracks:
        last = max(track.notes, key=lambda n: n.start_tick)
        assert last.end_tick == song.end_tick
        assert last.start_tick <= BAR  # nothing starts after the melody's final note
    # What the voices sang before the last chord stays: the same onsets and pitches. The
    # tenor's D4, held over the bar line, now ends where the chord begins.
    for before, after in zip(_choir().tracks, song.tracks, strict=True):
        assert [(n.start_tick, n.pitch) for n in before.notes if n.start_tick < BAR] == [
            (n.start_tick, n.pitch) for n in after.notes if n.start_tick < BAR
        ]
    assert song.tracks[2].notes[0].end_tick in (BAR, song.end_tick)


def test_a_voice_that_sings_its_pitch_again_after_the_melodys_final_note_holds_it() -> None:
    """The alto's D4 sounds at the soprano's final note, and the alto sings D4 again later in
    the bar: the chord keeps the first, held to the end, and the later one is dropped (it once
    cut the held note short at its onset, and the alto fell silent under the last chord)."""
    song = _choir()
    eighth = PPQ // 2
    alto = (Note(0, 66, BAR - eighth, 80), Note(BAR - eighth, 62, 2 * eighth, 80))
    later = (Note(BAR + PPQ, 62, PPQ, 80), Note(BAR + 2 * PPQ, 64, PPQ, 80))
    tracks = (song.tracks[0], Track("Alto", 52, notes=alto + later), *song.tracks[2:])
    closed = close_final_chord(
        Song(bar_count=2, tracks=tracks, key_signatures=song.key_signatures),
        PRESETS["chorale"].voices,
    )
    assert closed.tracks[1].notes[1:] == (
        dataclasses.replace(alto[1], duration_ticks=BAR + eighth),
    )
    chord = _last_chord(closed)
    assert chord[1] == 62
    assert chord == sorted(chord, reverse=True)


def test_a_string_quartet_is_left_as_the_model_wrote_it() -> None:
    strings = _choir(program=40)
    assert close_final_chord(strings, PRESETS["string-quartet"].voices) == strings


def test_a_voice_that_stopped_in_the_last_bar_comes_in_for_the_chord() -> None:
    """An alto whose last note ends on the last bar's second beat sings the chord; an alto
    silent through the whole last bar stays silent."""
    song = _choir()
    alto = song.tracks[1]

    def with_alto(notes: tuple[Note, ...]) -> Song:
        tracks = (song.tracks[0], Track(alto.name, 52, notes=notes), *song.tracks[2:])
        return Song(bar_count=2, tracks=tracks, key_signatures=song.key_signatures)

    stopped = close_final_chord(with_alto(alto.notes[:2]), PRESETS["chorale"].voices)
    held = max(stopped.tracks[1].notes, key=lambda n: n.start_tick)
    assert (held.start_tick, held.end_tick) == (BAR, stopped.end_tick)
    assert held.pitch % 12 in {7, 11, 2}
    silent = close_final_chord(with_alto(alto.notes[:1]), PRESETS["chorale"].voices)
    assert silent.tracks[1].notes == alto.notes[:1]
    assert silent.tracks[-1].notes[-1].pitch % 12 == 7


@pytest.mark.parametrize("seed", [0, 1])
def test_new_chorales_close_on_a_full_tonic_chord(midi_model: MidiModel, seed: int) -> None:
    song = apply(midi_model, None, Generate("chorale", bars=8), seed)
    tonic = key_tonic(song.key_signatures[0])
    chord = _last_chord(song)
    assert chord[-1] % 12 == tonic
    assert {p % 12 for p in chord} <= {tonic, (tonic + 4) % 12, (tonic + 7) % 12}
    assert chord == sorted(chord, reverse=True)
    final = max(n.start_tick for n in song.tracks[0].notes)
    for track in song.tracks:
        assert all(n.start_tick <= final for n in track.notes)
