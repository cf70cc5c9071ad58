"""Do other programs read a song's form from Tessera's MIDI files, at the right bars and times?

Run from the project root:

    python -m benchmarks.form_markers

Songs with typical forms (pop verse-chorus with a pre-chorus and a bridge, the same in Chinese
names with a slower outro, a fiddle tune's AABB strains in 2/4, 12-bar blues choruses, an AABA
waltz whose coda changes to 4/4, a house track's intro, build, drop and break, and a form with
bars that belong to no section) are exported with `export_midi`; each section should be a
marker at its first bar. The file is then read back by:

- tessera: `import_midi` (sections: names, roles and bars);
- symusic: its markers in ticks and in seconds (its own tempo map), bars from its own meters;
- music21: marker texts from its MIDI event reader, bars from the measures its converter
  builds (its own bar lines, meter changes included);
- pretty_midi: it keeps no markers, but its downbeats are the bar lines in seconds: each
  symusic marker time must be the downbeat of the section's first bar;
- MuseScore 3, when installed (headless, offline): the file converted to MusicXML, whose
  rehearsal marks and words are read. MuseScore 3.2 reads no marker events, so it shows none
  of the form. A control row checks that the conversion itself works: the same file with a
  text event beside each marker, which MuseScore imports (as a lyric on the note there).

The table gives, per reader, sections read back out of those written, names equal, first bars
equal, and the largest error of a marker's time in seconds; the lines after it give each
marker's expected and read time. `marker_round_trip()` returns the same figures as a dict.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import mido
import music21
import pretty_midi
from symusic.core import ScoreSecond, ScoreTick

from engine.project.midi.files import export_midi, import_midi
from engine.song.sections import Section, role_from_name
from engine.song.song import PPQ, Note, Song, TempoChange, TimeSignatureChange, Track

SECONDS_TOLERANCE = 0.001
"""A marker read within a millisecond of its bar's time is at the right time."""
MUSESCORE_TIMEOUT_S = 120
BARRED = ("tessera", "symusic", "pretty_midi", "music21")
"""The readers that place a marker on a bar (MuseScore's view is only counted and named)."""


@dataclass(frozen=True)
class Read:
    """One marker as a reader sees it: its text, its 0-based bar (None: not on a bar line the
    reader knows) and its time in seconds (None: the reader gives no time)."""

    name: str
    bar: int | None
    seconds: float | None


Plan = list[tuple[str, int]]
"""(section name, bars) in order; a name of '' leaves the bars to no section."""


def form_song(
    title: str,
    plan: Plan,
    meters: tuple[TimeSignatureChange, ...] = (TimeSignatureChange(0, 4, 4),),
    tempos: tuple[TempoChange, ...] = (TempoChange(0, 100.0),),
    tail_bars: int = 0,
) -> Song:
    """A song whose form follows `plan` (roles read from the names), a note on every bar's
    downbeat and a bass note after it, and `tail_bars` bars after the last section."""
    bar_count = sum(bars for _, bars in plan) + tail_bars
    grid = Song(bar_count=bar_count, time_signatures=meters).bar_start_ticks
    sections, bar = [], 0
    for name, bars in plan:
        if name:
            sections.append(Section(bar, bars, name, role_from_name(name)))
        bar += bars
    melody = tuple(Note(grid[b], 60 + b % 12, PPQ // 2, 90) for b in range(bar_count))
    bass = tuple(Note(grid[b] + PPQ // 2, 36 + b % 7, PPQ // 2, 80) for b in range(bar_count))
    return Song(
        title=title,
        bar_count=bar_count,
        tracks=(Track("Melody", 73, notes=melody), Track("Bass", 33, notes=bass)),
        tempos=tempos,
        time_signatures=meters,
        sections=tuple(sections),
    )


def form_songs() -> list[Song]:
    """The songs the benchmark writes (see the module's notes)."""
    pop: Plan = [
        ("Intro", 4), ("Verse 1", 8), ("Pre-chorus", 4), ("Chorus", 8), ("Verse 2", 8),
        ("Pre-chorus 2", 4), ("Chorus 2", 8), ("Bridge", 8), ("Chorus 3", 8), ("Outro", 4),
    ]  # fmt: skip
    chinese: Plan = [
        ("前奏", 4), ("主歌", 8), ("预副歌", 4), ("副歌", 8), ("主歌二", 8), ("副歌二", 8),
        ("间奏", 4), ("桥段", 8), ("副歌三", 8), ("尾奏", 4),
    ]  # fmt: skip
    slower_outro = (TempoChange(0, 76.0), TempoChange(60 * 4 * PPQ, 60.0))
    blues: Plan = [("Intro", 4), ("Chorus 1", 12), ("Solo", 12), ("Chorus 2", 12)]
    aaba: Plan = [("A", 8), ("A2", 8), ("B", 8), ("A3", 8), ("Coda", 2)]
    waltz_then_four = (TimeSignatureChange(0, 3, 4), TimeSignatureChange(32 * 3 * PPQ, 4, 4))
    house: Plan = [
        ("Intro", 16), ("Build", 8), ("Drop", 16), ("Break", 8), ("Build 2", 8), ("Drop 2", 16),
        ("Outro", 8),
    ]  # fmt: skip
    gapped: Plan = [("Verse", 8), ("", 2), ("Chorus", 8), ("", 1), ("Verse 2", 8)]
    return [
        form_song("Pop song", pop),
        form_song("流行歌", chinese, tempos=slower_outro),
        form_song("Fiddle reel", [("A", 8), ("A'", 8), ("B", 8), ("B'", 8)], _meter(2, 4)),
        form_song("12-bar blues", blues, tempos=(TempoChange(0, 84.0),)),
        form_song("Jazz waltz", aaba, waltz_then_four, (TempoChange(0, 160.0),)),
        form_song("House track", house, tempos=(TempoChange(0, 124.0),)),
        form_song("Gaps", gapped, tail_bars=4),
    ]


def _meter(numerator: int, denominator: int) -> tuple[TimeSignatureChange, ...]:
    return (TimeSignatureChange(0, numerator, denominator),)


def expected(song: Song) -> list[Read]:
    """Each section as a reader should see its marker."""
    return [
        Read(s.name, s.first_bar, song.tick_to_seconds(song.bar_start_ticks[s.first_bar]))
        for s in song.sections
    ]


# Readers ------------------------------------------------------------------------------------


def tessera_read(path: Path) -> list[Read]:
    """Tessera's own import: its sections (roles are checked separately)."""
    song = import_midi(path)
    return [
        Read(s.name, s.first_bar, song.tick_to_seconds(song.bar_start_ticks[s.first_bar]))
        for s in song.sections
    ]


def symusic_read(path: Path) -> list[Read]:
    """symusic's markers, in seconds by its own tempo map and in bars by its own meters
    (symusic drops empty markers, so section ends do not show)."""
    ticks = ScoreTick.from_file(str(path))
    seconds = ScoreSecond.from_file(str(path))
    meters = [(m.time, m.numerator, m.denominator) for m in ticks.time_signatures]
    bar_lines = _bar_lines(meters, ticks.ticks_per_quarter, max(ticks.end(), 1))
    return [
        Read(tick_marker.text, bar_lines.get(tick_marker.time), second_marker.time)
        for tick_marker, second_marker in zip(ticks.markers, seconds.markers, strict=True)
        if tick_marker.text
    ]


def _bar_lines(meters: list[tuple[int, int, int]], tpq: int, end: int) -> dict[int, int]:
    """Tick -> 0-based bar, for every bar line up to `end` under a (tick, n, d) meter list."""
    lines: dict[int, int] = {}
    tick, bar, index = 0, 0, 0
    while tick <= end:
        while index + 1 < len(meters) and meters[index + 1][0] <= tick:
            index += 1
        lines[tick] = bar
        _, numerator, denominator = meters[index]
        tick, bar = tick + numerator * tpq * 4 // denominator, bar + 1
    return lines


def pretty_midi_read(path: Path, markers: list[Read]) -> list[Read]:
    """pretty_midi keeps no markers: each marker's time (from symusic) placed on pretty_midi's
    own downbeats; a time that is no downbeat gets no bar."""
    downbeats = list(pretty_midi.PrettyMIDI(str(path)).get_downbeats())
    read = []
    for marker in markers:
        assert marker.seconds is not None
        bars = [i for i, t in enumerate(downbeats) if abs(t - marker.seconds) < SECONDS_TOLERANCE]
        bar = bars[0] if bars else None
        read.append(Read(marker.name, bar, downbeats[bar] if bar is not None else None))
    return read


def music21_read(path: Path) -> list[Read]:
    """music21: marker texts and ticks from its MIDI event reader, bars from the measures of
    the score its converter builds (a marker that starts no measure gets no bar)."""
    midi = music21.midi.MidiFile()
    midi.open(str(path))
    midi.read()
    midi.close()
    found: list[tuple[str, float]] = []
    for track in midi.tracks:
        tick = 0
        for event in track.events:
            if isinstance(event, music21.midi.DeltaTime):
                tick += event.time
            elif event.type == music21.midi.MetaEvents.MARKER and isinstance(event.data, bytes):
                name = event.data.decode("utf-8")
                if name:  # an empty marker ends a section
                    found.append((name, tick / midi.ticksPerQuarterNote))
    score = music21.converter.parse(str(path), quantizePost=False)
    assert isinstance(score, music21.stream.Score)
    measures = score.parts[0].getElementsByClass(music21.stream.Measure)
    bar_of = {float(measure.offset): number for number, measure in enumerate(measures)}
    return [Read(name, bar_of.get(offset), None) for name, offset in found]


def with_texts_beside_markers(path: Path) -> Path:
    """A copy of the file with a text event beside each named marker (MuseScore's control)."""
    midi = mido.MidiFile(str(path), charset="utf-8")
    for track in midi.tracks:
        for index in reversed(range(len(track))):
            message = track[index]
            if message.type == "marker" and message.text:
                track.insert(index + 1, mido.MetaMessage("text", text=message.text, time=0))
    copy = path.with_name(path.stem + "-texts.mid")
    midi.save(str(copy))
    return copy


def musescore_read(command: str, path: Path) -> list[Read]:
    """MuseScore 3's view: the file converted to MusicXML headless, the rehearsal marks, words
    and lyrics of its first part that has any, in order. No bars: only counted and named."""
    xml = path.with_name(path.stem + "-musescore.musicxml")
    headless = os.environ | {"QT_QPA_PLATFORM": "offscreen"}
    subprocess.run(
        [command, "-o", str(xml), str(path)],
        check=True,
        capture_output=True,
        timeout=MUSESCORE_TIMEOUT_S,
        env=headless,
    )
    texts = []
    for part in ET.parse(xml).getroot().iter("part"):
        texts += [element.text or "" for element in (*part.iter("rehearsal"), *part.iter("words"))]
        texts += [lyric.findtext("text") or "" for lyric in part.iter("lyric")]
        if texts:
            break  # the first part that holds any: every part repeats the song's texts
    return [Read(text, None, None) for text in texts]


# The benchmark ----------------------------------------------------------------------------


@dataclass
class Tally:
    """One reader's figures over every song."""

    written: int = 0
    read: int = 0
    names_equal: int = 0
    bars_equal: int = 0
    max_seconds_error: float = 0.0
    roles_equal: int = 0


def _score(tally: Tally, wanted: list[Read], got: list[Read]) -> None:
    tally.written += len(wanted)
    tally.read += len(got)
    for want, have in zip(wanted, got, strict=False):
        tally.names_equal += want.name == have.name
        tally.bars_equal += want.bar == have.bar
        if want.seconds is not None and have.seconds is not None:
            error = abs(want.seconds - have.seconds)
            tally.max_seconds_error = max(tally.max_seconds_error, error)


Reader = Callable[[Path], list[Read]]


def _readers(musescore_wanted: bool) -> tuple[dict[str, Reader], str]:
    """The readers to run, and what MuseScore's absence or presence means."""
    readers: dict[str, Reader] = {
        "tessera": tessera_read,
        "symusic": symusic_read,
        "pretty_midi": lambda path: pretty_midi_read(path, symusic_read(path)),
        "music21": music21_read,
    }
    musescore = shutil.which("mscore3") or shutil.which("musescore3")
    if not musescore_wanted:
        return readers, "not asked for: skipped"
    if musescore is None:
        return readers, "not installed: skipped"
    readers["musescore3"] = lambda path: musescore_read(musescore, path)
    readers["(control)"] = lambda path: musescore_read(musescore, with_texts_beside_markers(path))
    return readers, "installed; (control) is MuseScore on the file with a text beside each marker"


def marker_round_trip(
    detail: list[str] | None = None, *, musescore: bool = True
) -> dict[str, object]:
    """Write every form song as MIDI and read its markers back with every reader. Returns
    {'songs', 'sections_written', 'readers': {name: {'read', 'names_equal', 'bars_equal',
    'max_seconds_error'}}, 'roles_equal' (Tessera's import), 'musescore'}; `detail`, when
    given, gets one line per marker: expected and read times. `musescore=False` leaves
    MuseScore out (each conversion starts the program)."""
    readers, musescore_state = _readers(musescore)
    tallies = {name: Tally() for name in readers}
    songs = form_songs()
    with tempfile.TemporaryDirectory() as folder:
        for number, song in enumerate(songs):
            path = Path(folder) / f"form{number}.mid"
            export_midi(song, path)
            wanted = expected(song)
            views = {name: read(path) for name, read in readers.items()}
            for name, view in views.items():
                _score(tallies[name], wanted, view)
            back = import_midi(path).sections
            tallies["tessera"].roles_equal += sum(
                a.role == b.role for a, b in zip(song.sections, back, strict=False)
            )
            if detail is not None:
                detail.extend(_detail_lines(song.title, wanted, views))
    return {
        "songs": len(songs),
        "sections_written": sum(len(song.sections) for song in songs),
        "readers": {
            name: {
                "read": tally.read,
                "names_equal": tally.names_equal,
                "bars_equal": tally.bars_equal,
                "max_seconds_error": tally.max_seconds_error,
            }
            for name, tally in tallies.items()
        },
        "roles_equal": tallies["tessera"].roles_equal,
        "musescore": musescore_state,
    }


def _detail_lines(title: str, wanted: list[Read], views: dict[str, list[Read]]) -> list[str]:
    lines = []
    symusic_view = views.get("symusic", [])
    downbeats = views.get("pretty_midi", [])
    for index, want in enumerate(wanted):
        sym = symusic_view[index].seconds if index < len(symusic_view) else None
        beat = downbeats[index].seconds if index < len(downbeats) else None
        place = f"{_padded(title, 14)} {index + 1:>2} {_padded(want.name, 14)}"
        lines.append(
            f"{place} bar {(want.bar or 0) + 1:>3}  expected {want.seconds or 0.0:8.3f} s  "
            f"symusic {_seconds(sym)}  pretty_midi downbeat {_seconds(beat)}"
        )
    return lines


def _padded(text: str, columns: int) -> str:
    """`text` padded to `columns` terminal columns (a Chinese character takes two)."""
    width = sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
    return text + " " * max(columns - width, 0)


def _seconds(value: float | None) -> str:
    return "       -" if value is None else f"{value:8.3f} s"


def main() -> None:
    detail: list[str] = []
    result = marker_round_trip(detail)
    written = result["sections_written"]
    print(f"{result['songs']} songs, {written} sections written as markers")
    print(
        f"{'reader':<12} {'read back':>9} {'names equal':>12} {'bars equal':>11} {'max error':>11}"
    )
    readers = result["readers"]
    assert isinstance(readers, dict)
    for name, row in readers.items():
        timed = name in ("tessera", "symusic", "pretty_midi")
        seconds = f"{row['max_seconds_error'] * 1000:.3f} ms" if timed else "-"
        bars = f"{row['bars_equal']}/{written}" if name in BARRED else "-"
        print(
            f"{name:<12} {row['read']:>4}/{written:<4} {row['names_equal']:>7}/{written:<4} "
            f"{bars:>11} {seconds:>11}"
        )
    print(f"roles read back by Tessera from the names: {result['roles_equal']}/{written}")
    print(f"musescore3: {result['musescore']}")
    print()
    print("\n".join(detail))


if __name__ == "__main__":
    main()
