"""A track's reverb send travels in MIDI as CC91, so a DAW's reverb hears the same space.

Real files written to tmp_path and read back twice: by mido, which sees the raw controller
events, and by Tessera's own reader, which turns them back into the track's setting.
"""

from __future__ import annotations

import math
from pathlib import Path

import mido
import pytest

from engine.project.midi.files import export_midi, import_midi, read_midi
from engine.project.midi.mix import REVERB_CC, cc91_to_send_db, send_db_to_cc91
from engine.song.song import (
    DRUM_CHANNEL,
    MIN_REVERB_SEND_DB,
    PPQ,
    ControlEvent,
    Note,
    Song,
    Track,
)
from engine.song.stage import DRUM_SEAT, FAMILY_SEATS
from engine.sound.space import track_space


def _cc91(send_db: float) -> int:
    """The export's curve written out again: CC7's 40 dB a decade, +6 dB at 127."""
    return round(127 * 10 ** ((send_db - 6.0) / 40))


def _reverb_events(path: Path) -> list[list[tuple[int, int, int]]]:
    """Per note track, (absolute tick, channel, value) of every CC91, as mido reads them."""
    found = []
    for track in mido.MidiFile(path).tracks[1:]:
        tick, events = 0, []
        for message in track:
            tick += message.time
            if message.type == "control_change" and message.control == REVERB_CC:
                events.append((tick, message.channel, message.value))
        found.append(events)
    return found


def _song() -> Song:
    note = (Note(0, 60, PPQ, 90),)
    return Song(
        title="Sends",
        bar_count=1,
        tracks=(
            Track("Violin", program=40, notes=note),  # the strings' default, -10 dB
            Track("Wet flute", program=73, notes=note, reverb_send_db=-2.9),
            Track("Dry cello", program=42, notes=note, reverb_send_db=MIN_REVERB_SEND_DB),
            Track("Bass", program=33, notes=note),  # basses are dry by default
            Track("Kit", is_drum=True, notes=(Note(0, 36, PPQ, 100),)),
        ),
    )


def test_every_track_exports_the_send_it_is_mixed_with_and_imports_it_back(
    tmp_path: Path,
) -> None:
    song = _song()
    path = tmp_path / "sends.mid"
    assert export_midi(song, path) == []
    assert _reverb_events(path) == [
        [(0, 0, _cc91(-10.0))],
        [(0, 1, _cc91(-2.9))],
        [(0, 2, 0)],
        [(0, 3, 0)],
        [(0, DRUM_CHANNEL, _cc91(-18.0))],
    ]
    back = import_midi(path)
    # A send at its family's default comes back as the default (None), so it still follows
    # the instrument; the dry cello is not its family's default, so it stays dry.
    assert [t.reverb_send_db for t in back.tracks] == [None, -2.9, MIN_REVERB_SEND_DB, None, None]
    assert [t.controls for t in back.tracks] == [()] * 5  # the settings, not performance data
    assert back == song


def test_a_daws_reverb_automation_stays_and_only_the_value_at_the_first_note_is_the_setting(
    tmp_path: Path,
) -> None:
    """CC91 20 then 100 before the first note (tick 96), then a swell while it plays: the
    setting is 100, what the first note hears; the swell is kept as it was, event for event."""
    source = mido.MidiFile(type=1, ticks_per_beat=96)
    source.tracks.append(mido.MidiTrack([mido.MetaMessage("track_name", name="Song")]))
    swell = [
        mido.Message("control_change", channel=4, control=91, value=v, time=12)
        for v in (30, 60, 90)
    ]
    source.tracks.append(
        mido.MidiTrack(
            [
                mido.MetaMessage("track_name", name="Pad"),
                mido.Message("program_change", channel=4, program=89),
                mido.Message("control_change", channel=4, control=91, value=20),
                mido.Message("control_change", channel=4, control=91, value=100, time=50),
                mido.Message("note_on", channel=4, note=60, velocity=80, time=46),
                *swell,
                mido.Message("note_off", channel=4, note=60, velocity=0, time=60),
            ]
        )
    )
    source.save(tmp_path / "daw.mid")
    imported = read_midi(tmp_path / "daw.mid")
    assert imported.warnings == []
    pad = imported.song.tracks[0]
    assert (
        pad.reverb_send_db
        == cc91_to_send_db(100)
        == pytest.approx(6 + 40 * math.log10(100 / 127), abs=0.05)
    )
    # 96 file ticks are a quarter, PPQ Song ticks: the swell at 108, 120, 132 is at 540, 600, 660.
    assert pad.controls == tuple(
        ControlEvent(t, "cc", v, 91) for t, v in ((540, 30), (600, 60), (660, 90))
    )

    export_midi(imported.song, tmp_path / "again.mid")
    assert _reverb_events(tmp_path / "again.mid") == [
        [(0, 0, 100), (540, 0, 30), (600, 0, 60), (660, 0, 90)]
    ]
    assert import_midi(tmp_path / "again.mid") == imported.song


def test_a_daws_send_at_the_family_default_is_the_default(tmp_path: Path) -> None:
    source = mido.MidiFile(type=1, ticks_per_beat=PPQ)
    source.tracks.append(
        mido.MidiTrack(
            [
                mido.Message("program_change", channel=0, program=48),  # string ensemble
                mido.Message("control_change", channel=0, control=91, value=_cc91(-9.0)),
                mido.Message("note_on", channel=0, note=60, velocity=80),
                mido.Message("note_off", channel=0, note=60, velocity=0, time=PPQ),
            ]
        )
    )
    source.save(tmp_path / "ensemble.mid")
    assert import_midi(tmp_path / "ensemble.mid").tracks[0].reverb_send_db is None


def test_a_send_already_in_the_tracks_controls_carries_the_setting_in_place(
    tmp_path: Path,
) -> None:
    """A project saved before sends were imported holds the file's CC91 as a control: the
    export sets that event to the track's send rather than writing a second one."""
    track = Track(
        "Organ",
        program=19,
        notes=(Note(PPQ, 60, PPQ, 90),),
        controls=(ControlEvent(0, "cc", 20, 91),),
        reverb_send_db=-20.0,
    )
    export_midi(Song(bar_count=1, tracks=(track,)), tmp_path / "organ.mid")
    assert _reverb_events(tmp_path / "organ.mid") == [[(0, 0, _cc91(-20.0))]]


@pytest.mark.parametrize("family", range(17))
def test_the_send_a_daw_reads_is_the_one_the_mixer_plays(family: int, tmp_path: Path) -> None:
    """For every General MIDI family and the kit, left at its default: CC91 read back as dB is
    the mixer's send within half a controller step (and no send is CC91 0)."""
    is_drum = family == 16
    track = Track(
        "x", program=0 if is_drum else 8 * family, is_drum=is_drum, notes=(Note(0, 60, PPQ, 90),)
    )
    export_midi(Song(bar_count=1, tracks=(track,)), tmp_path / "one.mid")
    [[(_, _, value)]] = _reverb_events(tmp_path / "one.mid")
    mixed = track_space(track).reverb_send_db
    default = (DRUM_SEAT if is_drum else FAMILY_SEATS[family]).reverb_send_db
    assert mixed == default
    if mixed is None:
        assert value == 0
    else:
        half_step_db = 40 * math.log10((value + 0.5) / value)  # 0.27 dB at CC91 32
        assert cc91_to_send_db(value) == pytest.approx(mixed, abs=half_step_db + 0.05)


def test_the_send_mappings_invert_each_other() -> None:
    assert (send_db_to_cc91(None), send_db_to_cc91(MIN_REVERB_SEND_DB), send_db_to_cc91(6.0)) == (
        0,
        0,
        127,
    )
    assert send_db_to_cc91(-14.0) == 40  # General MIDI 2's default send
    assert [cc91_to_send_db(v) for v in (0, 2, 3, 40, 127)] == [-60.0, -60.0, -59.1, -14.1, 6.0]
    assert all(send_db_to_cc91(cc91_to_send_db(value)) == value for value in range(3, 128))
