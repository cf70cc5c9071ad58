"""MIDI export: a Song, or a selection of it, as a type-1 file that drops cleanly into any DAW.

Written with mido, because symusic puts the tempo map into the first note track while DAWs
expect a separate conductor track. What a DAW gets: 480 ticks per quarter; a conductor track
named after the song with its tempo, time signature and key changes; one named track per
instrument on a channel of its own with its program change; drums on channel 10; no
zero-length notes, no same-pitch overlaps on a channel, note-offs before note-ons on the same
tick; every track ending at the end of the last bar, so DAWs import the whole tempo map.

The mix travels as controllers at tick 0, so a DAW opens the song with the same balance:
CC10 (pan) on a track whose pan is not centred, and CC7 (channel volume) on every track once
any track's gain is not 0 dB (see `song_to_midi_file` for why every track). An unmixed song
gets neither, so its file is byte-for-byte what it was before Tessera had a mixer. MIDI has
no mute or solo: a muted track is exported like any other (DAWs import every track and the
user mutes there) and solo is not written at all. The conversions below are the only place
the mapping lives; `engine.midi_import` uses their inverses, so export -> import round-trips.
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from pathlib import Path
from typing import IO

import mido

from engine.atomic_write import write_atomically
from engine.edits import select
from engine.errors import TesseraError
from engine.gm import instrument_name
from engine.note_cleanup import CleanupReport, clean_notes
from engine.song import DRUM_CHANNEL, MIN_GAIN_DB, PPQ, Note, Song, Track

MELODIC_CHANNELS = tuple(channel for channel in range(16) if channel != DRUM_CHANNEL)
VOLUME_CC = 7
"""Channel volume, the controller a DAW or GM synth treats as the channel's fader."""
PAN_CC = 10
PAN_CENTRE_CC = 64


class MidiExportError(TesseraError):
    """A Song that cannot be written as MIDI, or a destination that cannot be written."""


def export_midi(
    song: Song,
    path: str | os.PathLike[str],
    track_indices: Sequence[int] | None = None,
    bars: tuple[int, int] | None = None,
) -> list[str]:
    """Write a Song, or a selection of its tracks and bars, as a DAW-ready type-1 MIDI file.

    The file is written atomically. Returns warnings (for example, more melodic tracks than
    MIDI has channels, so some share one).
    """
    if track_indices is not None or bars is not None:
        song = select(song, track_indices, bars)
    if not song.tracks:
        raise MidiExportError("the song has no tracks: add a track before exporting MIDI")
    midi_file, warnings = song_to_midi_file(song)
    try:
        write_atomically(path, lambda handle: _save(midi_file, handle))
    except OSError as err:
        raise MidiExportError(f"cannot write {Path(path).name}: {err.strerror}") from err
    return warnings


def gain_db_to_cc7(gain_db: float) -> int:
    """A track gain in dB as a CC7 value 0-127, by the GM volume curve dB = 40 * log10(cc / 127).

    0 dB is 127, the top of the controller, so a gain above 0 dB cannot be expressed and is
    written as 127; the quietest gain, -60 dB, is 4.
    """
    return max(0, min(127, round(127 * 10 ** (gain_db / 40))))


def cc7_to_gain_db(value: int) -> float:
    """A CC7 value 0-127 as a track gain in dB (the inverse of `gain_db_to_cc7`).

    Rounded to 0.1 dB, which keeps every value 4-127 distinct, so CC7 -> dB -> CC7 gives the
    same value. Values 0-3 lie below -60 dB and become `MIN_GAIN_DB`, the mixer's silence.
    """
    if value <= 0:
        return MIN_GAIN_DB
    return max(MIN_GAIN_DB, round(40 * math.log10(value / 127), 1))


def pan_to_cc10(pan: float) -> int:
    """A pan from -1.0 (left) to +1.0 (right) as a CC10 value: 0 left, 64 centre, 127 right.

    MIDI has 64 steps left of centre and 63 right of it, so each side is scaled on its own.
    """
    return PAN_CENTRE_CC + round(pan * (64 if pan < 0 else 63))


def cc10_to_pan(value: int) -> float:
    """A CC10 value 0-127 as a pan from -1.0 to +1.0 (the inverse of `pan_to_cc10`).

    Rounded to 0.01, finer than a CC10 step (1/64), so CC10 -> pan -> CC10 gives the same value.
    """
    steps = value - PAN_CENTRE_CC
    return round(steps / (64 if steps < 0 else 63), 2)


def _save(midi_file: mido.MidiFile, handle: IO[bytes]) -> None:
    midi_file.save(file=handle)


def assign_channels(song: Song) -> tuple[list[int], list[str]]:
    """A channel per track: drums on channel 10, each melodic track on its own channel.

    Past 15 melodic tracks, channels are reused in turn (with a warning): DAWs merge tracks that
    share a channel, so the user should know.
    """
    channels = []
    melodic_index = 0
    for track in song.tracks:
        if track.is_drum:
            channels.append(DRUM_CHANNEL)
        else:
            channels.append(MELODIC_CHANNELS[melodic_index % len(MELODIC_CHANNELS)])
            melodic_index += 1
    warnings = []
    if melodic_index > len(MELODIC_CHANNELS):
        warnings.append(
            f"{melodic_index} melodic tracks but MIDI has {len(MELODIC_CHANNELS)} melodic "
            "channels: some tracks share a channel, and some DAWs will merge them"
        )
    return channels, warnings


def song_to_midi_file(song: Song) -> tuple[mido.MidiFile, list[str]]:
    """Build the mido file for a Song (the exported bytes are its `save` output).

    CC7 goes on every track as soon as one track's gain is not 0 dB: a track without CC7
    plays at the synth's default volume, which General MIDI sets to 100 (about -4.4 dB), so
    writing only the changed tracks would leave a -2 dB track louder than a 0 dB one. Tracks
    that share a channel (past 15 melodic tracks) share its controllers too: the last one wins.
    """
    channels, warnings = assign_channels(song)
    midi_file = mido.MidiFile(type=1, ticks_per_beat=PPQ, charset="utf-8")
    midi_file.tracks.append(_conductor_track(song))
    notes_by_channel = _clean_per_channel(song, channels, warnings)
    write_volume = any(track.gain_db != 0.0 for track in song.tracks)
    for index, (track, channel) in enumerate(zip(song.tracks, channels, strict=True)):
        notes = notes_by_channel[channel][index]
        midi_file.tracks.append(
            _note_track(track, channel, notes, song.end_tick, write_volume=write_volume)
        )
    return midi_file, warnings


def _clean_per_channel(
    song: Song, channels: list[int], warnings: list[str]
) -> dict[int, dict[int, list[Note]]]:
    """Clean notes per channel (tracks sharing a channel must not overlap each other either).

    Returns channel -> track index -> notes. Each note remembers its track through the cleanup
    by riding in a tagged row.
    """
    result: dict[int, dict[int, list[Note]]] = {}
    for channel in sorted(set(channels)):
        members = [i for i, c in enumerate(channels) if c == channel]
        result[channel] = {i: [] for i in members}
        if len(members) == 1:
            report = CleanupReport()
            result[channel][members[0]] = clean_notes(
                (
                    (n.start_tick, n.pitch, n.duration_ticks, n.velocity)
                    for n in song.tracks[members[0]].notes
                ),
                report,
            )
        else:
            report = _clean_shared_channel(song, members, result[channel])
        warnings.extend(report.summary(f"channel {channel + 1}"))
    return result


def _clean_shared_channel(
    song: Song, members: list[int], out: dict[int, list[Note]]
) -> CleanupReport:
    owner: dict[tuple[int, int], int] = {}
    rows = []
    for track_index in members:
        for note in song.tracks[track_index].notes:
            owner.setdefault((note.start_tick, note.pitch), track_index)
            rows.append((note.start_tick, note.pitch, note.duration_ticks, note.velocity))
    report = CleanupReport()
    for note in clean_notes(rows, report):
        out[owner[(note.start_tick, note.pitch)]].append(note)
    return report


def _conductor_track(song: Song) -> mido.MidiTrack:
    events: list[tuple[int, mido.MetaMessage]] = [
        (0, mido.MetaMessage("track_name", name=song.title))
    ]
    for meter in song.time_signatures:
        events.append(
            (
                meter.tick,
                mido.MetaMessage(
                    "time_signature",
                    numerator=meter.numerator,
                    denominator=meter.denominator,
                    clocks_per_click=24,
                    notated_32nd_notes_per_beat=8,
                ),
            )
        )
    for key in song.key_signatures:
        mido_key = key.tonic_name + ("m" if key.mode == "minor" else "")
        events.append((key.tick, mido.MetaMessage("key_signature", key=mido_key)))
    for tempo in song.tempos:
        events.append(
            (tempo.tick, mido.MetaMessage("set_tempo", tempo=round(60_000_000 / tempo.tempo_bpm)))
        )
    return _to_track(sorted(events, key=lambda event: event[0]), song.end_tick)


def _note_track(
    track: Track, channel: int, notes: list[Note], end_tick: int, *, write_volume: bool
) -> mido.MidiTrack:
    """A named track with its program change and mix controllers, then its notes (note-offs
    sorted before note-ons per tick)."""
    # An unnamed track gets the name the importer would give it ("Drums" for drums).
    name = track.name or instrument_name(track.program, track.is_drum)
    head: list[tuple[int, int, mido.Message | mido.MetaMessage]] = [
        (0, 0, mido.MetaMessage("track_name", name=name)),
        (0, 0, mido.Message("program_change", channel=channel, program=track.program)),
    ]
    if write_volume:
        volume = gain_db_to_cc7(track.gain_db)
        head.append(
            (0, 0, mido.Message("control_change", channel=channel, control=VOLUME_CC, value=volume))
        )
    if track.pan != 0.0:
        pan = pan_to_cc10(track.pan)
        head.append(
            (0, 0, mido.Message("control_change", channel=channel, control=PAN_CC, value=pan))
        )
    events: list[tuple[int, int, mido.Message | mido.MetaMessage]] = []
    for note in notes:
        events.append(
            (
                note.start_tick,
                2,
                mido.Message("note_on", channel=channel, note=note.pitch, velocity=note.velocity),
            )
        )
        events.append(
            (
                note.end_tick,
                1,
                mido.Message("note_off", channel=channel, note=note.pitch, velocity=0),
            )
        )
    events.sort(key=lambda event: (event[0], event[1]))
    return _to_track([(tick, message) for tick, _, message in head + events], end_tick)


def _to_track(
    events: list[tuple[int, mido.Message | mido.MetaMessage]], end_tick: int
) -> mido.MidiTrack:
    """Absolute-tick events to a mido track with delta times, ended at the song's last bar."""
    track = mido.MidiTrack()
    now = 0
    for tick, message in events:
        # Set the delta in place: the messages were built for this track alone, and copy()
        # re-validated every field (about half of the export time for 100k notes).
        message.time = tick - now
        track.append(message)
        now = tick
    track.append(mido.MetaMessage("end_of_track", time=max(end_tick - now, 0)))
    return track
