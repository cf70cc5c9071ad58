"""MuseScore reads Tessera's MIDI exports as the Song: parts, instruments, tempo, meter, key, notes.

Every Song here (built below, and files imported then exported: the generated fixtures of
`benchmarks.midi_factory` and the valid seed files in tests/fixtures/midi_fuzz) is written
with `export_midi` and converted to MusicXML by headless MuseScore 3 (the Debian package
`musescore3`, GPL, used by these tests only and never shipped), all files in one batch run
(`mscore3 -j jobs.json`) with MuseScore's default import options, which is what a user who
opens the file sees, and again with the two options that only shorten written notes
(`WRITTEN_AS_PLAYED`). music21 reads the MusicXML; each aspect must agree with the Song.

What MuseScore 3 (3.2) does to a MIDI file by design, and so what "agree" means here:

- one part per track with notes, in track order (a notation program has no empty parts);
- instrument: a track keeps one instrument for the whole score, from the *last* program
  change in its track (MuseScore 3 reads the program into one value per track and shows no
  instrument changes); drums become a percussion part;
- tempo: shown and played at a whole BPM, rounded half up (72.5 BPM is 73);
- meter: every bar starts and ends where the Song's does, under the Song's meter, in every
  part. A bar that a meter change cuts short (a pickup, an odd bar) is compared by its span;
- key: the Song's sharps or flats at its ticks in every pitched part. MuseScore 3.2 keeps no
  mode (no <mode> in its MusicXML), so a mode is compared only where MuseScore writes one.
  A Song with no key gets the key MuseScore guesses from the notes, as the file has none;
- notes: the same count, pitch and onset (to the tick: every Song here lies on a 1/16 grid,
  which MuseScore quantises to). By default a pitched note's duration is never shorter than
  the Song's and is lengthened only over silence, up to the next onset in its track (or the
  song's end): MuseScore's "simplify durations" writes a note and the rest after it as one
  longer note, and drum notes fill their beat. With those simplifications off every note,
  drums too, lasts exactly as long as the Song's (to MuseScore's quantisation: it rounds a
  note's end to a grid that grows with the note's length). MusicXML writes a drum note as a
  staff position and an instrument whose <midi-unpitched> is its MIDI key, which music21
  does not keep, so the drum keys are read from there.

Not covered, because MuseScore replaces the file's maps there: a Song whose notes sit off
the 1/16 grid on most beats (a played performance) is detected as a "human performance", and
MuseScore then derives its own tempo and meter from the notes and ignores the file's. A DAW
keeps the file's; in MuseScore, untick "Human performance" in the MIDI import panel.
"""

from __future__ import annotations

import itertools
import json
import math
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import music21
import pytest
from music21.key import Key

from benchmarks.midi_factory import FIXTURES
from engine.project.midi.files import export_midi, import_midi
from engine.song.song import (
    DRUM_CHANNEL,
    PPQ,
    KeySignatureChange,
    Note,
    ProgramChange,
    Song,
    TempoChange,
    TimeSignatureChange,
    Track,
)

MSCORE = shutil.which("mscore3") or shutil.which("musescore3")
pytestmark = pytest.mark.skipif(
    MSCORE is None,
    reason="MuseScore 3 is not installed: apt-get install musescore3 "
    "(build_scripts/debian-packages.txt lists it; bootstrap.sh installs it)",
)
MSCORE_TIMEOUT_S = 180
SIXTEENTH = PPQ // 4
FUZZ_FIXTURES = Path(__file__).parents[2] / "fixtures" / "midi_fuzz"
SEED_FILES = ("seed_type0", "seed_type1", "seed_running_status", "header_type_2")
"""Valid files among the fuzz fixtures (header_type_2 is a type-2 file, laid end to end)."""
ROUND_TRIPPED = sorted(name for name in FIXTURES if name != "long_piece")
"""long_piece (8,700 notes) takes music21 ~10 s to read back; its maps are in tempo_changes."""


def bars(*meters: tuple[int, int, int]) -> list[int]:
    """Bar start ticks for (numerator, denominator, bar count) sections, then the end."""
    starts = [0]
    for numerator, denominator, count in meters:
        starts += [starts[-1] + numerator * 4 * PPQ // denominator * (i + 1) for i in range(count)]
    return starts


def band_song() -> Song:
    """4/4 -> 3/4 -> 6/8; A major -> F minor -> E minor; 120 -> 96 -> 132 BPM; a piano that
    turns into an electric piano, a bass, strings holding chords across bar lines, drums."""
    starts = bars((4, 4, 2), (3, 4, 2), (6, 8, 2))
    eighth = PPQ // 2
    piano = [Note(tick, 69 + tick // eighth % 5, eighth, 90) for tick in range(0, starts[2], PPQ)]
    piano += [
        Note(tick, 65 + tick // PPQ % 4, PPQ, 80) for tick in range(starts[2], starts[4], PPQ)
    ]
    piano += [
        Note(tick, 64 + i % 3, eighth, 85)
        for i, tick in enumerate(range(starts[4], starts[6], eighth))
    ]
    bass = [
        Note(start, 45 - 4 * (bar >= 2), PPQ * 3 // 2, 100) for bar, start in enumerate(starts[:-1])
    ]
    strings = [Note(starts[0], pitch, starts[2], 60) for pitch in (57, 61, 64)]
    strings += [Note(starts[2] + PPQ, pitch, starts[4] - starts[2], 60) for pitch in (53, 56, 60)]
    drums = [
        Note(tick, 36 if tick % PPQ == 0 else 42, SIXTEENTH, 100)
        for tick in range(0, starts[6], eighth)
    ] + [Note(start + PPQ, 38, SIXTEENTH, 90) for start in starts[:-1]]
    return Song(
        title="Band",
        bar_count=6,
        tracks=(
            Track("Piano", 0, notes=tuple(piano), program_changes=(ProgramChange(starts[2], 4),)),
            Track("Bass", 33, notes=tuple(bass)),
            Track("Strings", 48, notes=tuple(strings)),
            Track("Drums", 0, True, notes=tuple(drums)),
        ),
        tempos=(TempoChange(0, 120.0), TempoChange(starts[2], 96.0), TempoChange(starts[4], 132.0)),
        time_signatures=(
            TimeSignatureChange(0, 4, 4),
            TimeSignatureChange(starts[2], 3, 4),
            TimeSignatureChange(starts[4], 6, 8),
        ),
        key_signatures=(
            KeySignatureChange(0, 3),
            KeySignatureChange(starts[2], -4, "minor"),
            KeySignatureChange(starts[4], 1, "minor"),
        ),
    )


def waltz_song() -> Song:
    """3/4 in E-flat major from a one-beat pickup (a first bar cut short), at 84 BPM slowing
    to 72.5: flute over a guitar's bass notes and chords."""
    bar = 3 * PPQ
    steps = (0, 2, 3, 5, 7, 5)
    flute = [Note(0, 70, PPQ, 80)]
    flute += [Note(PPQ + i * PPQ // 2, 70 + steps[i % 6], PPQ // 2, 80) for i in range(48)]
    guitar = [
        Note(PPQ + b * bar + beat * PPQ, pitch, PPQ, 70)
        for b in range(8)
        for beat in (1, 2)
        for pitch in (55, 58, 63)
    ]
    guitar += [Note(PPQ + b * bar, 39 + (b % 2) * 7, PPQ, 90) for b in range(8)]
    return Song(
        title="Waltz",
        bar_count=9,
        tracks=(Track("Flute", 73, notes=tuple(flute)), Track("Guitar", 24, notes=tuple(guitar))),
        tempos=(TempoChange(0, 84.0), TempoChange(PPQ + 6 * bar, 72.5)),
        time_signatures=(TimeSignatureChange(0, 3, 4), TimeSignatureChange(PPQ, 3, 4)),
        key_signatures=(KeySignatureChange(0, -3),),
    )


def jig_song() -> Song:
    """6/8 in B minor at 116 BPM; its fourth bar is cut short after three eighths by a change
    to 4/4 and D major: fiddle, accordion and a drum kit."""
    bar = 3 * PPQ
    cut = 3 * bar + 3 * PPQ // 2  # three eighths into the fourth bar
    fiddle = [Note(i * PPQ // 2, 71 + (0, 2, 4, 2, 0, -1)[i % 6], PPQ // 2, 95) for i in range(21)]
    fiddle += [Note(cut + i * PPQ, 74 + i % 4, PPQ, 95) for i in range(8)]
    accordion = [Note(b * bar, pitch, bar, 70) for b in range(3) for pitch in (59, 62, 66)]
    accordion += [Note(3 * bar, pitch, cut - 3 * bar, 70) for pitch in (59, 62, 66)]
    accordion += [
        Note(cut + b * 4 * PPQ, pitch, 4 * PPQ, 70) for b in range(2) for pitch in (62, 66, 69)
    ]
    drums = [
        Note(b * bar + off, key, SIXTEENTH, 100)
        for b in range(3)
        for off, key in ((0, 36), (PPQ * 3 // 2, 38))
    ]
    drums += [Note(3 * bar, 36, SIXTEENTH, 100)]
    drums += [Note(cut + i * PPQ, (36, 38)[i % 2], SIXTEENTH, 100) for i in range(8)]
    return Song(
        title="Jig",
        bar_count=6,
        tracks=(
            Track("Fiddle", 40, notes=tuple(fiddle)),
            Track("Accordion", 21, notes=tuple(accordion)),
            Track("Kit", 0, True, notes=tuple(drums)),
        ),
        tempos=(TempoChange(0, 116.0),),
        time_signatures=(TimeSignatureChange(0, 6, 8), TimeSignatureChange(cut, 4, 4)),
        key_signatures=(KeySignatureChange(0, 2, "minor"), KeySignatureChange(cut, 2)),
    )


BUILT = {"band": band_song, "waltz": waltz_song, "jig": jig_song}
NAMES = [*BUILT, *ROUND_TRIPPED, *SEED_FILES]
WRITTEN_AS_PLAYED = """<?xml version="1.0" encoding="UTF-8"?>
<MidiOptions>
  <SimplifyDurations>false</SimplifyDurations>
  <ShowStaccato>false</ShowStaccato>
</MidiOptions>
"""
"""MuseScore's MIDI import options (mscore3 -M) that write each note as long as it is played:
no note lengthened over the rest after it, no short note shown as a longer one with a dot."""

Bar = tuple[int, int, tuple[int, int] | None]
"""(start tick, length in ticks, meter): None for a bar shorter than its meter says."""
NoteRow = tuple[int, int, int]
"""(start tick, pitch, end tick)."""


@dataclass(frozen=True)
class PartReading:
    """One MusicXML part as music21 reads it, positions in ticks at 480 per quarter."""

    program: int | None
    drum: bool
    bars: list[Bar]
    keys: list[tuple[int, int, str | None]]
    """(tick, sharps or -flats, mode or None where MuseScore writes none)."""
    notes: list[NoteRow]
    """Tied pieces joined into one note."""


@dataclass(frozen=True)
class Reading:
    parts: list[PartReading]
    tempos: list[tuple[int, float]]


@dataclass(frozen=True)
class Case:
    song: Song
    reading: Reading
    """MuseScore's reading with its default import options: what a user opening the file sees."""
    as_played: list[list[NoteRow]]
    """The notes per part of a second reading with `WRITTEN_AS_PLAYED`."""


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Case]:
    """Every Song exported, converted by two MuseScore batch runs and read back."""
    folder = tmp_path_factory.mktemp("musescore")
    songs = {name: make() for name, make in BUILT.items()}
    for name in ROUND_TRIPPED:
        FIXTURES[name](folder / f"{name}.in.mid")
        songs[name] = import_midi(folder / f"{name}.in.mid")
    for name in SEED_FILES:
        songs[name] = import_midi(FUZZ_FIXTURES / f"{name}.mid")
    for name, song in songs.items():
        off_grid = [n for t in song.tracks for n in t.notes if n.start_tick % SIXTEENTH]
        assert not off_grid, f"{name}: notes off the 1/16 grid MuseScore quantises to"
        export_midi(song, folder / f"{name}.mid")
    (folder / "as_played.xml").write_text(WRITTEN_AS_PLAYED, encoding="utf-8")
    for run, options in (("default", []), ("as_played", ["-M", str(folder / "as_played.xml")])):
        jobs = [
            {"in": str(folder / f"{name}.mid"), "out": str(folder / f"{name}.{run}.musicxml")}
            for name in songs
        ]
        (folder / f"{run}.json").write_text(json.dumps(jobs), encoding="utf-8")
        run_musescore([*options, "-j", str(folder / f"{run}.json")], folder / run)
    return {
        name: Case(
            song,
            read_musicxml(folder / f"{name}.default.musicxml"),
            [part.notes for part in read_musicxml(folder / f"{name}.as_played.musicxml").parts],
        )
        for name, song in songs.items()
    }


def run_musescore(arguments: list[str], home: Path) -> None:
    """Run MuseScore headless, with settings of its own under `home` (a user's preferences
    would change what it imports)."""
    assert MSCORE is not None
    env = os.environ | {
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_RUNTIME_DIR": str(home / "runtime"),
    }
    (home / "runtime").mkdir(parents=True, mode=0o700)
    done = subprocess.run(
        [MSCORE, *arguments],
        capture_output=True,
        text=True,
        errors="replace",
        env=env,
        timeout=MSCORE_TIMEOUT_S,
        check=False,
    )
    assert done.returncode == 0, f"mscore3 failed ({done.returncode}): {done.stderr[-2000:]}"


STEPS = ("C", "C", "D", "D", "E", "F", "F", "G", "G", "A", "A", "B")


def drums_as_pitches(path: Path) -> Path:
    """A copy of MuseScore's MusicXML with each drum note's MIDI key as its pitch.

    MusicXML writes a drum note as a staff position (<unpitched>) played by an instrument of
    the part whose <midi-unpitched> is the key plus one; music21 keeps only the position.
    """
    tree = ET.parse(path)
    keys = {
        instrument.get("id"): int(unpitched.text or "0") - 1
        for instrument in tree.iter("midi-instrument")
        if (unpitched := instrument.find("midi-unpitched")) is not None
    }
    for note in tree.iter("note"):
        unpitched, played_by = note.find("unpitched"), note.find("instrument")
        if unpitched is None or played_by is None:
            continue
        key = keys[played_by.get("id")]
        pitch = ET.Element("pitch")
        ET.SubElement(pitch, "step").text = STEPS[key % 12]
        if STEPS[key % 12] == STEPS[(key - 1) % 12]:
            ET.SubElement(pitch, "alter").text = "1"
        ET.SubElement(pitch, "octave").text = str(key // 12 - 1)
        position = list(note).index(unpitched)
        note.remove(unpitched)
        note.insert(position, pitch)
    pitched = path.with_suffix(".pitched.musicxml")
    tree.write(pitched, encoding="utf-8", xml_declaration=True)
    return pitched


def ticks(quarters: float | Fraction) -> int:
    return round(float(quarters) * PPQ)


def read_musicxml(path: Path) -> Reading:
    score = music21.converter.parse(str(drums_as_pitches(path)), format="musicxml")
    assert isinstance(score, music21.stream.Score)
    tempos = {
        (ticks(mark.getOffsetInHierarchy(score)), float(mark.number))
        for mark in score.recurse().getElementsByClass(music21.tempo.MetronomeMark)
    }
    return Reading([read_part(staves) for staves in musicxml_parts(score)], sorted(tempos))


def musicxml_parts(score: music21.stream.Score) -> list[list[music21.stream.Part]]:
    """music21 turns a part on two staves (a piano MuseScore splits into treble and bass) into
    one PartStaff per staff, named `<part id>-Staff<n>`; they are joined back into the part."""
    parts: dict[str, list[music21.stream.Part]] = {}
    for part in score.parts:
        key = str(part.id)
        if isinstance(part, music21.stream.PartStaff):
            key = key.rsplit("-Staff", 1)[0]
        parts.setdefault(key, []).append(part)
    return list(parts.values())


def read_part(staves: list[music21.stream.Part]) -> PartReading:
    first = staves[0]
    instrument = first.getInstrument(returnDefault=False)
    drum = isinstance(instrument, music21.instrument.UnpitchedPercussion) or (
        instrument is not None and instrument.midiChannel == DRUM_CHANNEL
    )
    bars: list[Bar] = []
    meter: music21.meter.TimeSignature | None = None
    for measure in first.getElementsByClass(music21.stream.Measure):
        meter = measure.timeSignature or meter
        assert meter is not None, "a bar before any meter"
        length = ticks(measure.duration.quarterLength)
        nominal = ticks(meter.barDuration.quarterLength)
        shown = (meter.numerator, meter.denominator) if length == nominal else None
        bars.append((ticks(measure.offset), length, shown))
    keys = [
        (ticks(k.getOffsetInHierarchy(first)), k.sharps, k.mode if isinstance(k, Key) else None)
        for k in first.recurse().getElementsByClass(music21.key.KeySignature)
    ]
    notes = sorted(row for staff in staves for row in joined_notes(staff))
    program = None if instrument is None else instrument.midiProgram
    return PartReading(program, drum, bars, keys, notes)


def joined_notes(part: music21.stream.Part) -> list[NoteRow]:
    """Each note with the pieces of a tie (across a bar line, or split by the notation)
    joined into one."""
    rows: list[NoteRow] = []
    sounding: dict[int, tuple[int, int]] = {}
    for element in part.flatten().notes:
        start = ticks(element.offset)
        end = start + ticks(element.duration.quarterLength)
        members = element.notes if isinstance(element, music21.chord.ChordBase) else [element]
        for note in members:
            assert isinstance(note, music21.note.Note), "a drum note left unpitched"
            pitch = int(note.pitch.midi)
            tie = note.tie.type if note.tie is not None else None
            if tie in ("continue", "stop") and pitch in sounding:
                sounding[pitch] = (sounding[pitch][0], end)
            else:
                sounding[pitch] = (start, end)
            if tie in (None, "stop"):
                first, last = sounding.pop(pitch)
                rows.append((first, pitch, last))
    assert not sounding, f"ties left open: {sounding}"
    return rows


def song_bars(song: Song) -> list[Bar]:
    """The Song's bars as `Bar`s: a bar its meter change cuts short has no meter to compare."""
    result: list[Bar] = []
    for start, end in itertools.pairwise(song.bar_start_ticks):
        meter = song.time_signature_at(start)
        full = end - start == meter.ticks_per_bar
        result.append((start, end - start, (meter.numerator, meter.denominator) if full else None))
    return result


def half_up(bpm: float) -> float:
    """A tempo as MuseScore shows it: the nearest whole BPM, halves rounded up."""
    return float(math.floor(bpm + 0.5))


def song_rows(track: Track) -> list[NoteRow]:
    return sorted((n.start_tick, n.pitch, n.end_tick) for n in track.notes)


# The tests ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_one_part_per_track_with_its_instrument(name: str, cases: dict[str, Case]) -> None:
    """Drums as percussion; a pitched part plays the program of its track's last change."""
    song, reading = cases[name].song, cases[name].reading
    assert len(reading.parts) == len(song.tracks)
    for part, track in zip(reading.parts, song.tracks, strict=True):
        assert part.drum == track.is_drum, track.name
        if not track.is_drum:
            changes = track.program_changes
            assert part.program == (changes[-1].program if changes else track.program)


@pytest.mark.parametrize("name", NAMES)
def test_tempo_map_in_whole_bpm(name: str, cases: dict[str, Case]) -> None:
    song, reading = cases[name].song, cases[name].reading
    assert reading.tempos == [(t.tick, half_up(t.tempo_bpm)) for t in song.tempos]


@pytest.mark.parametrize("name", NAMES)
def test_bar_lines_and_meters_in_every_part(name: str, cases: dict[str, Case]) -> None:
    """Each bar starts and ends where the Song's does, under the Song's meter; a bar a meter
    change cuts short is compared by its span (the file gives it a meter of its own length,
    or MuseScore shows a cut first bar as a pickup of the next meter)."""
    song, reading = cases[name].song, cases[name].reading
    expected = song_bars(song)
    for part in reading.parts:
        assert len(part.bars) == len(expected)
        assert [
            (start, length, meter if want is not None else None)
            for (start, length, meter), (_, _, want) in zip(part.bars, expected, strict=True)
        ] == expected


@pytest.mark.parametrize("name", NAMES)
def test_keys_in_every_pitched_part(name: str, cases: dict[str, Case]) -> None:
    song, reading = cases[name].song, cases[name].reading
    pitched = [part for part in reading.parts if not part.drum]
    for part in pitched:
        if not song.key_signatures:  # no key in the file: MuseScore guesses one from the notes
            assert [tick for tick, _, _ in part.keys] == [0]
            assert part.keys == pitched[0].keys
            continue
        assert [(tick, fifths) for tick, fifths, _ in part.keys] == [
            (k.tick, k.sharps_flats) for k in song.key_signatures
        ]
        for (_, _, mode), key in zip(part.keys, song.key_signatures, strict=True):
            assert mode in (None, key.mode)


@pytest.mark.parametrize("name", NAMES)
def test_notes_with_their_pitches_and_onsets(name: str, cases: dict[str, Case]) -> None:
    """Every note, at its tick; a pitched note held at least as long as the Song's and
    lengthened only over the silence after it (MuseScore's "simplify durations")."""
    song, reading = cases[name].song, cases[name].reading
    for part, track in zip(reading.parts, song.tracks, strict=True):
        expected = song_rows(track)
        assert [row[:2] for row in part.notes] == [row[:2] for row in expected], track.name
        if track.is_drum:
            continue
        onsets = sorted({start for start, _, _ in expected})
        for (start, pitch, end), (_, _, read_end) in zip(expected, part.notes, strict=True):
            later = [onset for onset in onsets if onset > start]
            limit = max(end, later[0] if later else song.end_tick)
            assert end <= read_end <= limit, (track.name, start, pitch, end, read_end)


@pytest.mark.parametrize("name", NAMES)
def test_notes_written_as_played_last_as_long_as_the_songs(
    name: str, cases: dict[str, Case]
) -> None:
    """With MuseScore's notation simplifications off, every note lasts exactly as long."""
    song, case = cases[name].song, cases[name]
    assert len(case.as_played) == len(song.tracks)
    for notes, track in zip(case.as_played, song.tracks, strict=True):
        assert notes == song_rows(track), track.name
