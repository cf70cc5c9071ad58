"""A JACK server with the dummy driver, for tests of real MIDI ports and a real audio device
on machines without a sound card (build_scripts/debian-packages.txt lists jackd2)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

JACK_RATE_HZ = 48_000
JACK_PERIOD_FRAMES = 1024
"""The dummy server's cycle, 21 ms. In an asynchronous server a client that the busy machine
leaves unscheduled for a whole cycle misses that cycle's MIDI from the client before it. At 128
frames (2.7 ms) eight busy processes on the two cores made the live command-line test lose a key
in 2 of 14 runs, and a lost note-off holds the phrase open so that no answer comes (CI, stops 50
and 51: 'notes played: 0'); at 1024 frames none of 20 runs lost one. A synchronous server
(jackd -S) was worse there: the slow audio clients stalled it until they were let go."""


@contextmanager
def dummy_jack_server(
    ready: Callable[[], object], *, sync: bool = False
) -> Iterator[subprocess.Popen[bytes] | None]:
    """Run `jackd -d dummy` for the block; skips the test when jackd is missing or `ready()`
    (a check that a client can connect) raises. An already running server is used as it is.
    Yields the server's process when this block started it (a test may kill it), else None.

    `sync`: each cycle waits for every client (jackd -S). Without it a client that the busy
    test machine leaves unscheduled for one cycle (`JACK_PERIOD_FRAMES`) misses that cycle's
    MIDI from the client before it, with no Tessera code involved; with it the message comes
    late instead."""
    if shutil.which("jackd") is None:
        pytest.skip("jackd is not installed (apt-get install jackd2)")
    driver = ["-d", "dummy", "-r", str(JACK_RATE_HZ), "-p", str(JACK_PERIOD_FRAMES)]
    server = subprocess.Popen(
        ["jackd", "--no-realtime", *(["-S"] if sync else []), *driver],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(1.5)  # if a server already runs, this one exits and the tests use that one
    try:
        ready()
    except Exception as err:
        server.terminate()
        pytest.skip(f"JACK did not start: {err}")
    try:
        yield server if server.poll() is None else None
    finally:
        if server.poll() is None:
            server.terminate()
            try:
                server.wait(timeout=5)
            except subprocess.TimeoutExpired:  # a client still attached can hold it up
                server.kill()
                server.wait(timeout=5)


PROJECT_ROOT = Path(__file__).parents[2]
SEES_JACK_OUTPUT = (
    "import sounddevice, sys; "
    "sys.exit(not any(d['max_output_channels'] >= 2 for d in sounddevice.query_devices()))"
)


def run_python(code: str, timeout_s: float = 180.0) -> subprocess.CompletedProcess[str]:
    """Run `code` in a fresh interpreter at the project root.

    Real-device audio tests run in a child: PortAudio lists devices once, when it starts, so a
    fresh process sees the JACK server; and should PortAudio's JACK client abort (it has, when
    restarted in a running process), only the child dies and the test reports it."""
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=PROJECT_ROOT,
        env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)},
        capture_output=True,
        text=True,
        timeout=timeout_s,
        check=False,
    )


@contextmanager
def jack_audio_server() -> Iterator[subprocess.Popen[bytes] | None]:
    """A dummy JACK server that PortAudio (in a fresh process) sees as an output device (the
    server's process when this block started it, as `dummy_jack_server`)."""

    def ready() -> None:
        seen = run_python(SEES_JACK_OUTPUT, timeout_s=30.0)
        if seen.returncode:
            raise RuntimeError(f"PortAudio sees no JACK output: {seen.stderr[-300:]}")

    with dummy_jack_server(ready) as server:
        yield server
