"""Round trips: file -> Song -> file -> Song is the identity, and other readers agree.

Each generated file is imported, exported and imported again; the exported file is then read
by four independent readers (mido with our own note pairing, symusic, pretty_midi in seconds,
music21 in quarter lengths), which must find the same notes per track as the Song. A
hypothesis property test checks that export -> import gives back any valid Song.
"""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path

import mido
import music21
import pretty_midi
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from symusic.core import ScoreTick

from benchmarks.midi_factory import FIXTURES, pair_notes
from engine.project.midi.files import export_midi, import_midi
from engine.project.midi.markers import with_markers_as_sections
from engine.song.note_cleanup import clean_notes
from engine.song.song import (
    CONTROL_KINDS,
    DRUM_CHANNEL,
    PPQ,
    TEXT_KINDS,
    ControlEvent,
    KeySignatureChange,
    ProgramChange,
    Song,
    SongText,
    TempoChange,
    TimeSignatureChange,
    Track,
)

NoteRow = tuple[int, int, int, int]
"""(start_tick, pitch, end_tick, velocity)."""
TrackNotes = tuple[int, bool, list[NoteRow]]
"""(program, is_drum, sorted notes) of one track."""

MUSIC21_FIXTURES = sorted(name for name in FIXTURES if name != "long_piece")  # ~2 s alone


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Song, Path]]:
    """Every fixture imported once and exported by Tessera: name -> (Song, exported file)."""
    folder = tmp_path_factory.mktemp("roundtrip")
    result = {}
    for name, make in FIXTURES.items():
        make(folder / f"{name}.mid")
        song = import_midi(folder / f"{name}.mid")
        export_midi(song, folder / f"{name}.out.mid")
        result[name] = (song, folder / f"{name}.out.mid")
    return result


def song_notes(song: Song) -> list[TrackNotes]:
    return [
        (
            track.program,
            track.is_drum,
            sorted((n.start_tick, n.pitch, n.end_tick, n.velocity) for n in track.notes),
        )
        for track in song.tracks
    ]


def song_instruments(song: Song) -> list[TrackNotes]:
    """The Song's notes as readers that split by program see them: per track, one entry per
    program it plays (in order of first use), holding the notes that start under it."""
    result = []
    for track in song.tracks:
        by_program: dict[int, list[NoteRow]] = {}
        for n in track.notes:
            by_program.setdefault(track.program_at(n.start_tick), []).append(
                (n.start_tick, n.pitch, n.end_tick, n.velocity)
            )
        result += [(program, track.is_drum, sorted(rows)) for program, rows in by_program.items()]
    return result


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_import_export_import_gives_an_equal_song(
    name: str, exported: dict[str, tuple[Song, Path]]
) -> None:
    song, path = exported[name]
    assert import_midi(path) == song


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_mido_events_pair_into_the_songs_notes(
    name: str, exported: dict[str, tuple[Song, Path]]
) -> None:
    song, path = exported[name]
    midi = mido.MidiFile(path, charset="utf-8")
    got = []
    programs = []
    for track in midi.tracks[1:]:
        program, *changes = [m.program for m in track if m.type == "program_change"]
        programs.append(changes)
        notes = pair_notes(track)
        channels = {note[4] for note in notes}
        assert len(channels) == 1
        got.append((program, channels.pop() == DRUM_CHANNEL, [note[:4] for note in notes]))
    assert got == song_notes(song)
    assert programs == [[c.program for c in track.program_changes] for track in song.tracks]
    names = [m.name for track in midi.tracks[1:] for m in track if m.type == "track_name"]
    assert names == [track.name for track in song.tracks]


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_symusic_reads_the_songs_notes(name: str, exported: dict[str, tuple[Song, Path]]) -> None:
    song, path = exported[name]
    score = ScoreTick.from_file(path)
    assert score.tpq == PPQ
    got = [
        (
            track.program,
            track.is_drum,
            sorted((n.time, n.pitch, n.time + n.duration, n.velocity) for n in track.notes),
        )
        for track in score.tracks
    ]
    assert got == song_instruments(song)
    names = [
        track.name
        for track in song.tracks
        for _ in {track.program, *(change.program for change in track.program_changes)}
    ]
    assert [track.name for track in score.tracks] == names


@pytest.mark.filterwarnings("ignore:Tempo, Key or Time signature:RuntimeWarning")  # keys per track
@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_pretty_midi_reads_the_songs_notes_in_seconds(
    name: str, exported: dict[str, tuple[Song, Path]]
) -> None:
    """pretty_midi reports seconds: compare within 10 microseconds (a tick is >= 125 us)."""
    song, path = exported[name]
    midi = pretty_midi.PrettyMIDI(str(path))
    expected = song_instruments(song)
    assert [(int(i.program), bool(i.is_drum)) for i in midi.instruments] == [
        (program, is_drum) for program, is_drum, _ in expected
    ]
    for instrument, (_, _, rows) in zip(midi.instruments, expected, strict=True):
        got = sorted((n.start, n.pitch, n.end, n.velocity) for n in instrument.notes)
        assert len(got) == len(rows)
        for (start_s, pitch, end_s, velocity), (start, want_pitch, end, want_velocity) in zip(
            got, rows, strict=True
        ):
            assert (pitch, velocity) == (want_pitch, want_velocity)
            assert start_s == pytest.approx(song.tick_to_seconds(start), abs=1e-5)
            assert end_s == pytest.approx(song.tick_to_seconds(end), abs=1e-5)


def music21_pitch(note: music21.note.NotRest) -> int:
    """The MIDI pitch of a music21 note; drums come back as unpitched, with their GM sound."""
    if isinstance(note, music21.note.Unpitched):
        instrument = note.storedInstrument
        assert isinstance(instrument, music21.instrument.UnpitchedPercussion)
        assert instrument.percMapPitch is not None
        return int(instrument.percMapPitch)
    assert isinstance(note, music21.note.Note)
    return int(note.pitch.midi)


def music21_notes(part: music21.stream.Part) -> list[NoteRow]:
    """A part's notes as ticks: offsets and quarter lengths times 480, drums by GM pitch.

    music21 cuts notes at bar lines into tied pieces (in chords and voices too); pieces are
    joined here by pitch, following each note's tie.
    """
    rows: list[NoteRow] = []
    sounding: dict[int, list[int]] = {}
    for element in part.flatten().notes:
        start = round(float(element.offset) * PPQ)
        end = start + round(float(element.duration.quarterLength) * PPQ)
        members = element.notes if isinstance(element, music21.chord.ChordBase) else [element]
        for note in members:
            pitch = music21_pitch(note)
            tie = note.tie.type if note.tie is not None else None
            if tie in ("continue", "stop") and pitch in sounding:
                sounding[pitch][2] = end
            else:
                assert note.volume.velocity is not None
                sounding[pitch] = [start, pitch, end, note.volume.velocity]
            if tie in (None, "stop"):
                first, _, last, velocity = sounding.pop(pitch)
                rows.append((first, pitch, last, velocity))
    assert not sounding, f"ties left open: {sounding}"
    return sorted(rows)


@pytest.mark.parametrize("name", MUSIC21_FIXTURES)
def test_music21_reads_the_songs_notes_in_quarter_lengths(
    name: str, exported: dict[str, tuple[Song, Path]]
) -> None:
    song, path = exported[name]
    score = music21.converter.parse(str(path), quantizePost=False)
    assert isinstance(score, music21.stream.Score)
    got = []
    for part in score.parts:
        instruments = list(part.recurse().getElementsByClass(music21.instrument.Instrument))
        channel = instruments[-1].midiChannel  # the last one comes from the program change
        got.append((instruments[-1].midiProgram, channel == DRUM_CHANNEL, music21_notes(part)))
    assert got == song_notes(song)


# Property: export -> import is the identity on any valid Song ------------------------------

METERS = [(4, 4), (3, 4), (7, 8), (6, 8), (5, 4), (2, 2), (12, 8)]
NAME_TEXT = (
    st.text(
        st.characters(codec="utf-8", categories=["L", "N", "P", "S"]) | st.just(" "),
        min_size=1,
        max_size=12,
    )
    .map(str.strip)
    .filter(bool)
)


@st.composite
def meter_maps(draw: st.DrawFn) -> tuple[list[TimeSignatureChange], int, int]:
    """Meter sections of 1-3 bars each: (meter changes, bar count, end tick)."""
    sections = draw(
        st.lists(st.tuples(st.sampled_from(METERS), st.integers(1, 3)), min_size=1, max_size=3)
    )
    meters, tick, bars = [], 0, 0
    for (numerator, denominator), count in sections:
        meters.append(TimeSignatureChange(tick, numerator, denominator))
        tick += count * numerator * PPQ * 4 // denominator
        bars += count
    return meters, bars, tick


@st.composite
def tracks(draw: st.DrawFn, end_tick: int, count: int) -> list[Track]:
    """`count` tracks with distinct names, at most one drum track, notes cleaned."""
    names = draw(st.lists(NAME_TEXT, min_size=count, max_size=count, unique=True))
    drum_index = draw(st.none() | st.integers(0, count - 1))
    result = []
    for index, name in enumerate(names):
        rows = draw(
            st.lists(
                st.tuples(
                    st.integers(0, end_tick - 1),
                    st.integers(0, 127),
                    st.integers(1, 2 * PPQ),
                    st.integers(1, 127),
                ),
                min_size=1,
                max_size=25,
            )
        )
        notes = clean_notes(
            (start, pitch, min(duration, end_tick - start), velocity)
            for start, pitch, duration, velocity in rows
        )
        result.append(Track(name, draw(st.integers(0, 127)), index == drum_index, tuple(notes)))
    return result


@st.composite
def songs(draw: st.DrawFn) -> Song:
    meters, bar_count, end_tick = draw(meter_maps())
    later = st.lists(st.integers(1, end_tick - 1), max_size=3, unique=True).map(sorted)
    tempos = [
        TempoChange(tick, 60_000_000 / draw(st.integers(250_000, 1_500_000)))
        for tick in [0, *draw(later)]
    ]
    keys = [
        KeySignatureChange(
            tick, draw(st.integers(-7, 7)), draw(st.sampled_from(["major", "minor"]))
        )
        for tick in draw(
            st.lists(st.integers(0, end_tick - 1), max_size=2, unique=True).map(sorted)
        )
    ]
    return Song(
        title=draw(NAME_TEXT),
        bar_count=bar_count,
        tracks=tuple(draw(tracks(end_tick, draw(st.integers(1, 4))))),
        tempos=tuple(tempos),
        time_signatures=tuple(meters),
        key_signatures=tuple(keys),
    )


@settings(max_examples=40, deadline=None)
@given(song=songs())
def test_export_then_import_gives_back_any_clean_song(song: Song) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "song.mid"
        assert export_midi(song, path) == []
        assert import_midi(path) == song


CONTROL_NUMBERS = [n for n in range(120) if n not in (7, 10, 11, 64, 91)]
"""'cc' numbers a Song can hold freely: 7, 10 and 91 also carry the mixer (see the export), 11 and
64 have their own kinds, 120-127 are channel modes (All Notes Off ends notes on import)."""


@st.composite
def performed(draw: st.DrawFn, song: Song) -> Song:
    """`song` with program changes, controllers and words added (what a file can hold)."""
    end = song.end_tick
    tracks = []
    for track in song.tracks:
        starts = sorted({n.start_tick for n in track.notes})
        ticks = draw(
            st.lists(st.integers(starts[0] + 1, starts[-1]), max_size=3, unique=True)
            if len(starts) > 1 and starts[-1] > starts[0]
            else st.just([])
        )
        changes, program = [], track.program
        for tick in sorted(ticks):
            program = (program + draw(st.integers(1, 127))) % 128  # a change to another one
            changes.append(ProgramChange(tick, program))
        controls = []
        for _ in range(draw(st.integers(0, 6))):
            chosen = draw(st.sampled_from(CONTROL_KINDS))
            low, high = (-8192, 8191) if chosen == "pitch_bend" else (0, 127)
            value = draw(st.integers(low, high))
            number = draw(st.sampled_from(CONTROL_NUMBERS)) if chosen == "cc" else 0
            controls.append(ControlEvent(draw(st.integers(0, end)), chosen, value, number))
        tracks.append(
            dataclasses.replace(track, program_changes=tuple(changes), controls=tuple(controls))
        )
    texts = [
        SongText(draw(st.integers(0, end)), draw(st.sampled_from(TEXT_KINDS)), draw(NAME_TEXT))
        for _ in range(draw(st.integers(0, 3)))
    ]
    return dataclasses.replace(song, tracks=tuple(tracks), texts=tuple(texts))


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_export_then_import_gives_back_any_performed_song(data: st.DataObject) -> None:
    song = data.draw(songs().flatmap(performed))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "song.mid"
        assert export_midi(song, path) == []
        # A word marker drawn on a bar line comes back as a section, as a DAW shows it.
        assert import_midi(path) == with_markers_as_sections(song)
