"""A choir sings legato, and a fiddle tune runs on: each note is held to the part's next
onset, never across a voice beside it; other parts keep the lengths the model wrote."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from benchmarks.musicality_measures import sounding_share
from engine.compose import legato
from engine.compose.legato import BOWED_GAP_TICKS, bowed_gap, held_to_next_onset, plays_legato
from engine.compose.midi_model import MidiModel
from engine.compose.operations import Generate, apply
from engine.compose.vocab import TICKS_PER_STEP
from engine.song.song import PPQ, Note, Song, Track

BAR_START, BAR_END = 4 * PPQ, 8 * PPQ


def _note(beat: float, pitch: int, beats: float) -> Note:
    return Note(BAR_START + int(beat * PPQ), pitch, int(beats * PPQ), 80)


def test_each_note_is_held_to_the_next_onset_and_the_last_to_the_bar_end() -> None:
    written = [_note(0, 67, 0.5), _note(1, 69, 1), _note(2, 71, 1.5)]
    held = held_to_next_onset(written, BAR_START, BAR_END)
    assert [(n.start_tick, n.pitch) for n in held] == [(n.start_tick, n.pitch) for n in written]
    assert [n.end_tick for n in held] == [BAR_START + PPQ, BAR_START + 2 * PPQ, BAR_END]
    # A note already ringing past its next onset (or the bar) keeps its length.
    long = [_note(0, 67, 1.5), _note(1, 69, 4)]
    assert held_to_next_onset(long, BAR_START, BAR_END) == long
    assert held_to_next_onset([], BAR_START, BAR_END) == []
    # A note a lock keeps in the bar is an onset too: the new note before it stops there.
    (before_kept,) = held_to_next_onset(
        [_note(0, 67, 1)], BAR_START, BAR_END, None, [_note(3, 72, 1)]
    )
    assert before_kept.end_tick == BAR_START + 3 * PPQ


def test_a_held_note_stops_where_a_voice_beside_it_crosses_its_pitch() -> None:
    steps = (BAR_END - BAR_START) // TICKS_PER_STEP
    low, high = np.zeros(steps, dtype=np.int_), np.full(steps, 127, dtype=np.int_)
    high[2 * PPQ // TICKS_PER_STEP :] = 64  # the voice above comes down to E4 on beat 3
    written = [_note(0, 67, 1)]  # G4 for a beat, then nothing
    (held,) = held_to_next_onset(written, BAR_START, BAR_END, (low, high))
    assert held.end_tick == BAR_START + 2 * PPQ
    (free,) = held_to_next_onset(written, BAR_START, BAR_END)
    assert free.end_tick == BAR_END


def test_a_sung_ensembles_voices_and_a_tune_in_a_pulse_play_legato() -> None:
    choir = Song(bar_count=1, tracks=tuple(Track(str(i), 52) for i in range(4)))
    assert all(plays_legato(choir, track, range(4), one_line=True) for track in range(4))
    strings = dataclasses.replace(choir, tracks=tuple(Track(str(i), 40) for i in range(4)))
    assert not any(plays_legato(strings, track, range(4), one_line=True) for track in range(4))
    # A fiddle tune (folk style runs in eighths): its first pitched part, playing one line.
    drums = Track("Drums", 0, is_drum=True)
    parts = (drums, Track("Fiddle", 110), Track("Guitar", 24))
    reel = Song(bar_count=1, tracks=parts, style="folk")
    assert plays_legato(reel, 1, (), one_line=True)
    assert not plays_legato(reel, 1, (), one_line=False)  # chords are not a line
    assert not plays_legato(reel, 2, (), one_line=True)  # the accompaniment
    for style in ("classical", "pop", None):
        assert not plays_legato(dataclasses.replace(reel, style=style), 1, (), one_line=True)


def test_new_chorales_and_reels_sound_on_as_the_held_out_works_do(midi_model: MidiModel) -> None:
    # Bach's held-out chorales: 98-99% of each voice's sixteenths sound, held-out reels 99%.
    # Before the notes were held, new chorales' voices sounded 75-82%, reels 95%.
    for preset, seed in (("chorale", 0), ("chorale", 1), ("reel", 0)):
        song = apply(midi_model, None, Generate(preset, bars=8), seed)
        share = sounding_share(song)
        assert share is not None
        assert share.hits / share.total >= 0.95, (preset, seed, share)


def test_a_bowed_ensemble_closes_rests_of_an_eighth_or_less() -> None:
    written = [_note(0, 67, 0.75), _note(1, 69, 0.25), _note(2, 71, 1.5)]
    held = held_to_next_onset(written, BAR_START, BAR_END, longest_gap=BOWED_GAP_TICKS)
    # A sixteenth's rest closed; a dotted eighth's left; the last note reaches the bar's end.
    assert [n.end_tick for n in held] == [BAR_START + PPQ, BAR_START + int(1.25 * PPQ), BAR_END]
    assert BOWED_GAP_TICKS == PPQ // 2
    strings = Song(
        bar_count=1, tracks=tuple(Track(str(i), p) for i, p in enumerate((40, 40, 41, 42)))
    )
    assert all(bowed_gap(strings, track, range(4)) == BOWED_GAP_TICKS for track in range(4))
    choir = dataclasses.replace(strings, tracks=tuple(Track(str(i), 52) for i in range(4)))
    assert bowed_gap(choir, 0, range(4)) is None  # a choir holds every note (`plays_legato`)
    piano = dataclasses.replace(strings, tracks=(Track("R", 0), Track("L", 0)))
    assert bowed_gap(piano, 0, range(2)) is None
    assert bowed_gap(strings, 0, ()) is None  # not an ensemble's voice


def test_a_band_bass_note_before_a_long_rest_rings_to_its_rhythms_next_step() -> None:
    # The bossa pattern, x.....x.x.....x. in sixteenths: a root on 1 held a dotted quarter by
    # the pattern, where the model wrote one pluck a sixteenth long and nothing else.
    sixteenth = PPQ // 4 // TICKS_PER_STEP
    bossa = frozenset(slot * sixteenth for slot in (0, 6, 8, 14))
    gap = 6 * PPQ // 4  # the pattern's longest gap (`bass_gap`)
    pluck = [_note(0, 38, 0.25)]
    (held,) = held_to_next_onset(pluck, BAR_START, BAR_END, longest_gap=gap, rhythm=bossa)
    assert held.end_tick == BAR_START + int(1.5 * PPQ)
    (alone,) = held_to_next_onset(pluck, BAR_START, BAR_END, longest_gap=gap)
    assert alone == pluck[0]  # without the rhythm, the rest stays
    # After the pattern's last step, to the bar's end; a nearer onset still stops it; a note
    # already longer is kept.
    last = held_to_next_onset(
        [_note(3.5, 38, 0.25)], BAR_START, BAR_END, longest_gap=gap, rhythm=bossa
    )
    assert last[0].end_tick == BAR_END
    early = [_note(0, 38, 0.25), _note(0.5, 45, 0.25)]
    stops = held_to_next_onset(early, BAR_START, BAR_END, longest_gap=gap, rhythm=bossa)
    assert stops[0].end_tick == BAR_START + PPQ // 2
    ringing = [_note(0, 38, 2)]
    assert held_to_next_onset(ringing, BAR_START, BAR_END, longest_gap=gap, rhythm=bossa) == ringing


def _quartets_sounding(model: MidiModel) -> float:
    """The mean share of sampled sixteenths where new quartets' parts sound (16 bars, seeds
    0-3)."""
    shares = []
    for seed in range(4):
        share = sounding_share(apply(model, None, Generate("string-quartet"), seed))
        assert share is not None
        shares.append(share.hits / share.total)
    return sum(shares) / len(shares)


def test_new_quartets_rest_about_as_the_held_out_ones_do(
    midi_model: MidiModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The two held-out quartets' parts sound at 86% of the sampled sixteenths. New quartets
    (seeds 0-3) sound at 84% with their short rests closed and 77% with them left open (the
    benchmark's 30 songs: 77% -> 84% when this came, 82-86% over seven draws since the first
    violin starts at least two notes in its first bar)."""
    closed = _quartets_sounding(midi_model)
    assert closed >= 0.82
    monkeypatch.setattr(legato, "BOWED_GAP_TICKS", 0)
    assert closed >= _quartets_sounding(midi_model) + 0.05
