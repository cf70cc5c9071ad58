"""Importing real-world-like MIDI files: every expectation comes from the generator's inputs.

The files come from `benchmarks.midi_factory` (written with mido, never by Tessera) and from
the committed broken files in tests/fixtures/broken/.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from benchmarks.midi_factory import (
    DRUM_CHANNEL,
    FIXTURES,
    MidiSpec,
    SpecNote,
    count_running_status_events,
    make_drums,
    make_long_notes,
    make_multichannel_track,
    make_non_ascii_names,
    make_overlaps,
    make_type0,
    write_spec,
)
from engine.project.midi.files import MidiImport, MidiImportError, read_midi
from engine.song.note_cleanup import ZERO_LENGTH_DURATION_TICKS
from engine.song.song import PPQ, Song

BROKEN_DIR = Path(__file__).parents[2] / "fixtures" / "broken"

NoteRow = tuple[int, int, int, int]
TrackSummary = tuple[int, bool, list[NoteRow]]


def scale(tick: int, spec: MidiSpec) -> int:
    """A tick of the spec's file at 480 ticks per quarter (the fixtures choose exact ticks)."""
    assert tick * PPQ % spec.ticks_per_beat == 0, "fixture ticks must map exactly to 480 ppq"
    return tick * PPQ // spec.ticks_per_beat


def expected_tracks(spec: MidiSpec) -> list[TrackSummary]:
    """(opening program, is_drum, notes at 480 ppq) per (track, channel) of the spec: a DAW
    splits a file track by channel, never by program (a program change is kept in time)."""
    by_channel: dict[tuple[int, int], list[SpecNote]] = {}
    for note in spec.notes:
        by_channel.setdefault((note.track, note.channel), []).append(note)
    result = []
    for (_, channel), notes in by_channel.items():
        rows = sorted(
            (scale(n.start_tick, spec), n.pitch, scale(n.duration_ticks, spec), n.velocity)
            for n in notes
        )
        program = min(notes, key=lambda n: n.start_tick).program
        result.append((program, channel == DRUM_CHANNEL, rows))
    return sorted(result)


def song_tracks(song: Song) -> list[TrackSummary]:
    return sorted(
        (
            track.program,
            track.is_drum,
            [(n.start_tick, n.pitch, n.duration_ticks, n.velocity) for n in track.notes],
        )
        for track in song.tracks
    )


def load(make: Callable[[Path], MidiSpec], tmp_path: Path) -> tuple[MidiSpec, MidiImport]:
    path = tmp_path / "fixture.mid"
    return make(path), read_midi(path)


CLEAN_FIXTURES = sorted(name for name in FIXTURES if name != "overlaps")


@pytest.mark.parametrize("name", CLEAN_FIXTURES)
def test_notes_arrive_at_480_ppq_one_track_per_file_track_and_channel(
    name: str, tmp_path: Path
) -> None:
    spec, imported = load(FIXTURES[name], tmp_path)
    assert song_tracks(imported.song) == expected_tracks(spec)
    assert imported.warnings == []


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_tempo_map_is_scaled_to_480_ppq(name: str, tmp_path: Path) -> None:
    spec, imported = load(FIXTURES[name], tmp_path)
    tempos = imported.song.tempos
    assert [change.tick for change in tempos] == [scale(tick, spec) for tick, _ in spec.tempos]
    for change, (_, microseconds) in zip(tempos, spec.tempos, strict=True):
        assert change.tempo_bpm == pytest.approx(60_000_000 / microseconds, rel=1e-12)


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_meters_and_bar_grid_follow_the_file(name: str, tmp_path: Path) -> None:
    spec, imported = load(FIXTURES[name], tmp_path)
    song = imported.song
    meters = [
        (change.tick, change.numerator, change.denominator) for change in song.time_signatures
    ]
    assert meters == [(scale(tick, spec), num, den) for tick, num, den in spec.meter_ticks()]
    assert list(song.bar_start_ticks) == [scale(tick, spec) for tick in spec.bar_start_ticks()]


def test_three_four_and_seven_eight_bars_hold_their_notes(tmp_path: Path) -> None:
    spec, imported = load(FIXTURES["meters"], tmp_path)
    song = imported.song
    assert [(change.numerator, change.denominator) for change in song.time_signatures] == [
        (3, 4),
        (7, 8),
        (4, 4),
    ]
    for bar in range(song.bar_count):
        (note,) = song.notes_in_bar(0, bar)
        assert note.pitch == 60 + bar
        assert note.end_tick == song.bar_span(bar)[1]
    assert song.bar_span(2) == (scale(spec.bar_start_ticks()[2], spec), 2 * 3 * PPQ + 7 * PPQ // 2)


def test_drums_on_channel_ten_are_flagged(tmp_path: Path) -> None:
    spec, imported = load(make_drums, tmp_path)
    by_name = {track.name: track for track in imported.song.tracks}
    assert by_name["Drums"].is_drum
    assert not by_name["Bass"].is_drum
    assert by_name["Bass"].program == 33
    drum_pitches = {n.pitch for n in spec.notes if n.channel == DRUM_CHANNEL}
    assert {note.pitch for note in by_name["Drums"].notes} == drum_pitches


def test_type0_file_with_running_status_splits_into_one_track_per_channel(
    tmp_path: Path,
) -> None:
    spec, imported = load(make_type0, tmp_path)
    assert count_running_status_events((tmp_path / "fixture.mid").read_bytes()) > 0
    song = imported.song
    assert len(song.tracks) == len({note.channel for note in spec.notes}) == 3
    assert [track.is_drum for track in song.tracks].count(True) == 1
    assert song.title == "fixture"  # a type-0 file has no conductor: the file name is used


def test_one_track_on_several_channels_gets_distinct_names(tmp_path: Path) -> None:
    spec, imported = load(make_multichannel_track, tmp_path)
    names = [track.name for track in imported.song.tracks]
    assert len(names) == len({note.channel for note in spec.notes}) == 4
    assert len(set(names)) == len(names)
    assert all(name.startswith("Ensemble") for name in names)


def test_unicode_title_track_names_and_key(tmp_path: Path) -> None:
    spec, imported = load(make_non_ascii_names, tmp_path)
    song = imported.song
    assert song.title == spec.title
    assert [track.name for track in song.tracks] == list(spec.track_names)
    (key,) = song.key_signatures
    assert (key.tick, key.sharps_flats, key.mode, key.name) == (0, -3, "major", "Eb major")


def test_overlaps_and_zero_length_notes_are_cleaned_with_warnings(tmp_path: Path) -> None:
    spec, imported = load(make_overlaps, tmp_path)
    long_a, short_b, dup_soft, dup_loud, zero, plain = spec.notes
    (track,) = imported.song.tracks
    got = {(n.start_tick, n.pitch): n for n in track.notes}
    assert len(track.notes) == len(spec.notes) - 1  # the two notes starting together merge
    # the earlier note of an overlap is cut where the later one starts
    assert got[long_a.start_tick, 60].duration_ticks == short_b.start_tick - long_a.start_tick
    assert got[short_b.start_tick, 60].end_tick == short_b.end_tick
    merged = got[dup_soft.start_tick, 62]
    assert merged.duration_ticks == max(dup_soft.duration_ticks, dup_loud.duration_ticks)
    assert merged.velocity == max(dup_soft.velocity, dup_loud.velocity)
    assert got[zero.start_tick, zero.pitch].duration_ticks == ZERO_LENGTH_DURATION_TICKS
    assert got[plain.start_tick, plain.pitch].duration_ticks == plain.duration_ticks
    warnings = " | ".join(imported.warnings)
    for expected in (
        "track 'Keys': 1 zero-length",
        "1 re-struck notes split",
        "1 duplicate note-ons merged",
    ):
        assert expected in warnings
    assert len(imported.warnings) == 3


def test_zero_length_note_survives_resampling(tmp_path: Path) -> None:
    notes = (SpecNote(0, 60, 96), SpecNote(96, 62, 0), SpecNote(192, 64, 96))
    write_spec(
        MidiSpec(notes, ("Low res",), ticks_per_beat=96, meters=((3, 4, 1),)), tmp_path / "low.mid"
    )
    imported = read_midi(tmp_path / "low.mid")
    durations = [note.duration_ticks for note in imported.song.tracks[0].notes]
    assert durations == [PPQ, ZERO_LENGTH_DURATION_TICKS, PPQ]
    assert any("zero-length" in warning for warning in imported.warnings)


def test_odd_ticks_at_another_resolution_round_to_the_nearest_tick(tmp_path: Path) -> None:
    notes = tuple(
        SpecNote(start, 60 + i, duration)
        for i, (start, duration) in enumerate([(1, 3), (7, 5), (13, 383), (401, 1)])
    )
    spec = write_spec(
        MidiSpec(notes, ("Odd",), ticks_per_beat=384, meters=((4, 4, 1),)), tmp_path / "odd.mid"
    )
    got = imported_rows(read_midi(tmp_path / "odd.mid"))
    for (start, pitch, duration), note in zip(got, spec.notes, strict=True):
        assert pitch == note.pitch
        assert abs(start - note.start_tick * PPQ / 384) <= 1
        assert abs(duration - note.duration_ticks * PPQ / 384) <= 1


def imported_rows(imported: MidiImport) -> list[tuple[int, int, int]]:
    return [(n.start_tick, n.pitch, n.duration_ticks) for n in imported.song.tracks[0].notes]


def test_notes_across_bar_lines_keep_their_length_and_extend_the_grid(tmp_path: Path) -> None:
    spec, imported = load(make_long_notes, tmp_path)
    song = imported.song
    last_end = max(scale(note.end_tick, spec) for note in spec.notes)
    assert song.end_tick == last_end  # the pad ends exactly on a bar line, far past the rest
    crossing = scale(spec.notes[0].start_tick, spec)
    bar = song.bar_at_tick(crossing)
    assert song.bar_span(bar)[1] < crossing + scale(spec.notes[0].duration_ticks, spec)
    assert crossing in [note.start_tick for note in song.notes_in_bar(0, bar)]
    assert crossing not in [note.start_tick for note in song.notes_in_bar(0, bar + 1)]


def test_long_piece_keeps_every_note(tmp_path: Path) -> None:
    spec, imported = load(FIXTURES["long_piece"], tmp_path)
    assert len(spec.notes) > 2000
    assert imported.song.note_count == len(spec.notes)


BROKEN_CASES = [
    ("empty.mid", r"empty \(0 bytes\)"),
    ("not_midi_text.mid", r"not a MIDI file .*'MThd'"),
    ("not_midi_png.mid", r"not a MIDI file .*'MThd'"),
    ("header_only.mid", r"only a MIDI header and no tracks"),
    ("bad_header_length.mid", r"corrupted: its header chunk says it is 1000 bytes long"),
    (
        "bad_track_length_short.mid",
        r"corrupted: after track 1, at byte 49, comes neither a "
        r"track nor any other chunk \(a chunk length is probably",
    ),
    ("zero_ticks_per_beat.mid", r"declares 0 ticks per quarter"),
    ("no_notes.mid", r"holds no notes"),
]
REPAIRED_CASES = [
    # (file, notes kept of the eight, the warning): a synth plays what is there, and so do we
    ("truncated.mid", 4, r"^1 track cut short where the file ends .*\(first: track 1, tick 1920\)"),
    ("bad_track_length_long.mid", 8, r"^1 track cut short where the file ends"),
]


def test_every_broken_fixture_has_a_case() -> None:
    assert sorted(path.name for path in BROKEN_DIR.glob("*.mid")) == sorted(
        name for name, *_ in BROKEN_CASES + REPAIRED_CASES
    )


@pytest.mark.parametrize(("file_name", "message"), BROKEN_CASES)
def test_broken_file_is_refused_with_a_reason(file_name: str, message: str) -> None:
    with pytest.raises(MidiImportError, match=message) as raised:
        read_midi(BROKEN_DIR / file_name)
    assert file_name in str(raised.value)
    assert "\n" not in str(raised.value)


@pytest.mark.parametrize(("file_name", "notes", "warning"), REPAIRED_CASES)
def test_cut_file_keeps_the_notes_before_the_cut(file_name: str, notes: int, warning: str) -> None:
    imported = read_midi(BROKEN_DIR / file_name)
    assert imported.song.note_count == notes
    assert [line for line in imported.warnings if re.search(warning, line)]
    assert [n.pitch for n in imported.song.tracks[0].notes] == [60, 62, 64, 65, 67, 69, 71, 72][
        :notes
    ]


def test_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(MidiImportError, match=r"cannot open absent\.mid"):
        read_midi(tmp_path / "absent.mid")
