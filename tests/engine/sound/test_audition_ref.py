"""Which sound the timbre panel's audition plays (`engine.sound.audition.audition_ref`)."""

from __future__ import annotations

from engine.song.song import TimbreRef
from engine.sound.audition import STANDARD, audition_ref, hears_standard

VECTOR = tuple(0.1 * i for i in range(24))
NOW = TimbreRef("generated", 7, VECTOR)
BEFORE = TimbreRef()


def test_a_tessera_track_hears_its_timbre_before_or_now_or_the_standard_set() -> None:
    assert audition_ref(NOW, BEFORE, before=False, compare=False) == NOW
    assert audition_ref(NOW, BEFORE, before=True, compare=False) == BEFORE
    assert audition_ref(NOW, None, before=True, compare=False) == NOW  # nothing before
    for before in (False, True):
        assert audition_ref(NOW, BEFORE, before=before, compare=True) == STANDARD
    assert STANDARD.is_standard
    assert STANDARD.program is None  # the track's own instrument plays


def test_a_standard_track_hears_the_soundfont_or_compares_with_its_kept_timbre() -> None:
    current, previous = NOW.standard(), BEFORE.standard()
    assert hears_standard(current, compare=False)
    assert not hears_standard(current, compare=True)
    assert audition_ref(current, previous, before=False, compare=False) == STANDARD
    assert audition_ref(current, previous, before=False, compare=True) == NOW
    assert audition_ref(current, previous, before=True, compare=True) == BEFORE
