"""The live session's parts that need no model: scheduler, MIDI clock tempo, key, ports."""

from __future__ import annotations

import pytest

from engine.live.music import LiveError, LiveSettings, played_note
from engine.live.ports import LivePortError, LoopbackPorts
from engine.live.timing import ClockTempo, ManualClock, Scheduler, detect_key
from engine.song.theory import key_from_name


def _scheduler(clock: ManualClock) -> tuple[Scheduler, list[tuple[int, ...]]]:
    sent: list[tuple[int, ...]] = []
    return Scheduler(sent.append, late_after_s=0.010), sent


def test_scheduler_sends_in_time_order_and_counts_late_messages() -> None:
    clock = ManualClock(10.0)
    scheduler, sent = _scheduler(clock)
    scheduler.add_note(10.5, 11.0, 64, 90, channel=1, tag="answer")
    scheduler.add_note(10.1, 10.3, 60, 90, channel=1, tag="answer")
    clock.advance(0.105)  # 5 ms after the first note is due: on time
    assert scheduler.send_due(clock.now(), clock) == 1
    clock.advance(0.22)  # its note-off goes out 25 ms late
    scheduler.send_due(clock.now(), clock)
    assert sent == [(0x91, 60, 90), (0x81, 60, 0)]
    assert (scheduler.sent_count, scheduler.late_count) == (2, 1)


def test_stop_releases_every_sounding_note_and_drops_the_rest() -> None:
    clock = ManualClock(0.0)
    scheduler, sent = _scheduler(clock)
    scheduler.add_note(0.0, 1.0, 60, 90, channel=1, tag="a")
    scheduler.add_note(0.0, 1.0, 60, 90, channel=1, tag="a")  # the same key twice
    scheduler.add_note(0.5, 1.0, 67, 90, channel=2, tag="a")
    scheduler.send_due(0.1)
    scheduler.stop([1, 2])
    assert sent[2:] == [(0x81, 60, 0), (0x81, 60, 0), (0xB1, 123, 0), (0xB2, 123, 0)]
    assert scheduler.pending == 0


def test_cancel_keeps_note_offs_of_notes_already_sounding() -> None:
    scheduler, sent = _scheduler(ManualClock())
    scheduler.add_note(0.0, 1.0, 60, 90, channel=0, tag="answer")
    scheduler.add_note(0.5, 1.5, 62, 90, channel=0, tag="answer")
    scheduler.add_note(0.5, 1.5, 36, 90, channel=9, tag="drums")
    scheduler.send_due(0.1)
    scheduler.cancel("answer")
    scheduler.send_due(5.0)
    assert sent == [(0x90, 60, 90), (0x99, 36, 90), (0x80, 60, 0), (0x89, 36, 0)]


@pytest.mark.parametrize("tempo_bpm", [60.0, 97.0, 140.0])
def test_tempo_from_midi_clock(tempo_bpm: float) -> None:
    estimate = ClockTempo()
    assert estimate.tempo_bpm is None
    pulse_s = 60.0 / tempo_bpm / 24
    for index in range(60):
        jitter = 0.0004 if index % 3 == 0 else 0.0
        estimate.pulse(5.0 + index * pulse_s + jitter)
    assert estimate.tempo_bpm == pytest.approx(tempo_bpm, rel=0.01)


@pytest.mark.parametrize(
    ("pitches", "key"),
    [
        ([60, 62, 64, 65, 67, 69, 71, 72, 67, 64, 60], "C major"),
        ([57, 59, 60, 62, 64, 65, 68, 69, 64, 60, 57], "A minor"),
        ([62, 64, 66, 67, 69, 71, 73, 74, 69, 66, 62], "D major"),
        ([65, 67, 68, 70, 72, 73, 76, 77, 72, 68, 65], "F minor"),
    ],
)
def test_key_detection_over_scales(pitches: list[int], key: str) -> None:
    assert detect_key((p, 1.0) for p in pitches) == key_from_name(key)


def test_key_detection_needs_three_pitch_classes() -> None:
    assert detect_key([(60, 1.0), (67, 1.0), (72, 1.0)]) is None


def test_played_notes_are_quantised_and_at_least_one_step() -> None:
    assert played_note(470.0, 500.0, 60, 90, 120) == played_note(480.0, 600.0, 60, 90, 120)
    assert played_note(1000.0, 1900.0, 60, 200, 120).velocity == 127


def test_bad_settings_say_what_is_wrong() -> None:
    with pytest.raises(LiveError, match="live mode 'jam' is unknown"):
        LiveSettings(mode="jam")  # type: ignore[arg-type]
    with pytest.raises(LiveError, match="from 20 to 300"):
        LiveSettings(tempo_bpm=5.0)
    with pytest.raises(LiveError, match="at least 1 bar"):
        LiveSettings(answer_bars=0)


def test_loopback_ports_name_the_choices_and_detect_unplugging() -> None:
    ports = LoopbackPorts()
    with pytest.raises(LivePortError, match=r"no MIDI input named 'Nord'.*'Loopback Keyboard'"):
        ports.open_input("Nord", lambda message: None)
    received: list[tuple[int, ...]] = []
    port = ports.open_input("Loopback Keyboard", received.append)
    ports.play("Loopback Keyboard", (0x90, 60, 1))
    assert received == [(0x90, 60, 1)]
    assert ports.check_alive(port)
    ports.unplug("Loopback Keyboard")
    assert not ports.check_alive(port)
    virtual = ports.open_output("Tessera Out", virtual=True)
    assert "Tessera Out" in ports.output_names()
    assert virtual.name == "Tessera Out"
