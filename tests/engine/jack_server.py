"""A JACK server with the dummy driver, for tests of real MIDI ports and a real audio device
on machines without a sound card (build_scripts/debian-packages.txt lists jackd2)."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest

JACK_RATE_HZ = 48_000


@contextmanager
def dummy_jack_server(ready: Callable[[], object]) -> Iterator[None]:
    """Run `jackd -d dummy` for the block; skips the test when jackd is missing or `ready()`
    (a check that a client can connect) raises. An already running server is used as it is."""
    if shutil.which("jackd") is None:
        pytest.skip("jackd is not installed (apt-get install jackd2)")
    server = subprocess.Popen(
        ["jackd", "--no-realtime", "-d", "dummy", "-r", str(JACK_RATE_HZ), "-p", "128"],
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
        yield
    finally:
        if server.poll() is None:
            server.terminate()
            server.wait(timeout=5)
