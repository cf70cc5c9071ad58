"""An ensemble voice's note on a beat leans to the tones that keep the other voices one chord
(`engine.compose.leans.harmony_tones`, `VoiceLeading.harmony_bonus`)."""

from __future__ import annotations

import dataclasses

import pytest

from benchmarks.musicality_measures import chord_beats, pooled
from engine.compose import part_writing
from engine.compose.decode import SamplingSettings, _grammar
from engine.compose.fill_context import SongSoFar
from engine.compose.fill_limits import HardConstraints
from engine.compose.leans import harmony_tones
from engine.compose.midi_model import MidiModel
from engine.compose.operations import Generate, apply
from engine.compose.part_writing import band_leading, ensemble_leading, harmony_key, line_leading
from engine.compose.voice_leading import HARMONY_BONUS, VoiceLeading
from engine.song.song import PPQ, KeySignatureChange, Note, Song, Track
from engine.song.theory import key_scale
from tests.engine.compose.grammar_helpers import bias_at

C_MAJOR = key_scale(KeySignatureChange(0, 0, "major"))
# Above: G4 held through the bar; below: C3 held through it. Together C and G, which C major
# (E), A minor seven (A, E) and the two tones themselves keep one chord, within C major.
ABOVE, BELOW = ((-12, 48, 67),), ((-12, 48, 48),)


_bias = bias_at  # the voice's note before the bar is E4 (`_voice`)


def _voice(**changes: object) -> VoiceLeading:
    plain = VoiceLeading((-12, 64), (ABOVE, BELOW), step_bonus=0.0, above=(True, False))
    return dataclasses.replace(plain, **changes)  # type: ignore[arg-type]


def test_the_other_voices_chord_is_completed_within_the_key() -> None:
    assert harmony_tones((ABOVE, BELOW), 12, C_MAJOR) == frozenset({0, 4, 7, 9})
    assert harmony_tones((ABOVE,), 12, C_MAJOR) is None  # one tone: no chord to keep
    clash = ((-12, 48, 61),)  # C# against C and G: no chord holds the three
    assert harmony_tones((ABOVE, BELOW, clash), 12, C_MAJOR) is None


def test_a_note_on_the_beat_leans_to_the_chord_and_one_between_beats_does_not() -> None:
    plain, pulled = _voice(), _voice(harmony_bonus=HARMONY_BONUS, harmony_key=C_MAJOR)
    for pitch, lean in ((64, HARMONY_BONUS), (69, HARMONY_BONUS), (65, 0.0), (70, 0.0)):
        gained = _bias(pulled, "Pos_12", pitch) - _bias(plain, "Pos_12", pitch)
        assert gained == pytest.approx(lean), pitch
    for pitch in (64, 65, 69):  # the second eighth of beat 2
        assert _bias(pulled, "Pos_18", pitch) == pytest.approx(_bias(plain, "Pos_18", pitch))


def test_a_voice_held_off_its_last_pitch_is_not_pulled_back_to_it() -> None:
    # E4 is the voice's last note and a tone of C major: a choir's bass (a repeat below zero)
    # gets no harmony pull back to it, the E an octave away still does.
    bass = dict(harmony_bonus=HARMONY_BONUS, harmony_key=C_MAJOR, repeat_bonus=-3.0)
    plain, pulled = _voice(repeat_bonus=-3.0), _voice(**bass)
    assert _bias(pulled, "Pos_12", 64) == pytest.approx(_bias(plain, "Pos_12", 64))
    assert _bias(pulled, "Pos_12", 52) - _bias(plain, "Pos_12", 52) == pytest.approx(HARMONY_BONUS)


def _four(programs: list[int]) -> Song:
    tracks = tuple(
        Track(name=str(p), program=p, notes=(Note(0, 72 - 7 * i, 4 * PPQ, 80),))
        for i, p in enumerate(programs)
    )
    key = KeySignatureChange(0, -1, "minor")  # D minor
    return Song(bar_count=4, tracks=tracks, key_signatures=(key,))


def test_only_an_ensembles_voices_lean_to_the_harmony_within_its_key() -> None:
    choir = _four([52, 52, 52, 52])
    so_far = SongSoFar(choir, [(2, 1)], {})
    leading = ensemble_leading(so_far, (2, 1), range(4))
    assert leading.harmony_bonus == HARMONY_BONUS > 0
    # D minor's scale and its leading tone C# (its dominant, A major, is a chord of the key).
    assert leading.harmony_key == harmony_key(choir, 1) == frozenset({2, 4, 5, 7, 9, 10, 0, 1})
    band = SongSoFar(_four([81, 4, 33, 33]), [(0, 1)], {})
    assert band_leading(band, (0, 1), [0, 1, 2], HardConstraints()).harmony_bonus == 0
    assert line_leading(band, (0, 1)).harmony_bonus == 0
    assert harmony_key(Song(bar_count=2, tracks=choir.tracks), 1) is None


def _chord_share(model: MidiModel, preset: str) -> float:
    share = pooled(chord_beats(apply(model, None, Generate(preset), seed)) for seed in range(4))
    assert share is not None
    return share


@pytest.mark.parametrize(("preset", "least"), [("chorale", 0.7), ("string-quartet", 0.8)])
def test_new_chorales_and_quartets_sound_chords_on_their_beats(
    midi_model: MidiModel, monkeypatch: pytest.MonkeyPatch, preset: str, least: float
) -> None:
    # Bach's held-out chorales sound one chord on 89% of their beats, the two held-out
    # quartets on 96%. Seeds 0-3 with the pull: chorales 81%, quartets 89%; without it, 42%
    # and 62%.
    pulled = _chord_share(midi_model, preset)
    assert pulled > least
    monkeypatch.setattr(part_writing, "HARMONY_BONUS", 0.0)
    assert _chord_share(midi_model, preset) < pulled - 0.15


def test_a_chord_the_composer_names_decides_where_a_planned_one_does_not(
    midi_model: MidiModel,
) -> None:
    choir, cell = _four([52, 52, 52, 52]), (2, 1)
    order = frozenset({(0, 1), (1, 2), (2, 3)})
    g_major = frozenset({7, 11, 2})

    def harmony_bonus(settings: SamplingSettings) -> float:
        grammar = _grammar(midi_model, SongSoFar(choir, [cell], {}), cell, settings, (choir, 1))
        assert grammar.voice_leading is not None
        return grammar.voice_leading.harmony_bonus

    assert harmony_bonus(SamplingSettings(voice_pairs=order)) == HARMONY_BONUS
    named = SamplingSettings(voice_pairs=order, chords={cell: g_major})
    assert harmony_bonus(named) == 0.0
    planned = dataclasses.replace(named, planned_chords=frozenset({cell}))
    assert harmony_bonus(planned) == HARMONY_BONUS
