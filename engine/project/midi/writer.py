"""MIDI export: a Song, or a selection of it, as a type-1 file that drops cleanly into any DAW.

Written with mido, because symusic puts the tempo map into the first note track while DAWs
expect a separate conductor track. What a DAW gets: 480 ticks per quarter; a conductor track
named after the song with its tempo, time signature and key changes, its sections as markers
at their first bars (`engine.project.midi.markers`) and its words (lyrics, markers,
copyright), every time signature on a bar line (a bar that a meter change cuts
short gets a meter of its own length: see `written_meters`); one named track per instrument
on a channel of its own with its program change, later program changes at their ticks, its
controllers (bend, pedal, expression, any CC) and, on pitched tracks, the key changes again
(see `_key_events`); drums on channel 10; no zero-length notes, no same-pitch overlaps on a
channel, note-offs before note-ons on the same tick; every track ending at the end of the
last bar, so DAWs import the whole tempo map.

The mix travels as controllers at tick 0, so a DAW opens the song with the same balance:
CC10 (pan) on a track whose pan is not centred, CC7 (channel volume) on every track once
any track's gain is not 0 dB (see `song_to_midi_file` for why every track), and CC91 (reverb
send) on every track, with the send the track is mixed with (its own, or its instrument
family's: `engine.song.stage`), so a DAW's reverb hears the same space; a track that holds its
own CC7/CC10/CC91 from an imported file carries the mix in them (see `track_events`). A
track's width has no General MIDI controller and stays in the project. MIDI has
no mute or solo: a muted track is exported like any other (DAWs import every track and the
user mutes there) and solo is not written at all. The conversions below are the only place
the mapping lives; `engine.project.midi.reader` uses their inverses, so export -> import
round-trips.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO

import mido

from engine.atomic_write import write_atomically
from engine.errors import TesseraError
from engine.project.midi.markers import section_markers
from engine.project.midi.mix import (
    PAN_CC,
    PAN_CENTRE_CC,
    REVERB_CC,
    VOLUME_CC,
    cc7_to_gain_db,
    cc10_to_pan,
    cc91_to_send_db,
    gain_db_to_cc7,
    pan_to_cc10,
    send_db_to_cc91,
)
from engine.song.edits import select
from engine.song.gm import instrument_name
from engine.song.note_cleanup import CleanupReport, clean_notes
from engine.song.song import (
    ALLOWED_DENOMINATORS,
    DRUM_CHANNEL,
    EXPRESSION_CC,
    MAX_NUMERATOR,
    MAX_TICK,
    PPQ,
    SUSTAIN_CC,
    ControlEvent,
    Note,
    ProgramChange,
    Song,
    TimeSignatureChange,
    Track,
)
from engine.song.stage import effective_reverb_send_db
from engine.song.theory import midi_key
from engine.words import QT_TRANSLATE_NOOP

__all__ = [
    "PAN_CC",
    "PAN_CENTRE_CC",
    "REVERB_CC",
    "VOLUME_CC",
    "MidiExportError",
    "assign_channels",
    "cc7_to_gain_db",
    "cc10_to_pan",
    "cc91_to_send_db",
    "export_midi",
    "gain_db_to_cc7",
    "pan_to_cc10",
    "send_db_to_cc91",
    "song_to_midi_file",
    "track_events",
    "written_meters",
]

MELODIC_CHANNELS = tuple(channel for channel in range(16) if channel != DRUM_CHANNEL)
MAX_DELTA_TICKS = 0x0FFFFFFF
"""The longest gap between two events a MIDI delta time holds (four 7-bit bytes)."""


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
        raise MidiExportError(
            QT_TRANSLATE_NOOP(
                "MidiWriter", "the song has no tracks: add a track before exporting MIDI"
            )
        )
    midi_file, warnings = song_to_midi_file(song)
    try:
        write_atomically(path, lambda handle: _save(midi_file, handle))
    except OSError as err:
        raise MidiExportError(
            QT_TRANSLATE_NOOP("MidiWriter", "cannot write {name}: {strerror}").format(
                name=Path(path).name, strerror=err.strerror
            )
        ) from err
    return warnings


def _save(midi_file: mido.MidiFile, handle: IO[bytes]) -> None:
    midi_file.save(file=handle)


def assign_channels(song: Song) -> tuple[list[int], list[str]]:
    """A channel per track: drums on channel 10, each melodic track on its own channel.

    MIDI has 15 melodic channels. Past them, tracks that play the same instrument throughout
    (same program and program changes) share a channel first, since a shared channel plays
    one program at a time; only when there are more instruments than channels do tracks of
    different instruments share, and the warning says how many will sound wrong.
    """
    melodic = [index for index, track in enumerate(song.tracks) if not track.is_drum]
    channels = [DRUM_CHANNEL] * len(song.tracks)
    if len(melodic) <= len(MELODIC_CHANNELS):
        for index, channel in zip(melodic, MELODIC_CHANNELS, strict=False):
            channels[index] = channel
        return channels, []
    instruments: dict[tuple[int, tuple[ProgramChange, ...]], int] = {}
    for index in melodic:
        track = song.tracks[index]
        voice = instruments.setdefault((track.program, track.program_changes), len(instruments))
        channels[index] = MELODIC_CHANNELS[voice % len(MELODIC_CHANNELS)]
    warning = QT_TRANSLATE_NOOP(
        "MidiWriter",
        "{tracks} melodic tracks but MIDI has {channels} melodic channels: tracks of one "
        "instrument share a channel, and some DAWs will merge them",
    ).format(tracks=len(melodic), channels=len(MELODIC_CHANNELS))
    if len(instruments) > len(MELODIC_CHANNELS):
        wrong = sum(
            1
            for index in melodic
            if instruments[song.tracks[index].program, song.tracks[index].program_changes]
            >= len(MELODIC_CHANNELS)
        )
        warning = QT_TRANSLATE_NOOP(
            "MidiWriter",
            "{warning}; {instruments} instruments do not fit, so {wrong} tracks share a "
            "channel with another instrument and play with its sound",
        ).format(warning=warning, instruments=len(instruments), wrong=wrong)
    return channels, [warning]


def song_to_midi_file(song: Song) -> tuple[mido.MidiFile, list[str]]:
    """Build the mido file for a Song (the exported bytes are its `save` output).

    CC7 goes on every track as soon as one track's gain is not 0 dB: a track without CC7
    plays at the synth's default volume, which General MIDI sets to 100 (about -4.4 dB), so
    writing only the changed tracks would leave a -2 dB track louder than a 0 dB one. Tracks
    that share a channel (past 15 melodic tracks) share its controllers too: the last one wins.

    Raises MidiExportError for a song longer than a MIDI file Tessera can read back.
    """
    _check_length(song)
    channels, warnings = assign_channels(song)
    midi_file = mido.MidiFile(type=1, ticks_per_beat=PPQ, charset="utf-8")
    midi_file.tracks.append(_conductor_track(song))
    notes_by_channel = _clean_per_channel(song, channels, warnings)
    write_volume = any(track.gain_db != 0.0 for track in song.tracks)
    for index, (track, channel) in enumerate(zip(song.tracks, channels, strict=True)):
        notes = notes_by_channel[channel][index]
        events = track_events(track, channel, notes, write_volume=write_volume)
        if not track.is_drum:
            events += _key_events(song)
        midi_file.tracks.append(_to_track(sorted(events, key=_event_order), song.end_tick))
    return midi_file, warnings


def _check_length(song: Song) -> None:
    """Refuse a song longer than a MIDI file Tessera (or most readers) can read back."""
    if song.end_tick > MAX_TICK:
        raise MidiExportError(
            QT_TRANSLATE_NOOP(
                "MidiWriter",
                "the song is {end_tick:,} ticks long, more than the {max_tick:,} a "
                "MIDI file can be read back with: export a selection of its bars, or "
                "remove empty bars",
            ).format(end_tick=song.end_tick, max_tick=MAX_TICK)
        )


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


Event = tuple[int, int, mido.Message | mido.MetaMessage]
"""(tick, order within the tick, message): see `_event_order`."""
NAME, KEY, NOTE_OFF, PROGRAM, CONTROL, NOTE_ON = range(6)
"""Order within a tick: metas first, then note-offs before anything that starts (a note
ending on a program change is the old instrument's: pretty_midi files a note under the
program in force at its note-off; a re-struck pitch ends before it sounds again), then the
program, then controllers before the note-ons they shape (a bend or pedal set on a note's
tick applies to it)."""
TEXT_METAS = {
    "text": "text",
    "copyright": "copyright",
    "lyric": "lyrics",
    "marker": "marker",
    "cue": "cue_marker",
}
"""A SongText's kind -> mido's meta type."""


def _event_order(event: Event) -> tuple[int, int]:
    return event[0], event[1]


def _conductor_track(song: Song) -> mido.MidiTrack:
    """The song's name, meters, keys, tempos, form (a marker per section, see
    `engine.project.midi.markers`) and words (lyrics, markers, copyright)."""
    events: list[Event] = [(0, NAME, mido.MetaMessage("track_name", name=song.title))]
    for meter in written_meters(song.time_signatures):
        message = mido.MetaMessage(
            "time_signature",
            numerator=meter.numerator,
            denominator=meter.denominator,
            clocks_per_click=24,
            notated_32nd_notes_per_beat=8,
        )
        events.append((meter.tick, KEY, message))
    events += _key_events(song)
    for tempo in song.tempos:
        message = mido.MetaMessage("set_tempo", tempo=round(60_000_000 / tempo.tempo_bpm))
        events.append((tempo.tick, KEY, message))
    # The form before the words: at a tick holding both, the section's marker comes first,
    # and reading the file takes the first marker on a bar line as the section.
    for tick, name in section_markers(song):
        events.append((tick, KEY, mido.MetaMessage("marker", text=name)))
    for text in song.texts:
        events.append((text.tick, KEY, mido.MetaMessage(TEXT_METAS[text.kind], text=text.text)))
    return _to_track(sorted(events, key=_event_order), song.end_tick)


def written_meters(meters: Sequence[TimeSignatureChange]) -> list[TimeSignatureChange]:
    """The meter map as the file says it, every change on a bar line.

    A Song's meter change may fall inside a bar and cut it short (an imported file's pickup
    or odd bar). Readers do not agree on a meter event inside a bar: MuseScore moves it back
    to the start of its bar, shifting every bar line after it, and music21 adds a bar. So the
    cut bar gets a meter of its own length at its start (4/4 cut after two beats is 2/4, 6/8
    after four eighths 4/8: the meter's own beat, or the coarsest finer one that fits), and
    every reader sees the Song's bar lines (MuseScore shows a cut first bar as a pickup).
    Import gives back the same bars, the cut one under its written meter. A cut that no meter
    can say (not a whole number of 64th notes) is written where it is.
    """
    written: list[TimeSignatureChange] = []
    for meter, following in zip(meters, (*meters[1:], None), strict=True):
        written.append(meter)
        cut = 0 if following is None else (following.tick - meter.tick) % meter.ticks_per_bar
        short = _meter_of_length(cut, meter.denominator)
        if following is None or short is None:
            continue
        start = following.tick - cut
        if start == meter.tick:  # the meter's only bar is the cut one
            written.pop()
        written.append(TimeSignatureChange(start, *short))
    return written


def _meter_of_length(ticks: int, denominator: int) -> tuple[int, int] | None:
    """(numerator, denominator) of a bar `ticks` long, in `denominator`'s beats or the
    coarsest finer ones that divide it; None for no length or one no meter holds."""
    for beats in (d for d in ALLOWED_DENOMINATORS if d >= denominator):
        beat_ticks = PPQ * 4 // beats
        if ticks > 0 and ticks % beat_ticks == 0 and ticks // beat_ticks <= MAX_NUMERATOR:
            return ticks // beat_ticks, beats
    return None


def _key_events(song: Song) -> list[Event]:
    """The key map as meta events. Written into every pitched track as well as the conductor:
    MuseScore reads a key only from a track with notes, and opens a file whose key lives in
    the conductor alone in C."""
    return [
        (
            key.tick,
            KEY,
            mido.MetaMessage(
                "key_signature",
                key=midi_key(key).tonic_name + ("m" if key.mode == "minor" else ""),
            ),
        )
        for key in song.key_signatures
    ]


def track_events(
    track: Track, channel: int, notes: list[Note], *, write_volume: bool
) -> list[Event]:
    """A track's name, programs, controllers and notes as events (not yet in order).

    The mixer's gain, pan and reverb send are written as CC7, CC10 and CC91. Where the track
    holds those controllers itself (from an imported file) at or before its first note, the
    last of them carries the mixer's value in place, so an imported file keeps its own volume
    events (a file that sets CC7 to 127 is not left at a synth's default of 100) and a fader
    moved in Tessera still wins.
    """
    # An unnamed track gets the name the importer would give it ("Drums" for drums).
    name = track.name or instrument_name(track.program, track.is_drum)
    events: list[Event] = [
        (0, NAME, mido.MetaMessage("track_name", name=name)),
        (0, PROGRAM, mido.Message("program_change", channel=channel, program=track.program)),
    ]
    for change in track.program_changes:
        message = mido.Message("program_change", channel=channel, program=change.program)
        events.append((change.tick, PROGRAM, message))
    first_note_tick = notes[0].start_tick if notes else 0
    controls = list(track.controls)
    mix: list[ControlEvent] = []
    volume = gain_db_to_cc7(track.gain_db)
    in_place = _mix_in_place(controls, VOLUME_CC, first_note_tick, volume, cc7_to_gain_db)
    if write_volume and not in_place:
        mix.append(ControlEvent(0, "cc", volume, VOLUME_CC))
    pan = pan_to_cc10(track.pan)
    in_place = _mix_in_place(controls, PAN_CC, first_note_tick, pan, cc10_to_pan)
    if track.pan and not in_place:
        mix.append(ControlEvent(0, "cc", pan, PAN_CC))
    send = send_db_to_cc91(effective_reverb_send_db(track))
    in_place = _mix_in_place(controls, REVERB_CC, first_note_tick, send, cc91_to_send_db)
    if not in_place:
        mix.append(ControlEvent(0, "cc", send, REVERB_CC))
    events += [
        (control.tick, CONTROL, _control_message(control, channel)) for control in mix + controls
    ]
    for note in notes:
        on = mido.Message("note_on", channel=channel, note=note.pitch, velocity=note.velocity)
        events.append((note.start_tick, NOTE_ON, on))
        off = mido.Message("note_off", channel=channel, note=note.pitch, velocity=0)
        events.append((note.end_tick, NOTE_OFF, off))
    return events


def _mix_in_place(
    controls: list[ControlEvent],
    number: int,
    first_note_tick: int,
    value: int,
    to_mix: Callable[[int], float],
) -> bool:
    """Give the last CC `number` at or before the first note the mixer's `value`; False when
    there is none. A value that already means the same setting is left as the file had it
    (CC7 0-3 all mean -60 dB), so import -> export -> import is the identity."""
    found = None
    for index, control in enumerate(controls):
        if control.tick > first_note_tick:
            break
        if control.kind == "cc" and control.number == number:
            found = index
    if found is None:
        return False
    if to_mix(controls[found].value) != to_mix(value):
        controls[found] = dataclasses.replace(controls[found], value=value)
    return True


def _control_message(control: ControlEvent, channel: int) -> mido.Message:
    if control.kind == "pitch_bend":
        return mido.Message("pitchwheel", channel=channel, pitch=control.value)
    if control.kind == "channel_pressure":
        return mido.Message("aftertouch", channel=channel, value=control.value)
    number = {"sustain": SUSTAIN_CC, "expression": EXPRESSION_CC}.get(control.kind, control.number)
    return mido.Message("control_change", channel=channel, control=number, value=control.value)


def _to_track(events: list[Event], end_tick: int) -> mido.MidiTrack:
    """Ordered absolute-tick events to a mido track with delta times, ended at the song's
    last bar. A gap longer than a delta time holds is refused: no reader could read it."""
    track = mido.MidiTrack()
    now = 0
    for tick, _, message in (*events, (end_tick, 0, mido.MetaMessage("end_of_track"))):
        if tick - now > MAX_DELTA_TICKS:
            raise MidiExportError(
                QT_TRANSLATE_NOOP(
                    "MidiWriter",
                    "the song is silent for {tick:,} ticks from tick {now:,}, longer than "
                    "the {max_delta_ticks:,} MIDI can hold between two events: remove "
                    "empty bars",
                ).format(tick=tick - now, now=now, max_delta_ticks=MAX_DELTA_TICKS)
            )
        # Set the delta in place: the messages were built for this track alone, and copy()
        # re-validated every field (about half of the export time for 100k notes).
        message.time = max(tick - now, 0)
        track.append(message)
        now = max(now, tick)
    return track
