"""Track mix settings: validation, who is audible, project files and MIDI controllers.

The MIDI tests write real files to tmp_path and read them back twice: with Tessera's own
importer (symusic) and independently with mido, which sees the raw CC7/CC10/CC91 events.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import mido
import pytest

from engine.project.midi.files import export_midi, import_midi, read_midi
from engine.project.midi.writer import cc7_to_gain_db, cc10_to_pan, gain_db_to_cc7, pan_to_cc10
from engine.project.project_file import (
    SCHEMA_VERSION,
    ProjectFileError,
    load_project,
    save_project,
    song_from_dict,
    song_to_dict,
)
from engine.song.edits import update_track
from engine.song.song import (
    DRUM_CHANNEL,
    MAX_GAIN_DB,
    MIN_GAIN_DB,
    PPQ,
    Note,
    Song,
    SongError,
    Track,
    audible_track_indices,
)


def _mixed_song() -> Song:
    lead = Track("Lead", program=73, notes=(Note(0, 72, 240, 100),), gain_db=-6.0, pan=-0.5)
    drums = Track("Drums", is_drum=True, notes=(Note(PPQ, 36, 60, 120),), pan=0.75)
    pad = Track("Pad", program=89, notes=(Note(0, 60, 960, 70),), muted=True, solo=True)
    return Song(title="Mixed", bar_count=2, tracks=(lead, drums, pad))


# Validation -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"gain_db": 12.5}, r"^gain_db must be a number from -60 to 12, got 12\.5$"),
        ({"gain_db": -61}, r"^gain_db must be a number from -60 to 12, got -61$"),
        ({"gain_db": math.nan}, r"^gain_db must be a number from -60 to 12, got nan$"),
        ({"gain_db": math.inf}, r"^gain_db must be a number .* got inf$"),
        ({"gain_db": True}, r"^gain_db must be a number .* got True$"),
        ({"gain_db": "-6"}, r"^gain_db must be a number .* got '-6'$"),
        ({"pan": 1.01}, r"^pan must be a number from -1 to 1, got 1\.01$"),
        ({"pan": -2}, r"^pan must be a number from -1 to 1, got -2$"),
        ({"pan": None}, r"^pan must be a number from -1 to 1, got None$"),
        ({"muted": 1}, r"^muted must be true or false, got 1$"),
        ({"solo": "yes"}, r"^solo must be true or false, got 'yes'$"),
    ],
)
def test_track_refuses_mix_values_naming_the_field_and_range(
    changes: dict[str, Any], message: str
) -> None:
    with pytest.raises(SongError, match=message):
        Track("x", **changes)


def test_track_accepts_the_range_ends_and_stores_ints_as_floats() -> None:
    loud = Track("x", gain_db=12, pan=1)
    quiet = Track("x", gain_db=-60, pan=-1)
    assert (loud.gain_db, loud.pan, quiet.gain_db, quiet.pan) == (12.0, 1.0, -60.0, -1.0)
    assert all(isinstance(v, float) for v in (loud.gain_db, loud.pan, quiet.gain_db, quiet.pan))
    assert (MIN_GAIN_DB, MAX_GAIN_DB) == (-60.0, 12.0)
    assert Track("x") == Track("x", gain_db=0.0, pan=0.0, muted=False, solo=False)
    assert Track("x") != Track("x", muted=True)


def test_update_track_changes_the_mix_and_refuses_a_bad_value() -> None:
    song = _mixed_song()
    louder = update_track(song, 0, gain_db=3, muted=True)
    assert (louder.tracks[0].gain_db, louder.tracks[0].muted) == (3.0, True)
    assert louder.tracks[0].notes == song.tracks[0].notes
    assert song.tracks[0].gain_db == -6.0  # the input Song is untouched
    with pytest.raises(SongError, match=r"pan must be a number from -1 to 1, got 2"):
        update_track(song, 1, pan=2)


# Who a mixer plays ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("flags", "audible"),
    [
        ([(False, False), (False, False), (False, False)], (0, 1, 2)),
        ([(False, False), (True, False), (False, False)], (0, 2)),
        ([(False, False), (False, True), (False, False)], (1,)),
        ([(False, True), (False, False), (False, True)], (0, 2)),
        ([(False, True), (True, False), (False, False)], (0,)),  # solo silences the rest
        ([(False, False), (True, True), (False, False)], ()),  # mute beats solo
        ([(True, True), (False, True), (False, False)], (1,)),
        ([(True, False), (True, False), (True, False)], ()),
    ],
)
def test_audible_tracks_follow_mute_and_solo(
    flags: list[tuple[bool, bool]], audible: tuple[int, ...]
) -> None:
    tracks = tuple(Track(f"t{i}", muted=muted, solo=solo) for i, (muted, solo) in enumerate(flags))
    assert audible_track_indices(Song(tracks=tracks)) == audible


def test_a_song_without_tracks_has_none_audible() -> None:
    assert audible_track_indices(Song()) == ()


# Project files --------------------------------------------------------------------------


def test_a_mix_survives_save_and_load(tmp_path: Path) -> None:
    path = tmp_path / "mixed.tessera.json"
    save_project(_mixed_song(), path)
    assert load_project(path) == _mixed_song()
    data = json.loads(path.read_text("utf-8"))
    assert data["schema_version"] == SCHEMA_VERSION == 5
    assert data["tracks"][0]["mix"] == {"gain_db": -6.0, "pan": -0.5, "muted": False, "solo": False}
    assert data["tracks"][2]["mix"] == {"gain_db": 0.0, "pan": 0.0, "muted": True, "solo": True}


def test_an_unmixed_track_is_saved_exactly_as_schema_2_saved_it(tmp_path: Path) -> None:
    """The corpus manifest hashes `song_to_dict`: an unmixed song must not change by a byte."""
    song = Song(title="Plain", bar_count=1, tracks=(Track("Lead", notes=(Note(0, 60, 480, 90),)),))
    path = tmp_path / "plain.tessera.json"
    save_project(song, path)
    assert path.read_text("utf-8") == (
        f'{{"format":"tessera-project","schema_version":{SCHEMA_VERSION},"ppq":480,"title":"Plain",'
        '"bar_count":1,"tempos":[{"tick":0,"tempo_bpm":120.0}],'
        '"time_signatures":[{"tick":0,"numerator":4,"denominator":4}],"key_signatures":[],'
        '"tracks":[{"name":"Lead","program":0,"is_drum":false,"locked_bars":[],'
        '"timbre":{"kind":"gm","seed":null,"vector":[]},"notes":[[0,60,480,90]]}]}'
    )
    pan_only = song_to_dict(_mixed_song())["tracks"][1]  # one setting is enough to write a mix
    assert pan_only["mix"] == {"gain_db": 0.0, "pan": 0.75, "muted": False, "solo": False}


@pytest.mark.parametrize("version", [1, 2])
def test_older_files_without_a_mix_open_with_the_defaults(version: int) -> None:
    data = song_to_dict(_mixed_song())
    data["schema_version"] = version
    for track in data["tracks"]:
        track.pop("mix", None)
    song = song_from_dict(data)
    assert [(t.gain_db, t.pan, t.muted, t.solo) for t in song.tracks] == [
        (0.0, 0.0, False, False)
    ] * 3
    assert [t.notes for t in song.tracks] == [t.notes for t in _mixed_song().tracks]


def test_a_mix_with_int_values_loads_as_floats() -> None:
    data = song_to_dict(_mixed_song())
    data["tracks"][0]["mix"].update(gain_db=-6, pan=1)
    track = song_from_dict(data).tracks[0]
    assert (track.gain_db, track.pan) == (-6.0, 1.0)
    assert isinstance(track.gain_db, float)


def _with_mix(change: Any) -> dict[str, Any]:
    data = song_to_dict(_mixed_song())
    change(data["tracks"][1]["mix"])
    return data


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda m: m.update(pan=1.5), r"^tracks\[1\]\.mix\.pan must be a number from -1 to 1"),
        (lambda m: m.update(pan="left"), r"^tracks\[1\]\.mix\.pan must be .* a number, got text"),
        (lambda m: m.update(pan=None), r"^tracks\[1\]\.mix\.pan must be .* a number, got null"),
        (lambda m: m.update(gain_db=13), r"^tracks\[1\]\.mix\.gain_db must be a number from -60"),
        (lambda m: m.update(gain_db=True), r"^tracks\[1\]\.mix\.gain_db must be .*, got True"),
        (lambda m: m.update(muted=0), r"^tracks\[1\]\.mix\.muted must be true or false, got 0"),
        (lambda m: m.pop("solo"), r"^tracks\[1\]\.mix\.solo is missing$"),
        (lambda m: m.update(volume=3), r"^tracks\[1\]\.mix\.volume is not a field this version"),
    ],
)
def test_a_bad_mix_value_names_its_json_path(change: Any, message: str) -> None:
    with pytest.raises(SongError, match=message):
        song_from_dict(_with_mix(change))


def test_a_mix_that_is_not_an_object_names_its_path(tmp_path: Path) -> None:
    data = song_to_dict(_mixed_song())
    data["tracks"][1]["mix"] = [0, 0]
    path = tmp_path / "bad.tessera.json"
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(ProjectFileError, match=r"^bad\.tessera\.json: tracks\[1\]\.mix must be an"):
        load_project(path)


# MIDI -----------------------------------------------------------------------------------


def _controls_at_tick_0(track: mido.MidiTrack) -> dict[int, tuple[int, int]]:
    """controller -> (channel, value) of the CCs at tick 0 before the track's first note."""
    found: dict[int, tuple[int, int]] = {}
    tick = 0
    for message in track:
        tick += message.time
        if message.type == "note_on" or tick > 0:
            break
        if message.type == "control_change":
            found[message.control] = (message.channel, message.value)
    return found


def test_export_writes_volume_and_pan_at_tick_0_and_import_reads_them_back(
    tmp_path: Path,
) -> None:
    path = tmp_path / "mixed.mid"
    assert export_midi(_mixed_song(), path) == []

    midi = mido.MidiFile(path)
    controls = [_controls_at_tick_0(track) for track in midi.tracks[1:]]
    # -6 dB is 127 * 10**(-6/40) = 89.9; pan -0.5 is 64 - 32; pan 0.75 is 64 + 47.25.
    # Once one track has a gain, every track gets CC7 (0 dB is 127), so GM's default of 100
    # cannot make the 0 dB tracks quieter than the -6 dB one. Every track gets its family's
    # reverb send as CC91, 127 * 10**((send - 6) / 40): a pipe's -12 dB is 44.9, a kit's
    # -18 dB 31.8, a pad's -9 dB 53.5.
    assert controls == [
        {7: (0, 90), 10: (0, 32), 91: (0, 45)},
        {7: (DRUM_CHANNEL, 127), 10: (DRUM_CHANNEL, 111), 91: (DRUM_CHANNEL, 32)},
        {7: (1, 127), 91: (1, 54)},
    ]
    all_controls = [m for track in midi.tracks for m in track if m.type == "control_change"]
    assert len(all_controls) == 8  # nothing else, and nothing later than tick 0

    song = import_midi(path)
    assert [(t.name, t.gain_db, t.pan) for t in song.tracks] == [
        ("Lead", -6.0, -0.5),
        ("Drums", 0.0, 0.75),
        ("Pad", 0.0, 0.0),
    ]
    # MIDI has no mute or solo: the muted, soloed Pad comes back as a plain track.
    assert (song.tracks[2].muted, song.tracks[2].solo) == (False, False)


def test_an_unmixed_song_exports_only_its_reverb_send(tmp_path: Path) -> None:
    song = Song(bar_count=1, tracks=(Track("Lead", notes=(Note(0, 60, 480, 90),), muted=True),))
    export_midi(song, tmp_path / "plain.mid")
    midi = mido.MidiFile(tmp_path / "plain.mid")
    controls = [m for track in midi.tracks for m in track if m.type == "control_change"]
    # A piano's default send, -14 dB, is CC91 40: General MIDI 2's own default.
    assert [(m.control, m.value) for m in controls] == [(91, 40)]
    track = import_midi(tmp_path / "plain.mid").tracks[0]
    assert (track.gain_db, track.pan, track.reverb_send_db, track.controls) == (0.0, 0.0, None, ())


def test_gain_above_0_db_exports_as_full_volume(tmp_path: Path) -> None:
    song = Song(bar_count=1, tracks=(Track("Lead", notes=(Note(0, 60, 480, 90),), gain_db=6),))
    export_midi(song, tmp_path / "loud.mid")
    written = _controls_at_tick_0(mido.MidiFile(tmp_path / "loud.mid").tracks[1])
    assert written == {7: (0, 127), 91: (0, 40)}
    assert import_midi(tmp_path / "loud.mid").tracks[0].gain_db == 0.0


@pytest.mark.parametrize(
    ("volume", "pan"), [(4, 0), (5, 1), (40, 63), (100, 64), (101, 65), (126, 126), (127, 127)]
)
def test_imported_mix_exports_to_the_same_controllers(
    tmp_path: Path, volume: int, pan: int
) -> None:
    """CC values from a DAW -> Song -> file -> Song: the same controllers and an equal Song."""
    source = mido.MidiFile(type=1, ticks_per_beat=PPQ)
    source.tracks.append(mido.MidiTrack([mido.MetaMessage("track_name", name="Song")]))
    source.tracks.append(
        mido.MidiTrack(
            [
                mido.MetaMessage("track_name", name="Keys"),
                mido.Message("control_change", channel=3, control=7, value=volume),
                mido.Message("control_change", channel=3, control=10, value=pan),
                mido.Message("note_on", channel=3, note=60, velocity=80),
                mido.Message("note_off", channel=3, note=60, velocity=0, time=PPQ),
            ]
        )
    )
    source.save(tmp_path / "daw.mid")
    song = import_midi(tmp_path / "daw.mid")
    export_midi(song, tmp_path / "again.mid")
    written = _controls_at_tick_0(mido.MidiFile(tmp_path / "again.mid").tracks[1])
    assert written.get(7, (0, 127)) == (0, volume)  # 127 is 0 dB: not written alone
    assert written.get(10, (0, 64)) == (0, pan)  # 64 is the centre: not written
    assert import_midi(tmp_path / "again.mid") == song


def test_import_takes_the_controllers_in_force_at_the_first_note(tmp_path: Path) -> None:
    """Later changes are automation, which a Song does not hold; CC7 0 is the -60 dB floor."""
    source = mido.MidiFile(type=1, ticks_per_beat=96)
    source.tracks.append(mido.MidiTrack([mido.MetaMessage("track_name", name="Song")]))
    source.tracks.append(
        mido.MidiTrack(
            [
                mido.Message("control_change", channel=0, control=7, value=100),
                mido.Message("control_change", channel=0, control=10, value=0, time=10),
                mido.Message("control_change", channel=0, control=7, value=0, time=10),
                mido.Message(
                    "control_change", channel=0, control=64, value=127
                ),  # sustain: ignored
                mido.Message("note_on", channel=0, note=60, velocity=80, time=76),
                mido.Message("control_change", channel=0, control=7, value=127, time=10),
                mido.Message("control_change", channel=0, control=10, value=127),
                mido.Message("note_off", channel=0, note=60, velocity=0, time=86),
            ]
        )
    )
    source.save(tmp_path / "automation.mid")
    imported = read_midi(tmp_path / "automation.mid")
    assert [(t.gain_db, t.pan) for t in imported.song.tracks] == [(-60.0, -1.0)]
    assert imported.warnings == []


def test_the_controller_mappings_invert_each_other() -> None:
    assert (gain_db_to_cc7(0.0), gain_db_to_cc7(-60.0), gain_db_to_cc7(12.0)) == (127, 4, 127)
    assert (pan_to_cc10(-1.0), pan_to_cc10(0.0), pan_to_cc10(1.0)) == (0, 64, 127)
    assert [cc7_to_gain_db(v) for v in (0, 3, 64, 127)] == [-60.0, -60.0, -11.9, 0.0]
    assert [cc10_to_pan(v) for v in (0, 32, 64, 127)] == [-1.0, -0.5, 0.0, 1.0]
    assert all(gain_db_to_cc7(cc7_to_gain_db(value)) == value for value in range(4, 128))
    assert all(pan_to_cc10(cc10_to_pan(value)) == value for value in range(128))
