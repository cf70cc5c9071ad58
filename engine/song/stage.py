"""Where an instrument sits by default: its pan, stereo width and reverb send, per General MIDI
family (the program's group of eight, as `engine.song.gm` numbers them) and for the drum kit.

One table, at the bottom of the engine, because three wings read it: the mixer
(`engine.sound.space`) plays a track whose `width` or `reverb_send_db` is None with its family's
width and send; the MIDI export (`engine.project.midi.writer`) writes the send a track plays
with as CC91, and the import turns a CC91 that says the family's send back into None; and
composing (`engine.compose.operations`) seats a track it adds (`added_track_pan`). A preset's
own voices are seated by the preset file (`presets/ensembles.toml`, `pan` and `send`).

The defaults follow how a mix engineer sets up a stage: strings, ensembles, choirs, organs and
pads wide and fairly wet; basses and synth leads centred, and basses dry; drums narrow with a
little room. `pan` is how far from the centre a track of the family is placed when it is added
to a song; which side is chosen by what the song already holds (`added_track_pan`), so a second
guitar answers the first, as on a stage.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from engine.song.song import MIN_REVERB_SEND_DB, Track

__all__ = [
    "DRUM_SEAT",
    "FAMILY_SEATS",
    "Seat",
    "added_track_pan",
    "default_seat",
    "effective_reverb_send_db",
]


@dataclass(frozen=True, slots=True)
class Seat:
    """A family's defaults: distance from the centre when added (0-1), width (0-1) and reverb
    send (dB; None for none)."""

    pan: float
    width: float
    reverb_send_db: float | None


FAMILY_SEATS: tuple[Seat, ...] = (
    Seat(0.3, 0.3, -14.0),  # pianos
    Seat(0.38, 0.4, -12.0),  # chromatic percussion (bells, mallets)
    Seat(0.33, 0.6, -13.0),  # organs
    Seat(0.44, 0.3, -15.0),  # guitars
    Seat(0.0, 0.0, None),  # basses: centred and dry, the floor of the mix
    Seat(0.44, 0.5, -10.0),  # strings (solo strings, harp, timpani)
    Seat(0.0, 0.8, -9.0),  # ensembles and choirs: already as wide as a section
    Seat(0.3, 0.3, -13.0),  # brass
    Seat(0.33, 0.25, -13.0),  # reeds
    Seat(0.33, 0.3, -12.0),  # pipes
    Seat(0.0, 0.0, -16.0),  # synth leads: a point in the middle
    Seat(0.0, 0.9, -9.0),  # synth pads: centred, as wide as the picture
    Seat(0.38, 0.8, -10.0),  # synth effects
    Seat(0.33, 0.3, -13.0),  # ethnic
    Seat(0.38, 0.2, -15.0),  # percussive
    Seat(0.48, 0.5, -13.0),  # sound effects
)
"""Per General MIDI family (programs 0-7, 8-15, ...). Each pan is one that a MIDI file's CC10
holds exactly on either side (a step is 1/64 left, 1/63 right), so an exported song reads back
the same. The room passes the mids at unit gain, so a send is the reverb's level under the
dry track: -9 dB a hall's wash for a section or a pad, -15 dB a touch of room for a guitar."""
DRUM_SEAT = Seat(0.0, 0.15, -18.0)
"""A drum kit: in the middle, nearly a point (the kick and snare centred), a little room."""


def default_seat(program: int, is_drum: bool) -> Seat:
    """The defaults of a track playing `program` (or the drum kit)."""
    return DRUM_SEAT if is_drum else FAMILY_SEATS[program // 8]


def effective_reverb_send_db(track: Track) -> float | None:
    """The send the track is mixed with: its own, or its family's (by its first program);
    None for no send (a send at `MIN_REVERB_SEND_DB` or below is none)."""
    own = track.reverb_send_db
    send = default_seat(track.program, track.is_drum).reverb_send_db if own is None else own
    return None if send is None or send <= MIN_REVERB_SEND_DB else send


def added_track_pan(tracks: Sequence[Track], program: int, is_drum: bool) -> float:
    """The pan of a track added beside `tracks`: its family's distance from the centre, on
    the side the song leans away from (the sum of its pans), stage left when it is level."""
    distance = default_seat(program, is_drum).pan
    if distance == 0.0:
        return 0.0
    lean = sum(track.pan for track in tracks)
    return distance if lean < 0 else -distance
