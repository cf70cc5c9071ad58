"""Composing with the shipped model, as an ensemble plays: each bar's register read from the bars
around it, notes ringing over a bar line counted, voices kept in order, counts asked for met,
and a new song in its key."""

from __future__ import annotations

import dataclasses
import itertools

import pytest

from benchmarks.tunes import d_major_tune
from engine.compose.context import MELODY_SPAN, context_range, voice_pairs, with_context_range
from engine.compose.control_tokens import sounding_polyphony
from engine.compose.controls import guides
from engine.compose.midi_model import MidiModel
from engine.compose.operations import Continue, Controls, Generate, Regenerate, apply, cells_of
from engine.compose.vocab import PITCH_RANGE_BIN, density_bin
from engine.song.song import PPQ, Note, Song, Track
from engine.song.theory import key_from_name, key_scale

BAR = 4 * PPQ


def _crossed_share(song: Song) -> float:
    """Share of grid steps, where two adjacent voices both sound, at which the lower voice
    sounds above the lowest note of the upper one."""
    crossed = both = 0
    for upper, lower in zip(song.tracks, song.tracks[1:], strict=False):
        for tick in range(0, song.end_tick, PPQ // 4):
            high = [n.pitch for n in upper.notes if n.start_tick <= tick < n.end_tick]
            low = [n.pitch for n in lower.notes if n.start_tick <= tick < n.end_tick]
            if high and low:
                both += 1
                crossed += max(low) > min(high)
    return crossed / both


# --- ranges -------------------------------------------------------------------------------------


def test_a_bars_soft_range_is_read_from_the_bars_before_it_never_from_itself() -> None:
    song = d_major_tune()
    high_bar = tuple(dataclasses.replace(n, pitch=n.pitch + 24) for n in song.notes_in_bar(0, 4))
    melody = tuple(n for n in song.tracks[0].notes if song.bar_at_tick(n.start_tick) != 4)
    song = dataclasses.replace(
        song, tracks=(dataclasses.replace(song.tracks[0], notes=melody + high_bar), song.tracks[1])
    )
    asked = guides(song, (0, 4), Controls(pitch_range=(40, 100)), 0)
    # The composer's range is a hard limit only: no bar is asked to span all of it.
    assert (asked.tokens.low_bin, asked.tokens.high_bin) == (None, None)
    assert (asked.limits.pitch_low, asked.limits.pitch_high) == (40, 100)
    # Bars 0-3 span 62-73 or 64-74: the typical bar is 62-74, whatever the cell holds.
    written = with_context_range(asked, song, (0, 4), pending={(0, 4)})
    assert (written.tokens.low_bin, written.tokens.high_bin) == (
        62 // PITCH_RANGE_BIN,
        74 // PITCH_RANGE_BIN,
    )
    # Bars waiting to be written are no context; with none before, the bars after are.
    assert context_range(d_major_tune(), (0, 1), pending={(0, 0), (0, 1)}) == (62, 74)
    assert context_range(song, (0, 0), pending=set(cells_of(song, [0]))) is None
    # A range away from the context moves the asked register inside it, keeping its width.
    low_down = with_context_range(
        guides(song, (0, 4), Controls(pitch_range=(40, 60)), 0), song, (0, 4), set()
    )
    assert (low_down.tokens.low_bin, low_down.tokens.high_bin) == (48 // 6, 60 // 6)


def test_a_new_fiddle_tune_keeps_a_singable_span(midi_model: MidiModel) -> None:
    for seed in range(3):
        song = apply(midi_model, None, Generate("folk-tune", bars=8), seed)
        pitches = [n.pitch for n in song.tracks[0].notes]
        assert max(pitches) - min(pitches) <= MELODY_SPAN
        assert min(pitches) >= 55
        assert max(pitches) <= 93


# --- ringing notes and one voice's thickness ---------------------------------------------------


def test_polyphony_one_counts_notes_ringing_over_the_bar_line(midi_model: MidiModel) -> None:
    tune = d_major_tune()
    held = Note(BAR + 3 * PPQ, 76, BAR + PPQ // 2, 88)  # bar 2, beat 4, rings into bar 3
    melody = tuple(n for n in tune.tracks[0].notes if n.start_tick != held.start_tick)
    song = dataclasses.replace(
        tune,
        tracks=(dataclasses.replace(tune.tracks[0], notes=(*melody, held)), tune.tracks[1]),
    )
    cells = cells_of(song, [0], (2, 5))
    for seed in range(3):
        result = apply(midi_model, song, Regenerate(cells, Controls(polyphony=1)), seed)
        assert held in result.tracks[0].notes
        assert sounding_polyphony(result.tracks[0].notes) == 1


def test_new_ensemble_parts_play_as_their_instruments_do(midi_model: MidiModel) -> None:
    chorale = apply(midi_model, None, Generate("chorale", bars=8), 1)
    assert all(sounding_polyphony(track.notes) == 1 for track in chorale.tracks)
    quartet = apply(midi_model, None, Generate("string-quartet", bars=8), 1)
    assert all(sounding_polyphony(track.notes) <= 2 for track in quartet.tracks)
    # Continuing keeps a part's thickness: the new bars of a voice are one line too.
    longer = apply(midi_model, chorale, Continue(4), 2)
    assert all(sounding_polyphony(track.notes) == 1 for track in longer.tracks)


# --- voices in order ----------------------------------------------------------------------------


def test_the_voices_of_a_new_chorale_keep_their_order(midi_model: MidiModel) -> None:
    shares = [
        _crossed_share(apply(midi_model, None, Generate("chorale", bars=8), s)) for s in range(3)
    ]
    assert max(shares) < 0.05


def test_which_tracks_are_ordered_voices() -> None:
    satb = Song(
        title="SATB",
        bar_count=1,
        tracks=tuple(
            Track(name, 52, notes=(Note(0, pitch, BAR, 80),))
            for name, pitch in (("S", 72), ("A", 65), ("T", 57), ("B", 48))
        ),
    )
    assert voice_pairs(satb, {}, Controls()) == {(0, 1), (1, 2), (2, 3)}
    assert voice_pairs(satb, {}, Controls(keep_voice_order=False)) == frozenset()
    # Tracks of different families (a fiddle over a cello) are not one ensemble by default...
    tune = d_major_tune()
    assert voice_pairs(tune, {}, Controls()) == frozenset()
    assert voice_pairs(tune, {}, Controls(keep_voice_order=True)) == {(0, 1)}
    # ... nor is a band with drums; and a pair whose registers are the other way round is not.
    drums = Track("Kit", 0, is_drum=True, notes=(Note(0, 36, PPQ, 90),))
    assert voice_pairs(dataclasses.replace(satb, tracks=(*satb.tracks, drums)), {}, Controls()) == (
        frozenset()
    )
    swapped = dataclasses.replace(satb, tracks=(satb.tracks[1], satb.tracks[0], *satb.tracks[2:]))
    assert voice_pairs(swapped, {}, Controls()) == {(1, 2), (2, 3)}
    # A part with a home register (a preset's) is placed by it, not by the few notes written:
    # a quartet's viola whose first bars lay under the cello's stays the part above it.
    homes = {
        (track, 0): dataclasses.replace(
            guides(swapped, (track, 0), Controls(), 0), home_register=home
        )
        for track, home in enumerate((72, 65, 57, 48))
    }
    assert voice_pairs(swapped, homes, Controls()) == {(0, 1), (1, 2), (2, 3)}


# --- counts asked for ---------------------------------------------------------------------------


def _count(kind: str, notes: tuple[Note, ...]) -> int:
    return len(notes) if kind == "notes" else len({n.start_tick for n in notes})


@pytest.mark.parametrize(
    ("controls", "kind"),
    [
        (Controls(density=13), "notes"),
        (Controls(density=2), "notes"),
        (Controls(rhythm=13), "onsets"),
        (Controls(rhythm=1), "onsets"),
    ],
)
def test_more_or_fewer_notes_and_onsets_are_obeyed(
    midi_model: MidiModel, controls: Controls, kind: str
) -> None:
    asked = controls.density if kind == "notes" else controls.rhythm
    assert asked is not None
    # Four quarter notes a bar, asked for sixteenths (13 or more) or for one or two notes.
    cells = cells_of(d_major_tune(), [0], (1, 6))
    result = apply(midi_model, d_major_tune(), Regenerate(cells, controls), 4)
    got = [density_bin(_count(kind, result.notes_in_bar(*cell))) for cell in cells]
    assert sum(bin_ == density_bin(asked) for bin_ in got) >= 5, got


# --- the key ------------------------------------------------------------------------------------


def test_a_new_song_keeps_to_its_key(midi_model: MidiModel) -> None:
    in_key = notes = 0
    for preset in ("chorale", "folk-tune"):
        for seed in range(3):
            song = apply(midi_model, None, Generate(preset, bars=8), seed)
            scale = key_scale(song.key_signatures[0])
            pitches = [n.pitch for track in song.tracks for n in track.notes]
            in_key += sum(p % 12 in scale for p in pitches)
            notes += len(pitches)
    assert in_key / notes >= 0.85


def test_the_key_pull_is_for_pitched_parts_without_a_scale() -> None:
    key = key_from_name("D major")
    tune = d_major_tune()
    song = dataclasses.replace(
        tune, key_signatures=(key,), tracks=(*tune.tracks, Track("Kit", 0, is_drum=True))
    )
    assert guides(song, (0, 1), Controls(), 0).key_tones == key_scale(key)
    assert guides(song, (0, 1), Controls(key_pull=False), 0).key_tones is None
    assert guides(song, (0, 1), Controls(scale=frozenset({0, 2, 4})), 0).key_tones is None
    assert guides(song, (2, 1), Controls(), 0).key_tones is None  # drums
    assert guides(tune, (0, 1), Controls(), 0).key_tones is None  # no key signature


@pytest.mark.parametrize("style", ["rock", "jazz", "blues", "soul"])
def test_a_band_bass_plays_one_note_at_a_time(midi_model: MidiModel, style: str) -> None:
    """Without its preset's limit the model stacked 3-11 notes on most of a band bass's
    onsets (rock: 27 of 32): a bass line, not chords. Soul's seed 1 repeats its first phrase:
    the note ringing into the repeat once overlapped the copied downbeat, and the rewritten
    bars then took two notes at once as the part's thickness."""
    song = apply(midi_model, None, Generate(style, bars=8), 1)
    (bass,) = [t for t in song.tracks if not t.is_drum and 32 <= t.program <= 39]
    assert len(bass.notes) >= 8
    ordered = sorted(bass.notes, key=lambda n: n.start_tick)
    assert all(a.end_tick <= b.start_tick for a, b in itertools.pairwise(ordered))
