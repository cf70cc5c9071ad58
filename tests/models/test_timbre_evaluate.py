"""The timbre card's measures of its controls: a named direction must move its measure the
named way at every step of strength, and the attack measure must see a millisecond's change."""

from __future__ import annotations

import numpy as np

from models.timbre.evaluate import EVALUATION_RATE_HZ, attack_seconds, monotonic


def test_a_measure_is_monotonic_only_if_every_step_goes_the_named_way() -> None:
    assert monotonic([100.0, 120.0, 150.0, 151.0], rising=True)
    assert monotonic([0.050, 0.040, 0.030], rising=False)
    assert not monotonic([100.0, 160.0, 130.0, 170.0], rising=True)  # back by 30 of 70
    assert not monotonic([100.0, 100.0, 100.0], rising=True)  # no change is no direction
    assert not monotonic([0.030, 0.040], rising=False)


def test_the_attack_measure_resolves_milliseconds() -> None:
    rate = EVALUATION_RATE_HZ
    time_s = np.arange(rate) / rate
    tone = np.sin(2 * np.pi * 440 * time_s)
    attacks = []
    for rise_seconds in (0.010, 0.014, 0.018):
        envelope = np.clip(time_s / rise_seconds, 0.0, 1.0)
        attacks.append(attack_seconds((tone * envelope).astype(np.float32)))
    # Half the peak amplitude is reached halfway up each linear rise: 2 ms apart (the
    # envelope is read at the start of its 10 ms window, so it reads early by a few ms).
    assert np.allclose(np.diff(attacks), 0.002, atol=0.0005)
