"""New tracks named in the composer's language.

A preset's voices are named in English in `presets/ensembles.toml` ("Fiddle", "Lead synth",
"Bass"), and a track added for an instrument takes its General MIDI name ("Flute"). The window
passes a `TrackNamer` (English default name -> the name in the user's language) to
`Studio.compose_job`, and the tracks a new song or an Add Track creates are named with it when
they are made; from then on a name is the song's own data, like any name the user types.

Why names are given at creation rather than translated when shown: a track name in a DAW is the
user's, saved in the project and written into exported MIDI files, and it looks the same in
every program that opens them. Translating names on display would show one name in the window
and another in the exported file, would rename a track the user named "Bass" themselves, and
would change the names of a shared project with the reader's language. So only tracks made
just now, under names the engine chose, are named by the namer; every existing track (renamed
or not) keeps its name exactly.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from engine.compose.requests import AddTrack, Generate, Request
from engine.song.song import Song

TrackNamer = Callable[[str], str]
"""A default track name in English ('Fiddle', 'Flute') -> the name to give the track."""


def name_new_tracks(
    request: Request, read: Song | None, result: Song, namer: TrackNamer | None
) -> Song:
    """`result` with the tracks `request` just created named by `namer`: every track of a new
    song, or the track an Add Track made without a name given. Other tracks, and every track
    when there is no namer, are left as they are (the same objects)."""
    if namer is None:
        return result
    if isinstance(request, Generate):
        first = 0
    elif isinstance(request, AddTrack) and request.name is None and read is not None:
        first = len(read.tracks)
    else:
        return result
    tracks = list(result.tracks)
    for index in range(first, len(tracks)):
        name = namer(tracks[index].name)
        if name and name != tracks[index].name:
            tracks[index] = dataclasses.replace(tracks[index], name=name)
    return dataclasses.replace(result, tracks=tuple(tracks))
