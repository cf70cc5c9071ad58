"""A song's form through MIDI: each section is a marker at its first bar on the conductor track,
read back as the same sections (names, roles, bars; English and Chinese), seen at the same bars
and seconds by other readers (symusic, pretty_midi, music21); and a foreign file's markers on bar
lines become sections while every other marker stays a marker of the song's words."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import mido
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.form_markers import (
    expected,
    form_song,
    form_songs,
    marker_round_trip,
    music21_read,
    pretty_midi_read,
    symusic_read,
)
from engine.project.midi.files import export_midi, import_midi, read_midi
from engine.project.midi.markers import SECTION_END, section_markers, sections_from_markers
from engine.song.sections import Section, role_from_name
from engine.song.song import PPQ, Note, Song, SongText, TimeSignatureChange, Track

BAR = 4 * PPQ


def _song(sections: tuple[Section, ...], bars: int = 24, **fields: object) -> Song:
    notes = tuple(Note(bar * BAR, 60, PPQ, 90) for bar in range(bars))
    return Song(
        bar_count=bars,
        tracks=(Track("Lead", notes=notes),),
        sections=sections,
        **fields,  # type: ignore[arg-type]
    )


def _markers(path: Path) -> list[tuple[int, int, str]]:
    """(file track, absolute tick, text) of every marker in the file, read with mido."""
    found = []
    for number, track in enumerate(mido.MidiFile(path, charset="utf-8").tracks):
        tick = 0
        for message in track:
            tick += message.time
            if message.type == "marker":
                found.append((number, tick, message.text))
    return found


def _without_energy(song: Song) -> Song:
    """What a MIDI file keeps of a song's form: energy lives in the project only."""
    sections = tuple(dataclasses.replace(s, energy=None) for s in song.sections)
    return dataclasses.replace(song, sections=sections)


# Writing --------------------------------------------------------------------------------


def test_each_section_is_a_marker_at_its_first_bar_on_the_conductor_track(tmp_path: Path) -> None:
    song = _song(
        (
            Section(0, 4, "Intro", "intro"),
            Section(4, 8, "主歌", "verse", 0.6),
            Section(12, 12, "副歌", "chorus"),
        )
    )
    export_midi(song, tmp_path / "song.mid")
    assert _markers(tmp_path / "song.mid") == [
        (0, 0, "Intro"),
        (0, 4 * BAR, "主歌"),
        (0, 12 * BAR, "副歌"),
    ]


def test_a_gap_after_a_section_is_marked_by_an_empty_marker(tmp_path: Path) -> None:
    song = _song((Section(0, 8, "Verse", "verse"), Section(10, 8, "Chorus", "chorus")))
    export_midi(song, tmp_path / "song.mid")
    assert [(tick // BAR, text) for _, tick, text in _markers(tmp_path / "song.mid")] == [
        (0, "Verse"),
        (8, SECTION_END),
        (10, "Chorus"),
        (18, SECTION_END),  # the bars after the last section belong to none
    ]
    assert import_midi(tmp_path / "song.mid") == song


def test_a_word_marker_already_there_is_not_written_twice(tmp_path: Path) -> None:
    song = _song(
        (Section(0, 8, "Verse", "verse"), Section(8, 16, "Chorus", "chorus")),
        texts=(SongText(8 * BAR, "marker", "Chorus"), SongText(8 * BAR, "marker", "Loud")),
    )
    assert section_markers(song) == [(0, "Verse")]
    export_midi(song, tmp_path / "song.mid")
    texts = [text for _, _, text in _markers(tmp_path / "song.mid")]
    assert texts == ["Verse", "Chorus", "Loud"]
    back = import_midi(tmp_path / "song.mid")
    assert back.sections == song.sections
    assert back.texts == (SongText(8 * BAR, "marker", "Loud"),)  # the form is not kept twice


def test_an_exported_selection_carries_its_sections_shifted(tmp_path: Path) -> None:
    song = _song(
        (
            Section(0, 4, "Intro", "intro"),
            Section(4, 8, "Verse", "verse"),
            Section(12, 12, "Chorus"),
        )
    )
    export_midi(song, tmp_path / "part.mid", bars=(8, 15))
    assert [(tick // BAR, text) for _, tick, text in _markers(tmp_path / "part.mid")] == [
        (0, "Verse"),
        (4, "Chorus"),
    ]
    assert import_midi(tmp_path / "part.mid").sections == (
        Section(0, 4, "Verse", "verse"),
        Section(4, 4, "Chorus", "chorus"),  # its role read from its name
    )


# Reading back what Tessera wrote --------------------------------------------------------


@pytest.mark.parametrize("song", form_songs(), ids=lambda song: song.title)
def test_every_form_reads_back_with_the_same_sections(song: Song, tmp_path: Path) -> None:
    export_midi(song, tmp_path / "form.mid")
    back = import_midi(tmp_path / "form.mid")
    assert back.sections == song.sections
    assert back.texts == ()
    assert dataclasses.replace(back, tempos=song.tempos) == song  # a tempo is in whole µs


def test_energy_is_not_in_the_file_and_a_name_decides_the_role(tmp_path: Path) -> None:
    song = _song(
        (
            Section(0, 8, "Hook", "verse", 0.9),  # the name says chorus
            Section(8, 8, "Ending", "other"),
            Section(16, 8, "Wandering", "bridge"),  # the name says nothing
        )
    )
    export_midi(song, tmp_path / "song.mid")
    assert import_midi(tmp_path / "song.mid").sections == (
        Section(0, 8, "Hook", "chorus"),
        Section(8, 8, "Ending", "outro"),
        Section(16, 8, "Wandering", "other"),
    )


NAMES = st.sampled_from(
    ["Intro", "Verse 1", "Chorus", "Pre-chorus", "Bridge", "A", "A'", "B2", "副歌", "主歌二",
     "尾奏", "Solo guitar", "x" * 60, "ß ü é", "Σχήμα", "riff #3", "  padded  "]
)  # fmt: skip
METERS = st.sampled_from([(4, 4), (3, 4), (6, 8), (7, 8), (2, 2), (5, 4)])


@st.composite
def formed(draw: st.DrawFn) -> Song:
    """A song of random meters with a random form, gaps included."""
    plan: list[tuple[str, int]] = []
    for _ in range(draw(st.integers(1, 8))):
        name = draw(st.one_of(NAMES, st.just("")))  # '' leaves bars to no section
        plan.append((name, draw(st.integers(1, 6))))
    if not any(name for name, _ in plan):
        plan.append(("Outro", 2))
    tail_bars = draw(st.integers(0, 3))
    bar_count = sum(bars for _, bars in plan) + tail_bars
    meters = [TimeSignatureChange(0, *draw(METERS))]
    if bar_count > 1:  # a meter change on a bar line inside the song
        change_bar = draw(st.integers(1, bar_count - 1))
        meters.append(TimeSignatureChange(change_bar * meters[0].ticks_per_bar, *draw(METERS)))
    song = form_song("Random", plan, tuple(meters), tail_bars=tail_bars)
    energies = [draw(st.none() | st.floats(0, 1)) for _ in song.sections]
    sections = tuple(
        dataclasses.replace(s, energy=e) for s, e in zip(song.sections, energies, strict=True)
    )
    return dataclasses.replace(song, sections=sections)


@settings(max_examples=40, deadline=None)
@given(song=formed())
def test_any_form_reads_back_but_its_energy(song: Song) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "song.mid"
        assert export_midi(song, path) == []
        assert import_midi(path) == _without_energy(song)


# Other readers --------------------------------------------------------------------------


@pytest.mark.parametrize("song", form_songs(), ids=lambda song: song.title)
def test_other_readers_see_the_markers_at_the_sections_bars_and_seconds(
    song: Song, tmp_path: Path
) -> None:
    path = tmp_path / "form.mid"
    export_midi(song, path)
    wanted = expected(song)
    by_symusic = symusic_read(path)
    assert [(m.name, m.bar) for m in by_symusic] == [(m.name, m.bar) for m in wanted]
    for want, read in zip(wanted, by_symusic, strict=True):
        assert read.seconds == pytest.approx(want.seconds, abs=1e-3)  # tempo in whole µs
    by_pretty_midi = pretty_midi_read(path, by_symusic)  # on pretty_midi's own downbeats
    assert [m.bar for m in by_pretty_midi] == [m.bar for m in wanted]
    assert [(m.name, m.bar) for m in music21_read(path)] == [(m.name, m.bar) for m in wanted]


def test_the_benchmark_finds_every_marker_in_every_independent_reader() -> None:
    result = marker_round_trip(musescore=False)
    written = result["sections_written"]
    readers = result["readers"]
    assert isinstance(readers, dict)
    assert written == 43
    for name in ("tessera", "symusic", "pretty_midi", "music21"):
        row = readers[name]
        assert (row["read"], row["names_equal"], row["bars_equal"]) == (written,) * 3, name
    assert readers["symusic"]["max_seconds_error"] < 1e-3
    assert result["roles_equal"] == written
    assert set(readers) == {"tessera", "symusic", "pretty_midi", "music21"}


# Foreign files --------------------------------------------------------------------------


def _foreign(
    tmp_path: Path, markers: list[tuple[int, str]], meter: tuple[int, int] = (4, 4)
) -> Path:
    """A type-1 file as a DAW writes it: markers (absolute tick, text) in the conductor track,
    eight bars of notes in another, at 480 ticks per quarter."""
    conductor = mido.MidiTrack()
    conductor.append(mido.MetaMessage("time_signature", numerator=meter[0], denominator=meter[1]))
    now = 0
    for tick, text in sorted(markers, key=lambda marker: marker[0]):
        conductor.append(mido.MetaMessage("marker", text=text, time=tick - now))
        now = tick
    bar = PPQ * 4 * meter[0] // meter[1]
    notes = mido.MidiTrack()
    for index in range(8):
        notes.append(
            mido.Message("note_on", note=60, velocity=90, time=0 if index == 0 else bar - PPQ)
        )
        notes.append(mido.Message("note_off", note=60, velocity=0, time=PPQ))
    midi = mido.MidiFile(type=1, ticks_per_beat=PPQ, charset="utf-8")
    midi.tracks += [conductor, notes]
    path = tmp_path / "foreign.mid"
    midi.save(path)
    return path


def test_a_daws_markers_on_bar_lines_become_sections_and_the_rest_stay_markers(
    tmp_path: Path,
) -> None:
    bar = 3 * PPQ
    path = _foreign(
        tmp_path,
        [
            (0, "Intro"),
            (PPQ, "Count-in ends"),  # inside a bar
            (2 * bar, "Refrain"),
            (2 * bar, "Also here"),  # a second marker on the same bar line
            (5 * bar, "x" * 61),  # too long to name a section
            (6 * bar, "间奏"),
            (8 * bar, "The end"),  # the song's end: no bar starts there
        ],
        meter=(3, 4),
    )
    imported = read_midi(path)
    assert imported.song.sections == (
        Section(0, 2, "Intro", "intro"),
        Section(2, 4, "Refrain", "chorus"),
        Section(6, 2, "间奏", "break"),
    )
    assert imported.song.texts == (
        SongText(PPQ, "marker", "Count-in ends"),
        SongText(2 * bar, "marker", "Also here"),
        SongText(5 * bar, "marker", "x" * 61),
        SongText(8 * bar, "marker", "The end"),
    )
    assert imported.warnings == []
    export_midi(imported.song, tmp_path / "again.mid")
    assert import_midi(tmp_path / "again.mid") == imported.song


def test_an_empty_marker_ends_a_section_or_stays_a_marker(tmp_path: Path) -> None:
    path = _foreign(tmp_path, [(0, ""), (2 * BAR, "Verse"), (4 * BAR, ""), (5 * BAR, "")])
    song = import_midi(path)
    assert song.sections == (Section(2, 2, "Verse", "verse"),)
    assert song.texts == (SongText(0, "marker", ""), SongText(5 * BAR, "marker", ""))


def test_markers_that_are_not_on_bar_lines_make_no_form(tmp_path: Path) -> None:
    path = _foreign(tmp_path, [(PPQ, "Verse"), (5 * BAR + 1, "Chorus")])
    song = import_midi(path)
    assert song.sections == ()
    assert [text.text for text in song.texts] == ["Verse", "Chorus"]


def test_reading_markers_directly_over_a_grid() -> None:
    grid = (0, 10, 20, 30, 40)  # four bars
    texts = (
        SongText(0, "lyric", "la"),  # words of another kind never make a section
        SongText(10, "marker", "Verse"),
        SongText(20, "cue", "Chorus"),
        SongText(30, "marker", "A"),
    )
    sections, kept = sections_from_markers(texts, grid)
    assert sections == (Section(1, 2, "Verse", "verse"), Section(3, 1, "A", "strain"))
    assert kept == (texts[0], texts[2])
    assert role_from_name("A") == "strain"
