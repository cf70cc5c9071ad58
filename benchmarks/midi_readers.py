"""Do other programs read Tessera's exported MIDI files as the Song it exported?

Run from the project root:

    python -m benchmarks.midi_readers [FOLDER...] [--max-files 20]

Each Song (a few built here, plus the Tessera import of up to `--max-files` MIDI files from
each FOLDER, e.g. those `benchmarks.midi_corpus fetch` gathers) is written with
`export_midi`, then read back by independent readers: mido (raw events), symusic, pretty_midi
and music21, and by the command-line programs found on PATH: FluidSynth and TiMidity render
it (does the sound end where the original file's does, or for a built Song, with the Song?),
MuseScore 3 converts it to MusicXML (read with music21; drums left out, as MusicXML has no
MIDI pitch for them; tempos compared in the whole BPM and keys as the signatures without a
mode that MuseScore 3 writes; `tests/engine/project/test_midi_musescore.py` checks the rest
of what it reads). Each view is compared with the Song on: note tracks, instruments
(program and drum flag per track), tempo map, meters, keys, note count, pitches and onsets
(`benchmarks.midi_reader_views`).
Positions are compared in quarter notes rounded to a tick, or for pretty_midi (which reports
seconds) in milliseconds. The table says, per reader and aspect, on how many songs the two
agree; the lines after it show each disagreement.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import tempfile
import wave
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from benchmarks.midi_corpus import midi_files_in_folders
from benchmarks.midi_reader_views import (
    ASPECTS,
    View,
    mido_view,
    music21_view,
    pretty_midi_view,
    song_view,
    symusic_view,
)
from engine.project.midi.reader import MidiImportError, read_midi
from engine.project.midi.writer import export_midi
from engine.song.song import (
    KeySignatureChange,
    Note,
    Song,
    TempoChange,
    TimeSignatureChange,
    Track,
)

RENDER_TAIL_S = 20.0
"""How long a renderer may go on after the last bar: FluidSynth renders every voice's release
and reverb to the end (a glockenspiel rings ~7 s, a pad ~14 s); a file whose tracks ran on for
minutes past its music would still show."""


def built_songs() -> dict[str, Song]:
    """Songs whose every feature is known: maps with changes, drums, non-ASCII names."""
    bass = tuple(Note(tick, 36 + tick // 1920 % 5, 400, 90) for tick in range(0, 15360, 480))
    chords = tuple(
        Note(bar * 1920, pitch + bar % 4, 1800, 70) for bar in range(8) for pitch in (60, 64, 67)
    )
    drums = tuple(
        Note(tick, 36 if tick % 960 == 0 else 42, 120, 100) for tick in range(0, 15360, 240)
    )
    band = Song(
        title="Band",
        bar_count=8,
        tracks=(
            Track("Bass", program=33, notes=bass),
            Track("Keys", program=4, notes=chords),
            Track("Drums", is_drum=True, notes=drums),
        ),
        tempos=(TempoChange(0, 120.0), TempoChange(7680, 96.0)),
        key_signatures=(KeySignatureChange(0, 1), KeySignatureChange(7680, 1, "minor")),
    )
    meters = Song(
        title="Meters",
        bar_count=6,
        tracks=(Track("Flûte à bec", program=74, notes=_scale(0, 5760)),),
        time_signatures=(
            TimeSignatureChange(0, 3, 4),
            TimeSignatureChange(2880, 7, 8),
            TimeSignatureChange(4560, 5, 4),
        ),
        tempos=(TempoChange(0, 72.5),),
    )
    many = Song(
        title="ギター多数",
        bar_count=4,
        tracks=tuple(
            Track(f"ギター {index}", program=24 + index, notes=_scale(index * 60, 7680))
            for index in range(17)
        ),
    )
    return {"built: band": band, "built: meters": meters, "built: 17 tracks": many}


def _scale(offset: int, end_tick: int) -> tuple[Note, ...]:
    steps = (0, 2, 4, 5, 7, 9, 11, 12)
    return tuple(
        Note(tick + offset % 240, 60 + steps[index % 8], 200, 80)
        for index, tick in enumerate(range(0, end_tick - 480, 240))
    )


def imported_songs(folders: list[Path], max_files: int) -> dict[str, tuple[Song, Path]]:
    """Tessera's imports of real files, with each file (those it refuses are left out)."""
    songs: dict[str, tuple[Song, Path]] = {}
    for source, files in midi_files_in_folders(folders, max_files).items():
        for path in files:
            try:
                songs[f"{source}: {path.name}"] = (read_midi(path).song, path)
            except MidiImportError:
                continue
    return songs


@dataclass(frozen=True)
class Case:
    """One song to read back: the Song, its export, a scratch folder, the file it came from."""

    song: Song
    exported: Path
    folder: Path
    original: Path | None = None


Reader = Callable[[Case], View]


AUDIBLE = 10 ** (-60 / 20)
"""The quietest sample counted as sound: -60 dBFS."""


@dataclass(frozen=True)
class Rendering:
    seconds: float
    """How much audio the renderer wrote."""
    audible_s: float
    """Where its last sample above `AUDIBLE` lies (0.0 for silence)."""


def _render(command: list[str], midi: Path, wav: Path) -> Rendering:
    subprocess.run([*command, str(wav), str(midi)], check=True, capture_output=True, timeout=300)
    with wave.open(str(wav)) as audio:
        if audio.getsampwidth() != 2:
            raise ValueError(f"{wav.name}: {8 * audio.getsampwidth()}-bit audio, expected 16")
        rate, frames, channels = audio.getframerate(), audio.getnframes(), audio.getnchannels()
        samples = np.frombuffer(audio.readframes(frames), dtype=np.int16)
    loud = np.flatnonzero(np.abs(samples.astype(np.int32)) > AUDIBLE * 32768)
    last_frame = int(loud[-1]) // channels + 1 if loud.size else 0
    return Rendering(frames / rate, last_frame / rate)


def renderer_view(command: list[str], case: Case) -> View:
    """Render with a synth; the one aspect is whether the audio lasts as long as it should.

    With the original file, the sound must end where the original's does (its last sample
    above -60 dBFS), or up to its last bar later (Tessera ends every track on a bar line).
    The audible end, not the file's length: a synth renders a note that is never released
    until its voice ends, long after it falls silent, while Tessera ends such a note with its
    track. miditoolkit's 1390.mid strikes 17 piano notes more than it releases (three struck
    two beats before its end are never released; the others are struck again while
    sounding): FluidSynth writes 120 s of audio from the original and 82 s from the export,
    the sound ending at 79.0 s in both; from the original TiMidity's sound lasts about 1 s
    longer (0.93 s).
    A built Song has no original, so its audio must reach its last note and end within
    `RENDER_TAIL_S` of its last bar.
    """
    song = case.song
    exported = _render(command, case.exported, case.folder / "exported.wav")
    if case.original is not None:
        original = _render(command, case.original, case.folder / "original.wav")
        seconds, low = exported.audible_s, original.audible_s
        last_bar_s = song.duration_seconds - song.tick_to_seconds(song.bar_start_ticks[-2])
        high = low + last_bar_s
        found = f"sound until {seconds:.2f} s ({exported.seconds:.2f} s of audio)"
        against = f"the original's until {low:.2f} s ({original.seconds:.2f} s of audio)"
    else:
        seconds = exported.seconds
        low = song.tick_to_seconds(max(track.end_tick for track in song.tracks))
        high = song.duration_seconds + RENDER_TAIL_S
        found, against = f"{seconds:.2f} s of audio", f"the notes end at {low:.2f} s"
    if low - 0.1 <= seconds <= high + 0.1:
        return {"rendered length": "fits"}
    return {"rendered length": f"{found}, where {against}"}


def _renderer(command: list[str]) -> Reader:
    return lambda case: renderer_view(command, case)


def musescore_view(command: str, case: Case) -> View:
    """MuseScore's reading of the file, saved as MusicXML and read back with music21."""
    xml = case.folder / "musescore.musicxml"
    headless = os.environ | {"QT_QPA_PLATFORM": "offscreen"}  # it opens no window
    arguments = [command, "-o", str(xml), str(case.exported)]
    subprocess.run(arguments, check=True, capture_output=True, timeout=300, env=headless)
    return music21_view(xml, notation=True)


def readers() -> tuple[dict[str, Reader], list[str]]:
    """The readers to run, and a note for each program not found."""
    found: dict[str, Reader] = {
        "mido": lambda case: mido_view(case.exported),
        "symusic": lambda case: symusic_view(case.exported),
        "pretty_midi": lambda case: pretty_midi_view(case.exported),
        "music21": lambda case: music21_view(case.exported),
    }
    missing = []
    synths = {
        "fluidsynth": ["fluidsynth", "-ni", "-q", "-r", "22050", "-F"],
        "timidity": ["timidity", "-idq", "-Ow", "-s", "22050", "-o"],
    }
    for name, command in synths.items():
        if shutil.which(name):
            found[name] = _renderer(command)
        else:
            missing.append(f"{name}: not installed, skipped")
    musescore = shutil.which("mscore3") or shutil.which("musescore3")
    if musescore:
        found["musescore3"] = lambda case: musescore_view(musescore, case)
    else:
        missing.append("musescore3: not installed, skipped")
    return found, missing


def agreement(
    songs: dict[str, tuple[Song, Path | None]],
) -> tuple[dict[str, dict[str, list[int]]], list[str]]:
    """Per reader and aspect: [songs agreeing, songs compared]; and each disagreement."""
    reader_views, notes = readers()
    counts: dict[str, dict[str, list[int]]] = {name: {} for name in reader_views}
    for title, (song, original) in songs.items():
        with tempfile.TemporaryDirectory() as folder_name:
            case = Case(song, Path(folder_name) / "song.mid", Path(folder_name), original)
            export_midi(song, case.exported)
            for reader, view_of in reader_views.items():
                try:
                    view = view_of(case)
                except Exception as err:  # a reader that fails on the file disagrees on all
                    notes.append(f"{title}: {reader} failed: {type(err).__name__}: {err}"[:200])
                    view = {}
                expected = song_view(
                    song,
                    seconds=reader == "pretty_midi",
                    pitched_only=reader == "musescore3",
                    notation=reader == "musescore3",
                )
                _count(
                    counts[reader], title, reader=reader, expected=expected, view=view, notes=notes
                )
    return counts, notes


def _count(
    counts: dict[str, list[int]],
    title: str,
    *,
    reader: str,
    expected: View,
    view: View,
    notes: list[str],
) -> None:
    for aspect in ASPECTS:
        if aspect not in view and view:
            continue  # a reader that does not report this aspect
        cell = counts.setdefault(aspect, [0, 0])
        cell[1] += 1
        agrees = view.get(aspect) == expected.get(aspect, "fits")
        cell[0] += agrees
        if not agrees:
            difference = _difference(view.get(aspect), expected.get(aspect, "fits"))
            notes.append(f"{title}: {reader} {aspect}: {difference}")


def _difference(got: object, want: object) -> str:
    """What a reader read that the Song lacks and the other way round, briefly."""
    if isinstance(got, str) and want == "fits":
        return got
    if not (isinstance(got, tuple) and isinstance(want, tuple)):
        return f"read {got}, the Song has {want}"
    extra, missing = Counter(got) - Counter(want), Counter(want) - Counter(got)
    parts = []
    for label, items in (("read in excess", extra), ("not read", missing)):
        if items:
            examples = ", ".join(str(item) for item in list(items)[:4])
            parts.append(f"{items.total()} {label} (e.g. {examples})")
    return "; ".join(parts)


def table(counts: dict[str, dict[str, list[int]]]) -> str:
    aspects = [a for a in ASPECTS if any(a in row for row in counts.values())]
    lines = ["| reader | " + " | ".join(aspects) + " |", "|" + "---|" * (len(aspects) + 1)]
    for reader, row in counts.items():
        cells = [f"{row[a][0]}/{row[a][1]}" if a in row else "–" for a in aspects]
        lines.append(f"| {reader} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", type=Path, nargs="*", help="MIDI files to round-trip")
    parser.add_argument("--max-files", type=int, default=20, help="per source folder")
    args = parser.parse_args(argv)
    built: dict[str, tuple[Song, Path | None]] = {
        title: (song, None) for title, song in built_songs().items()
    }
    songs = built | imported_songs(args.folders, args.max_files)
    counts, notes = agreement(songs)
    print(f"{len(songs)} songs exported with Tessera and read back.\n")
    print(table(counts))
    print()
    for note in notes:
        print(f"- {note}")


if __name__ == "__main__":
    main()
