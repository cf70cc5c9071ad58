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
(and hashes) as before. Older files still open.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from engine.errors import TesseraError
from engine.project.atomic_write import write_atomically
from engine.song.song import (
    MAX_GAIN_DB,
    MAX_PAN,
    MIN_GAIN_DB,
    MIN_PAN,
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
    check_number,
)
from engine.song.takes import Take

SCHEMA_VERSION = 5
FORMAT_NAME = "tessera-project"

T = TypeVar("T")


class ProjectFileError(TesseraError):
    """A project file that cannot be read or written; the message names the file and field."""


def song_to_dict(song: Song) -> dict[str, Any]:
    """The JSON-ready form of a Song, with keys in a stable order."""
    data = _song_fields(song)
    if song.style is not None:  # absent means none: songs without a style hash as before
        data["style"] = song.style
    if song.texts:  # absent means none, likewise
        data["texts"] = [[text.tick, text.kind, text.text] for text in song.texts]
    return data


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


def _track_to_dict(track: Track) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": track.name,
        "program": track.program,
        "is_drum": track.is_drum,
        "locked_bars": sorted(track.locked_bars),
        "timbre": {
            "kind": track.timbre.kind,
            "seed": track.timbre.seed,
            "vector": list(track.timbre.vector),
        },
    }
    mix = {"gain_db": track.gain_db, "pan": track.pan, "muted": track.muted, "solo": track.solo}
    if mix != _DEFAULT_MIX:  # absent means the defaults: unmixed songs hash as before
        data["mix"] = mix
    if track.program_changes:  # absent means none, likewise
        data["program_changes"] = [[c.tick, c.program] for c in track.program_changes]
    if track.controls:
        data["controls"] = [[c.tick, c.kind, c.value, c.number] for c in track.controls]
    data["notes"] = [[n.start_tick, n.pitch, n.duration_ticks, n.velocity] for n in track.notes]
    return data


class _Fields:
    """Reads one JSON object, remembering its path so every error names the exact field."""

    def __init__(self, value: object, path: str) -> None:
        if not isinstance(value, Mapping):
            raise SongError(f"{path or 'the file'} must be a JSON object, got {_kind(value)}")
        self.value = value
        self.path = path
        self.used: set[str] = set()

    def get(self, key: str, expected: type | tuple[type, ...]) -> Any:
        where = self.at(key)
        if key not in self.value:
            raise SongError(f"{where} is missing")
        self.used.add(key)
        item = self.value[key]
        if isinstance(item, bool) and bool not in _as_tuple(expected):
            raise SongError(f"{where} must be {_names(expected)}, got {item!r}")
        if not isinstance(item, expected):
            raise SongError(f"{where} must be {_names(expected)}, got {_kind(item)}")
        return item

    def objects(self, key: str, build: Callable[[_Fields], T]) -> tuple[T, ...]:
        items = self.get(key, list)
        return tuple(_build_at(item, f"{self.at(key)}[{i}]", build) for i, item in enumerate(items))

    def at(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def finish(self) -> None:
        unknown = sorted(set(self.value) - self.used)
        if unknown:
            raise SongError(f"{self.at(unknown[0])} is not a field this version knows")


def _as_tuple(expected: type | tuple[type, ...]) -> tuple[type, ...]:
    return expected if isinstance(expected, tuple) else (expected,)


def _names(expected: type | tuple[type, ...]) -> str:
    words = {
        int: "an integer",
        float: "a number",
        str: "text",
        bool: "true or false",
        list: "a list",
        dict: "an object",
        type(None): "null",
    }
    return " or ".join(words.get(kind, kind.__name__) for kind in _as_tuple(expected))


def _kind(value: object) -> str:
    return {
        dict: "an object",
        list: "a list",
        str: "text",
        bool: "true/false",
        type(None): "null",
    }.get(type(value), repr(value))


def _build_at(value: object, path: str, build: Callable[[_Fields], T]) -> T:
    """Build one value, prefixing any error from the constructors with the JSON path."""
    try:
        fields = _Fields(value, path)
        result = build(fields)
        fields.finish()
    except SongError as err:
        message = str(err)
        raise SongError(message if message.startswith(path) else f"{path}: {message}") from err
    return result


def _note(value: object, path: str) -> Note:
    if not isinstance(value, list) or len(value) != 4:
        raise SongError(f"{path} must be [start_tick, pitch, duration_ticks, velocity]")
    start_tick, pitch, duration_ticks, velocity = value
    try:
        return Note(
            start_tick=start_tick, pitch=pitch, duration_ticks=duration_ticks, velocity=velocity
        )
    except SongError as err:
        raise SongError(f"{path}.{err}") from err


def _rows(f: _Fields, key: str, width: int, build: Callable[..., T], shape: str) -> tuple[T, ...]:
    """A list of fixed-width rows built into values; errors name the row, e.g.
    `tracks[0].controls[3]: value must be ...`."""
    if key not in f.value:
        return ()
    result = []
    for index, row in enumerate(f.get(key, list)):
        path = f"{f.at(key)}[{index}]"
        if not isinstance(row, list) or len(row) != width:
            raise SongError(f"{path} must be {shape}")
        try:
            result.append(build(*row))
        except SongError as err:
            raise SongError(f"{path}: {err}") from err
    return tuple(result)


def _mix(f: _Fields) -> dict[str, Any]:
    """The `mix` object's fields, range-checked here so an error names e.g. `tracks[1].mix.pan`."""
    return {
        "gain_db": check_number(
            f.at("gain_db"), f.get("gain_db", (int, float)), MIN_GAIN_DB, MAX_GAIN_DB
        ),
        "pan": check_number(f.at("pan"), f.get("pan", (int, float)), MIN_PAN, MAX_PAN),
        "muted": f.get("muted", bool),
        "solo": f.get("solo", bool),
    }


def _track(f: _Fields) -> Track:
    mix = _build_at(f.get("mix", dict), f.at("mix"), _mix) if "mix" in f.value else {}
    timbre = _build_at(
        f.get("timbre", dict),
        f.at("timbre"),
        lambda t: TimbreRef(
            kind=t.get("kind", str),
            seed=t.get("seed", (int, type(None))),
            vector=tuple(float(x) for x in t.get("vector", list)),
        ),
    )
    notes_path = f.at("notes")
    notes = tuple(_note(row, f"{notes_path}[{i}]") for i, row in enumerate(f.get("notes", list)))
    return Track(
        name=f.get("name", str),
        program=f.get("program", int),
        is_drum=f.get("is_drum", bool),
        locked_bars=frozenset(f.get("locked_bars", list)),
        timbre=timbre,
        notes=notes,
        program_changes=_rows(f, "program_changes", 2, ProgramChange, "[tick, program]"),
        controls=_rows(f, "controls", 4, ControlEvent, "[tick, kind, value, number]"),
        **mix,
    )


def _song(f: _Fields) -> Song:
    form = f.value.get("format")
    if form != FORMAT_NAME:
        raise SongError(
            f"this is not a Tessera project (its 'format' is {form!r}, expected {FORMAT_NAME!r})"
        )
    f.used.add("format")
    version = f.get("schema_version", int)
    if version > SCHEMA_VERSION:
        raise SongError(
            f"schema_version {version} was written by a newer Tessera; this version reads up to "
            f"{SCHEMA_VERSION}: update Tessera to open it"
        )
    if version < 1:
        raise SongError(f"schema_version must be 1 or more, got {version}")
    ppq = f.get("ppq", int)
    if ppq != PPQ:
        raise SongError(f"ppq must be {PPQ}, got {ppq}")
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
        texts=_rows(f, "texts", 3, SongText, "[tick, kind, text]"),
    )


def _take_to_dict(take: Take) -> dict[str, Any]:
    return {
        "operation": take.operation,
        "request": dict(take.request),
        "seed": take.seed,
        "song": song_to_dict(take.song),
    }


def _take(f: _Fields) -> Take:
    return Take(
        operation=f.get("operation", str),
        request=f.get("request", dict),
        seed=f.get("seed", int),
        song=_build_at(f.get("song", dict), f.at("song"), _song),
    )


def _project(f: _Fields) -> tuple[Song, tuple[Take, ...]]:
    takes = f.objects("takes", _take) if "takes" in f.value else ()
    return _song(f), takes


def song_from_dict(data: object) -> Song:
    """Rebuild a Song from `song_to_dict` output; raises SongError naming the bad field."""
    return _build_at(data, "", _project)[0]


def save_project(song: Song, path: str | os.PathLike[str], takes: tuple[Take, ...] = ()) -> None:
    """Write the project atomically: a crash mid-save leaves the previous file intact."""
    data = song_to_dict(song)
    if takes:
        data["takes"] = [_take_to_dict(take) for take in takes]
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    try:
        write_atomically(path, lambda handle: handle.write(text.encode("utf-8")))
    except OSError as err:
        raise ProjectFileError(f"cannot save the project to {path}: {err.strerror}") from err


def load_project(path: str | os.PathLike[str]) -> Song:
    """Read a project file, raising ProjectFileError with the file and the faulty field."""
    return load_project_with_takes(path)[0]


def load_project_with_takes(path: str | os.PathLike[str]) -> tuple[Song, tuple[Take, ...]]:
    """Read a project file and its takes (none for a version 1 file)."""
    name = Path(path).name
    try:
        raw = Path(path).read_bytes()
    except OSError as err:
        raise ProjectFileError(f"cannot open {name}: {err.strerror}") from err
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise ProjectFileError(
            f"{name} is not a readable Tessera project (not valid UTF-8 JSON: {err}); "
            "if it was autosaved, look for its recovery copy"
        ) from err
    try:
        return _build_at(data, "", _project)
    except SongError as err:
        raise ProjectFileError(f"{name}: {err}") from err
