"""Project files: a Song as JSON with a `schema_version`, written atomically.

Loading is strict. A file from a newer Tessera, a file that is not a Tessera project, a missing
or unknown field and an out-of-range value each raise `ProjectFileError` with the JSON path of
the field (for example `tracks[2].notes[14].pitch`), so a damaged project is never half-loaded.
Notes are stored as `[start_tick, pitch, duration_ticks, velocity]` rows to keep files small.

Schema history: 1 is the Song alone; 2 adds an optional `takes` list (see `engine.song.takes`), each
with the Song it produced stored in the same form; 3 adds an optional per-track `mix` object
(`gain_db`, `pan`, `muted`, `solo`), written only for a track whose mix is not the default, so
an unmixed song saves exactly as before (the corpus manifest hashes `song_to_dict`); 4 adds an
optional `style` (see `engine.song.styles`), written only when the song has one; 5 adds what a MIDI
file performs besides notes: a per-track `program_changes` list of `[tick, program]` rows, a
per-track `controls` list of `[tick, kind, value, number]` rows (see
`engine.song.song.ControlEvent`; the number is 0 except for kind 'cc') and a song-level `texts`
list of `[tick, kind, text]` rows, each written only when not empty, so a song without them saves
(and hashes) as before; 6 adds the timbre kind 'soundfont' (the standard sound set, see
`engine.song.song.TimbreRef`), and only a project that uses it is written as version 6, so every
other project saves (and hashes) exactly as before and an older Tessera refuses a version 6 file
by its version rather than by an unknown kind; 7 adds the song's `sections`; 8 a key signature's
church modes (`dorian`, `phrygian`, `lydian`, `mixolydian` beside `major` and `minor`), written
as version 8 only by a song that has one. The `mix` object may also hold a track's stereo
`width` and `reverb_send_db`, each written only when the track sets it (absent means its
instrument family's default), and a timbre its `model` (the version of the timbre model that
made its vector), written only when known; so no version number changed for them: an older
Tessera names the field it does not know. Older files still open.

A project may come from anywhere, so loading is bounded (see `engine.project.bounded_json` for
the file itself: regular files only, at most `MAX_PROJECT_BYTES`, nesting, numbers and repeated
keys) and a Song holds at most `MAX_TRACKS` tracks and `MAX_NOTES` notes, the limits a MIDI import
has, and a project at most `MAX_TAKES` takes, as many as the app ever keeps. Saving refuses what
loading would refuse, so whatever saves opens again.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, TypeVar

from engine.atomic_write import write_atomically
from engine.errors import TesseraError
from engine.project.bounded_json import JsonFileError, parse_strict, read_bounded
from engine.project.json_fields import Fields, build_at, each, rows
from engine.project.midi.reader import MAX_NOTES, MAX_TRACKS
from engine.song.sections import Section
from engine.song.song import (
    MAX_BAR_COUNT,
    MAX_GAIN_DB,
    MAX_PAN,
    MAX_REVERB_SEND_DB,
    MAX_TIMBRE_COMPONENT,
    MIN_GAIN_DB,
    MIN_PAN,
    MIN_REVERB_SEND_DB,
    PPQ,
    ControlEvent,
    KeySignatureChange,
    Note,
    ProgramChange,
    Song,
    SongError,
    SongText,
    TempoChange,
    TimbreRef,
    TimeSignatureChange,
    Track,
    check_int,
    check_number,
    check_text,
    shown,
)
from engine.song.takes import MAX_TAKES, Take
from engine.words import QT_TRANSLATE_NOOP, message_of

SCHEMA_VERSION = 5
"""The version written for a project that does not use the standard sound set."""
STANDARD_SOUND_SCHEMA_VERSION = 6
"""The version written for a project with a standard-sound track."""
SECTIONS_SCHEMA_VERSION = 7
"""The version written for a project whose song has sections (a form)."""
MODES_SCHEMA_VERSION = 8
"""The version written for a project with a key in a church mode (E dorian); the newest read."""
NEWEST_SCHEMA_VERSION = MODES_SCHEMA_VERSION
FORMAT_NAME = "tessera-project"
MAX_PROJECT_BYTES = 64 * 2**20
"""The largest project file read or written. The largest corpus piece (17,000 notes) saves as
330 KB, so even with all 30 takes it is about 10 MB, and a song of `MAX_NOTES` notes about 31 MB.
Parsed, a file this size takes at most about 0.9 GB (0.45 GB for those 2 million notes); the
484 MB file of a bug report took 94 s and 5.7 GB."""

T = TypeVar("T")


class ProjectFileError(TesseraError):
    """A project file that cannot be read or written; the message names the file and field."""


def song_to_dict(song: Song) -> dict[str, Any]:
    """The JSON-ready form of a Song, with keys in a stable order."""
    data = _song_fields(song)
    data["schema_version"] = schema_version_for(song)
    if song.style is not None:  # absent means none: songs without a style hash as before
        data["style"] = song.style
    if song.texts:  # absent means none, likewise
        data["texts"] = [[text.tick, text.kind, text.text] for text in song.texts]
    if song.sections:
        data["sections"] = [_section_to_dict(section) for section in song.sections]
    return data


def schema_version_for(song: Song) -> int:
    """The oldest schema version that holds everything `song` uses, so a project that uses
    nothing new still opens in an older Tessera (which refuses keys it does not know)."""
    if any(key.mode not in ("major", "minor") for key in song.key_signatures):
        return MODES_SCHEMA_VERSION
    if song.sections:
        return SECTIONS_SCHEMA_VERSION
    if uses_standard_sound(song):
        return STANDARD_SOUND_SCHEMA_VERSION
    return SCHEMA_VERSION


def _section_to_dict(section: Section) -> dict[str, Any]:
    data: dict[str, Any] = {
        "first_bar": section.first_bar,
        "bars": section.bars,
        "name": section.name,
        "role": section.role,
    }
    if section.energy is not None:  # absent: the role's default
        data["energy"] = section.energy
    return data


def _section(f: Fields) -> Section:
    return Section(
        f.get("first_bar", int),
        f.get("bars", int),
        f.get("name", str),
        f.get("role", str),
        f.get("energy", (int, float)) if "energy" in f.value else None,
    )


def uses_standard_sound(song: Song) -> bool:
    """True if a track of the song plays the standard sound set (schema version 6)."""
    return any(track.timbre.is_standard for track in song.tracks)


def _song_fields(song: Song) -> dict[str, Any]:
    return {
        "format": FORMAT_NAME,
        "schema_version": SCHEMA_VERSION,
        "ppq": PPQ,
        "title": song.title,
        "bar_count": song.bar_count,
        "tempos": [{"tick": c.tick, "tempo_bpm": c.tempo_bpm} for c in song.tempos],
        "time_signatures": [
            {"tick": c.tick, "numerator": c.numerator, "denominator": c.denominator}
            for c in song.time_signatures
        ],
        "key_signatures": [
            {"tick": c.tick, "sharps_flats": c.sharps_flats, "mode": c.mode}
            for c in song.key_signatures
        ],
        "tracks": [_track_to_dict(track) for track in song.tracks],
    }


_DEFAULT_MIX: dict[str, object] = {
    name: getattr(Track("default"), name) for name in ("gain_db", "pan", "muted", "solo")
}
"""A new Track's mixer settings; a track that still has them is saved without a `mix`."""
_SPACE_FIELDS = ("width", "reverb_send_db")
"""Optional `mix` fields: None (the instrument family's default) is not written."""


def _track_to_dict(track: Track) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": track.name,
        "program": track.program,
        "is_drum": track.is_drum,
        "locked_bars": sorted(track.locked_bars),
        "timbre": _timbre_to_dict(track.timbre),
    }
    mix: dict[str, Any] = {
        "gain_db": track.gain_db,
        "pan": track.pan,
        "muted": track.muted,
        "solo": track.solo,
    }
    for name in _SPACE_FIELDS:  # absent means the family's default
        if getattr(track, name) is not None:
            mix[name] = getattr(track, name)
    if mix != _DEFAULT_MIX:  # absent means the defaults: unmixed songs hash as before
        data["mix"] = mix
    if track.program_changes:  # absent means none, likewise
        data["program_changes"] = [[c.tick, c.program] for c in track.program_changes]
    if track.controls:
        data["controls"] = [[c.tick, c.kind, c.value, c.number] for c in track.controls]
    data["notes"] = [[n.start_tick, n.pitch, n.duration_ticks, n.velocity] for n in track.notes]
    return data


def _timbre_to_dict(timbre: TimbreRef) -> dict[str, Any]:
    data = {"kind": timbre.kind, "seed": timbre.seed, "vector": list(timbre.vector)}
    if timbre.program is not None:  # a resolved standard ref; a track's never has one
        data["program"] = timbre.program
    if timbre.model is not None:  # written only when known, so older projects save as before
        data["model"] = timbre.model
    return data


def _timbre(t: Fields) -> TimbreRef:
    return TimbreRef(
        kind=t.get("kind", str),
        seed=t.get("seed", (int, type(None))),
        vector=each(t, "vector", _vector_number),
        program=t.get("program", int) if "program" in t.value else None,
        model=t.get("model", int) if "model" in t.value else None,
    )


def _note(value: object, path: str) -> Note:
    if not isinstance(value, list) or len(value) != 4:
        raise SongError(
            QT_TRANSLATE_NOOP(
                "ProjectFile", "{path} must be [start_tick, pitch, duration_ticks, velocity]"
            ).format(path=path)
        )
    start_tick, pitch, duration_ticks, velocity = value
    try:
        return Note(
            start_tick=start_tick, pitch=pitch, duration_ticks=duration_ticks, velocity=velocity
        )
    except SongError as err:
        raise SongError(
            QT_TRANSLATE_NOOP("ProjectFile", "{path}.{err}").format(path=path, err=err)
        ) from err


def _vector_number(path: str, value: object) -> float:
    return check_number(path, value, -MAX_TIMBRE_COMPONENT, MAX_TIMBRE_COMPONENT)


def _mix(f: Fields) -> dict[str, Any]:
    """The `mix` object's fields, range-checked here so an error names e.g. `tracks[1].mix.pan`."""
    return {
        "gain_db": check_number(
            f.at("gain_db"), f.get("gain_db", (int, float)), MIN_GAIN_DB, MAX_GAIN_DB
        ),
        "pan": check_number(f.at("pan"), f.get("pan", (int, float)), MIN_PAN, MAX_PAN),
        "muted": f.get("muted", bool),
        "solo": f.get("solo", bool),
        "width": _optional_number(f, "width", 0.0, 1.0),
        "reverb_send_db": _optional_number(
            f, "reverb_send_db", MIN_REVERB_SEND_DB, MAX_REVERB_SEND_DB
        ),
    }


def _optional_number(f: Fields, name: str, low: float, high: float) -> float | None:
    """A number field that may be absent (None), range-checked with its JSON path."""
    if name not in f.value:
        return None
    return check_number(f.at(name), f.get(name, (int, float)), low, high)


def _track(f: Fields) -> Track:
    mix = build_at(f.get("mix", dict), f.at("mix"), _mix) if "mix" in f.value else {}
    timbre = build_at(f.get("timbre", dict), f.at("timbre"), _timbre)
    notes_path = f.at("notes")
    notes = tuple(_note(row, f"{notes_path}[{i}]") for i, row in enumerate(f.get("notes", list)))
    return Track(
        name=check_text(f.at("name"), f.get("name", str)),
        program=f.get("program", int),
        is_drum=f.get("is_drum", bool),
        locked_bars=frozenset(
            each(f, "locked_bars", lambda path, bar: check_int(path, bar, 0, MAX_BAR_COUNT - 1))
        ),
        timbre=timbre,
        notes=notes,
        program_changes=rows(f, "program_changes", 2, ProgramChange, "[tick, program]"),
        controls=rows(f, "controls", 4, ControlEvent, "[tick, kind, value, number]"),
        **mix,
    )


def _song(f: Fields) -> Song:
    form = f.value.get("format")
    if form != FORMAT_NAME:
        raise SongError(
            QT_TRANSLATE_NOOP(
                "ProjectFile",
                "this is not a Tessera project (its 'format' is {shown}, expected {format_name!r})",
            ).format(shown=shown(form), format_name=FORMAT_NAME)
        )
    f.used.add("format")
    version = f.get("schema_version", int)
    if version > NEWEST_SCHEMA_VERSION:
        raise SongError(
            QT_TRANSLATE_NOOP(
                "ProjectFile",
                "schema_version {version} was written by a newer Tessera; this version "
                "reads up to {newest_schema_version}: update Tessera to open it",
            ).format(version=version, newest_schema_version=NEWEST_SCHEMA_VERSION)
        )
    if version < 1:
        raise SongError(
            QT_TRANSLATE_NOOP(
                "ProjectFile", "schema_version must be 1 or more, got {version}"
            ).format(version=version)
        )
    ppq = f.get("ppq", int)
    if ppq != PPQ:
        raise SongError(
            QT_TRANSLATE_NOOP("ProjectFile", "ppq must be {ppq}, got {ppq_2}").format(
                ppq=PPQ, ppq_2=ppq
            )
        )
    return Song(
        title=f.get("title", str),
        bar_count=f.get("bar_count", int),
        tempos=f.objects(
            "tempos", lambda c: TempoChange(c.get("tick", int), c.get("tempo_bpm", (int, float)))
        ),
        time_signatures=f.objects(
            "time_signatures",
            lambda c: TimeSignatureChange(
                c.get("tick", int), c.get("numerator", int), c.get("denominator", int)
            ),
        ),
        key_signatures=f.objects(
            "key_signatures",
            lambda c: KeySignatureChange(
                c.get("tick", int), c.get("sharps_flats", int), c.get("mode", str)
            ),
        ),
        tracks=f.objects("tracks", _track),
        style=f.get("style", str) if "style" in f.value else None,
        texts=rows(f, "texts", 3, SongText, "[tick, kind, text]"),
        sections=f.objects("sections", _section) if "sections" in f.value else (),
    )


def _take_to_dict(take: Take) -> dict[str, Any]:
    return {
        "operation": take.operation,
        "request": dict(take.request),
        "seed": take.seed,
        "song": song_to_dict(take.song),
    }


def _take(f: Fields) -> Take:
    return Take(
        operation=f.get("operation", str),
        request=f.get("request", dict),
        seed=f.get("seed", int),
        song=build_at(f.get("song", dict), f.at("song"), _song),
    )


def _project(f: Fields) -> tuple[Song, tuple[Take, ...]]:
    takes = f.objects("takes", _take) if "takes" in f.value else ()
    song = _song(f)
    check_limits(song, takes)
    return song, takes


def check_limits(song: Song, takes: tuple[Take, ...] = ()) -> None:
    """Raise SongError naming the field if the project holds more than a project may.

    The counts are those of a MIDI import (a Song it makes always saves) and of the app's takes
    list; past them a render or the arrangement grid would take minutes and gigabytes.
    """
    if len(takes) > MAX_TAKES:
        raise SongError(
            QT_TRANSLATE_NOOP(
                "ProjectFile",
                "takes holds {takes_count} takes; a project keeps at most {max_takes}",
            ).format(takes_count=len(takes), max_takes=MAX_TAKES)
        )
    for path, one in (("", song), *((f"takes[{i}].song.", t.song) for i, t in enumerate(takes))):
        if len(one.tracks) > MAX_TRACKS:
            raise SongError(
                QT_TRANSLATE_NOOP(
                    "ProjectFile",
                    "{path}tracks holds {tracks_count} tracks; a song has at most {max_tracks}",
                ).format(path=path, tracks_count=len(one.tracks), max_tracks=MAX_TRACKS)
            )
        if one.note_count > MAX_NOTES:
            raise SongError(
                QT_TRANSLATE_NOOP(
                    "ProjectFile",
                    "{path}tracks hold {note_count} notes; a song has at most {max_notes:,}",
                ).format(path=path, note_count=one.note_count, max_notes=MAX_NOTES)
            )


def song_from_dict(data: object) -> Song:
    """Rebuild a Song from `song_to_dict` output; raises SongError naming the bad field."""
    return build_at(data, "", _project)[0]


def save_project(song: Song, path: str | os.PathLike[str], takes: tuple[Take, ...] = ()) -> None:
    """Write the project atomically: a crash mid-save leaves the previous file intact."""
    data = song_to_dict(song)
    if takes:
        data["takes"] = [_take_to_dict(take) for take in takes]
        # an older Tessera refuses what it does not know, in a take's song as in the song
        data["schema_version"] = max(
            data["schema_version"], *(schema_version_for(take.song) for take in takes)
        )
    try:
        check_limits(song, takes)
    except SongError as err:
        raise ProjectFileError(
            QT_TRANSLATE_NOOP("ProjectFile", "cannot save the project to {path}: {err}").format(
                path=path, err=err
            )
        ) from err
    encoded = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    if len(encoded) > MAX_PROJECT_BYTES:
        raise ProjectFileError(
            QT_TRANSLATE_NOOP(
                "ProjectFile",
                "cannot save the project to {path}: it would take {encoded_count:.1f} "
                "MiB, more than the {max_project_bytes} MiB a project may be: export "
                "the song as MIDI, or keep fewer takes",
            ).format(
                path=path,
                encoded_count=len(encoded) / 2**20,
                max_project_bytes=MAX_PROJECT_BYTES // 2**20,
            )
        )
    try:
        write_atomically(path, lambda handle: handle.write(encoded))
    except OSError as err:
        raise ProjectFileError(
            QT_TRANSLATE_NOOP(
                "ProjectFile", "cannot save the project to {path}: {strerror}"
            ).format(path=path, strerror=err.strerror)
        ) from err


def load_project(path: str | os.PathLike[str]) -> Song:
    """Read a project file, raising ProjectFileError with the file and the faulty field."""
    return load_project_with_takes(path)[0]


def load_project_with_takes(path: str | os.PathLike[str]) -> tuple[Song, tuple[Take, ...]]:
    """Read a project file and its takes (none for a version 1 file)."""
    name = Path(path).name
    try:
        data = parse_strict(read_bounded(path, MAX_PROJECT_BYTES), name)
    except JsonFileError as err:
        raise ProjectFileError(message_of(err)) from err
    try:
        return build_at(data, "", _project)
    except SongError as err:
        raise ProjectFileError(
            QT_TRANSLATE_NOOP("ProjectFile", "{name}: {err}").format(name=name, err=err)
        ) from err
