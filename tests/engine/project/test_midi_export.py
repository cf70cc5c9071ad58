"""What a DAW gets from `export_midi`, checked by reading the file back with mido's raw events.

The sample Song below has a meter, tempo and key map, overlapping and back-to-back notes of
one pitch, a drum track and an empty bar at the end; every expectation is derived from it.
"""

from __future__ import annotations

import errno
import itertools
from collections.abc import Callable
from pathlib import Path
from typing import IO

import mido
import pytest

from benchmarks.midi_factory import RawNote, absolute_events, pair_notes
from engine.project.midi.files import MidiExportError, export_midi, import_midi
from engine.song.song import (
    DRUM_CHANNEL,
    PPQ,
    KeySignatureChange,
    Note,
    Song,
    TempoChange,
    TimeSignatureChange,
    Track,
)

BAR_44, BAR_78, BAR_34 = 4 * PPQ, 7 * PPQ // 2, 3 * PPQ


def sample_song() -> Song:
    """Bars 0-1 in 4/4, 2-3 in 7/8, 4-5 in 3/4; the last bar is empty."""
    bar2, bar3, bar4 = 2 * BAR_44, 2 * BAR_44 + BAR_78, 2 * BAR_44 + 2 * BAR_78
    piano = Track(
        "Piano ✓",
        0,
        notes=(
            Note(0, 60, 960, 90),
            Note(480, 60, 480, 70),  # same pitch, overlapping
            Note(960, 62, 480, 80),
            Note(1440, 62, 480, 81),  # same pitch, back to back
            Note(bar3 + 960, 64, 1200, 100),  # starts in bar 3, ends in bar 4
            Note(bar4, 67, 240, 60),
        ),
    )
    bass = Track("Bass", 33, notes=tuple(Note(t, 36, 240, 100) for t in range(0, bar4, 480)))
    drums = Track(
        "", 0, is_drum=True, notes=tuple(Note(t, 42, 30, 110) for t in range(0, bar4, 240))
    )
    return Song(
        title="Export test — ünïcode",
        bar_count=6,
        tracks=(piano, bass, drums),
        tempos=(TempoChange(0, 120.0), TempoChange(bar2, 90.0), TempoChange(bar3, 100.0)),
        time_signatures=(
            TimeSignatureChange(0, 4, 4),
            TimeSignatureChange(bar2, 7, 8),
            TimeSignatureChange(bar4, 3, 4),
        ),
        key_signatures=(KeySignatureChange(0, -2), KeySignatureChange(bar2, 3, "minor")),
    )


def export(
    song: Song,
    path: Path,
    track_indices: list[int] | None = None,
    bars: tuple[int, int] | None = None,
) -> mido.MidiFile:
    """Export with Tessera, read back with mido (text decoded as the UTF-8 it was written in)."""
    export_midi(song, path, track_indices, bars)
    return mido.MidiFile(path, charset="utf-8")


def metas(track: mido.MidiTrack, kind: str) -> list[tuple[int, mido.MetaMessage]]:
    return [(tick, message) for tick, message in absolute_events(track) if message.type == kind]


def test_file_is_type_1_at_480_ppq_with_a_conductor_track(tmp_path: Path) -> None:
    song = sample_song()
    midi = export(song, tmp_path / "out.mid")
    assert (midi.type, midi.ticks_per_beat) == (1, 480)
    conductor = midi.tracks[0]
    assert all(message.is_meta for message in conductor)
    assert [m.name for _, m in metas(conductor, "track_name")] == [song.title]
    tempos = [(tick, m.tempo) for tick, m in metas(conductor, "set_tempo")]
    assert tempos == [(c.tick, round(60_000_000 / c.tempo_bpm)) for c in song.tempos]
    meters = [
        (tick, m.numerator, m.denominator, m.clocks_per_click, m.notated_32nd_notes_per_beat)
        for tick, m in metas(conductor, "time_signature")
    ]
    assert meters == [(c.tick, c.numerator, c.denominator, 24, 8) for c in song.time_signatures]
    keys = [(tick, m.key) for tick, m in metas(conductor, "key_signature")]
    assert keys == [(0, "Bb"), (2 * BAR_44, "F#m")]  # two flats major; three sharps minor


Meter = tuple[int, int, int]
"""(tick, numerator, denominator)."""


@pytest.mark.parametrize(
    ("meters", "written"),
    [
        # 4/4, then 3/4 two beats into the second bar: that bar is a bar of 2/4
        ([(0, 4, 4), (BAR_44 + 960, 3, 4)], [(0, 4, 4), (BAR_44, 2, 4), (BAR_44 + 960, 3, 4)]),
        # a one-beat pickup before 3/4: the first bar is 1/4
        ([(0, 3, 4), (PPQ, 3, 4)], [(0, 1, 4), (PPQ, 3, 4)]),
        # 6/8 cut after three eighths keeps counting eighths; five sixteenths need sixteenths
        ([(0, 6, 8), (720, 4, 4)], [(0, 3, 8), (720, 4, 4)]),
        ([(0, 4, 4), (600, 3, 4)], [(0, 5, 16), (600, 3, 4)]),
        # a cut no meter can say (ten ticks) stays where the Song has it
        ([(0, 4, 4), (BAR_44 + 10, 3, 4)], [(0, 4, 4), (BAR_44 + 10, 3, 4)]),
        # changes on bar lines are written as they are
        ([(0, 4, 4), (2 * BAR_44, 7, 8)], [(0, 4, 4), (2 * BAR_44, 7, 8)]),
    ],
)
def test_a_bar_cut_short_by_a_meter_change_gets_its_own_meter_on_its_bar_line(
    meters: list[Meter], written: list[Meter], tmp_path: Path
) -> None:
    """MuseScore moves a meter event inside a bar to that bar's start (every later bar line
    moves with it): the file says the cut bar's length instead, and reads back the same bars."""
    song = Song(
        bar_count=4,
        tracks=(Track("Piano", notes=(Note(0, 60, 480, 90),)),),
        time_signatures=tuple(TimeSignatureChange(*meter) for meter in meters),
    )
    midi = export(song, tmp_path / "cut.mid")
    found = [(t, m.numerator, m.denominator) for t, m in metas(midi.tracks[0], "time_signature")]
    assert found == written
    assert import_midi(tmp_path / "cut.mid").bar_start_ticks == song.bar_start_ticks


def test_one_named_track_per_instrument_on_its_own_channel(tmp_path: Path) -> None:
    song = sample_song()
    midi = export(song, tmp_path / "out.mid")
    assert len(midi.tracks) == 1 + len(song.tracks)
    channels = []
    for track, midi_track in zip(song.tracks, midi.tracks[1:], strict=True):
        names = [m.name for _, m in metas(midi_track, "track_name")]
        assert names == [track.name or "Drums"]
        programs = [
            (tick, m.program)
            for tick, m in absolute_events(midi_track)
            if m.type == "program_change"
        ]
        assert programs == [(0, track.program)]
        used = {m.channel for m in midi_track if not m.is_meta}
        assert len(used) == 1
        channels.append(used.pop())
    assert len(set(channels)) == len(channels)
    assert [c == DRUM_CHANNEL for c in channels] == [t.is_drum for t in song.tracks]


def test_past_fifteen_melodic_tracks_channels_are_shared_with_a_warning(tmp_path: Path) -> None:
    tracks = tuple(Track(f"T{i}", i, notes=(Note(0, 60, 480, 90),)) for i in range(17))
    warnings = export_midi(Song(bar_count=1, tracks=tracks), tmp_path / "many.mid")
    assert any(
        "17 melodic tracks" in warning and "share a channel" in warning for warning in warnings
    )


def note_events(track: mido.MidiTrack) -> list[tuple[int, mido.Message]]:
    return [(tick, m) for tick, m in absolute_events(track) if m.type in ("note_on", "note_off")]


def is_off(message: mido.Message) -> bool:
    return bool(message.type == "note_off" or message.velocity == 0)


def crowded_song() -> Song:
    """Sixteen melodic tracks (two share channel 1) whose same-pitch notes collide."""
    first = Track("First", 0, notes=(Note(0, 60, 960, 90), Note(480, 60, 960, 91)))
    middle = tuple(Track(f"M{i}", i, notes=(Note(0, 50 + i, 1, 80),)) for i in range(14))
    last = Track("Last", 1, notes=(Note(240, 60, 240, 92), Note(1440, 60, 480, 93)))
    return Song(bar_count=1, tracks=(first, *middle, last))


@pytest.mark.parametrize("make_song", [sample_song, crowded_song])
def test_no_overlap_or_zero_length_note_per_channel_and_offs_first(
    make_song: Callable[[], Song], tmp_path: Path
) -> None:
    midi = export(make_song(), tmp_path / "out.mid")
    for track in midi.tracks:
        events = note_events(track)
        for (tick, first), (next_tick, second) in itertools.pairwise(events):
            if tick == next_tick:
                assert not (is_off(second) and not is_off(first)), f"note-on first at {tick}"
    raw = [note for track in midi.tracks for note in pair_notes(track)]
    assert len(raw) == sum(len(track.notes) for track in make_song().tracks)
    for start, pitch, end, _, channel in raw:
        assert end > start, f"zero-length note {pitch} at {start} on channel {channel}"
    for earlier, later in pairwise_by_key(raw):
        assert later[0] >= earlier[2], f"same-pitch overlap: {earlier} and {later}"


def pairwise_by_key(notes: list[RawNote]) -> list[tuple[RawNote, RawNote]]:
    """Consecutive notes (by start) of the same channel and pitch, across all tracks."""
    groups: dict[tuple[int, int], list[RawNote]] = {}
    for note in sorted(notes):
        groups.setdefault((note[4], note[1]), []).append(note)
    return [pair for group in groups.values() for pair in itertools.pairwise(group)]


def test_every_track_ends_at_the_end_of_the_last_bar(tmp_path: Path) -> None:
    song = sample_song()
    assert max(track.end_tick for track in song.tracks) < song.bar_span(song.bar_count - 1)[0]
    midi = export(song, tmp_path / "out.mid")
    for track in midi.tracks:
        assert track[-1].type == "end_of_track"
        assert absolute_events(track)[-1][0] == song.end_tick
        assert [m.type for m in track].count("end_of_track") == 1


def test_selection_holds_exactly_its_notes_shifted_with_the_map_in_force(tmp_path: Path) -> None:
    song = sample_song()
    track_indices, (first, last) = [0, 2], (2, 3)
    start, end = song.bar_span(first)[0], song.bar_span(last)[1]
    midi = export(song, tmp_path / "part.mid", track_indices, (first, last))
    assert len(midi.tracks) == 1 + len(track_indices)
    for index, midi_track in zip(track_indices, midi.tracks[1:], strict=True):
        expected = sorted(
            (n.start_tick - start, n.pitch, min(n.end_tick, end) - start, n.velocity)
            for n in song.tracks[index].notes
            if start <= n.start_tick < end
        )
        assert expected, "the selection should not be empty"
        assert [raw[:4] for raw in pair_notes(midi_track)] == expected
        assert absolute_events(midi_track)[-1][0] == end - start
    conductor = midi.tracks[0]
    tempos = [(tick, m.tempo) for tick, m in metas(conductor, "set_tempo")]
    in_range = [c for c in song.tempos if start < c.tick < end]
    assert tempos == [(0, round(60_000_000 / song.tempo_at(start).tempo_bpm))] + [
        (c.tick - start, round(60_000_000 / c.tempo_bpm)) for c in in_range
    ]
    meter = song.time_signature_at(start)
    assert [
        (tick, m.numerator, m.denominator) for tick, m in metas(conductor, "time_signature")
    ] == [(0, meter.numerator, meter.denominator)]
    assert [m.key for _, m in metas(conductor, "key_signature")] == ["F#m"]


def test_a_church_mode_is_written_as_its_signatures_major_key(tmp_path: Path) -> None:
    """MIDI declares major or minor only: E dorian goes out as D major's two sharps (its notes
    unchanged), and reads back as D major."""
    song = Song(
        bar_count=1,
        tracks=(Track("Fiddle", 110, notes=(Note(0, 64, 4 * PPQ, 80),)),),
        key_signatures=(KeySignatureChange(0, 2, "dorian"),),
    )
    path = tmp_path / "dorian.mid"
    export_midi(song, path)
    midi = mido.MidiFile(path)
    assert [m.key for _, m in metas(midi.tracks[0], "key_signature")] == ["D"]
    back = import_midi(path)
    assert back.key_signatures == (KeySignatureChange(0, 2, "major"),)
    assert back.tracks[0].notes[0].pitch == 64


def test_song_without_tracks_is_refused(tmp_path: Path) -> None:
    with pytest.raises(MidiExportError, match="no tracks"):
        export_midi(Song(), tmp_path / "empty.mid")
    assert list(tmp_path.iterdir()) == []


def test_destination_that_is_a_folder_raises_and_leaves_no_temp_file(tmp_path: Path) -> None:
    folder = tmp_path / "song.mid"
    folder.mkdir()
    with pytest.raises(MidiExportError, match=r"cannot write song\.mid"):
        export_midi(sample_song(), folder)
    assert list(tmp_path.iterdir()) == [folder]
    assert list(folder.iterdir()) == []


def test_destination_in_a_missing_folder_raises(tmp_path: Path) -> None:
    with pytest.raises(MidiExportError, match="No such file or directory"):
        export_midi(sample_song(), tmp_path / "missing" / "song.mid")
    assert list(tmp_path.iterdir()) == []


def test_failure_mid_write_leaves_the_existing_file_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "song.mid"
    export_midi(sample_song(), target)
    before = target.read_bytes()

    def disk_full(
        self: mido.MidiFile, filename: object = None, file: IO[bytes] | None = None
    ) -> None:
        assert file is not None
        file.write(b"MThd\x00\x00\x00\x06\x00\x01")  # part of a header, then the disk fills
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(mido.MidiFile, "save", disk_full)
    smaller = Song(bar_count=1, tracks=(Track("Solo", notes=(Note(0, 72, 480, 90),)),))
    with pytest.raises(MidiExportError, match="No space left on device"):
        export_midi(smaller, target)
    assert target.read_bytes() == before
    assert list(tmp_path.iterdir()) == [target]
