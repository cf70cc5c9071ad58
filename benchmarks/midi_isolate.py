"""Run one call in a forked child under a time and memory limit, and measure it.

The MIDI benchmarks feed Tessera files that may hang it or make it allocate without end, so
every import runs here: a hang costs `timeout_s`, a blow-up hits `memory_mib` of address space
(RLIMIT_AS) in the child, and the benchmark goes on to the next file with the outcome recorded
instead of stalling or taking the machine down.

The child is `os.fork`ed, not spawned: the parent has already imported numpy, symusic, mido and
the engine, so a fork costs milliseconds where a fresh interpreter costs most of a second per
file. Its result travels back as JSON in a temporary file (a pipe would block the child once
it filled). Peak memory is the child's `ru_maxrss` from `os.wait4`, so it is known even for a
child that was killed; it includes the pages the child shares with the parent, so
`fork_baseline_kib` says what a child that does nothing reports.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

POLL_S = 0.002

Payload = dict[str, Any]
"""What the child's call returns: any JSON-serialisable mapping."""


@dataclass(frozen=True)
class Isolated:
    """How one isolated call ended.

    `status` is "returned" (the call returned `payload`), "raised" (an exception: its type,
    message and traceback are in `error_type`, `error`, `trace`), "timeout" (killed after
    `timeout_s`), or "died" (killed by a signal or exited without a result: a crash, or the
    kernel refusing memory in C++ code that could not raise; `signal_number` says which).
    """

    status: str
    elapsed_s: float
    peak_rss_kib: int
    payload: Payload | None = None
    error_type: str = ""
    error: str = ""
    trace: str = ""
    signal_number: int = 0


def run_isolated(call: Callable[[], Payload], timeout_s: float, memory_mib: int) -> Isolated:
    """Run `call()` in a forked child limited to `timeout_s` seconds and `memory_mib` MiB."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        result_path = handle.name
    try:
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the child never returns from here
            _child(call, result_path, memory_mib)
        return _wait(pid, result_path, timeout_s)
    finally:
        os.unlink(result_path)


def _child(call: Callable[[], Payload], result_path: str, memory_mib: int) -> None:
    """Set the limits, run the call, write what happened, and exit without cleanup handlers."""
    code = 0
    try:
        limit = memory_mib * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        start = time.perf_counter()
        try:
            payload = call()
            record: Payload = {"status": "returned", "payload": payload}
        except Exception as err:
            record = {
                "status": "raised",
                "error_type": type(err).__name__,
                "error": str(err),
                "trace": traceback.format_exc(limit=-8),
            }
        record["elapsed_s"] = time.perf_counter() - start
        text = json.dumps(record)
        with open(result_path, "w", encoding="utf-8") as out:
            out.write(text)
    except BaseException:  # a MemoryError while recording, or anything else: no result
        code = 3
    os._exit(code)


def _wait(pid: int, result_path: str, timeout_s: float) -> Isolated:
    start = time.perf_counter()
    deadline = start + timeout_s
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            break
        if time.perf_counter() > deadline:
            os.kill(pid, signal.SIGKILL)
            _, status, usage = os.wait4(pid, 0)
            return Isolated("timeout", time.perf_counter() - start, usage.ru_maxrss)
        time.sleep(POLL_S)
    wall_s = time.perf_counter() - start
    peak = usage.ru_maxrss
    if os.WIFSIGNALED(status) or os.path.getsize(result_path) == 0:
        number = os.WTERMSIG(status) if os.WIFSIGNALED(status) else 0
        return Isolated("died", wall_s, peak, signal_number=number)
    with open(result_path, encoding="utf-8") as handle:
        record = json.load(handle)
    return Isolated(
        status=record["status"],
        elapsed_s=float(record["elapsed_s"]),
        peak_rss_kib=peak,
        payload=record.get("payload"),
        error_type=record.get("error_type", ""),
        error=record.get("error", ""),
        trace=record.get("trace", ""),
    )


def fork_baseline_kib() -> int:
    """The peak RSS a child reports that does nothing: what every measurement starts from."""
    return run_isolated(dict, timeout_s=10.0, memory_mib=64 * 1024).peak_rss_kib
