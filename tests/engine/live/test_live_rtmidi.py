"""Real MIDI ports: python-rtmidi's JACK backend with a dummy-driver JACK server.

Skipped where python-rtmidi or jackd is missing (build_scripts/debian-packages.txt lists jackd2).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.cli import main
from engine.compose.midi_model import MidiModel
from engine.live.music import LiveSettings
from engine.live.ports import LivePortError, RtMidiPorts
from engine.live.session import LiveSession
from engine.project.song_files import open_song
from tests.helpers.jack_server import dummy_jack_server
from tests.helpers.live_player import C_MAJOR_PHRASE, phrase_events

rtmidi = pytest.importorskip("rtmidi")


@pytest.fixture(scope="module")
def jack() -> Iterator[None]:
    """A synchronous server: these tests are about what Tessera does with each message, and
    an asynchronous one drops MIDI between any two clients the loaded machine leaves late."""
    with dummy_jack_server(RtMidiPorts.jack, sync=True):
        yield


def test_missing_port_names_the_ports_there_are(jack: None) -> None:
    with pytest.raises(LivePortError, match="no MIDI input named 'No Such Keyboard'"):
        RtMidiPorts.jack().open_input("No Such Keyboard", lambda message: None)


def test_answers_reach_a_real_virtual_port(jack: None) -> None:
    ports = RtMidiPorts.jack()
    keyboard = RtMidiPorts(api=rtmidi.API_UNIX_JACK, client_name="Player")
    listener = RtMidiPorts(api=rtmidi.API_UNIX_JACK, client_name="DAW")
    key_out = keyboard.open_output("tessera-test-keys", virtual=True)
    synth_out = ports.open_output("tessera-test-answer", virtual=True)
    heard: list[tuple[int, ...]] = []
    daw_in = listener.open_input("tessera-test-answer", heard.append)
    session = LiveSession(MidiModel(threads=1), LiveSettings(tempo_bpm=240.0), synth_out.send)
    keys_in = ports.open_input("tessera-test-keys", session.receive)
    session.input_alive = lambda: ports.check_alive(keys_in)
    session.start()
    for due_s, message in phrase_events(C_MAJOR_PHRASE, 240.0, offset_s=1.0):
        time.sleep(max(0.0, session.start_s + due_s - time.monotonic()))
        key_out.send(message)
    deadline = time.monotonic() + 30.0
    while not any(m[0] == 0x91 for m in heard) and time.monotonic() < deadline:
        time.sleep(0.01)
    session.stop()
    time.sleep(0.2)
    assert [n.pitch for n in session.player] == [pitch for _, pitch, _ in C_MAJOR_PHRASE]
    assert any(m[0] == 0x91 and m[2] > 0 for m in heard)
    ons = sum(1 for m in heard if m[0] == 0x91 and m[2] > 0)
    offs = sum(1 for m in heard if m[0] == 0x81 or (m[0] == 0x91 and m[2] == 0))
    assert ons == offs
    assert (0xB1, 123, 0) in heard
    for port in (key_out, synth_out, keys_in, daw_in):
        port.close()


def test_cli_live_answers_on_virtual_ports_and_records(
    jack: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = tmp_path / "live.json"
    argv = ["live", "--jack", "--virtual", "--in", "cli-keys", "--out", "cli-answer"]
    # Ten seconds leave the answer's bar inside the run when a busy machine delays the player
    # finding the port (a 6-second run of the synth test once ended before its answer in CI).
    argv += ["--bpm", "240", "--bars", "1", "--seconds", "10", "--record", str(record)]
    status: list[int] = []
    runner = threading.Thread(target=lambda: status.append(main(argv)))
    runner.start()
    player = rtmidi.MidiOut(rtapi=rtmidi.API_UNIX_JACK, name="CLI player")
    deadline = time.monotonic() + 10.0
    while not any("cli-keys" in name for name in player.get_ports()):
        assert time.monotonic() < deadline, "the CLI never created its input port"
        time.sleep(0.05)
    player.open_port(next(i for i, n in enumerate(player.get_ports()) if "cli-keys" in n))
    start = time.monotonic()
    for due_s, message in phrase_events(C_MAJOR_PHRASE, 240.0, offset_s=0.5):
        time.sleep(max(0.0, start + due_s - time.monotonic()))
        player.send_message(list(message))
    runner.join(timeout=30.0)
    player.close_port()
    assert status == [0]
    song, _ = open_song(record)
    assert [t.name for t in song.tracks] == ["Live player", "Live answer"]
    assert [n.pitch for n in song.tracks[0].notes] == [p for _, p, _ in C_MAJOR_PHRASE]
    assert song.tracks[1].notes
    assert "late (>10 ms)" in capsys.readouterr().out


def test_cli_live_needs_both_ports(jack: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["live", "--jack", "--in", "x"]) == 2
    assert "live needs --in and --out" in capsys.readouterr().err
