"""Live sessions with the real model: a scripted player on a loopback port and a manual clock.

The clock is manual so bars and lateness are decided by the session's logic, not by how busy the
CPU is; the answers come from the shipped model through onnxruntime.
"""

from __future__ import annotations

import time
from collections import Counter

import pytest

from engine.compose.midi_model import MidiModel
from engine.compose.operations import Controls
from engine.live.music import DRUMS, LiveSettings, Voice, add_recording
from engine.live.ports import LoopbackOutput, LoopbackPorts
from engine.live.session import LiveSession
from engine.live.timing import ManualClock, MonotonicClock
from engine.song.song import Song, Track
from engine.song.theory import key_from_name, key_scale
from tests.helpers.live_player import C_MAJOR_PHRASE, KEYBOARD, SYNTH, drive, phrase_events

TEMPO = 120.0  # a 4/4 bar lasts 2 s; the phrase starts at bar 1 and fills bars 1-2


def _session(
    midi_model: MidiModel, **changes: object
) -> tuple[LiveSession, LoopbackPorts, ManualClock, LoopbackOutput]:
    clock = ManualClock(1000.0)
    ports = LoopbackPorts(clock=clock.now)
    out = ports.open_output(SYNTH)
    settings = LiveSettings(tempo_bpm=TEMPO, **changes)  # type: ignore[arg-type]
    session = LiveSession(midi_model, settings, out.send, clock=clock, threaded=False)
    ports.open_input(KEYBOARD, session.receive)
    session.start()
    return session, ports, clock, out


def _note_ons(out: LoopbackOutput) -> list[tuple[float, tuple[int, ...]]]:
    return [(t, m) for t, m in out.messages() if m[0] & 0xF0 == 0x90 and m[2] > 0]


def _unbalanced(out: LoopbackOutput) -> Counter[tuple[int, int]]:
    """Sounding notes left after all messages: (channel, pitch) -> count (empty when none)."""
    sounding: Counter[tuple[int, int]] = Counter()
    for _, message in out.messages():
        key = (message[0] & 0x0F, message[1])
        if message[0] & 0xF0 == 0x90 and message[2] > 0:
            sounding[key] += 1
        elif message[0] & 0xF0 in (0x80, 0x90) and sounding[key]:
            sounding[key] -= 1
    return +sounding


def test_answer_comes_in_the_next_bar_in_key_and_range(midi_model: MidiModel) -> None:
    controls = Controls(pitch_range=(55, 79))
    session, ports, clock, out = _session(midi_model, answer_bars=2, controls=controls)
    drive(session, ports, clock, phrase_events(C_MAJOR_PHRASE, TEMPO, offset_s=2.0), 11.0)
    session.stop()
    # The phrase ends in bar 2 (0-based) and the pause of a beat ends it: the answer fills 3-4.
    bars = {note.start_tick // session.settings.bar_ticks for note in session.answers}
    assert session.answers
    assert min(bars) == 3
    assert max(bars) <= 4
    scale = key_scale(key_from_name("C major"))
    assert session.key == key_from_name("C major")
    assert all(note.pitch % 12 in scale for note in session.answers)
    assert all(55 <= note.pitch <= 79 for note in session.answers)
    # Every answer note went out on the answer channel, none of the player's notes were echoed,
    # and the first one at its bar line.
    assert {m[0] & 0x0F for _, m in _note_ons(out)} == {session.settings.answer_channel}
    first = _note_ons(out)[0][0]
    assert session.bar_at(first) == 3
    assert not _unbalanced(out)
    assert session.stats.notes_late == 0
    timing = session.stats.answers[0]
    assert timing.model_wait_ms == 0.0
    assert timing.latency_ms is not None


def test_the_same_seed_gives_the_same_answer(midi_model: MidiModel) -> None:
    answers = []
    for _ in range(2):
        session, ports, clock, _out = _session(midi_model, seed=5)
        drive(session, ports, clock, phrase_events(C_MAJOR_PHRASE, TEMPO, offset_s=2.0), 8.5)
        session.stop()
        answers.append(session.answers)
    assert answers[0]
    assert answers[0] == answers[1]


def test_stop_mid_answer_leaves_no_stuck_notes(midi_model: MidiModel) -> None:
    session, ports, clock, out = _session(midi_model, answer_bars=4)
    events = phrase_events(C_MAJOR_PHRASE, TEMPO, offset_s=2.0)
    events.append((7.2, (0x90, 48, 80)))  # a key still held when the session stops
    drive(session, ports, clock, events, 7.3)  # stopped inside the answer's first bar
    assert session.scheduler.pending > 0
    session.stop()
    assert not _unbalanced(out)
    assert (0xB0 | session.settings.answer_channel, 123, 0) in [m for _, m in out.messages()]
    assert 48 in [note.pitch for note in session.player]  # the held key was ended at stop


def test_the_player_playing_again_ends_the_answer(midi_model: MidiModel) -> None:
    session, ports, clock, _out = _session(midi_model, mode="continue")
    events = phrase_events(C_MAJOR_PHRASE, TEMPO, offset_s=2.0)
    events += phrase_events(((0.0, 60, 3.0),), TEMPO, offset_s=8.2)  # back in during bar 4
    drive(session, ports, clock, events, 11.9)
    session.stop()
    bars = {note.start_tick // session.settings.bar_ticks for note in session.answers}
    # The continuation ran from bar 3 to the end of bar 4, gave bar 5 to the player, and
    # answered the second phrase from bar 6.
    assert {3, 6} <= bars
    assert 5 not in bars
    assert len(session.stats.answers) == 2


def test_continue_keeps_playing_while_the_player_rests(midi_model: MidiModel) -> None:
    session, ports, clock, out = _session(midi_model, mode="continue")
    drive(session, ports, clock, phrase_events(C_MAJOR_PHRASE, TEMPO, offset_s=2.0), 14.0)
    session.stop()
    bars = {note.start_tick // session.settings.bar_ticks for note in session.answers}
    assert {3, 4, 5, 6} <= bars
    assert not _unbalanced(out)


def test_accompany_plays_each_voice_every_bar_in_key(midi_model: MidiModel) -> None:
    voices = (Voice("Bass", 33, channel=1), Voice("Chords", 0, channel=2), DRUMS)
    key = key_from_name("G major")
    session, ports, clock, out = _session(midi_model, mode="accompany", voices=voices, key=key)
    drive(session, ports, clock, phrase_events(C_MAJOR_PHRASE, TEMPO, offset_s=2.0), 8.0)
    session.stop()
    scale = key_scale(key)
    for voice, notes in zip(voices, session.parts, strict=True):
        assert notes, voice.name
        if not voice.is_drum:
            assert all(note.pitch % 12 in scale for note in notes), voice.name
    channels = {m[0] & 0x0F for _, m in _note_ons(out)}
    assert channels == {1, 2, 9}
    # Bar 1 was asked for before it began, so nothing in bars 1-3 went out late.
    assert session.stats.notes_late == 0
    assert session.stats.notes_sent > 0
    assert not _unbalanced(out)


def test_recording_holds_the_phrase_and_the_answer(midi_model: MidiModel) -> None:
    session, ports, clock, _out = _session(midi_model)
    drive(session, ports, clock, phrase_events(C_MAJOR_PHRASE, TEMPO, offset_s=2.0), 11.0)
    session.stop()
    recording = session.recording()
    player, answer = recording.tracks
    assert [n.pitch for n in player.notes] == [pitch for _, pitch, _ in C_MAJOR_PHRASE]
    assert player.notes[0].start_tick == session.settings.bar_ticks  # quantised to bar 1
    assert answer.notes == tuple(sorted(session.answers))
    song = Song(bar_count=2, tracks=(Track("Piano"),))
    merged = add_recording(song, recording, at_bar=1)
    assert len(merged.tracks) == 3
    assert merged.bar_count == 1 + recording.bar_count
    assert merged.tracks[1].notes[0].start_tick == 2 * session.settings.bar_ticks


def test_unplugged_keyboard_is_reported_and_held_notes_end(midi_model: MidiModel) -> None:
    clock = ManualClock(0.0)
    ports = LoopbackPorts(clock=clock.now)
    events: list[tuple[str, str]] = []
    session = LiveSession(
        midi_model,
        LiveSettings(tempo_bpm=TEMPO),
        ports.open_output(SYNTH).send,
        clock=clock,
        threaded=False,
        on_event=lambda kind, text: events.append((kind, text)),
    )
    port = ports.open_input(KEYBOARD, session.receive)
    session.input_alive = lambda: ports.check_alive(port)
    session.start()
    drive(session, ports, clock, [(0.1, (0x90, 60, 90))], 0.3)
    ports.unplug(KEYBOARD)
    drive(session, ports, clock, [], 1.5)
    session.stop()
    assert any(kind == "disconnected" and "keyboard" in text for kind, text in events)
    assert [n.pitch for n in session.player] == [60]


def _play_in_real_time(session: LiveSession, ports: LoopbackPorts, offset_s: float) -> None:
    """Start a threaded session on the keyboard and play the C major phrase into it at 240 BPM
    on the real clock, from `offset_s` after its start."""
    ports.open_input(KEYBOARD, session.receive)
    session.start()
    start = session.start_s
    for due_s, message in phrase_events(C_MAJOR_PHRASE, 240.0, offset_s=offset_s):
        time.sleep(max(0.0, start + due_s - time.monotonic()))
        ports.play(KEYBOARD, message)


def test_threaded_session_on_the_real_clock_answers(midi_model: MidiModel) -> None:
    ports = LoopbackPorts()
    out = ports.open_output(SYNTH)
    settings = LiveSettings(tempo_bpm=240.0, pause_beats=1.0)  # a bar lasts 1 s
    session = LiveSession(midi_model, settings, out.send, clock=MonotonicClock())
    _play_in_real_time(session, ports, offset_s=1.0)
    deadline = time.monotonic() + 30.0
    while not _note_ons(out) and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.5)
    session.stop()
    assert session.answers
    assert _note_ons(out)
    first_bar = min(note.start_tick for note in session.answers) // settings.bar_ticks
    assert first_bar >= 3  # never before the phrase was over
    assert session.stats.notes_sent >= 1
    assert not _unbalanced(out)


def test_an_output_that_fails_stops_the_session_with_an_error(midi_model: MidiModel) -> None:
    ports = LoopbackPorts()
    out = ports.open_output(SYNTH)

    def unplugged(message: tuple[int, ...]) -> None:
        raise OSError("the MIDI output was unplugged")

    events: list[tuple[str, str]] = []
    session = LiveSession(
        midi_model,
        LiveSettings(tempo_bpm=240.0),
        unplugged,
        clock=MonotonicClock(),
        on_event=lambda kind, text: events.append((kind, text)),
    )
    _play_in_real_time(session, ports, offset_s=0.5)
    deadline = time.monotonic() + 30.0  # a hang guard, not a timing assertion
    while not any(kind == "error" for kind, _ in events) and time.monotonic() < deadline:
        time.sleep(0.01)
    session.stop()
    # The first answering note could not go out: the player is told why playing stopped, and
    # what they played is kept for the recording.
    errors = [text for kind, text in events if kind == "error"]
    assert errors[:1] == ["live playing stopped: the MIDI output was unplugged"]
    assert [note.pitch for note in session.player] == [pitch for _, pitch, _ in C_MAJOR_PHRASE]
    assert not out.messages()


def test_following_midi_clock_takes_the_leaders_tempo_and_bar_line(midi_model: MidiModel) -> None:
    session, ports, clock, _out = _session(midi_model, follow_clock=True)
    origin, leader_bpm = clock.now(), 125.0  # a pulse every 20 ms, on the 0.5 ms steps
    pulse_s = 60.0 / (leader_bpm * 24)
    events = [(0.5, (0xFA,))] + [(0.5 + i * pulse_s, (0xF8,)) for i in range(4 * 24 + 1)]
    while events:
        while events and events[0][0] <= clock.now() - origin + 1e-9:
            ports.play(KEYBOARD, events.pop(0)[1])
        session.step()
        clock.advance(0.0005)
    session.stop()
    assert session.settings.tempo_bpm == pytest.approx(leader_bpm, abs=0.2)
    assert session.start_s == pytest.approx(origin + 0.5, abs=0.002)  # bar 1 at the Start
    four_beats = 4 * 60.0 / leader_bpm
    assert session.bar_at(origin + 0.5 + four_beats - 0.01) == 0
    assert session.bar_at(origin + 0.5 + four_beats + 0.01) == 1


def test_clock_is_only_followed_when_asked(midi_model: MidiModel) -> None:
    session, ports, clock, _out = _session(midi_model)
    start = session.start_s
    for _ in range(48):
        ports.play(KEYBOARD, (0xF8,))
        session.step()
        clock.advance(60.0 / (90.0 * 24))
    ports.play(KEYBOARD, (0xFA,))
    session.step()
    session.stop()
    assert session.settings.tempo_bpm == TEMPO
    assert session.start_s == start
    assert session.clock_tempo.tempo_bpm == pytest.approx(90.0, abs=0.5)  # still measured
