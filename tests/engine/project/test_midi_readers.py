"""Exported files read the same in every reader: mido, symusic, pretty_midi and music21 agree
with the Song on its tracks, instruments (with program changes in time), tempo map, meters,
keys and notes, for generated Songs and for the fixtures after import -> export.

MuseScore is not installed where the tests run; what it needs (a key signature in every
pitched track, since it ignores one in a conductor track without notes) is checked through
music21, which reads keys per part the same way, and directly in the raw events.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import mido
import music21
import pretty_midi
import pytest
from symusic.core import ScoreTick

from benchmarks.midi_factory import FIXTURES, absolute_events
from engine.project.midi.files import export_midi, import_midi
from engine.song.song import (
    PPQ,
    ControlEvent,
    KeySignatureChange,
    Note,
    ProgramChange,
    Song,
    TempoChange,
    TimeSignatureChange,
    Track,
)
from tests.engine.project.test_midi_roundtrip import music21_notes, song_instruments

Key = tuple[int, int, str]
"""(tick, sharps or -flats, mode)."""
Meter = tuple[int, int, int]


def band_song() -> Song:
    """Keys moving from D major to C minor, 4/4 -> 3/4 -> 6/8, tempo 120 -> 90, a mid-song
    instrument change, a bent and pedalled piano, bass and drums."""
    bar = 4 * PPQ
    piano = Track(
        "Piano",
        0,
        notes=tuple(Note(i * PPQ, 62 + i % 5, PPQ, 90) for i in range(16)),
        program_changes=(ProgramChange(2 * bar, 6),),
        controls=(
            ControlEvent(0, "sustain", 127),
            ControlEvent(bar, "sustain", 0),
            ControlEvent(PPQ, "pitch_bend", 2048),
            ControlEvent(2 * PPQ, "pitch_bend", 0),
        ),
    )
    bass = Track("Bass", 33, notes=tuple(Note(i * 2 * PPQ, 38, PPQ, 100) for i in range(8)))
    drums = Track("Drums", 0, True, notes=tuple(Note(i * PPQ // 2, 42, 60, 80) for i in range(32)))
    return Song(
        title="Band",
        bar_count=6,
        tracks=(piano, bass, drums),
        tempos=(TempoChange(0, 120.0), TempoChange(2 * bar, 90.0)),
        time_signatures=(
            TimeSignatureChange(0, 4, 4),
            TimeSignatureChange(2 * bar, 3, 4),
            TimeSignatureChange(2 * bar + 2 * 3 * PPQ, 6, 8),
        ),
        key_signatures=(KeySignatureChange(0, 2), KeySignatureChange(2 * bar, -3, "minor")),
    )


def odd_meter_song() -> Song:
    """5/4 in E-flat minor at 75 BPM, two melodic voices."""
    flute = Track(
        "Flute", 73, notes=tuple(Note(i * 3 * PPQ // 2, 63 + i % 7, 720, 70) for i in range(10))
    )
    cello = Track("Cello", 42, notes=tuple(Note(i * 5 * PPQ, 39, 5 * PPQ, 60) for i in range(3)))
    return Song(
        title="Odd",
        bar_count=3,
        tracks=(flute, cello),
        tempos=(TempoChange(0, 75.0),),
        time_signatures=(TimeSignatureChange(0, 5, 4),),
        key_signatures=(KeySignatureChange(0, -6, "minor"),),
    )


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Song, Path]]:
    """Generated Songs and every fixture after import -> export: name -> (Song, file)."""
    folder = tmp_path_factory.mktemp("readers")
    result = {}
    for name, song in (("band", band_song()), ("odd_meter", odd_meter_song())):
        export_midi(song, folder / f"{name}.mid")
        result[name] = (song, folder / f"{name}.mid")
    for name, make in FIXTURES.items():
        if name == "long_piece":  # ~2 s in music21 alone; its maps are in tempo_changes
            continue
        make(folder / f"{name}.in.mid")
        song = import_midi(folder / f"{name}.in.mid")
        export_midi(song, folder / f"{name}.mid")
        result[name] = (song, folder / f"{name}.mid")
    return result


NAMES = ["band", "odd_meter", *sorted(name for name in FIXTURES if name != "long_piece")]


def song_maps(song: Song) -> tuple[list[tuple[int, float]], list[Meter], list[Key]]:
    tempos = [(c.tick, round(c.tempo_bpm, 2)) for c in song.tempos]
    meters = [(c.tick, c.numerator, c.denominator) for c in song.time_signatures]
    keys: list[Key] = [(c.tick, c.sharps_flats, c.mode) for c in song.key_signatures]
    return tempos, meters, keys


def unique(items: list[Key]) -> list[Key]:
    """Readers that merge every track's keys report each once per track that holds it."""
    return sorted(set(items))


def key_number(sharps: int, mode: str) -> int:
    """pretty_midi's key number: the tonic's pitch class, +12 for minor."""
    major = 7 * sharps % 12
    return major if mode == "major" else 12 + (major + 9) % 12


@pytest.mark.parametrize("name", NAMES)
def test_mido_finds_the_maps_and_a_key_in_every_pitched_track(
    name: str, files: dict[str, tuple[Song, Path]]
) -> None:
    song, path = files[name]
    midi = mido.MidiFile(path)
    tempos, meters, keys = song_maps(song)
    conductor = absolute_events(midi.tracks[0])
    assert [
        (t, round(mido.tempo2bpm(m.tempo), 2)) for t, m in conductor if m.type == "set_tempo"
    ] == tempos
    assert [
        (t, m.numerator, m.denominator) for t, m in conductor if m.type == "time_signature"
    ] == meters
    expected_keys = [mido_key(c) for c in song.key_signatures]
    for midi_track, track in zip(midi.tracks[1:], song.tracks, strict=True):
        found = [(t, m.key) for t, m in absolute_events(midi_track) if m.type == "key_signature"]
        assert found == ([] if track.is_drum else expected_keys)
    assert (
        keys == []
        or [(t, m.key) for t, m in conductor if m.type == "key_signature"] == expected_keys
    )


def mido_key(key: KeySignatureChange) -> tuple[int, str]:
    return key.tick, key.tonic_name + ("m" if key.mode == "minor" else "")


@pytest.mark.parametrize("name", NAMES)
def test_symusic_agrees_on_maps_tracks_and_notes(
    name: str, files: dict[str, tuple[Song, Path]]
) -> None:
    song, path = files[name]
    score = ScoreTick.from_file(path)
    tempos, meters, keys = song_maps(song)
    assert [(t.time, round(t.qpm, 2)) for t in score.tempos] == tempos
    assert [(m.time, m.numerator, m.denominator) for m in score.time_signatures] == meters
    assert (
        unique([(k.time, k.key, "minor" if k.tonality else "major") for k in score.key_signatures])
        == keys
    )
    got = [
        (
            t.program,
            t.is_drum,
            sorted((n.time, n.pitch, n.time + n.duration, n.velocity) for n in t.notes),
        )
        for t in score.tracks
    ]
    assert got == song_instruments(song)


@pytest.mark.parametrize("name", NAMES)
def test_pretty_midi_agrees_on_maps_instruments_and_notes_in_seconds(
    name: str, files: dict[str, tuple[Song, Path]]
) -> None:
    song, path = files[name]
    with warnings.catch_warnings():  # it warns about keys outside the first track, then reads
        warnings.simplefilter("ignore", RuntimeWarning)
        midi = pretty_midi.PrettyMIDI(str(path))
    times, bpms = midi.get_tempo_changes()
    seconds = song.tick_to_seconds  # pretty_midi's seconds come from whole-microsecond tempos
    assert [round(float(b), 2) for b in bpms] == [bpm for _, bpm in song_maps(song)[0]]
    assert close([float(t) for t in times], [seconds(c.tick) for c in song.tempos])
    assert [(m.numerator, m.denominator) for m in midi.time_signature_changes] == [
        (c.numerator, c.denominator) for c in song.time_signatures
    ]
    assert close(
        [m.time for m in midi.time_signature_changes],
        [seconds(c.tick) for c in song.time_signatures],
    )
    keys = sorted({(round(k.time, 4), k.key_number) for k in midi.key_signature_changes})
    assert [number for _, number in keys] == [
        key_number(c.sharps_flats, c.mode) for c in song.key_signatures
    ]
    assert close([time for time, _ in keys], [seconds(c.tick) for c in song.key_signatures])
    expected = song_instruments(song)
    assert [(i.program, i.is_drum) for i in midi.instruments] == [(p, d) for p, d, _ in expected]
    for instrument, (_, _, rows) in zip(midi.instruments, expected, strict=True):
        got = sorted((n.start, n.pitch, n.end) for n in instrument.notes)
        assert [pitch for _, pitch, _ in got] == [pitch for _, pitch, _, _ in rows]
        assert close(
            [t for start, _, end in got for t in (start, end)],
            [seconds(t) for start, _, end, _ in rows for t in (start, end)],
        )


def close(got: list[float], expected: list[float], seconds: float = 1e-4) -> bool:
    """Equal within 0.1 ms (a tick is 1 ms or more at these tempos)."""
    return len(got) == len(expected) and all(
        abs(a - b) <= seconds for a, b in zip(got, expected, strict=True)
    )


@pytest.mark.parametrize("name", NAMES)
def test_music21_agrees_on_parts_instruments_maps_and_notes(
    name: str, files: dict[str, tuple[Song, Path]]
) -> None:
    song, path = files[name]
    score = music21.converter.parse(str(path), quantizePost=False)
    assert isinstance(score, music21.stream.Score)
    tempos, meters, keys = song_maps(song)
    marks = {
        (round(float(m.getOffsetInHierarchy(score)) * PPQ), float(m.number))
        for m in score.recurse().getElementsByClass(music21.tempo.MetronomeMark)
    }
    assert [(tick, round(bpm, 2)) for tick, bpm in sorted(marks)] == tempos
    assert len(score.parts) == len(song.tracks)
    for part, track in zip(score.parts, song.tracks, strict=True):

        def at(element: music21.base.Music21Object, p: music21.stream.Part = part) -> int:
            return round(float(element.getOffsetInHierarchy(p)) * PPQ)

        found_meters = [
            (at(m), m.numerator, m.denominator)
            for m in part.recurse().getElementsByClass(music21.meter.TimeSignature)
        ]
        assert found_meters == meters
        found_keys = [
            (at(k), k.sharps, getattr(k, "mode", "major"))
            for k in part.recurse().getElementsByClass(music21.key.KeySignature)
        ]
        assert unique(found_keys) == keys  # a key in the part itself: what MuseScore needs
        # music21 guesses an instrument from the track name first; the program change's
        # instrument comes after it at the same offset, and later ones at their own.
        by_tick: dict[int, int | None] = {}
        for instrument in part.recurse().getElementsByClass(music21.instrument.Instrument):
            by_tick[at(instrument)] = instrument.midiProgram
        assert list(by_tick.items()) == [
            (0, track.program),
            *((c.tick, c.program) for c in track.program_changes),
        ]
        assert music21_notes(part) == sorted(
            (n.start_tick, n.pitch, n.end_tick, n.velocity) for n in track.notes
        )
