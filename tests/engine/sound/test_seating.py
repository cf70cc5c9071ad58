"""Where a new song's voices and an added track sit: a stage's seating, from the preset file and
the family table, never moving a track that is already there.

The presets are the shipped file read by the real loader; the songs are written by the real
composing model and exported to real MIDI files read back by mido and by Tessera.
"""

from __future__ import annotations

from pathlib import Path

import mido
import pytest

from engine.compose.midi_model import MidiModel
from engine.compose.operations import apply
from engine.compose.preset_files import PresetFileError
from engine.compose.presets import PRESETS, Voice, load_presets, voice_tracks
from engine.compose.requests import AddTrack, Generate
from engine.project.midi.files import export_midi, import_midi
from engine.project.midi.mix import cc10_to_pan, pan_to_cc10
from engine.song.edits import update_track
from engine.song.song import PPQ, Note, Song, Track
from engine.song.stage import DRUM_SEAT, FAMILY_SEATS, added_track_pan
from engine.sound.space import track_space


def _pans(preset: str) -> dict[str, float]:
    return {track.name: track.pan for track in voice_tracks(PRESETS[preset].voices)}


def test_a_string_quartet_sits_as_on_a_stage() -> None:
    pans = _pans("string-quartet")
    assert pans["Violin I"] < pans["Violin II"] < 0 < pans["Viola"] < pans["Cello"]
    assert pans["Violin I"] == -pans["Cello"]
    assert pans["Violin II"] == -pans["Viola"]


def test_a_chorale_spreads_its_choir_soprano_to_bass() -> None:
    pans = _pans("chorale")
    assert pans["Soprano"] < pans["Alto"] < 0 < pans["Tenor"] < pans["Bass"]


@pytest.mark.parametrize(
    ("preset", "left", "right"),
    [
        ("rock", "Lead guitar", "Rhythm guitar"),
        ("lofi", "Jazz guitar", "Rhodes"),
        ("ballad", "Piano", "Nylon guitar"),
        ("blues", "Lead guitar", "Piano"),
        ("funk", "Horns", "Clavinet"),
    ],
)
def test_a_bands_guitars_and_keys_answer_each_other_around_a_centred_rhythm_section(
    preset: str, left: str, right: str
) -> None:
    tracks = {t.name: t for t in voice_tracks(PRESETS[preset].voices)}
    assert tracks[left].pan < 0 < tracks[right].pan
    centred = [t for t in tracks.values() if t.is_drum or 32 <= t.program < 40]
    assert len(centred) == 2  # kit and bass
    assert all(t.pan == 0.0 for t in centred)


def test_pads_and_sections_are_centred_and_wide() -> None:
    for preset, name in (("house", "Poly synth"), ("ballad", "Strings"), ("cinematic", "Choir")):
        track = next(t for t in voice_tracks(PRESETS[preset].voices) if t.name == name)
        assert track.pan == 0.0
        assert track_space(track).width >= 0.8


def test_every_preset_seat_and_family_pan_survives_a_midi_file(tmp_path: Path) -> None:
    """Each preset exported as MIDI (a note per voice) and read back by mido and Tessera keeps
    every pan exactly, and the family pans hold on either side."""
    for name, preset in PRESETS.items():
        tracks = tuple(
            Track(t.name, t.program, t.is_drum, notes=(Note(0, 60, PPQ, 90),), pan=t.pan)
            for t in voice_tracks(preset.voices)
        )
        song = Song(title=name, bar_count=1, tracks=tracks)
        path = tmp_path / f"{name}.mid"
        export_midi(song, path)
        raw = [
            next((m.value for m in track if m.type == "control_change" and m.control == 10), 64)
            for track in mido.MidiFile(path).tracks[1:]
        ]
        assert raw == [pan_to_cc10(t.pan) for t in tracks], name
        assert [t.pan for t in import_midi(path).tracks] == [t.pan for t in tracks], name
    for seat in (*FAMILY_SEATS, DRUM_SEAT):
        assert cc10_to_pan(pan_to_cc10(seat.pan)) == seat.pan
        assert cc10_to_pan(pan_to_cc10(-seat.pan)) == -seat.pan


def test_a_voice_the_preset_does_not_seat_takes_its_familys_place() -> None:
    voices = [
        Voice("Guitar", 25, (40, 80)),
        Voice("Keys", 4, (48, 84)),
        Voice("Bass", 33, (28, 55)),
        Voice("Lead", 80, (60, 84), pan=0.25, reverb_send_db=-20.0),
    ]
    guitar, keys, bass, lead = voice_tracks(voices)
    assert guitar.pan == -FAMILY_SEATS[3].pan  # stage left when the stage is empty
    assert keys.pan == FAMILY_SEATS[0].pan  # then the other side
    assert bass.pan == 0.0
    assert (lead.pan, lead.reverb_send_db) == (0.25, -20.0)
    assert guitar.reverb_send_db is None  # the family default, following the instrument


def test_an_added_track_goes_to_the_side_the_song_leans_away_from() -> None:
    left = Track("Guitar", 27, pan=-0.44)
    assert added_track_pan([left], 4, False) == FAMILY_SEATS[0].pan
    assert added_track_pan([left, Track("Keys", 4, pan=0.6)], 26, False) == -FAMILY_SEATS[3].pan
    assert added_track_pan([left], 33, False) == 0.0  # a bass stays in the middle
    assert added_track_pan([left], 0, True) == 0.0  # so does a kit


def test_a_bad_pan_in_a_preset_file_names_the_preset_and_the_voice(tmp_path: Path) -> None:
    path = tmp_path / "ensembles.toml"
    path.write_text(
        '[duo]\nmeter = "4/4"\nkey = "C major"\ntempo = 90\nbars = 4\nvoices = [\n'
        '  { name = "A", program = 0, range = "C3-C5", pan = -0.5 },\n'
        '  { name = "B", program = 0, range = "C3-C5", pan = 2 },\n]\n',
        encoding="utf-8",
    )
    with pytest.raises(
        PresetFileError,
        match=r"^ensembles\.toml, preset \[duo\], voice 2: 'pan' should be a number from -1 "
        r"to 1, got 2$",
    ):
        load_presets(path)
    path.write_text(path.read_text().replace("pan = 2", 'send = "wet"'), encoding="utf-8")
    with pytest.raises(PresetFileError, match=r"voice 2: 'send' should be a number from -60 to 6"):
        load_presets(path)


def test_composing_seats_new_voices_and_an_added_track_without_moving_the_others(
    midi_model: MidiModel,
) -> None:
    song = apply(midi_model, None, Generate("string-quartet", bars=2), 3)
    assert [t.pan for t in song.tracks] == [-0.56, -0.22, 0.22, 0.56]
    song = update_track(song, 0, pan=0.3)  # the user moves the first violin
    grown = apply(midi_model, song, AddTrack(24, "Guitar"), 4)
    assert grown.tracks[:4] == song.tracks  # the user's pan and every other seat kept
    assert grown.tracks[4].pan == -FAMILY_SEATS[3].pan  # the quartet leans right: stage left
