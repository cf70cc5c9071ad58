"""The sound reference benchmark: its measures on signals whose answers are known, and one tiny
real run (two instruments, two drum keys, a two-bar speed test) whose tables have the rows the
issue asks for."""

from __future__ import annotations

import numpy as np
import pytest

from benchmarks import sound_measures as measures
from benchmarks.sound_reference import Config, run
from engine.sound.timbre import TimbreModel

RATE = measures.RATE


def _tone(hz: float, seconds: float, vibrato_cents: float = 0.0) -> measures.Audio:
    t = np.arange(round(seconds * RATE)) / RATE
    bend = 2 ** (vibrato_cents / 1200 * np.sin(2 * np.pi * 5.5 * t))
    phase = 2 * np.pi * np.cumsum(hz * bend) / RATE
    return (0.5 * np.sin(phase)).astype(np.float32)


def test_mel_distance_is_zero_for_the_same_sound_at_another_level_and_grows_with_difference() -> (
    None
):
    tone = _tone(440, 1.0)
    assert measures.mel_distance_db(tone, (0.1 * tone).astype(np.float32)) == pytest.approx(
        0.0, abs=1e-3
    )
    near = measures.mel_distance_db(tone, _tone(450, 1.0))
    far = measures.mel_distance_db(
        tone, np.random.default_rng(0).normal(0, 0.3, RATE).astype(np.float32)
    )
    assert 0 < near < far


def test_attack_release_and_cut_off_are_measured_from_the_envelope() -> None:
    tone = _tone(440, 2.0)
    t = np.arange(len(tone)) / RATE
    ramp = np.minimum(1.0, t / 0.1)  # a 100 ms linear attack: 10 % to 90 % takes 80 ms
    release = np.where(t < 1.0, 1.0, 10 ** (-(t - 1.0) * 100 / 20))  # -100 dB per second
    shaped = (tone * ramp * release).astype(np.float32)
    assert measures.attack_seconds(shaped) == pytest.approx(0.08, abs=0.01)
    natural = measures.release(shaped, 1.0)
    assert natural.to_minus_60_seconds == pytest.approx(0.6, abs=0.03)
    assert natural.end_level_db < -75
    assert natural.complete is False
    cut = shaped.copy()
    cut[round(1.3 * RATE) :] = 0.0  # stopped at -30 dB
    assert measures.release(cut, 1.0).end_level_db > -40
    assert not measures.release(cut, 1.0).complete


def test_vibrato_and_noise_between_harmonics_tell_a_plain_tone_from_a_wobbly_noisy_one() -> None:
    plain, wobbly = _tone(330, 1.5), _tone(330, 1.5, vibrato_cents=30)
    assert measures.vibrato_cents(plain, 330) < 3
    assert measures.vibrato_cents(wobbly, 330) == pytest.approx(30, abs=6)
    noisy = plain + np.random.default_rng(1).normal(0, 0.01, len(plain)).astype(np.float32)
    assert (
        measures.noise_between_harmonics_db(noisy, 330)
        > measures.noise_between_harmonics_db(plain, 330) + 20
    )


def test_a_tiny_run_has_a_row_per_family_key_render_and_target(timbre_model: TimbreModel) -> None:
    report = run(
        Config(programs=(0, 40), drum_keys=(36, 42), speed_bars=2, speed_tracks=1), timbre_model
    )
    tables = {title: (header, rows) for title, header, rows in report.tables}
    header, rows = tables["Timbre distance to FluidSynth (mel dB, median)"]
    assert header[2:] == ["Tessera timbre", "Tessera standard set", "timidity", "sine"]
    assert [row[0] for row in rows] == ["Piano", "Strings", "all instruments"]
    standard, sine = float(rows[-1][3]), float(rows[-1][5])
    assert standard < sine  # FluidSynth inside Tessera is near FluidSynth; sines are not
    header, rows = next(t[1:] for t in report.tables if t[0].startswith("Drum keys"))
    assert [row[0] for row in rows] == ["36 Bass Drum 1", "42 Closed Hi-Hat"]
    assert any(t[0].startswith("Release") for t in report.tables)
    assert any(t[0].startswith("Vibrato") for t in report.tables)
    stereo = dict(tables["Stereo: left/right correlation of a string quartet"][1])
    mono = stereo["Tessera timbre, centred, width 0 and no reverb"]
    assert float(mono) == pytest.approx(1.0, abs=1e-3)  # centred, width 0, no reverb: mono
    # Seated as the preset seats it, the quartet is wider than centred, and well under 0.9.
    assert float(stereo["Tessera timbre, seated"]) < float(stereo["Tessera timbre, centred"])
    assert float(stereo["Tessera timbre, seated"]) < 0.9
    assert [row[0] for row in tables["Render speed (offline)"][1]][:2] == [
        "Tessera, cold note cache",
        "Tessera, warm note cache",
    ]
    _title, header, goals = report.targets
    assert header == ["target", "Tessera timbre", "Tessera standard set", "timidity"]
    assert len(goals) == 8
    assert all(cell.startswith(("MET", "not met")) for cell in (row[1] for row in goals))
