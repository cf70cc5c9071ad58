"""The reverb in the player, driven by a fake output stream: a seek starts the room silent, so
no tail from where playing was is heard where it goes (and a seek back sounds like a fresh
start there)."""

from __future__ import annotations

import numpy as np

from engine.song.song import PPQ, Note, Song, Track
from engine.sound.render import SAMPLE_RATE_HZ, NoteRenderer, render
from tests.engine.sound.test_playback import Harness, played
from tests.helpers.audio_checks import level_db


def plucked_bar() -> Song:
    """Eight loud plucked chords in bar 1, sent fully to the room, then two quiet bars."""
    notes = tuple(
        Note(eighth * PPQ // 2, p, PPQ // 4, 120) for eighth in range(8) for p in (60, 67)
    )
    return Song(bar_count=3, tracks=(Track("Pizzicato", 45, notes=notes, reverb_send_db=0.0),))


def test_a_seek_silences_the_rooms_old_tail(renderer: NoteRenderer) -> None:
    song = plucked_bar()
    offline = render(song, renderer)
    harness = Harness(renderer)
    try:
        harness.player.play(song)
        harness.listen(3.2)  # the chords are over; the room still rings
        harness.player.seek(3.0)
        heard = harness.listen(0.5)
    finally:
        harness.player.close()
    start = round(3.0 * SAMPLE_RATE_HZ)
    fresh = played(song, renderer, (3.0, 3.5))[: len(heard)]  # as if play were pressed at 3 s
    assert np.allclose(heard, fresh, atol=1e-6)
    stale = offline[start : start + len(heard)] - fresh  # the room ringing since the chords
    assert level_db(stale) > -70  # a thousand times what the comparison above lets through
