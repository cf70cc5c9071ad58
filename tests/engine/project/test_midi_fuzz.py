"""Damaged MIDI files: each imports or is refused with a clear MidiImportError, never a crash.

The fixtures in tests/fixtures/midi_fuzz/ are written by `python -m benchmarks.midi_fuzz
make-fixtures` from bytes that script writes (seeds, targeted damage, random mutants from
fixed seeds); the slower campaign over real files is `python -m benchmarks.midi_fuzz campaign`.

A damaged file may hang an importer or make it allocate without end, and one such fixture
must fail its own test, not stall the suite or take CI's memory. So the fixtures are imported
in a spawned worker process, one after another in the worker itself, with a time limit per
file and an address-space limit on the worker: a file that runs past the limit is reported as
a hang under its own name, the worker is replaced and the files after it go on.

The hypothesis test builds random well-framed files (correct chunk lengths, random events) and
imports them in this process; an interval timer turns a hang into a failure it can shrink.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import signal
import struct
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection
from pathlib import Path
from types import FrameType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.midi_fuzz import fixture_files
from benchmarks.midi_mutations import vlq
from engine.project.midi.reader import MidiImportError, read_midi

FUZZ_DIR = Path(__file__).parents[2] / "fixtures" / "midi_fuzz"
FIXTURE_NAMES = sorted(path.name for path in FUZZ_DIR.glob("*.mid"))
PER_FILE_TIMEOUT_S = 10.0
"""A few-hundred-byte file imports in milliseconds; ten seconds is a hang even on a busy CI."""
WORKER_START_TIMEOUT_S = 120.0
"""A spawned worker imports numpy, symusic and the engine before its first file."""
WORKER_MEMORY_BYTES = 4 * 2**30
PARSER_TEXT = ("Invaild", "MiniMidi", "iostream", "Cursor would be", "symusic", "std::")
"""A parser's own words, which mean nothing to a user and must not reach one."""

Outcome = tuple[str, str]
"""(ok / refused / traceback / hang / crash, the error message or traceback)."""
Importer = Callable[[str], object]
"""What the worker runs on each path: `read_midi`, or a stand-in that tests the guard."""


def _import_each(paths: list[str], results: Connection, importer: Importer) -> None:
    """The worker: import each file in turn, saying when it starts and how it ended.

    A pipe, not a queue: `send` writes before it returns, so what was said before a crash
    still reaches the parent (a queue's feeder thread dies with the process, unflushed).
    """
    resource.setrlimit(resource.RLIMIT_AS, (WORKER_MEMORY_BYTES, WORKER_MEMORY_BYTES))
    for path in paths:
        results.send((path, "start", ""))
        try:
            importer(path)
            results.send((path, "ok", ""))
        except MidiImportError as err:
            results.send((path, "refused", str(err)))
        except Exception:  # what the test is for: report it, and go on to the next file
            results.send((path, "traceback", traceback.format_exc(limit=-4)))


def _run_worker(
    paths: list[str], outcomes: dict[str, Outcome], importer: Importer = read_midi
) -> list[str]:
    """Import `paths` in one worker; return those left after a file that hung or crashed."""
    context = multiprocessing.get_context("spawn")
    results, sender = context.Pipe(duplex=False)
    worker = context.Process(target=_import_each, args=(paths, sender, importer), daemon=True)
    worker.start()
    sender.close()  # the worker holds the only writing end: its exit ends the pipe
    current, done, deadline = "", 0, time.monotonic() + WORKER_START_TIMEOUT_S
    try:
        while done < len(paths):
            message = _receive(results)
            if message is None:
                if time.monotonic() <= deadline and worker.is_alive():
                    continue
                stuck = current or paths[done]
                worker.join(timeout=1)  # a worker that died: wait for its exit code
                if worker.is_alive():
                    outcomes[stuck] = ("hang", f"still running after {PER_FILE_TIMEOUT_S} s")
                else:
                    outcomes[stuck] = ("crash", f"the worker died, exit code {worker.exitcode}")
                return paths[paths.index(stuck) + 1 :]
            deadline = time.monotonic() + PER_FILE_TIMEOUT_S
            path, status, text = message
            if status == "start":
                current = path
            else:
                outcomes[path], current, done = (status, text), "", done + 1
        return []
    finally:
        worker.kill()
        worker.join()


def _receive(results: Connection) -> tuple[str, str, str] | None:
    """The worker's next message, or None if none came within 0.1 s or the worker is gone."""
    try:
        if results.poll(0.1):
            message: tuple[str, str, str] = results.recv()
            return message
    except EOFError:
        time.sleep(0.1)  # the pipe is closed: nothing more will come
    return None


@pytest.fixture(scope="module")
def outcomes() -> dict[str, Outcome]:
    """Every fixture's outcome, by file name, from as many workers as hangs need."""
    found: dict[str, Outcome] = {}
    remaining = [str(FUZZ_DIR / name) for name in FIXTURE_NAMES]
    while remaining:
        by_path: dict[str, Outcome] = {}
        remaining = _run_worker(remaining, by_path)
        found |= {Path(path).name: outcome for path, outcome in by_path.items()}
    return found


def test_the_fixtures_are_there_and_are_what_the_generator_writes() -> None:
    expected = fixture_files()
    assert len(FIXTURE_NAMES) >= 60
    assert set(FIXTURE_NAMES) == set(expected)
    for name in FIXTURE_NAMES:
        assert (FUZZ_DIR / name).read_bytes() == expected[name], name


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_a_damaged_file_imports_or_is_refused_in_one_clear_line(
    name: str, outcomes: dict[str, Outcome]
) -> None:
    status, message = outcomes[name]
    assert status in ("ok", "refused"), f"{name}: {status}\n{message}"
    assert not unclear_refusal(message), f"{name}: {unclear_refusal(message)}"


def unclear_refusal(message: str) -> str:
    """What is wrong with a refusal's message ('' if nothing): several lines, parser text."""
    if "\n" in message.strip():
        return f"a refusal of several lines:\n{message}"
    internal = [text for text in PARSER_TEXT if text in message]
    return f"the parser's own text {internal} in: {message}" if internal else ""


def _never_ends_on_a_hang_file(path: str) -> object:
    """A stand-in importer for the guard's own test: it hangs on one file, reads the rest."""
    if Path(path).name == "hang.mid":
        time.sleep(3600)
    return read_midi(path)


def test_a_worker_reports_a_hang_under_the_file_name_and_goes_on() -> None:
    names = ["hang.mid", *FIXTURE_NAMES[:2]]
    paths = [str(FUZZ_DIR / name) for name in names]
    found: dict[str, Outcome] = {}
    start = time.monotonic()
    remaining = _run_worker(paths, found, _never_ends_on_a_hang_file)
    assert found[paths[0]][0] == "hang"
    assert remaining == paths[1:]
    assert time.monotonic() - start < WORKER_START_TIMEOUT_S + PER_FILE_TIMEOUT_S + 5
    _run_worker(remaining, found)
    assert set(found) == set(paths)


def _dies_on_a_crash_file(path: str) -> object:
    """A stand-in importer that kills its process on one file, as a C++ abort would."""
    if Path(path).name == "crash.mid":
        os._exit(70)
    return read_midi(path)


def test_a_worker_reports_a_crash_under_the_file_name() -> None:
    paths = [str(FUZZ_DIR / FIXTURE_NAMES[0]), str(FUZZ_DIR / "crash.mid")]
    found: dict[str, Outcome] = {}
    assert _run_worker(paths, found, _dies_on_a_crash_file) == []
    assert found[paths[1]] == ("crash", "the worker died, exit code 70")
    assert found[paths[0]][0] in ("ok", "refused", "traceback")


# Random well-framed files -----------------------------------------------------------------


META_TYPES = (0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x20, 0x2F, 0x51, 0x54, 0x58, 0x59, 0x7F)
deltas = st.one_of(st.integers(0, 127), st.integers(0, 2**14), st.integers(0, 2**21))
channel_events = st.builds(
    lambda status, channel, data: bytes((status | channel, *data[: 1 if status >= 0xC0 else 2])),
    st.sampled_from((0x80, 0x90, 0x90, 0xA0, 0xB0, 0xC0, 0xD0, 0xE0)),
    st.integers(0, 15),
    st.lists(st.integers(0, 127), min_size=2, max_size=2),
)
meta_events = st.builds(
    lambda kind, data: bytes((0xFF, kind)) + vlq(len(data)) + data,
    st.sampled_from(META_TYPES),
    st.binary(max_size=8),
)
sysex_events = st.binary(max_size=6).map(lambda data: b"\xf0" + vlq(len(data) + 1) + data + b"\xf7")
events = st.tuples(deltas, st.one_of(channel_events, channel_events, meta_events, sysex_events))


@st.composite
def midi_files(draw: st.DrawFn) -> bytes:
    """A header and 1-3 track chunks with true lengths, holding random events."""
    track_count = draw(st.integers(1, 3))
    file_type = draw(st.sampled_from((0, 1, 1, 2)))
    division = draw(st.sampled_from((1, 24, 96, 480, 960, 0x7FFF, 0xE728)))
    data = b"MThd" + struct.pack(">IHHH", 6, file_type, track_count, division)
    for _ in range(track_count):
        body = b"".join(vlq(delta) + event for delta, event in draw(st.lists(events, max_size=24)))
        if draw(st.booleans()):
            body += b"\x00\xff\x2f\x00"
        data += b"MTrk" + struct.pack(">I", len(body)) + body
    return data


class ImportTookTooLongError(Exception):
    """Raised by the interval timer: the import ran past PER_FILE_TIMEOUT_S."""


@pytest.fixture
def hang_alarm() -> Iterator[list[str]]:
    """Arms nothing itself; while a test runs, SIGALRM raises and is noted in the list, so a
    hang fails the test even if the importer turned the exception into a MidiImportError."""
    alarms: list[str] = []

    def on_alarm(_signal: int, _frame: FrameType | None) -> None:
        alarms.append(f"an import ran past {PER_FILE_TIMEOUT_S} s")
        raise ImportTookTooLongError(alarms[-1])

    previous = signal.signal(signal.SIGALRM, on_alarm)
    try:
        yield alarms
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=midi_files())
def test_a_random_file_imports_or_raises_midi_import_error(
    data: bytes, hang_alarm: list[str]
) -> None:
    hang_alarm.clear()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "random.mid"
        path.write_bytes(data)
        signal.setitimer(signal.ITIMER_REAL, PER_FILE_TIMEOUT_S)
        message = ""
        try:
            read_midi(path)
        except MidiImportError as err:
            message = str(err)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    assert not hang_alarm
    assert not unclear_refusal(message)
