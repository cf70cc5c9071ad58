"""The musicality benchmark: its measures on small songs whose answers are known, the Markov
baseline, the guard that keeps the infill answer from the model, and one short real run."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import numpy as np
import pytest

from benchmarks.musicality import run, split_count
from benchmarks.musicality_ensemble import (
    bass_on_root_or_fifth,
    bass_onsets_per_bar,
    bass_repeated_notes,
    bass_root_on_downbeats,
    bass_short_notes,
    beat_score,
    four_on_the_floor,
    hand_percussion,
    steady_eighths,
    toms_and_crashes,
)
from benchmarks.musicality_infill import (
    InfillLeakError,
    InfillRequest,
    asked_count,
    check_no_leak,
    infill_requests,
    obeyed,
    pick_cells,
)
from benchmarks.musicality_markov import Frame, Voicing, markov_song, train_chain
from benchmarks.musicality_measures import (
    Ratio,
    big_leaps,
    chord_beats,
    clipped_notes,
    clusters,
    commonest_pitch,
    estimate_key,
    in_scale,
    key_matches,
    long_final_note,
    mean_pitch,
    near_repeat_bars,
    parallel_perfects,
    pooled,
    repeated_notes,
    sounding_share,
    sparse_melody_bars,
    step_share,
    tonic_ending,
    unisons,
    varied_melody_bars,
    voice_crossings,
)
from benchmarks.musicality_rows import DASH, measure_column, rows_for, show
from benchmarks.musicality_sources import band_material, drums_only, manifest_rows, style_material
from build_scripts.band_data import cache_dir
from engine.compose.operations import Controls, Regenerate
from engine.compose.presets import PRESETS, Preset, Voice
from engine.song.song import PPQ, KeySignatureChange, Note, Song, TimeSignatureChange, Track
from engine.song.theory import key_from_name

BAR = 4 * PPQ
C_MAJOR = KeySignatureChange(0, 0, "major")


def song_of(*tracks: Track, bars: int = 1, key: KeySignatureChange | None = C_MAJOR) -> Song:
    return Song(bar_count=bars, tracks=tracks, key_signatures=() if key is None else (key,))


def line(pitches: list[int], length: int = PPQ, start: int = 0) -> tuple[Note, ...]:
    return tuple(Note(start + i * length, p, length, 80) for i, p in enumerate(pitches))


def c_major_scale() -> Song:
    """C4 up to C5 and back in quarters, ending on a whole-note C: four bars of 4/4."""
    pitches = [60, 62, 64, 65, 67, 69, 71, 72, 71, 69, 67, 65, 64, 62]
    notes = (*line(pitches), Note(len(pitches) * PPQ, 60, 2 * PPQ, 80))
    return song_of(Track("Fiddle", 110, notes=notes), bars=4)


# --- keys and endings ------------------------------------------------------------------------


def test_a_c_major_scale_is_in_its_declared_key_and_ends_home() -> None:
    song = c_major_scale()
    assert estimate_key(song) in ((0, "major"), (9, "minor"))
    assert key_matches(song) == Ratio(1, 1)
    assert in_scale(song) == Ratio(15, 15)
    assert tonic_ending(song) == Ratio(1, 1)
    assert long_final_note(song) == Ratio(1, 1)


def test_the_same_scale_declared_in_another_key_misses_it() -> None:
    song = dataclasses.replace(c_major_scale(), key_signatures=(key_from_name("Db major"),))
    assert key_matches(song) == Ratio(0, 1)
    scale = in_scale(song)
    assert scale is not None
    assert scale.hits / scale.total < 0.5
    assert tonic_ending(song) == Ratio(0, 1)


def test_relative_minor_counts_as_the_same_signature() -> None:
    song = dataclasses.replace(c_major_scale(), key_signatures=(key_from_name("A minor"),))
    assert key_matches(song) == Ratio(1, 1)


def test_a_song_without_a_key_has_no_key_figures() -> None:
    song = dataclasses.replace(c_major_scale(), key_signatures=())
    assert key_matches(song) is None
    assert in_scale(song) is None
    assert tonic_ending(song) is None


def test_a_short_last_note_is_not_a_long_ending() -> None:
    notes = (*line([60, 62, 64, 65], length=PPQ), Note(4 * PPQ, 60, PPQ // 4, 80))
    song = song_of(Track("Fiddle", 110, notes=notes), bars=2)
    assert long_final_note(song) == Ratio(0, 1)


# --- form, melody, voices --------------------------------------------------------------------


def test_a_repeated_bar_is_a_near_repeat() -> None:
    bar = [60, 64, 67, 72]
    notes = (*line(bar), *line(bar, start=BAR), *line([62, 65, 69, 74], start=2 * BAR))
    assert near_repeat_bars(song_of(Track("Fiddle", 110, notes=notes), bars=3)) == Ratio(1, 3)


def test_steps_and_leaps_are_counted_among_moves() -> None:
    notes = line([60, 62, 62, 64, 79, 77])
    song = song_of(Track("Fiddle", 110, notes=notes), bars=2)
    assert step_share(song) == Ratio(3, 4)  # 2, 2, 15, -2 (the repeated note is no move)
    assert big_leaps(song) == Ratio(1, 4)


def test_a_melody_that_keeps_landing_on_one_note_is_seen_to_drone() -> None:
    tune = Track("Fiddle", 110, notes=line([62, 62, 64, 62, 62, 66, 62, 62]))
    bass = Track("Cello", 42, notes=line([38, 38, 38, 38]))
    song = song_of(tune, bass, bars=2)
    assert repeated_notes(song) == Ratio(3, 7)  # the melody's only: the bass is not counted
    assert commonest_pitch(song) == Ratio(6, 8)
    varied = song_of(Track("Fiddle", 110, notes=line([62, 64, 66, 67, 69, 71, 73, 74])), bars=2)
    assert repeated_notes(varied) == Ratio(0, 7)
    assert commonest_pitch(varied) == Ratio(1, 8)
    assert "melody: repeated notes of its onsets" in [
        row.label for row in rows_for("reel", PRESETS["reel"])
    ]


def test_parts_sounding_counts_the_sixteenths_each_playing_part_holds_a_note() -> None:
    # A half note and a quarter's rest, then a quarter: 12 of 16 sixteenths.
    stopping = Track("Soprano", 52, notes=(Note(0, 72, 2 * PPQ, 80), Note(3 * PPQ, 71, PPQ, 80)))
    singing_on = Track("Bass", 52, notes=line([48, 43, 45, 41]))  # all 16
    silent = Track("Tenor", 52)  # a part with no notes is not counted
    song = song_of(stopping, silent, singing_on)
    assert sounding_share(song) == Ratio(28, 32)
    assert sounding_share(song_of(silent)) is None
    assert "parts sounding (sampled 16ths)" in _row_labels("chorale")


def test_unisons_count_the_sixteenths_adjacent_voices_meet_on_one_pitch() -> None:
    soprano = Track("Soprano", 52, notes=line([67, 67, 69, 71]))
    alto = Track("Alto", 52, notes=line([64, 67, 65, 67]))  # meets the soprano on beat 2
    bass = Track("Bass", 52, notes=line([48, 43], length=2 * PPQ))  # never meets the alto
    song = song_of(soprano, alto, bass)
    assert unisons(song) == Ratio(4, 32)
    assert unisons(song_of(soprano)) is None
    assert "adjacent voices in unison (sampled 16ths)" in _row_labels("chorale")


def test_chord_beats_count_the_beats_whose_three_or_more_parts_make_one_chord() -> None:
    soprano = Track("Soprano", 52, notes=line([72, 74, 72, 71]))
    alto = Track("Alto", 52, notes=line([67, 67, 67, 67]))
    # Beat 1 sounds C G C (one chord), beat 2 D G C (D is a passing tone against C and G),
    # beat 3 C G G and beat 4 B G G (chords).
    bass = Track("Bass", 52, notes=line([48, 43], length=2 * PPQ))
    song = song_of(soprano, alto, bass)
    assert chord_beats(song) == Ratio(3, 4)
    # A soprano C from the second eighth to the middle of beat 2: beat 1 has two parts
    # sounding (not asked), beat 2 three (C G C, a chord), beats 3 and 4 two again.
    offbeat = Track("Soprano", 52, notes=(Note(PPQ // 2, 72, PPQ, 80),))
    assert chord_beats(song_of(offbeat, alto, bass)) == Ratio(1, 1)
    assert chord_beats(song_of(alto, bass)) is None
    assert "beats sounding one chord (3+ parts)" in _row_labels("chorale")
    assert "beats sounding one chord (3+ parts)" not in _row_labels("reel")


def _row_labels(preset: str) -> list[str]:
    return [row.label for row in rows_for(preset, PRESETS[preset])]


def test_a_parts_register_is_its_mean_pitch_and_an_ensemble_gets_a_row_per_part() -> None:
    upper = Track("Violin", 40, notes=line([72, 76, 79, 77]))
    lower = Track("Cello", 42, notes=line([48, 43]))
    song = song_of(upper, lower)
    assert mean_pitch(song, 0) == Ratio(304, 4)
    assert mean_pitch(song, 1) == Ratio(91, 2)
    assert mean_pitch(song, 2) is None
    labels = [row.label for row in rows_for("string-quartet", PRESETS["string-quartet"])]
    assert "register: Violin I (mean pitch)" in labels
    assert "register: Cello (mean pitch)" in labels
    assert not any(
        label.startswith("register:")
        for label in (row.label for row in rows_for("reel", PRESETS["reel"]))
    )


def test_crossing_voices_are_seen_and_separate_ones_are_not() -> None:
    upper = Track("Alto", 52, notes=line([67, 67, 55, 55]))
    lower = Track("Tenor", 52, notes=line([60, 60, 60, 60]))
    crossing = voice_crossings(song_of(upper, lower))
    assert crossing is not None
    assert crossing.hits / crossing.total == pytest.approx(0.5)
    apart = voice_crossings(song_of(dataclasses.replace(upper, notes=line([67] * 4)), lower))
    assert apart == Ratio(0, 16)


def test_parallel_fifths_are_found_and_contrary_motion_is_not() -> None:
    soprano = Track("Soprano", 52, notes=line([67, 69, 71, 72]))
    parallel = Track("Bass", 52, notes=line([60, 62, 64, 65]))
    assert parallel_perfects(song_of(soprano, parallel)) == Ratio(3, 3)
    contrary = Track("Bass", 52, notes=line([60, 57, 55, 53]))
    assert parallel_perfects(song_of(soprano, contrary)) == Ratio(0, 3)


def test_five_notes_at_once_in_one_track_is_a_cluster() -> None:
    chord = tuple(Note(0, p, BAR, 80) for p in (60, 62, 64, 65, 67))
    assert clusters(song_of(Track("Piano", 0, notes=chord))) == Ratio(1, 1)
    assert clusters(song_of(Track("Piano", 0, notes=chord[:4]))) == Ratio(0, 1)


def test_notes_shorter_than_a_32nd_are_counted_and_drums_are_not() -> None:
    clicks = (Note(0, 60, PPQ // 12, 80), Note(PPQ, 62, PPQ // 8 - 1, 80))
    kept = (Note(2 * PPQ, 64, PPQ // 8, 80), Note(3 * PPQ, 65, PPQ, 80))
    drums = Track("Drums", 0, is_drum=True, notes=(Note(0, 36, 10, 100),))
    assert clipped_notes(song_of(Track("Piano", 0, notes=clicks + kept), drums)) == Ratio(2, 4)
    assert clipped_notes(song_of(drums)) is None


def test_congas_and_cowbells_are_told_apart_from_the_kit() -> None:
    kit = [Note(i * PPQ, pitch, PPQ // 4, 100) for i, pitch in enumerate((36, 38, 42, 56))]
    congas = [Note(i * PPQ + PPQ // 2, pitch, PPQ // 4, 90) for i, pitch in enumerate((62, 63))]
    drums = Track("Drums", 0, is_drum=True, notes=tuple(sorted(kit + congas)))
    assert hand_percussion(song_of(drums)) == Ratio(2, 6)  # the cowbell (56) is the kit's
    assert hand_percussion(song_of(Track("Piano", 0, notes=line([60, 62])))) is None
    fill = [Note(i * PPQ // 2, pitch, PPQ // 4, 100) for i, pitch in enumerate((36, 48, 45, 49))]
    drums = Track("Drums", 0, is_drum=True, notes=tuple(fill))
    assert toms_and_crashes(song_of(drums)) == Ratio(3, 4)  # two toms and a crash


def test_a_bass_on_the_root_and_fifth_of_the_chord_scores() -> None:
    chord = tuple(Note(0, p, BAR, 80) for p in (64, 67, 72))  # C major in the upper voice
    on_root = Track("Bass", 42, notes=(Note(0, 48, 2 * PPQ, 80), Note(2 * PPQ, 43, 2 * PPQ, 80)))
    assert bass_on_root_or_fifth(song_of(Track("Piano", 0, notes=chord), on_root)) == Ratio(2, 2)
    off = Track("Bass", 42, notes=(Note(0, 50, BAR, 80),))
    assert bass_on_root_or_fifth(song_of(Track("Piano", 0, notes=chord), off)) == Ratio(0, 2)


def test_a_melody_of_one_note_a_bar_is_counted_as_sparse() -> None:
    # Bar 1 runs in quarters, bar 2 holds one whole note, bar 3 rests; the bass under it
    # plays every bar and is not the melody.
    lead = Track("Lead", 73, notes=(*line([72, 74, 76, 77]), Note(BAR, 79, BAR, 80)))
    bass = Track("Bass", 33, notes=tuple(Note(bar * BAR, 36, BAR, 80) for bar in range(3)))
    assert sparse_melody_bars(song_of(lead, bass, bars=3)) == Ratio(2, 3)
    assert sparse_melody_bars(song_of(Track("Lead", 73), bass, bars=3)) == Ratio(3, 3)
    assert sparse_melody_bars(song_of(Track("Lead", 73), bars=3)) is None


def test_a_melody_whose_bars_keep_one_count_is_not_varied() -> None:
    # Four bars of quarters then one note: only the last bar differs, and the last bar
    # is left out. Eighths in the second bar and a half-note bar in the third vary two of
    # the three counted bars from their median (four).
    ticking = song_of(Track("Lead", 73, notes=line([72] * 16 + [74])), bars=5)
    assert varied_melody_bars(ticking) == Ratio(0, 4)
    varied = (*line([72] * 4), *line([74] * 8, PPQ // 2, BAR), *line([76] * 2, 2 * PPQ, 2 * BAR))
    song = song_of(Track("Lead", 73, notes=(*varied, *line([77] * 4, PPQ, 3 * BAR))), bars=4)
    assert varied_melody_bars(song) == Ratio(2, 3)
    assert varied_melody_bars(song_of(Track("Lead", 73), bars=4)) is None
    assert varied_melody_bars(song_of(Track("Lead", 73, notes=line([72])), bars=2)) is None


def test_a_bass_holding_the_tonic_under_its_chords_misses_their_roots() -> None:
    # C major, then A minor, over a bass that names both, and over one that holds C: the
    # root-or-fifth row passes C under both (the fifth of F would as well); the downbeat row
    # counts only the roots.
    chords = tuple(Note(0, p, BAR, 80) for p in (64, 67, 72)) + tuple(
        Note(BAR, p, BAR, 80) for p in (64, 69, 72)
    )
    piano = Track("Piano", 0, notes=chords)
    naming = Track("Bass", 33, notes=(Note(0, 48, BAR, 80), Note(BAR, 45, BAR, 80)))
    holding = Track("Bass", 33, notes=(Note(0, 48, BAR, 80), Note(BAR, 48, BAR, 80)))
    assert bass_root_on_downbeats(song_of(piano, naming, bars=2)) == Ratio(2, 2)
    assert bass_root_on_downbeats(song_of(piano, holding, bars=2)) == Ratio(1, 2)
    late = Track("Bass", 33, notes=(Note(PPQ, 48, PPQ, 80),))  # silent on both downbeats
    assert bass_root_on_downbeats(song_of(piano, late, bars=2)) is None


def test_a_bass_under_a_seventh_chords_upper_triad_names_its_root() -> None:
    # Am7 with C E G above and A in the bass: the upper parts alone read C major, and the
    # bass's A is the chord's root. The tonic-holding bass (G under the same C E G) and a
    # first inversion (E under it) still miss.
    upper = Track("Piano", 0, notes=tuple(Note(0, p, BAR, 80) for p in (64, 67, 72)))
    for bass_pitch, named in ((45, True), (43, False), (52, False), (48, True)):
        bass = Track("Bass", 33, notes=(Note(0, bass_pitch, BAR, 80),))
        expected = Ratio(int(named), 1)
        assert bass_root_on_downbeats(song_of(upper, bass)) == expected, bass_pitch


def test_a_basss_onsets_repeats_and_short_notes_are_counted() -> None:
    lead = Track("Lead", 81, notes=line([72, 74, 76, 77], start=0) + line([79], start=BAR))
    # A walk of four quarters in the first bar, a run of sixteenths on one pitch in the second
    # (with a fifth under its first), nothing in the third.
    walk = line([43, 45, 47, 48])
    run = line([50] * 8, length=PPQ // 4, start=BAR)
    bass = Track("Bass", 33, notes=(*walk, Note(BAR, 43, PPQ // 4, 80), *run))
    song = song_of(lead, bass, bars=3)
    assert bass_onsets_per_bar(song) == Ratio(4 + 8, 2)  # two bars played, the fifth shares
    # The walk moves at every note, and so does its last to the fifth under the run's first
    # (its lowest pitch); then the run's 7 other onsets, the last 6 of them repeats.
    assert bass_repeated_notes(song) == Ratio(6, 11)
    assert bass_short_notes(song) == Ratio(9, 13)  # the run's sixteenths and the fifth's
    assert bass_onsets_per_bar(song_of(lead, bars=2)) is None  # no bass without two parts


def test_running_eighths_fill_a_reel_bar() -> None:
    eighths = line([67, 71, 74, 71, 67, 71, 74, 71], length=PPQ // 2)
    quarters = line([67, 71, 74, 71], start=BAR)
    assert steady_eighths(song_of(Track("Fiddle", 110, notes=eighths + quarters), bars=2)) == (
        Ratio(1, 2)
    )


# --- drums -----------------------------------------------------------------------------------


def drum_bar(kicks: list[int], snares: list[int], hats: list[int]) -> Song:
    notes = [Note(t, 36, 60, 100) for t in kicks] + [Note(t, 38, 60, 100) for t in snares]
    notes += [Note(t, 42, 60, 80) for t in hats]
    return song_of(Track("Drums", 0, is_drum=True, notes=tuple(sorted(notes))))


def test_kick_on_one_snare_on_two_and_four_and_hats_is_a_full_backbeat() -> None:
    eighths = list(range(0, BAR, PPQ // 2))
    assert beat_score(drum_bar([0], [PPQ, 3 * PPQ], eighths)) == Ratio(1, 1)
    no_snare = beat_score(drum_bar([0], [], eighths))
    assert no_snare is not None
    assert no_snare.hits == pytest.approx(2 / 3)
    no_pulse = beat_score(drum_bar([0], [PPQ, 3 * PPQ], [0, 700, 1000]))
    assert no_pulse is not None
    assert no_pulse.hits == pytest.approx(2 / 3)


def test_four_on_the_floor_needs_a_kick_on_every_beat() -> None:
    assert four_on_the_floor(drum_bar([0, PPQ, 2 * PPQ, 3 * PPQ], [], [])) == Ratio(1, 1)
    assert four_on_the_floor(drum_bar([0, 2 * PPQ], [], [])) == Ratio(0, 1)
    assert beat_score(c_major_scale()) is None  # no drum track: the rows read '—'


def test_a_drum_groove_has_no_pitched_figures() -> None:
    groove = drum_bar([0], [PPQ, 3 * PPQ], list(range(0, BAR, PPQ // 2)))
    assert clusters(groove) is None
    assert step_share(groove) is None
    assert in_scale(groove) is None
    assert long_final_note(groove) is None


def test_band_music_keeps_only_its_drums() -> None:
    fiddle = Track("Fiddle", 110, notes=line([60, 62]))
    groove = drum_bar([0], [PPQ], []).tracks[0]
    only = drums_only(song_of(fiddle, groove))
    assert only is not None
    assert [t.name for t in only.tracks] == ["Drums"]
    assert drums_only(song_of(fiddle)) is None


# --- pooling and rows ------------------------------------------------------------------------


def test_pooling_weighs_songs_by_what_they_counted() -> None:
    assert pooled([Ratio(1, 1), Ratio(0, 3), None]) == pytest.approx(0.25)
    assert pooled([None]) is None
    assert show(None, "share") == DASH


def test_held_out_band_music_is_drums_of_the_presets_style() -> None:
    if not (cache_dir() / "index.json").exists():
        pytest.skip("the band data cache is not built (python -m build_scripts.band_data build)")
    material = band_material(PRESETS["rock"], "test", limit=3, bars=8)
    assert len(material.works) == 3
    for work in material.works:
        assert work.excerpt.bar_count <= 8
        assert all(track.is_drum for track in work.whole.tracks)
    assert not band_material(PRESETS["chorale"], "test", limit=3, bars=8).works


def test_a_preset_with_drums_gets_the_drum_rows_and_no_human_column() -> None:
    band = Preset(
        (
            Voice("Keys", 0, (48, 84)),
            Voice("Bass", 33, (28, 55)),
            Voice("Drums", 0, (35, 81), is_drum=True),
        ),
        (4, 4),
        "A minor",
        110,
        8,
    )
    labels = [row.label for row in rows_for("band", band)]
    assert any(label.startswith("drums: beat score") for label in labels)
    assert "range: Drums (semitones)" not in labels
    assert not style_material(manifest_rows(), "band", band, "test", limit=5, bars=8).works
    beat = next(row for row in rows_for("band", band) if row.label.startswith("drums: beat"))
    assert show(measure_column(beat, []), beat.kind) == DASH


# --- the Markov baseline ---------------------------------------------------------------------


def test_markov_songs_are_in_the_declared_meter_key_and_range() -> None:
    jig = line([62, 64, 66, 67, 69, 71, 73, 74, 73, 71, 69, 67], length=PPQ // 2)
    chain = train_chain([jig, jig[3:]], drum=False, bar_ticks=3 * PPQ)
    frame = Frame((6, 8), key_from_name("D major"), 116, 4)
    voicing = Voicing(Track("Fiddle", 110), (60, 76), 62)
    song = markov_song([chain], [voicing], frame, seed=3)
    assert song.time_signatures == (TimeSignatureChange(0, 6, 8),)
    assert song.key_signatures == (frame.key,)
    assert song.bar_count == 4
    notes = song.tracks[0].notes
    assert notes[0].pitch == 62
    assert all(60 <= n.pitch <= 76 for n in notes)
    for note in notes:  # no note crosses a bar line
        bar = song.bar_at_tick(note.start_tick)
        assert note.end_tick <= song.bar_span(bar)[1]
    assert sum(n.duration_ticks for n in notes) == 4 * 3 * PPQ


def test_a_markov_drum_part_stacks_at_most_four_hits() -> None:
    groove = drum_bar([0, 2 * PPQ], [PPQ, 3 * PPQ], list(range(0, BAR, PPQ // 2))).tracks[0]
    chain = train_chain([groove.notes] * 3, drum=True, bar_ticks=BAR)
    voicing = Voicing(Track("Drums", 0, is_drum=True), (35, 81), 36)
    song = markov_song([chain], [voicing], Frame((4, 4), C_MAJOR, 100, 4), seed=1)
    starts = [n.start_tick for n in song.tracks[0].notes]
    assert starts
    assert max(starts.count(t) for t in starts) <= 4
    assert {n.pitch for n in song.tracks[0].notes} <= {36, 38, 42}


# --- infill: the answer never reaches the model ----------------------------------------------


def held_out_chorales() -> list[Song]:
    material = style_material(
        manifest_rows(), "chorale", PRESETS["chorale"], "test", limit=4, bars=8
    )
    return [work.excerpt for work in material.works]


def test_infill_requests_give_the_model_nothing_of_the_answer() -> None:
    songs = held_out_chorales()
    assert songs
    requests = infill_requests(pick_cells(songs, 12))
    assert len(requests) == 12
    for item in requests:
        track, bar = item.cell
        assert item.answer
        assert not item.song.notes_in_bar(track, bar)
        assert not set(item.answer) & set(item.song.tracks[track].notes)
        assert item.request.controls == Controls()
        assert item.request.cells == (item.cell,)
        original = next(s for s in songs if s.title == item.song.title)
        assert original.notes_in_bar(track, bar) == item.answer
        check_no_leak(item)


def test_a_leaking_infill_request_is_refused() -> None:
    songs = held_out_chorales()
    item = infill_requests(pick_cells(songs, 1))[0]
    original = next(s for s in songs if s.title == item.song.title)
    with pytest.raises(InfillLeakError, match="still holds notes"):
        check_no_leak(dataclasses.replace(item, song=original))
    counted = Controls(density=len(item.answer))
    with pytest.raises(InfillLeakError, match="may carry the answer"):
        check_no_leak(dataclasses.replace(item, request=Regenerate((item.cell,), counted)))
    pitches = [n.pitch for n in item.answer]
    ranged = Controls(pitch_range=(min(pitches), max(pitches)))
    with pytest.raises(InfillLeakError):
        check_no_leak(dataclasses.replace(item, request=Regenerate((item.cell,), ranged)))
    moved = InfillRequest(item.song, item.cell, Regenerate(((0, 0),)), item.answer, ())
    with pytest.raises(InfillLeakError, match="writes"):
        check_no_leak(moved)


def test_obeying_means_moving_the_asked_way_at_least_halfway() -> None:
    assert asked_count(8, 1.5) == 12
    assert asked_count(8, 0.5) == 4
    assert asked_count(1, 1.5) == 2
    assert obeyed(8, 12, 10)
    assert not obeyed(8, 12, 9)
    assert not obeyed(8, 4, 9)
    assert obeyed(8, 4, 4)


# --- one real run ----------------------------------------------------------------------------


def test_a_short_real_run_prints_and_writes_every_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "metrics.json"
    argv = ["--presets", "reel", "--songs", "2", "--cells", "2", "--control-cells", "1"]
    results = run([*argv, "--threads", "2", "--out", str(out)])
    printed = capsys.readouterr().out
    assert "## reel" in printed
    assert "| steady-eighth bars" in printed
    figures = json.loads(out.read_text())["styles"]["reel"]
    assert figures["songs"]["model"] == 2
    assert figures["songs"]["human"] == 2
    assert figures["songs"]["Markov"] == 2
    rows = figures["rows"]
    for column in ("model", "human", "Markov"):
        assert 0.0 <= rows["notes in the declared scale"][column] <= 1.0
    assert rows["infill: pitch-class Jaccard"]["baseline"] is not None
    assert rows["--density 1.5x obeyed"]["model"] in (0.0, 1.0)
    assert "voice crossing (sampled 16ths)" not in rows  # one voice: no voice leading rows
    assert len(results) == 1
    assert np.isfinite(figures["rows"]["range: Fiddle (semitones)"]["model"])
    spread = figures["human_spread"]["near-repeat bars (Jaccard >= 0.8)"]
    assert 0.0 <= spread["low"] <= rows["near-repeat bars (Jaccard >= 0.8)"]["human"]
    assert rows["near-repeat bars (Jaccard >= 0.8)"]["human"] <= spread["high"] <= 1.0
    assert 0 <= spread["inside"] <= spread["songs"] == 2
    # A yes or no: a range only from redrawing five works or more, and there are two.
    assert figures["human_spread"]["ends on the tonic (songs)"] is None
    assert "| human works: span | model songs in it |" in printed
    verdict = figures["nearer"]["steps (1-2 semitones) of moves"]
    assert verdict["winner"] == "few works"  # two held-out reels are too few to redraw
    assert verdict["low"] <= verdict["high"]
    assert "nearer the human works: model or Markov (infill: or copy" in printed
    assert figures["nearer"]["infill: pitch-class Jaccard"]["winner"] in (
        "model",
        "copy",
        "tie",
    )


def test_cells_are_shared_out_evenly_or_all_given_to_each_style() -> None:
    assert split_count(7, ["folk-tune", "reel", "chorale"]) == {
        "folk-tune": 3,
        "reel": 2,
        "chorale": 2,
    }
    assert split_count(None, ["folk-tune", "chorale"]) == {"folk-tune": None, "chorale": None}
    assert split_count(5, []) == {}
