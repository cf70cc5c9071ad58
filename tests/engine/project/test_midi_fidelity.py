"""What a MIDI file holds comes through import and export: re-struck notes, program changes in
time and from other tracks, controllers, words, legacy-encoded names; every repair and drop is
reported by kind and count; broken and hostile files give one-line errors, fast.

Files are written here byte by byte (a `smf` helper) where mido would refuse to write them
(bytes out of range, short meta events, SMPTE timing) and with mido elsewhere, so no
expectation comes from Tessera's own writer.
"""

from __future__ import annotations

import struct
from pathlib import Path

import mido
import music21
import pytest

from benchmarks.midi_mutations import vlq
from engine.project.midi.files import (
    MidiExportError,
    MidiImportError,
    export_midi,
    import_midi,
    read_midi,
)
from engine.song.sections import Section
from engine.song.song import (
    PPQ,
    ControlEvent,
    Note,
    ProgramChange,
    Song,
    SongText,
    TimeSignatureChange,
    Track,
)


def event(delta: int, *data: int) -> bytes:
    return vlq(delta) + bytes(data)


def meta(delta: int, kind: int, payload: bytes) -> bytes:
    return vlq(delta) + bytes((0xFF, kind)) + vlq(len(payload)) + payload


END = meta(0, 0x2F, b"")


def smf(*tracks: bytes, file_type: int = 1, division: int = PPQ) -> bytes:
    """A Standard MIDI File of these track bodies (each should end with END)."""
    header = b"MThd" + struct.pack(">IHHH", 6, file_type, len(tracks), division)
    return header + b"".join(b"MTrk" + struct.pack(">I", len(t)) + t for t in tracks)


def load(tmp_path: Path, data: bytes, name: str = "file.mid") -> tuple[Song, list[str]]:
    path = tmp_path / name
    path.write_bytes(data)
    imported = read_midi(path)
    return imported.song, imported.warnings


def rows(track: Track) -> list[tuple[int, int, int]]:
    return [(n.start_tick, n.pitch, n.duration_ticks) for n in track.notes]


# Notes ---------------------------------------------------------------------------------------


def test_a_re_struck_note_without_its_own_off_becomes_two_notes(tmp_path: Path) -> None:
    """on 60, on 60 again, one off: what a synth plays is two notes (the lost-notes case)."""
    body = (
        event(0, 0x90, 60, 80)
        + event(PPQ, 0x90, 60, 90)
        + event(PPQ, 0x80, 60, 0)
        + event(0, 0x90, 62, 70)
        + event(PPQ, 0x90, 62, 71)
        + event(0, 0x90, 62, 0)
        + event(PPQ, 0x80, 62, 0)
        + END
    )
    song, warnings = load(tmp_path, smf(body))
    assert rows(song.tracks[0]) == [
        (0, 60, PPQ),
        (PPQ, 60, PPQ),
        (2 * PPQ, 62, PPQ),
        (3 * PPQ, 62, PPQ),
    ]
    assert [n.velocity for n in song.tracks[0].notes] == [80, 90, 70, 71]
    # the second 62 struck while the first sounds, its off written after: still two notes
    assert "2 re-struck notes split (a note-on on a sounding note ends it)" in warnings


def test_notes_without_a_note_off_end_with_their_track_and_are_reported(tmp_path: Path) -> None:
    body = event(0, 0x90, 60, 80) + event(PPQ, 0x90, 64, 80) + event(PPQ, 0x80, 64, 0) + END
    song, warnings = load(tmp_path, smf(body))
    assert rows(song.tracks[0]) == [(0, 60, 2 * PPQ), (PPQ, 64, PPQ)]
    assert "1 notes without a note-off ended where their track ends" in warnings


def test_a_stray_note_off_is_reported(tmp_path: Path) -> None:
    body = event(0, 0x80, 50, 0) + event(0, 0x90, 60, 80) + event(PPQ, 0x80, 60, 0) + END
    _, warnings = load(tmp_path, smf(body))
    assert warnings == ["1 note-offs with no note sounding ignored"]


# Programs ------------------------------------------------------------------------------------


def test_program_changes_keep_their_time_in_one_track(tmp_path: Path) -> None:
    body = (
        event(0, 0xC0, 80)
        + event(0, 0x90, 60, 80)
        + event(PPQ, 0x80, 60, 0)
        + event(0, 0xC0, 81)
        + event(0, 0x90, 62, 80)
        + event(PPQ, 0x80, 62, 0)
        + event(0, 0xC0, 81)
        + event(0, 0x90, 64, 80)
        + event(PPQ, 0x80, 64, 0)
        + END
    )
    song, warnings = load(tmp_path, smf(body))
    (track,) = song.tracks
    assert (track.program, track.program_changes) == (80, (ProgramChange(PPQ, 81),))
    assert [track.program_at(n.start_tick) for n in track.notes] == [80, 81, 81]
    assert warnings == []


def test_a_channels_program_comes_from_whichever_track_sets_it(tmp_path: Path) -> None:
    """A setup track sets programs and controllers for the channels that others play on."""
    setup = (
        meta(0, 0x03, b"Setup")
        + event(0, 0xC3, 40)
        + event(0, 0xB3, 7, 100)
        + event(0, 0xE3, 0, 0x50)
        + event(4 * PPQ, 0xC3, 41)
        + END
    )
    player = (
        meta(0, 0x03, b"Player")
        + event(0, 0x93, 60, 80)
        + event(PPQ, 0x83, 60, 0)
        + event(4 * PPQ, 0x93, 62, 80)
        + event(PPQ, 0x83, 62, 0)
        + END
    )
    song, warnings = load(tmp_path, smf(meta(0, 0x03, b"Song") + END, setup, player))
    (track,) = song.tracks
    assert (track.name, track.program) == ("Player", 40)
    assert track.program_changes == (ProgramChange(4 * PPQ, 41),)
    assert track.gain_db == pytest.approx(-4.2)
    assert ControlEvent(0, "pitch_bend", (0x50 << 7) - 8192) in track.controls
    assert warnings == []


def test_many_tracks_of_one_instrument_share_channels_without_losing_it(tmp_path: Path) -> None:
    """Twenty tracks in 3 instruments fit 15 channels: nobody plays the wrong sound."""
    tracks = tuple(
        Track(f"T{i}", (0, 40, 73)[i % 3], notes=(Note(0, 60 + i, PPQ, 90),)) for i in range(20)
    )
    warnings = export_midi(Song(bar_count=1, tracks=tracks), tmp_path / "many.mid")
    assert len(warnings) == 1
    assert "of one instrument share a channel" in warnings[0]
    back = import_midi(tmp_path / "many.mid")
    for track in back.tracks:
        pitches = {n.pitch for n in track.notes}
        assert {tracks[p - 60].program for p in pitches} == {track.program}


# Controllers, words, mix ---------------------------------------------------------------------


def performance_file() -> bytes:
    """Bend, pedal, expression, modulation, pressure, volume automation and words."""
    conductor = (
        meta(0, 0x03, b"Show")
        + meta(0, 0x02, b"(c) 2024 Someone")
        + meta(0, 0x06, b"Verse")
        + meta(2 * PPQ, 0x06, b"Chorus")
        + meta(0, 0x07, b"lights")
        + meta(0, 0x01, b"@KMIDI KARAOKE FILE")
        + END
    )
    keys = (
        meta(0, 0x03, b"Keys")
        + event(0, 0xB0, 7, 127)
        + event(0, 0xB0, 64, 127)
        + event(0, 0xB0, 11, 90)
        + meta(0, 0x05, b"Hel")
        + event(0, 0x90, 60, 80)
        + event(PPQ // 2, 0xE0, 0, 0x60)
        + event(0, 0xB0, 1, 40)
        + event(0, 0xD0, 33)
        + meta(PPQ // 2, 0x05, b"lo")
        + event(0, 0x80, 60, 0)
        + event(0, 0xB0, 64, 0)
        + event(0, 0xE0, 0, 0x40)
        + event(PPQ, 0xB0, 7, 64)
        + event(0, 0x90, 62, 80)
        + event(PPQ, 0x80, 62, 0)
        + END
    )
    return smf(conductor, keys)


def test_controllers_and_words_are_kept_in_order(tmp_path: Path) -> None:
    song, warnings = load(tmp_path, performance_file())
    (track,) = song.tracks
    assert track.controls == (
        ControlEvent(0, "cc", 127, 7),
        ControlEvent(0, "sustain", 127),
        ControlEvent(0, "expression", 90),
        ControlEvent(240, "pitch_bend", 4096),
        ControlEvent(240, "cc", 40, 1),
        ControlEvent(240, "channel_pressure", 33),
        ControlEvent(480, "sustain", 0),
        ControlEvent(480, "pitch_bend", 0),
        ControlEvent(960, "cc", 64, 7),
    )
    assert track.gain_db == 0.0  # CC7 127 at the first note; the later 64 is automation
    # The marker on the bar line is the song's form; the one inside the bar stays a marker.
    assert song.sections == (Section(0, song.bar_count, "Verse", "verse"),)
    assert song.texts == (
        SongText(0, "copyright", "(c) 2024 Someone"),
        SongText(0, "lyric", "Hel"),
        SongText(480, "lyric", "lo"),
        SongText(960, "marker", "Chorus"),
        SongText(960, "cue", "lights"),
        SongText(960, "text", "@KMIDI KARAOKE FILE"),
    )
    assert warnings == []


def test_controllers_and_words_survive_export_and_reimport(tmp_path: Path) -> None:
    song, _ = load(tmp_path, performance_file())
    export_midi(song, tmp_path / "again.mid")
    assert import_midi(tmp_path / "again.mid") == song
    written = mido.MidiFile(tmp_path / "again.mid")
    volumes = [m.value for m in written.tracks[1] if m.type == "control_change" and m.control == 7]
    assert volumes == [127, 64]  # CC7 127 is written back, not left to a synth's default 100
    lyrics = [m.text for m in written.tracks[0] if m.type == "lyrics"]
    assert lyrics == ["Hel", "lo"]


def test_a_fader_moved_in_tessera_replaces_the_files_own_volume(tmp_path: Path) -> None:
    song, _ = load(tmp_path, performance_file())
    track = song.tracks[0]
    quieter = Song(
        bar_count=song.bar_count,
        tracks=(Track(track.name, notes=track.notes, controls=track.controls, gain_db=-6.0),),
    )
    export_midi(quieter, tmp_path / "quiet.mid")
    assert import_midi(tmp_path / "quiet.mid").tracks[0].gain_db == -6.0


# Names -----------------------------------------------------------------------------------------


LATIN = "Latin-1 (Windows-1252)"


@pytest.mark.parametrize(
    ("name", "encoding", "reported"),
    [
        ("钢琴", "gbk", "GBK"),
        ("二胡 独奏", "gbk", "GBK"),
        ("Flûte à bec", "latin-1", LATIN),
        ("Für Elise", "latin-1", LATIN),
        ("Don’t stop", "cp1252", LATIN),
        ("ピアノ", "shift_jis", "Shift-JIS"),
        ("사랑해", "euc-kr", "EUC-KR"),
        ("Гитара", "utf-8", ""),
    ],
)
def test_legacy_track_names_are_decoded(
    tmp_path: Path, name: str, encoding: str, reported: str
) -> None:
    encoded = name.encode(encoding)
    body = meta(0, 0x03, encoded) + event(0, 0x90, 60, 80) + event(PPQ, 0x80, 60, 0) + END
    song, warnings = load(tmp_path, smf(body))
    assert song.tracks[0].name == name
    legacy = [w for w in warnings if w.startswith("names and texts read as")]
    assert legacy == (
        [] if encoding == "utf-8" else [f"names and texts read as {reported} (they are not UTF-8)"]
    )


@pytest.mark.parametrize(
    ("file_name", "reported", "texts"),
    [  # files music21 ships: Chinese lyrics, Korean lyrics, a Japanese title
        ("test19.mid", "GBK", ["明", "山", "涌", "水", "郁", "郁", "葱"]),
        ("test21.mid", "EUC-KR", ["빛", "날", "세", "라", "영", "웅", "열"]),
    ],
)
def test_real_legacy_lyrics_are_decoded(file_name: str, reported: str, texts: list[str]) -> None:
    path = Path(music21.__file__).parent / "midi" / "testPrimitive" / file_name
    imported = read_midi(path)
    assert [text.text for text in imported.song.texts if text.kind == "lyric"][:7] == texts
    assert f"names and texts read as {reported} (they are not UTF-8)" in imported.warnings


def test_a_real_shift_jis_title_is_decoded() -> None:
    path = Path(music21.__file__).parent / "midi" / "testPrimitive" / "test04.mid"
    assert read_midi(path).song.title == "ベートーベン\u3000交響曲第７番\u3000第２楽章"


# Timing --------------------------------------------------------------------------------------


def test_smpte_timing_is_converted_to_seconds_at_120_bpm(tmp_path: Path) -> None:
    """25 frames of 40 ticks: 1000 ticks a second; a note at 1 s lasting 0.5 s."""
    division = (256 - 25) << 8 | 40
    body = event(1000, 0x90, 60, 80) + event(500, 0x80, 60, 0) + END
    song, warnings = load(tmp_path, smf(body, division=division))
    (note,) = song.tracks[0].notes
    assert (song.tick_to_seconds(note.start_tick), song.tick_to_seconds(note.end_tick)) == (1, 1.5)
    assert warnings == ["SMPTE timing (25 frames of 40 ticks per second) converted to 120 BPM"]


def test_a_type_2_files_patterns_are_laid_end_to_end(tmp_path: Path) -> None:
    first = event(0, 0x90, 60, 80) + event(4 * PPQ, 0x80, 60, 0) + END
    second = event(0, 0x90, 67, 80) + event(2 * PPQ, 0x80, 67, 0) + END
    song, warnings = load(tmp_path, smf(first, second, file_type=2))
    assert [rows(t) for t in song.tracks] == [[(0, 60, 4 * PPQ)], [(4 * PPQ, 67, 2 * PPQ)]]
    assert warnings == ["type-2 file: its 2 patterns are laid end to end"]


# Repairs and refusals ------------------------------------------------------------------------


def test_data_bytes_out_of_range_are_clamped_not_refused(tmp_path: Path) -> None:
    body = (
        event(0, 0xB0, 7, 200)
        + event(0, 0x90, 60, 80)
        + event(PPQ, 0x80, 60, 0)
        + event(0, 0xF0, 3, 0x7E, 0x7F, 0xF7)
        + END
    )
    song, warnings = load(tmp_path, smf(body))
    assert song.tracks[0].controls == (ControlEvent(0, "cc", 127, 7),)
    assert warnings == [
        "1 data bytes above 127 clamped to 127 (first: track 1, tick 0)",
        "1 SysEx messages dropped (device settings Tessera cannot hold) (first: track 1, tick 480)",
    ]


@pytest.mark.parametrize(
    ("bad_meta", "warning"),
    [
        (meta(0, 0x59, bytes((100, 0))), "key signatures ignored: more than 7 sharps"),
        (meta(0, 0x59, bytes((128, 0))), "key signatures ignored: more than 7 sharps"),
        (meta(0, 0x59, b"\x02"), "key signatures ignored: shorter than the 2 bytes"),
        (meta(0, 0x51, b"\x07\xa1"), "tempo events ignored: shorter than 3 bytes"),
        (meta(0, 0x51, b"\x00\x00\x00"), "tempo events ignored: shorter than 3 bytes or a tempo"),
        (meta(0, 0x58, b""), "time signatures ignored: shorter than the 2 bytes"),
        (meta(0, 0x58, b"\x04"), "time signatures ignored: shorter than the 2 bytes"),
        (meta(0, 0x58, b"\x00\x02\x18\x08"), "time signatures ignored: a meter must be 1-64"),
        (meta(0, 0x58, b"\x04\x09\x18\x08"), "time signatures ignored: a meter must be 1-64"),
        (meta(0, 0x7F, b"\x00\x00\x41"), "sequencer-specific events dropped"),
    ],
)
def test_malformed_meta_events_are_skipped_with_a_warning(
    tmp_path: Path, bad_meta: bytes, warning: str
) -> None:
    body = bad_meta + event(0, 0x90, 60, 80) + event(PPQ, 0x80, 60, 0) + END
    song, warnings = load(tmp_path, smf(body))
    assert song.note_count == 1
    assert [w for w in warnings if warning in w and "(first: track 1, tick 0)" in w]


def test_a_data_byte_before_any_status_is_a_one_line_error(tmp_path: Path) -> None:
    body = event(0, 0x90, 60, 80) + END
    with pytest.raises(
        MidiImportError,
        match=r"^bad\.mid is corrupted: track 2, tick 96: data "
        r"byte 0x3C comes before any status byte; re-export it$",
    ):
        load(tmp_path, smf(END, vlq(96) + bytes((60, 80)) + END), "bad.mid")
    load(tmp_path, smf(body))  # the same note with its status reads


def test_a_far_event_under_a_tiny_meter_is_refused_before_counting_bars(tmp_path: Path) -> None:
    """~100 bytes: a 1/64 meter and an event 2**28 ticks on would be millions of bars."""
    body = (
        meta(0, 0x58, bytes((1, 6, 24, 8)))
        + event(0, 0x90, 60, 80)
        + event(0x0FFFFFFF, 0x80, 60, 0)
        + END
    )
    with pytest.raises(
        MidiImportError,
        match=r"would need 8,947,849 bars .* more than the "
        r"100,000 a song can hold",
    ):
        load(tmp_path, smf(body))


def test_a_huge_delta_at_one_tick_per_quarter_is_refused(tmp_path: Path) -> None:
    body = event(0, 0x90, 60, 80) + event(0x0FFFFFFF, 0x80, 60, 0) + END
    with pytest.raises(
        MidiImportError,
        match=r"an event at tick 128,849,018,400 .* past the "
        r"2,147,483,647 a song can hold",
    ):
        load(tmp_path, smf(body, division=1))


def test_hundreds_of_meter_changes_import(tmp_path: Path) -> None:
    meters = b"".join(
        meta(0 if i == 0 else 3 * PPQ, 0x58, bytes((3 + i % 2, 2, 24, 8))) for i in range(200)
    )
    conductor = meters + END
    notes = event(0, 0x90, 60, 80) + event(600 * PPQ, 0x80, 60, 0) + END
    song, _ = load(tmp_path, smf(conductor, notes))
    assert len(song.time_signatures) == 200
    assert song.bar_count == 200  # each 1440-tick section is one bar, whole (3/4) or cut (4/4)


# Export limits -------------------------------------------------------------------------------


def test_a_song_too_long_to_read_back_is_refused_on_export(tmp_path: Path) -> None:
    song = Song(
        bar_count=20_000,
        time_signatures=(TimeSignatureChange(0, 64, 1),),
        tracks=(Track("Long", notes=(Note(0, 60, PPQ, 90),)),),
    )
    with pytest.raises(
        MidiExportError,
        match=r"the song is 2,457,600,000 ticks long, more than "
        r"the 2,147,483,647 a MIDI file can be read back",
    ):
        export_midi(song, tmp_path / "long.mid")
    gap = Song(
        bar_count=3000,
        time_signatures=(TimeSignatureChange(0, 64, 1),),
        tracks=(Track("Long", notes=(Note(0, 60, PPQ, 90),)),),
    )
    with pytest.raises(MidiExportError, match=r"silent for 368,640,000 ticks from tick 0"):
        export_midi(gap, tmp_path / "gap.mid")
    assert not (tmp_path / "gap.mid").exists()


def test_a_header_that_miscounts_its_tracks_is_read_whole(tmp_path: Path) -> None:
    data = bytearray(smf(event(0, 0x90, 60, 80) + event(PPQ, 0x80, 60, 0) + END))
    data[10:12] = (3).to_bytes(2, "big")
    song, warnings = load(tmp_path, bytes(data))
    assert song.note_count == 1
    assert warnings == ["the header declares 3 tracks and the file holds 1: all 1 read"]
